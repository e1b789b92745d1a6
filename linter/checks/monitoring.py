"""Checks on a mid-year monitoring form (绩效运行监控表, `kind = "monitoring"`):
progress so far against the pro-rata share of the annual target, and money
executed so far against the pro-rata share of the budget.

The pro-rata share (时间进度) is the part of the budget year elapsed at
`project.as_of`: the days from 1 January up to and including `as_of` ÷ the
days of the year (30 June 2024: 182 ÷ 366 = 49.7 %). Only figures that grow
through the year can be held to it (see `indicator_done`); the rest of a
monitoring form is left to the other rules.

`paces(ctx)` is what the checks and the HTML report's progress bars both
read, computed once per form.
"""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Iterator, List, Mapping, NamedTuple, Optional, Tuple

from linter.checks import Hit, check, explained
from linter.model import printed
from linter.model.money import money_unit, spent, year_budget
from linter.model.names import display_name
from linter.model.values import as_text, format_number

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.model.form import Node

# Comparators of a target that accumulates towards a floor or an exact figure.
_CUMULATIVE_COMPARATORS = (None, ">=", ">", "=")
# Categories measured once, or at a point in time, not accumulated: a deadline
# (时效) and a survey (满意度) have no pro-rata share.
_POINT_LEVEL1 = ("满意度指标",)
_POINT_LEVEL2 = ("时效指标", "服务对象满意度指标")

# The threshold of "behind", shared by M001 and M003 (an M003 case is an M001
# case): declared here once, so the two schemas cannot drift apart.
_BEHIND = {"default": 0.8, "type": "number", "min": 0, "max": 1}


class Pace(NamedTuple):
    """How far one figure has come: `done` of the annual figure (progress ÷
    target, or executed ÷ budget), against `share` of the year elapsed;
    `ratio` = done ÷ share (1.0: exactly on schedule)."""

    path: str               # indicators[i] or budget
    done: float
    share: float
    progress: float         # the figure reached (the executed amount for the budget)
    annual: float           # the annual target (the year's budget)
    unit: str = ""          # the target's unit (the money unit for the budget)

    @property
    def ratio(self) -> float:
        return self.done / self.share

    @property
    def expected(self) -> float:
        """What the pro-rata share of the annual figure is."""
        return self.annual * self.share


def _pct(fraction: float) -> str:
    return format_number(round(fraction * 100, 1)) + "%"


def as_of(form_data: Mapping[str, Any]) -> Optional[_dt.date]:
    """`project.as_of` as a date (a TOML date, or text a reader left as printed)."""
    project = form_data.get("project")
    if not isinstance(project, Mapping) or project.get("as_of") in (None, ""):
        return None
    return printed.date(project.get("as_of"))


def year_share(form_data: Mapping[str, Any]) -> Optional[float]:
    """The share of the budget year elapsed at `as_of`, counting the day itself;
    None without `as_of`, or when `as_of` falls outside `project.year`."""
    when = as_of(form_data)
    if when is None:
        return None
    project = form_data.get("project") or {}
    year = project.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        year = when.year
    if when.year != year:
        return None
    start, end = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    return ((when - start).days + 1) / (end - start).days


def indicator_done(node: Node, ctx: Context) -> Optional[Tuple[float, float, float, str]]:
    """(done, progress, target, unit) for an indicator that accumulates through the
    year, else None. Held to the pro-rata share are only count and amount
    targets with ≥, > or = (or none) and a number: not a deadline (时效指标),
    not a survey (满意度), not a rate (a % target: 合格率 ≥ 95% is met or not
    at any point), not a cap (≤ 50万元 is not to be spent evenly), not a
    per-period figure (2次/月 is the same each month). A progress printed as
    a % of a non-% target (完成 45%) is that share of the target; a progress
    in another unit than the target's cannot be compared and is skipped.
    Example: target ≥ 1200 人次, progress 300 人次 → (0.25, 300, 1200, "人次")."""
    if ctx.level1(node) in _POINT_LEVEL1 or ctx.level2(node) in _POINT_LEVEL2:
        return None
    if node.get("progress") in (None, ""):
        return None
    target = ctx.value(node, "target")
    if target.kind not in ("quantity", "range") or target.number is None or target.number <= 0:
        return None
    if target.comparator not in _CUMULATIVE_COMPARATORS or target.is_percent or target.per:
        return None
    progress = ctx.value(node, "progress")
    if progress.kind != "quantity" or progress.number is None or progress.per:
        return None
    unit = target.unit or ""
    if progress.is_percent:
        return progress.number / 100, target.number * progress.number / 100, target.number, unit
    if progress.unit and target.unit and progress.unit != target.unit:
        return None
    return progress.number / target.number, progress.number, target.number, unit


def paces(ctx: Context) -> List[Pace]:
    """Every figure of the form held to the pro-rata share: the cumulative
    indicators (`indicator_done`), then the budget (executed so far — the
    monitoring form's `budget.actual` — ÷ the year's budget). Empty on a form
    that is not a monitoring form or has no `as_of`."""
    def compute(c: Context) -> List[Pace]:
        if c.form.kind != "monitoring":
            return []
        share = year_share(c.form.data)
        if share is None or share <= 0:
            return []
        out = []
        for node in c.indicators():
            done = indicator_done(node, c)
            if done is not None:
                out.append(Pace(node.path, done[0], share, done[1], done[2], done[3]))
        budget = c.form.data.get("budget")
        if isinstance(budget, Mapping):
            base, executed = year_budget(budget), spent(budget)
            if base is not None and base.amount > 0 and executed is not None:
                out.append(Pace("budget", executed / base.amount, share, executed, base.amount,
                                money_unit(budget)))
        return out
    return ctx.once("monitoring.paces", compute)


def _vars(pace: Pace, ctx: Context, threshold: float) -> dict:
    form = ctx.form.data
    when = as_of(form)
    out = {"as_of": when.isoformat() if when else "", "share": _pct(pace.share),
           "done": _pct(pace.done), "pace": _pct(pace.ratio), "threshold_percent": _pct(threshold),
           "name": "", "target": "", "progress": "", "expected": "",
           "executed": "", "base": "", "money_unit": ""}
    if pace.path == "budget":
        out.update(executed=format_number(round(pace.progress, 2)), base=format_number(round(pace.annual, 2)),
                   expected=format_number(round(pace.expected, 2)), money_unit=pace.unit)
    else:
        node = next(n for n in ctx.indicators() if n.path == pace.path)
        progress = as_text(node.get("progress"))
        if pace.unit and ctx.value(node, "progress").unit is None:
            progress += pace.unit  # a bare number in the target's unit
        out.update(name=display_name(node.get("name", "")), target=as_text(node.get("target")),
                   progress=progress, expected=format_number(round(pace.expected, 1)) + pace.unit)
    return out


_PACE_VARS = ("as_of", "share", "done", "pace", "threshold_percent", "name", "target", "progress",
              "expected", "executed", "base", "money_unit")


@check("behind_schedule", node="form",
       params={"behind": _BEHIND,
               "far_behind": {"default": 0.6, "type": "number", "min": 0, "max": 1}},
       vars=_PACE_VARS, variants=("red", "budget", "budget-red"), role="pace")
def behind_schedule(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """On a monitoring form, progress below `behind` (default 0.8, a yellow
    light) of the pro-rata target — the annual target × the share of the year
    elapsed at `project.as_of` — and executed money below `behind` of the
    pro-rata budget; below `far_behind` (default 0.6, a red light) the
    variant is `red` (`budget-red` for the money, `budget` for its yellow).
    The provincial monitoring modules use these shares (60 % / 80 % of the
    pro-rata figure); a profile or a configuration may set others.
    Only cumulative indicators are held to a pro-rata share
    (`indicator_done`: no deadline, rate, cap, survey or per-period target);
    a form without `as_of`, or an indicator without `progress`, is not judged.
    The finding points at the indicator's `progress` or at `budget.actual`.
    Example: as_of 2024-06-30 (49.7 % of the year), target ≥ 1200 人次,
    progress 300 人次: 25 % done, 50 % of the pace: fires, variant red.
    """
    for pace in paces(ctx):
        if pace.ratio >= params["behind"]:
            continue
        red = pace.ratio < params["far_behind"]
        threshold = params["far_behind"] if red else params["behind"]
        if pace.path == "budget":
            yield Hit("budget.actual", _vars(pace, ctx, threshold), variant="budget-red" if red else "budget")
        else:
            yield Hit(f"{pace.path}.progress", _vars(pace, ctx, threshold), variant="red" if red else None)


@check("ahead_of_schedule", node="indicator",
       params={"ahead": {"default": 1.2, "type": "number", "min": 1}},
       vars=_PACE_VARS, role="pace")
def ahead_of_schedule(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """On a monitoring form, a cumulative indicator whose progress is at or
    above `ahead` (default 1.2) times its pro-rata target: at this pace the
    year ends far above the target, which may have been set too low (the
    provincial monitoring modules flag 120 %). Same indicators as
    `behind_schedule`; the money is not judged (spending ahead of schedule
    is not a target set too low).
    Example: as_of 2024-06-30, target ≥ 10 场, progress 9 场: 90 % done, 181 %
    of the pace: fires.
    """
    for pace in paces(ctx):
        if pace.path == node.path and pace.ratio >= params["ahead"]:
            yield Hit(f"{node.path}.progress", _vars(pace, ctx, params["ahead"]))


@check("monitoring_explained", node="form",
       params={"behind": _BEHIND, "boilerplate": {"type": "string"}},
       refs={"boilerplate": "list"},
       vars=_PACE_VARS + ("missing",), variants=("budget",))
def monitoring_explained(node: Node, params: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """On a monitoring form, every figure behind schedule (a `behind_schedule`
    case: below `behind`, default 0.8, of its pro-rata share) needs its
    偏差原因 (`deviation`; the money's `budget.explanation`) and its 纠偏措施
    (`remedy`; the money's `budget.remedy`), each a real text — not empty,
    not only a phrase of the list named by `boilerplate`. `missing` names
    what is lacking. Variant `budget` for the money line.
    Example: progress 300 of ≥ 1200 人次 at 30 June with 偏差原因 “受天气影响”
    and no 纠偏措施 fires (missing: 纠偏措施).
    """
    boilerplate = ctx.list(params.get("boilerplate"))
    indicators = {n.path: n for n in ctx.indicators()}
    for pace in paces(ctx):
        if pace.ratio >= params["behind"]:
            continue
        if pace.path == "budget":
            data, where, variant = ctx.form.data.get("budget") or {}, "budget.actual", "budget"
            reason, remedy = data.get("explanation"), data.get("remedy")
        else:
            data, where, variant = indicators[pace.path].data, f"{pace.path}.progress", None
            reason, remedy = data.get("deviation"), data.get("remedy")
        missing = [label for label, text in (("偏差原因", reason), ("纠偏措施", remedy))
                   if not explained(text, boilerplate)]
        if missing:
            yield Hit(where, dict(_vars(pace, ctx, params["behind"]), missing="、".join(missing)),
                      variant=variant)
