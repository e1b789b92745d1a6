"""Selectors: which nodes of a form a rule applies to.

Declarative only (no expressions): the form kinds, the form's template
(`two-level`, the current framework; `one-level`, older templates that print
only 一级 rows such as 产出指标 / 成效指标), the 一级/二级 categories
(canonical names, so 产出指标(50分) and 产出 both match 产出指标), and plain
substrings the indicator name must or must not hold, and `include =
["rubric"]` for a rule on values that also reads rubric rows printing a target. Substrings rather than
regexes keep user-supplied patterns linear in time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Tuple

from linter.model.framework import Framework
from linter.model.form import Form, Node
from linter.model.names import clean_name
from linter.model.values import blank_kind

LEVEL_KEYS = ("level1", "level2", "name_contains", "name_lacks")


def _blank_row(node: Node) -> bool:
    """A row that prints neither a name nor a target nor an actual."""
    return (blank_kind(clean_name(node.get("name") or "")) in ("empty", "not-applicable")
            and blank_kind(node.get("target")) == "empty" and blank_kind(node.get("actual")) == "empty")


_UNSET = object()


class RowFacts:
    """What selectors ask of one indicator row, each worked out on first
    use and then kept: the engine makes one per row per form, so the many
    rules sharing a form do not clean the same labels again."""

    __slots__ = ("node", "framework", "_rubric", "_target_empty", "_blank", "_level1", "_level2")

    def __init__(self, node: Node, framework: Framework):
        self.node = node
        self.framework = framework
        self._rubric = self._target_empty = self._blank = self._level1 = self._level2 = _UNSET

    def rubric(self) -> bool:
        if self._rubric is _UNSET:
            self._rubric = self.framework.is_rubric(self.node.get("level1", "") or "")
        return self._rubric

    def target_empty(self) -> bool:
        if self._target_empty is _UNSET:
            self._target_empty = blank_kind(self.node.get("target")) == "empty"
        return self._target_empty

    def blank(self) -> bool:
        if self._blank is _UNSET:
            self._blank = _blank_row(self.node)
        return self._blank

    def level1(self):
        if self._level1 is _UNSET:
            self._level1 = self.framework.level1(self.node.get("level1", "")).canonical
        return self._level1

    def level2(self):
        if self._level2 is _UNSET:
            self._level2 = self.framework.level2(self.node.get("level2", "")).canonical
        return self._level2


@dataclass(frozen=True)
class Selector:
    kind: Tuple[str, ...] = ()
    template: Tuple[str, ...] = ()
    level1: Tuple[str, ...] = ()
    level2: Tuple[str, ...] = ()
    name_contains: Tuple[str, ...] = ()
    name_lacks: Tuple[str, ...] = ()
    # "rubric": also the evaluation-rubric rows (管理指标 …) that print a target
    include: Tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping) -> "Selector":
        return cls(**{k: tuple(data.get(k) or ()) for k in cls.__dataclass_fields__})

    def applies_to_form(self, form: Form, template: str = "two-level") -> bool:
        """`template`: the form's, from `Framework.template` (worked out once per form)."""
        if self.kind and form.kind not in self.kind:
            return False
        return not self.template or template in self.template

    def matches(self, node: Node, framework: Framework) -> bool:
        if node.type != "indicator":
            return True
        return self.matches_facts(RowFacts(node, framework))

    def matches_facts(self, facts: "RowFacts") -> bool:
        """`matches` for an indicator row, reading what every selector asks
        of it (rubric? blank? its categories) from `facts`, worked out once."""
        if facts.rubric():
            # an evaluation rubric row, not an indicator; a rule on values may
            # still take those that print a target (部门整体 管理指标: 结余率 小于5%)
            if "rubric" not in self.include or facts.target_empty():
                return False
        if facts.blank():
            return False  # an empty template row (指标1: / / /): nothing to check
        if self.level1 and facts.level1() not in self.level1:
            return False
        if self.level2 and facts.level2() not in self.level2:
            return False
        node = facts.node
        name = node.get("name", "") or ""
        if self.name_contains and not any(s in name for s in self.name_contains):
            return False
        if self.name_lacks and any(s in name for s in self.name_lacks):
            return False
        return True

    def to_data(self) -> dict:
        return {k: list(getattr(self, k)) for k in self.__dataclass_fields__ if getattr(self, k)}
