"""Seed 002, the Longgang one-project-per-row table, read as it ships.

tests/data/longgang-2020.tsv is seed 002 byte for byte (its empty cells were
dropped by the extraction, so the cells do not sit under their headers).
Read with the `longgang-wide` template it must give the 14 forms that
examples/longgang-2020/*.toml transcribe by hand — the same findings, each
located on its project's row — and so must an .xlsx copy and a table whose
cells do line up.
"""
import hashlib
import re
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine.core import Engine
from linter.readers import read_file

from .workbooks import (LONGGANG_EXAMPLES, LONGGANG_SHA256, LONGGANG_TSV, key, tsv_rows, write_rows)

ENGINE = Engine()
SHEET = "longgang-2020"
FIRST_ROW = 12  # row of 序号 1 in the table


@pytest.fixture(scope="module")
def table_report():
    return ENGINE.check_file(LONGGANG_TSV, LONGGANG_TSV.name)


@pytest.fixture(scope="module")
def by_row(table_report):
    rows = {}
    for f in table_report.findings:
        rows.setdefault(_row(f.location.cell), []).append(f)
    return rows


def _row(cell):
    return int(re.sub(r"\D", "", cell)) if cell else None


def test_fixture_is_the_seed_as_it_ships():
    assert hashlib.sha256(LONGGANG_TSV.read_bytes()).hexdigest() == LONGGANG_SHA256


def test_fourteen_rows_fourteen_forms(table_report):
    assert table_report.forms == 14
    assert not table_report.stopped
    assert [p.name[:2] for p in LONGGANG_EXAMPLES] == [f"{i:02d}" for i in range(1, 15)]


@pytest.mark.parametrize("index", range(14), ids=[p.stem for p in LONGGANG_EXAMPLES])
def test_same_findings_as_the_hand_transcription(by_row, index):
    example = LONGGANG_EXAMPLES[index]
    expected = ENGINE.check_file(example, example.name).findings
    got = by_row.get(FIRST_ROW + index, [])
    # code + indicator, as the seed tests pin them; and in fact the very same
    # paths and messages
    assert key([f for f in got]) == key(expected)
    assert sorted((f.code, f.indicator or "") for f in got) == \
        sorted((f.code, f.indicator or "") for f in expected)


def test_every_finding_points_at_a_cell_of_its_row(table_report):
    assert table_report.findings
    for f in table_report.findings:
        assert f.location.file == LONGGANG_TSV.name
        assert f.location.sheet == SHEET and f.location.cell, f
        assert FIRST_ROW <= _row(f.location.cell) < FIRST_ROW + 14, f


@pytest.mark.parametrize("code,indicator_or_path,cell", [
    ("B002", "budget.actual", "E21"),             # 婚姻登记 47.74 -> 50.81 spent
    ("B001", "budget.stated_rate", "H13"),        # 民办社会福利机构
    ("V005", "社区居民满意度≥100", "T22"),
    ("V009", "实现服务项目零投诉", "T25"),
    ("V001", "提高社区居民幸福指数", "Q14"),
    ("X002", "project.goal_result", "J14"),
])
def test_findings_land_on_the_cell_to_fix(table_report, code, indicator_or_path, cell):
    hits = [f for f in table_report.findings if f.code == code
            and indicator_or_path in (f.indicator, f.path) and f.location.cell == cell]
    assert hits, [(f.code, f.indicator, f.path, f.location.cell) for f in table_report.findings
                  if f.code == code]


def test_imported_forms_are_the_transcriptions():
    """Field for field, apart from what the transcriber summarised: the
    department (the table prints 深圳市龙岗区民政局本级) and one adjustment's
    reason (the transcription keeps the words 因业务需要)."""
    forms = read_file(LONGGANG_TSV, LONGGANG_TSV.name).forms
    differences = []
    for form, example in zip(forms, LONGGANG_EXAMPLES):
        expected = tomllib.loads(example.read_text(encoding="utf-8"))
        for path, a, b in _diff(form.data, expected):
            differences.append((example.name[:2], path, a, b))
    assert {(row, path) for row, path, _, _ in differences} == (
        {(f"{i:02d}", "project.department") for i in range(1, 15)}
        | {("02", "budget.adjustments[0].reason")})
    assert differences[0][2:] == ("深圳市龙岗区民政局本级", "深圳市龙岗区民政局")


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            yield from _diff(a.get(k), b.get(k), f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from _diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield path, a, b


def test_transfers_in_the_problems_column_become_adjustments():
    forms = read_file(LONGGANG_TSV, LONGGANG_TSV.name).forms
    amounts = {f.project["name"]: [a["amount"] for a in f.data["budget"].get("adjustments", [])]
               for f in forms}
    assert amounts["民办社会福利机构"] == [-8.47, -3.08, -590.97]
    assert amounts["其他一般管理事务"] == [-15.38, 8.47]
    assert amounts["婚姻登记工作"] == [3.08]
    # the 2020 budget (855.17) and the amount paid (274.5057) are not transfers
    assert all(not a for name, a in amounts.items() if name in ("社会福利救济金", "防控一线工作"))


def test_an_xlsx_copy_gives_the_same_findings(tmp_path, table_report):
    book = write_rows(tsv_rows(), tmp_path / "longgang-2020.xlsx", sheet=SHEET)
    report = ENGINE.check_file(book, book.name)
    assert report.forms == 14
    assert key(report.findings, with_location=True) == key(table_report.findings, with_location=True)


# --- the same table with its cells under their headers ----------------------------

PAIRS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
         ("效益指标", "经济效益指标"), ("效益指标", "社会效益指标"), ("效益指标", "生态效益指标"),
         ("满意度指标", "服务对象满意度指标")]


def aligned_table():
    """The 14 transcribed forms as a table whose header lines up: columns
    0-9 fixed, a pair per category from column 10, then 问题 and 整改."""
    head1 = ["序号", "单位名称", "项目名称", "项目年度预算金额", "实际支出金额", "", "", "预算支出执行率",
             "年初绩效目标", "绩效目标整体完成情况", "产出目标"] + [""] * 5 + ["效益目标"] + [""] * 5 + \
            ["满意度指标", "", "项目执行中存在的问题", "整改情况"]
    head2 = [""] * 4 + ["合计", "其中: 财政拨款", ""] + [""] * 3
    for _, level2 in PAIRS:
        head2 += [level2, ""]
    head3 = [""] * 5 + ["一般公共预算", "政府性基金"] + [""] * 3 + ["年度指标内容", "完成情况"] * 7
    rows = [["2020年龙岗区民政局部门预算项目绩效自评表"], ["部门名称(盖章): 深圳市龙岗区民政局"], [],
            head1, head2, head3]
    for i, example in enumerate(LONGGANG_EXAMPLES, 1):
        d = tomllib.loads(example.read_text(encoding="utf-8"))
        b, p = d["budget"], d["project"]
        sources = {s["name"]: s["actual"] for s in b.get("sources", [])}
        row = [str(i), p.get("implementer", ""), p["name"], str(b["initial"]), str(b["actual"]),
               str(sources.get("一般公共预算", "")), str(sources.get("政府性基金", "")), b["stated_rate"],
               p["goal"], p["goal_result"]]
        by_level2 = {ind["level2"]: ind for ind in d["indicators"]}
        for _, level2 in PAIRS:
            ind = by_level2.get(level2, {})
            row += [ind.get("target", ""), ind.get("actual", "")]
        row += [d.get("evaluation", {}).get("problems", ""), d.get("evaluation", {}).get("actions", "")]
        rows.append(row)
    return rows


def test_a_table_that_lines_up_is_read_by_position(tmp_path):
    path = tmp_path / "aligned.csv"
    import csv
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(aligned_table())
    report = ENGINE.check_file(path, path.name)
    assert report.forms == 14 and not report.stopped
    rows = {}
    for f in report.findings:
        rows.setdefault(_row(f.location.cell), []).append(f)
    for i, example in enumerate(LONGGANG_EXAMPLES):
        expected = ENGINE.check_file(example, example.name).findings
        assert key(rows.get(7 + i, [])) == key(expected), example.name
    # the 完成情况 of 数量指标 sits in column L on every row
    [v8] = [f for f in rows[7] if f.code == "V004" and f.path == "indicators[0].actual"]
    assert v8.location.cell == "L7"


def test_forcing_the_template_and_an_unknown_one():
    forced = read_file(LONGGANG_TSV, LONGGANG_TSV.name, template="longgang-wide")
    assert len(forced.forms) == 14
    unknown = read_file(LONGGANG_TSV, LONGGANG_TSV.name, template="no-such-layout")
    [problem] = unknown.problems
    assert (problem.code, problem.variant) == ("E001", "unknown-template")
    assert "longgang-wide" in problem.vars["templates"] and "national-self-evaluation" in problem.vars["templates"]
    wrong = read_file(LONGGANG_TSV, LONGGANG_TSV.name, template="national-self-evaluation")
    assert [p.variant for p in wrong.problems] == ["no-template"]
