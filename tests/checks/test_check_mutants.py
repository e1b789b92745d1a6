"""Survivors of the second mutation run (docs/mutation.md) in checks/sites.py,
categories.py, coverage.py, names.py and text.py: each test names the
mutants it kills, each proved by applying the mutant by hand."""
import pytest

from .helpers import SCORING, hits, ind, table
from .test_sites_more import LOW, SITES, UNIT_COST, contract, site_result

# -- sites.py ----------------------------------------------------------------


def test_a_site_result_takes_its_standard_from_the_indicator_naming_its_item():
    """Kills `item and item in name and target.number is not None` -> `… or …`, the `break` after the first match -> `continue`."""
    rows = (ind(name="每个中心个案辅导数量", scope="per-unit", target="≥10个")
            + ind(name="每个中心读书会场次", scope="per-unit", target="≥20场")
            + ind(name="每个中心个案辅导人数", scope="per-unit", target="≥30个"))
    found = hits("site_meets_standard", SITES + site_result("个案辅导", "个", {"甲": 12, "乙": 9, "丙": 11}) + rows)
    assert [(h.vars["site"], h.vars["standard_value"]) for h in found] == [("乙", "10")]
    # an item no indicator names has no standard
    assert hits("site_meets_standard", SITES + site_result("小组活动", "个", {"甲": 1, "乙": 2}) + rows) == []


def test_a_ceiling_per_site_is_no_standard_to_reach():
    """Kills `target.kind != "quantity" or target.comparator in ("<=", "<")` -> `and`."""
    text = SITES + ind(name="每个中心投诉次数", scope="per-unit", target="≤2次", by_unit={"甲": 0, "乙": 1, "丙": 2})
    assert hits("site_meets_standard", text, {}) == []


def test_no_contracts_no_service_period_to_cover():
    """Kills `not isinstance(year, int) or not contracts` -> `and` (a year with no contract read as a year uncovered)."""
    assert hits("service_period_covered", table("project", name="x", year=2022)) == []


def test_only_the_contracts_that_overlap_the_year_count():
    """Kills `s <= end` -> `s != end` and `e >= start` -> `e > start` in `_covered_days`; `.days + 1` -> `- 1` in the months told."""
    year = table("project", name="x", year=2022)
    # next year's contract adds no gap to a covered year
    assert hits("service_period_covered", year + contract("2022-01-01", "2022-12-31")
                + contract("2023-03-01", "2024-02-28")) == []
    # a contract ending on 1 January covers that day: a gap of 14 days is under the 15
    assert hits("service_period_covered", year + contract("2021-01-01", "2022-01-01")
                + contract("2022-01-16", "2022-12-31")) == []
    [hit] = hits("service_period_covered", year + contract("2021-01-01", "2022-01-01")
                 + contract("2022-01-17", "2022-12-31"))
    assert (hit.vars["gaps"], hit.vars["months"]) == ("2022-01-02 至 2022-01-16", "0.5")


def test_unit_cost_in_yuan_against_a_budget_in_yuan_and_two_sites():
    """Kills `target.unit == "万元" and form_unit == "元"` -> `target.unit > "万元"`, `len(units) < 2` -> `< 3`."""
    sites = table("project", name="x", units=["甲", "乙"])
    assert hits("budget_matches_unit_cost", sites + table("budget", unit="元", adjusted=1_000_000)
                + ind(level2="成本指标", target="≤500000元/社区"), UNIT_COST) == []
    [hit] = hits("budget_matches_unit_cost", sites + table("budget", adjusted=300)
                 + ind(level2="成本指标", target="≤40万元/社区"), UNIT_COST)
    assert hit.vars["expected"] == "80"


@pytest.mark.parametrize("budget,target,fires", [
    (table("budget", unit="元", adjusted=1_000_000), "≤55万元/社区", False),   # 110 万元 for 100: 10 %, inclusive
    (table("budget", unit="元", adjusted=1_000_000), "≤56万元/社区", True),
    (table("budget", adjusted=100), "≤450000元/社区", False),                 # 90 万元 for 100
    (table("budget", adjusted=100), "≤440000元/社区", True),
])
def test_unit_cost_converted_exactly_at_the_tolerance(budget, target, fires):
    """Kills `number /= 10000` -> `10001`, `number *= 10000` -> `10001` (at the 10 % edge)."""
    text = table("project", name="x", units=["甲", "乙"]) + budget + ind(level2="成本指标", target=target)
    assert bool(hits("budget_matches_unit_cost", text, UNIT_COST)) is fires


def test_the_percent_of_a_target_set_too_low():
    """Kills `result.actual / result.target * 100` -> `result.actual - result.target * 100` (the percent told)."""
    [hit] = hits("target_not_too_low", ind(target="5场及以上", actual="15场"), LOW, SCORING)
    assert hit.vars["percent"] == "300"


# -- categories.py -----------------------------------------------------------

def one_level(*rows):
    return "".join(f'[[indicators]]\nlevel1 = "{l1}"\nname = "{name}"\ntarget = "{target}"\n'
                   for l1, name, target in rows)


COUNT = {"level": 2, "under": "产出指标", "all_of": ["数量指标"]}


def test_a_one_level_form_counts_under_its_outputs_only():
    """Kills `MONEY_UNITS + TIME_UNITS` -> `/` (a TypeError), the `continue` past other 一级 -> `break`."""
    counted = one_level(("成效指标", "年接待参观人次", "≥5万人次"), ("产出指标", "物业管理面积", "≥8000平方米"))
    assert hits("required_categories", counted, COUNT) == []
    rates = one_level(("成效指标", "年接待参观人次", "≥5万人次"), ("产出指标", "设备使用率", "≥80%"))
    [hit] = hits("required_categories", rates, COUNT)
    assert hit.variant == "one-level"


def test_a_level2_category_counts_under_its_level1_only():
    """Kills `under if level == 2` -> `level < 2` (二级 counted under every 一级), `under or ""` -> `under and ""`."""
    text = (ind(level1="产出指标", level2="质量指标", name="验收合格率", target="100%")
            + ind(level1="效益指标", level2="数量指标", name="受益人数", target="≥100人"))
    [hit] = hits("required_categories", text, COUNT)
    assert (hit.variant, hit.vars["missing"], hit.vars["under"]) == ("all-of", "数量指标", "产出指标")


def test_a_named_row_with_a_blank_target_is_not_hollow():
    """Kills `not name or blank_kind(name) in _EMPTY_KINDS` -> `name or …`."""
    text = ind(level1="效益指标", level2="生态效益指标", name="植树造林面积", target="不适用")
    assert hits("category_has_content", text) == []
    assert len(hits("category_has_content", text.replace("植树造林面积", "不适用"))) == 1


INPUT = {"phrases": "fund-management"}


def test_a_rate_or_a_sum_is_an_input_only_when_it_is_the_moneys():
    """Kills `abs(actual / 100 - rate) < 1e-9` -> `!=`, `target.kind == "quantity" and target.number …` -> `or`."""
    budget = table("budget", adjusted=100, actual=90, stated_rate="90%")
    assert [h.variant for h in hits("not_an_input", budget + ind(name="项目完成度", target=1, actual="90%"),
                                     INPUT)] == ["rate"]
    assert hits("not_an_input", budget + ind(name="项目完成度", target=1, actual="95%"), INPUT) == []
    assert hits("not_an_input", budget + ind(name="培训人数", target="100人", actual="100人"), INPUT) == []
    assert [h.variant for h in hits("not_an_input", budget + ind(name="项目总投入", target="100万元"), INPUT)] \
        == ["budget"]


# -- coverage.py -------------------------------------------------------------

UNITS = {"money_words": "money-words", "people_words": "people-words"}


@pytest.mark.parametrize("name,target,variant,printed,fixed", [
    ("道路修缮长度", "≥500M", "spelling", "500M", "500米"),
    ("运行维护经费", "150万", "wan", "150万", "150万元"),
    ("满意度", "百分之九十", "percent-word", "百分之九十", "90%"),
    ("投诉次数", "０次", "full-width", "０次", "0次"),
    ("满意度", "≥９５％", "full-width", "≥９５％", "≥95%"),
])
def test_a_nonstandard_unit_is_told_and_fixed(name, target, variant, printed, fixed):
    """Kills `m.start(2) - m.start(0)` -> `*`, `[:-len(unit)]` -> `[:len(unit)]`, `word[0]` -> `word[-1]`, `"\\uff10" <= ch` -> `<` / `==`."""
    [hit] = hits("standard_unit", ind(name=name, target=target), UNITS)
    assert (hit.variant, hit.vars["printed"], hit.vars["fixed"]) == (variant, printed, fixed)


def coarse(budget, *rows):
    return table("project", name="乡村道路硬化项目") + budget + "".join(
        ind(name=n, level2="数量指标", target=t) for n, t in rows)


@pytest.mark.parametrize("budget,fires", [
    (table("budget", adjusted=30), True), (table("budget", adjusted=29.9), False),
    (table("budget", unit="元", adjusted=299_000), False), (table("budget", unit="元", adjusted=300_000), True),
])
def test_outputs_fine_enough_from_thirty_wan(budget, fires):
    """Kills `min_budget_wan` 30 -> 31, `base.amount / 10000` -> `+ 10000`, `unit == "元"` -> `unit > "元"`."""
    assert bool(hits("outputs_fine_enough", coarse(budget, ("道路硬化工程", "1个")))) is fires


@pytest.mark.parametrize("target", ["1个且不少于500平方米", "1-3个"])
def test_a_compound_or_a_range_is_not_one_of_something(target):
    """Kills `value.kind != "quantity"` -> `>` (a compound 1个且… read as one)."""
    assert hits("outputs_fine_enough", coarse(table("budget", adjusted=80), ("道路硬化工程", target))) == []


@pytest.mark.parametrize("rows,chosen", [
    ((("硬化道路乡村", "1个"), ("道路硬", "1项")), 0),            # pairs, not triples
    ((("道路硬化", "1个"), ("村乡目项化", "1项")), 0),             # pairs, not single characters
    ((("道路整修工作", "1个"), ("硬化路面目", "1项")), 0),          # a tie: the first, no last character
])
def test_the_coarse_finding_lands_on_the_projects_own_deliverable(rows, chosen):
    """Kills `name[i:i + 2]` -> `[i:i + 3]` / `[i:i + 1]`, `range(len(name) - 1)` -> `len(name) + 1` / `- 0` in `_shared_pairs`."""
    [hit] = hits("outputs_fine_enough", coarse(table("budget", adjusted=80), *rows))
    assert hit.path == f"indicators[{chosen}].target"


def test_goal_covered_lists_three_deliverables():
    """Kills `missing[:3]` -> `[:2]`."""
    text = table("project", name="x", goal="完成造林5000亩、培训1200人次、新建3座、修路8公里") \
        + ind(name="培训人次", target="≥100人次")
    [hit] = hits("goal_covered", text)
    assert hit.vars["deliverables"] == "5000亩、1200人次、3座"


# -- names.py ----------------------------------------------------------------

NOT_MEASURES = {"measures": "measure-words", "principles": "principle-endings", "money_words": "fee-endings",
                "examples": "measure-examples"}


@pytest.mark.parametrize("name,target", [("500亩", "≥500亩"), ("3人、5人", "≥3人"), ("5台车", "5台"), ("5台", "5台")])
def test_a_figure_for_a_name_is_no_period_and_a_short_count_no_item(name, target):
    """Kills `named.kind == "deadline"` -> `<=` / `>=`, `len(name) > len(m.group(0)) + 1` -> `!=` / `>=`."""
    assert [h.variant for h in hits("measurable_name", ind(name=name, target=target), NOT_MEASURES)] \
        in ([], [None])


def test_the_example_comes_from_the_star_row_when_the_level2_has_none():
    """Kills `rows.get(level2) or rows.get("*")` -> `and` (an advice with no example)."""
    [own] = hits("measurable_name", ind(level2="数量指标", name="社区服务", target="做好"), NOT_MEASURES)
    [star] = hits("measurable_name", ind(level2="某某指标", name="社区服务", target="做好"), NOT_MEASURES)
    assert own.vars["example"] and star.vars["example"] and own.vars["example"] != star.vars["example"]


@pytest.mark.parametrize("skipped", ["不适用", "88"])
def test_a_skipped_row_does_not_stop_the_duplicate_search(skipped):
    """Kills the `continue` past a name with no word (88) -> `break`, and past a placeholder name (不适用)."""
    rows = ind(name=skipped, target="不适用") + ind(name="开展文艺演出场次", target="≥5场") \
        + ind(name="开展文艺演出场次", target="≥6场")
    assert [h.path for h in hits("unique_indicators", rows)] == ["indicators[2].name"]


def test_a_smaller_figure_in_the_name_disagrees_too():
    """Kills `number != target.number` -> `>`."""
    [hit] = hits("name_agrees_with_target", ind(name="服务对象满意度达85%", target="≥90%"))
    assert hit.vars["in_name"] == "85%"


# -- text.py -----------------------------------------------------------------

TEXT = {"fields": ["evaluation.problems"], "phrases": "boilerplate"}


def test_two_characters_say_enough():
    """Kills `len(rest) < min_chars` -> `<=`, the `min_chars` default 2 -> 3."""
    assert hits("meaningful_text", table("evaluation", problems="偏少"), TEXT) == []
    assert len(hits("meaningful_text", table("evaluation", problems="少"), TEXT)) == 1


MONEY = {"rate_words": "payment-rate-words"}


@pytest.mark.parametrize("budget,actual,fires", [
    ({"adjusted": 150, "actual": 125.25}, "1258000元", False),
    ({"adjusted": 150, "actual": 125.25}, "1259000元", True),
    ({"unit": "元", "adjusted": 1500000, "actual": 1252500}, "125.87万元", False),
    ({"unit": "元", "adjusted": 1500000, "actual": 1252500}, "125.88万元", True),
])
def test_a_cost_above_the_money_spent_in_the_other_unit(budget, actual, fires):
    """Kills `amount / 10000` -> `amount + 10000`, `amount * 10000` -> `* 10001` in `_in_unit`."""
    text = table("budget", **budget) + ind(name="运行维护费", level2="成本指标", target="≤150万元", actual=actual)
    assert [h.variant for h in hits("evidence_agrees", text, MONEY)] == (["money-spent"] if fires else [])
