"""The money checks: B001-B006's functions, and linter.money."""
import pytest

from linter.model.money import execution_rate, stated_rate, year_budget

from .helpers import SCORING, hits, table


def budget(adjustments=(), sources=(), **fields):
    text = table("budget", **fields)
    for amount, reason in adjustments:
        text += f'[[budget.adjustments]]\namount = {amount}\nreason = "{reason}"\n'
    for name, values in sources:
        text += f'[[budget.sources]]\nname = "{name}"\n' + "".join(f"{k} = {v}\n" for k, v in values.items())
    return text


@pytest.mark.parametrize("data,amount,source", [
    ({"initial": 300, "adjusted": 288}, 288, "adjusted"),
    ({"initial": 102, "adjustments": [{"amount": -6}, {"amount": -2}]}, 94, "initial+adjustments"),
    ({"initial": 102}, 102, "initial"),
    ({"actual": 5}, None, None),
])
def test_year_budget(data, amount, source):
    result = year_budget(data)
    assert (result.amount if result else None, result.source if result else None) == (amount, source)


@pytest.mark.parametrize("printed,fraction", [("99.5%", 0.995), ("100.0%", 1.0), (99.5, 0.995),
                                              (0.92, 0.92), ("百分之九十", 0.9), ("不详", None)])
def test_stated_rate(printed, fraction):
    assert stated_rate({"stated_rate": printed}) == fraction


def test_execution_rate():
    assert execution_rate({"adjusted": 288, "actual": 286.54}) == pytest.approx(0.99493, abs=1e-5)
    assert execution_rate({"adjusted": 0, "actual": 1}) is None


def test_execution_rate_mismatch_seed_002_row_2():
    text = budget(initial=855.17, actual=274.50, stated_rate="100.0%",
                  adjustments=[(-590.97, "统筹"), (-8.47, "调剂"), (-3.08, "调剂")])
    [hit] = hits("execution_rate_consistent", text, {"tolerance": 0.5})
    assert hit.variant == "derived" and hit.vars["computed"] == "108.65%"
    assert hit.vars["base"] == "252.65"


def test_execution_rate_that_holds_only_with_the_recorded_transfers():
    # seed 002 row 1: 93.99 / 102 = 92.15 %, printed 100 %: true only after -6 -2
    text = budget(initial=102, actual=93.99, stated_rate="100.0%", adjustments=[(-6, "统筹"), (-2, "调剂")])
    [hit] = hits("execution_rate_consistent", text, {"tolerance": 0.5})
    assert hit.variant == "only-with-adjustments" and hit.vars["printed_rate"] == "92.15%"


def test_execution_rate_consistent_when_the_adjusted_budget_is_printed():
    text = budget(initial=102, adjusted=94, actual=93.99, stated_rate="100.0%",
                  adjustments=[(-6, "统筹"), (-2, "调剂")])
    assert hits("execution_rate_consistent", text, {"tolerance": 0.5}) == []


def test_execution_rate_against_the_initial_budget():
    [hit] = hits("execution_rate_consistent", budget(initial=102, actual=93.99, stated_rate="100%"))
    assert hit.variant == "initial"


@pytest.mark.parametrize("fields,adjustments,variants", [
    ({"initial": 47.74, "actual": 50.81}, [], [None]),
    # seed 002 婚姻登记: the 3.08 moved in covers it, but the form prints 47.74
    ({"initial": 47.74, "actual": 50.81}, [(3.08, "调入")], ["covered-by-adjustments"]),
    ({"initial": 47.74, "adjusted": 50.82, "actual": 50.81}, [(3.08, "调入")], []),
    ({"initial": 855.17, "actual": 274.5}, [(-590.97, "统筹"), (-8.47, "调剂"), (-3.08, "调剂")], [None]),
    ({"adjusted": 288, "actual": 286.54}, [], []),
])
def test_within_budget(fields, adjustments, variants):
    assert [h.variant for h in hits("within_budget", budget(adjustments, **fields))] == variants


def test_sources_sum_per_column():
    text = budget(adjusted=288, actual=286.54,
                  sources=[("一般公共预算", {"adjusted": 180, "actual": 178.54}),
                           ("福彩金", {"adjusted": 100, "actual": 108})])
    [hit] = hits("sources_sum", text)
    assert hit.vars["column"] == "adjusted" and hit.vars["sum"] == "280"


def test_sources_sum_reads_the_received_column():
    """实际到位资金 printed per source: 170 + 9.6 against a total of 170."""
    text = budget(adjusted=170, received=170, actual=179.6,
                  sources=[("省财政", {"adjusted": 170, "received": 170, "actual": 170}),
                           ("其它", {"received": 9.6, "actual": 9.6})])
    [hit] = hits("sources_sum", text)
    assert (hit.vars["column"], hit.vars["sum"], hit.path) == ("received", "179.6", "budget.received")


def test_sources_sum_skips_columns_a_source_leaves_blank():
    text = budget(initial=300, sources=[("一般公共预算", {"adjusted": 180}), ("福彩金", {"initial": 108})])
    assert hits("sources_sum", text) == []


@pytest.mark.parametrize("text,missing", [
    (budget(initial=1), ["全年执行数"]),
    (budget(actual=1), ["年初预算数"]),
    (budget([(-8, "统筹")], initial=102, actual=93.99), ["调整后的全年预算数"]),
    ('[project]\nname = "x"\n', ["年初预算数", "全年执行数"]),
])
def test_budget_figures_missing(text, missing):
    [hit] = hits("budget_figures_present", text)
    for words in missing:
        assert words in hit.vars["missing"]


@pytest.mark.parametrize("text", [budget(initial=1, actual=1), budget(adjusted=1, actual=1),
                                  budget([(-8, "统筹")], initial=102, adjusted=94, actual=93.99)])
def test_budget_figures_present(text):
    assert hits("budget_figures_present", text) == []


@pytest.mark.parametrize("fields,adjustments,variants", [
    ({"initial": 300, "adjusted": 288}, [], ["unexplained"]),
    ({"initial": 300, "adjusted": 288}, [(-12, "调减")], []),
    ({"initial": 300, "adjusted": 288}, [(-10, "调减")], ["not-reconciled"]),
    ({"initial": 300, "adjusted": 288}, [(-12, "")], ["no-reason"]),
    ({"initial": 300, "adjusted": 300}, [], []),
])
def test_adjustment_explained(fields, adjustments, variants):
    assert [h.variant for h in hits("adjustment_explained", budget(adjustments, **fields))] == variants


LOW = {"threshold": 0.9, "boilerplate": "boilerplate"}


@pytest.mark.parametrize("fields,fires", [
    ({"adjusted": 100, "actual": 80}, True),
    ({"adjusted": 100, "actual": 80, "explanation": "无"}, True),
    ({"adjusted": 100, "actual": 80, "explanation": "公开招标中标价低于预算，结余已收回"}, False),
    ({"adjusted": 100, "actual": 95}, False),
])
def test_execution_explained(fields, fires):
    assert bool(hits("execution_explained", budget(**fields), LOW, SCORING)) is fires
