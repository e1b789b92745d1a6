"""Writing the annex sheets (rules/lexicon/annexes.toml) of a filled workbook:
whatever a form holds that the national layout has no place for, so that
reading the workbook back (readers/annex.py) gives the same form."""
from __future__ import annotations

from typing import Any, List, Mapping, Tuple

from linter.readers.annex import annex_specs
from linter.writers.xlsxcells import put

# The parts of a form the annexes carry (for `dropped`).
def carried_paths() -> Tuple[str, ...]:
    out: List[str] = []
    for spec in annex_specs():
        if "pairs" in spec:
            out.extend(path for path, _ in spec["pairs"])
        elif spec.get("parent"):
            out.append(f"{spec['parent'][0]}.{spec['path']}")
        elif spec.get("index"):
            out.extend(f"{spec['path']}[].{f}" for f in (spec.get("read") or []))
            out.append(f"{spec['path']}[].{spec['spread']}")
        else:
            out.append(spec["path"])
    return tuple(out)


def _get(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def write_annexes(workbook, data: Mapping[str, Any]) -> None:
    for spec in annex_specs():
        if "pairs" in spec:
            rows = [(label, _cell(_get(data, path))) for path, label in spec["pairs"]
                    if _get(data, path) not in (None, "", [])]
            if rows:
                ws = workbook.create_sheet(spec["sheet"])
                for r, (label, value) in enumerate(rows, start=1):
                    put(ws, r, 1, label)
                    put(ws, r, 2, value)
            continue
        items = _items(data, spec)
        if not items:
            continue
        ws = workbook.create_sheet(spec["sheet"])
        header: List[str] = []
        if spec.get("parent"):
            header.append(spec["parent"][1])
        if spec.get("index"):
            header.append(spec["index"])
        header += [label for _, label in spec["columns"]]
        spread_keys: List[str] = []
        if spec.get("spread"):
            for _, item in items:
                for key in item.get(spec["spread"]) or {}:
                    if key not in spread_keys:
                        spread_keys.append(str(key))
        for c, text in enumerate(header + spread_keys, start=1):
            put(ws, 1, c, text)
        for r, (number, item) in enumerate(items, start=2):
            row: List[Any] = [number] if (spec.get("parent") or spec.get("index")) else []
            row += [_cell(item.get(field)) for field, _ in spec["columns"]]
            row += [(item.get(spec["spread"]) or {}).get(key) for key in spread_keys]
            for c, value in enumerate(row, start=1):
                if value is not None:
                    put(ws, r, c, value)


def _items(data: Mapping[str, Any], spec: Mapping[str, Any]) -> List[Tuple[int, Mapping[str, Any]]]:
    """(number for the 序号 column, item) for each row of an annex."""
    if spec.get("parent"):
        out = []
        for n, parent in enumerate(_get(data, spec["parent"][0]) or [], start=1):
            for item in (parent.get(spec["path"]) or []) if isinstance(parent, Mapping) else []:
                out.append((n, item))
        return out
    items = _get(data, spec["path"]) or []
    if spec.get("index"):
        keep = set(spec.get("read") or []) | {spec.get("spread")}
        return [(n, item) for n, item in enumerate(items, start=1)
                if isinstance(item, Mapping) and any(item.get(k) not in (None, "", {}) for k in keep)]
    return [(0, item) for item in items if isinstance(item, Mapping)]
