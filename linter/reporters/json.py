"""Machine-readable output: {"version": 1, "findings": [...], "summary": {...}}."""
from __future__ import annotations

import json
from typing import List

from ..findings import Finding, Summary

VERSION = 1


def render(findings: List[Finding], summary: Summary, lang: str = "zh") -> str:
    doc = {"version": VERSION, "findings": [f.to_dict() for f in findings],
           "summary": summary.to_dict()}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
