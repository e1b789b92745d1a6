"""The gate's own state under attack (issue 15, items 6, 7, 9, 10): the
result cache cannot turn a failing run green, cannot be made to read a
file without end, to write outside its folder, or to grow for ever.

Every hostile input is built here; every run is a real `jxlint` process,
timed and measured (peak RSS through `resource`, in a wrapper process so
the figure is this run's alone)."""
import hashlib
import hmac
import json
import os
import sys
from pathlib import Path

import pytest

from support import VALID, measured_jxlint

resource = pytest.importorskip("resource")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types and modes")

BAD = VALID.replace('target = "100%"', 'target = "提高"')   # V001: exit 1
SECONDS = 5.0
EXTRA_MB = 300.0



def jxlint(*args, cwd, xdg):
    return measured_jxlint(*args, cwd=cwd, xdg=xdg, limit=30)


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "bad.toml").write_text(BAD, encoding="utf-8")
    (tmp_path / "repo" / "clean.toml").write_text(VALID, encoding="utf-8")
    return tmp_path / "repo"


@pytest.fixture
def xdg(tmp_path):
    return tmp_path / "xdg"


@pytest.fixture(scope="module")
def reference_mb(tmp_path_factory):
    """Peak RSS of checking one clean form: what every run costs anyway."""
    where = tmp_path_factory.mktemp("reference")
    (where / "clean.toml").write_text(VALID, encoding="utf-8")
    return jxlint("check", "--no-cache", "clean.toml", cwd=where, xdg=where / "xdg")["peak_mb"]


def entries(repo):
    return sorted((repo / ".jxlint_cache").rglob("*.json"))


def report(label, run, reference_mb):
    print(f"\n[{label}] rc={run['rc']} wall={run['wall']:.2f}s peak={run['peak_mb']:.0f}MB "
          f"(+{run['peak_mb'] - reference_mb:.0f}MB over a clean check)")


# -- 6. cache poisoning ----------------------------------------------------------

def test_a_planted_cache_entry_cannot_turn_a_failing_run_green(repo, xdg):
    assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1
    written = entries(repo)
    assert len(written) == 2
    # the key lives outside the checked tree, 0600
    key = xdg / "jxlint" / "key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert not any(p.name == "key" for p in repo.rglob("*"))
    clean = next(p for p in written if b'"findings": []' in p.read_bytes())
    bad = next(p for p in written if p != clean)
    no_findings = json.loads(clean.read_bytes().partition(b"\n")[2])
    no_findings["display"] = json.loads(bad.read_bytes().partition(b"\n")[2])["display"]
    body = json.dumps(no_findings, ensure_ascii=False).encode("utf-8")
    plants = [
        clean.read_bytes(),                                   # a genuine entry, replayed on another key
        body,                                                 # the old format: no MAC at all
        b"\n" + body,                                         # an empty MAC
        hmac.new(b"\0" * 32, bad.stem.encode() + body, hashlib.sha256).hexdigest().encode() + b"\n" + body,
        hashlib.sha256(body).hexdigest().encode() + b"\n" + body,   # a MAC anyone can compute
        hashlib.blake2b(bad.stem.encode() + body, key=b"\0" * 32, digest_size=32).hexdigest().encode()
        + b"\n" + body,                                        # the right algorithm, another key
    ]
    for plant in plants:
        bad.write_bytes(plant)
        assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1, plant[:80]


def test_a_cache_that_came_with_the_checkout_is_not_trusted(repo, xdg, tmp_path):
    """A .jxlint_cache committed from another machine, its "no findings"
    entry properly signed with that machine's key: a miss here."""
    from linter.engine.run import Cache
    other = tmp_path / "attacker-xdg"
    assert jxlint("check", ".", cwd=repo, xdg=other)["rc"] == 1
    bad = next(p for p in entries(repo) if b'"findings": []' not in p.read_bytes())
    payload = json.loads(bad.read_bytes().partition(b"\n")[2])
    payload.update(findings=[], stopped=False)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    signer = Cache(repo, "", (other / "jxlint" / "key").read_bytes())
    bad.write_bytes(signer._mac(bad.stem, body) + b"\n" + body)
    assert jxlint("check", ".", cwd=repo, xdg=other)["rc"] == 0      # the attacker's own machine: poisoned
    assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1        # this user's: not fooled


def test_a_key_others_can_read_or_that_cannot_be_stored_means_no_cache(repo, xdg, tmp_path):
    key = xdg / "jxlint" / "key"
    key.parent.mkdir(parents=True)
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)                      # as a checkout or a copy would leave it
    run = jxlint("check", ".", cwd=repo, xdg=xdg)
    assert run["rc"] == 1 and entries(repo) == [] and key.read_bytes() == b"k" * 32
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # the key's folder cannot be created
    run = jxlint("check", ".", cwd=repo, xdg=blocked)
    assert run["rc"] == 1 and run["err"] == "" and entries(repo) == []


def test_the_warm_cache_still_answers(repo, xdg):
    cold = jxlint("check", "--format", "json", ".", cwd=repo, xdg=xdg)
    warm = jxlint("check", "--format", "json", ".", cwd=repo, xdg=xdg)
    assert cold["out"] == warm["out"] and cold["rc"] == warm["rc"] == 1 and len(entries(repo)) == 2


# -- 7. the cache key: type and size before any read --------------------------------

def test_the_cache_key_stops_at_size_and_file_type(repo, xdg, reference_mb):
    with open(repo / "big.toml", "wb") as out:     # 3 GB, sparse: costs no disk
        out.truncate(3 * 1024 ** 3)
    os.symlink("/dev/zero", repo / "zero.toml")
    os.symlink("/dev/zero", repo / "zero.csv")
    for name in ("big.toml", "zero.toml", "zero.csv"):
        run = jxlint("check", "--format", "json", name, cwd=repo, xdg=xdg)
        report(f"7 {name}", run, reference_mb)
        doc = json.loads(run["out"])
        assert run["rc"] == 2 and [f["code"] for f in doc["findings"]] == ["E001"]
        assert run["wall"] < SECONDS and run["peak_mb"] - reference_mb < EXTRA_MB
    # none for them; the forms beside them give the cross-form pass their facts (facts-only entries)
    bodies = [json.loads(p.read_bytes().partition(b"\n")[2]) for p in entries(repo)]
    assert {b["display"] for b in bodies} <= {"bad.toml", "clean.toml"}
    assert not any(b["findings"] for b in bodies)


def test_cache_key_is_none_without_reading(tmp_path):
    from linter.engine.run import Cache
    cache = Cache(tmp_path, "f" * 64, b"k" * 32)
    with open(tmp_path / "big.xlsx", "wb") as out:
        out.truncate(64 * 1024 ** 2)
    os.mkfifo(tmp_path / "pipe.toml")
    assert cache.key(tmp_path / "big.xlsx", "big.xlsx") is None
    assert cache.key(tmp_path / "pipe.toml", "pipe.toml") is None      # would block if opened
    assert cache.key(Path("/dev/zero"), "zero.toml") is None
    (tmp_path / "ok.toml").write_text(VALID, encoding="utf-8")
    assert len(cache.key(tmp_path / "ok.toml", "ok.toml")) == 64


# -- 9. a symlinked cache folder or marker -----------------------------------------

def test_a_symlinked_cache_folder_sends_no_write_outside(repo, xdg, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, repo / ".jxlint_cache")
    run = jxlint("check", ".", cwd=repo, xdg=xdg)
    assert run["rc"] == 1 and list(outside.iterdir()) == []


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlinked_marker_is_never_written_through(repo, xdg, tmp_path, dangling):
    victim = tmp_path / "victim.txt"
    if not dangling:
        victim.write_text("keep\n", encoding="utf-8")
    (repo / ".jxlint_cache").mkdir()
    os.symlink(victim, repo / ".jxlint_cache" / ".gitignore")
    run = jxlint("check", ".", cwd=repo, xdg=xdg)
    assert run["rc"] == 1 and entries(repo) == []
    assert (not victim.exists()) if dangling else victim.read_text(encoding="utf-8") == "keep\n"


def test_symlinked_entry_folders_are_not_followed(repo, xdg, tmp_path):
    assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1
    outside = tmp_path / "outside"
    outside.mkdir()
    for entry in entries(repo):
        folder = entry.parent
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
        os.symlink(outside, folder)
    assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1
    assert list(outside.iterdir()) == []


# -- 10. pruning ----------------------------------------------------------------

def test_only_the_current_fingerprint_folder_is_kept(repo, xdg, tmp_path):
    cache = repo / ".jxlint_cache"
    for stale in ("v1/ab", "v2-0123456789abcdef/cd", "v9-ffffffffffffffff"):
        (cache / stale).mkdir(parents=True)
        (cache / stale / "x.json").write_text("{}", encoding="utf-8")
    (cache / "notes").mkdir()
    (cache / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    (cache / "v2-notes").write_text("a file with a near name", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    os.symlink(outside, cache / "v2-aaaaaaaaaaaaaaaa")
    assert jxlint("check", ".", cwd=repo, xdg=xdg)["rc"] == 1
    names = sorted(p.name for p in cache.iterdir())
    current = [n for n in names if n.startswith("v2-") and (cache / n).is_dir() and not (cache / n).is_symlink()]
    assert len(current) == 1
    assert set(names) == {".gitignore", "notes", "v2-notes", "v2-aaaaaaaaaaaaaaaa", current[0]}
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep"
    # other options, another fingerprint: the previous folder goes
    assert jxlint("check", "--select", "V001", ".", cwd=repo, xdg=xdg)["rc"] == 1
    now = [p.name for p in cache.iterdir() if p.name.startswith("v2-") and p.is_dir() and not p.is_symlink()]
    assert len(now) == 1 and now != current
