"""JUnit XML: one test case per checked file, one failure per finding, for
CI systems that show test reports (Jenkins, GitLab, Azure). Built with the
standard library's ElementTree, which escapes markup (`<`, `&`, quotes) but
not characters XML 1.0 cannot hold at all (C0 controls, lone surrogates):
one such character in a name made the whole report ill-formed, and CI then
drops it. Everything embedded goes through `text.safe` first, which shows
them as escapes."""
from __future__ import annotations

from itertools import groupby
from typing import List
from xml.etree import ElementTree as ET

from linter.model.findings import Finding, Summary
from linter.reporters.text import FIX_LABEL, label, safe


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    by_file = {file: list(group) for file, group in groupby(findings, key=lambda f: f.location.file)}
    files = list(ctx.files) or list(by_file)
    for file in by_file:
        if file not in files:
            files.append(file)
    failing = [f for f in findings if f.severity in ("error", "warning")]
    suites = ET.Element("testsuites", name="jxlint", tests=str(len(files)),
                        failures=str(len({f.location.file for f in failing})))
    suite = ET.SubElement(suites, "testsuite", name="jxlint", tests=str(len(files)),
                          failures=str(len({f.location.file for f in failing})), errors="0")
    fix_label = FIX_LABEL.get(ctx.lang, FIX_LABEL["zh"])
    for file in files:
        case = ET.SubElement(suite, "testcase", classname="jxlint", name=safe(file))
        notes = []
        for f in by_file.get(file, []):
            # the severity and the fix as the text report words them, in the run's language
            fix = f"\n{fix_label}{safe(f.fix)}" if f.fix else ""
            text = f"{safe(f.location.short())} {safe(f.code)} [{label(f, ctx.lang)}] {safe(f.message)}{fix}"
            if f.severity in ("error", "warning"):
                ET.SubElement(case, "failure", message=safe(f"{f.code} {f.message}"), type=safe(f.code)).text = text
            else:
                notes.append(text)
        if notes:  # infos do not fail a file; JUnit puts output after failures
            ET.SubElement(case, "system-out").text = "\n".join(notes) + "\n"
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
