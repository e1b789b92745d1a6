"""Hostile workbooks: a zip bomb, an XML entity bomb and a million blank
rows are refused (or read) within bounded time and memory — never a hang,
never a traceback. Built in the test from a small real workbook."""
import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from support import run_cli

openpyxl = pytest.importorskip("openpyxl")


def base_workbook() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目支出绩效自评表"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_sheet(xml: bytes, compress=zipfile.ZIP_DEFLATED, extra=None) -> bytes:
    """The base workbook with xl/worksheets/sheet1.xml replaced."""
    src = zipfile.ZipFile(io.BytesIO(base_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as dst:
        for item in src.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item.filename, data, compress_type=compress)
        for name, data in (extra or {}).items():
            dst.writestr(name, data, compress_type=compress)
    return out.getvalue()


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def check(path: Path):
    started = time.monotonic()
    result = run_cli("check", "--no-cache", "--format", "json", path)
    elapsed = time.monotonic() - started
    return result.exit_code, json.loads(result.output), elapsed


def test_zip_bomb_is_refused(tmp_path):
    # 300 MB of the same bytes deflates to a few hundred KB
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"0" * 1000 + b"</t></is></c></row>"
    bomb = with_sheet(SHEET_HEAD + row * 300_000 + SHEET_TAIL)
    p = tmp_path / "bomb.xlsx"
    p.write_bytes(bomb)
    assert p.stat().st_size < 2_000_000
    rc, doc, elapsed = check(p)
    assert rc == 2 and doc["findings"][0]["code"] == "E001"
    assert elapsed < 30   # a hang guard; the measured figure is in docs/security.md


def test_xml_entity_bomb_is_refused(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + SHEET_TAIL)
    p = tmp_path / "lol.xlsx"
    p.write_bytes(with_sheet(lol))
    rc, doc, elapsed = check(p)
    assert rc == 2 and doc["findings"][0]["code"] == "E001"
    assert elapsed < 30


def test_external_entity_is_not_fetched(tmp_path):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>' + SHEET_TAIL)
    p = tmp_path / "xxe.xlsx"
    p.write_bytes(with_sheet(xxe))
    rc, doc, _ = check(p)
    assert rc == 2 and "root:" not in json.dumps(doc)


def test_a_million_blank_rows(tmp_path):
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 1_000_001))
    p = tmp_path / "blank.xlsx"
    p.write_bytes(with_sheet(SHEET_HEAD + rows + SHEET_TAIL))
    rc, doc, elapsed = check(p)
    assert rc == 2 and doc["findings"][0]["code"] == "E001"
    assert elapsed < 60
