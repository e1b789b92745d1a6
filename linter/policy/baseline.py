"""Baselines: adopt jxlint on old forms without fixing them all first.

`--write-baseline FILE` records today's findings; later runs with the
baseline report only findings that are not in it, and list the recorded ones
that no longer occur (stale) so the file can be refreshed. A finding is
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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, Iterable, List, Tuple

from linter.base.atomic import write_text_atomic
from linter.model.findings import Finding

VERSION = 1
_INDEX_RE = re.compile(r"\[\d+\]")
_SPACE_RE = re.compile(r"\s+")


class BaselineError(Exception):
    pass


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


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline atomically; returns the number of entries."""
    root = Path(os.path.abspath(path)).parent
    entries = sorted(({"fingerprint": fingerprint(f, root), "code": f.code,
                       "file": _relative(f.location.file, root),
                       "indicator": f.indicator, "message": f.message} for f in findings),
                     key=lambda e: (e["file"], e["code"], e["fingerprint"]))
    doc = {"version": VERSION, "tool": "jxlint", "findings": entries}
    write_text_atomic(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


@dataclass
class Baseline:
    root: Path
    counts: Counter = field(default_factory=Counter)
    entries: Dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            items = doc["findings"]
            if doc.get("version") != VERSION or not isinstance(items, list):
                raise ValueError("unknown baseline version")
            base = cls(root=Path(os.path.abspath(path)).parent)
            for item in items:
                fp = str(item["fingerprint"])
                base.counts[fp] += 1
                base.entries.setdefault(fp, dict(item))
            return base
        except FileNotFoundError:
            raise BaselineError(f"{path}: 找不到基线文件；用 --write-baseline {path} 生成 "
                                f"(baseline not found; create it with --write-baseline)")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"{path}: 基线文件无法读取 (unreadable baseline): {exc}")

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
