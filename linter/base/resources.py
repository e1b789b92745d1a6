"""Where the data jxlint ships lives: the rule packs and layout templates.

They sit in the repository's top-level `rules/`, installed as the package
`linter.rules` (mapped by pyproject); a bare checkout finds `rules/` beside
the package.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

CORE = "core"


def builtin_packs_dir() -> Path:
    try:
        spec = importlib.util.find_spec("linter.rules")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location, f"{CORE}.toml").is_file():
                return Path(location)
    return Path(__file__).resolve().parents[2] / "rules"
