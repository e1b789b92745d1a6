"""What a check may consult besides its node.

Checks receive a `Context`: the form, its values parsed once per form, and
the lists, tables and framework of the rule set the form is checked with.
It lives with the checks because it is their interface; the engine builds
one per form, and reporters that draw what the checks see build one too.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from linter.base.memo import ByIdentity
from linter.model.form import Form, Node
import re

from linter.model.outcome import Outcome, compare
from linter.model.printed import excel_serial
from linter.model.values import _GLYPH, _WORD_PREFIX, Value, as_text, parse, unit_in_name


# rule set -> what checks derived from its lists and tables (Context.of_rules)
_DERIVED: ByIdentity[Dict[Any, Any]] = ByIdentity(lambda ruleset: {}, 64)


class Context:
    """What a check may consult besides its node: the form, parsed values
    (each parsed once per form), and the pack's lists, tables and framework."""

    def __init__(self, form: Form, ruleset: Any):
        # a packs.RuleSet; typed loosely because checks sit below packs
        self.form = form
        self.ruleset = ruleset
        self.framework = ruleset.framework
        self.template = self.framework.template(form.nodes("indicator"))
        self._values: Dict[Tuple[str, str], Value] = {}
        self._indicators: Optional[Tuple[Node, ...]] = None
        self._once: Dict[str, Any] = {}
        self._outcomes: Dict[Tuple[str, int], Tuple[Sequence[str], Optional[Outcome]]] = {}
        self._level1: Dict[Any, Optional[str]] = {}
        self._level2: Dict[Any, Optional[str]] = {}
        self._derived = _DERIVED(ruleset)

    def value(self, node: Node, key: str) -> Value:
        cache_key = (node.path, key)
        try:  # asked ~25 times per row: the hit first, without a test on None
            return self._values[cache_key]
        except KeyError:
            pass
        raw = printed_value(node, key)
        if isinstance(raw, (int, float)) and node.type == "indicator" and key in ("target", "actual"):
            serial = excel_serial(raw)
            if serial is not None and self.level2(node) == "时效指标":
                raw = serial.isoformat()  # 44895 in a 时效 cell is a date, not a count
        value = self._values[cache_key] = parse(raw)
        return value

    def outcome(self, node: Node, zero_phrases: Sequence[str] = ()) -> Optional[Outcome]:
        """`compare(target, actual, zero_phrases)` of the row, once per row and
        list: the score formula, the deviation and the too-low-target rules all
        ask it of every row with an actual. The entry keeps the list, so its
        id cannot stand for another list while the form is checked."""
        key = (node.path, id(zero_phrases))
        hit = self._outcomes.get(key)
        if hit is not None and hit[0] is zero_phrases:
            return hit[1]
        result = compare(self.value(node, "target"), self.value(node, "actual"), zero_phrases)
        self._outcomes[key] = (zero_phrases, result)
        return result

    def once(self, key: str, compute: Any) -> Any:
        """A fact about the whole form that a check on each row needs
        (does any row print a weight?): `compute(ctx)` once per form."""
        try:
            return self._once[key]
        except KeyError:
            value = self._once[key] = compute(self)
            return value

    def of_rules(self, key: Any, compute: Any) -> Any:
        """A fact of the rule set alone (a pack list cleaned and sorted, a
        table grouped): `compute(ctx)` once per rule set, not once per form.
        `key` names the fact and the params it depends on."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value

    def indicators(self) -> Sequence[Node]:
        """The form's performance indicators: every indicator row but the
        evaluation-rubric rows (项目决策, 项目管理 …) some forms print among them.
        Weights and scores still count those rows; categories and names do not."""
        if self._indicators is None:
            fw = self.framework
            self._indicators = tuple(n for n in self.form.nodes("indicator")
                                     if not fw.is_rubric(n.get("level1", "") or ""))
        return self._indicators

    # Asked of every row by many rules: the canonical label of each printed
    # label, kept per form (the framework's own cache builds a key per call).
    # (the cache hit inline: each is asked ~900 times per 30-row form)
    def level1(self, node: Node) -> Optional[str]:
        label = node.get("level1", "")
        try:
            return self._level1[label]
        except (KeyError, TypeError):
            return _canonical(self._level1, self.framework.level1, label)

    def level2(self, node: Node) -> Optional[str]:
        label = node.get("level2", "")
        try:
            return self._level2[label]
        except (KeyError, TypeError):
            return _canonical(self._level2, self.framework.level2, label)

    def list(self, name: Optional[str]) -> Sequence[str]:
        return self.ruleset.lists.get(name, ()) if name else ()

    def table(self, name: Optional[str]) -> Sequence[Mapping[str, Any]]:
        return self.ruleset.tables.get(name, ()) if name else ()


# 指标性质 as printed: a comparator, or the indicator's direction.
DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤", "大于等于": "≥", "小于等于": "≤",
              "等于": "=", "≥": "≥", "≤": "≤", "=": "=", ">=": "≥", "<=": "≤", ">": ">", "<": "<",
              "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤"}
_BARE_NUMBER = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")
# A comparator printed before the figure, as a glyph (≥) or a word (不低于).
_LEADING_COMPARATOR = re.compile(
    "^(?:" + "|".join(re.escape(w) for w in sorted({*_GLYPH, *_WORD_PREFIX, "＞", "＜", "＝"}, key=len, reverse=True))
    + r")\s*")


def _canonical(cache: Dict[Any, Optional[str]], resolve, label: Any) -> Optional[str]:
    try:
        return cache[label]
    except KeyError:
        found = cache[label] = resolve(label).canonical
        return found
    except TypeError:  # not a label at all (an unhashable value)
        return resolve(label).canonical


def printed_value(node: Node, key: str) -> Any:
    """The value as one printed cell. Forms that print 指标性质 | 指标值 | 度量单位
    in three columns store `comparator` and `unit` beside `target`; they are
    joined back so every check sees ≥ 90 % the same way. 指标性质 may print a
    direction instead (正向 → ≥, 反向 → ≤; 定性 and anything else add nothing).
    A bare-number target or actual — typed as a number or as text alike, or
    printed after its comparator (≥100, 不低于100) — takes the indicator's unit, or the
    unit its name prints (营造林总面积(亩))."""
    raw = node.get(key)
    if node.type != "indicator" or key not in ("target", "actual") or raw is None or isinstance(raw, bool):
        return raw
    printed = node.get("comparator")
    comparator = DIRECTIONS.get(str(printed).strip()) if printed else None
    unit = node.get("unit") or unit_in_name(node.get("name") or "")
    if not comparator and not unit:
        return raw
    text = as_text(raw).strip()
    bare = bool(_BARE_NUMBER.match(text))
    if key == "actual" and not bare:
        return raw
    if key == "target" and comparator and bare:
        text = f"{comparator}{text}"
    elif key == "target" and comparator and not text.startswith(comparator) and node.get("unit"):
        text = f"{comparator}{text}"  # a three-column form: 指标值 holds the figure alone
    if unit and bare or (unit and not text.endswith(str(unit))
                         and _BARE_NUMBER.match(_LEADING_COMPARATOR.sub("", text, count=1).strip())):
        text = f"{text}{unit}"
    return text
