"""What a resolved rule pack is: rules, packs, rule sets, and how a rule's
message is filled in.

Messages are filled by a plain `{name}` substitution: no attribute or index
access, so a pack cannot reach into the objects behind its variables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Dict, List, NamedTuple, Optional

from linter.base.sourcemap import SourceMap
from linter.model.framework import Framework
from linter.packs.select import Selector

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Rule(NamedTuple):
    code: str
    slug: str
    severity: str
    pack: str
    check: str
    node: str
    params: Mapping[str, Any]
    select: Selector
    title: Mapping[str, str]
    message: Mapping[str, str]
    fix: Mapping[str, str]
    why: Mapping[str, str]
    basis: str
    variants: Mapping[str, Mapping[str, Mapping[str, str]]]
    examples: Mapping[str, str]
    source: str = ""
    confidence: str = "certain"
    position: int = 0  # its index in its pack's [[rules]], to locate it for messages
    autofix: Mapping[str, Any] = MappingProxyType({})  # {op, old, new, safety}

    def autofix_for(self, variant: Optional[str]) -> Optional[Mapping[str, Any]]:
        """The fix declared for a variant, else the rule's own; a variant that
        declares none inherits the rule's only when it has no text of its own
        (its finding is then the same case worded alike)."""
        if variant and variant in self.variants:
            own = self.variants[variant].get("autofix")
            if own:
                return own
            if "message" in self.variants[variant]:
                return None
        return self.autofix or None

    def text(self, part: str, lang: str, variant: Optional[str] = None) -> str:
        """The rule's `message` or `fix` in `lang`, for a variant if it has one."""
        if variant and variant in self.variants and part in self.variants[variant]:
            return self.variants[variant][part].get(lang, "")
        table = getattr(self, part) or {}
        return table.get(lang, "")

    @property
    def fixable(self) -> bool:
        """Some case of this rule can be fixed by `--fix` (safe fixes only)."""
        cases = [self.autofix] + [v.get("autofix") for v in self.variants.values()]
        return any(c and c.get("safety", "safe") == "safe" for c in cases)

    def to_summary(self, lang: str = "zh") -> dict:
        return {"code": self.code, "slug": self.slug, "severity": self.severity,
                "pack": self.pack, "title": self.title.get(lang, ""),
                "check": self.check, "fixable": self.fixable}


@dataclass
class Pack:
    """One rule pack as loaded: its rules, word lists, tables, framework,
    overrides, the packs it extends and when it applies by itself."""

    name: str
    path: Path
    meta: Mapping[str, Any]
    rules: List[Rule]
    lists: Dict[str, List[str]]
    tables: Dict[str, List[dict]]
    framework: Mapping[str, Any]
    overrides: List[Mapping[str, Any]]
    extends: List[str]
    source_map: SourceMap = field(default_factory=SourceMap)
    applies: Mapping[str, Any] = field(default_factory=dict)  # when it applies by itself


@dataclass
class RuleSet:
    """The rules, lists, tables and framework of a resolved list of packs."""

    packs: List[Pack]
    rules: List[Rule]
    lists: Dict[str, List[str]] = field(default_factory=dict)
    tables: Dict[str, List[dict]] = field(default_factory=dict)
    framework: Framework = field(default_factory=lambda: Framework({}, {}))

    def rule(self, code_or_slug: str) -> Optional[Rule]:
        key = code_or_slug.strip()
        for rule in self.rules:
            if rule.code == key.upper() or rule.slug == key.lower():
                return rule
        return None

    @property
    def names(self) -> List[str]:
        return [p.name for p in self.packs]


def render(template: str, variables: Mapping[str, Any], lang: str) -> str:
    """Fill `{name}` slots. Values that are {zh, en} tables pick `lang`.
    Unknown slots are left as written (load-time checks prevent them)."""
    pieces, tail = _pieces(template)
    if not pieces:
        return template
    out = []
    for literal, key, slot in pieces:
        out.append(literal)
        if key not in variables:
            out.append(slot)
            continue
        value = variables[key]
        if isinstance(value, Mapping):
            value = value.get(lang, value.get("zh", ""))
        out.append("" if value is None else str(value))
    out.append(tail)
    return "".join(out)


@lru_cache(maxsize=4096)
def _pieces(template: str):
    """A template cut at its slots, once (every finding renders two):
    ((text before, slot name, the slot as written), …) and the text after."""
    pieces, last = [], 0
    for m in PLACEHOLDER_RE.finditer(template):
        pieces.append((template[last:m.start()], m.group(1), m.group(0)))
        last = m.end()
    return tuple(pieces), template[last:]
