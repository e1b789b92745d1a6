"""`annotate_workbook`: the user's workbook marked up, the input untouched."""
import hashlib
import os

import openpyxl
import pytest

from linter.writers.annotate import FILLS, AnnotateError, annotate_workbook
from linter.engine.core import Engine

from readers.workbooks import LONGGANG_TSV, national_sheet

ENGINE = Engine()


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def checked(tmp_path):
    book = national_sheet(tmp_path / "自评表.xlsx")
    return book, ENGINE.check_file(book, book.name).findings


def test_flagged_cells_get_colour_and_comment(tmp_path, checked):
    book, findings = checked
    before = _sha(book)
    out = annotate_workbook(book, tmp_path / "marked.xlsx", findings)
    assert _sha(book) == before                           # the input's bytes are unchanged
    wb = openpyxl.load_workbook(out)
    ws = wb["自评表"]
    assert findings
    for f in findings:
        cell = ws[f.location.cell]
        assert cell.comment is not None, f
        assert f.code in cell.comment.text and f.message in cell.comment.text
        if f.fix:
            assert f.fix in cell.comment.text
        assert cell.comment.author == "jxlint"
    [vague] = [f for f in findings if f.code == "V001" and f.indicator == "服务开展情况"]
    assert ws["E15"].fill.start_color.rgb.endswith(FILLS[vague.severity])
    assert ws["D14"].comment is None and ws["D14"].fill.fill_type is None  # unflagged cells stay as they were


def test_summary_sheet_lists_every_finding_with_a_link(tmp_path, checked):
    book, findings = checked
    wb = openpyxl.load_workbook(annotate_workbook(book, tmp_path / "marked.xlsx", findings))
    assert wb.sheetnames == ["自评表", "jxlint 检查结果"]
    summary = wb["jxlint 检查结果"]
    assert summary["A1"].value.startswith(f"共 {len(findings)} 条")
    rows = list(summary.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(findings)
    assert {r[1] for r in rows} == {f.code for f in findings}
    first = findings[0].location
    assert summary["A4"].value == f"{first.sheet}!{first.cell}"
    assert summary["A4"].hyperlink.location == f"'{first.sheet}'!{first.cell}"


def test_english_labels(tmp_path, checked):
    book, findings = checked
    wb = openpyxl.load_workbook(annotate_workbook(book, tmp_path / "en.xlsx", findings, lang="en"))
    assert "jxlint findings" in wb.sheetnames
    assert "Fix: " in wb["自评表"][findings[0].location.cell].comment.text


def test_never_overwrites_the_input_or_an_existing_file(tmp_path, checked):
    book, findings = checked
    before = _sha(book)
    for target in (book, tmp_path / "." / book.name):
        with pytest.raises(AnnotateError) as err:
            annotate_workbook(book, target, findings, force=True)
        assert "输入文件" in str(err.value) and "input" in str(err.value)
    link = tmp_path / "link.xlsx"
    os.symlink(book, link)
    with pytest.raises(AnnotateError):
        annotate_workbook(book, link, findings, force=True)
    existing = tmp_path / "old.xlsx"
    existing.write_bytes(b"keep")
    with pytest.raises(AnnotateError, match="已存在"):
        annotate_workbook(book, existing, findings)
    assert existing.read_bytes() == b"keep"
    with pytest.raises(AnnotateError, match=r"\.xlsx"):
        annotate_workbook(book, tmp_path / "out.csv", findings)
    assert _sha(book) == before


def test_form_text_never_becomes_a_formula(tmp_path, checked):
    book, findings = checked
    evil = [findings[0]._replace(message="=cmd|' /C calc'!A0", fix="+1", indicator="@SUM(1)")]
    wb = openpyxl.load_workbook(annotate_workbook(book, tmp_path / "x.xlsx", evil))
    summary = wb["jxlint 检查结果"]
    for cell in (summary["E4"], summary["F4"], summary["D4"]):
        assert cell.data_type == "s"


def test_a_table_is_annotated_as_a_workbook(tmp_path):
    findings = ENGINE.check_file(LONGGANG_TSV, LONGGANG_TSV.name).findings
    before = _sha(LONGGANG_TSV)
    wb = openpyxl.load_workbook(annotate_workbook(LONGGANG_TSV, tmp_path / "longgang.xlsx", findings))
    ws = wb["longgang-2020"]
    assert ws["C12"].value == "社会组织管理"
    [b002] = [f for f in findings if f.code == "B002" and f.location.cell == "E21"]
    assert "B002" in ws["E21"].comment.text
    assert _sha(LONGGANG_TSV) == before


def test_an_unreadable_input_is_an_annotate_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(AnnotateError) as err:
        annotate_workbook(bad, tmp_path / "out.xlsx", [])
    assert str(bad) in str(err.value)


def test_a_workbook_openpyxl_cannot_open_for_writing_says_what_to_do(tmp_path, checked):
    """The fuzzer's case: a column width spelled `widtt`. The check reads the
    workbook (it never binds column widths); openpyxl, opening it to write
    the comments, cannot. The message says the check stands and how to get
    a workbook it can write into."""
    import zipfile
    book, findings = checked
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData", b'<cols><col min="1" max="1" widtt="9"/></cols><sheetData', 1)
            out.writestr(info.filename, data)
    report = ENGINE.check_file(odd, odd.name)
    assert not report.stopped and [f.code for f in report.findings] == [f.code for f in findings]
    with pytest.raises(AnnotateError) as err:
        annotate_workbook(odd, tmp_path / "out.xlsx", report.findings)
    assert "widtt" in err.value.zh and "检查结果不受影响" in err.value.zh and "另存为 .xlsx" in err.value.zh
    assert "the check itself stands" in err.value.en
    assert not (tmp_path / "out.xlsx").exists()
