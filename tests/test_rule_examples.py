"""Every rule's bad example fires that rule, and its good example does not.

The examples live with the rules in the packs; this one parametrised test
runs them all through the full pipeline (reader -> engine -> findings).
"""
import re

import pytest

from linter.packs.loader import PackLoader, available_packs
from linter.engine.examples import example_document, run_example

LOADER = PackLoader()
RULES = LOADER.ruleset(available_packs()).rules
_SLOT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_fires(rule):
    findings = [f for f in run_example(rule, "bad", loader=LOADER) if f.code == rule.code]
    assert findings, f"{rule.code}: bad example did not fire:\n{example_document(rule, 'bad')}"
    for f in findings:
        assert f.slug == rule.slug and f.severity == rule.severity
        assert f.message and not _SLOT.search(f.message), f.message
        assert not _SLOT.search(f.fix), f.fix
        assert _CJK.search(f.message), "Chinese is the default language"
        assert f.location.line is not None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_message_in_english(rule):
    findings = [f for f in run_example(rule, "bad", lang="en", loader=LOADER) if f.code == rule.code]
    assert findings
    for f in findings:
        assert not _SLOT.search(f.message)
        # English wording around the form's own (Chinese) values
        assert re.search(r"[A-Za-z]{3,}", f.message), f.message


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_is_clean(rule):
    findings = run_example(rule, "good", loader=LOADER)
    assert not [f for f in findings if f.code == rule.code], findings
    # a good example is a valid form: nothing stops it from being checked
    assert not [f for f in findings if f.blocking], findings
