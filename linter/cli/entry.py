"""The `jxlint` console command: the CLI (`linter.cli.main`) with the garbage
collector held off while it starts.

Starting a check imports ~100 modules and builds thousands of objects (code,
classes, compiled patterns), none of them garbage; the collector still walks
them dozens of times, a few per cent of a pre-commit run on one form. So it
is paused while the CLI imports, and what the imports built is frozen
(`gc.freeze`: kept out of every later collection) before it resumes. Only the
console command does this: importing `linter` or `linter.cli.main` (tests, an
editor plug-in) leaves the collector as it was.
"""
from __future__ import annotations

import gc


def run() -> None:
    gc.disable()
    try:
        from linter.cli.main import run as cli
    finally:
        gc.freeze()
        gc.enable()
    cli()
