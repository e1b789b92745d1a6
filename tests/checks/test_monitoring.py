"""The monitoring checks (M001-M003's functions) and the pro-rata share."""
import datetime as dt

import pytest

from linter.checks.monitoring import year_share

from .helpers import hits, ind, table

PACKS = ("monitoring",)
BOILERPLATE = {"boilerplate": "boilerplate"}


def form(*parts, as_of="2024-06-30", year=2024):
    project = {"name": "监控测试"}
    if year is not None:
        project["year"] = year
    if as_of is not None:
        project["as_of"] = as_of
    # as_of as text ("2024-06-30"): the reader makes it a date, as it does a TOML date
    return 'kind = "monitoring"\n' + table("project", **project) + "".join(parts)


def run(check, *parts, params=None, **kw):
    return hits(check, form(*parts, **kw), params, packs=PACKS)


@pytest.mark.parametrize("data,share", [
    ({"project": {"as_of": dt.date(2024, 6, 30), "year": 2024}}, 182 / 366),
    ({"project": {"as_of": dt.date(2023, 6, 30)}}, 181 / 365),          # the year from as_of
    ({"project": {"as_of": "2023年12月31日", "year": 2023}}, 1.0),      # text as printed
    ({"project": {"as_of": dt.date(2023, 6, 30), "year": 2024}}, None),  # outside the budget year
    ({"project": {"year": 2024}}, None),                                 # no as_of
])
def test_year_share(data, share):
    assert year_share(data) == (pytest.approx(share) if share is not None else None)


def test_behind_schedule_red_and_yellow():
    red = ind(name="上门服务人次", target="≥1200人次", progress="300人次")       # 25 % of 49.7 %
    yellow = ind(name="培训人次", target="≥100人次", progress=35)               # 35 % of 49.7 %: 70 %
    on_time = ind(name="走访户数", target="≥200户", progress="100户")
    first, second = run("behind_schedule", red, yellow, on_time)
    assert (first.path, first.variant) == ("indicators[0].progress", "red")
    assert first.vars["share"] == "49.7%" and first.vars["done"] == "25%" and first.vars["expected"] == "596.7人次"
    assert (second.path, second.variant) == ("indicators[1].progress", None)
    assert second.vars["progress"] == "35人次" and second.vars["threshold_percent"] == "80%"


def test_behind_schedule_thresholds_are_parameters():
    yellow = ind(target="≥100人次", progress=35)
    assert run("behind_schedule", yellow, params={"behind": 0.6, "far_behind": 0.5}) == []
    [hit] = run("behind_schedule", yellow, params={"behind": 0.9, "far_behind": 0.75})
    assert hit.variant == "red"


def test_behind_schedule_on_the_money():
    money = table("budget", initial=200, adjusted=180, actual=40)        # 22.2 % of 49.7 %
    [hit] = run("behind_schedule", money)
    assert (hit.path, hit.variant) == ("budget.actual", "budget-red")
    assert hit.vars["base"] == "180" and hit.vars["money_unit"] == "万元"
    [hit] = run("behind_schedule", table("budget", initial=200, actual=70))   # 35 %: yellow
    assert hit.variant == "budget"
    assert run("behind_schedule", table("budget", initial=200, actual=95)) == []


@pytest.mark.parametrize("indicator", [
    ind(level2="时效指标", name="项目完成时间", target="2024年12月31日前", progress="进行中"),   # a deadline
    ind(level2="质量指标", name="验收合格率", target="≥95%", progress="20%"),                  # a rate
    ind(level1="满意度指标", level2="服务对象满意度指标", name="服务对象满意度", target="≥90%", progress=10),
    ind(level2="成本指标", name="人均服务成本", target="≤500元/人", progress="100元/人"),       # a cap
    ind(name="巡查频次", target="≥2次/月", progress="1次/月"),                                  # per period
    ind(name="上门服务人次", target="≥1200人次", progress="300小时"),                          # another unit
    ind(name="上门服务人次", target="≥1200人次"),                                               # no progress
    ind(name="上门服务人次", target="有效提升", progress="300人次"),                            # no number
])
def test_near_misses_are_not_held_to_the_pace(indicator):
    assert run("behind_schedule", indicator) == []
    assert run("monitoring_explained", indicator, params=BOILERPLATE) == []


def test_nothing_without_as_of_or_on_another_kind():
    behind = ind(target="≥1200人次", progress="300人次")
    assert run("behind_schedule", behind, as_of=None) == []
    text = form(behind).replace('kind = "monitoring"', 'kind = "target"')
    assert hits("behind_schedule", text, packs=PACKS) == []


def test_progress_as_a_share_of_the_target():
    [hit] = run("behind_schedule", ind(target="≥40个", progress="完成20%"))
    assert hit.vars["done"] == "20%" and hit.variant == "red"


def test_ahead_of_schedule():
    [hit] = run("ahead_of_schedule", ind(name="文艺演出场次", target="≥10场", progress="9场"))
    assert hit.path == "indicators[0].progress" and hit.vars["pace"] == "181%"
    assert run("ahead_of_schedule", ind(target="≥10场", progress="5场")) == []        # on schedule
    assert run("ahead_of_schedule", ind(target="≥90%", progress="99%")) == []         # a rate
    assert run("ahead_of_schedule", ind(target="≥10场", progress="6场"), params={"ahead": 1.3}) == []
    # at the year's end the pace is the target itself
    assert run("ahead_of_schedule", ind(target="≥10场", progress="11场"), as_of="2024-12-31") == []


def test_monitoring_explained_needs_cause_and_action():
    behind = {"target": "≥1200人次", "progress": "300人次"}
    [hit] = run("monitoring_explained", ind(**behind), params=BOILERPLATE)
    assert hit.vars["missing"] == "偏差原因、纠偏措施" and hit.path == "indicators[0].progress"
    [hit] = run("monitoring_explained", ind(**behind, deviation="机构更换，服务中断两个月"), params=BOILERPLATE)
    assert hit.vars["missing"] == "纠偏措施"
    [hit] = run("monitoring_explained", ind(**behind, deviation="无", remedy="7月起每周增加两个服务日"),
                params=BOILERPLATE)
    assert hit.vars["missing"] == "偏差原因"                         # boilerplate is no cause
    assert run("monitoring_explained", ind(**behind, deviation="机构更换，服务中断两个月",
                                           remedy="7月起每周增加两个服务日"), params=BOILERPLATE) == []
    # a yellow light needs them too; an indicator on schedule does not
    assert len(run("monitoring_explained", ind(target="≥100人次", progress=35), params=BOILERPLATE)) == 1
    assert run("monitoring_explained", ind(target="≥100人次", progress=50), params=BOILERPLATE) == []


def test_monitoring_explained_on_the_money():
    [hit] = run("monitoring_explained", table("budget", initial=200, actual=40, explanation="采购延期"),
                params=BOILERPLATE)
    assert (hit.path, hit.variant, hit.vars["missing"]) == ("budget.actual", "budget", "纠偏措施")
    assert run("monitoring_explained", table("budget", initial=200, actual=40, explanation="采购延期",
                                             remedy="8月底前完成招标并支付首付款"), params=BOILERPLATE) == []
