"""The workbook reader: the national layouts, and every wrong file as an E001."""
import zipfile

import sys

import pytest

from linter.engine.core import Engine
from linter.readers import read_file

from .workbooks import NATIONAL_TOML, key, national_sheet

ENGINE = Engine()


@pytest.fixture
def national(tmp_path):
    return national_sheet(tmp_path / "自评表.xlsx")


def test_a_national_workbook_gives_the_findings_of_its_toml(national):
    from_book = ENGINE.check_file(national, national.name)
    from_toml = ENGINE.check_text(NATIONAL_TOML, "form.toml")
    assert not from_book.stopped and from_book.forms == 1
    assert key(from_book.findings) == key(from_toml.findings)
    assert {f.code for f in from_book.findings} >= {"V001", "V002"}


def test_the_workbook_reads_as_the_form(national):
    tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else pytest.importorskip("tomli")
    [form] = read_file(national, national.name).forms
    expected = tomllib.loads(NATIONAL_TOML)
    expected["weights"] = {"产出指标": 50}   # points printed in the 一级 label
    assert form.data == expected
    assert form.data["indicators"][0]["name"] == "青少年活动参与人数(2分)"  # printed text kept


@pytest.mark.parametrize("path,cell", [
    ("project.name", "C3"), ("project.year", "A2"), ("budget.stated_rate", "H6"),
    ("budget.sources[0].name", "C7"), ("budget.sources[0].actual", "F7"),
    ("indicators[0].level1", "B13"),
    ("indicators[1].level1", "B13"),   # merged down: the cell that prints it
    ("indicators[1].level2", "C13"),   # blank continuation: the cell above
    ("indicators[2].target", "E15"), ("indicators[4].actual", "F17"),
    ("evaluation.total_score", "H18"), ("evaluation.grade", "B19"),
    ("weights.产出指标", "B13"),
])
def test_every_value_keeps_its_cell(national, path, cell):
    [form] = read_file(national, national.name).forms
    assert form.source_map.kind == "cell"
    assert form.source_map.locate(path) == ("自评表", cell)


def test_findings_report_sheet_and_cell(national):
    report = ENGINE.check_file(national, national.name)
    assert all(f.location.sheet == "自评表" and f.location.cell for f in report.findings)
    [vague] = [f for f in report.findings if f.code == "V001" and f.indicator == "服务开展情况"]
    assert vague.location.short() == "自评表.xlsx:自评表!E15"
    assert vague.to_dict()["cell"] == "E15"


def test_three_column_targets(tmp_path):
    """指标性质 | 指标值 | 度量单位 under a merged 年度指标值, as some provinces print."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "测试项目"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", None, None, "实际完成值", "分值", "得分"])
    ws.merge_cells("D3:F3")
    ws.append([None, None, None, "指标性质", "指标值", "度量单位"])
    ws.append(["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "%", 96, 10, 10])
    ws.append(["产出指标", "数量指标", "建立服务档案数量", "≥", 420, "份", 380, 10, 10])
    path = tmp_path / "three.xlsx"
    wb.save(path)
    [form] = read_file(path, path.name).forms
    assert form.data["indicators"][0] == {
        "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度",
        "comparator": "≥", "target": 90, "unit": "%", "actual": 96, "weight": 10, "score": 10}
    toml = '''kind = "self-evaluation"
[project]
name = "测试项目"
[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
comparator = "≥"
target = 90
unit = "%"
actual = 96
weight = 10
score = 10
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "建立服务档案数量"
comparator = "≥"
target = 420
unit = "份"
actual = 380
weight = 10
score = 10
'''
    assert key(ENGINE.check_file(path, path.name).findings) == key(ENGINE.check_text(toml).findings)


def test_a_target_declaration_is_a_target_form(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目支出绩效目标申报表"], ["（2021年度）"], ["项目名称", None, "社区养老"],
                ["项目资金（万元）", None, "年度资金总额", 50], [None, None, "其中：财政拨款", 50],
                ["年度总体目标", "为 300 名老人服务"],
                ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
                [None, "产出指标", "数量指标", "服务老人数量", "≥300人"],
                [None, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"]):
        ws.append(row)
    path = tmp_path / "申报表.xlsx"
    wb.save(path)
    [form] = read_file(path, path.name).forms
    assert form.kind == "target"
    assert form.data["budget"] == {"unit": "万元", "initial": 50,
                                   "sources": [{"name": "财政拨款", "initial": 50}]}
    assert form.data["project"] == {"name": "社区养老", "year": 2021, "goal": "为 300 名老人服务"}
    assert [i["name"] for i in form.data["indicators"]] == ["服务老人数量", "服务对象满意度"]


def test_a_wrong_type_in_a_cell_is_an_e002_at_that_cell(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    wb["自评表"]["G14"] = "十五分"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    assert not report.stopped  # one odd cell costs that cell, not the form
    [e002] = [f for f in report.findings if f.code == "E002"]
    assert (e002.path, e002.location.sheet, e002.location.cell) == ("indicators[1].weight", "自评表", "G14")
    assert e002.indicator == "服务老人数量"
    assert [f for f in report.findings if f.code[0] != "E"]  # the rest of the form was checked


def test_points_typed_with_their_unit_in_a_cell_are_read(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    wb["自评表"]["G14"] = "15分"
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    assert [f for f in report.findings if f.code == "E002"] == []


def test_sheets_that_are_not_forms_are_skipped(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    notes = wb.create_sheet("填表说明", 0)
    notes["A1"] = "请按要求填写"
    second = wb.copy_worksheet(wb["自评表"])
    second.title = "项目二"
    path = tmp_path / "two.xlsx"
    wb.save(path)
    forms = read_file(path, path.name).forms
    assert [f.source_map.locate("")[0] for f in forms] == ["自评表", "项目二"]


# --- files that are not workbooks ---------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _e001(path):
    report = ENGINE.check_file(path, path.name)
    assert report.stopped
    [f] = report.findings
    assert f.code == "E001" and f.blocking
    return f


@pytest.mark.parametrize("name,content,variant,words", [
    ("old.xls", OLE + b"\x00" * 512, "legacy-xls", "另存为"),
    ("renamed.xlsx", OLE + b"\x00" * 512, "legacy-xls", ".xlsx"),
    ("locked.xlsx", OLE + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100,
     "encrypted", "密码"),
    ("text.xlsx", "项目名称,社区养老\n".encode("utf-8"), "not-a-workbook", "不是 zip"),
    ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 40, "not-a-workbook", "损坏"),
])
def test_wrong_files_are_a_clear_e001(tmp_path, name, content, variant, words):
    path = tmp_path / name
    path.write_bytes(content)
    [problem] = read_file(path, path.name).problems
    assert (problem.code, problem.variant) == ("E001", variant)
    f = _e001(path)
    assert words in f.message + f.fix


def test_a_zip_that_is_not_a_workbook(tmp_path):
    docx = tmp_path / "report.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    f = _e001(docx)
    assert "Word" in f.message
    plain = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("a.txt", "x")
    assert "不含工作簿" in _e001(plain).message


def test_a_workbook_openpyxl_cannot_parse_is_an_e001(tmp_path):
    path = tmp_path / "hollow.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<not-a-workbook")
    f = _e001(path)
    assert f.message.startswith("文件不是有效的 Excel 工作簿")


def test_the_money_unit_printed_in_the_title_block_is_read(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    ws = wb["自评表"]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "项目资金" in cell.value:
                cell.value = "项目资金"
    ws["A2"] = "单位：元"
    path = tmp_path / "yuan.xlsx"
    wb.save(path)
    from linter.readers import read_file
    [form] = read_file(path, path.name).forms
    assert form.data["budget"]["unit"] == "元"


def test_workbook_problems_speak_of_printed_labels_and_cells(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    ws = wb["自评表"]
    ws["G14"] = "十五分"
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "项目名称":
                ws.cell(row=cell.row, column=cell.column + 2).value = None
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    e002 = {f.path: f for f in report.findings if f.code == "E002"}
    weight = e002["indicators[1].weight"]
    assert "分值（自评表!G14）" in weight.message and "十五分" in weight.message
    assert "项目名称" in e002["project.name"].message and e002["project.name"].severity == "warning"
    for f in e002.values():  # no TOML in what a workbook user reads
        for word in ("[[", "indicators", "weight", "budget.", "level", "不加引号"):
            assert word not in f.message + f.fix, (word, f.message, f.fix)
    assert not report.stopped


def test_garbage_costs_its_cells_never_the_form(tmp_path, national):
    """Blank the name, type 八分 into a 分值 cell, put text in every amount:
    each costs its cell (an E002 there) and the rest of the form is checked."""
    import openpyxl
    wb = openpyxl.load_workbook(national)
    ws = wb["自评表"]
    money_cols = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "项目名称":
                ws.cell(row=cell.row, column=cell.column + 2).value = None
            if cell.value in ("年初预算数", "全年预算数", "全年执行数"):
                money_cols.append((cell.row, cell.column))
    for r, c in money_cols:
        for rr in range(r + 1, r + 3):
            ws.cell(row=rr, column=c).value = "见附件"
    ws["G14"] = "八分"
    path = tmp_path / "garbage.xlsx"
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    assert not report.stopped
    e002 = [f for f in report.findings if f.code == "E002"]
    cells = {f.location.cell for f in e002}
    assert "G14" in cells and len(cells) >= 1 + len(money_cols)
    assert any(f.path == "project.name" for f in e002)
    domain = {f.code for f in report.findings if f.code[0] != "E"}
    assert {"V001", "V002"} <= domain  # the indicators were still checked


def test_a_formula_without_a_value_and_hidden_rows_are_said(tmp_path, national):
    import openpyxl
    wb = openpyxl.load_workbook(national)
    ws = wb["自评表"]
    ws["F13"] = "=E13*1"          # saved by openpyxl: a formula with no calculated value
    ws.row_dimensions[14].hidden = True
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    report = ENGINE.check_file(path, path.name)
    notes = {(f.code, f.location.cell): f for f in report.findings if f.severity == "info" and f.code == "E002"}
    formula = notes[("E002", "F13")]
    assert "重新计算" in formula.fix and not formula.blocking
    hidden = [f for f in notes.values() if "隐藏" in f.message]
    assert hidden and "14" in hidden[0].message
    assert not report.stopped
