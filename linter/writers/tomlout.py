"""Write a form document as indicator-set TOML, the way a person would.

Deterministic and readable: keys in the format's order (docs/form-format.md),
scalars before sub-tables, one `[[indicators]]` block per indicator, Chinese
text as is, Chinese keys quoted (`{ "湖景" = 81 }` — the mistake the format
warns about cannot come out of here). `tomllib.loads(dumps(doc)) == doc` for
every document the format allows (a test holds it to that).
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any, List, Mapping, Optional, Sequence

from linter.model.schema import FORM

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def dumps(doc: Mapping[str, Any], comments: Sequence[str] = ()) -> str:
    lines: List[str] = [f"# {c}" if c else "#" for c in comments]
    if lines:
        lines.append("")
    _table(lines, (), doc, FORM, top=True)
    return "\n".join(lines).rstrip("\n") + "\n"


def key(name: str) -> str:
    return name if _BARE.fullmatch(name) else string(name)


def string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        text = repr(v)
        return text if any(c in text for c in ".en") else text + ".0"
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, Mapping):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{key(str(k))} = {value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _ordered(mapping: Mapping[str, Any], schema: Optional[Mapping[str, Any]]) -> List[str]:
    order = list(schema or {})
    # the format's order; keys it does not name (sites, sources) keep their own
    return sorted(mapping, key=lambda k: order.index(k) if k in order else len(order))


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, Mapping) for x in v)


def _sub_schema(schema: Optional[Mapping[str, Any]], name: str) -> Optional[Mapping[str, Any]]:
    rules = (schema or {}).get(name) or {}
    sub = rules.get("schema")
    if isinstance(sub, Mapping) and sub.get("type") == "dict":  # list of dicts
        sub = sub.get("schema")
    return sub if isinstance(sub, Mapping) else None


def _table(lines: List[str], path: tuple, mapping: Mapping[str, Any],
           schema: Optional[Mapping[str, Any]], top: bool = False) -> None:
    keys = _ordered(mapping, schema)
    # Top-level tables become [sections]; tables inside an array item are
    # written inline so the item stays one block.
    sections = [k for k in keys if isinstance(mapping[k], Mapping) and top]
    arrays = [k for k in keys if _is_table_array(mapping[k])]
    for k in keys:
        if k in sections or k in arrays:
            continue
        lines.append(f"{key(str(k))} = {value(mapping[k])}")
    for k in keys:
        if k in sections:
            if lines and lines[-1] != "":
                lines.append("")
            lines.append(f"[{'.'.join(key(str(p)) for p in path + (k,))}]")
            _table(lines, path + (k,), mapping[k], _sub_schema(schema, k), top=True)
        elif k in arrays:
            for item in mapping[k]:
                if lines and lines[-1] != "":
                    lines.append("")
                lines.append(f"[[{'.'.join(key(str(p)) for p in path + (k,))}]]")
                _table(lines, path + (k,), item, _sub_schema(schema, k))
