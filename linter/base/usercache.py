"""This user's jxlint cache home: the secret key that signs what jxlint
keeps on disk (result-cache entries, parsed rule packs), and reading a file
there only if it is a regular file of ours.

The key is 32 random bytes in `$XDG_CACHE_HOME/jxlint/key` (else
`~/.cache/jxlint/key`), created 0600 on first use; a key others can read,
or one that is not this user's, is not trusted (docs/security.md).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Optional

KEY_BYTES = 32


def _posix() -> bool:
    return hasattr(os, "getuid")


def _open_flags() -> int:
    # O_NONBLOCK: a FIFO planted where a file should be opens at once
    # instead of waiting for a writer; fstat then refuses it.
    return os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_own_file(path: Path, limit: int) -> Optional[bytes]:
    """The bytes of `path` if it is a regular file (not a symlink, not a
    FIFO) of at most `limit` bytes, else None."""
    try:
        fd = os.open(path, _open_flags())
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def key_path() -> Path:
    """Where this user's cache key lives: outside any checked tree, beside
    the caches of other tools ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "jxlint" / "key"


def _load_key(path: Path) -> Optional[bytes]:
    secret = read_own_file(path, KEY_BYTES)
    if secret is None or len(secret) != KEY_BYTES:
        return None
    if _posix():
        # A key others can read, or one that came with a checkout (git
        # writes 0644), could be known to an attacker: not ours.
        info = os.lstat(path)
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None
    return secret


def machine_key() -> Optional[bytes]:
    """This user's secret for signing cache entries, created on first use:
    32 random bytes in a 0600 file, written under a temporary name and
    linked into place, so two runs starting together agree on one key.
    None when it cannot be stored or the file there is not a key of this
    user's: the run then goes without a cache."""
    try:
        path = key_path()
        secret = _load_key(path)
        if secret is not None or os.path.lexists(path):
            return secret
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".key.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(os.urandom(KEY_BYTES))
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass              # another run was first: use its key
            except OSError:
                os.replace(tmp, path)   # a file system without hard links
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return _load_key(path)
    except (OSError, RuntimeError, KeyError, ValueError):
        return None


def own_dir(path: Path) -> bool:
    """Create `path` if needed; True if it is a real folder of this user's
    (not a symlink, which would send the cache's writes elsewhere)."""
    try:
        path.mkdir(exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    return not _posix() or info.st_uid == os.getuid()


# -- signed entries -------------------------------------------------------------

ENTRY_LIMIT = 16 * 1024 * 1024


def _mac(secret: bytes, kind: str, key: str, body: bytes) -> bytes:
    from linter.base.digest import mac
    return mac(secret, f"jxlint-{kind}\0{key}\0".encode() + body)


def signed(secret: bytes, kind: str, key: str, body: bytes) -> bytes:
    """An entry as jxlint keeps it: a MAC line (under `secret`, bound to
    `kind` and `key`), then the body."""
    return _mac(secret, kind, key, body) + b"\n" + body


def verified(secret: bytes, kind: str, key: str, data: bytes) -> Optional[bytes]:
    """The body of an entry made by `signed` with the same secret, kind and
    key; None for anything else."""
    from linter.base.digest import same
    mac, _, body = data.partition(b"\n")
    return body if same(mac, _mac(secret, kind, key, body)) else None


def load_signed(kind: str, key: str) -> Optional[bytes]:
    """The body stored by `store_signed(kind, key, ...)` under this user's
    cache home, or None: missing, not a regular file of ours, too large, or
    its MAC (under this user's key, bound to `kind` and `key`) does not hold.
    Nothing is created: without a key there is nothing signed to read."""
    try:
        path = key_path()
        secret = _load_key(path) if os.path.lexists(path) else None
    except (OSError, RuntimeError, KeyError, ValueError):
        return None
    if secret is None:
        return None
    data = read_own_file(path.parent / kind / key, ENTRY_LIMIT)
    return verified(secret, kind, key, data) if data is not None else None


def store_signed(kind: str, key: str, body: bytes) -> None:
    """Keep `body` (signed) for `load_signed`; a cache that cannot be written
    only costs time, so every failure is silent."""
    if len(body) > ENTRY_LIMIT:
        return
    secret = machine_key()
    if secret is None:
        return
    folder = key_path().parent / kind
    try:
        if not own_dir(folder.parent) or not own_dir(folder):
            return
        from linter.base.atomic import write_bytes_atomic
        write_bytes_atomic(folder / key, signed(secret, kind, key, body))
    except OSError:
        pass
