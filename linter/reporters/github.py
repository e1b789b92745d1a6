"""GitHub Actions workflow commands: annotations on the changed files.

`::error file=F,line=L,col=C,title=CODE slug::message` — warnings become
`::warning`, infos `::notice`. Values are escaped as the runner expects
(`%`, CR, LF everywhere; `:` and `,` inside properties). Text from the form
(names, file names) first has its control characters shown as escapes
(`text.safe`): the runner prints the message into the log, where an ESC
sequence or a bidi override would act on whoever reads it.
"""
from __future__ import annotations

from typing import List

from linter.model.findings import Finding, Summary
from linter.reporters.text import safe

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    lines = []
    for f in findings:
        props = [f"file={_prop(safe(f.location.file))}"]
        if f.location.line:
            props.append(f"line={f.location.line}")
            if f.location.column:
                props.append(f"col={f.location.column}")
        where = f" [{safe(f.location.sheet)}!{safe(f.location.cell)}]" if f.location.sheet else ""
        props.append(f"title={_prop(safe(f'{f.code} {f.slug}'))}")
        message = safe(f.message) + where + (f"\n{safe(f.fix)}" if f.fix else "")
        lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{_data(message)}")
    return "".join(line + "\n" for line in lines)
