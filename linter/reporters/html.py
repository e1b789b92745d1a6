"""A self-contained HTML report for people: one file, inline CSS and SVG,
nothing fetched from the network, printable on A4.

Per form: the header and money block (the execution rate as printed beside
the one the figures give), on a monitoring form a progress bar per figure
against the pro-rata line, a "fix these first" list with each fix and its
policy basis, the indicator table as the form shows it with flagged cells
coloured by severity, per-site results against their standard as a bar chart
with the threshold line, and the findings by family. Everything that comes
from a form or a pack is escaped with `html.escape`.
"""
from __future__ import annotations

from html import escape
from itertools import groupby
from typing import List

from linter import __version__
from linter.model.findings import Finding, Summary
from linter.model.schema import kind_name
from linter.reporters.text import SEVERITY_LABEL, summary_line

FAMILY = {"E": "输入与结构", "C": "类别与完整性", "N": "指标名称", "V": "指标值", "U": "多站点与规模",
          "B": "预算与执行", "P": "合同与付款", "S": "分值与得分", "X": "一致性与文字", "M": "运行监控"}
FAMILY_EN = {"E": "input", "C": "categories", "N": "names", "V": "values", "U": "sites",
             "B": "budget", "P": "payments", "S": "scores", "X": "consistency", "M": "monitoring"}

CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
       sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 16px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; border-left: 4px solid #555; padding-left: 6px; }
.meta { color: #666; font-size: 13px; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
th, td { border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.error { background: #fadbd8; } td.warning { background: #fdebd0; } td.info { background: #d6eaf8; }
.tag { display: inline-block; font-size: 11px; padding: 0 4px; border-radius: 3px; color: #fff;
       margin-right: 4px; white-space: nowrap; }
.tag.error { background: #c0392b; } .tag.warning { background: #d68910; } .tag.info { background: #2e86c1; }
ol.fix li { margin-bottom: 8px; } .fixline { color: #145a32; } .basis { color: #666; font-size: 12px; }
.note { font-size: 12px; margin: 2px 0; }
section.form { break-before: page; } section.form:first-of-type { break-before: auto; }
svg text { font-family: inherit; }
.summary { font-size: 15px; padding: 8px 10px; background: #f7f7f7; border: 1px solid #ddd; }
@media print { .noprint { display: none; } td, th { font-size: 11px; } }
"""


def _e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def _tag(f: Finding, lang: str) -> str:
    label = SEVERITY_LABEL.get(lang, SEVERITY_LABEL["zh"])[f.severity]
    return f'<span class="tag {f.severity}">{_e(f.code)} {_e(label)}</span>'


def _rate_chart(rates) -> str:
    stated, computed = rates
    top = max(100.0, stated, computed) * 1.1
    rows = [("表中执行率", stated, "#7f8c8d"), ("计算执行率", computed,
                                                 "#c0392b" if abs(stated - computed) > 0.5 else "#27ae60")]
    parts = [f'<svg class="rates" role="img" aria-label="执行率对比" width="560" height="{len(rows) * 30 + 10}" '
             f'viewBox="0 0 560 {len(rows) * 30 + 10}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, colour) in enumerate(rows):
        y = 5 + i * 30
        width = 360 * value / top
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{_e(label)}</text>'
                     f'<rect x="100" y="{y}" width="{width:.1f}" height="20" fill="{colour}"/>'
                     f'<text x="{106 + width:.1f}" y="{y + 15}" font-size="12">{value:.2f}%</text>')
    x100 = 100 + 360 * 100 / top
    parts.append(f'<line x1="{x100:.1f}" y1="0" x2="{x100:.1f}" y2="{len(rows) * 30 + 5}" '
                 f'stroke="#555" stroke-dasharray="4 3"/></svg>')
    return "".join(parts)


def _site_chart(chart) -> str:
    """Horizontal bars per site, a dashed threshold line at the standard,
    short sites in red with their value marked."""
    n = len(chart.values)
    height = n * 26 + 34
    top = max([v for _, v, _ in chart.values] + [chart.standard]) * 1.15 or 1
    scale = 420 / top
    parts = [f'<svg class="sites" data-item="{_e(chart.item)}" role="img" '
             f'aria-label="{_e(chart.item)} 各站点完成情况" width="620" height="{height}" '
             f'viewBox="0 0 620 {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (site, value, short) in enumerate(chart.values):
        y = 6 + i * 26
        width = value * scale
        colour = "#c0392b" if short else "#5b9bd5"
        mark = " ▼ 未达标" if short else ""
        parts.append(f'<g class="bar{" short" if short else ""}" data-site="{_e(site)}">'
                     f'<text x="0" y="{y + 15}" font-size="12">{_e(site)}</text>'
                     f'<rect x="90" y="{y}" width="{width:.1f}" height="20" fill="{colour}"/>'
                     f'<text x="{96 + width:.1f}" y="{y + 15}" font-size="12" '
                     f'fill="{colour if short else "#222"}">{_e(_num(value))}{_e(chart.unit)}{mark}</text></g>')
    x = 90 + chart.standard * scale
    parts.append(f'<line class="threshold" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{n * 26 + 8}" '
                 f'stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"/>'
                 f'<text x="{x + 4:.1f}" y="{n * 26 + 26}" font-size="12" fill="#c0392b">'
                 f'标准 {_e(_num(chart.standard))}{_e(chart.unit)}</text></svg>')
    return "".join(parts)


_PACE_COLOUR = {"red": "#c0392b", "yellow": "#d68910", "ahead": "#2e86c1", "on-track": "#27ae60", "": "#5b9bd5"}
_PACE_MARK = {"red": " ▼ 严重滞后", "yellow": " ▼ 滞后", "ahead": " ▲ 超前", "on-track": "", "": ""}


def _progress_chart(bars) -> str:
    """A monitoring form's figures: a bar per indicator (and the money) of
    what is done of the annual target, on a track that is the whole target,
    with a dashed marker at the pro-rata share of the year (时间进度)."""
    n = len(bars)
    height = n * 28 + 34
    top = max([1.0] + [b.done for b in bars])
    scale = 380 / top
    parts = [f'<svg class="progress" role="img" aria-label="完成进度与时间进度" width="700" height="{height}" '
             f'viewBox="0 0 700 {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, bar in enumerate(bars):
        y = 6 + i * 28
        width = bar.done * scale
        colour = _PACE_COLOUR.get(bar.state, "#5b9bd5")
        parts.append(f'<g class="bar {_e(bar.state)}" data-path="{_e(bar.path)}" data-done="{bar.done * 100:.1f}" '
                     f'data-codes="{_e(" ".join(bar.codes))}">'
                     f'<text x="0" y="{y + 15}" font-size="12">{_e(bar.label[:14])}</text>'
                     f'<rect x="150" y="{y}" width="{scale:.1f}" height="20" fill="#eee"/>'
                     f'<rect x="150" y="{y}" width="{width:.1f}" height="20" fill="{colour}"/>'
                     f'<text x="{156 + max(width, scale):.1f}" y="{y + 15}" font-size="12" fill="{colour}">'
                     f'{_e(bar.text)} · {bar.done * 100:.1f}%（时间进度的 {bar.ratio * 100:.0f}%）'
                     f'{_e(_PACE_MARK.get(bar.state, ""))}</text></g>')
    share = bars[0].share if bars else 0
    x = 150 + share * scale
    parts.append(f'<line class="pro-rata" data-share="{share * 100:.1f}" x1="{x:.1f}" y1="0" x2="{x:.1f}" '
                 f'y2="{n * 28 + 8}" stroke="#555" stroke-width="2" stroke-dasharray="6 4"/>'
                 f'<text x="{x + 4:.1f}" y="{n * 28 + 26}" font-size="12" fill="#555">'
                 f'时间进度 {share * 100:.1f}%</text></svg>')
    return "".join(parts)


def _family_chart(by_family, lang: str) -> str:
    if not by_family:
        return ""
    top = max(n for _, n in by_family)
    height = len(by_family) * 24 + 8
    names = FAMILY if lang == "zh" else FAMILY_EN
    parts = [f'<svg class="families" role="img" aria-label="问题分布" width="520" height="{height}" '
             f'viewBox="0 0 520 {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (family, n) in enumerate(by_family):
        y = 4 + i * 24
        width = 300 * n / top
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{_e(family)} {_e(names.get(family, ""))}</text>'
                     f'<rect x="130" y="{y}" width="{width:.1f}" height="18" fill="#7d3c98"/>'
                     f'<text x="{136 + width:.1f}" y="{y + 14}" font-size="12">{n}</text>')
    return "".join(parts) + "</svg>"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _fix_item(f: Finding, labels, lang: str) -> str:
    """One finding to fix: the problem; the cell and its printed label
    (表1!E12 年度指标值) and the indicator; the fix; the basis."""
    from linter.reporters.view import place
    parts = [p for p in (place(f, labels, lang), f.indicator) if p] or ([f.path] if f.path else [])
    where = f'<br><span class="meta place">{" · ".join(_e(p) for p in parts)}</span>' if parts else ""
    return (f'<li data-code="{_e(f.code)}">{_tag(f, lang)}{_e(f.message)}{where}'
            f'{f"<br><span class=fixline>修改：{_e(f.fix)}</span>" if f.fix else ""}'
            f'{f"<br><span class=basis>依据：{_e(f.basis)}</span>" if f.basis else ""}</li>')


def _form_section(view, lang: str) -> str:
    out = [f'<section class="form"><h2>{_e(view.title)}</h2>'
           f'<p class="meta">{_e(view.file)} · {_e(kind_name(view.kind, lang))}</p>']
    if view.header:
        out.append("<table class=\"header\">" + "".join(
            f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in view.header) + "</table>")
    if view.money:
        out.append("<h3>资金 / Money</h3><table class=\"money\"><tr>" +
                   "".join(f"<th>{_e(label)}</th>" for label, _ in view.money) + "</tr><tr>" +
                   "".join(f'<td class="{cell.severity or ""}">{_e(cell.text)}'
                           f'{"".join(f" <b>{_e(c)}</b>" for c in cell.codes)}</td>'
                           for _, cell in view.money) + "</tr></table>")
        if view.rates:
            out.append(_rate_chart(view.rates))
    if view.findings:
        out.append('<h3>先改这些 / Fix these first</h3><ol class="fix">')
        out.extend(_fix_item(f, view.labels, lang) for f in view.findings)
        out.append("</ol>")
    if view.progress:
        out.append(f'<h3>完成进度 / Progress against the pro-rata line</h3>'
                   f'<p class="meta">截至 {_e(view.as_of)}：条形为已完成占年度指标值（或全年预算）的比例，'
                   f'虚线为时间进度</p>{_progress_chart(view.progress)}')
    if view.indicators:
        out.append('<h3>绩效指标 / Indicators</h3><table class="indicators"><tr>' +
                   "".join(f"<th>{_e(label)}</th>" for _, label in view.columns) +
                   "<th>问题 / Findings</th></tr>")
        for cells, notes in zip(view.indicators, view.indicator_notes):
            row = "".join(f'<td class="{c.severity or ""}" data-codes="{_e(" ".join(c.codes))}">'
                          f'{_e(c.text)}</td>' for c in cells)
            note = "".join(f'<p class="note">{_tag(f, lang)}{_e(f.message)}</p>' for f in notes)
            out.append(f"<tr>{row}<td>{note}</td></tr>")
        out.append("</table>")
    if view.sites:
        out.append("<h3>各站点完成情况 / Per-site results</h3>")
        for chart in view.sites:
            codes = f' <span class="meta">{_e(" ".join(chart.codes))}</span>' if chart.codes else ""
            out.append(f"<p><b>{_e(chart.item)}</b>（每站标准 {_e(_num(chart.standard))}{_e(chart.unit)}）"
                       f"{codes}</p>{_site_chart(chart)}")
    if view.by_family:
        out.append("<h3>问题分布 / Findings by family</h3>" + _family_chart(view.by_family, lang))
    out.append("</section>")
    return "".join(out)


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    lang = ctx.lang
    views = list(getattr(ctx, "views", None) or [])
    shown = {id(f) for v in views for f in v.findings}
    body = []
    for view in views:
        body.append(_form_section(view, lang))
    # findings on files that did not become forms (unreadable, schema errors)
    rest = [f for f in findings if id(f) not in shown]
    for file, group in groupby(rest, key=lambda f: f.location.file):
        body.append(f'<section class="form"><h2>{_e(file)}</h2><ol class="fix">' + "".join(
            _fix_item(f, {}, lang) for f in group) + "</ol></section>")
    return ("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>jxlint 检查报告</title><style>{CSS}</style></head><body>"
            f"<header><h1>jxlint 检查报告 / Report</h1>"
            f"<p class=\"summary\">{_e(summary_line(summary, lang))}</p>"
            f"<p class=\"meta\">jxlint {_e(__version__)}</p></header>"
            + "".join(body) + "</body></html>\n")
