"""Selectors: which nodes of a form a rule applies to.

Declarative only (no expressions): the form kinds, the form's template
(`two-level`, the current framework; `one-level`, older templates that print
only 一级 rows such as 产出指标 / 成效指标), the 一级/二级 categories
(canonical names, so 产出指标(50分) and 产出 both match 产出指标), and plain
substrings the indicator name must or must not hold, and `include =
["rubric"]` for a rule on values that also reads rubric rows printing a
target, an actual or a score. Substrings rather than
regexes keep user-supplied patterns linear in time.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional, Tuple

from linter.model.framework import Framework
from linter.model.form import Form, Node
from linter.model.names import clean_name
from linter.model.values import blank_kind

LEVEL_KEYS = ("level1", "level2", "name_contains", "name_lacks")


def _blank_row(node: Node) -> bool:
    """A row that prints neither a name nor a target nor an actual."""
    return (blank_kind(clean_name(node.get("name") or "")) in ("empty", "not-applicable")
            and blank_kind(node.get("target")) == "empty" and blank_kind(node.get("actual")) == "empty")




class RowFacts:
    """What selectors ask of one indicator row, each worked out on first
    use and then kept: the engine makes one per row per form, so the many
    rules sharing a form do not clean the same labels again."""

    __slots__ = ("node", "framework", "_rubric", "_unprinted", "_blank", "_levels")

    def __init__(self, node: Node, framework: Framework):
        self.node = node
        self.framework = framework
        self._rubric: Optional[bool] = None
        self._unprinted: Optional[bool] = None
        self._blank: Optional[bool] = None
        self._levels: Optional[Tuple[Optional[str], Optional[str]]] = None

    def rubric(self) -> bool:
        if self._rubric is None:
            self._rubric = self.framework.is_rubric(self.node.get("level1", "") or "")
        return self._rubric

    def nothing_printed(self) -> bool:
        """Neither a target, nor an actual, nor a score."""
        if self._unprinted is None:
            self._unprinted = all(blank_kind(self.node.get(k)) == "empty" for k in ("target", "actual", "score"))
        return self._unprinted

    def blank(self) -> bool:
        if self._blank is None:
            self._blank = _blank_row(self.node)
        return self._blank

    def _canonical(self) -> Tuple[Optional[str], Optional[str]]:
        if self._levels is None:
            fw = self.framework
            self._levels = (fw.level1(self.node.get("level1", "")).canonical,
                            fw.level2(self.node.get("level2", "")).canonical)
        return self._levels

    def level1(self) -> Optional[str]:
        return self._canonical()[0]

    def level2(self) -> Optional[str]:
        return self._canonical()[1]


class Selector(NamedTuple):
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
        return cls(**{k: tuple(data.get(k) or ()) for k in cls._fields})

    def applies_to_form(self, form: Form, template: str = "two-level") -> bool:
        """`template`: the form's, from `Framework.template` (worked out once per form)."""
        return self.applies_to_form_kind(form.kind, template)

    def applies_to_form_kind(self, kind: str, template: str = "two-level") -> bool:
        """Whether the rule runs on a form of this kind and template."""
        if self.kind and kind not in self.kind:
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
            # still take those that print a target, an actual or a score (部门整体 管理指标:
            # 结余率 小于5%; an evaluation's 资金到位率 scored 3 of 3)
            if "rubric" not in self.include or facts.nothing_printed():
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
        return {k: list(getattr(self, k)) for k in self._fields if getattr(self, k)}
