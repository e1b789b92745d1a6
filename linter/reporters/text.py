"""Human-readable output: findings grouped by file, then one summary line."""
from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Dict, List

from linter.base.lazyre import lazy
from linter.model.findings import Finding, Summary
from linter.reporters import statistics

SEVERITY_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
# A judgment of meaning (a classification, a coarse output) says so beside its
# severity: [警告·可能]. Its message says why it thinks so.
LIKELY = {"zh": "·可能", "en": ", likely"}
FIX_LABEL = {"zh": "修改建议：", "en": "fix: "}
# A finding `jxlint check --fix` can fix itself says so after its message.
FIXABLE = {"zh": " [可自动修复]", "en": " [fixable]"}


def fixable(f, lang: str) -> str:
    return FIXABLE.get(lang, FIXABLE["zh"]) if f.edit is not None and f.edit.safe else ""


def label(f, lang: str) -> str:
    labels = SEVERITY_LABEL.get(lang, SEVERITY_LABEL["zh"])
    return labels[f.severity] + (LIKELY.get(lang, LIKELY["zh"]) if f.confidence == "likely" else "")


# What must not reach a terminal, a CI log or an XML report raw: C0 and C1
# controls (ESC starts a terminal escape sequence: `\x1b[2J` clears the
# screen, `\x1b]0;…\x07` sets the window title; CR and LF would forge a line
# of the report), DEL, the bidi embeddings, overrides and isolates (U+202E
# shows text reversed), the line and paragraph separators, lone surrogates
# (a file name that is not UTF-8) and the two noncharacters XML forbids.
# Tab stays; CJK and every other printable character stay as they are.
# Every one of them is non-printable to Python (`str.isprintable`), so a
# printable text has none and is returned without the pattern, which costs
# ~1.2 ms to compile (the surrogate range): most runs never compile it.
_UNSAFE_RE = lazy("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                  "\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escape(match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text) -> str:
    """`text` with control characters shown as escapes (ESC -> `\\x1b`,
    U+202E -> `\\u202e`): what a form or a file name says is printed, never
    obeyed. Every human-readable reporter passes form-derived text through
    here."""
    text = "" if text is None else str(text)
    if text.isprintable():
        return text
    return _UNSAFE_RE.sub(_escape, text) if _UNSAFE_RE.search(text) else text


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    lang = ctx.lang
    if ctx.quiet:  # one line per finding, nothing else: for hooks and scripts
        return "".join(f"{safe(f.location.short())} {safe(f.code)} [{label(f, lang)}] {safe(f.message)}"
                       f"{fixable(f, lang)}\n" for f in findings)
    if ctx.statistics:
        return _statistics(findings, summary, ctx)
    fix_label = FIX_LABEL.get(lang, FIX_LABEL["zh"])
    lines: List[str] = _packs(ctx) if ctx.verbose else []
    project_label = "项目：" if lang == "zh" else "project: "
    for file, group in groupby(findings, key=lambda f: f.location.file):
        lines.append(safe(file))
        shown = None
        for f in group:
            if f.form is not None and f.form != shown:  # a file of several forms: say which
                shown = f.form
                code = f"（{safe(f.project_code)}）" if f.project_code else ""
                lines.append(f"  {project_label}{safe(f.project or f.form + 1)}{code}")
            lines.append(f"  {safe(f.location.short())} {safe(f.code)} [{label(f, lang)}] {safe(f.message)}"
                         f"{fixable(f, lang)}")
            if f.fix:
                lines.append(f"      {fix_label}{safe(f.fix)}")
        lines.append("")
    bases: Dict[str, str] = {}
    for f in findings:
        if f.basis and not f.code.startswith("E"):
            bases.setdefault(f.code, f.basis)
    if bases:
        lines.append("依据：" if lang == "zh" else "Policy basis:")
        lines.extend(f"  {safe(code)} {safe(bases[code])}" for code in sorted(bases))
        lines.append("")
    lines.extend(_stale(ctx))
    n = sum(1 for f in findings if fixable(f, lang))
    if n:
        lines.append(f"其中 {n} 个标有“可自动修复”的问题可用 jxlint check --fix 修复（先用 --diff 查看改动）。"
                     if lang != "en" else f"{n} finding(s) marked fixable can be fixed with jxlint check --fix "
                                          f"(see the changes first with --diff).")
    lines.append(summary_line(summary, lang))
    return "\n".join(lines) + "\n"


def _packs(ctx) -> List[str]:
    """-v: one line per form, the packs it was checked with and why."""
    if not ctx.forms:
        return []
    zh = ctx.lang != "en"
    out = ["规则包 / Packs：" if zh else "Packs:"]
    for entry in ctx.forms:
        where = entry["file"] + (f"（{entry['project']}）" if entry.get("project") else "")
        packs = "、".join(f"{p['name']}（{p['why']}）" for p in entry["packs"])
        out.append(safe(f"  {where}：core、{packs}" if zh else f"  {where}: core, {packs}"))
    return out + [""]


def _statistics(findings: List[Finding], summary: Summary, ctx) -> str:
    labels = SEVERITY_LABEL.get(ctx.lang, SEVERITY_LABEL["zh"])
    rows = [f"{n:>5}  {safe(code)}  {pad(safe(slug), 31)} {labels[sev]}"
            for code, slug, sev, n in statistics(findings)]
    return "\n".join(rows + _stale(ctx) + [summary_line(summary, ctx.lang)]) + "\n"


def _stale(ctx) -> List[str]:
    if not ctx.stale:
        return []
    n = sum(e.get("missing", 1) for e in ctx.stale)
    head = (f"基线中有 {n} 个问题已不再出现，可用 --write-baseline 更新基线：" if ctx.lang == "zh"
            else f"{n} baseline finding(s) no longer occur; refresh it with --write-baseline:")
    # the entries come from the baseline file, which is input like a form
    return [head] + [safe(f"  {e.get('file')} {e.get('code')} {e.get('indicator') or ''}".rstrip())
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
