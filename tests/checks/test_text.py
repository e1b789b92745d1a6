"""evidence_agrees, meaningful_text, goal_is_a_target."""
import pytest

from .helpers import hits, table


def test_evidence_disagrees():
    text = '[[evidence]]\nmetric = "大型社区活动"\nunit = "笋岗"\nvalues = { "年度工作总结" = 1, "档案编码表" = 2 }\n'
    [hit] = hits("evidence_agrees", text)
    assert hit.vars["figures"] == "年度工作总结 1、档案编码表 2"
    assert hits("evidence_agrees", text.replace("= 1,", "= 2,")) == []


TEXT = {"fields": ["project.goal_result", "evaluation.problems"], "phrases": "boilerplate"}


@pytest.mark.parametrize("value,fires", [
    ("全部达成预期指标。", True), ("无", True), ("暂无。", True), ("1.无；2.无", True),
    ("全年开展个案 180 个、小组活动 110 节，服务对象满意度 96%。", False),
    ("个别中心个案辅导未达合同数量", False),
])
def test_boilerplate(value, fires):
    text = table("project", name="x", goal_result=value)
    assert bool(hits("meaningful_text", text, TEXT)) is fires


def test_boilerplate_absent_field_is_not_checked():
    assert hits("meaningful_text", table("project", name="x"), TEXT) == []


GOAL = {"done": "done-phrases", "future": "future-phrases"}


@pytest.mark.parametrize("goal,variant", [("43.2", "money-only"), ("43.2万元", "money-only"),
                                          ("已完成全年工作任务", "done"),
                                          ("极大的改善了居民生活环境", "done"),
                                          ("明年建成社区服务站 3 个", "future")])
def test_goal_not_a_target(goal, variant):
    [hit] = hits("goal_is_a_target", table("project", name="x", goal=goal), GOAL)
    assert hit.variant == variant


def test_goal_is_a_target():
    goal = "为 6 个社区党群服务中心购买专业服务，全年服务不少于 3000 人次。"
    assert hits("goal_is_a_target", table("project", name="x", goal=goal), GOAL) == []


def test_a_result_that_copies_the_goal_or_reports_only_money():
    from .helpers import hits
    params = {"fields": ["project.goal_result"], "phrases": "boilerplate", "min_chars": 2}
    copied = '[project]\nname = "x"\ngoal = "完成普法宣传20场。"\ngoal_result = "完成普法宣传20场"\n'
    [hit] = hits("meaningful_text", copied, params)
    assert hit.variant == "copied" and "总体目标实际完成情况" == hit.vars["label"]
    money = '[project]\nname = "x"\ngoal = "维修大厅"\ngoal_result = "预算150万元，实际支出125.25万元，执行率83.50%"\n'
    [hit] = hits("meaningful_text", money, params)
    assert hit.variant == "money-only"
    real = '[project]\nname = "x"\ngoal = "维修大厅"\ngoal_result = "完成大厅维修1200平方米，支出125.25万元"\n'
    assert hits("meaningful_text", real, params) == []


def test_a_goal_that_is_only_the_project_name():
    from .helpers import hits
    params = {"done": "done-phrases", "future": "future-phrases"}
    [hit] = hits("goal_is_a_target", '[project]\nname = "国家基本公共卫生服务"\ngoal = "国家基本公共卫生服务"\n', params)
    assert hit.variant == "name-only"
    assert hits("goal_is_a_target", '[project]\nname = "国家基本公共卫生服务"\n'
                                    'goal = "为辖区居民建立健康档案3.2万份"\n', params) == []
