"""The command line: outputs, languages, exit codes."""
import json
from collections import Counter
import re
from pathlib import Path

import pytest

from linter import __version__
from linter.packs.loader import PackLoader, available_packs
from support import VALID as CLEAN, run_cli as run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LUOHU = EXAMPLES / "luohu-dangqun-2022.toml"


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_check_examples_text_output_groups_by_file_and_ends_with_summary():
    result = run("check", EXAMPLES)
    assert result.exit_code == 1
    lines = result.output.rstrip("\n").splitlines()
    header = lines.index(str(LUOHU))
    assert re.match(r"^  \S+luohu-dangqun-2022\.toml:\d+:\d+ U005 \[提示\] ", lines[header + 1])
    assert any(re.match(r"^  \S+luohu-dangqun-2022\.toml:71:10 U001 \[错误\] ", line) for line in lines)
    files = len(list(Path(EXAMPLES).rglob("*.toml")))
    assert lines[-1].startswith(f"共检查 {files} 个文件，发现")
    assert "修改建议" in result.output


def test_check_english():
    result = run("check", "--lang", "en", LUOHU)
    assert result.exit_code == 1
    assert "[error]" in result.output and "fix:" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("1 file checked:")


def test_json_output_shape():
    result = run("check", "--format", "json", LUOHU)
    doc = json.loads(result.output)
    assert doc["version"] == 1
    by_severity = Counter(f["severity"] for f in doc["findings"])
    assert doc["summary"]["by_severity"] == {k: by_severity.get(k, 0) for k in ("error", "warning", "info")}
    assert doc["summary"]["exit_code"] == result.exit_code == 1
    keys = {"code", "slug", "severity", "message", "file", "line", "column", "path", "indicator", "fix"}
    for f in doc["findings"]:
        assert keys <= set(f)
    u = next(f for f in doc["findings"] if f["code"] == "U001")
    assert u["indicator"] == "党群服务中心建立服务档案数量" and u["path"] == "indicators[2].target"


def test_output_is_deterministic():
    a = run("check", "--format", "json", EXAMPLES).output
    b = run("check", "--format", "json", EXAMPLES).output
    assert a == b


def test_clean_form_exits_0(tmp_path):
    p = tmp_path / "clean.toml"
    p.write_text(CLEAN, encoding="utf-8")
    result = run("check", p)
    assert result.exit_code == 0
    assert "未发现问题" in result.output


def test_warnings_alone_exit_0(tmp_path):
    p = tmp_path / "warn.toml"
    p.write_text(CLEAN.replace('name = "测试项目"', 'name = "测试项目"\nnmae = "x"'), encoding="utf-8")
    result = run("check", "--format", "json", p)
    doc = json.loads(result.output)
    assert [f["code"] for f in doc["findings"]] == ["E003"]
    assert result.exit_code == 0


def test_pack_option_adds_rules(tmp_path):
    p = tmp_path / "f.toml"
    p.write_text(CLEAN.replace('name = "测试项目"', 'name = "测试项目"\nunits = ["甲", "乙"]')
                 .replace("≥420份", "70份"), encoding="utf-8")
    assert run("check", p).exit_code == 0
    result = run("check", "--pack", "shenzhen-dangqun", p)
    assert result.exit_code == 1 and "U001" in result.output and "140份" in result.output


def test_unknown_pack_is_a_usage_error():
    result = run("check", "--pack", "nope", LUOHU)
    assert result.exit_code == 2 and "shenzhen-dangqun" in result.output


def test_no_files_is_a_usage_error(tmp_path):
    result = run("check", tmp_path)
    assert result.exit_code == 2


def test_rules_json_lists_every_rule_with_its_fields():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.output)
    codes = [i["code"] for i in items]
    expected = [r.code for r in PackLoader().ruleset(available_packs()).rules]
    assert codes == expected
    for item in items:
        assert {"code", "slug", "severity", "pack", "title"} <= set(item)


def test_rules_text_and_checks():
    result = run("rules")
    assert result.exit_code == 0 and "V001" in result.output and "target-not-quantified" in result.output
    result = run("rules", "--checks")
    assert result.exit_code == 0
    assert "quantified" in result.output and "scaled_to_sites" in result.output


@pytest.mark.parametrize("code", [r.code for r in PackLoader().ruleset(available_packs()).rules])
def test_explain_every_rule(code):
    result = run("explain", code)
    assert result.exit_code == 0
    assert code in result.output and "依据" in result.output and "错误示例" in result.output
    assert "正确示例" in result.output


def test_explain_by_slug_in_english_shows_what_the_bad_example_reports():
    result = run("explain", "target-not-scaled", "--lang", "en")
    assert result.exit_code == 0
    assert "U001" in result.output and "basis" in result.output
    assert "reports" in result.output and "210" in result.output


def test_explain_unknown_code():
    result = run("explain", "Z999")
    assert result.exit_code == 2 and "jxlint rules" in result.output


def test_text_output_names_the_policy_once_per_rule():
    result = run("check", LUOHU)
    tail = result.output.split("依据：", 1)[1]
    assert tail.count("U001 ") == 1 and "深民函〔2016〕1223号" in tail
    doc = json.loads(run("check", "--format", "json", LUOHU).output)
    assert all(f["basis"] for f in doc["findings"])
