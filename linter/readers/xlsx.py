"""Read an .xlsx / .xlsm workbook into forms with sheet!cell positions.

Why read-only mode: the layouts never need merged ranges. A merged range
reads as its top-left value with empty cells under it, and every layout
already treats an empty cell as the continuation of the one above (一级/二级)
or to the left (a group header) — the same rule that handles forms where
people simply leave continuation cells blank. So the one thing read-only mode
loses (`merged_cells`, see docs/measurements.md) is not needed, and what it
gains is large: it streams the sheet XML instead of building every cell
object (a 2,000-row table loads several times faster and in less memory; the
figure is in bench/xlsx_read.py). The annotator, which writes, opens the
workbook normally and does see merged ranges.

`data_only=True`: a cell with a formula is read as the value the program that
saved it computed (what the form prints), not as the formula. A number shown
as a percentage (`0.0%`) is read as its printed text ("99.9%").

Before openpyxl sees the file, its first bytes are checked, so the common
wrong files get an E001 that says what to do: a legacy .xls or a
password-protected workbook (both are OLE compound files, not zips), a file
that is not a zip at all, a zip that is not a workbook (.docx, a folder
zipped up), or a zip whose content would unpack to more than MAX_UNZIPPED
bytes. openpyxl uses defusedxml when it is installed (a dependency of
jxlint), so entity tricks in the XML are refused, and anything openpyxl
still cannot read is an E001 naming the file, never a traceback.
"""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any, List, Optional

from linter.readers import InputProblem, ReadResult
from linter.readers.common import Imported, e001, finish
from linter.readers.layouts import import_grids
from linter.readers.grid import Grid
from linter.readers.xlsx_budget import scan
from linter.readers.xlsx_cells import printed

# openpyxl warns on stderr about what a reader of values does not use (a
# workbook with no default style, an extension it does not support): not the
# user's business, and not in their terms. What matters is a finding.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")

MAX_BYTES = 32 * 1024 * 1024
MAX_UNZIPPED = 256 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 512
MAX_SHEETS = 64

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The stream an encrypted OOXML package keeps inside its OLE container.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def read(path: Path, display: str, template: Optional[str] = None, **_options) -> ReadResult:
    return finish(display, import_workbook(path, template))


def import_workbook(path: Path, template: Optional[str] = None) -> Imported:
    grids = workbook_grids(path)
    if isinstance(grids, Imported):
        return grids
    return import_grids(grids, template)


def check_container(path: Path, found: Optional[dict] = None, sheets: bool = True):
    """None when `path` looks like a workbook package, else the E001.
    `found` receives what the budget scan saw (formulas without values,
    hidden rows) for the reader to report. `sheets=False`: the worksheets'
    contents are left to a reader that holds them to the budget itself."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return e001("too-large", size_mb=f"{size / 1048576:.1f}", limit_mb=str(MAX_BYTES // 1048576))
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(OLE_MAGIC):
                body = head + fh.read()
                return e001("encrypted") if _ENCRYPTION_INFO in body else e001("legacy-xls")
    except OSError as exc:
        return e001("unreadable", reason=exc.strerror or str(exc))
    if not head.startswith(ZIP_MAGIC):
        return e001("not-a-workbook", detail={"zh": "不是 zip 格式的 Office 文件", "en": "not a zip-based Office file"})
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return e001("not-a-workbook", detail={"zh": f"zip 文件已损坏（{exc}）", "en": f"damaged zip ({exc})"})
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        folder = "word/" if any(n.startswith("word/") for n in names) else \
            "ppt/" if any(n.startswith("ppt/") for n in names) else ""
        files = {"word/": ("Word 文档", "a Word document"), "ppt/": ("PowerPoint 文稿", "a PowerPoint file")}
        zh, en = files.get(folder, ("zip 压缩包，但不含工作簿", "a zip archive without a workbook"))
        return e001("not-a-workbook", detail={"zh": f"这是{zh}", "en": f"it is {en}"})
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        return e001("too-large", size_mb=f"{sum(i.file_size for i in infos) / 1048576:.1f}",
                    limit_mb=str(MAX_UNZIPPED // 1048576))
    return _budget(path, found, sheets)


def _budget(path: Path, found: Optional[dict], sheets: bool = True):
    over = scan(path, found, sheets)  # the budget, streamed, before anything is expanded
    if over is not None:
        what, zh, en = over
        variant = "not-a-workbook" if what in ("xml", "zip") else "over-budget"
        return e001(variant, detail={"zh": zh, "en": en})
    return None


def workbook_grids(path: Path):
    """Every worksheet as a Grid, or an Imported holding the E001.

    The package is held to the budget first, its worksheets only to their
    size: the plain reader counts their contents as it reads them, so a
    sheet is parsed once. When it leaves the workbook to openpyxl (or a
    count passes its cap), every sheet is scanned before openpyxl sees it."""
    problem = check_container(path, None, sheets=False)
    if problem is not None:
        return Imported(problems=[problem])
    grids = _plain_grids(path)
    if grids is not None:
        return grids
    found: dict = {}
    problem = _budget(path, found)
    if problem is not None:
        return Imported(problems=[problem])
    return _openpyxl_grids(path, found)


def _plain_grids(path: Path) -> Optional[List[Grid]]:
    """The grids read by xlsx_cells (the cells streamed once, openpyxl only
    for the package), or None when any sheet holds something that module
    leaves to openpyxl, or passes the budget: then the workbook is scanned
    and read by `_openpyxl_grids`, so what it makes of an unusual workbook
    (an E001 included) is the scan's or openpyxl's."""
    from linter.readers import xlsx_cells
    from linter.readers.xlsx_budget import Tally
    tally = Tally()
    try:
        with path.open("rb") as fh:
            workbook = xlsx_cells.load(fh)
            try:
                sheets = workbook.worksheets
                if len(sheets) > MAX_SHEETS:
                    return None
                grids = []
                for sheet in sheets:
                    grids.append(Grid(name=sheet.title,
                                      rows=xlsx_cells.read_sheet(sheet, MAX_ROWS, MAX_COLUMNS, tally)))
            finally:
                workbook.close()
    except Exception:  # noqa: BLE001 - Unusual, OverBudget, or openpyxl failing: the full path says which
        return None
    found: dict = {}
    tally.report(found)
    for grid, sheet in zip(grids, sheets):
        grid.notes = _cell_notes(sheet.title, found, sheet._worksheet_path)
    return grids


def _openpyxl_grids(path: Path, found: dict):
    import openpyxl  # deferred: ~200 ms, paid only when a workbook is read

    try:
        with path.open("rb") as fh:
            workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
            try:
                grids = []
                for sheet in workbook.worksheets[:MAX_SHEETS]:
                    # <dimension> may claim less than the sheet holds: read it all
                    # (the budget scan has already counted every row and cell)
                    if hasattr(sheet, "reset_dimensions"):
                        sheet.reset_dimensions()
                    grid = _grid(sheet)
                    if isinstance(grid, Imported):
                        return grid
                    member = getattr(sheet, "_worksheet_path", "")
                    grid.notes = _cell_notes(sheet.title, found, member)
                    grids.append(grid)
            finally:
                workbook.close()
    except Exception as exc:  # noqa: BLE001 - a reader reports bad input, never raises
        return Imported(problems=[e001("not-a-workbook", detail={
            "zh": f"openpyxl 无法读取：{type(exc).__name__}: {str(exc)[:160]}",
            "en": f"openpyxl cannot read it: {type(exc).__name__}: {str(exc)[:160]}"})])
    return grids


def _cell_notes(title: str, found: dict, member: str) -> List[InputProblem]:
    """Info findings a person should know about a sheet: formulas that were
    never calculated (they read as blank) and hidden rows (they are checked)."""
    notes: List[InputProblem] = []
    for ref in (found.get("formulas") or {}).get(member, [])[:20]:
        notes.append(InputProblem("E002", "formula-no-value", {"cell": ref}, sheet=title, cell=ref,
                                  blocking=False, severity="info"))
    hidden = (found.get("hidden") or {}).get(member, [])
    if hidden:
        shown = "、".join(hidden[:10]) + ("…" if len(hidden) > 10 else "")
        notes.append(InputProblem("E002", "hidden-rows", {"detail": shown}, sheet=title,
                                  cell=f"A{hidden[0]}", blocking=False, severity="info"))
    return notes


def _grid(sheet) -> Any:
    rows: List[List[Any]] = []
    for r, cells in enumerate(sheet.iter_rows()):
        if r >= MAX_ROWS:
            return Imported(problems=[e001("too-many-cells", sheet=sheet.title, detail={
                "zh": f"工作表“{sheet.title}”超过 {MAX_ROWS} 行",
                "en": f"sheet '{sheet.title}' has more than {MAX_ROWS} rows"})])
        row: List[Any] = []
        for c, cell in enumerate(cells):
            if c >= MAX_COLUMNS:
                break
            row.append(_printed(cell))
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return Grid(name=sheet.title, rows=rows)


def _printed(cell) -> Any:
    return printed(cell.value, lambda: cell.number_format)
