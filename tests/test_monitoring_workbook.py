"""A 绩效运行监控表 workbook in the common wording reads into a monitoring form
(rules/templates/monitoring.toml): as_of, per indicator progress, forecast,
偏差原因 and 纠偏措施, and the money executed so far; M001-M003 then point at
its cells."""
import datetime as dt

import pytest

openpyxl = pytest.importorskip("openpyxl")

from linter.engine.core import Engine  # noqa: E402
from linter.readers import read_file  # noqa: E402


def build(path, *, as_of_row=True, progress_header="1-6月执行情况", money_actual="1-6月执行数"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "监控表"
    rows = [
        ["项目支出绩效运行监控表"],
        ["（2024年度）"],
        ["项目名称", "社区居家养老服务"],
        ["主管部门", "某区民政局", "实施单位", "某街道办事处"],
    ]
    if as_of_row:
        rows.append(["监控时点", "2024年6月30日"])
    rows += [
        ["项目资金（万元）", "", "年初预算数", "全年预算数", money_actual, "执行率"],
        ["", "年度资金总额", 200, 200, 40, "20%"],
        ["", "其中：财政拨款", 200, 200, 40, "20%"],
        ["年度总体目标", "为辖区 300 名老人提供上门服务"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", progress_header, "全年预计完成情况", "偏差原因", "纠偏措施"],
        ["产出指标", "数量指标", "上门服务人次", "≥1200人次", "300人次", "1200人次", "服务机构更换", ""],
        ["", "", "文艺演出场次", "≥10场", "9场", "12场", "", ""],
        ["", "时效指标", "服务完成时间", "2024年12月31日前", "进行中", "按时完成", "", ""],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "", "95%", "", ""],
        ["预算执行偏差原因", "设备采购合同 7 月签订"],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_monitoring_workbook_reads_into_the_format(tmp_path):
    result = read_file(build(tmp_path / "监控表.xlsx"), "监控表.xlsx")
    [form] = result.forms
    data = form.data
    assert data["kind"] == "monitoring"
    assert data["project"]["as_of"] == dt.date(2024, 6, 30) and data["project"]["year"] == 2024
    assert {k: data["budget"][k] for k in ("initial", "adjusted", "actual")} == {"initial": 200, "adjusted": 200,
                                                                                 "actual": 40}
    assert data["budget"]["explanation"] == "设备采购合同 7 月签订"
    first, second = data["indicators"][:2]
    assert (first["name"], first["target"], first["progress"], first["forecast"], first["deviation"]) == (
        "上门服务人次", "≥1200人次", "300人次", "1200人次", "服务机构更换")
    assert second["level2"] == "数量指标" and second["progress"] == "9场"
    assert form.source_map.locate("indicators[0].progress") == ("监控表", "E11")
    assert form.labels["indicators.progress"] == "1-6月执行情况"


def test_as_of_from_the_month_the_header_names(tmp_path):
    path = build(tmp_path / "m.xlsx", as_of_row=False, progress_header="截至9月底完成值",
                 money_actual="1-9月执行数")
    [form] = read_file(path, "m.xlsx").forms
    assert form.data["project"]["as_of"] == dt.date(2024, 9, 30)
    assert form.data["budget"]["actual"] == 40
    assert form.source_map.locate("project.as_of") == ("监控表", "E9")


def test_the_rules_point_at_the_cells(tmp_path):
    report = Engine().check_file(build(tmp_path / "监控表.xlsx"), "监控表.xlsx")
    found = {(f.code, f.location.cell) for f in report.findings if f.code.startswith("M")}
    assert found == {("M001", "E7"), ("M003", "E7"),      # money: 20 % at 49.7 % of the year, no 纠偏措施
                     ("M001", "E11"), ("M003", "E11"),    # 上门服务人次 300 of 1200: red, no 纠偏措施
                     ("M002", "E12")}                     # 文艺演出场次 9 of 10: the target may be too low
