"""The `jxlint` console command: the CLI (`linter.cli.main`) with the garbage
collector held off while it starts.

Starting a check imports ~100 modules and builds thousands of objects (code,
classes, compiled patterns), none of them garbage; the collector still walks
them dozens of times, a few per cent of a pre-commit run on one form. So it
is paused while the CLI imports, and what the imports built is frozen
(`gc.freeze`: kept out of every later collection) before it resumes. It then
collects less often (as mypy's command does): reading a department's
workbook builds 2,000 forms of objects that all live to the end, and the
default thresholds walked them again and again (~8 % of such a run's CPU;
the peak memory is the same). Only the console command does this: importing
`linter` or `linter.cli.main` (tests, an editor plug-in) leaves the
collector as it was.
"""
from __future__ import annotations

import gc
import os
import sys


def run() -> None:
    gc.disable()
    try:
        from linter.cli.main import run as cli
    finally:
        gc.freeze()
        gc.enable()
    # a young generation of 100,000 objects, not 700: the run's objects are
    # nearly all kept (forms, findings) or freed by reference counting
    gc.set_threshold(100_000, 50, 100)
    try:
        cli()
    except SystemExit as done:
        code = _exit_code(done.code)
    else:
        code = 0
    # Everything is written (reports and copies replaced atomically, the
    # worker pools shut down): tearing the objects down one by one would only
    # cost time (~60 ms after a 2,000-row workbook), so the process ends here,
    # as mypy's command does.
    try:
        sys.stdout.flush()
    except OSError:  # `jxlint check … | head`: the reader is gone (cli/main.py: exit 1)
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _exit_code(code: object) -> int:
    """What `sys.exit(code)` would end the process with."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
