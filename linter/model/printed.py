"""Figures as real forms print them -> the types of the form format.

A weight printed `20%` or `20分`, a budget printed `250万`, `3,000.50` or
`３８７６６４．６２`, a year printed `2022年度`, a date printed `2022年1月31日`:
each is read here into the number or date the format means, with a note of
what was printed around the figure (`854万(其中高标准农田400万元)` is 854 and
the note `其中高标准农田400万元`). What cannot be read returns None and the
reader reports it at its field or cell; nothing here guesses a meaning
(Chinese numerals in a 分值 cell, `八分`, are not read: a typed `8` is what
the form means, and a finding says so).

Pure functions, no I/O; bounded regexes over short cells.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import NamedTuple, Optional, Union

from linter.base.lazyre import lazy

Number = Union[int, float]

MAX_CELL = 400  # longer text is prose, never one figure

# What a number cell prints to mean "nothing here" (the national money block
# prints — under 分值/执行率/得分 for the source rows).
BLANKS = frozenset({"", "—", "——", "-", "－", "--", "/", "／", "\\", "无", "不适用", "空", "——/", "/-"})

_NUM = r"[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONEY_RE = lazy(rf"^({_NUM})\s*(亿元|万元|万|元)?\s*(.*)$")
_POINTS_RE = lazy(rf"^({_NUM})\s*(分|%)?$")
_YEAR_RE = lazy(r"^((?:19|20)\d{2})(?:\.0+)?\s*(?:年度|年)?$")
_DATE_RES = (
    lazy(r"^((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})\s*日?(?:\s*0{1,2}:0{2}(?::0{2})?)?$"),
)
_NOTE_TRIM = "()（）[]【】,，;；:： "

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); a
# serial in this range is a date between 1990 and 2100.
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
SERIAL_RANGE = (32874, 73051)


def fold(text: str) -> str:
    """NFKC (full-width digits and points, ％, （）) and no edge blanks."""
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(text: str) -> bool:
    return fold(text).replace(" ", "") in BLANKS


def _to_number(s: str) -> Number:
    s = s.replace(",", "")
    return int(s) if re.fullmatch(r"[+\-]?\d+", s) else float(s)


_PLAIN_RE = re.compile(rf"^{_NUM}$")


def plain_number(text: str) -> Optional[Number]:
    """'1,234.50' -> 1234.5, '102' -> 102; None when the text is not a plain number."""
    s = text.strip().replace(" ", "")
    return _to_number(s) if len(s) <= 40 and _PLAIN_RE.match(s) else None


class Money(NamedTuple):
    amount: Number          # in the form's money unit
    printed_unit: str       # 万元 / 元 / 亿元 / "" as printed
    note: str = ""          # what was printed after the figure


def money(text: str, form_unit: str = "万元") -> Optional[Money]:
    """'250万' -> 250 (万元); '3,000元' in a 万元 form -> 0.3; '854万(…)' ->
    854 with the note; None when no figure leads the text."""
    if len(text) > MAX_CELL:
        return None
    s = fold(text)
    m = _MONEY_RE.match(s.replace(" ", "")) if len(s) < 60 else _MONEY_RE.match(s)
    if not m:
        return None
    amount = _to_number(m.group(1))
    unit = m.group(2) or ""
    rest = m.group(3).strip(_NOTE_TRIM)
    if rest and not m.group(2) and not s[len(m.group(1)):].lstrip().startswith(("(", "（", "[", "【", ",", "，", ";")):
        return None  # "250 人" or "1.2.3": not a sum of money
    factor = {"亿元": 10000.0, "万元": 1.0, "万": 1.0, "元": 0.0001, "": 1.0}[unit]
    if form_unit == "元":
        factor = {"亿元": 1e8, "万元": 1e4, "万": 1e4, "元": 1.0, "": 1.0}[unit]
    if factor != 1.0:
        amount = round(amount * factor, 6)
        if isinstance(amount, float) and amount.is_integer() and abs(amount) < 1e15:
            amount = int(amount)
    return Money(amount, unit, rest)


def points(text: str) -> Optional[Number]:
    """'20' / '20分' / '20%' / '２０．５' -> the number; None otherwise."""
    if len(text) > 40:
        return None
    m = _POINTS_RE.match(fold(text).replace(" ", ""))
    return _to_number(m.group(1)) if m else None


def year(value: Union[str, int, float]) -> Optional[int]:
    """'2022' / '2022年' / '2022年度' / 2022.0 -> 2022."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() and 1900 <= value <= 2100 else None
    if isinstance(value, int):
        return value
    m = _YEAR_RE.match(fold(str(value))[:20])
    return int(m.group(1)) if m else None


def integer(value: Union[str, int, float]) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, int):
        return value
    s = fold(str(value))[:20]
    s = re.sub(r"^第|期$|次$", "", s)
    return int(s) if re.fullmatch(r"\d{1,6}", s) else None


def date(value) -> Optional[_dt.date]:
    """A date from '2022-01-31', '2022/1/31', '2022.1.31', '2022年1月31日',
    an Excel serial (44592), or a datetime."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return excel_serial(value)
    s = fold(str(value))[:40]
    for pattern in _DATE_RES:
        m = pattern.match(s)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def excel_serial(value: Number) -> Optional[_dt.date]:
    """Excel's day number as a date, for serials between 1990 and 2100."""
    if isinstance(value, bool) or not (SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]):
        return None
    if isinstance(value, float) and not value.is_integer():
        value = int(value)
    return _EXCEL_EPOCH + _dt.timedelta(days=int(value))
