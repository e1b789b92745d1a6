"""The indicator-set format (format 1) as a cerberus schema.

This is the contract of `spec/indicator-set.md` in cerberus's own dialect.
It is a plain dict so that importing it costs nothing; `validate.py` checks
documents against it with a compiled fast path and asks cerberus only to
explain a failure.
"""
from __future__ import annotations

import re
from typing import Mapping, Optional

KINDS = ("target", "self-evaluation", "evaluation", "monitoring")
# What a user calls each kind: the form's printed name, never the key. Reports
# and messages show these (`kind_name`).
KIND_NAMES = {
    "target": {"zh": "绩效目标申报表", "en": "performance target declaration"},
    "self-evaluation": {"zh": "绩效自评表", "en": "performance self-evaluation"},
    "evaluation": {"zh": "绩效评价报告", "en": "performance evaluation report"},
    "monitoring": {"zh": "绩效运行监控表", "en": "performance monitoring form"},
}


def kind_name(kind, lang: str = "zh") -> str:
    """The kind as the user knows it (绩效自评表), in `lang`; an unknown kind as written."""
    names = KIND_NAMES.get(kind)
    if names is None:
        return "" if kind is None else str(kind)
    return names.get(lang, names["zh"])

_STR = {"type": "string"}
_NUM = {"type": "number"}
_TEXT_OR_NUM = {"type": ["string", "number"]}
_DATE = {"type": "date"}
_STR_LIST = {"type": "list", "schema": {"type": "string"}}
_NAMED_NUMBERS = {"type": "dict", "keysrules": {"type": "string"},
                  "valuesrules": {"type": ["number", "string"]}}

INDICATOR = {
    "level1": {"type": "string", "required": True},
    "level2": {"type": "string", "required": True},
    "name": {"type": "string", "required": True},
    "target": _TEXT_OR_NUM,
    # Extension: forms that print 指标性质 | 指标值 | 度量单位 in three columns
    # keep them apart; `target` then holds only the number.
    "comparator": _STR,
    "unit": _STR,
    "actual": _TEXT_OR_NUM,
    "weight": _NUM,
    "score": _NUM,
    "deviation": _STR,
    "scope": {"type": "string", "allowed": ["total", "per-unit"]},
    "by_unit": _NAMED_NUMBERS,
    "explanation": _STR,
    # Extension: a monitoring form (kind "monitoring") prints, per indicator,
    # the value reached so far (截至监控时点完成值), the full-year forecast
    # (全年预计完成值) and what is done about a shortfall (纠偏措施); its
    # 偏差原因 is `deviation`.
    "progress": _TEXT_OR_NUM,
    "forecast": _TEXT_OR_NUM,
    "remedy": _STR,
}

PAYMENT = {
    "installment": {"type": "integer"},
    "due": _DATE,
    "amount": _NUM,
    "paid_on": _DATE,
    "paid": _NUM,
    "deduction_reason": _STR,
    "note": _STR,
}

CONTRACT = {
    "supplier": _STR,
    "units": _STR_LIST,
    "start": _DATE,
    "end": _DATE,
    "amount": _NUM,
    "review": _STR,
    "note": _STR,
    "payments": {"type": "list", "schema": {"type": "dict", "schema": PAYMENT}},
}

SOURCE = {
    "name": {"type": "string", "required": True},
    "initial": _NUM,
    "adjusted": _NUM,
    "received": _NUM,
    "actual": _NUM,
}

ADJUSTMENT = {
    "amount": {"type": "number", "required": True},
    "reason": _STR,
    "counterpart": _STR,
}

BUDGET = {
    "unit": {"type": "string", "allowed": ["万元", "元"]},
    "initial": _NUM,
    "adjusted": _NUM,
    "received": _NUM,
    "actual": _NUM,
    "stated_rate": _TEXT_OR_NUM,
    "weight": _NUM,
    "score": _NUM,
    # Extension: why execution fell short (the form's 偏差原因 for the money line).
    "explanation": _STR,
    # Extension: what is done about slow execution (a monitoring form's 纠偏措施).
    "remedy": _STR,
    "sources": {"type": "list", "schema": {"type": "dict", "schema": SOURCE}},
    "adjustments": {"type": "list", "schema": {"type": "dict", "schema": ADJUSTMENT}},
}

PROJECT = {
    "name": {"type": "string", "required": True},
    "code": _STR,
    "department": _STR,
    "implementer": _STR,
    "year": {"type": "integer"},
    "units": _STR_LIST,
    "unit_kind": _STR,
    "goal": _STR,
    "goal_result": _STR,
    # Extension: the date a monitoring form reports at (监控时点, 截至日期).
    "as_of": _DATE,
    # Extension: the type of spending (培训, 基建工程 …) whose 共性指标 apply (R001)
    "type": _STR,
}

SITE_RESULT = {
    "item": {"type": "string", "required": True},
    "unit": _STR,
    "period": _STR,
    "values": _NAMED_NUMBERS,
}

EVIDENCE = {
    "metric": {"type": "string", "required": True},
    "unit": _STR,
    "period": _STR,
    "values": _NAMED_NUMBERS,
}

EVALUATION = {
    "total_score": _NUM,
    "grade": _STR,
    "problems": _STR,
    "actions": _STR,
}

FORM = {
    "format": {"type": "integer", "allowed": [1]},
    "kind": {"type": "string", "required": True, "allowed": list(KINDS)},
    "profile": _STR,
    # Extension of the spec: packs this form is checked with besides `core`
    # (e.g. a Shenzhen community-centre form names "shenzhen-dangqun").
    "packs": _STR_LIST,
    "project": {"type": "dict", "required": True, "schema": PROJECT},
    "budget": {"type": "dict", "schema": BUDGET},
    "indicators": {"type": "list", "schema": {"type": "dict", "schema": INDICATOR}},
    "weights": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "number"}},
    "contracts": {"type": "list", "schema": {"type": "dict", "schema": CONTRACT}},
    "site_results": {"type": "list", "schema": {"type": "dict", "schema": SITE_RESULT}},
    "evidence": {"type": "list", "schema": {"type": "dict", "schema": EVIDENCE}},
    "evaluation": {"type": "dict", "schema": EVALUATION},
}

# Printed form labels people type as keys; an unknown key that is one of these
# gets the field name as its suggestion (E003), e.g. 年度指标值 -> target.
LABEL_ALIASES = {
    "项目名称": "name", "名称": "name", "项目编码": "code", "主管部门": "department",
    "实施单位": "implementer", "项目类型": "type", "年度": "year", "年份": "year",
    "年度总体目标": "goal", "总体目标": "goal", "总体目标实际完成情况": "goal_result",
    "一级指标": "level1", "二级指标": "level2", "三级指标": "name",
    "年度指标值": "target", "指标值": "target", "目标值": "target",
    "实际完成值": "actual", "完成值": "actual", "分值": "weight", "权重": "weight",
    "得分": "score", "偏差原因分析及改进措施": "deviation", "偏差原因": "deviation",
    "指标解释": "explanation", "指标性质": "comparator", "度量单位": "unit", "年初预算数": "initial", "全年预算数": "adjusted",
    "全年执行数": "actual", "执行率": "stated_rate", "实际到位资金": "received",
    "资金来源": "sources", "绩效指标": "indicators", "合同": "contracts",
    "付款": "payments", "总分": "total_score", "评价等级": "grade",
    "监控时点": "as_of", "截至日期": "as_of", "截止日期": "as_of", "完成进度": "progress",
    "截至目前完成值": "progress", "执行情况": "progress", "全年预计完成值": "forecast",
    "全年预计完成情况": "forecast", "纠偏措施": "remedy",
}


# What the national form prints for a field, as messages name it to a workbook
# user (a path without indexes -> the printed label).
PRINTED_LABELS = {
    "project.name": "项目名称", "project.code": "项目编码", "project.department": "主管部门",
    "project.implementer": "实施单位", "project.year": "年度", "project.goal": "年度总体目标",
    "project.goal_result": "总体目标实际完成情况", "project.type": "项目类型", "budget.initial": "年初预算数", "budget.adjusted": "全年预算数",
    "budget.actual": "全年执行数", "budget.received": "实际到位资金", "budget.stated_rate": "执行率",
    "budget.weight": "执行率分值", "budget.score": "执行率得分", "budget.unit": "金额单位",
    "budget.sources.initial": "资金来源的年初预算数", "budget.sources.adjusted": "资金来源的全年预算数",
    "budget.sources.actual": "资金来源的全年执行数", "budget.sources.name": "资金来源",
    "indicators.level1": "一级指标", "indicators.level2": "二级指标", "indicators.name": "三级指标",
    "indicators.target": "年度指标值", "indicators.actual": "实际完成值", "indicators.weight": "分值",
    "indicators.score": "得分", "indicators.deviation": "偏差原因分析及改进措施",
    "indicators.comparator": "指标性质", "indicators.unit": "度量单位",
    "evaluation.total_score": "总分", "evaluation.grade": "评价等级", "kind": "表单类型",
    "evaluation.problems": "存在的问题", "evaluation.actions": "改进措施",
    "budget.explanation": "预算执行偏差原因",
    "project.as_of": "监控时点", "indicators.progress": "截至监控时点完成值",
    "indicators.forecast": "全年预计完成值", "indicators.remedy": "纠偏措施",
    "budget.remedy": "预算执行纠偏措施",
}
_INDEX_RE = re.compile(r"\[\d+\]")


def printed_label(path: str, labels: Mapping[str, str], default: Optional[str] = None) -> str:
    """The label a person reads over a field: the one the sheet prints
    (`labels`, path without indexes -> header text), else the national
    form's, else `default` (the path without indexes when None)."""
    field = _INDEX_RE.sub("", path)
    return labels.get(field) or PRINTED_LABELS.get(field) or (field if default is None else default)
