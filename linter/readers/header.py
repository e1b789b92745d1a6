"""Finding an indicator table's header, however many rows it is printed on.

Real forms print the header on one row (一级指标 | 二级指标 | 三级指标 |
年度指标值 | …), on two (a group row 年度指标值 | 实际完成值 | 分值 … above
指标性质 | 指标值 | 度量单位, with 一级/二级/三级 merged down both rows), and
sometimes on three. A merged range reads as its top-left value with empty
cells beside and under it, so a column's labels are the texts printed in it
from the top of the header down, and a group label reaches the empty cells
to its right that have a label of their own in the row below.

Candidate bands (one to three rows) are scored by how many fields their
columns name (through the header lexicon); the best band wins, whatever
template's words it uses. Each column takes the field of its lowest label
still free, else its group's: 指标值 under 年度指标值 is the target; 指标值
under 实际完成值, once the target is taken, is the actual.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from linter.readers.grid import Grid, label_matches

MAX_BAND = 3          # header rows combined at most
SEARCH_ROWS = 120     # headers sit near the top of a sheet
MAX_LABEL = 40        # a longer cell is prose, never a header


def field_of(text: Any, spec: Mapping[str, Sequence[str]], taken=()) -> Optional[str]:
    """The field a header text names (the first in the spec's order that is free)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LABEL:
        return None
    for name, options in spec.items():
        if name in taken:
            continue
        if any(label_matches(text, label) for label in options):
            return name
    return None


def _labels(grid: Grid, rows: Sequence[int]) -> Dict[int, List[str]]:
    """column -> its labels from the top of the band down, group labels
    carried over the empty cells they span."""
    out: Dict[int, List[str]] = {}
    width = max((len(grid.rows[r]) for r in rows if r < grid.height), default=0)
    for i, r in enumerate(rows):
        group: Optional[str] = None
        for c in range(width):
            v = grid.value(r, c)
            if isinstance(v, str) and v.strip():
                group = v
                out.setdefault(c, []).append(v)
                continue
            below = [grid.value(rr, c) for rr in rows[i + 1:]]
            if group is not None and any(isinstance(b, str) and b.strip() for b in below):
                out.setdefault(c, []).append(group)  # spanned by the group label to its left
            else:
                group = None
    return out


def map_columns(grid: Grid, rows: Sequence[int], spec: Mapping[str, Sequence[str]]) -> Dict[str, int]:
    """field -> column for a header band."""
    columns: Dict[str, int] = {}
    for c, labels in sorted(_labels(grid, rows).items()):
        for text in reversed(labels):  # the lowest (most specific) label first
            name = field_of(text, spec, columns)
            if name is not None:
                columns[name] = c
                break
    return columns


def find_header(grid: Grid, spec: Mapping[str, Sequence[str]],
                required: Sequence[str] = ("name",)) -> Optional[Tuple[int, Dict[str, int], int]]:
    """(first header row, field -> column, first data row) of the best
    header band, or None when no band names the required fields and at
    least three fields in all."""
    best: Optional[Tuple[int, int, Dict[str, int], int]] = None  # (score, -rows, columns, start)
    for r in range(min(grid.height, SEARCH_ROWS)):
        if field_of(_first_text(grid, r), spec) is None and not _names_two(grid, r, spec):
            continue
        for size in range(1, MAX_BAND + 1):
            rows = list(range(r, min(r + size, grid.height)))
            if len(rows) < size:
                break
            columns = map_columns(grid, rows, spec)
            if not all(f in columns for f in required) or len(columns) < 3:
                continue
            key = (len(columns), -size)
            if best is None or key > (best[0], best[1]):
                best = (len(columns), -size, columns, r)
    if best is None:
        return None
    _, minus_size, columns, start = best
    return start, columns, start - minus_size


def _first_text(grid: Grid, r: int) -> Any:
    for _, v in grid.filled(r):
        if isinstance(v, str):
            return v
    return None


def _names_two(grid: Grid, r: int, spec) -> bool:
    found = 0
    for _, v in grid.filled(r):
        if field_of(v, spec) is not None:
            found += 1
            if found >= 2:
                return True
    return False


def printed_labels(grid: Grid, start: int, end: int, columns: Mapping[str, int]) -> Dict[str, str]:
    """field -> the header text printed for its column (the lowest label)."""
    labels = _labels(grid, list(range(start, end)))
    return {f: labels[c][-1].strip() for f, c in columns.items() if labels.get(c)}
