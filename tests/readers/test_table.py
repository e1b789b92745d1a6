"""The .csv / .tsv / .txt reader: encodings, delimiters, and what it refuses."""
import csv
import io

import pytest

from linter.engine.discover import discover
from linter.engine.core import Engine
from linter.readers import read_file
from linter.readers.table import decode, sniff

from .workbooks import LONGGANG_TSV, key, tsv_rows

ENGINE = Engine()


def _csv_text(rows, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def reference():
    return ENGINE.check_file(LONGGANG_TSV, "longgang-2020.tsv").findings


@pytest.mark.parametrize("encoding,bom", [
    ("gbk", b""),                 # Excel/WPS "CSV" on Chinese Windows
    ("gb18030", b""),
    ("utf-8", b"\xef\xbb\xbf"),   # "CSV UTF-8"
    ("utf-16-le", b"\xff\xfe"),   # Excel "Unicode text"
])
def test_encodings_give_identical_findings(tmp_path, reference, encoding, bom):
    text = LONGGANG_TSV.read_text(encoding="utf-8")
    path = tmp_path / "longgang-2020.tsv"
    path.write_bytes(bom + text.encode(encoding))
    got = ENGINE.check_file(path, path.name).findings
    assert key(got, with_location=True) == key(reference, with_location=True)


def test_gbk_and_bom_csv_copies_agree(tmp_path):
    """The acceptance case: a GBK CSV and a UTF-8-BOM CSV of the same table."""
    text = _csv_text(tsv_rows())
    gbk = tmp_path / "gbk" / "longgang.csv"
    bom = tmp_path / "bom" / "longgang.csv"
    gbk.parent.mkdir()
    bom.parent.mkdir()
    gbk.write_bytes(text.encode("gbk"))
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    a = ENGINE.check_file(gbk, gbk.name)
    b = ENGINE.check_file(bom, bom.name)
    assert a.forms == b.forms == 14
    assert key(a.findings, with_location=True) == key(b.findings, with_location=True)


def test_commas_in_prose_do_not_fool_the_sniffer():
    text = LONGGANG_TSV.read_text(encoding="utf-8")
    assert text.count(",") > 50
    assert sniff(text, ".txt") == "\t" and sniff(text, ".csv") == "\t"
    assert sniff(_csv_text(tsv_rows()), ".tsv") == ","
    assert sniff(_csv_text(tsv_rows(), ";"), ".csv") == ";"


def test_a_txt_table_is_read_when_named_but_not_when_walking(tmp_path):
    (tmp_path / "longgang.txt").write_bytes(LONGGANG_TSV.read_bytes())
    (tmp_path / "notes.txt").write_text("会议记录\n", encoding="utf-8")
    (tmp_path / "~$自评表.xlsx").write_bytes(b"lock")   # Excel's lock file of an open workbook
    assert discover([str(tmp_path)]) == []
    named = tmp_path / "longgang.txt"
    assert [p for p, _ in discover([str(named)])] == [named]
    assert len(read_file(named, named.name).forms) == 14


def test_undecodable_bytes_are_an_e001_with_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("项目名称,年度指标内容\n".encode("utf-8") + b"\x81\xff\xfe\n")
    [problem] = read_file(path, path.name).problems
    assert (problem.code, problem.variant) == ("E001", "table-encoding")
    assert problem.line == 2 and problem.vars["detail"].startswith("0x")


def test_binary_content_is_not_a_table(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x00\x01\x02PNG" * 10)
    [problem] = read_file(path, path.name).problems
    assert (problem.code, problem.variant) == ("E001", "not-a-table")


@pytest.mark.parametrize("content,detail", [(b"", "空"), ("序号,说明\n1,无\n".encode(), "不符")])
def test_an_unknown_layout_lists_the_templates(tmp_path, content, detail):
    path = tmp_path / "other.csv"
    path.write_bytes(content)
    report = ENGINE.check_file(path, path.name)
    assert report.stopped
    [f] = report.findings
    assert f.code == "E001" and detail in f.message
    assert "longgang-wide" in f.fix and "national-self-evaluation" in f.fix


def test_decode_prefers_a_bom_then_utf8_then_gb18030():
    assert decode("表".encode("utf-8"))[0] == "表"
    assert decode(b"\xef\xbb\xbf" + "表".encode("utf-8"))[0] == "表"
    assert decode("表".encode("gbk"))[0] == "表"
    assert decode(b"\xff\xfe" + "表".encode("utf-16-le"))[0] == "表"


def test_a_cell_that_does_not_fit_is_reported_not_dropped(tmp_path):
    rows = tsv_rows()
    # 序号 2 (row 13) prints 14 cells; 7 pairs and 问题/整改 hold at most 16
    rows[12] = rows[12][:21] + ["多出来的一格", "再多一格", "又一格"] + rows[12][21:]
    path = tmp_path / "longgang.tsv"
    path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    result = read_file(path, path.name)
    assert len(result.forms) == 14
    extra = [p for p in result.problems if p.variant == "unplaced-cell"]
    assert extra and all(p.code == "E003" and not p.blocking and p.cell.endswith("13") for p in extra)


def test_findings_of_a_many_form_table_name_their_project(tmp_path):
    import json as _json
    from support import run_cli
    result = run_cli("check", "--no-cache", "--format", "json", str(LONGGANG_TSV))
    findings = _json.loads(result.output)["findings"]
    assert findings and all("form" in f and f.get("project") for f in findings)
    assert any("婚姻登记" in f["project"] for f in findings if f["code"] == "B002")
    text = run_cli("check", "--no-cache", str(LONGGANG_TSV)).output
    assert "项目：" in text
