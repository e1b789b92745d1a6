"""docs/gates.md's pre-commit recipe, run as written: a fresh forms
repository gets the documented .pre-commit-config.yaml verbatim, and the real
`pre-commit` tool runs it. The recipe is a `repo: local` hook on the jxlint
installed in this environment, so it needs no network. (The `repo:` + `rev:`
recipe is run by test_precommit.py.)"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import VALID

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- pre-commit recipe: tests/test_gates_doc.py runs the next block as written -->"


def documented_config() -> str:
    text = (ROOT / "docs" / "gates.md").read_text(encoding="utf-8")
    assert MARKER in text, "docs/gates.md lost its tested pre-commit recipe"
    block = re.match(r"\s*```yaml\n(.*?)```", text.split(MARKER, 1)[1], re.S)
    assert block, "the marker must be followed by a ```yaml block"
    return block.group(1)


def test_documented_recipes_name_no_tag_and_no_pypi_install():
    """No recipe asks for a tag that does not exist or for jxlint from PyPI."""
    text = (ROOT / "docs" / "gates.md").read_text(encoding="utf-8")
    recipes = "".join(re.findall(r"```\w*\n(.*?)```", text, re.S))
    assert "rev: v" not in recipes
    assert not re.search(r"pip install jxlint\b(?! @)", recipes)


@pytest.fixture(scope="module")
def pre_commit():
    """The pre-commit tool (a test dependency); installed here if missing,
    skipped only when it cannot be."""
    if shutil.which("git") is None:
        pytest.skip("needs git: pre-commit runs on a git repository")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pre-commit"],
                                 capture_output=True, text=True, timeout=600)
        if install.returncode != 0:
            pytest.skip(f"pre-commit is not installed and could not be: {install.stderr.strip()[-300:]}")
    bindir = Path(sys.executable).parent
    if shutil.which("jxlint", path=str(bindir)) is None:
        pytest.fail(f"no jxlint script beside {sys.executable}: pip install -e '.[test]'")
    return bindir


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_documented_pre_commit_recipe_fails_a_bad_form_and_passes_a_good_one(tmp_path, pre_commit):
    forms = tmp_path / "forms"
    forms.mkdir()
    git("init", "-q", cwd=forms)
    (forms / ".pre-commit-config.yaml").write_text(documented_config(), encoding="utf-8")
    form = forms / "project.toml"
    form.write_text(VALID.replace('target = "≥420份"', 'target = "有效提高"'), encoding="utf-8")
    (forms / "pyproject.toml").write_text('[project]\nname = "not-a-form"\n', encoding="utf-8")
    git("add", ".", cwd=forms)
    # the hook's `jxlint` is the one installed in this environment, as the recipe says
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               PATH=f"{pre_commit}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONIOENCODING="utf-8")

    def run():
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                              cwd=forms, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)

    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "project.toml:" in bad.stdout and " V001 [错误]" in bad.stdout, bad.stdout
    assert "运行 jxlint explain V001 查看说明和修改方法" in bad.stdout     # the hint, once
    assert "pyproject.toml" not in bad.stdout

    form.write_text(VALID, encoding="utf-8")
    git("add", ".", cwd=forms)
    good = run()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
