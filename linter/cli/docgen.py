"""Generate the rule and check documentation from the packs (Ruff-style).

`docs/rules.md` and `docs/checks.md` are rendered from the shipped rule packs
and the check registry, never edited by hand; a test regenerates them and
fails when the committed copies are stale.

    python -m linter.cli.docgen            # rewrite docs/rules.md and docs/checks.md
    python -m linter.cli.docgen --check    # exit 1 (writing nothing) if they are stale,
                                       # 2 if a pack cannot be loaded

Every function here is pure apart from `main`: the same packs give the same
bytes (sorted, no timestamps, no absolute paths).
"""
from __future__ import annotations

import argparse
import inspect
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from linter.writers import tomlout
from linter.base.atomic import write_text_atomic
from linter.checks import (BASE_VARS, INPUT_CHECK, INPUT_VARIANTS, INPUT_VARS, REGISTRY, CheckSpec)
from linter.packs.loader import PackLoader
from linter.packs.rules import Pack, Rule
from linter.base.resources import builtin_packs_dir
from linter.base.problems import DataError

RULES_FILE = "rules.md"
CHECKS_FILE = "checks.md"
STALE_MESSAGE = "docs are stale: run python -m linter.cli.docgen"

NOTICE = ("> 本文件由 `python -m linter.cli.docgen` 从 rules/ 生成，请勿手改。\n"
          "> Generated from rules/ by `python -m linter.cli.docgen`; do not edit.")

FAMILIES: Tuple[Tuple[str, str, str], ...] = (
    ("E", "输入与结构", "Input and structure"),
    ("C", "类别与完整性", "Categories and completeness"),
    ("N", "指标名称", "Indicator names"),
    ("V", "指标值", "Indicator values"),
    ("U", "多站点与规模", "Multiple sites and scale"),
    ("B", "预算与执行", "Budget and execution"),
    ("P", "合同与付款", "Contracts and payments"),
    ("S", "分值与得分", "Weights and scores"),
    ("X", "一致性与文字", "Consistency and wording"),
    ("R", "必备指标", "Required indicators"),
)
OTHER = ("?", "其他", "Other")

SEVERITY = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}

INPUT_DOC = (
    "Not a function: findings that the readers raise while reading a file "
    "(syntax, encoding, the form schema, unknown fields). Rules with "
    "`check = \"input\"` give them their wording; the variant names the case. "
    "Takes no params and no `select`: it applies to every file.")


# -- escaping -----------------------------------------------------------------
def _oneline(text: Any) -> str:
    """Collapse a text to one line (TOML strings may hold newlines)."""
    return " ".join(part.strip() for part in str(text or "").splitlines() if part.strip())


def md_text(text: Any) -> str:
    """Rule text as inline Markdown: one line, Markdown syntax characters escaped."""
    out = _oneline(text)
    for ch in ("\\", "`", "*", "_", "[", "]"):
        out = out.replace(ch, "\\" + ch)
    return out.replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: Any) -> str:
    """Text for a table cell: `|` and line breaks would end the cell or row."""
    return md_text(text).replace("|", "\\|")


def md_code(text: Any) -> str:
    """An inline code span that survives backticks and `|` in table cells."""
    body = _oneline(text).replace("|", "\\|")
    ticks = "`"
    while ticks in body:
        ticks += "`"
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{ticks}{pad}{body}{pad}{ticks}"


def fenced(text: str, lang: str = "toml") -> str:
    """A fenced block longer than any backtick run in `text`."""
    body = text.strip("\n")
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}{lang}\n{body}\n{fence}"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# -- collecting -----------------------------------------------------------------
@dataclass
class Catalogue:
    """The packs found by a loader and each rule as its own pack defines it."""

    loader: PackLoader
    packs: List[Pack]
    rules: Dict[str, Rule]
    overrides: Dict[str, List[Tuple[str, Mapping[str, Any]]]] = field(default_factory=dict)
    duplicates: Dict[str, List[str]] = field(default_factory=dict)

    def rule_list(self) -> List[Rule]:
        return [self.rules[code] for code in sorted(self.rules)]


def pack_names(loader: PackLoader) -> List[str]:
    """Every pack in the loader's search directories (the shipped ones by default)."""
    names: Set[str] = set()
    for directory in loader.search_dirs:
        names.update(p.stem for p in Path(directory).glob("*.toml"))
    return sorted(names)


def collect(loader: Optional[PackLoader] = None) -> Catalogue:
    """Load every pack on its own (core plus what it extends) and keep each
    rule from the pack that defines it, so another pack's [[overrides]] do
    not leak into its documentation; the overrides are listed separately."""
    loader = loader or PackLoader()
    packs: Dict[str, Pack] = {}
    rules: Dict[str, Rule] = {}
    duplicates: Dict[str, List[str]] = {}
    for name in pack_names(loader):
        ruleset = loader.ruleset([name])
        pack = loader.load(name)
        packs[pack.name] = pack
        for rule in ruleset.rules:
            if rule.pack != pack.name:
                continue
            if rule.code in rules and rules[rule.code].pack != rule.pack:
                duplicates.setdefault(rule.code, []).append(rule.pack)
                continue
            rules[rule.code] = rule
    overrides: Dict[str, List[Tuple[str, Mapping[str, Any]]]] = {}
    for pack in sorted(packs.values(), key=lambda p: p.name):
        for ov in pack.overrides:
            overrides.setdefault(ov["code"], []).append((pack.name, ov))
    return Catalogue(loader=loader, packs=sorted(packs.values(), key=lambda p: p.name),
                     rules=rules, overrides=overrides, duplicates=duplicates)


def pack_file(pack: Pack) -> str:
    """The pack's file, relative to the repository for the shipped packs."""
    path = Path(pack.path)
    try:
        if path.resolve().parent == builtin_packs_dir().resolve():
            return f"rules/{path.name}"
    except OSError:  # pragma: no cover
        pass
    return path.name


def family_of(code: str) -> Tuple[str, str, str]:
    for family in FAMILIES:
        if code.startswith(family[0]):
            return family
    return OTHER


def _by_family(rules: Sequence[Rule]) -> List[Tuple[Tuple[str, str, str], List[Rule]]]:
    order = [f[0] for f in FAMILIES] + [OTHER[0]]
    groups: Dict[str, List[Rule]] = {}
    for rule in rules:
        groups.setdefault(family_of(rule.code)[0], []).append(rule)
    out = []
    for letter in order:
        if letter in groups:
            family = next((f for f in FAMILIES if f[0] == letter), OTHER)
            out.append((family, sorted(groups[letter], key=lambda r: r.code)))
    return out


def _family_heading(family: Tuple[str, str, str]) -> str:
    letter, zh, en = family
    return f"{zh} / {en}" if family is OTHER else f"{letter} {zh} / {en}"


def _pack_text(pack: Pack, part: str, lang: str) -> str:
    value = pack.meta.get(part) or ""
    if isinstance(value, Mapping):
        return str(value.get(lang, "") or "")
    return str(value)


# -- rules.md -------------------------------------------------------------------
def _params_block(rule: Rule) -> List[str]:
    if not rule.params:
        return []
    spec = REGISTRY.get(rule.check)
    refs = spec.refs if spec else {}
    rows = []
    defaults = spec.defaults if spec else {}
    for key in sorted(rule.params):
        note = {"list": "词表 list", "table": "数据表 table"}.get(refs.get(key, ""), "")
        if key in defaults and defaults[key] == rule.params[key]:
            note = "默认值 default"
        rows.append([md_code(key), md_code(tomlout.value(rule.params[key])), note])
    return ["**参数 / Params**", "", _table(["参数 param", "值 value", "引用 refers to"], rows), ""]


def _select_text(rule: Rule) -> str:
    data = rule.select.to_data()
    return "；".join(f"{md_code(k)} = {', '.join(md_code(v) for v in values)}"
                    for k, values in sorted(data.items()))


def _reports(rule: Rule, loader: PackLoader) -> List[str]:
    from linter.engine.examples import run_example

    findings = [f for f in run_example(rule, "bad", "zh", loader=loader) if f.code == rule.code]
    head = f"**错误示例的报告 / What the bad example reports** ({rule.code})"
    if not findings:
        return [head, "", "- （错误示例没有报告这条规则 / the bad example does not report this rule）", ""]
    return [head, ""] + [f"- {md_text(f.message)}" for f in findings] + [""]


def _rule_section(rule: Rule, cat: Catalogue) -> str:
    pack = next(p for p in cat.packs if p.name == rule.pack)
    check_link = f"[`{rule.check}`]({CHECKS_FILE}#{rule.check})"
    meta = [
        ["严重程度 severity", SEVERITY.get(rule.severity, md_cell(rule.severity))],
        ["把握 confidence", "可能 likely（语义判断，消息说明依据 / a judgment of meaning; the message says why）"
         if rule.confidence == "likely" else "确定 certain"],
        ["规则包 pack", f"[{md_cell(rule.pack)}](#pack-{rule.pack}) ({md_code(pack_file(pack))})"],
        ["检查函数 check", check_link],
        ["English title", md_cell(rule.title.get("en", ""))],
    ]
    select = _select_text(rule)
    if select:
        meta.append(["适用范围 select", select])
    autofix = _autofix_text(rule)
    if autofix:
        meta.append(["自动修复 autofix", autofix])
    lines = [f'<a id="{rule.code}"></a>',
             "",
             f"### {rule.code} {rule.slug} — {md_text(rule.title.get('zh', ''))}",
             "",
             _table(["", ""], meta),
             ""]
    for other in cat.duplicates.get(rule.code, []):
        lines += [f"> 注意：代码 {rule.code} 也在规则包 {md_text(other)} 中定义 / "
                  f"also defined in pack {md_text(other)}", ""]
    lines += [f"**检查什么 / What it checks**：{md_text(rule.message.get('zh', ''))}", "",
              f"**为什么 / Why**：{md_text(rule.why.get('zh', ''))}", "",
              f"*{md_text(rule.why.get('en', ''))}*" if rule.why.get("en") else "",
              "",
              f"**依据 / Basis**：{md_text(rule.basis)}", ""]
    if rule.fix.get("zh"):
        lines += [f"**怎么改 / Fix**：{md_text(rule.fix['zh'])}", ""]
    elif any(v.get("fix") for v in rule.variants.values()):
        lines += ["**怎么改 / Fix**：见各变体 / see the variants below", ""]
    lines += _params_block(rule)
    if rule.variants:
        lines += ["**变体 / Variants**", ""]
        for name in sorted(rule.variants):
            variant = rule.variants[name]
            item = f"- {md_code(name)}：{md_text((variant.get('message') or {}).get('zh', ''))}"
            milder = str(variant.get("severity") or "")
            if milder and milder != rule.severity:
                item += f"（严重程度 {SEVERITY.get(milder, md_text(milder))}）"
            fix = (variant.get("fix") or {}).get("zh")
            if fix:
                item += f"（怎么改：{md_text(fix)}）"
            lines.append(item)
        lines.append("")
    for pack_name, ov in cat.overrides.get(rule.code, []):
        changes = []
        if "severity" in ov:
            changes.append(f"severity = {SEVERITY.get(ov['severity'], md_text(ov['severity']))}")
        for key in sorted(ov.get("params") or {}):
            changes.append(f"params.{md_code(key)} = {md_code(tomlout.value(ov['params'][key]))}")
        lines += [f"**被调整 / Overridden** by [{md_text(pack_name)}](#pack-{pack_name})："
                  + ("；".join(changes) or "-"), ""]
    lines += ["**错误示例（会报告）/ Bad example (reported)**", "",
              fenced(rule.examples.get("bad", "")), ""]
    lines += _reports(rule, cat.loader)
    lines += ["**正确示例（不会报告）/ Good example (not reported)**", "",
              fenced(rule.examples.get("good", "")), ""]
    return "\n".join(_squeeze(lines)).rstrip("\n")


_OPS = {"replace": "把 {old} 改为 {new}", "set": "写入 {new}", "append": "在值后补上 {new}"}


def _autofix_text(rule) -> str:
    """What `--fix` does for this rule, case by case (Ruff's "Fix is available")."""
    cases = [("", rule.autofix)] + [(name, v.get("autofix")) for name, v in sorted(rule.variants.items())]
    parts = []
    for name, spec in cases:
        if not spec:
            continue
        what = _OPS[spec["op"]].format(old=md_code(spec.get("old", "")), new=md_code(spec.get("new", "")))
        when = "仅 --unsafe-fixes" if spec.get("safety") == "unsafe" else "--fix"
        parts.append(f"{md_code(name) + '：' if name else ''}{what}（{when}）")
    return "；".join(parts)


def _squeeze(lines: List[str]) -> List[str]:
    """Drop repeated blank lines."""
    out: List[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out


def rules_markdown(loader: Optional[PackLoader] = None) -> str:
    """docs/rules.md: the packs, an index per family and one section per rule."""
    cat = collect(loader)
    rules = cat.rule_list()
    counts: Dict[str, int] = {}
    for rule in rules:
        counts[rule.pack] = counts.get(rule.pack, 0) + 1
    parts = ["# jxlint 规则 / Rules", "", NOTICE, "",
             f"共 {len(rules)} 条规则，来自 {len(cat.packs)} 个规则包。每条规则的错误示例和正确示例"
             f"都由测试运行；“错误示例的报告”是这些示例实际得到的结果。",
             f"{len(rules)} rules in {len(cat.packs)} packs. The tests run every example; "
             f"“what the bad example reports” is their actual output. "
             f"Check functions: [{CHECKS_FILE}]({CHECKS_FILE}).", "",
             "## 规则包 / Packs", ""]
    pack_rows = []
    for pack in cat.packs:
        title = " / ".join(t for t in (_pack_text(pack, "title", "zh"), _pack_text(pack, "title", "en")) if t)
        desc = _pack_text(pack, "description", "zh")
        extends = ", ".join(md_code(e) for e in pack.extends) or "-"
        pack_rows.append([f'<a id="pack-{pack.name}"></a>{md_code(pack.name)}', md_cell(title),
                          md_cell(desc) or "-", extends, str(counts.get(pack.name, 0)),
                          md_code(pack_file(pack))])
    parts += [_table(["规则包 pack", "名称 title", "说明 description", "extends", "规则数 rules",
                      "文件 file"], pack_rows), "",
              "`core` 总是启用；“规则数”只计规则包自己定义的规则，[[overrides]] 记在被调整的规则下。",
              "`core` is always on. “rules” counts the rules a pack defines; its [[overrides]] "
              "are shown under the rules they adjust.", "",
              "## 规则一览 / Rule index", ""]
    grouped = _by_family(rules)
    for family, members in grouped:
        rows = [[f"[{r.code}](#{r.code})", md_code(r.slug), SEVERITY.get(r.severity, md_cell(r.severity)),
                 md_code(r.pack), md_cell(r.title.get("zh", ""))] for r in members]
        parts += [f"**{_family_heading(family)}**", "",
                  _table(["code", "slug", "severity", "pack", "title"], rows), ""]
    for family, members in grouped:
        parts += [f"## {_family_heading(family)}", ""]
        for rule in members:
            parts += [_rule_section(rule, cat), ""]
    return "\n".join(_squeeze(parts)).rstrip("\n") + "\n"


# -- checks.md ------------------------------------------------------------------
def _schema_type(rule_schema: Mapping[str, Any]) -> str:
    kind = rule_schema.get("type", "any")
    text = "/".join(kind) if isinstance(kind, (list, tuple)) else str(kind)
    item = rule_schema.get("schema")
    if text == "list" and isinstance(item, Mapping) and "type" in item:
        text += f" of {_schema_type(item)}"
    return text


def _schema_notes(rule_schema: Mapping[str, Any], ref: str) -> str:
    notes = []
    for key in ("min", "max", "minlength", "maxlength", "default"):
        if key in rule_schema:
            notes.append(f"{key} = {tomlout.value(rule_schema[key])}")
    if ref:
        notes.append({"list": "names a word list of the pack ([lists])",
                      "table": "names a table of the pack ([tables])"}.get(ref, ref))
    return "; ".join(notes)


def _params_table(spec: CheckSpec) -> str:
    if not spec.params:
        return "无 / none"
    rows = []
    for name in sorted(spec.params):
        schema = spec.params[name]
        allowed = schema.get("allowed")
        rows.append([md_code(name), md_code(_schema_type(schema)),
                     "是 yes" if schema.get("required") else "否 no",
                     md_code(tomlout.value(schema["default"])) if "default" in schema else "-",
                     ", ".join(md_code(a) for a in allowed) if allowed else "-",
                     md_cell(_schema_notes(schema, spec.refs.get(name, ""))) or "-"])
    return _table(["参数 param", "类型 type", "必填 required", "默认 default", "允许值 allowed", "说明 notes"],
                  rows)


def _codes(names: Sequence[str]) -> str:
    return ", ".join(md_code(n) for n in names) or "-"


def _used_by(rules: Sequence[Rule]) -> str:
    return ", ".join(f"[{r.code}]({RULES_FILE}#{r.code})" for r in rules) or "-"


def checks_markdown(loader: Optional[PackLoader] = None) -> str:
    """docs/checks.md: the check vocabulary, from REGISTRY and the docstrings."""
    cat = collect(loader)
    users: Dict[str, List[Rule]] = {}
    for rule in cat.rule_list():
        users.setdefault(rule.check, []).append(rule)
    specs = sorted(REGISTRY.values(), key=lambda s: s.name)
    parts = ["# jxlint 检查函数 / Check functions", "", NOTICE, "",
             "规则包中的每条规则都指定一个检查函数（固定的词汇表）和它的参数；参数在加载规则包时按下面的"
             "模式校验。消息中的 `{占位符}` 只能用检查函数的变量和节点的基本变量。",
             "Each rule names one check from this fixed vocabulary; its params are validated "
             "against the schema below when the pack loads. Message `{placeholders}` may use "
             "the check's vars and the base vars of its node. Rules: "
             f"[{RULES_FILE}]({RULES_FILE}).", "",
             _table(["check", "node", "params", "used by"],
                    [[f"[{md_code(s.name)}](#{s.name})", md_code(s.node), _codes(sorted(s.params)),
                      _used_by(users.get(s.name, []))] for s in specs]
                    + [[f"[{md_code(INPUT_CHECK)}](#{INPUT_CHECK})", md_code("form"), "-",
                        _used_by(users.get(INPUT_CHECK, []))]]),
             ""]
    for spec in specs:
        base = BASE_VARS.get(spec.node, ())
        parts += [f'<a id="{spec.name}"></a>', "", f"## {spec.name}", "",
                  f"- 节点 / node: {md_code(spec.node)}",
                  f"- 变体 / variants: {_codes(spec.variants)}",
                  f"- 变量 / vars: {_codes(spec.vars)}",
                  f"- 节点基本变量 / base vars of `{spec.node}`: {_codes(base)}",
                  f"- 使用它的规则 / used by: {_used_by(users.get(spec.name, []))}", "",
                  "**参数 / Params**", "", _params_table(spec), ""]
        doc = inspect.cleandoc(spec.doc) if spec.doc else "（没有文档字符串 / no docstring）"
        parts += [doc, ""]
    parts += [f'<a id="{INPUT_CHECK}"></a>', "", f"## {INPUT_CHECK}", "",
              f"- 节点 / node: {md_code('form')}",
              f"- 变体 / variants: {_codes(INPUT_VARIANTS)}",
              f"- 变量 / vars: {_codes(INPUT_VARS)}",
              f"- 使用它的规则 / used by: {_used_by(users.get(INPUT_CHECK, []))}", "",
              "**参数 / Params**", "", "无 / none", "", INPUT_DOC]
    return "\n".join(_squeeze(parts)).rstrip("\n") + "\n"


# -- writing --------------------------------------------------------------------
def render_all(loader: Optional[PackLoader] = None) -> Dict[str, str]:
    """File name -> content for every generated doc."""
    loader = loader or PackLoader()
    return {RULES_FILE: rules_markdown(loader), CHECKS_FILE: checks_markdown(loader)}


def stale_files(out_dir: Path, docs: Mapping[str, str]) -> List[str]:
    """The generated files in `out_dir` that differ from `docs` (or are missing)."""
    stale = []
    for name in sorted(docs):
        path = Path(out_dir) / name
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != docs[name]:
            stale.append(name)
    return stale


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


def default_out_dir() -> Path:
    """`docs/` of the checkout this module lives in, else `docs/` here."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "docs").is_dir():
        return root / "docs"
    return Path("docs")


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m linter.cli.docgen",
        description="Generate docs/rules.md and docs/checks.md from the rule packs.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the docs are stale")
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="where the docs go (default: docs/ of the repository)")
    args = parser.parse_args(argv)
    out_dir = args.out_dir if args.out_dir is not None else default_out_dir()
    try:
        docs = render_all()
    except DataError as exc:
        print("jxlint docgen: 规则包有误 (pack error):\n  " + "\n  ".join(exc.problems),
              file=sys.stderr)
        return 2
    stale = stale_files(out_dir, docs)
    if args.check:
        if stale:
            for name in stale:
                print(f"stale: {_display(out_dir / name)}", file=sys.stderr)
            print(STALE_MESSAGE, file=sys.stderr)
            return 1
        return 0
    for name in sorted(docs):
        target = out_dir / name
        if name in stale:
            write_atomic(target, docs[name])
            print(f"wrote {_display(target)}")
        else:
            print(f"unchanged {_display(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
