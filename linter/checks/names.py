"""Checks on 三级指标 names."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, Mapping

import re

from linter.base.lazyre import lazy
from linter.base.memo import short_text_memo
from linter.model.names import clean_name, duplicate_key
from linter.model.values import (COUNT_UNITS, any_placeholder, blank_kind, format_number, is_placeholder,
                                 parse, unit_prompt)
from linter.checks import Hit, check, contains_any

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node


@check("measurable_name", node="indicator",
       params={"measures": {"type": "string", "required": True},
               "principles": {"type": "string"},
               "money_words": {"type": "string"},
               "examples": {"type": "string"}},
       refs={"measures": "list", "principles": "list", "money_words": "list", "examples": "table"},
       rows={"examples": {"level2": {"type": "string", "required": True, "maxlength": 200},
                          "zh": {"type": "string", "required": True, "maxlength": 500},
                          "en": {"type": "string", "required": True, "maxlength": 500}}},
       vars=("clean", "figure", "example"),
       variants=("period", "item", "principle", "money"))
def measurable_name(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A name must say what is measured: it holds a word from the pack list
    `measures` (率, 数量, 次数, 人数, 情况, 时间, 成本, 满意度…), or its target
    is a figure with a unit, which says it for the name (开展小组活动 / 17节).
    A slogan with a prose target says nothing measurable.

    Whatever words it holds, a name is not a measure when it is only a date
    or period (2022年全年, `period`), starts with the quantity of the thing
    bought (一个存储备份器, `item`: the figure belongs in the target), states
    a working principle (以…为…原则: the pack list `principles` of endings,
    `principle`), or names a sum of money (the list `money_words`: 物业费)
    while its target counts things (8个, `money`).

    `example` is what a good name looks like for the indicator's own 二级:
    the row of the pack table `examples` (`{level2, zh, en}`) for it, else
    the row whose level2 is `*` — so the advice on a health indicator never
    speaks of community centres.

    Example: name = "社区党群服务中心的运转", target = "符合市区相关要求"
    fires; "社区党群服务中心运转达标率" does not.
    """
    name = clean_name(node.get("name", ""))
    if not name:
        return
    hit = _not_a_measure(name, node, params, ctx)
    if hit is not None:
        yield hit
        return
    if contains_any(name, ctx.list(params["measures"])):
        return
    target = ctx.value(node, "target")
    if target.is_quantified and (target.unit or target.kind == "deadline"):
        return
    if target.kind in ("not-applicable", "empty") and blank_kind(node.get("name")) in ("not-applicable", "empty"):
        return
    yield Hit(f"{node.path}.name", {"clean": name, "example": _example(node, params, ctx)})


def _example(node, params, ctx):
    """The `examples` row for the indicator's 二级 ({zh, en}), or the `*` row."""
    rows = {row["level2"]: row for row in ctx.table(params.get("examples"))}
    row = rows.get(ctx.level2(node) or "") or rows.get("*")
    return {"zh": row["zh"], "en": row["en"]} if row else ""


_LEADING_COUNT_RE = re.compile(r"^(?:[一二两三四五六七八九十]|\d+)(?:个|台|套|辆|部|间|座|项|批)")


def _not_a_measure(name, node, params, ctx):
    # only a name that starts with a digit can be a bare period: parse no other
    named = parse(name) if name[:1].isdigit() else None
    if named is not None and named.kind == "deadline" and not named.context:
        return Hit(f"{node.path}.name", {"clean": name, "figure": named.raw}, variant="period")
    m = _LEADING_COUNT_RE.match(name)
    if m and len(name) > len(m.group(0)) + 1:
        return Hit(f"{node.path}.name", {"clean": name, "figure": m.group(0)}, variant="item")
    if name.startswith("以") and any(name.endswith(e) for e in ctx.list(params.get("principles"))):
        return Hit(f"{node.path}.name", {"clean": name, "figure": ""}, variant="principle")
    target = ctx.value(node, "target")
    money = ctx.list(params.get("money_words"))
    if money and any(name.endswith(w) for w in money) and target.kind == "quantity" \
            and target.unit in COUNT_UNITS and not target.per:
        return Hit(f"{node.path}.name", {"clean": name, "figure": target.raw}, variant="money")
    return None


@check("unique_indicators", node="form",
       vars=("name", "first", "first_target"))
def unique_indicators(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The same 三级指标 must not appear twice. Names are compared after
    dropping printed points (2分), numbering (指标1：) and punctuation; rows
    that are only 不适用 are ignored, and so are names with no word at all
    (88, 20: figures run into the name cell, an empty row rather than a
    repeated one; N001 names those). One finding per repeat, on the repeat.
    Example: two rows named 开展文艺演出场次 fire once (on the second).
    """
    seen: Dict[str, Node] = {}
    for ind in ctx.indicators():
        raw = ind.get("name", "")
        key = _unique_key_memo(raw) if type(raw) is str else _unique_key(raw)
        if not key:
            continue
        if key in seen:
            first = seen[key]
            yield Hit(f"{ind.path}.name", {"name": clean_name(raw), "first": first.index + 1,
                                          "first_target": str(first.get("target", ""))})
        else:
            seen[key] = ind


def _unique_key(raw) -> str:
    """`duplicate_key(raw)`, or "" for a name N002 leaves alone: blank, 不适用,
    a placeholder, or no word at all."""
    if blank_kind(raw) in ("not-applicable", "empty", "placeholder"):
        return ""
    key = duplicate_key(raw)
    return key if key and any(ch.isalpha() for ch in key) else ""


# names repeat from form to form (满意度, 完成率 …): each text's key once
_unique_key_memo = short_text_memo(_unique_key)


def _texts(data, path: str, found) -> None:
    """Call `found(path, key, text)` for every str in `data`, depth first in
    document order, `path` being its container's. The texts' own paths are
    built only for the few `no_placeholders` reports."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                found(path, key, value)
            elif isinstance(value, (dict, list)):
                _texts(value, f"{path}.{key}" if path else str(key), found)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, str):
                found(path, i, value)
            elif isinstance(value, (dict, list)):
                _texts(value, f"{path}[{i}]", found)


def _text_path(container: str, key) -> str:
    if isinstance(key, int):
        return f"{container}[{key}]"
    return f"{container}.{key}" if container else str(key)


@check("no_placeholders", node="form",
       params={"markers": {"type": "string", "required": True}},
       refs={"markers": "list"},
       vars=("marker", "text", "field"))
def no_placeholders(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """No text field may keep a template's placeholder or prompt: `**`, XX,
    ××, 请填写…, …(100字以内) — the pack list `markers` holds plain
    substrings; a run of 2+ X/×/* and a "(N字以内)" prompt are recognised
    by the value parser, and so is a prompt for the figure left in a name
    (种公猪(≥头), 仓库(≥**平方米)). One finding per field.
    Example: goal = "XX社区开展XX活动" fires.
    """
    markers, any_marker = ctx.of_rules(("no_placeholders.markers", params["markers"]),
                                       lambda c: _markers(c.list(params["markers"])))
    data = ctx.form.data
    prompts = any(unit_prompt(n.get("name")) for n in ctx.form.nodes("indicator"))
    if not prompts and not _any_placeholder(data, any_marker):
        return  # the common case: no text to report, so no paths to build
    hits = []

    def found(container: str, key, text: str) -> None:
        # the first marker in list order, looked for only in a text that holds one
        marker = next((m for m in markers if m in text), None) \
            if any_marker is not None and any_marker.search(text) else None
        if marker is None and is_placeholder(text):
            marker = _placeholder_in(text)
        if marker is None and prompts and _text_path(container, key).endswith(".name"):
            marker = unit_prompt(text)
        if marker:
            path = _text_path(container, key)
            hits.append(Hit(path, {"marker": marker, "text": text[:60], "field": path}))

    _form_texts(data, found)
    yield from hits


def _markers(words):
    """A pack's markers (the non-empty ones, in order) and one pattern for all."""
    markers = [m for m in words if m]
    return markers, re.compile("|".join(re.escape(m) for m in markers)) if markers else None


# What these hold is not text a form fills in.
_NOT_FILLED_IN = ("kind", "profile", "format")


def _form_texts(data, found) -> None:
    """`found(container, key, text)` for every text a form fills in: all
    but what `kind`, `profile`, `format` and `packs…` hold."""
    for key, value in data.items():
        if isinstance(value, str):
            if key not in _NOT_FILLED_IN and not str(key).startswith("packs"):
                found("", key, value)
        elif isinstance(value, (dict, list)) and not str(key).startswith("packs"):
            _texts(value, str(key), found)


def _any_placeholder(data, any_marker) -> bool:
    """Whether `no_placeholders` has anything to report: a text of
    `_form_texts` that holds a marker (all texts are scanned at once, joined
    by NUL, which no marker holds) or is a placeholder. No paths are built."""
    texts: list = []
    _form_texts(data, lambda container, key, text: texts.append(text))
    if not texts:
        return False
    if any_marker is not None and any_marker.search("\x00".join(texts)):
        return True
    return any_placeholder(texts)


_PLACEHOLDER_RUN = lazy(r"\*{2,}|[Xx×]{2,}|[(（]\s*\d+\s*字以内\s*[)）]")


def _placeholder_in(text: str) -> str:
    m = _PLACEHOLDER_RUN.search(text)
    return m.group(0) if m else text[:10]


_NAME_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(%|％|" + "|".join(sorted(COUNT_UNITS, key=len, reverse=True)) + ")")


@check("name_agrees_with_target", node="indicator",
       vars=("in_name", "target_figure"))
def name_agrees_with_target(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A figure written into the name (服务对象满意度达90%, 建设档案420份)
    must agree with the target: same unit, same number. Forms edited from
    last year's often update one and not the other.
    Example: name "满意度达到90%" with target "≥85%" fires.
    """
    target = ctx.value(node, "target")
    if target.kind != "quantity" or target.number is None:
        return
    name = clean_name(node.get("name", ""))
    for m in _NAME_FIGURE.finditer(name):
        number, unit = float(m.group(1)), m.group(2).replace("％", "%")
        if unit == (target.unit or "") and number != target.number:
            yield Hit(f"{node.path}.target", {"in_name": m.group(0),
                                              "target_figure": f"{format_number(target.number)}{unit}"})
            return


@check("single_condition", node="indicator",
       params={"field": {"default": "target", "type": "string", "allowed": ["target", "actual"]}},
       vars=("value", "count"))
def single_condition(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """One indicator holds one condition. A cell with several figures
    (≥4次/年、其中体育活动≥2次) cannot be scored as met or missed; split it
    into one indicator per condition. `field` defaults to target.
    Example: target = "≥4次/年、其中体育活动≥2次" fires.
    """
    field = params["field"]
    value = ctx.value(node, field)
    if value.kind == "compound":
        yield Hit(f"{node.path}.{field}", {"value": value.raw, "count": len(value.conditions)})
