"""Patterns compiled on first use (the idea of Django's `_lazy_re_compile`).

Compiling a pattern costs 0.1-1 ms. A module pays for all of its patterns at
import even when the run never uses some of them (an error path, the full
position scan, money in a workbook cell); a pre-commit run on one form
imports ~60 modules. Patterns a one-form check always uses stay plain
`re.compile`: for them laziness saves nothing.
"""
from __future__ import annotations

import re
from typing import Any, cast

# What callers use of a pattern; after the first use these are plain
# attributes of the LazyPattern, so a lookup never comes back to __getattr__.
_ATTRS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
          "pattern", "flags", "groups", "groupindex", "scanner")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        for attr in _ATTRS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
