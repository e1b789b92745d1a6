"""Machine-readable output: {"version": 1, "findings": [...], "summary": {...}}."""
from __future__ import annotations

import json
from typing import List

from linter.model.findings import Finding, Summary
from linter.reporters import statistics

VERSION = 1


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    doc = {"version": VERSION, "findings": [f.to_dict() for f in findings],
           "summary": summary.to_dict()}
    if ctx.statistics:
        doc["statistics"] = [{"code": c, "slug": s, "severity": sev, "count": n}
                             for c, s, sev, n in statistics(findings)]
    if ctx.stale:
        doc["baseline_stale"] = ctx.stale
    if ctx.forms:
        doc["forms"] = ctx.forms
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
