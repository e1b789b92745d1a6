"""`jxlint convert`: workbooks and tables to TOML forms, TOML forms to the
official workbook.

* A workbook or table (.xlsx, .xlsm, .csv, .tsv, .txt) becomes one
  indicator-set TOML file per form: `-o FORM.toml` for a file with one
  form, `-o DIR/` for a table of many rows (files `NN-项目名称.toml`).
  Forms with a schema problem (a weight printed as "2分") are written as
  printed, so the problem can be fixed in the TOML; the problem is listed.
* A TOML form becomes a filled-in national-layout workbook (`-o FORM.xlsx`):
  the 项目支出绩效自评表 for `kind = "self-evaluation"`, the 绩效目标申报表 for
  `kind = "target"`. What that layout has no place for is listed as dropped.

Nothing is ever written over an input, nor over an existing file without
`force`, and every file is written atomically (outfiles.py). Errors are
`ConvertError`s that name the file, in Chinese and English.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from linter.writers.outfiles import (OutputError, check_target, same_file, workbook_bytes, write_new)
from linter.readers import InputProblem, reader_for

IMPORTS = {".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls"}
EXPORTS = {".xlsx"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')
MAX_NAME = 40


class ConvertError(OutputError):
    """A conversion that cannot be done; the message names the file."""


@dataclass
class Converted:
    written: List[Path] = field(default_factory=list)
    # What the output could not carry, and the input's problems (rendered).
    notes: List[str] = field(default_factory=list)


def convert(source: Path, output: Path, *, template: Optional[str] = None, force: bool = False,
            lang: str = "zh") -> Converted:
    source, output = Path(source), Path(output)
    if not source.is_file():
        raise ConvertError(source, "输入文件不存在", "no such input file")
    if same_file(source, output):
        raise ConvertError(output, "输出文件就是输入文件，拒绝覆盖", "the output is the input file; refusing to overwrite it")
    suffix = source.suffix.lower()
    if suffix == ".toml":
        return toml_to_workbook(source, output, force=force, lang=lang)
    if suffix in IMPORTS:
        return table_to_toml(source, output, template=template, force=force, lang=lang)
    raise ConvertError(source, "不支持的输入文件类型（支持 .toml、.xlsx、.xlsm、.csv、.tsv、.txt）",
                       "unsupported input type (.toml, .xlsx, .xlsm, .csv, .tsv, .txt)")


# --- workbook / table -> TOML ------------------------------------------------

def import_file(source: Path, template: Optional[str] = None):
    """The documents a workbook or table holds (unvalidated), as readers/common.Imported."""
    from linter.readers.common import Imported, e001

    module = reader_for(source)
    if module == "xlsx":
        from linter.readers.xlsx import import_workbook
        return import_workbook(source, template)
    if module == "table":
        from linter.readers.table import import_table
        return import_table(source, source.name, template)
    if module == "legacy":
        return Imported(problems=[e001("legacy-xls")])
    return Imported(problems=[e001("unsupported", detail=source.suffix)])


def table_to_toml(source: Path, output: Path, *, template: Optional[str] = None,
                  force: bool = False, lang: str = "zh") -> Converted:
    from linter.readers.common import validated
    from linter.writers.tomlout import dumps

    imported = import_file(source, template)
    blocking = [p for p in imported.problems if p.blocking]
    if blocking or not imported.docs:
        raise _problem_error(source, blocking or imported.problems)
    result = Converted()
    result.notes.extend(describe([p for p in imported.problems if not p.blocking], source.name, lang))
    targets = _targets(source, output, [d.data.get("project", {}).get("name") for d in imported.docs])
    for target in targets:
        check_target(target, [source], force, ConvertError)
    for doc, target in zip(imported.docs, targets):
        _, problems = validated(source.name, doc)
        result.notes.extend(describe(problems, source.name, lang))
        where = doc.positions.get("")
        origin = f"{source.name}（{where[0]}!{where[1]}）" if where else source.name
        text = dumps(doc.ordered(), comments=[
            f"由 jxlint convert 从 {origin} 导入，版式 {imported.template or '-'}",
            f"Imported by jxlint convert from {origin}, layout {imported.template or '-'}",
        ])
        result.written.append(write_new(target, text.encode("utf-8"), [source], force, ConvertError))
    return result


def _targets(source: Path, output: Path, names: Sequence[Optional[str]]) -> List[Path]:
    as_dir = output.is_dir() or str(output).endswith(("/", os.sep)) or output.suffix == ""
    if not as_dir:
        if output.suffix.lower() != ".toml":
            raise ConvertError(output, "表单要转换为 .toml 文件（或用 -o 目录/）",
                               "forms convert to a .toml file (or -o DIR/)")
        if len(names) > 1:
            raise ConvertError(output, f"文件中有 {len(names)} 个表单，每个表单一个 TOML 文件：请用 -o 目录/",
                               f"the file holds {len(names)} forms, one TOML file each: use -o DIR/")
        return [output]
    if not output.exists():
        if not output.parent.is_dir():
            raise ConvertError(output, "输出文件夹的上一级不存在", "the output folder's parent does not exist")
        output.mkdir()
    width = max(2, len(str(len(names))))
    out, seen = [], set()
    for i, name in enumerate(names, 1):
        stem = f"{i:0{width}d}-{_safe(name) or '未命名'}"
        while stem in seen:
            stem += "_"
        seen.add(stem)
        out.append(output / f"{stem}.toml")
    return out


def _safe(name: Optional[str]) -> str:
    return _UNSAFE.sub("", str(name or "")).strip(".")[:MAX_NAME]


# --- TOML -> workbook --------------------------------------------------------

def toml_to_workbook(source: Path, output: Path, *, force: bool = False, lang: str = "zh") -> Converted:
    from linter.readers.toml import read as read_toml
    from linter.writers.workbook_template import KINDS, dropped, form_workbook

    if output.suffix.lower() not in EXPORTS:
        raise ConvertError(output, "TOML 表单只能转换为 .xlsx 工作簿", "a TOML form converts to an .xlsx workbook")
    check_target(output, [source], force, ConvertError)
    read = read_toml(source, source.name)
    if read.stopped or not read.forms:
        raise _problem_error(source, [p for p in read.problems if p.blocking])
    data = read.forms[0].data
    if data.get("kind") not in KINDS:
        raise ConvertError(source, f"kind = \"{data.get('kind')}\" 的表单没有国家版式工作簿（只有自评表和目标申报表）",
                           f"there is no national workbook for kind = \"{data.get('kind')}\" "
                           f"(only self-evaluation and target)")
    result = Converted()
    lost = dropped(data, data["kind"])
    if lost:
        result.notes.append(f"{source.name}: 国家版式中没有位置、未写入工作簿的内容 / not carried by the "
                            f"national layout: {', '.join(lost)}")
        if "profile" in lost:
            result.notes.append(f"{source.name}: 检查工作簿时用 --profile {data['profile']} / check the "
                                f"workbook with --profile {data['profile']}")
    payload = workbook_bytes(form_workbook(data))
    result.written.append(write_new(output, payload, [source], force, ConvertError))
    return result


# --- messages ----------------------------------------------------------------

def describe(problems: Sequence[InputProblem], file: str, lang: str = "zh") -> List[str]:
    """Input problems as lines `file:Sheet!C12: E002 message`, worded by the
    core pack's E rules (the same text `jxlint check` prints)."""
    return [f"{file}{where}: {code} {message}" for where, code, message in _worded(problems, lang)]


def _worded(problems: Sequence[InputProblem], lang: str) -> List[Tuple[str, str, str]]:
    if not problems:
        return []
    from linter.packs.loader import PackLoader
    from linter.packs.rules import render

    ruleset = PackLoader().ruleset(["core"])
    out = []
    for p in problems:
        rule = ruleset.rule(p.code)
        message = render(rule.text("message", lang, p.variant), p.vars, lang) if rule else p.variant
        fix = render(rule.text("fix", lang, p.variant), p.vars, lang) if rule else ""
        if p.sheet and p.cell:
            where = f":{p.sheet}!{p.cell}"
        elif p.line:
            where = f":{p.line}:{p.column or 1}"
        else:
            where = ""
        out.append((where, p.code, message + (f"（{fix}）" if lang == "zh" and fix else f" ({fix})" if fix else "")))
    return out


def _problem_error(source: Path, problems: Sequence[InputProblem]) -> ConvertError:
    def text(lang: str) -> str:
        return "; ".join(f"{where.lstrip(':') + ' ' if where else ''}{code} {message}"
                         for where, code, message in _worded(problems, lang))
    return ConvertError(source, text("zh") or "无法读取", text("en") or "cannot be read")
