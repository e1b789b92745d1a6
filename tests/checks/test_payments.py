from .helpers import hits


def contract(payment, review="良好", unit=None):
    budget = f'[budget]\nunit = "{unit}"\n' if unit else ""
    return f'''{budget}[[contracts]]
supplier = "甲机构"
review = "{review}"

[[contracts.payments]]
installment = 2
{payment}'''


def test_late_payment():
    [hit] = hits("paid_by_due_date", contract("due = 2022-01-31\npaid_on = 2022-03-31"))
    assert hit.vars == {"due": "2022-01-31", "paid_on": "2022-03-31", "days_late": 59}
    assert hit.path == "contracts[0].payments[0].paid_on"


def test_on_time_grace_and_missing_dates():
    assert hits("paid_by_due_date", contract("due = 2022-01-31\npaid_on = 2022-01-31")) == []
    assert hits("paid_by_due_date", contract("due = 2022-01-31\npaid_on = 2022-02-05"),
                {"grace_days": 5}) == []
    assert hits("paid_by_due_date", contract("due = 2022-01-31")) == []


def test_deduction_while_review_is_good():
    [hit] = hits("paid_as_scheduled", contract("amount = 47\npaid = 46.71"))
    assert hit.variant == "review-good"
    assert hit.vars["difference"] == "0.29" and hit.vars["money_unit"] == "万元"


def test_deduction_without_reason():
    [hit] = hits("paid_as_scheduled", contract("amount = 47\npaid = 46.71", review="合格"))
    assert hit.variant == "no-reason"


def test_deduction_with_reason_and_modest_review_passes():
    text = contract('amount = 47\npaid = 46.71\ndeduction_reason = "考核扣分"', review="合格")
    assert hits("paid_as_scheduled", text) == []


def test_overpayment_and_tolerance():
    [hit] = hits("paid_as_scheduled", contract("amount = 47\npaid = 48", unit="元"))
    assert hit.variant == "overpaid" and hit.vars["money_unit"] == "元"
    assert hits("paid_as_scheduled", contract("amount = 47\npaid = 46.999")) == []
    assert hits("paid_as_scheduled", contract("amount = 47\npaid = 46.9"), {"tolerance": 0.2}) == []
