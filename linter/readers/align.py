"""Put the cells of a row back under their headers when the export dropped
the empty ones.

Some exports of one-project-per-row tables (seed 002, the Longgang table,
as extracted from its PDF) drop empty cells: a row's indicator cells are
shifted left and no longer sit under their 年度指标内容 / 完成情况 headers.
Positions then say nothing, but the content does: a completion cell reads
like one (已达标, 及时完成, 已验收…), answers the target before it (shares
its words), and 不适用 fills a category on its own. This module chooses, by
dynamic programming over the row's non-empty cells, how many cells (0, 1 or
2) each category pair takes and which trailing columns (问题, 整改) the rest
fill, maximising a small additive score:

* a completion-looking cell as 完成情况: +2; as 年度指标内容: -2;
* a pair whose target and result share words: + 2 × bigram Dice similarity;
* 不适用 with 不适用: +1; 不适用 paired with anything else: -3;
* a single cell for a category the layout prints merged in most rows: +0.5;
* a category with no cell at all: -3; a cell left over: -5.

The hints (which texts read as completions, which categories are usually
merged) come from the template, so another table's habits are data too.
The choice is checked against the 14 hand-transcribed Longgang rows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from linter.readers.grid import norm

CellText = Tuple[int, str]  # (column, text)

CLAIM_AS_ACTUAL = 2.0
CLAIM_AS_TARGET = -2.0
SIMILARITY = 2.0
BOTH_NOT_APPLICABLE = 1.0
HALF_NOT_APPLICABLE = -3.0
MERGED_SINGLE = 0.5
EMPTY_PAIR = -3.0
LEFT_OVER = -5.0
CLAIM_AS_TRAILING = -2.0


@dataclass(frozen=True)
class Hints:
    claims: Tuple["re.Pattern[str]", ...] = ()
    not_applicable: Tuple[str, ...] = ("不适用",)
    merged: Tuple[bool, ...] = ()  # per pair: usually printed as one cell


@dataclass
class Alignment:
    pairs: List[Tuple[Optional[CellText], Optional[CellText]]] = field(default_factory=list)
    trailing: List[Optional[CellText]] = field(default_factory=list)
    left_over: List[CellText] = field(default_factory=list)


def align(cells: Sequence[CellText], pair_count: int, trailing_count: int, hints: Hints) -> Alignment:
    """Assign `cells` (in order) to `pair_count` (target, actual) pairs, then
    to up to `trailing_count` single columns."""
    texts = [t for _, t in cells]
    claim = [any(p.search(t) for p in hints.claims) for t in texts]
    na_set = {norm(x) for x in hints.not_applicable}
    na = [norm(t) in na_set for t in texts]
    grams = [_bigrams(t) for t in texts]
    n = len(cells)

    def single(i: int, p: int) -> float:
        score = CLAIM_AS_TARGET if claim[i] else 0.0
        if p < len(hints.merged) and hints.merged[p] and not na[i]:
            score += MERGED_SINGLE
        return score

    def double(i: int) -> float:
        t, a = i, i + 1
        if na[t] or na[a]:
            return BOTH_NOT_APPLICABLE if na[t] and na[a] else HALF_NOT_APPLICABLE
        score = CLAIM_AS_TARGET if claim[t] else 0.0
        if claim[a]:
            score += CLAIM_AS_ACTUAL
        return score + SIMILARITY * _dice(grams[t], grams[a])

    def rest(i: int) -> float:
        left = n - i
        score = sum(CLAIM_AS_TRAILING for j in range(i, min(n, i + trailing_count)) if claim[j])
        return score + LEFT_OVER * max(0, left - trailing_count)

    @lru_cache(maxsize=None)
    def best(i: int, p: int) -> Tuple[float, Tuple[int, ...]]:
        if p == pair_count:
            return rest(i), ()
        options = []
        if i + 1 < n:
            s, tail = best(i + 2, p + 1)
            options.append((s + double(i), (2,) + tail))
        if i < n:
            s, tail = best(i + 1, p + 1)
            options.append((s + single(i, p), (1,) + tail))
        s, tail = best(i, p + 1)
        options.append((s + EMPTY_PAIR, (0,) + tail))
        top = max(o[0] for o in options)
        return next(o for o in options if o[0] == top)  # first option wins a tie

    _, sizes = best(0, 0)
    out = Alignment()
    i = 0
    for size in sizes:
        target = cells[i] if size >= 1 else None
        actual = cells[i + 1] if size == 2 else None
        out.pairs.append((target, actual))
        i += size
    for _ in range(trailing_count):
        out.trailing.append(cells[i] if i < n else None)
        i += 1
    out.left_over = list(cells[i:])
    return out


_NOT_WORD = re.compile(r"[\W_]+")


def _bigrams(text: str) -> Counter:
    t = _NOT_WORD.sub("", text)
    return Counter(t[i:i + 2] for i in range(len(t) - 1))


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0
