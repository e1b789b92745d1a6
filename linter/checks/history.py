"""Checks across the forms of a run (the Y rules): a project's form against
the same project's form of the year before (`history` nodes), and a form
against the other forms of its department and year (`peers` nodes).

Both node types exist only in the engine's cross-form pass
(`Engine.check_across`); the earlier or other form is the compact facts of
`linter.model.history` (identity and indicators), never a parsed document.
Findings point into the form being checked; the message names the other
file and how the projects were matched (`match`).
"""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

from linter.checks import Hit, check, explained
from linter.checks.context import Context, printed_value
from linter.model.form import Node
from linter.model.names import clean_name, display_name, duplicate_key
from linter.model.values import Value, as_text, format_number, parse

_LOWER_IS_BETTER = ("<=", "<")
_PAIR_VARS = ("earlier_file", "earlier_year", "match")


def _unit(text: Optional[str]) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _earlier(node: Node, ctx: Context) -> Dict[str, Node]:
    """Last year's indicators by name as compared (numbering, points and
    punctuation aside), rubric rows left out; the first of a name wins."""
    out: Dict[str, Node] = {}
    for item in node.get("earlier", {}).get("indicators") or []:
        if ctx.framework.is_rubric(item.get("level1", "") or ""):
            continue
        key = duplicate_key(item.get("name", ""))
        if key and key not in out:
            out[key] = Node("indicator", "", item)
    return out


def _same_indicators(node: Node, ctx: Context) -> Iterator[Tuple[Node, Node]]:
    """(this year's indicator, last year's) for each indicator both years hold."""
    earlier = _earlier(node, ctx)
    if not earlier:
        return
    for ind in ctx.indicators():
        before = earlier.get(duplicate_key(ind.get("name", "")))
        if before is not None:
            yield ind, before


def _pair_vars(node: Node) -> Dict[str, Any]:
    return {"earlier_file": node.get("earlier_file", ""), "earlier_year": as_text(node.get("earlier_year")),
            "match": node.get("match", "")}


def _value(node: Node, key: str) -> Value:
    return parse(printed_value(node, key))


@check("below_last_actual", node="history",
       params={"boilerplate": {"type": "string", "required": True}},
       refs={"boilerplate": "list"},
       vars=_PAIR_VARS + ("indicator", "target_figure", "last_actual"))
def below_last_actual(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """This year's target is below what the same indicator achieved last
    year, and the indicator's explanation (`explanation`, 指标解释) does not
    say why. Compares one figure with one figure in the same unit and per-
    what; an indicator where lower is better (≤, 反向) and a range are left
    alone, as is a change of unit (Y003's). `boilerplate`: explanations that
    say nothing. Example: last year's actual "98%", this year's target
    "≥95%", no explanation, fires."""
    for ind, before in _same_indicators(node, ctx):
        target, actual = ctx.value(ind, "target"), _value(before, "actual")
        if target.kind != "quantity" or actual.kind != "quantity" or len(actual.conditions) != 1:
            continue
        if target.comparator in _LOWER_IS_BETTER or _unit(target.unit) != _unit(actual.unit):
            continue
        if (target.per or "") != (actual.per or "") or target.number is None or actual.number is None:
            continue
        if target.number >= actual.number or explained(ind.get("explanation"), ctx.list(params["boilerplate"])):
            continue
        yield Hit(f"{ind.path}.target", {**_pair_vars(node), "indicator": display_name(ind.get("name", "")),
                                         "target_figure": format_number(target.number) + (target.unit or ""),
                                         "last_actual": as_text(before.get("actual"))})


@check("indicator_dropped", node="history",
       vars=_PAIR_VARS + ("indicator",))
def indicator_dropped(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An indicator of last year's form is missing from this year's, and no
    indicator this year measures the same thing. Names are compared without
    numbering, points and punctuation (`1.培训人次(10分)` is `培训人次`); a
    name that holds last year's, or is held in it (`年度培训人次`), counts
    as its replacement. A form with no indicators at all is left to the C
    rules. Example: last year 培训人次 and 满意度, this year only 满意度,
    fires once, for 培训人次."""
    now = [duplicate_key(ind.get("name", "")) for ind in ctx.indicators()]
    now = [k for k in now if k]
    if not now:
        return
    for key, before in _earlier(node, ctx).items():
        if any(key in k or k in key for k in now):
            continue
        yield Hit("indicators", {**_pair_vars(node), "indicator": clean_name(before.get("name", ""))})


@check("unit_or_scope_changed", node="history",
       vars=_PAIR_VARS + ("indicator", "earlier_unit", "unit", "earlier_scope", "scope"),
       variants=("scope",))
def unit_or_scope_changed(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The same indicator (by name as compared) changes the unit of its
    target between last year and this year (`人` -> `人次`, `万元` -> `元`),
    or its scope (`scope`: total / per-unit, variant `scope`), so the two
    years' figures cannot be compared. A unit is the `unit` field, else the
    target's own (else last year's actual's); a side without one is not a
    change. Example: last year "≥200人", this year "≥220人次", fires."""
    for ind, before in _same_indicators(node, ctx):
        base = {**_pair_vars(node), "indicator": display_name(ind.get("name", ""))}
        scope, earlier_scope = ind.get("scope"), before.get("scope")
        if scope and earlier_scope and scope != earlier_scope:
            yield Hit(f"{ind.path}.scope", {**base, "scope": scope, "earlier_scope": earlier_scope,
                                            "unit": "", "earlier_unit": ""}, variant="scope")
            continue
        unit = _unit(ctx.value(ind, "target").unit)
        earlier_unit = _unit(_value(before, "target").unit or _value(before, "actual").unit)
        if unit and earlier_unit and unit != earlier_unit:
            path = f"{ind.path}.unit" if ind.get("unit") else f"{ind.path}.target"
            yield Hit(path, {**base, "unit": unit, "earlier_unit": earlier_unit,
                             "scope": scope or "", "earlier_scope": earlier_scope or ""})


@check("duplicate_project", node="peers",
       vars=("other_file", "match"))
def duplicate_project(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Another form of the run is the same project (same code, else the same
    name) of the same department and year, and of the same kind (a target
    form and a self-evaluation of one project are two stages, not
    duplicates). Reported on each of them, naming the other. Example: two
    2021 target forms of 社区服务中心运营 by one 民政局 fire."""
    other = node.get("other", {})
    path = "project.code" if other.get("code") and ctx.form.project.get("code") else "project.name"
    yield Hit(path, {"other_file": node.get("other_file", ""), "match": node.get("match", "")})
