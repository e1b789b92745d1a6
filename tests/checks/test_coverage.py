"""V013 standard_unit, U009 outputs_fine_enough, X004 goal_covered, B007
costs_within_budget, B008 money_unit_plausible: what fires, and the near
misses that must not."""
import pytest

from .helpers import hits, ind, table

WORDS = {"money_words": "money-words", "people_words": "people-words"}


@pytest.mark.parametrize("name,target,variant", [
    ("道路修缮长度", "≥500M", "spelling"),
    ("培训人次", "≥300人/次", "spelling"),
    ("设备购置费用", "≤150万", "wan"),
    ("省级宣传片制作费", "200万", "wan"),
    ("受益学生人数", "≥120个", "people"),
])
def test_nonstandard_units_fire(name, target, variant):
    [hit] = hits("standard_unit", ind(name, target=target), WORDS)
    assert hit.variant == variant and hit.path == "indicators[0].target"


@pytest.mark.parametrize("name,target", [
    ("设备购置费用", "≤150万元"),          # the standard unit
    ("造林面积", "≥1.2万亩"),              # 万 as a multiplier of a unit
    ("培训人次", "≥3万人次"),
    ("受益学生人数", "≥120人"),
    ("建设村数量", "≥12个"),                # 个 counting villages, not people
    ("资金拨付时间", "2022年12月"),
    ("产品型号", "M2型"),                   # a letter that is part of a name
])
def test_near_misses_do_not(name, target):
    assert hits("standard_unit", ind(name, target=target), WORDS) == []


def test_wan_alone_under_a_cost_category():
    [hit] = hits("standard_unit", ind("以低价位高质量为采购原则", level2="成本指标", target="5万"), WORDS)
    assert hit.variant == "wan"
    # the near miss: 5万 under 数量 counts ten-thousands of something (5万人次 short of its noun)
    assert hits("standard_unit", ind("以低价位高质量为采购原则", target="5万"), WORDS) == []


def test_coarse_outputs_on_a_large_budget():
    budget = table("budget", adjusted=80, actual=80)
    [hit] = hits("outputs_fine_enough", budget + ind("建设养殖场", target="≥1个"))
    assert hit.path == "indicators[0].target"
    # near misses: a small project; another indicator that counts more than one
    assert hits("outputs_fine_enough", table("budget", adjusted=10, actual=10) + ind("建设养殖场", target="≥1个")) == []
    assert hits("outputs_fine_enough", budget + ind("建设养殖场", target="≥1个")
                + ind("新建棚圈面积", target="≥360平方米")) == []


def test_of_several_coarse_outputs_the_projects_own_is_named():
    text = ('[project]\nname = "沙湾子少数民族聚居村养殖场基础设施建设项目"\n' + table("budget", adjusted=50)
            + ind("贫困地区新增特色产业数量", target="≥1个") + ind("建设少数民族聚居村养殖场", target="≥1个"))
    [hit] = hits("outputs_fine_enough", text)
    assert hit.path == "indicators[1].target"


def test_goal_deliverables_without_an_indicator():
    project = '[project]\nname = "造林"\ngoal = "完成造林5000亩，培训护林员120人次，资金100万元，满意度90%"\n'
    [hit] = hits("goal_covered", project + ind("护林员培训人次", target="≥120人次"))
    assert hit.vars["deliverables"] == "5000亩"   # money and rates are not deliverables
    assert hits("goal_covered", project + ind("护林员培训人次", target="≥120人次")
                + ind("造林面积", target="≥0.5万亩")) == []  # 0.5万亩 is 5000亩


def test_cost_targets_against_the_budget():
    budget = table("budget", adjusted=100, actual=98)
    [hit] = hits("costs_within_budget", budget + ind("项目总成本", level2="成本指标", target="≤150万元"))
    assert hit.variant == "one"
    [hit] = hits("costs_within_budget", budget + ind("设备费", level2="成本指标", target="≤60万元")
                 + ind("服务费", level2="成本指标", target="≤50万元"))
    assert hit.variant == "sum"
    # near misses: a unit cost, yuan converted, a lower bound
    assert hits("costs_within_budget", budget + ind("人均成本", level2="成本指标", target="≤900元/人")) == []
    assert hits("costs_within_budget", budget + ind("项目总成本", level2="成本指标", target="≤990000元")) == []
    assert hits("costs_within_budget", budget + ind("带动投资", level2="成本指标", target="≥500万元")) == []


def test_money_in_the_other_unit():
    [hit] = hits("money_unit_plausible", table("budget", initial=387664.62, actual=387664.62),
                 {"max_wan": 100000, "min_yuan": 1000})
    assert hit.variant == "wan-too-large" and hit.path == "budget.initial"
    [hit] = hits("money_unit_plausible", table("budget", unit="元", initial=3.5, actual=3.4),
                 {"max_wan": 100000, "min_yuan": 1000})
    assert hit.variant == "yuan-too-small"
    assert hits("money_unit_plausible", table("budget", initial=2440.91, actual=2440.91),
                {"max_wan": 100000, "min_yuan": 1000}) == []
