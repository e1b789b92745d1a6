"""Pack tables are data a check trusts (issue 15, item 18): a row that is
not what the check reads (`min = "九十"`) used to make every form an E000
"bug in jxlint". Each table-reading check declares the schema of a row;
the pack fails to load, naming the file, the line, the rule and the row."""
import re
import time
from pathlib import Path

import pytest

from linter.checks import REGISTRY
from support import VALID, run_cli

ROOT = Path(__file__).resolve().parents[2]
SHENZHEN = (ROOT / "rules" / "shenzhen-dangqun.toml").read_text(encoding="utf-8")
NATIONAL = (ROOT / "rules" / "scoring-national.toml").read_text(encoding="utf-8")
# A self-evaluation with a total and a grade, without the Shenzhen pack
# (the hostile packs below bring their own tables).
GRADED = (ROOT / "examples" / "luohu-dangqun-2022-corrected.toml").read_text(encoding="utf-8").replace(
    'packs = ["shenzhen-dangqun"]\n', "")
# Two sites and a 数量指标 named for the first row of the site standard
# (服务档案): the rows a check reads for this form.
SITES = VALID.replace('name = "测试项目"', 'name = "测试项目"\nunits = ["甲社区", "乙社区"]')


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


def site_pack(tmp_path, old, new, name="hostile-sites"):
    """The Shenzhen pack under another name, with one row edited."""
    assert SHENZHEN.count(old) == 1
    text = SHENZHEN.replace('name = "shenzhen-dangqun"', f'name = "{name}"').replace(old, new)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path, line_of(text, new)


def sites_form(tmp_path):
    form = tmp_path / "f.toml"
    form.write_text(SITES, encoding="utf-8")
    return form


def assert_refused(result, path, line, row, field):
    assert result.exit_code == 2, result.output
    assert "E000" not in result.output and "内部错误" not in result.output
    assert re.search(rf"{re.escape(str(path))}:{line}: 规则 U00\d: 数据表 site-standard 第 {row} 行: {field}",
                     result.output), result.output


def test_a_word_where_a_number_belongs_fails_the_pack(tmp_path):
    path, line = site_pack(tmp_path, "quantity = 70", 'quantity = "七十"')
    start = time.monotonic()
    result = run_cli("check", "--no-cache", "--pack", path, sites_form(tmp_path))
    assert_refused(result, path, line, 1, "quantity")
    assert "类型应为数字" in result.output
    assert result.output.count("第 1 行") == 1          # once, though three rules read the table
    assert time.monotonic() - start < 10


def test_a_misspelt_column_is_named_with_the_nearest(tmp_path):
    path, line = site_pack(tmp_path, "quantity = 70", "quantiy = 70")
    result = run_cli("check", "--no-cache", "--pack", path, sites_form(tmp_path))
    assert_refused(result, path, line, 1, "quantiy")
    assert "是否应为 quantity" in result.output


def test_keywords_that_are_not_a_list_of_words(tmp_path):
    path, line = site_pack(tmp_path, 'keywords = ["服务档案", "档案"]', 'keywords = [5, "档案"]')
    assert_refused(run_cli("check", "--no-cache", "--pack", path, sites_form(tmp_path)), path, line, 1,
                   r"keywords\[0\]")


def test_a_form_naming_the_bad_pack_is_stopped_not_crashed(tmp_path):
    path, _ = site_pack(tmp_path, "quantity = 70", 'quantity = "七十"')
    form = tmp_path / "f.toml"
    form.write_text(f"packs = ['{path.as_posix()}']\n" + SITES, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", form)
    assert result.exit_code == 2
    assert '"E002"' in result.output and '"E000"' not in result.output
    assert "数据表 site-standard 第 1 行" in result.output


def test_a_profile_table_with_a_word_for_a_threshold(tmp_path):
    # A local pack that extends the national profile and brings its own grade bands.
    text = """[pack]
name = "hostile-grades"
title = { zh = "等级", en = "Grades" }
version = "0.1.0"
extends = ["scoring-national"]

[[tables.grade-bands]]
grade = "优"
min = "九十"
"""
    path = tmp_path / "hostile-grades.toml"
    path.write_text(text, encoding="utf-8")
    form = tmp_path / "f.toml"
    form.write_text(GRADED, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--pack", path, form)
    assert result.exit_code == 2 and "E000" not in result.output
    assert f"{path}:{line_of(text, 'min =')}: 规则 " in result.output, result.output
    assert "数据表 grade-bands 第 1 行: min: 类型应为数字" in result.output


def test_every_table_a_check_reads_has_a_row_schema():
    for spec in REGISTRY.values():
        for param, kind in spec.refs.items():
            if kind == "table":
                assert param in spec.rows, f"{spec.name}: rows for {param}"


def test_the_shipped_tables_fit_their_schemas():
    from linter.packs.loader import PackLoader, available_packs
    ruleset = PackLoader().ruleset(available_packs())
    assert {"site-standard", "category-keywords", "grade-bands", "score-bands", "funding-split"} <= set(ruleset.tables)


def test_rows_for_a_param_that_names_no_table_are_refused():
    from linter.checks import check
    with pytest.raises(ValueError, match="names no table"):
        check("hostile_rows_without_table", node="form", params={"x": {"type": "string"}},
              rows={"x": {"a": {"type": "number"}}})(lambda node, params, ctx: iter(()))
    assert "hostile_rows_without_table" not in REGISTRY
