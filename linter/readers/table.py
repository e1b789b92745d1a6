"""Read a .csv / .tsv / .txt table (an export of a form or of a
one-project-per-row sheet) into forms with cell positions.

Encoding: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8, then
GB18030 (a superset of GBK and GB2312, what Excel and WPS write on Chinese
Windows). That order is exact on the tables measured in
docs/measurements.md and costs microseconds; no statistical detector is
needed. A file that is none of them is an E001 with the first bad byte.

Delimiter: tab, comma or semicolon, whichever splits the most lines into the
same number of cells (a comma inside Chinese prose must not win over the
tabs of a TSV); the suffix breaks a tie.

Cells are addressed as a spreadsheet program shows the file: record n is
row n, field m is column m, and the sheet is named after the file (Excel
names the sheet of an opened CSV that way), so `longgang-2020.tsv:longgang-2020!K12`
is the cell a person opening the file would look at.
"""
from __future__ import annotations

import csv
import io
import os
import re
import stat
from pathlib import Path
from typing import List, Optional, Tuple

from linter.readers import NOT_REGULAR, InputProblem, ReadResult
from linter.readers.common import Imported, e001, finish
from linter.readers.layouts import import_grids
from linter.readers.grid import Grid

MAX_BYTES = 16 * 1024 * 1024   # a 2,000-row wide table is about 2 MB
MAX_ROWS = 20_000
MAX_COLUMNS = 512
SNIFF_LINES = 60
DELIMITERS = ("\t", ",", ";")
_PREFERRED = {".tsv": "\t", ".txt": "\t", ".csv": ","}

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def read(path: Path, display: str, template: Optional[str] = None, **_options) -> ReadResult:
    imported = import_table(path, display, template)
    return finish(display, imported)


def import_table(path: Path, display: str, template: Optional[str] = None) -> Imported:
    try:
        data = _read_capped(path)
    except _TooLarge as big:
        return Imported(problems=[e001("too-large", size_mb=f"{big.size / 1048576:.1f}",
                                       limit_mb=str(MAX_BYTES // 1048576))])
    except OSError as exc:
        return Imported(problems=[e001("unreadable", reason=exc.strerror or str(exc))])
    if data is None:
        return Imported(problems=[e001("unreadable", reason=NOT_REGULAR)])
    grid, problem = table_grid(data, sheet_name(display), path.suffix.lower())
    if problem is not None:
        return Imported(problems=[problem])
    return import_grids([grid], template)


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def _read_capped(path: Path) -> Optional[bytes]:
    """The file's bytes, or None when it is not a regular file. One open:
    the size is taken from the open file, so a file swapped for a FIFO or a
    device after the caller's stat can neither block (O_NONBLOCK) nor feed
    more than MAX_BYTES."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > MAX_BYTES:
            raise _TooLarge(info.st_size)
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:   # it grew while we read
        raise _TooLarge(len(data))
    return data


def sheet_name(display: str) -> str:
    """The sheet a spreadsheet program would show for this file: its stem,
    without the characters a sheet name cannot hold, at most 31 characters
    (so an annotated copy can use the same name)."""
    name = re.sub(r"[\[\]:*?/\\]", "_", Path(display).stem or "Sheet1").strip("'")
    return name[:31] or "Sheet1"


def table_grid(data: bytes, name: str, suffix: str = ".csv"):
    """(Grid, None) or (None, the E001 problem)."""
    text, problem = decode(data)
    if problem is not None:
        return None, problem
    if "\x00" in text:
        return None, e001("not-a-table", detail={"zh": "文件含有二进制内容", "en": "the file holds binary data"})
    delimiter = sniff(text, suffix)
    rows: List[List[Optional[str]]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= MAX_ROWS:
                return None, e001("too-many-cells", detail={
                    "zh": f"超过 {MAX_ROWS} 行", "en": f"more than {MAX_ROWS} rows"})
            if len(record) > MAX_COLUMNS:
                return None, e001("too-many-cells", detail={
                    "zh": f"第 {len(rows) + 1} 行超过 {MAX_COLUMNS} 列",
                    "en": f"row {len(rows) + 1} has more than {MAX_COLUMNS} columns"})
            rows.append([cell.strip() or None for cell in record])
    except csv.Error as exc:
        return None, e001("table-syntax", detail={"zh": f"第 {len(rows) + 1} 行：{_csv_zh(exc)}",
                                                  "en": f"row {len(rows) + 1}: {exc}"})
    return Grid(name=name, rows=rows), None


def _csv_zh(exc: csv.Error) -> str:
    """The csv module's message, in Chinese when it is the one a cell past
    `csv.field_size_limit()` (128 KB) gives: a table of forms has no such
    cell, and the limit is what keeps a line without delimiters cheap."""
    if "field larger than field limit" in str(exc):
        return f"单元格过长（超过 {csv.field_size_limit()} 个字符）"
    return str(exc)


def decode(data: bytes) -> Tuple[str, Optional[InputProblem]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), None
            except UnicodeDecodeError as exc:
                return "", _encoding_problem(data[len(bom):], exc)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), None
    except UnicodeDecodeError as exc:
        return "", _encoding_problem(data, exc)


def _encoding_problem(data: bytes, exc: UnicodeDecodeError) -> InputProblem:
    head = data[: exc.start]
    line = head.count(b"\n") + 1
    column = len(head) - (head.rfind(b"\n") + 1) + 1
    return InputProblem("E001", "table-encoding", {"detail": f"0x{data[exc.start]:02x}"},
                        line=line, column=column)


def sniff(text: str, suffix: str = ".csv") -> str:
    """The delimiter that gives the most lines the same (>1) number of cells."""
    lines = [l for l in text.splitlines() if l.strip()][:SNIFF_LINES]
    best, best_score = _PREFERRED.get(suffix, "\t"), (0, 0)
    for delimiter in sorted(DELIMITERS, key=lambda d: d != _PREFERRED.get(suffix)):
        counts = [_cells(l, delimiter) for l in lines]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cells(line: str, delimiter: str) -> int:
    """How many cells `line` splits into; 0 for a line the csv module
    refuses (a cell over its field limit): the sniffer only votes, and the
    reader then reports that line as an E001."""
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return 0
