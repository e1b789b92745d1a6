"""The reader's fast paths give exactly what the plain interpreters give.

`lenient._coerce` walks compiled coercers that skip values already of the
type their field wants; `validate.is_valid` lets such values through
without a call. Both are held here to the straightforward versions they
replaced (`_reference_coerce` is the interpreter lenient used before).
"""
import copy
import datetime as dt
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from hypothesis import given, strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from linter.base import validate
from linter.base.sourcemap import format_path
from linter.model import printed
from linter.model.schema import FORM
from linter.model.values import format_number
from linter.readers import lenient

from support import doc_paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").rglob("*.toml"))]


def _reference_coerce(value, rules, path, unit, notes, fmt_path):
    types = rules.get("type")
    if types == "string" and type(value) is str:
        return value
    types = [types] if isinstance(types, str) else list(types or [])
    if types == ["dict"] and isinstance(value, MutableMapping):
        schema = rules.get("schema")
        if isinstance(schema, Mapping):
            for key in list(value):
                if key in schema:
                    value[key] = _reference_coerce(value[key], schema[key], path + (key,), unit, notes, fmt_path)
        elif "valuesrules" in rules:
            for key in list(value):
                value[key] = _reference_coerce(value[key], rules["valuesrules"], path + (key,), unit, notes, fmt_path)
        return value
    if types == ["list"] and isinstance(value, str) and (rules.get("schema") or {}).get("type") == "string":
        return [value]
    if types == ["list"] and isinstance(value, list):
        item_rules = rules.get("schema") or {}
        for i, item in enumerate(value):
            value[i] = _reference_coerce(item, item_rules, path + (i,), unit, notes, fmt_path)
        return value
    if types in (["number"], ["integer"]):
        return lenient._figure(value, types[0], path, unit, notes, fmt_path)
    if types == ["date"]:
        found = printed.date(value)
        return found if found is not None else value
    if types == ["string"] and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return value


def _same(a, b):
    """Equal, and of the same types all the way down (1, 1.0 and True are not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)


# Values as forms print them: figures with units and separators, points,
# years, dates in words or as Excel serials, numbers where text is wanted.
_PRINTED = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 50000), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["250万", "3,000元", "854万(其中结转10万)", "1.5亿元", "20分", "20%", "２０．５",
                     "2022年度", "2022年", "2022", "第3期", "2022年1月31日", "2022/1/31", "44592",
                     "无", "", " ", "-", "abc", "12人", "1.2.3"]),
    st.text(max_size=6), st.dates(), st.datetimes(), st.builds(list), st.builds(dict),  # fresh each draw: a case may write into it
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.one_of(st.integers(), st.sampled_from(["10分", "3万"])), max_size=2))

_KEYS = ["name", "target", "actual", "weight", "score", "units", "due", "year", "amount", "paid",
         "initial", "installment", "start", "by_unit", "values", "weights", "code", "zzz", "unit"]


@given(data=st.data())
def test_compiled_coercion_is_the_interpreter(data):
    doc = copy.deepcopy(data.draw(st.sampled_from(DOCS)))
    for _ in range(data.draw(st.integers(0, 4))):
        path = data.draw(st.sampled_from(list(doc_paths(doc))))
        target = doc
        for seg in path:
            target = target[seg]
        if isinstance(target, dict) and data.draw(st.booleans()):
            target[data.draw(st.sampled_from(_KEYS))] = data.draw(_PRINTED)
        elif path:
            parent = doc
            for seg in path[:-1]:
                parent = parent[seg]
            parent[path[-1]] = data.draw(_PRINTED)
    unit = data.draw(st.sampled_from(["万元", "元"]))
    expected, got = copy.deepcopy(doc), copy.deepcopy(doc)
    expected_notes, got_notes = {}, {}
    rules = {"type": "dict", "schema": FORM}
    expected = _reference_coerce(expected, rules, (), unit, expected_notes, format_path)
    got = lenient._coerce(got, lenient._FORM_RULES, (), unit, got_notes, format_path)
    assert _same(got, expected)
    assert got_notes == expected_notes


@given(value=_PRINTED, rules=st.sampled_from([
    {"type": "string"}, {"type": "number"}, {"type": "integer"}, {"type": "date"},
    {"type": ["string", "number"]}, {"type": "list", "schema": {"type": "string"}},
    {"type": "dict", "valuesrules": {"type": "number"}}, {"type": "dict", "schema": FORM["project"]["schema"]}]),
    key=st.sampled_from(["year", "amount", "weight", "x"]))
def test_each_coercer_is_the_interpreter(value, rules, key):
    path = ("budget", key)
    expected_notes, got_notes = {}, {}
    expected = _reference_coerce(copy.deepcopy(value), rules, path, "万元", expected_notes, format_path)
    got = lenient._coerce(copy.deepcopy(value), rules, path, "万元", got_notes, format_path)
    assert _same(got, expected) and got_notes == expected_notes


_SAMPLES = [None, "", "x", 0, 1, -3, True, False, 0.0, 2.5, float("inf"), {}, {"a": 1}, [], [1], (), ("a",),
            dt.date(2022, 1, 31), dt.datetime(2022, 1, 31, 8, 0), b"x", {1}, object()]


def test_passing_types_pass_their_type_test():
    for name, passing in validate._PASSING.items():
        check = validate._type_check(name)
        for sample in _SAMPLES:
            if type(sample) in passing:
                assert check(sample), (name, sample)
        assert {type(s) for s in _SAMPLES if s is not None and check(s)} >= passing, name


def test_a_field_with_more_than_a_type_has_no_passing_types():
    for rules in ({"type": "string", "allowed": ["a"]}, {"type": "number", "min": 0},
                  {"type": "list", "schema": {"type": "string"}}, {"type": "string", "maxlength": 3},
                  {"type": "dict", "keysrules": {"type": "string"}}, {"type": "dict", "valuesrules": {"type": "number"}}):
        assert validate._compile_rules(rules)[1] == frozenset(), rules
    assert validate._compile_rules({"type": ["string", "number"], "required": True})[1] == {str, int, float}


def test_form_facts_keep_every_field_as_before():
    from linter.model.form import Form
    from linter.model.history import _INDICATOR_FIELDS, _plain, form_facts

    odd = {"name": "n", "target": dt.date(2022, 1, 31), "actual": [1, "a"], "unit": None,
           "scope": True, "comparator": 2.5, "level1": {"a": 1}, "level2": ""}
    for doc in DOCS + [{"indicators": [odd, {"name": " "}, "x", {"name": 3}, {"name": "m", "target": 1}]}]:
        form = Form("f.toml", copy.deepcopy(doc))
        expected = [{k: _plain(i.get(k)) for k in _INDICATOR_FIELDS if i.get(k) is not None}
                    for i in doc.get("indicators") or []
                    if isinstance(i, Mapping) and isinstance(i.get("name"), str) and i["name"].strip()]
        got = form_facts(form, "f.toml")["indicators"]
        assert got == expected and [list(f) for f in got] == [list(f) for f in expected]
        assert all(_same(a[k], b[k]) for a, b in zip(got, expected) for k in a)
