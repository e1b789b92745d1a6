"""Memos of pure functions of one printed text.

Rules ask the same facts of the same cells again and again (a name cleaned,
a value parsed, a label folded), and a department's forms repeat their
texts from row to row and form to form (100%, 满意度, 产出指标). Each such
function is wrapped once here rather than each module keeping its own
cache and its own idea of which texts to keep.
"""
from __future__ import annotations

from functools import lru_cache, update_wrapper
from typing import Any, Callable, Dict, Generic, Tuple, TypeVar

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


class ByIdentity(Generic[T]):
    """What `build(obj)` makes of an object that cannot be a dict key (a
    schema, a rule set, a run's list of forms), worked out once per object.
    Entries are keyed by `id` and hold the object, so its id cannot stand
    for another one while it is kept; past `size` objects all are forgotten.
    The objects must not change once used. (No `cache_clear`: what is kept
    here comes from the code and the packs, not from the forms.)"""

    __slots__ = ("build", "size", "_entries")

    def __init__(self, build: Callable[[Any], T], size: int):
        self.build = build
        self.size = size
        self._entries: Dict[int, Tuple[Any, T]] = {}

    def __call__(self, obj: Any) -> T:
        entry = self._entries.get(id(obj))
        if entry is None or entry[0] is not obj:
            if len(self._entries) >= self.size:
                self._entries.clear()
            entry = self._entries[id(obj)] = (obj, self.build(obj))
        return entry[1]
