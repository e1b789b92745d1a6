"""Checks on the money block: budget, sources, adjustments and execution."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from linter.model.money import (DERIVED, INITIAL, adjustments_total, execution_rate, money_unit, spent, stated_rate, year_budget)
from linter.model.names import display_name
from linter.model.values import format_number, number
from linter.checks import Hit, check, explained

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node


def _pct(fraction: float) -> str:
    return format_number(round(fraction * 100, 2)) + "%"


_BASE_ZH = {"adjusted": "全年预算数", DERIVED: "年初预算数加记录的调整", INITIAL: "年初预算数"}


@check("execution_rate_consistent", node="budget",
       params={"tolerance": {"default": 0.5, "type": "number", "min": 0}},
       vars=("stated", "computed", "actual", "base", "base_source", "printed_base",
             "printed_rate", "moved", "money_unit"),
       variants=("derived", "initial", "only-with-adjustments"))
def execution_rate_consistent(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The printed 执行率 must follow from the printed figures: 全年执行数 ÷
    全年预算数, within `tolerance` percentage points (default 0.5).

    A form that prints no 全年预算数 is held to 年初预算数 (variant
    `initial`). If the rate holds only once the recorded
    `[[budget.adjustments]]` are applied (the Longgang 2020 self-evaluation table,
    龙岗区 2020 年自评表: the transfers sit in the
    问题 column), the variant is `only-with-adjustments`; if it holds neither
    way, `derived`.
    Example: budget 855.17, adjustments −590.97 −8.47 −3.08, spent 274.5,
    stated 100% fires (274.5 ÷ 252.65 = 108.65%, variant derived).
    """
    stated = stated_rate(node.data)
    actual = spent(node.data)
    base = year_budget(node.data)
    if stated is None or actual is None or base is None or base.amount <= 0:
        return
    tolerance = params["tolerance"] / 100
    unit = money_unit(node.data)
    initial = node.get("initial")
    variables = {"stated": str(node.get("stated_rate")), "actual": format_number(actual),
                 "base": format_number(round(base.amount, 2)), "base_source": _BASE_ZH[base.source],
                 "computed": _pct(actual / base.amount), "money_unit": unit,
                 "printed_base": format_number(initial), "printed_rate": "",
                 "moved": format_number(adjustments_total(node.data))}
    if base.source == DERIVED:
        on_initial = actual / float(initial) if initial else None
        if on_initial is not None and abs(stated - on_initial) <= tolerance:
            return
        variables["printed_rate"] = _pct(on_initial) if on_initial is not None else ""
        if abs(stated - actual / base.amount) <= tolerance:
            yield Hit(f"{node.path}.stated_rate", variables, variant="only-with-adjustments")
        else:
            yield Hit(f"{node.path}.stated_rate", variables, variant="derived")
        return
    if abs(stated - actual / base.amount) > tolerance:
        yield Hit(f"{node.path}.stated_rate", variables,
                  variant="initial" if base.source == INITIAL else None)


@check("within_budget", node="budget",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0}},
       vars=("actual", "base", "base_source", "over", "money_unit", "moved"),
       variants=("covered-by-adjustments",))
def within_budget(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """全年执行数 must not exceed the budget the form prints — 全年预算数, or
    年初预算数 when that is all it prints — by more than `tolerance` (default
    0.005 in the money unit). When recorded `[[budget.adjustments]]` would
    cover the excess but no 全年预算数 is printed, the variant is
    `covered-by-adjustments` (龙岗区 2020 年自评表: 婚姻登记 47.74 printed, 50.81 spent,
    3.08 moved in according to the 问题 column). Spending above 年初预算数
    plus the adjustments fires too (money moved out that had been spent).
    Example: budget 47.74, spent 50.81 fires.
    """
    actual = spent(node.data)
    adjusted, initial = node.get("adjusted"), node.get("initial")
    printed = adjusted if number(adjusted) is not None else initial if number(initial) is not None else None
    base = year_budget(node.data)  # None only when nothing is printed
    if actual is None or printed is None or base is None:
        return
    tolerance = params["tolerance"]
    variables = {"actual": format_number(actual), "money_unit": money_unit(node.data),
                 "moved": format_number(adjustments_total(node.data))}
    if base.source == DERIVED and actual - base.amount > tolerance:
        # money moved out leaves less than was spent (龙岗区 2020 年自评表: 民办社会福利机构)
        yield Hit(f"{node.path}.actual", dict(variables, base=format_number(round(base.amount, 2)),
                                              base_source=_BASE_ZH[DERIVED],
                                              over=format_number(round(actual - base.amount, 2))))
    elif actual - float(printed) > tolerance:
        source = "adjusted" if number(adjusted) is not None else INITIAL
        yield Hit(f"{node.path}.actual", dict(variables, base=format_number(printed),
                                              base_source=_BASE_ZH[source],
                                              over=format_number(round(actual - float(printed), 2))),
                  variant="covered-by-adjustments" if base.source == DERIVED else None)




@check("sources_sum", node="budget",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0}},
       vars=("column", "column_name", "total", "sum", "money_unit"))
def sources_sum(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """年度资金总额 must equal the sum of its sources (本年财政拨款 + 上年结转 +
    其他资金…) in every column the form prints for both (initial, adjusted,
    received, actual), within `tolerance` (default 0.005). One finding per column.
    Example: adjusted 288 with sources 180 + 100 fires.
    """
    sources = node.get("sources") or []
    tolerance = params["tolerance"]
    names = {"initial": "年初预算数", "adjusted": "全年预算数", "received": "实际到位资金", "actual": "全年执行数"}
    for column, label in names.items():
        total = node.get(column)
        parts = [s.get(column) for s in sources]
        if number(total) is None or not parts:
            continue
        if any(number(p) is None for p in parts):
            continue
        if abs(sum(parts) - total) > tolerance:
            yield Hit(f"{node.path}.{column}", {"column": column, "column_name": label,
                                                "total": format_number(total),
                                                "sum": format_number(round(sum(parts), 4)),
                                                "money_unit": money_unit(node.data)})


@check("budget_figures_present", node="form",
       vars=("missing",))
def budget_figures_present(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A self-evaluation must print the money it is judged on: a budget
    (年初预算数 `initial` or 全年预算数 `adjusted`), the spending (全年执行数
    `actual`), and — once the budget was adjusted during the year (recorded
    `[[budget.adjustments]]`) — the adjusted budget itself, or the execution
    rate cannot be checked from the form's own figures.
    Example: a self-evaluation with `initial`, `actual` and an adjustment but
    no `adjusted` fires.
    """
    budget = ctx.form.data.get("budget") or {}
    missing = []
    if budget.get("initial") is None and budget.get("adjusted") is None:
        missing.append("年初预算数或全年预算数")
    if budget.get("actual") is None:
        missing.append("全年执行数")
    if budget.get("adjustments") and budget.get("adjusted") is None and budget.get("initial") is not None:
        missing.append("调整后的全年预算数")
    if missing:
        yield Hit("budget", {"missing": "、".join(missing)})


@check("adjustment_explained", node="budget",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0}},
       vars=("initial", "adjusted", "moved", "difference", "money_unit"),
       variants=("unexplained", "not-reconciled", "no-reason"))
def adjustment_explained(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """When 全年预算数 differs from 年初预算数, the form must record why: the
    `[[budget.adjustments]]` must exist (`unexplained`), each with a reason
    (`no-reason`), and add up to the difference within `tolerance` (default
    0.005; `not-reconciled`).
    Example: initial 300, adjusted 288 and no adjustments fires.
    """
    initial, adjusted = node.get("initial"), node.get("adjusted")
    adjustments = node.get("adjustments") or []
    unit = money_unit(node.data)
    tolerance = params["tolerance"]
    for i, adj in enumerate(adjustments):
        if not str(adj.get("reason") or "").strip():
            yield Hit(f"{node.path}.adjustments[{i}]", {
                "initial": "", "adjusted": "", "moved": format_number(adj.get("amount")),
                "difference": "", "money_unit": unit}, variant="no-reason")
    if number(initial) is None or number(adjusted) is None:
        return
    difference = adjusted - initial
    if abs(difference) <= tolerance:
        return
    moved = adjustments_total(node.data)
    base = {"initial": format_number(initial), "adjusted": format_number(adjusted),
            "difference": format_number(round(difference, 4)), "money_unit": unit}
    if moved is None:
        yield Hit(f"{node.path}.adjusted", dict(base, moved="0"), variant="unexplained")
    elif abs(moved - difference) > tolerance:
        yield Hit(f"{node.path}.adjusted", dict(base, moved=format_number(round(moved, 4))),
                  variant="not-reconciled")


@check("execution_explained", node="budget",
       params={"threshold": {"type": "number", "min": 0, "max": 1, "required": True},
               "boilerplate": {"type": "string"}},
       refs={"boilerplate": "list"},
       vars=("rate", "threshold_percent"))
def execution_explained(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An execution rate below `threshold` (a fraction, 0.9 by default in the
    national profile) needs an explanation in `budget.explanation` that is
    not boilerplate (the list named by `boilerplate`).
    Example: budget 100, spent 80, no explanation fires.
    """
    rate = execution_rate(node.data)
    if rate is None or rate >= params["threshold"]:
        return
    if explained(node.get("explanation"), ctx.list(params.get("boilerplate"))):
        return
    yield Hit(f"{node.path}.actual", {"rate": _pct(rate),
                                      "threshold_percent": _pct(params["threshold"])})


_COST_LEVEL2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")
_TO_WAN = {"万元": 1.0, "元": 0.0001, "亿元": 10000.0}


@check("costs_within_budget", node="budget",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0}},
       vars=("cost", "amount", "budget", "money_unit", "base", "name"),
       variants=("one", "sum"))
def costs_within_budget(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Cost indicators cannot promise more than the money there is: a total
    cost target (a money figure with ≤, = or no comparator, not per person or
    per item) above the year's budget (`one`), or several such targets that
    add up to more than it (`sum`), after converting 元 and 万元. Unit costs
    (元/人) are left alone: the quantity they multiply is another rule's.
    Example: budget 100 万元, cost target "≤150万元" fires (one).
    """
    base = year_budget(node.data)
    if base is None or base.amount <= 0:
        return
    unit = money_unit(node.data)
    budget_wan = base.amount * (_TO_WAN["元"] if unit == "元" else 1.0)
    costs = []
    for ind in ctx.indicators():
        if ctx.level2(ind) not in _COST_LEVEL2:
            continue
        value = ctx.value(ind, "target")
        first = value.first
        if value.kind != "quantity" or first is None or value.per or value.unit not in _TO_WAN:
            continue
        if first.comparator in (">=", ">"):
            continue
        costs.append((ind, value, first.number * _TO_WAN[value.unit]))
    limit = budget_wan * (1 + params["tolerance"])
    shown_budget = format_number(base.amount)
    for ind, value, wan in costs:
        if wan > limit:
            yield Hit(f"{ind.path}.target", {"cost": value.raw, "amount": format_number(round(wan, 4)),
                                             "name": display_name(ind.get("name", "")),
                                             "budget": shown_budget, "money_unit": unit,
                                             "base": _BASE_ZH.get(base.source, "")}, variant="one")
            return
    partial = [c for c in costs if "总" not in (c[0].get("name") or "")]
    if len(partial) >= 2 and len(partial) == len(costs) and sum(w for _, _, w in partial) > limit:
        total = sum(w for _, _, w in partial)
        yield Hit("indicators", {"cost": "、".join(v.raw for _, v, _ in partial[:4]), "name": "",
                                 "amount": format_number(round(total, 4)), "budget": shown_budget,
                                 "money_unit": unit, "base": _BASE_ZH.get(base.source, "")}, variant="sum")


@check("money_unit_plausible", node="budget",
       params={"max_wan": {"default": 100000, "type": "number", "min": 0},
               "min_yuan": {"default": 1000, "type": "number", "min": 0}},
       vars=("field", "amount", "money_unit", "other"),
       variants=("wan-too-large", "yuan-too-small"))
def money_unit_plausible(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An amount whose size points to the other money unit: a 万元 budget of
    387664.62 (38.8 亿元 for one project — the figure is in 元), or every
    amount of a 元 form below 1,000 (the figures are in 万元). A likely
    finding: a very large project is possible, so it asks, not corrects.
    Params: `max_wan` (a 万元 amount at or above it is suspect, default
    100000 = 10 亿元), `min_yuan` (a 元 form whose amounts are all below it).
    Example: unit 万元, initial = 387664.62 fires (wan-too-large).
    """
    budget = node.data
    unit = money_unit(budget)
    printed = [(k, number(budget.get(k))) for k in ("initial", "adjusted", "actual")]
    amounts = [(k, a) for k, a in printed if a is not None and a > 0]
    if not amounts:
        return
    labels = {"initial": "年初预算数", "adjusted": "全年预算数", "actual": "全年执行数"}
    if unit == "万元":
        key, amount = max(amounts, key=lambda ka: ka[1])
        if amount >= params["max_wan"]:
            yield Hit(f"{node.path}.{key}", {"field": labels[key], "amount": format_number(amount),
                                             "money_unit": unit, "other": "元"}, variant="wan-too-large")
    elif unit == "元" and all(a < params["min_yuan"] for _, a in amounts):
        key, amount = amounts[0]
        yield Hit(f"{node.path}.{key}", {"field": labels[key], "amount": format_number(amount),
                                         "money_unit": unit, "other": "万元"}, variant="yuan-too-small")
