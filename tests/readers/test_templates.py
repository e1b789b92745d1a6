"""Layouts as data: the shipped mappings load, and a broken one says where."""
import re

import pytest

from linter.readers.align import Hints, align
from linter.readers.grid import Grid, label_matches, strip_label
from linter.readers.layouts import detect
from linter.readers.transfers import find_transfers
from linter.readers.templates import (load_template, load_templates, templates_dir)
from linter.base.problems import DataError


def test_shipped_templates_load():
    names = [t.name for t in load_templates()]
    assert names == ["longgang-wide", "monitoring", "national-self-evaluation", "target-declaration"]
    for t in load_templates():
        assert t.path.parent == templates_dir()
        assert t.title("zh") and t.title("en")


@pytest.mark.parametrize("text,problem", [
    ('name = "x"\n', "layout"),
    ('format = 1\nname = "bad"\ntitle = { zh = "x", en = "x" }\nlayout = "sheet"\nkind = "self-evaluation"\n'
     '[detect]\nall = ["三级指标"]\n', "需要 [indicators]"),
    ('format = 1\nname = "bad"\ntitle = { zh = "x", en = "x" }\nlayout = "sheet"\nkind = "self-evaluation"\n'
     '[detect]\nall = ["三级指标"]\n[indicators]\ncolumns = { level1 = ["一级指标"], levl2 = ["二级指标"] }\n',
     "indicators.columns"),
    ('format = 1\nname = "bad"\ntitle = { zh = "x", en = "x" }\nlayout = "sheet"\nkind = "self-evaluation"\n'
     '[detect]\nall = ["三级指标"]\n[[fields]]\npath = "project.name"\nlabels = ["项目名称"]\npattern = "("\n'
     '[indicators]\ncolumns = { level1 = ["一级指标"] }\n', "正则表达式无效"),
    ('format = 1\nname = "other"\ntitle = { zh = "x", en = "x" }\nlayout = "rows"\nkind = "target"\n'
     '[detect]\nall = ["x"]\n[[columns]]\npath = "project.name"\nlabels = ["项目名称"]\n[[pairs]]\n'
     'level1 = "产出指标"\nlevel2 = "数量指标"\nlabels = ["数量指标"]\n[pair_columns]\ntarget = ["指标"]\n',
     "应与文件名"),
])
def test_a_broken_mapping_names_file_and_key(tmp_path, text, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_template(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_a_new_province_is_a_new_file(tmp_path):
    """A variant that prints 绩效目标值 / 完成值 is read by adding a mapping only."""
    national = (templates_dir() / "national-self-evaluation.toml").read_text(encoding="utf-8")
    variant = national.replace('name = "national-self-evaluation"', 'name = "province-x"') \
        .replace('target = ["年度指标值"', 'target = ["绩效目标值", "年度指标值"')
    (tmp_path / "province-x.toml").write_text(variant, encoding="utf-8")
    [template] = load_templates(tmp_path)
    grid = Grid("表", [["项目名称", "测试"], ["一级指标", "二级指标", "三级指标", "绩效目标值", "实际完成值"],
                      ["产出指标", "数量指标", "服务人数", "≥10人", "12人"]])
    assert detect(grid, [template]) is template
    from linter.readers.sheet_layout import read_sheet
    [doc], _ = read_sheet(template, grid)
    assert doc.data["indicators"][0]["target"] == "≥10人"
    assert doc.positions["indicators[0].target"] == ("表", "D3")


@pytest.mark.parametrize("cell,label,ok", [
    ("项目名称", "项目名称", True), ("项目名称：", "项目名称", True), (" 项目 名称 ", "项目名称", True),
    ("项目资金（万元）", "项目资金", True), ("偏差原因分析及改进措施(如有)", "偏差原因分析及改进措施", True),
    ("年度指标值", "指标值", False), ("项目名称和编码", "项目名称", False),
])
def test_label_matching(cell, label, ok):
    assert label_matches(cell, label) is ok


def test_inline_labels():
    assert strip_label("部门名称(盖章): 深圳市龙岗区民政局本级", "部门名称") == "深圳市龙岗区民政局本级"
    assert strip_label("单位：万元", "单位") == "万元"
    assert strip_label("单位名称", "单位") is None


def test_transfers_from_prose():
    patterns = [(re.compile(p), s, r) for p, s, r in [
        (r"从(?P<counterpart>[^,，。]+?)调剂(?P<amount>\d+(?:\.\d+)?)万?元?", 1, "从{counterpart}调剂"),
        (r"调剂(?P<amount>\d+(?:\.\d+)?)万?元?到(?P<counterpart>[^,，。]+)", -1, None)]]
    found = find_transfers("调剂2万元到乙项目为培训费, 从丙项目调剂3.5万元", patterns, ["乙项目", "丙项目"])
    assert [(t.amount, t.reason, t.counterpart) for t in found] == [
        (-2, "调剂到乙项目为培训费", "乙项目"), (3.5, "从丙项目调剂", "丙项目")]
    # the counterpart is the longest project name the text starts with, from a list or a set
    for names in (["乙", "乙项目", "丙"], frozenset({"乙", "乙项目", "丙"})):
        found = find_transfers("调剂2万元到乙项目为培训费, 从丁项目调剂3.5万元", patterns, names)
        assert [t.counterpart for t in found] == ["乙项目", "丁项目"]


def test_alignment_uses_content():
    hints = Hints(claims=(re.compile("^已"),), merged=(True, False))
    # 数量 printed as one cell, 质量 as target + completion
    cells = [(10, "购买设备11件"), (11, "设备质量验收合格"), (12, "已验收100%合格"), (13, "问题")]
    result = align(cells, 2, 1, hints)
    assert result.pairs == [((10, "购买设备11件"), None), ((11, "设备质量验收合格"), (12, "已验收100%合格"))]
    assert result.trailing == [(13, "问题")] and result.left_over == []
