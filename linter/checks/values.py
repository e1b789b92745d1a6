"""Checks on printed values (年度指标值 / 实际完成值)."""
from __future__ import annotations

import re

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from linter.model.names import clean_name
from linter.model.values import COUNT_UNITS, GRADED_LABELS, MAX_LEN, format_number, normalise, parse
from linter.checks import Hit, check, contains_any, first_in

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node


def _first_phrase(text: str, phrases) -> str:
    return first_in(text, phrases, "")


@check("quantified", node="indicator",
       params={"field": {"type": "string", "required": True, "allowed": ["target", "actual"]},
               "vague": {"type": "string"},
               "labels_ok_in": {"type": "list", "schema": {"type": "string"}},
               "left_to": {"type": "string"}},
       refs={"vague": "list", "left_to": "list"},
       vars=("value", "phrase"),
       variants=("vague", "no-number", "label", "missing"))
def quantified(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The value at `field` must state a figure: a number with its unit, a
    range, a deadline, a graded tier (达成年度指标 / 部分达成… / 未达成…) or, in
    the 二级 categories listed in `labels_ok_in`, a label such as 合格 or 是.

    Fires on vague wording (有效提高, 明显改善, 符合相关规定 — the pack's word list
    named by `vague`, variant `vague`), on text with no number (`no-number`),
    and on a label where the category needs a figure (`label`). A blank
    target (`missing`) fires on a row that is filled in otherwise (points, a
    score or an actual) and whose name prints no figure of its own
    (年度资金支付完成率100%); 不适用 and template placeholders are left to their
    own rules.

    Params: `field` (target | actual), `vague` (a list name), `labels_ok_in`
    (二级 categories, canonical names), `left_to` (a list of phrases another
    rule reports instead: a target of 不超预算 is C007's, not a vague target).
    Example: target = "有效提高" under 社会效益指标 fires (variant `vague`).
    """
    field = params["field"]
    value = ctx.value(node, field)
    if value.kind == "empty":
        # only on a row filled in otherwise (points, a score, an actual): a
        # row with nothing but a name is a cut page or a merged cell
        filled = any(ctx.value(node, k).kind != "empty" for k in ("weight", "score", "actual"))
        if field == "target" and filled and not _figure_in_name(node) \
                and not contains_any(node.get("name") or "", ctx.list(params.get("left_to"))):
            yield Hit(f"{node.path}.{field}" if field in node.data else node.path,
                      {"value": "", "phrase": ""}, variant="missing")
        return
    if value.is_quantified or value.kind in ("not-applicable", "placeholder"):
        return
    if value.kind == "label":
        if value.label in GRADED_LABELS:
            return  # graded tiers are the sanctioned form of a qualitative target
        level2 = ctx.level2(node)
        if level2 in (params.get("labels_ok_in") or ()):
            return
        yield Hit(f"{node.path}.{field}", {"value": value.raw, "phrase": value.label or ""},
                  variant="label")
        return
    if contains_any(value.raw, ctx.list(params.get("left_to"))):
        return
    phrase = _first_phrase(value.raw, ctx.list(params.get("vague")))
    yield Hit(f"{node.path}.{field}", {"value": value.raw, "phrase": phrase},
              variant="vague" if phrase else "no-number")


def _figure_in_name(node) -> bool:
    """年度资金支付完成率100%: the target is printed in the name itself."""
    return parse(clean_name(node.get("name") or "")).is_quantified


# "已达标。" and "已全部完成" are claims; a sentence that contains 完成 is not.
_CLAIM_SLACK = 3


@check("actual_measurable", node="indicator",
       params={"claims": {"type": "string", "required": True},
               "zero_phrases": {"type": "string"}},
       refs={"claims": "list", "zero_phrases": "list"},
       vars=("value", "phrase"),
       variants=("claim", "no-number"))
def actual_measurable(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Where the target is a figure, the actual must be a figure too, so the
    two can be compared: not a claim (已达标, 完成, 全部达成预期指标 — the
    pack list `claims`, variant `claim`) and not prose without a number
    (`no-number`). Against a prose target only a bare claim fires. Prose
    stating that nothing happened (没有…, 未… — the
    list `zero_phrases`) counts as 0 and is left to the score rules.
    Example: target "≥95%", actual "已达标" fires (variant `claim`).
    """
    if "actual" not in node.data:
        return
    target, actual = ctx.value(node, "target"), ctx.value(node, "actual")
    if actual.is_quantified or actual.kind in ("empty", "not-applicable", "placeholder"):
        return
    raw = actual.raw.strip()
    phrase = _first_phrase(raw, ctx.list(params["claims"]))
    if not target.is_quantified:
        # Against a prose target only a bare claim is certain to be wrong:
        # the target is V001's, a narrative actual may be all there is.
        if not phrase or len(raw) > len(phrase) + _CLAIM_SLACK:
            return
    if actual.kind == "label" and (actual.label in GRADED_LABELS or target.kind == "deadline"):
        return
    if any(z and raw.startswith(z) for z in ctx.list(params.get("zero_phrases"))):
        return
    yield Hit(f"{node.path}.actual", {"value": actual.raw, "phrase": phrase or ""},
              variant="claim" if phrase else "no-number")


@check("standard_comparator", node="indicator",
       params={"field": {"default": "target", "type": "string", "allowed": ["target", "actual"]}},
       vars=("glyph", "value", "standard"))
def standard_comparator(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Comparators must be the standard glyphs ≥ ≤ = > <. Look-alikes (≧ ≦ ═)
    and typed pairs (>= <= ==) are misread by review software and by people.
    `field` defaults to target.
    Example: target = "≧90%" fires (write ≥90%).
    """
    field = params["field"]
    value = ctx.value(node, field)
    glyph = value.nonstandard_glyph
    if glyph:
        standard = {"≧": "≥", "⩾": "≥", ">=": "≥", "=>": "≥", "＞＝": "≥", "≦": "≤", "⩽": "≤",
                    "<=": "≤", "=<": "≤", "＜＝": "≤", "═": "=", "==": "=", "＝": "=",
                    "＞": ">", "＜": "<"}.get(glyph, "≥ ≤ =")
        yield Hit(f"{node.path}.{field}", {"glyph": glyph, "value": value.raw, "standard": standard})


_RATE_UNITS = ("%", "‰")
_BARE_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")


@check("units_agree", node="indicator",
       params={"unitless_ok": {"type": "list", "schema": {"type": "string"}},
               "rate_words": {"type": "string"}},
       refs={"rate_words": "list"},
       vars=("target_unit", "actual_unit"),
       variants=("no-unit", "mismatch", "rate-unit", "bare-actual"))
def units_agree(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A figure needs its unit, and the target and actual must be in the same
    unit. Fires on a target number printed without a unit (`no-unit`, e.g.
    "≤1"), and on an actual in another unit than the target (`mismatch`, e.g.
    target ≤1 against actual 99.5%). A typed number gets the same check as
    its text. Names in `unitless_ok` (指数, 系数, 比值…) are exempt;
    so, from `no-unit`, are rates (the list `rate_words`), which V005 covers.
    A name that is a rate (…率) whose target counts people, items or days
    (签约率 24694人, 及时率 ≤7工作日) says two different things (`rate-unit`).
    Example: target "≤1", actual "99.5%" fires (variant `mismatch`).
    """
    name = clean_name(node.get("name", "") or "")
    if contains_any(name, params.get("unitless_ok")):
        return
    target, actual = ctx.value(node, "target"), ctx.value(node, "actual")
    # a typed number (Excel's 100, TOML's 100) is the same figure as the text "100"
    if target.kind not in ("quantity", "range"):
        return
    t_unit = target.unit or ""
    if (name.endswith("率") and t_unit and t_unit not in _RATE_UNITS and not target.per
            and t_unit in COUNT_UNITS):
        yield Hit(f"{node.path}.target", {"target_unit": t_unit, "actual_unit": actual.unit or ""},
                  variant="rate-unit")
        return
    if actual.kind in ("quantity", "range", "compound"):
        a_unit = actual.unit or ""
        if t_unit and not a_unit and actual.kind == "quantity" and _BARE_NUMBER_RE.match(actual.raw.strip()):
            # 95 against ≥90%: the figure is the target's, its unit left out
            yield Hit(f"{node.path}.actual", {"target_unit": t_unit, "actual_unit": "（无）"},
                      variant="bare-actual")
            return
        if t_unit != a_unit and (t_unit in _RATE_UNITS or a_unit in _RATE_UNITS or not t_unit):
            yield Hit(f"{node.path}.actual", {"target_unit": t_unit or "（无）", "actual_unit": a_unit or "（无）"},
                      variant="mismatch")
            return
        if t_unit and a_unit and t_unit != a_unit:
            yield Hit(f"{node.path}.actual", {"target_unit": t_unit, "actual_unit": a_unit},
                      variant="mismatch")
            return
    if not t_unit and not contains_any(name, ctx.list(params.get("rate_words"))):
        # (a rate without % is percent_in_range's `no-percent`)
        yield Hit(f"{node.path}.target", {"target_unit": "（无）", "actual_unit": actual.unit or ""},
                  variant="no-unit")


@check("percent_in_range", node="indicator",
       params={"field": {"default": "target", "type": "string", "allowed": ["target", "actual"]},
               "rate_words": {"type": "string", "required": True},
               "allow_over_100": {"type": "list", "schema": {"type": "string"}}},
       refs={"rate_words": "list"},
       vars=("value", "figure"),
       variants=("over-100", "negative", "no-percent"))
def percent_in_range(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A rate lies between 0 and 100%. Fires on a percentage above 100 or
    below 0 (`over-100`, `negative`), and on a rate indicator (its name holds
    a word of the pack list `rate_words`: 率, 满意度, 覆盖…) whose value is a
    bare number above 1 without % (`no-percent`: is ≥100 a count or 100%?).
    Names holding a word in `allow_over_100` (增长率, 增幅…) may exceed 100%.
    Example: name "服务对象满意度", target "≥100" fires (`no-percent`).
    """
    field = params["field"]
    if field not in node.data:
        return
    value = ctx.value(node, field)
    first = value.first  # None exactly when value.number is
    if value.kind not in ("quantity", "range") or first is None:
        return
    name = clean_name(node.get("name", "") or "")
    high = first.upper if first.upper is not None else first.number
    if value.is_percent:
        if high > 100 and not contains_any(name, params.get("allow_over_100")):
            yield Hit(f"{node.path}.{field}", {"value": value.raw, "figure": format_number(high)},
                      variant="over-100")
        elif first.number < 0:
            yield Hit(f"{node.path}.{field}", {"value": value.raw, "figure": format_number(first.number)},
                      variant="negative")
        return
    if value.unit or value.from_number or first.number <= 1:
        return
    if contains_any(name, ctx.list(params["rate_words"])):
        yield Hit(f"{node.path}.{field}", {"value": value.raw, "figure": format_number(first.number)},
                  variant="no-percent")


@check("comparator_direction", node="indicator",
       params={"at_least_in": {"type": "list", "schema": {"type": "string"}},
               "at_most_in": {"type": "list", "schema": {"type": "string"}}},
       vars=("value", "expected"),
       variants=("should-be-at-least", "should-be-at-most"))
def comparator_direction(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Outputs are floors and costs are ceilings: a target in a category of
    `at_least_in` (数量指标) must not be written as ≤/< (at most N outputs?),
    and one in `at_most_in` (成本指标 and its 二级) must not be ≥/>.
    Example: 数量指标 target "≤10场" fires; 成本指标 "≥200元/人" fires.
    """
    target = ctx.value(node, "target")
    comparator = target.comparator
    if target.kind != "quantity" or comparator is None:
        return
    level2, level1 = ctx.level2(node), ctx.level1(node)
    if comparator in ("<=", "<") and level2 in (params.get("at_least_in") or ()):
        yield Hit(f"{node.path}.target", {"value": target.raw, "expected": "≥"},
                  variant="should-be-at-least")
    elif comparator in (">=", ">") and (level2 in (params.get("at_most_in") or ())
                                        or level1 in (params.get("at_most_in") or ())):
        yield Hit(f"{node.path}.target", {"value": target.raw, "expected": "≤"},
                  variant="should-be-at-most")


@check("percent_only_on_rates", node="indicator",
       params={"rate_words": {"type": "string", "required": True}},
       refs={"rate_words": "list"},
       vars=("value",))
def percent_only_on_rates(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A % target belongs to an indicator that is a rate: the name holds a
    word of the pack list `rate_words` (率, 比例, 占比, 满意度, 覆盖…). A %
    on 开展培训场次 leaves open what is divided by what; name the rate
    (培训计划完成率) or give the count.
    Example: name "开展培训场次", target "100%" fires.
    """
    target = ctx.value(node, "target")
    if not target.is_percent:
        return
    name = clean_name(node.get("name", "") or "")
    if contains_any(name, ctx.list(params["rate_words"])):
        return
    yield Hit(f"{node.path}.target", {"value": target.raw})


@check("has_field", node="indicator",
       params={"field": {"type": "string", "required": True,
                         "allowed": ["target", "actual", "weight", "score", "deviation"]}},
       vars=("field",))
def has_field(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The indicator must fill in `field` (e.g. the actual of a self-
    evaluation). Rows that are only 不适用 are skipped.
    Example: a self-evaluation indicator without `actual` fires.
    """
    field = params["field"]
    if ctx.value(node, "target").kind == "not-applicable":
        return
    value = ctx.value(node, field) if field in ("target", "actual") else None
    raw = node.get(field)
    if raw is None or (value is not None and value.kind == "empty") or (isinstance(raw, str) and not raw.strip()):
        yield Hit(f"{node.path}.{field}" if field in node.data else node.path, {"field": field})


@check("satisfaction_target", node="indicator",
       params={"min": {"default": 80, "type": "number", "min": 0, "max": 100},
               "complaints": {"type": "string", "required": True},
               "allow_100": {"default": False, "type": "boolean"}},
       refs={"complaints": "list"},
       vars=("value", "min"),
       variants=("complaints", "no-percent", "too-low", "is-100"))
def satisfaction_target(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A satisfaction target is the % of a surveyed group that is satisfied:
    not a complaint count (零投诉, 无投诉 — the pack list `complaints`,
    variant `complaints`), not a bare number (`no-percent`), not below `min`
    (default 80, `too-low`) and, unless `allow_100`, not 100% (`is-100`: no
    survey reaches it, so the target cannot be honest).
    Select it on 满意度指标 (the rule's `select`).
    Example: target "零投诉" fires; "≥90%" does not.
    """
    target = ctx.value(node, "target")
    if target.kind in ("empty", "not-applicable", "placeholder"):
        return
    raw = target.raw
    minimum = params["min"]
    if contains_any(raw, ctx.list(params["complaints"])):
        yield Hit(f"{node.path}.target", {"value": raw, "min": format_number(minimum)},
                  variant="complaints")
        return
    if target.kind not in ("quantity", "range") or target.number is None:
        return  # unquantified: V001's business
    if not target.is_percent:
        if target.unit or target.number <= 1:  # "≥100" alone is percent_in_range's
            yield Hit(f"{node.path}.target", {"value": raw, "min": format_number(minimum)},
                      variant="no-percent")
    elif target.number < minimum and target.comparator not in ("<=", "<"):
        yield Hit(f"{node.path}.target", {"value": raw, "min": format_number(minimum)},
                  variant="too-low")
    elif target.number >= 100 and not params["allow_100"]:
        yield Hit(f"{node.path}.target", {"value": raw, "min": format_number(minimum)},
                  variant="is-100")


# A qualitative verdict (良好, 较好, 基本完成) is a word or two, not a sentence.
_SHORT_LABEL = 6


@check("graded_actual", node="indicator",
       params={"accepted": {"type": "list", "schema": {"type": "string"}},
               "claims": {"type": "string"}},
       refs={"claims": "list"},
       vars=("value", "accepted"))
def graded_actual(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A qualitative actual should be one of the graded labels (达成年度指标 /
    部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差) or a label in
    `accepted` (合格, 是, 达标…), so it maps to a scoring band. Other labels
    (良好, 较好) leave the score to judgement. Short verdicts against a
    qualitative target count too; prose, figures and the completion claims
    of the list `claims` (another rule's) are left alone.
    Example: actual = "良好" fires.
    """
    actual = ctx.value(node, "actual")
    accepted = tuple(params.get("accepted") or ())
    if actual.kind == "label":
        if actual.label in GRADED_LABELS or actual.label in accepted:
            return
    elif not (actual.kind == "text" and len(actual.raw.strip()) <= _SHORT_LABEL
              and not ctx.value(node, "target").is_quantified):
        return  # prose and figures are other rules' business
    if _first_phrase(actual.raw, ctx.list(params.get("claims"))):
        return  # a completion claim is reported as such (V002)
    yield Hit(f"{node.path}.actual", {"value": actual.raw,
                                      "accepted": "、".join(GRADED_LABELS + accepted)})


_FOUR_DIGITS = re.compile(r"\d{4}")

@check("deadline_in_year", node="indicator",
       vars=("value", "year"),
       variants=("period",))
def deadline_in_year(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A deadline target (2023年3月底前) must fall inside the budget year
    (`project.year`): targets are annual, and a date after the year cannot be
    assessed in its self-evaluation. Needs `project.year`. A 时效 target
    printed as a period (2021年1月-12月, 2020.1.1-2020.12.31) sets no time
    limit at all (`period`): the work only runs during it. A dated deadline
    printed in the name (2021年11月30日前完成资金支付, target 11月底完成100%)
    is read when the target gives no year of its own.
    Example: year = 2022, target "2023年3月底前" fires.
    """
    year = ctx.form.project.get("year")
    target = ctx.value(node, "target")
    if target.kind != "deadline" or not target.deadline or target.deadline[0] is None:
        # 11月底完成100% with the year only in the name: 2021年11月30日前完成资金支付
        name = clean_name(node.get("name") or "")
        # A deadline's year is printed as four digits in the text parse() reads:
        # a name without them (nearly every name) need not be parsed at all.
        if isinstance(year, int) and _FOUR_DIGITS.search(normalise(name[:MAX_LEN])):
            named = parse(name)
            if named.kind == "deadline" and named.deadline \
                    and named.deadline[0] is not None and named.deadline[0] != year \
                    and named.period_start is None:
                yield Hit(f"{node.path}.name", {"value": named.raw, "year": year})
                return
    if target.kind != "deadline" or not target.deadline:
        return
    if target.period_start is not None and ctx.level2(node) == "时效指标":
        yield Hit(f"{node.path}.target", {"value": target.raw, "year": year or ""}, variant="period")
        return
    if not isinstance(year, int):
        return
    dyear = target.deadline[0]
    if dyear is not None and dyear != year:
        yield Hit(f"{node.path}.target", {"value": target.raw, "year": year})


_REPORTING_WORDS = ("达到", "以上", "及以上", "或以上", "超过", "高于", "多于", "大于", "以下",
                    "及以下", "以内", "低于", "少于", "小于")


@check("actual_not_a_target", node="indicator",
       vars=("value", "target"),
       variants=("comparator", "same-as-target"))
def actual_not_a_target(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """An actual is what happened, so it carries no comparator: "≥80%" as an
    actual is the target copied across (`comparator`). An actual identical
    to a target that has a comparator is the same mistake (`same-as-target`).
    Example: target "≥80%", actual "≥80%" fires.
    """
    actual = ctx.value(node, "actual")
    first = actual.first
    if actual.kind not in ("quantity", "range") or actual.from_number or first is None:
        return
    target = ctx.value(node, "target")
    text = first.comparator_text or ""
    # "达到90%" and "100人以上" report what happened; ≥ and 不低于 set a bar.
    if first.comparator in (">=", "<=", ">", "<") and text not in _REPORTING_WORDS:
        same = actual.raw.strip() == target.raw.strip()
        yield Hit(f"{node.path}.actual", {"value": actual.raw, "target": target.raw},
                  variant="same-as-target" if same else "comparator")
