"""A TOML-only run never pays for workbook support (openpyxl costs ~200 ms
to import, docs/measurements.md); workbook support loads only when a
workbook or table is read."""
from pathlib import Path

from support import run_python

ROOT = Path(__file__).resolve().parent.parent

CHECK_TOML = """
import sys
from pathlib import Path
from linter.engine.core import Engine
report = Engine().check_file(Path({path!r}))
assert report.forms == 1
heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'
               or m in ('linter.readers.templates', 'linter.readers.xlsx', 'linter.readers.table', 'defusedxml'))
assert not heavy, heavy
"""


def test_checking_toml_never_imports_openpyxl():
    done = run_python(CHECK_TOML.format(path=str(ROOT / "examples" / "wuhan-huashan-2020.toml")))
    assert done.returncode == 0, done.stderr


def test_the_cli_on_examples_never_imports_openpyxl():
    code = ("import sys\nfrom linter.cli.main import run\nsys.argv = ['jxlint', 'check', 'examples/']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "assert 'openpyxl' not in sys.modules, 'openpyxl imported'\n")
    done = run_python(code)
    assert done.returncode == 0, done.stderr


def test_importing_the_workbook_modules_is_free():
    code = ("import sys\nimport linter.readers.xlsx, linter.writers.convert, linter.writers.annotate, "
            "linter.writers.workbook_template, linter.cli.workbook\nassert 'openpyxl' not in sys.modules\n")
    done = run_python(code)
    assert done.returncode == 0, done.stderr
