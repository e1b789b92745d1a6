"""Small forms shared by the tests."""

# A complete, clean target form. It ends with the indicator tests append
# fields to (target "≥420份"), so VALID + 'x = 1' lands in that table.
VALID = '''kind = "target"
[project]
name = "测试项目"
[[indicators]]
level1 = "产出指标"
level2 = "质量指标"
name = "服务档案验收合格率"
target = "100%"
[[indicators]]
level1 = "产出指标"
level2 = "时效指标"
name = "服务档案建立完成时间"
target = "11月底前"
[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "受益居民人次"
target = "≥3000人次"
[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
target = "≥90%"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "建立服务档案数量"
target = "≥420份"
'''


def run_cli(*args):
    """Invoke the CLI in-process; no traceback may ever reach the user
    (unless they ask for one with --debug)."""
    from click.testing import CliRunner

    from linter.cli.main import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    if "--debug" not in args:
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result

# Where a line appended to VALID lands, and the index of its last indicator.
APPENDED_LINE = VALID.count("\n") + 1
LAST_INDICATOR = VALID.count("[[indicators]]") - 1


# One `jxlint` process run by a small wrapper that times it and reads the
# child's own peak RSS (RUSAGE_CHILDREN): what the hostile-input tests measure.
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))
    rc, out, err = proc.returncode, proc.stdout, proc.stderr
except subprocess.TimeoutExpired as exc:
    rc, out, err = None, exc.stdout or b"", exc.stderr or b""
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak = peak / 1048576 if sys.platform == "darwin" else peak / 1024
json.dump({"rc": rc, "wall": wall, "peak_mb": peak,
           "out": out.decode("utf-8", "replace"), "err": err.decode("utf-8", "replace")}, sys.stdout)
"""


def measured_jxlint(*args, cwd, xdg, limit: float = 30):
    """One measured `jxlint` run: dict(rc, wall, peak_mb, out, err); rc is None
    when it was killed after `limit` seconds (a hang)."""
    import json
    import os
    import subprocess
    import sys
    env = dict(os.environ, XDG_CACHE_HOME=str(xdg), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(limit), sys.executable, "-m", "linter.cli.main",
                           *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    run = json.loads(proc.stdout)
    assert "Traceback" not in run["out"] + run["err"], run["err"]
    return run


def luohu_workbook(folder):
    """The shipped Luohu example (examples/luohu-dangqun-2022.toml) as the
    workbook a department files: the evaluation report has no workbook of its
    own, so the form goes into the national self-evaluation template."""
    from pathlib import Path

    import pytest
    pytest.importorskip("openpyxl")
    from linter.writers.convert import toml_to_workbook

    source = Path(__file__).resolve().parent.parent / "examples" / "luohu-dangqun-2022.toml"
    form = Path(folder) / "luohu.toml"
    form.write_text(source.read_text(encoding="utf-8").replace('kind = "evaluation"', 'kind = "self-evaluation"'),
                    encoding="utf-8")
    workbook = Path(folder) / "luohu.xlsx"
    toml_to_workbook(form, workbook)
    return workbook


# A self-evaluation form with mechanical mistakes, for the fix tests of the
# page: a "≧90%" target (V003: ≥), a budget score that ignores the execution
# rate (S004: 10 → 9.5), and a total and a grade that disagree with the
# scores (S009, S010). Fixing the score changes the total again: two passes.
FIXABLE = '''format = 1
kind = "self-evaluation"

[project]
name = "社区服务"
year = 2022

[budget]
adjusted = 100
actual = 95
weight = 10
score = 10

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "开展活动"
target = "≥4场"
actual = "4场"
weight = 30
score = 30

[[indicators]]
level1 = "产出指标"
level2 = "质量指标"
name = "活动验收合格率"
target = "≧90%"
actual = "95%"
weight = 20
score = 20

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "受益居民人次"
target = "≥3000人次"
actual = "3200人次"
weight = 30
score = 30

[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
target = "≥90%"
actual = "95%"
weight = 10
score = 10

[evaluation]
total_score = 90
grade = "良"
'''


def fixable_workbook(folder, name="fixable.xlsx"):
    """FIXABLE in the national self-evaluation template."""
    from pathlib import Path

    import pytest
    pytest.importorskip("openpyxl")
    from linter.writers.convert import toml_to_workbook

    form = Path(folder) / "fixable.toml"
    form.write_text(FIXABLE, encoding="utf-8")
    workbook = Path(folder) / name
    toml_to_workbook(form, workbook)
    return workbook


# The parts every hand-made one-sheet .xlsx package needs (content types, the
# package's and the workbook's relationships), for tests that write the XML
# of a workbook themselves.
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
           '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
           '</Relationships>')


def run_python(code: str, cwd=None):
    """`python -c code` in a fresh interpreter (what it imports is its own),
    from the repository root unless told otherwise; output as text."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-c", code], cwd=cwd or root, capture_output=True, text=True)


def doc_paths(node, path=()):
    """Every path in a document (dicts and lists), the root's () first, depth first."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from doc_paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from doc_paths(v, path + (i,))


def bench_generator():
    """bench/generate.py, the seeded form generator, loaded from its file:
    `bench` is not a package on the path of an installed jxlint."""
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("jxlint_bench_generate",
                                                  Path(__file__).resolve().parent.parent / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
