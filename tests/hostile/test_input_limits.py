"""Inputs that must be an E001 (or a clear usage error), not a crash or a
hang (issue 15, items 13, 14, 15): a CSV line past the csv module's field
limit, a baseline nested 100,000 deep or hundreds of MB large, and a FIFO,
a device or a socket named where a form is expected.

Each run is a real `jxlint` process in a wrapper that times it and takes
its peak RSS from `resource`, against the peak of checking a clean form."""
import json
import os
import socket
import sys

import pytest

from support import VALID, measured_jxlint

resource = pytest.importorskip("resource")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")

SECONDS = 5.0
EXTRA_MB = 300.0



def jxlint(*args, cwd):
    """One measured `jxlint` run (killed after 20 s: a hang is rc None)."""
    return measured_jxlint(*args, cwd=cwd, xdg=cwd / ".xdg", limit=20)


@pytest.fixture(scope="module")
def reference_mb(tmp_path_factory):
    where = tmp_path_factory.mktemp("reference")
    (where / "clean.toml").write_text(VALID, encoding="utf-8")
    return jxlint("check", "--no-cache", "clean.toml", cwd=where)["peak_mb"]


def bounded(label, run, reference_mb, rc=2):
    print(f"\n[{label}] rc={run['rc']} wall={run['wall']:.2f}s peak={run['peak_mb']:.0f}MB "
          f"(+{run['peak_mb'] - reference_mb:.0f}MB over a clean check)")
    assert run["rc"] == rc, run
    assert run["wall"] < SECONDS and run["peak_mb"] - reference_mb < EXTRA_MB
    return run


def codes(run):
    return [f["code"] for f in json.loads(run["out"])["findings"]]


# -- 13. a CSV line past the field limit -------------------------------------------

@pytest.mark.parametrize("size", [140_000, 4_000_000])
def test_a_long_csv_line_is_an_e001(tmp_path, reference_mb, size):
    (tmp_path / "long.csv").write_text("项" * size + "\n产出指标,数量指标\n", encoding="utf-8")
    run = bounded(f"13 csv line of {size} chars", jxlint("check", "--format", "json", "long.csv", cwd=tmp_path),
                  reference_mb)
    assert codes(run) == ["E001"]
    text = jxlint("check", "--no-cache", "long.csv", cwd=tmp_path)["out"]
    assert "单元格过长" in text and "内部错误" not in text
    annotated = bounded("13 --annotate", jxlint("check", "--no-cache", "long.csv", "--annotate", "out.xlsx",
                                                cwd=tmp_path), reference_mb)
    assert "内部错误" not in annotated["err"] and not (tmp_path / "out.xlsx").exists()


def test_the_table_reader_returns_the_problem():
    from linter.readers.table import table_grid
    grid, problem = table_grid(("x" * 200_000 + "\n").encode(), "long")
    assert grid is None and problem.code == "E001" and problem.variant == "table-syntax"


# -- 14. hostile baselines ------------------------------------------------------------

def test_a_deeply_nested_baseline_is_a_clear_error(tmp_path, reference_mb):
    (tmp_path / "f.toml").write_text(VALID, encoding="utf-8")
    (tmp_path / "deep.json").write_text('{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
                                        encoding="utf-8")
    run = bounded("14 baseline nested 100k deep",
                  jxlint("check", "--baseline", "deep.json", "f.toml", cwd=tmp_path), reference_mb)
    assert "deep.json" in run["err"] and "嵌套过深" in run["err"]
    (tmp_path / "entry.json").write_text(json.dumps({"version": 1, "findings": [
        {"fingerprint": "x", "message": [[["nested"]]]}]}), encoding="utf-8")
    run = bounded("14 nested entry", jxlint("check", "--baseline", "entry.json", "f.toml", cwd=tmp_path), reference_mb)
    assert "entry.json" in run["err"] and "entry 1" in run["err"]


def test_a_huge_baseline_is_refused_before_it_is_read(tmp_path, reference_mb):
    (tmp_path / "f.toml").write_text(VALID, encoding="utf-8")
    with open(tmp_path / "huge.json", "wb") as out:          # 357 MB, sparse
        out.write(b'{"version": 1, "findings": [')
        out.truncate(357 * 1024 * 1024)
    run = bounded("14 baseline of 357 MB", jxlint("check", "--baseline", "huge.json", "f.toml", cwd=tmp_path),
                  reference_mb)
    assert "huge.json" in run["err"] and "过大" in run["err"] and "32 MB" in run["err"]


def test_a_baseline_just_under_the_cap_still_loads_within_bounds(tmp_path, reference_mb):
    from linter.policy.baseline import MAX_BYTES
    (tmp_path / "f.toml").write_text(VALID, encoding="utf-8")
    entry = {"fingerprint": "", "code": "V001", "file": "forms/f.toml", "indicator": "服务档案验收合格率",
             "message": "指标“服务档案验收合格率”的年度指标值“提高”未量化（“提高”无法衡量）"}
    size = len(json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")) + 40
    entries = [dict(entry, fingerprint=f"{i:032x}") for i in range(int(MAX_BYTES * 0.97) // size)]
    text = json.dumps({"version": 1, "tool": "jxlint", "findings": entries}, ensure_ascii=False, indent=1)
    assert len(text.encode("utf-8")) <= MAX_BYTES
    (tmp_path / "full.json").write_text(text, encoding="utf-8")
    bounded(f"14 baseline of {len(text.encode()) / 1048576:.0f} MB, {len(entries)} entries",
            jxlint("check", "--baseline", "full.json", "f.toml", cwd=tmp_path), reference_mb, rc=0)


def test_a_baseline_that_is_a_fifo_does_not_hang(tmp_path, reference_mb):
    (tmp_path / "f.toml").write_text(VALID, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.json")
    run = bounded("14 baseline FIFO", jxlint("check", "--baseline", "pipe.json", "f.toml", cwd=tmp_path),
                  reference_mb)
    assert "pipe.json" in run["err"] and "not a regular file" in run["err"]


# -- 15. only regular files are read ----------------------------------------------------

@pytest.mark.parametrize("suffix", [".toml", ".csv", ".xlsx"])
def test_a_fifo_named_on_the_command_line_is_an_e001_at_once(tmp_path, reference_mb, suffix):
    os.mkfifo(tmp_path / f"pipe{suffix}")
    (tmp_path / "f.toml").write_text(VALID, encoding="utf-8")
    for cache in ([], ["--no-cache"]):
        run = bounded(f"15 FIFO{suffix} {' '.join(cache) or 'cache on'}",
                      jxlint("check", *cache, "--format", "json", f"pipe{suffix}", "f.toml", cwd=tmp_path),
                      reference_mb)
        doc = json.loads(run["out"])
        assert [(os.path.basename(f["file"]), f["code"]) for f in doc["findings"]] == [(f"pipe{suffix}", "E001")]
        assert "not a regular file" in doc["findings"][0]["message"] or "不是普通文件" in doc["findings"][0]["message"]


def test_devices_and_sockets_are_e001_and_walks_skip_them(tmp_path, reference_mb):
    os.symlink("/dev/zero", tmp_path / "zero.xlsx")
    os.symlink("/dev/urandom", tmp_path / "random.tsv")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.toml"))
    except OSError:
        pytest.skip("no unix sockets here")
    try:
        run = bounded("15 device and socket", jxlint("check", "--format", "json", "zero.xlsx", "random.tsv", "s.toml",
                                                     cwd=tmp_path), reference_mb)
        assert codes(run) == ["E001"] * 3
        forms = tmp_path / "forms"
        forms.mkdir()
        (forms / "f.toml").write_text(VALID, encoding="utf-8")
        os.mkfifo(forms / "pipe.toml")
        os.symlink("/dev/zero", forms / "zero.csv")
        run = bounded("15 walk with a FIFO", jxlint("check", "--format", "json", "forms", cwd=tmp_path),
                      reference_mb, rc=0)
        assert json.loads(run["out"])["summary"]["files"] == 1
    finally:
        sock.close()


def test_read_file_does_not_open_what_is_not_a_regular_file(tmp_path):
    """Opening a FIFO nobody writes to blocks; the alarm turns a regression
    into a failure instead of a hung suite."""
    import signal
    from linter import readers

    class Hung(Exception):   # not an OSError: no reader may take it for a bad file
        pass

    def hung(*_):
        raise Hung("read_file opened the FIFO")

    os.mkfifo(tmp_path / "pipe.toml")
    previous = signal.signal(signal.SIGALRM, hung)
    try:
        for suffix in (".toml", ".csv", ".xlsx"):
            signal.alarm(5)
            os.replace(next(tmp_path.glob("pipe.*")), tmp_path / f"pipe{suffix}")
            result = readers.read_file(tmp_path / f"pipe{suffix}", f"pipe{suffix}")
            assert [p.code for p in result.problems] == ["E001"] and result.stopped
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
