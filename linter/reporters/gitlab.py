"""GitLab Code Quality report (a JSON array of issues), for merge requests.

Severity: error -> major, warning -> minor, info -> info. The fingerprint is
the baseline's, so an unchanged finding keeps its identity across commits.
The text GitLab shows (description, check name) has its control characters
shown as escapes (`text.safe`); the path stays exact, because GitLab links
it to the file (JSON escapes what it must).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

from linter.model.findings import Finding, Summary
from linter.reporters.text import safe

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    from linter.policy.baseline import fingerprint
    issues = []
    seen: Dict[str, int] = {}
    for f in findings:
        fp = fingerprint(f, Path.cwd())
        seen[fp] = seen.get(fp, 0) + 1
        if seen[fp] > 1:  # GitLab needs unique fingerprints
            fp = f"{fp}-{seen[fp]}"
        where = f" [{safe(f.location.sheet)}!{safe(f.location.cell)}]" if f.location.sheet else ""
        issues.append({
            "type": "issue",
            "description": f"{safe(f.code)} {safe(f.message)}{where}",
            "check_name": safe(f"{f.code} {f.slug}"),
            "fingerprint": fp,
            "severity": SEVERITY[f.severity],
            "categories": ["Style" if f.code.startswith(("N", "C")) else "Bug Risk"],
            "location": {"path": Path(f.location.file).as_posix(),
                         "lines": {"begin": f.location.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
