"""Suppression comments in TOML forms: `# jxlint: ignore[V001] 理由…`.

A comment on the line of a value silences the listed rules for findings on
that line; on a table header (`[[indicators]]  # jxlint: ignore[N001] …`)
it covers everything inside that table. Codes may be written as codes or
slugs, separated by commas. A reason is required: a suppression without one
is reported (E005) and suppresses nothing, so every exception in a forms
repository says why it was made. Unused suppressions are reported (E006)
when asked for (`--report-unused-ignores`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Set, Tuple

from linter.model.findings import Finding
from linter.model.sourcemap import SourceMap, parent_path

MARK = "jxlint:"
# Bounded: a code list of at most 400 characters, matched once per line that
# holds the marker; nothing here can backtrack badly.
_COMMENT_RE = re.compile(r"#\s*jxlint:\s*ignore\[([A-Za-z0-9,\s_-]{1,400})\]\s*(.*)$")


@dataclass
class Suppression:
    line: int
    column: int
    codes: Tuple[str, ...]
    reason: str
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return any(c.upper() == finding.code or c.lower() == finding.slug for c in self.codes)


def _outside_strings(line: str, index: int) -> bool:
    """True when position `index` of a TOML line is not inside a string."""
    quote: Optional[str] = None
    i = 0
    while i < index:
        ch = line[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if quote is None and ch in ('"', "'"):
            quote = ch
        elif quote == ch:
            quote = None
        i += 1
    return quote is None


def scan(text: str) -> List[Suppression]:
    """Every suppression comment of a TOML document."""
    if MARK not in text:
        return []
    found: List[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if MARK not in line:
            continue
        m = _COMMENT_RE.search(line)
        if not m or not _outside_strings(line, m.start()):
            continue
        codes = tuple(c.strip() for c in m.group(1).split(",") if c.strip())
        found.append(Suppression(number, m.start() + 1, codes, m.group(2).strip()))
    return found


def _lines_of(finding: Finding, source_map: SourceMap) -> Set[int]:
    """The finding's own line and the lines of the tables that contain it."""
    lines: Set[int] = set()
    if finding.location.line is not None:
        lines.add(finding.location.line)
    path, child = finding.path, ""
    while path:
        # `indicators` is where the first [[indicators]] starts: a comment
        # there belongs to that table, not to the whole array.
        if not child.endswith("]"):
            pos = source_map.positions.get(path)
            if pos:
                lines.add(pos[0])
        path, child = parent_path(path), path
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
