"""What the indicators cover: units as written, outputs fine enough to check
for the money, and the deliverables the goal promises."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, List, Mapping, Optional, Tuple

import re

from linter.model.money import money_unit, year_budget
from linter.model.names import clean_name
from linter.model.values import (COUNT_UNITS, FULL_WIDTH, MEASURE_UNITS, NONSTANDARD_UNITS, format_number, normalise,
                                 percent_word)
from linter.base.lazyre import lazy
from linter.base.memo import short_text_memo
from linter.checks import Hit, check, contains_any

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

# (compiled on first use, asked only of a text that holds one of the
# spellings: its CJK lookahead costs ~0.8 ms to compile)
_NONSTANDARD_RE = lazy(
    r"(\d+(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in sorted(NONSTANDARD_UNITS, key=len, reverse=True))
    + r")(?![A-Za-z\u4e00-\u9fff/²])") if NONSTANDARD_UNITS else None
_NONSTANDARD_SPELLINGS = tuple(NONSTANDARD_UNITS)
# A figure, then 万 or 个 not followed by a Chinese character: 150万 alone (a
# sum of money without 元), 30个 counting people. The "not followed by" is
# tested by `_slip`, not a lookahead: a CJK class costs ~0.8 ms to compile.
_WAN_ALONE_RE = lazy(r"(\d+(?:\.\d+)?)\s*万")
# full-width digits and point, found in one scan (asked of every target and actual)
_FULL_WIDTH_FIGURE_RE = re.compile("[\uff10-\uff19\uff0e]")
_GE_PEOPLE_RE = lazy(r"(\d+(?:\.\d+)?)\s*个")


def _slip(pattern, text: str):
    """The first match of `pattern` not followed by a Chinese character:
    `(?![\u4e00-\u9fff])` after it. Every candidate ends at its 万 or 个, so
    a candidate turned down cannot hide a later one inside it."""
    for m in pattern.finditer(text):
        after = text[m.end():m.end() + 1]
        if not after or not "\u4e00" <= after <= "\u9fff":
            return m
    return None


@check("standard_unit", node="indicator",
       params={"money_words": {"type": "string", "required": True},
               "people_words": {"type": "string", "required": True}},
       refs={"money_words": "list", "people_words": "list"},
       vars=("printed", "unit", "standard", "field", "fixed"),
       variants=("spelling", "wan", "people", "percent-word", "full-width"))
def standard_unit(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A unit must be a unit, written the standard way: `M` or `m` for 米,
    `KM` for 公里, `人/次` for 人次 (the lexicon's `nonstandard` spellings,
    variant `spelling`); `万` alone after a sum of money (150万 for 150万元,
    on an indicator whose name is about money — the list `money_words` — or
    that is filed under 成本指标, variant `wan`); `个` counting people (the list `people_words`: 人数, 学生…,
    variant `people`); 百分比 or 百分之九十 for % (`percent-word`); full-width
    digits or point (９０％, `full-width`; a ％ alone is ordinary typesetting). The target and the actual are
    both read. `fixed` is the printed text written the standard way.
    Example: name "道路修缮长度", target "≥500M" fires (spelling: 米).
    """
    name = node.get("name", "") or ""
    about = None  # (about money, counts people): asked only of a value that holds a slip
    for field in ("target", "actual"):
        raw = node.get(field)
        if not isinstance(raw, str) or not raw:
            continue
        found, wan, people = _unit_slips(raw)
        if found is None and (wan is not None or people is not None):
            # the 万 and 个 slips only count on names about money or people
            if about is None:
                about = (contains_any(name, ctx.list(params["money_words"])) or ctx.level2(node) == "成本指标"
                         or ctx.level1(node) == "成本指标",
                         contains_any(name, ctx.list(params["people_words"])))
            if about[0] and wan is not None:
                found = wan
            elif about[1]:
                found = people
        if found is not None:
            variant, printed, unit, standard, fixed = found
            yield Hit(f"{node.path}.{field}", {"printed": printed, "unit": unit, "standard": standard,
                                               "field": field, "fixed": fixed}, variant=variant)
            return


_Slip = Tuple[str, str, str, str, str]  # variant, printed, unit, standard, fixed
# (variant, pattern, printed unit, standard unit), in the order they are tried
_SLIPS = (("wan", _WAN_ALONE_RE, "万", "万元"), ("people", _GE_PEOPLE_RE, "个", "人"))


def _find_unit_slips(raw: str) -> Tuple[Optional[_Slip], Optional[_Slip], Optional[_Slip]]:
    """What V013 finds in one printed value, whatever its row: the first of
    full-width, percent-word and spelling; and the wan and people slips,
    which count only on some rows."""
    # full-width digits or point (９０．５): a figure systems cannot read; ％
    # alone is ordinary Chinese typesetting and is only tidied along with them
    if _FULL_WIDTH_FIGURE_RE.search(raw):
        return ("full-width", raw, "", "", raw.translate(FULL_WIDTH)), None, None
    word = percent_word(raw) if "百分" in raw else None  # both words start 百分
    if word:
        return ("percent-word", word[0], word[0], "%", word[1]), None, None
    text = normalise(raw)
    m = _NONSTANDARD_RE.search(text) if _NONSTANDARD_RE and contains_any(text, _NONSTANDARD_SPELLINGS) else None
    if m:
        standard = NONSTANDARD_UNITS[m.group(2)]
        printed = m.group(0)
        return ("spelling", printed, m.group(2), standard, printed[:m.start(2) - m.start(0)] + standard), None, None
    slips: List[Optional[_Slip]] = []
    for variant, pattern, unit, standard in _SLIPS:
        m = _slip(pattern, text) if unit in text else None  # (each pattern needs its 万 or 个)
        if m:
            printed = m.group(0)
            slips.append((variant, printed, unit, standard, printed.rstrip()[:-len(unit)] + standard))
        else:
            slips.append(None)
    wan, people = slips
    return None, wan, people


# Rows repeat their values across forms (100%, ≥90%): each short text is read once.
_unit_slips = short_text_memo(_find_unit_slips, maxsize=8192)


_COARSE_UNITS = ("个", "项", "场", "批", "座", "家", "套", "处", "次")


@check("outputs_fine_enough", node="form",
       params={"min_budget_wan": {"default": 30, "type": "number", "min": 0}},
       vars=("name", "target", "budget", "money_unit"))
def outputs_fine_enough(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The money should buy outputs a reviewer can check: a project of at
    least `min_budget_wan` 万元 whose only counted outputs are one of
    something coarse ("1个项目", "1场赛事", "1批", a unit of 个/项/场/批/座/家/套/
    处/次) says nothing of size, capacity or how much is delivered. A likely
    finding, on the coarse indicator (of several, the one whose name shares
    most with the project's name: the project's own deliverable); none when
    another 数量 indicator counts more than one of anything.
    Example: budget 80 万元, the one 数量 indicator "建设养殖场" ≥1个 fires.
    """
    base = year_budget(ctx.form.data.get("budget") or {})
    if base is None:
        return
    unit = money_unit(ctx.form.data.get("budget") or {})
    wan = base.amount / 10000 if unit == "元" else base.amount
    if wan < params["min_budget_wan"]:
        return
    counted = [n for n in ctx.indicators() if ctx.level2(n) == "数量指标"]
    coarse = []
    for ind in counted:
        value = ctx.value(ind, "target")
        if value.kind != "quantity" or value.number is None:
            continue
        if value.number > 1 or value.unit not in _COARSE_UNITS:
            return  # something is counted in more than ones: fine enough
        coarse.append(ind)
    if coarse and len(coarse) == len(counted):
        ind = max(coarse, key=lambda n: _shared_pairs(n.get("name") or "", ctx.form.project.get("name")))
        yield Hit(f"{ind.path}.target", {"name": clean_name(ind.get("name", "")),
                                         "target": str(ind.get("target")), "budget": format_number(base.amount),
                                         "money_unit": unit})


def _shared_pairs(name: str, project) -> int:
    text = str(project or "")
    pairs = {name[i:i + 2] for i in range(len(name) - 1)}
    return sum(1 for p in pairs if p in text)


_DELIVERABLE_RE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(万)?\s*(" + "|".join(re.escape(u) for u in sorted(set(COUNT_UNITS + MEASURE_UNITS) - {"分", "年", "月", "日", "天", "次", "类", "种"}, key=len, reverse=True)) + r")")


@check("goal_covered", node="form",
       vars=("deliverables",))
def goal_covered(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Every figure the 年度总体目标 promises (a number with a unit of count
    or measure: 5000亩, 1200人次, 3座) should be measured by an indicator:
    some indicator's target or name holds the same number. Money, rates and
    dates are not deliverables. A likely finding, listing what no indicator
    measures (up to three).
    Example: goal "完成造林5000亩、培训1200人次", indicators only "培训人次 ≥1200人次" fires (5000亩).
    """
    goal = normalise(str(ctx.form.project.get("goal") or ""))
    if not goal or not ctx.indicators():
        return
    promised = []
    for m in _DELIVERABLE_RE.finditer(goal):
        figure = float(m.group(1)) * (10000 if m.group(2) else 1)
        promised.append((m.group(0), figure))
    if not promised:
        return
    measured = []
    for ind in ctx.indicators():
        for field in ("target", "name"):
            text = normalise(str(ind.get(field) or ""))
            for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(万)?", text):
                measured.append(float(m.group(1)) * (10000 if m.group(2) else 1))
    missing = [printed for printed, figure in promised if not any(abs(figure - x) < 1e-9 for x in measured)]
    if missing:
        yield Hit("project.goal", {"deliverables": "、".join(dict.fromkeys(missing[:3]))})
