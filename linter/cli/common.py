"""What every command shares: how a usage problem ends the run."""
from __future__ import annotations

import sys
from typing import NoReturn

import click


class UsageProblem(Exception):
    """A problem with how jxlint was called or configured: one line on
    stderr and exit code 2, never a traceback."""


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"jxlint: {message}", err=True)
    sys.exit(code)
