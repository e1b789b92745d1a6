"""Writing output files without ever damaging an input.

Every file jxlint writes (a report, a baseline, converted TOML, a filled or
blank workbook, an annotated copy) goes through `write_new`: it refuses a
path that is one of the inputs (even with `force`), a symlink (whatever it
points at: the write would land somewhere the command line does not name),
anything that is not a regular file (`-o /dev/null` run as root would
replace the device), a folder that does not exist, and an existing file
unless `force`; then it writes atomically (a temporary file in the same folder, then `os.replace`),
so an interrupted run leaves either the old file or the new one, never half
of one.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from linter.base.atomic import write_bytes_atomic


class OutputError(Exception):
    """An output that cannot or must not be written. The message is Chinese
    first, then English, and names the file."""

    def __init__(self, path: Path, zh: str, en: str):
        super().__init__(f"{path}: {zh} / {en}")
        self.path, self.zh, self.en = Path(path), zh, en


def cannot_open(exc: BaseException):
    """(zh, en) when openpyxl cannot open a workbook to write into it: what
    failed, that the check itself stands (it reads workbooks its own way),
    and what to do."""
    detail = f"{type(exc).__name__}: {exc}"[:160]
    return (f"openpyxl 无法打开这个工作簿来写入（{detail}）；检查结果不受影响。"
            "请在 Excel 或 WPS 中打开后另存为 .xlsx，再试一次",
            f"openpyxl cannot open the workbook to write into it ({detail}); the check itself stands. "
            "Open it in Excel or WPS, save it again as .xlsx and retry")


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_target(out: Path, inputs: Iterable[Path] = (), force: bool = False,
                 error: type = OutputError) -> None:
    """Raise `error` if `out` may not be written."""
    out = Path(out)
    for source in inputs:
        if same_file(out, Path(source)):
            raise error(out, "输出文件就是输入文件，拒绝覆盖", "the output is the input file; refusing to overwrite it")
    try:
        info = os.lstat(out)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error(out, f"无法访问输出路径：{reason}", f"cannot use the output path: {reason}") from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise error(out, "输出路径是符号链接，拒绝经由它写入",
                        "the output path is a symlink; refusing to write through it")
        if stat.S_ISDIR(info.st_mode):
            raise error(out, "输出路径是一个文件夹", "the output path is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise error(out, "输出路径不是普通文件", "the output path is not a regular file")
        if not force:
            raise error(out, "输出文件已存在（用 --force 覆盖）", "the output file exists (use --force to overwrite it)")
    if not os.path.isdir(os.path.dirname(os.path.abspath(out))):
        raise error(out, "输出文件所在的文件夹不存在", "the output folder does not exist")


def write_new(out: Path, data: bytes, inputs: Iterable[Path] = (), force: bool = False,
              error: type = OutputError) -> Path:
    """Write `data` to `out` atomically after `check_target`."""
    out = Path(out)
    check_target(out, inputs, force, error)
    try:
        write_bytes_atomic(out, data)
    except OSError as exc:
        raise error(out, f"无法写入：{exc.strerror or exc}", f"cannot write: {exc.strerror or exc}") from exc
    return out


def workbook_bytes(workbook) -> bytes:
    """An openpyxl workbook serialised in memory (then written by write_new)."""
    import io
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
