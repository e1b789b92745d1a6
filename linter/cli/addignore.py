"""`jxlint check --add-ignore "REASON"`: adopt jxlint on old forms.

Ruff's `--add-noqa`: every current finding of a TOML form gets a suppression
comment on its line (`# jxlint: ignore[V001] REASON`, codes merged into a
comment already there), so the next run is clean and only new problems show.
Workbooks and tables cannot hold comments: their findings become `[[ignores]]`
entries in the configuration (the one that applies to them, edited keeping
its layout; a new `jxlint.toml` in the current folder when there is none).
Findings that stopped a file, and those a comment cannot silence (a line
inside a multi-line string), are left and counted.
"""
from __future__ import annotations

import os
import unicodedata
from collections import OrderedDict
from pathlib import Path
from typing import Dict, List, Sequence, Set, Tuple

import click

from linter.cli.common import UsageProblem
from linter.readers.comments import COMMENT_RE, outside_strings
from linter.reporters.text import safe

# codes a suppression cannot silence (the file could not be read; the
# suppression comments' own problems)
_NOT_SUPPRESSIBLE = ("E001", "E005", "E006")


def _ends_inside_string(line: str) -> bool:
    return not outside_strings(line, len(line)) or line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1


def add_comments(text: str, codes_by_line: Dict[int, Set[str]], reason: str) -> Tuple[str, int, int]:
    """The text with a suppression on each line; (text, lines marked, lines skipped)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    marked = skipped = 0
    for number, codes in sorted(codes_by_line.items()):
        if not 1 <= number <= len(lines):
            skipped += 1
            continue
        line = lines[number - 1]
        m = COMMENT_RE.search(line)
        if m:
            have = [c.strip() for c in m.group(1).split(",") if c.strip()]
            merged = have + sorted(c for c in codes if c not in have)
            lines[number - 1] = line[:m.start(1)] + ",".join(merged) + line[m.end(1):]
            marked += 1
            continue
        if _ends_inside_string(line):
            skipped += 1
            continue
        lines[number - 1] = f"{line.rstrip()}  # jxlint: ignore[{','.join(sorted(codes))}] {reason}"
        marked += 1
    return newline.join(lines), marked, skipped


def run(files: Sequence[Tuple[Path, str]], findings, reason: str, resolver, lang: str) -> int:
    from linter.writers.outfiles import OutputError, write_new
    # one line of printable text: a newline or a control character in a TOML
    # comment would break the form (or forge a key on the next line)
    reason = " ".join("".join(ch for ch in reason if not unicodedata.category(ch).startswith("C")
                              or ch.isspace()).split())
    if not reason:
        raise UsageProblem("--add-ignore 需要写明理由 (a reason is required)")
    paths = {display: path for path, display in files}
    by_file: "OrderedDict[str, list]" = OrderedDict()
    for f in findings:
        if f.blocking or f.code in _NOT_SUPPRESSIBLE or f.location.file not in paths:
            continue
        by_file.setdefault(f.location.file, []).append(f)
    written = skipped = recorded = 0
    configs: Dict[Tuple[Path, Tuple[str, ...]], List[dict]] = OrderedDict()
    for display, group in by_file.items():
        path = paths[display]
        if path.suffix.lower() == ".toml":
            codes: Dict[int, Set[str]] = {}
            for f in group:
                if f.location.line is None:
                    skipped += 1
                    continue
                codes.setdefault(f.location.line, set()).add(f.code)
            text = path.read_bytes().decode("utf-8")
            new, marked, missed = add_comments(text, codes, reason)
            skipped += missed
            if marked:
                try:
                    write_new(path, new.encode("utf-8"), force=True)
                except OutputError as exc:
                    raise UsageProblem(str(exc))
                written += sum(len(c) for c in codes.values())
        else:
            cfg = resolver.for_file(path)
            if cfg.path is not None:
                target, prefix = cfg.path, tuple(cfg.key_prefix)
            else:
                # a new configuration where it applies to the file: here when
                # the file is below here, else beside the file
                here = Path.cwd().resolve()
                inside = here in Path(os.path.abspath(path)).resolve().parents
                target, prefix = (here if inside else Path(os.path.abspath(path)).parent) / "jxlint.toml", ()
            base = target.parent
            entries = configs.setdefault((target, prefix), [])
            for f in group:
                entry = {"file": Path(os.path.relpath(os.path.abspath(path), base)).as_posix(), "code": f.code,
                         "path": f.path, "reason": reason}
                if f.indicator:
                    entry["indicator"] = f.indicator
                entries.append(entry)
                recorded += 1
    for (target, prefix), entries in configs.items():
        _append_ignores(target, prefix, entries)
    zh = lang != "en"
    click.echo(safe(f"jxlint: 已为 {written} 个问题写入忽略注释" + (f"，{recorded} 个写入配置的 [[ignores]]"
                                                            f"（{'、'.join(str(t) for t, _ in configs)}）" if recorded else "")
                    + (f"；{skipped} 个无法用注释忽略，仍会报告" if skipped else "") if zh else
                    f"jxlint: suppressed {written} finding(s) with comments"
                    + (f", {recorded} in [[ignores]] of {', '.join(str(t) for t, _ in configs)}" if recorded else "")
                    + (f"; {skipped} cannot be suppressed by a comment" if skipped else "")), err=True)
    return 0


def _append_ignores(target: Path, prefix: Tuple[str, ...], entries: List[dict]) -> None:
    """Add `[[ignores]]` entries to a configuration file (under `prefix`,
    e.g. tool.jxlint in a pyproject.toml), keeping what is there."""
    import tomlkit
    from linter.writers.outfiles import OutputError, write_new
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    doc = tomlkit.parse(text)
    container = doc
    for key in prefix:
        if key not in container:
            container[key] = tomlkit.table(is_super_table=True)
        container = container[key]
    table = container.get("ignores")
    if table is None:
        table = tomlkit.aot()
        container["ignores"] = table
    have = {(e.get("file"), e.get("code"), e.get("path")) for e in table}
    for entry in entries:
        if (entry["file"], entry["code"], entry["path"]) not in have:
            table.append(entry)
    try:
        write_new(target, tomlkit.dumps(doc).encode("utf-8"), force=True)
    except OutputError as exc:
        raise UsageProblem(str(exc))
