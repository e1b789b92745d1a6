"""Score jxlint against the real-form corpus (bench/corpus/forms/).

Each form has a labels file written by a careful reviewer before jxlint
was run on it (FORMAT.md). A finding matches a labelled defect when it is
of the same rule family (the code's letter) and about the same thing: the
same indicator (by its printed name), or the same part of the form
(budget, goal, project, evaluation; weights and form-wide findings count as
`form`). Matching is one-to-one, exact codes first. What is left over is
unexpected: a warning or error with no label behind it is a false alarm
until a reviewer says otherwise (info findings are not counted).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMS = Path(__file__).resolve().parent / "forms"
RATCHET = Path(__file__).resolve().parent / "ratchet.toml"
AREAS = ("budget", "goal", "project", "evaluation", "form")
# On a transcription cut short (labels: partial = true) whether a category,
# a weight or a figure is missing cannot be judged: the missing part may be
# the cut. These findings still match a label that names them, but are not
# counted as unexpected there.
# Missing actuals (V008) and missing explanations (S008) likewise: the cell
# may have been in the cut part of the page.
COMPLETENESS = frozenset({"C001", "C002", "C004", "S001", "S009", "S010", "B004", "V008", "S008", "B006"})
_INDEX = re.compile(r"^indicators\[\d+\]")


@dataclass
class Entry:
    code: str
    target: str
    why: str = ""

    @property
    def family(self) -> str:
        return self.code[:1]


@dataclass
class FormScore:
    id: str
    province: str
    care: str
    partial: bool
    stopped: bool = False
    defects: List[Entry] = field(default_factory=list)
    matched: List[Tuple[Entry, str]] = field(default_factory=list)   # (defect, finding code)
    missed: List[Entry] = field(default_factory=list)
    unexpected: List[Tuple[str, str, str]] = field(default_factory=list)  # (code, target, message)
    fine_hits: List[Tuple[str, str]] = field(default_factory=list)


def target_of(finding) -> str:
    """What a finding is about, in the labels' terms."""
    if finding.indicator:
        return finding.indicator
    path = finding.path or ""
    if _INDEX.match(path):
        return path  # an indicator without a name: only a path can say which
    head = path.split(".", 1)[0].split("[", 1)[0]
    if path.startswith(("project.goal", "project.goal_result")):
        return "goal"
    if head in ("budget", "project", "evaluation"):
        return head
    return "form"


def normal_target(label: str) -> str:
    return "form" if label in ("weights", "indicators", "") else label


def load_labels(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def corpus_files(directory: Path = FORMS) -> List[Tuple[str, Path, Path]]:
    out = []
    for labels in sorted(directory.glob("*.labels.toml")):
        form_id = labels.name[: -len(".labels.toml")]
        out.append((form_id, directory / f"{form_id}.toml", labels))
    return out


def score_form(form_id: str, form_path: Path, labels: dict, engine, first_pass: bool = False) -> FormScore:
    source = labels.get("source", {})
    result = FormScore(id=form_id, province=source.get("province", ""), care=source.get("care", ""),
                       partial=bool(source.get("partial")))
    report = engine.check_file(form_path, form_path.name)
    result.stopped = any(f.blocking for f in report.findings)
    result.defects = [Entry(d["code"], normal_target(d["indicator"]), d.get("why", ""))
                      for d in labels.get("defect", []) if not (first_pass and d.get("review") == "second")]
    fines = [Entry(d["code"], normal_target(d["indicator"])) for d in labels.get("fine", [])]
    found = [(f, target_of(f)) for f in report.findings]
    used = [False] * len(found)
    open_defects = list(result.defects)
    for exact in (True, False):
        for defect in list(open_defects):
            for i, (f, target) in enumerate(found):
                # a defect of the whole form ("no row names what it measures")
                # is matched by a finding of its code on any part of it
                anywhere = defect.target == "form" and f.code == defect.code
                if used[i] or (target != defect.target and not anywhere):
                    continue
                if (f.code == defect.code) if exact else (f.code[:1] == defect.family):
                    used[i] = True
                    result.matched.append((defect, f.code))
                    open_defects.remove(defect)
                    break
    result.missed = open_defects
    # A defect labelled on the whole form ("every row prints 100 with no
    # unit") accounts for every finding of its code, wherever it points.
    form_wide = {d.code for d, _ in result.matched if d.target == "form"}
    for i, (f, target) in enumerate(found):
        if used[i] or f.severity == "info" or f.code in form_wide:
            continue
        if result.partial and f.code in COMPLETENESS:
            continue  # the missing part may be the cut: neither right nor wrong
        result.unexpected.append((f.code, target, f.message))
        if any(fine.family == f.code[:1] and fine.target == target for fine in fines):
            result.fine_hits.append((f.code, target))
    return result


def score_corpus(engine=None, directory: Path = FORMS, first_pass: bool = False) -> List[FormScore]:
    if engine is None:
        from linter.engine.core import Engine
        engine = Engine()
    return [score_form(fid, form, load_labels(labels), engine, first_pass)
            for fid, form, labels in corpus_files(directory)]


@dataclass
class Totals:
    forms: int
    provinces: int
    defects: int
    matched: int
    unexpected: int
    stopped: int

    @property
    def recall(self) -> float:
        return self.matched / self.defects if self.defects else 1.0

    @property
    def unexpected_per_form(self) -> float:
        return self.unexpected / self.forms if self.forms else 0.0

    def line(self) -> str:
        return (f"corpus: {self.forms} forms from {self.provinces} provinces; "
                f"recall {self.matched}/{self.defects} = {self.recall:.1%}; "
                f"unexpected warnings/errors {self.unexpected} ({self.unexpected_per_form:.2f} per form); "
                f"stopped by an input error: {self.stopped} forms")


def totals(scores: Iterable[FormScore]) -> Totals:
    scores = list(scores)
    return Totals(forms=len(scores), provinces=len({s.province for s in scores}),
                  defects=sum(len(s.defects) for s in scores),
                  matched=sum(len(s.matched) for s in scores),
                  unexpected=sum(len(s.unexpected) for s in scores),
                  stopped=sum(s.stopped for s in scores))


def by_family(scores: Iterable[FormScore]) -> Dict[str, List[int]]:
    """family -> [labelled, matched, unexpected]"""
    table: Dict[str, List[int]] = {}
    for s in scores:
        for d in s.defects:
            table.setdefault(d.family, [0, 0, 0])[0] += 1
        for d, _ in s.matched:
            table[d.family][1] += 1
        for code, _, _ in s.unexpected:
            table.setdefault(code[:1], [0, 0, 0])[2] += 1
    return dict(sorted(table.items()))


def family_table(scores: List[FormScore]) -> str:
    rows = ["| family | labelled | found | recall | unexpected |", "|---|---|---|---|---|"]
    for fam, (labelled, matched, unexpected) in by_family(scores).items():
        recall = f"{matched / labelled:.0%}" if labelled else "-"
        rows.append(f"| {fam} | {labelled} | {matched} | {recall} | {unexpected} |")
    return "\n".join(rows)


def read_ratchet(path: Path = RATCHET) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_ratchet(t: Totals, path: Path = RATCHET) -> None:
    path.write_text(
        "# The corpus scorer's recorded figures (python -m bench.corpus --update-ratchet).\n"
        "# tests/test_corpus_real.py fails when recall drops below `matched`, when\n"
        "# `unexpected` or `stopped` rise, and also when they improve without this\n"
        "# file being updated: a change that moves the figures records them on purpose.\n"
        f"forms = {t.forms}\ndefects = {t.defects}\nmatched = {t.matched}\n"
        f"unexpected = {t.unexpected}\nstopped = {t.stopped}\n", encoding="utf-8")


def markdown(scores: List[FormScore]) -> str:
    """docs/corpus.md: what the corpus holds and how jxlint scores on it."""
    labels = {fid: load_labels(lp) for fid, _, lp in corpus_files()}
    t = totals(scores)
    by_province: Dict[str, int] = {}
    by_sector: Dict[str, int] = {}
    by_form: Dict[str, int] = {}
    for fid in labels:
        src = labels[fid]["source"]
        by_province[src.get("province", "")] = by_province.get(src.get("province", ""), 0) + 1
        by_sector[src.get("sector", "")] = by_sector.get(src.get("sector", ""), 0) + 1
        by_form[src.get("form", "")] = by_form.get(src.get("form", ""), 0) + 1
    careful = sum(1 for l in labels.values() if l["source"].get("care") == "careful")
    partial = sum(1 for l in labels.values() if l["source"].get("partial"))

    def counts(d):
        return "、".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

    lines = [
        "# 真实表单语料 / The real-form corpus",
        "",
        "> 本文件由 `python -m bench.corpus --markdown` 生成，请勿手改。",
        "> Generated by `python -m bench.corpus --markdown`; do not edit.",
        "",
        "Published performance forms from public pages, transcribed as printed into the",
        "form format (`bench/corpus/forms/<id>.toml`, provenance in the file's first",
        "lines) with a reviewer's labels (`<id>.labels.toml`: the defects a careful",
        "reviewer raises and the near-misses that are fine), written before jxlint",
        "was run on the form. Pages reserved for independent evaluation were skipped.",
        "How forms and labels are written: `bench/corpus/FORMAT.md`.",
        "",
        f"- **Forms:** {t.forms} ({careful} carefully made, {partial} cut short on the page and marked partial)",
        f"- **Provinces ({len(by_province)}):** {counts(by_province)}",
        f"- **Kinds of spending:** {counts(by_sector)}",
        f"- **Forms:** {counts(by_form)}",
        "",
        "## Score",
        "",
        "A finding matches a labelled defect of the same family (the code's letter)",
        "about the same indicator or part of the form, one to one. Unexpected: a",
        "warning or error no label accounts for. On a transcription cut short,",
        "completeness findings (C001, C002, C004, S001, S009, S010, B004, V008, S008, B006) are",
        "not counted as unexpected. A defect labelled on the whole form accounts for every",
        "finding of its code.",
        "",
        family_table(scores),
        "",
        t.line(),
        "",
        "Against the first-pass labels only (before the second review, `--first-pass`):",
        "",
        totals(score_corpus(first_pass=True)).line(),
        "",
        "The test suite holds these figures as a floor (`tests/test_corpus_real.py`,",
        "`bench/corpus/ratchet.toml`).",
        "",
    ]
    return "\n".join(lines)
