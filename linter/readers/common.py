"""What every importing reader (workbook, table) does after it has cells.

1. `layouts.import_grids` picks the layout (auto-detected, or forced with
   `template=NAME`) and turns the grids into documents with cell positions.
2. `finish` settles each document exactly as the TOML reader does
   (`lenient.settle`: printed values read, what still does not fit reported
   as E002/E003 at the cell it came from, never stopping the form).

Readers return an E001 problem (`unreadable(...)`) for anything they cannot
open, never an exception.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

from linter.model.form import Form
from linter.base.sourcemap import SourceMap, format_path
from linter.readers import InputProblem, ReadResult
from linter.readers.document import DocBuilder
from linter.readers.lenient import settle


@dataclass
class Imported:
    """The documents a file yields, before validation (convert writes these)."""

    docs: List[DocBuilder] = field(default_factory=list)
    problems: List[InputProblem] = field(default_factory=list)
    template: Optional[str] = None


def e001(variant: str, sheet: Optional[str] = None, cell: Optional[str] = None,
         **variables: Any) -> InputProblem:
    return InputProblem("E001", variant, dict(variables), sheet=sheet, cell=cell)


def finish(display: str, imported: Imported) -> ReadResult:
    result = ReadResult(file=display, problems=list(imported.problems))
    for doc in imported.docs:
        form, problems = validated(display, doc)
        result.problems.extend(problems)
        if problems and result.document is None:
            # The engine names the indicator of an input problem from one
            # document per file: the first form with problems.
            result.document = doc.data
        if form is not None:
            result.forms.append(form)
    return result


def validated(display: str, doc: DocBuilder) -> Tuple[Optional[Form], List[InputProblem]]:
    """The form and its problems. No problem with a value stops the form
    (`lenient.settle`); only a sheet that holds no form at all does."""
    data = doc.ordered()
    source_map = doc.source_map()

    def locate(path: str):
        sheet, cell = _locate(source_map, path)
        return sheet, cell, None, None

    problems, notes = settle(data, locate, format_path, dict(doc.labels))
    if any(p.blocking for p in problems):
        return None, problems
    return Form(file=display, data=data, source_map=source_map, printed=notes, labels=dict(doc.labels)), problems


def _locate(source_map: SourceMap, path: str) -> Tuple[Optional[str], Optional[str]]:
    pos = source_map.locate(path)
    return (pos[0], pos[1]) if pos else (None, None)

