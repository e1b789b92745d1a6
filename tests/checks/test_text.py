"""evidence_agrees, meaningful_text, goal_is_a_target."""
import pytest

from .helpers import hits, table


def test_evidence_disagrees():
    text = '[[evidence]]\nmetric = "大型社区活动"\nunit = "笋岗"\nvalues = { "年度工作总结" = 1, "档案编码表" = 2 }\n'
    [hit] = hits("evidence_agrees", text)
    assert hit.vars["figures"] == "年度工作总结 1、档案编码表 2"
    assert hits("evidence_agrees", text.replace("= 1,", "= 2,")) == []


MONEY = {"rate_words": "payment-rate-words"}


def _money_form(budget, *rows):
    from .helpers import ind
    return table("budget", **budget) + "".join(ind(n, level2=l2, target=t, actual=a) for n, l2, t, a in rows)


@pytest.mark.parametrize("budget,row,variant", [
    # 100 % paid by November, while 259.45 of 300 was spent all year
    ({"adjusted": 300, "actual": 259.45}, ("2021年11月30日前完成资金支付", "时效指标", "11月底完成100%", "100%"), "money-rate"),
    # a cost actual of 150万 while 125.25万 was spent in all
    ({"adjusted": 150, "actual": 125.25}, ("市民中心运行维护费", "成本指标", "150万", "150万"), "money-spent"),
    ({"unit": "元", "adjusted": 1500000, "actual": 1252500}, ("运行维护费", "成本指标", "≤150万元", "150万元"), "money-spent"),
])
def test_indicators_that_disagree_with_the_money_block(budget, row, variant):
    [hit] = hits("evidence_agrees", _money_form(budget, row), MONEY)
    assert (hit.variant, hit.path) == (variant, "indicators[0].actual")


@pytest.mark.parametrize("budget,row", [
    ({"adjusted": 300, "actual": 259.45}, ("资金支付率", "时效指标", "≥85%", "86.5%")),      # agrees
    ({"adjusted": 300, "received": 259.45, "actual": 259.45}, ("资金支付率", "时效指标", "100%", "100%")),  # of what arrived
    ({"adjusted": 300, "received": 200, "actual": 190}, ("资金到位率", "质量指标", "100%", "66.7%")),  # 到位 is not paying
    ({"adjusted": 150, "actual": 125.25}, ("运行维护费", "成本指标", "≤150万元", "125万元")),
    ({"adjusted": 150, "actual": 125.25}, ("人均培训成本", "成本指标", "≤800元/人", "900元/人")),  # a unit cost
    ({"adjusted": 150, "actual": 125.25}, ("道路维修长度", "数量指标", "≥150万元", "150万元")),   # not a cost row
])
def test_near_misses_that_agree_with_the_money_block(budget, row):
    assert hits("evidence_agrees", _money_form(budget, row), MONEY) == []


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
    money = money.replace("预算150万元，实际支出125.25万元，执行率83.50%", "本年度财政拨款为150万元:执行数为125.25万元,完成预算的83.50%。")
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


GOAL = {"done": "done-phrases", "future": "future-phrases", "method": "target-method-phrases",
        "money_use": "money-use-phrases"}


@pytest.mark.parametrize("goal,variant", [
    ("根据自治区下达的工作方案,结合业务实际制定绩效目标。", "method"),
    ("通过规范专项资金的使用,明确专项资金使用目的,实现科学管理", "money-use"),
])
def test_goals_that_say_how_rather_than_what(goal, variant):
    [hit] = hits("goal_is_a_target", table("project", name="x", goal=goal), GOAL)
    assert hit.variant == variant


@pytest.mark.parametrize("goal", [
    "规范资金使用，为全县1200户低保户按月足额发放低保金",   # a figure: money management beside a target
    "完成20条道路清扫保洁外包，保洁覆盖率100%",
])
def test_near_misses_of_goals_that_say_how(goal):
    assert hits("goal_is_a_target", table("project", name="x", goal=goal), GOAL) == []
