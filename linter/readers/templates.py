"""Workbook and table layouts as data: load and validate `rules/templates/*.toml`.

A template is a mapping from a printed layout (the national 项目支出绩效自评表,
a province's variant, the Longgang one-project-per-row table) to the
indicator-set format: which header texts identify it, where each field's value
sits relative to its printed label, which columns hold the indicator table.
Readers interpret the mapping; supporting a new province's variant means
adding a file here, not code (see docs/templates.md).

The schema is cerberus's dialect, like the form and pack schemas, checked with
the same fast path (`validate.is_valid`) and explained by cerberus only when a
mapping is wrong. Problems name the file and the key, so the author of a new
mapping sees what to fix.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.base.problems import DataError
from linter.base.resources import builtin_packs_dir
from linter.model.schema import KINDS
from linter.base.sourcemap import format_path
from linter.base.validate import describe, explain, is_valid

TEMPLATES_DIR = "templates"

# Where a label's value may be read from (docs/templates.md, "fields").
TAKES = ("right", "below", "inline", "same", "column")

# Single-valued destinations a `[[fields]]` entry or a per-row column may fill.
FIELD_PATHS = (
    "project.name", "project.code", "project.department", "project.implementer",
    "project.year", "project.goal", "project.goal_result", "project.unit_kind",
    "budget.unit", "budget.initial", "budget.adjusted", "budget.received", "budget.actual",
    "budget.stated_rate", "budget.weight", "budget.score", "budget.explanation",
    "evaluation.total_score", "evaluation.grade", "evaluation.problems", "evaluation.actions",
    # a monitoring form (绩效运行监控表)
    "project.as_of", "budget.remedy",
)
MONEY_FIELDS = ("initial", "adjusted", "received", "actual", "stated_rate", "weight", "score")
SOURCE_FIELDS = ("initial", "adjusted", "actual")
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "comparator", "unit", "actual",
                    "weight", "score", "deviation", "explanation", "progress", "forecast", "remedy")

_LABELS = {"type": "list", "minlength": 1, "schema": {"type": "string", "minlength": 1}}
_REQ_LABELS = dict(_LABELS, required=True)
_STR = {"type": "string"}

FIELD = {
    "path": {"type": "string", "required": True, "allowed": list(FIELD_PATHS)},
    "labels": _REQ_LABELS,
    "take": {"type": "string", "allowed": list(TAKES)},
    "column": {"type": "string", "allowed": list(INDICATOR_FIELDS)},
    "pattern": _STR,
}

MONEY = {
    "columns": {"type": "dict", "keysrules": {"type": "string", "allowed": list(MONEY_FIELDS)},
                "valuesrules": _LABELS},
    "value": {"type": "string", "allowed": list(SOURCE_FIELDS)},
    "total": _REQ_LABELS,
    "strip": _LABELS,
    "end": _LABELS,
}

INDICATORS = {
    "columns": {"type": "dict", "required": True,
                "keysrules": {"type": "string", "allowed": list(INDICATOR_FIELDS)},
                "valuesrules": _LABELS},
    "required": {"type": "list", "schema": {"type": "string", "allowed": list(INDICATOR_FIELDS)}},
    "fill_down": {"type": "list", "schema": {"type": "string", "allowed": ["level1", "level2"]}},
    "end": _LABELS,
    "points_to_weights": {"type": "boolean"},
}

COLUMN = {
    "path": {"type": "string", "required": True, "allowed": list(FIELD_PATHS)},
    "labels": _REQ_LABELS,
}

PAIR = {
    "level1": {"type": "string", "required": True},
    "level2": {"type": "string", "required": True},
    "labels": _REQ_LABELS,
}

ADJUSTMENT_PATTERN = {
    "pattern": {"type": "string", "required": True},
    "sign": {"type": "integer", "required": True, "allowed": [1, -1]},
    "reason": _STR,
}

TEMPLATE = {
    "format": {"type": "integer", "allowed": [1]},
    "name": {"type": "string", "required": True},
    "title": {"type": "dict", "required": True,
              "schema": {"zh": {"type": "string", "required": True},
                         "en": {"type": "string", "required": True}}},
    "layout": {"type": "string", "required": True, "allowed": ["sheet", "rows"]},
    "kind": {"type": "string", "required": True, "allowed": list(KINDS)},
    "detect": {"type": "dict", "required": True, "schema": {
        "all": _LABELS, "any": _LABELS, "none": _LABELS,
        # layout = "sheet": the indicator header (found through the lexicon)
        # must name all of `columns`, one of `columns_any`, none of `columns_none`
        "columns": {"type": "list", "schema": {"type": "string", "allowed": list(INDICATOR_FIELDS)}},
        "columns_any": {"type": "list", "schema": {"type": "string", "allowed": list(INDICATOR_FIELDS)}},
        "columns_none": {"type": "list", "schema": {"type": "string", "allowed": list(INDICATOR_FIELDS)}}}},
    "fields": {"type": "list", "schema": {"type": "dict", "schema": FIELD}},
    # layout = "sheet": one form per sheet
    "money": {"type": "dict", "schema": MONEY},
    "indicators": {"type": "dict", "schema": INDICATORS},
    # layout = "rows": one form per row
    "columns": {"type": "list", "schema": {"type": "dict", "schema": COLUMN}},
    "sources": {"type": "dict", "schema": {
        "labels": _REQ_LABELS,
        "field": {"type": "string", "required": True, "allowed": list(SOURCE_FIELDS)}}},
    "pairs": {"type": "list", "schema": {"type": "dict", "schema": PAIR}},
    "pair_columns": {"type": "dict", "schema": {
        "target": _REQ_LABELS, "actual": _LABELS,
        "name": {"type": "string", "allowed": ["target"]}}},
    "skip_rows": _LABELS,
    "alignment": {"type": "dict", "schema": {
        "after": {"type": "string", "required": True, "allowed": list(FIELD_PATHS)},
        "trailing": {"type": "list", "schema": {"type": "string", "allowed": list(FIELD_PATHS)}},
        "claims": {"type": "list", "schema": _STR},
        "not_applicable": _LABELS,
        "merged": _LABELS}},
    "adjustments": {"type": "dict", "schema": {
        "from": {"type": "string", "required": True, "allowed": list(FIELD_PATHS)},
        "patterns": {"type": "list", "required": True,
                     "schema": {"type": "dict", "schema": ADJUSTMENT_PATTERN}}}},
}

LEXICON = {
    "indicators": {"type": "dict", "keysrules": {"type": "string", "allowed": list(INDICATOR_FIELDS)},
                   "valuesrules": _LABELS},
    "money": {"type": "dict", "keysrules": {"type": "string", "allowed": list(MONEY_FIELDS) + ["total"]},
              "valuesrules": _LABELS},
    "fields": {"type": "dict", "keysrules": {"type": "string", "allowed": list(FIELD_PATHS)},
               "valuesrules": _LABELS},
}

# What each layout cannot do without.
_LAYOUT_NEEDS = {"sheet": ("indicators",), "rows": ("columns", "pairs", "pair_columns")}


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    data: Mapping[str, Any]
    # compiled regexes, keyed by their source text
    regexes: Mapping[str, "re.Pattern[str]"] = field(default_factory=dict, repr=False)

    @property
    def layout(self) -> str:
        return self.data["layout"]

    @property
    def kind(self) -> str:
        return self.data["kind"]

    def title(self, lang: str = "zh") -> str:
        return self.data["title"].get(lang) or self.data["title"]["zh"]

    def regex(self, source: str) -> "re.Pattern[str]":
        return self.regexes[source]

    def labels(self) -> List[str]:
        """Every label text the mapping mentions: a value cell that reads like
        one of these is a label of the form, never a value."""
        out: List[str] = []
        d = self.data
        for f in d.get("fields") or []:
            out.extend(f["labels"])
        money = d.get("money") or {}
        for labels in (money.get("columns") or {}).values():
            out.extend(labels)
        out.extend(money.get("total") or [])
        out.extend(money.get("end") or [])
        ind = d.get("indicators") or {}
        for labels in (ind.get("columns") or {}).values():
            out.extend(labels)
        out.extend(ind.get("end") or [])
        for c in d.get("columns") or []:
            out.extend(c["labels"])
        for p in d.get("pairs") or []:
            out.extend(p["labels"])
        for labels in (d.get("pair_columns") or {}).values():
            if isinstance(labels, list):
                out.extend(labels)
        out.extend((d.get("sources") or {}).get("labels") or [])
        return out


def templates_dir() -> Path:
    return builtin_packs_dir() / TEMPLATES_DIR


def load_template(path: Path) -> Template:
    """Read and validate one mapping file; DataError names what is wrong."""
    display = str(path)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([f"{display}: 无法读取版式映射 (cannot read template): {exc}"])
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{display}: TOML 语法错误 (TOML syntax error): {exc}"])
    if not is_valid(data, TEMPLATE):
        raise DataError([f"{display}: {format_path(p.path) or '(root)'}: {describe(p, '未知键')}"
                             for p in explain(data, TEMPLATE)])
    problems: List[str] = []
    if data["name"] != path.stem:
        problems.append(f"{display}: name “{data['name']}” 应与文件名 “{path.stem}” 一致 "
                        f"(name must match the file name)")
    for key in _LAYOUT_NEEDS[data["layout"]]:
        if key not in data:
            problems.append(f"{display}: layout = \"{data['layout']}\" 需要 [{key}] "
                            f"(this layout needs [{key}])")
    detect = data["detect"]
    if not detect.get("all") and not detect.get("columns"):
        problems.append(f"{display}: [detect] 需要 all 或 columns (say how the layout is recognised)")
    for i, f in enumerate(data.get("fields") or []):
        if f.get("take") == "column" and "column" not in f:
            problems.append(f"{display}: fields[{i}]: take = \"column\" 需要 column "
                            f"(name the indicators column)")
    regexes: Dict[str, re.Pattern] = {}
    for where, source in _patterns(data):
        try:
            regexes[source] = re.compile(source)
        except re.error as exc:
            problems.append(f"{display}: {where}: 正则表达式无效 (invalid regex): {exc}")
    if problems:
        raise DataError(problems)
    if data["layout"] == "sheet":
        data = with_lexicon(data, header_lexicon())
    return Template(name=data["name"], path=path, data=data, regexes=regexes)


LEXICON_FILE = ("lexicon", "headers.toml")
_LEXICON: Dict[str, Any] = {}


def header_lexicon() -> Mapping[str, Any]:
    """rules/lexicon/headers.toml: every printed name of every field."""
    if not _LEXICON:
        path = builtin_packs_dir().joinpath(*LEXICON_FILE)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DataError([f"{path}: 无法读取表头词表 (cannot read the header lexicon): {exc}"])
        problems = [f"{path}: {format_path(p.path) or '(root)'}: {describe(p, '未知键')}"
                    for p in explain(data, LEXICON)] if not is_valid(data, LEXICON) else []
        if problems:
            raise DataError(problems)
        _LEXICON.update(data)
    return _LEXICON


def with_lexicon(data: Mapping[str, Any], lexicon: Mapping[str, Any]) -> Dict[str, Any]:
    """A sheet template whose column and field labels are its own, then every
    printed name the lexicon knows for the same field."""
    def merged(own, more):
        return list(dict.fromkeys(list(own) + list(more or [])))
    out = dict(data)
    ind = dict(out.get("indicators") or {})
    columns = dict(ind.get("columns") or {})
    for key, names in (lexicon.get("indicators") or {}).items():
        columns[key] = merged(columns.get(key, []), names)
    ind["columns"] = columns
    out["indicators"] = ind
    money = dict(out.get("money") or {})
    words = lexicon.get("money") or {}
    if money.get("columns"):
        money["columns"] = {k: merged(v, words.get(k)) for k, v in money["columns"].items()}
    if money.get("total"):
        money["total"] = merged(money["total"], words.get("total"))
    if money:
        out["money"] = money
    fields = []
    for f in out.get("fields") or []:
        extra = (lexicon.get("fields") or {}).get(f["path"])
        fields.append(dict(f, labels=merged(f["labels"], extra)) if extra and f.get("take", "right") in ("right", "below", "inline") else f)
    out["fields"] = fields
    return out


def _patterns(data: Mapping[str, Any]):
    for i, f in enumerate(data.get("fields") or []):
        if "pattern" in f:
            yield f"fields[{i}].pattern", f["pattern"]
    for i, claim in enumerate((data.get("alignment") or {}).get("claims") or []):
        yield f"alignment.claims[{i}]", claim
    for i, p in enumerate((data.get("adjustments") or {}).get("patterns") or []):
        yield f"adjustments.patterns[{i}].pattern", p["pattern"]


_CACHE: Dict[Path, Tuple[Template, ...]] = {}


def load_templates(directory: Optional[Path] = None) -> Tuple[Template, ...]:
    """All mappings of a directory (the shipped ones by default), by name.
    Loaded once per process; every broken file is reported together."""
    directory = directory or templates_dir()
    cached = _CACHE.get(directory)
    if cached is not None:
        return cached
    found: List[Template] = []
    problems: List[str] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            found.append(load_template(path))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    result = tuple(found)
    _CACHE[directory] = result
    return result
