"""The value parser's quick path (`_quick_quantity`) must build exactly the
Value the full parse builds, for every text it accepts: run both over every
text of the tests, examples, corpus and generated forms, and over seeded
random variations of the simple shapes with awkward characters mixed in."""
import random
import sys
from pathlib import Path

import pytest

import linter.model.values as V

from support import bench_generator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _full(raw: str) -> V.Value:
    """The parse with the quick path switched off."""
    quick = V._quick_quantity
    V._quick_quantity = lambda raw, s: None
    try:
        return V._parse_text(raw)
    finally:
        V._quick_quantity = quick


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _stored_texts():
    texts = set()
    for folder in ("tests", "examples", "bench/corpus"):
        for path in sorted((ROOT / folder).rglob("*.toml")):
            try:
                texts.update(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue  # the tests' broken inputs
    generate = bench_generator()
    for index in range(60):
        texts.update(_strings(tomllib.loads(generate.form_text(index, 30, seed=20240607))))
    return sorted(t for t in texts if len(t) <= 80)


def _variations(count: int, seed: int):
    rng = random.Random(seed)
    prefixes = ["", "", "≥", "≤", ">", "<", "=", ">=", "＞", "≧", "═", "~", "约", *V._WORD_PREFIX]
    numbers = ["0", "5", "12", "90", "100", "2021", "1999", "2020.5", "17286.94", "0.5", "1,000",
               "３０", "9" * 16, "1.", ".5", "3.1.4", "2022.6.30", "7-12", "25~30", "一", "两", "十二"]
    units = ["", "", *V._UNITS, "万", "万人", "万人次", "M", "KM", "X", "xx", "％"]
    pers = ["", "", "/人", "/场", "/人次", "/年", "/月", "/社区服务", "/abc", "每人", "/人以上", "/个以内"]
    suffixes = ["", "", *V._WORD_SUFFIX, "左右", "余", "多", "以上以上"]
    junk = ["", "", "", " ", "年", "月", "底", "前", "完成", "至", "-", "—", "X", "**", "一", "/", "每",
            "(", ")", "。", ".", "%", "万", "季", "上半年", "年内", "日", "号", "2021年"]
    for _ in range(count):
        parts = [rng.choice(prefixes), rng.choice(numbers), rng.choice(units), rng.choice(pers),
                 rng.choice(suffixes)]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(junk))
        yield "".join(parts)


def test_quick_path_is_the_full_parse_on_stored_texts():
    texts = _stored_texts()
    quick = [t for t in texts if V._quick_quantity(t, V.normalise(t[:V.MAX_LEN])) is not None]
    assert len(texts) > 2000 and len(quick) > 500  # the comparison means something
    for text in texts:
        assert V._parse_text(text) == _full(text), text


def test_quick_path_is_the_full_parse_on_variations():
    taken = 0
    for text in _variations(60000, seed=20240607):
        s = V.normalise(text[:V.MAX_LEN])
        if V._quick_quantity(text, s) is not None:
            taken += 1
        assert V._parse_text(text) == _full(text), text
    assert taken > 5000


@pytest.mark.parametrize("text, expected", [
    ("≥711份", (V.GE, 711.0, None, "份", None, "≥")),
    ("17286.94元/场", (None, 17286.94, None, "元", "场", None)),
    ("至少501人", (V.GE, 501.0, None, "人", None, "至少")),
    ("10台以上", (V.GE, 10.0, None, "台", None, "以上")),
    ("不低于3630人次", (V.GE, 3630.0, None, "人次", None, "不低于")),
    ("5元/人以上", (None, 5.0, None, "元", "人以上", None)),  # as the scan reads it
    ("控制在310万元以内", (V.LE, 310.0, None, "万元", None, "控制在")),
])
def test_quick_path_takes_the_common_shapes(text, expected):
    value = V._quick_quantity(text, V.normalise(text))
    assert value is not None and value.kind == "quantity" and tuple(value.first) == expected


@pytest.mark.parametrize("text", ["2021年", "12月底", "25~30人", "1.5万人次", "一支", "＞90%", ">=80%",
                                  "5元/人ab", "2022.6.30", "≥90% 以上", "9999999999999999人"])
def test_quick_path_leaves_the_rest_to_the_full_parse(text):
    assert V._quick_quantity(text, V.normalise(text[:V.MAX_LEN])) is None


def test_a_dated_deadline_needs_four_digits():
    """deadline_in_year parses a name only when its normalised text holds four
    digits: no text without them parses to a deadline with a year."""
    import re
    four = re.compile(r"\d{4}")
    texts = [*_stored_texts(), *_variations(20000, seed=7),
             "2021年11月30日前完成资金支付", "二〇二一年底前", "21年12月底前", "12月底前", "上半年"]
    dated = 0
    for text in texts:
        value = V._parse_text(text)
        has_year = value.kind == "deadline" and value.deadline is not None and value.deadline[0] is not None
        dated += has_year
        assert not has_year or four.search(V.normalise(text[:V.MAX_LEN])), text
    assert dated > 50


def _unit_in_name_reference(text: str):
    """_unit_in_name as it was before its bracket gate: every pattern tried."""
    import unicodedata
    text = unicodedata.normalize("NFKC", text)[:V.MAX_LEN]
    for m in V._NAME_UNIT_RE.finditer(text):
        if m.group(1) != "分":
            return m.group(1)
    bare = V._TRAILING_BRACKETS_RE.sub("", text).strip()
    for ending, unit in V._IMPLIED_UNITS:
        if bare.endswith(ending):
            return unit
    return None


def test_unit_in_name_skips_only_what_cannot_match():
    rng = random.Random(5)
    names = [*_stored_texts()]
    heads = ["营造林总面积", "享受资助人数", "开展活动场次", "设备正常运转天数", "培训人次", "公猪舍", "资金", "完成率"]
    tails = ["", "(亩)", "（万元）", "(≥**平方米)", "(10分)", "（１０分）", "﹙亩﹚", "⑴", "(%)", " ", "人数 ",
             "(人数)", "人数(2分)", "(≥ 头)", "（户数）"]
    names += [rng.choice(heads) + rng.choice(tails) + rng.choice(tails) for _ in range(20000)]
    found = 0
    for name in names:
        expected = _unit_in_name_reference(name)
        found += expected is not None
        assert V._unit_in_name(name) == expected, name
    assert found > 5000


@pytest.mark.parametrize("number", [0, 1, 95, 99.5, -3, 2 ** 60, 1e-9, 44895, 12.0])
def test_a_number_parses_as_the_keyword_built_value(number):
    expected = V.Value(raw=str(number), kind="quantity", conditions=(V.Condition(None, float(number)),),
                       from_number=True)
    value = V.parse(number)
    assert value == expected and type(value) is V.Value and type(value.first) is V.Condition


def test_a_short_run_never_compiles_the_quick_path_and_a_long_one_uses_it():
    """A pre-commit run on one form parses a few dozen values: the quick
    pattern (~1.5 ms to compile) waits until the run has parsed 256 in full."""
    from support import run_python
    code = ("import linter.model.values as V\n"
            "first = [V.parse(f'≥{i}份').number for i in range(40)]\n"
            "assert 'fullmatch' not in vars(V._QUICK_RE), 'compiled for 40 values'\n"
            "rest = [V.parse(f'≥{i}份') for i in range(40, 400)]\n"
            "assert 'fullmatch' in vars(V._QUICK_RE), 'never used'\n"
            "assert first == [float(i) for i in range(40)] and [v.number for v in rest] == [float(i) for i in range(40, 400)]\n")
    done = run_python(code)
    assert done.returncode == 0, done.stderr
