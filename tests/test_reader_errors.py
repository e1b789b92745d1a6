"""No input, however broken, produces a traceback; errors name file and line."""
import json
import os

import pytest

from linter.engine.core import Engine
from support import APPENDED_LINE, LAST_INDICATOR, VALID, run_cli as run


def findings(path):
    return Engine().check_file(path).findings


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_unquoted_chinese_key_gets_a_hint(tmp_path):
    p = write(tmp_path, "f.toml", VALID + 'by_unit = { 湖景 = 81 }\n')
    [f] = findings(p)
    assert f.code == "E001" and f.location.line == APPENDED_LINE
    assert "湖景" in f.message and "引号" in f.fix


def test_bare_chinese_key_on_its_own_line(tmp_path):
    p = write(tmp_path, "f.toml", VALID + '湖景 = 81\n')
    [f] = findings(p)
    assert f.code == "E001" and f.location.line == APPENDED_LINE and "湖景" in f.message


def test_truncated_toml(tmp_path):
    p = write(tmp_path, "f.toml", VALID + 'actual = "81')
    [f] = findings(p)
    assert f.code == "E001" and f.location.line == APPENDED_LINE and f.blocking


def test_wrong_types_give_e002_at_the_value(tmp_path):
    p = write(tmp_path, "f.toml", VALID + "weight = \"八分\"\n")
    [f] = findings(p)
    assert (f.code, f.path, f.location.line, f.location.column) == ("E002", f"indicators[{LAST_INDICATOR}].weight", APPENDED_LINE, 10)
    assert "数字" in f.message and f.indicator == "建立服务档案数量"
    assert not f.blocking  # the value is treated as absent; the form is checked


def test_points_printed_with_their_unit_are_read(tmp_path):
    p = write(tmp_path, "f.toml", VALID + "weight = \"2分\"\n")
    assert findings(p) == []


def test_missing_required_fields(tmp_path):
    p = write(tmp_path, "f.toml", 'kind = "target"\n[project]\ncode = "1"\n[[indicators]]\nname = "x"\n')
    got = {(f.code, f.path) for f in findings(p)}
    assert ("E002", "project.name") in got
    assert ("E002", "indicators[0].level1") in got
    assert ("E002", "indicators[0].level2") in got


def test_dates_written_as_strings(tmp_path):
    p = write(tmp_path, "f.toml", VALID + '[[contracts]]\nstart = "2022-01-01"\nend = "明年"\n')
    [f] = findings(p)  # the readable date is read; the other is reported at its value
    assert f.code == "E002" and f.path == "contracts[0].end" and "2022-01-31" in f.message


def test_unknown_field_is_a_warning_with_a_suggestion_and_checking_goes_on(tmp_path):
    p = write(tmp_path, "f.toml", VALID.replace('target = "≥420份"', 'taget = "有效提高"\n"年度指标值" = "1"'))
    got = findings(p)
    e003 = sorted((f.path, f.message) for f in got if f.code == "E003")
    assert len(e003) == 2
    assert "target" in e003[0][1] or "target" in e003[1][1]
    assert all(f.severity == "warning" and not f.blocking for f in got if f.code == "E003")


def test_empty_file(tmp_path):
    p = write(tmp_path, "f.toml", "")
    [f] = findings(p)  # nothing of a form in it: that stops the file
    assert f.code == "E002" and f.blocking


def test_bom_is_accepted(tmp_path):
    p = write(tmp_path, "f.toml", b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert findings(p) == []


def test_gbk_file_is_named_as_an_encoding_problem(tmp_path):
    p = write(tmp_path, "f.toml", VALID.encode("gbk"))
    [f] = findings(p)
    assert f.code == "E001" and "UTF-8" in f.message and f.location.line == 3


def test_duplicate_keys(tmp_path):
    p = write(tmp_path, "f.toml", VALID + 'target = "1"\n')
    [f] = findings(p)
    assert f.code == "E001"


def test_form_naming_an_unknown_pack(tmp_path):
    p = write(tmp_path, "f.toml", 'packs = ["shenzhen"]\n' + VALID)
    [f] = findings(p)
    assert f.code == "E002" and "shenzhen-dangqun" in f.message and f.location.line == 1


@pytest.mark.parametrize("name,content", [
    ("broken.toml", "kind = "),
    ("types.toml", "kind = 1\nproject = 2\nindicators = 3\n"),
    ("nested.toml", "a = " + "[" * 2000 + "]" * 2000 + "\n"),
    ("nan.toml", VALID + "weight = nan\nscore = inf\n"),
    ("binary.toml", b"\x00\xff\xfe\x00PK\x03\x04"),
    ("empty.toml", ""),
])
def test_cli_never_tracebacks(tmp_path, name, content):
    p = write(tmp_path, name, content)
    result = run("check", str(p))
    assert result.exit_code in (0, 1, 2)


def test_cli_missing_file_and_directory_named_x_toml(tmp_path):
    (tmp_path / "x.toml").mkdir()
    result = run("check", str(tmp_path / "missing.toml"), str(tmp_path / "x.toml"))
    assert result.exit_code == 2
    assert "missing.toml" in result.output and "E001" in result.output


def test_one_bad_form_does_not_stop_the_others(tmp_path):
    write(tmp_path, "a_bad.toml", "kind = ")
    write(tmp_path, "b_good.toml", VALID.replace("≥420份", "有效提高"))
    result = run("check", "--format", "json", str(tmp_path))
    doc = json.loads(result.output)
    assert result.exit_code == 2
    codes = {(os.path.basename(f["file"]), f["code"]) for f in doc["findings"]}
    assert ("a_bad.toml", "E001") in codes and ("b_good.toml", "V001") in codes
    assert doc["summary"]["files"] == 2 and doc["summary"]["files_stopped"] == 1


def test_unreadable_file(tmp_path, monkeypatch):
    p = write(tmp_path, "f.toml", VALID)
    engine = Engine()  # packs load before reads start failing

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(p), "read_bytes", denied)
    [f] = engine.check_file(p).findings
    assert f.code == "E001" and "Permission denied" in f.message


def test_a_crashing_check_names_rule_and_file_and_the_run_goes_on(tmp_path, monkeypatch):
    from linter.checks import REGISTRY

    write(tmp_path, "a.toml", VALID)
    write(tmp_path, "b.toml", VALID.replace("≥420份", "有效提高"))
    spec = REGISTRY["known_category"]

    def boom(node, params, ctx):
        if ctx.form.file.endswith("a.toml"):
            raise ZeroDivisionError("boom")
        return iter(())

    monkeypatch.setitem(REGISTRY, "known_category", spec._replace(func=boom))
    result = run("check", "--no-cache", "--format", "json", tmp_path)
    assert result.exit_code == 2
    found = json.loads(result.output)["findings"]
    [crash] = [f for f in found if f["code"] == "E000"]
    assert crash["file"].endswith("a.toml") and "E004" in crash["message"]
    assert "ZeroDivisionError" in crash["message"] and "--debug" in crash["fix"]
    assert any(f["code"] == "V001" for f in found)  # b.toml was still checked
    # a.toml's other rules still ran: its findings are whatever they are, but
    # the crash did not take the form's other checks down
    assert run("check", "--no-cache", tmp_path / "b.toml").exit_code == 1


def test_a_crashing_check_keeps_the_forms_other_findings(tmp_path, monkeypatch):
    from linter.checks import REGISTRY

    write(tmp_path, "a.toml", VALID.replace("≥420份", "有效提高"))
    spec = REGISTRY["known_category"]
    monkeypatch.setitem(REGISTRY, "known_category",
                        spec._replace(func=lambda n, p, c: 1 / 0))
    result = run("check", "--no-cache", "--format", "json", tmp_path / "a.toml")
    codes = sorted(f["code"] for f in json.loads(result.output)["findings"])
    assert codes == ["E000", "V001"] and result.exit_code == 2
    debug = run("check", "--no-cache", "--debug", tmp_path / "a.toml")
    assert isinstance(debug.exception, Exception) and not isinstance(debug.exception, SystemExit)


def test_an_unexpected_reader_failure_is_contained(tmp_path, monkeypatch):
    import linter.readers.toml as reader

    write(tmp_path, "a.toml", VALID)
    monkeypatch.setattr(reader, "settle", lambda *args, **kwargs: 1 / 0)
    result = run("check", tmp_path / "a.toml")
    assert result.exit_code == 2 and "internal error" in result.output and "a.toml" in result.output


@pytest.mark.parametrize("text,zh", [
    ('kind = "target', "缺少结束引号"),
    ("kind = target", "双引号"),
    ('a = 1\na = 2\n', "写了两次"),
    ("[project\n", "右方括号"),
    ("x = [1, 2\n", "右方括号"),
])
def test_syntax_errors_are_explained_in_chinese_and_english(tmp_path, text, zh):
    p = write(tmp_path, "f.toml", text)
    [f] = findings(p)
    assert zh in f.message and f.location.line
    [en] = Engine(lang="en").check_file(p).findings
    assert "TOML syntax error" in en.message
