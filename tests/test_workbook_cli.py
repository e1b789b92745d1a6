"""The workbook features through the command line: check with --template and
--annotate, convert both ways, template."""
import hashlib
import json
from pathlib import Path


from readers.workbooks import LONGGANG_TSV, national_sheet
from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
WUHAN = ROOT / "examples" / "wuhan-huashan-2020.toml"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_a_workbook_reports_sheet_and_cell(here):
    book = national_sheet(here / "form.xlsx")
    result = run_cli("check", "--no-cache", "--format", "json", book)
    doc = json.loads(result.output)
    assert doc["findings"] and all(f.get("sheet") == "自评表" and f.get("cell") for f in doc["findings"]
                                   if f["code"] != "E001")
    text = run_cli("check", "--no-cache", book).output
    assert "form.xlsx:自评表!" in text


def test_check_with_a_forced_template(here):
    good = run_cli("check", "--no-cache", "--format", "json", "--template", "longgang-wide", LONGGANG_TSV)
    assert good.exit_code == 1 and json.loads(good.output)["summary"]["files_stopped"] == 0
    bad = run_cli("check", "--no-cache", "--format", "json", "--template", "no-such-layout", LONGGANG_TSV)
    doc = json.loads(bad.output)
    assert bad.exit_code == 2 and doc["findings"][0]["code"] == "E001"
    assert "national-self-evaluation" in doc["findings"][0]["message"] + doc["findings"][0]["fix"]


def test_annotate_writes_a_copy_and_leaves_the_input_alone(here):
    import openpyxl
    book = national_sheet(here / "form.xlsx")
    before = digest(book)
    result = run_cli("check", "--no-cache", "--format", "json", "-o", "report.json", "--annotate", "marked.xlsx", book)
    assert result.exit_code in (0, 1) and digest(book) == before
    report = json.loads((here / "report.json").read_text(encoding="utf-8"))
    cells = {f["cell"]: f["code"] for f in report["findings"] if f.get("cell")}
    assert cells
    marked = openpyxl.load_workbook(here / "marked.xlsx")["自评表"]
    for cell, code in cells.items():
        assert marked[cell].comment is not None and code in marked[cell].comment.text
    # never over the input, never over an existing file, only for one workbook
    assert run_cli("check", "--no-cache", "--annotate", str(book), book).exit_code == 2
    assert run_cli("check", "--no-cache", "--annotate", "marked.xlsx", book).exit_code == 2
    assert run_cli("check", "--no-cache", "--annotate", "x.xlsx", WUHAN).exit_code == 2
    assert digest(book) == before


def test_convert_both_ways_and_template(here):
    assert run_cli("convert", WUHAN, "-o", "wuhan.xlsx").exit_code == 0
    assert run_cli("convert", "wuhan.xlsx", "-o", "back.toml").exit_code == 0
    assert run_cli("convert", "wuhan.xlsx", "-o", "back.toml").exit_code == 2     # no overwrite
    toml_codes = sorted(f["code"] for f in json.loads(
        run_cli("check", "--no-cache", "--format", "json", WUHAN).output)["findings"])
    # the national layout has no place for `profile`; convert says so, and the
    # workbook checked under the same profile gives the same findings
    book_codes = sorted(f["code"] for f in json.loads(run_cli(
        "check", "--no-cache", "--format", "json", "--profile", "wuhan-2020", "wuhan.xlsx").output)["findings"])
    assert toml_codes == book_codes
    assert run_cli("convert", LONGGANG_TSV, "-o", "forms/").exit_code == 0
    assert len(list((here / "forms").glob("*.toml"))) == 14
    assert run_cli("template", "--kind", "self-evaluation", "-o", "blank.xlsx").exit_code == 0
    assert run_cli("template", "-o", "blank.xlsx").exit_code == 2
