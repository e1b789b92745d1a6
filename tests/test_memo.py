"""base/memo.py: the memos of printed texts and of objects by identity."""
from linter.base.memo import SHORT, ByIdentity, short_text_memo


def test_a_short_text_is_worked_out_once_a_long_one_every_time():
    calls = []
    memo = short_text_memo(lambda text: calls.append(text) or text.upper())
    long = "x" * (SHORT + 1)
    assert [memo("ab"), memo("ab"), memo(long), memo(long)] == ["AB", "AB", long.upper(), long.upper()]
    assert calls == ["ab", long, long]
    memo.cache_clear()  # type: ignore[attr-defined]
    memo("ab")
    assert calls[-1] == "ab" and len(calls) == 4


def test_by_identity_builds_once_per_object_not_per_equal_value():
    built = []
    by_id = ByIdentity(lambda obj: built.append(obj) or len(built), size=2)
    a, b = {"k": 1}, {"k": 1}
    assert [by_id(a), by_id(a), by_id(b)] == [1, 1, 2]
    assert by_id(a) == 1
    c = {"k": 1}
    assert by_id(c) == 3       # past its size it starts afresh…
    assert by_id(a) == 4       # …so a is built again
