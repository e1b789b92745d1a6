"""Reporters: findings in, text out. Each one reads only Finding/Summary."""
from __future__ import annotations

from typing import Callable

FORMATS = ("text", "json")


def get(name: str) -> Callable:
    if name == "json":
        from .json import render
    else:
        from .text import render
    return render
