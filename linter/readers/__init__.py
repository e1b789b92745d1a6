"""Readers turn a file into forms (with source maps) or input problems.

A reader never raises for bad input: everything it cannot read becomes an
`InputProblem` (E001 unreadable, E002 schema error, E003 unknown field) that
the engine renders with the messages of the E rules in the `core` pack.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import Any, List, Mapping, NamedTuple, Optional

from linter.model.form import Form


class InputProblem(NamedTuple):
    code: str                      # E001 | E002 | E003
    variant: str                   # which message of the rule to use
    vars: Mapping[str, Any] = MappingProxyType({})
    path: str = ""
    line: Optional[int] = None
    column: Optional[int] = None
    # Workbook and table readers point at a cell instead of a line.
    sheet: Optional[str] = None
    cell: Optional[str] = None
    # Only a file that cannot be read at all (E001) stops a form; readers
    # mark the problems with a value (E002, E003) as not blocking.
    blocking: bool = True
    # A reader may lower a problem below its rule's severity (a form
    # without a project name is a warning; it is still checked).
    severity: Optional[str] = None


@dataclass
class ReadResult:
    """What a reader made of one file: its forms and the problems met."""

    file: str
    forms: List[Form] = field(default_factory=list)
    problems: List[InputProblem] = field(default_factory=list)
    # The document as parsed, even when a schema error stops it from becoming
    # a form: findings still name the indicator they are about.
    document: Any = None
    # `# jxlint: ignore[...]` comments (TOML forms only; see suppress.py).
    suppressions: List[Any] = field(default_factory=list)

    @property
    def stopped(self) -> bool:
        return any(p.blocking for p in self.problems)


# File suffix -> module of this package with a `read(path, display, **options)`
# function.
# Modules are imported only when a file of their kind is read, so a TOML-only
# run never loads a workbook library.
READERS = {".toml": "toml",
           ".xlsx": "xlsx", ".xlsm": "xlsx",
           ".csv": "table", ".tsv": "table", ".txt": "table",
           ".xls": "legacy"}

# Suffixes read only when a file is named on the command line, never picked
# up by walking a folder: a forms repository's notes are .txt files too.
EXPLICIT_ONLY = frozenset({".txt"})


def reader_for(path) -> Optional[str]:
    """The reader module that handles a file name, or None when none does."""
    return READERS.get(Path(str(path)).suffix.lower())


# What a reader without a size limit of its own (`MAX_BYTES`) is allowed.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


def size_limit(path) -> int:
    """The most bytes the reader of `path` accepts (its `MAX_BYTES`). Anything
    that hashes or reads a form first (the result cache) stops there too, so
    a 3 GB file costs a stat, not 3 GB."""
    module = reader_for(path)
    if module is None:
        return DEFAULT_MAX_BYTES
    return getattr(import_module(f"{__name__}.{module}"), "MAX_BYTES", DEFAULT_MAX_BYTES)


NOT_REGULAR = {"zh": "不是普通文件（命名管道、设备或套接字）", "en": "not a regular file (a FIFO, a device or a socket)"}


def read_file(path: Path, display: str, **options: Any) -> ReadResult:
    """Read one file into forms, or into the problems that stop it. Never raises
    for bad input: a missing file, a folder or an unknown type is an E001.
    Only a regular file reaches a reader: a FIFO would block the run on
    open and /dev/zero never ends, so both are told from `stat` alone,
    without opening them.
    `options` go to the reader (e.g. `template` for workbooks); readers
    ignore the ones they do not know."""
    module = reader_for(path)
    if module is None:
        return ReadResult(file=display, problems=[
            InputProblem("E001", "unsupported", {"detail": Path(display).suffix or display})])
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return ReadResult(file=display, problems=[InputProblem("E001", "not-found", {})])
    except OSError as exc:   # a symlink loop, a folder without permission
        return ReadResult(file=display, problems=[
            InputProblem("E001", "unreadable", {"reason": exc.strerror or str(exc)})])
    except ValueError:       # a NUL in the name
        return ReadResult(file=display, problems=[InputProblem("E001", "not-found", {})])
    if stat.S_ISDIR(mode):
        return ReadResult(file=display, problems=[InputProblem(
            "E001", "unreadable", {"reason": {"zh": "这是一个文件夹", "en": "it is a folder"}})])
    if not stat.S_ISREG(mode):
        return ReadResult(file=display, problems=[InputProblem("E001", "unreadable", {"reason": NOT_REGULAR})])
    reader = import_module(f"{__name__}.{module}")
    return reader.read(path, display, **options)
