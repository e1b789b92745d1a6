"""The check vocabulary: the fixed set of functions a rule pack can name.

A check is a small generator registered with `@check`. It declares

* `node`: the node type it inspects (`indicator`, `payment`, …);
* `params`: a cerberus schema for its parameters, enforced when a pack loads;
  a `default` in it is the parameter's only default (filled in at load, so
  the check reads `params[name]` and the docs print it);
* `refs`: which params name a word list or a table of the pack;
* `rows`: for a table param, a cerberus schema for one row of the table
  it names; the pack loader checks every row against it, so a pack with
  `min = "九十"` fails to load, naming the file and line, instead of
  making every form an internal error;
* `vars`: the message variables it yields (packs may use only these, plus
  the node's base variables, in `{placeholders}`);
* `variants`: the named cases a rule may give its own message for;
* `role`: what the check's findings are about, for reports that draw them
  (e.g. "site-series": a per-site series against a standard) — so a
  reporter asks for a role, never for a rule code.

It yields `Hit`s (a path and variables) and never formats prose or computes
positions: wording lives in the rule, positions in the source map.
Add a check by writing one function in the module of its family, with a
docstring (what it checks, its params, an example) and a unit test.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Dict, Iterator, List, Mapping, NamedTuple, Optional, Tuple, TypeVar

from linter.base.lazyre import lazy
from linter.base.validate import assert_supported
from linter.model.form import NODE_TYPES


class Hit(NamedTuple):
    """One place a check fires. `path` defaults to the node's own path."""

    path: Optional[str] = None
    vars: Mapping[str, Any] = MappingProxyType({})
    variant: Optional[str] = None


class CheckSpec(NamedTuple):
    name: str
    node: str
    func: Callable[..., Iterator[Hit]]
    params: Mapping[str, Any]
    refs: Mapping[str, str]
    vars: Tuple[str, ...]
    variants: Tuple[str, ...]
    role: Optional[str] = None
    rows: Mapping[str, Mapping[str, Any]] = MappingProxyType({})

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    @property
    def defaults(self) -> Dict[str, Any]:
        """Each parameter's default, declared once in the params schema."""
        return {k: v["default"] for k, v in self.params.items() if "default" in v}

    def resolve(self, params: Mapping[str, Any]) -> Dict[str, Any]:
        """`params` with every default filled in: what the check receives."""
        return {**self.defaults, **params}


REGISTRY: Dict[str, CheckSpec] = {}

# A check function, `(node, params, ctx) -> Iterator[Hit]`; `@check` returns it unchanged.
CheckFunc = TypeVar("CheckFunc", bound=Callable[..., Iterator[Hit]])

# Message variables every node of a type offers without the check yielding them.
BASE_VARS: Dict[str, Tuple[str, ...]] = {
    "form": ("project", "kind", "sites"),
    "budget": ("project",),
    "indicator": ("name", "level1", "level2", "target", "actual"),
    "contract": ("supplier",),
    "payment": ("supplier", "installment"),
    "site_result": ("item",),
    "evidence": ("metric",),
    "history": ("project", "kind", "sites"),
    "peers": ("project", "kind", "sites"),
}


def check(name: str, *, node: str, params: Optional[Mapping[str, Any]] = None,
          refs: Optional[Mapping[str, str]] = None, vars: Tuple[str, ...] = (),
          variants: Tuple[str, ...] = (), role: Optional[str] = None,
          rows: Optional[Mapping[str, Mapping[str, Any]]] = None) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check function under `name` (see the module docstring)."""
    def register(func: CheckFunc) -> CheckFunc:
        if node not in NODE_TYPES:
            raise ValueError(f"check {name!r}: unknown node type {node!r}")
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        for param, schema in (rows or {}).items():
            if (refs or {}).get(param) != "table":
                raise ValueError(f"check {name!r}: rows for {param!r}, which names no table")
            assert_supported(schema, f"check {name!r} rows.{param}")
        REGISTRY[name] = CheckSpec(name, node, func, dict(params or {}), dict(refs or {}),
                                   tuple(vars), tuple(variants), role, dict(rows or {}))
        return func
    return register


# -- word lists -------------------------------------------------------------
#
# Rules ask "does this name hold a word of that list?" for every indicator.
# Lists come from packs and params and do not change during a run, so a list
# asked often is compiled once into one regex (an alternation of the escaped
# words) that answers in a single scan. Compiling costs about what a hundred
# plain scans do (~0.5-1 ms per list, ~8 ms for a one-form run), so a list is
# scanned word by word until it has been asked `_COMPILE_AFTER` times: a
# pre-commit hook on one form never compiles, a run over many forms does after
# its first few. Both answer `any(w and w in text for w in words)`. The cache
# holds the list itself, so its id cannot be reused while it is cached.

_COMPILE_AFTER = 64
# id(words) -> [words, compiled pattern (None until compiled), times asked, the non-empty words]
_WORD_RES: Dict[int, List[Any]] = {}


def _words_entry(words) -> List[Any]:
    entry = _WORD_RES.get(id(words))
    if entry is None or entry[0] is not words:
        if len(_WORD_RES) > 1024:
            _WORD_RES.clear()
        entry = [words, None, 0, tuple(sorted({w for w in words if w}, key=len, reverse=True))]
        _WORD_RES[id(words)] = entry
    return entry


def _words_re(words):
    """The list compiled into one regex (None for a list of no words)."""
    entry = _words_entry(words)
    if entry[1] is None and entry[3]:
        import re
        entry[1] = re.compile("|".join(re.escape(w) for w in entry[3]))
    return entry[1]


def contains_any(text: str, words) -> bool:
    """`any(w and w in text for w in words)`: word by word for a list asked
    rarely, in one regex scan once it is asked often."""
    if not words:
        return False
    entry = _WORD_RES.get(id(words))  # the lookup inline: asked per row per rule
    if entry is None or entry[0] is not words:
        entry = _words_entry(words)
    pattern = entry[1]
    if pattern is not None:
        return pattern.search(text) is not None
    entry[2] += 1
    if entry[2] > _COMPILE_AFTER and entry[3]:
        return _words_re(words).search(text) is not None
    for word in entry[3]:
        if word in text:
            return True
    return False


def first_in(text: str, words, default=None):
    """The first word of `words` (in list order) that `text` holds, else
    `default`: `next((w for w in words if w and w in text), default)`."""
    if not contains_any(text, words):
        return default
    for word in words:
        if word and word in text:
            return word
    return default


# -- explanations ---------------------------------------------------------------

_EXPLAIN_PUNCT = lazy(r"[\s,，。.;；:：、!！]+")


def explained(text, boilerplate) -> bool:
    """A real explanation: not empty, not only a boilerplate phrase."""
    bare = _EXPLAIN_PUNCT.sub("", str(text or ""))
    if not bare:
        return False
    return not any(bare == _EXPLAIN_PUNCT.sub("", b) for b in boilerplate if b)


# Findings that readers raise (E001-E003) are rules too, so they can be listed,
# explained, overridden and documented like any other; their "check" is the
# reader itself.
INPUT_CHECK = "input"
INPUT_VARS = ("detail", "key", "suggestion", "expected", "got", "allowed", "reason",
              "size_mb", "limit_mb", "rule", "codes", "templates", "cell", "kind")
INPUT_VARIANTS = ("syntax", "chinese-key", "encoding", "unreadable", "too-large",
                  "not-found", "unsupported", "required", "type", "allowed", "value",
                  "root", "suggest", "default", "pack", "no-name", "kind-inferred", "unknown-code",
                  "cell-type", "cell-allowed", "cell-required", "cell-no-name", "formula-no-value", "hidden-rows",
                  # workbooks and tables (readers/xlsx.py, table.py, layouts.py)
                  "legacy-xls", "encrypted", "not-a-workbook", "not-a-table", "over-budget",
                  "table-encoding", "table-syntax", "too-many-cells", "no-template",
                  "unknown-template", "bad-template", "unplaced-cell")

# The families of checks; importing them fills REGISTRY.
FAMILIES = ("budget", "categories", "coverage", "history", "monitoring", "names", "payments", "required",
            "scores", "sites", "text", "values")


def _load_families() -> None:
    from importlib import import_module
    for family in FAMILIES:
        import_module(f"{__name__}.{family}")


_load_families()
