"""The indicator framework: which 一级 and 二级 categories exist.

The framework is pack data (`[framework]` in a pack: a tree of 一级 -> 二级
and a table of aliases); this module only normalises printed labels against
it. Printed labels carry points (产出指标(50分), 质量指标(10)), drop the 指标
suffix (产出, 数量) or use local names (产出值, 环境效益指标).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

_POINTS_RE = re.compile(r"[(（]\s*(?:\d+(?:\.\d+)?\s*分?|权重|分值)\s*[)）]\s*$")
# Template prompts left in a printed label: 数量指标（必填硬性指标）, 质量指标(选填).
_PROMPT_RE = re.compile(r"[(（][^()（）]{0,12}(?:必填|选填|可选|填写|硬性|自定)[^()（）]{0,12}[)）]|\*+")
_POINTS_ANYWHERE_RE = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
_BARE_POINTS_RE = re.compile(r"(?<=指标)\d+(?:\.\d+)?分$")  # 产出指标 40 分 (spaces already gone)

from linter.model.names import TRADITIONAL as _TRADITIONAL


def clean_label(label: str) -> str:
    """产出指标(50分) -> 产出指标; full-width forms, spaces, template
    prompts (（必填硬性指标）) and traditional script folded."""
    s = unicodedata.normalize("NFKC", str(label or "")).translate(_TRADITIONAL)
    s = "".join(s.split())
    s = _PROMPT_RE.sub("", s)
    s = _POINTS_RE.sub("", s)
    s = _POINTS_ANYWHERE_RE.sub("", s)
    s = _BARE_POINTS_RE.sub("", s)
    return s


class Label(NamedTuple):
    raw: str
    canonical: Optional[str]
    via: Optional[str]  # "exact" | "suffix" | "local" | "alias"; None when unknown


class Framework:
    """`rubric`: 一级 labels of evaluation-rubric rows (项目决策, 项目管理 …),
    which some forms print inside their indicator table. They are criteria
    of an evaluation, not performance indicators: indicator rules skip them."""

    def __init__(self, tree: Mapping[str, Sequence[str]], aliases: Mapping[str, str],
                 rubric: Sequence[str] = (), local: Optional[Mapping[str, str]] = None,
                 one_level: Sequence[str] = ()):
        self.tree: Dict[str, Tuple[str, ...]] = {k: tuple(v) for k, v in tree.items()}
        self.aliases = dict(aliases)
        # wordings a province's official template prints (成效指标, 效果指标):
        # read as their category and not reported as non-standard (C005)
        self.local = {clean_label(k): v for k, v in (local or {}).items()}
        self.rubric = frozenset(clean_label(r) for r in rubric)
        # 一级 labels of older one-level templates (产出指标 / 成效指标 / 效率指标):
        # a form printing one of them and no 二级 at all follows such a template
        self.one_level = frozenset(clean_label(r) for r in one_level)
        self.level1_names: Tuple[str, ...] = tuple(self.tree)
        seen: List[str] = []
        for children in self.tree.values():
            seen.extend(c for c in children if c not in seen)
        self.level2_names: Tuple[str, ...] = tuple(seen)
        self._cache: Dict[Tuple[int, str], Label] = {}
        self._rubric_cache: Dict[str, bool] = {}

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
        elif (self.local.get(s) or self.local.get(s + "指标")) in names:
            result = Label(label, self.local.get(s) or self.local.get(s + "指标"), "local")
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

    def is_rubric(self, level1_label: str) -> bool:
        if not self.rubric:
            return False
        if isinstance(level1_label, str):  # asked for every row by every selector: once per label
            hit = self._rubric_cache.get(level1_label)
            if hit is None:
                hit = self._rubric_cache[level1_label] = self._is_rubric(level1_label)
            return hit
        return self._is_rubric(level1_label)

    def _is_rubric(self, level1_label: str) -> bool:
        s = clean_label(level1_label)
        return s in self.rubric or (s.endswith("指标") and s[:-2] in self.rubric)

    def template(self, indicators: Sequence[Mapping]) -> str:
        """"one-level" when the rows print no 二级 anywhere and some 一级 is an
        older one-level template's own label; "two-level" otherwise."""
        if not self.one_level or not indicators:
            return "two-level"
        if any(str(n.get("level2", "") or "").strip() for n in indicators):
            return "two-level"
        labels = {clean_label(n.get("level1", "") or "") for n in indicators}
        return "one-level" if labels & self.one_level else "two-level"

    def children(self, level1: str) -> Tuple[str, ...]:
        return self.tree.get(level1, ())

    def allows(self, level1: str, level2: str) -> bool:
        return level2 in self.tree.get(level1, ())

    @classmethod
    def merge(cls, parts: Sequence[Mapping]) -> "Framework":
        """Later packs add categories and aliases to earlier ones."""
        tree: Dict[str, List[str]] = {}
        aliases: Dict[str, str] = {}
        rubric: List[str] = []
        local: Dict[str, str] = {}
        one_level: List[str] = []
        for part in parts:
            for l1, children in (part.get("tree") or {}).items():
                bucket = tree.setdefault(l1, [])
                bucket.extend(c for c in children if c not in bucket)
            aliases.update(part.get("aliases") or {})
            rubric.extend(part.get("rubric") or [])
            local.update(part.get("local") or {})
            one_level.extend(part.get("one-level") or [])
        return cls(tree, aliases, rubric, local, one_level)
