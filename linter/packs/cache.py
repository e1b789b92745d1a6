"""Built packs kept between runs: a pack as `load_pack_file` validated and
built it, so that a run skips validating and building the same pack again.

Loading the shipped packs is ~10 ms of a ~120 ms pre-commit run on one form,
most of it validation; their bytes change only when jxlint or a rule author
changes them. An entry is kept in the user's cache home, signed with the
user's key like every jxlint cache entry (`base/usercache.py`), and named by
the pack's path and bytes plus a signature of the code that validates and
builds packs: the size and modification time of every module under
`linter/{base,model,checks,packs}` (what `packs/load.py` imports, directly or
not), as Python itself decides whether a compiled module is stale. Edit a
check's parameter schema and the next run validates every pack afresh.

An entry is plain data (`marshal`: dicts, lists, strings, numbers), read only
after its MAC holds, and turned back into the same `Rule` and `Selector`
records; nothing in it is executed. A pack that fails validation is never
kept. `JXLINT_NO_PACK_CACHE=1` switches this cache off with the other one.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, Optional

from linter.base.sourcemap import SourceMap
from linter.base.toml_positions import toml_positions
from linter.packs.rules import Pack, Rule
from linter.packs.select import Selector

KIND = "packs-built-v1"
# the folders holding every module packs/load.py imports (tests/test_pack_cache.py checks it)
CODE_DIRS = ("base", "model", "checks", "packs")
_SIGNATURE: Dict[str, Optional[bytes]] = {}


def code_signature() -> Optional[bytes]:
    """A digest of jxlint's version and of the size and mtime of each module
    that validating and building a pack runs (worked out once per process);
    None when the modules cannot be listed (a zip import, say): then no
    built pack is kept or used."""
    if "" in _SIGNATURE:
        return _SIGNATURE[""]
    import marshal
    from linter import __version__
    from linter.base.digest import hasher
    root = Path(__file__).resolve().parent.parent
    h = hasher(f"{KIND}|{__version__}|{sys.version_info[:2]}|{marshal.version}\n".encode())
    found: Optional[bytes]
    try:
        for sub in CODE_DIRS:
            with os.scandir(root / sub) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        h.update(f"{sub}/{entry.name}|{info.st_size}|{info.st_mtime_ns}\n".encode())
        found = h.digest()
    except OSError:
        found = None
    _SIGNATURE[""] = found
    return found


def _key(path: Path, raw: bytes) -> Optional[str]:
    from linter.base.digest import hexdigest
    signature = code_signature()
    if signature is None:
        return None
    return hexdigest(signature + str(path).encode("utf-8", "surrogatepass") + b"\0" + raw)


def _enabled() -> bool:
    return not os.environ.get("JXLINT_NO_PACK_CACHE")


def load_built(path: Path, raw: bytes, text: str) -> Optional[Pack]:
    """The pack built from these bytes at this path by this code, if kept."""
    if not _enabled():
        return None
    import marshal
    from linter.base.usercache import load_signed
    key = _key(path, raw)
    body = load_signed(KIND, key) if key is not None else None
    if body is None:
        return None
    try:
        return _from_data(marshal.loads(body), path, text)
    except (EOFError, ValueError, TypeError, KeyError, IndexError):
        return None  # not what this code writes: build the pack again


def store_built(path: Path, raw: bytes, pack: Pack) -> None:
    if not _enabled():
        return
    import marshal
    from linter.base.usercache import store_signed
    key = _key(path, raw)
    if key is None:
        return
    try:
        body = marshal.dumps(_to_data(pack))
    except ValueError:  # a TOML date or time in a param: built each time
        return
    store_signed(KIND, key, body)


def _to_data(pack: Pack) -> Dict[str, Any]:
    rules = [tuple(dict(v) if isinstance(v, MappingProxyType) else tuple(v) if isinstance(v, Selector) else v
                   for v in rule) for rule in pack.rules]
    return {"rule_fields": Rule._fields, "select_fields": Selector._fields, "name": pack.name,
            "meta": pack.meta, "rules": rules, "lists": pack.lists, "tables": pack.tables,
            "framework": pack.framework, "overrides": pack.overrides, "extends": pack.extends,
            "applies": pack.applies}


def _from_data(data: Dict[str, Any], path: Path, text: str) -> Optional[Pack]:
    if data["rule_fields"] != Rule._fields or data["select_fields"] != Selector._fields:
        return None
    select_at = Rule._fields.index("select")
    rules = []
    for fields in data["rules"]:
        values = list(fields)
        values[select_at] = Selector(*values[select_at])
        rules.append(Rule(*values))
    return Pack(name=data["name"], path=path, meta=data["meta"], rules=rules,
                source_map=SourceMap(build=lambda: toml_positions(text)),
                lists=data["lists"], tables=data["tables"], framework=data["framework"],
                overrides=data["overrides"], extends=data["extends"], applies=data["applies"])
