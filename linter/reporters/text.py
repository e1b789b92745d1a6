"""Human-readable output: findings grouped by file, then one summary line."""
from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import List

from linter.model.findings import Finding, Summary
from linter.reporters import statistics

SEVERITY_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    lang = ctx.lang
    labels = SEVERITY_LABEL.get(lang, SEVERITY_LABEL["zh"])
    if ctx.quiet:  # one line per finding, nothing else: for hooks and scripts
        return "".join(f"{f.location.short()} {f.code} [{labels[f.severity]}] {f.message}\n"
                       for f in findings)
    if ctx.statistics:
        return _statistics(findings, summary, ctx)
    fix_label = "修改建议：" if lang == "zh" else "fix: "
    lines: List[str] = []
    project_label = "项目：" if lang == "zh" else "project: "
    for file, group in groupby(findings, key=lambda f: f.location.file):
        lines.append(file)
        shown = None
        for f in group:
            if f.form is not None and f.form != shown:  # a file of several forms: say which
                shown = f.form
                code = f"（{f.project_code}）" if f.project_code else ""
                lines.append(f"  {project_label}{f.project or f.form + 1}{code}")
            lines.append(f"  {f.location.short()} {f.code} [{labels[f.severity]}] {f.message}")
            if f.fix:
                lines.append(f"      {fix_label}{f.fix}")
        lines.append("")
    bases = {}
    for f in findings:
        if f.basis and not f.code.startswith("E"):
            bases.setdefault(f.code, f.basis)
    if bases:
        lines.append("依据：" if lang == "zh" else "Policy basis:")
        lines.extend(f"  {code} {bases[code]}" for code in sorted(bases))
        lines.append("")
    lines.extend(_stale(ctx))
    lines.append(summary_line(summary, lang))
    return "\n".join(lines) + "\n"


def _statistics(findings: List[Finding], summary: Summary, ctx) -> str:
    labels = SEVERITY_LABEL.get(ctx.lang, SEVERITY_LABEL["zh"])
    rows = [f"{n:>5}  {code}  {pad(slug, 31)} {labels[sev]}" for code, slug, sev, n in statistics(findings)]
    return "\n".join(rows + _stale(ctx) + [summary_line(summary, ctx.lang)]) + "\n"


def _stale(ctx) -> List[str]:
    if not ctx.stale:
        return []
    n = sum(e.get("missing", 1) for e in ctx.stale)
    head = (f"基线中有 {n} 个问题已不再出现，可用 --write-baseline 更新基线：" if ctx.lang == "zh"
            else f"{n} baseline finding(s) no longer occur; refresh it with --write-baseline:")
    return [head] + [f"  {e.get('file')} {e.get('code')} {e.get('indicator') or ''}".rstrip()
                     for e in ctx.stale] + [""]


def summary_line(summary: Summary, lang: str) -> str:
    c = summary.counts
    if lang == "en":
        files = f"{_plural(summary.files, 'file')} checked"
        if not summary.total:
            text = f"{files}: no problems found."
        else:
            text = (f"{files}: {_plural(summary.total, 'problem')} "
                    f"({_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, "
                    f"{c['info']} info).")
        if summary.files_stopped:
            text += f" {summary.files_stopped} file(s) could not be checked."
        return text
    if not summary.total:
        text = f"共检查 {summary.files} 个文件，未发现问题。"
    else:
        text = (f"共检查 {summary.files} 个文件，发现 {summary.total} 个问题："
                f"错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}。")
    if summary.files_stopped:
        text += f"其中 {summary.files_stopped} 个文件未能完成检查。"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def pad(text: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns, as terminals do."""
    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cols)
