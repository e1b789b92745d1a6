import pytest

from .helpers import hits

PARAMS = {"standard": "site-standard"}


def form(target, name="建立服务档案数量", units=("甲", "乙", "丙"), extra=""):
    units_toml = ", ".join(f'"{u}"' for u in units)
    return f'''[project]
name = "p"
units = [{units_toml}]
unit_kind = "社区党群服务中心"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "{name}"
target = "{target}"
{extra}'''


def test_per_site_standard_for_three_sites_fires():
    [hit] = hits("scaled_to_sites", form("70份及以上"), PARAMS)
    assert hit.vars["expected"] == "210" and hit.vars["per_site"] == "70"
    assert hit.vars["sites"] == 3 and hit.vars["unit"] == "份"
    assert hit.path == "indicators[0].target"


def test_items_covered_by_one_indicator_are_summed():
    [hit] = hits("scaled_to_sites", form("27个以上", name="个案咨询、辅导完成数量"), PARAMS)
    assert hit.vars["per_site"] == "27" and hit.vars["expected"] == "81"
    assert hit.vars["items"] == "个案咨询、个案辅导"


@pytest.mark.parametrize("target", ["≥210份", "300份", "100%", "≤70份"])
def test_scaled_rates_and_caps_pass(target):
    assert hits("scaled_to_sites", form(target), PARAMS) == []


def test_one_site_or_per_unit_scope_passes():
    assert hits("scaled_to_sites", form("70份", units=("甲",)), PARAMS) == []
    assert hits("scaled_to_sites", form("70份", extra='scope = "per-unit"'), PARAMS) == []


def test_names_without_a_standard_item_pass():
    assert hits("scaled_to_sites", form("6个", name="保障党群服务中心数量"), PARAMS) == []


def test_min_sites_param():
    assert hits("scaled_to_sites", form("70份"), dict(PARAMS, min_sites=4)) == []
