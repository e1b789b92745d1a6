"""measurable_name, unique_indicators, no_placeholders,
name_agrees_with_target, single_condition; and name normalisation."""
import pytest

from linter.model.names import clean_name, duplicate_key

from .helpers import hits, ind, table


@pytest.mark.parametrize("printed,clean", [
    ("开展文艺演出场次(2分)", "开展文艺演出场次"),
    ("开展文艺演出场次（2分）", "开展文艺演出场次"),
    ("指标1：服务档案数量", "服务档案数量"),
    ("1.服务档案数量", "服务档案数量"),
    ("（一）服务档案数量", "服务档案数量"),
    ("2022年服务档案数量", "2022年服务档案数量"),  # a year is not numbering
])
def test_clean_name(printed, clean):
    assert clean_name(printed) == clean


def test_duplicate_key_ignores_punctuation_and_points():
    assert duplicate_key("福利、救助资金发放覆盖率(3分)") == duplicate_key("福利救助资金发放覆盖率")


MEASURES = {"measures": "measure-words"}


@pytest.mark.parametrize("name,target", [
    ("社区党群服务中心的运转", "符合市区相关要求"),
    ("宣传贯彻好党的十九大精神", "开展好“三会一课”"),
])
def test_name_not_measurable(name, target):
    [hit] = hits("measurable_name", ind(name=name, target=target), MEASURES)
    assert hit.path == "indicators[0].name"


@pytest.mark.parametrize("name,target", [
    ("社区党群服务中心运转达标率", "100%"),
    ("党群服务中心阶段性总结报告", "1份以上"),   # the unit says what is counted
    ("不适用", "不适用"),
    ("演出完成时间", "11月底前"),
])
def test_name_measurable(name, target):
    assert hits("measurable_name", ind(name=name, target=target), MEASURES) == []


def test_duplicates_fire_on_the_repeat_only():
    text = ind(name="开展文艺演出场次(2分)", target="≥4场") + ind(name="开展体育活动场次") \
        + ind(name="开展文艺演出场次", target="≥1场")
    [hit] = hits("unique_indicators", text)
    assert hit.path == "indicators[2].name" and hit.vars["first"] == 1


def test_duplicate_not_applicable_rows_are_ignored():
    assert hits("unique_indicators", ind(name="不适用") + ind(name="不适用")) == []


PLACEHOLDERS = {"markers": "placeholder-markers"}


@pytest.mark.parametrize("goal", ["为XX社区开展XX活动", "**", "说明项目目标（100字以内）",
                                  "请填写年度总体目标", "××街道"])
def test_placeholders_anywhere(goal):
    [hit] = hits("no_placeholders", table("project", name="项目", goal=goal), PLACEHOLDERS)
    assert hit.path == "project.goal"


def test_placeholders_in_indicator_fields():
    [hit] = hits("no_placeholders", ind(name="**数量", target="≥6个"), PLACEHOLDERS)
    assert hit.path == "indicators[0].name"


def test_no_placeholders_in_a_real_form():
    assert hits("no_placeholders", table("project", name="社区服务", goal="为 6 个社区服务")
                + ind(target="≥6个"), PLACEHOLDERS) == []


@pytest.mark.parametrize("name,target,fires", [
    ("服务对象满意度达到90%", "≥85%", True),
    ("建立服务档案420份", "≥400份", True),
    ("服务对象满意度达到90%", "≥90%", False),
    ("建立服务档案420份", "≥90%", False),      # different units: N004 cannot tell
    ("2022年服务档案数量", "≥420份", False),     # 年 is not a count unit of the target
])
def test_name_target_agreement(name, target, fires):
    assert bool(hits("name_agrees_with_target", ind(name=name, target=target))) is fires


@pytest.mark.parametrize("target,count", [("≥4次/年、其中体育活动≥2次", 2),
                                          ("扶持养老机构3个, 资助200张床位", 2)])
def test_compound(target, count):
    [hit] = hits("single_condition", ind(target=target), {"field": "target"})
    assert hit.vars["count"] == count


@pytest.mark.parametrize("target", ["≥4次/年", "25~30人", "11月底前", "100%"])
def test_single_condition(target):
    assert hits("single_condition", ind(target=target)) == []


def test_figures_in_the_name_cell_are_not_repeated_indicators():
    """Rows whose name cell holds only a figure (88, 20: numbers run into the
    name on a scanned page) are empty rows, not duplicates."""
    from .helpers import hits
    rows = "".join(f'[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "{l2}"\nname = "88"\ntarget = "100"\n'
                   for l2 in ("数量指标", "质量指标"))
    assert hits("unique_indicators", rows) == []
    # the near miss: a worded name repeated is still a repeat
    rows = rows.replace('name = "88"', 'name = "88个村道路硬化"')
    assert len(hits("unique_indicators", rows)) == 1


NOT_MEASURES = {"measures": "measure-words", "principles": "principle-endings", "money_words": "fee-endings"}


@pytest.mark.parametrize("name,target,variant", [
    ("2022年全年", "≥360天", "period"),                    # the name cell holds a period
    ("一个存储备份器", "25TB", "item"),                     # the item bought, its quantity first
    ("以低价位高质量为采购原则", "5万元", "principle"),      # 质量 holds 量, still a principle
    ("以报告的进度衡量标准", "按期完成", "principle"),
    ("安置小区物业费", "8个", "money"),                      # a fee whose target counts things
])
def test_names_that_are_not_measures_whatever_words_they_hold(name, target, variant):
    [hit] = hits("measurable_name", ind(name=name, target=target), NOT_MEASURES)
    assert (hit.variant, hit.path) == (variant, "indicators[0].name")


@pytest.mark.parametrize("name,target", [
    ("2021年11月30日前完成资金支付", "11月底完成100%"),   # a deadline with its task: a timeliness
    ("一站式服务窗口建设数量", "1个"),                     # 一 inside the name, not a leading count
    ("一级种薯繁育基地面积", "8000亩"),                    # 一级 is no quantity of things
    ("以奖代补资金发放户数", "≥300户"),                    # starts with 以, no principle
    ("安置小区物业费", "≤120万元"),                        # a fee as money: a cost
    ("困难群众生活补助", "1200人"),                        # subsidies count recipients
])
def test_near_misses_of_names_that_are_not_measures(name, target):
    assert hits("measurable_name", ind(name=name, target=target), NOT_MEASURES) == []
