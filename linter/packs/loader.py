"""Find rule packs by name or path and resolve them into rule sets.

Each file is loaded and validated once per run (`packs/load.py`); a rule
set is `core` plus the named packs, each after the packs it `extends`, with
their `[[overrides]]` applied and their references to word lists and tables
checked, and every row of a referenced table checked against the row schema
its check declares (`@check(rows=...)`): a bad row is a pack problem, never
a check that raises on every form. Every problem names the pack file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from linter.base.problems import DataError
from linter.base.resources import CORE, builtin_packs_dir
from linter.base.sourcemap import format_path
from linter.base.validate import describe as _describe, explain, is_valid
from linter.checks import REGISTRY
from linter.model.framework import Framework
from linter.packs.cache import load_built
from linter.packs.load import PackSource, load_pack_file, pack_applies, parsed, read_pack, where_in
from linter.packs.rules import Pack, Rule, RuleSet

_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def available_packs() -> List[str]:
    return sorted(p.stem for p in builtin_packs_dir().glob("*.toml"))


class PackLoader:
    """Loads packs by name or path, once per run, and resolves rule sets."""

    def __init__(self, search_dirs: Optional[Sequence[Path]] = None):
        self.search_dirs = list(search_dirs or [builtin_packs_dir()])
        self._packs: Dict[Path, Pack] = {}
        self._sources: Dict[Path, PackSource] = {}  # read by `applies`, not yet loaded
        self._sets: Dict[Tuple[str, ...], RuleSet] = {}

    # -- finding and loading ----------------------------------------------
    def locate(self, name: str) -> Path:
        candidate = Path(name)
        if name.endswith(".toml"):
            if candidate.is_file():
                return candidate.resolve()
            raise DataError([f"{name}: 找不到规则包文件 (pack file not found)"])
        if not _NAME_RE.match(name):
            raise DataError([f"{name}: 规则包名称无效 (invalid pack name)"])
        for directory in self.search_dirs:
            path = directory / f"{name}.toml"
            if path.is_file():
                return path.resolve()
        known = ", ".join(available_packs()) or "-"
        raise DataError([f"{name}: 没有这个规则包；可用：{known} (no such pack; available: {known})"])

    def load(self, name: str) -> Pack:
        path = self.locate(name)
        pack = self._packs.get(path)
        if pack is None:
            pack = load_pack_file(path, self._sources.pop(path, None))
            self._packs[path] = pack
        return pack

    def applies(self, name: str) -> Mapping[str, Any]:
        """The pack's `[applies]` (empty: it never applies by itself), read
        without validating or building its rules: `load` does that, once the
        pack applies to a form. The parse is kept for `load`."""
        path = self.locate(name)
        pack = self._packs.get(path)
        if pack is not None:
            return pack.applies
        source = self._sources.get(path) or read_pack(path)
        built = load_built(path, source.raw, source.text)
        if built is not None:  # kept from an earlier run: as cheap as the table alone
            self._packs[path] = built
            return built.applies
        source = self._sources[path] = parsed(path, source)
        assert source.data is not None
        return pack_applies(path, source.data)

    # -- resolving --------------------------------------------------------
    def ruleset(self, names: Sequence[str]) -> RuleSet:
        """`core` plus `names`, each after the packs it extends."""
        wanted = tuple(dict.fromkeys([CORE] + [n for n in names if n]))
        cached = self._sets.get(wanted)
        if cached is not None:
            return cached
        ordered: List[Pack] = []
        for name in wanted:
            self._collect(name, ordered, [])
        result = _resolve(ordered)
        self._sets[wanted] = result
        return result

    def _collect(self, name: str, ordered: List[Pack], stack: List[str]) -> None:
        pack = self.load(name)
        if pack.name in stack:
            raise DataError([f"{pack.path}: extends 形成循环 (extends cycle): "
                             + " -> ".join(stack + [pack.name])])
        if any(p.path == pack.path for p in ordered):
            return
        for parent in pack.extends:
            self._collect(parent, ordered, stack + [pack.name])
        ordered.append(pack)


def _resolve(packs: List[Pack]) -> RuleSet:
    rules: Dict[str, Rule] = {}
    lists: Dict[str, List[str]] = {}
    tables: Dict[str, List[dict]] = {}
    table_pack: Dict[str, Pack] = {}     # the pack whose table of that name wins
    problems: List[str] = []
    for pack in packs:
        lists.update(pack.lists)
        tables.update(pack.tables)
        table_pack.update((name, pack) for name in pack.tables)
        for rule in pack.rules:
            if rule.code in rules:
                problems.append(f"{pack.path}: 规则 {rule.code} 已在规则包 {rules[rule.code].pack} 中定义；"
                                f"请改用 [[overrides]] (rule already defined; use [[overrides]])")
                continue
            rules[rule.code] = rule
        for ov in pack.overrides:
            code = ov["code"]
            base = rules.get(code)
            if base is None:
                problems.append(f"{pack.path}: [[overrides]] 指向不存在的规则 {code} (override of unknown rule)")
                continue
            params = dict(base.params)
            params.update(ov.get("params") or {})
            spec = REGISTRY.get(base.check)
            if spec is not None and not is_valid(params, spec.params):
                for p in explain(params, spec.params):
                    problems.append(f"{pack.path}: [[overrides]] {code}: params.{format_path(p.path)}: {_describe(p)}")
                continue
            rules[code] = base._replace(severity=ov.get("severity", base.severity), params=params)
    if problems:
        raise DataError(problems)
    by_name = {pack.name: pack for pack in packs}
    checked = set()
    for rule in rules.values():
        spec = REGISTRY.get(rule.check)
        if spec is None:
            continue
        for param, kind in spec.refs.items():
            ref = rule.params.get(param)
            if ref is not None and ref not in (lists if kind == "list" else tables):
                where = where_in(rule.source, by_name[rule.pack].source_map, ("rules", rule.position))
                problems.append(f"{where}: 规则 {rule.code}: params.{param} "
                                f"引用了不存在的{'词表' if kind == 'list' else '数据表'} “{ref}” "
                                f"(unknown {kind} {ref!r})")
            elif ref is not None and param in spec.rows and (ref, repr(spec.rows[param])) not in checked:
                checked.add((ref, repr(spec.rows[param])))  # once per table and schema, not per rule
                problems.extend(_row_problems(rule, ref, tables[ref], spec.rows[param], table_pack[ref]))
    if problems:
        raise DataError(problems)
    framework = Framework.merge([p.framework for p in packs])
    return RuleSet(packs=packs, rules=sorted(rules.values(), key=lambda r: r.code),
                   lists=lists, tables=tables, framework=framework)


def _row_problems(rule: Rule, name: str, rows: List[dict], schema, pack: Pack) -> List[str]:
    """Each row of table `name` that the row schema of `rule`'s check
    refuses, named by the file and line of the pack that holds the table."""
    problems: List[str] = []
    for i, row in enumerate(rows):
        if is_valid(row, schema):
            continue
        for p in explain(row, schema):
            where = where_in(str(pack.path), pack.source_map, ("tables", name, i) + tuple(p.path))
            problems.append(f"{where}: 规则 {rule.code}: 数据表 {name} 第 {i + 1} 行: "
                            f"{format_path(p.path) or '行'}: {_describe(p)} (bad row {i + 1} of table {name!r})")
    return problems
