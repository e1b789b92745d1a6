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
