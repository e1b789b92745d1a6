"""Run a rule's own bad/good example through the whole pipeline.

Examples in packs are fragments (usually one [[indicators]] or [[contracts]]
table). `example_document` completes a fragment into a form — a `kind` and a
`[project]` are added when the fragment has none — and `run_example` checks
it with the rule's pack, exactly as a file would be checked. The test suite
and `jxlint explain` both use this, so the examples cannot rot.

A rule that reads two forms (the Y rules: a project this year against last
year) gives the earlier form in the same example, as an `[earlier]` table:
`[earlier]` (its `kind`, default self-evaluation), `[earlier.project]`,
`[[earlier.indicators]]`. Those tables are taken out of the document (their
lines left blank, so positions stay as written) and become the other form of
the run: the example goes through the single-form pass and then the
cross-form pass (`Engine.check_across`), as two files of one run would.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine.core import Engine
from linter.model.findings import Finding
from linter.model.form import Form
from linter.model.history import form_facts
from linter.packs.loader import PackLoader
from linter.packs.rules import Rule

DEFAULT_PROJECT = '\n[project]\nname = "示例项目"\n'
EARLIER = "earlier"
_HEADER_RE = re.compile(r"^\s*\[")
_EARLIER_HEADER_RE = re.compile(r"^\s*\[\[?\s*earlier\s*[.\]]")


def split_earlier(text: str) -> Tuple[str, Optional[Dict[str, Any]]]:
    """(the document without its `[earlier…]` tables, the earlier form's
    data or None). Lines are blanked, not removed, so positions hold."""
    try:
        earlier = tomllib.loads(text).get(EARLIER)
    except tomllib.TOMLDecodeError:
        return text, None
    if not isinstance(earlier, dict):
        return text, None
    lines, inside = [], False
    for line in text.split("\n"):
        if _HEADER_RE.match(line):
            inside = bool(_EARLIER_HEADER_RE.match(line))
        lines.append("" if inside else line)
    data = dict(earlier)
    data.setdefault("kind", "self-evaluation")
    return "\n".join(lines), data


def example_document(rule: Rule, which: str) -> str:
    fragment = rule.examples[which]
    try:
        parsed = tomllib.loads(fragment)
    except tomllib.TOMLDecodeError:
        return fragment  # a deliberately broken example (E001) is checked as written
    head = ""
    if "kind" not in parsed:
        kinds = rule.select.kind
        kind = "self-evaluation" if not kinds or "self-evaluation" in kinds else kinds[0]
        head = f'kind = "{kind}"\n'
    tail = DEFAULT_PROJECT if "project" not in parsed else ""
    return head + fragment + tail


def run_example(rule: Rule, which: str, lang: str = "zh",
                loader: Optional[PackLoader] = None) -> List[Finding]:
    # Unused suppressions are reported only on request; examples ask, so
    # E006's own example can show it.
    from linter.readers.toml import read_toml_bytes
    engine = Engine(loader=loader, packs=[rule.pack], lang=lang, report_unused_ignores=True)
    text, earlier = split_earlier(example_document(rule, which))
    result = read_toml_bytes(text.encode("utf-8"), f"<{rule.code} {which} example>")
    report = engine.check_read(result)
    if earlier is None:
        return report.findings
    known = report.facts + [form_facts(Form(f"<{rule.code} {which} example, earlier>", earlier), "earlier.toml")]
    return sorted(report.findings + engine.check_across(result, known), key=Finding.sort_key)
