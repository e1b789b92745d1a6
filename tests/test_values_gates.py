"""The value parser's cheap pre-tests skip work only where it cannot find
anything: the facts about the lexicon and the patterns they rest on."""
import random

import linter.model.values as V


def test_no_blank_spelling_or_label_holds_a_digit():
    """The quick path is tried before the blanks and labels: what it accepts
    holds a digit, which none of them does."""
    for word in (*V._EMPTY, *V._NOT_APPLICABLE, *V.LABELS):
        assert not any(ch.isdigit() for ch in word), word
        assert len(word) <= V._BLANK_WIDTH or word in V.LABELS


def test_every_placeholder_starts_with_a_character_of_the_class():
    rng = random.Random(11)
    alphabet = list("*Xx×(请此处填写输入字以内)0123456789 人%") + ["**", "XX", "(20字以内)", "请填写", "此处填写"]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        m = V._PLACEHOLDER_RE.search(text)
        if m:
            found += 1
            assert V._PLACEHOLDER_START_RE.match(text, m.start()), text
    assert found > 1000


def test_every_nonstandard_glyph_holds_a_character_of_the_class():
    for glyph in V._NONSTANDARD_GLYPHS:
        assert V._NONSTANDARD_GLYPH_RE.search(glyph), glyph


def test_a_wan_the_scan_multiplies_is_left_to_it():
    """万 before anything but 元 is a multiplier (3万吨 is 30000 吨) or money
    (16.12万/社区): the quick path takes only 万元 as a unit."""
    for text in ("3万吨", "16万", "16.12万/社区", "1.5万人次", "≥2万人"):
        assert V._quick_quantity(text, V.normalise(text)) is None, text
        assert V._parse_text(text).unit != "万吨"
    value = V._quick_quantity("≤310万元", "≤310万元")
    assert value is not None and value.unit == "万元" and value.number == 310.0


# Texts that NFKC maps onto a placeholder (full-width, compatibility forms),
# ones it maps away from one (X + combining dot is Ẋ), and long texts whose
# first MAX_LEN characters are all the parser reads.
_TRICKY = ["XX社区", "ＸＸ", "ⅩⅩ", "（100字以内）", "﹙12字以内﹚", "＊＊", "* *", "请 填写", "此处填写", "××",
           "X \u3000X", "( 1,000 字 以内 )", "(1, 000字以内)", "（百分之五字以内）", "请\t输入", "此 处 填 写",
           "X\u0307X", "\u0307X", "ｘｘ", "e\u0301", "百分之九十", "個", "1,000", "开展活动12场",
           "a" * (V.MAX_LEN - 1) + "XX", "a" * V.MAX_LEN + "XX", "X" * (V.MAX_LEN - 1) + "X\u0307"]


def test_any_placeholder_is_any_is_placeholder():
    rng = random.Random(5)
    plain = ["社区党员培训", "≥95%", "按时完成", "", "无", "不适用", "2022年12月底前", "（一）", "说明(略)"]
    hits = 0
    for _ in range(5000):
        texts = [rng.choice(plain) + rng.choice(_TRICKY + [""] * 8) + rng.choice(plain)
                 for _ in range(rng.randint(0, 5))]
        expected = any(V.is_placeholder(t) for t in texts)
        hits += expected
        assert V.any_placeholder(texts) == expected, texts
    assert 500 < hits < 4500  # both answers were asked
