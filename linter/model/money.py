"""The budget figures a form states, and the ones that follow from them.

Forms print the money block unevenly: the Longgang table (seed 002) prints one
budget figure and buries the year's transfers in its 问题 column; the national
self-evaluation prints 年初预算数, 全年预算数 and 全年执行数. Rules that need
"the budget the year ended with" ask `year_budget`, which says where its figure
came from so a message can too.
"""
from __future__ import annotations

from typing import Any, Mapping, NamedTuple, Optional

from linter.model.values import number, parse

STATED, DERIVED, INITIAL = "adjusted", "initial+adjustments", "initial"


class YearBudget(NamedTuple):
    amount: float
    source: str  # adjusted | initial+adjustments | initial




def adjustments_total(budget: Mapping[str, Any]) -> Optional[float]:
    items = [a for a in budget.get("adjustments") or [] if number(a.get("amount")) is not None]
    return sum(float(a["amount"]) for a in items) if items else None


def year_budget(budget: Mapping[str, Any]) -> Optional[YearBudget]:
    """全年预算数 when printed; else 年初预算数 plus the recorded adjustments;
    else 年初预算数."""
    adjusted = number(budget.get("adjusted"))
    if adjusted is not None:
        return YearBudget(adjusted, STATED)
    initial = number(budget.get("initial"))
    if initial is None:
        return None
    moved = adjustments_total(budget)
    if moved is not None:
        return YearBudget(initial + moved, DERIVED)
    return YearBudget(initial, INITIAL)


def spent(budget: Mapping[str, Any]) -> Optional[float]:
    return number(budget.get("actual"))


def execution_rate(budget: Mapping[str, Any]) -> Optional[float]:
    """全年执行数 ÷ the year's budget, as a fraction."""
    base, actual = year_budget(budget), spent(budget)
    if base is None or actual is None or base.amount <= 0:
        return None
    return actual / base.amount


def received_rate(budget: Mapping[str, Any]) -> Optional[float]:
    """资金到位率: 实际到位 ÷ the year's budget, as a fraction."""
    base, received = year_budget(budget), number(budget.get("received"))
    if base is None or received is None or base.amount <= 0:
        return None
    return received / base.amount


def stated_rate(budget: Mapping[str, Any]) -> Optional[float]:
    """执行率 as printed, as a fraction: "99.5%" -> 0.995; a bare number above 1
    is read as a percentage (99.5 -> 0.995)."""
    raw = budget.get("stated_rate")
    if raw is None:
        return None
    value = parse(raw)
    if value.kind != "quantity" or value.number is None:
        return None
    if value.is_percent or value.number > 1.5:
        return value.number / 100
    return value.number


_YUAN = {"元": 1.0, "万元": 1e4, "亿元": 1e8}


def in_unit(amount: float, unit: str, wanted: str) -> float:
    """A sum of money in `unit` (元, 万元, 亿元) written in `wanted`."""
    if unit == wanted or unit not in _YUAN or wanted not in _YUAN:
        return amount
    return amount * _YUAN[unit] / _YUAN[wanted]


def money_unit(budget: Mapping[str, Any]) -> str:
    return budget.get("unit") or "万元"
