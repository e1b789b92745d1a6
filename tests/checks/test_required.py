"""required_indicators (R001: 共性指标 by type of spending) and
fixed_indicators (R002: indicators a profile fixes)."""
import shutil
from pathlib import Path

import pytest

from linter.base.problems import DataError
from linter.base.resources import builtin_packs_dir
from linter.engine.core import Engine
from linter.packs.loader import PackLoader

from .helpers import hits, ind, table

PACKS = ("common-indicators",)
TYPES = {"types": "common-indicators", "whole": "whole-spending"}

# A training project's four expected indicators, each under its usual category.
TRAINEES = ind("培训人次", target="≥300人次")
COST = ind("人均培训成本", level2="成本指标", target="≤550元/人·天")
PASSED = ind("培训结业率", level2="质量指标", target="≥95%")
SATISFIED = ind("受训人员满意度", level1="满意度指标", level2="服务对象满意度指标", target="≥90%")


def required(text, params=None, packs=PACKS):
    return hits("required_indicators", text, {**TYPES, **(params or {})}, packs=packs)


def project(**fields):
    return table("project", **fields)


# --- the type: declared -----------------------------------------------------

def test_declared_type_lists_what_is_missing():
    [hit] = required(project(name="2023年基层干部培训经费", type="培训") + TRAINEES + SATISFIED)
    assert hit.variant == "declared" and hit.path == "indicators"
    assert hit.vars["type"] == "培训" and hit.vars["word"] == "培训" and hit.vars["field"] == "项目类型"
    assert hit.vars["missing"] == "人均培训成本、培训合格率或结业率" and hit.vars["count"] == 2
    assert hit.vars["expected"].startswith("培训人次或人数、")
    assert "培训费管理办法" in hit.vars["source"]


def test_declared_alias_names_the_row():
    [hit] = required(project(name="某项目", type="教育培训") + TRAINEES)
    assert hit.vars["type"] == "培训" and hit.vars["word"] == "教育培训"


def test_declared_type_wins_over_the_name():
    # named like training, declared as a meeting: judged as a meeting
    [hit] = required(project(name="培训工作会议经费", type="会议") + TRAINEES)
    assert hit.variant == "declared" and hit.vars["type"] == "会议"


def test_a_declared_type_the_table_does_not_know_is_not_guessed():
    assert required(project(name="2023年基层干部培训经费", type="其他") + TRAINEES) == []


def test_complete_set_is_silent():
    text = project(name="2023年基层干部培训经费", type="培训") + TRAINEES + COST + PASSED + SATISFIED
    assert required(text) == []


# --- the type: recognised ---------------------------------------------------

def test_recognised_from_the_name():
    [hit] = required(project(name="2023年基层干部培训经费") + TRAINEES)
    assert hit.variant == "recognised"
    assert (hit.vars["word"], hit.vars["field"], hit.vars["type"]) == ("培训", "项目名称", "培训")
    assert hit.vars["count"] == 3


def test_recognised_from_the_goal_when_the_name_says_nothing():
    [hit] = required(project(name="组织人事工作经费", goal="全年举办基层党务干部轮训班4期") + TRAINEES)
    assert (hit.vars["word"], hit.vars["field"], hit.vars["type"]) == ("轮训", "年度总体目标", "培训")


def test_the_name_comes_before_the_goal():
    [hit] = required(project(name="办公设备购置", goal="购置后组织使用培训") + ind("设备购置数量", target="10台"))
    assert hit.vars["type"] == "设备购置" and hit.vars["field"] == "项目名称"


def test_fields_param_can_leave_the_goal_out():
    text = project(name="组织人事工作经费", goal="全年举办基层党务干部轮训班4期") + TRAINEES
    assert required(text, {"fields": ["name"]}) == []


def test_recognised_in_traditional_script():
    [hit] = required(project(name="幹部培訓經費") + TRAINEES)
    assert hit.vars["type"] == "培训"


@pytest.mark.parametrize("name,kind", [
    ("道路建设工程项目", "基建工程"),
    ("市民中心运行维护费", "运维/运营服务"),
    ("高中助学金项目", "补助/补贴发放"),
    ("政务服务信息系统建设", "信息化建设"),
    ("信息系统运维经费", "运维/运营服务"),   # 运维 of a system is not building it
    ("法治宣传经费", "宣传"),
    ("全市招商引资推介会议经费", "会议"),
])
def test_each_type_is_recognised(name, kind):
    [hit] = required(project(name=name) + ind("某事项完成数"))
    assert hit.vars["type"] == kind


# --- near misses --------------------------------------------------------------

def test_an_expected_word_counts_under_any_category():
    # the cost filed under 社会效益 still counts as 人均培训成本 (C006 says where it belongs)
    cost_elsewhere = ind("人均培训成本", level1="效益指标", level2="社会效益指标", target="≤550元")
    text = project(name="2023年基层干部培训经费") + TRAINEES + cost_elsewhere + PASSED + SATISFIED
    assert required(text) == []


def test_printed_points_and_numbering_do_not_hide_a_name():
    text = (project(name="2023年基层干部培训经费") + ind("指标1：参训人数(10分)") + COST + PASSED
            + ind("受训人员满意度（5分）", level1="满意度指标", level2="服务对象满意度指标"))
    assert required(text) == []


@pytest.mark.parametrize("name", ["培训中心建设项目", "党校培训楼维修", "某某培训基地建设"])
def test_a_training_building_is_not_a_training_project(name):
    found = required(project(name=name) + ind("建设面积", target="≥2000平方米"))
    assert all(h.vars["type"] != "培训" for h in found)


def test_training_centre_building_is_no_type_at_all():
    assert required(project(name="培训中心建设") + TRAINEES) == []


def test_a_service_s_operating_budget_is_not_upkeep():
    # 运营 alone: a community centre's operating budget buys a service
    assert required(project(name="社区服务运营经费") + ind("个案服务个数")) == []


def test_the_people_served_do_not_make_a_subsidy():
    text = project(name="基层治理专项", goal="为辖区低保家庭和优抚对象提供基层治理服务") + ind("走访户数")
    assert required(text) == []
    [hit] = required(project(name="基层治理专项", goal="为辖区低保家庭发放临时补贴") + ind("走访户数"))
    assert hit.vars["word"] == "补贴"


def test_no_type_recognised_says_nothing():
    assert required(project(name="社会保障专项", goal="保障困难群众基本生活") + ind("慰问人数")) == []


def test_a_department_s_whole_spending_has_no_single_type():
    assert required(project(name="2021年林业局部门整体支出", goal="完成森林防火培训") + ind("造林面积")) == []


def test_a_form_without_indicators_is_left_to_other_rules():
    assert required(project(name="2023年基层干部培训经费")) == []


def test_rubric_rows_do_not_count():
    # an evaluation rubric row (项目管理) named 培训 is not a training indicator
    rubric = ind("培训人次管理", level1="项目管理", level2="管理制度")
    [hit] = required(project(name="2023年基层干部培训经费") + rubric + COST)
    assert "培训人次或人数" in hit.vars["missing"]


# --- fixed indicators (R002) ----------------------------------------------------

FIXED = ("scoring-fixed-example",)
ON_TIME = ind("项目完成及时率", level2="时效指标", target="100%")


def fixed(text, packs=FIXED):
    return hits("fixed_indicators", text, {"fixed": "fixed-indicators"}, packs=packs)


def test_a_missing_fixed_indicator_fires_once_each():
    [hit] = fixed(ON_TIME)
    assert hit.path == "indicators"
    assert hit.vars["label"] == "服务对象满意度" and hit.vars["category"] == "满意度指标/服务对象满意度指标"
    assert "“满意度”" in hit.vars["words"]
    assert {h.vars["label"] for h in fixed(ind("开展活动场次"))} == {"项目完成及时率", "服务对象满意度"}


def test_fixed_indicators_present_under_any_wording():
    assert fixed(ON_TIME + ind("群众满意率", level1="满意度指标", level2="服务对象满意度指标")) == []


def test_without_a_fixing_profile_nothing_is_fixed():
    assert fixed(ind("开展活动场次"), packs=PACKS) == []


def test_fixed_skips_a_form_without_indicators():
    assert fixed(project(name="x")) == []


# --- through the engine: severity, confidence, packs ----------------------------

ENGINE = Engine()


def findings(text):
    return [f for f in ENGINE.check_text(text, "t.toml").findings if f.code in ("R001", "R002")]


def test_recognised_is_an_info_saying_what_it_recognised():
    [f] = findings('kind = "target"\n' + project(name="2023年基层干部培训经费") + TRAINEES)
    assert f.severity == "info" and f.confidence == "likely"
    assert f.message.startswith("项目名称含“培训”，按培训类项目看")
    assert f.pack == "common-indicators"


def test_declared_is_a_warning_saying_it_was_declared():
    [f] = findings('kind = "target"\n' + project(name="2023年基层干部培训经费", type="培训") + TRAINEES)
    assert f.severity == "warning" and f.message.startswith("项目类型为“培训”")


def test_the_pack_can_be_kept_away():
    text = 'kind = "target"\npacks = ["!common-indicators"]\n' + project(name="2023年基层干部培训经费") + TRAINEES
    assert findings(text) == []


def test_fixed_example_profile_reports_a_deleted_indicator_as_an_error():
    text = 'kind = "self-evaluation"\nprofile = "fixed-example"\n' + project(name="某项目") + ON_TIME
    [f] = findings(text)
    assert f.code == "R002" and f.severity == "error" and "服务对象满意度" in f.message
    # the national profile fixes nothing
    assert findings(text.replace('profile = "fixed-example"\n', "")) == []


def test_r002_is_not_for_evaluation_reports():
    text = 'kind = "evaluation"\nprofile = "fixed-example"\n' + project(name="某项目") + ON_TIME
    assert findings(text) == []


# --- the table is data the check trusts -------------------------------------------

def test_a_row_without_expects_fails_to_load_naming_file_and_row(tmp_path):
    shutil.copy(builtin_packs_dir() / "core.toml", tmp_path / "core.toml")
    text = (builtin_packs_dir() / "common-indicators.toml").read_text(encoding="utf-8")
    start = text.index("expects = [", text.index('type = "会议"'))
    end = text.index("]\nbasis", start) + 2
    (tmp_path / "common-indicators.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as info:
        PackLoader([Path(tmp_path)]).ruleset(["common-indicators"])
    message = str(info.value)
    assert "common-indicators.toml" in message and "R001" in message and "第 2 行" in message
