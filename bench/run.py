#!/usr/bin/env python3
"""The jxlint benchmark (issue #7): every figure measured side by side in one
run, reported with its median and spread over repetitions and as a ratio to
what it is compared with, against the issue's targets.

    python bench/run.py --quick        # < 2 minutes: 1,000-form scale only
    python bench/run.py                # the full run (about 10 minutes)
    python bench/run.py --profile      # cProfile of the in-process checks
    python bench/run.py --quick --only targets   # the four speed targets (bench/targets.py)

Prints one table and writes bench/results.json. Generated forms go to a
temporary directory (removed afterwards unless --keep). The frictionless peer
runs from a separate virtual environment (--frictionless-venv, default
/tmp/bench-venv; see docs/performance.md); without it those figures read
"not measured". frictionless is never a dependency of jxlint.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate as gen  # noqa: E402
import targets as speed  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FULL_CATALOGUE = ["shenzhen-dangqun"]  # core + scoring-national + the Shenzhen pack
MB = 1024 * 1024


# --- statistics ---------------------------------------------------------------

def summary(samples: Sequence[float]) -> Dict[str, Any]:
    xs = sorted(samples)
    n = len(xs)
    if n == 0:
        return {"n": 0}
    q = statistics.quantiles(xs, n=4, method="inclusive") if n > 1 else [xs[0]] * 3
    return {"n": n, "median": statistics.median(xs), "min": xs[0], "max": xs[-1],
            "q1": q[0], "q3": q[2], "samples": list(samples)}


class Results:
    """Figures (a measured quantity), ratios (figure ÷ figure) and targets."""

    def __init__(self) -> None:
        self.figures: Dict[str, Dict[str, Any]] = {}
        self.rows: List[Dict[str, Any]] = []
        self.notes: List[str] = []

    def figure(self, key: str, label: str, samples: Sequence[float], unit: str,
               section: str, note: str = "") -> Dict[str, Any]:
        fig = {"key": key, "label": label, "unit": unit, "section": section, "note": note,
               **summary(samples)}
        self.figures[key] = fig
        self.rows.append({"type": "figure", **fig})
        return fig

    def missing(self, key: str, label: str, section: str, reason: str) -> None:
        fig = {"key": key, "label": label, "section": section, "n": 0, "note": reason}
        self.figures[key] = fig
        self.rows.append({"type": "missing", **fig})

    def ratio(self, key: str, label: str, num: str, den: str, section: str,
              target: Optional[float] = None, note: str = "") -> Optional[Dict[str, Any]]:
        """num ÷ den. Samples taken in the same rounds are paired round by
        round; otherwise the ratio of medians, its spread from the extremes."""
        a, b = self.figures.get(num), self.figures.get(den)
        if not a or not b or not a.get("n") or not b.get("n"):
            self.rows.append({"type": "missing", "key": key, "label": label, "section": section,
                              "note": f"not measured ({num if not (a and a.get('n')) else den} missing)",
                              "target": target})
            return None
        if a["n"] == b["n"]:
            ratios = [x / y for x, y in zip(a["samples"], b["samples"]) if y]
            stats = summary(ratios)
            paired = True
        else:
            stats = {"n": min(a["n"], b["n"]), "median": a["median"] / b["median"],
                     "min": a["min"] / b["max"], "max": a["max"] / b["min"]}
            paired = False
        row = {"type": "ratio", "key": key, "label": label, "section": section, "num": num,
               "den": den, "paired": paired, "target": target, "note": note, **stats}
        if target is not None:
            row["met"] = stats["median"] <= target
        self.rows.append(row)
        self.figures[key] = row
        return row

    def target(self, key: str, label: str, figure: str, limit: float, unit: str, section: str,
               note: str = "") -> None:
        fig = self.figures.get(figure)
        row = {"type": "target", "key": key, "label": label, "section": section, "figure": figure,
               "target": limit, "unit": unit, "note": note}
        if fig and fig.get("n"):
            row.update(median=fig["median"], min=fig["min"], max=fig["max"], n=fig["n"],
                       met=fig["median"] <= limit)
        self.rows.append(row)


# --- processes ------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants (Linux /proc), bytes."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


# Subprocesses run as an installed jxlint would: with compiled bytecode cached
# (pip writes it at install time). PYTHONDONTWRITEBYTECODE, if set here, is
# dropped, and bytecode goes to the bench's temporary directory, never the
# repository. The warm-up round of each measurement writes it.
ENV: Dict[str, str] = dict(os.environ)


def timed_process(cmd: Sequence[str], cwd: Path, sample_tree: bool = False,
                  ok_codes=(0, 1), env: Optional[Dict[str, str]] = None) -> Dict[str, float]:
    """Wall time of a whole process, its own peak RSS (the largest single
    process of its tree, from wait4) and, if asked, the sampled peak of the
    whole tree's RSS (parent and workers together)."""
    err_file = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=err_file,
                            env=env or ENV)
    peak = [0]
    stop = threading.Event()
    if sample_tree and Path("/proc").is_dir():
        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                stop.wait(0.02)
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err_file.seek(0)
    err = err_file.read().decode("utf-8", "replace")
    err_file.close()
    if proc.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}: {err[-500:]}")
    return {"wall": wall, "maxrss": usage.ru_maxrss * 1024, "tree_peak": peak[0]}


def jxlint_cmd() -> List[str]:
    script = Path(sys.executable).with_name("jxlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("jxlint")
    if not found:
        raise SystemExit("jxlint is not installed in this environment (pip install -e .)")
    return [found]


# --- in-process helpers -----------------------------------------------------------

def clear_memos() -> None:
    """Forget what jxlint memoised (parsed values, cleaned names), so each
    repetition pays what a run over new forms pays."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("linter") or module is None:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if (callable(clear) and not isinstance(value, type)
                    and str(getattr(value, "__module__", "")).startswith("linter")):
                clear()


def per_item(fn: Callable[[], None], items: int) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) / items


FRICTIONLESS_SCRIPT = r'''
import json, sys, time
t = time.perf_counter()
from frictionless import Resource, Schema
import_s = time.perf_counter() - t
base, schema_file, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sys.argv[4:]
schema = Schema.from_descriptor(json.load(open(schema_file, encoding="utf-8")))
def one(name):
    report = Resource(path=name, basepath=base, schema=schema).validate()
    if report.stats["errors"] and not report.valid and any(
            e.type in ("resource-error", "scheme-error", "format-error", "encoding-error")
            for t in report.tasks for e in t.errors):
        raise SystemExit(f"frictionless could not read {name}: {report.flatten(['type', 'note'])[:3]}")
    return report.valid
one(names[0])
totals, invalid = [], 0
for _ in range(reps):
    t = time.perf_counter()
    for name in names:
        invalid += not one(name)
    totals.append((time.perf_counter() - t) / len(names))
print(json.dumps({"per_form": totals, "import_s": import_s, "invalid": invalid}))
'''


# --- the bench --------------------------------------------------------------------

class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.quick = args.quick
        self.work = work
        self.r = Results()
        self.jx = jxlint_cmd()
        venv = Path(args.frictionless_venv)
        self.fl_python = venv / "bin" / "python"
        self.fl_cli = venv / "bin" / "frictionless"
        self.has_fl = self.fl_python.exists() and self.fl_cli.exists()
        self.seed = args.seed
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        # jxlint's per-user cache (result-cache key, compiled rule sets) in
        # the bench's directory, never the user's
        ENV["XDG_CACHE_HOME"] = str(work / "xdg-cache")
        # the same start, compiling jxlint and the standard library every time
        self.env_nobytecode = dict(ENV, PYTHONDONTWRITEBYTECODE="1",
                                   PYTHONPYCACHEPREFIX=str(work / "no-pycache"))

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    # -- data ------------------------------------------------------------------
    def prepare(self) -> None:
        a = self.args
        self.one_dir = self.work / "one"
        self.one_dir.mkdir()
        self.one = self.one_dir / "one.toml"
        self.one.write_text(gen.form_text(0, 30, self.seed, a.defect_rate, kind="self-evaluation"),
                            encoding="utf-8")
        (self.one_dir / "one.csv").write_text(
            gen.form_csv(0, 30, self.seed, a.defect_rate, kind="self-evaluation"), encoding="utf-8")
        (self.one_dir / "indicators.schema.json").write_text(
            json.dumps(gen.table_schema(), ensure_ascii=False), encoding="utf-8")
        self.sample_dir = self.work / "sample"
        self.sample = gen.generate(self.sample_dir, a.sample, 30, self.seed, a.defect_rate, csv_too=True)

    # -- figures -----------------------------------------------------------------
    def cold_start(self) -> None:
        section = "cold start (whole process)"
        runs = 10 if self.quick else 20
        cmds = {"py_pass": [sys.executable, "-c", "pass"],
                "jx_version": self.jx + ["--version"],
                "jx_check_one": self.jx + ["check", str(self.one), "--no-cache"]}
        if self.has_fl:
            cmds["fl_validate_one"] = [str(self.fl_cli), "validate", "one.csv", "--schema",
                                       "indicators.schema.json"]
        self.log(f"cold start: {runs} rounds of {', '.join(cmds)}")
        samples: Dict[str, List[float]] = {k: [] for k in list(cmds) + ["jx_check_nobc"]}
        for round_ in range(runs + 1):
            for key, cmd in cmds.items():
                wall = timed_process(cmd, self.one_dir)["wall"]
                if round_:  # the first round only warms the disk and bytecode caches
                    samples[key].append(wall * 1000)
            if round_ and round_ <= 5:
                samples["jx_check_nobc"].append(
                    timed_process(cmds["jx_check_one"], self.one_dir, env=self.env_nobytecode)["wall"] * 1000)
        r = self.r
        r.figure("py_pass", "python -c pass", samples["py_pass"], "ms", section)
        r.figure("jx_version", "jxlint --version", samples["jx_version"], "ms", section)
        r.figure("jx_check_one", "jxlint check one.toml (30 indicators)", samples["jx_check_one"], "ms",
                 section)
        r.figure("jx_check_nobc", "jxlint check one.toml, no bytecode cache", samples["jx_check_nobc"],
                 "ms", section, note="PYTHONDONTWRITEBYTECODE=1: every module compiled")
        if self.has_fl:
            r.figure("fl_validate_one", "frictionless validate one.csv (same 30 rows)",
                     samples["fl_validate_one"], "ms", section)
        else:
            r.missing("fl_validate_one", "frictionless validate one.csv", section,
                      "not measured: frictionless not installed")
        r.ratio("r_version_py", "jxlint --version ÷ python -c pass", "jx_version", "py_pass", section)
        r.ratio("r_check_py", "jxlint check one ÷ python -c pass", "jx_check_one", "py_pass", section)
        r.target("t_check_one", "jxlint check one.toml ≤ 150 ms", "jx_check_one", 150, "ms", section)
        r.ratio("r_check_fl", "jxlint check one ÷ frictionless validate", "jx_check_one",
                "fl_validate_one", section, target=1 / 3)

    def imports(self) -> None:
        section = "imports (TOML-only run)"
        subprocess.run([sys.executable, "-c", "import linter.cli.main"], cwd=str(self.one_dir), env=ENV)
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import linter.cli.main"],
                             capture_output=True, text=True, cwd=str(self.one_dir), env=ENV)
        cli_us = None
        for line in out.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S.*)$", line)
            if m and m.group(3).strip() == "linter.cli.main":
                cli_us = int(m.group(2))
        probe = ("import sys\nfrom linter.cli.main import main\nsys.argv = ['jxlint', 'check', %r, '--no-cache']\n"
                 "try:\n    main()\nexcept SystemExit:\n    pass\n"
                 "heavy = [m for m in ('cerberus', 'openpyxl', 'defusedxml', 'charset_normalizer', "
                 "'frictionless') if m in sys.modules]\n"
                 "sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')\n" % str(self.one))
        out2 = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              cwd=str(self.one_dir), env=ENV)
        heavy = next((l[6:] for l in out2.stderr.splitlines() if l.startswith("HEAVY=")), "?")
        if cli_us is not None:
            self.r.figure("import_cli", "import linter.cli.main (-X importtime, cumulative)",
                          [cli_us / 1000], "ms", section)
        self.r.notes.append(f"modules loaded by `jxlint check one.toml`: "
                            f"{heavy or 'none of cerberus, openpyxl, defusedxml, charset_normalizer'}")
        self.heavy = heavy

    def in_process(self) -> None:
        section = "in-process, per form (30 indicators)"
        from linter.engine.core import Engine
        from linter.readers import read_file
        reps = 5 if self.quick else 9
        paths = self.sample
        engine = Engine(packs=FULL_CATALOGUE)
        rules = len(engine.loader.ruleset(engine.packs_for(None) + FULL_CATALOGUE).rules)
        for p in paths[:20]:  # warm imports and the pack load
            engine.check_file(p)
        self.log(f"in-process: {len(paths)} forms x {reps} repetitions ({rules} rules)")
        floor, read, check = [], [], []
        n = len(paths)

        def parse_all():
            for p in paths:
                tomllib.loads(p.read_bytes().decode("utf-8"))

        def read_all():
            for p in paths:
                read_file(p, str(p))

        def check_all():
            for p in paths:
                engine.check_file(p, str(p))

        for _ in range(reps):
            floor.append(per_item(parse_all, n) * 1e6)
            clear_memos()
            read.append(per_item(read_all, n) * 1e6)
            clear_memos()
            check.append(per_item(check_all, n) * 1e6)
        r = self.r
        r.figure("floor", "tomllib.loads (read + parse), the floor", floor, "µs/form", section)
        r.figure("jx_read", "jxlint read_file (parse + schema check)", read, "µs/form", section)
        r.figure("jx_inproc", f"jxlint check, full catalogue ({rules} rules)", check, "µs/form", section,
                 note="every pack on every form")
        if self.has_fl:
            names = [p.with_suffix(".csv").name for p in paths]
            out = subprocess.run([str(self.fl_python), "-c", FRICTIONLESS_SCRIPT, str(self.sample_dir),
                                  str(self.sample_dir / "indicators.schema.json"), str(reps)] + names,
                                 capture_output=True, text=True, env=ENV)
            if out.returncode != 0:
                r.missing("fl_inproc", "frictionless Resource.validate (same rows as CSV)", section,
                          f"not measured: frictionless failed: {out.stderr.strip()[-200:]}")
            else:
                data = json.loads(out.stdout)
                r.figure("fl_inproc", "frictionless Resource.validate (same rows as CSV)",
                         [x * 1e6 for x in data["per_form"]], "µs/form", section,
                         note=f"{data['invalid']} invalid of {len(names) * reps}")
        else:
            r.missing("fl_inproc", "frictionless Resource.validate", section,
                      "not measured: frictionless not installed")
        r.ratio("r_read_floor", "read_file ÷ tomllib", "jx_read", "floor", section)
        r.ratio("r_inproc_floor", "jxlint check ÷ tomllib", "jx_inproc", "floor", section, target=3)
        r.ratio("r_inproc_fl", "jxlint check ÷ frictionless validate", "jx_inproc", "fl_inproc",
                section, target=1)

    def growth(self) -> None:
        section = "growth (one form, in-process)"
        from linter.engine.core import Engine
        engine = Engine(packs=FULL_CATALOGUE)
        reps = 5 if self.quick else 9
        sizes = (30, 300, 3000)
        gdir = self.work / "growth"
        gdir.mkdir()
        paths = {}
        for m in sizes:
            paths[m] = gdir / f"form-{m}.toml"
            paths[m].write_text(gen.form_text(1, m, self.seed, self.args.defect_rate,
                                              kind="self-evaluation"), encoding="utf-8")
            engine.check_file(paths[m])
        self.log(f"growth: {sizes} indicators x {reps} repetitions")
        per: Dict[int, List[float]] = {m: [] for m in sizes}
        floor: Dict[int, List[float]] = {m: [] for m in sizes}
        inner = {30: 20, 300: 3, 3000: 1}  # checks per sample, so each sample is a few ms

        def checks(p: Path, times: int) -> float:
            """Seconds for `times` checks of `p`, each as if the form were new
            (jxlint's memos cleared before each, outside the timing)."""
            total = 0.0
            for _ in range(times):
                clear_memos()
                t = time.perf_counter()
                engine.check_file(p)
                total += time.perf_counter() - t
            return total

        for _ in range(reps):
            for m in sizes:
                p = paths[m]
                floor[m].append(per_item(lambda: [tomllib.loads(p.read_bytes().decode("utf-8"))
                                                  for _ in range(inner[m])], inner[m] * m) * 1e6)
                per[m].append(checks(p, inner[m]) / (inner[m] * m) * 1e6)
        r = self.r
        for m in sizes:
            r.figure(f"grow_{m}", f"jxlint check, {m:,} indicators", per[m], "µs/indicator", section)
        for m in sizes:
            r.figure(f"grow_floor_{m}", f"tomllib.loads, {m:,} indicators", floor[m], "µs/indicator",
                     section)
        r.ratio("r_grow_300", "per indicator: 300 ÷ 30", "grow_300", "grow_30", section)
        r.ratio("r_grow_3000", "per indicator: 3,000 ÷ 30", "grow_3000", "grow_30", section, target=1.5)
        r.ratio("r_grow_floor_3000", "jxlint ÷ tomllib at 3,000", "grow_3000", "grow_floor_3000", section)

    def scale(self) -> None:
        sizes = [(1000, 3 if self.quick else 5)] + ([] if self.quick else [(10000, 3)])
        top = self.work / "scale"
        total = max(n for n, _ in sizes)
        self.log(f"scale: generating {total:,} forms")
        if total > 1000:
            gen.generate(top, total, 30, self.seed, self.args.defect_rate)
        else:
            gen.generate(top / "000", total, 30, self.seed, self.args.defect_rate)
        for n, reps in sizes:
            section = f"scale: {n:,} forms of 30 indicators"
            target_dir = top / "000" if n == 1000 else top
            cwd = self.work / f"cwd-{n}"
            cwd.mkdir()
            cache = cwd / ".jxlint_cache"
            base = self.jx + ["check", str(target_dir)]
            runs = {"jobs1": base + ["--jobs", "1", "--no-cache"],
                    "jobs2": base + ["--jobs", "2", "--no-cache"],
                    "cold": base + ["--jobs", "2"],
                    "warm": base + ["--jobs", "2"]}
            self.log(f"scale {n:,}: {reps} rounds of --jobs 1, --jobs 2, cold cache, warm cache")
            walls: Dict[str, List[float]] = {k: [] for k in runs}
            rss: Dict[str, List[float]] = {k: [] for k in runs}
            tree: Dict[str, List[float]] = {k: [] for k in runs}
            for _ in range(reps):
                for key, cmd in runs.items():
                    if key == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    res = timed_process(cmd, cwd, sample_tree=True)
                    walls[key].append(res["wall"])
                    rss[key].append(res["maxrss"] / MB)
                    tree[key].append(res["tree_peak"] / MB)
            r = self.r
            tag = f"{n // 1000}k"
            r.figure(f"s{tag}_jobs1", "--jobs 1", walls["jobs1"], "s", section)
            r.figure(f"s{tag}_jobs2", "--jobs 2", walls["jobs2"], "s", section)
            r.figure(f"s{tag}_cold", "cold cache (--jobs 2, cache written)", walls["cold"], "s", section)
            r.figure(f"s{tag}_warm", "warm cache re-run (--jobs 2)", walls["warm"], "s", section)
            r.figure(f"s{tag}_perform", "--jobs 1 per form", [w / n * 1000 for w in walls["jobs1"]],
                     "ms/form", section)
            r.figure(f"s{tag}_rss1", "peak RSS, --jobs 1 (one process)", rss["jobs1"], "MB", section)
            r.figure(f"s{tag}_rss2", "peak RSS, --jobs 2 (largest process)", rss["jobs2"], "MB", section)
            r.figure(f"s{tag}_tree2", "peak RSS, --jobs 2 (all processes, sampled)", tree["jobs2"], "MB",
                     section)
            # The targets are for 10,000 forms; a quick run holds the
            # 1,000-form figures to them (and says so).
            judged = n == max(size for size, _ in sizes)
            note = "" if n == 10000 or not judged else "target set for 10,000 forms"
            r.ratio(f"r{tag}_jobs", "--jobs 2 ÷ --jobs 1", f"s{tag}_jobs2", f"s{tag}_jobs1", section,
                    target=0.6 if judged else None, note=note)
            r.ratio(f"r{tag}_warm", "warm ÷ cold cache", f"s{tag}_warm", f"s{tag}_cold", section,
                    target=0.05 if judged else None, note=note)
            if judged:
                r.target(f"t{tag}_rss", "peak RSS ≤ 200 MB (all processes, --jobs 2)", f"s{tag}_tree2",
                         200, "MB", section, note=note)

    def workbooks(self) -> None:
        section = "workbooks"
        try:
            from linter.readers import READERS
        except ImportError:
            READERS = {}
        if ".xlsx" not in READERS:
            self.r.missing("wb_national", "national-template .xlsx, cold", section,
                           "not measured yet: no .xlsx reader")
            self.r.missing("wb_longgang", "2,000-row Longgang sheet", section,
                           "not measured yet: no .xlsx reader")
            return
        wdir = self.work / "workbooks"
        wdir.mkdir()
        national = wdir / "national.xlsx"
        source = wdir / "national.toml"
        source.write_text(gen.form_text(0, 30, self.seed, self.args.defect_rate, kind="self-evaluation"),
                          encoding="utf-8")
        conv = subprocess.run(self.jx + ["convert", str(source), "-o", str(national)],
                              capture_output=True, text=True, cwd=str(wdir), env=ENV)
        rows = 2000
        longgang = gen.write_longgang_xlsx(wdir / "longgang.xlsx", rows, self.seed, self.args.defect_rate)
        for path, key in ((national, "wb_national"), (longgang, "wb_longgang")):
            if not path.exists():
                self.r.missing(key, path.name, section, f"not measured: convert failed: "
                                                         f"{conv.stderr.strip()[-200:]}")
                continue
            out = subprocess.run(self.jx + ["check", str(path), "--no-cache", "--format", "json"],
                                 capture_output=True, text=True, cwd=str(wdir), env=ENV)
            try:
                report = json.loads(out.stdout)
                blocking = [f for f in report["findings"] if f["code"] in ("E001", "E002")]
            except ValueError:
                blocking = [{"message": out.stderr.strip()[-200:]}]
            if blocking:
                self.r.missing(key, path.name, section,
                               f"not measured: the reader refused it: {blocking[0]['message'][:120]}")
                continue
        runs = 10 if self.quick else 20
        reps = 3 if self.quick else 5
        self.log(f"workbooks: national x {runs}, Longgang {rows:,} rows x {reps}")
        samples = {"py": [], "nat": [], "lg": []}
        for i in range(max(runs, reps) + 1):
            if i <= runs and "wb_national" not in self.r.figures:
                samples["nat"].append(timed_process(self.jx + ["check", str(national), "--no-cache"],
                                                    wdir)["wall"] * 1000)
            if i <= reps and "wb_longgang" not in self.r.figures:
                samples["lg"].append(timed_process(self.jx + ["check", str(longgang), "--no-cache"],
                                                   wdir)["wall"])
        r = self.r
        if samples["nat"]:
            r.figure("wb_national", "jxlint check national.xlsx (30 indicators), cold", samples["nat"][1:],
                     "ms", section)
            r.target("t_wb_national", "national workbook ≤ 400 ms cold", "wb_national", 400, "ms", section)
            r.ratio("r_wb_toml", "national.xlsx ÷ the same form as TOML", "wb_national", "jx_check_one",
                    section)
        if samples["lg"]:
            r.figure("wb_longgang", f"jxlint check longgang.xlsx ({rows:,} rows = forms), cold",
                     samples["lg"][1:], "s", section)
            r.figure("wb_longgang_row", "Longgang sheet per row", [s / rows * 1000 for s in samples["lg"][1:]],
                     "ms/row", section)

    # -- report --------------------------------------------------------------------
    def table(self) -> str:
        lines = []
        header = f"{'figure':<52} {'median':>10} {'spread (min–max)':>22} {'n':>3}  {'target':>8}  status"
        current = None
        for row in self.r.rows:
            if row["section"] != current:
                current = row["section"]
                lines += ["", f"== {current} ==", header]
            lines.append(_format_row(row))
        lines.append("")
        lines += [f"note: {n}" for n in self.r.notes]
        return "\n".join(lines)


def _fmt(x: float, unit: str = "") -> str:
    if x is None:
        return "-"
    if unit in ("s",):
        return f"{x:.2f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}" if abs(x) >= 0.1 else f"{x:.3f}"


def _format_row(row: Dict[str, Any]) -> str:
    label = row["label"][:52]
    if row["type"] == "missing":
        return f"{label:<52} {row.get('note', '')}"
    unit = row.get("unit", "×") if row["type"] != "ratio" else "×"
    if "median" not in row:
        return f"{label:<52} not measured"
    med = _fmt(row["median"], unit) + ("" if unit == "×" else f" {unit}" if unit in ("ms", "s", "MB") else "")
    if row["type"] == "ratio":
        med = _fmt(row["median"]) + "×"
    spread = f"{_fmt(row['min'], unit)}–{_fmt(row['max'], unit)}"
    target = ""
    status = ""
    if row.get("target") is not None:
        target = ("≤ " + (f"{row['target']:.2f}" if row["target"] < 1 else _fmt(row["target"])))
        status = "MET" if row.get("met") else "NOT MET"
    tail = f"  ({row['unit']})" if row["type"] == "figure" and row.get("unit") not in ("ms", "s", "MB") else ""
    note = f"  {row['note']}" if row.get("note") else ""
    return f"{label:<52} {med:>10} {spread:>22} {row.get('n', ''):>3}  {target:>8}  {status}{tail}{note}"


# --- profile ----------------------------------------------------------------------------

def profile(work: Path, seed: int, defect_rate: float, top: int) -> None:
    """cProfile of the in-process check: 30, 300, 3,000 indicators and 1,000 forms."""
    import cProfile
    import pstats
    from linter.engine.core import Engine
    from linter.engine.run import Options, check_files
    engine = Engine(packs=FULL_CATALOGUE)
    for m in (30, 300, 3000):
        p = work / f"profile-{m}.toml"
        p.write_text(gen.form_text(1, m, seed, defect_rate, kind="self-evaluation"), encoding="utf-8")
        engine.check_file(p)
        clear_memos()
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(max(1, 3000 // m)):
            engine.check_file(p)
        prof.disable()
        print(f"\n===== one form, {m:,} indicators (×{max(1, 3000 // m)}) =====")
        pstats.Stats(prof).sort_stats("tottime").print_stats(top)
    paths = gen.generate(work / "profile-1k", 1000, 30, seed, defect_rate)
    files = [(p, str(p)) for p in paths]
    check_files(files[:10], Options(), "zh", jobs=1, cache_dir=None)
    clear_memos()
    prof = cProfile.Profile()
    prof.enable()
    check_files(files, Options(), "zh", jobs=1, cache_dir=None)
    prof.disable()
    print("\n===== 1,000 forms, linter.run.check_files(jobs=1, no cache) =====")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


# --- main -----------------------------------------------------------------------------

def machine() -> Dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import linter
        version = linter.__version__
    except Exception:  # pragma: no cover
        version = "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=str(ROOT)).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True, cwd=str(ROOT)).stdout.strip()
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count(),
            "jxlint": version, "commit": commit + ("+dirty" if dirty else ""),
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds")}


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, no 10,000-form run (< 2 min)")
    ap.add_argument("--profile", action="store_true", help="print cProfile tops instead of the table")
    ap.add_argument("--top", type=int, default=25, help="rows of each profile")
    ap.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    ap.add_argument("--defect-rate", type=float, default=gen.DEFAULT_DEFECT_RATE)
    ap.add_argument("--sample", type=int, default=None, help="forms in the in-process sample")
    ap.add_argument("--frictionless-venv", default=os.environ.get("JXLINT_BENCH_VENV", "/tmp/bench-venv"))
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--keep", action="store_true", help="keep the generated forms")
    ap.add_argument("--only", default="", help="comma-separated sections: cold,imports,inproc,growth,"
                                              "scale,workbooks,targets")
    args = ap.parse_args(argv)
    if args.sample is None:
        args.sample = 100 if args.quick else 300
    work = Path(tempfile.mkdtemp(prefix="jxlint-bench-"))
    started = time.perf_counter()
    try:
        if args.profile:
            profile(work, args.seed, args.defect_rate, args.top)
            return 0
        bench = Bench(args, work)
        bench.prepare()
        only = {s for s in args.only.split(",") if s}
        steps = [("cold", bench.cold_start), ("imports", bench.imports), ("inproc", bench.in_process),
                 ("growth", bench.growth), ("scale", bench.scale), ("workbooks", bench.workbooks)]
        for name, step in steps:
            if not only or name in only:
                step()
        goals = speed.run_all(bench, sys.modules[__name__]) if not only or "targets" in only else None
        goal_text = goals.summary() if goals is not None else ""
        elapsed = time.perf_counter() - started
        info = machine()
        head = (f"jxlint {info['jxlint']} ({info['commit']}) · Python {info['python']} · {info['cores']} cores"
                f" · {info['cpu']} · {info['date']} · {'quick' if args.quick else 'full'} run, "
                f"{elapsed:.0f} s")
        if not bench.has_fl:
            bench.r.notes.append(f"frictionless not measured: no {bench.fl_cli} "
                                 f"(python -m venv {args.frictionless_venv} && "
                                 f"{args.frictionless_venv}/bin/pip install frictionless)")
        table = bench.table()
        print(head)
        print(table)
        met = [row for row in bench.r.rows if "met" in row]
        print(f"\ntargets met: {sum(r['met'] for r in met)} of {len(met)}"
              + "".join(f"\n  {'MET    ' if r['met'] else 'NOT MET'}  {r['label']}: {_fmt(r['median'])}"
                        f"{'×' if r['type'] == 'ratio' else ' ' + r.get('unit', '')}" for r in met))
        if goal_text:
            print(goal_text)
        args.out.write_text(json.dumps({"machine": info, "mode": "quick" if args.quick else "full",
                                        "seed": args.seed, "defect_rate": args.defect_rate,
                                        "elapsed_s": elapsed, "rows": bench.r.rows,
                                        "notes": bench.r.notes, "table": table,
                                        "targets": goal_text},
                                       ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwritten {args.out}")
        return 0
    finally:
        if args.keep:
            print(f"generated data kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
