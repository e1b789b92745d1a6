"""Forms of one project across a run: per-form facts, project matching, pairs.

The Y rules read several forms together. What they need of a form other than
the one being checked is small and plain (JSON-able), so it is computed once
when a form is read, stored in the result cache next to the form's findings,
and an unchanged file is never parsed again to provide it:

    {"file": "forms/a.toml", "form": 0, "kind": "self-evaluation",
     "code": "", "name": "社会组织管理", "department": "…民政局", "year": 2020,
     "indicators": [{"name": …, "target": …, "actual": …, "unit": …,
                     "scope": …, "comparator": …, "level2": …}]}

Projects are matched by code when both forms have one, else by name and
department (both present); `match_text` says how, for the message.
"""
from __future__ import annotations

import re
import unicodedata

from linter.base.memo import ByIdentity, short_text_memo
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple


Facts = Dict[str, Any]

_INDICATOR_FIELDS = ("name", "target", "actual", "unit", "scope", "comparator", "level1", "level2")
# Kinds whose forms state actuals: last year's actual comes from one of these.
ACTUAL_KINDS = ("self-evaluation", "evaluation")
_SPACE_RE = re.compile(r"\s+")


# Exact types `_plain` returns as they are (most fields: text and numbers).
_PLAIN_TYPES = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _text(value: Any) -> str:
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", str(value))) if value not in (None, "") else ""


def form_facts(form: Any, file: str, index: int = 0) -> Facts:
    """What other forms' checks need of this one (see the module docstring)."""
    project = form.project
    year = project.get("year")
    indicators: List[Dict[str, Any]] = []
    for item in form.data.get("indicators") or []:
        # a dict first: isinstance of an ABC costs ten times more
        if ((type(item) is dict or isinstance(item, Mapping)) and isinstance(item.get("name"), str)
                and item["name"].strip()):
            fields = {}
            for key in _INDICATOR_FIELDS:
                value = item.get(key)
                if value is not None:
                    fields[key] = value if type(value) in _PLAIN_TYPES else _plain(value)
            indicators.append(fields)
    return {"file": file, "form": index, "kind": str(form.kind or ""),
            "code": _text(project.get("code")), "name": str(project.get("name") or ""),
            "department": _text(project.get("department")),
            "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
            "indicators": indicators}


def project_key(name: str) -> str:
    """A project's name compared across forms: width, spaces, case and
    punctuation folded, but every word and figure kept (项目（一期） and
    项目（二期）, 社区服务（23） and 社区服务（31） are different projects;
    an indicator's numbering and points are stripped elsewhere, not here)."""
    # the cross-form pass folds every form's name several times (its index,
    # each form's lookups, each match): each distinct name once
    return _project_key_memo(str(name or ""))


def _project_key(text: str) -> str:
    # [\W_] is what str.isalnum rejects: re's \w is isalnum plus "_"
    return _NOT_ALNUM_RE.sub("", unicodedata.normalize("NFKC", text).lower())


_NOT_ALNUM_RE = re.compile(r"[\W_]+")
_project_key_memo = short_text_memo(_project_key)


def same_project(a: Mapping[str, Any], b: Mapping[str, Any]) -> Optional[str]:
    """"code" or "name" when `a` and `b` are forms of one project, else None:
    by code when both have one (different codes: different projects), else
    by name and department, both present (a project of the same name in
    another department is another project)."""
    if a["code"] and b["code"]:
        return "code" if a["code"] == b["code"] else None
    name = project_key(a["name"])
    if name and a["department"] and a["department"] == b["department"] and name == project_key(b["name"]):
        return "name"
    return None


def match_text(facts: Mapping[str, Any], how: str) -> Dict[str, str]:
    """How two forms were matched, in both languages (a message variable)."""
    if how == "code":
        return {"zh": f"按项目编码 {facts['code']} 匹配", "en": f"matched by project code {facts['code']}"}
    return {"zh": f"按项目名称“{facts['name']}”和主管部门“{facts['department']}”匹配",
            "en": f"matched by project name '{facts['name']}' and department '{facts['department']}'"}


def _same_form(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a["file"] == b["file"] and a["form"] == b["form"]


def _index(candidates: Sequence[Mapping[str, Any]]):
    """The candidates' positions by code and by (department, project key)."""
    by_code: Dict[str, List[int]] = {}
    by_name: Dict[Tuple[str, str], List[int]] = {}
    for i, c in enumerate(candidates):
        if c["code"]:
            by_code.setdefault(c["code"], []).append(i)
        key = project_key(c["name"])
        if key and c["department"]:
            by_name.setdefault((c["department"], key), []).append(i)
    return by_code, by_name


# the run's lists of forms (all it knows, and its own) are indexed once each, not once per form
_INDEXES = ByIdentity(_index, 8)


def _matches(form: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]]
             ) -> List[Tuple[int, Mapping[str, Any], str]]:
    """(position, candidate, how) for the candidates that are `form`'s project
    (`same_project`), in the candidates' order, found through an index by
    code and by department and name instead of a scan: a table of 2,000
    projects would otherwise compare every row with every other."""
    by_code, by_name = _INDEXES(candidates)
    positions = set(by_code.get(form["code"], ())) if form["code"] else set()
    key = project_key(form["name"])
    if key and form["department"]:
        positions.update(by_name.get((form["department"], key), ()))
    out = []
    for i in sorted(positions):
        how = same_project(form, candidates[i])
        if how is not None:
            out.append((i, candidates[i], how))
    return out


def previous_year(later: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]]
                  ) -> Optional[Tuple[Mapping[str, Any], str]]:
    """The form of the same project for the year before `later`'s, and how it
    was matched; None for a form with no year or no such form. Among several,
    one matched by code, then one that states actuals (a self-evaluation or
    evaluation), then the first in the run's order."""
    year = later.get("year")
    if year is None:
        return None
    best: Optional[Tuple[Tuple[bool, bool, int], Mapping[str, Any], str]] = None
    for order, other, how in _matches(later, candidates):
        if other.get("year") != year - 1 or _same_form(later, other):
            continue
        rank = (how != "code", other["kind"] not in ACTUAL_KINDS, order)
        if best is None or rank < best[0]:
            best = (rank, other, how)
    return None if best is None else (best[1], best[2])


def duplicates(form: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]]
               ) -> List[Tuple[Mapping[str, Any], str]]:
    """Other forms of the same kind, year and department as `form` that are
    the same project (by code, else by name); a form with no year has none.
    A target form and a self-evaluation of one project are not duplicates."""
    if form.get("year") is None:
        return []
    out = []
    for _, other, how in _matches(form, candidates):
        if (_same_form(form, other) or other.get("year") != form["year"] or other["kind"] != form["kind"]
                or other["department"] != form["department"]):
            continue
        out.append((other, how))
    return out


def related_nodes(form: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]],
                  peers: Optional[Sequence[Mapping[str, Any]]] = None
                  ) -> Dict[str, Tuple[Mapping[str, Any], ...]]:
    """`Form.related` for a form with these facts among `candidates` (all the
    forms the run knows, itself included): the data of its "history" and
    "peers" nodes; empty when it has neither. Duplicates are looked for
    among `peers` (default: the candidates)."""
    related: Dict[str, Tuple[Mapping[str, Any], ...]] = {}
    pair = previous_year(form, candidates)
    if pair is not None:
        earlier, how = pair
        related["history"] = ({"earlier": earlier, "earlier_file": earlier["file"],
                               "earlier_year": earlier["year"], "match": match_text(earlier, how)},)
    found = duplicates(form, candidates if peers is None else peers)
    if found:
        # one node however many: a table that repeats a project 100 times
        # gets one finding per row, naming the first few others and a count
        other, how = found[0]
        named = "、".join(_where(o, form) for o, _ in found[:3])
        more = len(found) - 3
        related["peers"] = ({"other": other, "match": match_text(other, how),
                             "other_file": named + (f" 等 {len(found)} 处" if more > 0 else ""),
                             "count": len(found)},)
    return related


def _where(other: Mapping[str, Any], form: Mapping[str, Any]) -> str:
    """The other form's file, and which form of it when the file holds many
    (a table of projects: its Nth project)."""
    if other["file"] == form["file"]:
        return f"本文件第 {other['form'] + 1} 个项目"
    return str(other["file"])
