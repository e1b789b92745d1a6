#!/usr/bin/env python3
"""On-demand mutation run (cosmic-ray) over the checks, the value parser and
the engine; docs/mutation.md says why cosmic-ray and how to read the result.

    pip install cosmic-ray==8.7.0
    python bench/mutation.py --budget 2700 --jobs 2 --cap 60

Each module is mutated in a scratch copy of the repository (linter/, rules/,
tests/, examples/, docs/, README.md, pyproject.toml under --work), never in the work tree, and
judged by the tests that cover it (TESTS below), run with -x. Operators that
only make a TypeError of arithmetic (x + y -> x << y…) or swap == for `is`
are left out; of the rest at most --cap mutants per module are drawn (seeded,
--seed), the others are recorded as not sampled. New modules stop starting
at --budget seconds and a running one is stopped there: what it had not run
is counted as not run, and --resume goes on with it (same --work);
--rejudge runs a session's survivors again, against the tests as they are now. Prints one line per module and the totals, and writes
summary.json and survivors.txt (each survivor's diff) under --work.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CR = str(Path(sys.executable).with_name("cosmic-ray"))
COPY = ("linter", "rules", "tests", "examples", "docs", "README.md", "pyproject.toml")

CHECK_TESTS = "tests/test_rule_examples.py tests/test_mutants.py tests/checks"
# module (or glob) -> the tests that cover it, fastest killers first
TESTS = {  # the slowest to judge first, so the jobs end together
    "linter/engine/run.py": "tests/test_mutants.py tests/test_gates.py tests/hostile/test_gate_state.py "
                            "tests/test_cli.py",
    "linter/engine/core.py": "tests/test_mutants.py tests/test_rule_examples.py tests/test_reader_errors.py "
                             "tests/test_gates.py",
    "linter/engine/discover.py": "tests/test_mutants.py tests/test_cli.py tests/test_gates.py",
    "linter/engine/examples.py": "tests/test_rule_examples.py tests/test_docs_generated.py",
    "linter/model/values.py": "tests/test_values.py tests/test_mutants.py tests/checks tests/test_rule_examples.py",
    "linter/checks/*.py": CHECK_TESTS,
}
# Mutations that are noise here: arithmetic swapped for bit or power
# operators (a TypeError on the first float) and ==/</> swapped for is/is not.
EXCLUDED = (r"core/ReplaceBinaryOperator_\w+_(BitAnd|BitOr|BitXor|LShift|RShift|Pow|Mod|FloorDiv)$",
            r"core/ReplaceBinaryOperator_(BitAnd|BitOr|LShift|Pow|FloorDiv)_\w+$",
            r"core/ReplaceComparisonOperator_(Eq|NotEq|Lt|LtE|Gt|GtE)_(Is|IsNot)$",
            r"core/ReplaceComparisonOperator_(Is|IsNot)_(Eq|NotEq|Lt|LtE|Gt|GtE)$")


def modules():
    out = []
    for pattern in TESTS:
        for path in sorted(ROOT.glob(pattern)):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in out and path.stat().st_size:  # (engine/__init__.py is empty)
                out.append(rel)
    return out


def tests_for(module):
    for pattern, tests in TESTS.items():
        if Path(module).match(pattern):
            return tests
    raise KeyError(module)


def config_text(module, tests, timeout):
    command = f"{sys.executable} -m pytest -x -q -p no:cacheprovider {tests}"
    return (f'[cosmic-ray]\nmodule-path = "{module}"\ntimeout = {timeout}\nexcluded-modules = []\n'
            f'test-command = "{command}"\n\n[cosmic-ray.distributor]\nname = "local"\n')


def prepare(db_path, cap, seed):
    """Mark excluded operators and the mutants not drawn as skipped."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    excluded = re.compile("|".join(EXCLUDED))
    with use_db(str(db_path), WorkDB.Mode.open) as db:
        items = list(db.pending_work_items)
        kept = []
        for item in items:
            if any(excluded.match(m.operator_name) for m in item.mutations):
                db.set_result(item.job_id, WorkResult(output="excluded operator",
                                                      worker_outcome=WorkerOutcome.SKIPPED))
            else:
                kept.append(item)
        rng = random.Random(f"{seed}:{db_path.stem}")
        drawn = set(i.job_id for i in rng.sample(kept, min(cap, len(kept)))) if cap else {i.job_id for i in kept}
        for item in kept:
            if item.job_id not in drawn:
                db.set_result(item.job_id, WorkResult(output="not sampled", worker_outcome=WorkerOutcome.SKIPPED))


def tally(db_path):
    """Counts of one module's session (from its database alone) and the
    diffs of its survivors."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome
    counts = dict(killed=0, survived=0, timeout=0, incompetent=0, not_run=0, sampled=0, eligible=0, mutants=0)
    survivors = []
    with use_db(str(db_path), WorkDB.Mode.open) as db:
        counts["not_run"] = sum(1 for _ in db.pending_work_items)
        counts["mutants"] = counts["eligible"] = counts["sampled"] = counts["not_run"]
        for item, result in db.completed_work_items:
            counts["mutants"] += 1
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                if result.output == "not sampled":
                    counts["eligible"] += 1
                continue
            counts["eligible"] += 1
            counts["sampled"] += 1
            if result.test_outcome == TestOutcome.KILLED and result.output == "timeout":
                counts["timeout"] += 1  # cosmic-ray records a timed-out run as killed
            elif result.test_outcome == TestOutcome.KILLED:
                counts["killed"] += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
                m = item.mutations[0]
                survivors.append(f"{m.module_path}:{m.start_pos[0]} {m.operator_name}\n{result.diff}")
            else:
                counts["incompetent"] += 1
    return counts, survivors


def run_module(module, args, deadline, slots):
    slot = slots.pop()
    try:
        work = Path(args.work) / f"copy{slot}"
        name = module.replace("/", ".")[:-3]
        db = Path(args.work) / f"{name}.sqlite"
        cfg = Path(args.work) / f"{name}.toml"
        cfg.write_text(config_text(module, tests_for(module), args.timeout), encoding="utf-8")
        if args.rejudge and db.exists():
            # the survivors go back to pending: judged again by today's tests
            import sqlite3
            with sqlite3.connect(db) as con:
                con.execute("DELETE FROM work_results WHERE test_outcome = 'SURVIVED'")
        elif not (args.resume and db.exists()):
            if db.exists():
                db.unlink()
            subprocess.run([CR, "init", str(cfg), str(db)], cwd=work, check=True, capture_output=True)
            prepare(db, args.cap, args.seed)
        started = time.monotonic()
        left = deadline - started
        if left > 5:
            # PYTHONPATH: a test's own `python -m linter…` child (workers, the
            # cache tests) imports the copy, not the installed work tree
            env = dict(os.environ, PYTHONPATH=str(work.resolve()))
            proc = subprocess.Popen([CR, "exec", str(cfg), str(db)], cwd=work, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                proc.wait(timeout=left)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait()
        # whatever happened, the copy's module is the real one again
        shutil.copyfile(ROOT / module, work / module)
        counts, survivors = tally(db)
        counts.update(module=module, seconds=round(time.monotonic() - started))
        return counts, survivors
    finally:
        slots.append(slot)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=2700, help="seconds for the whole run")
    parser.add_argument("--jobs", type=int, default=2, help="modules mutated at once (one copy each)")
    parser.add_argument("--cap", type=int, default=60, help="mutants drawn per module (0: all)")
    parser.add_argument("--seed", default="jxlint")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per mutant's test run")
    parser.add_argument("--work", default="/tmp/jxlint-mutation")
    parser.add_argument("--resume", action="store_true",
                        help="go on with the sessions in --work: run only the drawn mutants not yet run")
    parser.add_argument("--rejudge", action="store_true",
                        help="run the survivors of the sessions in --work again (after tests were added)")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: tally the sessions already in --work (other runs' --work too)")
    parser.add_argument("modules", nargs="*", help="only these modules (default: all of TESTS)")
    args = parser.parse_args(argv)
    if args.report:
        dbs = sorted(Path(args.work).glob("*.sqlite"))
        report(args, [(dict(tally(db)[0], module=db.stem.replace(".", "/") + ".py"), tally(db)[1]) for db in dbs])
        return
    deadline = time.monotonic() + args.budget
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for slot in range(args.jobs):
        copy = work / f"copy{slot}"
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir()
        for part in COPY:
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copyfile)(
                src, copy / part, **({"ignore": shutil.ignore_patterns("__pycache__")} if src.is_dir() else {}))
    slots = list(range(args.jobs))
    todo = args.modules or modules()
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda m: run_module(m, args, deadline, slots), todo))
    report(args, results)


def report(args, results):
    work = Path(args.work)
    rows = [r for r, _ in results]
    keys = ("killed", "survived", "timeout", "incompetent", "not_run", "sampled", "eligible", "mutants")
    total = {k: sum(r[k] for r in rows) for k in keys}
    print(f"{'module':34} {'killed':>6} {'surv.':>6} {'t/o':>4} {'inc.':>4} {'notrun':>6} "
          f"{'drawn':>6} {'of':>5} {'all':>5}  score")
    for r in rows + [dict(total, module="total")]:
        judged = r["killed"] + r["timeout"] + r["survived"]
        score = f"{100 * (r['killed'] + r['timeout']) / judged:.1f}%" if judged else "-"
        print(f"{r['module']:34} {r['killed']:6} {r['survived']:6} {r['timeout']:4} {r['incompetent']:4} "
              f"{r['not_run']:6} {r['sampled']:6} {r['eligible']:5} {r['mutants']:5}  {score}")
    (work / "summary.json").write_text(json.dumps({"args": vars(args), "modules": rows, "total": total},
                                                  indent=1), encoding="utf-8")
    (work / "survivors.txt").write_text("\n".join(s for _, ss in results for s in ss), encoding="utf-8")
    print(f"survivors: {work / 'survivors.txt'}")


if __name__ == "__main__":
    main()
