"""Source maps: model path -> position in the file the form came from.

A path is what findings carry (`indicators[3].target`, `contracts[0].payments[1]`);
the source map turns it into a line and column (TOML) or a sheet and cell
(workbooks). A path with no position of its own anchors on its nearest parent,
so a finding about a missing field points at the table that lacks it.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, Iterable, List, Optional, Tuple, Union

from linter.base.lazyre import lazy

Segment = Union[str, int]
# [A-Za-z0-9_-] and every non-ASCII character, written as the ASCII it
# excludes: the same set, and ~30 times cheaper to compile at start-up.
_SIMPLE_KEY = re.compile(r"^[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]+$")


def format_path(segments: Iterable[Segment]) -> str:
    """('indicators', 3, 'target') -> 'indicators[3].target'."""
    out = []
    for seg in segments:
        if isinstance(seg, int):
            out.append(f"[{seg}]")
        else:
            text = seg if _SIMPLE_KEY.fullmatch(seg) and "." not in seg else '"' + seg.replace('"', '\\"') + '"'
            out.append(("." if out else "") + text)
    return "".join(out)


_SEGMENT_RE = lazy(r'\[(\d+)\]|\.?"((?:[^"\\]|\\.)*)"|\.?([^.\[\]"]+)')


def split_path(path: str) -> List[Segment]:
    """The inverse of `format_path`: 'indicators[3].target' -> ['indicators', 3, 'target']."""
    out: List[Segment] = []
    for m in _SEGMENT_RE.finditer(path):
        if m.group(1) is not None:
            out.append(int(m.group(1)))
        elif m.group(2) is not None:
            out.append(m.group(2).replace('\\"', '"'))
        else:
            out.append(m.group(3))
    return out


_PARENT_RE = re.compile(r'(?:\[\d+\]|\.(?:"(?:[^"\\]|\\.)*"|[^.\[\]"]+))$')


def parent_path(path: str) -> Optional[str]:
    if not path:
        return None
    m = _PARENT_RE.search(path)
    if m and m.start() > 0:
        return path[: m.start()]
    return ""


class SourceMap:
    """Positions for one form. `positions` maps a path to (line, column) or
    to (sheet, cell); both are 1-based / spreadsheet-style."""

    def __init__(self, positions: Optional[Dict[str, Tuple]] = None, kind: str = "text",
                 build: Optional[Callable[[], Dict[str, Tuple]]] = None):
        # `build` defers the work of finding positions until a finding needs
        # one: a clean form never pays for it.
        self._positions = positions
        self._build = build
        self.kind = kind  # "text" (line, column) or "cell" (sheet, cell)

    @property
    def positions(self) -> Dict[str, Tuple]:
        if self._positions is None:
            self._positions = self._build() if self._build else {}
            self._build = None
        return self._positions

    def locate(self, path: str) -> Optional[Tuple]:
        """The position of `path`, or of its nearest ancestor that has one."""
        current: Optional[str] = path
        while current is not None:
            pos = self.positions.get(current)
            if pos is not None:
                return pos
            if current == "":
                return None
            current = parent_path(current)
        return None
