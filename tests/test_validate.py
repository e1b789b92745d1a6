"""The fast validator must agree with cerberus on every document."""
import copy
import datetime as dt
import sys
from pathlib import Path

import cerberus
import pytest
from hypothesis import given, strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from linter.base.resources import builtin_packs_dir
from linter.packs.schema import PACK
from linter.model.schema import FORM, LABEL_ALIASES
from linter.base.validate import assert_supported, explain, is_valid, suggest

from support import doc_paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.toml"))]
PACKS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(builtin_packs_dir().glob("*.toml"))]


def cerberus_ok(doc, schema):
    return cerberus.Validator(schema).validate(doc, normalize=False)


def test_schemas_use_only_rules_the_fast_path_knows():
    assert_supported(FORM, "FORM")
    assert_supported(PACK, "PACK")
    with pytest.raises(ValueError):
        assert_supported({"a": {"type": "string", "regex": "x+"}})


@pytest.mark.parametrize("doc", DOCS + PACKS)
def test_shipped_documents_agree(doc):
    schema = PACK if "pack" in doc else FORM
    assert is_valid(doc, schema) is True
    assert cerberus_ok(doc, schema) is True


BROKEN = [
    {},
    {"kind": "target"},
    {"kind": "nope", "project": {"name": "x"}},
    {"kind": "target", "project": {"name": 1}},
    {"kind": "target", "project": {"name": "x", "units": "甲"}},
    {"kind": "target", "project": {"name": "x", "units": ["甲", 2]}},
    {"kind": "target", "project": {"name": "x"}, "indicators": [{"level1": "a", "level2": "b"}]},
    {"kind": "target", "project": {"name": "x"}, "indicators": [{"level1": "a", "level2": "b", "name": "n", "weight": "2"}]},
    {"kind": "target", "project": {"name": "x"}, "indicators": [{"level1": "a", "level2": "b", "name": "n", "weight": True}]},
    {"kind": "target", "project": {"name": "x"}, "indicators": {"level1": "a"}},
    {"kind": "target", "project": {"name": "x"}, "contracts": [{"start": "2022-01-01"}]},
    {"kind": "target", "project": {"name": "x"}, "contracts": [{"start": dt.date(2022, 1, 1), "payments": [{"paid": "1"}]}]},
    {"kind": "target", "project": {"name": "x"}, "weights": {"产出指标": "40"}},
    {"kind": "target", "project": {"name": "x"}, "format": 2},
    {"kind": "target", "project": {"name": "x"}, "budget": {"unit": "千元"}},
    {"kind": "target", "project": {"name": "x"}, "nmae": 1},
    {"kind": "target", "project": {"name": "x"}, "indicators": [{"level1": "a", "level2": "b", "name": "n", "by_unit": {"甲": [1]}}]},
    {"kind": "target", "project": {"name": "x", "year": 2022.5}},
]


@pytest.mark.parametrize("doc", BROKEN)
def test_broken_documents_agree_and_are_explained(doc):
    assert is_valid(doc, FORM) is False
    assert cerberus_ok(doc, FORM) is False
    problems = explain(doc, FORM, LABEL_ALIASES)
    assert problems, doc


def test_explain_names_paths_and_suggestions():
    doc = {"kind": "target", "project": {"name": "x", "nmae": "y"},
           "indicators": [{"level1": "a", "level2": "b", "name": "n", "年度指标值": "1", "weight": "2"}]}
    problems = {(p.path, p.kind): p.vars for p in explain(doc, FORM, LABEL_ALIASES)}
    assert problems[(("project", "nmae"), "unknown")]["suggestion"] == "name"
    assert problems[(("indicators", 0, "年度指标值"), "unknown")]["suggestion"] == "target"
    assert problems[(("indicators", 0, "weight"), "type")]["expected"]["zh"].startswith("数字")


def test_suggest():
    assert suggest("taget", ["target", "actual"]) == "target"
    assert suggest("Target", ["target"]) == "target"
    assert suggest("zzz", ["target"]) is None
    assert suggest("实际完成值", ["actual"], LABEL_ALIASES) == "actual"


# --- generated documents: mutate a valid form and compare the two validators

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
                     st.text(max_size=5), st.dates(), st.builds(list), st.builds(dict),  # fresh each draw: a case may add to it
                     st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def _set(doc, path, value):
    target = doc
    for seg in path[:-1]:
        target = target[seg]
    target[path[-1]] = value


@given(data=st.data())
def test_fast_path_agrees_with_cerberus_on_mutations(data):
    doc = copy.deepcopy(data.draw(st.sampled_from(DOCS)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in doc_paths(doc) if p]
        path = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        parent = doc
        for seg in path[:-1]:
            parent = parent[seg]
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["name", "target", "zzz", "weight", "units", "due"]))] = data.draw(_SCALARS)
        else:
            _set(doc, path, data.draw(_SCALARS))
    assert is_valid(doc, FORM) == cerberus_ok(doc, FORM)
