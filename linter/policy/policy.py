"""What applies to a form: which packs, which rules with which severities and
params, and which findings are kept.

One place turns the project's configuration and the command line's options
into (a) the packs a form is checked with, (b) the rule set as the
configuration narrows and adjusts it, and (c) one filter over findings
(suppression comments, per-file ignores, recorded `[[ignores]]`). The engine
only runs the rules it is given and hands its findings to `keep`.

Order of precedence, lowest first: the packs' own severities and params, the
configuration file, the command line (`--select`/`--ignore` replace the
configuration's lists, as in Ruff). Blocking findings (E000-E002) are never
filtered: a file that could not be checked must not look clean.

Every place a rule can be named is checked against the rules that exist
(the shipped packs, the run's and the configuration's): a misspelt
`--select V00l` would otherwise select nothing and pass every form, so like
Ruff's "unknown rule selector" it stops the run (exit 2) with the nearest
code or slug. A suppression comment naming no rule is marked for a finding
(E006, variant `unknown-code`); it suppresses nothing.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from linter.base.problems import DataError
from linter.base.sourcemap import SourceMap, format_path
from linter.base.validate import describe, explain, is_valid, suggest
from linter.checks import REGISTRY
from linter.model.findings import Finding
from linter.model.form import Form
from linter.packs.loader import PackLoader, available_packs
from linter.packs.rules import Rule, RuleSet
from linter.policy import suppress
from linter.policy.applies import why_applies
from linter.policy.config import DEFAULT as DEFAULT_CONFIG, Config

# A scoring profile is a pack named scoring-<profile>; one always applies.
DEFAULT_PROFILE = "national"
PROFILE_PREFIX = "scoring-"


def profile_pack(profile: str) -> str:
    return PROFILE_PREFIX + profile


def available_profiles() -> List[str]:
    return [p[len(PROFILE_PREFIX):] for p in available_packs() if p.startswith(PROFILE_PREFIX)]


@dataclass
class Policy:
    """The configuration of one directory plus the command line's options."""

    config: Config = DEFAULT_CONFIG
    packs: Sequence[str] = ()             # --pack, before the configuration's packs
    profile: Optional[str] = None         # --profile, else the configuration's
    select: Sequence[str] = ()            # --select: replaces the configuration's
    ignore: Sequence[str] = ()            # --ignore: likewise
    report_unused_ignores: bool = False
    _derived: Dict[int, Tuple[RuleSet, RuleSet]] = field(default_factory=dict, repr=False)
    _file: Config = field(default=DEFAULT_CONFIG, repr=False)       # as written, before --select/--ignore
    _known: Optional["KnownRules"] = field(default=None, repr=False)  # set by validate
    _noted: Dict[int, RuleSet] = field(default_factory=dict, repr=False)
    _cli_packs: List[str] = field(default_factory=list, repr=False)
    # packs that declare when they apply ([applies]): (name, applies), set by validate
    _auto: List[Tuple[str, Mapping[str, Any]]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._file = self.config
        if self.select or self.ignore:
            self.config = replace(self.config, select=tuple(self.select) or self.config.select,
                                  ignore=tuple(self.ignore) or self.config.ignore)
        self._cli_packs = list(self.packs)
        self.packs = list(self.packs) + [p for p in self.config.packs if p not in self.packs]
        self.profile = self.profile or self.config.profile or DEFAULT_PROFILE

    # -- which packs --------------------------------------------------------
    def packs_for(self, form: Optional[Form]) -> List[str]:
        """The packs a form is checked with: the run's, its scoring profile's
        (the form's own `profile`, else the run's, else national), then the
        packs the form names."""
        return [name for name, _ in self.pack_reasons(form)]

    def pack_reasons(self, form: Optional[Form], lang: str = "zh") -> List[Tuple[str, str]]:
        """(pack, why) for every pack a form is checked with, core aside: the
        run's (--pack, the configuration's), its scoring profile, the packs the
        form names, then the packs whose `[applies]` match the form. A name
        written `!name` (in --pack, the configuration's or the form's packs)
        or listed in the configuration's `ignore-packs` takes a pack away."""
        zh = lang != "en"
        profile = (form.profile if form is not None else None) or self.profile
        assert profile is not None  # __post_init__ falls back to DEFAULT_PROFILE
        declared = list(form.declared_packs) if form is not None else []
        named = list(self.packs) + declared
        removed = {p[1:] for p in named if p.startswith("!")} | set(self.config.ignore_packs)
        out: List[Tuple[str, str]] = []
        for name in self.packs:
            if not name.startswith("!"):
                out.append((name, ("命令行 --pack" if zh else "--pack") if name in self._cli_packs
                            else ("配置 packs" if zh else "configuration packs")))
        source = ("表单 profile" if zh else "the form's profile") if form is not None and form.profile else \
            ("计分口径" if zh else "scoring profile")
        out.append((profile_pack(profile), f"{source} {profile}"))
        out += [(name, "表单 packs" if zh else "the form's packs") for name in declared if not name.startswith("!")]
        if form is not None:
            for name, applies in self._auto:
                if any(name == n for n, _ in out):
                    continue
                why = why_applies(applies, form, lang)
                if why:
                    out.append((name, why))
        seen = set()
        kept = []
        for name, why in out:
            if name in removed or name in seen:
                continue
            seen.add(name)
            kept.append((name, why))
        return kept

    def auto_pack_names(self) -> List[str]:
        """The packs that may apply by themselves, less those taken away by
        the configuration or the command line (a form's `!name` aside)."""
        removed = {p[1:] for p in self.packs if p.startswith("!")} | set(self.config.ignore_packs)
        return [name for name, _ in self._auto if name not in removed]

    def find_auto_packs(self, loader: PackLoader) -> None:
        """Remember the shipped and named packs that declare `[applies]`."""
        names = available_packs() + [p for p in self.packs if not p.startswith("!")]
        found = []
        for name in names:
            try:
                applies = loader.applies(name)
            except DataError:
                continue  # a broken pack is reported where it is named, not here
            if applies:
                found.append((Path(name).stem if name.endswith(".toml") else name, applies))
        self._auto = found

    # -- which rules --------------------------------------------------------
    def rules(self, ruleset: RuleSet) -> RuleSet:
        """The rule set as the configuration narrows and adjusts it (cached
        per rule set: packs resolve to the same object for the same names)."""
        cfg = self.config
        if self._known is not None and self._noted.get(id(ruleset)) is not ruleset:
            self._noted[id(ruleset)] = ruleset   # a form's own packs: their codes are known too
            self._known.add(ruleset.rules)
        if not cfg.has_rule_changes:
            return ruleset
        cached = self._derived.get(id(ruleset))
        if cached is None or cached[0] is not ruleset:
            cached = (ruleset, derive(ruleset, cfg.selects, cfg.severity, cfg.params,
                                      str(cfg.path or "config")))
            self._derived[id(ruleset)] = cached
        return cached[1]

    def validate(self, loader: PackLoader, base: RuleSet) -> None:
        """Fail early on a rule name that can never apply — a selector, an
        ignore, an override naming no rule of the shipped or named packs —
        or on params its check refuses."""
        self.find_auto_packs(loader)
        self._known = known = KnownRules(lambda: loader.ruleset(
            available_packs() + [p for p in self.packs if not p.startswith("!")]).rules)
        problems = self._unknown_names(known)
        if problems:
            raise DataError(problems)
        if self.config.severity or self.config.params:
            self.rules(base)

    def _unknown_names(self, known: KnownRules) -> List[str]:
        """One line per rule name that names nothing, where it was written."""
        cfg = self._file
        # (where, what, entry, exact): selectors may be prefixes; single
        # waivers and overrides name one rule.
        written = [(f"--{option}", "", entry, False)
                   for option, entries in (("select", self.select), ("ignore", self.ignore)) for entry in entries]
        for key in ("select", "extend-select", "ignore"):
            entries = getattr(cfg, key.replace("-", "_"))
            written += [(cfg.where(key, i), key, entry, False) for i, entry in enumerate(entries)]
        for pattern, entries in cfg.per_file_ignores:
            written += [(cfg.where("per-file-ignores", pattern), f"per-file-ignores.{format_path([pattern])}",
                         entry, False) for entry in entries]
        written += [(cfg.where("ignores", i, "code"), f"ignores[{i}].code", entry["code"], True)
                    for i, entry in enumerate(cfg.ignores)]
        written += [(cfg.where(table, code), f"{table}.{code}", code, True)
                    for table in ("severity", "params") for code in getattr(cfg, table)]
        problems = []
        for where, what, entry, exact in written:
            if known.names(entry, exact):
                continue
            hint = known.nearest(entry, exact)
            problems.append(f"{where}: {what + ': ' if what else ''}"
                            + (f"没有规则 “{entry}”" if exact else f"未知的规则选择器 “{entry}”")
                            + (f"（是否应为 {hint}？ did you mean {hint}?）" if hint else
                               "；用 jxlint rules 查看全部规则")
                            + f" (unknown rule {'code' if exact else 'selector'})")
        return problems

    # -- which findings -----------------------------------------------------
    def keep(self, findings: Iterable[Finding], suppressions: Sequence[suppress.Suppression],
             source_map: SourceMap, path: Optional[Path]) -> List[Finding]:
        """The findings that stand after the form's suppression comments,
        the configuration's per-file ignores and its recorded ignores."""
        if suppressions and self._known is not None:
            suppress.mark_unknown(suppressions, self._known)
        kept = suppress.apply(findings, list(suppressions), source_map) if suppressions else list(findings)
        cfg = self.config
        if path is None or not (cfg.per_file_ignores or cfg.ignores):
            return kept
        return [f for f in kept
                if f.blocking or not (cfg.ignored_for(path, f.code, f.slug) or recorded_ignore(cfg, path, f))]

    def selects(self, rule: Optional[Rule], blocking: bool) -> bool:
        """Whether a reader's finding is reported: blocking ones always; the
        others (E003, E005, E006) only when their rule is selected."""
        return blocking or rule is not None


class KnownRules:
    """The codes and slugs a name may refer to: every rule of the shipped
    packs and of the packs the run and the configuration name (loaded on
    first use), plus those of each rule set a form was checked with."""

    def __init__(self, rules):
        self._load = rules
        self.codes: set = set()
        self.slugs: set = set()
        self._loaded = False

    def add(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            self.codes.add(rule.code)
            self.slugs.add(rule.slug)

    def _ensure(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.add(self._load())

    def names(self, entry: str, exact: bool = False) -> bool:
        """Whether `entry` names a rule: a code or a slug; unless `exact`,
        also ALL or a prefix of a code (V, V00), as selectors match."""
        self._ensure()
        e = entry.strip()
        if e.upper() in self.codes or e.lower() in self.slugs:
            return True
        return not exact and bool(e) and (e.upper() == "ALL" or any(c.startswith(e.upper()) for c in self.codes))

    def nearest(self, entry: str, exact: bool = False) -> Optional[str]:
        """The code or slug `entry` most likely meant: letters read as
        digits first (V00l, VOO1), else the closest by difflib."""
        e = entry.strip()
        if len(e) > 1 and e[0].isalpha():
            digits = e[0].upper() + e[1:].upper().translate(_LOOKALIKE)
            if self.names(digits, exact):
                return digits
        self._ensure()
        return (suggest(e.upper(), sorted(self.codes)) or suggest(e.lower(), sorted(self.slugs))
                or (None if exact else suggest(e.upper(), sorted({c[:n] for c in self.codes for n in (1, 2, 3)}))))


_LOOKALIKE = str.maketrans({"O": "0", "L": "1", "I": "1"})


def derive(ruleset: RuleSet, selects=None, severity: Optional[Mapping[str, str]] = None,
           params: Optional[Mapping[str, Mapping[str, Any]]] = None, where: str = "config") -> RuleSet:
    """A rule set narrowed and adjusted by a configuration: only the rules
    `selects(code, slug)` keeps, with `severity` and `params` overrides
    (params checked against the check's schema, like a pack's [[overrides]]).
    Unknown codes in the overrides are left to `Policy.validate`: a config
    may name rules of packs that only some forms use."""
    problems: List[str] = []
    rules: List[Rule] = []
    for rule in ruleset.rules:
        if selects is not None and not selects(rule.code, rule.slug):
            continue
        changes: Dict[str, Any] = {}
        if severity and rule.code in severity:
            changes["severity"] = severity[rule.code]
        if params and rule.code in params:
            merged = dict(rule.params)
            merged.update(params[rule.code])
            spec = REGISTRY.get(rule.check)
            if spec is None or not is_valid(merged, spec.params):
                for p in explain(merged, spec.params if spec else {}):
                    problems.append(f"{where}: params.{rule.code}.{format_path(p.path)}: {describe(p)}；"
                                    f"可用：{', '.join(sorted(spec.params)) if spec else '无'}")
                continue
            changes["params"] = merged
        rules.append(rule._replace(**changes) if changes else rule)
    if problems:
        raise DataError(problems)
    return RuleSet(packs=ruleset.packs, rules=rules, lists=ruleset.lists, tables=ruleset.tables,
                   framework=ruleset.framework)


def recorded_ignore(cfg: Config, path: Path, finding: Finding) -> bool:
    """An `[[ignores]]` entry of the config: file glob + code (+ indicator or
    path) — how single findings in workbooks are waived."""
    rel = cfg.relative(path)
    if rel is None:
        return False
    for entry in cfg.ignores:
        if not fnmatch.fnmatchcase(rel, entry["file"]):
            continue
        code = entry["code"]
        if code.upper() != finding.code and code.lower() != finding.slug:
            continue
        if entry.get("indicator") and entry["indicator"] != finding.indicator:
            continue
        if entry.get("path") and entry["path"] != finding.path:
            continue
        return True
    return False
