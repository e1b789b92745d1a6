"""Gates: configuration, suppressions, baselines, output formats, workers and
the cache — what a pre-commit hook or a CI job over many forms relies on."""
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from support import VALID, run_cli

ROOT = Path(__file__).resolve().parent.parent
LUOHU = ROOT / "examples" / "luohu-dangqun-2022.toml"

# VALID with one vague target: V001 (error) on the last indicator.
VAGUE = VALID.replace('target = "≥420份"', 'target = "有效提高"')
# VALID with a rate written without % (V005 error) and a look-alike glyph (V003 warning).
GLYPH = VALID.replace('target = "≥90%"', 'target = "≧90%"')


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(*args, cwd=None):
    """Run `jxlint check` in-process from `cwd`; returns (exit code, output)."""
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        result = run_cli("check", "--no-cache", *args)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def codes(output: str):
    return sorted(f["code"] for f in json.loads(output)["findings"])


# --- configuration -----------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """A forms repository with a root config and a nested one."""
    write(tmp_path / "jxlint.toml", '[severity]\nV003 = "error"\n')
    write(tmp_path / "a" / "vague.toml", VAGUE)
    write(tmp_path / "a" / "glyph.toml", GLYPH)
    write(tmp_path / "b" / ".jxlint.toml", 'ignore = ["V001"]\n')
    write(tmp_path / "b" / "vague.toml", VAGUE)
    write(tmp_path / "b" / "old" / "vague.toml", VAGUE)
    return tmp_path


def test_root_config_changes_a_severity(repo):
    rc, out = check("--format", "json", "a/glyph.toml", cwd=repo)
    [finding] = json.loads(out)["findings"]
    assert (finding["code"], finding["severity"]) == ("V003", "error") and rc == 1


def test_nearest_config_wins(repo):
    assert codes(check("--format", "json", "a/vague.toml", cwd=repo)[1]) == ["V001"]
    rc, out = check("--format", "json", "b/vague.toml", cwd=repo)
    assert codes(out) == [] and rc == 0  # b/.jxlint.toml ignores V001 (and not V003's severity)


def test_per_file_ignores(repo):
    write(repo / "b" / ".jxlint.toml", '[per-file-ignores]\n"old/*.toml" = ["V"]\n')
    assert codes(check("--format", "json", "b", cwd=repo)[1]) == ["V001"]  # b/vague.toml only


def test_fail_on_changes_the_exit_code(tmp_path):
    form = write(tmp_path / "f.toml", GLYPH)
    assert check(str(form), cwd=tmp_path)[0] == 0          # a warning does not fail by default
    write(tmp_path / "jxlint.toml", 'fail-on = "warning"\n')
    assert check(str(form), cwd=tmp_path)[0] == 1
    assert check("--fail-on", "error", str(form), cwd=tmp_path)[0] == 0


def test_pyproject_tool_table_and_isolated(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "forms"\n[tool.jxlint]\nignore = ["V001"]\n')
    form = write(tmp_path / "f.toml", VAGUE)
    assert check(str(form), cwd=tmp_path)[0] == 0
    assert check("--isolated", str(form), cwd=tmp_path)[0] == 1


def test_explicit_config_and_select(tmp_path):
    cfg = write(tmp_path / "other.toml", 'select = ["V003"]\n')
    form = write(tmp_path / "f.toml", VAGUE)
    assert check("--config", str(cfg), str(form), cwd=tmp_path)[0] == 0
    assert codes(check("--format", "json", "--select", "V001", str(form), cwd=tmp_path)[1]) == ["V001"]
    assert codes(check("--format", "json", "--ignore", "target-not-quantified", str(form),
                       cwd=tmp_path)[1]) == []


def test_params_override_and_exclude(tmp_path):
    write(tmp_path / "jxlint.toml", 'exclude = ["drafts/"]\n[params]\nV009 = { min = 95 }\n')
    write(tmp_path / "f.toml", VALID)                      # 满意度 ≥90% < 95
    write(tmp_path / "drafts" / "d.toml", VAGUE)
    out = check("--format", "json", ".", cwd=tmp_path)[1]
    assert codes(out) == ["V009"]


@pytest.mark.parametrize("text,words", [
    ('ignor = ["V001"]\n', ["ignore"]),                 # did you mean
    ('fail-on = "fatal"\n', ["fail-on", "error"]),
    ('[severity]\nV001 = "loud"\n', ["severity.V001"]),
    ('[params]\nV009 = { minimum = 95 }\n', ["V009", "min"]),
    ('[severity]\nZ999 = "error"\n', ["Z999"]),
    ('select = "V001"\n', ["select"]),
])
def test_bad_config_names_file_line_and_fix(tmp_path, text, words):
    write(tmp_path / "jxlint.toml", text)
    form = write(tmp_path / "f.toml", VALID)
    rc, out = check(str(form), cwd=tmp_path)
    assert rc == 2 and "jxlint.toml" in out and "Traceback" not in out
    for word in words:
        assert word in out, out


def test_workbook_style_recorded_ignores_need_a_reason(tmp_path):
    write(tmp_path / "jxlint.toml",
          '[[ignores]]\nfile = "f.toml"\ncode = "V001"\nindicator = "建立服务档案数量"\nreason = "已确认"\n')
    form = write(tmp_path / "f.toml", VAGUE)
    assert check(str(form), cwd=tmp_path)[0] == 0
    write(tmp_path / "jxlint.toml", '[[ignores]]\nfile = "f.toml"\ncode = "V001"\n')
    assert check(str(form), cwd=tmp_path)[0] == 2  # reason is required


def test_init_writes_a_starter_that_is_valid(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert run_cli("init").exit_code == 0
        assert run_cli("init").exit_code == 2           # never overwrites
    finally:
        os.chdir(old)
    assert "fail-on" in (tmp_path / "jxlint.toml").read_text(encoding="utf-8")
    form = write(tmp_path / "f.toml", VALID)
    assert check(str(form), cwd=tmp_path)[0] == 0


# --- suppressions ------------------------------------------------------------

def test_suppression_with_reason_on_the_value_line(tmp_path):
    form = write(tmp_path / "f.toml", VAGUE.replace('"有效提高"', '"有效提高"  # jxlint: ignore[V001] 旧表，下年修改'))
    assert check(str(form), cwd=tmp_path)[0] == 0


def test_suppression_by_slug_on_the_table_header(tmp_path):
    text = VAGUE.replace('[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "数量指标"',
                         '[[indicators]]  # jxlint: ignore[target-not-quantified] 经财政局确认\n'
                         'level1 = "产出指标"\nlevel2 = "数量指标"')
    assert check(str(write(tmp_path / "f.toml", text)), cwd=tmp_path)[0] == 0


def test_suppression_without_reason_is_reported_and_ignored(tmp_path):
    form = write(tmp_path / "f.toml", VAGUE.replace('"有效提高"', '"有效提高"  # jxlint: ignore[V001]'))
    rc, out = check("--format", "json", str(form), cwd=tmp_path)
    assert codes(out) == ["E005", "V001"] and rc == 1


def test_unused_suppression_on_request(tmp_path):
    form = write(tmp_path / "f.toml", VALID.replace('"≥420份"', '"≥420份"  # jxlint: ignore[V001] 旧注释'))
    assert codes(check("--format", "json", str(form), cwd=tmp_path)[1]) == []
    assert codes(check("--format", "json", "--report-unused-ignores", str(form), cwd=tmp_path)[1]) == ["E006"]


@pytest.mark.parametrize("line,found", [
    ('target = "有效提高"  # jxlint: ignore[V001, N001] 理由', [(("V001", "N001"), "理由")]),
    ('target = "a # jxlint: ignore[V001] x"', []),                    # inside a string
    ("target = 'a # jxlint: ignore[V001] x'", []),
    ('target = "a \\" # jxlint: ignore[V001] 转义后的引号"', []),
    ('[[indicators]] #jxlint:ignore[target-not-quantified]', [(("target-not-quantified",), "")]),
])
def test_suppression_comments_are_found_outside_strings(line, found):
    from linter.readers.comments import scan
    assert [(s.codes, s.reason) for s in scan(line)] == found


def test_a_suppression_on_one_table_does_not_cover_the_next(tmp_path):
    text = VAGUE.replace('[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "质量指标"',
                         '[[indicators]]  # jxlint: ignore[V001] 仅此表\nlevel1 = "产出指标"\nlevel2 = "质量指标"')
    assert "V001" in codes(check("--format", "json", str(write(tmp_path / "f.toml", text)), cwd=tmp_path)[1])


# --- baseline ----------------------------------------------------------------

def test_baseline_reports_only_the_new_finding(tmp_path):
    forms = tmp_path / "forms"
    write(forms / "a.toml", VAGUE)
    write(forms / "b.toml", GLYPH)
    rc, _ = check("--write-baseline", "base.json", "forms", cwd=tmp_path)
    assert rc == 0 and (tmp_path / "base.json").is_file()
    assert codes(check("--format", "json", "--baseline", "base.json", "forms", cwd=tmp_path)[1]) == []
    # one new defect in one form, lines moved and tables reordered elsewhere
    write(forms / "b.toml", "# 新增一行注释\n" + GLYPH.replace('"≥3000人次"', '"明显改善"'))
    rc, out = check("--format", "json", "--baseline", "base.json", "forms", cwd=tmp_path)
    [new] = json.loads(out)["findings"]
    assert (new["code"], new["indicator"], rc) == ("V001", "受益居民人次", 1)


def test_baseline_lists_stale_entries(tmp_path):
    form = write(tmp_path / "a.toml", VAGUE)
    check("--write-baseline", "base.json", str(form), cwd=tmp_path)
    write(tmp_path / "a.toml", VALID)
    rc, out = check("--baseline", "base.json", str(form), cwd=tmp_path)
    assert rc == 0 and "基线中有 1 个问题已不再出现" in out


def test_missing_baseline_is_a_usage_error(tmp_path):
    form = write(tmp_path / "a.toml", VALID)
    rc, out = check("--baseline", "nope.json", str(form), cwd=tmp_path)
    assert rc == 2 and "--write-baseline" in out


# --- output formats ----------------------------------------------------------

def test_sarif_validates_against_the_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    rc, out = check("--format", "sarif", str(LUOHU), cwd=ROOT)
    doc = json.loads(out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "U001" in ids and all(r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"])
    u001 = next(r for r in run["results"] if r["ruleId"] == "U001")
    region = u001["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (71, 10)
    assert u001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "examples/luohu-dangqun-2022.toml"
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_github_annotations_parse():
    rc, out = check("--format", "github", str(LUOHU), cwd=ROOT)
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    command, _, message = lines[1].partition("::")[2].partition("::")
    kind, _, props = command.partition(" ")
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert kind == "error" and fields["line"] == "71" and fields["col"] == "10"
    assert fields["title"].startswith("U001") and "%0A" in message and "\n" not in message


def test_gitlab_code_quality_parses():
    out = check("--format", "gitlab", str(LUOHU), cwd=ROOT)[1]
    issues = json.loads(out)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"].endswith(".toml") and issue["location"]["lines"]["begin"] >= 1


def test_junit_parses_one_case_per_file(tmp_path):
    write(tmp_path / "clean.toml", VALID)
    write(tmp_path / "vague.toml", VAGUE)
    out = check("--format", "junit", ".", cwd=tmp_path)[1]
    root = ET.fromstring(out.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert sorted(c.get("name") for c in cases) == ["clean.toml", "vague.toml"]
    failures = {c.get("name"): [f.get("type") for f in c.findall("failure")] for c in cases}
    assert failures == {"clean.toml": [], "vague.toml": ["V001"]}


def test_statistics_and_quiet():
    out = check("--statistics", str(LUOHU), cwd=ROOT)[1]
    assert out.splitlines()[0].split() == ["9", "U001", "target-not-scaled", "错误"]
    *quiet, hint = check("--quiet", str(LUOHU), cwd=ROOT)[1].splitlines()
    assert hint.startswith("运行 jxlint explain ")  # once, at the end (on stderr)
    assert len(quiet) == 30 and all(" U" in l or " P" in l or " V" in l or " N" in l or " C" in l
                                    or " X" in l for l in quiet)
    stats = json.loads(check("--format", "json", "--statistics", str(LUOHU), cwd=ROOT)[1])["statistics"]
    assert stats[0] == {"code": "U001", "slug": "target-not-scaled", "severity": "error", "count": 9}


def test_output_file_is_written_and_never_over_an_input(tmp_path):
    form = write(tmp_path / "f.toml", VAGUE)
    rc, _ = check("--format", "sarif", "-o", "report.sarif", str(form), cwd=tmp_path)
    assert rc == 1 and json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    before = form.read_bytes()
    rc, out = check("-o", str(form), str(form), cwd=tmp_path)
    assert rc == 2 and form.read_bytes() == before


# --- workers and the cache ---------------------------------------------------

def jxlint(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "linter.cli.main", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


@pytest.fixture
def many(tmp_path):
    texts = [VALID, VAGUE, GLYPH, LUOHU.read_text(encoding="utf-8")]
    for i in range(12):
        write(tmp_path / "forms" / f"f{i:02d}.toml", texts[i % len(texts)])
    return tmp_path


def test_jobs_do_not_change_the_output(many):
    one = jxlint("check", "--no-cache", "--format", "json", "--jobs", "1", "forms", cwd=many)
    two = jxlint("check", "--no-cache", "--format", "json", "--jobs", "2", "forms", cwd=many)
    assert one == two and one[0] == 1


def test_warm_cache_gives_the_same_output(many):
    cold = jxlint("check", "--format", "json", "forms", cwd=many)
    entries = list((many / ".jxlint_cache").rglob("*.json"))
    assert len(entries) == 12
    warm = jxlint("check", "--format", "json", "forms", cwd=many)
    assert cold == warm
    # a changed file is re-checked, the rest come from the cache
    write(many / "forms" / "f00.toml", VAGUE)
    changed = json.loads(jxlint("check", "--format", "json", "forms", cwd=many)[1])
    assert any(f["file"].endswith("f00.toml") and f["code"] == "V001" for f in changed["findings"])
    assert (many / ".jxlint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_a_damaged_cache_entry_is_a_miss(many):
    cold = jxlint("check", "--format", "json", "forms", cwd=many)
    for entry in (many / ".jxlint_cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert jxlint("check", "--format", "json", "forms", cwd=many) == cold


def test_progress_line_only_on_a_terminal():
    import io

    from linter.cli.progress import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    quiet = io.StringIO()
    p = Progress(50, stream=quiet)
    p.step(50)
    assert quiet.getvalue() == ""                       # not a terminal
    tty = Tty()
    p = Progress(50, stream=tty, enabled=True)
    for _ in range(50):
        p.step()
    p.close()
    assert "50/50" in tty.getvalue() and tty.getvalue().endswith("\r")
    assert Progress(3, stream=Tty()).enabled is False    # short runs stay silent


def test_workbook_findings_sort_in_reading_order():
    from linter.model.findings import Finding, Location
    cells = ["B10", "A2", "AA1", "B2", "C10"]
    found = [Finding("V001", "x", "error", "m", "", "p", Location("f.xlsx", sheet="s", cell=c)) for c in cells]
    assert [f.location.cell for f in sorted(found, key=Finding.sort_key)] == ["AA1", "A2", "B2", "B10", "C10"]


def test_only_excluded_files_is_not_an_error(tmp_path):
    write(tmp_path / "jxlint.toml", 'exclude = ["drafts/"]\n')
    draft = write(tmp_path / "drafts" / "d.toml", VAGUE)
    assert check(str(draft), cwd=tmp_path)[0] == 0
    assert check(str(tmp_path / "missing-dir"), cwd=tmp_path)[0] == 2
