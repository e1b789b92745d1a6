import pytest

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


def contract_with(amount=None, payments=(), start=None, end=None):
    text = '[[contracts]]\nsupplier = "某机构"\n'
    text += f"amount = {amount}\n" if amount is not None else ""
    text += f"start = {start}\n" if start else ""
    text += f"end = {end}\n" if end else ""
    for pay in payments:
        text += "[[contracts.payments]]\n" + "".join(f"{k} = {v}\n" for k, v in pay.items())
    return text


@pytest.mark.parametrize("payments,variant", [
    ([{"amount": 60, "paid": 60}, {"amount": 50, "paid": 50}], "paid"),
    ([{"amount": 60}, {"amount": 50}], "scheduled"),
])
def test_payments_exceed_contract(payments, variant):
    [hit] = hits("payments_within_contract", contract_with(100, payments))
    assert hit.variant == variant and hit.vars["over"] == "10"


def test_payments_within_contract():
    assert hits("payments_within_contract", contract_with(100, [{"amount": 50, "paid": 49.7},
                                                                {"amount": 50, "paid": 50}])) == []
    assert hits("payments_within_contract", contract_with(None, [{"amount": 500}])) == []


@pytest.mark.parametrize("start,end,payments,variants", [
    ("2022-07-01", "2021-06-30", [], ["ends-before-start"]),
    ("2021-07-01", "2022-06-30", [{"due": "2022-08-31"}], ["due-outside"]),
    ("2021-07-01", "2022-06-30", [{"paid_on": "2021-06-01"}], ["paid-outside"]),
    ("2021-07-01", "2022-06-30", [{"paid_on": "2022-12-31"}], ["paid-outside"]),
    ("2021-07-01", "2022-06-30", [{"due": "2022-01-31", "paid_on": "2022-03-31"}], []),
    ("2021-07-01", "2022-06-30", [{"due": "2022-06-30", "paid_on": "2022-08-15"}], []),  # settlement
])
def test_contract_dates(start, end, payments, variants):
    found = hits("contract_dates_valid", contract_with(None, payments, start, end),
                 {"paid_after_end_days": 90})
    assert [h.variant for h in found] == variants
