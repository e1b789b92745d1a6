"""The whole check path never raises, whatever the text, and is deterministic."""
import json
import re
from pathlib import Path

from hypothesis import given, strategies as st

from linter.engine.core import Engine
from linter.model.findings import Summary

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.toml"))]
ENGINE = Engine()
_QUOTED = re.compile(r'"([^"\\\n]*)"')


def _escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@st.composite
def mutated_forms(draw):
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "delete", "duplicate", "truncate", "insert"]))
        if op == "value" and _QUOTED.search(lines[i]):
            new = _escape(draw(st.text(max_size=30)))
            lines[i] = _QUOTED.sub(lambda m: f'"{new}"', lines[i], count=1)
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            lines.insert(i, draw(st.text(max_size=20)))
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _outcome(text):
    report = ENGINE.check_text(text, "f.toml")
    summary = Summary(files=1, files_stopped=int(report.stopped))
    for f in report.findings:
        summary.add(f)
    return summary.exit_code(), json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False)


@given(mutated_forms())
def test_mutated_examples_never_crash_and_repeat(text):
    code, findings = _outcome(text)
    assert code in (0, 1, 2)
    assert _outcome(text) == (code, findings)


@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    code, _ = _outcome(text)
    assert code in (0, 1, 2)


def test_fuzz_harness_runs(tmp_path, monkeypatch):
    """The long-running fuzzer (tests/fuzz/fuzz_check.py) works; its long
    runs are on demand."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("fuzz_check", ROOT / "tests" / "fuzz" / "fuzz_check.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    monkeypatch.chdir(tmp_path)
    assert fuzz.main(["--minutes", "0.02", "--seed", "7"]) == 0
    assert not (tmp_path / "fuzz-failures").exists()
