"""Checks on the indicators a project must carry: the 共性指标 its type of
spending calls for, and the indicators a scoring profile fixes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, List, Mapping, Optional, Sequence, Tuple

from linter.model.names import clean_name
from linter.checks import Hit, check, contains_any, first_in

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

_WORDS = {"type": "list", "schema": {"type": "string", "maxlength": 200}}
_EXPECTED = {"type": "list", "minlength": 1, "schema": {"type": "dict", "schema": {
    "label": {"type": "string", "required": True, "maxlength": 200},
    "any_of": {"type": "list", "required": True, "minlength": 1,
               "schema": {"type": "string", "minlength": 1, "maxlength": 200}},
}}}

# Where a type may be recognised, in the order they are read, as the form prints them.
_FIELDS = {"name": "项目名称", "goal": "年度总体目标"}


def _names(ctx: Context) -> List[str]:
    return ctx.once("required.names", lambda c: [clean_name(n.get("name", "") or "") for n in c.indicators()])


def _has(names: Sequence[str], words: Sequence[str]) -> bool:
    return any(contains_any(name, words) for name in names)


def _declared_row(declared: str, rows: Sequence[Mapping[str, Any]]) -> Optional[Mapping[str, Any]]:
    wanted = clean_name(declared)
    for row in rows:
        if wanted == row.get("type") or wanted in (row.get("aliases") or ()):
            return row
    return None


def recognise(project: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], fields: Sequence[str],
              whole: Sequence[str] = ()) -> Optional[Tuple[Mapping[str, Any], str, str, str]]:
    """The first row whose `recognise` words appear in the project's `fields`
    (read in that order; the name before the goal), as (row, field, word,
    text). A row's `not_words` are taken out of the text first, so 培训中心建设
    is not a training project; a text with one of its `unless` words is not
    of its type at all (信息系统运维 is upkeep, not building a system); a
    project whose name holds a `whole` word (整体支出: a department's whole
    spending) has no single type."""
    name = clean_name(str(project.get("name") or ""))
    if whole and contains_any(name, whole):
        return None
    for field in fields:
        text = clean_name(str(project.get(field) or ""))
        if not text:
            continue
        for row in rows:
            if contains_any(text, row.get("unless")):
                continue
            bare = text
            for phrase in row.get("not_words") or ():
                if phrase:
                    bare = bare.replace(phrase, "")
            word = first_in(bare, row.get("recognise") or ())
            if word:
                return row, field, word, text
    return None


@check("required_indicators", node="form",
       params={"types": {"type": "string", "required": True},
               "fields": {"type": "list", "default": ["name", "goal"],
                          "schema": {"type": "string", "allowed": list(_FIELDS)}},
               "whole": {"type": "string"}},
       refs={"types": "table", "whole": "list"},
       rows={"types": {"type": {"type": "string", "required": True, "maxlength": 200},
                       "aliases": _WORDS,
                       "recognise": _WORDS,
                       "not_words": _WORDS,
                       "unless": _WORDS,
                       "expects": dict(_EXPECTED, required=True),
                       "basis": {"type": "string", "required": True, "maxlength": 1000}}},
       vars=("type", "missing", "count", "expected", "word", "field", "source"),
       variants=("declared", "recognised"))
def required_indicators(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A project of a known type of spending should carry the indicators a
    reviewer expects of that type (共性指标). `types` names a pack table, one
    row per type: `{type, aliases, recognise, not_words, unless, expects,
    basis}`;
    each of `expects` is `{label, any_of}`, and an indicator whose name
    holds one of the `any_of` words (under any category) counts as it.

    The type is the form's `project.type` when it gives one (variant
    `declared`: `type` or one of `aliases`; a declared type the table does
    not know is left alone, not guessed). Otherwise it is recognised from
    the project's `fields` (default name, then goal): the first row one of
    whose `recognise` words the text holds, once that row's `not_words`
    (培训中心建设, a building) are taken out, and that holds none of its
    `unless` words (variant `recognised`: `word` and `field` say what was
    recognised). A project name with a word of
    the list `whole` (整体支出) has no single type. One finding per form,
    on its indicator table, listing every expected indicator it lacks
    (`missing`, `count`; `expected` lists them all, `source` is the row's
    `basis`). A form with no indicators is left to the other rules.

    Example: project name 2023年基层干部培训经费 with indicators 培训人次 and
    受训人员满意度 fires (recognised “培训”; missing 人均培训成本,
    培训合格率或结业率).
    """
    names = _names(ctx)
    if not names:
        return
    rows = ctx.table(params["types"])
    project = ctx.form.project  # always a mapping
    declared = project.get("type")
    if isinstance(declared, str) and declared.strip():
        row = _declared_row(declared.strip(), rows)
        if row is None:
            return
        variant, field, word = "declared", "项目类型", declared.strip()
    else:
        found = recognise(project, rows, params["fields"], ctx.list(params.get("whole")))
        if found is None:
            return
        row, key, word, _ = found
        variant, field = "recognised", _FIELDS[key]
    expects = row.get("expects") or ()
    missing = [e["label"] for e in expects if not _has(names, e.get("any_of") or ())]
    if missing:
        yield Hit("indicators", {"type": row["type"], "missing": "、".join(missing), "count": len(missing),
                                 "expected": "、".join(e["label"] for e in expects), "word": word,
                                 "field": field, "source": row.get("basis", "")}, variant=variant)


@check("fixed_indicators", node="form",
       params={"fixed": {"type": "string", "required": True}},
       refs={"fixed": "table"},
       rows={"fixed": {"label": {"type": "string", "required": True, "maxlength": 200},
                       "any_of": {"type": "list", "required": True, "minlength": 1,
                                  "schema": {"type": "string", "minlength": 1, "maxlength": 200}},
                       "category": {"type": "string", "maxlength": 200}}},
       vars=("label", "words", "category"))
def fixed_indicators(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Every indicator the scoring profile marks as fixed must be on the
    form: a provincial system that pre-fills core indicators does not let
    them be deleted, so a form without one was edited outside it or lost a
    row. `fixed` names a pack table of rows `{label, any_of, category}`; an
    indicator whose name holds one of `any_of` counts as the row, under any
    category (`category` only says where the system prints it). One finding
    per missing row, on the indicator table; a form with no indicators is
    left to the other rules, and an empty table (the default) fixes nothing.

    Example: a fixed row 服务对象满意度 (any_of 满意度) and a form without a
    满意度 indicator fires.
    """
    names = _names(ctx)
    if not names:
        return
    for row in ctx.table(params["fixed"]):
        words = row.get("any_of") or ()
        if not _has(names, words):
            yield Hit("indicators", {"label": row["label"], "words": "、".join(f"“{w}”" for w in words),
                                     "category": row.get("category", "")})
