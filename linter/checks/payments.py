"""Checks on contract payment schedules."""
from __future__ import annotations

import datetime as dt

from ..values import format_number
from . import Hit, check


@check("paid_by_due_date", node="payment",
       params={"grace_days": {"type": "integer", "min": 0}},
       vars=("due", "paid_on", "days_late"))
def paid_by_due_date(node, params, ctx):
    """An instalment must be paid on or before its due date (plus
    `grace_days`, default 0). Needs both `due` and `paid_on`.

    Example: due = 2022-01-31, paid_on = 2022-03-31 fires (59 days late).
    """
    due, paid_on = node.get("due"), node.get("paid_on")
    if not isinstance(due, dt.date) or not isinstance(paid_on, dt.date):
        return
    late = (paid_on - due).days
    if late > params.get("grace_days", 0):
        yield Hit(f"{node.path}.paid_on", {"due": due.isoformat(),
                                           "paid_on": paid_on.isoformat(),
                                           "days_late": late})


@check("paid_as_scheduled", node="payment",
       params={"tolerance": {"type": "number", "min": 0},
               "good_reviews": {"type": "list", "schema": {"type": "string"}}},
       vars=("amount", "paid", "difference", "review", "reason", "money_unit"),
       variants=("no-reason", "review-good", "overpaid"))
def paid_as_scheduled(node, params, ctx):
    """What was paid must equal the scheduled amount, within `tolerance`
    (default 0.005 in the form's money unit). A shortfall needs a
    `deduction_reason`, and contradicts a contract review in `good_reviews`
    (default 优秀, 良好): a deduction means the service fell short.

    Variants: `review-good` (deducted while the review says 良好/优秀),
    `no-reason` (deducted with no reason), `overpaid` (paid more, no reason).
    Example: amount = 47, paid = 46.71, review = "良好" fires (review-good).
    """
    amount, paid = node.get("amount"), node.get("paid")
    if not _is_number(amount) or not _is_number(paid):
        return
    diff = float(amount) - float(paid)
    if abs(diff) <= params.get("tolerance", 0.005):
        return
    contract = node.parent.data if node.parent else {}
    review = str(contract.get("review") or "")
    reason = str(node.get("deduction_reason") or "").strip()
    good = params.get("good_reviews", ["优秀", "良好"])
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


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x \
        and x not in (float("inf"), float("-inf"))
