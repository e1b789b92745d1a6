"""Did an actual meet its target, and by how much?

Several rules ask this (a score formula, an unexplained deviation, a target
set too low), so the comparison lives here once. It only compares what can
be compared: a figure against a figure in the same unit. Anything else —
labels, prose, units that differ — gives `None`, and the rules stay quiet
rather than guess.

Semantics follow the provincial review software described in the domain
primer §4: `=` and a bare value behave as `≥`; a range target (25~30人) is met
inside the range; a range actual (25~30人) counts by its worse end.
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Sequence

from linter.model.values import GT, LE, LT, Value

AT_LEAST, AT_MOST, WITHIN = "at-least", "at-most", "within"


class Outcome(NamedTuple):
    direction: str            # at-least | at-most | within
    target: float             # the bound the actual is held to
    actual: float             # the actual figure used (the worse end of a range)
    met: bool
    unit: Optional[str]

    def expected_score(self, weight: float) -> float:
        """The provincial formula: full weight when met; otherwise actual ÷
        target × weight for ≥ targets, (1 − (actual − target) ÷ target) ×
        weight for ≤ targets (0 at twice the target)."""
        if self.met:
            return weight
        if not self.target:
            return 0.0
        if self.direction == AT_MOST:
            return max(0.0, 1 - (self.actual - self.target) / self.target) * weight
        return max(0.0, min(1.0, self.actual / self.target)) * weight


def _units_compatible(target: Value, actual: Value) -> bool:
    tu, au = target.unit, actual.unit
    if target.is_percent != actual.is_percent:
        # A rate against a figure without % ("≤1" against 99.5%) is not the
        # same measure; only a bare TOML number may stand for a percentage.
        return actual.from_number or target.from_number
    return not tu or not au or tu == au


def zero_actual(actual: Value, zero_phrases: Sequence[str]) -> bool:
    """没有停水, 未开展: prose that states nothing happened counts as 0."""
    return actual.kind == "text" and any(p and actual.raw.strip().startswith(p) for p in zero_phrases)


def compare(target: Value, actual: Value, zero_phrases: Sequence[str] = ()) -> Optional[Outcome]:
    """Compare a parsed target with a parsed actual; None when not comparable."""
    if target.kind not in ("quantity", "range") or target.first is None:
        return None
    t = target.first
    if zero_actual(actual, zero_phrases):
        a_low = a_high = 0.0
        unit = t.unit
    else:
        if actual.kind not in ("quantity", "range", "compound") or actual.first is None:
            return None
        if not _units_compatible(target, actual):
            return None
        a = actual.first
        if t.per and a.per and t.per != a.per:
            return None  # 次/月 against 次/年: not the same measure
        a_low = a.number
        a_high = a.upper if a.upper is not None else a.number
        unit = t.unit or a.unit
    if t.upper is not None:
        met = t.number <= a_low and a_high <= t.upper
        worse = a_low if a_low < t.number else a_high
        return Outcome(WITHIN, t.number if a_low < t.number else t.upper, worse, met, unit)
    if t.comparator in (LE, LT):
        met = a_high <= t.number if t.comparator == LE else a_high < t.number
        return Outcome(AT_MOST, t.number, a_high, met, unit)
    met = a_low > t.number if t.comparator == GT else a_low >= t.number
    return Outcome(AT_LEAST, t.number, a_low, met, unit)


__all__ = ["AT_LEAST", "AT_MOST", "WITHIN", "Outcome", "compare", "zero_actual"]
