"""The national layouts as workbooks: blank (`jxlint template`) or filled in
from a TOML form (`jxlint convert FORM.toml -o FORM.xlsx`).

The sheets written here are the ones `rules/templates/national-self-evaluation.toml`
and `target-declaration.toml` read (a round-trip test holds the two
together): 项目支出绩效自评表 with its money block (年初预算数 … 得分), 年度总体目标
(预期目标 / 实际完成情况), the indicator table, 总分; or the 绩效目标申报表 with
targets only. A form whose indicators print 指标性质 | 指标值 | 度量单位 gets
those three columns instead of 年度指标值, so nothing is joined or split.

What the national layout has no place for (contracts, per-site results,
adjustments, the scoring profile…) is not written; `dropped()` lists it so
convert can say so. A blank workbook carries drop-down lists on the 一级/二级
columns, filled from the core pack's indicator framework.

openpyxl is imported inside the functions: importing this module is free.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from linter.writers.xlsxcells import put

SELF_EVALUATION = "self-evaluation"
TARGET = "target"
KINDS = (SELF_EVALUATION, TARGET)

TITLES = {SELF_EVALUATION: "项目支出绩效自评表", TARGET: "项目支出绩效目标申报表"}
SHEET_TITLES = {SELF_EVALUATION: "绩效自评表", TARGET: "绩效目标申报表"}
MONEY_COLUMNS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("actual", "全年执行数"),
                 ("weight", "分值"), ("stated_rate", "执行率"), ("score", "得分"))
BLANK_SOURCES = ("当年财政拨款", "上年结转资金", "其他资金")
BLANK_INDICATOR_ROWS = 20

# What each layout carries; everything else in a form is reported as dropped.
CARRIED: Dict[str, Dict[str, Tuple[str, ...]]] = {
    SELF_EVALUATION: {
        "": ("format", "kind", "project", "budget", "indicators", "weights", "evaluation"),
        "project": ("name", "department", "implementer", "year", "goal", "goal_result"),
        "budget": ("unit", "initial", "adjusted", "actual", "weight", "stated_rate", "score", "sources"),
        "budget.sources": ("name", "initial", "adjusted", "actual"),
        "indicators": ("level1", "level2", "name", "target", "comparator", "unit", "actual",
                       "weight", "score", "deviation"),
        "evaluation": ("total_score", "grade", "problems", "actions"),
    },
    TARGET: {
        "": ("format", "kind", "project", "budget", "indicators"),
        "project": ("name", "department", "implementer", "year", "goal"),
        "budget": ("unit", "initial", "sources"),
        "budget.sources": ("name", "initial"),
        "indicators": ("level1", "level2", "name", "target", "comparator", "unit", "explanation"),
    },
}


def dropped(data: Mapping[str, Any], kind: str) -> List[str]:
    """The parts of a form the workbook of `kind` has no place for: neither
    on its main sheet nor on an annex sheet (writers/annex.py)."""
    from linter.writers.annex import carried_paths
    annexed = set(carried_paths())
    carried = CARRIED[kind]
    out: List[str] = []
    for key in data:
        if key not in carried[""] and key not in annexed:
            out.append(key)
    for table in ("project", "budget", "evaluation"):
        for key in data.get(table) or {}:
            if key not in carried.get(table, ()) and f"{table}.{key}" not in annexed:
                out.append(f"{table}.{key}")
    for item in (data.get("budget") or {}).get("sources") or []:
        out.extend(f"budget.sources[].{k}" for k in item if k not in carried["budget.sources"])
    for item in data.get("indicators") or []:
        out.extend(f"indicators[].{k}" for k in item
                   if k not in carried["indicators"] and f"indicators[].{k}" not in annexed)
    if data.get("weights") and kind == SELF_EVALUATION and not _weights_in_labels(data):
        out.append("weights")
    return list(dict.fromkeys(out))


def _weights_in_labels(data: Mapping[str, Any]) -> bool:
    """True when every [weights] entry is printed as points in a label, which
    is how the workbook carries it (and how the reader reads it back)."""
    from linter.readers.sheet_layout import _POINTS_RE
    from linter.model.framework import clean_label
    printed: Dict[str, float] = {}
    for ind in data.get("indicators") or []:
        l1, l2 = str(ind.get("level1", "")), str(ind.get("level2", ""))
        for key, raw in ((clean_label(l1), l1), (f"{clean_label(l1)}/{clean_label(l2)}", l2)):
            m = _POINTS_RE.search(raw)
            if m:
                printed.setdefault(key, float(m.group(1)))
    return all(printed.get(str(k)) == float(v) for k, v in (data.get("weights") or {}).items())


def form_workbook(data: Mapping[str, Any]):
    """A filled workbook for a self-evaluation or target form."""
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValueError(kind)
    from linter.writers.annex import write_annexes
    workbook = _build(kind, data)
    write_annexes(workbook, data)
    return workbook


def blank_workbook(kind: str = SELF_EVALUATION):
    return _build(kind, None)


# --- layout ------------------------------------------------------------------

def _target_columns(indicators: Sequence[Mapping[str, Any]]) -> List[Tuple[str, str]]:
    if any(i.get("comparator") is not None or i.get("unit") is not None for i in indicators):
        return [("comparator", "指标性质"), ("target", "指标值"), ("unit", "度量单位")]
    return [("target", "年度指标值")]


def _indicator_columns(kind: str, indicators: Sequence[Mapping[str, Any]]) -> List[Tuple[str, str]]:
    cols = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标")]
    cols += _target_columns(indicators)
    if kind == SELF_EVALUATION:
        cols += [("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                 ("deviation", "偏差原因分析及改进措施")]
    elif any(i.get("explanation") is not None for i in indicators):
        cols.append(("explanation", "指标解释"))
    return cols


class _Sheet:
    """A worksheet being written, with the form's cell styles."""

    def __init__(self, ws):
        from openpyxl.styles import Alignment, Border, Font, Side
        self.ws = ws
        side = Side(style="thin", color="808080")
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.bold = Font(bold=True)

    def cell(self, r: int, c: int, value: Any = None, *, label: bool = False, span: int = 1, down: int = 1):
        ws = self.ws
        target = put(ws, r, c, value) if value is not None else ws.cell(row=r, column=c)
        if span > 1 or down > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + down - 1, end_column=c + span - 1)
        for rr in range(r, r + down):
            for cc in range(c, c + span):
                ws.cell(row=rr, column=cc).border = self.border
        target.alignment = self.centre if label else self.wrap
        if label:
            target.font = self.bold
        return target


def _build(kind: str, data: Optional[Mapping[str, Any]]):
    from openpyxl import Workbook
    blank = data is None
    data = data or {}
    indicators = list(data.get("indicators") or [])
    columns = _indicator_columns(kind, indicators)
    width = 1 + len(columns)  # column A holds the block labels
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = SHEET_TITLES[kind]
    sheet = _Sheet(ws)
    row = _write_header(sheet, kind, data.get("project") or {}, width)
    row = _write_money(sheet, kind, data.get("budget") or {}, data.get("project") or {}, blank, width, row)
    header = row
    rows = BLANK_INDICATOR_ROWS if blank else len(indicators)
    row = _write_indicators(sheet, indicators, columns, rows, header)
    if kind == SELF_EVALUATION:
        _write_footer(sheet, data.get("evaluation") or {}, columns, width, row)
    _set_widths(ws, columns)
    if blank:
        _validation(ws, header + 1, header + rows)
    return wb


def _write_header(sheet: _Sheet, kind: str, project: Mapping[str, Any], width: int) -> int:
    from openpyxl.styles import Font
    cell = sheet.cell
    year = project.get("year")
    cell(1, 1, TITLES[kind], label=True, span=width).font = Font(bold=True, size=16)
    cell(2, 1, f"（{year}年度）" if year is not None else "（    年度）", label=True, span=width)
    cell(3, 1, "项目名称", label=True, span=2)
    cell(3, 3, project.get("name"), span=width - 2)
    cell(4, 1, "主管部门", label=True, span=2)
    cell(4, 3, project.get("department"), span=3)
    cell(4, 6, "实施单位", label=True)
    cell(4, 7, project.get("implementer"), span=width - 6)
    return 5


def _write_money(sheet: _Sheet, kind: str, budget: Mapping[str, Any], project: Mapping[str, Any],
                 blank: bool, width: int, row: int) -> int:
    """The money block and 年度总体目标; returns the next free row."""
    cell = sheet.cell
    unit = budget.get("unit") or "万元"
    sources = list(budget.get("sources") or []) if not blank else [{"name": n} for n in BLANK_SOURCES]
    if kind == SELF_EVALUATION:
        block = 2 + len(sources)
        cell(row, 1, f"项目资金（{unit}）", label=True, span=2, down=block)
        cell(row, 3)
        for i, (_, label) in enumerate(MONEY_COLUMNS):
            cell(row, 4 + i, label, label=True)
        cell(row + 1, 3, "年度资金总额", label=True)
        for i, (key, _) in enumerate(MONEY_COLUMNS):
            cell(row + 1, 4 + i, budget.get(key))
        for j, source in enumerate(sources):
            r = row + 2 + j
            cell(r, 3, ("其中：" if j == 0 else "") + str(source.get("name", "")), label=True)
            for i, (key, _) in enumerate(MONEY_COLUMNS):
                value = source.get(key) if key in ("initial", "adjusted", "actual") else "—"
                cell(r, 4 + i, value)
        row += block
        cell(row, 1, "年度总体目标", label=True, down=2)
        half = (width - 1) // 2
        cell(row, 2, "预期目标", label=True, span=half)
        cell(row, 2 + half, "实际完成情况", label=True, span=width - 1 - half)
        cell(row + 1, 2, project.get("goal"), span=half)
        cell(row + 1, 2 + half, project.get("goal_result"), span=width - 1 - half)
        sheet.ws.row_dimensions[row + 1].height = 60
        return row + 2
    block = 1 + len(sources)
    cell(row, 1, f"项目资金（{unit}）", label=True, span=2, down=block)
    cell(row, 3, "年度资金总额", label=True)
    cell(row, 4, budget.get("initial"), span=width - 3)
    for j, source in enumerate(sources):
        cell(row + 1 + j, 3, ("其中：" if j == 0 else "") + str(source.get("name", "")), label=True)
        cell(row + 1 + j, 4, source.get("initial"), span=width - 3)
    row += block
    cell(row, 1, "年度总体目标", label=True)
    cell(row, 2, project.get("goal"), span=width - 1)
    sheet.ws.row_dimensions[row].height = 60
    return row + 1


def _write_indicators(sheet: _Sheet, indicators, columns, rows: int, header: int) -> int:
    cell = sheet.cell
    cell(header, 1, "绩效指标", label=True, down=1 + max(rows, 1))
    for i, (_, label) in enumerate(columns):
        cell(header, 2 + i, label, label=True)
    for j in range(max(rows, 1)):
        item = indicators[j] if j < len(indicators) else {}
        for i, (key, _) in enumerate(columns):
            cell(header + 1 + j, 2 + i, item.get(key))
    _merge_runs(sheet.ws, indicators, header + 1, columns)
    return header + 1 + max(rows, 1)


def _write_footer(sheet: _Sheet, evaluation: Mapping[str, Any], columns, width: int, row: int) -> None:
    cell = sheet.cell
    keys = [k for k, _ in columns]
    score_col = 2 + keys.index("score")
    cell(row, 1, "总分", label=True, span=score_col - 1)
    cell(row, score_col, evaluation.get("total_score"))
    cell(row, score_col + 1, span=width - score_col)
    row += 1
    cell(row, 1, "评价等级", label=True)
    cell(row, 2, evaluation.get("grade"), span=width - 1)
    row += 1
    for key, label in (("problems", "存在的问题"), ("actions", "整改情况")):
        if evaluation.get(key) is not None:
            cell(row, 1, label, label=True)
            cell(row, 2, evaluation.get(key), span=width - 1)
            sheet.ws.row_dimensions[row].height = 45
            row += 1


COLUMN_WIDTHS = {"level1": 12, "level2": 14, "name": 28, "target": 16, "comparator": 9, "unit": 9,
                 "actual": 22, "weight": 7, "score": 7, "deviation": 26, "explanation": 26}


def _set_widths(ws, columns) -> None:
    from openpyxl.utils import get_column_letter
    ws.column_dimensions["A"].width = 12
    for i, (key, _) in enumerate(columns):
        ws.column_dimensions[get_column_letter(2 + i)].width = COLUMN_WIDTHS.get(key, 14)


def _merge_runs(ws, indicators: Sequence[Mapping[str, Any]], first_row: int,
                columns: Sequence[Tuple[str, str]]) -> None:
    """Merge runs of equal 一级 (and, within one 一级, equal 二级) cells, as
    the printed form does; the reader reads a merged cell's continuation as
    the value above."""
    keys = [k for k, _ in columns]
    for key in ("level1", "level2"):
        col = 2 + keys.index(key)
        start = 0
        for j in range(1, len(indicators) + 1):
            same = (j < len(indicators)
                    and indicators[j].get(key) == indicators[start].get(key)
                    and indicators[start].get(key) not in (None, "")
                    and (key == "level1" or indicators[j].get("level1") == indicators[start].get("level1")))
            if same:
                continue
            if j - start > 1:
                for jj in range(start + 1, j):
                    ws.cell(row=first_row + jj, column=col).value = None
                ws.merge_cells(start_row=first_row + start, start_column=col,
                               end_row=first_row + j - 1, end_column=col)
            start = j


def _validation(ws, first: int, last: int) -> None:
    """Drop-down lists of the framework's 一级 and 二级 labels."""
    from openpyxl.worksheet.datavalidation import DataValidation
    from linter.packs.loader import PackLoader

    framework = PackLoader().ruleset(["core"]).framework
    for col, names, title in (("B", framework.level1_names, "一级指标"),
                              ("C", framework.level2_names, "二级指标")):
        dv = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=title,
                            error=f"请从列表中选择{title}（指标体系：财预〔2021〕101号）",
                            promptTitle=title, prompt=f"从列表中选择{title}", showInputMessage=True)
        dv.add(f"{col}{first}:{col}{last}")
        ws.add_data_validation(dv)
