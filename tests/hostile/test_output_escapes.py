"""What a form says is printed, never obeyed (issue 15, items 11 and 12):
terminal escape sequences, bidi overrides and other control characters in
a form's names (or its file name) reach no human-readable output raw, and
the JUnit report is well-formed XML whatever the names hold. CJK text is
kept as it is."""
import json
import os
import re
import sys
import time
from xml.etree import ElementTree as ET

import pytest

from support import VALID, run_cli

# A clear-screen, a window-title sequence (OSC ... BEL), a right-to-left
# override, NUL, NEL (a C1 control), DEL, a line separator and a lone CR.
HOSTILE = "\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\\u0000\\u0085\\u007f\\u2028\\r"
FORM = (VALID.replace('name = "测试项目"', f'name = "测试{HOSTILE}项目"')
        .replace('name = "服务档案验收合格率"', f'name = "服务档案{HOSTILE}验收合格率"')
        .replace('target = "100%"', 'target = "提高"'))          # V001 names the indicator
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
FORMATS = ["text", "github", "gitlab", "junit"]


@pytest.fixture
def form(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "表\x1b[31m单.toml" if sys.platform != "win32" else "表单.toml"
    (tmp_path / name).write_text(FORM, encoding="utf-8")
    return name


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_never_reach_an_output_raw(form, fmt):
    start = time.perf_counter()
    result = run_cli("check", "--no-cache", "--format", fmt, form)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    out = result.output
    if fmt == "gitlab":
        out = "".join(issue["description"] + issue["check_name"] for issue in json.loads(out))
    raw = RAW.search(out)      # tab and line feed are the report's own, and not in RAW
    assert raw is None, out[max(0, raw.start() - 40):raw.end() + 40]
    assert "\\x1b" in out and "\\u202e" in out and "服务档案" in out and "验收合格率" in out
    print(f"\n[11 {fmt}] clean output in {elapsed:.2f}s")


def test_quiet_and_statistics_are_escaped_too(form):
    for extra in ("--quiet", "--statistics"):
        out = run_cli("check", "--no-cache", extra, form).output
        assert not RAW.search(out), extra


def test_junit_is_well_formed_whatever_the_names_hold(form):
    result = run_cli("check", "--no-cache", "--format", "junit", form)
    root = ET.fromstring(result.output.encode("utf-8"))
    failures = root.findall(".//failure")
    assert failures and all("\\x1b" in f.get("message") for f in failures if "服务档案" in f.get("message"))
    assert any("验收合格率" in (f.text or "") for f in failures)


def test_the_escape_keeps_cjk_and_shows_what_it_replaced():
    from linter.reporters.text import safe
    assert safe("服务档案验收合格率 ≥90%\t（人次）") == "服务档案验收合格率 ≥90%\t（人次）"
    assert safe("a\x1b[2Jb\u202ec\x00\x85\ud800") == "a\\x1b[2Jb\\u202ec\\x00\\x85\\ud800"
    assert safe(None) == "" and safe(3) == "3"


def test_a_file_name_that_is_not_utf8_does_not_break_the_report(tmp_path, monkeypatch):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("needs a file system that takes any bytes")
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"\xff\xfe.toml")
    (tmp_path / name).write_text(FORM, encoding="utf-8")
    for fmt in ("text", "junit"):
        result = run_cli("check", "--no-cache", "--format", fmt, name)
        assert result.exit_code == 1 and "\\udcff" in result.output
        if fmt == "junit":
            ET.fromstring(result.output.encode("utf-8"))
