"""The positions found on demand are the full scan's, path by path.

`lazy_positions` indexes a plain text in one pass of `_RUN_RE` (plain lines
up to each header). Held here to the definition it replaced: the text is
plain iff `_PLAIN_RE` below matches it whole, and every path (present or
not) gets what `toml_positions` gives it.
"""
import re
import sys
from pathlib import Path

from hypothesis import given, strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from linter.base import toml_positions as tp
from linter.base.toml_positions import lazy_positions, toml_positions

from support import bench_generator

form_text = bench_generator().form_text

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ([p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.toml"))]
         + [form_text(i, n) for i, n in ((0, 30), (1, 5), (2, 12), (3, 1))])

# The plainness test as it was written before the one-pass index: every line
# blank, a comment, a header of bare keys or `bare_key = plain value`.
_PLAIN_HEADER = rf"\[\[?[ \t]*{tp._KEY}(?:[ \t]*\.[ \t]*{tp._KEY})*[ \t]*\]\]?"
_PLAIN_RE = re.compile(rf"(?:[ \t\r]*(?:#[^\n]*|(?:{_PLAIN_HEADER}|{tp._KEY}[ \t]*=[ \t]*{tp._PLAIN_VALUE})"
                       rf"[ \t\r]*{tp._COMMENT})?(?:\n|\Z))*")

_LINES = st.sampled_from([
    "", " ", "\r", "# 注释", "[a]", "[[a]]", "[a.b]", "[[a.b]]", " [ a . b ] # c", "[[ a ]]\r",
    "[[a.c]]", "[b]", "[[b.d]]", "[a.\"q\"]", "[a]]", "[[a]", "['a']",
    "k = 1", "k = \"x\"", "k='x'", "v = \"中文\" # 注", "k = 2022-01-31", "k = true", "w = -3.5",
    "k = [1, \"a\", 'b']", "k = []", "k = [ 1 , 2 , ]", "k = [[1]]", "k = {a = 1}", "k = \"a\\\"b\"",
    "k = \"\"\"", "多行\"\"\"", "\"q\" = 1", "a.b = 1", "k = \"x\"\"", "k = ", "= 1", "k = 1 2",
    "name = \"n\"", "k = 'it''s'", "x-y_z = 1", "k\t=\t1\t#\t"])


def _text(lines, end):
    # each key line its own key (`k` -> `k3`), so more of the texts are valid TOML
    return "\n".join(re.sub(r"^k\b", f"k{i}", line) for i, line in enumerate(lines)) + end


_TEXT = st.builds(_text, st.lists(_LINES, max_size=12), st.sampled_from(["", "\n", "\r\n", "\n\n"]))


def _asked(full):
    """The paths of a map, their children that are not there, and a few more."""
    paths = list(full)
    return paths + [p + ".zz" for p in paths] + [p + "[0]" for p in paths] + [p + "[1]" for p in paths] + [
        "zz", "a[0].b", "a.b[1]", "indicators[99].name", ".k", "k[01]", "[0]"]


def _agree(text):
    lazy = lazy_positions(text)
    full = toml_positions(text)
    for path in _asked(full):
        assert lazy.get(path) == full.get(path), path
    assert dict(lazy) == full


def test_the_shipped_and_generated_forms_are_plain_and_agree():
    for text in TEXTS:
        assert (tp._plain_index(text) is not None) == (_PLAIN_RE.fullmatch(text) is not None)
        _agree(text)
    assert all(tp._plain_index(text) is not None for text in TEXTS[-4:])  # the lazy map is what runs


@given(_TEXT)
def test_plainness_is_the_whole_line_pattern(text):
    assert (tp._plain_index(text) is not None) == (_PLAIN_RE.fullmatch(text) is not None)


@given(_TEXT)
def test_every_path_of_a_valid_text_agrees(text):
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    _agree(text)


def test_a_text_that_is_not_plain_is_refused_quickly():
    import time
    for text in ("k = 1\n" * 50000 + "k = {a = 1}\n", "[a]\n" * 50000 + "a.b = 1", "k = " + "[1, " * 20000):
        start = time.process_time()
        assert tp._plain_index(text) is None
        assert time.process_time() - start < 1.0
