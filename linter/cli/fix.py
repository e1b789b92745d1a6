"""`jxlint check --fix` and `--diff`: apply the fixes the rules declare.

A pass applies at most one edit per field, then the fixed files are checked
again and the next pass fixes what the first one made fixable (a corrected
score changes the total, which changes the grade), up to `MAX_PASSES` passes:
the loop is `linter.writers.fixes.fix_in_passes`, which the serve page runs too.
TOML forms are replaced in place; workbooks get a fixed copy and are never
written. `--diff` computes the same changes and writes nothing.
"""
from __future__ import annotations

import difflib
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import click

from linter.cli.common import UsageProblem
from linter.reporters.text import safe

TOML_SUFFIXES = (".toml",)


@dataclass
class Target:
    """One checked file and where its fixes go."""

    path: Path            # the file as given
    display: str
    out: Path             # TOML: the file itself; workbook: its fixed copy
    kind: str             # "toml" | "workbook" | "other"
    changes: List = field(default_factory=list)


def targets_for(files: Sequence[Tuple[Path, str]], output: Optional[str]) -> List[Target]:
    from linter.writers.fixes import FIXABLE_WORKBOOKS, fixed_copy_name
    workbooks = [p for p, _ in files if p.suffix.lower() in FIXABLE_WORKBOOKS]
    out = []
    for path, display in files:
        suffix = path.suffix.lower()
        if suffix in TOML_SUFFIXES:
            out.append(Target(path, display, path, "toml"))
        elif suffix in FIXABLE_WORKBOOKS:
            copy = Path(output) if (output and len(workbooks) == 1 and len(files) == 1) else fixed_copy_name(path)
            out.append(Target(path, display, copy, "workbook"))
        else:
            out.append(Target(path, display, path, "other"))
    return out


def by_display(findings) -> Dict[str, list]:
    grouped: "OrderedDict[str, list]" = OrderedDict()
    for f in findings:
        grouped.setdefault(f.location.file, []).append(f)
    return grouped


def plan_diff(targets: Sequence[Target], findings, unsafe: bool, lang: str) -> int:
    """Print what --fix would change; the number of changes."""
    from linter.writers.fixes import describe, fix_toml_text, fix_workbook, one_per_field
    grouped = by_display(findings)
    total = 0
    for t in targets:
        chosen = one_per_field(grouped.get(t.display, []), unsafe)
        if not chosen or t.kind == "other":
            continue
        if t.kind == "toml":
            before = t.path.read_bytes().decode("utf-8")
            after, changes = fix_toml_text(before, chosen)
            if changes:
                diff = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                            fromfile=t.display, tofile=t.display)
                click.echo("".join(diff), nl=False)
        else:
            _, changes = fix_workbook(t.path, t.out, chosen, lang, write=False)
            if changes:
                click.echo(f"--- {t.display}")
                click.echo(f"+++ {t.out}")
                for change in changes:
                    click.echo("  " + safe(describe(change)))
        total += len(changes)
    return total


def apply_pass(targets: Sequence[Target], findings, unsafe: bool, lang: str, force: bool,
               first: bool) -> int:
    """One pass of fixes over every target; the number of fields changed."""
    from linter.writers.fixes import fix_toml_file, fix_workbook, one_per_field
    from linter.writers.outfiles import OutputError
    grouped = by_display(findings)
    count = 0
    for t in targets:
        # after the first pass a workbook's findings are the copy's
        source = t.path if (first or t.kind != "workbook") else t.out
        chosen = one_per_field(grouped.get(t.display if first or t.kind != "workbook" else str(t.out), []),
                               unsafe)
        if not chosen or t.kind == "other":
            continue
        try:
            if t.kind == "toml":
                _, _, changes = fix_toml_file(t.path, chosen)
            else:
                _, changes = fix_workbook(source, t.out, chosen, lang, force=force or not first,
                                          protect=[t.path])
        except OutputError as exc:
            raise UsageProblem(str(exc))
        t.changes.extend(changes)
        count += len(changes)
    return count


def report_changes(targets: Sequence[Target], lang: str) -> None:
    from linter.writers.fixes import describe
    fixed = [t for t in targets if t.changes]
    n = sum(len(t.changes) for t in fixed)
    for t in fixed:
        where = t.display if t.kind == "toml" else f"{t.display} → {t.out}"
        click.echo(safe(f"jxlint: {where}"), err=True)
        for change in t.changes:
            click.echo("  " + safe(describe(change)), err=True)
    if lang == "en":
        click.echo(f"jxlint: fixed {n} field(s) in {len(fixed)} file(s)", err=True)
    else:
        click.echo(f"jxlint: 已自动修复 {n} 处（{len(fixed)} 个文件）；以下是修复后重新检查的结果", err=True)
    skipped = [t for t in targets if t.kind == "other"]
    for t in skipped:
        click.echo(safe(f"jxlint: {t.display}: 表格（{t.path.suffix}）不自动修复，请在原表中修改 "
                        f"(tables are not fixed automatically)"), err=True)
