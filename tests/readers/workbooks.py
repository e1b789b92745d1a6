"""Workbooks and tables the reader tests build (no binary fixtures).

`national_sheet` lays out a 项目支出绩效自评表 the way the printed form does —
merged label blocks, a money block with 其中： sources, an execution rate
formatted as a percentage, 一级 labels merged down and 二级 continuation cells
left blank — written cell by cell with openpyxl, independently of jxlint's own
writer, so the reader is tested against the layout and not against itself.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from linter.engine.core import Engine

ROOT = Path(__file__).resolve().parent.parent.parent
LONGGANG_TSV = ROOT / "tests" / "data" / "longgang-2020.tsv"
LONGGANG_EXAMPLES = sorted((ROOT / "examples" / "longgang-2020").glob("*.toml"))
# sha256 of seed 002 as it ships (the fixture must stay a byte-for-byte copy)
LONGGANG_SHA256 = "2eec97a696843e4714d3a0df3d14db7ac484c4743704a54c56a5be06a8d626f8"


def tsv_rows(path: Path = LONGGANG_TSV):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t"))


def write_rows(rows, path: Path, sheet: str = "Sheet1") -> Path:
    """A workbook holding `rows` cell for cell (empty strings stay empty)."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value not in (None, ""):
                ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def findings(path: Path, display: str = None, engine: Engine = None):
    report = (engine or Engine()).check_file(path, display or path.name)
    return report


def key(findings, with_location=False):
    """Findings as a multiset of (code, path, message[, sheet, cell])."""
    return Counter((f.code, f.path, f.message) + ((f.location.sheet, f.location.cell) if with_location else ())
                   for f in findings)


# --- a national self-evaluation sheet, built by hand --------------------------

NATIONAL_TOML = '''format = 1
kind = "self-evaluation"

[project]
name = "社区居家养老服务"
department = "某区民政局"
implementer = "某街道办事处"
year = 2022
goal = "为辖区 300 名高龄老人提供居家养老服务"
goal_result = "全年服务 280 名老人"

[budget]
unit = "万元"
initial = 100
adjusted = 96
actual = 95.5
weight = 10
stated_rate = "99.5%"
score = 9.95

[[budget.sources]]
name = "当年财政拨款"
initial = 100
adjusted = 96
actual = 95.5

[[indicators]]
level1 = "产出指标(50分)"
level2 = "数量指标"
name = "青少年活动参与人数(2分)"
target = "≥30人/次"
actual = "25人/次"
weight = 20
score = 20

[[indicators]]
level1 = "产出指标(50分)"
level2 = "数量指标"
name = "服务老人数量"
target = "≥300人"
actual = "280人"
weight = 15
score = 14

[[indicators]]
level1 = "产出指标(50分)"
level2 = "时效指标"
name = "服务开展情况"
target = "有效提高"
actual = "已完成"
weight = 15
score = 15

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "老人生活质量"
target = "明显改善"
actual = "良好"
weight = 30
score = 30

[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
target = "≥90%"
actual = "96%"
weight = 10
score = 10

[evaluation]
total_score = 98.95
grade = "优"
'''


def national_sheet(path: Path, sheet: str = "自评表") -> Path:
    """The form of NATIONAL_TOML as a printed national self-evaluation sheet."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    put = lambda ref, v: ws.__setitem__(ref, v)  # noqa: E731
    put("A1", "项目支出绩效自评表")
    ws.merge_cells("A1:I1")
    put("A2", "（ 2022 年度）")
    ws.merge_cells("A2:I2")
    put("A3", "项目名称")
    ws.merge_cells("A3:B3")
    put("C3", "社区居家养老服务")
    ws.merge_cells("C3:I3")
    put("A4", "主管部门")
    ws.merge_cells("A4:B4")
    put("C4", "某区民政局")
    ws.merge_cells("C4:E4")
    put("F4", "实施单位")
    put("G4", "某街道办事处")
    ws.merge_cells("G4:I4")
    put("A5", "项目资金\n（万元）")
    ws.merge_cells("A5:B9")
    for col, label in zip("DEFGHI", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        put(f"{col}5", label)
    put("C6", "年度资金总额")
    for col, v in zip("DEFG", (100, 96, 95.5, 10)):
        put(f"{col}6", v)
    put("H6", 0.995)
    ws["H6"].number_format = "0.0%"
    put("I6", 9.95)
    put("C7", "其中：当年财政拨款")
    for col, v in zip("DEFGHI", (100, 96, 95.5, "—", "—", "—")):
        put(f"{col}7", v)
    put("C8", "上年结转资金")        # nothing printed: no source recorded
    put("C9", "其他资金")
    put("A10", "年度总体目标")
    ws.merge_cells("A10:A11")
    put("B10", "预期目标")
    ws.merge_cells("B10:E10")
    put("F10", "实际完成情况")
    ws.merge_cells("F10:I10")
    put("B11", "为辖区 300 名高龄老人提供居家养老服务")
    ws.merge_cells("B11:E11")
    put("F11", "全年服务 280 名老人")
    ws.merge_cells("F11:I11")
    put("A12", "绩效指标")
    ws.merge_cells("A12:A17")
    for col, label in zip("BCDEFGHI", ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                       "分值", "得分", "偏差原因分析及改进措施")):
        put(f"{col}12", label)
    rows = [
        ("产出指标(50分)", "数量指标", "青少年活动参与人数(2分)", "≥30人/次", "25人/次", 20, 20),
        (None, None, "服务老人数量", "≥300人", "280人", 15, 14),   # blank continuation cells
        (None, "时效指标", "服务开展情况", "有效提高", "已完成", 15, 15),
        ("效益指标", "社会效益指标", "老人生活质量", "明显改善", "良好", 30, 30),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", 0.96, 10, 10),
    ]
    for i, row in enumerate(rows):
        r = 13 + i
        for col, v in zip("BCDEFGH", row):
            if v is not None:
                put(f"{col}{r}", v)
    ws["F17"].number_format = "0%"
    ws.merge_cells("B13:B15")  # 产出指标 merged down over its three rows
    put("A18", "总分")
    ws.merge_cells("A18:F18")
    put("G18", 100)
    put("H18", 98.95)
    put("A19", "评价等级")
    put("B19", "优")
    ws.merge_cells("B19:I19")
    wb.save(path)
    return path
