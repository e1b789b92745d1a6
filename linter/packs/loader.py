"""Load rule packs (TOML data), validate them, and resolve them into rules.

A pack is validated in three steps, each error naming the pack file, the
line and the rule: the pack schema (`packs_schema.py`), then each rule's
params against the schema its check declares, then the references between
them (word lists, tables, message placeholders, variants). A pack is data:
nothing in it is executed, and messages are filled by a `{name}` substitution
that cannot reach attributes or indexes.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.base.problems import DataError
from linter.base.resources import CORE, builtin_packs_dir
from linter.checks import BASE_VARS, INPUT_CHECK, INPUT_VARIANTS, INPUT_VARS, REGISTRY
from linter.model.framework import Framework
from linter.packs.schema import PACK
from linter.base.sourcemap import SourceMap, format_path
from linter.base.toml_positions import toml_positions
from linter.packs.select import LEVEL_KEYS, Selector
from linter.base.validate import describe as _describe, explain, is_valid

_CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def available_packs() -> List[str]:
    return sorted(p.stem for p in builtin_packs_dir().glob("*.toml"))


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: str
    pack: str
    check: str
    node: str
    params: Mapping[str, Any]
    select: Selector
    title: Mapping[str, str]
    message: Mapping[str, str]
    fix: Mapping[str, str]
    why: Mapping[str, str]
    basis: str
    variants: Mapping[str, Mapping[str, Mapping[str, str]]]
    examples: Mapping[str, str]
    source: str = ""
    index: int = 0  # position in its pack's [[rules]], to locate it for messages

    def text(self, part: str, lang: str, variant: Optional[str] = None) -> str:
        """The rule's `message` or `fix` in `lang`, for a variant if it has one."""
        if variant and variant in self.variants and part in self.variants[variant]:
            return self.variants[variant][part].get(lang, "")
        table = getattr(self, part) or {}
        return table.get(lang, "")

    def to_summary(self, lang: str = "zh") -> dict:
        return {"code": self.code, "slug": self.slug, "severity": self.severity,
                "pack": self.pack, "title": self.title.get(lang, ""),
                "check": self.check}


@dataclass
class Pack:
    name: str
    path: Path
    meta: Mapping[str, Any]
    rules: List[Rule]
    lists: Dict[str, List[str]]
    tables: Dict[str, List[dict]]
    framework: Mapping[str, Any]
    overrides: List[Mapping[str, Any]]
    extends: List[str]
    source_map: SourceMap = field(default_factory=SourceMap)


@dataclass
class RuleSet:
    """The rules, lists, tables and framework of a resolved list of packs."""

    packs: List[Pack]
    rules: List[Rule]
    lists: Dict[str, List[str]] = field(default_factory=dict)
    tables: Dict[str, List[dict]] = field(default_factory=dict)
    framework: Framework = field(default_factory=lambda: Framework({}, {}))

    def rule(self, code_or_slug: str) -> Optional[Rule]:
        key = code_or_slug.strip()
        for rule in self.rules:
            if rule.code == key.upper() or rule.slug == key.lower():
                return rule
        return None

    @property
    def names(self) -> List[str]:
        return [p.name for p in self.packs]


def render(template: str, variables: Mapping[str, Any], lang: str) -> str:
    """Fill `{name}` slots. Values that are {zh, en} tables pick `lang`.
    Unknown slots are left as written (load-time checks prevent them)."""
    def sub(m):
        key = m.group(1)
        if key not in variables:
            return m.group(0)
        value = variables[key]
        if isinstance(value, Mapping):
            value = value.get(lang, value.get("zh", ""))
        return "" if value is None else str(value)
    return PLACEHOLDER_RE.sub(sub, template)


class PackLoader:
    """Loads packs by name or path, once per run, and resolves rule sets."""

    def __init__(self, search_dirs: Optional[Sequence[Path]] = None):
        self.search_dirs = list(search_dirs or [builtin_packs_dir()])
        self._packs: Dict[Path, Pack] = {}
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
            pack = _load_pack_file(path)
            self._packs[path] = pack
        return pack

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
    problems: List[str] = []
    for pack in packs:
        lists.update(pack.lists)
        tables.update(pack.tables)
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
            rules[code] = replace(base, severity=ov.get("severity", base.severity), params=params)
    if problems:
        raise DataError(problems)
    by_name = {pack.name: pack for pack in packs}
    for rule in rules.values():
        spec = REGISTRY.get(rule.check)
        for param, kind in (spec.refs.items() if spec else ()):
            ref = rule.params.get(param)
            if ref is not None and ref not in (lists if kind == "list" else tables):
                where = _where(rule.source, by_name[rule.pack].source_map, ("rules", rule.index))
                problems.append(f"{where}: 规则 {rule.code}: params.{param} "
                                f"引用了不存在的{'词表' if kind == 'list' else '数据表'} “{ref}” "
                                f"(unknown {kind} {ref!r})")
    if problems:
        raise DataError(problems)
    framework = Framework.merge([p.framework for p in packs])
    return RuleSet(packs=packs, rules=sorted(rules.values(), key=lambda r: r.code),
                   lists=lists, tables=tables, framework=framework)


def _load_pack_file(path: Path) -> Pack:
    display = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([f"{display}: 无法读取规则包 (cannot read pack): {exc}"])
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{display}: TOML 语法错误 (TOML syntax error): {exc}"])
    # Positions are only needed to report a problem: scan for them lazily.
    source_map = SourceMap(build=lambda: toml_positions(text))

    def where(path_segments) -> str:
        return _where(display, source_map, path_segments)

    def rule_label(i: int) -> str:
        try:
            return f"规则 {data['rules'][i].get('code', f'#{i}')}"
        except (KeyError, IndexError, TypeError, AttributeError):
            return f"规则 #{i}"

    if not is_valid(data, PACK):
        problems = []
        for p in explain(data, PACK):
            label = rule_label(p.path[1]) if len(p.path) > 1 and p.path[0] == "rules" else "规则包"
            problems.append(f"{where(p.path)}: {label}: {format_path(p.path)}: {_describe(p)}")
        raise DataError(problems)

    meta = data["pack"]
    name = meta["name"]
    problems: List[str] = []
    if name != path.stem:
        problems.append(f"{where(('pack', 'name'))}: 规则包名称 “{name}” 应与文件名 “{path.stem}” 一致 "
                        f"(pack name must match the file name)")
    rules: List[Rule] = []
    seen_codes: Dict[str, int] = {}
    seen_slugs: Dict[str, int] = {}
    for i, raw in enumerate(data.get("rules") or []):
        rule, rule_problems = _build_rule(raw, i, name, display, where)
        problems.extend(rule_problems)
        if rule is None:
            continue
        for seen, key in ((seen_codes, rule.code), (seen_slugs, rule.slug)):
            if key in seen:
                problems.append(f"{where(('rules', i))}: 规则 {rule.code}: “{key}” 与第 {seen[key] + 1} "
                                f"条规则重复 (duplicate)")
            seen[key] = i
        rules.append(rule)
    if problems:
        raise DataError(problems)
    return Pack(name=name, path=path, meta=meta, rules=rules, source_map=source_map,
                lists={k: list(v) for k, v in (data.get("lists") or {}).items()},
                tables={k: [dict(r) for r in v] for k, v in (data.get("tables") or {}).items()},
                framework=data.get("framework") or {},
                overrides=list(data.get("overrides") or []),
                extends=list(meta.get("extends") or []))


def _where(display: str, source_map: SourceMap, path_segments) -> str:
    """`file:line` of a path in a pack, or of its nearest parent."""
    pos = source_map.locate(format_path(path_segments))
    return f"{display}:{pos[0] if pos else 1}"


def _build_rule(raw: Mapping, i: int, pack: str, display: str, where):
    code = raw["code"]
    problems: List[str] = []
    label = f"规则 {code}"
    if not _CODE_RE.match(code):
        problems.append(f"{where(('rules', i, 'code'))}: {label}: 代码应为一个大写字母加三位数字，如 V001 "
                        f"(code must look like V001)")
    if not _SLUG_RE.match(raw["slug"]):
        problems.append(f"{where(('rules', i, 'slug'))}: {label}: slug 应为小写字母、数字和连字符 "
                        f"(slug must be kebab-case)")
    check_name = raw["check"]
    params = dict(raw.get("params") or {})
    select = dict(raw.get("select") or {})
    if check_name == INPUT_CHECK:
        node, allowed_vars, variants = "form", set(INPUT_VARS), set(INPUT_VARIANTS)
        if params:
            problems.append(f"{where(('rules', i, 'params'))}: {label}: check = \"input\" 不接受 params")
    else:
        spec = REGISTRY.get(check_name)
        if spec is None:
            known = ", ".join(sorted(REGISTRY))
            problems.append(f"{where(('rules', i, 'check'))}: {label}: 未知的检查函数 “{check_name}”；"
                            f"可用：{known} (unknown check)")
            return None, problems
        node = spec.node
        allowed_vars = set(spec.vars) | set(BASE_VARS.get(node, ()))
        variants = set(spec.variants)
        if not is_valid(params, spec.params):
            for p in explain(params, spec.params):
                problems.append(
                    f"{where(('rules', i, 'params') + tuple(p.path))}: {label}: params.{format_path(p.path)}: "
                    f"{_describe(p)}；检查函数 {check_name} 的参数：{', '.join(sorted(spec.params)) or '无'}")
    if node != "indicator":
        for key in LEVEL_KEYS:
            if select.get(key):
                problems.append(f"{where(('rules', i, 'select', key))}: {label}: select.{key} "
                                f"只适用于指标 (only for indicator checks; this check runs on {node})")
    texts = [("message", raw["message"])] + ([("fix", raw["fix"])] if raw.get("fix") else [])
    for vname, variant in (raw.get("variants") or {}).items():
        if vname not in variants:
            problems.append(f"{where(('rules', i, 'variants', vname))}: {label}: 检查函数没有变体 “{vname}”；"
                            f"可用：{', '.join(sorted(variants)) or '无'} (unknown variant)")
        texts.append((f"variants.{vname}.message", variant["message"]))
        if variant.get("fix"):
            texts.append((f"variants.{vname}.fix", variant["fix"]))
    for where_text, table in texts:
        for lang, template in table.items():
            for slot in PLACEHOLDER_RE.findall(template):
                if slot not in allowed_vars:
                    problems.append(f"{where(('rules', i))}: {label}: {where_text}.{lang} 使用了未知占位符 "
                                    f"{{{slot}}}；可用：{', '.join(sorted(allowed_vars))} (unknown placeholder)")
    if problems:
        return None, problems
    if check_name != INPUT_CHECK:
        params = REGISTRY[check_name].resolve(params)  # defaults live in the check's schema only
    return Rule(code=code, slug=raw["slug"], severity=raw["severity"], pack=pack,
                check=check_name, node=node, params=params,
                select=Selector.from_data(select), title=raw["title"], message=raw["message"],
                fix=raw.get("fix") or {}, why=raw["why"], basis=raw["basis"],
                variants=raw.get("variants") or {}, examples=raw["examples"],
                source=display, index=i), problems
