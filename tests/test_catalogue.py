"""Every code of the rule catalogue exists with its fixed slug, is listed by
`jxlint rules --format json` and explained by `jxlint explain`.

Codes and slugs are a contract: users write them in configs, suppressions
and baselines, so they are pinned here rather than read from the packs.
"""
import json

import pytest

from support import run_cli as run

CATALOGUE = {
    "E001": "parse-error", "E002": "schema-error", "E003": "unknown-field",
    "E004": "unknown-category",
    "C001": "required-level1-missing", "C002": "output-level2-missing", "C003": "empty-category",
    "C004": "too-few-indicators", "C005": "nonstandard-category-label",
    "C006": "misclassified-indicator", "C007": "input-as-indicator",
    "N001": "name-not-measurable", "N002": "duplicate-indicator", "N003": "template-placeholder",
    "N004": "name-target-contradiction", "N005": "compound-indicator",
    "V001": "target-not-quantified", "V002": "actual-not-measurable", "V003": "nonstandard-comparator",
    "V004": "unit-missing-or-mismatch", "V005": "percent-out-of-range", "V006": "comparator-direction",
    "V007": "percent-on-non-rate", "V008": "actual-missing", "V009": "satisfaction-target",
    "V010": "qualitative-actual-label", "V011": "deadline-outside-year",
    "V012": "target-copied-as-actual", "V013": "nonstandard-unit",
    "U001": "target-not-scaled", "U002": "average-hides-shortfall", "U003": "site-below-standard",
    "U004": "site-cost-cap", "U005": "funding-split", "U006": "service-period-gap",
    "U007": "budget-target-mismatch", "U008": "target-set-too-low", "U009": "output-too-coarse",
    "B001": "execution-rate-mismatch", "B002": "overspent", "B003": "sources-dont-sum",
    "B004": "budget-figure-missing", "B005": "adjustment-unexplained",
    "B006": "low-execution-unexplained", "B007": "cost-targets-exceed-budget",
    "B008": "money-unit-suspect",
    "P001": "payment-late", "P002": "payment-deduction-unexplained",
    "P003": "payments-exceed-contract", "P004": "contract-dates-invalid",
    "S001": "weights-dont-sum", "S002": "weight-profile", "S003": "weight-not-positive",
    "S004": "execution-score", "S005": "score-formula", "S006": "qualitative-score-band",
    "S007": "score-exceeds-weight", "S008": "deviation-unexplained", "S009": "total-score-mismatch",
    "S010": "grade-mismatch", "S011": "unscored",
    "X001": "evidence-disagrees", "X002": "boilerplate-result", "X003": "goal-not-a-target",
    "X004": "goal-not-covered",
    "M001": "behind-schedule", "M002": "ahead-of-schedule", "M003": "monitoring-unexplained",
    "R001": "required-indicator-missing", "R002": "fixed-indicator-missing",
    "Y001": "target-below-last-actual", "Y002": "indicator-dropped", "Y003": "unit-or-scope-changed",
    "Y004": "duplicate-project",
}

# Codes jxlint added in the catalogue's families (new rules get new codes).
ADDED = {"E005": "ignore-without-reason", "E006": "unused-ignore"}

# Where the catalogue puts each family's rules: national ones in core, the
# scoring ones in the scoring profile, the Shenzhen standard in its pack.
SCORING = {"S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009", "S010",
           "S011", "U008", "B006", "C004"}
SHENZHEN = {"U001", "U004", "U005", "U006"}
# The in-year monitoring rules, for the 绩效运行监控表 only.
MONITORING = {"M001", "M002", "M003"}
# 共性指标 by type of spending and the indicators a profile fixes: one pack,
# applied to every form by its kind (a profile gives the fixed ones).
COMMON = {"R001", "R002"}
# Rules across forms (the cross-form pass) live in their own pack.
HISTORY = {"Y001", "Y002", "Y003", "Y004"}


@pytest.fixture(scope="module")
def listed():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    return {r["code"]: r for r in json.loads(result.output)}


def test_rules_lists_exactly_the_catalogue(listed):
    assert {code: r["slug"] for code, r in listed.items()} == {**CATALOGUE, **ADDED}


def test_rules_live_in_the_right_pack(listed):
    for code, rule in listed.items():
        expected = ("scoring-national" if code in SCORING else "shenzhen-dangqun" if code in SHENZHEN
                    else "monitoring" if code in MONITORING else "common-indicators" if code in COMMON
                    else "history" if code in HISTORY else "core")
        assert rule["pack"] == expected, code
        assert rule["basis"] and rule["title"]


@pytest.mark.parametrize("code", sorted({**CATALOGUE, **ADDED}))
def test_explain_every_code(code):
    slug = {**CATALOGUE, **ADDED}[code]
    result = run("explain", code)
    assert result.exit_code == 0
    assert result.output.startswith(f"{code} {slug}")
    assert "依据" in result.output and "错误示例" in result.output
    assert run("explain", slug, "--lang", "en").exit_code == 0
