"""`jxlint check FILE.xlsx --annotate OUT.xlsx`: the user's own workbook,
marked up.

A copy of the workbook in which every cell a finding points at is filled in
the colour of its worst finding (error red, warning amber, info blue) and
carries a comment with each finding's code, message and fix; a summary sheet
lists all findings with a link to each cell. A table (.csv/.tsv/.txt) is
copied into a workbook whose sheet has the name its findings use, so the same
cells light up.

openpyxl keeps cell values, styles, merged ranges, data validation and
comments, but not images or charts: the copy may lack those (the input, of
course, keeps them). The input is only read. `out` must be a new .xlsx path: the input itself (by
any name) is refused even with `force`, an existing file is refused unless
`force`, and the copy is written atomically. Text from the form goes through
`xlsxcells.put`, so nothing in a comment-free cell or the summary can turn
into a formula.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from linter.model.findings import Finding
from linter.writers.outfiles import OutputError, cannot_open, check_target, workbook_bytes, write_new
from linter.writers.xlsxcells import anchor, put

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
SEVERITY_ORDER = ("error", "warning", "info")
SEVERITY_LABEL = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
SUMMARY_TITLE = {"zh": "jxlint 检查结果", "en": "jxlint findings"}
TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
COMMENT_WIDTH = 360  # points


class AnnotateError(OutputError):
    """The annotated copy cannot be made; Chinese and English, naming the file."""


def annotate_workbook(src: Path, out: Path, findings: Iterable[Finding], lang: str = "zh", *,
                      force: bool = False) -> Path:
    """Write a marked-up copy of `src` to `out` and return `out`.

    Raises AnnotateError when `out` is `src` (by any path), exists (unless
    `force`), is not .xlsx, or when `src` cannot be opened as a workbook or
    table."""
    src, out = Path(src), Path(out)
    lang = lang if lang in SEVERITY_LABEL else "zh"
    if out.suffix.lower() != ".xlsx":
        raise AnnotateError(out, "批注副本必须保存为 .xlsx", "the annotated copy must be an .xlsx file")
    check_target(out, [src], force, AnnotateError)
    workbook = _open(src)
    findings = list(findings)
    by_cell: "OrderedDict[Tuple[str, str], List[Finding]]" = OrderedDict()
    for f in findings:
        loc = f.location
        if loc.sheet and loc.cell and loc.sheet in workbook.sheetnames:
            by_cell.setdefault((loc.sheet, loc.cell), []).append(f)
    for (sheet, ref), group in by_cell.items():
        _mark(workbook[sheet], ref, group, lang)
    _summary(workbook, findings, lang)
    return write_new(out, workbook_bytes(workbook), [src], force, AnnotateError)


def _open(src: Path):
    suffix = src.suffix.lower()
    if not src.is_file():
        raise AnnotateError(src, "输入文件不存在", "no such input file")
    if suffix in TABLE_SUFFIXES:
        return _table_workbook(src)
    if suffix not in WORKBOOK_SUFFIXES:
        raise AnnotateError(src, "只能给 .xlsx/.xlsm 工作簿或 .csv/.tsv/.txt 表格加批注",
                            "only .xlsx/.xlsm workbooks and .csv/.tsv/.txt tables can be annotated")
    from linter.readers.xlsx import check_container
    if check_container(src) is not None:
        raise AnnotateError(src, "无法作为工作簿打开（先运行 jxlint check 查看原因）",
                            "cannot be opened as a workbook (run jxlint check to see why)")
    import openpyxl
    try:
        return openpyxl.load_workbook(src)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the user's file, reported
        raise AnnotateError(src, *cannot_open(exc)) from exc


def _table_workbook(src: Path):
    from openpyxl import Workbook
    from linter.readers.table import sheet_name, table_grid

    try:
        data = src.read_bytes()
    except OSError as exc:
        raise AnnotateError(src, f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}") from exc
    grid, problem = table_grid(data, sheet_name(src.name), src.suffix.lower())
    if grid is None:
        raise AnnotateError(src, "无法作为表格读取（先运行 jxlint check 查看原因）",
                            "cannot be read as a table (run jxlint check to see why)")
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = grid.name[:31]
    for r, row in enumerate(grid.rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                put(ws, r, c, value)
    return workbook


def _mark(ws, ref: str, group: List[Finding], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = anchor(ws, ref)
    worst = min(group, key=lambda f: SEVERITY_ORDER.index(f.severity)
                if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)).severity
    colour = FILLS.get(worst, FILLS["info"])
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    labels = SEVERITY_LABEL[lang]
    fix_word = "修改：" if lang == "zh" else "Fix: "
    parts = []
    for f in group:
        text = f"[{f.code} {labels.get(f.severity, f.severity)}] {f.message}"
        if f.fix:
            text += f"\n{fix_word}{f.fix}"
        parts.append(text)
    body = "\n\n".join(parts)
    if cell.comment is not None and cell.comment.text:
        body = cell.comment.text.rstrip() + "\n\n" + body
    comment = Comment(body, "jxlint")
    comment.width = COMMENT_WIDTH
    comment.height = min(900, 18 * (body.count("\n") + 2 + len(body) // 28))
    cell.comment = comment


def _summary(workbook, findings: List[Finding], lang: str) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    title = SUMMARY_TITLE[lang]
    name, n = title, 2
    while name in workbook.sheetnames:
        name, n = f"{title} ({n})", n + 1
    ws = workbook.create_sheet(name)
    labels = SEVERITY_LABEL[lang]
    counts: Dict[str, int] = {s: 0 for s in SEVERITY_ORDER}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    if lang == "zh":
        headline = f"共 {len(findings)} 条：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}"
        header = ("位置", "代码", "级别", "指标", "问题", "修改建议", "路径")
    else:
        headline = (f"{len(findings)} findings: {counts['error']} errors, {counts['warning']} warnings, "
                    f"{counts['info']} notes")
        header = ("Location", "Code", "Severity", "Indicator", "Message", "Fix", "Path")
    put(ws, 1, 1, headline).font = Font(bold=True, size=13)
    for c, text in enumerate(header, 1):
        put(ws, 3, c, text).font = Font(bold=True)
    for r, f in enumerate(findings, 4):
        loc = f.location
        where = f"{loc.sheet}!{loc.cell}" if loc.sheet and loc.cell else loc.short()
        link = put(ws, r, 1, where)
        if loc.sheet and loc.cell and loc.sheet in workbook.sheetnames:
            # an in-workbook link (a location, not an external target)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{loc.sheet}'!{loc.cell}")
            link.font = Font(color="0563C1", underline="single")
        put(ws, r, 2, f.code)
        sev = put(ws, r, 3, labels.get(f.severity, f.severity))
        colour = FILLS.get(f.severity)
        if colour:
            sev.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        put(ws, r, 4, f.indicator or "")
        put(ws, r, 5, f.message)
        put(ws, r, 6, f.fix)
        put(ws, r, 7, f.path)
    for col, width in zip("ABCDEFG", (18, 8, 8, 28, 60, 50, 24)):
        ws.column_dimensions[col].width = width
