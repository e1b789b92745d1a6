"""The shipped examples reproduce the seed findings this foundation covers."""
from collections import Counter
from pathlib import Path

import pytest

from linter.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
LUOHU = ROOT / "examples" / "luohu-dangqun-2022.toml"
WUHAN = ROOT / "examples" / "wuhan-huashan-2020.toml"


@pytest.fixture(scope="module")
def luohu():
    report = Engine().check_file(LUOHU, "luohu.toml")
    assert not report.stopped
    return report.findings


def _on(findings, code):
    return [f.indicator for f in findings if f.code == code]


def test_u001_fires_on_every_per_centre_count(luohu):
    fired = _on(luohu, "U001")
    assert fired == [
        "党群服务中心建立服务档案数量",      # 70 份: one centre's standard, six centres
        "党群服务中心个案咨询、辅导完成数量",  # 27 = 17 咨询 + 10 辅导
        "党群服务中心小组活动开展次数",
        "党群服务中心中小型社区活动举办次数",
        "党群服务中心义工队伍组建数量",
        "党群服务中心调研活动开展次数",
        "党群服务中心工作坊活动开展次数",
        "党群服务中心大型社区活动举办次数",
        "党群服务中心阶段性总结报告",
    ]
    archive = next(f for f in luohu if f.code == "U001")
    assert "420" in archive.message and "6 个社区党群服务中心" in archive.message
    assert archive.path == "indicators[2].target"


def test_u001_does_not_fire_on_counts_of_the_whole_project(luohu):
    fired = set(_on(luohu, "U001"))
    assert "党群服务中心运营服务事项数量" not in fired   # 6项
    assert "保障党群服务中心数量" not in fired          # 6个
    assert not any("达标率" in (name or "") for name in fired)


def test_v001_fires_on_vague_targets_only(luohu):
    fired = _on(luohu, "V001")
    assert "提升社区综合服务水平" in fired            # 有效提高
    assert "社区党群服务中心的运转" in fired           # 符合市区相关要求
    assert "群众满意度" not in fired                  # 不低于90%
    assert "党群服务中心运营工作达标率" not in fired    # 100%
    assert "合同履约及时率" not in fired               # ≥90%
    assert len(fired) == 2


def test_payments_fire_once_per_contract(luohu):
    for code in ("P001", "P002"):
        paths = [f.path for f in luohu if f.code == code]
        contracts = [p.split(".")[0] for p in paths]
        assert contracts == ["contracts[0]", "contracts[1]", "contracts[2]"], (code, paths)
    p2 = [f.message for f in luohu if f.code == "P002"]
    assert "46.71" in p2[0] and "良好" in p2[0]
    assert "48.46" in p2[1] and "47.37" in p2[2]


def test_every_finding_is_located(luohu):
    for f in luohu:
        assert f.location.line and f.location.column, f
        assert f.location.file == "luohu.toml"


def test_luohu_has_errors_so_exit_code_is_1(luohu):
    assert any(f.severity == "error" for f in luohu)
    assert Counter(f.code for f in luohu) == {"U001": 9, "V001": 2, "P001": 3, "P002": 3}


def test_wuhan_form_is_read_and_checked():
    report = Engine().check_file(WUHAN)
    assert not report.stopped
    fired = _on(report.findings, "V001")
    assert "宣传贯彻好党的十九大精神" in fired
    assert "创造良好的社区卫生环境" in fired
    # quantified or labelled targets are fine
    for ok in ("支部党日活动次数", "白山羊社区建设验收情况", "社区惠民项目预期目标是否达到",
               "社区惠民资金", "社区党员培训成本", "开展文艺演出场次"):
        assert ok not in fired
    # no Shenzhen rules unless the form asks for them
    assert not _on(report.findings, "U001")
    # labels with points are known categories (产出指标(40分), 质量指标(10))
    assert not _on(report.findings, "E004")
