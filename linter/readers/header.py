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

from linter.readers.grid import Grid, header_key, norm

MAX_BAND = 3          # header rows combined at most
SEARCH_ROWS = 120     # headers sit near the top of a sheet
MAX_LABEL = 40        # a longer cell is prose, never a header


class LabelIndex:
    """A spec's labels (field -> printed names, in order of preference) as
    lookups, so that a header cell is matched in a few dict probes instead of
    one `label_matches` per label: the same answers (`test_header.py` holds
    the two together)."""

    def __init__(self, spec: Mapping[str, Sequence[str]]):
        self.order = list(spec)
        self.exact: Dict[str, Dict[str, int]] = {}
        self.keyed: Dict[str, Dict[str, int]] = {}
        for name, options in spec.items():
            for rank, label in enumerate(options):
                for table, key in ((self.exact, norm(label)), (self.keyed, header_key(label))):
                    if key:
                        table.setdefault(key, {}).setdefault(name, rank)

    def ranks(self, text: Any) -> Dict[str, int]:
        """field -> rank of the best label that `text` is."""
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_LABEL:
            return {}
        c = norm(text)
        out: Dict[str, int] = {}
        probes = [c]
        if c.endswith(":"):
            probes.append(c[:-1])
        probes += [c[:i] for i, ch in enumerate(c) if ch == "(" and i]
        for key in probes:
            for name, rank in self.exact.get(key, {}).items():
                out[name] = min(rank, out.get(name, rank))
        for name, rank in self.keyed.get(header_key(c), {}).items() if len(c) <= 40 else ():
            out[name] = min(rank, out.get(name, rank))
        return out


_INDEXES: Dict[int, Tuple[Mapping, LabelIndex]] = {}


def index_of(spec: Mapping[str, Sequence[str]]) -> LabelIndex:
    cached = _INDEXES.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = (spec, LabelIndex(spec))
        _INDEXES[id(spec)] = cached
    return cached[1]


def field_of(text: Any, spec: Mapping[str, Sequence[str]], taken=()) -> Optional[str]:
    """The field a header text names (the first in the spec's order that is free)."""
    found = index_of(spec).ranks(text)
    return next((name for name in spec if name in found and name not in taken), None)


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


def _rank(text: Any, spec: Mapping[str, Sequence[str]]) -> List[Tuple[int, str]]:
    """(rank, field) for every field a header text names; rank is the
    label's place in the field's list (0 = the field's own name)."""
    return [(rank, name) for name, rank in index_of(spec).ranks(text).items()]


def map_columns(grid: Grid, rows: Sequence[int], spec: Mapping[str, Sequence[str]]) -> Dict[str, int]:
    """field -> column for a header band. Each column offers its labels, the
    lowest (most specific) first; the best-ranked offers are taken first, so
    三级指标 wins the name over a block label 绩效指标 printed beside it."""
    offers = []
    for c, labels in sorted(_labels(grid, rows).items()):
        for depth, text in enumerate(reversed(labels)):
            for rank, name in _rank(text, spec):
                offers.append((depth > 0, rank, c, name))
    columns: Dict[str, int] = {}
    used = set()
    for _group, _rank_, c, name in sorted(offers):
        if name in columns or c in used:
            continue
        columns[name] = c
        used.add(c)
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
    end = start - minus_size
    # a last header row the score cannot tell from data (优 | 良 | 中 | 差 under
    # 绩效标准): a row with no name, no category and text only under the table's
    # header cells belongs to the header
    keys = [columns[k] for k in ("name", "level1", "level2") if k in columns]
    while end - start < MAX_BAND and end < grid.height:
        cells = dict(grid.filled(end))
        if not cells or any(c in cells for c in keys):
            break
        if not all(isinstance(v, str) and len(v) <= 8 for v in cells.values()):
            break
        end += 1
    return start, columns, end


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
