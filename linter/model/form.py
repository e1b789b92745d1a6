"""The form model: one validated indicator set and the nodes rules look at.

No I/O here. A reader builds a `Form` from a file (TOML now; workbooks and
tables later) with a source map; the engine asks it for nodes of a type
(`indicator`, `payment`, …) and every check sees only those nodes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any, Dict, List, Optional, Tuple

from linter.base.sourcemap import SourceMap

# Node types a check can declare, and how to find them in the document.
NODE_TYPES = ("form", "indicator", "contract", "payment", "site_result", "evidence", "budget",
              "history", "peers")
# Node types about other forms of the run (model/history.py): built only from
# what the engine's cross-form pass attaches to `Form.related`, so a form
# checked alone has none of them.
CROSS_NODE_TYPES = ("history", "peers")


@dataclass(frozen=True)
class Node:
    """One place in a form a rule can be about."""

    type: str
    path: str
    data: Mapping[str, Any]
    parent: Optional["Node"] = None
    index: int = 0

    def __post_init__(self) -> None:
        # Rules read node fields hundreds of times per form: bind the
        # mapping's own `get` on the instance (same result, no extra frame).
        object.__setattr__(self, "get", self.data.get)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Form:
    """A validated form. `data` is the document as read (TOML types)."""

    file: str
    data: Dict[str, Any]
    source_map: SourceMap = field(default_factory=SourceMap)
    # path -> the text printed where a figure was read (`854万(其中…)` -> 854)
    printed: Dict[str, str] = field(default_factory=dict)
    # path without indexes -> the label the sheet prints over that column or
    # field (`indicators.target` -> 指标值); workbooks and tables only
    labels: Dict[str, str] = field(default_factory=dict)
    # node type -> node data about other forms ("history": the earlier year's
    # form of the same project; "peers": duplicates of it), set by the engine
    related: Dict[str, Tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    _nodes: Dict[str, Tuple[Node, ...]] = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    @property
    def project(self) -> Mapping[str, Any]:
        project = self.data.get("project")
        # asked by many rules of every form: a dict passes without the ABC's isinstance
        return project if type(project) is dict or isinstance(project, Mapping) else {}

    @property
    def title(self) -> str:
        """The project's name, else the file (or sheet) it came from: a form
        without a name is still checked, and its findings say which it is."""
        name = self.project.get("name")
        return name if isinstance(name, str) and name.strip() else self.file
    @property
    def units(self) -> List[str]:
        """The sites the project pays for; one unnamed site when absent."""
        return list(self.project.get("units") or [])

    @property
    def site_count(self) -> int:
        return max(1, len(self.units))

    @property
    def profile(self) -> Optional[str]:
        return self.data.get("profile") or None

    @property
    def declared_packs(self) -> List[str]:
        return list(self.data.get("packs") or [])

    def nodes(self, node_type: str) -> Tuple[Node, ...]:
        """All nodes of a type, built once per form."""
        cached = self._nodes.get(node_type)
        if cached is None:
            cached = tuple(self._build(node_type))
            self._nodes[node_type] = cached
        return cached

    def _build(self, node_type: str):
        d = self.data
        if node_type == "form":
            yield Node("form", "", d)
        elif node_type == "budget":
            if isinstance(d.get("budget"), Mapping):
                yield Node("budget", "budget", d["budget"])
        elif node_type in ("indicator", "contract", "site_result", "evidence"):
            key = {"indicator": "indicators", "contract": "contracts",
                   "site_result": "site_results", "evidence": "evidence"}[node_type]
            for i, item in enumerate(d.get(key) or []):
                yield Node(node_type, f"{key}[{i}]", item, index=i)
        elif node_type == "payment":
            for contract in self.nodes("contract"):
                for j, pay in enumerate(contract.data.get("payments") or []):
                    yield Node("payment", f"{contract.path}.payments[{j}]", pay,
                               parent=contract, index=j)
        elif node_type in CROSS_NODE_TYPES:
            for i, related in enumerate(self.related.get(node_type, ())):
                yield Node(node_type, "", related, index=i)
        else:
            raise ValueError(f"unknown node type {node_type!r}")
