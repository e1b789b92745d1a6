"""Checks on the 一级/二级 categories of indicators."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from linter.model.framework import clean_label
from linter.model.names import clean_name
from linter.model.values import MONEY_UNITS, TIME_UNITS, blank_kind, number
from linter.checks import Hit, check, contains_any, first_in

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node


@check("known_category", node="indicator",
       vars=("label", "allowed"),
       variants=("level1", "level2", "pair", "no-level2"))
def known_category(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Both labels must map to the indicator framework of the active packs
    (canonical name or alias, with printed points such as 产出指标(50分)
    ignored), and the 二级 must belong to the 一级.

    Variants: `level1` (unknown 一级), `level2` (unknown 二级), `pair` (a 二级
    that the framework does not allow under that 一级, e.g. 社会效益指标 under
    产出指标), `no-level2` (the form prints no 二级 at all, as older templates
    do: said once, on its first indicator, not on every row). A form on an
    older one-level template (`[framework] one-level` labels such as 成效指标,
    and no 二级 anywhere) gets only `level1`, with that template's labels
    known. Params: none;
    the framework is pack data (`[framework]`).
    Example: level1 = "产出目标" fires (variant `level1`).
    """
    fw = ctx.framework
    raw1, raw2 = node.get("level1", "") or "", node.get("level2", "") or ""
    level1 = fw.level1(raw1).canonical
    if ctx.template == "one-level":
        # an older template's own rows (产出指标 / 成效指标 / 效率指标), no 二级 by design
        if level1 is None and clean_label(raw1) not in fw.one_level:
            yield Hit(f"{node.path}.level1", {"label": raw1, "allowed": "、".join(fw.level1_names)},
                      variant="level1")
        return
    if level1 is None:
        yield Hit(f"{node.path}.level1", {"label": raw1, "allowed": "、".join(fw.level1_names)},
                  variant="level1")
        return
    if not str(raw2).strip():
        if _no_level2_anywhere(ctx):
            if node.index == _first_indicator(ctx):
                yield Hit(f"{node.path}.level2", {"label": "", "allowed": "、".join(fw.children(level1))},
                          variant="no-level2")
            return
    level2 = fw.level2(raw2).canonical
    if level2 is None:
        yield Hit(f"{node.path}.level2", {"label": raw2,
                                          "allowed": "、".join(fw.children(level1))},
                  variant="level2")
        return
    if not fw.allows(level1, level2):
        yield Hit(f"{node.path}.level2", {"label": raw2,
                                          "allowed": "、".join(fw.children(level1))},
                  variant="pair")


def _no_level2_anywhere(ctx) -> bool:
    return all(not str(n.get("level2", "") or "").strip() for n in ctx.indicators())


def _first_indicator(ctx) -> int:
    rows = ctx.indicators()
    return rows[0].index if rows else -1


def _present(ctx, level: int, under=None):
    """Canonical categories present at `level` (2: only under `under`)."""
    found = []
    for node in ctx.indicators():
        l1 = ctx.level1(node)
        name = l1 if level == 1 else (ctx.level2(node) if (under is None or l1 == under) else None)
        if name and name not in found:
            found.append(name)
    return found


@check("required_categories", node="form",
       params={"level": {"default": 1, "type": "integer", "allowed": [1, 2]},
               "under": {"type": "string"},
               "all_of": {"type": "list", "schema": {"type": "string"}},
               "any_of": {"type": "list", "schema": {"type": "string"}}},
       vars=("missing", "under", "options"),
       variants=("all-of", "any-of", "one-level"))
def required_categories(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A form's indicators must cover required categories: every name in
    `all_of` and at least one in `any_of`, at `level` 1 (一级, default) or 2
    (二级, counted only under the 一级 `under`). Names are canonical; printed
    variants such as 产出指标(50分) count. Skipped on a form with no
    indicators (an empty table is a different problem).

    Variants: `all-of` (one finding per missing category), `any-of`,
    `one-level`: on a form of an older one-level template (no 二级 printed),
    a level-2 rule can only tell 数量指标 from the values: it fires when
    `all_of` holds 数量指标 and no row under `under` states a count (a figure
    that is not a %, money or a date); `any_of` is not judged there.
    Example: level 1, all_of 产出/效益/满意度, a form with no 满意度指标 fires.
    """
    if not ctx.indicators():
        return
    level = params["level"]
    under = params.get("under")
    if level == 2 and under and under not in _present(ctx, 1):
        return  # no 产出 at all: C001's business, not C002's
    if level == 2 and ctx.template == "one-level":
        if "数量指标" in (params.get("all_of") or ()) and not _counts_anything(ctx, under):
            yield Hit("indicators", {"missing": "数量指标", "under": under or "", "options": "数量指标"},
                      variant="one-level")
        return
    present = _present(ctx, level, under if level == 2 else None)
    for name in params.get("all_of") or ():
        if name not in present:
            yield Hit("indicators", {"missing": name, "under": under or "", "options": name},
                      variant="all-of")
    options = params.get("any_of") or ()
    if options and not any(o in present for o in options):
        yield Hit("indicators", {"missing": "、".join(options), "under": under or "",
                                 "options": "、".join(options)}, variant="any-of")


def _counts_anything(ctx, under) -> bool:
    for node in ctx.indicators():
        if under and ctx.level1(node) != under:
            continue
        value = ctx.value(node, "target")
        if value.kind in ("quantity", "range") and not value.is_percent \
                and value.unit and value.unit not in MONEY_UNITS + TIME_UNITS:
            return True
    return False


_EMPTY_KINDS = ("empty", "not-applicable", "placeholder")


@check("category_has_content", node="form",
       vars=("category", "printed", "count"))
def category_has_content(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A category that is present must hold at least one real indicator: not
    only rows whose name and target are blank, 不适用, / or 无.

    One finding per such 二级 category, on its first row. If a category does
    not apply to the project, leave it out and say why in the form's
    explanation rather than fill it with 不适用.
    Example: 生态效益指标 with name "不适用", target "不适用" fires.
    """
    groups: Dict[Tuple[Optional[str], Optional[str]], List[Node]] = {}
    for ind in ctx.indicators():
        key = (ctx.level1(ind), ctx.level2(ind))
        if None in key:
            continue
        groups.setdefault(key, []).append(ind)
    for (l1, l2), members in groups.items():
        def hollow(ind):
            if ctx.value(ind, "target").kind not in _EMPTY_KINDS:
                return False
            name = ind.get("name")
            return not name or blank_kind(name) in _EMPTY_KINDS
        if all(hollow(m) for m in members):
            first = members[0]
            yield Hit(f"{first.path}.target", {"category": f"{l1}/{l2}",
                                               "printed": str(first.get("target") or first.get("name") or ""),
                                               "count": len(members)})


@check("enough_indicators", node="form",
       params={"min": {"type": "integer", "min": 1, "required": True},
               "level": {"type": "string"}},
       vars=("count", "min", "category"))
def enough_indicators(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A form must hold at least `min` indicators (in the 一级 `level` when
    given, canonical name). Target and self-evaluation forms only make sense
    with a complete set; a profile sets its own minimum.
    Example: min = 6 and a form with 3 indicators fires.
    """
    level = params.get("level")
    nodes = [n for n in ctx.indicators() if not level or ctx.level1(n) == level]
    if len(nodes) < params["min"]:
        yield Hit("indicators", {"count": len(nodes), "min": params["min"],
                                 "category": level or ""})


@check("standard_label", node="indicator",
       vars=("label", "canonical", "alias"),
       variants=("level1", "level2"))
def standard_label(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A 一级/二级 label should be the standard name, not a local alias that
    only maps through the framework's alias table (产出值 -> 产出指标,
    环境效益指标 -> 生态效益指标). Printed points (产出指标(50分)) and a
    dropped 指标 suffix are fine. Unknown labels are E004's.
    Example: level2 = "环境效益指标" fires (variant `level2`).
    """
    fw = ctx.framework
    for key, resolve in (("level1", fw.level1), ("level2", fw.level2)):
        label = resolve(node.get(key, ""))
        if label.via == "alias":
            yield Hit(f"{node.path}.{key}", {"label": node.get(key, ""), "canonical": label.canonical,
                                             "alias": clean_label(str(node.get(key, "")))}, variant=key)


def eligible(rows: Sequence[Mapping[str, Any]], level1: Optional[str],
             declared: Optional[str]) -> List[Mapping[str, Any]]:
    """The rows of a classes table that may classify an indicator under
    these 一级 and declared 二级: a row with `within` applies only under
    those 一级, one with `declared_in` only to indicators filed under those 二级."""
    return [r for r in rows if (not r.get("within") or level1 in r["within"])
            and (not r.get("declared_in") or declared in r["declared_in"])]


def first_fit(name: str, unit: Optional[str], rows: Sequence[Mapping[str, Any]]) -> Optional[Mapping[str, Any]]:
    """The first of the (`eligible`) rows whose keywords appear in the name,
    else whose units match a per-what target's unit (元/人); rows are in
    priority order."""
    for row in rows:
        if contains_any(name, row.get("keywords")):
            return row
    for row in rows:
        if unit and unit in (row.get("units") or ()):
            return row
    return None


def _matches(row, name: str) -> bool:
    return contains_any(name, row.get("keywords"))


def _rows_by_level2(rows: Sequence[Mapping[str, Any]]) -> Dict[Any, List[Mapping[str, Any]]]:
    groups: Dict[Any, List[Mapping[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r.get("level2"), []).append(r)
    return groups


@check("category_fits_name", node="indicator",
       params={"classes": {"type": "string", "required": True}},
       refs={"classes": "table"},
       rows={"classes": {"level2": {"type": "string", "required": True, "maxlength": 200},
                         "keywords": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
                         "units": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
                         "within": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
                         "declared_in": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
                         "also_fits": {"type": "list", "schema": {"type": "string", "maxlength": 200}}}},
       vars=("suggested", "keyword", "declared"))
def category_fits_name(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The indicator's name (and its target's unit) should point to the 二级
    it is filed under. `classes` names a pack table of rows
    `{level2, keywords, units, within, declared_in, also_fits}` in priority order (及时率 is 时效 before 率 is
    anything else). Fires only when the name matches another category's
    keywords and none of the declared category's own — a name that fits
    both is left alone.

    Example: 福利经费发放及时率 under 成本指标 fires (suggests 时效指标);
    社区党员培训成本 under 社会效益指标 fires (suggests 成本指标).
    """
    declared = ctx.level2(node)
    if declared is None:
        return
    rows = ctx.table(params["classes"])
    name = clean_name(node.get("name", ""))
    # every row asks "does a row of my own 二级 match?": the table grouped once
    by_level2 = ctx.of_rules(("category_fits_name.by_level2", params["classes"]),
                             lambda c: _rows_by_level2(rows))
    for r in by_level2.get(declared, ()):
        if _matches(r, name):
            return
    target = ctx.value(node, "target")
    level1 = ctx.level1(node)
    # a handful of (一级, 二级) pairs per rule set: their eligible rows once
    candidates = ctx.of_rules(("category_fits_name.eligible", params["classes"], level1, declared),
                              lambda c: eligible(rows, level1, declared))
    row = first_fit(name, target.unit if target.per else "", candidates)
    if row is None or row.get("level2") == declared:
        return
    if declared in (row.get("also_fits") or ()):
        return
    keyword = next((k for k in row.get("keywords") or () if k and k in name), target.unit or "")
    yield Hit(f"{node.path}.level2", {"suggested": row.get("level2", ""), "keyword": keyword,
                                      "declared": declared})


@check("not_an_input", node="indicator",
       params={"phrases": {"type": "string", "required": True}},
       refs={"phrases": "list"},
       vars=("phrase", "figure"),
       variants=("phrase", "rate", "budget", "target"))
def not_an_input(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An indicator must measure what the money buys, not restate the money:
    a name with a fund-management phrase (the pack list `phrases`: 预算执行率,
    资金到位率, 不超预算…), an actual equal to the form's stated execution rate
    (罗湖区 2022 年评价报告: cost target ≤1, actual 99.5%), or a target equal to the
    budget itself. The execution rate is scored on its own line; as an
    indicator it is counted twice.

    Variants: `phrase`, `rate`, `budget`, `target` (the target itself is a
    fund-management phrase: 不超预算, 资金执行在预算范围内).
    Example: name = "预算执行率", target = "≥90%" fires (variant `phrase`).
    """
    name = node.get("name", "") or ""
    phrases = ctx.list(params["phrases"])
    phrase = first_in(name, phrases)
    if phrase:
        yield Hit(f"{node.path}.name", {"phrase": phrase, "figure": ""}, variant="phrase")
        return
    target_text = str(node.get("target") or "")
    phrase = first_in(target_text, phrases)
    if phrase:
        yield Hit(f"{node.path}.target", {"phrase": phrase, "figure": target_text[:40]}, variant="target")
        return
    budget = ctx.form.data.get("budget") or {}
    stated = budget.get("stated_rate")
    actual = ctx.value(node, "actual")
    target = ctx.value(node, "target")
    # A rate indicator may well reach the same 100 % as the money; the tell is
    # an actual in % against a target that is not a rate (≤1 -> 99.5 %).
    if stated is not None and actual.kind == "quantity" and actual.number is not None and actual.is_percent \
            and target.kind == "quantity" and not target.unit:
        from linter.model.money import stated_rate
        rate = stated_rate(budget)
        if rate is not None and abs(actual.number / 100 - rate) < 1e-9:
            yield Hit(f"{node.path}.actual", {"phrase": "", "figure": actual.raw}, variant="rate")
            return
    if target.kind == "quantity" and target.number is not None and target.unit in ("万元", "元") and not target.per:
        for key in ("adjusted", "initial"):
            amount = number(budget.get(key))
            if amount is not None:
                scale = 10000 if target.unit == "元" and budget.get("unit", "万元") == "万元" else 1
                if abs(target.number - amount * scale) < 1e-6 * max(1.0, abs(amount)):
                    yield Hit(f"{node.path}.target", {"phrase": "", "figure": target.raw},
                              variant="budget")
                    return
