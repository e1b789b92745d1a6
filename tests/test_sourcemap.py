"""Every value of a form can be located; a missing one anchors on its parent."""
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from linter.base.sourcemap import SourceMap, format_path, parent_path
from linter.base.toml_positions import toml_positions

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.toml"))


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, path + (i,))
    else:
        yield path, node


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_leaf_of_the_examples_has_its_own_position(example):
    text = example.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    positions = toml_positions(text)
    lines = text.splitlines()
    for path, value in _leaves(doc):
        key = format_path(path)
        assert key in positions, key
        line, col = positions[key]
        # the recorded column is where the value's text starts on that line
        src = lines[line - 1][col - 1:]
        if isinstance(value, str) and "\n" not in value and '\\' not in src[:len(value) + 2]:
            assert value in src or src.startswith(("'", '"')), (key, src)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            assert src[:1] in "+-0123456789in", (key, src)


def test_arrays_of_tables_nested_tables_and_inline_tables():
    text = '''kind = "target"
[project]
name = "x"
units = ["甲",
  "乙"]
[[indicators]]
name = "a"
by_unit = { "甲社区" = 81, 'b' = 2 }
[[indicators]]
name = """多行
文本"""
target = "≥1"
[[contracts]]
[[contracts.payments]]
paid = 1
[[contracts.payments]]
paid = 2
[[contracts]]
[[contracts.payments]]
paid = 3
'''
    p = toml_positions(text)
    assert p["project.units[1]"] == (5, 3)
    assert p["indicators[0].by_unit.甲社区"] == (8, 21)
    assert p["indicators[0].by_unit.b"] == (8, 31)
    assert p["indicators[1].target"] == (12, 10)
    assert p["contracts[0].payments[1].paid"] == (17, 8)
    assert p["contracts[1].payments[0].paid"] == (20, 8)
    assert p["contracts[1]"] == (18, 1)


def test_missing_field_anchors_on_nearest_parent():
    sm = SourceMap({"": (1, 1), "indicators[2]": (40, 1), "indicators[2].target": (42, 10)})
    assert sm.locate("indicators[2].target") == (42, 10)
    assert sm.locate("indicators[2].actual") == (40, 1)
    assert sm.locate("contracts[0].payments[1].paid") == (1, 1)


def test_paths_round_trip():
    assert format_path(("indicators", 3, "target")) == "indicators[3].target"
    assert format_path(("a.b", "c")) == '"a.b".c'
    assert parent_path("indicators[3].target") == "indicators[3]"
    assert parent_path("indicators[3]") == "indicators"
    assert parent_path("indicators") == ""
    assert parent_path('"a.b".c') == '"a.b"'
