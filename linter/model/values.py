"""The value parser: a printed 年度指标值 / 实际完成值 -> structured Value.

A printed value is *comparator + number + unit (+ per-what)* (domain primer
§3), or a range, a deadline, a qualitative label, a compound cell holding
several conditions, or free text. Rules never look at raw strings for numbers:
they ask the Value. The parser never raises and is linear in the length of its
input (every regex here is anchored or has no nested quantifiers).

    >>> parse("70份及以上").comparator, parse("70份及以上").number
    ('>=', 70.0)
    >>> parse("不低于90%").unit
    '%'
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from typing import NamedTuple, Optional, Sequence, Tuple

from linter.base.lazyre import lazy
from linter.base.memo import SHORT, short_text_memo

# Inputs longer than this are not values but prose: only their head is read,
# which keeps the parser's cost bounded whatever a form holds.
MAX_LEN = 400
# A number with more digits than this is not a figure anyone prints on a form
# (and would overflow to inf as a float).
MAX_DIGITS = 15

GE, LE, EQ, GT, LT = ">=", "<=", "=", ">", "<"

# Glyphs as they appear after NFKC (which already folds ＞ ＜ ＝ into > < =).
_GLYPH = {
    "≥": GE, "≧": GE, "⩾": GE, ">=": GE, "=>": GE,
    "≤": LE, "≦": LE, "⩽": LE, "<=": LE, "=<": LE,
    "=": EQ, "==": EQ, "═": EQ,
    ">": GT, "<": LT,
}

_WORD_PREFIX = {
    "不低于": GE, "不少于": GE, "不小于": GE, "至少": GE, "大于等于": GE,
    "大于或等于": GE, "达到": GE,
    "不高于": LE, "不超过": LE, "不多于": LE, "不大于": LE, "小于等于": LE,
    "小于或等于": LE, "控制在": LE,
    "高于": GT, "多于": GT, "超过": GT, "大于": GT,
    "低于": LT, "少于": LT, "小于": LT,
    "等于": EQ,
}
_WORD_PREFIX_WIDTHS = sorted({len(w) for w in _WORD_PREFIX}, reverse=True)
_WORD_SUFFIX = {
    # Seed 001 treats 以上 as inclusive; so do we.
    "及以上": GE, "或以上": GE, "以上": GE,
    "及以下": LE, "或以下": LE, "以下": LE, "以内": LE, "之内": LE,
}
_WORD_SUFFIX_WIDTHS = sorted({len(w) for w in _WORD_SUFFIX}, reverse=True)
_APPROX_SUFFIX = ("左右", "余", "多")

# The unit lexicon is data (rules/lexicon/units.toml): read once at import.
def _lexicon():
    import sys
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from linter.base.resources import builtin_packs_dir
    return tomllib.loads((builtin_packs_dir() / "lexicon" / "units.toml").read_text(encoding="utf-8"))


_LEXICON = _lexicon()
COUNT_UNITS = tuple(_LEXICON["count"]) + tuple(_LEXICON["time"])
MONEY_UNITS = tuple(_LEXICON["money"])
_COUNT_UNIT_SET = frozenset(COUNT_UNITS)
TIME_UNITS = tuple(_LEXICON["time"])
MEASURE_UNITS = tuple(_LEXICON["measure"])
# Spellings that are not the standard unit (V013): printed -> meant.
NONSTANDARD_UNITS = dict(_LEXICON.get("nonstandard") or {})
# Longest first, so 人次 wins over 人 and 万元 over 元.
_UNITS = sorted(set(COUNT_UNITS + MONEY_UNITS + MEASURE_UNITS) | {"%", "‰"},
                key=len, reverse=True)
# The unit printed at a position: the longest unit of the lexicon there, as an
# alternation of `_UNITS` (longest first) would find it, by lookup: such an
# alternation costs ~1 ms to compile, more than a one-form check spends here.
_UNIT_SET = frozenset(u for u in _UNITS if u)
# first character -> the lengths of the units starting with it, longest first:
# most positions start no unit, and those that do try one or two lengths
_UNIT_WIDTHS_BY_HEAD = {head: sorted({len(u) for u in _UNIT_SET if u[0] == head}, reverse=True)
                        for head in {u[0] for u in _UNIT_SET}}


def _unit_at(s: str, pos: int) -> Optional[str]:
    widths = _UNIT_WIDTHS_BY_HEAD.get(s[pos:pos + 1])
    if widths:
        for width in widths:
            # (a slice cut short by the end of `s` is a unit only if the
            # width it does have would find it next: the answer is the same)
            word = s[pos:pos + width]
            if word in _UNIT_SET:
                return word
    return None


# A unit printed in brackets in an indicator's name: 营造林总面积(亩),
# 公猪舍(≥**平方米), 资金(万元), 完成率(%).
# (compiled on first use: only a name that prints a bracket asks, and the
# alternation of every unit costs ~0.7 ms to compile)
_NAME_UNIT_RE = lazy(r"[(（]\s*(?:[≥≤<>=]{0,2}\s*[\d*.]{0,8}\s*)(" + "|".join(re.escape(u) for u in _UNITS)
                           + r")\s*[)）]")


# A template's prompt for the figure: (≥套), (≥**平方米), （≥  人）: a comparator
# and a unit with no number between them.
_PROMPT_UNIT_RE = lazy(r"[(（]\s*[≥≤<>=]{1,2}\s*[*＊xX×]*\s*(?:" + "|".join(re.escape(u) for u in _UNITS)
                             + r")\s*[)）]")


def unit_prompt(text: str) -> Optional[str]:
    """'种公猪(≥头)' -> '(≥头)': a prompt of the template left unfilled."""
    s = unicodedata.normalize("NFKC", str(text or ""))[:MAX_LEN]
    if "(" not in s and "（" not in s:
        return None  # the prompt is bracketed: most names print no bracket
    m = _PROMPT_UNIT_RE.search(s)
    return m.group(0) if m else None


# A name ending in a count noun says the unit of a bare figure: 享受资助人数 2100
# is 2100人, 设备正常运转天数 200 is 200天.
_IMPLIED_UNITS = (("人次", "人次"), ("户数", "户"), ("人数", "人"), ("次数", "次"), ("个数", "个"),
                  ("场次", "场"), ("天数", "天"), ("台数", "台"), ("辆数", "辆"), ("件数", "件"),
                  ("份数", "份"), ("册数", "册"), ("村数", "个"), ("所数", "所"), ("家数", "家"))


_IMPLIED_ENDINGS = tuple(ending for ending, _ in _IMPLIED_UNITS)


def unit_in_name(name: str) -> Optional[str]:
    """The unit a name prints in brackets, if it is a known unit."""
    # asked for every row by several rules: each short name worked out once
    return _unit_in_name_memo(str(name or ""))


def _unit_in_name(text: str) -> Optional[str]:
    text = unicodedata.normalize("NFKC", text)[:MAX_LEN]
    # both patterns need an opening bracket: most names print none
    bracketed = "(" in text or "（" in text
    if bracketed:
        for m in _NAME_UNIT_RE.finditer(text):
            if m.group(1) != "分":  # (10分) is the indicator's points, not its unit
                return m.group(1)
    bare = (_TRAILING_BRACKETS_RE.sub("", text) if bracketed else text).strip()
    if bare.endswith(_IMPLIED_ENDINGS):  # one test before the list, in its order
        for ending, unit in _IMPLIED_UNITS:
            if bare.endswith(ending):
                return unit
    return None


_TRAILING_BRACKETS_RE = re.compile(r"[(（][^()（）]*[)）]\s*$")
_unit_in_name_memo = short_text_memo(_unit_in_name, maxsize=8192)

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "零〇一二两三四五六七八九十"

# Qualitative targets and actuals that are legitimate as printed (§3).
GRADED_LABELS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")
LABELS = frozenset(("合格", "不合格", "优", "优秀", "优良", "良", "中", "差", "是", "否",
                    "达标", "未达标", "通过", "未通过", "有", "已验收", "验收合格")
                   + GRADED_LABELS)
_EMPTY = frozenset(("", "/", "-", "—", "--", "——", "无", "暂无", "空", "null", "none"))
_NOT_APPLICABLE = frozenset(("不适用", "n/a", "na", "不涉及"))
_PLACEHOLDER_RE = re.compile(r"\*\*|[Xx×]{2,}|\(\d+字以内\)|请填写|请输入|此处填写")
# The characters a placeholder can start with: one class scans a text in a
# third of the time of the alternation, and most texts hold none of them.
_PLACEHOLDER_START_RE = re.compile(r"[*Xx×(请此]")
# No empty or not-applicable spelling is longer (and lower() never shortens).
_BLANK_WIDTH = max(len(w) for w in _EMPTY | _NOT_APPLICABLE)


def _blank_kind(s: str) -> Optional[str]:
    """The blank kind of a normalised text, as `_parse_text` tests it."""
    if len(s) <= _BLANK_WIDTH:
        low = s.lower()
        if low in _EMPTY:
            return "empty"
        if low in _NOT_APPLICABLE:
            return "not-applicable"
    if _PLACEHOLDER_START_RE.search(s) and _PLACEHOLDER_RE.search(s):
        return "placeholder"
    return None


_NUM_RE = re.compile(r"\d+(?:\.\d+)?|[" + _CN_NUM + r"]{1,4}")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_RANGE_RE = re.compile(r"\s*(?:~|-|—|–|至|到)\s*(\d+(?:\.\d+)?)")


def _per_at(s: str, pos: int) -> Optional[Tuple[str, int]]:
    r"""The per-what printed at `pos` (/人, 每月, / 社区) and where it ends:
    `\s*(?:/|每)\s*([\u4e00-\u9fffA-Za-z]{1,4})`, matched by hand (a CJK
    class costs ~0.7 ms to compile; every parse asks this)."""
    n = len(s)
    while pos < n and s[pos].isspace():
        pos += 1
    if pos >= n or s[pos] not in "/每":
        return None
    pos += 1
    while pos < n and s[pos].isspace():
        pos += 1
    end = pos
    while end < n and end - pos < 4 and ("\u4e00" <= s[end] <= "\u9fff" or "A" <= s[end] <= "Z"
                                          or "a" <= s[end] <= "z"):
        end += 1
    return (s[pos:end], end) if end > pos else None
_PERCENT_WORD_RE = re.compile(r"百分之(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]{1,4})")
_DEADLINE_RES = (
    re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末|中旬|上旬|下旬|份))?\s*(?:前|之前|以前|内|止|完成|竣工|完工)"),
    re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\s*(?:前|之前|以前)?"),
)
_PERIOD_DEADLINES = (("上半年", 6, 30), ("下半年", 12, 31), ("年底前", 12, 31), ("年底", 12, 31),
                     ("年末", 12, 31), ("年内", 12, 31), ("年度内", 12, 31),
                     ("第一季度", 3, 31), ("第二季度", 6, 30), ("第三季度", 9, 30),
                     ("第四季度", 12, 31), ("一季度", 3, 31), ("二季度", 6, 30),
                     ("三季度", 9, 30), ("四季度", 12, 31))
_MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30,
              10: 31, 11: 30, 12: 31}


def _month_end(year: Optional[int], month: int) -> int:
    """The last day of a month: 2024年2月底 is the 29th; with no year, 28."""
    return calendar.monthrange(year, month)[1] if year is not None else _MONTH_END[month]


# A date, or a period between two dates, printed as the whole value:
# 2025年12月, 2021年7月底, 2022.6.30, 2021年1月-12月, 2020.1.1-2020.12.31,
# 2022年1月1日至2022年12月31日. Read as a deadline (the period's end), never
# as two conditions.
_DATE_PART = (r"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*[年.\-/]\s*)?(?P<{p}m>\d{{1,2}})\s*(?:月|[.\-/])?\s*"
              r"(?:(?P<{p}d>\d{{1,2}})\s*[日号]?|(?P<{p}e>底|末|份))?")
_WHOLE_DATE_RE = re.compile(
    r"^(?:" + _DATE_PART.format(p="a") + r")(?:\s*(?:-|~|～|至|到|—|–)\s*" + _DATE_PART.format(p="b") + r")?$")
_SEPARATORS = ",;、()[]"
_TRIM = " \t\r\n,，;；、。.:：()（）[]【】\"'“”‘’"


class Condition(NamedTuple):
    """One comparator + number (+ range end) + unit (+ per-what)."""

    comparator: Optional[str]       # >= <= = > < ; None when printed bare
    number: float
    upper: Optional[float] = None   # the end of a range such as 25~30人
    unit: Optional[str] = None      # %, 份, 万元 …
    per: Optional[str] = None       # 月 in 1次/月, 人 in ≤200元/人
    comparator_text: Optional[str] = None  # as printed: ≧, 不低于, 以上

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def is_range(self) -> bool:
        return self.upper is not None


class Value(NamedTuple):
    """A parsed printed value. `kind` is one of:

    quantity · range · compound · deadline · label · text · empty ·
    not-applicable · placeholder
    """

    raw: str
    kind: str
    conditions: Tuple[Condition, ...] = ()
    label: Optional[str] = None
    deadline: Optional[Tuple[Optional[int], int, int]] = None  # (year, month, day)
    context: str = ""               # words left over around the figure
    nonstandard_glyph: Optional[str] = None
    from_number: bool = False       # the form held a bare TOML number
    # a deadline printed as a period (2021年1月-12月, 2020.1.1-2020.12.31):
    # its start; `deadline` is its end
    period_start: Optional[Tuple[Optional[int], int, int]] = None

    # Convenience views of the first condition: most values hold one.
    @property
    def first(self) -> Optional[Condition]:
        return self.conditions[0] if self.conditions else None

    # (each reads `conditions` itself: rules ask these hundreds of times per form)
    @property
    def comparator(self) -> Optional[str]:
        c = self.conditions
        return c[0].comparator if c else None

    @property
    def number(self) -> Optional[float]:
        c = self.conditions
        return c[0].number if c else None

    @property
    def unit(self) -> Optional[str]:
        c = self.conditions
        return c[0].unit if c else None

    @property
    def per(self) -> Optional[str]:
        c = self.conditions
        return c[0].per if c else None

    @property
    def is_percent(self) -> bool:
        c = self.conditions
        return bool(c) and c[0].unit in ("%", "‰")

    @property
    def is_quantified(self) -> bool:
        """True when the value states a measurable figure or a deadline."""
        return self.kind in ("quantity", "range", "compound", "deadline")


def _percent_word(m) -> str:
    token = m.group(1)
    if token[0].isdigit():
        return token + "%"
    number = _cn_to_int(token)
    return m.group(0) if number is None else f"{number}%"


def _normalise(text: str) -> str:
    """NFKC (full-width digits, ％, ＞, ～ …) and no inner white space."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("百分比", "%").replace("個", "个")
    if "百分之" in s:  # (both patterns need their literal: skip the scan)
        s = _PERCENT_WORD_RE.sub(_percent_word, s)
    if "," in s:
        s = _THOUSANDS_RE.sub("", s)
    return "".join(s.split())


# pure, and asked again and again of the same cells: short texts once each
normalise = short_text_memo(_normalise)


def percent_word(text: str) -> Optional[Tuple[str, str]]:
    """The first 百分比 / 百分之N in `text` and what it means: ("百分之九十",
    "90%"), ("百分比", "%"); None when there is none."""
    m = _PERCENT_WORD_RE.search(text)
    if m and _percent_word(m) != m.group(0):
        return m.group(0), _percent_word(m)
    return ("百分比", "%") if "百分比" in text else None


# Full-width digits, point and percent sign: the same figure in ASCII.
FULL_WIDTH = {**{0xFF10 + i: str(i) for i in range(10)}, 0xFF0E: ".", 0xFF05: "%"}


def _cn_to_int(token: str) -> Optional[int]:
    """Small Chinese numerals: 一 .. 九十九 (enough for 一支, 两场, 十二次)."""
    if not token or any(ch not in _CN_NUM for ch in token):
        return None
    if "十" in token:
        head, _, tail = token.partition("十")
        if "十" in tail or len(head) > 1 or len(tail) > 1:
            return None
        tens = _CN_DIGIT.get(head, None) if head else 1
        ones = _CN_DIGIT.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(token) == 1:
        return _CN_DIGIT[token]
    return None


# The last characters of the glyphs and prefix words, and the first of the
# suffix words: most figures have none of them beside them.
_COMPARATOR_LAST = frozenset(w[-1] for w in (*_GLYPH, *_WORD_PREFIX))
_SUFFIX_FIRST = frozenset(w[0] for w in _WORD_SUFFIX)


def _glyph_before(s: str, pos: int) -> Tuple[Optional[str], Optional[str], int]:
    """The comparator printed just before position `pos`, if any."""
    if pos == 0 or s[pos - 1] not in _COMPARATOR_LAST:
        return None, None, pos
    for width in (2, 1):
        start = pos - width
        if start >= 0 and s[start:pos] in _GLYPH:
            return _GLYPH[s[start:pos]], s[start:pos], start
    # the longest word that ends at `pos` (words of one length cannot tie)
    for width in _WORD_PREFIX_WIDTHS:
        start = pos - width
        if start >= 0:
            word = s[start:pos]
            if word in _WORD_PREFIX:
                return _WORD_PREFIX[word], word, start
    return None, None, pos


def _suffix_after(s: str, pos: int) -> Tuple[Optional[str], Optional[str], int]:
    if s[pos:pos + 1] not in _SUFFIX_FIRST:
        return None, None, pos
    for width in _WORD_SUFFIX_WIDTHS:
        word = s[pos:pos + width]
        if len(word) == width and word in _WORD_SUFFIX:
            return _WORD_SUFFIX[word], word, pos + width
    return None, None, pos


_WHOLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})(?:年(全年|度|整年)?|(全年|年度))$")


def _whole_date(text: str):
    """(start or None, end) when the text is only a date or a period."""
    if not text or len(text) > 40 or not text[:1].isdigit():
        return None
    m = _WHOLE_DATE_RE.match(text)
    if not m:
        return None
    a_y, a_m, a_d = m.group("ay"), m.group("am"), m.group("ad")
    if a_y is None and m.group("by") is None:
        return None  # "7-12" alone is a range of numbers, not of dates
    if a_y is None and "月" not in text:
        return None

    def date(y, mo, d, start):
        month = int(mo)
        if not 1 <= month <= 12:
            return None
        day = int(d) if d else (1 if start else _month_end(int(y) if y else None, month))
        if not 1 <= day <= 31:
            return None
        return (int(y) if y else None, month, day)

    if "月" not in text and (a_d is None or (m.group("bm") is not None and m.group("bd") is None)):
        return None  # 2021.5 or 2021.5-6 is a number (a range), not a date: dots need the day
    if m.group("bm") is None:
        end = date(a_y, a_m, a_d, False)
        return (None, end) if end else None
    start = date(a_y, a_m, a_d, True)
    end = date(m.group("by") or a_y, m.group("bm"), m.group("bd"), False)
    if not start or not end:
        return None
    return start, end


def _find_deadline(s: str):
    # Cheap gates first (same result): the first pattern needs 月, the second
    # a digit, and every period word holds 年 or 季.
    for rx, needed in zip(_DEADLINE_RES, ("月", None)):
        if needed is not None and needed not in s:
            continue
        m = rx.search(s)
        if not m:
            continue
        groups = m.groups()
        year = int(groups[0]) if groups[0] else None
        month = int(groups[1])
        if not 1 <= month <= 12:
            continue
        day_text = groups[2]
        day = int(day_text) if day_text else _month_end(year, month)
        if not 1 <= day <= 31:
            continue
        return (year, month, day), m.span()
    if "年" not in s and "季" not in s:
        return None, None
    for word, month, day in _PERIOD_DEADLINES:
        i = s.find(word)
        if i >= 0:
            return (None, month, day), (i, i + len(word))
    return None, None


def _scan_conditions(s: str):
    """Every comparator+number+unit in `s`, with the spans they cover."""
    found = []
    pos = 0
    n = len(s)
    while pos < n:
        m = _NUM_RE.search(s, pos)
        if not m:
            break
        token = m.group(0)
        end = m.end()
        if token[0].isdigit():
            comparator, ctext, start = _glyph_before(s, m.start())
            whole = token.split(".")[0]
            if len(whole) > MAX_DIGITS:
                pos = end
                continue
            number = float(token)
            upper = None
            r = _RANGE_RE.match(s, end)
            if r and len(r.group(1).split(".")[0]) <= MAX_DIGITS:
                upper = float(r.group(1))
                end = r.end()
        else:
            # A Chinese numeral counts only as a whole figure with a count unit
            # (一支, ≥两场), never inside a phrase (三会一课, 一周一课).
            # (most are words of prose: what is after them turns them down
            # before the comparator before them is looked for)
            u = _unit_at(s, end)
            if (not u or u not in _COUNT_UNIT_SET
                    or (end + len(u) < len(s) and s[end + len(u)] not in _SEPARATORS + "/以及或左余多")):
                pos = end
                continue
            value = _cn_to_int(token)
            if value is None:
                pos = end
                continue
            comparator, ctext, start = _glyph_before(s, m.start())
            if start > 0 and s[start - 1] not in _SEPARATORS:
                pos = end
                continue
            number = float(value)
            upper = None
        unit = None
        if s.startswith("万", end) and not s.startswith("万元", end):
            # 1.5万人次 -> 15000 人次; a bare 万 (16.12万/社区) is money: 万元.
            nxt = _unit_at(s, end + 1)
            if nxt and nxt not in MONEY_UNITS and nxt not in ("%", "‰"):
                number *= 10000
                if upper is not None:
                    upper *= 10000
                unit = nxt
                end += 1 + len(nxt)
            else:
                unit = "万元"
                end += 1
        if unit is None:
            unit = _unit_at(s, end)
            if unit:
                end += len(unit)
        per = None
        p = _per_at(s, end)
        if p:
            # keep the per-what short: 次/月, 元/人, 万元/社区
            per, end = p
        sc, stext, send = _suffix_after(s, end)
        if sc and comparator is None:
            comparator, ctext = sc, stext
            end = send
        elif sc:
            end = send
        for word in _APPROX_SUFFIX:  # 100人左右: the figure stands, the hedge is consumed
            if s.startswith(word, end):
                end += len(word)
                break
        found.append((_new(Condition, (comparator, number, upper, unit, per, ctext)),
                      (start, end)))
        pos = end
    return found


def _leftover(s: str, spans) -> str:
    out, last = [], 0
    for a, b in spans:
        out.append(s[last:a])
        last = b
    out.append(s[last:])
    return "".join(out).strip(_TRIM)


# two-character glyphs first: "＞＝" must not be taken for "＞"
_NONSTANDARD_GLYPHS = ("＞＝", "＜＝", ">=", "<=", "=>", "=<", "==", "≧", "≦", "⩾", "⩽", "═", "＞", "＜", "＝")
# Each holds one of these: one scan rules out the fifteen for most texts.
_NONSTANDARD_GLYPH_RE = re.compile("[" + re.escape("".join(sorted(set("".join(_NONSTANDARD_GLYPHS))))) + "]")


def _nonstandard_glyph(raw: str) -> Optional[str]:
    if not _NONSTANDARD_GLYPH_RE.search(raw):
        return None
    for glyph in _NONSTANDARD_GLYPHS:
        if glyph in raw:
            return glyph
    return None


def parse(value) -> Value:
    """Parse a printed value (str, int, float or None). Never raises."""
    if value is None:
        return Value(raw="", kind="empty")
    if isinstance(value, bool):
        return Value(raw=str(value), kind="label", label="是" if value else "否")
    if isinstance(value, (int, float)):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            return Value(raw=str(value), kind="text")
        # every field given, as Value(raw=…, kind="quantity", conditions=
        # (Condition(None, number),), from_number=True) builds it: a form's
        # actuals are mostly numbers, and the keyword call costs more than the rest
        return _new(Value, (str(value), "quantity", (_new(Condition, (None, number, None, None, None, None)),),
                            None, None, "", None, True, None))
    return _parse_memo(str(value))


def _parse_safe(raw: str) -> Value:
    try:
        return _parse_text(raw)
    except Exception:  # pragma: no cover - the parser must never take a run down
        return Value(raw=raw, kind="text")


# A Value is immutable and depends on the text alone, so each distinct text is
# parsed once: several rules ask for the same cell, and forms repeat "100%",
# "≥90%", "合格" across a run.
_parse_memo = short_text_memo(_parse_safe)


def blank_kind(value) -> Optional[str]:
    """`parse(value).kind` when it is "empty", "not-applicable" or
    "placeholder", else None, without the rest of the parse (rules that only
    ask whether a name is blank need no more)."""
    if value is None:
        return "empty"
    if isinstance(value, (bool, int, float)):
        return None
    try:
        s = normalise(str(value)[:MAX_LEN])
    except Exception:  # pragma: no cover - parse() would call it text
        return None
    return _blank_kind(s)


def is_placeholder(value) -> bool:
    """`parse(value).kind == "placeholder"`, without the rest of the parse
    (for rules that scan every text of a form)."""
    if value is None or isinstance(value, (bool, int, float)):
        return False
    raw = str(value)
    hit = placeholder_memo.get(raw)
    if hit is None:
        hit = _placeholder(raw)
        if len(raw) <= SHORT:
            placeholder_memo.put(raw, hit)
    return hit


def any_placeholder(texts: Sequence[str]) -> bool:
    """`any(is_placeholder(t) for t in texts)`, each text looked up in the
    memo first: a form's texts mostly repeat across a run (万元, 产出指标,
    全部达成预期指标), and one NFKC pass over all of them costs more than
    the lookups."""
    memo = placeholder_memo.get
    for text in texts:
        hit = memo(text)
        if hit or (hit is None and is_placeholder(text)):
            return True
    return False


def _placeholder(raw: str) -> bool:
    return blank_kind(raw) == "placeholder"


class _Memo(dict):
    """A bounded memo that rules may read directly (`memo.get(text)`); it
    starts afresh when full."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def put(self, key, value) -> None:
        if len(self) >= self.size:
            self.clear()
        self[key] = value

    def cache_clear(self) -> None:
        self.clear()


# text -> is_placeholder(text), for texts of at most SHORT characters
placeholder_memo = _Memo(16384)


def _parse_text(raw: str) -> Value:
    s = normalise(raw[:MAX_LEN])
    # A simple quantity first: it holds a digit, which no blank spelling or
    # label does, so only a placeholder could have come before it
    if _QUICK_AFTER[0] <= 0:
        if not _PLACEHOLDER_START_RE.search(s):
            quick = _quick_quantity(raw, s)
            if quick is not None:
                return quick
    else:
        _QUICK_AFTER[0] -= 1
    blank = _blank_kind(s)
    if blank is not None:
        return Value(raw=raw, kind=blank)
    bare = s.strip(_TRIM)
    if bare in LABELS:
        return Value(raw=raw, kind="label", label=bare)
    glyph = _nonstandard_glyph(raw)

    year = _WHOLE_YEAR_RE.match(bare)
    if year:
        # 2021年全年 / 2021年度: the whole budget year, a period (no deadline
        # inside it); 2021年 alone: by the end of that year. Never 2021 years.
        y = int(year.group(1))
        return Value(raw=raw, kind="deadline", deadline=(y, 12, 31),
                     period_start=(y, 1, 1) if (year.group(2) or year.group(3)) else None,
                     nonstandard_glyph=glyph)

    whole = _whole_date(bare)
    if whole is not None:
        start, end = whole
        return Value(raw=raw, kind="deadline", deadline=end, period_start=start,
                     nonstandard_glyph=glyph)

    deadline, dspan = _find_deadline(s)
    if deadline is not None:
        rest = s[:dspan[0]] + s[dspan[1]:]
        conds = [c for c, _ in _scan_conditions(rest)]
        # 11月底完成100%: the share done by the date is part of the deadline
        if len(conds) == 1 and conds[0].is_percent and conds[0].number >= 100:
            conds = []
        if not conds:
            return Value(raw=raw, kind="deadline", deadline=deadline,
                         context=rest.strip(_TRIM), nonstandard_glyph=glyph)

    found = _scan_conditions(s)
    if not found:
        return Value(raw=raw, kind="text", nonstandard_glyph=glyph)
    conditions = tuple(c for c, _ in found)
    context = _leftover(s, [span for _, span in found])
    if len(conditions) > 1:
        kind = "compound"
    elif conditions[0].is_range:
        kind = "range"
    else:
        kind = "quantity"
    return Value(raw=raw, kind=kind, conditions=conditions, context=context,
                 nonstandard_glyph=glyph)


# Most printed values are one simple quantity: ≥711份, 17286.94元/场, 至少501人,
# 10台以上. `_quick_quantity` reads that shape and builds the Value the full
# parse builds (tests/test_values_quick.py runs both over every value of the
# tests, examples, corpus and generated forms); anything else goes the full
# way. The shape: one prefix comparator (a glyph ≥ ≤ < > = or a word), an
# ASCII number, a unit, /per-what (Chinese, 1-4 characters), one suffix
# comparator (以上 …), and nothing else; and from the number on none of
# `_QUICK_OUT`: a date word (年 月 季: 2021年, 12月底, 上半年), a range sign
# (25~30, 至), a Chinese numeral (一支: its own rules), where the full parse
# would read something else.
#
# The unit is the one the scan takes, the longest of the lexicon at the
# number's end (`_unit_at`), and what follows it must be the per-what and
# suffix alone (`_QUICK_TAIL_RE`). This is what one pattern with every unit
# in it, longest first, accepted once its unit was checked against
# `_unit_at`, without the ~1.5 ms that alternation costs to compile and the
# time it spends trying units.
_QUICK_OUT = "年月季~～至到—–-" + _CN_NUM
# The units the quick path may end on: none of `_QUICK_OUT` in them, and no
# 万 but in 万元 (the scan reads the 万 of 1.5万人次 or 3万吨 as a multiplier).
_QUICK_UNIT_SET = frozenset(u for u in _UNIT_SET if not any(ch in _QUICK_OUT for ch in u)
                            and (u == "万元" or not u.startswith("万")))
_QUICK_PREFIX = {**{g: _GLYPH[g] for g in "≥≤<>="}, **_WORD_PREFIX}
_QUICK_RE = lazy(
    "(" + "|".join(sorted(_QUICK_PREFIX, key=len, reverse=True)) + ")?"
    r"([0-9]+(?:\.[0-9]+)?)")
_QUICK_TAIL_RE = lazy(
    "(?:/([\u4e00-\u9fff]{1,4}))?"
    "(" + "|".join(sorted(_WORD_SUFFIX, key=len, reverse=True)) + ")?")
_QUICK_OUT_RE = lazy("[" + re.escape(_QUICK_OUT) + "]")


# The quick path pays off only over many values: its patterns cost time to
# compile, more than a pre-commit run on one form saves with them (~36
# values). So the first texts of a run are parsed in full, and the quick path
# starts after this many (the results are the same either way).
_QUICK_AFTER = [256]


def _quick_quantity(raw: str, s: str) -> Optional[Value]:
    """The Value of a simple quantity (see above), or None: parse it in full.
    `s` is `normalise(raw)`; the caller has ruled out placeholders (blanks
    and labels hold no digit)."""
    if s != raw or len(s) > 40:  # raw == s: no full-width glyph (＞＝) to report
        return None
    # the prefix and the number: no unit, suffix or per-what starts with a
    # digit or a point, so the number is all the digits there
    m = _QUICK_RE.match(s)
    if m is None:
        return None
    prefix, token = m.groups()
    if len(token) > MAX_DIGITS and len(token.split(".")[0]) > MAX_DIGITS:
        return None
    end = m.end()
    unit: Optional[str] = s[end:]
    per = suffix = None
    if unit not in _QUICK_UNIT_SET and unit:
        # not the number and its unit alone (≥711份, 100%): the scan's unit is
        # the longest at the number's end, then the per-what and suffix
        unit = _unit_at(s, end)
        if unit is not None:
            if unit not in _QUICK_UNIT_SET:
                return None
            end += len(unit)
        elif s.startswith("万", end):
            return None  # 16.12万/社区: 万元 to the scan
        # (from the unit on: the prefix words 至少 and 达到 are no range)
        tail = _QUICK_TAIL_RE.fullmatch(s, end)
        if tail is None or _QUICK_OUT_RE.search(s, end):
            return None
        per, suffix = tail.groups()
        if per and suffix and len(per) < 4:
            return None  # the scan's per-what runs on into 以上 (元/人以上: per 人以上)
    if s.startswith(("19", "20")) and _whole_date(s) is not None:
        return None  # 2021.5.1 and the like: a date
    comparator: Optional[str]
    ctext: Optional[str]
    if prefix:
        comparator, ctext = _QUICK_PREFIX[prefix], prefix
    elif suffix:
        comparator, ctext = _WORD_SUFFIX[suffix], suffix
    else:
        comparator = ctext = None
    # tuple.__new__ with every field: what Value(raw=…, …) builds, without
    # its keyword handling (a third of this path's cost)
    condition = _new(Condition, (comparator, float(token), None, unit or None, per, ctext))
    return _new(Value, (raw, "quantity", (condition,), None, None, "", None, False, None))


_new = tuple.__new__


def format_number(number: Optional[float]) -> str:
    """70.0 -> '70', 46.71 -> '46.71' (for messages)."""
    if number is None:
        return ""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.6g}"



def as_text(value) -> str:
    """A form value as a person reads it: '' for nothing, 70 not 70.0."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def number(value) -> Optional[float]:
    """A form's figure as a float, or None: not for text, booleans (TOML
    true is not 1), NaN or infinities (no budget or score is either)."""
    kind = type(value)
    if kind is float:  # the common cases first: checks ask this ~800 times a form
        return value if value - value == 0.0 else None   # NaN and ±inf give NaN
    if kind is str or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value
