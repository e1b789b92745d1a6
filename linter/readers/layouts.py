"""Which template a sheet follows, and reading it with that template.

Detection looks at the short texts near the top of each sheet (titles and
header labels; long cells are prose, not labels): a template is a candidate
when every one of its `detect.all` texts occurs and none of `detect.none`
does; the candidate with the most `detect.any` texts present wins. A sheet no
template fits is skipped (a workbook may carry notes or a summary sheet);
a file with no form at all is an E001 naming the templates there are.

`template=NAME` skips detection and applies that template to every sheet.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from linter.base.problems import DataError
from linter.readers.templates import Template, load_templates
from linter.readers.common import Imported, e001
from linter.readers.annex import read_annex, spec_for
from linter.readers.grid import Grid, norm
from linter.readers.header import find_header
from linter.readers.rows_layout import read_rows
from linter.readers.sheet_layout import read_sheet

DETECT_ROWS = 100      # headers sit near the top of a sheet
DETECT_COLUMNS = 80
MAX_LABEL_LENGTH = 40  # a longer cell is prose, never a title or a label

READERS = {"sheet": read_sheet, "rows": read_rows}


def header_texts(grid: Grid) -> List[str]:
    out = []
    for r in range(min(grid.height, DETECT_ROWS)):
        for c, v in grid.filled(r):
            if c >= DETECT_COLUMNS:
                break
            if isinstance(v, str) and len(v) <= MAX_LABEL_LENGTH:
                out.append(norm(v))
    return out


def score(template: Template, texts: Sequence[str], grid: Optional[Grid] = None) -> Optional[int]:
    """How well a sheet fits a template; None when it does not. Text terms
    (`all`, `any`, `none`) look at the short texts near the top; a sheet
    template's `columns` terms look at the indicator header the lexicon
    finds, so a province's own wording of the same table still fits."""
    detect = template.data["detect"]

    def present(term: str) -> bool:
        t = norm(term)
        return any(t in text for text in texts)

    if not all(present(t) for t in detect.get("all") or []):
        return None
    if any(present(t) for t in detect.get("none") or []):
        return None
    points = len(detect.get("all") or []) + sum(1 for t in detect.get("any") or [] if present(t))
    if detect.get("columns"):
        if grid is None:
            return None
        spec = template.data["indicators"]
        header = find_header(grid, spec["columns"], spec.get("required") or ["name"])
        if header is None:
            return None
        found = header[1]
        if not all(f in found for f in detect["columns"]):
            return None
        if detect.get("columns_any") and not any(f in found for f in detect["columns_any"]):
            return None
        if any(f in found for f in detect.get("columns_none") or []):
            return None
        points += len(found)
    return points


def detect(grid: Grid, templates: Sequence[Template]) -> Optional[Template]:
    texts = header_texts(grid)
    best: Tuple[int, Optional[Template]] = (-1, None)
    for template in templates:  # sorted by name: a tie goes to the first
        s = score(template, texts, grid)
        if s is not None and s > best[0]:
            best = (s, template)
    return best[1]


def apply(grids: Sequence[Grid], templates: Sequence[Template],
          forced: Optional[str] = None) -> Imported:
    names = ", ".join(t.name for t in templates)
    chosen: Optional[Template] = None
    if forced:
        chosen = next((t for t in templates if t.name == forced), None)
        if chosen is None:
            return Imported(problems=[e001("unknown-template", detail=forced, templates=names)])
    result = Imported(template=forced)
    used: List[str] = []
    matched: List[str] = []
    annexes = []
    for grid in grids:
        spec = spec_for(grid.name)
        if spec is not None:  # 合同, 付款 … written by convert: read into the form below
            annexes.append((grid, spec))
            continue
        template = chosen or detect(grid, templates)
        if template is None:
            continue
        matched.append(template.name)
        docs, problems = READERS[template.layout](template, grid)
        result.docs.extend(docs)
        result.problems.extend(problems)
        if docs:
            result.problems.extend(grid.notes)
        if docs and template.name not in used:
            used.append(template.name)
    if annexes and len(result.docs) == 1:
        for grid, spec in annexes:
            read_annex(grid, spec, result.docs[0])
    if not result.docs and not result.problems:
        if not any(g.height for g in grids):
            detail = {"zh": "表格是空的", "en": "the table is empty"}
        elif chosen is not None:
            detail = {"zh": f"按版式 {chosen.name} 找不到它的表头", "en": f"the header of template {chosen.name} is not there"}
        elif matched:
            detail = {"zh": f"表头像版式 {matched[0]}，但表中没有可读的表单", "en": f"the headers look like {matched[0]} but no form could be read"}
        else:
            detail = {"zh": "表头与已知版式都不符", "en": "the headers match no known layout"}
        result.problems.append(e001("no-template", detail=detail, templates=names))
    result.template = result.template or (", ".join(used) or None)
    return result


def import_grids(grids: Sequence[Grid], template: Optional[str] = None) -> Imported:
    """Documents (with cell positions) for the forms in `grids`."""
    try:
        templates = load_templates()
    except DataError as exc:
        return Imported(problems=[e001("bad-template", detail="; ".join(exc.problems))])
    return apply(grids, templates, template)
