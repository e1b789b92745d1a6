"""Indicator names as printed -> names to compare.

Printed 三级指标 carry their points (开展文艺演出场次(2分)), numbering
(指标1：, 1.、（一）) and stray spaces; rules that compare or classify names
see them without these. `duplicate_key` goes further and drops punctuation,
so 福利、救助资金发放覆盖率 and 福利救助资金发放覆盖率 are the same indicator.
"""
from __future__ import annotations

import re
import unicodedata

from linter.base.memo import short_text_memo

# Traditional characters of the words rules look for: pages republished in
# traditional script print 產出指標 for 产出指标, 滿意度 for 满意度.
TRADITIONAL = str.maketrans("產標質數時濟會態續響務對級類滿資經費設備環護維總獲門體機構與為過預實際項額覆蓋發戶員場訓練檢驗處補貼療醫衛運營協調辦",
                            "产标质数时济会态续响务对级类满资经费设备环护维总获门体机构与为过预实际项额覆盖发户员场训练检验处补贴疗医卫运营协调办")

_POINTS_RE = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*$")
_PREFIX_RE = re.compile(
    r"^(?:指标\s*\d{1,3}\s*[:：.、]?|\d{1,3}\s*[.、:：)）]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.])\s*")
_PUNCT_RE = re.compile(r"[\s,，、;；:：.。!！?？\"'“”‘’()（）\[\]【】《》<>〈〉\-—_/]+")


def clean_name(name: str) -> str:
    """'指标1：开展文艺演出场次(2分)' -> '开展文艺演出场次'."""
    return _clean_memo(str(name or ""))


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(TRADITIONAL).strip()
    s = _POINTS_RE.sub("", s).strip()
    s = _PREFIX_RE.sub("", s, count=1).strip()
    return " ".join(s.split())


# Points printed after a name: 学生受资助人数(10分), （１０分）.
_NAME_POINTS_RE = re.compile(r"\s*[(（]\s*([\d０-９]+(?:[.．][\d０-９]+)?)\s*分\s*[)）]\s*$")


def points_in_name(name) -> "float | None":
    """The points printed after a name ('学生受资助人数(10分)' -> 10.0), else None."""
    m = _NAME_POINTS_RE.search(str(name or ""))
    return float(unicodedata.normalize("NFKC", m.group(1))) if m else None


def display_name(name) -> str:
    """The name as a message shows it: as printed, less the points printed
    after it ('学生受资助人数(10分)' -> '学生受资助人数'); they are the weight."""
    text = str(name or "")
    return _NAME_POINTS_RE.sub("", text) or text


def duplicate_key(name: str) -> str:
    """What two names must share to be the same indicator."""
    return _duplicate_memo(str(name or ""))


def _duplicate_key(text: str) -> str:
    return _PUNCT_RE.sub("", clean_name(text)).lower()


# Several rules clean the same name; the result depends on the text alone.
_clean_memo = short_text_memo(_clean)
_duplicate_memo = short_text_memo(_duplicate_key)
