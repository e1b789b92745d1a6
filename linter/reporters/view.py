"""What a human report shows about one form, as plain data.

The HTML report (and the local web page) draw from this: the header, the
money block with the execution rate as printed beside the one the figures
give, the indicator table with each cell's findings, the per-site results
against their standard, and the findings in the order to fix them. Keeping
the selection here leaves the renderer with nothing to do but escape and lay
out, and lets tests check the content without parsing HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from linter.checks import REGISTRY
from linter.checks.context import Context
from linter.checks.monitoring import paces
from linter.checks.sites import site_series
from linter.model.findings import Finding
from linter.model.form import Form
from linter.model.money import execution_rate, stated_rate, year_budget
from linter.model.schema import printed_label
from linter.model.values import as_text, format_number

INDICATOR_COLUMNS = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                     ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"),
                     ("score", "得分"))
# A monitoring form shows what it prints instead of actuals and scores.
MONITORING_COLUMNS = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                      ("target", "年度指标值"), ("progress", "截至监控时点完成值"),
                      ("forecast", "全年预计完成值"), ("deviation", "偏差原因"), ("remedy", "纠偏措施"))
MONEY_ROWS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("actual", "全年执行数"),
              ("stated_rate", "执行率（表中）"), ("weight", "分值"), ("score", "得分"))
MONITORING_MONEY = {"actual": "截至监控时点执行数", "stated_rate": "执行率（截至监控时点，表中）"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Cell:
    text: str
    severity: Optional[str] = None        # the worst finding on this cell
    codes: List[str] = field(default_factory=list)


@dataclass
class SiteChart:
    item: str
    unit: str
    standard: float
    values: List[tuple]                   # (site, value, short?)
    codes: List[str] = field(default_factory=list)


@dataclass
class ProgressBar:
    """One figure of a monitoring form against the pro-rata line: `done` of
    the annual target (or budget) by `as_of`, `share` of the year elapsed,
    `state` red / yellow / ahead / on-track by the thresholds of the rule
    set's "pace" rules (blank when it has none)."""

    label: str
    path: str
    done: float
    share: float
    ratio: float
    state: str
    text: str                             # what was reached, as printed
    codes: List[str] = field(default_factory=list)


@dataclass
class FormView:
    file: str
    title: str
    kind: str
    header: List[tuple]                   # (label, value)
    money: List[tuple]                    # (label, Cell)
    rates: Optional[tuple]                # (stated %, computed %) when both exist
    indicators: List[List[Cell]]
    indicator_notes: List[List[Finding]]  # findings per indicator row
    sites: List[SiteChart]
    findings: List[Finding]               # fix-first order
    by_family: List[tuple]                # (family letter, count)
    labels: Dict[str, str] = field(default_factory=dict)   # Form.labels: what the sheet prints
    columns: tuple = INDICATOR_COLUMNS    # (key, label) of the indicator table
    progress: List[ProgressBar] = field(default_factory=list)  # monitoring forms only
    as_of: str = ""


_LINE = {"zh": "第 {} 行", "en": "line {}"}


def place(f: Finding, labels: Dict[str, str], lang: str = "zh") -> str:
    """Where a person finds a finding on the form they hold: the sheet's cell
    and the label printed over it (`表1!E12 年度指标值`), or the line of a
    TOML form and the field's printed label. Blank when it has neither."""
    loc = f.location
    if loc.sheet and loc.cell:
        where = f"{loc.sheet}!{loc.cell}"
    elif loc.line is not None:
        where = _LINE.get(lang, _LINE["zh"]).format(loc.line)
    else:
        where = loc.sheet or ""
    label = printed_label(f.path, labels, default="") if f.path else ""
    return " ".join(part for part in (where, label) if part)


def _worst(findings: List[Finding]) -> Optional[str]:
    return min((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default=None)


def _on(findings: List[Finding], prefix: str) -> List[Finding]:
    return [f for f in findings if f.path == prefix or f.path.startswith(prefix + ".")]


def build(form: Form, findings: List[Finding], ruleset=None, packs=None) -> FormView:
    """`packs`: (name, why) of the packs the form was checked with, shown in
    its header (a pack that applied by itself says on what grounds)."""
    data = form.data
    project = form.project
    budget = data.get("budget") or {}
    header = [(label, as_text(project.get(key))) for key, label in
              (("department", "主管部门"), ("implementer", "实施单位"), ("year", "年度"),
               ("goal", "年度总体目标"))
              if project.get(key) not in (None, "")]
    monitoring = form.kind == "monitoring"
    if monitoring and project.get("as_of") not in (None, ""):
        header.append(("监控时点", as_text(project.get("as_of"))))
    if form.units:
        header.append(("站点", "、".join(form.units)))
    if packs:
        header.append(("规则包", "；".join(f"{name}（{why}）" for name, why in packs)))

    money = []
    for key, label in MONEY_ROWS:
        if monitoring:
            label = MONITORING_MONEY.get(key, label)
        if key in budget:
            on = _on(findings, f"budget.{key}")
            money.append((label, Cell(as_text(budget.get(key)), _worst(on), [f.code for f in on])))
    base = year_budget(budget)
    computed = execution_rate(budget)
    if computed is not None and base is not None:  # a computed rate has a base
        money.append((f"执行率（计算：执行数 ÷ {'全年预算数' if base.source == 'adjusted' else '调整后预算'}）",
                      Cell(format_number(round(computed * 100, 2)) + "%")))
    stated = stated_rate(budget)
    rates = (stated * 100, computed * 100) if stated is not None and computed is not None else None

    rows, notes = [], []
    columns = MONITORING_COLUMNS if monitoring else INDICATOR_COLUMNS
    for node in form.nodes("indicator"):
        row_findings = _on(findings, node.path)
        cells = []
        for key, _ in columns:
            on = _on(findings, f"{node.path}.{key}")
            cells.append(Cell(as_text(node.get(key)), _worst(on), [f.code for f in on]))
        rows.append(cells)
        notes.append(sorted(row_findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code)))

    sites = _site_charts(form, findings, ruleset)
    ordered = sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.path))
    families: Dict[str, int] = {}
    for f in findings:
        families[f.code[0]] = families.get(f.code[0], 0) + 1
    return FormView(file=form.file, title=as_text(project.get("name")) or form.file, kind=form.kind,
                    header=header, money=money, rates=rates, indicators=rows,
                    indicator_notes=notes, sites=sites, findings=ordered,
                    by_family=sorted(families.items()), labels=dict(form.labels), columns=columns,
                    progress=_progress_bars(form, findings, ruleset) if monitoring else [],
                    as_of=as_text(project.get("as_of")) if monitoring else "")


def _progress_bars(form: Form, findings: List[Finding], ruleset) -> List[ProgressBar]:
    """Each figure a monitoring form holds to the pro-rata share, as the
    pace rules see it; coloured by the thresholds the rule set's "pace"
    rules are configured with."""
    if ruleset is None:
        return []
    limits: Dict[str, float] = {}
    for rule in ruleset.rules:
        if getattr(REGISTRY.get(rule.check), "role", None) == "pace":
            limits.update({k: v for k, v in rule.params.items() if isinstance(v, (int, float))})
    indicators = {n.path: n for n in form.nodes("indicator")}
    bars = []
    for pace in paces(Context(form, ruleset)):
        ratio = pace.ratio
        if "far_behind" in limits and ratio < limits["far_behind"]:
            state = "red"
        elif "behind" in limits and ratio < limits["behind"]:
            state = "yellow"
        elif "ahead" in limits and ratio >= limits["ahead"]:
            state = "ahead"
        else:
            state = "on-track" if limits else ""
        if pace.path == "budget":
            label, text = "预算执行", f"{format_number(round(pace.progress, 2))}{pace.unit}"
        else:
            node = indicators[pace.path]
            label, text = as_text(node.get("name")), as_text(node.get("progress"))
        on = _on(findings, pace.path if pace.path != "budget" else "budget.actual")
        bars.append(ProgressBar(label=label, path=pace.path, done=pace.done, share=pace.share, ratio=ratio,
                                state=state, text=text, codes=sorted({f.code for f in on})))
    return bars


def _site_charts(form: Form, findings: List[Finding], ruleset) -> List[SiteChart]:
    """Per-site figures against their standard, as the site rules see them:
    the standard table is the one the rule set's "site-series" rules are
    configured with."""
    if ruleset is None:
        return []
    standard = next((r.params["standard"] for r in ruleset.rules
                     if r.params.get("standard") and getattr(REGISTRY.get(r.check), "role", None) == "site-series"),
                    None)
    charts = []
    for path, item, unit, values, std in site_series(Context(form, ruleset), standard):
        on = _on(findings, path)
        charts.append(SiteChart(item=item, unit=unit, standard=std,
                                values=[(site, float(v), float(v) < std) for site, v in values.items()],
                                codes=sorted({f.code for f in on})))
    return charts


def views_of_file(engine, path, display: str, findings: List[Finding]) -> List[FormView]:
    """The views of every form in one file, each with its own findings (a
    table of many projects gives one per row). The file is read again: the
    cache and the workers carry findings only."""
    from linter.readers import read_file
    result = read_file(path, display, **engine.read_options)
    many = len(result.forms) > 1
    return [build(form, [f for f in findings if f.location.file == display and (not many or f.form == i)],
                  engine.loader.ruleset(engine.packs_for(form)), engine.policy.pack_reasons(form, engine.lang))
            for i, form in enumerate(result.forms)]
