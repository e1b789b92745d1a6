"""The package's folders are the stages of the flow, and imports only run
downwards: a stage may import its own package and the stages below it, never
one above (or beside) it. Lazy imports inside functions count too: they are
still a dependency, only a later one."""
import ast
from pathlib import Path

import sys

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter"

# Lowest first. Stages on one line share a level but must not import each other.
LAYERS = [
    ("base",),
    ("model",),
    ("readers", "checks"),
    ("packs",),
    ("policy",),
    ("engine",),
    ("writers", "reporters"),
    ("cli",),
]
LEVEL = {stage: i for i, stages in enumerate(LAYERS) for stage in stages}
# `linter/__init__.py` (the version) and `linter.rules` (data) sit below everything.
FREE = {"", "rules"}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path):
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = path.name == "__init__.py"
    if is_package:
        module = module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "linter":
                for alias in node.names:
                    sub = alias.name in LEVEL or alias.name in FREE
                    yield node.lineno, f"linter.{alias.name}" if sub else "linter"
            elif target.startswith("linter."):
                yield node.lineno, target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("linter."):
                    yield node.lineno, alias.name


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_stage():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"modules outside a stage package: {loose}"
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert stages == set(LEVEL), "a new stage needs its place in LAYERS (and docs/architecture.md)"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_flow(path):
    wrong = violations(path)
    assert not wrong, "\n".join(wrong)


def violations(path: Path):
    own = stage_of(".".join(path.relative_to(PACKAGE.parent).parts))
    wrong = []
    for line, target in imports_of(path):
        other = stage_of(target)
        if other in FREE or other == own:
            continue
        if own in FREE:
            wrong.append(f"line {line}: linter/__init__ imports {target}")
        elif LEVEL[other] >= LEVEL[own]:
            wrong.append(f"line {line}: {own} (level {LEVEL[own]}) imports {target} (level {LEVEL[other]})")
    return wrong


def test_an_upward_or_sideways_import_is_caught(tmp_path, monkeypatch):
    """The check above can fail: a model module importing the engine, a lazy
    import inside a function, and a reader importing a check are all seen."""
    fake_root = tmp_path / "linter"
    (fake_root / "model").mkdir(parents=True)
    probe = fake_root / "model" / "probe.py"
    probe.write_text("def f():\n    from ..engine.core import Engine\n", encoding="utf-8")
    (fake_root / "readers").mkdir()
    side = fake_root / "readers" / "probe.py"
    side.write_text("from linter.checks import REGISTRY\nfrom linter.model import form\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake_root)
    assert violations(probe) == ["line 2: model (level 1) imports linter.engine.core (level 5)"]
    assert violations(side) == ["line 1: readers (level 2) imports linter.checks (level 2)"]
