"""Write files the safe way: a temporary file beside the target, then a
rename, so a reader never sees half a report and a crash never leaves one
truncated. Permissions follow the umask like any newly created file
(mkstemp alone would leave them 0600)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.realpath(target)), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
