"""Suppression comments in TOML forms: `# jxlint: ignore[V001] 理由…`.

A comment on the line of a value silences the listed rules for findings on
that line; on a table header (`[[indicators]]  # jxlint: ignore[N001] …`)
it covers everything inside that table. Codes may be written as codes or
slugs, separated by commas. A reason is required: a suppression without one
is reported (E005) and suppresses nothing, so every exception in a forms
repository says why it was made. Unused suppressions are reported (E006)
when asked for (`--report-unused-ignores`); a code that names no rule
(`ignore[V00l]`, a typo that silences nothing) is marked here, for E006's
`unknown-code` variant, whether asked or not.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Set

from linter.model.findings import Finding
from linter.base.sourcemap import SourceMap, parent_path
from linter.readers.comments import Suppression


def _lines_of(finding: Finding, source_map: SourceMap) -> Set[int]:
    """The finding's own line and the lines of the tables that contain it."""
    lines: Set[int] = set()
    if finding.location.line is not None:
        lines.add(finding.location.line)
    path: Optional[str] = finding.path
    child = ""
    while path:
        # `indicators` is where the first [[indicators]] starts: a comment
        # there belongs to that table, not to the whole array.
        if not child.endswith("]"):
            pos = source_map.positions.get(path)
            if pos:
                lines.add(pos[0])
        child = path
        path = parent_path(child)
    return lines


def apply(findings: Iterable[Finding], suppressions: List[Suppression],
          source_map: SourceMap) -> List[Finding]:
    """The findings no (reasoned) suppression covers; marks the used ones."""
    active = [s for s in suppressions if s.reason]
    if not active:
        return list(findings)
    kept: List[Finding] = []
    for finding in findings:
        lines = _lines_of(finding, source_map)
        hit = next((s for s in active if s.line in lines and s.covers(finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            hit.used = True
    return kept


def mark_unknown(suppressions: Iterable[Suppression], known) -> None:
    """Note on each suppression the codes `known` (the policy's KnownRules)
    has no rule for, with the nearest known name of the first."""
    for s in suppressions:
        s.unknown = tuple(c for c in s.codes if not known.names(c, exact=True))
        s.hint = (known.nearest(s.unknown[0], exact=True) or "") if s.unknown else ""


def unknown_vars(s: Suppression) -> Dict[str, Any]:
    """The message variables of E006 `unknown-code` for a suppression."""
    hint = {"zh": f"（是否应为 {s.hint}？）", "en": f" (did you mean {s.hint}?)"} if s.hint else ""
    return {"codes": ", ".join(s.codes), "rule": ", ".join(s.unknown), "suggestion": hint}
