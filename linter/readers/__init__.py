"""Readers turn a file into forms (with source maps) or input problems.

A reader never raises for bad input: everything it cannot read becomes an
`InputProblem` (E001 unreadable, E002 schema error, E003 unknown field) that
the engine renders with the messages of the E rules in the `core` pack.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ..model import Form


@dataclass(frozen=True)
class InputProblem:
    code: str                      # E001 | E002 | E003
    variant: str                   # which message of the rule to use
    vars: Dict[str, Any] = field(default_factory=dict)
    path: str = ""
    line: Optional[int] = None
    column: Optional[int] = None
    # E001/E002 stop the form from being checked; E003 does not.
    blocking: bool = True


@dataclass
class ReadResult:
    file: str
    forms: List[Form] = field(default_factory=list)
    problems: List[InputProblem] = field(default_factory=list)
    # The document as parsed, even when a schema error stops it from becoming
    # a form: findings still name the indicator they are about.
    document: Any = None

    @property
    def stopped(self) -> bool:
        return any(p.blocking for p in self.problems)


def reader_for(path) -> Optional[str]:
    """The reader that handles a file name, or None when none does."""
    name = str(path).lower()
    if name.endswith(".toml"):
        return "toml"
    return None
