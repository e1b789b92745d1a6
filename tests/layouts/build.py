"""Build a workbook that prints a TOML form in a real published layout.

`build(layout_spec, form, path)` writes an .xlsx with openpyxl, cell by cell,
independently of jxlint's own writer, so that reading it back tests the
reader against the layout a page prints and not against jxlint itself.

Everything printed comes from two places: the layout spec (a dict read from
`<id>.layout.toml`: the printed words, their order and merges) and the form
(a dict read from the TOML twin: the values). There is no per-fixture code.

The sheet is laid out top to bottom in the order a printed form uses:

1. `title` lines and `title_block` lines, each merged across the table width;
2. `[[header]]` rows of label | value cells (项目名称, 主管部门, 实施单位 …);
3. `[money]`, the money block: a header row with the printed words, the
   年度资金总额 row (values from `form["budget"]`) and one row per printed
   source label (values from the matching `[[budget.sources]]`), or, with
   `style = "values"`, `label | amount` rows (the 申报表);
4. `[goal]`, the goal block: sub-labels with the texts beneath them
   (预期目标 | 实际完成情况), or `style = "right"`: label | text;
5. `[indicators]`, the indicator table: one or more printed header rows in
   which `"<"` means "merged with the cell to the left" and `"^"` "merged with
   the cell above" (a group cell 年度指标值 over 指标性质 | 指标值 | 度量单位 is
   `["年度指标值", "<", "<"]` above `["指标性质", "指标值", "度量单位"]`), then
   one row per indicator; 一级/二级 cells are merged vertically over runs of
   equal values, as a printed form merges them;
6. `[[footer]]` rows (总分, 评价等级, notes).

Values go into cells as the form holds them: numbers as numbers, text as text.

Spec reference (all keys optional unless said otherwise)
----------------------------------------------------------

Top level
    sheet           name of the form sheet (default "Sheet1")
    cover           name of a sheet put before the form, printing only the title
    width           table width in columns (default: the widest block)
    before_title    lines printed above the title (附件2)
    title           list of title lines;   "{project.year}"-style placeholders
    title_block     list of lines under the title (（2022年度）, 单位：万元)
    order           the blocks in printed order (default: header, money,
                    after_money, goal, indicators, footer)
    [[sheets]]      several projects in one workbook: `form` is then a list of
                    forms, one sheet each; every entry may override `sheet`,
                    `title` and `title_block`

[[header]] — one printed row each
    cells           list of cells, left to right. A string is printed as it is
                    (a label); "^" continues the cell above (merged down); {path = "project.name"} prints a value of the
                    form (budget sources by name: "budget.sources.财政拨款.initial");
                    {text = "…"} prints fixed text (tick boxes, a value that is
                    not in the format); {text = "{project.implementer}/…"} mixes.
    label_span      columns taken by the row's first label (default 2); other
                    labels take one column, value cells share the rest
    spans           explicit widths, one per cell (overrides the above)

[money]
    style           "columns" (default) or "values"
    label           the block label at the left, merged down over the block
    label_span      its width (default 2; 0 when no left label is printed)
    corner          text printed above the row labels in the header row
    header          the printed column words, in order        ("columns")
    fields          the form field of each column: initial, adjusted, actual,
                    received, weight, stated_rate, score, or "" (printed, no
                    field); a table {text = "…"} prints that text in the total
                    row merged down over the block (a standing note)
    total           label of the row that prints [budget]
    rows            the rows below it: {label = "其中:本年财政拨款",
                    source = "本年财政拨款"} (source: the `name` of the
                    [[budget.sources]] entry it prints; absent: printed empty)
    source_fill     what every row below the total prints in a column without
                    a source field, e.g. {weight = "—", score = "—"}; a row's
                    own `fill` adds to it ({stated_rate = "100%"})
    field           the form field of the amount column   ("values")

[[after_money]]   rows printed between the money block and the goal block,
                    written like [[header]] rows (资金管理情况 | 情况说明 | …)

[goal]
    style           "below" (default) or "right"
    label           the block label at the left
    label_span      its width (default 1)
    columns         [{label = "预期目标", path = "project.goal"}, …]; with
                    style "right" each column is a row: label (`label_span`
                    columns) | text merged to the end of the row

[indicators]
    side            a label merged down the left of the whole table (绩效指标)
    header          list of printed header rows (see "<" and "^" above)
    columns         the field each column holds: level1, level2, name, target,
                    actual, comparator, unit, weight, score, deviation,
                    explanation, or "" (a printed column with no field). A
                    table {field = "explanation", pick = "优: ([^;]+)"} prints
                    group 1 of a regular expression applied to the field;
                    {field = "weights.level1"} prints the declared points of the
                    row's 一级 (merged over its run)
    merge           columns merged down over runs of equal values
                    (default ["level1", "level2"]; a 二级 run never crosses a
                    一级 boundary)
    merge_blank     columns whose blank cells are merged into the filled cell
                    above within the same 二级 run (a shared 得分 cell)

[[footer]] — one printed row each
    label, path     label | value; `under = "score"` puts the value under the
                    indicator column holding that field and merges the label
                    over the columns before it (and before any `extra`);
                    otherwise the value is merged across the rest of the row
    extra           {weight = 100}: more fixed values under indicator columns
    text            a line merged across the width (注:…)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

LEFT, UP = "<", "^"
SOURCE_FIELDS = ("initial", "adjusted", "received", "actual")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*(?:\.[^{}]+)?)\}")
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*$")

Form = Mapping[str, Any]


# --- values of the form --------------------------------------------------------

def lookup(form: Form, path: str) -> Any:
    """The value at a dotted path of the form, or None. `budget.sources.NAME.FIELD`
    finds the source by its name."""
    parts = path.split(".")
    node: Any = form
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list):
            if part.isdigit():
                node = node[int(part)] if int(part) < len(node) else None
            else:  # a list entry by its name
                node = next((e for e in node if isinstance(e, Mapping) and e.get("name") == part), None)
        else:
            return None
        if node is None:
            return None
        i += 1
    return node


def render(text: str, form: Form) -> str:
    """Text with {project.name}-style placeholders filled from the form (an
    absent value prints nothing)."""
    def fill(m):
        v = lookup(form, m.group(1))
        return "" if v is None else str(v)
    return _PLACEHOLDER.sub(fill, text)


def cell_value(spec: Union[str, Mapping[str, Any]], form: Form) -> Any:
    """What one header/footer cell prints."""
    if isinstance(spec, str):
        return spec
    if "path" in spec:
        return lookup(form, spec["path"])
    if "text" in spec:
        return render(spec["text"], form)
    return None


# --- the sheet writer ------------------------------------------------------------

class Sheet:
    """A worksheet written row by row; remembers what it merged."""

    def __init__(self, ws, width: int):
        self.ws = ws
        self.width = width
        self.row = 1
        self.wrap = Alignment(wrap_text=True, vertical="center")

    def put(self, row: int, col: int, value: Any) -> None:
        """Column numbers are 1-based, like openpyxl's."""
        if value is None or value == "":
            return
        cell = self.ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # printed text such as "=300天", as Excel holds it: not a formula
        cell.alignment = self.wrap

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def line(self, text: Any) -> None:
        """A line merged across the width."""
        self.put(self.row, 1, text)
        self.merge(self.row, 1, self.row, self.width)
        self.row += 1


def _spans(cells: Sequence[Any], width: int, label_span: int, spans: Optional[Sequence[int]]) -> List[int]:
    if spans:
        if len(spans) != len(cells):
            raise ValueError(f"spans {spans} do not match {len(cells)} cells")
        return list(spans)
    labels = [isinstance(c, str) for c in cells]
    widths = [0] * len(cells)
    if all(labels):
        base, extra = divmod(width, len(cells))
        return [base + (1 if i < extra else 0) for i in range(len(cells))]
    for i, is_label in enumerate(labels):
        if is_label:
            widths[i] = label_span if i == 0 else 1
    rest = width - sum(widths)
    values = [i for i, is_label in enumerate(labels) if not is_label]
    base, extra = divmod(max(rest, len(values)), len(values))
    for k, i in enumerate(values):
        widths[i] = base + (1 if k < extra else 0)
    return widths


def _header(sheet: Sheet, rows: Sequence[Mapping[str, Any]], form: Form) -> None:
    """Rows of printed cells; a cell "^" is merged with the cell above it
    (the same columns), so a block label can span several rows."""
    ranges: List[List[int]] = []            # [top, first col, bottom, last col]
    last: Dict[Tuple[int, int], int] = {}    # (first col, width) -> index into ranges
    for spec in rows:
        cells = spec["cells"]
        widths = _spans(cells, sheet.width, spec.get("label_span", 2), spec.get("spans"))
        col = 1
        for cell, w in zip(cells, widths):
            if cell == UP:
                if (col, w) not in last:
                    raise ValueError(f"header: '^' at column {col} has no cell above")
                ranges[last[(col, w)]][2] = sheet.row
            else:
                sheet.put(sheet.row, col, cell_value(cell, form))
                last[(col, w)] = len(ranges)
                ranges.append([sheet.row, col, sheet.row, col + w - 1])
            col += w
        sheet.row += 1
    for r1, c1, r2, c2 in ranges:
        sheet.merge(r1, c1, r2, c2)


def _money(sheet: Sheet, spec: Mapping[str, Any], form: Form) -> None:
    budget = form.get("budget") or {}
    sources = {s.get("name"): s for s in budget.get("sources") or []}
    label_span = spec.get("label_span", 2)
    top = sheet.row
    rows = spec.get("rows") or []
    if spec.get("style", "columns") == "values":
        field = spec.get("field", "initial")
        printed = [(spec["total"], budget.get(field))]
        printed += [(r["label"], (sources.get(r["source"]) or {}).get(field) if r.get("source") else None)
                    for r in rows]
        for label, value in printed:
            sheet.put(sheet.row, label_span + 1, label)
            sheet.put(sheet.row, label_span + 2, value)
            sheet.merge(sheet.row, label_span + 2, sheet.row, sheet.width)
            sheet.row += 1
    else:
        header, fields = spec["header"], spec["fields"]
        if len(header) != len(fields):
            raise ValueError("money: header and fields differ in length")
        first = label_span + 2  # left label, row-label column, then the value columns
        sheet.put(sheet.row, label_span + 1, spec.get("corner"))
        for k, word in enumerate(header):
            sheet.put(sheet.row, first + k, word)
        sheet.row += 1
        fill = spec.get("source_fill") or {}
        body = sheet.row
        # the total row
        sheet.put(sheet.row, label_span + 1, spec["total"])
        for k, f in enumerate(fields):
            if isinstance(f, Mapping):
                sheet.put(sheet.row, first + k, render(f["text"], form))
            elif f:
                sheet.put(sheet.row, first + k, budget.get(f))
        sheet.row += 1
        for r in rows:
            sheet.put(sheet.row, label_span + 1, r["label"])
            source = sources.get(r.get("source")) if r.get("source") else None
            row_fill = dict(fill, **(r.get("fill") or {}))
            for k, f in enumerate(fields):
                if isinstance(f, Mapping) or not f:
                    continue
                if f in SOURCE_FIELDS:
                    if source is not None:
                        sheet.put(sheet.row, first + k, source.get(f))
                elif f in row_fill:
                    sheet.put(sheet.row, first + k, row_fill[f])
            sheet.row += 1
        for k, f in enumerate(fields):  # standing notes merged down over the rows
            if isinstance(f, Mapping):
                sheet.merge(body, first + k, sheet.row - 1, first + k)
    if label_span and spec.get("label"):
        sheet.put(top, 1, spec["label"])
        sheet.merge(top, 1, sheet.row - 1, label_span)


def _goal(sheet: Sheet, spec: Mapping[str, Any], form: Form) -> None:
    label_span = spec.get("label_span", 1) if spec.get("label") else 0
    columns = spec.get("columns") or []
    top = sheet.row
    start = label_span + 1
    if spec.get("style", "below") == "right":
        for c in columns:
            col = start
            if c.get("label"):
                sheet.put(sheet.row, col, c["label"])
                sheet.merge(sheet.row, col, sheet.row, col + c.get("label_span", 1) - 1)
                col += c.get("label_span", 1)
            sheet.put(sheet.row, col, cell_value(c, form))
            sheet.merge(sheet.row, col, sheet.row, sheet.width)
            sheet.row += 1
    else:
        widths = _spans(["x"] * len(columns), sheet.width - label_span, 0, spec.get("spans"))
        col = start
        for c, w in zip(columns, widths):
            sheet.put(sheet.row, col, c.get("label"))
            sheet.merge(sheet.row, col, sheet.row, col + w - 1)
            sheet.put(sheet.row + 1, col, cell_value(c, form))
            sheet.merge(sheet.row + 1, col, sheet.row + 1, col + w - 1)
            col += w
        sheet.row += 2
    if label_span:
        sheet.put(top, 1, spec["label"])
        sheet.merge(top, 1, sheet.row - 1, label_span)


def _column_field(col: Union[str, Mapping[str, Any]]) -> str:
    return col if isinstance(col, str) else col.get("field", "")


def _clean(label: Any) -> str:
    s = "".join(str(label or "").split())
    return _POINTS.sub("", s)


def _indicator_value(col: Union[str, Mapping[str, Any]], ind: Mapping[str, Any], form: Form) -> Any:
    field = _column_field(col)
    if not field:
        return None
    if field == "weights.level1":
        return (form.get("weights") or {}).get(_clean(ind.get("level1")))
    value = ind.get(field)
    if isinstance(col, Mapping) and col.get("pick") and value is not None:
        m = re.search(col["pick"], str(value))
        return m.group(1).strip() if m else None
    return value


def _runs(values: Sequence[Any], within: Optional[Sequence[int]] = None) -> List[Tuple[int, int]]:
    """(start, end) index ranges of consecutive equal, non-empty values; a run
    never crosses a boundary of `within` (the run ids of the enclosing level)."""
    out: List[Tuple[int, int]] = []
    i = 0
    while i < len(values):
        j = i
        while (j + 1 < len(values) and values[j + 1] == values[i] and values[i] not in (None, "")
               and (within is None or within[j + 1] == within[i])):
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def _run_ids(runs: Sequence[Tuple[int, int]], n: int) -> List[int]:
    ids = [0] * n
    for k, (a, b) in enumerate(runs):
        for i in range(a, b + 1):
            ids[i] = k
    return ids


def _indicators(sheet: Sheet, spec: Mapping[str, Any], form: Form) -> Dict[str, int]:
    """The indicator table; returns field -> sheet column (1-based) for the footer."""
    header: List[List[str]] = [list(r) for r in spec["header"]]
    columns = spec["columns"]
    for r in header:
        if len(r) != len(columns):
            raise ValueError(f"indicators: header row {r} has {len(r)} cells, columns {len(columns)}")
    side = 1 if spec.get("side") else 0
    first = side + 1
    top = sheet.row
    # header rows, with "<" and "^" merges
    for i, r in enumerate(header):
        for k, word in enumerate(r):
            if word not in (LEFT, UP):
                sheet.put(top + i, first + k, word)
    for i, r in enumerate(header):
        for k, word in enumerate(r):
            if word in (LEFT, UP):
                continue
            k2 = k
            while k2 + 1 < len(r) and r[k2 + 1] == LEFT:
                k2 += 1
            i2 = i
            while i2 + 1 < len(header) and header[i2 + 1][k] == UP:
                i2 += 1
            sheet.merge(top + i, first + k, top + i2, first + k2)
    sheet.row += len(header)
    # one row per indicator
    indicators = form.get("indicators") or []
    body = sheet.row
    for n, ind in enumerate(indicators):
        for k, col in enumerate(columns):
            sheet.put(body + n, first + k, _indicator_value(col, ind, form))
    sheet.row += len(indicators)
    # 一级/二级 merged down over runs of equal values, the way a printed form does
    n = len(indicators)
    level1 = [i.get("level1") for i in indicators]
    runs1 = _runs(level1)
    ids1 = _run_ids(runs1, n)
    runs2 = _runs([i.get("level2") for i in indicators], ids1)
    ids2 = _run_ids(runs2, n)
    merge = spec.get("merge", ["level1", "level2"])
    for k, col in enumerate(columns):
        field = _column_field(col)
        if field in merge or field == "weights.level1":
            runs = runs1 if field in ("level1", "weights.level1") else runs2 if field == "level2" else \
                _runs([_indicator_value(col, i, form) for i in indicators], ids2)
            for a, b in runs:
                if b > a:
                    for i in range(a + 1, b + 1):  # only the top cell of a merged range prints
                        sheet.ws.cell(row=body + i, column=first + k).value = None
                    sheet.merge(body + a, first + k, body + b, first + k)
        if field in (spec.get("merge_blank") or []):
            i = 0
            while i < n:
                j = i
                while j + 1 < n and ids2[j + 1] == ids2[i] and _indicator_value(col, indicators[j + 1], form) is None:
                    j += 1
                if j > i and _indicator_value(col, indicators[i], form) is not None:
                    sheet.merge(body + i, first + k, body + j, first + k)
                i = j + 1
    if side:
        sheet.put(top, 1, spec["side"])
        sheet.merge(top, 1, max(sheet.row - 1, top), 1)
    return {_column_field(c): first + k for k, c in reversed(list(enumerate(columns))) if _column_field(c)}


def _footer(sheet: Sheet, rows: Sequence[Mapping[str, Any]], form: Form, columns: Mapping[str, int]) -> None:
    for spec in rows:
        if "text" in spec and "label" not in spec:
            sheet.line(render(spec["text"], form))
            continue
        value = lookup(form, spec["path"]) if spec.get("path") else None
        under = spec.get("under")
        if under:
            extras = spec.get("extra") or {}
            first = min([columns[under]] + [columns[f] for f in extras])
            sheet.put(sheet.row, 1, spec["label"])
            sheet.merge(sheet.row, 1, sheet.row, first - 1)
            sheet.put(sheet.row, columns[under], value)
            for field, extra in extras.items():
                sheet.put(sheet.row, columns[field], extra)
        else:
            span = spec.get("label_span", 1)
            sheet.put(sheet.row, 1, spec["label"])
            sheet.merge(sheet.row, 1, sheet.row, span)
            sheet.put(sheet.row, span + 1, value)
            sheet.merge(sheet.row, span + 1, sheet.row, sheet.width)
        sheet.row += 1


def table_width(spec: Mapping[str, Any]) -> int:
    """The widest block of the layout, in columns."""
    widths = [1]
    ind = spec.get("indicators")
    if ind:
        widths.append(len(ind["columns"]) + (1 if ind.get("side") else 0))
    money = spec.get("money")
    if money and money.get("style", "columns") == "columns":
        widths.append(money.get("label_span", 2) + 1 + len(money["header"]))
    for row in spec.get("header") or []:
        widths.append(len(row.get("spans") or row["cells"]))
    return spec.get("width") or max(widths)


BLOCKS = ("header", "money", "after_money", "goal", "indicators", "footer")


def write_sheet(ws, spec: Mapping[str, Any], form: Form) -> None:
    """One form on one worksheet, in the layout of `spec`."""
    sheet = Sheet(ws, table_width(spec))
    for line in spec.get("before_title") or []:
        sheet.line(render(line, form))
    for line in spec.get("title") or []:
        sheet.line(render(line, form))
    for line in spec.get("title_block") or []:
        sheet.line(render(line, form))
    columns: Dict[str, int] = {}
    for block in spec.get("order") or BLOCKS:
        if block not in BLOCKS:
            raise ValueError(f"order: unknown block {block!r}")
        if block in ("header", "after_money"):
            _header(sheet, spec.get(block) or [], form)
        elif block == "money" and spec.get("money"):
            _money(sheet, spec["money"], form)
        elif block == "goal" and spec.get("goal"):
            _goal(sheet, spec["goal"], form)
        elif block == "indicators" and spec.get("indicators"):
            columns = _indicators(sheet, spec["indicators"], form)
        elif block == "footer":
            _footer(sheet, spec.get("footer") or [], form, columns)
    for c in range(1, sheet.width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 16


def build(layout_spec: Mapping[str, Any], form: Union[Form, Sequence[Form]], path: Path) -> Path:
    """Write the workbook printing `form` (or, with `[[sheets]]`, a list of
    forms, one sheet each) in the layout `layout_spec`; returns `path`."""
    forms = list(form) if isinstance(form, (list, tuple)) else [form]
    sheets = layout_spec.get("sheets") or [{}]
    if len(sheets) != len(forms):
        raise ValueError(f"layout has {len(sheets)} sheets, {len(forms)} forms given")
    wb = Workbook()
    wb.remove(wb.active)
    if layout_spec.get("cover"):
        cover = wb.create_sheet(layout_spec["cover"])
        cover_spec = dict(layout_spec, **sheets[0])
        for r, line in enumerate(cover_spec.get("title") or [], 1):
            cover.cell(row=r, column=1, value=render(line, forms[0]))
    for override, one in zip(sheets, forms):
        spec = dict(layout_spec, **override)
        write_sheet(wb.create_sheet(spec.get("sheet") or "Sheet1"), spec, one)
    path = Path(path)
    wb.save(path)
    return path
