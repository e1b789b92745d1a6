"""Tests that pin behaviour a hand-made or mutmut mutant changed unseen.

Each test names, in its docstring, the mutant it kills (docs/mutation.md
lists them and how the mutation run is reproduced). They assert what the
linter does with a form, a value or a configuration, not a copy of output.
"""
import datetime as dt

import pytest

from checks.helpers import SCORING, hits, ind, table
from support import VALID

from linter.base.problems import DataError
from linter.engine.core import Engine
from linter.model.values import GE, parse
from linter.packs.loader import PackLoader
from linter.policy.config import Config, load_config

VAGUE_TWICE = (VALID.replace('target = "≥420份"', 'target = "有效提高"')
               .replace('target = "≥3000人次"', 'target = "有效提高"'))
BROKEN_TOML = 'kind = "target"\n[project\nname = 1\n'


def _check(tmp_path, config_text, form_text, name="f.toml"):
    """The findings of one form checked under a jxlint.toml beside it."""
    (tmp_path / "jxlint.toml").write_text(config_text, encoding="utf-8")
    form = tmp_path / name
    form.write_text(form_text, encoding="utf-8")
    cfg = load_config(tmp_path / "jxlint.toml")
    return Engine(config=cfg).check_file(form)


def _v001_indicators(report):
    return sorted(f.indicator for f in report.findings if f.code == "V001")


# -- engine and policy: what a configuration may waive ----------------------

@pytest.mark.parametrize("config_text", [
    '[per-file-ignores]\n"f.toml" = ["ALL"]\n',
    '[[ignores]]\nfile = "f.toml"\ncode = "E001"\nreason = "试图豁免"\n',
    'ignore = ["E"]\n',
])
def test_a_blocking_finding_cannot_be_waived(tmp_path, config_text):
    """Kills `if not f.blocking` / dropping `f.blocking or` in the findings filter: E001 stays."""
    report = _check(tmp_path, config_text, BROKEN_TOML)
    assert [(f.code, f.blocking) for f in report.findings] == [("E001", True)]
    assert report.stopped
    # worded by its rule even where the rule is deselected (`rule or self.base.rule` -> `and`)
    assert report.findings[0].slug == "parse-error"


@pytest.mark.parametrize("severity,expected", [(None, "warning"), ("info", "info")])
def test_a_reader_may_only_lower_a_severity(severity, expected):
    """Kills `_RANK[problem] < _RANK[rule]` -> `==`/`!=` in the engine's reader findings."""
    unnamed = VALID.replace('[project]\nname = "测试项目"', "[project]")
    cfg = Config(severity={"E002": severity}) if severity else None
    [finding] = [f for f in Engine(config=cfg).check_text(unnamed).findings if f.code == "E002"]
    assert finding.path == "project.name" and finding.severity == expected


def test_recorded_ignore_waives_only_its_indicator(tmp_path):
    """Kills dropping the `indicator` filter of `[[ignores]]` (one entry waiving every V001)."""
    plain = _check(tmp_path, "", VAGUE_TWICE)
    assert _v001_indicators(plain) == ["受益居民人次", "建立服务档案数量"]
    waived = _check(tmp_path, '[[ignores]]\nfile = "f.toml"\ncode = "V001"\n'
                              'indicator = "建立服务档案数量"\nreason = "已确认"\n', VAGUE_TWICE)
    assert _v001_indicators(waived) == ["受益居民人次"]


def test_recorded_ignore_waives_only_its_path(tmp_path):
    """Kills dropping the `path` filter of `[[ignores]]`."""
    waived = _check(tmp_path, '[[ignores]]\nfile = "f.toml"\ncode = "V001"\n'
                              'path = "indicators[4].target"\nreason = "已确认"\n', VAGUE_TWICE)
    assert _v001_indicators(waived) == ["受益居民人次"]


def test_recorded_ignore_is_for_its_file_only(tmp_path):
    """Kills dropping the `file` glob test of `[[ignores]]`."""
    report = _check(tmp_path, '[[ignores]]\nfile = "other.toml"\ncode = "V001"\nreason = "已确认"\n',
                    VAGUE_TWICE)
    assert len(_v001_indicators(report)) == 2


def test_slugs_match_in_any_case(tmp_path):
    """Kills `.lower()` dropped from slug matching (select, [[ignores]], RuleSet.rule)."""
    assert Config(select=("Target-Not-Quantified",)).selects("V001", "target-not-quantified")
    assert not Config(ignore=("TARGET-NOT-QUANTIFIED",)).selects("V001", "target-not-quantified")
    assert PackLoader().ruleset(["core"]).rule("Target-Not-Quantified").code == "V001"
    report = _check(tmp_path, '[[ignores]]\nfile = "f.toml"\ncode = "Target-Not-Quantified"\n'
                              'reason = "已确认"\n', VAGUE_TWICE)
    assert _v001_indicators(report) == []


# -- packs: a list reference is not a table reference -----------------------

PACK = '''
[pack]
name = "mine"
title = { zh = "测试", en = "test" }
version = "0"

[lists]
words = ["有效"]

[[tables.bands]]
grade = "优"
min = 90

[[rules]]
code = "T001"
slug = "a-rule"
severity = "error"
title = { zh = "甲", en = "a" }
check = "%s"
params = %s
message = { zh = "m", en = "m" }
why = { zh = "因为", en = "because" }
basis = "test"
[rules.examples]
bad = "x"
good = "y"
'''


@pytest.mark.parametrize("check,params,ok", [
    ("quantified", '{ field = "target", vague = "words" }', True),
    ("quantified", '{ field = "target", vague = "bands" }', False),   # a table where a list is due
    ("grade_matches_total", '{ bands = "bands" }', True),
    ("grade_matches_total", '{ bands = "words" }', False),            # a list where a table is due
])
def test_list_and_table_references_are_told_apart(tmp_path, check, params, ok):
    """Kills `lists if kind == "list" else tables` mutated (kind test inverted or dropped)."""
    path = tmp_path / "mine.toml"
    path.write_text(PACK % (check, params), encoding="utf-8")
    if ok:
        assert PackLoader().ruleset([str(path)]).rule("T001") is not None
    else:
        with pytest.raises(DataError) as info:
            PackLoader().ruleset([str(path)])
        assert "unknown " + ("list" if check == "quantified" else "table") in str(info.value)


# -- checks -----------------------------------------------------------------

def _budget(adjustments=(), **fields):
    text = table("budget", **fields)
    for amount in adjustments:
        text += f'[[budget.adjustments]]\namount = {amount}\nreason = "调整"\n'
    return text


@pytest.mark.parametrize("fields,adjustments", [
    ({"initial": 0, "actual": 5, "stated_rate": "100%"}, ()),
    ({"adjusted": 0, "actual": 5, "stated_rate": "100%"}, ()),
    ({"initial": 10, "actual": 5, "stated_rate": "100%"}, (-10,)),   # moved out to nothing
    ({"initial": -5, "actual": 5, "stated_rate": "100%"}, ()),       # `<= 0` -> `== 0` too
])
def test_a_zero_budget_gives_no_rate(fields, adjustments):
    """Kills `base.amount <= 0` -> `< 0` in B001 (a zero budget divided by)."""
    assert hits("execution_rate_consistent", _budget(adjustments, **fields)) == []


def test_a_zero_budget_holds_no_cost_to_account():
    """Kills `base.amount <= 0` -> `< 0` in costs_within_budget (every cost above a zero budget)."""
    cost = ind(name="项目总成本", level1="成本指标", level2="经济成本指标", target="≤50万元")
    assert hits("costs_within_budget", _budget(initial=0) + cost) == []
    assert [h.variant for h in hits("costs_within_budget", _budget(initial=40) + cost)] == ["one"]


def test_a_score_of_zero_is_not_negative():
    """Kills `score < 0` -> `score <= 0` in score_within_weight."""
    row = ind(target="≥2次", actual="0次", weight=2, score=0)
    assert hits("score_within_weight", row, {}, SCORING) == []
    assert [h.variant for h in hits("score_within_weight", row.replace("score = 0", "score = -0.5"),
                                    {}, SCORING)] == ["negative"]


@pytest.mark.parametrize("name", ["XX", "请填写指标名称", "××××"])
def test_placeholder_names_are_not_duplicates(name):
    """Kills dropping "placeholder" from the blank kinds N002 skips."""
    assert hits("unique_indicators", ind(name=name, target="≥1场") + ind(name=name, target="≥2场")) == []
    # the same names, filled in, are repeats
    assert len(hits("unique_indicators", ind(name="开展活动场次") + ind(name="开展活动场次"))) == 1


@pytest.mark.parametrize("level2,target,variants", [
    ("经济成本指标", "达到200元/人", ["should-be-at-most"]),   # 达到 is a floor, wrong for a cost
    ("数量指标", "达到10场", []),
])
def test_dadao_reads_as_at_least(level2, target, variants):
    """Kills `"达到": GE` -> EQ in the comparator words (cost target 达到… stops firing)."""
    level1 = "成本指标" if "成本" in level2 else "产出指标"
    assert parse(target).comparator == GE and parse(target).first.comparator_text == "达到"
    found = hits("comparator_direction", ind(level1=level1, level2=level2, target=target),
                 {"at_least_in": ["数量指标"], "at_most_in": ["成本指标", "经济成本指标"]})
    assert [h.variant for h in found] == variants


def _contract(start, end, **payment):
    text = f'[[contracts]]\nsupplier = "甲"\nstart = {start}\nend = {end}\n[[contracts.payments]]\n'
    return text + "".join(f"{k} = {v}\n" for k, v in payment.items())


@pytest.mark.parametrize("payment,variants", [
    ({"due": "2021-07-01", "paid_on": "2021-07-01"}, []),          # on the first day: inside
    ({"due": "2022-06-30", "paid_on": "2022-09-28"}, []),          # last day; end + 90 days
    ({"due": "2021-06-30"}, ["due-outside"]),                      # the day before the start
    ({"paid_on": "2021-06-30"}, ["paid-outside"]),
    ({"due": "2022-07-01"}, ["due-outside"]),                      # the day after the end
    ({"paid_on": "2022-09-29"}, ["paid-outside"]),                 # end + 91 days
])
def test_contract_boundaries_are_inclusive(payment, variants):
    """Kills `start <= due`/`start <= paid_on` -> `<` (and the end-side twins) in P004."""
    found = hits("contract_dates_valid", _contract("2021-07-01", "2022-06-30", **payment),
                 {"paid_after_end_days": 90})
    assert [h.variant for h in found] == variants


def test_a_one_day_contract_does_not_end_before_it_starts():
    """Kills `end < start` -> `end <= start` in P004."""
    assert hits("contract_dates_valid", _contract("2022-03-01", "2022-03-01", due="2022-03-01"),
                {"paid_after_end_days": 90}) == []
    assert (dt.date(2022, 3, 1) - dt.timedelta(days=1)).isoformat() == "2022-02-28"
    found = hits("contract_dates_valid", _contract("2022-03-01", "2022-02-28"), {"paid_after_end_days": 90})
    assert [h.variant for h in found] == ["ends-before-start"]


# -- the value parser: dates ------------------------------------------------

@pytest.mark.parametrize("text", ["6月35日前", "2022.6.35", "2022年6月0日前", "2022.13.1", "13月底前", "0月5日前"])
def test_a_day_or_month_out_of_range_is_no_date(text):
    """Kills a dropped `1 <= day <= 31` (or month) range check in the date readers."""
    assert parse(text).kind != "deadline"


@pytest.mark.parametrize("text,deadline", [
    ("2月底前", (None, 2, 28)),
    ("2023年2月底前", (2023, 2, 28)),
    ("2024年2月底前", (2024, 2, 29)),       # a leap year's February ends on the 29th
    ("2024年1月-2月", (2024, 2, 29)),
    ("2024.2.29", (2024, 2, 29)),
    ("2100年2月底前", (2100, 2, 28)),       # not a leap year
])
def test_the_end_of_february(text, deadline):
    """Kills `_MONTH_END[2]` 28 -> 29 (and pins the leap-year end of February)."""
    assert parse(text).deadline == deadline


# -- survivors of the cosmic-ray run (docs/mutation.md) ---------------------

def test_nan_is_no_number():
    """Kills `value != value` -> `value < value` in model.values.number (NaN taken for a figure)."""
    from linter.model.values import number
    assert number(float("nan")) is None and number(float("inf")) is None and number(2) == 2.0


@pytest.mark.parametrize("name,unit", [("完成率(%)", "%"), ("营造林总面积(亩)", "亩"), ("数量指标(10分)", None)])
def test_unit_in_name_skips_only_points(name, unit):
    """Kills `!= "分"` -> `<=`/`<` in unit_in_name (a % or 亩 printed in the name dropped)."""
    from linter.model.values import unit_in_name
    assert unit_in_name(name) == unit


def test_every_month_end_and_the_first_month():
    """Kills any `_MONTH_END` day changed, and `1 <= month` -> `1 != month` in the deadline reader."""
    import calendar
    for month in range(1, 13):
        assert parse(f"{month}月底前").deadline == (None, month, calendar.monthrange(2023, month)[1])
        assert parse(f"2023年{month}月底前").deadline == (2023, month, calendar.monthrange(2023, month)[1])


def test_chinese_numerals_count():
    """Kills any `_CN_DIGIT` value changed (八场 read as 9)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
    for glyph, value in digits.items():
        assert parse(f"{glyph}场").number == value, glyph
    # only after a separator: s[start - 1], not s[start - 2]
    assert parse("活动、两场").number == 2 and parse("共两场").kind == "text"


def test_a_compound_value_reads_its_first_condition():
    """Kills `conditions[0]` -> `conditions[-1]` in Value.first."""
    value = parse("≥4次/年、其中体育活动≥2次")
    assert value.kind == "compound" and value.number == 4 and value.first.comparator == GE


def test_day_zero_is_no_date():
    """Kills `1 <= day` -> `0 <= day` in the whole-date reader."""
    assert parse("2022.6.0").kind != "deadline" and parse("2022.6.1").deadline == (2022, 6, 1)


def test_placeholders_without_a_marker_list():
    """Kills `value is None` -> `is not None` in is_placeholder (N003 then relies on the pack list alone)."""
    from linter.model.values import is_placeholder
    assert is_placeholder("XX社区") and is_placeholder("此处填写项目目标") and not is_placeholder(None)
    found = hits("no_placeholders", table("project", name="测试", goal="为XX社区开展活动"), {"markers": "none"})
    assert [h.path for h in found] == ["project.goal"]


PROFILE = {"profile": "p", "level1": {"产出指标": 50, "效益指标": 30, "满意度指标": 10}}


def _weighted(*rows):
    return "".join(ind(name=f"指标{i}", level1=l1, level2=l2, target="≥1次", actual="1次", weight=w, score=w)
                   for i, (l1, l2, w) in enumerate(rows))


def test_weights_follow_profile_sums_each_category():
    """Kills `ctx.level1(n) == l1` -> `<` in S002's sum, and the loop over other 一级 emptied."""
    good = [("产出指标", "数量指标", 25), ("产出指标", "质量指标", 25), ("效益指标", "社会效益指标", 30),
            ("满意度指标", "服务对象满意度指标", 10)]
    assert hits("weights_follow_profile", _weighted(*good), PROFILE, SCORING) == []
    extra = good + [("成本指标", "经济成本指标", 10)]
    [hit] = hits("weights_follow_profile", _weighted(*extra), PROFILE, SCORING)
    assert "成本指标 10" in hit.vars["form_weights"]


def test_declared_level1_points_are_read():
    """Kills `not l2_raw` -> `l2_raw` in declared_points ([weights] "产出指标" ignored)."""
    rows = _weighted(("产出指标", "数量指标", 20), ("产出指标", "质量指标", 20))
    [hit] = hits("weights_sum", '[weights]\n"产出指标" = 50\n' + rows, {"total": 40}, SCORING)
    assert hit.variant == "category" and hit.vars["declared"] == "50" and hit.vars["items"] == "40"


def test_total_score_tolerance_is_exclusive_and_defaults_small():
    """Kills `> tolerance` -> `>=` and the default tolerance 0.05 changed, in S009."""
    text = table("budget", weight=10, score=10) + _weighted(("产出指标", "数量指标", 90))
    assert hits("total_score_adds_up", text + table("evaluation", total_score=100), {"tolerance": 0}, SCORING) == []
    assert len(hits("total_score_adds_up", text + table("evaluation", total_score=100.5), {}, SCORING)) == 1


def test_execution_score_needs_a_weight():
    """Kills `weight is None or score is None` -> `and` in S004 (a crash on a score with no weight)."""
    assert hits("execution_score", table("budget", adjusted=100, actual=80, score=8), {}, SCORING) == []


def test_money_boundaries_and_what_counts_as_a_cost():
    """Kills `>`/`>=` swapped at B001/B003/B006/B007 limits, `or` -> `and` in the B007 cost filter and B003."""
    # exactly on the limit is inside it
    exact = _budget(adjusted=100, actual=90, stated_rate="90%")
    assert hits("execution_rate_consistent", exact, {"tolerance": 0}) == []
    sources = exact + '[[budget.sources]]\nname = "财政拨款"\nadjusted = 60\n' \
        + '[[budget.sources]]\nname = "其他"\nadjusted = 40\n'
    assert hits("sources_sum", sources, {"tolerance": 0}) == []
    assert hits("execution_explained", _budget(adjusted=100, actual=90), {"threshold": 0.9}) == []
    cost = ind(name="项目成本", level1="成本指标", level2="经济成本指标", target="≤100万元")
    assert hits("costs_within_budget", _budget(adjusted=100) + cost, {"tolerance": 0}) == []
    # sources but no total in that column: nothing to compare (no crash)
    assert hits("sources_sum", _budget(actual=90) + '[[budget.sources]]\nname = "甲"\nadjusted = 60\n') == []
    # a unit cost, a range and a compound cell are not one total cost
    for target in ("≤2000000元/人", "120~150万元", "≤150万元、其中人员≤20万元"):
        row = ind(name="项目成本", level1="成本指标", level2="经济成本指标", target=target)
        assert hits("costs_within_budget", _budget(adjusted=100) + row) == [], target


def test_money_findings_name_the_right_figures():
    """Kills `actual - printed` -> `+` (B002 over), `source <= INITIAL` (B001 variant), `amounts[0]` -> [1] (B008)."""
    [over] = hits("within_budget", _budget(initial=47.74, actual=50.81))
    assert over.vars["over"] == "3.07"
    [rate] = hits("execution_rate_consistent", _budget(adjusted=288, actual=200, stated_rate="100%"))
    assert rate.variant is None and rate.vars["base_source"] == "全年预算数"
    [small] = hits("money_unit_plausible", table("budget", unit="元", initial=50, actual=40))
    assert small.path == "budget.initial" and small.variant == "yuan-too-small"
    [alone] = hits("money_unit_plausible", table("budget", unit="元", actual=40))
    assert alone.path == "budget.actual"


def test_the_cache_fingerprint_follows_a_packs_content(tmp_path):
    """Kills `handle.read(1 << 20)` -> `read(0 << 20)` in run._digest (an edited pack left the cache stale)."""
    from linter.engine.run import Options, _rules_fingerprint
    pack = tmp_path / "mine.toml"
    prints = []
    for text in ("a = 1\n", "a = 2\n", "a = 2\n"):
        pack.write_text(text, encoding="utf-8")
        prints.append(_rules_fingerprint(Options(packs=(str(pack),)), []))
    assert prints[0] != prints[1] and prints[1] == prints[2]


def test_the_cache_key_is_private(tmp_path, monkeypatch):
    """Kills `mkdir(mode=0o700)` changed in run.machine_key (the key's folder open to others)."""
    import stat
    from linter.engine.run import key_path, machine_key
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert machine_key() is not None and machine_key() == machine_key()
    assert stat.S_IMODE(key_path().parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600


PERCENT = {"rate_words": "rate-words", "allow_over_100": ["增长"]}


@pytest.mark.parametrize("target,variants", [
    ("100%", []), ("≥101%", ["over-100"]), ("0%", []),
    ("≥1", []), ("≥2", ["no-percent"]),
])
def test_percent_in_range_bounds(target, variants):
    """Kills `high > 100` -> `> 99`, `number < 0` -> `== 0` (0% negative) and `number <= 1` -> `<= 0`/`<= 2` in V005."""
    found = hits("percent_in_range", ind(name="服务对象满意率", target=target), PERCENT)
    assert [h.variant for h in found] == variants


def test_a_satisfaction_target_at_the_minimum_is_enough():
    """Kills `target.number < minimum` -> `<=` in the satisfaction check."""
    params = {"complaints": "complaint-words"}
    assert hits("satisfaction_target", ind(name="满意度", target="≥80%"), params) == []
    assert [h.variant for h in hits("satisfaction_target", ind(name="满意度", target="≥79%"), params)] == ["too-low"]


def test_a_warm_run_reads_the_cache(tmp_path, monkeypatch):
    """Kills the cache's read/write conditions (`not S_ISREG`, `key is None`, `O_BINARY` default) made to miss always."""
    from linter.engine.run import Options, check_files
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    form = tmp_path / "f.toml"
    form.write_text(VAGUE_TWICE, encoding="utf-8")
    files = [(form, "f.toml")]
    cold = check_files(files, Options(), "zh", jobs=1, cache_dir=tmp_path / ".jxlint_cache")
    warm = check_files(files, Options(), "zh", jobs=1, cache_dir=tmp_path / ".jxlint_cache")
    assert [r.cached for r in cold] == [False] and [r.cached for r in warm] == [True]
    assert [f.code for f in warm[0].findings] == [f.code for f in cold[0].findings]


def test_a_folder_walk_skips_hidden_and_tool_folders_only(tmp_path):
    """Kills `not in SKIP_DIRS and not hidden` -> `or`, the name-skip `continue` -> `break`, `followlinks` on."""
    from linter.engine.discover import discover
    for rel in ("forms/.hidden/a.toml", "forms/node_modules/b.toml", "forms/.draft.toml", "forms/jxlint.toml",
                "forms/c.toml", "forms/d.toml", "outside/e.toml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(VALID, encoding="utf-8")
    (tmp_path / "forms" / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    found = sorted(p.relative_to(tmp_path).as_posix() for p, _ in discover([str(tmp_path / "forms")]))
    assert found == ["forms/c.toml", "forms/d.toml"]


def test_period_words_end_on_the_last_day_of_their_period():
    """Kills any month or day of `_PERIOD_DEADLINES` changed (三季度 read as October, 年末 as the 30th)."""
    import calendar
    ends = {"上半年": 6, "下半年": 12, "年底前": 12, "年末": 12, "年内": 12, "年度内": 12,
            "第一季度": 3, "第二季度": 6, "第三季度": 9, "第四季度": 12, "一季度": 3, "二季度": 6,
            "三季度": 9, "四季度": 12}
    for word, month in ends.items():
        assert parse(f"{word}完成").deadline == (None, month, calendar.monthrange(2023, month)[1]), word


def test_a_weight_of_one_is_positive():
    """Kills `weight <= 0` -> `<= 1` in S003."""
    assert hits("weight_positive", ind(target="≥2次", weight=1, score=1), {}, SCORING) == []
    assert [h.variant for h in hits("weight_positive", ind(target="≥2次", weight=0, score=0), {}, SCORING)] \
        == ["not-positive"]


def test_a_one_form_file_is_not_tagged_as_a_table_row():
    """Kills `len(result.forms) > 1` -> `>=`/`not`, and `report.forms += 1` changed, in Engine.check_read."""
    report = Engine().check_text(VAGUE_TWICE)
    assert report.forms == 1 and report.findings
    assert all(f.form is None and f.project is None for f in report.findings)


def test_unused_suppressions_are_told_only_when_asked():
    """Kills `report_unused_ignores=False` -> True as the Engine's default."""
    text = VALID.replace('target = "100%"', 'target = "100%"  # jxlint: ignore[V001] 已核实')
    assert [f.code for f in Engine().check_text(text).findings] == []
    assert [f.code for f in Engine(report_unused_ignores=True).check_text(text).findings] == ["E006"]


def test_an_unknown_profile_is_an_e002_at_the_profile():
    """Kills `except DataError` replaced and `return True`/`False` swapped in Engine._profile_ok."""
    report = Engine().check_text('profile = "no-such-profile"\n' + VALID)
    [finding] = [f for f in report.findings if f.code == "E002"]
    assert finding.path == "profile" and finding.location.line == 1 and report.stopped


def test_value_parser_details_that_change_a_reading():
    """Kills `start >= 0` -> `== 0` (a comparator word inside the text), `number >= 100` -> `<=`, `group(0)` -> `group(1)`."""
    from linter.model.values import unit_prompt
    assert parse("满意度不低于90%").comparator == GE
    assert parse("11月底完成100%").kind == "deadline" and parse("11月底完成50%").kind != "deadline"
    assert unit_prompt("种公猪(≥头)") == "(≥头)"
