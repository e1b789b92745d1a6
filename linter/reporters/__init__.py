"""Reporters: findings in, text out. Each reads only Findings, the Summary
and a `Context` (language, the rules behind the codes, the files checked),
so any format can be added without touching the engine."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Callable, Dict, List, Mapping, Tuple

# Format name -> module of this package with `render(findings, summary, ctx)`.
MODULES = {"text": "text", "json": "json", "sarif": "sarif", "github": "github",
           "gitlab": "gitlab", "junit": "junit", "html": "html"}
FORMATS = tuple(MODULES)


@dataclass
class Context:
    """What a reporter is told besides the findings: the language, the rules
    behind the codes, the files in order, and the options that shape it."""

    lang: str = "zh"
    rules: Mapping[str, Any] = field(default_factory=dict)   # code -> packs.Rule
    files: List[str] = field(default_factory=list)           # display names, in order
    statistics: bool = False
    quiet: bool = False
    stale: List[dict] = field(default_factory=list)          # baseline entries gone
    views: List[Any] = field(default_factory=list)           # report_view.FormView, for html
    # (file, code, path) -> (line, old line, new line): a TOML fix as a text edit, for SARIF
    fixes: Mapping[Tuple[str, str, str], Tuple[int, str, str]] = field(default_factory=dict)
    # per form: {"file", "form", "project", "packs": [{"name", "why"}]}; printed by text with -v
    forms: List[dict] = field(default_factory=list)
    verbose: bool = False


def get(name: str) -> Callable:
    return import_module(f"{__name__}.{MODULES[name]}").render


def statistics(findings) -> List[tuple]:
    """(code, slug, severity, count), most frequent first."""
    counts: Dict[Tuple[str, str, str], int] = {}
    for f in findings:
        key = (f.code, f.slug, f.severity)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((c, s, sev, n) for (c, s, sev), n in counts.items()), key=lambda r: (-r[3], r[0]))
