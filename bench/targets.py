"""The four speed targets of the structure-and-speed issue (items 10-13),
measured in one run and printed with their targets, MET / NOT MET and the
command that reproduces each figure:

    python bench/run.py --quick --only targets     # ~2 minutes on 2 cores
    python bench/run.py --only targets             # more repetitions

(a) cold start: `jxlint check one.toml --no-cache` ÷ `yamllint one.yaml`,
    whole processes, interleaved round by round. one.yaml is the same
    document as one.toml (the generator's form #0, 30 indicators): the TOML
    is parsed with tomllib and written out key for key by `to_yaml` (one
    `key: value` line per TOML `key = value` line, each array-of-tables entry
    a `- ` list item), so both tools read the same rows and values.
(b) in process: `Engine.check_file` per form ÷ `tomllib.loads` of the same
    file (bench/run.py's in-process section, reused when it ran).
(c) `jxlint check DIR --jobs 2 --no-cache` ÷ the same with `--jobs 1`, over
    1,000 generated forms (reused from the scale section when it ran).
(d) `jxlint check longgang.xlsx --no-cache` (the 2,000-row one-project-per-
    row table) ÷ a process that only reads the same cells with openpyxl in
    read-only mode (`READ_FLOOR`); python-calamine is measured too when it
    is installed (it is not a dependency of jxlint).

Medians over rounds; a ratio of samples taken in the same round is paired
round by round (see `Results.ratio`).
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

TARGETS = {"a": 1.0, "b": 3.0, "c": 0.6, "d": 2.0}

# The floor of item 13: open the workbook as jxlint does (read-only, cached
# values, no external links), visit every cell of every sheet and read its
# value, nothing else. `cells` (the default) reads the cell objects, as a
# reader that must see number formats (a 0.0% cell) does; `values` asks
# openpyxl for bare values (values_only=True), the lowest openpyxl can go.
READ_FLOOR = r'''
import sys
mode, path = sys.argv[1], sys.argv[2]
n = 0
if mode == "calamine":
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            n += sum(1 for v in row if v not in ("", None))
else:
    import openpyxl
    with open(path, "rb") as fh:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        for ws in wb.worksheets:
            ws.reset_dimensions()
            if mode == "values":
                for row in ws.iter_rows(values_only=True):
                    n += sum(1 for v in row if v is not None)
            else:
                for row in ws.iter_rows():
                    n += sum(1 for c in row if c.value is not None)
        wb.close()
print(n)
'''


def to_yaml(data: Any, indent: int = 0) -> List[str]:
    """A TOML document as YAML lines, key for key (strings as JSON strings,
    which YAML reads as double-quoted scalars)."""
    pad = " " * indent
    lines: List[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += to_yaml(value, indent + 2)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{key}:")
            for item in value:
                body = to_yaml(item, indent + 4)
                lines.append(f"{pad}  - {body[0].lstrip()}")
                lines += body[1:]
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def yamllint_cmd() -> Optional[List[str]]:
    script = Path(sys.executable).with_name("yamllint")
    if script.exists():
        return [str(script)]
    found = shutil.which("yamllint")
    return [found] if found else None


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


class Targets:
    """Runs what the four ratios need on a `run.Bench` and adds them to its
    results, each with the command that reproduces it."""

    def __init__(self, bench, run) -> None:
        self.b = bench
        self.run = run  # bench/run.py as it runs (its ENV and timers)
        self.r = bench.r
        self.commands: Dict[str, List[str]] = {}

    # (a) ---------------------------------------------------------------------
    def cold_vs_yamllint(self) -> None:
        timed_process, tomllib = self.run.timed_process, self.run.tomllib
        b, section = self.b, "target (a): cold start against yamllint"
        doc = tomllib.loads(b.one.read_text(encoding="utf-8"))
        yaml_file = b.one_dir / "one.yaml"
        yaml_file.write_text("---\n" + "\n".join(to_yaml(doc)) + "\n", encoding="utf-8")
        toml_rows = sum(1 for line in b.one.read_text(encoding="utf-8").splitlines()
                        if " = " in line and not line.startswith("#"))
        yaml_rows = sum(1 for line in yaml_file.read_text(encoding="utf-8").splitlines()
                        if ": " in line)
        yl = yamllint_cmd()
        jx = b.jx + ["check", "one.toml", "--no-cache"]
        self.commands["a"] = [f"cd <bench dir>/one && {' '.join(jx)}   # vs",
                              f"cd <bench dir>/one && yamllint one.yaml   "
                              f"(same document: {toml_rows} TOML key lines, {yaml_rows} YAML key lines)"]
        if yl is None:
            self.r.missing("ya_yamllint", "yamllint one.yaml", section, "not measured: yamllint not installed")
            self.r.ratio("ta", "(a) cold jxlint check ÷ yamllint", "ya_check", "ya_yamllint", section,
                         target=TARGETS["a"])
            return
        runs = 10 if b.quick else 20
        cmds = {"ya_check": jx, "ya_yamllint": yl + ["one.yaml"]}
        b.log(f"target (a): {runs} rounds of jxlint check one.toml / yamllint one.yaml")
        samples: Dict[str, List[float]] = {k: [] for k in cmds}
        for round_ in range(runs + 1):
            for key, cmd in cmds.items():
                wall = timed_process(cmd, b.one_dir)["wall"]
                if round_:  # round 0 warms the disk, bytecode and rule-set caches
                    samples[key].append(wall * 1000)
        self.r.figure("ya_check", "jxlint check one.toml --no-cache (30 indicators)", samples["ya_check"],
                      "ms", section)
        self.r.figure("ya_yamllint", f"yamllint one.yaml (the same {yaml_rows} rows)", samples["ya_yamllint"],
                      "ms", section)
        self.r.ratio("ta", "(a) cold jxlint check ÷ yamllint", "ya_check", "ya_yamllint", section,
                     target=TARGETS["a"])

    # (b) ---------------------------------------------------------------------
    def in_process(self) -> None:
        if "r_inproc_floor" not in self.r.figures:
            self.b.in_process()
        self.commands["b"] = ["python bench/run.py --only inproc   "
                              "(Engine(packs=['shenzhen-dangqun']).check_file per form vs tomllib.loads)"]

    # (c) ---------------------------------------------------------------------
    def jobs(self) -> None:
        from generate import generate
        timed_process = self.run.timed_process
        b = self.b
        self.commands["c"] = [f"jxlint check DIR --jobs 1 --no-cache  vs  --jobs 2 --no-cache   "
                              f"(DIR: python bench/generate.py DIR --forms 1000 --seed {b.seed})"]
        if "s1k_jobs1" in self.r.figures and "s1k_jobs2" in self.r.figures:
            return
        section = "target (c): --jobs 2 against --jobs 1, 1,000 forms"
        top = b.work / "jobs-1k"
        generate(top, 1000, 30, b.seed, b.args.defect_rate)
        reps = 3 if b.quick else 5
        b.log(f"target (c): {reps} rounds of --jobs 1 / --jobs 2 over 1,000 forms")
        walls: Dict[str, List[float]] = {"1": [], "2": []}
        for round_ in range(reps + 1):
            for jobs in ("1", "2"):
                wall = timed_process(b.jx + ["check", str(top), "--jobs", jobs, "--no-cache"], b.work)["wall"]
                if round_:
                    walls[jobs].append(wall)
        self.r.figure("s1k_jobs1", "--jobs 1, 1,000 forms", walls["1"], "s", section)
        self.r.figure("s1k_jobs2", "--jobs 2, 1,000 forms", walls["2"], "s", section)
        self.r.ratio("r1k_jobs", "(c) --jobs 2 ÷ --jobs 1", "s1k_jobs2", "s1k_jobs1", section,
                     target=TARGETS["c"])

    # (d) ---------------------------------------------------------------------
    def workbook(self) -> None:
        from generate import write_longgang_xlsx
        ENV, timed_process = self.run.ENV, self.run.timed_process
        b, section = self.b, "target (d): a 2,000-row workbook against reading its cells"
        wdir = b.work / "wb-floor"
        wdir.mkdir(exist_ok=True)
        rows = 2000
        write_longgang_xlsx(wdir / "longgang.xlsx", rows, b.seed, b.args.defect_rate)
        floor = [sys.executable, "-c", READ_FLOOR]
        cmds = {"wd_check": b.jx + ["check", "longgang.xlsx", "--no-cache"],
                "wd_cells": floor + ["cells", "longgang.xlsx"],
                "wd_values": floor + ["values", "longgang.xlsx"]}
        if _calamine_available():
            cmds["wd_calamine"] = floor + ["calamine", "longgang.xlsx"]
        self.commands["d"] = [f"cd <bench dir>/wb-floor && {' '.join(cmds['wd_check'])}   # vs",
                              "python -c \"$(python -c 'import sys; sys.path.insert(0, \"bench\"); import targets; "
                              "print(targets.READ_FLOOR)')\" cells longgang.xlsx   "
                              "(openpyxl read-only, every cell's value)"]
        reps = 3 if b.quick else 5
        b.log(f"target (d): {reps} rounds of {', '.join(cmds)} on {rows:,} rows")
        samples: Dict[str, List[float]] = {k: [] for k in cmds}
        for round_ in range(reps + 1):
            for key, cmd in cmds.items():
                wall = timed_process(cmd, wdir, env=ENV)["wall"]
                if round_:
                    samples[key].append(wall)
        r = self.r
        r.figure("wd_check", f"jxlint check longgang.xlsx ({rows:,} rows), cold", samples["wd_check"], "s",
                 section)
        r.figure("wd_cells", "openpyxl read-only: every cell's value (the floor)", samples["wd_cells"], "s",
                 section)
        r.figure("wd_values", "openpyxl read-only, values_only=True", samples["wd_values"], "s", section)
        r.figure("wd_row", "jxlint per row", [s / rows * 1000 for s in samples["wd_check"]], "ms/row", section)
        if "wd_calamine" in samples:
            r.figure("wd_calamine", "python-calamine: every value", samples["wd_calamine"], "s", section)
            r.ratio("td_calamine", "jxlint check ÷ calamine read", "wd_check", "wd_calamine", section)
        else:
            r.missing("wd_calamine", "python-calamine read", section,
                      "not measured: python-calamine not installed (not a jxlint dependency)")
        r.ratio("td_values", "jxlint check ÷ openpyxl values_only read", "wd_check", "wd_values", section)
        r.ratio("td", "(d) workbook check ÷ openpyxl read of the cells", "wd_check", "wd_cells", section,
                target=TARGETS["d"])

    # -- the summary ------------------------------------------------------------
    def summary(self) -> str:
        rows = [("a", "ta", "cold `jxlint check FORM` ÷ `yamllint` on the same rows"),
                ("b", "r_inproc_floor", "in-process check per form ÷ tomllib.loads"),
                ("c", "r1k_jobs", "`--jobs 2` ÷ `--jobs 1`, 1,000 forms"),
                ("d", "td", "2,000-row workbook check ÷ openpyxl read-only read of its cells")]
        out = ["", "== speed targets (issue items 10-13) =="]
        for letter, key, label in rows:
            row = self.r.figures.get(key)
            target = TARGETS[letter]
            if not row or "median" not in row:
                out.append(f"({letter}) {label:<68} {'not measured':>8}   ≤ {target:.2f}  NOT MET")
            else:
                status = "MET" if row["median"] <= target else "NOT MET"
                out.append(f"({letter}) {label:<68} {row['median']:>7.2f}×  "
                           f"({row['min']:.2f}–{row['max']:.2f}, n={row['n']})  ≤ {target:.2f}  {status}")
            for command in self.commands.get(letter, []):
                out.append(f"      $ {command}")
        return "\n".join(out)


def run_all(bench, run) -> Targets:
    t = Targets(bench, run)
    t.cold_vs_yamllint()
    t.in_process()
    t.jobs()
    t.workbook()
    return t
