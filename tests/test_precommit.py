"""The pre-commit hook, for real: a temporary forms repository whose
.pre-commit-config.yaml points at this repository (`repo: <path>`,
`rev: <HEAD>`), run with the `pre-commit` tool itself. The first run builds
the hook's environment with pip (the package index must be reachable)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import VALID

ROOT = Path(__file__).resolve().parent.parent


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def head():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of jxlint (the hook is installed from its HEAD)")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail("pre-commit is a test dependency: pip install '.[test]'")
    if "pre-commit-hooks.yaml" not in git("ls-tree", "--name-only", "HEAD", cwd=ROOT).replace(".pre", "pre"):
        pytest.fail(".pre-commit-hooks.yaml is not committed at HEAD")
    return git("rev-parse", "HEAD", cwd=ROOT)


def test_hook_fails_on_a_bad_form_and_passes_once_fixed(tmp_path, head):
    forms = tmp_path / "forms"
    forms.mkdir()
    git("init", "-q", cwd=forms)
    git("config", "user.email", "t@example.com", cwd=forms)
    git("config", "user.name", "t", cwd=forms)
    (forms / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: jxlint\n", encoding="utf-8")
    form = forms / "project.toml"
    form.write_text(VALID.replace('target = "≥420份"', 'target = "有效提高"'), encoding="utf-8")
    (forms / "pyproject.toml").write_text('[project]\nname = "not-a-form"\n', encoding="utf-8")
    git("add", ".", cwd=forms)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")

    def run():
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                              cwd=forms, env=env, capture_output=True, text=True, timeout=900)

    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "V001" in bad.stdout and "project.toml" in bad.stdout
    assert "pyproject.toml" not in bad.stdout.replace("project.toml", "")

    form.write_text(VALID, encoding="utf-8")
    git("add", ".", cwd=forms)
    good = run()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
