"""Reading a value by its printed label: the `[[fields]]` of a template.

A form prints `项目名称 | 社会保障专项`: the value sits to the right of its
label, below it (`预期目标` over the goal text), inside the same cell
(`部门名称(盖章): 某局`, `（2020年度）`), or under a column of the indicator
table on the label's row (`总分 … 98` under 得分). `take` says which; an
optional `pattern` (a regular expression with one group) cuts the value out
of the text. A neighbouring cell that is itself a label of the layout is
never taken as a value: an empty 主管部门 must not read 实施单位 as its value.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple

from linter.readers.templates import Template
from linter.readers.document import DocBuilder
from linter.readers.grid import Grid, cell_name, label_matches, strip_label

BELOW_ROWS = 3  # how far below a label its value may sit


class LabelSet:
    """The labels of a template, to tell a label cell from a value cell."""

    def __init__(self, labels: Iterable[str]):
        self.labels = tuple(dict.fromkeys(labels))

    def __contains__(self, value: Any) -> bool:
        return isinstance(value, str) and any(label_matches(value, l) for l in self.labels)


def read_fields(template: Template, grid: Grid, builder: DocBuilder, labels: LabelSet,
                fields: Sequence[Mapping[str, Any]], rows: Optional[range] = None,
                columns: Optional[Mapping[str, int]] = None) -> None:
    """Fill every field a template maps and the sheet prints; the first
    mapping that finds a value wins."""
    for spec in fields:
        segments = tuple(spec["path"].split("."))
        if builder.has(segments):
            continue
        found = _find(template, grid, spec, labels, rows, columns or {})
        if found is not None:
            value, (r, c), printed = found
            # a setting printed in the title block (单位：万元) is not where its table is
            builder.put(segments, value, cell_name(r, c), anchor=not spec["path"].endswith(".unit"))
            builder.labels.setdefault(spec["path"], printed)


def _find(template: Template, grid: Grid, spec: Mapping[str, Any], labels: LabelSet,
          rows: Optional[range], columns: Mapping[str, int]) -> Optional[Tuple[Any, Tuple[int, int], str]]:
    take = spec.get("take", "right")
    in_cell = take in ("same", "inline")
    # `inline` cells hold label and value (项目名称:某项目): found by containment,
    # then cut by strip_label, which insists the label starts the cell
    hits = grid.find_all(spec["labels"], rows, contains=(take in ("same", "inline")))
    pattern = template.regex(spec["pattern"]) if spec.get("pattern") else None
    for label in spec["labels"]:
        for (r, c), which in hits:
            if which != label:
                continue
            got = _take(grid, take, r, c, label, labels, columns.get(spec.get("column", "")))
            if got is None:
                continue
            value, where = got
            if pattern is not None:
                m = pattern.search(value if isinstance(value, str) else str(value))
                if not m:
                    continue
                value = m.group(1) if m.groups() else m.group(0)
            elif in_cell and isinstance(value, str) and not value.strip():
                continue
            return value, where, label
    return None


def _take(grid: Grid, take: str, r: int, c: int, label: str, labels: LabelSet,
          column: Optional[int]) -> Optional[Tuple[Any, Tuple[int, int]]]:
    if take == "same":
        return grid.text(r, c), (r, c)
    if take == "inline":
        rest = strip_label(grid.text(r, c), label)
        return (rest, (r, c)) if rest else None
    if take == "column":
        if column is None:
            return None
        value = grid.value(r, column)
        return (value, (r, column)) if value not in (None, "") else None
    if take == "below":
        for r2 in range(r + 1, min(r + 1 + BELOW_ROWS, grid.height)):
            value = grid.value(r2, c)
            if value in (None, ""):
                continue
            return None if value in labels else (value, (r2, c))
        return None
    for c2, value in grid.filled(r):  # right
        if c2 <= c:
            continue
        return None if value in labels else (value, (r, c2))
    return None


def columns_in_row(grid: Grid, row: int, spec: Mapping[str, Sequence[str]]) -> Dict[str, int]:
    """field -> column of its label in one header row (labels in order of preference)."""
    out: Dict[str, int] = {}
    cells = [(c, v) for c, v in grid.filled(row) if isinstance(v, str)]
    for name, options in spec.items():
        for label in options:
            col = next((c for c, v in cells if label_matches(v, label)), None)
            if col is not None:
                out[name] = col
                break
    return out
