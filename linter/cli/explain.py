"""Rules and checks, explained: the text behind `jxlint explain CODE` and
`jxlint rules --checks`."""
from __future__ import annotations

import json
from typing import Any, Dict

from linter.checks import REGISTRY
from linter.packs.rules import Rule

_HEAD: Dict[str, Dict[str, Any]] = {  # labels, and "severity": a table of its own
    "zh": {"pack": "规则包", "check": "检查函数", "why": "为什么", "basis": "依据",
           "fix": "如何修改", "bad": "错误示例（会报告）", "good": "正确示例（不会报告）",
           "reports": "错误示例的报告", "select": "适用范围",
           "severity": {"error": "错误", "warning": "警告", "info": "提示"}},
    "en": {"pack": "pack", "check": "check", "why": "why", "basis": "basis", "fix": "how to fix",
           "bad": "bad example (reported)", "good": "good example (not reported)",
           "reports": "what the bad example reports", "select": "applies to",
           "severity": {"error": "error", "warning": "warning", "info": "info"}},
}


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line for line in text.strip("\n").splitlines())


def explain_rule(rule: Rule, lang: str = "zh", loader=None) -> str:
    h = _HEAD.get(lang, _HEAD["zh"])
    parts = [
        f"{rule.code} {rule.slug} — {rule.title.get(lang, '')} [{h['severity'][rule.severity]}]",
        f"{h['pack']}: {rule.pack}    {h['check']}: {rule.check}",
    ]
    select = rule.select.to_data()
    if select:
        parts.append(f"{h['select']}: " + "; ".join(f"{k} = {', '.join(v)}" for k, v in select.items()))
    parts += ["", f"{h['why']}: {rule.why.get(lang, '')}", f"{h['basis']}: {rule.basis}"]
    if rule.fix:
        parts.append(f"{h['fix']}: {rule.fix.get(lang, '')}")
    parts += ["", f"{h['bad']}:", _indent(rule.examples["bad"]), "",
              f"{h['good']}:", _indent(rule.examples["good"])]
    from linter.engine.examples import run_example
    reported = [f for f in run_example(rule, "bad", lang, loader=loader) if f.code == rule.code]
    if reported:
        parts += ["", f"{h['reports']}:"]
        parts += [f"    {f.code} {f.message}" for f in reported]
    return "\n".join(parts)


def describe_checks(fmt: str = "text") -> str:
    """The check vocabulary: node type, params, variants and documentation."""
    if fmt == "json":
        return json.dumps([{"name": s.name, "node": s.node, "params": s.params,
                            "variants": list(s.variants), "vars": list(s.vars), "doc": s.doc}
                           for s in sorted(REGISTRY.values(), key=lambda s: s.name)],
                          ensure_ascii=False, indent=2)
    blocks = []
    for spec in sorted(REGISTRY.values(), key=lambda s: s.name):
        params = ", ".join(f"{k} ({'/'.join(v['type']) if isinstance(v.get('type'), list) else v.get('type')}"
                           f"{', required' if v.get('required') else ''})"
                           for k, v in spec.params.items()) or "-"
        blocks.append("\n".join([
            f"{spec.name}  [node: {spec.node}]",
            f"  params: {params}",
            f"  variants: {', '.join(spec.variants) or '-'}",
            f"  vars: {', '.join(spec.vars) or '-'}",
            _indent(spec.doc, "  "),
        ]))
    return "\n\n".join(blocks)
