"""Writing text into workbook cells safely (for convert, template, annotate).

Text from a form is data, never a formula: a cell whose text starts with
`=`, `+`, `-` or `@` is stored as a string with Excel's quote prefix, so
opening the workbook does not evaluate it (formula injection). Control
characters that the XML of a workbook cannot hold are dropped rather than
failing the write.
"""
from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@")


def put(ws, row: int, col: int, value: Any):
    """Write `value` to the 1-based cell (row, col) and return the cell."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        # openpyxl's own list of what cell XML cannot hold (imported on use:
        # importing the writers must not load openpyxl)
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def anchor(ws, ref: str):
    """The cell that holds a merged range's value (`ref` may be any cell of
    the range): where a value, a comment or a fill must go."""
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return ws.cell(row=rng.min_row, column=rng.min_col)
    return ws[ref]
