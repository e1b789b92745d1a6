"""Memos of pure functions of one printed text.

Rules ask the same facts of the same cells again and again (a name cleaned,
a value parsed, a label folded), and a department's forms repeat their
texts from row to row and form to form (100%, 满意度, 产出指标). Each such
function is wrapped once here rather than each module keeping its own
cache and its own idea of which texts to keep.
"""
from __future__ import annotations

from functools import lru_cache, update_wrapper
from typing import Callable, TypeVar

T = TypeVar("T")

# A form's cells, names and labels are short. Longer texts (a goal, a
# report's prose) are rare and seldom asked twice: they are not kept, so a
# memo's memory stays bounded by its size times this.
SHORT = 200


def short_text_memo(fn: Callable[[str], T], maxsize: int = 16384) -> Callable[[str], T]:
    """`fn(text)`, each distinct text of at most SHORT characters worked out
    once. `fn` must depend on the text alone. `cache_clear()` forgets (the
    benchmark does, so each repetition pays what new forms pay)."""
    cached = lru_cache(maxsize=maxsize)(fn)

    def memo(text: str) -> T:
        return cached(text) if len(text) <= SHORT else fn(text)

    update_wrapper(memo, fn)
    setattr(memo, "cache_clear", cached.cache_clear)
    return memo
