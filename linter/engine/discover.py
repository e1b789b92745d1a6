"""Which files `jxlint check PATH...` looks at."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, List, Sequence, Tuple

from linter.readers import EXPLICIT_ONLY, READERS, reader_for

# TOML files that live in form repositories but are not forms.
NOT_FORMS = frozenset({"pyproject.toml", "jxlint.toml", ".jxlint.toml", "Cargo.toml",
                       "poetry.lock", "Pipfile", ".pre-commit-config.toml"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                       ".tox", ".nox", ".jxlint_cache", "build", "dist"})


def folder_suffixes() -> List[str]:
    """The file types a folder walk picks up (the reader table, less the
    types read only when named): what "no forms found" says it looked for."""
    return [suffix for suffix in READERS if suffix not in EXPLICIT_ONLY]


def discover(paths: Sequence[str]) -> List[Tuple[Path, str]]:
    """(path, display name) for every file to check, in a stable order.

    A file named on the command line is always checked (and reported if it
    does not exist); folders are walked for files a reader handles, skipping
    hidden and tool folders and known non-form TOML files. A walk yields
    regular files only (a FIFO or a device found there is skipped without
    being opened); a named one that is not regular is kept, so that
    `read_file` reports it as an E001.
    """
    seen = set()
    out: List[Tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                key = os.path.normcase(os.path.abspath(found))
                if key not in seen:
                    seen.add(key)
                    out.append((found, str(found)))
        else:
            key = os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                out.append((path, raw))
    return out


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames
                             if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            # ~$name.xlsx: the lock file Excel/WPS keep beside an open workbook
            if name in NOT_FORMS or name.startswith((".", "~$")):
                continue
            candidate = Path(dirpath, name)
            if candidate.suffix.lower() in EXPLICIT_ONLY:
                continue
            # is_file(): a regular file (or a symlink to one), told by stat alone
            if reader_for(candidate) and candidate.is_file():
                yield candidate
