"""Weights and scores: S001-S011's functions, and linter.outcome."""
import pytest

from linter.model.outcome import AT_LEAST, AT_MOST, WITHIN, compare
from linter.model.values import parse

from .helpers import SCORING, hits, ind, table


@pytest.mark.parametrize("target,actual,direction,met,used", [
    ("≥30人/次", "25~30人", AT_LEAST, False, 25),       # a range actual counts by its worse end
    ("≥2次/年", "2次/年", AT_LEAST, True, 2),
    ("=100%", "99%", AT_LEAST, False, 99),              # = behaves as ≥
    ("100%", "100%", AT_LEAST, True, 100),
    ("≤200元/人", "260元/人", AT_MOST, False, 260),
    ("25~30人", "28人", WITHIN, True, 28),
    ("25~30人", "35人", WITHIN, False, 35),
    ("不低于90%", "92%", AT_LEAST, True, 92),
    ("70份以上", "70份", AT_LEAST, True, 70),           # 以上 is inclusive
])
def test_compare(target, actual, direction, met, used):
    result = compare(parse(target), parse(actual))
    assert (result.direction, result.met, result.actual) == (direction, met, used)


@pytest.mark.parametrize("target,actual", [
    ("≥1次/月", "12次/年"),      # per month against per year
    ("≤1", "99.5%"),             # a rate against a bare figure
    ("≥6个", "良好"), ("有效提高", "100%"), ("≥90%", "93人"),
])
def test_compare_refuses_what_is_not_comparable(target, actual):
    assert compare(parse(target), parse(actual)) is None


def test_zero_phrases_count_as_zero():
    result = compare(parse("≥50车"), parse("没有停水"), ["没有"])
    assert result.actual == 0 and not result.met
    assert compare(parse("≥50车"), parse("没有停水")) is None


@pytest.mark.parametrize("target,actual,expected", [
    ("≥30人", "25人", 2 * 25 / 30), ("≤200元", "260元", 2 * 0.7), ("≤200元", "500元", 0.0),
    ("≥2次", "3次", 2),
])
def test_expected_score(target, actual, expected):
    assert compare(parse(target), parse(actual)).expected_score(2) == pytest.approx(expected)


def scored_ind(name="指标", target="≥2次", actual="2次", weight=2, score=2, **more):
    return ind(name=name, target=target, actual=actual, weight=weight, score=score, **more)


def test_weights_sum_category_and_total():
    text = table("budget", weight=20) + "[weights]\n\"产出指标/数量指标\" = 20\n" \
        + scored_ind(level2="数量指标(20分)", weight=16, score=16) \
        + scored_ind(level1="效益指标", level2="社会效益指标", weight=60, score=60)
    found = hits("weights_sum", text, {"total": 100}, SCORING)
    assert [(h.variant, h.vars["items"]) for h in found] == [("category", "16"), ("total", "96")]
    assert found[0].path == 'weights."产出指标/数量指标"'   # as TOML writes the key


def test_weights_sum_reads_points_printed_in_labels():
    text = scored_ind(level1="产出指标(40分)", level2="数量指标(20分)", weight=16, score=16)
    found = {h.vars["category"]: h.vars["declared"] for h in hits("weights_sum", text, {"total": 16}, SCORING)}
    assert found == {"产出指标/数量指标": "20", "产出指标": "40"}


def test_weights_sum_skips_unweighted_forms():
    assert hits("weights_sum", ind(target="≥2次"), {}, SCORING) == []


NATIONAL = {"profile": "national", "execution": 10,
            "level1": {"产出指标": 50, "效益指标": 30, "满意度指标": 10}}


def test_weight_profile():
    text = table("budget", weight=20) + scored_ind(weight=40) \
        + scored_ind(level1="效益指标", level2="社会效益指标", weight=40)
    [hit] = hits("weights_follow_profile", text, NATIONAL, SCORING)
    assert hit.vars["form_weights"] == "执行率 20、产出指标 40、效益指标 40、满意度指标 0"
    free = {"profile": "indicators-80", "execution": 20, "indicators": 80}
    assert hits("weights_follow_profile", text, free, SCORING) == []


@pytest.mark.parametrize("fields,variant", [({"score": 2}, "no-weights"), ({"weight": 0, "score": 0}, "not-positive")])
def test_weight_positive(fields, variant):
    text = ind(target="≥2次", **fields)
    assert [h.variant for h in hits("weight_positive", text, {}, SCORING)] == [variant]
    assert hits("weight_positive", ind(target="≥2次"), {}, SCORING) == []   # an unscored form


@pytest.mark.parametrize("params,fields,fires", [
    ({}, {"adjusted": 100, "actual": 80, "weight": 10, "score": 10}, True),
    ({}, {"adjusted": 100, "actual": 80, "weight": 10, "score": 8}, False),
    ({}, {"adjusted": 100, "actual": 120, "weight": 10, "score": 10}, False),   # capped at 100 %
    ({"formula": "full-at", "full_at": 0.99}, {"adjusted": 100, "actual": 99.2, "weight": 10, "score": 10}, False),
    ({"formula": "full-at", "full_at": 0.99}, {"adjusted": 100, "actual": 98, "weight": 10, "score": 10}, True),
    ({}, {"stated_rate": "100%", "weight": 20, "score": 20}, False),
])
def test_execution_score(params, fields, fires):
    assert bool(hits("execution_score", table("budget", **fields), params, SCORING)) is fires


FORMULA = {"tolerance": 0.1, "zero_phrases": "zero-phrases"}


@pytest.mark.parametrize("target,actual,score,variant", [
    ("≥30人/次", "25~30人(疫情控人)", 2, "full-for-missed"),
    ("≥50车", "没有停水", 2, "full-for-missed"),
    ("≥30人", "15人", 1.5, "above-formula"),
    ("≥2次", "3次", 1, "lost-on-met"),
    ("≤200元/人", "260元/人", 2, "full-for-missed"),
])
def test_score_formula(target, actual, score, variant):
    found = hits("score_follows_formula", scored_ind(target=target, actual=actual, score=score),
                 FORMULA, SCORING)
    assert [h.variant for h in found] == [variant]


@pytest.mark.parametrize("target,actual,score", [
    ("≥30人/次", "25人/次", 1.67), ("≥2次/年", "1次/年", 1), ("≥2次", "2次", 2),
    ("≥6个", "良好", 2),   # not comparable: the formula says nothing
    ("≤200元/人", "260元/人", 1.4),
])
def test_score_formula_ok(target, actual, score):
    assert hits("score_follows_formula", scored_ind(target=target, actual=actual, score=score),
                FORMULA, SCORING) == []


BANDS = {"bands": "score-bands"}


@pytest.mark.parametrize("label,score,fires", [
    ("部分达成年度指标并具有一定效果", 9, True), ("部分达成年度指标并具有一定效果", 7, False),
    ("部分达成年度指标并具有一定效果", 8, True), ("达成年度指标", 10, False), ("达成年度指标", 7, True),
    ("未达成年度指标且效果较差", 5.9, False), ("合格", 3, False),
])
def test_qualitative_band(label, score, fires):
    text = scored_ind(target="达成年度指标", actual=label, weight=10, score=score)
    assert bool(hits("qualitative_score_band", text, BANDS, SCORING)) is fires


@pytest.mark.parametrize("score,variant", [(3, "above"), (-1, "negative")])
def test_score_within_weight(score, variant):
    assert [h.variant for h in hits("score_within_weight", scored_ind(score=score), {}, SCORING)] == [variant]
    assert hits("score_within_weight", scored_ind(score=2), {}, SCORING) == []


DEV = {"boilerplate": "boilerplate", "zero_phrases": "zero-phrases"}


@pytest.mark.parametrize("deviation,fires", [(None, True), ("无", True), ("已完成。", True),
                                             ("疫情期间活动取消，已改为线上开展", False)])
def test_deviation_explained(deviation, fires):
    extra = {} if deviation is None else {"deviation": deviation}
    text = ind(target="≥2次/年", actual="1次/年", **extra)
    assert bool(hits("deviation_explained", text, DEV, SCORING)) is fires
    assert hits("deviation_explained", ind(target="≥2次/年", actual="2次/年"), DEV, SCORING) == []


@pytest.mark.parametrize("total,fires", [(95, True), (100, False), (100.04, False)])
def test_total_score(total, fires):
    text = table("budget", weight=10, score=10) + scored_ind(weight=90, score=90) \
        + table("evaluation", total_score=total)
    assert bool(hits("total_score_adds_up", text, {"tolerance": 0.05}, SCORING)) is fires


@pytest.mark.parametrize("total,grade,fires", [(85, "优", True), (85, "良", False), (90, "优", False),
                                               (91, "优秀", False), (59.9, "中", True), (60, "中", False)])
def test_grade(total, grade, fires):
    text = table("evaluation", total_score=total, grade=grade)
    assert bool(hits("grade_matches_total", text, {"bands": "grade-bands"}, SCORING)) is fires


def test_scored():
    assert len(hits("scored", ind(target="≥2次", weight=2), {}, SCORING)) == 1
    assert hits("scored", scored_ind(), {}, SCORING) == []


def test_a_form_that_prints_no_weights_is_told_once():
    from .helpers import hits, ind
    text = ind("a", score=2, target="≥1个") + ind("b", score=3, target="≥1个") + ind("c", target="≥1个")
    [hit] = hits("weight_positive", text)
    assert (hit.variant, hit.path) == ("no-weights", "indicators[0]")
    # near miss: one weight missing among weighted rows is that row's problem
    text = ind("a", weight=2, score=2, target="≥1个") + ind("b", score=3, target="≥1个")
    [hit] = hits("weight_positive", text)
    assert (hit.variant, hit.path) == ("missing", "indicators[1]")


def test_points_lost_on_a_qualitative_row_that_states_its_target():
    from .helpers import hits, ind
    params = {"tolerance": 0.1, "zero_phrases": "zero-phrases"}
    [hit] = hits("score_follows_formula", ind("教学环境改善", target="效果显著", actual="效果显著", weight=15, score=13),
                 params)
    assert hit.variant == "lost-on-met"
    # near misses: full points; a reason given; a different actual
    assert hits("score_follows_formula", ind("教学环境改善", target="效果显著", actual="效果显著", weight=15, score=15),
                params) == []
    assert hits("score_follows_formula", ind("教学环境改善", target="效果显著", actual="效果显著", weight=15, score=13,
                                             deviation="第四季度部分教室未完成改造"), params) == []
    assert hits("score_follows_formula", ind("教学环境改善", target="效果显著", actual="部分改善", weight=15, score=13),
                params) == []


def test_full_points_for_a_narrow_miss_are_still_full_for_missed():
    """38508人 set, 37442人 reached (97.2 %): the formula gives 2.92 of 3. The
    tolerance rounds a partial score; it never rounds a miss up to full."""
    found = hits("score_follows_formula", scored_ind(target="38508人", actual="37442人", score=3, weight=3),
                 FORMULA, SCORING)
    assert [h.variant for h in found] == ["full-for-missed"]
    # the near miss: 2.9 of 3 is the formula rounded, not full points
    assert hits("score_follows_formula", scored_ind(target="38508人", actual="37442人", score=2.9, weight=3),
                FORMULA, SCORING) == []


MONEY = dict(FORMULA, money_rates="money-rate-rows")


@pytest.mark.parametrize("name,budget,score,fires", [
    ("资金到位率", {"initial": 570, "received": 398.88}, 3, True),     # 70 % arrived, full points
    ("资金到位率", {"initial": 570, "received": 398.88}, 2.1, False),  # 0.7 × 3
    ("资金到位率", {"initial": 570, "received": 570}, 3, False),
    ("预算执行率", {"adjusted": 64.8, "actual": 64.8}, 9, True),       # all spent, a point lost
    ("预算执行率", {"adjusted": 64.8, "actual": 64.8}, 10, False),
    ("预算执行率", {"adjusted": 100, "actual": 80}, 8, False),
    ("到位时效", {"initial": 570, "received": 398.88}, 2, False),      # not a rate of the money
])
def test_rows_that_score_the_money_follow_the_money_block(name, budget, score, fires):
    text = table("budget", **budget) + ind(name, level1="项目管理", level2="资金管理", weight=3 if "到位" in name else 10,
                                            score=score)
    found = hits("score_follows_formula", text, MONEY, SCORING)
    assert [h.variant for h in found] == (["money-rate"] if fires else [])
