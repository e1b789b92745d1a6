"""Each check parameter's default is declared once, in its `@check` params
schema: not inline in the check's code, not again in a shipped pack."""
import ast
import sys
from pathlib import Path

from linter.base.resources import builtin_packs_dir
from linter.checks import REGISTRY
from linter.packs.loader import PackLoader, available_packs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CHECKS = Path(__file__).resolve().parent.parent / "linter" / "checks"


def test_no_inline_defaults_in_checks():
    inline = []
    for path in sorted(CHECKS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "get" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "params" and len(node.args) == 2):
                inline.append(f"{path.name}:{node.lineno}")
    assert inline == [], "declare the default in the @check params schema: " + ", ".join(inline)


def test_shipped_packs_do_not_restate_defaults():
    restated = []
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", []):
            spec = REGISTRY.get(rule["check"])
            for key, value in (rule.get("params") or {}).items():
                if spec is not None and key in spec.defaults and spec.defaults[key] == value:
                    restated.append(f"{path.name} {rule['code']} {key}")
    assert restated == []


def test_loaded_rules_carry_every_default():
    rules = PackLoader().ruleset(available_packs()).rules
    for rule in rules:
        spec = REGISTRY.get(rule.check)
        if spec is not None:
            for key, value in spec.defaults.items():
                assert key in rule.params, (rule.code, key)
    b001 = next(r for r in rules if r.code == "B001")
    assert b001.params["tolerance"] == REGISTRY[b001.check].defaults["tolerance"]
