"""Annex sheets: what a form holds beyond the national layout, read back.

`jxlint convert FORM.toml -o FORM.xlsx` writes contracts, payments, budget
adjustments, per-site results, evidence and per-indicator notes to sheets
of their own (合同, 付款, 预算调整, 站点结果, 佐证, 指标附注, 表单信息); the
mapping of their columns is data (rules/lexicon/annexes.toml). Reading the
workbook reads them back into the form of its main sheet, each value with
its cell, so a round trip keeps everything and gives the same findings.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.base.resources import builtin_packs_dir
from linter.readers.document import DocBuilder
from linter.readers.grid import Grid, cell_name, norm

ANNEX_FILE = ("lexicon", "annexes.toml")
LIST_FIELDS = frozenset({"units", "packs", "project.units"})
_SPLIT = re.compile(r"[、,，;；]\s*")
_SPECS: List[Dict[str, Any]] = []


def annex_specs() -> Sequence[Mapping[str, Any]]:
    if not _SPECS:
        path = builtin_packs_dir().joinpath(*ANNEX_FILE)
        _SPECS.extend(tomllib.loads(path.read_text(encoding="utf-8"))["annex"])
    return _SPECS


def spec_for(sheet: str) -> Optional[Mapping[str, Any]]:
    name = norm(sheet)
    return next((s for s in annex_specs() if norm(s["sheet"]) == name), None)


def _as_list(value: Any) -> List[str]:
    return [p for p in _SPLIT.split(str(value).strip()) if p]


def read_annex(grid: Grid, spec: Mapping[str, Any], builder: DocBuilder) -> None:
    """Put an annex sheet's values into the form being built on `builder`."""
    old_sheet, builder.sheet = builder.sheet, grid.name
    try:
        if "pairs" in spec:
            _read_pairs(grid, spec, builder)
        else:
            _read_table(grid, spec, builder)
    finally:
        builder.sheet = old_sheet


def _read_pairs(grid: Grid, spec: Mapping[str, Any], builder: DocBuilder) -> None:
    by_label = {norm(label): path for path, label in spec["pairs"]}
    for r in range(grid.height):
        cells = list(grid.filled(r))
        if len(cells) < 2 or not isinstance(cells[0][1], str):
            continue
        path = by_label.get(norm(cells[0][1]))
        if path is None:
            continue
        c, value = cells[1]
        segments = tuple(path.split("."))
        if path in LIST_FIELDS:
            builder.put(segments, _as_list(value), cell_name(r, c), raw=True)
        else:
            builder.put(segments, value, cell_name(r, c))


def _read_table(grid: Grid, spec: Mapping[str, Any], builder: DocBuilder) -> None:
    named = {norm(label): field for field, label in spec["columns"]}
    special = {}
    if spec.get("parent"):
        special[norm(spec["parent"][1])] = "#parent"
    if spec.get("index"):
        special[norm(spec["index"])] = "#index"
    header = next((r for r in range(min(grid.height, 10))
                   if any(isinstance(v, str) and (norm(v) in named or norm(v) in special)
                          for _, v in grid.filled(r))), None)
    if header is None:
        return
    columns: Dict[int, str] = {}
    spread: Dict[int, str] = {}
    for c, v in grid.filled(header):
        key = norm(v) if isinstance(v, str) else ""
        if key in special:
            columns[c] = special[key]
        elif key in named:
            columns[c] = named[key]
        elif spec.get("spread"):
            spread[c] = str(v).strip()
    readable = set(spec.get("read") or [f for f, _ in spec["columns"]])
    counters: Dict[int, int] = {}
    row_index = 0
    for r in range(header + 1, grid.height):
        cells = dict(grid.filled(r))
        if not cells:
            continue
        base = _base(spec, columns, cells, counters, row_index)
        if base is None:
            continue
        row_index += 1
        for c, field in columns.items():
            if field.startswith("#") or field not in readable or c not in cells:
                continue
            value = cells[c]
            if field in LIST_FIELDS:
                builder.put(base + (field,), _as_list(value), cell_name(r, c), raw=True)
            else:
                builder.put(base + (field,), value, cell_name(r, c))
        for c, key in spread.items():
            if c in cells:
                builder.put(base + (spec["spread"], key), cells[c], cell_name(r, c))
        if builder.has(base):
            builder.anchor(base, cell_name(r, min(cells)))


def _base(spec, columns, cells, counters, row_index) -> Optional[Tuple[Any, ...]]:
    """Where this row goes: the n-th item of the annex's list, an item nested
    under its parent's row (付款 under 合同), or the n-th indicator."""
    def number_in(marker: str) -> Optional[int]:
        col = next((c for c, f in columns.items() if f == marker), None)
        value = cells.get(col) if col is not None else None
        if value is None:
            return None
        try:
            n = int(float(value))
        except (TypeError, ValueError):
            return None
        return n if n >= 1 else None

    path = tuple(spec["path"].split("."))
    if spec.get("index"):
        n = number_in("#index")
        return None if n is None else path + (n - 1,)
    if spec.get("parent"):
        n = number_in("#parent")
        if n is None:
            return None
        j = counters.get(n, 0)
        counters[n] = j + 1
        return tuple(spec["parent"][0].split(".")) + (n - 1,) + path + (j,)
    return path + (row_index,)
