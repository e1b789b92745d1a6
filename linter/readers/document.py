"""Build an indicator-set document from cells, keeping every value's cell.

Layouts call `DocBuilder.put(("indicators", 3, "target"), value, cell)`; the
builder creates the tables and arrays on the way, converts the printed value
to the type the format wants (see `coerce`), and records the cell under the
same path string the TOML reader uses (`indicators[3].target`), so the engine
turns any finding's path into `sheet!cell` without knowing where the form
came from.
"""
from __future__ import annotations

import copy
import datetime as _dt
from functools import lru_cache
from collections.abc import Mapping
from typing import Any, Dict, Optional, Sequence, Tuple, Union

from linter.model.schema import FORM
from linter.base.sourcemap import SourceMap, format_path
from linter.model.printed import is_blank, plain_number
from linter.model.values import format_number

Segment = Union[str, int]
Cell = Tuple[str, str]  # (sheet, "C12")

MISSING = object()


def _schema_type(segments: Sequence[Segment]) -> Optional[Any]:
    """The cerberus `type` of the value at `segments` in the form schema."""
    return _type_at(tuple(0 if isinstance(s, int) else s for s in segments))


@lru_cache(maxsize=512)
def _type_at(segments: Tuple[Segment, ...]) -> Optional[Any]:
    rules: Any = {"type": "dict", "schema": FORM}
    for seg in segments:
        if isinstance(seg, int):
            rules = rules.get("schema") if rules else None
            continue
        schema = rules.get("schema") if rules else None
        if isinstance(schema, Mapping) and seg in schema:
            rules = schema[seg]
        elif rules and "valuesrules" in rules:
            rules = rules["valuesrules"]
        else:
            return None
    return rules.get("type") if rules else None


def printed_text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def coerce(segments: Sequence[Segment], value: Any) -> Any:
    """The printed cell value as the format's type for that path, or
    MISSING when the cell prints nothing. A value that cannot be converted
    is kept as printed: schema validation then reports it (E002) at its cell
    instead of the reader guessing."""
    return _coerce(_types(segments), value)


def _types(segments: Sequence[Segment]) -> list:
    types = _schema_type(segments)
    return [types] if isinstance(types, str) else list(types or [])


def _coerce(types: list, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return MISSING
    if types == ["string"]:
        return printed_text(value).strip() if not isinstance(value, str) else value
    if types in (["number"], ["integer"]):
        if isinstance(value, bool):
            return printed_text(value)
        if isinstance(value, (int, float)):
            if types == ["integer"] and isinstance(value, float) and value.is_integer():
                return int(value)
            return value
        text = printed_text(value).strip()
        if is_blank(text):
            return MISSING  # — or / under 分值/执行率/得分 of a source row: nothing there
        number = plain_number(text)
        if number is None:
            return text
        if types == ["integer"] and isinstance(number, float) and number.is_integer():
            return int(number)
        return number
    if "string" in types and "number" in types:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return printed_text(value) if not isinstance(value, str) else value
    if types == ["date"] and isinstance(value, _dt.datetime):
        return value.date()
    return value


@lru_cache(maxsize=4096)
def _paths(segments: Tuple[Segment, ...]) -> Tuple[str, Optional[str]]:
    """The path string the engine uses, and the plain dotted form when it differs."""
    path = format_path(segments)
    if any(isinstance(s, int) for s in segments):
        return path, None
    plain = ".".join(str(s) for s in segments)
    return path, (plain if plain != path else None)


# segments -> (schema types, ((path, plain) of each enclosing table), (path, plain))
# path -> (its schema types, the paths of its enclosing tables, its own paths,
# the steps down to it, whether its last segment is an index)
_PLANS: Dict[Tuple[Segment, ...], Tuple[Any, ...]] = {}


def _plan(key: Tuple[Segment, ...]):
    # the walk down to the last segment: (segment, is an index, the next one is an index)
    steps = tuple((key[i], isinstance(key[i], int), isinstance(key[i + 1], int)) for i in range(len(key) - 1))
    plan = (_types(key), tuple(_paths(key[: i + 1]) for i in range(len(key) - 1)), _paths(key), steps,
            isinstance(key[-1], int))
    if len(_PLANS) < 4096:
        _PLANS[key] = plan
    return plan


def _copy_tree(node: Any) -> Any:
    """A copy of a document: its tables and arrays new, its values shared
    (the readers only ever store str, numbers, bools and dates)."""
    if type(node) is dict:
        return {k: _copy_tree(v) for k, v in node.items()}
    if type(node) is list:
        return [_copy_tree(v) for v in node]
    if node is None or type(node) in _IMMUTABLE:
        return node
    return copy.deepcopy(node)


_IMMUTABLE = frozenset({str, int, float, bool, _dt.date, _dt.datetime, _dt.time, _dt.timedelta})


class DocBuilder:
    """One form's document and its cell positions, filled value by value."""

    def __init__(self, sheet: str, kind: str):
        self.sheet = sheet
        self.data: Dict[str, Any] = {"format": 1, "kind": kind}
        self.positions: Dict[str, Cell] = {}
        # "indicators.target" (a path without indexes) -> the header printed
        # above that column, so messages name the column as the sheet does
        self.labels: Dict[str, str] = {}

    def put(self, segments: Sequence[Segment], value: Any, cell: Optional[str],
            raw: bool = False, anchor: bool = True) -> bool:
        """Set the value at `segments` (converted unless `raw`); False when
        the cell printed nothing and no value was set. `anchor=False` keeps
        the cell from becoming where the enclosing tables point (a money unit
        printed in the title is not where the money block is)."""
        key = segments if type(segments) is tuple else tuple(segments)
        # a layout puts the same few paths for every row of a table: what a
        # path's segments imply (its schema type, its path strings) once
        plan = _PLANS.get(key)
        if plan is None:
            plan = _plan(key)
        if not raw:
            value = _coerce(plan[0], value)
            if value is MISSING:
                return False
        container: Any = self.data
        for seg, index, next_index in plan[3]:
            if index:
                while len(container) <= seg:
                    container.append([] if next_index else {})
                child = container[seg]
            else:
                child = container.get(seg)
                if child is None:
                    child = [] if next_index else {}
                    container[seg] = child
            container = child
        seg = key[-1]
        if plan[4]:
            assert isinstance(seg, int)
            while len(container) <= seg:
                container.append(None)
        container[seg] = value
        if cell is not None:
            pos = (self.sheet, cell)
            positions = self.positions
            if anchor:  # each enclosing table or row, unless it already has a position
                for path, plain in plan[1]:
                    if path not in positions:
                        positions[path] = pos
                        if plain is not None and plain not in positions:
                            positions[plain] = pos
            path, plain = plan[2]
            positions[path] = pos
            if plain is not None and plain not in positions:
                positions[plain] = pos
        return True

    def copy(self) -> "DocBuilder":
        """An independent builder holding what this one holds (what every
        row of a table shares, before the row's own cells are put)."""
        other = DocBuilder.__new__(DocBuilder)
        other.sheet = self.sheet
        other.data = _copy_tree(self.data)
        other.positions = dict(self.positions)  # values are (sheet, cell) tuples
        other.labels = dict(self.labels)
        return other

    def mark(self, segments: Sequence[Segment], cell: Optional[str]) -> None:
        """Record `cell` for this exact path (overwriting)."""
        if cell is None:
            return
        pos = (self.sheet, cell)
        path, plain = _paths(tuple(segments))
        self.positions[path] = pos
        # checks sometimes build paths by plain joining (`weights.产出指标/数量指标`)
        if plain is not None and plain not in self.positions:
            self.positions[plain] = pos

    def anchor(self, segments: Sequence[Segment], cell: Optional[str]) -> None:
        """Record `cell` for a table or row unless it already has a position:
        the first cell read for it is where a finding about it points."""
        if cell is not None and _paths(tuple(segments))[0] not in self.positions:
            self.mark(segments, cell)

    def has(self, segments: Sequence[Segment]) -> bool:
        node: Any = self.data
        for seg in segments:
            try:
                node = node[seg]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    def ordered(self) -> Dict[str, Any]:
        """The document with top-level keys in the format's order, so that a
        converted TOML file reads the same way every time."""
        order = list(FORM)
        return {k: self.data[k] for k in sorted(self.data, key=lambda k: (
            order.index(k) if k in order else len(order), k))}

    def source_map(self) -> SourceMap:
        return SourceMap(positions=dict(self.positions), kind="cell")
