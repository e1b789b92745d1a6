"""Layout "rows": one project per row (the Longgang table of seed 002), one
form per row.

The header is a block of rows (a multi-row header: 产出目标 over 数量指标 over
年度指标内容 | 完成情况). Every column is found by its header text:
`[[columns]]` give the single-valued fields, `[sources]` the funding columns,
`[[pairs]]` the column pair of each 二级 category, and `[[fields]]` the values
printed above the header that every row shares (部门名称, 单位: 万元, the year
in the title).

When the header's pair columns line up (each 年度指标内容 directly followed by
its 完成情况, the 问题/整改 columns after the last pair) the cells are read by
position. When they do not — the export dropped empty cells, as seed 002's
text did — the cells after the template's `alignment.after` column are
assigned by content (align.py). Either way every value keeps its real cell,
so a finding points at the cell it came from, on the project's row.
"""
from __future__ import annotations

from typing import Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple

from linter.readers.templates import Template
from linter.readers import InputProblem
from linter.readers.align import Hints, align
from linter.readers.document import DocBuilder
from linter.readers.grid import Grid, cell_name, label_matches
from linter.readers.labels import LabelSet, read_fields
from linter.readers.transfers import find_transfers


class Header:
    """Where the header says each column is."""

    def __init__(self, template: Template, grid: Grid, rows: range):
        d = template.data
        self.rows = rows
        self.columns: Dict[str, int] = {}
        for spec in d.get("columns") or []:
            hit = grid.find(spec["labels"], rows)
            if hit is not None and spec["path"] not in self.columns:
                self.columns[spec["path"]] = hit[1]
        src = d.get("sources")
        self.sources: List[Tuple[int, str]] = []
        self.source_field = src["field"] if src else "actual"
        if src:
            for (r, c), _ in grid.find_all(src["labels"], rows):
                self.sources.append((c, grid.text(r, c).strip()))
        # pairs: (level1, level2, category column), in column order
        self.pairs: List[Tuple[str, str, int]] = []
        for pair in d.get("pairs") or []:
            hit = grid.find(pair["labels"], rows)
            if hit is not None:
                self.pairs.append((pair["level1"], pair["level2"], hit[1]))
        self.pairs.sort(key=lambda p: p[2])
        pc = d.get("pair_columns") or {}
        self.targets = sorted(c for (_, c), _ in grid.find_all(pc.get("target") or [], rows))
        self.actuals = sorted(c for (_, c), _ in grid.find_all(pc.get("actual") or [], rows))

    def pair_cells(self) -> List[Tuple[int, Optional[int]]]:
        """(target column, actual column) of each pair, as the header prints them."""
        out = []
        bounds = [p[2] for p in self.pairs] + [10 ** 6]
        for i, (_, _, k) in enumerate(self.pairs):
            t = next((c for c in self.targets if k <= c < bounds[i + 1]), k)
            a = next((c for c in self.actuals if t < c < bounds[i + 1]), None)
            out.append((t, a))
        return out

    def lines_up(self, trailing: Sequence[str]) -> bool:
        """True when each pair is target | actual in adjacent columns right
        under its category and the trailing columns come after the last pair."""
        cells = self.pair_cells()
        for (_, _, k), (t, a) in zip(self.pairs, cells):
            if t != k or (self.actuals and a != t + 1):
                return False
        end = max((a if a is not None else t) for t, a in cells) if cells else -1
        return all(self.columns.get(p, end + 1) > end for p in trailing)


def read_rows(template: Template, grid: Grid) -> Tuple[List[DocBuilder], List[InputProblem]]:
    d = template.data
    name_spec = next((c for c in d.get("columns") or [] if c["path"] == "project.name"), None)
    if name_spec is None:
        return [], []
    start = grid.find(name_spec["labels"])
    if start is None:
        return [], []
    header_labels = LabelSet(template.labels())
    last = start[0]
    while last + 1 < grid.height and any(v in header_labels for _, v in grid.filled(last + 1)):
        last += 1
    header = Header(template, grid, range(start[0], last + 1))
    name_col = header.columns["project.name"]

    shared = DocBuilder(grid.name, template.kind)
    read_fields(template, grid, shared, header_labels, d.get("fields") or [],
                rows=range(0, start[0]))

    skip = d.get("skip_rows") or []
    rows = [r for r in range(last + 1, grid.height)
            if grid.text(r, name_col).strip()
            and not any(label_matches(grid.text(r, name_col), s) for s in skip)]
    names = [grid.text(r, name_col).strip() for r in rows]

    alignment = d.get("alignment")
    trailing = list((alignment or {}).get("trailing") or [])
    by_content = alignment is not None and not header.lines_up(trailing)
    reader = _ByContent(template, header, trailing) if by_content else _ByPosition(header)
    known = frozenset(names)  # the counterparts of transfers (_adjustments)
    docs: List[DocBuilder] = []
    problems: List[InputProblem] = []
    for r, name in zip(rows, names):
        builder = shared.copy()
        builder.mark((), cell_name(r, name_col))
        builder.mark(("project",), cell_name(r, name_col))
        problems.extend(reader.read(grid, r, builder))
        _adjustments(template, builder, known)
        docs.append(builder)
    return docs, problems


class _ByPosition:
    """Every value at its header's column."""

    def __init__(self, header: Header):
        self.header = header
        self.cells = header.pair_cells()

    def read(self, grid: Grid, r: int, builder: DocBuilder) -> List[InputProblem]:
        _fixed(grid, r, builder, self.header.columns, self.header.sources, self.header)
        for (level1, level2, _), (t, a) in zip(self.header.pairs, self.cells):
            target = _cell(grid, r, t)
            actual = _cell(grid, r, a) if a is not None else None
            _indicator(builder, level1, level2, target, actual)
        return []


class _ByContent:
    """Columns up to `alignment.after` by position, the rest by content."""

    def __init__(self, template: Template, header: Header, trailing: Sequence[str]):
        spec = template.data["alignment"]
        self.header = header
        after = header.columns.get(spec["after"])
        if after is None:  # cannot tell where the shifted part starts
            after = min((k for _, _, k in header.pairs), default=0) - 1
        self.after = after
        self.fixed = {p: c for p, c in header.columns.items()
                      if c <= self.after and p not in trailing}
        self.sources = [(c, name) for c, name in header.sources if c <= self.after]
        self.trailing = list(trailing)
        merged = {label for label in spec.get("merged") or []}
        self.hints = Hints(
            claims=tuple(template.regex(c) for c in spec.get("claims") or []),
            not_applicable=tuple(spec.get("not_applicable") or ("不适用",)),
            merged=tuple(any(label_matches(level2, m) for m in merged) for _, level2, _ in header.pairs))

    def read(self, grid: Grid, r: int, builder: DocBuilder) -> List[InputProblem]:
        _fixed(grid, r, builder, self.fixed, self.sources, self.header)
        cells = [(c, v if isinstance(v, str) else str(v)) for c, v in grid.filled(r) if c > self.after]
        result = align(cells, len(self.header.pairs), len(self.trailing), self.hints)
        for (level1, level2, _), (target, actual) in zip(self.header.pairs, result.pairs):
            _indicator(builder, level1, level2,
                       (target[1], cell_name(r, target[0])) if target else None,
                       (actual[1], cell_name(r, actual[0])) if actual else None)
        for path, got in zip(self.trailing, result.trailing):
            if got is not None:
                builder.put(tuple(path.split(".")), got[1], cell_name(r, got[0]))
        return [InputProblem("E003", "unplaced-cell", {"cell": cell_name(r, c)}, "",
                             sheet=grid.name, cell=cell_name(r, c), blocking=False)
                for c, _ in result.left_over]


def _cell(grid: Grid, r: int, c: int) -> Optional[Tuple[Any, str]]:
    value = grid.value(r, c)
    return None if value in (None, "") else (value, cell_name(r, c))


def _fixed(grid: Grid, r: int, builder: DocBuilder, columns: Mapping[str, int],
           sources: Sequence[Tuple[int, str]], header: Header) -> None:
    for path, c in columns.items():
        builder.put(tuple(path.split(".")), grid.value(r, c), cell_name(r, c))
    for c, name in sources:
        value = grid.value(r, c)
        if value in (None, ""):
            continue
        existing = (builder.data.get("budget") or {}).get("sources") or []
        i = len(existing)
        if builder.put(("budget", "sources", i, header.source_field), value, cell_name(r, c)):
            builder.put(("budget", "sources", i, "name"), name, cell_name(r, c))


def _indicator(builder: DocBuilder, level1: str, level2: str,
               target: Optional[Tuple[Any, str]], actual: Optional[Tuple[Any, str]]) -> None:
    """One [[indicators]] entry per printed pair; the 年度指标内容 cell holds
    both the indicator and its target, so it is `name` and `target`."""
    if target is None and actual is None:
        return
    i = len(builder.data.get("indicators") or [])
    placed = target or actual
    assert placed is not None  # one of them is, or nothing was printed (above)
    anchor = placed[1]
    builder.mark(("indicators", i), anchor)
    builder.put(("indicators", i, "level1"), level1, anchor, raw=True)
    builder.put(("indicators", i, "level2"), level2, anchor, raw=True)
    if target is not None:
        builder.put(("indicators", i, "name"), target[0], target[1])
        builder.put(("indicators", i, "target"), target[0], target[1])
    if actual is not None:
        builder.put(("indicators", i, "actual"), actual[0], actual[1])


def _adjustments(template: Template, builder: DocBuilder, names: Collection[str]) -> None:
    spec = template.data.get("adjustments")
    if not spec:
        return
    segments = tuple(spec["from"].split("."))
    if not builder.has(segments):
        return
    text = builder.data[segments[0]][segments[1]]
    cell = builder.positions.get(spec["from"])
    patterns = [(template.regex(p["pattern"]), p["sign"], p.get("reason")) for p in spec["patterns"]]
    for t in find_transfers(str(text), patterns, names):
        i = len((builder.data.get("budget") or {}).get("adjustments") or [])
        where = cell[1] if cell else None
        builder.put(("budget", "adjustments", i, "amount"), t.amount, where, raw=True)
        if t.reason:
            builder.put(("budget", "adjustments", i, "reason"), t.reason, where, raw=True)
        if t.counterpart:
            builder.put(("budget", "adjustments", i, "counterpart"), t.counterpart, where, raw=True)
