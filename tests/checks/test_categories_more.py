"""required_categories, category_has_content, enough_indicators,
standard_label, category_fits_name, not_an_input."""
import pytest

from .helpers import hits, ind, table

ALL3 = {"level": 1, "all_of": ["产出指标", "效益指标", "满意度指标"]}
OUTPUT = {"level": 2, "under": "产出指标", "all_of": ["数量指标"],
          "any_of": ["质量指标", "时效指标", "成本指标"]}


def test_required_level1_reports_each_missing_block():
    found = hits("required_categories", ind(), ALL3)
    assert sorted(h.vars["missing"] for h in found) == ["效益指标", "满意度指标"]
    assert {h.variant for h in found} == {"all-of"}


def test_required_level1_accepts_printed_variants():
    text = (ind(level1="产出指标(50分)") + ind(level1="效益", level2="社会效益")
            + ind(level1="满意度指标（10分）", level2="服务对象满意度"))
    assert hits("required_categories", text, ALL3) == []


def test_required_categories_skips_a_form_without_indicators():
    assert hits("required_categories", table("project", name="x"), ALL3) == []


def test_output_level2_any_of():
    [hit] = hits("required_categories", ind(), OUTPUT)
    assert hit.variant == "any-of" and "质量指标" in hit.vars["missing"]
    assert hits("required_categories", ind() + ind(level2="时效指标"), OUTPUT) == []


def test_output_level2_needs_quantity():
    [hit] = hits("required_categories", ind(level2="质量指标"), OUTPUT)
    assert hit.variant == "all-of" and hit.vars["missing"] == "数量指标"


def test_output_level2_silent_without_output_block():
    assert hits("required_categories", ind(level1="效益指标", level2="社会效益指标"), OUTPUT) == []


@pytest.mark.parametrize("filler", ["不适用", "/", "无", "—"])
def test_empty_category_fires_on_filler(filler):
    [hit] = hits("category_has_content", ind(name=filler, level1="效益指标", level2="生态效益指标",
                                              target=filler))
    assert hit.vars["category"] == "效益指标/生态效益指标"
    assert hit.path == "indicators[0].target"


def test_empty_category_silent_when_one_row_is_real():
    text = (ind(name="不适用", level2="质量指标", target="不适用")
            + ind(name="验收合格率", level2="质量指标", target="100%"))
    assert hits("category_has_content", text) == []


def test_enough_indicators():
    assert hits("enough_indicators", ind() * 2, {"min": 3})[0].vars["count"] == 2
    assert hits("enough_indicators", ind() * 3, {"min": 3}) == []


@pytest.mark.parametrize("l1,l2,variant", [
    ("产出值", "数量指标", "level1"), ("产出指标", "数量值", "level2"),
    ("效益指标", "环境效益指标", "level2"),
])
def test_standard_label_fires_on_alias(l1, l2, variant):
    found = hits("standard_label", ind(level1=l1, level2=l2))
    assert [h.variant for h in found] == [variant]


@pytest.mark.parametrize("l1,l2", [("产出指标(50分)", "数量指标（20分）"), ("产出", "数量"),
                                   ("效益指标", "生态效益指标")])
def test_standard_label_accepts_points_and_short_forms(l1, l2):
    assert hits("standard_label", ind(level1=l1, level2=l2)) == []


CLASSES = {"classes": "category-keywords"}


@pytest.mark.parametrize("name,l1,l2,suggested", [
    ("福利经费发放及时率", "产出指标", "成本指标", "时效指标"),
    ("社区党员培训成本", "效益指标", "社会效益指标", "成本指标"),
    ("党务宣传覆盖率", "产出指标", "时效指标", "质量指标"),
    ("关爱困难群体和弱势群体,保障群众的基本利益", "效益指标", "环境效益指标", "社会效益指标"),
    ("村庄环境卫生整治成效", "效益指标", "社会效益指标", "生态效益指标"),
    ("带动周边群众就业", "效益指标", "生态效益指标", "社会效益指标"),
    ("对当地文物保护、文化传承影响", "成本指标", "社会成本指标", "社会效益指标"),  # a benefit filed as a cost
    ("提升博物馆绿化水平", "成本指标", "生态环境成本指标", "生态效益指标"),
    ("WIFI布点全覆盖", "产出指标", "数量指标", "质量指标"),
    ("全市安全度汛", "效益指标", "经济效益指标", "社会效益指标"),
    ("服务对象满意度", "效益指标", "社会效益指标", "服务对象满意度指标"),
    ("指标1：志愿者活动次数(2分)", "产出指标", "质量指标", "数量指标"),
])
def test_misclassified(name, l1, l2, suggested):
    [hit] = hits("category_fits_name", ind(name=name, level1=l1, level2=l2, target="100%"), CLASSES)
    assert hit.vars["suggested"] == suggested
    assert hit.path == "indicators[0].level2"


@pytest.mark.parametrize("name,l1,l2", [
    ("合同履约及时率", "产出指标", "时效指标"),
    ("创造良好的社区卫生环境", "效益指标", "生态效益指标"),   # 环境 fits its own category
    ("受益困难群众人数", "效益指标", "社会效益指标"),       # counts are at home in benefits
    ("垃圾分类宣传活动", "产出指标", "数量指标"),           # 生态 words only count under 效益
    ("开展居民议事会", "产出指标", "数量指标"),
    ("服务档案验收合格率", "效益指标", "社会效益指标"),     # quality words fit benefits too
    ("基本公共卫生服务项目覆盖率", "效益指标", "社会效益指标"),  # 卫生 here is health, not ecology
    ("持续改善周边居民出行", "效益指标", "可持续影响指标"),   # a lasting social effect
    ("持续改善学校学习和工作环境", "效益指标", "可持续影响指标"),  # a lasting ecological one
    ("施工噪声对周边居民的影响", "成本指标", "社会成本指标"),     # a real social cost
    ("项目建设占用耕地面积", "成本指标", "生态环境成本指标"),
    ("提高农户种植收入", "效益指标", "经济效益指标"),            # 提高 only counts in a cost category
    ("覆盖村数", "产出指标", "数量指标"),
])
def test_well_classified(name, l1, l2):
    assert hits("category_fits_name", ind(name=name, level1=l1, level2=l2, target="≥6场"), CLASSES) == []


def test_per_person_money_points_to_cost():
    [hit] = hits("category_fits_name", ind(name="党员培训", level1="效益指标", level2="社会效益指标",
                                            target="≤200元/人"), CLASSES)
    assert hit.vars["suggested"] == "成本指标"


INPUT = {"phrases": "fund-management"}


def test_input_phrase():
    [hit] = hits("not_an_input", ind(name="预算执行率", level2="质量指标", target="≥90%"), INPUT)
    assert hit.variant == "phrase" and hit.vars["phrase"] == "预算执行率"


def test_input_actual_equals_execution_rate():
    text = table("budget", stated_rate="99.5%") + ind(name="运营成本控制", level2="成本指标",
                                                        target="≤1", actual="99.5%")
    [hit] = hits("not_an_input", text, INPUT)
    assert hit.variant == "rate" and hit.path == "indicators[0].actual"


def test_rate_indicator_reaching_100_is_not_the_execution_rate():
    text = table("budget", stated_rate="100%") + ind(name="验收合格率", level2="质量指标",
                                                       target="100%", actual="100%")
    assert hits("not_an_input", text, INPUT) == []


def test_input_target_equals_budget():
    text = table("budget", adjusted=288) + ind(name="项目总成本", level2="成本指标", target="288万元")
    [hit] = hits("not_an_input", text, INPUT)
    assert hit.variant == "budget"
    text = table("budget", adjusted=288) + ind(name="项目总成本", level2="成本指标", target="2880000元")
    assert [h.variant for h in hits("not_an_input", text, INPUT)] == ["budget"]
