"""Write files the safe way: a temporary file beside the target, then a
rename, so a reader never sees half a report and a crash never leaves one
truncated. A replaced file keeps its permissions; a new one follows the umask
like any newly created file (mkstemp alone would leave it 0600). Every writer
in jxlint (reports, baselines, the cache, converted forms, annotated
workbooks, generated docs) goes through here."""
from __future__ import annotations

import os
import stat
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    target = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    import tempfile  # only when writing: a check that writes nothing does not load it
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.realpath(target)),
                               prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
