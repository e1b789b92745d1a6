"""Messages in the user's terms: what finance staff, a pre-commit hook and a
CI log read says things as the forms and the policy documents say them —
no internal words, no English in a Chinese run, and always a way forward."""
import re
from pathlib import Path

from linter.checks import REGISTRY
from linter.packs.loader import PackLoader, available_packs

ROOT = Path(__file__).resolve().parent.parent
# What the project calls its three reference documents internally; a user
# knows them by their names (罗湖区 2022 年评价报告, 龙岗区 2020 年自评表 …).
INTERNAL_WORDS = re.compile(r"种子|\bseeds?\b", re.IGNORECASE)


def _rule_texts(rule):
    yield "basis", rule.basis
    for part in ("title", "message", "fix", "why"):
        for lang, text in (getattr(rule, part) or {}).items():
            yield f"{part}.{lang}", text
    for variant, parts in rule.variants.items():
        for part, table in parts.items():
            if part in ("severity", "autofix"):  # not text a user reads as prose
                continue
            for lang, text in table.items():
                yield f"variants.{variant}.{part}.{lang}", text
    for which, text in rule.examples.items():
        yield f"examples.{which}", text


def test_no_internal_words_in_what_users_read():
    found = []
    for rule in PackLoader().ruleset(available_packs()).rules:
        found += [(rule.code, part, text) for part, text in _rule_texts(rule) if INTERNAL_WORDS.search(text)]
    # `jxlint rules --checks` and docs/checks.md print the checks' docstrings
    found += [(name, "doc", spec.doc) for name, spec in REGISTRY.items() if INTERNAL_WORDS.search(spec.doc)]
    for doc in ("rules.md", "checks.md"):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
        found += [(doc, "line", line) for line in text.splitlines() if INTERNAL_WORDS.search(line)]
    assert not found, "\n".join(f"{a} {b}: {c[:120]}" for a, b, c in found)


# --- the form's kind, as its printed name --------------------------------------

SELF_EVALUATION = ROOT / "examples" / "wuhan-huashan-2020.toml"


def test_html_report_names_the_kind_in_the_users_words():
    from support import run_cli
    zh = run_cli("check", "--no-cache", "--format", "html", SELF_EVALUATION).output
    assert "· 绩效自评表</p>" in zh and "self-evaluation" not in zh
    en = run_cli("check", "--no-cache", "--format", "html", "--lang", "en", SELF_EVALUATION).output
    assert "· performance self-evaluation</p>" in en


def test_an_inferred_kind_is_named_not_keyed(tmp_path):
    from support import run_cli
    form = tmp_path / "nokind.toml"
    form.write_text("\n".join(line for line in SELF_EVALUATION.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("kind")), encoding="utf-8")
    [zh] = [line for line in run_cli("check", "--no-cache", form).output.splitlines() if " E002 " in line]
    assert "按内容当作绩效自评表检查" in zh
    [en] = [line for line in run_cli("check", "--no-cache", "--lang", "en", form).output.splitlines()
            if " E002 " in line]
    assert en.endswith("checked as performance self-evaluation")


# --- usage errors and reports in the run's language ----------------------------

import pytest  # noqa: E402

from click.testing import CliRunner  # noqa: E402

USAGE_ERRORS = [
    # (arguments, what the Chinese line says, what the English line says)
    (["check", "--format", "xml", "x.toml"], "--format 的值“xml”不可用；可选：text、json",
     "invalid value 'xml' for --format; choose from text, json"),
    (["check", "--lang", "fr", "x.toml"], "--lang 的值“fr”不可用；可选：zh、en", None),
    (["check"], "缺少参数 PATHS", "missing argument PATHS"),
    (["check", "--formt", "json", "x.toml"], "没有选项 --formt（是否应为",
     "no such option --formt (did you mean"),
    (["check", "x.toml", "--format"], "选项 --format 后面要写一个值", "option --format needs a value"),
    (["check", "-j", "0", "x.toml"], "-j / --jobs 应为 1 到 64 之间的整数",
     "-j / --jobs must be a whole number from 1 to 64"),
    (["chek", "x.toml"], "没有命令 chek；可用命令：check、", "no such command chek; commands: check, "),
    (["rules", "--format", "xml"], "--format 的值“xml”不可用；可选：text、json、markdown",
     "invalid value 'xml' for --format; choose from text, json, markdown"),
    (["explain"], "缺少参数 CODE", "missing argument CODE"),
]
CLICK_ENGLISH = ("Usage:", "Error:", "Invalid value", "Missing argument", "No such", "Try '")


def _invoke(args):
    from linter.cli.main import main
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args,zh,en", USAGE_ERRORS, ids=[" ".join(a) for a, _, _ in USAGE_ERRORS])
def test_usage_errors_speak_the_users_language(args, zh, en):
    result = _invoke(args)
    assert result.exit_code == 2, result.output
    assert zh in result.output, result.output
    assert "jxlint: 用法错误：" in result.output and "查看用法" in result.output
    assert not any(word in result.output for word in CLICK_ENGLISH), result.output
    if en is None:
        return
    # --lang en anywhere on the line, before or after the mistake
    for english in ([args[0], "--lang", "en", *args[1:]], [args[0], *args[1:], "--lang=en"]):
        if english[-1] == "--lang=en" and english[-2] == "--format":
            continue  # that --lang= is the missing value
        result = _invoke(english)
        assert result.exit_code == 2, result.output
        assert en in result.output, result.output
        assert "jxlint: usage error: " in result.output and "for usage." in result.output
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.output), result.output


def test_junit_failures_name_the_severity_in_the_runs_language():
    from xml.etree import ElementTree as ET
    from support import run_cli
    for lang, severity, fix in (("zh", "[错误]", "修改建议："), ("en", "[error]", "fix: ")):
        out = run_cli("check", "--no-cache", "--format", "junit", "--lang", lang, SELF_EVALUATION).output
        texts = [f.text for f in ET.fromstring(out).iter("failure")]
        assert texts and all(severity in t or "[警告" in t or "[warning" in t for t in texts)
        assert any(fix in t for t in texts)
        if lang == "zh":
            assert not any("[warning]" in t or "[error]" in t for t in texts)


# --- health-sector forms --------------------------------------------------------

HEALTH = '''kind = "target"
[project]
name = "基本公共卫生服务项目"
[[indicators]]
level1 = "产出指标"
level2 = "质量指标"
name = "基本公共卫生服务的开展"
target = "符合国家规范要求"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "适龄儿童疫苗接种"
target = "按要求完成"
[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "居民健康水平"
target = "有效提高"
[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "基本公共卫生服务覆盖率"
target = "≥95%"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "疫苗接种数量"
target = "≥5000剂次"
'''


def _findings(tmp_path, text, *args):
    import json
    from support import run_cli
    form = tmp_path / "form.toml"
    form.write_text(text, encoding="utf-8")
    return json.loads(run_cli("check", "--no-cache", "--format", "json", *args, form).output)["findings"]


def test_name_advice_fits_the_indicator_it_is_about(tmp_path):
    for lang in ("zh", "en"):
        n001 = [f for f in _findings(tmp_path, HEALTH, "--lang", lang) if f["code"] == "N001"]
        assert {f["indicator"] for f in n001} >= {"基本公共卫生服务的开展", "适龄儿童疫苗接种"}, n001
        for f in n001:
            assert "社区党群服务中心" not in f["fix"], f
        by_name = {f["indicator"]: f["fix"] for f in n001}
        assert "达标率" in by_name["基本公共卫生服务的开展"]      # a 质量指标 is a rate or a pass
        assert "完成数量" in by_name["适龄儿童疫苗接种"]          # a 数量指标 is a count


def test_health_words_are_read_as_health(tmp_path):
    findings = _findings(tmp_path, HEALTH)
    # 卫生 is not 环境卫生: a public-health benefit is social, not ecological
    assert not [f for f in findings if f["code"] == "C006" and "卫生" in (f["indicator"] or "")], findings
    # 剂次 (doses given) is a unit: the target has one
    assert not [f for f in findings if f["indicator"] == "疫苗接种数量"], findings
    from linter.model.values import parse
    assert parse("≥5000剂次").unit == "剂次"


# --- a way forward ---------------------------------------------------------------

def _run(*args, cwd=None):
    """`jxlint check` as a hook runs it: stdout and stderr apart."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "linter.cli.main", "check", "--no-cache", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_quiet_output_ends_with_the_way_to_the_explanation(tmp_path):
    form = tmp_path / "health.toml"
    form.write_text(HEALTH, encoding="utf-8")
    run = _run("--quiet", form)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines and all(re.match(r"\S+:\d+:\d+ [A-Z]\d{3} \[", line) for line in lines), run.stdout
    assert run.stderr.splitlines() == ["运行 jxlint explain 代码（如 C001）查看说明和修改方法"], run.stderr
    en = _run("--quiet", "--lang", "en", "--select", "N001", form)
    assert en.stderr.splitlines() == ["Run jxlint explain N001 to see what it means and how to fix it."]
    clean = tmp_path / "clean.toml"
    from support import VALID
    clean.write_text(VALID, encoding="utf-8")
    assert _run("--quiet", clean).stderr == ""   # nothing found: nothing to explain


def test_a_written_report_says_where(tmp_path):
    form = tmp_path / "health.toml"
    form.write_text(HEALTH, encoding="utf-8")
    run = _run("--format", "html", "-o", "report.html", form, cwd=tmp_path)
    assert (tmp_path / "report.html").is_file()
    assert run.stdout == "" and run.stderr.strip() == "jxlint: 已写入 report.html"
    run = _run("--lang", "en", "-o", "report.txt", form, cwd=tmp_path)
    assert run.stdout == "" and run.stderr.strip() == "jxlint: wrote report.txt"


def test_an_empty_folder_names_the_folder_and_what_was_looked_for(tmp_path):
    from linter.readers import EXPLICIT_ONLY, READERS
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "notes.md").write_text("not a form", encoding="utf-8")
    run = _run("forms", cwd=tmp_path)
    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("jxlint: 在 forms 中没有找到表单文件（") and "Traceback" not in run.stderr
    looked_for = [s for s in READERS if s not in EXPLICIT_ONLY]
    assert line.endswith("（" + "、".join(looked_for) + "）") and ".xlsx" in looked_for
    [en] = _run("--lang", "en", "forms", cwd=tmp_path).stderr.splitlines()
    assert en == f"jxlint: no form files found in forms (looked for {', '.join(looked_for)})"
