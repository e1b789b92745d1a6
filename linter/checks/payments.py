"""Checks on contract payment schedules."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

import datetime as dt

from linter.model.values import format_number, number
from linter.checks import Hit, check

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node


@check("paid_by_due_date", node="payment",
       params={"grace_days": {"default": 0, "type": "integer", "min": 0}},
       vars=("due", "paid_on", "days_late"))
def paid_by_due_date(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An instalment must be paid on or before its due date (plus
    `grace_days`, default 0). Needs both `due` and `paid_on`.

    Example: due = 2022-01-31, paid_on = 2022-03-31 fires (59 days late).
    """
    due, paid_on = node.get("due"), node.get("paid_on")
    if not isinstance(due, dt.date) or not isinstance(paid_on, dt.date):
        return
    late = (paid_on - due).days
    if late > params["grace_days"]:
        yield Hit(f"{node.path}.paid_on", {"due": due.isoformat(),
                                           "paid_on": paid_on.isoformat(),
                                           "days_late": late})


@check("paid_as_scheduled", node="payment",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0},
               "good_reviews": {"default": ["优秀", "良好"], "type": "list", "schema": {"type": "string"}}},
       vars=("amount", "paid", "difference", "review", "reason", "money_unit"),
       variants=("no-reason", "review-good", "overpaid"))
def paid_as_scheduled(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """What was paid must equal the scheduled amount, within `tolerance`
    (default 0.005 in the form's money unit). A shortfall needs a
    `deduction_reason`, and contradicts a contract review in `good_reviews`
    (default 优秀, 良好): a deduction means the service fell short.

    Variants: `review-good` (deducted while the review says 良好/优秀),
    `no-reason` (deducted with no reason), `overpaid` (paid more, no reason).
    Example: amount = 47, paid = 46.71, review = "良好" fires (review-good).
    """
    amount, paid = node.get("amount"), node.get("paid")
    if number(amount) is None or number(paid) is None:
        return
    diff = float(amount) - float(paid)
    if abs(diff) <= params["tolerance"]:
        return
    contract = node.parent.data if node.parent else {}
    review = str(contract.get("review") or "")
    reason = str(node.get("deduction_reason") or "").strip()
    good = params["good_reviews"]
    variables = {"amount": format_number(amount), "paid": format_number(paid),
                 "difference": format_number(round(abs(diff), 6)),
                 "review": review, "reason": reason,
                 "money_unit": (ctx.form.data.get("budget") or {}).get("unit", "万元")}
    if diff < 0:
        if not reason:
            yield Hit(f"{node.path}.paid", variables, variant="overpaid")
    elif review and any(g == review.strip() for g in good):
        yield Hit(f"{node.path}.paid", variables, variant="review-good")
    elif not reason:
        yield Hit(f"{node.path}.paid", variables, variant="no-reason")




@check("payments_within_contract", node="contract",
       params={"tolerance": {"default": 0.005, "type": "number", "min": 0}},
       vars=("amount", "total", "over", "column", "money_unit"),
       variants=("scheduled", "paid"))
def payments_within_contract(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The instalments of a contract must not add up to more than its
    `amount`: neither the schedule (`scheduled`) nor what was paid (`paid`),
    within `tolerance` (default 0.005).
    Example: amount 100 with payments of 60 and 50 fires.
    """
    amount = node.get("amount")
    if number(amount) is None:
        return
    payments = node.get("payments") or []
    unit = (ctx.form.data.get("budget") or {}).get("unit", "万元")
    for column in ("paid", "amount"):
        figures = [p.get(column) for p in payments if number(p.get(column)) is not None]
        total = sum(figures)
        if figures and total - amount > params["tolerance"]:
            yield Hit(f"{node.path}.amount", {"amount": format_number(amount),
                                              "total": format_number(round(total, 4)),
                                              "over": format_number(round(total - amount, 4)),
                                              "column": column, "money_unit": unit},
                      variant="paid" if column == "paid" else "scheduled")
            return


@check("contract_dates_valid", node="contract",
       params={"paid_after_end_days": {"default": 90, "type": "integer", "min": 0}},
       vars=("start", "end", "date", "installment", "field"),
       variants=("ends-before-start", "due-outside", "paid-outside"))
def contract_dates_valid(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A contract must end after it starts, and its instalments fall inside
    it: due between `start` and `end`, paid no earlier than `start` and no
    later than `paid_after_end_days` (default 90: the final payment follows
    acceptance) after `end`.
    Example: start 2022-07-01, end 2021-06-30 fires (ends-before-start).
    """
    start, end = node.get("start"), node.get("end")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return
    base = {"start": start.isoformat(), "end": end.isoformat()}
    if end < start:
        yield Hit(f"{node.path}.end", dict(base, date="", installment="", field="end"),
                  variant="ends-before-start")
        return
    late_limit = end + dt.timedelta(days=params["paid_after_end_days"])
    for j, pay in enumerate(node.get("payments") or []):
        number = str(pay.get("installment", j + 1))
        due, paid_on = pay.get("due"), pay.get("paid_on")
        if isinstance(due, dt.date) and not (start <= due <= end):
            yield Hit(f"{node.path}.payments[{j}].due",
                      dict(base, date=due.isoformat(), installment=number, field="due"),
                      variant="due-outside")
        if isinstance(paid_on, dt.date) and not (start <= paid_on <= late_limit):
            yield Hit(f"{node.path}.payments[{j}].paid_on",
                      dict(base, date=paid_on.isoformat(), installment=number, field="paid_on"),
                      variant="paid-outside")
