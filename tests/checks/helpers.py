"""Run one check function on one node, outside any pack rule."""
import re

from linter.checks import REGISTRY
from linter.engine import Context
from linter.packs import PackLoader
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
        out.extend(spec.func(node, params or {}, ctx))
    return out
