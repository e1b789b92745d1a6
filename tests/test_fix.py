"""`jxlint check --fix` / `--diff`: the fixes rules declare as data, applied.

Each fix is proved on the rule's own bad example (fixed, the rule no longer
fires) and on a form a person would write (comments and layout kept); a
workbook is never written, its fixed copy is.
"""
import json
import shutil
from pathlib import Path

import pytest

from linter.engine.examples import example_document
from linter.packs.loader import PackLoader, available_packs
from support import run_cli

ROOT = Path(__file__).resolve().parent.parent

FORM = '''# 社区服务项目自评表（节选）
format = 1
kind = "self-evaluation"

[project]
name = "社区服务"
year = 2022

[budget]
adjusted = 100
actual = 80
stated_rate = "90%"   # 表中如此填写
weight = 10
score = 10

[[indicators]]
level1 = "产出值"
level2 = "数量指标"
name = "开展活动"
target = "≧4场"
actual = "4场"
weight = 30
score = 30

[[indicators]]
level1 = "产出指标"
level2 = "质量指标"
name = "活动验收合格率"
target = "≥90百分比"
actual = "95"
weight = 20
score = 20

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "受益居民人次"
target = "≥３０００人次"
actual = "3200人次"
weight = 30
score = 30

[[indicators]]
level1 = "产出指标"
level2 = "成本指标"
name = "活动经费"
target = "≤20万"
actual = "18万元"
weight = 10
score = 10

[evaluation]
total_score = 95
grade = "良"
'''

FIXED_CODES = {"B001", "S004", "C005", "V003", "V013", "V004", "S009", "S010"}


def codes_of(path, *extra):
    result = run_cli("check", path, "--format", "json", "--no-cache", *extra)
    return [f["code"] for f in json.loads(result.output)["findings"]]


def test_fix_makes_every_declared_fix_and_keeps_the_authors_layout(tmp_path):
    form = tmp_path / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    before = set(codes_of(form))
    assert FIXED_CODES <= before, before - FIXED_CODES
    result = run_cli("check", form, "--fix", "--no-cache")
    assert "已自动修复" in result.output
    text = form.read_text(encoding="utf-8")
    # the author's comments and layout are still there
    assert text.startswith("# 社区服务项目自评表（节选）\n")
    assert 'stated_rate = "80%"   # 表中如此填写' in text
    for fixed in ('level1 = "产出指标"', 'target = "≥4场"', 'target = "≥90%"', 'actual = "95%"',
                  'target = "≥3000人次"', 'target = "≤20万元"', "score = 8\n", "total_score = 98\n", 'grade = "优"'):
        assert fixed in text, fixed
    after = set(codes_of(form))
    assert not (after & FIXED_CODES), after & FIXED_CODES
    # what the fixes cannot decide stays a finding: nothing else was touched
    assert after == before - FIXED_CODES


def test_diff_shows_the_changes_writes_nothing_and_exits_1(tmp_path):
    form = tmp_path / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    result = run_cli("check", form, "--diff", "--no-cache")
    assert result.exit_code == 1
    assert '-target = "≧4场"' in result.output and '+target = "≥4场"' in result.output
    assert form.read_text(encoding="utf-8") == FORM
    run_cli("check", form, "--fix", "--no-cache")
    assert run_cli("check", form, "--diff", "--no-cache").exit_code == 0


def test_unsafe_fixes_only_when_asked(tmp_path):
    form = tmp_path / "form.toml"
    form.write_text('kind = "target"\n[project]\nname = "x"\n[[indicators]]\nlevel1 = "产出指标"\n'
                    'level2 = "数量指标"\nname = "受助学生人数"\ntarget = "≥30个"\n', encoding="utf-8")
    run_cli("check", form, "--fix", "--no-cache")
    assert 'target = "≥30个"' in form.read_text(encoding="utf-8")  # 人 or 人次: a person's call
    run_cli("check", form, "--fix", "--unsafe-fixes", "--no-cache")
    assert 'target = "≥30人"' in form.read_text(encoding="utf-8")


def test_findings_say_they_can_be_fixed_in_every_format(tmp_path):
    form = tmp_path / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    text = run_cli("check", form, "--no-cache").output
    assert "[可自动修复]" in text and "jxlint check --fix" in text
    found = json.loads(run_cli("check", form, "--format", "json", "--no-cache").output)["findings"]
    v003 = next(f for f in found if f["code"] == "V003")
    assert v003["fixable"] is True and v003["edit"] == {
        "path": "indicators[0].target", "op": "replace", "old": "≧", "new": "≥", "safe": True}
    assert not [f for f in found if f["code"] == "C001" and f["fixable"]]  # a missing block needs a person
    sarif = json.loads(run_cli("check", form, "--format", "sarif", "--no-cache").output)
    run = sarif["runs"][0]
    [result] = [r for r in run["results"] if r["ruleId"] == "V003"]
    [replacement] = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"]["startLine"] == FORM.splitlines().index('target = "≧4场"') + 1
    assert replacement["insertedContent"]["text"] == 'target = "≥4场"'
    assert all(r["helpUri"].endswith(f"docs/rules.md#{r['id']}") for r in run["tool"]["driver"]["rules"])
    import jsonschema
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)


def _rules_with_safe_fixes():
    loader = PackLoader()
    rules = loader.ruleset(available_packs()).rules
    return [r for r in rules if r.fixable]


def _shown_by_bad_example(rule):
    from linter.engine.examples import run_example
    return any(f.code == rule.code and f.edit is not None and f.edit.safe for f in run_example(rule, "bad"))


EXAMPLE_FIXES = [r for r in _rules_with_safe_fixes() if _shown_by_bad_example(r)]


@pytest.mark.parametrize("rule", EXAMPLE_FIXES, ids=lambda r: r.code)
def test_each_fix_on_its_rules_bad_example(rule, tmp_path):
    """The rule's own bad example, fixed, no longer reports the rule."""
    form = tmp_path / "example.toml"
    form.write_text(example_document(rule, "bad"), encoding="utf-8")
    pack = ["--pack", rule.pack] if rule.pack != "core" else []
    found = json.loads(run_cli("check", form, "--format", "json", "--no-cache", *pack).output)
    assert [f for f in found["findings"] if f["code"] == rule.code and f.get("fixable")]
    run_cli("check", form, "--fix", "--no-cache", *pack)
    found = json.loads(run_cli("check", form, "--format", "json", "--no-cache", *pack).output)
    left = [f for f in found["findings"] if f["code"] == rule.code and f.get("fixable")]
    assert not left, left


def test_every_fix_is_proved_on_an_example_or_the_form_above():
    """A rule with a safe fix is proved by its own bad example, or (when
    that example shows a case without one) by FORM."""
    fixable = {r.code for r in _rules_with_safe_fixes()}
    assert fixable <= {r.code for r in EXAMPLE_FIXES} | FIXED_CODES, fixable
    assert FIXED_CODES <= fixable


def _workbook(tmp_path):
    src = tmp_path / "自评表.xlsx"
    toml = tmp_path / "form.toml"
    toml.write_text(FORM, encoding="utf-8")
    assert run_cli("convert", toml, "-o", src).exit_code == 0
    return src


def test_a_workbook_is_never_written_its_fixed_copy_is(tmp_path):
    import openpyxl
    src = _workbook(tmp_path)
    original = src.read_bytes()
    out = tmp_path / "修正.xlsx"
    result = run_cli("check", src, "--fix", "-o", out, "--no-cache")
    assert src.read_bytes() == original
    assert "已自动修复" in result.output and "修正.xlsx" in result.output
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    changed = [c for row in ws.iter_rows() for c in row if c.comment and "jxlint 修改" in c.comment.text]
    values = {c.value for c in changed}
    assert {"≥4场", "产出指标"} <= values, values
    assert all("原为" in c.comment.text for c in changed)
    # the copy passes the rules it fixed
    left = set(codes_of(out))
    assert not ({"V003", "C005"} & left)
    # an existing copy is refused unless --force
    again = run_cli("check", src, "--fix", "-o", out, "--no-cache")
    assert again.exit_code == 2 and "--force" in again.output
    assert run_cli("check", src, "--fix", "-o", out, "--force", "--no-cache").exit_code in (0, 1)


def _workbook_with(tmp_path, value, data_type=None):
    """The test workbook with its "≧4场" cell rewritten; (workbook, that cell)."""
    import openpyxl
    src = _workbook(tmp_path)
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "≧4场")
    cell.value = value
    if data_type:
        cell.data_type = data_type
    wb.save(src)
    return src, cell


def test_a_formula_is_never_overwritten(tmp_path):
    import openpyxl
    src, cell = _workbook_with(tmp_path, '="≧4场"')
    out = tmp_path / "fixed.xlsx"
    run_cli("check", src, "--fix", "-o", out, "--no-cache")
    if out.exists():
        assert openpyxl.load_workbook(out).worksheets[0][cell.coordinate].value == '="≧4场"'


def test_the_shipped_examples_fix_and_a_second_run_has_nothing_left(tmp_path):
    work = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", work)
    assert run_cli("check", work, "--diff", "--no-cache").exit_code == 1
    run_cli("check", work, "--fix", "--no-cache")
    assert run_cli("check", work, "--diff", "--no-cache").exit_code == 0
    result = json.loads(run_cli("check", work, "--format", "json", "--no-cache").output)
    assert not [f for f in result["findings"] if f.get("fixable")]


def test_a_pack_fix_is_data_checked_at_load(tmp_path):
    from linter.base.problems import DataError
    from linter.packs.load import load_pack_file
    core = (ROOT / "rules" / "core.toml").read_text(encoding="utf-8")
    bad = core.replace('autofix = { op = "replace", old = "{glyph}", new = "{standard}" }',
                       'autofix = { op = "replace", old = "{nosuchvar}", new = "{standard}" }')
    assert bad != core
    path = tmp_path / "core.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_pack_file(path)
    assert any("nosuchvar" in p for p in exc.value.problems)


def test_a_notation_to_tidy_is_milder_than_its_rule(tmp_path):
    """V013 is a warning; its 百分比 and full-width cases only tidy a figure
    that reads right (a variant's own severity, which may only be milder)."""
    form = tmp_path / "form.toml"
    form.write_text(FORM, encoding="utf-8")
    found = json.loads(run_cli("check", form, "--format", "json", "--no-cache").output)["findings"]
    severities = {f["message"]: f["severity"] for f in found if f["code"] == "V013"}
    assert {s for m, s in severities.items() if "百分比" in m or "全角" in m} == {"info"}
    assert {s for m, s in severities.items() if "万元" in m} == {"warning"}


def test_the_pass_loop_stops_when_a_pass_changes_nothing_or_after_max_passes():
    from linter.writers.fixes import MAX_PASSES, fix_in_passes
    seen = []
    last, passes = fix_in_passes(["first"], lambda found, first: seen.append((found, first)) or len(seen) < 3,
                                 lambda: [f"check {len(seen)}"])
    assert seen == [(["first"], True), (["check 1"], False), (["check 2"], False)]
    assert (last, passes) == (["check 2"], 2)
    _, passes = fix_in_passes([], lambda found, first: 1, lambda: [])
    assert passes == MAX_PASSES


def test_a_cell_fixed_twice_is_one_change_from_the_first_value_to_the_last():
    from linter.writers.fixes import Change, net_changes
    changes = [Change("S!H14", 90, 100, "S009", "a"), Change("S!B15", "良", "优", "S010", "b"),
               Change("S!H14", 100, 99.5, "S009", "c")]
    assert net_changes(changes) == [Change("S!H14", 90, 99.5, "S009", "c"), Change("S!B15", "良", "优", "S010", "b")]


def test_a_fixed_cell_that_starts_like_a_formula_stays_text(tmp_path):
    """==90% fixed to =90% must not become a formula in the fixed copy."""
    import openpyxl
    src, cell = _workbook_with(tmp_path, "==4场", data_type="s")
    out = tmp_path / "fixed.xlsx"
    run_cli("check", src, "--fix", "-o", out, "--no-cache")
    fixed = openpyxl.load_workbook(out).worksheets[0][cell.coordinate]
    assert fixed.value == "=4场" and fixed.data_type == "s"
