"""Packs that know when they apply: a pack's `[applies]` matched against a form.

A regional standard (the Shenzhen community-centre pack) declares, as data,
the forms it is for; a form written exactly as the format says then gets it
without naming it. Every key given must match; a list matches when any of its
words appears in the fields named below. The answer says why, in the user's
words, so a report can show which packs applied to each form and on what
grounds.

    [applies]
    region = ["深圳"]                 # project.region, department, implementer, name
    subject = ["党群服务中心"]         # project.unit_kind, name, implementer, units
    kind = ["target", "self-evaluation"]   # alone: a pack for a kind of form
    years = [2016, 2030]             # project.year within (both ends included)
"""
from __future__ import annotations

from typing import Any, List, Mapping, Optional, Sequence, Tuple

from linter.model.schema import kind_name

REGION_FIELDS = (("region", "地区", "region"), ("department", "主管部门", "department"),
                 ("implementer", "实施单位", "implementer"), ("name", "项目名称", "project name"))
SUBJECT_FIELDS = (("unit_kind", "服务单位类型", "unit kind"), ("name", "项目名称", "project name"),
                  ("implementer", "实施单位", "implementer"), ("units", "服务单位", "units"))


def _found(words: Sequence[str], project: Mapping[str, Any], fields) -> Optional[Tuple[str, str, str, str]]:
    for key, zh, en in fields:
        value = project.get(key)
        texts = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
        for text in texts:
            word = next((w for w in words if w and w in text), None)
            if word:
                return zh, en, text[:40], word
    return None


def why_applies(applies: Mapping[str, Any], form, lang: str = "zh") -> Optional[str]:
    """Why the pack applies to `form`, or None when it does not (an empty
    `applies` never applies by itself)."""
    if not applies:
        return None
    project = form.project  # always a mapping
    reasons: List[str] = []
    for key, fields in (("region", REGION_FIELDS), ("subject", SUBJECT_FIELDS)):
        words = applies.get(key)
        if not words:
            continue
        hit = _found(words, project, fields)
        if hit is None:
            return None
        zh, en, text, word = hit
        reasons.append(f"{zh}“{text}”含“{word}”" if lang != "en" else f"{en} '{text}' names '{word}'")
    kinds = applies.get("kind")
    if kinds:
        if form.kind not in kinds:
            return None
        if not reasons and not applies.get("years"):
            # a pack for a kind of form (the monitoring form's rules) applies on kind alone
            name = kind_name(form.kind, lang)
            return f"表单类型为{name}" if lang != "en" else f"the form is a {name}"
    years = applies.get("years")
    if years:
        year = project.get("year")
        if not isinstance(year, int) or not years[0] <= year <= years[-1]:
            return None
        reasons.append(f"年度 {year} 在 {years[0]}–{years[-1]} 内" if lang != "en"
                       else f"year {year} in {years[0]}–{years[-1]}")
    if not reasons:
        return None
    return "，".join(reasons) if lang != "en" else ", ".join(reasons)
