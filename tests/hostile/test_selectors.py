"""Rule names that name nothing (issue 15, item 17). `--select V999` used
to select no rule at all, so a bad form passed with exit 0; a typo in a
config's `ignore` silently ignored nothing. Like Ruff's "unknown rule
selector", every place a rule can be named now stops the run (exit 2)
with the file, the line and the nearest code or slug; a suppression comment
naming no rule is marked for a finding and suppresses nothing."""
import time

import pytest

from linter.engine.core import Engine
from linter.readers.toml import read_toml_bytes
from support import VALID, run_cli

# A form with one error (V001: 有效提高 is not a number): a gate that checks
# nothing would pass it.
BAD = VALID.replace('target = "≥420份"', 'target = "有效提高"')


@pytest.fixture
def form(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "f.toml"
    path.write_text(BAD, encoding="utf-8")
    return path


def stops(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


@pytest.mark.parametrize("args,words", [
    (["--select", "V999"], ["--select", "“V999”", "unknown rule selector", "jxlint rules"]),
    (["--select", "V00l"], ["“V00l”", "did you mean V001?"]),
    (["--select", "VOO1"], ["did you mean V001?"]),
    (["--ignore", "X999"], ["--ignore", "“X999”", "unknown rule selector"]),
    (["--ignore", "V001,target-not-quantifed"], ["did you mean target-not-quantified?"]),
    (["--select", "V001,,W"], ["“W”"]),
])
def test_an_unknown_selector_on_the_command_line_stops_the_run(form, args, words):
    start = time.monotonic()
    stops(run_cli("check", "--no-cache", *args, form), *words)
    assert time.monotonic() - start < 10


@pytest.mark.parametrize("args,code", [
    (["--select", "V"], 1), (["--select", "V00"], 1), (["--select", "ALL"], 1), (["--select", "all"], 1),
    (["--select", "target-not-quantified"], 1), (["--select", "v001"], 1),
    (["--ignore", "v00"], 0), (["--ignore", "V001"], 0), (["--select", "E,V001"], 1),
])
def test_codes_prefixes_slugs_and_all_still_select(form, args, code):
    assert run_cli("check", "--no-cache", *args, form).exit_code == code


@pytest.mark.parametrize("text,words", [
    ('select = ["V00l"]\n', ["jxlint.toml:1: select: 未知的规则选择器 “V00l”", "did you mean V001?"]),
    ('lang = "zh"\nextend-select = ["V001", "N0O1"]\n', ["jxlint.toml:2: extend-select", "did you mean N001?"]),
    ('ignore = ["X999"]\n', ["jxlint.toml:1: ignore", "“X999”"]),
    ('select = [""]\n', ["jxlint.toml:1: select: 未知的规则选择器 “”"]),     # would select nothing
    ('[per-file-ignores]\n"archive/*.toml" = ["S", "V0O1"]\n',
     ['jxlint.toml:2: per-file-ignores."archive/*.toml"', "did you mean V001?"]),
    ('[[ignores]]\nfile = "f.toml"\ncode = "V0001"\nreason = "已确认"\n',
     ["jxlint.toml:3: ignores[0].code: 没有规则 “V0001”", "unknown rule code"]),
    ('[[ignores]]\nfile = "f.toml"\ncode = "V"\nreason = "prefixes are for selectors"\n', ["ignores[0].code"]),
    ('[severity]\nZ999 = "error"\n', ["jxlint.toml:2: severity.Z999", "unknown rule code"]),
    ('[params]\nV00l = { min = 95 }\n', ["params.V00L", "did you mean V001?"]),
])
def test_an_unknown_name_in_the_configuration_stops_the_run(form, text, words):
    (form.parent / "jxlint.toml").write_text(text, encoding="utf-8")
    stops(run_cli("check", "--no-cache", form), *words)


def test_pyproject_lines_count_from_the_top_of_the_file(form):
    (form.parent / "pyproject.toml").write_text('[project]\nname = "forms"\n\n[tool.jxlint]\nignore = ["V0001"]\n',
                                                 encoding="utf-8")
    stops(run_cli("check", "--no-cache", form), "pyproject.toml:5: ignore")


def test_every_unknown_name_is_reported_at_once(form):
    (form.parent / "jxlint.toml").write_text('select = ["V999"]\nignore = ["X999"]\n', encoding="utf-8")
    result = run_cli("check", "--no-cache", "--select", "Q1", form)
    stops(result, "--select", "“Q1”", "jxlint.toml:1", "jxlint.toml:2")


LOCAL = '''[pack]
name = "local"
title = { zh = "本地", en = "Local" }
version = "0.1.0"

[[rules]]
code = "L001"
slug = "local-rule"
severity = "error"
title = { zh = "本地规则", en = "A local rule" }
check = "scored"
message = { zh = "缺少得分", en = "No score" }
why = { zh = "本地", en = "Local" }
basis = "本地"
examples = { bad = "", good = "" }
'''


def test_the_codes_of_a_named_pack_are_known(form):
    pack = form.parent / "local.toml"
    pack.write_text(LOCAL, encoding="utf-8")
    assert run_cli("check", "--no-cache", "--pack", pack, "--select", "L001,local-rule", form).exit_code == 0
    stops(run_cli("check", "--no-cache", "--select", "L001", form), "“L001”")   # without the pack
    (form.parent / "jxlint.toml").write_text('packs = ["local.toml"]\nignore = ["L"]\n', encoding="utf-8")
    assert run_cli("check", "--no-cache", form).exit_code == 1


# -- suppression comments -------------------------------------------------------

def settled(text, **engine):
    result = read_toml_bytes(text.encode("utf-8"), "f.toml")
    report = Engine(**engine).check_read(result)
    return result.suppressions, report


def test_a_suppression_naming_no_rule_is_marked_and_suppresses_nothing():
    [s], report = settled(BAD.replace('"有效提高"', '"有效提高"  # jxlint: ignore[V00l] 旧表'))
    assert s.unknown == ("V00l",) and s.hint == "V001"
    assert "V001" in [f.code for f in report.findings]       # the finding it meant stands


def test_known_codes_and_slugs_in_a_suppression_are_not_marked():
    [s], report = settled(BAD.replace('"有效提高"', '"有效提高"  # jxlint: ignore[v001, target-not-quantified, U001] 旧表'))
    assert s.unknown == () and s.used
    assert "V001" not in [f.code for f in report.findings]


def test_a_code_of_the_forms_own_pack_is_known(tmp_path):
    pack = tmp_path / "local.toml"
    pack.write_text(LOCAL, encoding="utf-8")
    text = f"packs = ['{pack.as_posix()}']\n" + VALID.replace('target = "≥420份"', 'target = "≥420份"  # jxlint: ignore[L001] 本地')
    [s], _ = settled(text)
    assert s.unknown == ()


def test_a_suppression_naming_no_rule_is_reported(form):
    form.write_text(BAD.replace('"有效提高"', '"有效提高"  # jxlint: ignore[V00l] 旧表'), encoding="utf-8")
    result = run_cli("check", "--no-cache", "-q", form)
    assert result.exit_code == 1
    assert "E006" in result.output and "V00l" in result.output and "是否应为 V001" in result.output
    en = run_cli("check", "--no-cache", "-q", "--lang", "en", form).output
    assert "names V00l, which is no rule's code or slug (did you mean V001?)" in en


def test_a_config_pack_path_outside_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('password = "hunter2"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "jxlint.toml").write_text('packs = ["../secret.toml"]\n', encoding="utf-8")
    (repo / "f.toml").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--config", str(repo / "jxlint.toml"), str(repo / "f.toml"))
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "password" not in result.output
    assert "之外" in result.output
