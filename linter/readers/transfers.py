"""Budget transfers written as prose: `[[budget.adjustments]]` from a table's
问题 column.

The Longgang table (seed 002) prints no adjusted budget; the year's transfers
are sentences in its 项目执行中存在的问题 column (财政统筹回6万元, 调剂2万元到
其他一般管理事务, 从民办社会福利机构调剂3.08万元). The execution-rate rules
need them as adjustments, exactly as the hand transcriptions record them:
amount (negative when money leaves the project), reason, counterpart.

The patterns are the template's (regular expressions with an `amount` group
and optionally a `counterpart` group, each with a sign), tried in order; a
stretch of text one pattern used is not read again by the next, so
"调剂8.47万元到X" is not also read as "8.47万元到X". A counterpart is
resolved to the longest project name of the same table it starts with
("其他一般管理事务为法律诉讼费…" -> 其他一般管理事务).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, List, Mapping, Optional, Sequence, Tuple, Union

from linter.model.printed import plain_number

_UNIT_AFTER = re.compile(r"^\s*(?:万元|万|元)")
_TRIM = " ,，。;；、"


@dataclass(frozen=True)
class Transfer:
    amount: Union[int, float]
    reason: str
    counterpart: Optional[str]
    start: int


def find_transfers(text: str, patterns: Sequence[Tuple["re.Pattern[str]", int, Optional[str]]],
                   names: Collection[str] = ()) -> List[Transfer]:
    """The transfers `text` states, in the order it states them; a
    counterpart is the longest of `names` (the other projects; a set, when
    asked for many texts) it starts with."""
    masked = text
    found: List[Transfer] = []
    for regex, sign, reason_format in patterns:
        for m in list(regex.finditer(masked)):
            groups: Mapping[str, Optional[str]] = m.groupdict()
            amount = plain_number(groups.get("amount") or "")
            if amount is None:
                continue
            counterpart = _resolve(groups.get("counterpart"), names)
            if reason_format:
                reason = reason_format.replace("{counterpart}", counterpart or "")
            else:
                before = text[m.start():m.start("amount")]
                after = _UNIT_AFTER.sub("", text[m.end("amount"):m.end()])
                reason = (before + after).strip(_TRIM)
            found.append(Transfer(sign * amount, reason, counterpart, m.start()))
            masked = masked[:m.start()] + "\x00" * (m.end() - m.start()) + masked[m.end():]
    return sorted(found, key=lambda t: t.start)


def _resolve(printed: Optional[str], names: Collection[str]) -> Optional[str]:
    """The longest of `names` that `printed` starts with, else `printed`."""
    if not printed:
        return None
    printed = printed.strip(_TRIM)
    # a table's 2,000 project names, asked for each row's transfers: the
    # prefixes of the printed name are looked up instead of every name tried
    known = names if isinstance(names, (set, frozenset)) else set(names)
    for end in range(len(printed), 0, -1):
        if printed[:end] in known:
            return printed[:end]
    return printed
