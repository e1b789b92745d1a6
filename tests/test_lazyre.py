"""Patterns compiled on first use (linter/base/lazyre.py)."""
import re

import pytest

from linter.base.lazyre import LazyPattern, lazy


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_the_pattern(monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: compiled.append(a) or real(*a))
    pattern = lazy(r"(\d+)\s*(万元|元)", re.I)
    assert compiled == []
    assert pattern.search("预算 30 万元").groups() == ("30", "万元")
    assert compiled == [(r"(\d+)\s*(万元|元)", re.I)]
    assert pattern.sub("#", "1元 2万元") == "# #"
    assert [m.group(1) for m in pattern.finditer("1元 22元")] == ["1", "22"]
    assert pattern.fullmatch("5元") and not pattern.match("x5元")
    assert pattern.pattern == r"(\d+)\s*(万元|元)" and pattern.groups == 2
    assert len(compiled) == 1            # compiled once
    assert "search" in vars(pattern)     # later lookups are plain attributes


def test_a_bad_pattern_fails_when_used_and_names_itself():
    pattern = lazy(r"(unclosed")
    assert "unclosed" in repr(pattern)
    with pytest.raises(re.error):
        pattern.search("x")


def test_the_lazy_patterns_of_the_package_all_compile():
    """A typo in a lazy pattern would only show on the path that uses it:
    compile every one of them here."""
    import importlib
    import pkgutil

    import linter
    found = 0
    for info in pkgutil.walk_packages(linter.__path__, "linter."):
        module = importlib.import_module(info.name)
        for value in list(vars(module).values()):
            for item in (value if isinstance(value, tuple) else (value,)):
                if isinstance(item, LazyPattern):
                    item.search("")  # compiles it
                    found += 1
    assert found >= 10
