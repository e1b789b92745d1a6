"""The README's commands and sample output stay true."""
import re
from pathlib import Path

from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_install_and_run():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("jxlint check examples/")
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, "CI must run the README's test command"


def test_sample_output_matches_a_real_run(monkeypatch):
    sample = re.search(r"输出示例 / sample output:\n\n```text\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    output = run_cli("check", "examples/").output
    for line in sample.strip("\n").splitlines():
        assert line in output.splitlines(), line
