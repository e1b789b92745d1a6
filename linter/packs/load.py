"""One pack file -> a validated `Pack`, every problem named by file, line and rule.

A pack is validated in three steps: the pack schema (`packs/schema.py`),
then each rule's params against the schema its check declares (defaults
filled in from there), then its message placeholders and variants against
what the check yields. References between packs (word lists, tables) are
the resolver's (`packs/loader.py`). A pack is data: nothing in it is executed.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, NamedTuple, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.base.problems import DataError
from linter.base.sourcemap import SourceMap, format_path
from linter.base.toml_positions import toml_positions
from linter.base.validate import describe as _describe, explain, is_valid
from linter.checks import BASE_VARS, INPUT_CHECK, INPUT_VARIANTS, INPUT_VARS, REGISTRY
from linter.packs.cache import load_built, store_built
from linter.packs.rules import PLACEHOLDER_RE, Pack, Rule
from linter.packs.schema import PACK
from linter.packs.select import LEVEL_KEYS, Selector

_CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class PackSource(NamedTuple):
    """A pack file as read: its bytes, its text and (once parsed) its TOML."""

    raw: bytes
    text: str
    data: Optional[Dict[str, Any]] = None


def read_pack(path: Path) -> PackSource:
    """A pack file's bytes and text, not yet parsed."""
    try:
        raw = path.read_bytes()
        return PackSource(raw, raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([f"{path}: 无法读取规则包 (cannot read pack): {exc}"])


def parsed(path: Path, source: PackSource) -> PackSource:
    """`source` with its TOML parsed (not yet validated)."""
    if source.data is not None:
        return source
    try:
        return source._replace(data=_parse(source.raw, source.text))
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{path}: TOML 语法错误 (TOML syntax error): {exc}"])


def pack_applies(path: Path, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The pack's `[applies]` table, validated alone: whether a pack applies
    by itself is asked of every shipped pack at start, and most never apply
    to the form at hand, so the rest of them is validated only when they do."""
    applies = data.get("applies") or {}
    if not is_valid({"applies": applies}, _APPLIES):
        problems = [f"{path}: 规则包: applies: {format_path(p.path)}: {_describe(p)}"
                    for p in explain({"applies": applies}, _APPLIES)]
        raise DataError(problems)
    return dict(applies)


_APPLIES = {"applies": PACK["applies"]}


def load_pack_file(path: Path, source: Optional[PackSource] = None) -> Pack:
    """The pack at `path`, validated and built (`source`: the file, when it
    was read already). A pack this code built from the same bytes before is
    taken from the cache of built packs (packs/cache.py)."""
    source = source or read_pack(path)
    built = load_built(path, source.raw, source.text)
    if built is not None:
        return built
    pack = _build_pack(path, parsed(path, source))
    store_built(path, source.raw, pack)
    return pack


def _build_pack(path: Path, source: PackSource) -> Pack:
    display = str(path)
    data, text = source.data, source.text
    assert data is not None
    # Positions are only needed to report a problem: scan for them lazily.
    source_map = SourceMap(build=lambda: toml_positions(text))

    def where(path_segments) -> str:
        return where_in(display, source_map, path_segments)

    def rule_label(i: int) -> str:
        try:
            return f"规则 {data['rules'][i].get('code', f'#{i}')}"
        except (KeyError, IndexError, TypeError, AttributeError):
            return f"规则 #{i}"

    if not is_valid(data, PACK):
        invalid = []
        for p in explain(data, PACK):
            label = rule_label(p.path[1]) if len(p.path) > 1 and p.path[0] == "rules" else "规则包"
            invalid.append(f"{where(p.path)}: {label}: {format_path(p.path)}: {_describe(p)}")
        raise DataError(invalid)

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
                extends=list(meta.get("extends") or []),
                applies=dict(data.get("applies") or {}))


# Parsed packs kept in this user's cache home, signed (base/usercache.py) and
# named by the digest of the pack's bytes: parsing the built-in packs is most
# of what loading them costs, on every start and in every worker. Only the
# parse is kept; validation and building the rules run on it as on a fresh
# parse, so a cached pack is checked exactly as before.
PACK_CACHE = "packs-v1"


def _parse(raw: bytes, text: str):
    import os
    if os.environ.get("JXLINT_NO_PACK_CACHE"):
        return tomllib.loads(text)
    import marshal
    from linter.base.digest import hexdigest
    from linter.base.usercache import load_signed, store_signed
    key = hexdigest(b"%d|%d.%d|" % (marshal.version, *sys.version_info[:2]) + raw)
    body = load_signed(PACK_CACHE, key)
    if body is not None:
        try:
            data = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            data = None
        if isinstance(data, dict):
            return data
    data = tomllib.loads(text)
    try:
        body = marshal.dumps(data)
    except ValueError:  # a TOML date or time: not kept, parsed each time
        return data
    store_signed(PACK_CACHE, key, body)
    return data


def where_in(display: str, source_map: SourceMap, path_segments) -> str:
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
    fixes = [("autofix", raw.get("autofix"))] + [(f"variants.{v}.autofix", d.get("autofix"))
                                                  for v, d in (raw.get("variants") or {}).items()]
    for where_text, spec in fixes:
        if not spec:
            continue
        if spec["op"] == "replace" and not spec.get("old"):
            problems.append(f"{where(('rules', i))}: {label}: {where_text}: op = \"replace\" 需要 old "
                            f"(replace needs old)")
        if spec["op"] != "replace" and not spec["new"]:
            problems.append(f"{where(('rules', i))}: {label}: {where_text}: new 不能为空 (new must not be empty)")
        texts.append((where_text, {k: spec[k] for k in ("old", "new") if spec.get(k)}))
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
                confidence=raw.get("confidence", "certain"),
                check=check_name, node=node, params=params,
                select=Selector.from_data(select), title=raw["title"], message=raw["message"],
                fix=raw.get("fix") or {}, why=raw["why"], basis=raw["basis"],
                variants=raw.get("variants") or {}, examples=raw["examples"],
                source=display, position=i, autofix=raw.get("autofix") or {}), problems
