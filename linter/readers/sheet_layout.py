"""Layout "sheet": one form per sheet (the national 项目支出绩效自评表, the
绩效目标申报表 and provincial variants of them).

The sheet is read in three blocks a template describes by their printed
labels: header fields (`[[fields]]`, see labels.py), the money block
(`[money]`) and the indicator table (`[indicators]`). Nothing depends on
absolute cell addresses, so an extra title row or a wider label column does
not break a template.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from linter.model import printed
from linter.model.framework import clean_label
from linter.readers.templates import SOURCE_FIELDS, Template
from linter.readers import InputProblem
from linter.readers.document import DocBuilder
from linter.readers.grid import Grid, cell_name, label_matches, strip_label
from linter.readers.header import find_header, printed_labels
from linter.readers.labels import LabelSet, columns_in_row, read_fields

# 产出指标(50分), 质量指标（10）: points printed in a category label.
_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")
_MONEY_KEYS = ("initial", "adjusted", "actual")


def read_sheet(template: Template, grid: Grid) -> Tuple[List[DocBuilder], List[InputProblem]]:
    """The form on this sheet, or nothing when the sheet lacks the layout's
    indicator table."""
    labels = LabelSet(template.labels())
    table = _indicator_header(template, grid)
    if table is None:
        return [], []
    header_row, columns, first_data = table
    builder = DocBuilder(grid.name, template.kind)
    builder.mark((), cell_name(*_first_cell(grid)))  # the title: where form-wide findings point
    _money(template, grid, builder, labels)
    _indicators(template, grid, builder, header_row, columns, first_data)
    for f, text in printed_labels(grid, header_row, first_data, columns).items():
        builder.labels[f"indicators.{f}"] = text
    read_fields(template, grid, builder, labels, template.data.get("fields") or [],
                columns=columns)
    _as_of_from_header(grid, builder, header_row, columns)
    if template.data["indicators"].get("points_to_weights"):
        _points_to_weights(builder)
    return [builder], []


# 1-6月执行情况, 1—9月完成值, 截至6月底完成值: the month the figures run to.
_MONTH_RE = re.compile(r"^(?:1|一)\s*[-—–~～至到]\s*(\d{1,2})\s*月|^截至\s*(\d{1,2})\s*月")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")


def _as_of_from_header(grid: Grid, builder: DocBuilder, header_row: int, columns: Dict[str, int]) -> None:
    """A monitoring table that prints no 监控时点 still says when: its progress
    header names the month (1-6月执行情况), so `project.as_of` is that month's
    last day in `project.year`, at the header's cell. Nothing without a year."""
    if "progress" not in columns or builder.has(("project", "as_of")):
        return
    text = builder.labels.get("indicators.progress") or grid.value(header_row, columns["progress"])
    m = _MONTH_RE.match(printed.fold(str(text or "")).strip())
    year = _YEAR_RE.search(str((builder.data.get("project") or {}).get("year") or ""))
    if not m or not year:
        return
    month = int(m.group(1) or m.group(2))
    if not 1 <= month <= 12:
        return
    last = (_dt.date(int(year.group()) + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1))
    builder.put(("project", "as_of"), last.isoformat(), cell_name(header_row, columns["progress"]))


def _first_cell(grid: Grid) -> Tuple[int, int]:
    for r in range(grid.height):
        for c, _ in grid.filled(r):
            return r, c
    return 0, 0


def _indicator_header(template: Template, grid: Grid) -> Optional[Tuple[int, Dict[str, int], int]]:
    """The indicator table's header band (readers/header.py): one to three
    rows, scored by how many fields they name."""
    spec = template.data["indicators"]
    return find_header(grid, spec["columns"], spec.get("required") or ["name"])


def _indicators(template: Template, grid: Grid, builder: DocBuilder, header_row: int,
                columns: Dict[str, int], first_data: int) -> None:
    spec = template.data["indicators"]
    ends = spec.get("end") or []
    fill = set(spec.get("fill_down") or [])
    if "name" in columns:
        builder.mark(("indicators",), cell_name(header_row, columns["name"]))
    sites = _site_columns(grid, header_row, first_data, columns)
    content = [f for f in columns if f not in ("level1", "level2")]
    last: Dict[str, Tuple[Any, str]] = {}
    index = 0
    width = max(list(columns.values()) + sites) + 1
    for r in range(first_data, grid.height):
        if any(isinstance(v, str) and any(label_matches(v, e) for e in ends)
               for c, v in grid.filled(r) if c < width):
            return
        printed = {f: grid.value(r, c) for f, c in columns.items()}
        if sites:
            printed["target"], columns["target"] = _per_site_target(grid, r, sites, builder, index)
        for level in ("level1", "level2"):
            if level in columns and printed.get(level) not in (None, ""):
                last[level] = (printed[level], cell_name(r, columns[level]))
                if level == "level1":
                    last.pop("level2", None)  # a merged 二级 never spans two 一级 groups
        if all(printed.get(f) in (None, "") for f in content):
            continue  # a category heading or a blank row
        for f, c in columns.items():
            value, cell = printed[f], cell_name(r, c)
            if f in fill and value in (None, "") and f in last:
                value, cell = last[f]
            builder.put(("indicators", index, f), value, cell)
        if builder.has(("indicators", index)):
            # a finding about the indicator as a whole points at its name
            builder.mark(("indicators", index), cell_name(r, columns.get("name", min(columns.values()))))
            index += 1


def _site_columns(grid: Grid, header_row: int, first_data: int, columns: Dict[str, int]) -> List[int]:
    """Columns headed by site names (笏石街道办 | 埭头镇) where a table prints one
    target per site and no 指标值 column: the unnamed header columns right of
    the mapped ones. Only when no target column was found."""
    if "target" in columns or "name" not in columns:
        return []
    right = max(columns.values())
    out = []
    for c, v in grid.filled(first_data - 1):
        if c > right and isinstance(v, str) and v.strip() and len(v) <= 20:
            out.append(c)
    return out


def _per_site_target(grid: Grid, r: int, sites: List[int], builder: DocBuilder, index: int):
    """One target per site: the same figure everywhere is a per-site target
    (scope = "per-unit"); different figures are printed joined, 2/3/1."""
    values = [grid.value(r, c) for c in sites]
    filled = [v for v in values if v not in (None, "")]
    if not filled:
        return None, sites[0]
    if all(v == filled[0] for v in filled):
        builder.put(("indicators", index, "scope"), "per-unit", cell_name(r, sites[0]))
        return filled[0], sites[0]
    return "/".join(str(v) for v in filled), sites[0]


def _money(template: Template, grid: Grid, builder: DocBuilder, labels: LabelSet) -> None:
    spec: Mapping[str, Any] = template.data.get("money") or {}
    if not spec:
        return
    if spec.get("columns"):
        _money_columns(spec, grid, builder)
    elif spec.get("value"):
        _money_values(spec, grid, builder, labels)


def _money_columns(spec: Mapping[str, Any], grid: Grid, builder: DocBuilder) -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 as column
    headers; 年度资金总额 and the funding sources as row labels."""
    header = None
    for r in range(grid.height):
        columns = columns_in_row(grid, r, spec["columns"])
        if sum(1 for k in _MONEY_KEYS if k in columns) >= 2:
            header = (r, columns)
            break
    if header is None:
        return
    r0, columns = header
    first_col = min(columns.values())
    seen_total = False
    for r in range(r0 + 1, grid.height):
        label, label_col = _row_label(grid, r, first_col)
        values = {f: grid.value(r, c) for f, c in columns.items()}
        if label is None and all(v in (None, "") for v in values.values()):
            break
        if any(isinstance(v, str) and label_matches(v, e)
               for c, v in grid.filled(r) if c < first_col for e in spec.get("end") or []):
            break  # the next block (年度总体目标) starts
        if label is None:
            continue
        if seen_total and not _figures_only(values.values()):
            break  # prose under the money columns: the next block (资金管理情况, 目标) began
        if any(label_matches(label, t) for t in spec["total"]):
            seen_total = True
            builder.anchor(("budget",), cell_name(r, label_col))
            for f, c in columns.items():
                builder.put(("budget", f), values[f], cell_name(r, c))
        elif seen_total:
            _source(spec, builder, label, (r, label_col),
                    [(f, values[f], cell_name(r, columns[f])) for f in SOURCE_FIELDS if f in columns])


def _money_values(spec: Mapping[str, Any], grid: Grid, builder: DocBuilder, labels: LabelSet) -> None:
    """年度资金总额 | 100 with the sources below it, each `label | value`."""
    found = grid.find(spec["total"])
    if found is None:
        return
    r0, c0 = found
    field = spec["value"]
    builder.anchor(("budget",), cell_name(r0, c0))
    value = _right_value(grid, r0, c0, labels)
    if value is not None:
        builder.put(("budget", field), value[0], cell_name(r0, value[1]))
    for r in range(r0 + 1, grid.height):
        label = grid.value(r, c0)
        if not isinstance(label, str) or not label.strip():
            break
        if any(label_matches(label, e) for e in spec.get("end") or []):
            break
        value = _right_value(grid, r, c0, labels)
        if value is not None and not _figures_only([value[0]]):
            break  # a label | text row: the money block is over
        _source(spec, builder, label, (r, c0),
                [(field, value[0], cell_name(r, value[1]))] if value else [])


def _figures_only(values) -> bool:
    """A money row prints figures, rates or placeholders (—, /), never prose."""
    for v in values:
        if v is None or isinstance(v, (int, float)):
            continue
        text = str(v)
        if printed.is_blank(text) or printed.money(text) is not None or printed.points(text) is not None:
            continue
        if printed.fold(text).rstrip("%％") and printed.points(printed.fold(text).rstrip("%％")) is not None:
            continue
        return False
    return True


def _right_value(grid: Grid, r: int, c: int, labels: LabelSet) -> Optional[Tuple[Any, int]]:
    for c2, value in grid.filled(r):
        if c2 > c:
            return None if value in labels else (value, c2)
    return None


def _source(spec: Mapping[str, Any], builder: DocBuilder, label: str, where: Tuple[int, int],
            values) -> None:
    """One [[budget.sources]] entry, only when the row prints an amount."""
    if all(v in (None, "") for _, v, _ in values):
        return
    name = label.strip()
    for prefix in spec.get("strip") or []:
        rest = strip_label(name, prefix.rstrip(":："))
        if rest:
            name = rest
            break
    sources = builder.data.get("budget", {}).get("sources") or []
    i = len(sources)
    builder.put(("budget", "sources", i, "name"), name, cell_name(*where))
    builder.anchor(("budget", "sources", i), cell_name(*where))
    for f, value, cell in values:
        builder.put(("budget", "sources", i, f), value, cell)


def _row_label(grid: Grid, r: int, before: int) -> Tuple[Optional[str], int]:
    """The rightmost text cell left of column `before` (the row's label)."""
    label, col = None, 0
    for c, v in grid.filled(r):
        if c >= before:
            break
        if isinstance(v, str):
            label, col = v, c
    return label, col


def _points_to_weights(builder: DocBuilder) -> None:
    """Points printed in category labels (产出指标(40分), 数量指标(20分)) are
    the form's declared category weights: record them as `[weights]`, at the
    label's cell, the way a hand transcription does."""
    indicators = builder.data.get("indicators") or []
    for i, ind in enumerate(indicators):
        l1, l2 = ind.get("level1"), ind.get("level2")
        if not isinstance(l1, str):
            continue
        key1 = clean_label(l1)
        for key, raw, field in ((key1, l1, "level1"),
                                (f"{key1}/{clean_label(l2)}" if isinstance(l2, str) else None, l2, "level2")):
            if key is None:
                continue
            m = _POINTS_RE.search(str(raw))
            if not m or builder.has(("weights", key)):
                continue
            number = float(m.group(1))
            cell = builder.positions.get(f"indicators[{i}].{field}")
            builder.put(("weights", key), int(number) if number.is_integer() else number,
                        cell[1] if cell else None, raw=True)
