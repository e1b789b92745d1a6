"""Checks on projects that pay for several sites (communities, centres…)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, Mapping, Optional, Sequence, Tuple


from linter.model.money import in_unit, money_unit, year_budget
from linter.model.outcome import AT_LEAST
from linter.model.values import format_number, number
from linter.checks import Hit, check, explained

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

# Counts are what a per-site standard fixes; a cap (≤) or a rate is not.
_CAP_COMPARATORS = ("<=", "<")


@check("scaled_to_sites", node="indicator",
       params={"standard": {"type": "string", "required": True},
               "min_sites": {"default": 2, "type": "integer", "min": 2}},
       refs={"standard": "table"},
       rows={"standard": {"item": {"type": "string", "required": True, "maxlength": 200},
                          "keywords": {"type": "list", "required": True,
                                       "schema": {"type": "string", "maxlength": 200}},
                          "quantity": {"type": "number", "required": True, "min": 0},
                          "unit": {"type": "string", "maxlength": 200}}},
       vars=("value", "sites", "unit_kind", "per_site", "expected", "unit", "items"))
def scaled_to_sites(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A whole-project count target must cover every site the project pays
    for: at least N × the per-site standard, or be written as a rate.

    The per-site standard is a pack table (named by `standard`) of records
    `{item, keywords, quantity, unit}`; an indicator whose name holds a
    record's keyword is compared with the sum of the matched records'
    quantities (个案咨询、辅导 -> 17 + 10). Skips indicators with
    `scope = "per-unit"`, percentages, caps (≤) and projects with fewer than
    `min_sites` sites (default 2).

    Example: a project for 6 centres with 建立服务档案数量 target "70份及以上"
    fires (expected ≥ 420份); "6个" or "100%" does not.
    """
    form = ctx.form
    sites = len(form.units)
    if sites < params["min_sites"] or node.get("scope", "total") == "per-unit":
        return
    if "target" not in node.data:
        return
    value = ctx.value(node, "target")
    if value.kind != "quantity" or value.is_percent or value.comparator in _CAP_COMPARATORS:
        return
    name = node.get("name", "")
    matched = [row for row in ctx.table(params["standard"])
               if any(k and k in name for k in row.get("keywords", ()))]
    if not matched:
        return
    per_site = sum(float(row.get("quantity", 0)) for row in matched)
    expected = per_site * sites
    if value.number is None or value.number >= expected:
        return
    unit = value.unit or matched[0].get("unit", "")
    yield Hit(f"{node.path}.target", {
        "value": value.raw,
        "sites": sites,
        "unit_kind": form.project.get("unit_kind") or "站点",
        "per_site": format_number(per_site),
        "expected": format_number(expected),
        "unit": unit,
        "items": "、".join(str(row.get("item", "")) for row in matched),
    })




def _standard_for(item: str, rows: Sequence[Mapping[str, Any]]) -> Optional[float]:
    """Per-site standard of an item: the sum over rows whose keywords the
    item holds (个案咨询、辅导 is held to 个案咨询 + 个案辅导)."""
    matched = [r for r in rows if any(k and k in item for k in r.get("keywords") or ())]
    if not matched:
        return None
    return sum(float(r.get("quantity", 0)) for r in matched)


def site_series(ctx: Context, standard: Optional[str] = None
                ) -> Iterator[Tuple[str, str, str, Dict[str, Any], float]]:
    """Per-site figures the form holds, each with the per-site standard it is
    held to: `[[site_results]]` (standard from the pack table, else from a
    per-unit indicator naming the item) and indicators with `by_unit`
    (standard: their own target when `scope = "per-unit"`, else the table).
    Yields (path of the values table, item, unit, {site: number}, standard)."""
    rows = ctx.table(standard)
    per_unit = [n for n in ctx.indicators() if n.get("scope") == "per-unit"]
    for node in ctx.form.nodes("site_result"):
        item = str(node.get("item", ""))
        values = {k: v for k, v in (node.get("values") or {}).items() if number(v) is not None}
        std = _standard_for(item, rows) if rows else None
        if std is None:
            for ind in per_unit:
                target = ctx.value(ind, "target")
                if item and item in (ind.get("name") or "") and target.number is not None:
                    std = target.number
                    break
        if values and std is not None:
            yield f"{node.path}.values", item, node.get("unit") or "", values, std
    for node in ctx.indicators():
        values = {k: v for k, v in (node.get("by_unit") or {}).items() if number(v) is not None}
        if not values:
            continue
        target = ctx.value(node, "target")
        if target.kind != "quantity" or target.comparator in ("<=", "<") or target.number is None:
            continue
        if node.get("scope") == "per-unit":
            std = target.number
        else:
            std = _standard_for(str(node.get("name", "")), rows) if rows else None
        if std is not None:
            yield f"{node.path}.by_unit", str(node.get("name", "")), target.unit or "", values, std


@check("average_hides_shortfall", node="form",
       params={"standard": {"type": "string"}},
       refs={"standard": "table"},
       rows={"standard": {"item": {"type": "string", "required": True, "maxlength": 200},
                          "keywords": {"type": "list", "required": True,
                                       "schema": {"type": "string", "maxlength": 200}},
                          "quantity": {"type": "number", "required": True, "min": 0},
                          "unit": {"type": "string", "maxlength": 200}}},
       vars=("item", "average", "standard_value", "short_sites", "unit"), role="site-series")
def average_hides_shortfall(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An average across sites must not be the only evidence of a per-site
    target: fires when the sites' average meets the per-site standard while
    one or more sites fall short of it (罗湖区 2022 年评价报告: 个案辅导 averages 10 against
    10, with 笋西 7 and 笋岗 9). The per-site figures come from
    `[[site_results]]` or an indicator's `by_unit`; the standard from the pack
    table named by `standard` or a per-unit indicator.

    Example: values { 甲 = 12, 乙 = 7, 丙 = 11 } against 10 fires.
    """
    for path, item, unit, values, std in site_series(ctx, params.get("standard")):
        average = sum(float(v) for v in values.values()) / len(values)
        short = [f"{site} {format_number(v)}" for site, v in values.items() if float(v) < std]
        if average >= std and short:
            yield Hit(path, {"item": item, "average": format_number(round(average, 2)),
                             "standard_value": format_number(std), "short_sites": "、".join(short),
                             "unit": unit})


@check("site_meets_standard", node="form",
       params={"standard": {"type": "string"}},
       refs={"standard": "table"},
       rows={"standard": {"item": {"type": "string", "required": True, "maxlength": 200},
                          "keywords": {"type": "list", "required": True,
                                       "schema": {"type": "string", "maxlength": 200}},
                          "quantity": {"type": "number", "required": True, "min": 0},
                          "unit": {"type": "string", "maxlength": 200}}},
       vars=("item", "site", "value", "standard_value", "unit"), role="site-series")
def site_meets_standard(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Every site must reach its per-site standard (or per-unit target). One
    finding per site and item that falls short, on that site's figure.
    Sources as for `average_hides_shortfall`.
    Example: 个案辅导 at 笋西 = 7 against a standard of 10 fires.
    """
    for path, item, unit, values, std in site_series(ctx, params.get("standard")):
        for site, value in values.items():
            if float(value) < std:
                yield Hit(f"{path}.{site}", {"item": item, "site": site, "value": format_number(value),
                                             "standard_value": format_number(std), "unit": unit})


@check("site_cost_cap", node="form",
       params={"cap": {"type": "number", "min": 0, "required": True}},
       vars=("per_site", "cap", "sites", "money_unit", "budget_figure"))
def site_cost_cap(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The year's budget divided by the sites it pays for must not exceed
    `cap` (in the form's money unit; 元 forms are converted to 万元). Needs
    more than one listed site or a single-site form with a budget.
    Example: 6 centres and 320万元 (53.3 per centre) against a cap of 50 fires.
    """
    budget = ctx.form.data.get("budget") or {}
    base = year_budget(budget)
    if base is None:
        return
    unit = money_unit(budget)
    amount = base.amount / 10000 if unit == "元" else base.amount
    sites = ctx.form.site_count
    per_site = amount / sites
    if per_site > params["cap"] + 1e-9:
        yield Hit("budget", {"per_site": format_number(round(per_site, 2)),
                             "cap": format_number(params["cap"]), "sites": sites,
                             "money_unit": "万元", "budget_figure": format_number(amount)})


_COLUMN_ZH = {"initial": "年初预算数", "adjusted": "全年预算数", "actual": "全年执行数"}


@check("funding_split", node="budget",
       params={"split": {"type": "string", "required": True},
               "columns": {"type": "list", "schema": {"type": "string",
                                                      "allowed": ["initial", "adjusted", "actual"]}},
               "tolerance": {"default": 0.01, "type": "number", "min": 0}},
       refs={"split": "table"},
       rows={"split": {"name": {"type": "string", "required": True, "maxlength": 200},
                       "keywords": {"type": "list", "required": True,
                                    "schema": {"type": "string", "maxlength": 200}},
                       "share": {"type": "number", "required": True, "min": 0, "max": 1}}},
       vars=("column", "column_name", "printed", "ratio", "standard_ratio"))
def funding_split(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Funding sources should follow the standard split: the pack table named
    by `split` holds rows `{name, keywords, share}`; for each column in
    `columns` (default adjusted) where every row's source is printed, the
    shares must be within `tolerance` (default 0.01) of the standard.
    Example: 一般公共预算 180 and 福彩金 108 (0.625 : 0.375) against 0.64 : 0.36 fires.
    """
    rows = ctx.table(params["split"])
    sources = node.get("sources") or []
    tolerance = params["tolerance"]
    for column in params.get("columns") or ["adjusted"]:
        amounts = []
        for row in rows:
            total = None
            for src in sources:
                name = str(src.get("name", ""))
                if any(k and k in name for k in row.get("keywords") or ()) and number(src.get(column)) is not None:
                    total = (total or 0.0) + float(src[column])
            amounts.append(total)
        figures = [a for a in amounts if a is not None]
        if not rows or len(figures) < len(amounts) or sum(figures) <= 0:
            continue
        whole = sum(figures)
        shares = [a / whole for a in figures]
        if any(abs(s - float(r.get("share", 0))) > tolerance for s, r in zip(shares, rows)):
            yield Hit(f"{node.path}.sources", {
                "column": column, "column_name": _COLUMN_ZH[column],
                "printed": " : ".join(format_number(a) for a in figures),
                "ratio": " : ".join(f"{s:.3f}".rstrip("0").rstrip(".") for s in shares),
                "standard_ratio": " : ".join(format_number(float(r.get("share", 0))) for r in rows)})


def _covered_days(periods, start, end):
    """Days of [start, end] that no period covers, as merged (from, to) spans."""
    import datetime as dt
    spans = sorted((max(s, start), min(e, end)) for s, e in periods if s <= end and e >= start)
    gaps, cursor = [], start
    for s, e in spans:
        if s > cursor:
            gaps.append((cursor, s - dt.timedelta(days=1)))
        cursor = max(cursor, e + dt.timedelta(days=1))
    if cursor <= end:
        gaps.append((cursor, end))
    return gaps


@check("service_period_covered", node="form",
       params={"min_gap_days": {"default": 15, "type": "integer", "min": 1}},
       vars=("site", "gaps", "months", "year"))
def service_period_covered(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The contracts must cover the whole budget year (`project.year`) at
    every site they serve: a month without a contract is a month the centre
    ran without its purchased service (the rubric of the
    罗湖区 2022 年评价报告: 1 point per month).
    Contracts without `units` serve every site. Gaps shorter than
    `min_gap_days` (default 15) are ignored.
    Example: contracts 2022-03-01..2023-02-28 leave Jan-Feb 2022 uncovered.
    """
    import datetime as dt
    year = ctx.form.project.get("year")
    contracts = [c for c in ctx.form.nodes("contract")
                 if isinstance(c.get("start"), dt.date) and isinstance(c.get("end"), dt.date)]
    if not isinstance(year, int) or not contracts:
        return
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    sites = ctx.form.units or [""]
    min_gap = params["min_gap_days"]
    for site in sites:
        periods = [(c.get("start"), c.get("end")) for c in contracts
                   if not c.get("units") or not site or site in c.get("units")]
        gaps = [g for g in _covered_days(periods, start, end) if (g[1] - g[0]).days + 1 >= min_gap]
        if gaps:
            days = sum((b - a).days + 1 for a, b in gaps)
            yield Hit("contracts", {"site": site or ctx.form.project.get("name", ""),
                                    "gaps": "、".join(f"{a.isoformat()} 至 {b.isoformat()}" for a, b in gaps),
                                    "months": format_number(round(days / 30.4, 1)), "year": year})


@check("budget_matches_unit_cost", node="indicator",
       params={"tolerance": {"default": 0.1, "type": "number", "min": 0},
               "per_site_words": {"type": "list", "schema": {"type": "string"}}},
       vars=("value", "sites", "expected", "budget_figure", "money_unit"))
def budget_matches_unit_cost(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A per-site cost target (16万元/社区) times the number of sites must
    match the year's budget within `tolerance` (relative, default 0.1): a
    cost standard that does not add up to the money is not the money's
    target. `per_site_words` are the per-what words meaning a site (社区,
    中心…; the form's `unit_kind` counts too). Needs `project.units`.
    Example: 6 communities at 40万元/社区 against a budget of 300万元 fires.
    """
    target = ctx.value(node, "target")
    if target.kind != "quantity" or target.unit not in ("万元", "元") or not target.per:
        return
    units = ctx.form.units
    if len(units) < 2:
        return
    words = list(params.get("per_site_words") or []) + [ctx.form.project.get("unit_kind") or ""]
    if not any(w and (w == target.per or w.endswith(target.per)) for w in words):
        return
    budget = ctx.form.data.get("budget") or {}
    base = year_budget(budget)
    if base is None:
        return
    form_unit = money_unit(budget)
    number = target.number
    assert number is not None  # a quantity holds one condition, hence a number
    if {target.unit, form_unit} == {"元", "万元"}:
        number = in_unit(number, target.unit or "", form_unit)
    expected = number * len(units)
    if base.amount and abs(expected - base.amount) / base.amount > params["tolerance"]:
        yield Hit(f"{node.path}.target", {"value": target.raw, "sites": len(units),
                                          "expected": format_number(round(expected, 2)),
                                          "budget_figure": format_number(base.amount),
                                          "money_unit": form_unit})


@check("target_not_too_low", node="indicator",
       params={"ratio": {"type": "number", "min": 1, "required": True},
               "boilerplate": {"type": "string"}},
       refs={"boilerplate": "list"},
       vars=("percent", "ratio_percent"))
def target_not_too_low(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An actual at or above `ratio` × a ≥ target (1.3: 130 %, as 广西's
    review system uses; 河北's uses 1.2) means the target was set too low,
    unless `deviation` explains it (and is not boilerplate from the list
    named by `boilerplate`).
    Example: target "5场及以上", actual "15场" fires (300 %).
    """
    result = ctx.outcome(node)
    if result is None or result.direction != AT_LEAST or not result.target or result.target <= 0:
        return
    if result.actual < params["ratio"] * result.target:
        return
    if explained(node.get("deviation"), ctx.list(params.get("boilerplate"))):
        return
    yield Hit(f"{node.path}.actual", {"percent": format_number(round(result.actual / result.target * 100)),
                                      "ratio_percent": format_number(params["ratio"] * 100)})
