"""The plain cell reader (readers/xlsx_cells.py) against openpyxl's own read.

Each workbook is read both ways: through xlsx_cells (`_plain_grids`) and
through openpyxl's read-only worksheets (`_openpyxl_grids`, the reader
before it). The grids must be equal value for value and type for type, and
for every workbook the plain reader does not read itself it must say so
(None), so that what a user sees is openpyxl's."""
import datetime
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")
# the hand-made packages below carry no styles part, which openpyxl notes on every load
pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

from linter.readers import xlsx  # noqa: E402
from support import CONTENT_TYPES, RELS, WB_RELS  # noqa: E402

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def both(path: Path):
    found: dict = {}
    assert xlsx.check_container(path, found) is None
    return xlsx._plain_grids(path), xlsx._openpyxl_grids(path, found)


def as_data(grids):
    if isinstance(grids, list):
        return [(g.name, [[(type(v).__name__, v) for v in row] for row in g.rows], g.notes) for g in grids]
    return ("refused", [(p.code, p.variant, p.vars) for p in grids.problems])


def assert_plain(path: Path):
    plain, reference = both(path)
    assert plain is not None, "the plain reader left a plain workbook to openpyxl"
    assert as_data(plain) == as_data(reference)


def assert_left_to_openpyxl(path: Path):
    plain, reference = both(path)
    assert plain is None
    assert as_data(xlsx.workbook_grids(path)) == as_data(reference)


def test_a_styled_workbook_reads_as_openpyxl_reads_it(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "  项目名称 "
    ws["B1"] = "某项目"
    ws["A2"], ws["B2"] = 0.999, 0.5
    ws["A2"].number_format = "0.0%"
    ws["B2"].number_format = "0%"
    ws["C2"] = 12.0
    ws["D2"] = 3.25
    ws["E2"] = True
    ws["F2"] = datetime.datetime(2023, 5, 6)
    ws["G2"] = datetime.date(2022, 1, 1)
    ws["H2"] = "   "
    ws["C4"] = "隔一行"
    ws["Z7"] = 1e20
    ws["A9"] = "=1+1"            # a formula never calculated: blank when read with data_only
    ws.cell(row=10, column=600, value="past the column limit")
    ws.cell(row=10, column=3, value=7)
    second = wb.create_sheet("备注")
    second["B3"] = "第二张表"
    wb.save(tmp_path / "styled.xlsx")
    assert_plain(tmp_path / "styled.xlsx")


def test_a_write_only_workbook_without_dimension(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("rows")
    for r in range(30):
        ws.append([f"行{r}", r, r / 4, None, "" if r % 2 else "x"])
    wb.save(tmp_path / "wo.xlsx")
    assert_plain(tmp_path / "wo.xlsx")


def package(path: Path, sheet_xml: str, shared: str = "") -> Path:
    """A one-sheet workbook whose sheet XML is given as is."""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts>'
              '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", shared or f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'
                   '<si><t> 共享 </t></si><si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></si></sst>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{sheet_xml}</worksheet>')
    return path


PLAIN = {
    "types": '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
             '<c r="C1" t="b"><v>0</v></c><c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><v>公式</v></c>'
             '<c r="F1" s="1"><v>0.25</v></c><c r="G1" s="3"><v>0.12345</v></c><c r="H1" s="2"><v>44927</v></c>'
             '<c r="I1"><v>1E3</v></c><c r="J1"><v></v></c><c r="K1" t="inlineStr"><is><t xml:space="preserve"> 内联 </t></is></c>'
             '<c r="L1" t="inlineStr"><is/></c><c r="M1" t="inlineStr"/><c r="N1" t="inlineStr"><v>ignored</v></c></row></sheetData>',
    "no coordinates": '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>2</v></c></row>'
                      '<row><c r="C2"><v>3</v></c><c><v>4</v></c></row></sheetData>',
    "gaps and order": '<dimension ref="A1:B2"/><sheetData><row r="3"><c r="B3"><v>1</v></c></row>'
                      '<row r="2"><c r="A2" t="str"><v>skipped: before a row already read</v></c></row>'
                      '<row r="3"><c r="A3"><v>9</v></c></row><row r="5"/><row r="6"><c r="C6"><v>1</v></c><c r="A6"><v>2</v></c></row>'
                      '<row r="7"><c r="B7"><v>1</v></c><c r="B7"><v>2</v></c></row><row r="9"></row></sheetData>'
                      '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    "other children": '<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v><extLst/></c>'
                      '<c r="B1" t="inlineStr"><is><t>x</t><foo/></is></c></row></sheetData>',
    "empty": '<sheetData/>',
    # what the notes say: the plain reader's own count against the scan's
    "formulas and hidden rows": '<sheetData><row r="1" hidden="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>2</f><v></v></c>'
                                '<c r="C1"><f>3</f><v>3</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
                                '<row r="3" hidden="true"><c r="D3" t="str"><f>"a"</f></c></row></sheetData>',
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_sheets(tmp_path, name):
    if name == "other children":  # <foo> inside <is>: openpyxl ignores it, this reader leaves it to openpyxl
        assert_left_to_openpyxl(package(tmp_path / "s.xlsx", PLAIN[name]))
    else:
        assert_plain(package(tmp_path / "s.xlsx", PLAIN[name]))


UNUSUAL = {
    "iso date": '<sheetData><row r="1"><c r="A1" t="d"><v>2023-01-02</v></c></row></sheetData>',
    "rich inline": '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row></sheetData>',
    "two texts": '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t><t>b</t></is></c></row></sheetData>',
    "unknown type": '<sheetData><row r="1"><c r="A1" t="x"><v>1</v></c></row></sheetData>',
    "not a cell": '<sheetData><row r="1"><d r="A1"><v>1</v></d></row></sheetData>',
    "float row": '<sheetData><row r="2.0"><c><v>1</v></c></row></sheetData>',
    "empty style": '<sheetData><row r="1"><c r="A1" s=""><v>1</v></c></row></sheetData>',
    "row past the limit": '<sheetData><row r="20001"><c r="A20001"><v>1</v></c></row></sheetData>',
    "element in a value": '<sheetData><row r="1"><c r="A1"><v>1<x/></v></c></row></sheetData>',
    # what openpyxl cannot read: the same E001 either way
    "bad number": '<sheetData><row r="1"><c r="A1"><v>abc</v></c></row></sheetData>',
    "bad shared index": '<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>',
    "bad coordinate": '<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>',
    "bad dimension": '<dimension ref="nonsense"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
    "bad margins": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><pageMargins left="wide"/>',
    "bad style index": '<sheetData><row r="1"><c r="A1" s="40"><v>1</v></c></row></sheetData>',
}


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_sheets_are_left_to_openpyxl(tmp_path, name):
    assert_left_to_openpyxl(package(tmp_path / "s.xlsx", UNUSUAL[name]))


def test_what_openpyxl_refuses_is_still_refused(tmp_path):
    path = package(tmp_path / "s.xlsx", UNUSUAL["bad margins"])
    grids = xlsx.workbook_grids(path)
    assert not isinstance(grids, list) and grids.problems[0].variant == "not-a-workbook"


def test_notes_of_formulas_and_hidden_rows_are_read_once(tmp_path):
    """The note-worthy cells are counted by the plain reader itself: the
    reference read gets them from the full scan, and both agree (above);
    here they are there at all."""
    [grid] = xlsx._plain_grids(package(tmp_path / "s.xlsx", PLAIN["formulas and hidden rows"]))
    assert [(n.variant, n.cell) for n in grid.notes] == [
        ("formula-no-value", "A1"), ("formula-no-value", "B1"), ("formula-no-value", "D3"), ("hidden-rows", "A1")]


def test_a_plain_sheet_is_parsed_once(tmp_path, monkeypatch):
    """The budget scan skips the worksheets the plain reader reads (it
    counts them as it reads them): no sheet element reaches the scan."""
    from linter.readers import xlsx_budget
    seen = []
    start = xlsx_budget._Counter.start
    monkeypatch.setattr(xlsx_budget._Counter, "start", lambda self, tag, attrs: (seen.append(tag), start(self, tag, attrs)))
    grids = xlsx.workbook_grids(package(tmp_path / "s.xlsx", PLAIN["types"]))
    assert isinstance(grids, list) and grids[0].rows
    assert seen and not any(tag.endswith("}c") or tag.endswith("}row") for tag in seen)


OVER_BUDGET = {
    "merged": '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
              '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    "text": '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + "长" * 70_000 + '</t></is></c></row></sheetData>',
    "rows": '<sheetData>' + '<row r="1"><c r="A1"><v>1</v></c></row>' * 20_001 + '</sheetData>',
    "cells": '<sheetData><row r="1">' + '<c r="A1"><v>1</v></c>' * 300_001 + '</row></sheetData>',
}


@pytest.mark.parametrize("what", sorted(OVER_BUDGET))
def test_a_sheet_over_budget_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch, what):
    """The plain reader stops at the cap; the full scan then says why, and
    openpyxl never reads the sheet."""
    from linter.readers import xlsx_cells
    path = package(tmp_path / "s.xlsx", OVER_BUDGET[what])
    with pytest.raises(xlsx_cells.OverBudget) as over:
        with path.open("rb") as fh:
            workbook = xlsx_cells.load(fh)
            xlsx_cells.read_sheet(workbook.worksheets[0], xlsx.MAX_ROWS, xlsx.MAX_COLUMNS)
    assert over.value.what == what
    monkeypatch.setattr(xlsx, "_openpyxl_grids", lambda *a: pytest.fail("openpyxl read a sheet over budget"))
    refused = xlsx.workbook_grids(path)
    assert not isinstance(refused, list)
    assert [(p.code, p.variant) for p in refused.problems] == [("E001", "over-budget")]


def test_a_doctype_in_a_sheet_stops_the_plain_reader(tmp_path, monkeypatch):
    path = tmp_path / "dtd.xlsx"
    package(path, '<sheetData/>')
    evil = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>'
            f'<worksheet {NS}><sheetData><row r="1"><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "evil.xlsx", "w") as out:
        for info in src.infolist():
            out.writestr(info.filename, evil if info.filename == "xl/worksheets/sheet1.xml" else src.read(info))
    monkeypatch.setattr(xlsx, "_openpyxl_grids", lambda *a: pytest.fail("openpyxl read a sheet with a DOCTYPE"))
    refused = xlsx.workbook_grids(tmp_path / "evil.xlsx")
    assert [(p.code, p.variant) for p in refused.problems] == [("E001", "over-budget")]


def test_openpyxl_says_nothing_on_stderr(tmp_path):
    """A workbook without a default style makes openpyxl warn; the user sees
    findings, not a Python warning."""
    from support import measured_jxlint
    path = package(tmp_path / "s.xlsx", PLAIN["types"])
    run = measured_jxlint("check", "--no-cache", path, cwd=tmp_path, xdg=tmp_path / "xdg")
    assert run["rc"] is not None and run["out"]
    assert "Warning" not in run["err"], run["err"]
