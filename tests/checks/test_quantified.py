import pytest

from .helpers import hits

PARAMS = {"field": "target", "vague": "vague-phrases", "labels_ok_in": ["质量指标", "时效指标"]}


def ind(target, level2="社会效益指标", level1="效益指标", extra=""):
    return f'''[[indicators]]
level1 = "{level1}"
level2 = "{level2}"
name = "某指标"
target = "{target}"
{extra}'''


@pytest.mark.parametrize("target,variant", [
    ("有效提高", "vague"),
    ("进一步提高服务水平", "vague"),
    ("符合市区相关要求", "vague"),
    ("开展好“三会一课”", "no-number"),
    ("没有停水", "no-number"),
])
def test_fires_on_unquantified(target, variant):
    [hit] = hits("quantified", ind(target), PARAMS)
    assert hit.variant == variant
    assert hit.path == "indicators[0].target"
    assert hit.vars["value"] == target


@pytest.mark.parametrize("target", ["≥95%", "不低于90%", "100%", "70份及以上", "≤1", "11月底前",
                                    "25~30人", "≥4次/年、其中体育活动≥2次", "≥1次/月",
                                    "部分达成年度指标并具有一定效果"])
def test_silent_on_figures(target):
    assert hits("quantified", ind(target), PARAMS) == []


def test_labels_depend_on_the_category():
    assert hits("quantified", ind("合格", level1="产出指标", level2="质量指标"), PARAMS) == []
    [hit] = hits("quantified", ind("合格", level1="产出指标", level2="数量指标"), PARAMS)
    assert hit.variant == "label"


def test_blank_na_and_placeholders_are_left_to_other_rules():
    for target in ("", "不适用", "/", "XX%"):
        assert hits("quantified", ind(target), PARAMS) == []


def test_missing_field_is_not_this_checks_business():
    text = '[[indicators]]\nlevel1 = "效益指标"\nlevel2 = "社会效益指标"\nname = "x"\n'
    assert hits("quantified", text, PARAMS) == []


def test_actual_field_and_numeric_toml_values():
    text = ind("≥90%", extra='actual = "已完成"')
    [hit] = hits("quantified", text, dict(PARAMS, field="actual"))
    assert hit.path == "indicators[0].actual"
    assert hits("quantified", ind("≥90%", extra="actual = 95"), dict(PARAMS, field="actual")) == []


def _row(name, fields):
    body = "".join(f"{k} = {v}\n" for k, v in fields.items())
    return f'[[indicators]]\nlevel1 = "效益指标"\nlevel2 = "社会效益指标"\nname = "{name}"\n{body}'


def test_a_blank_target_on_a_row_filled_in_otherwise_is_missing():
    [hit] = hits("quantified", _row("保护全市人口财产不受损失", {"weight": 10, "score": 10}), PARAMS)
    assert (hit.variant, hit.path) == ("missing", "indicators[0]")
    [hit] = hits("quantified", _row("规章制度建立与否", {"target": '""', "actual": '"已建立"'}), PARAMS)
    assert (hit.variant, hit.path) == ("missing", "indicators[0].target")


@pytest.mark.parametrize("name,fields", [
    ("农村公路建设验收合格率", {}),                           # only a name: a cut page or a merged cell
    ("年度资金支付完成率100%", {"weight": 10, "score": 10}),   # the target printed in the name
    ("资金执行在预算范围内", {"weight": 10, "score": 10}),     # fund management: C007's, not V001's
])
def test_near_misses_of_a_missing_target(name, fields):
    params = dict(PARAMS, left_to="fund-management")
    assert hits("quantified", _row(name, fields), params) == []


def test_a_blank_actual_is_not_the_targets_rule():
    assert hits("quantified", _row("救助人数", {"target": '"≥100人"', "weight": 5}),
                dict(PARAMS, field="actual")) == []
