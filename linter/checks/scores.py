"""Checks on a self-evaluation's weights (分值) and scores (得分)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

import re

from linter.model.money import execution_rate, received_rate, stated_rate
from linter.base.sourcemap import format_path
from linter.model.values import format_number, number
from linter.checks import Hit, check, explained

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")




def _weighted(ctx):
    return [n for n in ctx.form.nodes("indicator") if number(n.get("weight")) is not None]


def declared_points(ctx):
    """Category points the form declares: `[weights]` ("产出指标" or
    "产出指标/数量指标"), else points printed in the labels (数量指标(20分)).
    Keys are canonical (level1, level2-or-None); values (points, path)."""
    fw = ctx.framework
    points = {}
    for key, value in (ctx.form.data.get("weights") or {}).items():
        if number(value) is None:
            continue
        l1_raw, _, l2_raw = str(key).partition("/")
        l1 = fw.level1(l1_raw).canonical
        l2 = fw.level2(l2_raw).canonical if l2_raw else None
        if l1 and (l2 or not l2_raw):
            points[(l1, l2)] = (float(value), format_path(("weights", key)))
    for node in ctx.form.nodes("indicator"):
        l1, l2 = ctx.level1(node), ctx.level2(node)
        for key, raw, field in (((l1, None), node.get("level1", ""), "level1"),
                                ((l1, l2), node.get("level2", ""), "level2")):
            m = _POINTS_RE.search(str(raw or ""))
            if m and l1 and key[-1] is not None or (m and key == (l1, None) and l1):
                points.setdefault(key, (float(m.group(1)), f"{node.path}.{field}"))
    return points


@check("weights_sum", node="form",
       params={"total": {"default": 100, "type": "number", "min": 0}},
       vars=("category", "declared", "items", "total", "execution"),
       variants=("category", "total"))
def weights_sum(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Weights must add up: the items of each category to the points the
    form declares for it (`[weights]` or points printed in labels, variant
    `category`), and the execution line plus all items to `total` (default
    100, variant `total`). Runs only on forms with item weights.
    Example: 数量指标(20分) whose eight items weigh 2 each (16) fires.
    """
    items = _weighted(ctx)
    if not items:
        return
    for (l1, l2), (points, path) in declared_points(ctx).items():
        total = sum(float(n.get("weight")) for n in items
                    if ctx.level1(n) == l1 and (l2 is None or ctx.level2(n) == l2))
        if abs(total - points) > 1e-6:
            yield Hit(path, {"category": l1 + (f"/{l2}" if l2 else ""),
                             "declared": format_number(points), "items": format_number(total),
                             "total": "", "execution": ""}, variant="category")
    execution = number((ctx.form.data.get("budget") or {}).get("weight")) or 0.0
    whole = execution + sum(float(n.get("weight")) for n in items)
    expected = params["total"]
    if abs(whole - expected) > 1e-6:
        yield Hit("indicators", {"category": "", "declared": format_number(expected),
                                 "items": format_number(whole), "total": format_number(expected),
                                 "execution": format_number(execution)}, variant="total")


@check("weights_follow_profile", node="form",
       params={"profile": {"type": "string", "required": True},
               "execution": {"type": "number", "min": 0},
               "level1": {"type": "dict", "keysrules": {"type": "string"},
                          "valuesrules": {"type": "number", "min": 0}},
               "indicators": {"type": "number", "min": 0}},
       vars=("profile", "form_weights", "profile_weights"))
def weights_follow_profile(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """First-level weights should be the selected profile's: the execution
    line `execution`, and either per-一级 points `level1` (national
    产出 50 / 效益 30 / 满意度 10) or one `indicators` total split freely.
    Compares declared points, else the sum of item weights. One finding
    listing both sides. Runs only on forms with item weights.
    Example: a form weighing 20/40/40 under the national profile fires.
    """
    items = _weighted(ctx)
    if not items:
        return
    declared = declared_points(ctx)
    mine, theirs, differs = [], [], False
    execution = number((ctx.form.data.get("budget") or {}).get("weight"))
    if "execution" in params:
        mine.append(f"执行率 {format_number(execution) if execution is not None else '-'}")
        theirs.append(f"执行率 {format_number(params['execution'])}")
        differs |= execution is None or abs(execution - params["execution"]) > 1e-6
    if params.get("level1"):
        for l1, points in params["level1"].items():
            have = declared.get((l1, None), (None,))[0]
            if have is None:
                have = sum(float(n.get("weight")) for n in items if ctx.level1(n) == l1)
            mine.append(f"{l1} {format_number(have)}")
            theirs.append(f"{l1} {format_number(points)}")
            differs |= abs(have - points) > 1e-6
        others = {ctx.level1(n) for n in items} - set(params["level1"])
        for l1 in sorted(o for o in others if o):
            have = sum(float(n.get("weight")) for n in items if ctx.level1(n) == l1)
            mine.append(f"{l1} {format_number(have)}")
            differs = True
    elif "indicators" in params:
        have = sum(float(n.get("weight")) for n in items)
        mine.append(f"指标 {format_number(have)}")
        theirs.append(f"指标 {format_number(params['indicators'])}")
        differs |= abs(have - params["indicators"]) > 1e-6
    if differs:
        yield Hit("indicators", {"profile": params["profile"], "form_weights": "、".join(mine),
                                 "profile_weights": "、".join(theirs)})


def _weights_and_scores(ctx):
    """Whether any row prints a weight, and the rows that print a score."""
    rows = ctx.form.nodes("indicator")
    return (any(number(n.get("weight")) is not None for n in rows),
            [n for n in rows if number(n.get("score")) is not None])


@check("weight_positive", node="indicator",
       vars=("weight",),
       variants=("missing", "not-positive", "no-weights"))
def weight_positive(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """On a form that weighs or scores its indicators, every indicator needs
    a weight above 0 (`missing`, `not-positive`); 不适用 rows are skipped.
    A form that prints scores but no weight anywhere (no 分值 column) is told
    once, on its first scored row (`no-weights`), not on every row.
    Example: an indicator with score 2 and no weight fires (missing).
    """
    weighted, scored = ctx.once("weight_positive", _weights_and_scores)
    if not (weighted or scored) or ctx.value(node, "target").kind == "not-applicable":
        return
    weight = number(node.get("weight"))
    if weight is None and not weighted:
        if node is scored[0]:
            yield Hit(node.path, {"weight": ""}, variant="no-weights")
        return
    if weight is None:
        yield Hit(node.path, {"weight": ""}, variant="missing")
    elif weight <= 0:
        yield Hit(f"{node.path}.weight", {"weight": format_number(weight)}, variant="not-positive")


@check("execution_score", node="budget",
       params={"formula": {"default": "proportional", "type": "string", "allowed": ["proportional", "full-at"]},
               "full_at": {"default": 0.99, "type": "number", "min": 0, "max": 1},
               "tolerance": {"default": 0.05, "type": "number", "min": 0}},
       vars=("score", "expected", "rate", "weight"))
def execution_score(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The execution line's score must follow the profile's formula:
    `proportional` (default; weight × min(rate, 1)) or `full-at` (full
    weight when the rate reaches `full_at`, else rate × weight — the rubric of the
    罗湖区 2022 年评价报告, full at 99 %). The rate is 全年执行数 ÷ the year's budget, or the
    printed rate when those are missing. `tolerance` in points (default 0.05).
    Example: weight 10, rate 80 %, score 10 fires (expected 8).
    """
    weight, score = number(node.get("weight")), number(node.get("score"))
    rate = execution_rate(node.data)
    if rate is None:
        rate = stated_rate(node.data)
    if weight is None or score is None or rate is None:
        return
    if params["formula"] == "full-at" and rate >= params["full_at"]:
        expected = weight
    else:
        expected = weight * min(rate, 1.0)
    if abs(score - expected) > params["tolerance"]:
        yield Hit(f"{node.path}.score", {"score": format_number(score),
                                         "expected": format_number(round(expected, 2)),
                                         "rate": format_number(round(rate * 100, 2)) + "%",
                                         "weight": format_number(weight)})


_MONEY_RATES = {"execution": execution_rate, "received": received_rate}


@check("score_follows_formula", node="indicator",
       params={"tolerance": {"default": 0.1, "type": "number", "min": 0},
               "zero_phrases": {"type": "string"},
               "money_rates": {"type": "string"}},
       refs={"zero_phrases": "list", "money_rates": "table"},
       rows={"money_rates": {"keywords": {"type": "list", "required": True,
                                          "schema": {"type": "string", "maxlength": 200}},
                             "rate": {"type": "string", "required": True, "allowed": list(_MONEY_RATES)}}},
       vars=("score", "expected", "weight", "outcome"),
       variants=("full-for-missed", "above-formula", "lost-on-met", "money-rate"))
def score_follows_formula(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An indicator's score must follow the formula of the domain primer §4:
    full weight when the target is met; otherwise actual ÷ target × weight
    for ≥ targets, (1 − (actual − target) ÷ target) × weight for ≤ targets.
    Fires on full points for a missed target (`full-for-missed`), more
    than the formula gives (`above-formula`), and points lost on a met
    target (`lost-on-met`). Prose saying nothing happened (the list
    `zero_phrases`: 没有…, 未…) counts as 0. `tolerance` in points (default 0.1).
    A qualitative row whose actual repeats its target word for word is met:
    points lost there with no deviation explained are `lost-on-met` too.
    A row that scores the money itself (the pack table `money_rates`: rows
    `{keywords, rate}`, e.g. 资金到位率 -> `received`, 预算执行率 ->
    `execution`) and prints no comparable target and actual is scored
    against the rate the money block gives: rate × weight, full at 100 %
    (`money-rate`).
    Example: target ≥30人/次, actual 25~30人, weight 2, score 2 fires.
    """
    weight, score = number(node.get("weight")), number(node.get("score"))
    if weight is None or score is None:
        return
    result = ctx.outcome(node, ctx.list(params.get("zero_phrases")))
    row = _money_rate_row(node, params, ctx) if result is None else None
    if row is not None:
        yield from _money_rate_score(node, row, weight, score, params, ctx)
        return
    if result is None:
        # a qualitative row whose actual states the target word for word
        # (效果显著 / 效果显著) claims it was met: points lost need a reason
        target, actual = str(node.get("target") or "").strip(), str(node.get("actual") or "").strip()
        if target and target == actual and score < weight - params["tolerance"] \
                and not str(node.get("deviation") or "").strip():
            yield Hit(f"{node.path}.score", {"score": format_number(score), "expected": format_number(weight),
                                             "weight": format_number(weight), "outcome": actual[:30]},
                      variant="lost-on-met")
        return
    expected = result.expected_score(weight)
    tolerance = params["tolerance"]

    def variables():
        return {"score": format_number(score), "expected": format_number(round(expected, 2)),
                "weight": format_number(weight),
                "outcome": format_number(result.actual) + (result.unit or "")}
    if result.met and score < weight - tolerance:
        yield Hit(f"{node.path}.score", variables(), variant="lost-on-met")
    elif not result.met and abs(score - weight) <= 1e-9 and score > expected + 1e-9:
        # full points for a missed target are wrong however close the miss:
        # the tolerance is for rounding a partial score, not for rounding up to full
        yield Hit(f"{node.path}.score", variables(), variant="full-for-missed")
    elif not result.met and score > expected + tolerance:
        yield Hit(f"{node.path}.score", variables(),
                  variant="full-for-missed" if abs(score - weight) <= tolerance else "above-formula")


def _money_rate_row(node, params, ctx):
    if not params.get("money_rates"):
        return None
    name = str(node.get("name") or "")
    return next((r for r in ctx.table(params["money_rates"])
                 if any(k and k in name for k in r.get("keywords") or ())), None)


def _money_rate_score(node, row, weight, score, params, ctx):
    rate = _MONEY_RATES[row["rate"]](ctx.form.data.get("budget") or {})
    if rate is None:
        return
    expected = min(rate, 1.0) * weight
    found = {"score": format_number(score), "expected": format_number(round(expected, 2)),
             "weight": format_number(weight), "outcome": format_number(round(rate * 100, 1)) + "%"}
    short = rate >= 1 - 1e-9 and score < weight - params["tolerance"] \
        and not str(node.get("deviation") or "").strip()
    if short or (rate < 1 - 1e-9 and score > expected + params["tolerance"]):
        yield Hit(f"{node.path}.score", found, variant="money-rate")


@check("qualitative_score_band", node="indicator",
       params={"bands": {"type": "string", "required": True}},
       refs={"bands": "table"},
       rows={"bands": {"label": {"type": "string", "required": True, "maxlength": 200},
                       "low": {"type": "number", "min": 0, "max": 1},
                       "high": {"type": "number", "min": 0, "max": 1}}},
       vars=("label", "score", "low", "high"))
def qualitative_score_band(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A qualitative actual scores inside its label's band: the pack table
    named by `bands` holds rows `{label, low, high}` as fractions of the
    weight (达成 [0.8, 1], 部分达成 [0.6, 0.8), 未达成 [0, 0.6)); `high` is
    exclusive except at 1.
    Example: actual 部分达成年度指标并具有一定效果, weight 10, score 9 fires.
    """
    weight, score = number(node.get("weight")), number(node.get("score"))
    actual = ctx.value(node, "actual")
    if weight is None or score is None or weight <= 0 or actual.kind != "label":
        return
    for row in ctx.table(params["bands"]):
        if row.get("label") != actual.label:
            continue
        low, high = float(row.get("low", 0)), float(row.get("high", 1))
        share = score / weight
        inside = low - 1e-9 <= share and (share <= high + 1e-9 if high >= 1 else share < high)
        if not inside:
            yield Hit(f"{node.path}.score", {"label": actual.label, "score": format_number(score),
                                             "low": format_number(round(low * weight, 2)),
                                             "high": format_number(round(high * weight, 2))})
        return


@check("score_within_weight", node="indicator",
       vars=("score", "weight"),
       variants=("above", "negative"))
def score_within_weight(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A score lies between 0 and the weight (`above`, `negative`).
    Example: weight 2, score 3 fires.
    """
    weight, score = number(node.get("weight")), number(node.get("score"))
    if score is None:
        return
    if score < 0:
        yield Hit(f"{node.path}.score", {"score": format_number(score), "weight": format_number(weight)},
                  variant="negative")
    elif weight is not None and score > weight + 1e-9:
        yield Hit(f"{node.path}.score", {"score": format_number(score), "weight": format_number(weight)},
                  variant="above")


@check("deviation_explained", node="indicator",
       params={"boilerplate": {"type": "string"}, "zero_phrases": {"type": "string"}},
       refs={"boilerplate": "list", "zero_phrases": "list"},
       vars=("outcome", "deviation"))
def deviation_explained(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A missed target needs its 偏差原因分析及改进措施 (`deviation`): not
    empty and not boilerplate (the list named by `boilerplate`: 无, 已完成…).
    (A large overshoot is U008's.)
    Example: target ≥2次/年, actual 1次/年, no deviation fires.
    """
    result = ctx.outcome(node, ctx.list(params.get("zero_phrases")))
    if result is None or result.met:
        return
    deviation = node.get("deviation")
    if explained(deviation, ctx.list(params.get("boilerplate"))):
        return
    yield Hit(f"{node.path}.deviation" if deviation is not None else f"{node.path}.actual",
              {"outcome": format_number(result.actual) + (result.unit or ""),
               "deviation": str(deviation or "")})


def _indicator_scores(ctx):
    return [number(n.get("score")) for n in ctx.form.nodes("indicator") if number(n.get("score")) is not None]


@check("total_score_adds_up", node="form",
       params={"tolerance": {"default": 0.05, "type": "number", "min": 0}},
       vars=("total", "expected", "execution", "items"))
def total_score_adds_up(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """总分 (`evaluation.total_score`) must equal the execution line's score
    plus the indicators' scores, within `tolerance` (default 0.05). Runs
    only on forms that score their indicators.
    Example: execution 10 + items 75, total 90 fires.
    """
    total = number((ctx.form.data.get("evaluation") or {}).get("total_score"))
    scores = _indicator_scores(ctx)
    if total is None or not scores:
        return
    execution = number((ctx.form.data.get("budget") or {}).get("score")) or 0.0
    expected = execution + sum(scores)
    if abs(total - expected) > params["tolerance"]:
        yield Hit("evaluation.total_score", {"total": format_number(total),
                                             "expected": format_number(round(expected, 2)),
                                             "execution": format_number(execution),
                                             "items": format_number(round(sum(scores), 2))})


@check("grade_matches_total", node="form",
       params={"bands": {"type": "string", "required": True}},
       refs={"bands": "table"},
       rows={"bands": {"grade": {"type": "string", "required": True, "maxlength": 200},
                       "min": {"type": "number", "required": True},
                       "aliases": {"type": "list", "schema": {"type": "string", "maxlength": 200}}}},
       vars=("grade", "total", "expected"))
def grade_matches_total(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """评价等级 must be the band of the total: the pack table named by `bands`
    holds rows `{grade, min, aliases}` (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below);
    the first row whose `min` the total reaches is the grade.
    Example: total 85, grade 优 fires (expected 良).
    """
    evaluation = ctx.form.data.get("evaluation") or {}
    total, grade = number(evaluation.get("total_score")), str(evaluation.get("grade") or "").strip()
    if total is None or not grade:
        return
    rows = ctx.of_rules(("grade_matches_total.bands", params["bands"]), lambda c: sorted(
        c.table(params["bands"]), key=lambda r: -float(r.get("min", 0))))
    expected = next((r for r in rows if total >= float(r.get("min", 0))), None)
    if expected is None:
        return
    names = [expected.get("grade")] + list(expected.get("aliases") or [])
    if grade not in names:
        yield Hit("evaluation.grade", {"grade": grade, "total": format_number(total),
                                       "expected": expected.get("grade", "")})


@check("scored", node="indicator",
       vars=("weight",))
def scored(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A weighted indicator of a self-evaluation needs its score (得分).
    Example: weight 2 and no score fires.
    """
    if number(node.get("weight")) is not None and number(node.get("score")) is None:
        yield Hit(f"{node.path}.weight", {"weight": format_number(node.get("weight"))})
