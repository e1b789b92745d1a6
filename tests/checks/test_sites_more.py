"""average_hides_shortfall, site_meets_standard, site_cost_cap,
funding_split, service_period_covered, budget_matches_unit_cost,
target_not_too_low."""
import pytest

from .helpers import SCORING, hits, ind, table

SITES = table("project", name="社区服务", units=["甲", "乙", "丙"], unit_kind="社区党群服务中心")


def site_result(item, unit, values):
    from .helpers import toml_value
    return f'[[site_results]]\nitem = "{item}"\nunit = "{unit}"\nvalues = {toml_value(values)}\n'


STD = {"standard": "site-standard"}


def test_average_hides_shortfall_from_the_standard_table():
    text = SITES + site_result("个案辅导", "个", {"甲": 12, "乙": 7, "丙": 11})
    [hit] = hits("average_hides_shortfall", text, STD)
    assert hit.vars["short_sites"] == "乙 7" and hit.vars["standard_value"] == "10"
    assert hit.path == "site_results[0].values"


def test_item_is_held_to_its_own_row_only():
    # 个案咨询 is held to 17, not to 个案咨询 + 个案辅导
    text = SITES + site_result("个案咨询", "个", {"甲": 17, "乙": 18, "丙": 17})
    assert hits("site_meets_standard", text, STD) == []


def test_site_below_standard_one_hit_per_site():
    text = SITES + site_result("个案辅导", "个", {"甲": 12, "乙": 7, "丙": 9})
    found = hits("site_meets_standard", text, STD)
    assert [h.vars["site"] for h in found] == ["乙", "丙"]
    assert found[0].path == "site_results[0].values.乙"
    # the average (9.3) is below 10 too: nothing hidden, so no U002
    assert hits("average_hides_shortfall", text, STD) == []


def test_by_unit_against_a_per_unit_target_without_a_table():
    text = SITES + ind(name="每个中心个案辅导数量", scope="per-unit", target="≥10个",
                       by_unit={"甲": 13, "乙": 8, "丙": 10})
    assert [h.vars["site"] for h in hits("site_meets_standard", text, {})] == ["乙"]
    assert len(hits("average_hides_shortfall", text, {})) == 1


def test_combined_item_is_held_to_the_sum():
    text = SITES + site_result("个案咨询、辅导", "个", {"甲": 27, "乙": 26, "丙": 30})
    [hit] = hits("site_meets_standard", text, STD)
    assert hit.vars["site"] == "乙" and hit.vars["standard_value"] == "27"


def test_site_result_without_any_standard_is_skipped():
    text = SITES + site_result("读书会", "场", {"甲": 1, "乙": 9})
    assert hits("site_meets_standard", text, STD) == []


@pytest.mark.parametrize("budget,fires", [(151, True), (150, False), (144, False)])
def test_site_cost_cap(budget, fires):
    text = SITES + table("budget", adjusted=budget)
    assert bool(hits("site_cost_cap", text, {"cap": 50})) is fires


def test_site_cost_cap_converts_yuan():
    text = SITES + table("budget", unit="元", adjusted=1_600_000)
    [hit] = hits("site_cost_cap", text, {"cap": 50})
    assert hit.vars["per_site"] == "53.33"


SPLIT = {"split": "funding-split", "columns": ["initial", "adjusted"], "tolerance": 0.01}


def test_funding_split_flags_the_adjusted_column_only():
    text = """[budget]
initial = 300
adjusted = 288
[[budget.sources]]
name = "一般公共预算"
initial = 192
adjusted = 180
[[budget.sources]]
name = "福彩金"
initial = 108
adjusted = 108
"""
    [hit] = hits("funding_split", text, SPLIT)
    assert hit.vars["column"] == "adjusted" and hit.vars["ratio"] == "0.625 : 0.375"


def test_funding_split_needs_every_source():
    text = '[budget]\nadjusted = 180\n[[budget.sources]]\nname = "一般公共预算"\nadjusted = 180\n'
    assert hits("funding_split", text, SPLIT) == []


def contract(start, end, units=None):
    from .helpers import toml_value
    extra = f"units = {toml_value(units)}\n" if units else ""
    return f'[[contracts]]\nsupplier = "某机构"\n{extra}start = {start}\nend = {end}\n'


def test_service_period_gap_whole_project():
    text = table("project", name="x", year=2022) + contract("2022-03-01", "2023-02-28")
    [hit] = hits("service_period_covered", text)
    assert hit.vars["gaps"] == "2022-01-01 至 2022-02-28"


def test_service_period_consecutive_contracts_cover_the_year():
    text = table("project", name="x", year=2022) + contract("2021-07-01", "2022-06-30") \
        + contract("2022-07-01", "2023-06-30")
    assert hits("service_period_covered", text) == []


def test_service_period_per_site():
    text = table("project", name="x", year=2022, units=["甲", "乙"]) \
        + contract("2021-07-01", "2022-12-31", ["甲"]) + contract("2021-07-01", "2022-06-30", ["乙"])
    [hit] = hits("service_period_covered", text)
    assert hit.vars["site"] == "乙" and hit.vars["gaps"] == "2022-07-01 至 2022-12-31"


def test_service_period_short_gap_ignored():
    text = table("project", name="x", year=2022) + contract("2022-01-10", "2022-12-31")
    assert hits("service_period_covered", text, {"min_gap_days": 15}) == []


UNIT_COST = {"tolerance": 0.1, "per_site_words": ["社区", "中心"]}


@pytest.mark.parametrize("target,fires", [("≤40万元/社区", True), ("≤50万元/社区", False),
                                          ("≤500000元/社区", False), ("≤48万/中心", False),
                                          ("≤200元/人", False)])
def test_budget_matches_unit_cost(target, fires):
    text = table("project", name="x", units=list("甲乙丙丁戊己")) + table("budget", adjusted=300) \
        + ind(level2="成本指标", target=target)
    assert bool(hits("budget_matches_unit_cost", text, UNIT_COST)) is fires


LOW = {"ratio": 1.3, "boilerplate": "boilerplate"}


@pytest.mark.parametrize("target,actual,fires", [
    ("5场及以上", "15场", True), ("≥17节", "22节", False), ("≥10个", "13个", True),
    ("≤200元/人", "100元/人", False), ("≥90%", "99%", False), ("5场", "没有", False),
])
def test_target_set_too_low(target, actual, fires):
    assert bool(hits("target_not_too_low", ind(target=target, actual=actual), LOW, SCORING)) is fires


@pytest.mark.parametrize("deviation,fires", [("无", True), ("", True),
                                             ("居民需求增加，追加开展 10 场，下年度目标调为 12 场", False)])
def test_target_set_too_low_explained(deviation, fires):
    text = ind(target="5场", actual="15场", deviation=deviation)
    assert bool(hits("target_not_too_low", text, LOW, SCORING)) is fires
