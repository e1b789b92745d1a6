"""What labels and names carry (issue: read every real form): a unit in the
name is the unit of a bare number, a direction column is read as what it is,
a typed number and the same text get the same unit checks, and a prompt for
the figure left in a name is a template placeholder."""
import pytest

from linter.checks.context import printed_value
from linter.engine.core import Engine
from linter.model.form import Node
from linter.model.values import unit_in_name, unit_prompt


def ind(**fields):
    return Node("indicator", "indicators[0]", fields)


@pytest.mark.parametrize("name,unit", [
    ("营造林总面积(亩)", "亩"), ("资金（万元）", "万元"), ("完成率(%)", "%"), ("订单(单)", "单"),
    ("公猪舍(≥**平方米)", "平方米"), ("接种人数(剂次)", "剂次"),
    ("培训人数", "人"), ("设备正常运转天数", "天"),   # a count noun says the unit
    ("培训规模", None), ("资助(10分)", None), ("(一)项目", None),
])
def test_unit_in_name(name, unit):
    assert unit_in_name(name) == unit


def test_a_bare_number_takes_the_unit_its_name_prints():
    assert printed_value(ind(name="营造林总面积(亩)", target=80000), "target") == "80000亩"
    assert printed_value(ind(name="营造林总面积(亩)", target="80000"), "target") == "80000亩"
    assert printed_value(ind(name="营造林总面积(亩)", actual="约8万亩"), "actual") == "约8万亩"


@pytest.mark.parametrize("printed,target", [("正向", "≥90%"), ("反向", "≤90%"), ("≥", "≥90%"),
                                            ("定性", "90%"), ("是/否", "90%")])
def test_a_direction_column_is_read_as_a_direction(printed, target):
    assert printed_value(ind(name="x", comparator=printed, target=90, unit="%"), "target") == target


def test_typed_number_and_text_get_the_same_unit_checks():
    def v004(target):
        text = ('kind = "target"\n[project]\nname = "x"\n[[indicators]]\nlevel1 = "产出指标"\n'
                f'level2 = "数量指标"\nname = "培训规模"\ntarget = {target}\n')
        return [f.code for f in Engine().check_text(text).findings if f.code == "V004"]
    assert v004(100) == v004('"100"') == ["V004"]
    assert v004('"100人"') == []


@pytest.mark.parametrize("name,prompt", [("种公猪(≥头)", "(≥头)"), ("仓库(≥**平方米)", "(≥**平方米)"),
                                         ("种公猪(≥2头)", None), ("种公猪", None)])
def test_a_prompt_for_the_figure_is_a_placeholder(name, prompt):
    assert unit_prompt(name) == prompt


def test_points_in_a_name_are_its_weight_and_leave_the_message():
    text = ('kind = "self-evaluation"\n[project]\nname = "x"\n[[indicators]]\nlevel1 = "产出指标"\n'
            'level2 = "数量指标"\nname = "学生受资助人数(10分)"\ntarget = "有效提高"\nactual = "1000人"\nscore = 10\n')
    from linter.readers.toml import read_toml_bytes
    [form] = read_toml_bytes(text.encode("utf-8"), "f.toml").forms
    assert form.data["indicators"][0]["weight"] == 10
    [v001] = [f for f in Engine().check_text(text).findings if f.code == "V001"]
    assert "学生受资助人数" in v001.message and "10分" not in v001.message
    assert v001.indicator == "学生受资助人数(10分)"  # JSON keeps the name as printed


def test_a_date_serial_in_a_timeliness_cell_is_a_date():
    from linter.checks.context import Context
    from linter.packs.loader import PackLoader
    from linter.readers.toml import read_toml_bytes
    text = ('kind = "target"\n[project]\nname = "x"\n[[indicators]]\nlevel1 = "产出指标"\n'
            'level2 = "时效指标"\nname = "完成时间"\ntarget = 44895\n'
            '[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "数量指标"\nname = "培训人数"\ntarget = 44895\n')
    [form] = read_toml_bytes(text.encode("utf-8"), "f.toml").forms
    ctx = Context(form, PackLoader().ruleset([]))
    timely, count = form.nodes("indicator")
    assert ctx.value(timely, "target").raw == "2022-11-30"
    assert ctx.value(count, "target").number == 44895  # a count stays a count
