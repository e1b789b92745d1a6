"""A file of many forms (a department's table, one project per row) checked
in parts by forked processes (engine/run.py `_check_in_parts`): the report
is the one a single process gives, and anything that stops the pool falls
back to checking here."""
import os

import pytest

from linter.engine import run
from linter.engine.core import Engine
from linter.engine.run import Options, check_files

from readers.workbooks import LONGGANG_TSV

pytestmark = pytest.mark.skipif(not run._can_fork(), reason="forms are checked in parts only where fork is safe")


@pytest.fixture
def parts_seen(monkeypatch):
    """How many parts each file's report was joined from (Engine.finish
    runs in the parent, whatever checked the parts)."""
    seen = []
    finish = Engine.finish

    def spy(self, result, parts, path=None):
        seen.append(len(parts))
        return finish(self, result, parts, path)
    monkeypatch.setattr(Engine, "finish", spy)
    # the Longgang table has 14 projects: make it "large"
    monkeypatch.setattr(run, "SPLIT_FROM", 4)
    return seen


def _report(jobs):
    [result] = check_files([(LONGGANG_TSV, "longgang-2020.tsv")], Options(), "zh", jobs=jobs)
    return result


def _same(a, b):
    assert [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]
    assert [f.blocking for f in a.findings] == [f.blocking for f in b.findings]
    assert (a.packs, a.facts, a.stopped, a.error) == (b.packs, b.facts, b.stopped, b.error)


def test_a_large_table_checked_in_parts_reports_what_one_process_reports(parts_seen):
    alone = _report(jobs=1)
    assert parts_seen == [1]
    split = _report(jobs=2)
    assert parts_seen[1] > 1  # it was split
    assert len(alone.findings) > 20 and {f.form for f in alone.findings} >= set(range(10))
    _same(alone, split)


def test_jobs_1_and_a_small_file_are_checked_in_one_process(parts_seen, monkeypatch):
    monkeypatch.setattr(run, "SPLIT_FROM", 15)  # one more than the table holds
    _report(jobs=2)
    _report(jobs=1)
    assert parts_seen == [1, 1]


def test_without_fork_the_forms_are_checked_here(parts_seen, monkeypatch):
    reference = _report(jobs=1)
    monkeypatch.setattr(run, "_can_fork", lambda: False)
    _same(reference, _report(jobs=2))
    assert parts_seen == [1, 1]


def test_a_pool_that_breaks_falls_back_to_checking_here(parts_seen, monkeypatch):
    reference = _report(jobs=1)

    parent, check_forms = os.getpid(), Engine.check_forms

    def dies(self, result, indexes):  # a worker killed (out of memory, say) mid-part
        if os.getpid() != parent:
            os._exit(3)
        return check_forms(self, result, indexes)
    monkeypatch.setattr(Engine, "check_forms", dies)
    _same(reference, _report(jobs=2))
    assert parts_seen == [1, 1]


def test_a_pool_of_files_does_not_split_its_files(parts_seen, monkeypatch, tmp_path):
    """Workers of a many-file run check their files whole: no pool inside a pool."""
    monkeypatch.setattr(run, "PARALLEL_FROM", 2)
    checker = run.Checker(Options(), "zh")
    check_files([(LONGGANG_TSV, "a.tsv"), (LONGGANG_TSV, "b.tsv")], Options(), "zh", jobs=2, checker=checker)
    assert checker.split == 1
    assert parts_seen == []  # the files were checked (and joined) in the pool's workers
