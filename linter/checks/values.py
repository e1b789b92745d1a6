"""Checks on printed values (年度指标值 / 实际完成值)."""
from __future__ import annotations

from ..values import GRADED_LABELS
from . import Hit, check


def _first_phrase(text: str, phrases) -> str:
    for phrase in phrases:
        if phrase and phrase in text:
            return phrase
    return ""


@check("quantified", node="indicator",
       params={"field": {"type": "string", "required": True, "allowed": ["target", "actual"]},
               "vague": {"type": "string"},
               "labels_ok_in": {"type": "list", "schema": {"type": "string"}}},
       refs={"vague": "list"},
       vars=("value", "phrase"),
       variants=("vague", "no-number", "label"))
def quantified(node, params, ctx):
    """The value at `field` must state a figure: a number with its unit, a
    range, a deadline, a graded tier (达成年度指标 / 部分达成… / 未达成…) or, in
    the 二级 categories listed in `labels_ok_in`, a label such as 合格 or 是.

    Fires on vague wording (有效提高, 明显改善, 符合相关规定 — the pack's word list
    named by `vague`, variant `vague`), on text with no number (`no-number`),
    and on a label where the category needs a figure (`label`). Blank, 不适用
    and template placeholders are left to their own rules.

    Params: `field` (target | actual), `vague` (a list name), `labels_ok_in`
    (二级 categories, canonical names).
    Example: target = "有效提高" under 社会效益指标 fires (variant `vague`).
    """
    field = params["field"]
    if field not in node.data:
        return
    value = ctx.value(node, field)
    if value.is_quantified or value.kind in ("empty", "not-applicable", "placeholder"):
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
    phrase = _first_phrase(value.raw, ctx.list(params.get("vague")))
    yield Hit(f"{node.path}.{field}", {"value": value.raw, "phrase": phrase},
              variant="vague" if phrase else "no-number")
