"""Checks across sources and on the form's free text."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

import re

from linter.model.schema import PRINTED_LABELS
from linter.model.values import format_number, number
from linter.checks import Hit, check, first_in

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

_BARE = re.compile(r"[\s,，。.;；:：、!！?？\"'“”‘’()（）\[\]【】0-9一二三四五六七八九十]+")


@check("evidence_agrees", node="evidence",
       params={"tolerance": {"default": 0, "type": "number", "min": 0}},
       vars=("unit", "figures"))
def evidence_agrees(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The same figure from several sources (a work summary and an archive
    register) must agree within `tolerance` (default 0).
    Example: values { 年度工作总结 = 1, 档案编码表 = 2 } fires.
    """
    values = {k: number(v) for k, v in (node.get("values") or {}).items()}
    numbers = [v for v in values.values() if v is not None]
    if len(numbers) < 2 or max(numbers) - min(numbers) <= params["tolerance"]:
        return
    yield Hit(f"{node.path}.values", {
        "unit": str(node.get("unit") or ""),
        "figures": "、".join(f"{k} {format_number(v)}" for k, v in values.items() if v is not None)})




def _bare(text: str) -> str:
    return _BARE.sub("", text)


_MONEY_REPORT = re.compile(r"[\d.,，。；;:：、%％\s()（）]|万元|亿元|元|预算|执行率|执行|支出|到位|资金|拨付|实际|全年|年初|调整|共|计|为|达|其中")


@check("meaningful_text", node="form",
       params={"fields": {"type": "list", "required": True, "schema": {"type": "string"}},
               "phrases": {"type": "string", "required": True},
               "min_chars": {"default": 2, "type": "integer", "min": 0}},
       refs={"phrases": "list"},
       vars=("field", "text", "label"),
       variants=("copied", "money-only"))
def meaningful_text(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Narrative fields (`fields`, dotted paths such as `project.goal_result`,
    `evaluation.problems`) must say something: not only a boilerplate phrase
    of the pack list `phrases` (全部达成预期指标, 无, 暂无…), possibly
    repeated and numbered, and not shorter than `min_chars` (default 2)
    characters once punctuation and numbering are gone. The goal's result
    must not copy the goal word for word (`copied`), nor report only money
    (预算…万元，执行…万元，执行率…% — `money-only`). Absent fields are not
    checked (B004 and the schema deal with those).
    Example: evaluation.problems = "无" fires.
    """
    phrases = sorted({_bare(p) for p in ctx.list(params["phrases"]) if _bare(p)}, key=len, reverse=True)
    goal = ctx.form.project.get("goal")
    for field in params["fields"]:
        value: Any = ctx.form.data
        for part in field.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        shown = {"field": field, "text": value[:60], "label": PRINTED_LABELS.get(field, field)}
        rest = _bare(value)
        for phrase in phrases:
            rest = rest.replace(phrase, "")
        if len(rest) < params["min_chars"]:
            yield Hit(field, shown)
        elif field == "project.goal_result" and isinstance(goal, str) and _bare(goal) and _bare(goal) == _bare(value):
            yield Hit(field, shown, variant="copied")
        elif field == "project.goal_result" and len(_MONEY_REPORT.sub("", value)) < params["min_chars"] \
                and re.search(r"\d", value):
            yield Hit(field, shown, variant="money-only")


@check("goal_is_a_target", node="form",
       params={"done": {"type": "string", "required": True},
               "future": {"type": "string", "required": True}},
       refs={"done": "list", "future": "list"},
       vars=("goal", "phrase"),
       variants=("money-only", "done", "future", "name-only"))
def goal_is_a_target(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """年度总体目标 (`project.goal`) states what the year's money will achieve:
    not only money figures ("43.2", "43.2万元" — `money-only`), not an
    accomplished result (the list `done`: 已完成, 极大的改善了… — `done`), and
    not another year's plan (the list `future`: 明年, 下一年度… — `future`),
    and not just the project's name again (`name-only`).
    Example: goal = "已完成全年工作任务" fires (done).
    """
    goal = ctx.form.project.get("goal")
    if not isinstance(goal, str) or not goal.strip():
        return
    stripped = re.sub(r"[\s\d.,，。万元%％]+", "", goal)
    if not stripped:
        yield Hit("project.goal", {"goal": goal[:60], "phrase": ""}, variant="money-only")
        return
    name = ctx.form.project.get("name")
    if isinstance(name, str) and _bare(name) and _bare(goal) == _bare(name):
        yield Hit("project.goal", {"goal": goal[:60], "phrase": ""}, variant="name-only")
        return
    for variant, listname in (("done", "done"), ("future", "future")):
        phrase = first_in(goal, ctx.list(params[listname]))
        if phrase:
            yield Hit("project.goal", {"goal": goal[:60], "phrase": phrase}, variant=variant)
            return
