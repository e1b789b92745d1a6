"""The layout corpus: real published forms rebuilt as workbooks.

Each `<id>.layout.toml` describes, in data, how one real page prints its form
(title lines, header labels, money block, goal block, indicator header rows
with their merges, footer); `build.py` writes the workbook that page would be
if it were filled in with the TOML twin `<id>.toml` (or `<id>-1.toml`,
`<id>-2.toml` … when the workbook holds several projects, one per sheet).

Reading the workbook must give the findings of reading the twin: the same
multiset of (code, indicator, message), locations aside, and every finding
about an indicator must point at a sheet and a cell. A failure here is a
layout the workbook reader does not yet understand — the twins are not to be
adjusted to hide it.
"""
from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from collections import Counter
from pathlib import Path

import pytest

from linter.engine.core import Engine

from .build import build, table_width

openpyxl = pytest.importorskip("openpyxl")

HERE = Path(__file__).resolve().parent
SPECS = sorted(HERE.glob("*.layout.toml"))
ENGINE = Engine()


def fixture_id(spec_path: Path) -> str:
    return spec_path.name[: -len(".layout.toml")]


def twins(fid: str) -> list:
    """The TOML twin(s) of a fixture: <id>.toml, or <id>-1.toml, <id>-2.toml … in order."""
    single = HERE / f"{fid}.toml"
    if single.exists():
        return [single]
    numbered = [p for p in HERE.glob(f"{fid}-*.toml") if re.fullmatch(rf"{re.escape(fid)}-\d+\.toml", p.name)]
    return sorted(numbered, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def built(spec_path: Path, tmp_path: Path) -> Path:
    spec = load(spec_path)
    forms = [load(t) for t in twins(fixture_id(spec_path))]
    return build(spec, forms if spec.get("sheets") else forms[0], tmp_path / f"{fixture_id(spec_path)}.xlsx")


def key(findings) -> Counter:
    """Findings as a multiset of (code, indicator, message), locations ignored."""
    return Counter((f.code, f.indicator, f.message) for f in findings)


def twin_key(fid: str) -> Counter:
    out: Counter = Counter()
    for t in twins(fid):
        out += key(ENGINE.check_file(t, t.name).findings)
    return out


def describe(book: Counter, twin: Counter) -> str:
    lines = ["workbook and TOML twin differ"]
    for title, diff in (("only from the workbook:", book - twin), ("only from the twin:", twin - book)):
        if diff:
            lines.append(title)
            lines += [f"  {code} [{indicator}] {message}" + (f" ×{n}" if n > 1 else "")
                      for (code, indicator, message), n in sorted(diff.items(), key=str)]
    return "\n".join(lines)


def test_the_corpus_is_large_enough():
    assert len(SPECS) >= 15
    for spec_path in SPECS:
        spec = load(spec_path)
        found = twins(fixture_id(spec_path))
        assert found, f"{spec_path.name} has no twin"
        assert len(found) == len(spec.get("sheets") or [{}]), f"{spec_path.name}: one twin per sheet"
        assert spec_path.read_text(encoding="utf-8").startswith("#"), "the spec starts with its source comment"


@pytest.mark.parametrize("spec_path", SPECS, ids=fixture_id)
def test_the_workbook_gives_the_findings_of_its_twin(spec_path, tmp_path):
    path = built(spec_path, tmp_path)
    book = key(ENGINE.check_file(path, path.name).findings)
    twin = twin_key(fixture_id(spec_path))
    assert book == twin, describe(book, twin)


@pytest.mark.parametrize("spec_path", SPECS, ids=fixture_id)
def test_findings_about_indicators_point_at_cells(spec_path, tmp_path):
    path = built(spec_path, tmp_path)
    report = ENGINE.check_file(path, path.name)
    unplaced = [(f.code, f.indicator, f.location.sheet, f.location.cell)
                for f in report.findings if f.indicator and (f.location.sheet is None or f.location.cell is None)]
    assert not unplaced


# --- the comparison can fail ---------------------------------------------------

MUTATED = "hubei-ezhou-shiminzhongxin-2021"


def target_cell(ws, header_word: str, row_after: int = 1):
    """The first target cell: under the printed target header word."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == header_word:
                return ws.cell(row=cell.row + row_after, column=cell.column)
    raise AssertionError(f"no header cell {header_word!r}")


def test_changing_one_cell_changes_the_findings(tmp_path):
    spec_path = HERE / f"{MUTATED}.layout.toml"
    spec = load(spec_path)
    columns = spec["indicators"]["columns"]
    word = spec["indicators"]["header"][-1][columns.index("target")]
    path = built(spec_path, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[spec["sheet"]]
    cell = target_cell(ws, word)
    assert cell.value == load(twins(MUTATED)[0])["indicators"][0]["target"]
    cell.value = "有效提高"          # a target with no measurable figure
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    book, twin = key(report.findings), twin_key(MUTATED)
    assert book != twin
    assert any(f.location.cell == cell.coordinate for f in report.findings
               if (f.code, f.indicator, f.message) in (book - twin))


# --- the builder prints what the spec says ----------------------------------------

def sheet_texts(ws) -> set:
    return {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


@pytest.mark.parametrize("spec_path", SPECS, ids=fixture_id)
def test_every_printed_word_of_the_spec_is_in_the_workbook(spec_path, tmp_path):
    """Builder check, independent of the reader: the header words, money words
    and labels of the spec are cells of the built sheet(s), and the values of
    the twin's indicators are there with their types (numbers stay numbers)."""
    spec = load(spec_path)
    wb = openpyxl.load_workbook(built(spec_path, tmp_path))
    forms = [load(t) for t in twins(fixture_id(spec_path))]
    for override, form in zip(spec.get("sheets") or [{}], forms):
        merged = dict(spec, **override)
        ws = wb[merged.get("sheet") or "Sheet1"]
        texts = sheet_texts(ws)
        ind = merged.get("indicators") or {}
        words = [w for row in ind.get("header") or [] for w in row if w not in ("<", "^", "")]
        words += [ind["side"]] if ind.get("side") else []
        money = merged.get("money") or {}
        words += list(money.get("header") or []) + [money[k] for k in ("label", "corner", "total") if money.get(k)]
        words += [r["label"] for r in money.get("rows") or []]
        for row in (merged.get("header") or []) + (merged.get("after_money") or []):
            words += [c for c in row["cells"] if isinstance(c, str) and c != "^"]
        words += [f["label"] for f in merged.get("footer") or [] if f.get("label")]
        missing = [w for w in words if w not in texts]
        assert not missing, f"{ws.title}: {missing}"
        values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
        for indicator in form.get("indicators") or []:
            for field in ("name", "target", "actual", "weight", "score"):
                if field in indicator and field in [c if isinstance(c, str) else c.get("field") for c in ind["columns"]]:
                    assert indicator[field] in values, f"{ws.title}: {field} {indicator[field]!r} not printed"
        assert ws.max_column <= table_width(merged)


def test_a_two_row_header_with_a_group_cell(tmp_path):
    """年度指标值 merged over 指标性质 | 指标值 | 度量单位, the other header cells
    merged down over both rows, 一级/二级 merged over runs of equal values (a
    二级 run never crosses a 一级 boundary), numbers kept as numbers."""
    spec = {
        "sheet": "表",
        "title": ["项目支出绩效自评表"],
        "title_block": ["单位：万元"],
        "indicators": {
            "side": "绩效指标",
            "header": [["一级指标", "二级指标", "三级指标", "年度指标值", "<", "<", "实际完成值", "分值", "得分"],
                       ["^", "^", "^", "指标性质", "指标值", "度量单位", "^", "^", "^"]],
            "columns": ["level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score"],
        },
        "footer": [{"label": "总分", "path": "evaluation.total_score", "under": "score"}],
    }
    form = {"indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "甲", "comparator": "≥", "target": 90, "unit": "%",
         "actual": 95, "weight": 10, "score": 10},
        {"level1": "产出指标", "level2": "数量指标", "name": "乙", "target": "按时", "actual": "按时"},
        {"level1": "效益指标", "level2": "数量指标", "name": "丙", "target": 1.5, "actual": 1.5},
    ], "evaluation": {"total_score": 98}}
    ws = openpyxl.load_workbook(build(spec, form, tmp_path / "two-rows.xlsx"))["表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "E3:G3", "B3:B4", "C3:C4", "D3:D4", "H3:H4", "I3:I4", "J3:J4", "A3:A7",
            "B5:B6", "C5:C6", "A8:I8"} <= merged
    assert "C5:C7" not in merged and "C6:C7" not in merged      # 数量指标 under 效益指标 is its own cell
    assert [ws[c].value for c in ("E3", "E4", "F4", "G4", "H3")] == ["年度指标值", "指标性质", "指标值", "度量单位", "实际完成值"]
    assert ws["F5"].value == 90 and isinstance(ws["F5"].value, int)
    assert ws["F7"].value == 1.5 and ws["C7"].value == "数量指标" and ws["B7"].value == "效益指标"
    assert ws["B6"].value is None and ws["C6"].value is None   # continuation cells are the merge's
    assert ws["A8"].value == "总分" and ws["J8"].value == 98
