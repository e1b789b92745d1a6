"""One `jxlint check` run: files -> configuration -> engine -> findings.

Kept apart from the CLI so the pieces a gate needs — per-file configuration,
a worker pool (`--jobs`), the result cache and the baseline — are plain
functions with tests of their own. Output is deterministic: files are
checked in discovery order and their findings sorted, so the same input gives
byte-identical output whatever the number of workers and whether results
came from the cache.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from linter import __version__
from linter.base.digest import hasher, hexdigest
from linter.base.lazyre import lazy
from linter.base.usercache import (KEY_BYTES, _load_key, _mac as _signed_mac, _open_flags,  # noqa: F401
                                   _posix, key_path, machine_key, own_dir as _own_dir,
                                   read_own_file as _read_own_file, signed, verified)
from linter.policy.config import Config, ConfigResolver
from linter.model.findings import Finding

# json, shutil and the atomic writer serve the result cache only: imported
# where they are used, not by a `--no-cache` run on one form. Digests and MACs
# come from base/digest.py (BLAKE2, built in), not hashlib (OpenSSL).

CACHE_DIR = ".jxlint_cache"
CACHE_FORMAT = "2"
# One folder per rules fingerprint, `v2-<16 hex>`; `v1` is the old layout.
# Only names of this shape are ever pruned.
_FINGERPRINT_DIR_RE = lazy(r"^v\d+(-[0-9a-f]{16})?$")
# An entry holds the findings of one file; anything larger was not written by us.
ENTRY_MAX_BYTES = 32 * 1024 * 1024
# Below this many files a worker pool costs more than it saves.
PARALLEL_FROM = 32
# A file of this many forms (a department's workbook, one project per row)
# has its forms checked in parts by several processes: reading it is one
# process's work, checking 2,000 projects costs twice that.
SPLIT_FROM = 256
# The cross-form pass of a run given files (pre-commit): how far it looks in
# their folders for the other years of their projects (TOML forms only).
TREE_DEPTH = 3
TREE_FILES = 2000
_YEAR_DIR_RE = re.compile(r"^(19|20)\d\d(年|年度)?$")


class Options(NamedTuple):
    """What the command line says, before any configuration file is read."""

    packs: Tuple[str, ...] = ()
    profile: Optional[str] = None
    lang: Optional[str] = None
    config: Optional[Path] = None
    isolated: bool = False
    report_unused_ignores: bool = False
    read_options: Tuple[Tuple[str, Any], ...] = ()
    debug: bool = False
    # --select / --ignore replace the configuration's lists.
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()


@dataclass
class FileResult:
    """One file's outcome in a run (from a worker, or from the cache)."""

    display: str
    findings: List[Finding] = field(default_factory=list)
    stopped: bool = False
    error: Optional[str] = None   # an internal error, already worded for the user
    cached: bool = False
    # per form, the packs it was checked with and why (FileReport.packs)
    packs: List[Dict[str, Any]] = field(default_factory=list)
    # per form, what the cross-form rules need of it (FileReport.facts)
    facts: List[Dict[str, Any]] = field(default_factory=list)
    # the cross-form findings (kept apart until the run merges them) and a
    # digest of the other forms' facts they came from
    across: List[Finding] = field(default_factory=list)
    across_key: Optional[str] = None


class Checker:
    """Engines per configuration, built on first use (one per process)."""

    def __init__(self, options: Options, lang: str, split: int = 1):
        self.options = options
        self.lang = lang
        self.resolver = ConfigResolver(options.config, options.isolated)
        self._engines: Dict[Optional[Path], Any] = {}
        # processes a file of SPLIT_FROM forms or more may have its forms
        # checked by (check_files sets it when it checks files one by one)
        self.split = split

    def engine_for(self, config: Config):
        engine = self._engines.get(config.path)
        if engine is None:
            from linter.engine.core import Engine
            from linter.policy.policy import Policy
            o = self.options
            policy = Policy(config=config, packs=list(o.packs), profile=o.profile, select=o.select,
                            ignore=o.ignore, report_unused_ignores=o.report_unused_ignores)
            engine = Engine(policy=policy, lang=self.lang, read_options=dict(o.read_options), debug=o.debug)
            self._engines[config.path] = engine
        return engine

    def check(self, path: Path, display: str) -> FileResult:
        from linter.engine.core import RuleCrash
        try:
            engine = self.engine_for(self.resolver.for_file(path))
            if self.split > 1 and not self.options.debug:
                report = _check_in_parts(engine, path, display, self.split)
            else:
                report = engine.check_file(path, display)
        except Exception as exc:  # the error boundary: name the file, keep going
            if self.options.debug:
                raise
            where = f"规则 {exc.rule.code} " if isinstance(exc, RuleCrash) else ""
            error = exc.error if isinstance(exc, RuleCrash) else exc
            return FileResult(display, error=f"{display}: {where}内部错误 (internal error): "
                                             f"{type(error).__name__}: {error}；请用 --debug 重试并报告此问题")
        return FileResult(display, report.findings, report.stopped, packs=report.packs, facts=report.facts)

    def across(self, path: Path, display: str, known: Sequence[Mapping[str, Any]],
               peers: Optional[Sequence[Mapping[str, Any]]] = None) -> List[Finding]:
        """The cross-form findings of one file (read again: only files with
        a related form get here), `known` being the facts of every form the
        run knows. A failure here was the single-form pass's to report."""
        from linter.readers import read_file
        try:
            engine = self.engine_for(self.resolver.for_file(path))
            return engine.check_across(read_file(path, display, **engine.read_options), known, path, peers)
        except Exception:
            if self.options.debug:
                raise
            return []

    def facts(self, path: Path, display: str) -> List[Dict[str, Any]]:
        """The facts of a file the run does not check (an earlier year found
        in the tree): read, never checked; [] for anything unreadable."""
        from linter.model.history import form_facts
        from linter.readers import read_file
        try:
            config = self.resolver.for_file(path)
            if config.excludes(path):
                return []
            result = read_file(path, display, **self.engine_for(config).read_options)
        except Exception:
            if self.options.debug:
                raise
            return []
        return [form_facts(form, result.file, i) for i, form in enumerate(result.forms)]


# -- worker processes ---------------------------------------------------------

_WORKER: Optional[Checker] = None


def _init_worker(options: Options, lang: str) -> None:
    """Once per worker process. A forked worker starts with the parent's
    checker, its rule sets already loaded and validated (`check_files`
    leaves it in `_WORKER` while the pool starts): nothing to redo. A
    spawned one builds its own, once."""
    global _WORKER
    if _WORKER is None or _WORKER.options != options or _WORKER.lang != lang:
        _WORKER = Checker(options, lang)


def _check_in_worker(item: Tuple[str, str]) -> dict:
    path, display = item
    assert _WORKER is not None, "_init_worker runs first in every worker"
    return _to_payload(_WORKER.check(Path(path), display))


# -- one large file in parts -------------------------------------------------

_SPLIT: Optional[Tuple[Any, Any]] = None  # (engine, read result), inherited by forked workers


def _check_in_parts(engine, path: Path, display: str, processes: int):
    """`engine.check_file(path, display)`, the forms of a file of SPLIT_FROM
    or more forms checked in parts by `processes` forked workers. Workers
    are forked so they inherit the file as read (and the rule sets): only
    the findings travel back. Where processes cannot be forked (Windows,
    macOS), or the pool fails, the forms are checked here, one by one; the
    report is the same either way (a rule that raises does so here again,
    and the caller reports it as it would have)."""
    from linter.readers import read_file
    result = read_file(path, display, **engine.read_options)
    n = len(result.forms)
    if n < SPLIT_FROM or not _can_fork():
        return engine.check_read(result, path)
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    size = -(-n // (processes * 8))  # several parts per process: rows differ in cost, a worker ends early
    ranges = [(start, min(n, start + size)) for start in range(0, n, size)]
    import gc
    global _SPLIT
    _SPLIT = (engine, result)
    # The workers inherit the forms as read: frozen, the collector in a
    # worker never walks them (and never writes to, so copies, their pages).
    gc.freeze()
    try:
        # a worker lives for one file: what it allocates is findings and
        # values freed by reference counting, so its collector stays off
        with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"),
                                 initializer=gc.disable) as pool:
            parts = list(pool.map(_check_part, ranges))
    except Exception:  # a broken pool (a worker killed), a part that would not pickle…
        return engine.check_read(result, path)  # …costs time, never the file
    finally:
        _SPLIT = None
        gc.unfreeze()
    return engine.finish(result, parts, path)


def _can_fork() -> bool:
    import multiprocessing
    import sys
    # macOS offers fork, but system libraries may not survive it
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _check_part(span: Tuple[int, int]):
    """One part's FormsPart (findings are plain tuples: they pickle as they are)."""
    assert _SPLIT is not None, "forked from _check_in_parts"
    engine, result = _SPLIT
    return engine.check_forms(result, range(*span))


def _to_payload(result: FileResult) -> dict:
    return {"display": result.display, "stopped": result.stopped, "error": result.error,
            "findings": [dict(f.to_dict(), blocking=f.blocking) for f in result.findings],
            "packs": result.packs, "facts": result.facts, "across_key": result.across_key,
            "across": [dict(f.to_dict(), blocking=f.blocking) for f in result.across]}


def _from_payload(payload: Mapping[str, Any], cached: bool = False) -> FileResult:
    return FileResult(payload["display"], [Finding.from_dict(d) for d in payload["findings"]],
                      payload["stopped"], payload["error"], cached, list(payload.get("packs") or []),
                      list(payload["facts"]), [Finding.from_dict(d) for d in payload["across"]],
                      payload["across_key"])


# -- the cache ----------------------------------------------------------------

def _digest(path: Path) -> bytes:
    """The digest of a file, read in chunks (a pack is hashed, not held)."""
    h = hasher()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.digest()


def _rules_fingerprint(options: Options, configs: Sequence[Config]) -> str:
    """What, besides a file's bytes, decides its findings: jxlint's code, the
    packs and templates it loads, the configuration and the options."""
    from linter.base.resources import builtin_packs_dir
    h = hasher()
    h.update(f"{CACHE_FORMAT}|{__version__}|{options!r}".encode())
    package = Path(__file__).resolve().parent.parent
    sources = sorted(package.rglob("*.py")) + sorted(builtin_packs_dir().rglob("*.toml"))
    for ref in list(options.packs) + [p for c in configs for p in c.packs]:
        if ref.endswith(".toml") and Path(ref).is_file():
            sources.append(Path(ref))
    for source in sources:
        h.update(str(source.name).encode())
        h.update(_digest(source))
    for config in configs:
        h.update(f"{config.path}|{config.digest}".encode())
    return h.hexdigest()


def _marked(directory: Path) -> bool:
    """Give the cache folder its .gitignore (as Ruff and pytest do, so it
    never ends up in a forms repository); False if the marker there is a
    symlink or not a file."""
    marker = directory / ".gitignore"
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        try:
            return stat.S_ISREG(os.lstat(marker).st_mode)
        except OSError:
            return False
    except OSError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# created by jxlint\n*\n")
    return True


def _prune(directory: Path, keep: str) -> None:
    """Remove the folders of other rules fingerprints: only real folders
    named as jxlint names them, never a symlink or anything else."""
    import shutil
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name == keep or not _FINGERPRINT_DIR_RE.match(name):
            continue
        target = directory / name
        try:
            if stat.S_ISDIR(os.lstat(target).st_mode):
                shutil.rmtree(target, ignore_errors=True)
        except OSError:
            pass


class Cache:
    """Findings per file, keyed by the file's bytes, its display name and the
    rules fingerprint. Entries are written atomically; a damaged entry is
    treated as a miss.

    Anyone can compute a key, and a `.jxlint_cache` can come with a checkout,
    so an entry counts only with a valid MAC under this user's secret key
    (`machine_key`), bound to the entry's key: a planted or copied "no
    findings" cannot turn a failing run green. A cache folder, marker or
    entry that is a symlink is never used."""

    def __init__(self, directory: Path, fingerprint: str, secret: bytes):
        self.directory = directory
        self.fingerprint = fingerprint
        self.secret = secret

    @classmethod
    def open(cls, directory: Path, fingerprint: str) -> Optional["Cache"]:
        """The cache for this fingerprint under `directory`, the folders of
        other fingerprints removed; None (run without a cache) when the
        folder cannot be trusted or the key cannot be stored."""
        secret = machine_key()
        if secret is None or not _own_dir(directory) or not _marked(directory):
            return None
        current = f"v{CACHE_FORMAT}-{fingerprint[:16]}"
        _prune(directory, current)
        if not _own_dir(directory / current):
            return None
        return cls(directory / current, fingerprint, secret)

    def key(self, path: Path, display: str) -> Optional[str]:
        """None (no caching) for anything a reader would refuse before
        reading: checked with stat first, then hashed in chunks up to the
        reader's size limit, so a 3 GB file or /dev/zero costs nothing."""
        from linter.readers import size_limit
        try:
            info = os.stat(path)
            limit = size_limit(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            content = hasher()
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None
                total = 0
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    total += len(chunk)
                    if total > limit:
                        return None
                    content.update(chunk)
        except (OSError, ValueError):
            return None
        h = hasher(self.fingerprint.encode())
        h.update(display.encode("utf-8", "surrogatepass"))
        h.update(content.digest())
        return h.hexdigest()

    def _mac(self, key: str, body: bytes) -> bytes:
        return _signed_mac(self.secret, "cache", key, body)

    def get(self, key: Optional[str]) -> Optional[FileResult]:
        import json
        if key is None:
            return None
        data = _read_own_file(self.directory / key[:2] / f"{key}.json", ENTRY_MAX_BYTES)
        body = verified(self.secret, "cache", key, data) if data is not None else None
        if body is None:
            return None
        try:
            return _from_payload(json.loads(body.decode("utf-8")), cached=True)
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: Optional[str], result: FileResult) -> None:
        import json
        from linter.base.atomic import write_bytes_atomic
        if key is None or result.error:
            return
        folder = self.directory / key[:2]
        body = json.dumps(_to_payload(result), ensure_ascii=False).encode("utf-8")
        if len(body) > ENTRY_MAX_BYTES or not _own_dir(folder):
            return
        try:
            write_bytes_atomic(folder / f"{key}.json", signed(self.secret, "cache", key, body))
        except OSError:
            pass  # a cache that cannot be written only costs time


# -- the run ------------------------------------------------------------------

def default_jobs(n_files: int) -> int:
    return (os.cpu_count() or 1) if n_files >= PARALLEL_FROM else 1


def check_files(files: Sequence[Tuple[Path, str]], options: Options, lang: str,
                jobs: Optional[int] = None, cache_dir: Optional[Path] = None,
                checker: Optional[Checker] = None, progress=None,
                tree: Sequence[Path] = ()) -> List[FileResult]:
    """Check `files` (path, display) and return one result per file, in order.
    `progress(n)` is told as files finish (cache hits first).

    Then the cross-form pass (`_across`): the forms of the run meet each
    other, and, for the files in `tree` (files named on the command line,
    as pre-commit names them), the TOML forms found in their folders."""
    step = progress or (lambda n=1: None)
    checker = checker or Checker(options, lang)
    results: List[Optional[FileResult]] = [None] * len(files)
    cache: Optional[Cache] = None
    keys: List[Optional[str]] = []
    if cache_dir is not None:
        configs = {checker.resolver.for_file(p).path: checker.resolver.for_file(p) for p, _ in files}
        cache = Cache.open(cache_dir, _rules_fingerprint(options, [c for c in configs.values() if c.path]))
    if cache is not None:
        keys = [cache.key(p, d) for p, d in files]
        for i, key in enumerate(keys):
            results[i] = cache.get(key)
        step(sum(1 for r in results if r is not None))
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(jobs or default_jobs(len(todo)), max(1, len(todo)))
    # files checked one by one may still use the processes for a large
    # workbook's forms; a pool of workers does not start pools of its own
    checker.split = 1 if workers > 1 else (jobs or os.cpu_count() or 1)
    if workers > 1:
        # imported here: it costs ~10 ms of every start, and a pre-commit run
        # on a few files never uses it
        from concurrent.futures import ProcessPoolExecutor
        global _WORKER
        items = [(str(files[i][0]), files[i][1]) for i in todo]
        _WORKER = checker  # inherited by forked workers (see _init_worker)
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                     initargs=(options, lang)) as pool:
                chunk = max(1, len(items) // (workers * 8))
                for i, payload in zip(todo, pool.map(_check_in_worker, items, chunksize=chunk)):
                    results[i] = _from_payload(payload)
                    step(1)
        finally:
            _WORKER = None
    else:
        for i in todo:
            results[i] = checker.check(*files[i])
            step(1)
    done_results = [r for r in results if r is not None]
    redone = _across(files, done_results, checker, cache, tree)
    if cache is not None:
        # one entry per file: its own findings, its facts, its cross-form findings
        for i in sorted(set(todo) | redone):
            cache.put(keys[i], done_results[i])
    for result in done_results:
        if result.across:
            result.findings = sorted(result.findings + result.across, key=Finding.sort_key)
            result.stopped = result.stopped or any(f.blocking for f in result.across)
    return done_results


# -- the cross-form pass ------------------------------------------------------

def _across(files: Sequence[Tuple[Path, str]], results: List[FileResult], checker: Checker,
            cache: Optional[Cache], tree: Sequence[Path]) -> set:
    """Fill each result's cross-form findings (the Y rules), `across`; the
    indexes whose `across` was computed anew (their entries are rewritten).
    Pairs are found on facts alone (cached with each file's findings), so a
    file is read again only when it has a related form whose facts differ
    from those its cached cross-form findings came from (`across_key`).
    Files found in the tree give earlier years only: duplicates (Y004) are
    looked for among the run's own files."""
    import json
    from linter.model.history import related_nodes
    engines = {id(e): e for e in (checker.engine_for(checker.resolver.for_file(p)) for p, _ in files)}
    if not any(e.has_cross_rules() for e in engines.values()):
        return set()  # no pack with a rule across forms applies: nothing to pair
    run_facts = [f for r in results for f in r.facts]
    known = list(run_facts)
    if tree:
        run = {os.path.normcase(os.path.abspath(p)) for p, _ in files}
        for path, display in _tree_files(tree, run):
            known.extend(_facts(path, display, checker, cache))
    redone = set()
    for i, result in enumerate(results):
        related = [related_nodes(f, known, run_facts) for f in result.facts] if len(known) > 1 else []
        if result.error or not any(related):
            if result.across_key is not None:
                result.across, result.across_key = [], None
                redone.add(i)
            continue
        key = hexdigest(json.dumps(related, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        if result.across_key != key:
            result.across = checker.across(*files[i], known, run_facts)
            result.across_key = key
            redone.add(i)
    return redone


def _tree_files(named: Sequence[Path], run: set) -> List[Tuple[Path, str]]:
    """The TOML forms in the folders of `named` (a folder named like a year,
    `2021/`, stands for its parent, where the other years' folders are) and
    their subfolders, at most TREE_DEPTH deep and TREE_FILES in all, less
    the run's own files; displayed as a folder walk would display them."""
    from linter.engine.discover import NOT_FORMS, SKIP_DIRS
    roots: List[Path] = []
    for path in named:
        folder = path.parent
        if _YEAR_DIR_RE.match(folder.name) and folder.parent != folder:
            folder = folder.parent
        if folder not in roots:
            roots.append(folder)
    out: List[Tuple[Path, str]] = []
    seen = set(run)
    for root in roots:
        base = len(Path(os.path.abspath(root)).parts)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            depth = len(Path(os.path.abspath(dirpath)).parts) - base
            dirnames[:] = [] if depth >= TREE_DEPTH else sorted(
                d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(filenames):
                if not name.lower().endswith(".toml") or name in NOT_FORMS or name.startswith("."):
                    continue
                candidate = Path(dirpath, name)
                where = os.path.normcase(os.path.abspath(candidate))
                if where in seen or not candidate.is_file():
                    continue
                seen.add(where)
                out.append((candidate, str(candidate)))
                if len(out) >= TREE_FILES:
                    return out
    return out


def _facts(path: Path, display: str, checker: Checker, cache: Optional[Cache]) -> List[Dict[str, Any]]:
    """A tree file's facts: from its cached result when it was checked with
    these rules, else from a facts-only entry, else read (and cached so)."""
    if cache is None:
        return checker.facts(path, display)
    checked = cache.get(cache.key(path, display))
    if checked is not None:
        return checked.facts
    key = cache.key(path, "\0facts\0" + display)
    entry = cache.get(key)
    if entry is not None:
        return entry.facts
    facts = checker.facts(path, display)
    cache.put(key, FileResult(display, facts=facts))
    return facts


__all__ = ["Options", "FileResult", "Checker", "Cache", "check_files", "default_jobs"]
