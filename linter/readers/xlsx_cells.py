"""A worksheet's printed values straight from its XML, as openpyxl reads them.

openpyxl in read-only mode builds an ElementTree element for every cell and
then a `ReadOnlyCell` for it, and, when a sheet has no `<dimension>` (what
openpyxl's own write-only mode saves), it parses the whole sheet once more at
load time just to size it: reading a 2,000-row table cost ~0.8 s, most of a
workbook check's reading. Here the sheet is streamed once with expat and
each cell turned into its printed value directly.

openpyxl still opens the package (content types, workbook, shared strings,
styles: `load`), so sheet order, names, shared strings, date and number
formats are its own. Only the cells are read here, and only the plain case:
anything this module does not read exactly as openpyxl's
`WorkSheetParser.parse_cell` / `ReadOnlyWorksheet._get_row` would (a row
that is not a run of `<c>` elements, an ISO date cell, a rich inline string,
an unknown cell type, a value openpyxl would fail on, a sheet past the row
limit, a `<dimension>` openpyxl could not read, any exception at all) raises
`Unusual`, and the caller reads the whole workbook with openpyxl as before —
so a workbook is read either exactly as openpyxl reads it or by openpyxl.
The elements outside `<sheetData>` (print setup, margins, merged ranges...)
are parsed by openpyxl as before, without the rows (`properties_ok`), so a
workbook openpyxl refuses for one of those is still refused.
"""
from __future__ import annotations

import re
from io import BytesIO
from typing import Any, Dict, List, Optional, Tuple
from xml.parsers import expat

from linter.readers.xlsx_budget import (CHUNK, MAX_MEMBER_BYTES, MAX_TEXT, Markup, OverBudget, Tally,
                                        dtd_over, member_over, over)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS = MAIN + "}"
_ROW, _C, _V, _IS, _F = _NS + "row", _NS + "c", _NS + "v", _NS + "is", _NS + "f"
_DIMENSION, _DATA, _MERGE_CELL = _NS + "dimension", _NS + "sheetData", _NS + "mergeCell"
_PERCENT_DECIMALS = re.compile(r"\.(0+)")


class Unusual(Exception):
    """The sheet holds something read here differently from openpyxl, or
    not at all: read the workbook with openpyxl."""


def printed(value: Any, number_format: Any) -> Any:
    """A cell's value as the form prints it: text stripped (blank is None),
    a number formatted as a percentage as its printed text ("99.9%"), a
    whole float as an int. `number_format()` is asked only for numbers."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        fmt = number_format() or ""
        if "%" in fmt:
            m = _PERCENT_DECIMALS.search(fmt.split("%")[0])
            decimals = len(m.group(1)) if m else 0
            return f"{value * 100:.{decimals}f}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return int(value)
    return value


def load(fh):
    """openpyxl's `load_workbook(fh, read_only=True, data_only=True,
    keep_links=False)`, except that its worksheets are not sized at load
    (sizing parses a sheet without a `<dimension>` in full; `read_sheet`
    checks the `<dimension>` as sizing would)."""
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class _Unsized(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            pass

    class _Reader(ExcelReader):
        def read_worksheets(self) -> None:  # ExcelReader.read_worksheets, read-only branch
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)  # type: ignore[arg-type]  # the stub is narrower than openpyxl
                    continue
                rels_path = get_rels_path(rel.target)
                if rels_path in self.valid_files:
                    get_dependents(self.archive, rels_path)
                ws = _Unsized(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)  # type: ignore[attr-defined]

    reader = _Reader(fh, True, False, True, False, False)
    reader.read()
    return reader.wb


class _Sheet:
    """expat handlers that collect the rows of one sheet."""

    def __init__(self, sheet, parser, max_rows: int, max_columns: int, tally: Tally):
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.utils.datetime import from_excel
        wb = sheet.parent
        self.sheet, self.parser = sheet, parser
        self.shared = sheet._shared_strings
        self.date_formats, self.timedelta_formats = wb._date_formats, wb._timedelta_formats
        self.epoch = wb.epoch
        self.coordinate_to_tuple, self.from_excel = coordinate_to_tuple, from_excel
        self.max_rows, self.max_columns = max_rows, max_columns
        self.tally, self.member = tally, sheet._worksheet_path
        self.formula = False
        self.text_length = 0
        self.formats: Dict[Any, Any] = {}   # style id -> number format
        self.columns: Dict[str, int] = {}   # "AB" -> 28
        self.rows: List[List[Any]] = []
        self.depth = 0
        # depth of the open row, cell, inline string, text (<v>, <t>); -1 when none is open
        self.row_depth = self.cell_depth = self.is_depth = self.text_depth = -1
        self.row_counter = self.col_counter = 0
        self.cells: List[Tuple[int, Any]] = []
        self.attrs: Dict[str, str] = {}
        self.v: Optional[str] = None
        self.t: Optional[str] = None
        self.is_seen = False
        self.text: List[str] = []
        self.text_is_v = False
        # openpyxl sizes a sheet by the first </dimension> or </sheetData>
        self.sized = False
        self.dimension: Optional[Dict[str, str]] = None
        self.dimension_depth = -1
        self.data_depth = -1        # -1 before <sheetData>, -2 after it
        # the bytes of the rows: from the first element inside <sheetData>
        # to its end tag (what properties_ok leaves out)
        self.rows_from = self.rows_to = -1

    # -- expat --------------------------------------------------------------
    def start(self, tag: str, attrs: Dict[str, str]) -> None:
        self.depth = depth = self.depth + 1
        if self.text_depth >= 0:
            raise Unusual("an element inside a value")
        if self.cell_depth >= 0:
            self.tally.row_part()
            if self.is_depth >= 0:
                if depth != self.is_depth + 1 or tag.rsplit("}", 1)[-1] != "t":
                    raise Unusual("an inline string that is not one plain text")
                if self.t is not None:
                    raise Unusual("two texts in one inline string")
                self.text_depth, self.text_is_v, self.text = depth, False, []
                self.text_length = 0
            elif depth == self.cell_depth + 1:
                if tag == _V:
                    if self.v is None:
                        self.text_depth, self.text_is_v, self.text = depth, True, []
                        self.text_length = 0
                elif tag == _F:
                    self.formula = True
                elif tag == _IS and not self.is_seen:
                    self.is_seen = True
                    if self.attrs.get("t") == "inlineStr":
                        if attrs:
                            raise Unusual("attributes on an inline string")
                        self.is_depth = depth
            return
        if self.row_depth >= 0:
            if depth != self.row_depth + 1 or tag != _C:
                raise Unusual("a row holds something other than cells")
            self.cell_depth, self.attrs = depth, attrs
            self.v = self.t = None
            self.is_seen = self.formula = False
            self.tally.cell()
            return
        if self.dimension_depth >= 0:
            raise Unusual("an element inside <dimension>")
        if self.data_depth < 0:  # before or after <sheetData>
            if tag != _DATA:
                self.tally.part()
        elif tag != _ROW:  # inside <sheetData>, outside the rows
            self.tally.row_part()
        if self.data_depth >= 0 and depth == self.data_depth + 1 and self.rows_from < 0:
            self.rows_from = self.parser.CurrentByteIndex
        if tag == _ROW:
            if self.data_depth < 0 or depth != self.data_depth + 1:
                raise Unusual("a row outside <sheetData>")
            self.row_depth = depth
            self.tally.row(self.member, attrs)
            r = attrs.get("r")
            if r is not None:
                try:
                    self.row_counter = int(r)
                except ValueError:
                    raise Unusual("a row number that is not an integer") from None
            else:
                self.row_counter += 1
            self.col_counter = 0
            self.cells = []
        elif tag == _DIMENSION and not self.sized:
            self.dimension, self.dimension_depth = attrs, depth
        elif tag == _DATA:
            if self.data_depth != -1:
                raise Unusual("two <sheetData>")
            self.data_depth = depth
        elif tag == _MERGE_CELL:
            self.tally.merge(attrs.get("ref", ""))

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth = depth - 1
        if depth == self.text_depth:
            if self.text_is_v:
                self.v = "".join(self.text)
            else:
                self.t = "".join(self.text)
            self.text_depth = -1
        elif depth == self.is_depth:
            self.is_depth = -1
        elif depth == self.cell_depth:
            self.cell_depth = -1
            self._cell()
        elif depth == self.row_depth:
            self.row_depth = -1
            self._row()
        elif depth == self.dimension_depth:
            self.dimension_depth = -1
            if not self.sized:
                self.sized = True
                self._check_dimension()
        elif depth == self.data_depth:
            self.rows_to = self.parser.CurrentByteIndex
            self.sized = True
            self.data_depth = -2  # closed: a row after it is outside <sheetData>

    def chars(self, data: str) -> None:
        if self.text_depth >= 0:
            self.text_length += len(data)
            if self.text_length > MAX_TEXT:
                raise over("text", cap=MAX_TEXT)
            self.text.append(data)

    # -- openpyxl's parse_cell, _get_row and _cells_by_row ------------------
    def _cell(self) -> None:
        attrs = self.attrs
        if self.formula and not (self.v and self.v.strip()):
            self.tally.formula_without_value(self.member, attrs.get("r", ""))
        data_type = attrs.get("t", "n")
        coordinate = attrs.get("r")
        if coordinate:
            # openpyxl's coordinate_to_tuple, by the letters once per column
            letters = coordinate.rstrip("0123456789")
            column = self.columns.get(letters) if letters != coordinate else None
            if column is None:
                column = self.coordinate_to_tuple(coordinate)[1]
                if letters != coordinate and letters.isascii() and letters.isalpha():
                    self.columns[letters] = column
            self.col_counter = column
        else:
            self.col_counter += 1
            column = self.col_counter
        s = attrs.get("s")
        if s == "":
            raise Unusual("an empty style")
        style_id: Any = 0 if s is None else int(s)
        value: Any
        if data_type == "inlineStr":
            value = (self.t or "") if self.is_seen else None
        else:
            value = self.v or None
            if value is not None:
                if data_type == "n":
                    value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                    if style_id in self.date_formats:
                        try:
                            value = self.from_excel(value, self.epoch,
                                                    timedelta=style_id in self.timedelta_formats)
                        except (OverflowError, ValueError):
                            raise Unusual("a date out of range") from None
                elif data_type == "s":
                    value = self.shared[int(value)]
                elif data_type == "b":
                    value = bool(int(value))
                elif data_type not in ("str", "e"):
                    raise Unusual(f"cell type {data_type!r}")
        if value is None:
            self.cells.append((column, None))
        elif type(value) is str:
            self.cells.append((column, value.strip() or None))
        else:
            self.cells.append((column, printed(value, lambda: self._format(style_id))))

    def _format(self, style_id: int) -> Any:
        if style_id not in self.formats:
            from openpyxl.cell.read_only import ReadOnlyCell
            self.formats[style_id] = ReadOnlyCell(self.sheet, 1, 1, None, "n", style_id).number_format
        return self.formats[style_id]

    def _row(self) -> None:
        idx, rows = self.row_counter, self.rows
        if idx <= len(rows):   # openpyxl skips a row numbered at or before one it has yielded
            return
        if idx > self.max_rows:
            raise Unusual("past the row limit")
        while len(rows) < idx - 1:
            rows.append([])
        cells = self.cells
        if not cells:
            rows.append([])
            return
        # openpyxl: as wide as the last cell's column; this reader: no wider than MAX_COLUMNS
        width = min(cells[-1][0], self.max_columns)
        row: List[Any] = [None] * width
        for column, value in cells:
            if column <= width:
                row[column - 1] = value
        while row and row[-1] is None:
            row.pop()
        rows.append(row)

    def _check_dimension(self) -> None:
        from xml.etree.ElementTree import Element
        from openpyxl.worksheet.dimensions import SheetDimension
        attrs = {("{" + k if "}" in k else k): v for k, v in (self.dimension or {}).items()}
        element: Any = Element("{%s}dimension" % MAIN, attrs)
        try:
            dimension: Any = SheetDimension.from_tree(element)
            dimension.boundaries
        except Exception as exc:  # noqa: BLE001 - openpyxl fails to load it: let it say so
            raise Unusual("a <dimension> openpyxl cannot read") from exc


def read_sheet(sheet, max_rows: int, max_columns: int, tally: Optional[Tally] = None) -> List[List[Any]]:
    """The grid rows of a read-only worksheet of `load`, as `xlsx._grid`
    reads them through openpyxl; `Unusual` when not sure. The sheet is held
    to the budget as it is read, counted in `tally` (a workbook's sheets
    share one): `OverBudget` as soon as a count passes its cap, or when the
    XML declares a DOCTYPE."""
    archive = sheet.parent._archive
    info = archive.getinfo(sheet._worksheet_path)
    if info.file_size > MAX_MEMBER_BYTES["sheet"]:
        raise member_over(info.filename, "sheet")
    chunks, markup = [], Markup()
    with archive.open(info) as member:
        # in bounded steps: a whole-member read() has zlib unpack all it is
        # given at once, however little the zip declares (see stream_fits)
        for chunk in iter(lambda: member.read(CHUNK), b""):
            markup.feed(chunk)
            chunks.append(chunk)
    data = b"".join(chunks)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = 65536
    state = _Sheet(sheet, parser, max_rows, max_columns, tally if tally is not None else Tally())
    parser.StartElementHandler = state.start
    parser.EndElementHandler = state.end
    parser.CharacterDataHandler = state.chars
    parser.StartDoctypeDeclHandler = dtd_over
    parser.EntityDeclHandler = dtd_over
    try:
        parser.Parse(data, True)
    except (Unusual, OverBudget):
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl says what is wrong, not this reader
        raise Unusual(f"{type(exc).__name__}: {exc}") from exc
    rows = state.rows
    while rows and not rows[-1]:
        rows.pop()
    properties_ok(sheet, data, state.rows_from, state.rows_to)
    return rows


def properties_ok(sheet, data: bytes, first: int, end: int) -> None:
    """Parse the sheet without its rows as openpyxl's `WorkSheetParser`
    does (margins, print setup, merged ranges, views...): `Unusual` when
    openpyxl would fail on one of them."""
    from openpyxl.worksheet._reader import WorkSheetParser
    if first >= 0 and end > first:
        data = data[:first] + data[end:]
    try:
        for _ in WorkSheetParser(BytesIO(data), [], data_only=True).parse():
            pass
    except Exception as exc:  # noqa: BLE001
        raise Unusual(f"{type(exc).__name__}: {exc}") from exc
