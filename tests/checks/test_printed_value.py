"""printed_value: a three-column form's 指标性质 | 指标值 | 度量单位 joined back
into one value, read through Context.value as every check reads it. Each
test names the mutants of checks/context.py it kills (docs/mutation.md)."""
import pytest

from linter.checks.context import Context

from .helpers import LOADER, form_from, hits, ind


def value(key="target", **fields):
    form = form_from(ind(**fields))
    ctx = Context(form, LOADER.ruleset(["shenzhen-dangqun"]))
    [node] = form.nodes("indicator")
    return ctx.value(node, key)


def reading(v):
    return v.kind, v.comparator, v.number, v.unit


@pytest.mark.parametrize("fields, expected", [
    (dict(target=90, comparator="正向", unit="%"), ("quantity", ">=", 90, "%")),
    (dict(target="90", comparator="正向指标", unit="%"), ("quantity", ">=", 90, "%")),
    (dict(target=10, comparator="反向", unit="天"), ("quantity", "<=", 10, "天")),
    (dict(target=90, comparator="正向"), ("quantity", ">=", 90, None)),
    (dict(target=90, comparator="定性", unit="%"), ("quantity", None, 90, "%")),
])
def test_a_direction_joins_a_bare_target(fields, expected):
    """Kills `if printed` -> `if not printed`, `not comparator and not unit` -> `comparator and not unit`, `key == "target"` -> `key > "target"`."""
    assert reading(value(**fields)) == expected


def test_a_direction_without_a_unit_adds_no_unit():
    """Kills `and _BARE_NUMBER.match(…)` -> `or` (a unit-less ≥ 90 joined as "≥90None", the text findings quote)."""
    v = value(target=90, comparator="正向")
    assert (v.raw, v.unit) == ("≥90", None)


@pytest.mark.parametrize("target", ["90%", "≥90%", "≥90"])
def test_a_three_column_figure_printed_with_its_comparator_or_unit(target):
    """Kills `key == "actual" and not bare` -> `key != "actual"` / `not key == …` / `or`, `not text.startswith(comparator)` -> `text.startswith(…)`."""
    assert reading(value(target=target, comparator="正向", unit="%")) == ("quantity", ">=", 90, "%")


def test_an_actual_takes_the_unit_but_not_the_direction():
    """Kills `key == "actual" and not bare` -> `and bare`, `key == "target" and comparator and bare` -> `key == "target" or …` / `… or bare`."""
    assert reading(value("actual", target=90, comparator="正向", unit="%", actual=95)) == ("quantity", None, 95, "%")
    assert reading(value("actual", target=90, unit="%", actual="95")) == ("quantity", None, 95, "%")
    words = value("actual", target=90, comparator="正向", unit="%", actual="基本完成")
    assert (words.kind, words.raw) == ("text", "基本完成")


def test_a_bare_figure_takes_the_unit_its_name_prints():
    """Kills `node.get("name") or ""` -> `and ""`, `key == "target" and comparator` -> `or` ("None100亩"), `unit and node.get("unit")` -> `unit or …` ("100亩亩", "全部完成亩")."""
    name = "营造林总面积(亩)"
    assert reading(value(name=name, target=100)) == ("quantity", None, 100, "亩")
    assert reading(value("actual", name=name, target=100, actual=120)) == ("quantity", None, 120, "亩")
    assert reading(value(name=name, target="100亩")) == ("quantity", None, 100, "亩")
    words = value(name=name, target="全部完成")
    assert (words.kind, words.raw) == ("text", "全部完成")


def test_a_figure_after_its_comparator_takes_the_unit_its_name_prints():
    """The bug, not a mutant: ≥100 under 营造林总面积(亩) was read with no unit while the actual 120 took 亩 (V004 mismatch)."""
    name = "营造林总面积(亩)"
    assert reading(value(name=name, target="≥100")) == ("quantity", ">=", 100, "亩")
    assert hits("units_agree", ind(name=name, target="≥100", actual="120")) == []
    assert hits("units_agree", ind(name=name, target="≥100", actual="120亩")) == []


@pytest.mark.parametrize("fields", [dict(name="营造林总面积(亩)"), dict(name="营造林总面积", unit="亩")])
@pytest.mark.parametrize("target", ["不低于100", "达到 100", "＞100"])
def test_a_figure_after_a_comparator_word_takes_the_unit_too(fields, target):
    """The bug, not a mutant: 不低于100 took no unit (only ≥≤<>= were stripped), so V004 told it apart from 120 亩."""
    assert value(target=target, **fields).unit == "亩"
    assert hits("units_agree", ind(target=target, actual="120", **fields)) == []


def test_only_the_target_and_the_actual_are_joined():
    """Kills `key not in ("target", "actual") or raw is None` -> `and` (a weight of 10 read as 10%)."""
    fields = dict(target=90, comparator="正向", unit="%", weight=10, score=9)
    assert reading(value("weight", **fields)) == ("quantity", None, 10, None)
    assert reading(value("score", **fields)) == ("quantity", None, 9, None)


def test_an_excel_day_number_is_a_date_only_in_a_timeliness_row():
    """Kills `level2(node) == "时效指标"` -> `!=` / `<` / `>=`, `serial is not None` -> `is None` (a crash on 12)."""
    assert value(level2="时效指标", target=44895).deadline == (2022, 11, 30)
    assert reading(value(level2="数量指标", target=44895)) == ("quantity", None, 44895, None)
    assert reading(value(level2="质量指标", target=44895)) == ("quantity", None, 44895, None)
    assert reading(value(level2="时效指标", target=12)) == ("quantity", None, 12, None)
