"""Run one check function on one node, outside any pack rule."""
import re

from linter.checks import REGISTRY
from linter.checks.context import Context
from linter.packs.loader import PackLoader
from linter.readers.toml import read_toml_bytes

LOADER = PackLoader()


def form_from(text, kind="self-evaluation"):
    if not re.search(r"^kind\s*=", text, re.M):
        text = f'kind = "{kind}"\n' + text
    if "[project]" not in text:
        text += '\n[project]\nname = "测试"\n'
    result = read_toml_bytes(text.encode("utf-8"), "t.toml")
    assert not result.problems, result.problems
    return result.forms[0]


def hits(check_name, text, params=None, packs=("shenzhen-dangqun",)):
    spec = REGISTRY[check_name]
    form = form_from(text)
    ctx = Context(form, LOADER.ruleset(list(packs)))
    out = []
    for node in form.nodes(spec.node):
        # through the declared defaults, as a pack's rule receives them
        out.extend(spec.func(node, spec.resolve(params or {}), ctx))
    return out


def toml_value(value):
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def ind(name="某指标", level1="产出指标", level2="数量指标", **fields):
    """One [[indicators]] table; keyword arguments become its fields."""
    lines = ["[[indicators]]", f'level1 = "{level1}"', f'level2 = "{level2}"', f"name = {toml_value(name)}"]
    lines += [f"{k} = {toml_value(v)}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def table(header, **fields):
    """A [header] table with the given fields."""
    return "\n".join([f"[{header}]"] + [f"{k} = {toml_value(v)}" for k, v in fields.items()]) + "\n"


SCORING = ("shenzhen-dangqun", "scoring-national")
