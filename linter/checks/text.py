"""Checks across sources and on the form's free text."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

import re

from linter.model.schema import PRINTED_LABELS
from linter.model.money import execution_rate, in_unit, money_unit, spent
from linter.model.names import clean_name
from linter.model.values import format_number, number
from linter.checks import Hit, check, contains_any, first_in

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

_BARE = re.compile(r"[\s,，。.;；:：、!！?？\"'“”‘’()（）\[\]【】0-9一二三四五六七八九十]+")


@check("evidence_agrees", node="form",
       params={"tolerance": {"default": 0, "type": "number", "min": 0},
               "rate_words": {"type": "string"},
               "rate_tolerance": {"default": 1, "type": "number", "min": 0}},
       refs={"rate_words": "list"},
       vars=("unit", "metric", "figures", "name"),
       variants=("money-rate", "money-spent"))
def evidence_agrees(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The same figure from several sources must agree. Three pairs are read:

    - `[[evidence]]` entries (a work summary and an archive register), within
      `tolerance` (default 0);
    - `money-rate`: an indicator on paying the money out (a name holding a
      word of the pack list `rate_words`: 资金支付, 支付率, 执行率 …) whose actual
      is a % that matches neither the money block's execution rate (全年执行数 ÷
      the year's budget) nor spent ÷ received, by more than `rate_tolerance`
      percentage points (default 1);
    - `money-spent`: a cost indicator (成本指标) whose actual is a sum of money
      (no per-unit) above everything the money block says was spent.

    Example: values { 年度工作总结 = 1, 档案编码表 = 2 } fires.
    """
    for ev in ctx.form.nodes("evidence"):
        values = {k: number(v) for k, v in (ev.get("values") or {}).items()}
        numbers = [v for v in values.values() if v is not None]
        if len(numbers) < 2 or max(numbers) - min(numbers) <= params["tolerance"]:
            continue
        yield Hit(f"{ev.path}.values", {
            "unit": str(ev.get("unit") or ""), "metric": str(ev.get("metric") or ""), "name": "",
            "figures": "、".join(f"{k} {format_number(v)}" for k, v in values.items() if v is not None)})
    budget = ctx.form.data.get("budget") or {}
    spent_amount = spent(budget)
    if spent_amount is None:
        return
    rates = [r for r in (execution_rate(budget), _spent_of_received(budget)) if r is not None]
    words = ctx.list(params.get("rate_words"))
    unit = money_unit(budget)
    for ind in ctx.indicators():
        actual = ctx.value(ind, "actual")
        if actual.kind != "quantity" or actual.number is None:
            continue
        name = clean_name(ind.get("name") or "")
        if rates and words and actual.is_percent and contains_any(name, words) and "到位" not in name \
                and all(abs(actual.number - r * 100) > params["rate_tolerance"] for r in rates):
            yield Hit(f"{ind.path}.actual", {"unit": "", "metric": name, "name": name, "figures": (
                f"指标实际完成值 {actual.raw}、资金一栏执行率 {format_number(round(rates[0] * 100, 1))}%")},
                variant="money-rate")
        elif _is_cost(ind, ctx) and actual.unit in ("万元", "元") and not actual.per:
            amount = in_unit(actual.number, actual.unit, unit)
            if amount > spent_amount * 1.005 + 1e-9:
                yield Hit(f"{ind.path}.actual", {"unit": "", "metric": name, "name": name, "figures": (
                    f"指标实际完成值 {actual.raw}、资金一栏全年执行数 {format_number(spent_amount)}{unit}")},
                    variant="money-spent")


def _spent_of_received(budget):
    received, amount = number(budget.get("received")), spent(budget)
    if received is None or amount is None or received <= 0:
        return None
    return amount / received


def _is_cost(ind, ctx) -> bool:
    return "成本指标" in (ctx.level1(ind), ctx.level2(ind)) or (ctx.level2(ind) or "").endswith("成本指标")



def _bare(text: str) -> str:
    return _BARE.sub("", text)


_MONEY_REPORT = re.compile(r"[\d.,，。；;:：、%％\s()（）]|万元|亿元|元|预算|执行率|执行|支出|到位|资金|拨付|实际|全年|年初|调整|共|计|为|达|其中"
                           r"|本年度|年度|财政拨款|拨款|财政|完成|数|的")


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
    phrases = ctx.of_rules(("meaningful_text.phrases", params["phrases"]), lambda c: sorted(
        {_bare(p) for p in c.list(params["phrases"]) if _bare(p)}, key=len, reverse=True))
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
               "future": {"type": "string", "required": True},
               "method": {"type": "string"},
               "money_use": {"type": "string"}},
       refs={"done": "list", "future": "list", "method": "list", "money_use": "list"},
       vars=("goal", "phrase"),
       variants=("money-only", "done", "future", "name-only", "method", "money-use"))
def goal_is_a_target(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """年度总体目标 (`project.goal`) states what the year's money will achieve:
    not only money figures ("43.2", "43.2万元" — `money-only`), not an
    accomplished result (the list `done`: 已完成, 极大的改善了… — `done`), and
    not another year's plan (the list `future`: 明年, 下一年度… — `future`),
    and not just the project's name again (`name-only`); nor how the targets
    were set instead of what they are (the list `method`: 制定绩效目标… —
    `method`), nor, with no figure at all, how the money is to be managed
    (the list `money_use`: 资金的使用, 资金管理… — `money-use`).
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
    phrase = first_in(goal, ctx.list(params.get("method")))
    if phrase:
        yield Hit("project.goal", {"goal": goal[:60], "phrase": phrase}, variant="method")
        return
    phrase = first_in(goal, ctx.list(params.get("money_use")))
    if phrase and not re.search(r"\d", goal):
        yield Hit("project.goal", {"goal": goal[:60], "phrase": phrase}, variant="money-use")
        return
    for variant, listname in (("done", "done"), ("future", "future")):
        phrase = first_in(goal, ctx.list(params[listname]))
        if phrase:
            yield Hit("project.goal", {"goal": goal[:60], "phrase": phrase}, variant=variant)
            return
