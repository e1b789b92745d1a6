"""Packs load, are complete, and a broken pack names its file and rule."""
import textwrap

import pytest

from linter.checks import REGISTRY
from linter.packs.loader import PackLoader, available_packs
from linter.packs.rules import render
from linter.base.resources import builtin_packs_dir
from linter.base.problems import DataError

LOADER = PackLoader()


def test_shipped_packs_are_found():
    assert (builtin_packs_dir() / "core.toml").is_file()
    assert {"core", "shenzhen-dangqun"} <= set(available_packs())


def test_every_rule_is_complete():
    ruleset = LOADER.ruleset(available_packs())
    codes = [r.code for r in ruleset.rules]
    assert len(codes) == len(set(codes))
    for rule in ruleset.rules:
        for part in ("title", "message", "why"):
            table = getattr(rule, part)
            assert table.get("zh") and table.get("en"), (rule.code, part)
        assert rule.basis.strip(), rule.code
        assert rule.examples["bad"].strip() and rule.examples["good"].strip()
        assert rule.examples["bad"] != rule.examples["good"]


def test_foundation_rules_are_present():
    ruleset = LOADER.ruleset(available_packs())
    for code in ("E001", "E002", "E003", "E004", "V001", "U001", "P001", "P002"):
        assert ruleset.rule(code) is not None, code
    assert ruleset.rule("target-not-quantified").code == "V001"
    assert ruleset.rule("u001").pack == "shenzhen-dangqun"


def test_extends_brings_core_and_tables():
    rs = LOADER.ruleset(["shenzhen-dangqun"])
    assert rs.names == ["core", "shenzhen-dangqun"]
    assert any(row["item"] == "个案辅导" and row["quantity"] == 10 for row in rs.tables["site-standard"])
    assert "有效提高" in rs.lists["vague-phrases"]


def test_render_is_plain_substitution():
    assert render("{a}-{b}", {"a": 1, "b": {"zh": "甲", "en": "A"}}, "en") == "1-A"
    # no attribute or index access: a pack cannot reach into objects
    assert render("{a.__class__}{a[0]}", {"a": "x"}, "zh") == "{a.__class__}{a[0]}"
    assert render("{missing}", {}, "zh") == "{missing}"
    # a value is never rendered again, slots next to each other and at the ends
    assert render("{a}{b}", {"a": "{b}", "b": None}, "zh") == "{b}"
    assert render("前{a}中{{a}}后", {"a": "x"}, "zh") == "前x中{x}后"
    assert render("", {"a": 1}, "zh") == "" and render("无", {}, "zh") == "无"


HEADER = '''
[pack]
name = "{name}"
title = {{ zh = "测试", en = "test" }}
version = "0"
'''

RULE = '''
[[rules]]
code = "{code}"
slug = "a-rule"
severity = "error"
title = {{ zh = "甲", en = "a" }}
check = "{check}"
params = {params}
message = {{ zh = "{message}", en = "m" }}
why = {{ zh = "因为", en = "because" }}
basis = "test"
[rules.examples]
bad = "x"
good = "y"
'''


def _pack(tmp_path, name="broken", extra="", **rule):
    fields = dict(code="T001", check="quantified", params='{ field = "target" }', message="指标{name}")
    fields.update(rule)
    text = HEADER.format(name=name) + RULE.format(**fields) + extra
    path = tmp_path / f"{name}.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _error(tmp_path, **kwargs) -> str:
    path = _pack(tmp_path, **kwargs)
    with pytest.raises(DataError) as info:
        PackLoader().ruleset([str(path)])
    text = str(info.value)
    assert str(path) in text
    return text


def test_valid_custom_pack_loads(tmp_path):
    path = _pack(tmp_path, name="mine")
    rs = PackLoader().ruleset([str(path)])
    assert rs.rule("T001").pack == "mine"


def test_unknown_check_is_named(tmp_path):
    text = _error(tmp_path, check="eval")
    assert "T001" in text and "eval" in text and "quantified" in text


def test_bad_params_are_named(tmp_path):
    text = _error(tmp_path, params='{ feild = "target" }')
    assert "T001" in text and "feild" in text and "field" in text


def test_param_value_outside_allowed(tmp_path):
    text = _error(tmp_path, params='{ field = "goal" }')
    assert "T001" in text and "params.field" in text


def test_unknown_placeholder(tmp_path):
    text = _error(tmp_path, message="指标{nmae}")
    assert "{nmae}" in text and "T001" in text


def test_unknown_list_reference(tmp_path):
    text = _error(tmp_path, params='{ field = "target", vague = "no-such-list" }')
    assert "no-such-list" in text


def test_bad_code_and_schema_errors_have_lines(tmp_path):
    text = _error(tmp_path, code="V1")
    assert "V001" in text  # tells the expected shape
    path = tmp_path / "broken.toml"
    assert f"{path}:" in text


def test_missing_required_rule_field(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(HEADER.format(name="broken") + '[[rules]]\ncode = "T001"\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        PackLoader().ruleset([str(path)])
    assert "规则 T001" in str(info.value) and "slug" in str(info.value)


def test_duplicate_code_across_packs_needs_override(tmp_path):
    text = _error(tmp_path, code="V001")
    assert "V001" in text and "overrides" in text


def test_override_changes_severity_and_params(tmp_path):
    extra = '''
[[overrides]]
code = "P001"
severity = "warning"
params = { grace_days = 10 }
'''
    path = _pack(tmp_path, name="lenient", extra=extra)
    rs = PackLoader().ruleset([str(path)])
    assert rs.rule("P001").severity == "warning"
    assert rs.rule("P001").params["grace_days"] == 10


def test_extends_cycle(tmp_path):
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / f"{name}.toml").write_text(
            HEADER.format(name=name) + f'extends = ["{parent}"]\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        PackLoader(search_dirs=[tmp_path, builtin_packs_dir()]).ruleset(["a"])
    assert "cycle" in str(info.value)


def test_unknown_pack_name_lists_available():
    with pytest.raises(DataError) as info:
        PackLoader().ruleset(["shenzhen"])
    assert "shenzhen-dangqun" in str(info.value)


def test_pack_name_must_be_a_name_not_a_path():
    with pytest.raises(DataError):
        PackLoader().ruleset(["../etc/passwd"])


def test_every_check_is_documented():
    for name, spec in REGISTRY.items():
        doc = spec.doc
        assert len(doc) > 80, name
        assert "Example" in doc or "example" in doc, name


def test_bad_override_params_are_explained(tmp_path):
    extra = '''
[[overrides]]
code = "P001"
params = { grace_days = "ten" }
'''
    text = _error(tmp_path, name="lenient", extra=extra)
    assert "P001" in text and "grace_days" in text and "整数" in text
