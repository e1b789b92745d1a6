"""Suppression comments as a TOML form writes them: `# jxlint: ignore[V001] 理由…`.

Reading them is the reader's job (they are part of the file); deciding what
they silence is the policy's (linter/policy/suppress.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from linter.base.lazyre import lazy
from linter.model.findings import Finding

MARK = "jxlint:"
# Bounded: a code list of at most 400 characters, matched once per line that
# holds the marker; nothing here can backtrack badly.
COMMENT_RE = lazy(r"#\s*jxlint:\s*ignore\[([A-Za-z0-9,\s_-]{1,400})\]\s*(.*)$")


@dataclass
class Suppression:
    """One `# jxlint: ignore[CODES] reason` comment: where, what it waives,
    and whether a finding used it."""

    line: int
    column: int
    codes: Tuple[str, ...]
    reason: str
    used: bool = False
    # Set by the policy, which knows the rules: the codes that name none,
    # and the nearest known code or slug of the first of them.
    unknown: Tuple[str, ...] = ()
    hint: str = ""

    def covers(self, finding: Finding) -> bool:
        return any(c.upper() == finding.code or c.lower() == finding.slug for c in self.codes)


def outside_strings(line: str, index: int) -> bool:
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
        m = COMMENT_RE.search(line)
        if not m or not outside_strings(line, m.start()):
            continue
        codes = tuple(c.strip() for c in m.group(1).split(",") if c.strip())
        found.append(Suppression(number, m.start() + 1, codes, m.group(2).strip()))
    return found
