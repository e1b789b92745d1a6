"""Ruff's gate ergonomics, for forms: --exit-zero, --show-settings, a form
on stdin, and --add-ignore for adopting jxlint on old forms."""

import pytest

from support import run_cli
from test_fix import FORM


def test_exit_zero_passes_findings_but_not_unreadable_files(here):
    (here / "form.toml").write_text(FORM, encoding="utf-8")
    assert run_cli("check", "form.toml", "--no-cache").exit_code == 1
    assert run_cli("check", "form.toml", "--exit-zero", "--no-cache").exit_code == 0
    (here / "broken.toml").write_text("kind = = 1\n", encoding="utf-8")
    assert run_cli("check", "broken.toml", "--exit-zero", "--no-cache").exit_code == 2


def test_show_settings_says_what_applies_and_why(here):
    (here / "jxlint.toml").write_text('packs = ["shenzhen-dangqun"]\nignore = ["N001"]\nfail-on = "warning"\n'
                                      '[per-file-ignores]\n"old/*.toml" = ["V003"]\n', encoding="utf-8")
    (here / "old").mkdir()
    (here / "old" / "a.toml").write_text(FORM.replace('kind = "self-evaluation"',
                                                      'kind = "self-evaluation"\nprofile = "wuhan-2020"'),
                                         encoding="utf-8")
    result = run_cli("check", "--show-settings", "old/a.toml")
    assert result.exit_code == 0
    out = result.output
    assert "jxlint.toml（从文件所在目录向上查找到）" in out
    assert "shenzhen-dangqun（配置 packs）" in out
    assert "scoring-wuhan-2020（表单 profile wuhan-2020）" in out
    assert "ignore = N001" in out and "old/*.toml → V003" in out and "fail-on = warning" in out
    # nothing was checked: no findings printed
    assert "V003 [" not in out
    isolated = run_cli("check", "--show-settings", "--isolated", "old/a.toml", "--lang", "en").output
    assert "none (--isolated)" in isolated and "shenzhen-dangqun" not in isolated


def test_a_form_on_stdin_is_checked_as_the_named_file(here):
    from click.testing import CliRunner
    from linter.cli.main import main
    (here / "forms").mkdir()
    (here / "forms" / "jxlint.toml").write_text('ignore = ["V003"]\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "-", "--stdin-filename", "forms/a.toml", "-q", "--no-cache"],
                           input=FORM.encode("utf-8"))
    assert result.exit_code == 1
    assert "forms/a.toml:" in result.output
    assert "V003" not in result.output     # the named file's configuration applies
    assert "B001" in result.output
    assert not (here / "forms" / "a.toml").exists()   # nothing is written next to the named file
    clean = runner.invoke(main, ["check", "-", "--stdin-filename", "x.toml", "--fix"], input=b"kind = 1\n")
    assert clean.exit_code == 2 and "--fix" in clean.output


def test_the_private_copy_of_stdin_is_gone_when_the_command_ends(here, tmp_path):
    """The console command ends without running atexit handlers (cli/entry.py):
    the copy of stdin must not rely on one."""
    import os
    import subprocess
    import sys
    temp = tmp_path / "tmp"
    temp.mkdir()
    code = "import sys\nsys.argv = ['jxlint'] + sys.argv[1:]\nfrom linter.cli.entry import run\nrun()\n"
    done = subprocess.run([sys.executable, "-c", code, "check", "-", "--stdin-filename", "a.toml", "--no-cache"],
                          input=FORM.encode("utf-8"), capture_output=True, cwd=here,
                          env=dict(os.environ, TMPDIR=str(temp)))
    assert done.returncode == 1 and b"a.toml:" in done.stdout, done.stderr
    assert list(temp.iterdir()) == []


def test_add_ignore_adopts_an_old_form_and_new_problems_still_show(here):
    form = here / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    result = run_cli("check", "form.toml", "--add-ignore", "历史表单，按新模板重填前不改", "--no-cache")
    assert result.exit_code == 0
    text = form.read_text(encoding="utf-8")
    assert 'stated_rate = "90%"   # 表中如此填写  # jxlint: ignore[B001] 历史表单，按新模板重填前不改' in text
    assert run_cli("check", "form.toml", "--no-cache").exit_code == 0
    # a new problem on a line not yet marked is reported
    form.write_text(text + '\n[[indicators]]\nlevel1 = "效益指标"\nlevel2 = "社会效益指标"\n'
                    'name = "提升服务水平"\ntarget = "有效提高"\n', encoding="utf-8")
    assert "V001" in run_cli("check", "form.toml", "--no-cache").output


def test_add_ignore_merges_into_an_existing_comment(here):
    from linter.cli.addignore import add_comments
    text = 'a = 1  # jxlint: ignore[V001] 旧理由\nb = """x\ny"""\n'
    new, marked, skipped = add_comments(text, {1: {"V004"}, 2: {"N001"}}, "新理由")
    assert new.splitlines()[0] == "a = 1  # jxlint: ignore[V001,V004] 旧理由"
    assert (marked, skipped) == (1, 1)   # a line that opens a multi-line string cannot hold a comment


def test_add_ignore_records_workbook_findings_in_the_configuration(here):
    src = here / "自评表.xlsx"
    (here / "form.toml").write_text(FORM, encoding="utf-8")
    assert run_cli("convert", "form.toml", "-o", src).exit_code == 0
    (here / "form.toml").unlink()
    (here / "pyproject.toml").write_text('[project]\nname = "forms"\n\n[tool.jxlint]\nlang = "zh"\n',
                                         encoding="utf-8")
    assert run_cli("check", "自评表.xlsx", "--no-cache").exit_code == 1
    assert run_cli("check", "自评表.xlsx", "--add-ignore", "旧表", "--no-cache").exit_code == 0
    config = (here / "pyproject.toml").read_text(encoding="utf-8")
    assert config.startswith('[project]\nname = "forms"\n')      # kept as written
    assert "[[tool.jxlint.ignores]]" in config and 'file = "自评表.xlsx"' in config
    assert not (here / "jxlint.toml").exists()                    # no second configuration
    assert run_cli("check", "自评表.xlsx", "--no-cache").exit_code == 0


def _documented_commands():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    out = []
    for doc in ("gates.md", "guide.md"):
        text = (root / "docs" / doc).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.splitlines():
                line = line.split("  #")[0].strip()
                if line.startswith("jxlint check") and any(
                        flag in line for flag in ("--fix", "--diff", "--add-ignore", "--show-settings")):
                    out.append((doc, line))
    return out


@pytest.mark.parametrize("doc,command", _documented_commands(), ids=lambda v: v if "jxlint" in str(v) else "")
def test_the_documented_fix_and_adoption_recipes_run_as_written(doc, command, here):
    """Every --fix/--diff/--add-ignore/--show-settings recipe in docs/gates.md
    and docs/guide.md, run verbatim on a forms folder and a workbook."""
    import shlex
    (here / "forms").mkdir()
    (here / "forms" / "a.toml").write_text(FORM, encoding="utf-8")
    assert run_cli("convert", "forms/a.toml", "-o", "自评表.xlsx").exit_code == 0
    args = shlex.split(command)[1:]
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.output
    assert "用法错误" not in result.output


def test_the_docs_hold_the_recipes():
    assert len(_documented_commands()) >= 6


def test_sarif_describes_the_configured_rules_with_their_configured_severity(here):
    """Rules metadata comes from the packs the configuration names, at the
    severity the configuration sets (not only the shipped packs' defaults)."""
    import json
    (here / "jxlint.toml").write_text('[severity]\nV003 = "error"\n', encoding="utf-8")
    (here / "form.toml").write_text(FORM, encoding="utf-8")
    sarif = json.loads(run_cli("check", "form.toml", "--format", "sarif", "--no-cache").output)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["V003"]["defaultConfiguration"]["level"] == "error"
    assert rules["V013"]["defaultConfiguration"]["level"] == "warning"


def test_add_ignore_keeps_the_form_valid_toml_whatever_the_reason_holds(here):
    """A reason with a newline, a control character or a TOML line in it
    becomes one line of comment: the form still reads, nothing is forged."""
    form = here / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    reason = '旧表\nkind = "target"\x00\x1b[2J 待重填'
    assert run_cli("check", "form.toml", "--add-ignore", reason, "--no-cache").exit_code == 0
    text = form.read_text(encoding="utf-8")
    assert "\x00" not in text and "\x1b" not in text
    assert [line for line in text.splitlines() if line.startswith("kind")] == ['kind = "self-evaluation"']
    assert run_cli("check", "form.toml", "--no-cache").exit_code == 0
