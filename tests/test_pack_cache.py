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


# -- built packs (packs/cache.py) ----------------------------------------------

def _built(home):
    from linter.packs.cache import KIND
    folder = home / "jxlint" / KIND
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _everything(pack):
    return (pack.name, pack.meta, list(pack.rules), pack.lists, pack.tables, pack.framework,
            pack.overrides, pack.extends, pack.applies)


def test_a_built_pack_comes_back_exactly_as_it_was_built(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    import linter.packs.load as load
    fresh = load_pack_file(CORE)
    assert len(_built(tmp_path)) == 1
    monkeypatch.setattr(load, "_build_pack", lambda *a: (_ for _ in ()).throw(AssertionError("built again")))
    kept = load_pack_file(CORE)
    assert _everything(kept) == _everything(fresh)
    assert [r.select for r in kept.rules] == [r.select for r in fresh.rules]
    assert all(type(r.select).__name__ == "Selector" for r in kept.rules)
    assert kept.path == fresh.path and kept.source_map.locate("rules[3].code") == fresh.source_map.locate("rules[3].code")


def test_a_built_pack_is_not_used_by_other_code_or_for_other_bytes(tmp_path, monkeypatch):
    """Editing any module that validates or builds packs, or the pack itself,
    builds it afresh; so does a tampered entry."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    import linter.packs.cache as cache
    import linter.packs.load as load
    load_pack_file(CORE)
    builds = []
    real = load._build_pack
    monkeypatch.setattr(load, "_build_pack", lambda *a: builds.append(1) or real(*a))
    monkeypatch.setitem(cache._SIGNATURE, "", b"another version of the checks")
    load_pack_file(CORE)
    assert builds == [1]
    copy = tmp_path / "core.toml"
    copy.write_bytes(CORE.read_bytes().replace(b'severity = "error"', b'severity = "warning"', 1))
    assert load_pack_file(copy).rules != load_pack_file(CORE).rules
    assert len(builds) == 2
    for entry in _built(tmp_path):
        mac, _, body = entry.read_bytes().partition(b"\n")
        data = marshal.loads(body)
        data["rules"] = data["rules"][:1]
        entry.write_bytes(mac + b"\n" + marshal.dumps(data))
    assert len(load_pack_file(CORE).rules) > 1
    assert len(builds) == 3


def test_an_invalid_pack_is_never_kept(tmp_path, monkeypatch):
    import pytest
    from linter.base.problems import DataError
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nname = "bad"\ntitle = {zh = "x", en = "x"}\nversion = "1"\n'
                   '[[rules]]\ncode = "Q001"\nslug = "q"\ncheck = "no-such-check"\nseverity = "error"\n'
                   'message = {zh = "x", en = "x"}\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            load_pack_file(bad)
    assert _built(tmp_path / "home") == []


def test_the_code_signature_covers_every_module_pack_loading_runs():
    """The signature reads the folders in CODE_DIRS: importing packs/load.py
    (and the checks it validates against) must load nothing from elsewhere."""
    import subprocess
    import sys
    code = ("import sys, linter.packs.load, linter.packs.loader\n"
            "from linter.packs.cache import CODE_DIRS\n"
            "outside = sorted(m for m in sys.modules if m.startswith('linter.') and m.count('.') >= 1\n"
            "                 and m.split('.')[1] not in CODE_DIRS)\n"
            "assert not outside, outside\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_built_packs_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("JXLINT_NO_PACK_CACHE", "1")
    load_pack_file(CORE)
    assert _built(tmp_path) == []


def test_without_a_code_signature_no_built_pack_is_kept_or_used(tmp_path, monkeypatch):
    """Modules that cannot be listed (a zip import): packs are built each time."""
    import linter.packs.cache as cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setitem(cache._SIGNATURE, "", None)
    assert load_pack_file(CORE).rules
    assert _built(tmp_path) == []
    monkeypatch.delitem(cache._SIGNATURE, "")
    monkeypatch.setattr(cache, "CODE_DIRS", ("no-such-folder",))
    assert cache.code_signature() is None
