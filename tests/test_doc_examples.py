"""Examples in the docs are run, so the docs cannot rot.

A ```toml block preceded by `<!-- jxlint: fires CODE [pack=NAME] -->` must
report CODE; one preceded by `<!-- jxlint: clean CODE ... -->` must not (and
must be readable). Fragments are completed like rule examples (a kind and a
[project] are added when missing).
"""
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine.core import Engine

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
MARK = re.compile(r"<!--\s*jxlint:\s*(fires|clean)\s+([A-Z]\d{3})((?:\s+\w+=[\w-]+)*)\s*-->\s*\n```toml\n(.*?)```",
                  re.S)


def examples():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in MARK.finditer(text):
            options = dict(o.split("=", 1) for o in m.group(3).split())
            line = text[: m.start()].count("\n") + 1
            yield pytest.param(m.group(1), m.group(2), options, m.group(4),
                               id=f"{doc.name}:{line}:{m.group(1)}-{m.group(2)}")


CASES = list(examples())


def complete(fragment: str) -> str:
    parsed = tomllib.loads(fragment)
    head = "" if "kind" in parsed else 'kind = "self-evaluation"\n'
    tail = "" if "project" in parsed else '\n[project]\nname = "示例项目"\n'
    return head + fragment + tail


def test_the_guide_has_its_ten_before_and_after_pairs():
    guide = [c for c in CASES if c.id.startswith("guide.md")]
    assert len(guide) == 20
    assert len({c.values[1] for c in guide}) == 10


@pytest.mark.parametrize("expect,code,options,fragment", CASES)
def test_doc_example(expect, code, options, fragment):
    packs = [options["pack"]] if "pack" in options else []
    report = Engine(packs=packs).check_text(complete(fragment), "doc-example.toml")
    codes = [f.code for f in report.findings]
    assert not report.stopped, report.findings
    if expect == "fires":
        assert code in codes, codes
    else:
        assert code not in codes, codes


def test_the_guides_workbook_output_is_what_jxlint_prints(tmp_path, monkeypatch):
    """docs/guide.md quotes the output of checking a workbook: the quoted
    lines must be what jxlint prints for that workbook today."""
    import openpyxl
    from click.testing import CliRunner
    from linter.cli.main import main
    from linter.writers.convert import convert
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    block = guide.split("<!-- jxlint: workbook-output -->", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    book = tmp_path / "自评表.xlsx"
    convert(ROOT / "examples" / "wuhan-huashan-2020.toml", book)
    wb = openpyxl.load_workbook(book)
    wb["绩效自评表"]["H12"] = "两分"
    wb.save(book)
    monkeypatch.chdir(tmp_path)  # the output names the file as given on the command line
    out = CliRunner().invoke(main, ["check", "--no-cache", "自评表.xlsx"]).output
    for line in block.strip("\n").splitlines():
        assert line in out.splitlines(), line


def test_the_guides_pictures_are_its_examples_as_workbooks():
    """Each before/after pair of the guide shows a picture of the marked-up
    workbook (tools/guide_images.py makes them from the pairs): every pair has
    its picture, small, and in a workbook the before still fires and the
    after does not."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("guide_images", ROOT / "tools" / "guide_images.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    codes = [code for code, *_ in tool.pairs()]
    assert len(codes) == 10
    for code in codes:
        picture = ROOT / "docs" / "img" / f"guide-{code}.png"
        assert f"](img/guide-{code}.png)" in guide and picture.exists(), code
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size < 120_000, code
    assert tool.main(["--check"]) == 0
