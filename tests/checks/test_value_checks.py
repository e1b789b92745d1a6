"""The value checks beyond `quantified`: V002-V012's functions."""
import pytest

from .helpers import hits, ind, table

CLAIMS = {"claims": "completion-claims", "zero_phrases": "zero-phrases"}


@pytest.mark.parametrize("target,actual,variant", [
    ("≥90%", "已达标", "claim"),
    ("≥90%", "全部达成预期指标", "claim"),
    ("≥1次/月", "线上线下一周一课", "no-number"),
    ("设备及时送到率", "及时完成", "claim"),        # a bare claim, whatever the target
])
def test_actual_not_measurable(target, actual, variant):
    [hit] = hits("actual_measurable", ind(target=target, actual=actual), CLAIMS)
    assert hit.variant == variant and hit.path == "indicators[0].actual"


@pytest.mark.parametrize("target,actual", [
    ("≥90%", "96.5%"), ("≥50车", "没有停水"), ("11月底前", "11月20日"),
    ("开展好“三会一课”", "规范“三会一课”、组织生活会等机制"),  # prose against prose: V001's
    ("达成年度指标", "达成年度指标"), ("≥90%", "不适用"),
])
def test_actual_measurable(target, actual):
    assert hits("actual_measurable", ind(target=target, actual=actual), CLAIMS) == []


def test_actual_measurable_uses_the_split_unit_columns():
    # 指标性质 | 指标值 | 度量单位 in three fields: actual 96 takes the unit %
    text = ind(target=90, comparator="≥", unit="%", actual=96)
    assert hits("actual_measurable", text, CLAIMS) == []


@pytest.mark.parametrize("target,glyph,standard", [("≧95%", "≧", "≥"), ("═100%", "═", "="),
                                                   (">=90%", ">=", "≥"), ("≦200元/人", "≦", "≤")])
def test_nonstandard_comparator(target, glyph, standard):
    [hit] = hits("standard_comparator", ind(target=target))
    assert (hit.vars["glyph"], hit.vars["standard"]) == (glyph, standard)


@pytest.mark.parametrize("target", ["≥95%", "不低于90%", "70份以上", "＞5个"])
def test_standard_comparators(target):
    # full-width ＞ is folded by NFKC but reported as a look-alike glyph
    found = hits("standard_comparator", ind(target=target))
    assert [h.vars["glyph"] for h in found] == (["＞"] if "＞" in target else [])


UNITS = {"unitless_ok": ["指数"], "rate_words": "rate-words"}


@pytest.mark.parametrize("target,actual,variant", [
    ("≤1", "99.5%", "mismatch"),
    ("≥6", None, "no-unit"),
    ("≥90%", "93人", "mismatch"),
    ("≥6个", "7场", "mismatch"),
])
def test_units_disagree(target, actual, variant):
    fields = {"target": target} if actual is None else {"target": target, "actual": actual}
    [hit] = hits("units_agree", ind(**fields), UNITS)
    assert hit.variant == variant


@pytest.mark.parametrize("name,target,actual", [
    ("服务档案数量", "≥420份", "486份"),
    ("社区惠民资金", "16.12万元/社区", "16.12万/社区"),   # 万 and 万元 are the same money
    ("幸福指数", "≥85", "88"),                            # an index has no unit
    ("满意度", "≥100", None),                             # a rate without %: V005's
    ("服务档案数量", "≥90", "92"),                        # split columns, see below
])
def test_units_agree(name, target, actual):
    fields = {"target": target}
    if actual is not None:
        fields["actual"] = actual
    if name == "服务档案数量" and target == "≥90":
        fields.update(target=90, comparator="≥", unit="份", actual=92)
    assert hits("units_agree", ind(name=name, **fields), UNITS) == []


PCT = {"field": "target", "rate_words": "rate-words", "allow_over_100": ["增长"]}


@pytest.mark.parametrize("name,target,variant", [
    ("社区居民满意度", "≥100", "no-percent"),
    ("验收合格率", "120%", "over-100"),
    ("验收合格率", "105百分比", "over-100"),
    ("验收合格率", "90~110%", "over-100"),
])
def test_percent_out_of_range(name, target, variant):
    [hit] = hits("percent_in_range", ind(name=name, target=target), PCT)
    assert hit.variant == variant


@pytest.mark.parametrize("name,target", [("社区居民满意度", "≥90%"), ("服务人次", "≥100人次"),
                                         ("服务收入增长率", "≥120%"), ("验收合格率", "百分之九十")])
def test_percent_in_range(name, target):
    assert hits("percent_in_range", ind(name=name, target=target), PCT) == []


DIRECTION = {"at_least_in": ["数量指标"], "at_most_in": ["成本指标"]}


def test_comparator_direction():
    assert hits("comparator_direction", ind(target="≤10场"), DIRECTION)[0].variant == "should-be-at-least"
    assert hits("comparator_direction", ind(level2="成本指标", target="不低于200元/人"),
                DIRECTION)[0].variant == "should-be-at-most"
    assert hits("comparator_direction", ind(target="≥10场"), DIRECTION) == []
    assert hits("comparator_direction", ind(level2="成本指标", target="≤200元/人"), DIRECTION) == []


def test_percent_only_on_rates():
    params = {"rate_words": "rate-words"}
    assert len(hits("percent_only_on_rates", ind(name="开展培训场次", target="100%"), params)) == 1
    assert hits("percent_only_on_rates", ind(name="培训计划完成率", target="100%"), params) == []
    assert hits("percent_only_on_rates", ind(name="开展培训场次", target="≥6场"), params) == []


def test_has_field():
    assert hits("has_field", ind(target="≥4场"), {"field": "actual"})[0].path == "indicators[0]"
    assert hits("has_field", ind(target="≥4场", actual=" "), {"field": "actual"})
    assert hits("has_field", ind(target="≥4场", actual="5场"), {"field": "actual"}) == []
    assert hits("has_field", ind(name="不适用", target="不适用"), {"field": "actual"}) == []


SAT = {"min": 80, "complaints": "complaint-words"}


@pytest.mark.parametrize("target,variant", [("实现服务项目零投诉", "complaints"), ("≥75%", "too-low"),
                                            ("100%", "is-100"), ("≥100%", "is-100"), ("≥90分", "no-percent")])
def test_satisfaction_target(target, variant):
    [hit] = hits("satisfaction_target", ind(level1="满意度指标", level2="服务对象满意度指标",
                                             target=target), SAT)
    assert hit.variant == variant


@pytest.mark.parametrize("target", ["≥90%", "不低于百分之九十", "≥100", "有效提高"])
def test_satisfaction_target_ok_or_other_rules(target):
    assert hits("satisfaction_target", ind(level1="满意度指标", target=target), SAT) == []


def test_satisfaction_100_allowed_by_param():
    assert hits("satisfaction_target", ind(target="100%"), dict(SAT, allow_100=True)) == []


GRADED = {"accepted": ["合格", "是"], "claims": "completion-claims"}


@pytest.mark.parametrize("actual,fires", [("良好", True), ("较好", True), ("达成年度指标", False),
                                          ("合格", False), ("已达标", False), ("96%", False),
                                          ("开展了大量工作，居民普遍认可", False)])
def test_graded_actual(actual, fires):
    text = ind(level1="效益指标", level2="社会效益指标", target="达成年度指标", actual=actual)
    assert bool(hits("graded_actual", text, GRADED)) is fires


@pytest.mark.parametrize("target,fires", [("2023年3月底前", True), ("2022年12月31日前", False),
                                          ("11月底前", False), ("上半年", False)])
def test_deadline_in_year(target, fires):
    text = table("project", name="x", year=2022) + ind(level2="时效指标", target=target)
    assert bool(hits("deadline_in_year", text)) is fires


@pytest.mark.parametrize("target,actual,variant", [("≥80%", "≥80%", "same-as-target"),
                                                   ("≥80%", "不低于85%", "comparator")])
def test_actual_copied_from_target(target, actual, variant):
    [hit] = hits("actual_not_a_target", ind(target=target, actual=actual))
    assert hit.variant == variant


@pytest.mark.parametrize("actual", ["93.5%", "达到90%", "100人以上", "25~30人"])
def test_actual_reports_a_result(actual):
    assert hits("actual_not_a_target", ind(target="≥80%", actual=actual)) == []


def test_a_timeliness_target_that_is_a_period():
    from .helpers import hits, ind
    [hit] = hits("deadline_in_year", '[project]\nname = "x"\nyear = 2021\n'
                 + ind("项目实施时间", level2="时效指标", target="2021年1月-12月"))
    assert hit.variant == "period"
    # near misses: a deadline in the year; a period under 数量 (a service period)
    assert hits("deadline_in_year", '[project]\nname = "x"\nyear = 2021\n'
                + ind("完成时间", level2="时效指标", target="2021年11月底前")) == []
    assert hits("deadline_in_year", '[project]\nname = "x"\nyear = 2021\n'
                + ind("服务月数", target="2021年1月-12月")) == []


def test_a_rate_counted_in_people_or_days():
    from .helpers import hits, ind
    params = {"unitless_ok": ["指数"], "rate_words": "rate-words"}
    [hit] = hits("units_agree", ind("家庭医生签约率", target="24694人", actual="22584人"), params)
    assert hit.variant == "rate-unit"
    [hit] = hits("units_agree", ind("检测及时率", target="≤7工作日"), params)
    assert hit.variant == "rate-unit"
    # near misses: a rate in %, a per-what (元/人 is a unit cost), a non-rate count
    assert hits("units_agree", ind("家庭医生签约率", target="≥85%", actual="88%"), params) == []
    assert hits("units_agree", ind("人均费率", target="≤200元/人"), params) == []
    assert hits("units_agree", ind("签约人数", target="≥24694人", actual="22584人"), params) == []


@pytest.mark.parametrize("name,target,fires", [
    ("2021年11月30日前完成资金支付", "11月底完成100%", True),    # the year only in the name, and the wrong one
    ("2022年11月30日前完成资金支付", "11月底完成100%", False),
    ("2021年11月30日前完成资金支付", "2022年11月底前", False),   # the target's own year decides
    ("2021年全年服务时长", "≥360天", False),                     # a period named, not a deadline
])
def test_a_deadline_printed_in_the_name(name, target, fires):
    text = table("project", name="x", year=2022) + ind(name, level2="时效指标", target=target)
    found = hits("deadline_in_year", text)
    assert bool(found) is fires
    if fires:
        assert found[0].path == "indicators[0].name"
