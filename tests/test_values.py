"""The value parser: the printed shapes of domain primer §3, and properties."""
import math

import pytest
from hypothesis import given, strategies as st

from linter.model.values import GE, LE, EQ, GT, LT, parse, normalise, format_number

# raw, kind, comparator, number, upper, unit, per
CASES = [
    # comparators: glyphs, full-width and look-alikes
    ("≥95%", "quantity", GE, 95, None, "%", None),
    ("≤1", "quantity", LE, 1, None, None, None),
    ("＞90%", "quantity", GT, 90, None, "%", None),
    ("＜5天", "quantity", LT, 5, None, "天", None),
    ("＝100%", "quantity", EQ, 100, None, "%", None),
    ("≧95%", "quantity", GE, 95, None, "%", None),
    ("≦3次", "quantity", LE, 3, None, "次", None),
    ("═100%", "quantity", EQ, 100, None, "%", None),
    (">=80%", "quantity", GE, 80, None, "%", None),
    ("<=200元/人", "quantity", LE, 200, None, "元", "人"),
    # words before and after
    ("不低于90%", "quantity", GE, 90, None, "%", None),
    ("不少于6个", "quantity", GE, 6, None, "个", None),
    ("至少1次", "quantity", GE, 1, None, "次", None),
    ("不高于50万元", "quantity", LE, 50, None, "万元", None),
    ("不超过3天", "quantity", LE, 3, None, "天", None),
    ("70份及以上", "quantity", GE, 70, None, "份", None),
    ("27 个以上", "quantity", GE, 27, None, "个", None),
    ("5个以上", "quantity", GE, 5, None, "个", None),
    ("3天以内", "quantity", LE, 3, None, "天", None),
    ("10%以下", "quantity", LE, 10, None, "%", None),
    # bare values
    ("100%", "quantity", None, 100, None, "%", None),
    ("6项", "quantity", None, 6, None, "项", None),
    ("1支", "quantity", None, 1, None, "支", None),
    ("≥100", "quantity", GE, 100, None, None, None),
    # full-width digits, thousands separators, decimals
    ("１００％", "quantity", None, 100, None, "%", None),
    ("1,156家", "quantity", None, 1156, None, "家", None),
    ("99.5%", "quantity", None, 99.5, None, "%", None),
    ("２４４０．９１万元", "quantity", None, 2440.91, None, "万元", None),
    # 百分比 and 百分之
    ("不低于90百分比", "quantity", GE, 90, None, "%", None),
    ("百分之九十五", "quantity", None, 95, None, "%", None),
    ("百分之95", "quantity", None, 95, None, "%", None),
    # Chinese numerals in small counts
    ("一支", "quantity", None, 1, None, "支", None),
    ("≥两场", "quantity", GE, 2, None, "场", None),
    ("十二次", "quantity", None, 12, None, "次", None),
    # 万 as multiplier, 万 as money
    ("1.5万人次", "quantity", None, 15000, None, "人次", None),
    ("16.12万元/社区", "quantity", None, 16.12, None, "万元", "社区"),
    ("16.12万/社区", "quantity", None, 16.12, None, "万元", "社区"),
    # per-what
    ("≥1次/月", "quantity", GE, 1, None, "次", "月"),
    ("≥2次/年", "quantity", GE, 2, None, "次", "年"),
    ("≥30人/次", "quantity", GE, 30, None, "人", "次"),
    # ranges
    ("25~30人", "range", None, 25, 30, "人", None),
    ("25～30人", "range", None, 25, 30, "人", None),
    ("25-30人", "range", None, 25, 30, "人", None),
]


@pytest.mark.parametrize("raw,kind,comp,number,upper,unit,per", CASES, ids=[c[0] for c in CASES])
def test_printed_shapes(raw, kind, comp, number, upper, unit, per):
    v = parse(raw)
    assert v.kind == kind
    assert v.comparator == comp
    assert v.number == pytest.approx(number)
    assert v.first.upper == (pytest.approx(upper) if upper is not None else None)
    assert v.unit == unit
    assert v.per == per
    assert v.raw == raw


@pytest.mark.parametrize("raw,year,month,day", [
    ("11月底前", None, 11, 30),
    ("2022年12月31日前", 2022, 12, 31),
    ("2022年12月31日前完成", 2022, 12, 31),
    ("6月30日之前", None, 6, 30),
    ("上半年", None, 6, 30),
    ("年底前完成", None, 12, 31),
    ("第三季度", None, 9, 30),
    ("2022-06-30前", 2022, 6, 30),
])
def test_deadlines(raw, year, month, day):
    v = parse(raw)
    assert v.kind == "deadline"
    assert v.deadline == (year, month, day)
    assert v.is_quantified


@pytest.mark.parametrize("raw,kind,label", [
    ("合格", "label", "合格"),
    ("是", "label", "是"),
    ("优良", "label", "优良"),
    ("达成年度指标", "label", "达成年度指标"),
    ("部分达成年度指标并具有一定效果", "label", "部分达成年度指标并具有一定效果"),
    ("未达成年度指标且效果较差", "label", "未达成年度指标且效果较差"),
    ("不适用", "not-applicable", None),
    ("/", "empty", None),
    ("无", "empty", None),
    ("", "empty", None),
    ("  ", "empty", None),
    ("**", "placeholder", None),
    ("≥XX%", "placeholder", None),
    ("××个", "placeholder", None),
    ("说明项目实施的主要内容(100字以内)", "placeholder", None),
])
def test_labels_and_blanks(raw, kind, label):
    v = parse(raw)
    assert v.kind == kind
    assert v.label == label
    assert not v.is_quantified


@pytest.mark.parametrize("raw", [
    "有效提高", "进一步提高", "明显改善", "有效促进", "提升社区服务水平", "效果明显", "良好",
    "显著", "有序开展", "符合相关规定", "符合市区相关要求", "按计划推进", "已达标", "已完成",
    "全部达成预期指标", "开展好“三会一课”、主题党日", "线上线下一周一课", "没有停水", "零投诉",
])
def test_not_quantified(raw):
    v = parse(raw)
    assert v.kind == "text"
    assert not v.is_quantified
    assert v.number is None


def test_compound_cells_keep_every_condition():
    v = parse("≥4次/年、其中体育活动≥2次")
    assert v.kind == "compound"
    assert [(c.comparator, c.number, c.unit) for c in v.conditions] == [(GE, 4, "次"), (GE, 2, "次")]
    assert v.conditions[0].per == "年"
    assert "体育活动" in v.context

    v = parse("25~30人(疫情控人)线上活动100人左右")
    assert v.kind == "compound"
    assert v.conditions[0].upper == 30
    assert v.conditions[1].number == 100 and v.conditions[1].unit == "人"


def test_context_around_a_figure():
    v = parse("服务对象满意度100%")
    assert v.kind == "quantity" and v.number == 100 and v.unit == "%"
    assert v.context == "服务对象满意度"


def test_nonstandard_glyph_is_recorded_and_standard_is_not():
    assert parse("≧95%").nonstandard_glyph == "≧"
    assert parse("═100%").nonstandard_glyph == "═"
    assert parse(">=80%").nonstandard_glyph == ">="
    assert parse("≥80%").nonstandard_glyph is None
    assert parse("不低于80%").nonstandard_glyph is None


def test_toml_numbers_and_odd_types():
    v = parse(46.71)
    assert v.kind == "quantity" and v.number == 46.71 and v.from_number
    assert parse(70).number == 70
    assert parse(None).kind == "empty"
    assert parse(float("nan")).kind == "text"
    assert parse(float("inf")).kind == "text"
    assert parse(True).kind == "label"


def test_absurd_digit_runs_are_not_numbers():
    v = parse("9" * 400 + "份")
    assert v.number is None or math.isfinite(v.number)


def test_normalise_and_format():
    assert normalise("１００ ％") == "100%"
    assert format_number(70.0) == "70"
    assert format_number(46.71) == "46.71"
    assert format_number(None) == ""


@given(st.text(max_size=300))
def test_never_raises_and_is_deterministic(text):
    a, b = parse(text), parse(text)
    assert a == b
    assert a.raw == text
    for cond in a.conditions:
        assert math.isfinite(cond.number)
        assert cond.upper is None or math.isfinite(cond.upper)


_ALPHABET = st.sampled_from(list("0123456789.%％≥≤≧≦═<>=~～-/、，,;；以上下内及不低于少超过万元个份次人场节年月日底前一二两十百分之比XxX×*()（） 合格是"))


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_never_raises_on_value_shaped_noise(text):
    v = parse(text)
    assert v.kind in ("quantity", "range", "compound", "deadline", "label", "text", "empty",
                      "not-applicable", "placeholder")
    assert v == parse(text)


def test_two_character_fullwidth_comparators_are_one_glyph():
    # "＞＝" was once reported as "＞" (">"): longer glyphs are looked for first
    assert parse("＞＝90%").nonstandard_glyph == "＞＝"
    assert parse("＜＝5万元").nonstandard_glyph == "＜＝"
    assert parse("＞90%").nonstandard_glyph == "＞"


@pytest.mark.parametrize("text,end,start", [
    ("2021年7月", (2021, 7, 31), None),
    ("2025年12月", (2025, 12, 31), None),
    ("2021年1月-12月", (2021, 12, 31), (2021, 1, 1)),
    ("2020.1.1-2020.12.31", (2020, 12, 31), (2020, 1, 1)),
    ("2022年1月1日至2022年12月31日", (2022, 12, 31), (2022, 1, 1)),
    ("2021年12月完成", (2021, 12, 31), None),
    ("11月底完成100%", (None, 11, 30), None),
])
def test_dates_and_periods_are_deadlines_not_compound_conditions(text, end, start):
    v = parse(text)
    assert (v.kind, v.deadline, v.period_start) == ("deadline", end, start)


@pytest.mark.parametrize("text,kind", [("2021.5", "quantity"), ("2021.5-2021.6", "range"), ("1-12月", "range"),
                                       ("≥4次/年、其中体育活动≥2次", "compound")])
def test_numbers_that_look_like_dates_stay_numbers(text, kind):
    assert parse(text).kind == kind


@pytest.mark.parametrize("text,deadline,start", [
    ("2021年全年", (2021, 12, 31), (2021, 1, 1)),   # the whole budget year: a period
    ("2021年度", (2021, 12, 31), (2021, 1, 1)),
    ("2021年", (2021, 12, 31), None),              # by the end of that year
])
def test_a_year_is_a_date_not_a_count_of_years(text, deadline, start):
    value = parse(text)
    assert (value.kind, value.deadline, value.period_start) == ("deadline", deadline, start)


@pytest.mark.parametrize("text", ["2021", "2021人", "≥2021年", "20000"])
def test_near_misses_of_a_year(text):
    assert parse(text).kind == "quantity"
