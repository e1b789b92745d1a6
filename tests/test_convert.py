"""`jxlint convert` both ways, `jxlint template`, and the TOML writer."""
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.cli.workbook import convert_command, template_command
from linter.writers.convert import ConvertError, convert
from linter.engine.core import Engine
from linter.readers import read_file
from linter.writers.tomlout import dumps

from readers.workbooks import LONGGANG_TSV, key

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/**/*.toml"))
WUHAN = ROOT / "examples" / "wuhan-huashan-2020.toml"
ENGINE = Engine()


# --- table -> TOML ------------------------------------------------------------

def test_a_table_becomes_one_toml_file_per_row(tmp_path):
    result = convert(LONGGANG_TSV, tmp_path / "forms/")
    assert len(result.written) == 14
    assert result.written[0].name == "01-社会组织管理.toml"
    table = ENGINE.check_file(LONGGANG_TSV, LONGGANG_TSV.name).findings
    for i, path in enumerate(result.written):
        row = [f for f in table if f.location.cell.endswith(str(12 + i))]
        assert key(ENGINE.check_file(path, path.name).findings) == key(row), path.name


def test_converted_toml_is_readable_and_says_where_it_came_from(tmp_path):
    [path] = convert(LONGGANG_TSV, tmp_path / "out")  .written[9:10]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 由 jxlint convert 从 longgang-2020.tsv（longgang-2020!C21） 导入")
    assert '[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "数量指标"' in text
    assert tomllib.loads(text) == read_file(LONGGANG_TSV, "x").forms[9].data


def test_one_form_to_one_file_and_many_forms_need_a_folder(tmp_path):
    with pytest.raises(ConvertError) as err:
        convert(LONGGANG_TSV, tmp_path / "all.toml")
    assert "14 个表单" in str(err.value) and "-o DIR/" in str(err.value)


def test_existing_outputs_are_kept_unless_forced(tmp_path):
    out = tmp_path / "forms"
    convert(LONGGANG_TSV, out)
    first = out / "01-社会组织管理.toml"
    first.write_text("# edited\n", encoding="utf-8")
    with pytest.raises(ConvertError) as err:
        convert(LONGGANG_TSV, out)
    assert "已存在" in str(err.value) and str(first) in str(err.value)
    assert first.read_text(encoding="utf-8") == "# edited\n"       # nothing half-written
    convert(LONGGANG_TSV, out, force=True)
    assert first.read_text(encoding="utf-8").startswith("# 由 jxlint convert")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_the_input_is_never_an_output(tmp_path):
    form = tmp_path / "form.xlsx"
    convert(WUHAN, form)
    with pytest.raises(ConvertError) as err:
        convert(form, form, force=True)
    assert "输入文件" in str(err.value)


def test_errors_name_the_file(tmp_path):
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(ConvertError) as err:
        convert(legacy, tmp_path / "old.toml")
    assert str(legacy) in str(err.value) and "另存为" in str(err.value)
    with pytest.raises(ConvertError, match="不存在"):
        convert(tmp_path / "missing.xlsx", tmp_path / "x.toml")
    evaluation = ROOT / "examples" / "luohu-dangqun-2022.toml"
    with pytest.raises(ConvertError, match="evaluation"):
        convert(evaluation, tmp_path / "luohu.xlsx")


# --- TOML -> workbook -> back ---------------------------------------------------

def test_round_trip_through_the_national_workbook(tmp_path):
    """Checking the TOML and checking the workbook made from it give the
    same findings (code, path, message); only the locations differ."""
    book = tmp_path / "wuhan.xlsx"
    result = convert(WUHAN, book)
    assert result.notes == []   # the profile travels on the 表单信息 sheet
    engine = Engine()
    from_toml = engine.check_file(WUHAN, WUHAN.name)
    from_book = engine.check_file(book, book.name)
    assert key(from_book.findings) == key(from_toml.findings)
    assert all(f.location.sheet and f.location.cell for f in from_book.findings)
    back = tmp_path / "wuhan.toml"
    convert(book, back)
    data = tomllib.loads(WUHAN.read_text(encoding="utf-8"))
    assert tomllib.loads(back.read_text(encoding="utf-8")) == data


@pytest.mark.parametrize("example", [p for p in EXAMPLES if p.stem[:2] in ("01", "02", "10")],
                         ids=lambda p: p.stem)
def test_round_trip_of_longgang_forms(tmp_path, example):
    book = tmp_path / "form.xlsx"
    convert(example, book)
    # adjustments travel on the 预算调整 sheet: the workbook gives the same findings
    expected = ENGINE.check_file(example, example.name).findings
    assert key(ENGINE.check_file(book, book.name).findings) == key(expected)


def test_three_column_targets_round_trip(tmp_path):
    source = tmp_path / "three.toml"
    source.write_text('''kind = "target"
[project]
name = "测试"
[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
comparator = "≥"
target = 90
unit = "%"
''', encoding="utf-8")
    book = tmp_path / "three.xlsx"
    convert(source, book)
    [form] = read_file(book, book.name).forms
    assert form.kind == "target"
    assert form.data["indicators"][0] == tomllib.loads(source.read_text(encoding="utf-8"))["indicators"][0]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    import openpyxl
    source = tmp_path / "f.toml"
    source.write_text('kind = "target"\n[project]\nname = "=HYPERLINK(\\"http://x\\")"\n', encoding="utf-8")
    book = tmp_path / "f.xlsx"
    convert(source, book)
    cell = openpyxl.load_workbook(book)["绩效目标申报表"]["C3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert read_file(book, book.name).forms[0].project["name"] == '=HYPERLINK("http://x")'


# --- the commands -----------------------------------------------------------------

def test_convert_command(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(convert_command, [str(WUHAN), "-o", str(tmp_path / "w.xlsx")])
    assert ok.exit_code == 0 and "w.xlsx" in ok.output
    again = runner.invoke(convert_command, [str(WUHAN), "-o", str(tmp_path / "w.xlsx")])
    assert again.exit_code == 2 and "w.xlsx" in again.output and "Traceback" not in again.output
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    failed = runner.invoke(convert_command, [str(bad), "-o", str(tmp_path / "bad.toml")])
    assert failed.exit_code == 2 and str(bad) in failed.output and "不是 zip" in failed.output
    forced = runner.invoke(convert_command, [str(LONGGANG_TSV), "-o", str(tmp_path / "x.toml"),
                                             "--template", "nope"])
    assert forced.exit_code == 2 and "longgang-wide" in forced.output


def test_template_command_writes_a_blank_form_with_drop_downs(tmp_path):
    import openpyxl
    runner = CliRunner()
    out = tmp_path / "blank.xlsx"
    result = runner.invoke(template_command, ["--kind", "self-evaluation", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "产出指标" in lists["B"] and "满意度指标" in lists["B"]
    assert "服务对象满意度指标" in lists["C"] and "数量指标" in lists["C"]
    # the blank form is the layout the reader reads
    from linter.readers.layouts import detect
    from linter.readers.xlsx import workbook_grids
    from linter.readers.templates import load_templates
    [grid] = workbook_grids(out)
    assert detect(grid, load_templates()).name == "national-self-evaluation"
    target = tmp_path / "target.xlsx"
    assert runner.invoke(template_command, ["--kind", "target", "-o", str(target)]).exit_code == 0
    [grid] = workbook_grids(target)
    assert detect(grid, load_templates()).name == "target-declaration"
    exists = runner.invoke(template_command, ["-o", str(out)])
    assert exists.exit_code == 2 and "已存在" in exists.output
    assert runner.invoke(template_command, ["-o", str(tmp_path / "x.csv")]).exit_code == 2


# --- the TOML writer ----------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_writer_round_trips_every_example(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    text = dumps(data)
    assert tomllib.loads(text) == data
    assert dumps(tomllib.loads(text)) == text               # deterministic
    assert not re.search(r"^[^\"\n#]*[\u4e00-\u9fff][^\"\n]*=", text, re.M)  # Chinese keys quoted


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.one_of(
    st.text(max_size=20), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32)), max_size=5))
def test_writer_escapes_any_text(values):
    doc = {"kind": "target", "project": {"name": "x"},
           "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "n", "by_unit": values}]}
    assert tomllib.loads(dumps(doc)) == doc


def test_round_trip_keeps_contracts_payments_sites_and_evidence(tmp_path):
    """The Luohu form holds everything the national layout has no place for:
    contracts and payments, per-site results, evidence, sites and packs. All
    of it goes to annex sheets and comes back: the same form, the same findings."""
    luohu = WUHAN.parent / "luohu-dangqun-2022.toml"
    data = tomllib.loads(luohu.read_text(encoding="utf-8"))
    if data["kind"] not in ("self-evaluation", "target"):
        data["kind"] = "self-evaluation"
    source = tmp_path / "luohu.toml"
    source.write_text(dumps(data), encoding="utf-8")
    book = tmp_path / "luohu.xlsx"
    result = convert(source, book)
    assert not [n for n in result.notes if "contracts" in n or "site_results" in n or "evidence" in n]
    import openpyxl
    sheets = openpyxl.load_workbook(book).sheetnames
    assert {"合同", "付款", "站点结果", "佐证", "表单信息"} <= set(sheets)
    from_toml = ENGINE.check_file(source, source.name).findings
    from_book = ENGINE.check_file(book, book.name).findings
    assert key(from_book) == key(from_toml)
    assert any(f.code == "P001" and f.location.sheet == "付款" for f in from_book)
    back = tmp_path / "back.toml"
    convert(book, back)
    again = tomllib.loads(back.read_text(encoding="utf-8"))
    assert again["contracts"] == tomllib.loads(source.read_text(encoding="utf-8"))["contracts"]
