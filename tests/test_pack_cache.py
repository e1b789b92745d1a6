"""Parsed rule packs kept in the user's cache home (packs/load.py): used only
when signed under this user's key, named by the pack's bytes, and never a
way to change what a pack says."""
import marshal
import os

from linter.base.resources import builtin_packs_dir
from linter.base.usercache import key_path
from linter.packs.load import PACK_CACHE, load_pack_file

CORE = builtin_packs_dir() / "core.toml"


def _codes(pack):
    return [(r.code, r.severity, r.message.get("zh")) for r in pack.rules]


def _entries(home):
    folder = home / "jxlint" / PACK_CACHE
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_pack_reads_the_same_from_its_cached_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = load_pack_file(CORE)
    assert len(_entries(tmp_path)) == 1
    assert _codes(load_pack_file(CORE)) == _codes(first)


def test_a_planted_or_altered_entry_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = _codes(load_pack_file(CORE))
    (entry,) = _entries(tmp_path)
    mac, _, body = entry.read_bytes().partition(b"\n")
    data = marshal.loads(body)
    data["rules"] = data["rules"][:1]  # a pack with its other rules gone
    entry.write_bytes(mac + b"\n" + marshal.dumps(data))  # the old MAC no longer holds
    assert _codes(load_pack_file(CORE)) == expected
    # a fresh key (another user's, a copied cache): nothing signed before counts
    entry.write_bytes(mac + b"\n" + body)
    os.unlink(key_path())
    assert _codes(load_pack_file(CORE)) == expected


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("JXLINT_NO_PACK_CACHE", "1")
    load_pack_file(CORE)
    assert _entries(tmp_path) == []
