"""Checks on projects that pay for several sites (communities, centres…)."""
from __future__ import annotations

from ..values import format_number
from . import Hit, check

# Counts are what a per-site standard fixes; a cap (≤) or a rate is not.
_CAP_COMPARATORS = ("<=", "<")


@check("scaled_to_sites", node="indicator",
       params={"standard": {"type": "string", "required": True},
               "min_sites": {"type": "integer", "min": 2}},
       refs={"standard": "table"},
       vars=("value", "sites", "unit_kind", "per_site", "expected", "unit", "items"))
def scaled_to_sites(node, params, ctx):
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
    if sites < params.get("min_sites", 2) or node.get("scope", "total") == "per-unit":
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
