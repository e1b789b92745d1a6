"""`.xls` (Excel 97-2003) workbooks: not read, but answered clearly.

The old binary format needs another library (xlrd, whose current releases
refuse .xls anyway) and every spreadsheet program saves as .xlsx, so the
honest answer is an E001 that says how to convert the file — never a
traceback or "unsupported type".
"""
from __future__ import annotations

from pathlib import Path

from linter.readers import ReadResult
from linter.readers.common import e001


def read(path: Path, display: str, **_options) -> ReadResult:
    return ReadResult(file=display, problems=[e001("legacy-xls")])
