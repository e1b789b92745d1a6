"""Two patterns whose character classes cost ~1 ms each to compile are
matched partly by hand; each must answer exactly as the pattern it replaces,
on the texts the tests and examples print and on seeded random strings."""
import random
import re
from pathlib import Path

from linter.checks import coverage
from linter.reporters.text import _escape, safe

ROOT = Path(__file__).resolve().parent.parent
UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                    "\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万(?![元人户亩株粒份册次个台套件公里平方立方吨千米头只羽尾元\u4e00-\u9fff])")
PEOPLE = re.compile(r"(\d+(?:\.\d+)?)\s*个(?![\u4e00-\u9fff])")


def _texts(alphabet, count=5000, seed=20241202):
    found = set()
    for folder in ("tests", "examples"):
        for path in (ROOT / folder).rglob("*.toml"):
            found.update(re.findall(r'"([^"\n]{1,60})"', path.read_text(encoding="utf-8", errors="replace")))
    rng = random.Random(seed)
    for _ in range(count):
        found.add("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))))
    return sorted(found)


def test_every_unsafe_character_is_unprintable_so_a_printable_text_is_safe():
    for code in range(0x110000):
        if UNSAFE.match(chr(code)):
            assert not chr(code).isprintable(), hex(code)


def test_safe_answers_as_the_pattern_did():
    alphabet = list("ab 中文\t\n\r\x1b\x07\x7f\x85\u200e\u202e\u2066\u2028\u3000\ufffe\ud800元%")
    escaped = 0
    for text in _texts(alphabet):
        expected = UNSAFE.sub(_escape, text)
        assert safe(text) == expected, repr(text)
        escaped += expected != text
    assert escaped > 1000


def test_the_wan_and_ge_slips_answer_as_the_lookaheads_did():
    alphabet = list("0123456789.万个元人 次社区abc%") + ["万元", "个人", "个社区"]
    found = 0
    for text in _texts(alphabet):
        for old, new in ((WAN, coverage._WAN_ALONE_RE), (PEOPLE, coverage._GE_PEOPLE_RE)):
            a, b = old.search(text), coverage._slip(new, text)
            assert (a and (a.group(0), a.span(), a.group(1))) == (b and (b.group(0), b.span(), b.group(1))), text
            found += a is not None
    assert found > 300
