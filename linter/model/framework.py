"""The indicator framework: which 一级 and 二级 categories exist.

The framework is pack data (`[framework]` in a pack: a tree of 一级 -> 二级
and a table of aliases); this module only normalises printed labels against
it. Printed labels carry points (产出指标(50分), 质量指标(10)), drop the 指标
suffix (产出, 数量) or use local names (产出值, 环境效益指标).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

_POINTS_RE = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*$")


def clean_label(label: str) -> str:
    """产出指标(50分) -> 产出指标; full-width forms and spaces folded."""
    s = unicodedata.normalize("NFKC", str(label or ""))
    s = "".join(s.split())
    s = _POINTS_RE.sub("", s)
    return s


@dataclass(frozen=True)
class Label:
    raw: str
    canonical: Optional[str]
    via: Optional[str]  # "exact" | "suffix" | "alias"; None when unknown


class Framework:
    def __init__(self, tree: Mapping[str, Sequence[str]], aliases: Mapping[str, str]):
        self.tree: Dict[str, Tuple[str, ...]] = {k: tuple(v) for k, v in tree.items()}
        self.aliases = dict(aliases)
        self.level1_names: Tuple[str, ...] = tuple(self.tree)
        seen: List[str] = []
        for children in self.tree.values():
            seen.extend(c for c in children if c not in seen)
        self.level2_names: Tuple[str, ...] = tuple(seen)
        self._cache: Dict[Tuple[int, str], Label] = {}

    def _resolve(self, label: str, names: Sequence[str], level: int) -> Label:
        key = (level, label)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        s = clean_label(label)
        if s in names:
            result = Label(label, s, "exact")
        elif s + "指标" in names:
            result = Label(label, s + "指标", "suffix")
        else:
            target = self.aliases.get(s) or self.aliases.get(s + "指标")
            result = Label(label, target if target in names else None,
                           "alias" if target in names else None)
        self._cache[key] = result
        return result

    def level1(self, label: str) -> Label:
        return self._resolve(label, self.level1_names, 1)

    def level2(self, label: str) -> Label:
        return self._resolve(label, self.level2_names, 2)

    def children(self, level1: str) -> Tuple[str, ...]:
        return self.tree.get(level1, ())

    def allows(self, level1: str, level2: str) -> bool:
        return level2 in self.tree.get(level1, ())

    @classmethod
    def merge(cls, parts: Sequence[Mapping]) -> "Framework":
        """Later packs add categories and aliases to earlier ones."""
        tree: Dict[str, List[str]] = {}
        aliases: Dict[str, str] = {}
        for part in parts:
            for l1, children in (part.get("tree") or {}).items():
                bucket = tree.setdefault(l1, [])
                bucket.extend(c for c in children if c not in bucket)
            aliases.update(part.get("aliases") or {})
        return cls(tree, aliases)
