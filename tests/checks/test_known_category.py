import pytest

from .helpers import hits


def ind(level1, level2):
    return f'[[indicators]]\nlevel1 = "{level1}"\nlevel2 = "{level2}"\nname = "x"\ntarget = "1个"\n'


@pytest.mark.parametrize("l1,l2", [
    ("产出指标", "数量指标"), ("产出指标(50分)", "质量指标(10)"), ("产出", "数量"),
    ("产出值", "数量值"), ("效益指标", "环境效益指标"), ("满意度指标", "服务对象满意度"),
    ("成本指标", "经济成本指标"), ("产出指标", "成本指标"), ("效益", "可持续影响"),
    ("产出指标（40分）", "时效指标（3分）"),
])
def test_known(l1, l2):
    assert hits("known_category", ind(l1, l2)) == []


@pytest.mark.parametrize("l1,l2,variant,path", [
    ("产出目标值", "数量指标", "level1", "level1"),
    ("产出指标", "数目指标", "level2", "level2"),
    ("产出指标", "社会效益指标", "pair", "level2"),
    ("满意度指标", "数量指标", "pair", "level2"),
])
def test_unknown(l1, l2, variant, path):
    [hit] = hits("known_category", ind(l1, l2))
    assert hit.variant == variant
    assert hit.path == f"indicators[0].{path}"
    assert hit.vars["allowed"]


@pytest.mark.parametrize("l1,l2", [
    ("產出指標(50分)", "數量指標"),                       # republished in traditional script
    ("产出指标", "数量指标（必填硬性指标）"),              # template prompt left in the label
    ("产出指标", "质量指标(选填)"),
    ("效益指标（30分）", "社会效益指标（权重）"),
    ("产出指标", "产出数量"),                             # the evaluation framework's 二级
])
def test_printed_variants_of_known_labels(l1, l2):
    assert hits("known_category", ind(l1, l2)) == []


def test_rubric_rows_are_not_indicators():
    """Rows of an evaluation rubric (项目决策, 项目管理) printed in the table
    are skipped by every indicator rule (the selector), not reported as
    unknown categories or unmeasurable names."""
    from linter.engine.core import Engine
    text = ('kind = "evaluation"\n[project]\nname = "x"\n' + ind("项目决策", "决策依据")
            + ind("项目管理", "资金到位率") + ind("产出指标", "数量指标"))
    codes = {(f.code, f.path) for f in Engine().check_text(text).findings}
    assert not [c for c in codes if c[1].startswith(("indicators[0]", "indicators[1]"))], codes
    # the near miss: an unknown 一级 that is not a rubric label is still reported
    text = 'kind = "target"\n[project]\nname = "x"\n' + ind("项目产出值", "数量指标")
    assert ("E004", "indicators[0].level1") in {(f.code, f.path) for f in Engine().check_text(text).findings}


def test_a_form_without_second_level_is_told_once():
    text = ind("产出指标", "") + ind("产出指标", "") + ind("效益指标", "")
    [hit] = hits("known_category", text)
    assert (hit.variant, hit.path) == ("no-level2", "indicators[0].level2")
    # one row without 二级 in a form that prints them elsewhere is that row's problem
    [hit] = hits("known_category", ind("产出指标", "数量指标") + ind("产出指标", ""))
    assert (hit.variant, hit.path) == ("level2", "indicators[1].level2")


def test_a_rule_on_values_may_read_rubric_rows_that_print_a_target():
    """部门整体 forms print 管理指标 rows with targets (结余率 小于5%) and actuals:
    V002 (include = ["rubric"]) reads them; category and name rules do not."""
    from linter.engine.core import Engine
    rubric = ('[[indicators]]\nlevel1 = "管理指标"\nlevel2 = "结转结余资金管理"\nname = "结余率"\n'
              'target = "小于5%"\nactual = "达成目标值"\n')
    text = 'kind = "self-evaluation"\n[project]\nname = "x"\n' + rubric + ind("产出指标", "数量指标")
    found = {(f.code, f.path) for f in Engine().check_text(text).findings}
    assert ("V002", "indicators[0].actual") in found
    assert not [c for c in found if c[0] in ("E004", "N001", "C006") and c[1].startswith("indicators[0]")]
    # the near miss: a rubric row that prints neither target nor actual stays skipped
    text = text.replace('target = "小于5%"\n', "").replace('actual = "达成目标值"\n', "")
    assert not [c for c in {(f.code, f.path) for f in Engine().check_text(text).findings}
                if c[1].startswith("indicators[0]")]
