"""One sheet of cells, whatever file it came from, and how labels are matched.

Workbook sheets and CSV/TSV tables become the same `Grid`: rows of printed
values (text stripped of surrounding blanks, numbers as numbers, a number
formatted as a percentage as its printed text, e.g. "99.9%"). Layout code
reads grids only, so a layout works the same from .xlsx and from .csv.

Empty cells are `None`. A merged range reads as its top-left value with empty
cells under it — exactly what a blank continuation cell looks like — so the
layouts treat both alike (an empty 一级/二级 cell continues the one above).

Printed labels vary in spacing, bracket width and colons (`项目名称：`,
`项目资金（万元）`, `偏差原因分析及改进措施(如有)`); `norm` folds those
differences and `label_matches` is the one place that decides whether a
cell is a given label.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator, List, Optional, Sequence, Tuple

from linter.base.memo import short_text_memo


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    # every cell a layout reads is named by its reference: a sheet's few
    # dozen columns are spelled once
    if 0 <= index < len(_LETTERS):
        return _LETTERS[index]
    return _letters(index)


def _letters(index: int) -> str:
    n = index + 1
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


_LETTERS = tuple(_letters(i) for i in range(702))  # A … ZZ


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) -> spreadsheet reference, e.g. (11, 2) -> C12."""
    return f"{column_letter(col)}{row + 1}"


def norm(text: Any) -> str:
    """Fold a printed label for comparison: NFKC (full-width brackets and
    colons become ASCII), no whitespace at all."""
    # layouts fold the same headers for every row
    return _norm_memo(text if type(text) is str else str(text or ""))


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    return "".join(s.split())


_norm_memo = short_text_memo(_norm, maxsize=8192)


# What a printed header may carry after its name (rules/lexicon/headers.toml):
# letter references (A) (B/A), points (50分), (权重), units (万元) (%), template
# prompts (必填) (选填) (必填硬性指标), a trailing 等 or colon.
_HEADER_SUFFIX = re.compile(
    r"(?:\((?:[A-Z](?:[/÷][A-Z])?(?:[×*]100%)?|\d+(?:\.\d+)?分?|权重|分值|万元|元|%|[^()]{0,10}(?:必填|选填|可选)[^()]{0,10})\)"
    r"|等|:|\*+)+$")
_HEADER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[、.]|\d{1,2}[、.]|\*+)")


def header_key(text: Any) -> str:
    """A printed header as the lexicon compares it: `年初目标值(A)` ->
    `年初目标值`, `三级指标（权重）` -> `三级指标`, `数量指标（必填硬性指标）` ->
    `数量指标`, `项目名称：` -> `项目名称`."""
    return _header_key_memo(norm(text))


def _header_key(s: str) -> str:
    for _ in range(3):
        t = _HEADER_PREFIX.sub("", _HEADER_SUFFIX.sub("", s))
        if t == s:
            break
        s = t
    return s


_header_key_memo = short_text_memo(_header_key, maxsize=8192)


def label_matches(cell_text: str, label: str) -> bool:
    """True when a cell *is* the label: equal once folded (`header_key`), or
    the label followed by a colon or a bracketed note (`项目资金(万元)`,
    `偏差原因分析及改进措施(如有)`, `项目名称:`)."""
    c, l = norm(cell_text), norm(label)
    if not l:
        return False
    if c.startswith(l):
        rest = c[len(l):]
        if rest in ("", ":") or rest.startswith("("):
            return True
    return len(c) <= 40 and header_key(c) == header_key(l) != ""


def label_contained(cell_text: str, label: str) -> bool:
    l = norm(label)
    return bool(l) and l in norm(cell_text)


def strip_label(raw: str, label: str) -> Optional[str]:
    """The text after `label` and an optional colon, when `raw` starts with
    the label (`部门名称(盖章): 某局` -> `某局`); None otherwise. The rest is
    returned as printed, only trimmed."""
    target = norm(label)
    folded = ""
    for i, ch in enumerate(raw):
        folded += norm(ch)
        if folded == target:
            rest = raw[i + 1:].lstrip()
            if rest[:1] in ("(", "（"):  # a note between label and colon: 部门名称(盖章):
                close = min((rest.find(b) for b in (")", "）") if b in rest), default=-1)
                if close < 0:
                    return None
                rest = rest[close + 1:].lstrip()
            if rest[:1] in (":", "："):
                return rest[1:].strip() or None
            return None
        if len(folded) > len(target):
            return None
    return None


@dataclass
class Grid:
    """A sheet: `rows[r][c]` is the printed value of cell (r, c), 0-based."""

    name: str
    rows: List[List[Any]] = field(default_factory=list)
    # what the reader has to say about the sheet itself (formulas with no
    # value, hidden rows): input problems reported with the form read from it
    notes: List[Any] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def text(self, row: int, col: int) -> str:
        v = self.value(row, col)
        return "" if v is None else v if isinstance(v, str) else str(v)

    def filled(self, row: int) -> Iterator[Tuple[int, Any]]:
        """(col, value) of the non-empty cells of a row, left to right."""
        if 0 <= row < len(self.rows):
            for c, v in enumerate(self.rows[row]):
                if v is not None and v != "":
                    yield c, v

    def find(self, labels: Sequence[str], rows: Optional[range] = None,
             contains: bool = False) -> Optional[Tuple[int, int]]:
        """The first cell (row-major) that is one of `labels`, trying the
        labels in order of preference."""
        # find_all, stopping at the first cell of the preferred label: a
        # 2,000-row table has its header at the top
        match = label_contained if contains else label_matches
        best, rank = None, len(labels)
        for r in rows if rows is not None else range(self.height):
            for c, v in self.filled(r):
                if not isinstance(v, str):
                    continue
                for i in range(rank):  # only a more preferred label can do better
                    if match(v, labels[i]):
                        best, rank = (r, c), i
                        break
                if rank == 0:
                    return best
        return best

    def find_all(self, labels: Sequence[str], rows: Optional[range] = None,
                 contains: bool = False) -> List[Tuple[Tuple[int, int], str]]:
        match = label_contained if contains else label_matches
        out = []
        for r in rows if rows is not None else range(self.height):
            for c, v in self.filled(r):
                if not isinstance(v, str):
                    continue
                for label in labels:
                    if match(v, label):
                        out.append(((r, c), label))
                        break
        return out
