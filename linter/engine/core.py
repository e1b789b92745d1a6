"""The engine: for each form, for each rule, for each selected node, run the
check and turn its hits into findings with positions and rendered messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Collection, Dict, List, Optional, Sequence, Set, Tuple

from linter.checks import REGISTRY
from linter.model.findings import Edit, Finding, Location
from linter.model.form import CROSS_NODE_TYPES, Form, Node
from linter.model.history import Facts, form_facts, related_nodes
from linter.policy.config import DEFAULT as DEFAULT_CONFIG, Config
from linter.policy import suppress
from linter.policy.policy import Policy, profile_pack
from linter.packs.loader import PackLoader
from linter.packs.rules import Rule, RuleSet, render
from linter.packs.select import RowFacts, Selector
from linter.base.problems import DataError
from linter.base.sourcemap import SourceMap
from linter.readers import InputProblem, ReadResult, read_file
from linter.model.names import display_name
from linter.model.schema import KIND_NAMES
from linter.model.values import as_text
from linter.checks.context import Context

_INDICATOR_PATH_RE = re.compile(r"^indicators\[(\d+)\]")
_RANK = {"info": 0, "warning": 1, "error": 2}

# Not a rule: a check that raised. Reported per form so the run goes on.
INTERNAL_ERROR = "E000"

class RuleCrash(Exception):
    """A check raised: a bug in jxlint, reported with the rule and the file."""

    def __init__(self, rule: Rule, file: str, error: BaseException):
        super().__init__(f"{rule.code} ({rule.check}) on {file}: {type(error).__name__}: {error}")
        self.rule, self.file, self.error = rule, file, error


@dataclass
class FileReport:
    """The findings of one file's forms checked alone, and what the run needs
    of them afterwards (packs per form, facts for the cross-form rules)."""

    file: str
    findings: List[Finding] = field(default_factory=list)
    stopped: bool = False
    forms: int = 0
    # per form: {"form": i, "project": title, "packs": [{"name", "why"}]}
    packs: List[Dict[str, Any]] = field(default_factory=list)
    # per form, what the cross-form rules need of it (model/history.py)
    facts: List[Facts] = field(default_factory=list)


@dataclass
class FormsPart:
    """What `Engine.check_forms` found in some of a file's forms."""

    findings: List[Finding] = field(default_factory=list)
    packs: List[Dict[str, Any]] = field(default_factory=list)
    cross: Set[str] = field(default_factory=set)
    stopped: bool = False
    facts: List[Facts] = field(default_factory=list)  # one per form of the part


def base_vars(node: Node, form: Form) -> Dict[str, Any]:
    if node.type == "indicator":
        return {"name": display_name(node.get("name", "")), "level1": node.get("level1", ""),
                "level2": node.get("level2", ""), "target": as_text(node.get("target")),
                "actual": as_text(node.get("actual"))}
    if node.type == "payment":
        supplier = node.parent.get("supplier", "") if node.parent else ""
        return {"supplier": supplier, "installment": as_text(node.get("installment", node.index + 1))}
    if node.type == "contract":
        return {"supplier": node.get("supplier", "")}
    if node.type == "site_result":
        return {"item": node.get("item", "")}
    if node.type == "evidence":
        return {"metric": node.get("metric", "")}
    return {"project": form.title, "kind": KIND_NAMES.get(form.kind, form.kind),
            "sites": form.site_count}


class Engine:
    """Runs rules over forms. What applies to each form (packs, rules,
    severities, which findings stand) is the `Policy`'s to say; `packs`,
    `profile` and `config` are shorthands for a policy made of them."""

    def __init__(self, loader: Optional[PackLoader] = None, packs: Sequence[str] = (),
                 lang: str = "zh", profile: Optional[str] = None,
                 read_options: Optional[Mapping[str, Any]] = None,
                 config: Optional[Config] = None, report_unused_ignores: bool = False,
                 debug: bool = False, policy: Optional[Policy] = None):
        self.loader = loader or PackLoader()
        self.read_options = dict(read_options or {})
        self.policy = policy or Policy(config=config or DEFAULT_CONFIG, packs=list(packs), profile=profile,
                                       report_unused_ignores=report_unused_ignores)
        self.debug = debug
        self.lang = lang
        # rule selectors by value, and each one's key in a form's selections (check_form)
        self._selectors: Dict[Selector, Selector] = {}
        # (rule set, kind, template, node types) -> the rules to run, in order (_plan)
        self._plans: Dict[Tuple[Any, ...], Tuple[RuleSet, List[Tuple[Rule, Any, str, Selector, Optional[int]]]]] = {}
        self._cross: Dict[int, Tuple[RuleSet, Set[str]]] = {}  # rule set -> its cross-form codes
        # Loading the base rule set early surfaces a broken pack or an unknown
        # profile before any file is read.
        self.base = self.loader.ruleset(self.policy.packs_for(None))
        self.policy.validate(self.loader, self.base)
        self._input_rules = self.policy.rules(self.base)

    def packs_for(self, form: Optional[Form]) -> List[str]:
        return self.policy.packs_for(form)

    def has_cross_rules(self) -> bool:
        """Whether any pack this engine can use (named, or applying by
        itself and not taken away) holds a rule across forms: if none does,
        the run skips the cross-form pass."""
        names = [p for p in self.policy.packs if not p.startswith("!")] + self.policy.auto_pack_names()
        for name in names:
            try:
                if any(r.node in CROSS_NODE_TYPES for r in self.loader.load(name).rules):
                    return True
            except DataError:
                continue
        return False

    def configured_rules(self) -> List[Rule]:
        """The rules of the configured packs with the configured severities
        (what SARIF describes)."""
        return list(self._input_rules.rules)

    # -- files --------------------------------------------------------------
    def check_file(self, path: Path, display: Optional[str] = None) -> FileReport:
        return self.check_read(read_file(path, display or str(path), **self.read_options), path)

    def check_text(self, text: str, display: str = "<text>") -> FileReport:
        from linter.readers.toml import read_toml_bytes
        return self.check_read(read_toml_bytes(text.encode("utf-8"), display))

    def check_read(self, result: ReadResult, path: Optional[Path] = None) -> FileReport:
        return self.finish(result, [self.check_forms(result, range(len(result.forms)))], path)

    def check_forms(self, result: ReadResult, indexes: Sequence[int]) -> FormsPart:
        """The single-form pass over some of a file's forms (`indexes`, in
        order): their findings, packs and cross-form codes. `finish` joins
        the parts of one file; a large workbook's forms may be checked in
        parts by several processes (engine/run.py)."""
        part = FormsPart()
        for index in indexes:
            form = result.forms[index]
            part.facts.append(form_facts(form, result.file, index))
            # the packs and why, worked out once: the rule set and the report read both
            reasons = self.policy.pack_reasons(form, self.lang)
            try:
                ruleset = self.loader.ruleset([name for name, _ in reasons])
            except DataError as exc:
                part.stopped = True
                where = "profile" if form.profile and not self._profile_ok(form.profile) else "packs"
                pos = form.source_map.locate(where) or (None, None)
                finding = self._input_finding(
                    InputProblem("E002", "pack", {"detail": "; ".join(exc.problems)}, where, *pos),
                    result.file, form.data)
                assert finding is not None  # blocking: never filtered
                part.findings.append(finding)
                continue
            part.packs.append({"form": index, "project": form.title,
                               "packs": [{"name": n, "why": w} for n, w in reasons]})
            rules = self.policy.rules(ruleset)
            part.cross.update(self._cross_codes(rules))
            part.findings.extend(_which_form(self.check_form(form, rules), result, index))
        return part

    def finish(self, result: ReadResult, parts: Sequence[FormsPart], path: Optional[Path] = None) -> FileReport:
        """One file's report from the parts `check_forms` returned for all
        its forms, in form order: the reader's problems first, then the
        forms' findings, all filtered by the form's comments and the policy,
        sorted."""
        report = FileReport(file=result.file, stopped=result.stopped, forms=len(result.forms),
                            facts=[facts for part in parts for facts in part.facts])
        assert len(report.facts) == len(result.forms), "the parts cover every form once"
        cross: Set[str] = set()  # codes and slugs of cross-form rules (see _settle)
        for problem in result.problems:
            finding = self._input_finding(problem, result.file, result.document)
            if finding is not None:
                report.findings.append(finding)
        for part in parts:
            report.findings.extend(part.findings)
            report.packs.extend(part.packs)
            cross.update(part.cross)
            report.stopped = report.stopped or part.stopped
        report.findings = self._settle(report.findings, result, path, cross)
        report.findings.sort(key=Finding.sort_key)
        # a rule that crashed leaves the form incompletely checked
        report.stopped = report.stopped or any(f.blocking for f in report.findings)
        return report

    def check_across(self, result: ReadResult, known: Sequence[Facts],
                     path: Optional[Path] = None, peers: Optional[Sequence[Facts]] = None) -> List[Finding]:
        """The cross-form pass over one file already checked alone: each of
        its forms meets the other forms of the run (`known`: their facts,
        this file's among them; duplicates among `peers`, default the same)
        through its `history` and `peers` nodes,
        and only the rules of those node types run. The form's comments and
        the policy filter the findings as in `check_read`; comments are not
        reported again."""
        findings: List[Finding] = []
        for index, form in enumerate(result.forms):
            form.related = related_nodes(form_facts(form, result.file, index), known, peers)
            if not form.related:
                continue
            try:
                ruleset = self.loader.ruleset(self.packs_for(form))
            except DataError:
                continue  # the single-form pass reported it (E002)
            found = self.check_form(form, self.policy.rules(ruleset), node_types=CROSS_NODE_TYPES)
            findings.extend(_which_form(found, result, index))
        source_map = result.forms[0].source_map if result.forms else SourceMap()
        kept = self.policy.keep(findings, result.suppressions, source_map, path)
        kept.sort(key=Finding.sort_key)
        return kept

    def _cross_codes(self, rules: RuleSet) -> Set[str]:
        """Codes and slugs of the cross-form rules of a rule set (once per rule
        set: a table of many projects asks for every row)."""
        known = self._cross.get(id(rules))
        if known is None or known[0] is not rules:
            out: Set[str] = set()
            for rule in rules.rules:
                spec = REGISTRY.get(rule.check)
                if spec is not None and spec.node in CROSS_NODE_TYPES:
                    out.update((rule.code, rule.slug))
            known = self._cross[id(rules)] = (rules, out)
        return known[1]

    def _settle(self, findings: List[Finding], result: ReadResult, path: Optional[Path],
                cross: Collection[str] = ()) -> List[Finding]:
        """What the form's comments and the policy leave of the findings,
        plus the findings about the comments themselves (E005, E006). A
        comment that names only cross-form rules (`cross`) is not called
        unused here: those rules run after this pass, over the whole run."""
        source_map = result.forms[0].source_map if result.forms else SourceMap()
        kept = self.policy.keep(findings, result.suppressions, source_map, path)
        for s in result.suppressions:
            variant, variables = "default", {"codes": ", ".join(s.codes)}
            if not s.reason:
                code = "E005"
            elif s.unknown:  # a code that names no rule: always said, a typo must not pass unseen
                code, variant, variables = "E006", "unknown-code", suppress.unknown_vars(s)
            elif (self.policy.report_unused_ignores and not s.used
                  and not all(c.upper() in cross or c.lower() in cross for c in s.codes)):
                code = "E006"
            else:
                continue
            finding = self._input_finding(InputProblem(code, variant, variables, "",
                                                       s.line, s.column, blocking=False),
                                          result.file, result.document)
            if finding is not None:
                kept.append(finding)
        return kept

    def _profile_ok(self, profile: str) -> bool:
        try:
            self.loader.locate(profile_pack(profile))
            return True
        except DataError:
            return False

    # -- forms --------------------------------------------------------------
    def check_form(self, form: Form, ruleset: RuleSet,
                   node_types: Optional[Collection[str]] = None) -> List[Finding]:
        """The rules of `ruleset` over `form`: those whose check inspects one
        of `node_types`, by default every node type but the cross-form ones
        (`check_across` runs those)."""
        ctx = Context(form, ruleset)
        findings: List[Finding] = []
        # Many rules share a selector (all indicators, 数量指标 only…): select once.
        selected: Dict[int, List[Node]] = {}
        rows: Optional[List[Tuple[Node, RowFacts]]] = None  # each indicator row's facts, once per form
        for rule, func, node_type, select, key in self._plan(ruleset, form.kind, ctx.template, node_types):
            nodes: Sequence[Node]
            if key is None:
                nodes = form.nodes(node_type)  # a selector picks among indicator rows only
            else:
                found = selected.get(key)
                if found is None:
                    if rows is None:
                        fw = ruleset.framework
                        rows = [(n, RowFacts(n, fw)) for n in form.nodes("indicator")]
                    matches = select.matches_facts
                    found = selected[key] = [n for n, facts in rows if matches(facts)]
                nodes = found
            for node in nodes:
                try:
                    hits = list(func(node, rule.params, ctx))
                except Exception as exc:  # a bug in a check must name itself
                    if self.debug:
                        raise RuleCrash(rule, form.file, exc) from exc
                    # The other rules' findings stand; this form is reported
                    # as not completely checked (exit code 2).
                    findings.append(self._crash_finding(rule, form, node, exc))
                    break
                for hit in hits:
                    findings.append(self._finding(rule, form, node, hit))
        return findings

    def _plan(self, ruleset: RuleSet, kind: str, template: str,
              node_types: Optional[Collection[str]]) -> List[Tuple[Rule, Any, str, Selector, Optional[int]]]:
        """The rules of `ruleset` that run on a form of this kind and template,
        in order, each with its check function, node type, selector and the
        key its selection is shared under (None: not an indicator check).
        Worked out once per rule set, kind and template: a table of 2,000
        projects asks for the same plan 2,000 times."""
        plan_key = (id(ruleset), kind, template, tuple(node_types) if node_types is not None else None)
        cached = self._plans.get(plan_key)
        if cached is not None and cached[0] is ruleset:
            return cached[1]
        plan = []
        for rule in ruleset.rules:
            spec = REGISTRY.get(rule.check)
            if spec is None:
                continue
            if (spec.node not in node_types) if node_types is not None else (spec.node in CROSS_NODE_TYPES):
                continue
            select = rule.select
            if not select.applies_to_form_kind(kind, template):
                continue
            # Selectors that pick the same rows share one selection: the form
            # kinds and templates they name were settled just above.
            rows = select._replace(kind=(), template=())
            key = id(self._selectors.setdefault(rows, rows)) if spec.node == "indicator" else None
            plan.append((rule, spec.func, spec.node, select, key))
        self._plans[plan_key] = (ruleset, plan)
        return plan

    def _crash_finding(self, rule: Rule, form: Form, node: Node, exc: BaseException) -> Finding:
        detail = f"{type(exc).__name__}: {exc}"[:300]
        if self.lang == "en":
            message = (f"Internal error: rule {rule.code} ({rule.check}) failed on this form ({detail}); "
                       f"the other rules' findings are complete")
            fix = "Run again with --debug and report the traceback; this is a bug in jxlint, not in the form."
        else:
            message = (f"内部错误：规则 {rule.code}（{rule.check}）检查这份表单时出错（{detail}），"
                       f"其他规则的结果不受影响")
            fix = "请用 --debug 重试并把错误信息报告给 jxlint 维护者；这是 jxlint 的缺陷，不是表单的问题。"
        return Finding(code=INTERNAL_ERROR, slug="internal-error", severity="error", message=message,
                       fix=fix, path=node.path, location=self._locate(form, node.path),
                       indicator=_indicator_name(form.data, node.path), pack=rule.pack,
                       blocking=True)

    def _finding(self, rule: Rule, form: Form, node: Node, hit) -> Finding:
        variables = base_vars(node, form)
        variables.update(hit.vars)
        path = hit.path or node.path
        severity = rule.severity
        milder = str((rule.variants.get(hit.variant) or {}).get("severity") or "") if hit.variant else ""
        if milder in _RANK and _RANK[milder] < _RANK[severity]:
            severity = milder  # a tidy-up case of a rule (全角 ％) is milder than the rule
        return Finding(
            code=rule.code, slug=rule.slug, severity=severity,
            message=render(rule.text("message", self.lang, hit.variant), variables, self.lang),
            fix=render(rule.text("fix", self.lang, hit.variant), variables, self.lang),
            path=path, location=self._locate(form, path),
            indicator=_indicator_name(form.data, path), pack=rule.pack, basis=rule.basis,
            confidence=rule.confidence, edit=_edit(rule, form, path, hit.variant, variables))

    def _input_finding(self, problem: InputProblem, file: str, document: Any) -> Optional[Finding]:
        """A reader's problem as a finding, worded by its E rule as the policy
        adjusts it; None when the policy deselects a non-blocking one."""
        rule = self._input_rules.rule(problem.code)
        if rule is None and not problem.blocking:
            return None
        rule = rule or self.base.rule(problem.code)
        if rule is None:  # core lacks the E rules: fall back to the bare facts
            message = f"{problem.code} {problem.variant} {dict(problem.vars)}"
            fix, slug, severity, pack, basis = "", problem.code.lower(), "error", "", ""
        else:
            message = render(rule.text("message", self.lang, problem.variant), problem.vars, self.lang)
            fix = render(rule.text("fix", self.lang, problem.variant), problem.vars, self.lang)
            slug, severity, pack, basis = rule.slug, rule.severity, rule.pack, rule.basis
        if problem.severity and _RANK.get(problem.severity, 0) < _RANK.get(severity, 0):
            severity = problem.severity  # a reader may only lower it
        return Finding(code=problem.code, slug=slug, severity=severity, message=message, fix=fix,
                       path=problem.path,
                       location=Location(file, problem.line, problem.column,
                                         sheet=problem.sheet, cell=problem.cell),
                       indicator=_indicator_name(document, problem.path),
                       pack=pack, basis=basis, blocking=problem.blocking)

    @staticmethod
    def _locate(form: Form, path: str) -> Location:
        pos = form.source_map.locate(path)
        if pos is None:
            return Location(form.file)
        if form.source_map.kind == "cell":
            return Location(form.file, sheet=pos[0], cell=pos[1])
        return Location(form.file, line=pos[0], column=pos[1])


def _which_form(found: List[Finding], result: ReadResult, index: int) -> List[Finding]:
    """In a table of many projects, say which one each finding is about."""
    if len(result.forms) <= 1:
        return found
    form = result.forms[index]
    code = form.project.get("code")
    return [f._replace(form=index, project=form.title,
                    project_code=str(code) if code not in (None, "") else None) for f in found]


def _edit(rule: Rule, form: Form, path: str, variant: Optional[str], variables) -> Optional[Edit]:
    """The rule's declared fix for this finding, filled in; None when it
    declares none, or when it would change nothing (old already gone, the
    new text already there). In a workbook the edit needs the cell the field
    was read from: a field that was never printed has no cell to write."""
    spec = rule.autofix_for(variant)
    if not spec:
        return None
    new = render(spec.get("new", ""), variables, "zh")
    old = render(spec.get("old", ""), variables, "zh")
    if (spec["op"] == "replace" and (not old or old == new)) or (spec["op"] != "replace" and not new):
        return None
    sheet = cell = None
    if form.source_map.kind == "cell":
        pos = form.source_map.positions.get(path)
        if pos is None:
            return None
        sheet, cell = pos
    return Edit(path=path, op=spec["op"], new=new, old=old, safe=spec.get("safety", "safe") == "safe",
                sheet=sheet, cell=cell)


def _indicator_name(data: Any, path: str) -> Optional[str]:
    m = _INDICATOR_PATH_RE.match(path or "")
    if not m or not (type(data) is dict or isinstance(data, Mapping)):
        return None
    try:
        indicators: Any = data.get("indicators")
        item = indicators[int(m.group(1))]
        name = item.get("name")
        return name if isinstance(name, str) else None
    except (TypeError, IndexError, AttributeError):
        return None
