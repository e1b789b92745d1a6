"""`jxlint check --fix` / `--diff`: the edits rules declare, applied.

A rule's `autofix` (pack data, docs/rule-authoring.md) becomes an `Edit` on
its finding: at one field, `replace` a piece of text, `set` the value, or
`append` to it. This module only applies edits; which edits exist is the
packs' business, and whether they are wanted is the command line's.

- A TOML form is edited with tomlkit, so comments, order and layout stay as
  the author wrote them, and replaced atomically.
- A workbook is never edited in place: the fixed copy goes to a new file,
  styles and merged ranges kept (openpyxl), every changed cell carrying a
  comment that says what it was and why it changed. A formula is never
  overwritten.

At most one edit per field is applied in a pass (two fixes of one cell could
contradict each other); the caller re-checks and runs another pass, as Ruff
does, until nothing is left to fix (`fix_in_passes`: the one loop both
`jxlint check --fix` and the `jxlint serve` page run).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from linter.base.sourcemap import split_path
from linter.model.findings import Edit, Finding
from linter.model.values import as_text, normalise
from linter.writers.outfiles import OutputError, cannot_open, workbook_bytes, write_new
from linter.writers.xlsxcells import anchor, put

Value = Union[str, int, float]
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_PERCENT_RE = re.compile(r"^(-?\d+(?:\.\d+)?)%$")
FIXABLE_WORKBOOKS = (".xlsx", ".xlsm")
MAX_PASSES = 5   # a fixed score changes the total, the total the grade: a few passes settle it


@dataclass(frozen=True)
class Change:
    """One applied edit: where, what it was, what it is now, and why."""

    where: str          # the field path (TOML) or Sheet!Cell (workbook)
    before: Value
    after: Value
    code: str
    reason: str         # the finding's message


def new_value(current: Any, edit: Edit, percent_cell: bool = False) -> Optional[Value]:
    """The field's value once `edit` is applied, or None when it does not
    apply (the text to replace is gone, the value is not text). A number
    stays a number when the new value is one; a rate written into a number
    follows what the number means (0.995 is a fraction, 99.5 a percentage)."""
    if edit.op == "replace":
        if not isinstance(current, str):
            return None
        if edit.old in current:
            return current.replace(edit.old, edit.new)
        folded = normalise(current)
        if edit.old in folded:  # 500M matched on the value as read (full-width, spaces)
            return folded.replace(edit.old, edit.new)
        return None
    if edit.op == "append":
        if isinstance(current, bool) or current is None:
            return None
        text = as_text(current)
        return None if text.endswith(edit.new) else text + edit.new
    # set
    if isinstance(current, (int, float)) and not isinstance(current, bool):
        pct = _PERCENT_RE.match(edit.new)
        if pct:
            number = float(pct.group(1))
            return _tidy(number / 100 if (percent_cell or abs(current) <= 1.5) else number)
        if _NUMBER_RE.match(edit.new):
            return _tidy(float(edit.new))
    if current is None and _NUMBER_RE.match(edit.new):
        return _tidy(float(edit.new))
    return edit.new



def _tidy(number: float) -> Union[int, float]:
    return int(number) if float(number).is_integer() else round(number, 6)


def one_per_field(findings: Iterable[Finding], unsafe: bool = False) -> List[Tuple[Finding, Edit]]:
    """The edits to apply in this pass: safe ones (and unsafe ones if asked),
    the first per field."""
    seen = set()
    chosen = []
    for finding in findings:
        edit = finding.edit
        if edit is None or (not edit.safe and not unsafe):
            continue
        key = (finding.location.file, finding.form, edit.sheet, edit.cell, edit.path)
        if key in seen:
            continue
        seen.add(key)
        chosen.append((finding, edit))
    return chosen


def fix_in_passes(findings: List[Finding], apply: Callable[[List[Finding], bool], int],
                  recheck: Callable[[], List[Finding]], max_passes: int = MAX_PASSES) -> Tuple[List[Finding], int]:
    """Fix, re-check, and fix again what the fixes made fixable, until a pass
    changes nothing or `max_passes` have run. `apply(findings, first)` makes
    one pass over the findings of the last check (`first`: those of the
    files as given) and returns how many fields it changed; `recheck()`
    checks the fixed files and returns their findings. Returns the findings
    of the last check and the number of passes that changed something."""
    passes = 0
    for n in range(max_passes):
        if not apply(findings, n == 0):
            break
        passes += 1
        findings = recheck()
    return findings, passes


# -- TOML ------------------------------------------------------------------



def fix_toml_text(text: str, chosen: Sequence[Tuple[Finding, Edit]]) -> Tuple[str, List[Change]]:
    """Apply edits to a TOML form's text, keeping everything else as written."""
    import tomlkit  # only when fixing: a check never pays for it

    doc = tomlkit.parse(text)
    changes: List[Change] = []
    for finding, edit in chosen:
        *parents, key = split_path(edit.path)
        container: Any = doc
        try:
            for seg in parents:
                container = container[seg]
            current: Any = container.get(key) if hasattr(container, "get") else None
        except (KeyError, IndexError, TypeError):
            continue
        plain: Any = current.unwrap() if hasattr(current, "unwrap") else current
        after = new_value(plain, edit)
        if after is None or plain is None or after == plain:
            continue
        container[key] = after
        changes.append(Change(edit.path, plain, after, finding.code, finding.message))
    return tomlkit.dumps(doc), changes


def fix_toml_file(path: Path, chosen: Sequence[Tuple[Finding, Edit]], write: bool = True) -> Tuple[str, str, List[Change]]:
    """The file's text before and after; written (atomically, in place) when
    `write` and something changed."""
    before = path.read_bytes().decode("utf-8")
    after, changes = fix_toml_text(before, chosen)
    if write and changes:
        write_new(path, after.encode("utf-8"), force=True)
    return before, after, changes


# -- workbooks --------------------------------------------------------------

def fixed_copy_name(src: Path) -> Path:
    """表1.xlsx -> 表1.fixed.xlsx, next to it."""
    return src.with_name(f"{src.stem}.fixed{src.suffix}")


def fix_workbook(src: Path, out: Optional[Path], chosen: Sequence[Tuple[Finding, Edit]],
                 lang: str = "zh", force: bool = False, write: bool = True,
                 protect: Sequence[Path] = ()) -> Tuple[Path, List[Change]]:
    """Apply edits to a copy of the workbook `src` written to `out` (never
    `src`, nor any of `protect`: the user's own workbook when `src` is a copy
    made by an earlier pass; an existing `out` only with `force`). Returns
    where it went and the cells changed. With `write` False nothing is
    written (`--diff`)."""
    import openpyxl
    from openpyxl.comments import Comment

    src = Path(src)
    out = Path(out) if out else fixed_copy_name(src)
    try:
        workbook = openpyxl.load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm")
    except Exception as exc:  # noqa: BLE001 - the user's file, reported with its name
        raise OutputError(src, *cannot_open(exc)) from exc
    changes: List[Change] = []
    done: Dict[Tuple[str, str], Value] = {}
    for finding, edit in chosen:
        if not edit.sheet or not edit.cell or edit.sheet not in workbook.sheetnames:
            continue
        ws = workbook[edit.sheet]
        cell = anchor(ws, edit.cell)
        key = (edit.sheet, cell.coordinate)
        if key in done:
            continue
        current = cell.value
        if cell.data_type == "f":
            continue  # a formula computes the figure: fixing its result would hide the formula
        after = new_value(current, edit, percent_cell="%" in str(cell.number_format or ""))
        if after is None or after == current:
            continue
        put(ws, cell.row, cell.column, after)  # text stays text: ==90% fixed to =90% is no formula
        done[key] = after
        where = f"{edit.sheet}!{cell.coordinate}"
        changes.append(Change(where, current, after, finding.code, finding.message))
        note = (f"jxlint 修改（{finding.code}）：原为“{as_text(current)}”，改为“{as_text(after)}”。{finding.message}"
                if lang != "en" else
                f"jxlint fix ({finding.code}): was '{as_text(current)}', now '{as_text(after)}'. {finding.message}")
        if cell.comment is not None and cell.comment.text:
            note = cell.comment.text.rstrip() + "\n\n" + note
        comment = Comment(note, "jxlint")
        comment.width = 360
        comment.height = min(600, 18 * (2 + len(note) // 28))
        cell.comment = comment
    if write and changes:
        write_new(out, workbook_bytes(workbook), list(protect) or [src], force)
    return out, changes


@dataclass
class FixedWorkbook:
    """A workbook's fixed copy after every pass: where it is, the cells
    changed (in the order changed; a cell fixed twice is listed twice) and
    the findings of its last check."""

    path: Path
    changes: List[Change]
    findings: List[Finding]


def fix_workbook_in_passes(src: Path, out: Path, findings: List[Finding],
                           recheck: Callable[[Path], List[Finding]], lang: str = "zh",
                           unsafe: bool = False, force: bool = False,
                           protect: Sequence[Path] = ()) -> FixedWorkbook:
    """`fix_in_passes` for one workbook: the first pass reads `src`, the
    later ones the copy `out` (overwritten from the second pass on); `src`
    and `protect` are never written. `recheck(out)` returns the copy's
    findings. Nothing is written when nothing is fixable."""
    src, out = Path(src), Path(out)
    changes: List[Change] = []

    def apply(found: List[Finding], first: bool) -> int:
        chosen = one_per_field(found, unsafe)
        if not chosen:
            return 0
        _, made = fix_workbook(src if first else out, out, chosen, lang, force=force or not first,
                               protect=[src, *protect])
        changes.extend(made)
        return len(made)

    last, _ = fix_in_passes(findings, apply, lambda: recheck(out))
    return FixedWorkbook(out, changes, last)


def net_changes(changes: Sequence[Change]) -> List[Change]:
    """One change per cell or field, in the order first changed: what it was
    before the first pass, what it is after the last, the codes joined."""
    merged: Dict[str, Change] = {}
    for c in changes:
        old = merged.get(c.where)
        if old is None:
            merged[c.where] = c
        else:
            codes = old.code if c.code in old.code.split(", ") else f"{old.code}, {c.code}"
            merged[c.where] = Change(c.where, old.before, c.after, codes, c.reason)
    return list(merged.values())



def describe(change: Change) -> str:
    return f"{change.where}: “{as_text(change.before)}” → “{as_text(change.after)}” ({change.code})"
