"""No form is lost to one odd value.

Every reader (TOML, workbook, table) hands its document here before it
becomes a `Form`:

1. **Printed values are read, not rejected.** A figure printed the way real
   forms print it becomes the type the format wants (`model/printed.py`):
   money with 万/万元/元 and thousands separators, points as `20%`/`20分`,
   full-width digits, years as `2022年度`, dates as `2022年1月31日` or an
   Excel serial, numbers where text is expected (`name = 88`).
2. **What still does not fit costs that value only.** A value of the wrong
   shape is an E002 at its field (or cell), not blocking; the value is
   treated as absent and every rule runs on the rest. A missing required
   field is an E002 too (a missing project name a warning: the form is
   checked under its file or sheet name); a missing `kind` is inferred from
   what the form holds.

The TOML schema stays the contract: this is lenient about how a value is
printed, never about what it means.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, MutableMapping
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from linter.base.memo import ByIdentity
from linter.base.validate import explain, is_valid
from linter.model import printed
from linter.model.names import points_in_name
from linter.model.schema import FORM, KIND_NAMES, KINDS, LABEL_ALIASES, printed_label
from linter.model.values import format_number
from linter.readers import InputProblem

Path_ = Tuple[Any, ...]

# Number fields that hold money (in the form's unit); the other number
# fields hold points.
MONEY_KEYS = frozenset({"initial", "adjusted", "received", "actual", "amount", "paid"})
POINT_CONTAINERS = frozenset({"weights"})
# A document holding none of these is not a form (an empty file, a tool's settings).
FORM_MARKERS = ("kind", "project", "indicators", "budget", "format")
# The document's own rules: one constant, so its coercer is compiled once.
_FORM_RULES = {"type": "dict", "schema": FORM}


def settle(doc: MutableMapping[str, Any], locate: Callable[[str], Tuple[Optional[str], Optional[str], Optional[int], Optional[int]]],
           fmt_path: Callable[[Path_], str], labels: Optional[Mapping[str, str]] = None) -> Tuple[List[InputProblem], Dict[str, str]]:
    """Read the printed values of `doc` in place; return the problems (none
    blocking) and notes (path -> text printed beside a figure).

    `locate(path)` gives (sheet, cell, line, column) for a path string.
    `labels` is given for a workbook or table: it maps a field (a path
    without indexes, `indicators.target`) to the header printed for it, and
    the problems then speak of printed labels and cells (variants `cell-…`),
    never of TOML keys."""
    problems: List[InputProblem] = []
    notes: Dict[str, str] = {}
    if not any(key in doc for key in FORM_MARKERS):
        # an empty file, or some other TOML (a tool's settings): not a form at all
        return [InputProblem("E002", "root", {}, "")], notes
    budget = doc.get("budget")
    printed_unit = budget.get("unit") if isinstance(budget, Mapping) else None
    unit: str = printed_unit if printed_unit in ("万元", "元") else "万元"
    _coerce(doc, _FORM_RULES, (), unit, notes, fmt_path)
    _points_in_names(doc, notes)
    _infer_kind(doc, problems, locate)
    if is_valid(doc, FORM):
        return problems, notes
    for p in explain(doc, FORM, LABEL_ALIASES):
        path = fmt_path(p.path)
        sheet, cell, line, column = locate(path)
        where: Dict[str, Any] = dict(sheet=sheet, cell=cell, line=line, column=column)
        shown = dict(p.vars)
        cells = labels is not None
        if labels is not None:
            shown["key"] = printed_label(path, labels) + (f"（{sheet}!{cell}）" if cell else "")
            if p.kind == "type":
                shown["expected"] = _CELL_TYPES.get(_first_type(p), shown.get("expected"))
        prefix = "cell-" if cells else ""
        if p.kind == "unknown":
            variant = "suggest" if p.vars.get("suggestion") else "default"
            problems.append(InputProblem("E003", variant, shown, path, blocking=False, **where))
        elif p.kind == "root":
            problems.append(InputProblem("E002", "root", shown, path, **where))
        elif p.kind == "required":
            if p.path in (("project",), ("project", "name")):
                doc.setdefault("project", {}) if not isinstance(doc.get("project"), Mapping) else None
                problems.append(InputProblem("E002", prefix + "no-name", shown, path, blocking=False,
                                             severity="warning", **where))
            elif p.path == ("kind",):
                continue  # inferred above
            elif p.path[-1:] == ("level2",) and _no_level2(doc):
                continue  # a layout without 二级: E004 says so once, not an E002 per row
            else:
                problems.append(InputProblem("E002", prefix + "required", shown, path, blocking=False, **where))
        else:
            _drop(doc, p.path)
            variant = prefix + p.kind if p.kind in ("type", "allowed") else p.kind
            problems.append(InputProblem("E002", variant, shown, path, blocking=False, **where))
    if not isinstance(doc.get("project"), Mapping):
        doc["project"] = {}
    return problems, notes


_CELL_TYPES = {
    "number": {"zh": "数字", "en": "a number"}, "integer": {"zh": "整数", "en": "a whole number"},
    "date": {"zh": "日期（如 2022-01-31）", "en": "a date (e.g. 2022-01-31)"},
    "string": {"zh": "文字", "en": "text"}, "list": {"zh": "文字", "en": "text"},
}
def _first_type(problem) -> str:
    expected = problem.vars.get("expected")
    text = expected.get("en", "") if isinstance(expected, Mapping) else ""
    for name, words in (("number", "number"), ("integer", "whole"), ("date", "date"), ("list", "list"),
                        ("string", "text")):
        if words in text:
            return name
    return ""


def _no_level2(doc: Mapping[str, Any]) -> bool:
    """No indicator prints a 二级 while they print their 一级 (E004 tells it once)."""
    indicators = doc.get("indicators")
    rows = indicators if isinstance(indicators, list) else []
    return (bool(rows) and all(isinstance(r, Mapping) and not str(r.get("level2") or "").strip()
                               and str(r.get("level1") or "").strip() for r in rows))


# A coercer reads the printed values of one value under its rules, in place
# where the value is a table or a list: fn(value, path, unit, notes, fmt_path).
Coercer = Callable[[Any, Path_, str, Dict[str, str], Callable[[Path_], str]], Any]


def _coerce(value: Any, rules: Mapping, path: Path_, unit: str, notes: Dict[str, str],
            fmt_path: Callable[[Path_], str]) -> Any:
    """`value` as the type `rules` wants, where its printed form can be read."""
    coercer, kept = _coercer(rules)
    if coercer is None or type(value) in kept:
        return value
    return coercer(value, path, unit, notes, fmt_path)


# Each schema's rules are compiled once into nested closures (the rules are
# module constants, as in base/validate.py). Rules must not change once used.
_COERCERS: ByIdentity[Tuple[Optional[Coercer], FrozenSet[type]]] = ByIdentity(lambda rules: _compile(rules), 512)


def _coercer(rules: Mapping) -> Tuple[Optional[Coercer], FrozenSet[type]]:
    """The coercer for `rules` (None when it never changes a value) and the
    exact types it returns unchanged, so a walk can skip the call for them:
    most values of a form already have the type their field wants."""
    return _COERCERS(rules)


_NOTHING: FrozenSet[type] = frozenset()


def _compile(rules: Mapping) -> Tuple[Optional[Coercer], FrozenSet[type]]:
    declared = rules.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    if types == ["dict"]:
        return _compile_dict(rules)
    if types == ["list"]:
        return _compile_list(rules)
    if types in (["number"], ["integer"]):
        kind = types[0]

        def figure(value, path, unit, notes, fmt_path):
            return _figure(value, kind, path, unit, notes, fmt_path)
        # _figure keeps a bool, and an int or float for a number, an int for an integer
        return figure, frozenset({bool, int, float} if kind == "number" else {bool, int})
    if types == ["date"]:
        def date(value, path, unit, notes, fmt_path):
            found = printed.date(value)
            return found if found is not None else value
        return date, frozenset({_dt.date})
    if types == ["string"]:
        def text(value, path, unit, notes, fmt_path):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return format_number(value)
            return value
        return text, frozenset({str})
    return None, _NOTHING  # several types (text or a number): kept as printed


def _compile_dict(rules: Mapping) -> Tuple[Optional[Coercer], FrozenSet[type]]:
    schema = rules.get("schema")
    if isinstance(schema, Mapping):
        fields = {}
        for key, sub in schema.items():
            coercer, kept = _coercer(sub)
            if coercer is not None:
                fields[key] = (coercer, kept)
        if not fields:
            return None, _NOTHING
        field = fields.get

        def table(value, path, unit, notes, fmt_path):
            if type(value) is not dict and not isinstance(value, MutableMapping):
                return value
            for key, item in list(value.items()):
                entry = field(key)
                if entry is not None and type(item) not in entry[1]:
                    value[key] = entry[0](item, path + (key,), unit, notes, fmt_path)
            return value
        return table, _NOTHING
    if "valuesrules" in rules:
        each, kept = _coercer(rules["valuesrules"])
        if each is None:
            return None, _NOTHING

        def values(value, path, unit, notes, fmt_path):
            if type(value) is not dict and not isinstance(value, MutableMapping):
                return value
            for key, item in list(value.items()):
                if type(item) not in kept:
                    value[key] = each(item, path + (key,), unit, notes, fmt_path)
            return value
        return values, _NOTHING
    return None, _NOTHING


def _compile_list(rules: Mapping) -> Tuple[Optional[Coercer], FrozenSet[type]]:
    item_rules = rules.get("schema") or {}
    alone = item_rules.get("type") == "string"
    each, kept = _coercer(item_rules)
    if each is None and not alone:
        return None, _NOTHING

    def items(value, path, unit, notes, fmt_path):
        if alone and isinstance(value, str):
            return [value]  # one site printed alone: units = "甲社区"
        if each is not None and isinstance(value, list):
            for i, item in enumerate(value):
                if type(item) not in kept:
                    value[i] = each(item, path + (i,), unit, notes, fmt_path)
        return value
    return items, _NOTHING


def _figure(value: Any, kind: str, path: Path_, unit: str, notes: Dict[str, str],
            fmt_path: Callable[[Path_], str]) -> Any:
    if isinstance(value, bool):
        return value
    if kind == "integer":
        found = printed.year(value) if path[-1:] == ("year",) else printed.integer(value)
        return found if found is not None else value
    if not isinstance(value, str):
        return value
    if printed.is_blank(value):
        return value  # reported as a wrong type, then treated as absent
    key = path[-1] if path else ""
    is_money = key in MONEY_KEYS and not (path and path[0] in POINT_CONTAINERS)
    if is_money:
        money = printed.money(value, unit)
        if money is None:
            return value
        if money.note or money.printed_unit:
            notes[fmt_path(path)] = value
        return money.amount
    points = printed.points(value)
    return points if points is not None else value


def _points_in_names(doc: MutableMapping[str, Any], notes: Dict[str, str]) -> None:
    """学生受资助人数(10分): points printed in a name are the indicator's
    weight when no weight is printed (the name shown in messages drops them)."""
    indicators = doc.get("indicators")
    if not isinstance(indicators, list):
        return
    for i, ind in enumerate(indicators):
        # a dict first: isinstance of an ABC costs ten times more
        if type(ind) is not dict and not isinstance(ind, MutableMapping) or ind.get("weight") is not None:
            continue
        value = points_in_name(ind.get("name"))
        if value is not None:
            ind["weight"] = int(value) if value.is_integer() else value
            notes[f"indicators[{i}].weight"] = f"({format_number(value)}分)"


def _infer_kind(doc: MutableMapping[str, Any], problems: List[InputProblem], locate) -> None:
    if doc.get("kind") in KINDS:
        return
    listed = doc.get("indicators")
    indicators = listed if isinstance(listed, list) else []
    evaluated = any(isinstance(i, Mapping) and (i.get("actual") is not None or i.get("score") is not None)
                    for i in indicators)
    # progress so far and no actuals: a monitoring form (绩效运行监控表)
    monitored = not evaluated and any(isinstance(i, Mapping) and i.get("progress") is not None
                                      for i in indicators)
    inferred = "self-evaluation" if evaluated else "monitoring" if monitored else "target"
    got = doc.get("kind")
    doc["kind"] = inferred
    sheet, cell, line, column = locate("kind")
    problems.append(InputProblem("E002", "kind-inferred",
                                 {"key": "kind", "got": "" if got is None else str(got)[:40],
                                  "kind": KIND_NAMES[inferred]},
                                 "kind", blocking=False, severity="warning",
                                 sheet=sheet, cell=cell, line=line, column=column))


def _drop(doc: MutableMapping[str, Any], path: Sequence[Any]) -> None:
    """Treat the value at `path` as absent. A table inside a list becomes an
    empty table, so the positions of its neighbours do not move."""
    if not path:
        return
    parent: Any = doc
    for seg in path[:-1]:
        try:
            parent = parent[seg]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(parent, MutableMapping):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if any(isinstance(item, Mapping) for item in parent):
            parent[last] = {}  # a table of an array: keep its neighbours' positions
        else:
            del parent[last]
