"""SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, …).

One run; `tool.driver.rules` lists the rules that fired, with their title,
why, fix and policy basis; each result points at the file (a relative URI)
and, for text forms, the line and column. Workbook findings carry their
sheet and cell as result properties (SARIF regions are text regions).
"""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any, Dict, List
from urllib.parse import quote

from linter import __version__
from linter.model.findings import Finding, Summary

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/jxlint/jxlint"


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = Path(os.path.relpath(path))
        except ValueError:  # another drive on Windows
            return path.as_uri()
    return quote(PurePosixPath(path).as_posix(), safe="/")


def _rule(code: str, finding: Finding, rule, lang: str) -> dict:
    if rule is None:
        return {"id": code, "name": finding.slug, "shortDescription": {"text": finding.slug},
                "defaultConfiguration": {"level": LEVEL[finding.severity]}}
    title = rule.title.get(lang) or rule.title.get("zh", "")
    why = rule.why.get(lang) or rule.why.get("zh", "")
    fix = (rule.fix or {}).get(lang, "")
    help_text = "\n".join(t for t in (why, fix, f"依据 / basis: {rule.basis}") if t)
    return {"id": code, "name": rule.slug, "shortDescription": {"text": title},
            "fullDescription": {"text": why or title}, "help": {"text": help_text},
            "helpUri": f"{INFO_URI}/blob/main/docs/rules.md#{code}",
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"pack": rule.pack, "check": rule.check}}


def render(findings: List[Finding], summary: Summary, ctx) -> str:
    from linter.policy.baseline import fingerprint
    index: Dict[str, int] = {}
    rules: List[Dict[str, Any]] = []
    for f in findings:
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(_rule(f.code, f, ctx.rules.get(f.code), ctx.lang))
    results: List[Dict[str, Any]] = []
    for f in findings:
        physical: Dict[str, Any] = {"artifactLocation": {"uri": _uri(f.location.file)}}
        if f.location.line:
            physical["region"] = {"startLine": f.location.line,
                                  "startColumn": f.location.column or 1}
        result: Dict[str, Any] = {
            "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVEL[f.severity],
            "message": {"text": f.message + (f"\n{f.fix}" if f.fix else "")},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"jxlint/v1": fingerprint(f, Path.cwd())},
        }
        if f.path:
            result["locations"][0]["logicalLocations"] = [
                {"fullyQualifiedName": f.path, "name": f.indicator or f.path}]
        if f.location.sheet:
            result["properties"] = {"sheet": f.location.sheet, "cell": f.location.cell}
        if f.form is not None:
            result.setdefault("properties", {}).update(
                {k: v for k, v in (("form", f.form), ("project", f.project), ("projectCode", f.project_code))
                 if v is not None})
        result.setdefault("properties", {})["confidence"] = f.confidence
        if f.edit is not None:
            result["properties"]["edit"] = f.edit.to_dict()
            replacement = (ctx.fixes or {}).get((f.location.file, f.code, f.path))
            if replacement is not None and f.edit.safe:
                line, old_text, new_text = replacement
                result["fixes"] = [{
                    "description": {"text": ("jxlint check --fix：" if ctx.lang != "en" else "jxlint check --fix: ")
                                    + f"{old_text.strip()} → {new_text.strip()}"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.location.file)},
                        "replacements": [{
                            "deletedRegion": {"startLine": line, "startColumn": 1,
                                              "endLine": line, "endColumn": len(old_text) + 1},
                            "insertedContent": {"text": new_text}}]}]}]
        results.append(result)
    run: Dict[str, Any] = {
        "tool": {"driver": {"name": "jxlint", "version": __version__, "informationUri": INFO_URI,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if ctx.forms:  # which packs each form was checked with, and why
        run["properties"] = {"forms": ctx.forms}
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
