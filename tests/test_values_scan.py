"""The value parser reads the unit and the per-what at a position by lookup
and by hand (`_unit_at`, `_per_at`), not with the regexes they replace
(compiling those cost ~1.7 ms of a cold one-form check): both must answer as
the regexes did, at every position of every value the tests and the
examples print and of seeded random strings."""
import random
import re
from pathlib import Path

import linter.model.values as V

ROOT = Path(__file__).resolve().parent.parent
UNIT_RE = re.compile("|".join(re.escape(u) for u in V._UNITS))
PER_RE = re.compile(r"\s*(?:/|每)\s*([\u4e00-\u9fffA-Za-z]{1,4})")


def _texts():
    found = set()
    for folder in ("tests", "examples", "bench/corpus"):
        for path in (ROOT / folder).rglob("*.toml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found.update(re.findall(r'"([^"\n]{1,60})"', text))
    rng = random.Random(20241202)
    alphabet = list("0123456789./每 　人次元万%‰个户场月年社区abcXYZ-~≥≤") + list(V._UNIT_SET)
    for _ in range(4000):
        found.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    return sorted(found)


def test_unit_at_is_the_longest_first_alternation():
    texts = _texts()
    assert len(texts) > 4000
    hits = 0
    for text in texts:
        for pos in range(len(text) + 1):
            m = UNIT_RE.match(text, pos)
            expected = m.group(0) if m else None
            assert V._unit_at(text, pos) == expected, (text, pos)
            hits += expected is not None
    assert hits > 1000


def test_per_at_is_the_per_what_pattern():
    texts = _texts() + ["10次 / 月", "5元每 人", "3次/ａ", "2次/abcde", "元/", "/人以上", "1次/\u3000月"]
    hits = 0
    for text in texts:
        for pos in range(len(text) + 1):
            m = PER_RE.match(text, pos)
            expected = (m.group(1), m.end()) if m else None
            assert V._per_at(text, pos) == expected, (text, pos)
            hits += expected is not None
    assert hits > 200
