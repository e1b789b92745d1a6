"""Baselines: adopt jxlint on old forms without fixing them all first.

`--write-baseline FILE` records today's findings (`dumps`; the CLI writes
the text through the output guard, so never over a checked form); later runs
with the baseline report only findings that are not in it, and list the
recorded ones that no longer occur (stale) so the file can be refreshed. A finding is
recognised by a fingerprint that survives lines moving and tables being
reordered: its code, its file (relative to the baseline), the indicator it
is about (or its path with the list positions taken out) and its message
with whitespace normalised. Identical fingerprints are counted, so a second
copy of a recorded defect still shows up as new.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, Iterable, List, Tuple

from linter.model.findings import Finding

VERSION = 1
_INDEX_RE = re.compile(r"\[\d+\]")
_SPACE_RE = re.compile(r"\s+")


# A baseline of 10,000 forms with 10 findings each is about 25 MB.
MAX_BYTES = 32 * 1024 * 1024
# The document, its list of findings, one finding: nothing deeper is written.
MAX_DEPTH = 3
_SCALARS = (str, int, float, bool, type(None))


class BaselineError(Exception):
    pass


def _read_capped(path: Path) -> str:
    """The file's text; ValueError when it is not a regular file (a FIFO
    would block the run) or is over MAX_BYTES (checked before reading)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("不是普通文件 / not a regular file")
    if info.st_size > MAX_BYTES:
        raise ValueError(f"文件过大（{info.st_size / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）"
                         f" / too large ({info.st_size / 1048576:.1f} MB, limit {MAX_BYTES // 1048576} MB)")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError("不是普通文件 / not a regular file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"文件过大（上限 {MAX_BYTES // 1048576} MB） / too large (limit {MAX_BYTES // 1048576} MB)")
    return data.decode("utf-8")


def _relative(file: str, root: Path) -> str:
    try:
        return PurePosixPath(Path(os.path.abspath(file)).relative_to(os.path.abspath(root))).as_posix()
    except ValueError:
        return PurePosixPath(Path(file)).as_posix()


def fingerprint(finding: Finding, root: Path) -> str:
    where = finding.indicator or _INDEX_RE.sub("[]", finding.path)
    parts = (finding.code, _relative(finding.location.file, root), where,
             _SPACE_RE.sub(" ", finding.message).strip())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def dumps(path: Path, findings: Iterable[Finding]) -> Tuple[str, int]:
    """The text of a baseline to be written at `path` (file names are
    relative to its folder), and its number of entries. The CLI writes it
    through the output guard (writers/outfiles.py), so a baseline never
    lands on a checked form."""
    root = Path(os.path.abspath(path)).parent
    entries = sorted(({"fingerprint": fingerprint(f, root), "code": f.code,
                       "file": _relative(f.location.file, root),
                       "indicator": f.indicator, "message": f.message} for f in findings),
                     key=lambda e: (e["file"], e["code"], e["fingerprint"]))
    doc = {"version": VERSION, "tool": "jxlint", "findings": entries}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n", len(entries)


@dataclass
class Baseline:
    root: Path
    counts: Counter = field(default_factory=Counter)
    entries: Dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        """Read a baseline. It comes with the repository, so it is input
        like any form: a regular file of at most MAX_BYTES (stat first, read
        once), entries that are flat tables (so a document nested 100,000
        deep is an error, not a RecursionError); every problem is a
        BaselineError naming the file."""
        try:
            text = _read_capped(path)
            try:
                doc = json.loads(text)
            except RecursionError:
                raise ValueError(f"嵌套过深（基线只有 {MAX_DEPTH} 层）/ nested too deep "
                                 f"(a baseline is {MAX_DEPTH} levels deep)") from None
            items = doc["findings"]
            if doc.get("version") != VERSION or not isinstance(items, list):
                raise ValueError("unknown baseline version")
            base = cls(root=Path(os.path.abspath(path)).parent)
            for n, item in enumerate(items, 1):
                if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) or \
                        not all(isinstance(v, _SCALARS) for v in item.values()):
                    raise ValueError(f"第 {n} 个条目格式不对 / entry {n} is malformed")
                fp = item["fingerprint"]
                base.counts[fp] += 1
                base.entries.setdefault(fp, dict(item))
            return base
        except FileNotFoundError:
            raise BaselineError(f"{path}: 找不到基线文件；用 --write-baseline {path} 生成 "
                                f"(baseline not found; create it with --write-baseline)")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            detail = getattr(exc, "strerror", None) or exc
            raise BaselineError(f"{path}: 基线文件无法读取 (unreadable baseline): {detail}")

    def split(self, findings: Iterable[Finding],
              checked: Iterable[str] = ()) -> Tuple[List[Finding], List[dict]]:
        """(findings not in the baseline, baseline entries that did not occur).
        Only entries of the `checked` files (display names) can be stale: a
        pre-commit run sees a few files, not the whole repository."""
        checked_rel = {_relative(name, self.root) for name in checked}
        remaining = Counter(self.counts)
        new: List[Finding] = []
        for f in findings:
            fp = fingerprint(f, self.root)
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                new.append(f)
        stale = [dict(self.entries[fp], missing=n) for fp, n in sorted(remaining.items())
                 if n > 0 and self.entries[fp].get("file") in checked_rel]
        return new, stale
