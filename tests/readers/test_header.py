"""The header lexicon's lookups give the answers `label_matches` gives."""
import pytest

from linter.readers.grid import label_matches
from linter.readers.header import LabelIndex
from linter.readers.templates import header_lexicon

SPEC = dict(header_lexicon()["indicators"])


@pytest.mark.parametrize("cell", [
    "三级指标", "三级指标(权重)", "三级指标（权重）", "年度指标值", "年度指标值(A)", "指标值", "实际完成值(B)",
    "全年实际值", "完成值:", "分值(10分)", "偏差原因分析及改进措施(如有)", "偏差原因分析及改进措施等",
    "绩效指标", "一级指标", "指 标 值", "年度 指标值", "参考分值", "度量单位", "单位", "指标性质",
    "年度指标内容", "完成情况", "优", "项目名称", "", "x" * 50,
])
def test_the_index_agrees_with_label_matches(cell):
    expected = {}
    for name, options in SPEC.items():
        for rank, label in enumerate(options):
            if label_matches(cell, label):
                expected[name] = rank
                break
    assert LabelIndex(SPEC).ranks(cell) == expected
