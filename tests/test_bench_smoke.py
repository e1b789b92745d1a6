"""The benchmark's generator works: a smoke test of bench/ (no timings).

bench/ is not part of the test suite; this only checks that the forms it
generates are what the benchmark claims to measure — valid indicator-set
TOML that jxlint reads and checks (no E001/E002), the same for the same seed,
clean when no defects are asked for, and with findings when they are.
"""
import csv
import io
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine.core import Engine

from support import bench_generator

ROOT = Path(__file__).resolve().parent.parent


gen = bench_generator()
# core and the national scoring pack, plus the packs a form names (the
# multi-site forms name shenzhen-dangqun)
ENGINE = Engine()


def test_generated_forms_parse_and_check_without_input_errors(tmp_path):
    paths = gen.generate(tmp_path, forms=6, indicators=8, seed=11, defect_rate=0.3, csv_too=True)
    assert len(paths) == 6
    for path in paths:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        assert len(doc["indicators"]) == 8
        report = ENGINE.check_file(path)
        assert report.forms == 1 and not report.stopped
        assert not [f for f in report.findings if f.code in ("E001", "E002")]
        rows = list(csv.DictReader(io.StringIO(path.with_suffix(".csv").read_text(encoding="utf-8"))))
        assert [r["name"] for r in rows] == [i["name"] for i in doc["indicators"]]
    assert (tmp_path / "indicators.schema.json").is_file()


def test_same_seed_same_forms_and_every_kind():
    kinds = set()
    for i in range(60):
        text = gen.form_text(i, 5, seed=3)
        assert text == gen.form_text(i, 5, seed=3)
        kinds.add(tomllib.loads(text)["kind"])
    assert kinds == {"target", "self-evaluation", "evaluation"}
    assert gen.form_text(0, 5, seed=3) != gen.form_text(0, 5, seed=4)


def test_no_defects_no_findings_and_defects_findings():
    clean = [ENGINE.check_text(gen.form_text(i, 12, seed=5, defect_rate=0.0)) for i in range(4)]
    assert all(r.findings == [] for r in clean)
    spoiled = [ENGINE.check_text(gen.form_text(i, 12, seed=5, defect_rate=0.5)) for i in range(4)]
    assert all(not r.stopped for r in spoiled)
    assert sum(len(r.findings) for r in spoiled) > 0


def test_longgang_rows_line_up_with_their_header():
    rows = gen.longgang_rows(3, seed=2)
    width = len(rows[3])  # the first header row names every column
    assert all(len(row) == width for row in rows[6:])
    assert [row[0] for row in rows[6:]] == ["1", "2", "3"]
