"""Findings say how sure they are: arithmetic and structure are certain,
judgments of meaning (classification, coarse outputs, goal coverage) are
likely — in text, JSON and SARIF — and the exit code can leave the likely
ones out (--no-fail-on-likely, fail-on-likely = false)."""
import json

from support import run_cli

FORM = '''kind = "target"
[project]
name = "测试"
[[indicators]]
level1 = "产出指标"
level2 = "成本指标"
name = "福利经费发放及时率"
target = "≥95%"
'''


def test_a_likely_finding_says_so_and_can_be_left_out_of_the_exit_code(tmp_path):
    form = tmp_path / "f.toml"
    form.write_text(FORM, encoding="utf-8")
    data = json.loads(run_cli("check", "--no-cache", "--format", "json", "--fail-on", "warning", str(form)).output)
    c006 = [f for f in data["findings"] if f["code"] == "C006"]
    assert c006 and c006[0]["confidence"] == "likely"
    assert {f["confidence"] for f in data["findings"] if f["code"] == "C001"} == {"certain"}
    text = run_cli("check", "--no-cache", str(form)).output
    assert "[警告·可能]" in text
    sarif = json.loads(run_cli("check", "--no-cache", "--format", "sarif", str(form)).output)
    assert {r["properties"]["confidence"] for r in sarif["runs"][0]["results"]} == {"likely", "certain"}
    # only the certain findings decide the exit code when asked
    only_likely = tmp_path / "g.toml"
    only_likely.write_text(FORM.replace('kind = "target"', 'kind = "target"\n'), encoding="utf-8")
    rc_all = run_cli("check", "--no-cache", "--fail-on", "warning", "--select", "C006", str(form)).exit_code
    rc_certain = run_cli("check", "--no-cache", "--fail-on", "warning", "--select", "C006",
                         "--no-fail-on-likely", str(form)).exit_code
    assert (rc_all, rc_certain) == (1, 0)
