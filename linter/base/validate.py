"""Schema validation: a compiled fast path, with cerberus to explain failures.

cerberus is the schema language of the project (forms and packs are described
in its dialect, see `schema.py` and `packs_schema.py`), but importing it costs
~100 ms and validating costs more than parsing. A pre-commit hook runs on
valid files almost always, so the common case is answered by `is_valid`, a
small interpreter of the same schema dict with cerberus's semantics for the
rules we use. Only when it says "invalid" is cerberus imported, and its errors
become problems with exact paths. A test holds the two to agreement on every
test document and on generated ones.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Callable, Dict, FrozenSet, List, NamedTuple, Optional, Tuple, Union

from linter.base.memo import ByIdentity

# The rules `is_valid` understands. A schema using anything else is refused by
# `assert_supported`, so the fast path can never silently disagree.
# `default` is cerberus's normalisation rule: it never fails a document;
# check params declare their defaults with it (filled in by the pack loader).
SUPPORTED_RULES = frozenset({"type", "required", "allowed", "schema", "keysrules",
                             "valuesrules", "min", "max", "minlength", "maxlength", "default"})


def assert_supported(schema: Mapping, where: str = "schema") -> None:
    """Raise ValueError if `schema` uses a rule the fast path does not know."""
    for key, rules in schema.items():
        _assert_rules(rules, f"{where}.{key}")


def _assert_rules(rules: Mapping, where: str) -> None:
    unknown = set(rules) - SUPPORTED_RULES
    if unknown:
        raise ValueError(f"{where}: unsupported cerberus rules {sorted(unknown)}")
    types = rules.get("type")
    for name in ([types] if isinstance(types, str) else types or []):
        _type_check(name)  # raises for a type the fast path does not know
    sub = rules.get("schema")
    if sub is not None:
        if _types(rules) == ["list"]:
            _assert_rules(sub, where + "[]")
        else:
            assert_supported(sub, where)
    for key in ("keysrules", "valuesrules"):
        if key in rules:
            _assert_rules(rules[key], f"{where}.{key}")


def _types(rules: Mapping) -> List[str]:
    t = rules.get("type")
    if t is None:
        return []
    return [t] if isinstance(t, str) else list(t)


def is_valid(document: Any, schema: Mapping) -> bool:
    """True iff cerberus would accept `document` (allow_unknown=False)."""
    if not isinstance(document, Mapping):
        return False
    return _compiled(schema)(document)


# Schemas are module constants (the form, the pack format, each check's
# params), so each is compiled once into nested closures and kept.
_compiled: ByIdentity[Callable[[Mapping], bool]] = ByIdentity(lambda schema: _compile_mapping(schema), 512)


def _compile_mapping(schema: Mapping) -> Callable[[Mapping], bool]:
    """A mapping's keys are all known, its required keys present, and each
    value passes its rules (cerberus's semantics for the rules we use)."""
    fields = {key: _compile_rules(rules) for key, rules in schema.items()}
    required = tuple(key for key, rules in schema.items() if rules.get("required"))
    get = fields.get

    def mapping_ok(doc: Mapping) -> bool:
        for key in required:
            if key not in doc:
                return False
        for key, value in doc.items():
            field = get(key)
            if field is None:
                return False
            if type(value) not in field[1] and not field[0](value):
                return False
        return True

    return mapping_ok


_TYPE_CLASSES: Dict[str, Union[type, Tuple[type, ...]]] = {"string": str, "integer": int, "float": (float, int), "boolean": bool,
                 "dict": Mapping, "date": _dt.date, "datetime": _dt.datetime}


# The exact types each type test accepts whatever the value: a field whose
# rules hold nothing but its type passes a value of one of them without a
# call (most fields of a valid form). A test holds them to `_type_check`.
_PASSING: Dict[str, FrozenSet[type]] = {
    "string": frozenset({str}), "integer": frozenset({int, bool}), "float": frozenset({float, int, bool}),
    "number": frozenset({int, float}), "boolean": frozenset({bool}), "dict": frozenset({dict}),
    "date": frozenset({_dt.date, _dt.datetime}), "datetime": frozenset({_dt.datetime}),
    "list": frozenset({list, tuple})}


def _type_check(name: str) -> Callable[[Any], bool]:
    # Mirrors cerberus.Validator.types_mapping (1.3). A dict is a Mapping and
    # a list a Sequence: their exact types are tried first, an ABC's
    # isinstance costs ten times more.
    if name == "number":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if name == "list":
        return lambda v: type(v) is list or isinstance(v, Sequence) and not isinstance(v, str)
    if name == "dict":
        return lambda v: type(v) is dict or isinstance(v, Mapping)
    if name not in _TYPE_CLASSES:
        raise ValueError(f"unsupported type {name!r}")
    cls = _TYPE_CLASSES[name]
    return lambda v: isinstance(v, cls)


def _compile_value(rules: Mapping) -> Callable[[Any], bool]:
    return _compile_rules(rules)[0]


def _compile_rules(rules: Mapping) -> Tuple[Callable[[Any], bool], FrozenSet[type]]:
    """The test of a value under `rules`, and the exact types that pass it
    whatever the value (none unless the rules test only the type)."""
    steps: List[Callable[[Any], bool]] = []
    types = _types(rules)
    if types:
        tests = [_type_check(t) for t in types]
        if len(tests) == 1:
            steps.append(tests[0])
        else:
            steps.append(lambda v: any(t(v) for t in tests))
    allowed = rules.get("allowed")
    if allowed is not None:
        def allowed_ok(v):
            if isinstance(v, (str, int, float)):
                return v in allowed
            if isinstance(v, Sequence):
                return all(item in allowed for item in v)
            return True
        steps.append(allowed_ok)
    if "min" in rules or "max" in rules:
        has_min, has_max = "min" in rules, "max" in rules
        low, high = rules.get("min"), rules.get("max")

        def bounds_ok(v):
            try:
                if has_min and v < low:
                    return False
                if has_max and v > high:
                    return False
            except TypeError:
                return False
            return True
        steps.append(bounds_ok)
    if "minlength" in rules or "maxlength" in rules:
        shortest, longest = rules.get("minlength"), rules.get("maxlength")

        def length_ok(v):
            try:
                size = len(v)
            except TypeError:
                return True
            if shortest is not None and size < shortest:
                return False
            if longest is not None and size > longest:
                return False
            return True
        steps.append(length_ok)
    sub = rules.get("schema")
    if sub is not None:
        # The sub-schema is a mapping's when the value is a mapping, an item's
        # when it is a sequence; each is compiled on first use.
        compiled: Dict[str, Callable[[Any], bool]] = {}

        def schema_ok(v):
            if type(v) is dict or isinstance(v, Mapping):
                check = compiled.get("mapping")
                if check is None:
                    check = compiled["mapping"] = _compile_mapping(sub)
                return check(v)
            if isinstance(v, Sequence) and not isinstance(v, str):
                check = compiled.get("item")
                if check is None:
                    check = compiled["item"] = _compile_value(sub)
                for item in v:
                    if not check(item):
                        return False
            return True
        steps.append(schema_ok)
    if "keysrules" in rules:
        keys_check = _compile_value(rules["keysrules"])
        steps.append(lambda v: not isinstance(v, Mapping) or all(keys_check(k) for k in v))
    if "valuesrules" in rules:
        values_check = _compile_value(rules["valuesrules"])
        steps.append(lambda v: not isinstance(v, Mapping) or all(values_check(x) for x in v.values()))

    passing: FrozenSet[type] = frozenset()
    if types and len(steps) == 1:
        passing = passing.union(*(_PASSING[t] for t in types))
    if len(steps) == 1:
        only = steps[0]

        def value_ok(v):
            return v is not None and only(v)
    else:
        def value_ok(v):
            if v is None:
                return False  # cerberus: nullable defaults to False
            for step in steps:
                if not step(v):
                    return False
            return True
    return value_ok, passing


# --- explaining a failure with cerberus ------------------------------------

TYPE_NAMES = {
    "string": {"zh": "文本（加引号）", "en": "text (quoted)"},
    "number": {"zh": "数字（不加引号）", "en": "a number (unquoted)"},
    "integer": {"zh": "整数", "en": "a whole number"},
    "float": {"zh": "数字", "en": "a number"},
    "boolean": {"zh": "true 或 false", "en": "true or false"},
    "list": {"zh": "列表，如 [\"甲\", \"乙\"]", "en": "a list, e.g. [\"a\", \"b\"]"},
    "dict": {"zh": "表（[表名] 或 { 键 = 值 }）", "en": "a table ([name] or { key = value })"},
    "date": {"zh": "日期（不加引号，如 2022-01-31）", "en": "a date (unquoted, e.g. 2022-01-31)"},
    "datetime": {"zh": "日期时间", "en": "a date-time"},
}


class Problem(NamedTuple):
    """One schema problem at one path, ready for a rule's message."""

    path: Tuple[Any, ...]
    kind: str               # unknown | required | type | allowed | value | root
    vars: Mapping[str, Any] = MappingProxyType({})


def _join(types: List[str], lang: str) -> str:
    sep = " 或 " if lang == "zh" else " or "
    return sep.join(TYPE_NAMES.get(t, {}).get(lang, t) for t in types)


def _schema_at(schema: Mapping, path: Tuple[Any, ...]) -> Optional[Mapping]:
    """The mapping schema that holds the last key of `path`."""
    current: Any = {"type": "dict", "schema": schema}
    for seg in path[:-1]:
        if isinstance(seg, int):
            current = current.get("schema") if _types(current) == ["list"] else None
        else:
            mapping = current.get("schema") if current else None
            current = mapping.get(seg) if isinstance(mapping, Mapping) else None
        if current is None:
            return None
    if current and _types(current) != ["list"]:
        return current.get("schema")
    return None


def suggest(key: str, known: List[str], aliases: Optional[Mapping] = None) -> Optional[str]:
    """The nearest known key for a misspelt or translated one."""
    if aliases and key in aliases and aliases[key] in known:
        return aliases[key]
    lowered = {k.lower(): k for k in known}
    if key.lower() in lowered:
        return lowered[key.lower()]
    import difflib  # only when a key is unknown
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def explain(document: Any, schema: Mapping, aliases: Optional[Mapping] = None) -> List[Problem]:
    """Run cerberus and turn each of its leaf errors into a Problem."""
    if not isinstance(document, Mapping):
        return [Problem((), "root", {})]
    import cerberus  # deferred: ~100 ms, only paid when a document is invalid
    from cerberus import errors as ce

    validator = cerberus.Validator(schema)
    if validator.validate(document, normalize=False):
        return []
    problems: List[Problem] = []

    def walk(errs):
        for err in errs:
            if err.is_group_error:
                walk(err.child_errors)
                continue
            path = tuple(err.document_path)
            if err.code == ce.UNKNOWN_FIELD.code:
                key = str(path[-1]) if path else ""
                sub = _schema_at(schema, path) or {}
                hint = suggest(key, sorted(sub), aliases)
                problems.append(Problem(path, "unknown", {"key": key, "suggestion": hint or ""}))
            elif err.code == ce.REQUIRED_FIELD.code:
                problems.append(Problem(path, "required", {"key": str(path[-1]) if path else ""}))
            elif err.code == ce.BAD_TYPE.code:
                types = [err.constraint] if isinstance(err.constraint, str) else list(err.constraint)
                problems.append(Problem(path, "type", {
                    "key": str(path[-1]) if path else "",
                    "expected": {"zh": _join(types, "zh"), "en": _join(types, "en")},
                    "got": _preview(err.value),
                }))
            elif err.code in (ce.UNALLOWED_VALUE.code, ce.UNALLOWED_VALUES.code):
                allowed = " / ".join(str(a) for a in (err.constraint or []))
                problems.append(Problem(path, "allowed", {
                    "key": str(path[-1]) if path else "", "allowed": allowed,
                    "got": _preview(err.value)}))
            else:
                problems.append(Problem(path, "value", {
                    "key": str(path[-1]) if path else "", "got": _preview(err.value),
                    "rule": str(err.rule or "")}))

    walk(validator._errors)  # cerberus keeps the error tree here; the public
    # `errors` property flattens it to prose and loses the codes we map.
    problems.sort(key=lambda p: tuple(str(s) for s in p.path))
    return problems


def _preview(value: Any, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PROBLEM_ZH = {"unknown": "未知字段", "required": "缺少必填字段", "type": "类型应为",
               "allowed": "取值不在允许范围内", "value": "取值无效", "root": "不是一个表"}


def describe(problem: Problem, unknown: str = "未知字段") -> str:
    """One schema problem of a pack, template or configuration, in the words
    its author needs (Chinese, with the nearest known key when there is one).
    `unknown` names what an unknown key is (字段, 配置项…)."""
    text = unknown if problem.kind == "unknown" else _PROBLEM_ZH.get(problem.kind, problem.kind)
    if problem.kind == "type":
        text += problem.vars["expected"]["zh"]
    elif problem.kind == "allowed":
        text += "：" + problem.vars["allowed"]
    if problem.vars.get("suggestion"):
        text += f"（是否应为 {problem.vars['suggestion']}？ did you mean {problem.vars['suggestion']}?）"
    return text
