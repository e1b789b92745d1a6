"""Run a rule's own bad/good example through the whole pipeline.

Examples in packs are fragments (usually one [[indicators]] or [[contracts]]
table). `example_document` completes a fragment into a form — a `kind` and a
`[project]` are added when the fragment has none — and `run_example` checks
it with the rule's pack, exactly as a file would be checked. The test suite
and `jxlint explain` both use this, so the examples cannot rot.
"""
from __future__ import annotations

import sys
from typing import List, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine.core import Engine
from linter.model.findings import Finding
from linter.packs.loader import PackLoader
from linter.packs.rules import Rule

DEFAULT_PROJECT = '\n[project]\nname = "示例项目"\n'


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
    engine = Engine(loader=loader, packs=[rule.pack], lang=lang, report_unused_ignores=True)
    report = engine.check_text(example_document(rule, which),
                               f"<{rule.code} {which} example>")
    return report.findings
