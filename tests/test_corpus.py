"""A corpus of malformed input: every case gives a clear finding or message
naming the file (and line where there is one), an exit code, never a
traceback. (Workbook and table cases live with their readers' tests.)"""
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest

from linter.model.schema import FORM
from support import VALID, run_cli

from checks.helpers import toml_value


def check(*paths):
    result = run_cli("check", "--no-cache", "--format", "json", *paths)
    return result.exit_code, json.loads(result.output) if result.output.startswith("{") else result.output


def write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- wrong types in every field ------------------------------------------------

def _wrong(rules):
    """A value of the wrong type for a field's schema rules."""
    types = rules.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    if "string" in types:
        return [1]
    if "number" in types or "integer" in types:
        return "十份" if "integer" not in types else 1.5
    if "date" in types:
        return "下月初"
    if "list" in types:
        return 7
    if "dict" in types:
        return 7
    return None


# Where each part of the format lives, as TOML text to append the field to.
SECTIONS = {
    "": "",
    "project": "[project]\nname = \"测试项目\"\n",
    "budget": "[budget]\n",
    "indicators": "[[indicators]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"x\"\n",
    "contracts": "[[contracts]]\n",
    "contracts.payments": "[[contracts]]\n[[contracts.payments]]\n",
    "budget.sources": "[budget]\n[[budget.sources]]\nname = \"一般公共预算\"\n",
    "budget.adjustments": "[budget]\n[[budget.adjustments]]\namount = 1\n",
    "site_results": "[[site_results]]\nitem = \"个案辅导\"\n",
    "evidence": "[[evidence]]\nmetric = \"大型活动\"\n",
    "evaluation": "[evaluation]\n",
}


def _fields():
    def schema_of(section):
        node = {"schema": FORM}
        for part in [p for p in section.split(".") if p]:
            node = node["schema"][part]
            if node.get("type") == "list":
                node = node["schema"]
        return node["schema"]
    for section in SECTIONS:
        for field, rules in schema_of(section).items():
            wrong = _wrong(rules)
            if wrong is not None and not (section == "" and field in ("project", "kind")):
                yield section, field, wrong


@pytest.mark.parametrize("section,field,wrong", list(_fields()),
                         ids=lambda x: x if isinstance(x, str) else "")
def test_wrong_type_in_every_field(tmp_path, section, field, wrong):
    def without(text):  # the section's own line for this field gives way to the wrong one
        return "".join(line + "\n" for line in text.splitlines() if not line.startswith(f"{field} ="))
    head = 'kind = "self-evaluation"\n' + (f"{field} = {toml_value(wrong)}\n" if section == "" else "")
    body = SECTIONS["project"] if section != "project" else ""
    text = head + body + (without(SECTIONS[section]) + f"{field} = {toml_value(wrong)}\n" if section else "")
    p = write(tmp_path / "f.toml", text)
    rc, doc = check(str(p))
    # One odd value costs that value only: an E002 at it, and the form is
    # still checked (its other findings are there; no file was stopped).
    assert rc == 1, doc
    [problem] = [f for f in doc["findings"] if f["code"] == "E002"]
    assert problem["path"].split(".")[-1].split("[")[0] == field
    assert problem["line"] and problem["file"].endswith("f.toml")
    assert doc["summary"]["files_stopped"] == 0
    assert [f for f in doc["findings"] if f["code"][0] != "E"], doc


# --- odd files -------------------------------------------------------------------

@pytest.mark.parametrize("name,data,code", [
    ("empty.toml", b"", "E002"),                        # no kind, no project
    ("bom-only.toml", b"\xef\xbb\xbf", "E002"),
    ("truncated.toml", VALID[: len(VALID) // 2].encode(), "E001"),
    ("duplicate-key.toml", (VALID + 'name = "again"\n').encode(), "E001"),
    ("latin1.toml", VALID.replace("测试项目", "caf\xe9").encode("latin-1", "replace"), "E001"),
    ("utf16.toml", VALID.encode("utf-16"), "E001"),
    ("nul.toml", b"kind = \"target\"\x00\n", "E001"),
])
def test_odd_files(tmp_path, name, data, code):
    """Files that hold no form at all stop with exit code 2."""
    rc, doc = check(str(write(tmp_path / name, data)))
    assert rc == 2
    assert code in [f["code"] for f in doc["findings"]], doc


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    p = tmp_path / "huge.toml"
    with open(p, "wb") as out:
        out.write(b'kind = "target"\n[project]\nname = "')
        out.write(b"a" * (10 * 1024 * 1024))
        out.write(b'"\n')
    rc, doc = check(str(p))
    [f] = doc["findings"]
    assert rc == 2 and f["code"] == "E001" and "MB" in f["message"]


def test_long_string_values_are_checked_in_bounded_time(tmp_path):
    # 2 MB in one value (under the size cap): the value parser reads only its head
    big = "有效提高" + "很" * 1_000_000
    rc, doc = check(str(write(tmp_path / "f.toml", VALID.replace('"≥420份"', f'"{big}"'))))
    assert rc == 1 and "V001" in [f["code"] for f in doc["findings"]]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loop(tmp_path):
    os.symlink(tmp_path / "b.toml", tmp_path / "a.toml")
    os.symlink(tmp_path / "a.toml", tmp_path / "b.toml")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")         # a directory loop
    write(tmp_path / "sub" / "ok.toml", VALID)
    rc, doc = check(str(tmp_path / "a.toml"), str(tmp_path / "sub"))
    assert rc == 2
    files = {os.path.basename(f["file"]): f["code"] for f in doc["findings"]}
    assert files.get("a.toml") == "E001"
    assert doc["summary"]["files"] == 2                   # a.toml and sub/ok.toml, no loop


def test_dates_and_times_of_every_toml_kind_do_not_crash(tmp_path):
    text = VALID + "actual = 2022-01-31T10:00:00\nscore = 10:30:00\n"
    rc, doc = check(str(write(tmp_path / "f.toml", text)))
    e002 = [f for f in doc["findings"] if f["code"] == "E002"]
    assert rc == 1 and {f["path"].rsplit(".", 1)[-1] for f in e002} == {"actual", "score"}
    assert doc["summary"]["files_stopped"] == 0


def test_deeply_nested_inline_tables(tmp_path):
    text = VALID + "by_unit = " + "{a = " * 500 + "1" + "}" * 500 + "\n"
    rc, doc = check(str(write(tmp_path / "f.toml", text)))
    assert rc == 2 and "E00" in json.dumps(doc)


def test_a_pack_is_data_even_when_it_looks_like_code(tmp_path):
    """Catastrophic-regex and code-looking strings in a pack are plain text:
    selectors and word lists are substring matches, and messages fill
    {name} slots only — nothing is compiled or evaluated."""
    pack = tmp_path / "evil.toml"
    write(pack, '''[pack]
name = "evil"
title = { zh = "测试", en = "test" }
version = "0"
[lists]
words = ["(a+)+$", "__import__('os').system('echo pwned')", "{0.__class__}"]
[[rules]]
code = "V901"
slug = "evil-words"
severity = "error"
title = { zh = "测试", en = "test" }
check = "quantified"
params = { field = "target", vague = "words" }
select = { name_contains = ["(a+)+$"] }
message = { zh = "{name} {value} {phrase}", en = "{name} {value} {phrase}" }
why = { zh = "测试", en = "test" }
basis = "测试"
[rules.examples]
bad = "x"
good = "y"
''')
    value = "a" * 100_000 + "!" + "(a+)+$"
    form = write(tmp_path / "f.toml", VALID.replace('name = "建立服务档案数量"', 'name = "(a+)+$ 数量"')
                 .replace('"≥420份"', f'"{value}"'))
    started = dt.datetime.now()
    rc, doc = check("--pack", str(pack), str(form))
    assert (dt.datetime.now() - started).total_seconds() < 60   # a hang guard, not a benchmark
    [f] = [f for f in doc["findings"] if f["code"] == "V901"]
    assert "(a+)+$" in f["message"] and "pwned" not in json.dumps(doc)


@pytest.mark.parametrize("section,field,printed,read", [
    ("project", "name", 88, "88"),
    ("project", "year", "2022年度", 2022),
    ("project", "units", "甲社区", ["甲社区"]),
    ("budget", "initial", "250万", 250),
    ("budget", "adjusted", "３８７６６４．６２", 387664.62),
    ("budget", "actual", "854万(高标准农田400万元,其他454万元)", 854),
    ("budget", "initial", "1,234.5", 1234.5),
    ("budget", "weight", "10分", 10),
    ("indicators", "weight", "20%", 20),
    ("indicators", "score", "１８．５", 18.5),
    ("contracts", "start", "2022年1月1日", dt.date(2022, 1, 1)),
    ("contracts", "end", "2022/12/31", dt.date(2022, 12, 31)),
])
def test_values_are_read_as_printed(tmp_path, section, field, printed, read):
    """What real forms print is read, not rejected: no E002, the figure the form means."""
    from linter.readers.toml import read_toml_bytes
    body = SECTIONS[section] if section != "project" else "[project]\n"
    text = 'kind = "self-evaluation"\n' + (SECTIONS["project"] if section != "project" else "") + body
    text += f"{field} = {toml_value(printed)}\n"
    if section == "project" and field != "name":
        text += 'name = "测试项目"\n'
    result = read_toml_bytes(text.encode("utf-8"), "f.toml")
    assert [p for p in result.problems if p.code == "E002"] == []
    [form] = result.forms
    node = form.data[section] if section in ("project", "budget") else form.data[section][0]
    assert node[field] == read


def test_a_breakdown_printed_beside_money_is_kept(tmp_path):
    from linter.readers.toml import read_toml_bytes
    text = ('kind = "self-evaluation"\n[project]\nname = "x"\n[budget]\n'
            'actual = "854万(高标准农田400万元,其他454万元)"\n')
    [form] = read_toml_bytes(text.encode("utf-8"), "f.toml").forms
    assert form.data["budget"]["actual"] == 854
    assert "高标准农田400万元" in form.printed["budget.actual"]


def test_a_form_without_name_or_kind_is_still_checked(tmp_path):
    p = write(tmp_path / "f.toml", '[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "数量指标"\n'
                                   'name = "培训人数"\ntarget = "有效提高"\n')
    rc, doc = check(str(p))
    codes = [f["code"] for f in doc["findings"]]
    assert "V001" in codes, doc            # the domain findings are there
    e002 = [f for f in doc["findings"] if f["code"] == "E002"]
    assert {f["severity"] for f in e002} == {"warning"}  # no name, kind inferred
    assert doc["summary"]["files_stopped"] == 0
