"""Every output path goes through one guard (issue 15, item 8): `-o`,
`--annotate`, `--write-baseline`, `convert -o` and `template -o` never
write over an input, never through a symlink, and a missing folder is a
clear message with exit code 2, never a traceback."""
import json
import os
import sys
import time

import pytest

from support import VALID, run_cli

BAD = VALID.replace('target = "100%"', 'target = "提高"')
TABLE = "一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,建立服务档案数量,≥420份\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "f.toml").write_text(BAD, encoding="utf-8")
    (tmp_path / "t.csv").write_text(TABLE, encoding="utf-8")
    return tmp_path


def refused(result, *words):
    assert result.exit_code == 2, result.output
    assert all(w in result.output for w in words), result.output
    return result


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def test_write_baseline_never_over_the_checked_form(here):
    before = snapshot(here)
    start = time.perf_counter()
    refused(run_cli("check", "f.toml", "--write-baseline", "f.toml"), "输出文件就是输入文件", "f.toml")
    refused(run_cli("check", ".", "--write-baseline", "./f.toml"), "输出文件就是输入文件")
    refused(run_cli("check", "f.toml", "--write-baseline", str(here / "f.toml")), "the output is the input")
    print(f"\n[8 write-baseline over the form] refused in {time.perf_counter() - start:.2f}s for three runs")
    assert snapshot(here) == before


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_reports_and_baselines_never_over_an_input(here, option):
    (here / "base.json").write_text(json.dumps({"version": 1, "tool": "jxlint", "findings": []}),
                                    encoding="utf-8")
    (here / "jxlint.toml").write_text("", encoding="utf-8")
    before = snapshot(here)
    refused(run_cli("check", "--no-cache", "f.toml", option, "f.toml"), "f.toml")
    refused(run_cli("check", "--no-cache", "--config", "jxlint.toml", "f.toml", option, "jxlint.toml"))
    if option == "-o":
        refused(run_cli("check", "--no-cache", "--baseline", "base.json", "f.toml", "-o", "base.json"))
    assert snapshot(here) == before


def test_a_baseline_is_still_refreshed_in_place(here):
    assert run_cli("check", "--no-cache", "f.toml", "--write-baseline", "base.json").exit_code == 0
    assert run_cli("check", "--no-cache", "--baseline", "base.json", "f.toml",
                   "--write-baseline", "base.json").exit_code == 0
    assert run_cli("check", "--no-cache", "--baseline", "base.json", "f.toml").exit_code == 0


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
@pytest.mark.parametrize("dangling", [False, True])
def test_no_output_is_written_through_a_symlink(here, tmp_path_factory, dangling):
    outside = tmp_path_factory.mktemp("outside")
    victim = outside / "victim"
    if not dangling:
        victim.write_bytes(b"keep")
    for name in ("r.json", "b.json", "a.xlsx", "c.toml", "c.xlsx", "t.xlsx"):
        os.symlink(victim, here / name)
    runs = [
        ("check", "--no-cache", "f.toml", "-o", "r.json"),
        ("check", "--no-cache", "f.toml", "--write-baseline", "b.json"),
        ("check", "--no-cache", "t.csv", "--annotate", "a.xlsx"),
        ("convert", "t.csv", "-o", "c.toml", "--force"),
        ("convert", "f.toml", "-o", "c.xlsx", "--force"),
        ("template", "-o", "t.xlsx", "--force"),
    ]
    for args in runs:
        refused(run_cli(*args), "符号链接", "symlink")
        assert victim.read_bytes() == b"keep" if not dangling else not victim.exists()
        assert all((here / n).is_symlink() for n in ("r.json", "b.json", "a.xlsx", "c.toml", "c.xlsx", "t.xlsx"))


def test_a_missing_folder_is_a_message_not_a_traceback(here):
    start = time.perf_counter()
    runs = [
        ("check", "--no-cache", "f.toml", "-o", "nowhere/r.json"),
        ("check", "--no-cache", "f.toml", "--write-baseline", "nowhere/b.json"),
        ("check", "--no-cache", "t.csv", "--annotate", "nowhere/a.xlsx"),
        ("convert", "t.csv", "-o", "nowhere/c.toml"),
        ("convert", "f.toml", "-o", "nowhere/c.xlsx"),
        ("template", "-o", "nowhere/t.xlsx"),
        ("check", "--no-cache", "f.toml", "--write-baseline", "f.toml/b.json"),   # a file as the folder
    ]
    for args in runs:
        refused(run_cli(*args), "文件夹不存在", "folder does not exist")
    print(f"\n[8 missing folder] {len(runs)} runs refused in {time.perf_counter() - start:.2f}s")
    assert not (here / "nowhere").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="device files")
def test_a_device_is_not_an_output(here):
    os.symlink("/dev/null", here / "null.json")
    refused(run_cli("check", "--no-cache", "f.toml", "-o", "null.json"), "symlink")
    os.mkfifo(here / "pipe.json")
    refused(run_cli("check", "--no-cache", "f.toml", "-o", "pipe.json"), "不是普通文件", "not a regular file")


def test_two_outputs_cannot_share_a_file(here):
    refused(run_cli("check", "--no-cache", "t.csv", "-o", "x.xlsx", "--annotate", "x.xlsx"), "different files")
