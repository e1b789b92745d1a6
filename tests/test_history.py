"""Rules across the forms of a run (Y001–Y004, rules/history.toml): a project
against its own form of the year before, and duplicates in one department.

Forms are written to a temporary repository and checked as `jxlint check`
checks them (`check_files`): a folder, and one changed file named alone
(pre-commit), whose earlier year is found in the tree. A second run takes
everything from the cache and reads no file.
"""
import json
from pathlib import Path

import pytest

import linter.engine.core as core
import linter.readers as readers
from linter.engine.run import Options, check_files
from linter.engine.discover import discover
from linter.model.history import duplicates, form_facts, previous_year, same_project
from linter.model.form import Form

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def form(kind="self-evaluation", name="社区服务中心运营", department="某区民政局", year=2020, code=None,
         indicators=()):
    lines = ["format = 1", f'kind = "{kind}"', "", "[project]", f'name = "{name}"']
    if department:
        lines.append(f'department = "{department}"')
    if year is not None:
        lines.append(f"year = {year}")
    if code:
        lines.append(f'code = "{code}"')
    for ind in indicators:
        lines += ["", "[[indicators]]"]
        ind = {"level1": "产出指标", "level2": "数量指标", **ind}
        lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in ind.items()]
    return "\n".join(lines) + "\n"


LAST_YEAR = [{"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥85%", "actual": "96%"},
             {"name": "1.服务居民人数(10分)", "target": "≥2000人", "actual": "2100人"},
             {"name": "开展社区活动场次", "target": "≥24场", "actual": "26场"}]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(paths, cache_dir=None, tree=()):
    files = discover([str(p) for p in paths])
    results = check_files(files, Options(), "zh", cache_dir=cache_dir, tree=list(tree))
    return {r.display: r for r in results}


def y(result, code=None):
    return [f for f in result.findings if f.code.startswith("Y") and (code is None or f.code == code)]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "forms/center/2020.toml", form(indicators=LAST_YEAR))
    write(tmp_path, "forms/center/2021.toml", form(kind="target", year=2021, indicators=[
        # below last year's 96%, no explanation: Y001
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%"},
        # renamed by numbering and points only, its unit changed: Y003, not Y002
        {"name": "服务居民人数", "target": "≥2200人次"},
        # 开展社区活动场次 is gone: Y002
    ]))
    return Path("forms")


def test_a_folder_run_compares_the_years(repo):
    results = run([repo])
    later, earlier = results["forms/center/2021.toml"], results["forms/center/2020.toml"]
    assert [f.code for f in y(later)] == ["Y002", "Y001", "Y003"]
    assert not y(earlier), "the earlier year is not judged against the later one"
    y001 = y(later, "Y001")[0]
    assert y001.path == "indicators[0].target" and y001.location.file == "forms/center/2021.toml"
    assert y001.location.line is not None
    assert "forms/center/2020.toml" in y001.message
    assert "按项目名称“社区服务中心运营”和主管部门“某区民政局”匹配" in y001.message
    assert "“开展社区活动场次”" in y(later, "Y002")[0].message
    assert "“人”改为“人次”" in y(later, "Y003")[0].message


def test_checked_alone_a_form_gets_no_y_finding(repo):
    results = run([repo / "center/2021.toml"])  # no tree: the file is the whole run
    assert not y(results["forms/center/2021.toml"])
    report = core.Engine().check_file(repo / "center/2021.toml")
    assert report.findings and not [f for f in report.findings if f.code.startswith("Y")]


def test_precommit_one_changed_file_finds_its_earlier_year_in_the_tree(repo):
    changed = repo / "center/2021.toml"
    results = run([changed], tree=[changed])
    assert list(results) == ["forms/center/2021.toml"], "tree files are context, not reported"
    assert [f.code for f in y(results["forms/center/2021.toml"])] == ["Y002", "Y001", "Y003"]


def test_precommit_year_folders_stand_for_their_parent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "dept/2020/center.toml", form(code="LG-001", indicators=LAST_YEAR))
    changed = write(tmp_path, "dept/2021/center.toml", form(
        kind="target", year=2021, code="LG-001", name="社区服务中心运营项目",
        indicators=[{"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%"}]))
    results = run([Path("dept/2021/center.toml")], tree=[Path("dept/2021/center.toml")])
    found = y(results["dept/2021/center.toml"], "Y001")
    assert found and "按项目编码 LG-001 匹配" in found[0].message, "matched by code despite the new name"
    assert changed.exists()


def test_second_run_reads_nothing(repo, tmp_path, monkeypatch):
    cache = tmp_path / ".jxlint_cache"
    changed = repo / "center/2021.toml"
    first = run([changed], cache_dir=cache, tree=[changed])
    reads = []
    real = readers.read_file

    def counting(path, *args, **kwargs):
        reads.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(readers, "read_file", counting)
    monkeypatch.setattr(core, "read_file", counting)
    second = run([changed], cache_dir=cache, tree=[changed])
    assert reads == [], "findings, facts and cross-form findings all came from the cache"
    a, b = first["forms/center/2021.toml"], second["forms/center/2021.toml"]
    assert b.cached and [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]
    # a folder run after it reuses the same entries: the earlier file's facts too
    reads.clear()
    run([repo], cache_dir=cache)
    assert reads == ["forms/center/2020.toml"], "only the file never checked before is checked"
    # the earlier year changes: the later form's cross-form findings are recomputed
    write(Path("."), "forms/center/2020.toml", form(indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥85%", "actual": "88%"}]))
    reads.clear()
    third = run([changed], cache_dir=cache, tree=[changed])
    assert "forms/center/2020.toml" in reads
    assert not y(third["forms/center/2021.toml"], "Y001")


def test_a_target_below_last_actual_with_an_explanation_is_fine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=LAST_YEAR[:1]))
    write(tmp_path, "f/2021.toml", form(kind="target", year=2021, indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%",
         "explanation": "服务范围扩大到新划入的 3 个社区，按全区口径测算"}]))
    assert not y(run([Path("f")])["f/2021.toml"])


def test_boilerplate_is_no_explanation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=LAST_YEAR[:1]))
    write(tmp_path, "f/2021.toml", form(kind="target", year=2021, indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%", "explanation": "无"}]))
    assert [f.code for f in y(run([Path("f")])["f/2021.toml"])] == ["Y001"]


def test_a_lower_is_better_target_below_last_actual_is_fine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=[{"level2": "成本指标", "name": "人均服务成本",
                                                     "target": "≤300元/人", "actual": "280元/人"}]))
    write(tmp_path, "f/2021.toml", form(kind="target", year=2021, indicators=[
        {"level2": "成本指标", "name": "人均服务成本", "target": "≤250元/人"}]))
    assert not y(run([Path("f")])["f/2021.toml"])


def test_renamed_only_by_numbering_and_points_is_not_dropped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=[{"name": "1.开展社区活动场次(10分)", "target": "≥24场",
                                                     "actual": "26场"}]))
    write(tmp_path, "f/2021.toml", form(kind="target", year=2021, indicators=[
        {"name": "（一）开展社区活动场次（12分）", "target": "≥26场"}]))
    assert not y(run([Path("f")])["f/2021.toml"])


def test_a_different_departments_project_of_the_same_name_is_another_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/a-2020.toml", form(department="某街道办事处", indicators=LAST_YEAR))
    write(tmp_path, "f/b-2021.toml", form(kind="target", year=2021, indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%"}]))
    write(tmp_path, "f/c-2021.toml", form(kind="target", year=2021, department="某街道办事处",
                                          name="社区服务中心运营", code=None,
                                          indicators=[{"name": "开展社区活动场次", "target": "≥30场"},
                                                      {"name": "服务居民人数", "target": "≥2200人"},
                                                      {"level2": "质量指标", "name": "居家养老服务覆盖率",
                                                       "target": "≥97%"}]))
    results = run([Path("f")])
    assert not y(results["f/b-2021.toml"]), "same name, another department: no pair, no duplicate"
    assert not y(results["f/c-2021.toml"]), "its own department's earlier year, all kept and raised"


def test_a_form_with_no_year_meets_no_other(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=LAST_YEAR))
    write(tmp_path, "f/undated.toml", form(kind="target", year=None, indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%"}]))
    write(tmp_path, "f/undated-2.toml", form(kind="target", year=None))
    results = run([Path("f")])
    assert not any(y(r) for r in results.values())


def test_duplicate_projects_of_one_department_and_year(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/a.toml", form(kind="target", year=2021, code="LG-7"))
    write(tmp_path, "f/b.toml", form(kind="target", year=2021, code="LG-7", name="社区服务中心运营经费"))
    write(tmp_path, "f/c.toml", form(kind="self-evaluation", year=2021, code="LG-7"))  # another stage
    write(tmp_path, "f/d.toml", form(kind="target", year=2021, code="LG-8"))  # another code, same name
    results = run([Path("f")])
    a, b = y(results["f/a.toml"]), y(results["f/b.toml"])
    assert [f.code for f in a] == ["Y004"] and [f.code for f in b] == ["Y004"]
    assert "f/b.toml" in a[0].message and "按项目编码 LG-7 匹配" in a[0].message
    assert a[0].path == "project.code"
    assert not y(results["f/c.toml"]) and not y(results["f/d.toml"])


def test_longgang_examples_are_fourteen_projects(monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    results = run([Path("examples")])
    assert len(results) == 17
    assert not any(y(r) for r in results.values()), \
        "14 different names in one department and year, and Luohu's evaluation beside its self-evaluation"


def test_a_suppression_of_a_y_rule_works_and_is_not_called_unused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/2020.toml", form(indicators=LAST_YEAR[:1]))
    text = form(kind="target", year=2021, indicators=[
        {"level2": "质量指标", "name": "居家养老服务覆盖率", "target": "≥90%"}])
    text = text.replace('target = "≥90%"', 'target = "≥90%"  # jxlint: ignore[Y001] 上年含一次性专项，不可比')
    write(tmp_path, "f/2021.toml", text)
    files = discover(["f"])
    results = check_files(files, Options(report_unused_ignores=True), "zh")
    later = [r for r in results if r.display == "f/2021.toml"][0]
    assert not [f for f in later.findings if f.code in ("Y001", "E006")]


def test_facts_and_matching():
    a = form_facts(Form("a.toml", {"kind": "target", "project": {"name": "项目", "code": " X 1 ", "year": 2021}}), "a.toml")
    b = form_facts(Form("b.toml", {"kind": "self-evaluation", "project": {"name": "别名", "code": "X1",
                                                                          "year": 2020}}), "b.toml")
    assert same_project(a, b) == "code"
    assert previous_year(a, [a, b]) == (b, "code")
    c = dict(b, code="X2")
    assert same_project(a, c) is None, "two codes: two projects, whatever the names"
    n1 = form_facts(Form("n1", {"kind": "target", "project": {"name": "项目", "year": 2021}}), "n1")
    n2 = form_facts(Form("n2", {"kind": "target", "project": {"name": "项目", "year": 2021}}), "n2")
    assert same_project(n1, n2) is None, "no department: a name alone matches nothing"
    assert duplicates(n1, [n1, n2]) == []
    json.dumps(a)  # facts go into the cache as JSON


def test_tree_files_give_earlier_years_only(tmp_path, monkeypatch):
    # a workbook's TOML conversion beside it is the same form, not a duplicate,
    # when one of them is committed alone; a folder run holding both says so
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "f/a.toml", form(kind="target", year=2021, code="LG-7"))
    changed = write(tmp_path, "f/a-converted.toml", form(kind="target", year=2021, code="LG-7"))
    assert not y(run([Path("f/a-converted.toml")], tree=[Path("f/a-converted.toml")])["f/a-converted.toml"])
    assert [f.code for f in y(run([Path("f")])["f/a-converted.toml"])] == ["Y004"]
    assert changed.exists()


def test_projects_differ_by_every_word_and_figure_of_their_name():
    """Project names keep their figures (一期/二期, (23)/(31)): only width,
    spaces, case and punctuation are folded. Indicator numbering rules do not
    apply to project names."""
    from linter.model.history import project_key, same_project
    a = {"code": "", "name": "社区服务（23）", "department": "民政局"}
    assert same_project(a, dict(a, name="社区服务（31）")) is None
    assert same_project(a, dict(a, name="社区服务(23) ")) == "name"
    assert project_key("道路 改造（一期）") != project_key("道路改造（二期）")


def test_a_project_key_keeps_exactly_the_letters_and_figures():
    """The fold is NFKC, lower case, and every character `str.isalnum` keeps
    (the regex that does it is held to that definition)."""
    import random
    import unicodedata
    from linter.model.history import project_key
    rng = random.Random(7)
    for _ in range(20000):
        name = "".join(chr(rng.randint(0, 0x2FFFF)) if rng.random() < 0.3 else rng.choice("项目（一期）_aB 12·-—、½²٣Ⅻﬁ")
                       for _ in range(rng.randint(0, 12)))
        folded = unicodedata.normalize("NFKC", name).lower()
        assert project_key(name) == "".join(ch for ch in folded if ch.isalnum()), repr(name)
    assert project_key(None) == project_key("") == "" and project_key(12) == "12"


def test_a_table_that_repeats_a_project_gets_one_finding_per_row():
    """Y004 names the first few others and a count, not one finding per pair."""
    from linter.model.history import related_nodes
    rows = [{"file": "t.csv", "form": i, "kind": "target", "code": "", "name": "社区服务",
             "department": "民政局", "year": 2021, "indicators": []} for i in range(50)]
    related = related_nodes(rows[0], rows)
    [peers] = related["peers"]
    assert peers["count"] == 49 and "等 49 处" in peers["other_file"]
