"""Typed findings: what a rule reports, where, and how to fix it.

Every reporter reads only these objects; positions are structured fields,
never text inside a message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, NamedTuple, Optional

SEVERITIES = ("error", "warning", "info")


class Location(NamedTuple):
    """Where a finding lands: a line/column in a text file, or a sheet/cell."""

    file: str
    line: Optional[int] = None
    column: Optional[int] = None
    sheet: Optional[str] = None
    cell: Optional[str] = None

    def short(self) -> str:
        if self.sheet and self.cell:
            return f"{self.file}:{self.sheet}!{self.cell}"
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _cell_order(cell: Optional[str]):
    """'AB12' -> (12, 28): workbook findings in reading order (row, then column)."""
    m = _CELL_RE.match(cell or "")
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


EDIT_OPS = ("replace", "set", "append")


class Edit(NamedTuple):
    """A mechanical fix a rule declares (`autofix` in its pack): at the field
    `path`, `replace` the text `old` with `new`, `set` the value to `new`, or
    `append` `new` to it. `safe` edits are applied by `--fix`; the others
    only with `--unsafe-fixes`. `sheet`/`cell` place it in a workbook (only
    when the field itself was read from a cell)."""

    path: str
    op: str
    new: str
    old: str = ""
    safe: bool = True
    sheet: Optional[str] = None
    cell: Optional[str] = None

    def to_dict(self) -> dict:
        out = {"path": self.path, "op": self.op, "new": self.new, "safe": self.safe}
        if self.old:
            out["old"] = self.old
        if self.cell:
            out["sheet"], out["cell"] = self.sheet, self.cell
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Edit":
        return cls(path=d["path"], op=d["op"], new=d["new"], old=d.get("old", ""),
                   safe=d.get("safe", True), sheet=d.get("sheet"), cell=d.get("cell"))


class Finding(NamedTuple):
    code: str
    slug: str
    severity: str
    message: str
    fix: str
    path: str
    location: Location
    indicator: Optional[str] = None
    pack: str = ""
    basis: str = ""  # the policy the rule rests on
    # True for findings that stopped the form from being checked (E001/E002):
    # they decide exit code 2 rather than 1.
    blocking: bool = False
    # Which form of a file that holds several (a table, one project per row,
    # a workbook of several sheets): its index, and the project it prints.
    form: Optional[int] = None
    project: Optional[str] = None
    project_code: Optional[str] = None
    # "certain" (arithmetic, structure) or "likely" (a judgment of meaning)
    confidence: str = "certain"
    # the fix jxlint can make itself (`--fix`), when the rule declares one
    edit: Optional[Edit] = None

    def sort_key(self):
        loc = self.location
        row, col = _cell_order(loc.cell)
        return (loc.file, loc.sheet or "", loc.line or 0, loc.column or 0, row, col,
                self.code, self.path, self.message)

    def to_dict(self) -> dict:
        loc = self.location
        out: Dict[str, Any] = {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "path": self.path,
            "indicator": self.indicator,
            "fix": self.fix,
            "pack": self.pack,
            "basis": self.basis,
            "confidence": self.confidence,
        }
        if loc.sheet is not None:
            out["sheet"] = loc.sheet
            out["cell"] = loc.cell
        out["fixable"] = self.edit is not None and self.edit.safe
        if self.edit is not None:
            out["edit"] = self.edit.to_dict()
        if self.form is not None:
            out["form"] = self.form
            if self.project is not None:
                out["project"] = self.project
            if self.project_code is not None:
                out["project_code"] = self.project_code
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        """The inverse of `to_dict` (plus `blocking`), for the result cache."""
        return cls(code=d["code"], slug=d["slug"], severity=d["severity"], message=d["message"],
                   fix=d["fix"], path=d["path"],
                   location=Location(d["file"], d.get("line"), d.get("column"),
                                     d.get("sheet"), d.get("cell")),
                   indicator=d.get("indicator"), pack=d.get("pack", ""), basis=d.get("basis", ""),
                   blocking=d.get("blocking", False), form=d.get("form"),
                   project=d.get("project"), project_code=d.get("project_code"),
                   confidence=d.get("confidence", "certain"),
                   edit=Edit.from_dict(d["edit"]) if d.get("edit") else None)


@dataclass
class Summary:
    """Counts over a run: files, files stopped, findings by severity (all,
    and "certain" only), and what fails the run."""

    files: int = 0
    files_stopped: int = 0
    counts: dict = field(default_factory=lambda: {s: 0 for s in SEVERITIES})
    # The least severe finding that fails the run (config `fail-on`).
    fail_on: str = "error"
    # Whether "likely" findings (judgments of meaning) can fail the run
    # (`--fail-on-likely` / `--no-fail-on-likely`); they are reported either way.
    fail_on_likely: bool = True
    certain: dict = field(default_factory=lambda: {s: 0 for s in SEVERITIES})

    def add(self, finding: Finding) -> None:
        self.counts[finding.severity] = self.counts.get(finding.severity, 0) + 1
        if finding.confidence != "likely":
            self.certain[finding.severity] = self.certain.get(finding.severity, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def exit_code(self) -> int:
        if self.files_stopped:
            return 2
        failing = SEVERITIES[: SEVERITIES.index(self.fail_on) + 1]
        counted = self.counts if self.fail_on_likely else self.certain
        return 1 if any(counted.get(s) for s in failing) else 0

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "files_stopped": self.files_stopped,
            "findings": self.total,
            "by_severity": dict(self.counts),
            "exit_code": self.exit_code(),
        }
