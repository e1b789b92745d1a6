"""Messages in the user's terms: what finance staff, a pre-commit hook and a
CI log read says things as the forms and the policy documents say them —
no internal words, no English in a Chinese run, and always a way forward."""
import re
from pathlib import Path

from linter.checks import REGISTRY
from linter.packs.loader import PackLoader, available_packs

ROOT = Path(__file__).resolve().parent.parent
# What the project calls its three reference documents internally; a user
# knows them by their names (罗湖区 2022 年评价报告, 龙岗区 2020 年自评表 …).
INTERNAL_WORDS = re.compile(r"种子|\bseeds?\b", re.IGNORECASE)


def _rule_texts(rule):
    yield "basis", rule.basis
    for part in ("title", "message", "fix", "why"):
        for lang, text in (getattr(rule, part) or {}).items():
            yield f"{part}.{lang}", text
    for variant, parts in rule.variants.items():
        for part, table in parts.items():
            for lang, text in table.items():
                yield f"variants.{variant}.{part}.{lang}", text
    for which, text in rule.examples.items():
        yield f"examples.{which}", text


def test_no_internal_words_in_what_users_read():
    found = []
    for rule in PackLoader().ruleset(available_packs()).rules:
        found += [(rule.code, part, text) for part, text in _rule_texts(rule) if INTERNAL_WORDS.search(text)]
    # `jxlint rules --checks` and docs/checks.md print the checks' docstrings
    found += [(name, "doc", spec.doc) for name, spec in REGISTRY.items() if INTERNAL_WORDS.search(spec.doc)]
    for doc in ("rules.md", "checks.md"):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
        found += [(doc, "line", line) for line in text.splitlines() if INTERNAL_WORDS.search(line)]
    assert not found, "\n".join(f"{a} {b}: {c[:120]}" for a, b, c in found)


# --- the form's kind, as its printed name --------------------------------------

SELF_EVALUATION = ROOT / "examples" / "wuhan-huashan-2020.toml"


def test_html_report_names_the_kind_in_the_users_words():
    from support import run_cli
    zh = run_cli("check", "--no-cache", "--format", "html", SELF_EVALUATION).output
    assert "· 绩效自评表</p>" in zh and "self-evaluation" not in zh
    en = run_cli("check", "--no-cache", "--format", "html", "--lang", "en", SELF_EVALUATION).output
    assert "· performance self-evaluation</p>" in en


def test_an_inferred_kind_is_named_not_keyed(tmp_path):
    from support import run_cli
    form = tmp_path / "nokind.toml"
    form.write_text("\n".join(line for line in SELF_EVALUATION.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("kind")), encoding="utf-8")
    [zh] = [line for line in run_cli("check", "--no-cache", form).output.splitlines() if " E002 " in line]
    assert "按内容当作绩效自评表检查" in zh
    [en] = [line for line in run_cli("check", "--no-cache", "--lang", "en", form).output.splitlines()
            if " E002 " in line]
    assert en.endswith("checked as performance self-evaluation")
