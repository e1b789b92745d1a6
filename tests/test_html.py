"""The HTML report: self-contained, escaped, and it shows what matters."""
import re
from pathlib import Path

from support import VALID, run_cli

ROOT = Path(__file__).resolve().parent.parent
LUOHU = ROOT / "examples" / "luohu-dangqun-2022.toml"


def report(*paths):
    result = run_cli("check", "--no-cache", "--format", "html", *paths)
    assert result.exit_code in (0, 1, 2)
    return result.output


def test_luohu_per_centre_chart_marks_the_shortfalls():
    html = report(LUOHU)
    chart = re.search(r'<svg class="sites" data-item="个案辅导".*?</svg>', html, re.S).group(0)
    short = re.findall(r'class="bar short" data-site="([^"]+)"', chart)
    assert sorted(short) == ["笋岗", "笋西"]
    assert 'class="threshold"' in chart and "标准 10个" in chart
    # the other items have no short site
    assert html.count('class="bar short"') == 2


def test_flagged_cells_are_coloured_with_their_codes():
    html = report(LUOHU)
    assert re.search(r'<td class="error" data-codes="U001">70份及以上</td>', html)
    assert re.search(r'<td class="error" data-codes="V001">有效提高</td>', html)
    assert re.search(r'<td class="" data-codes="">6个</td>', html)


def test_money_block_shows_stated_and_computed_rates():
    html = report(LUOHU)
    assert "执行率（表中）" in html and "99.5%" in html and "99.49%" in html
    assert '<svg class="rates"' in html


def test_fix_first_lists_errors_before_warnings_with_fix_and_basis():
    html = report(LUOHU)
    fix = re.search(r'<ol class="fix">(.*?)</ol>', html, re.S).group(1)
    severities = re.findall(r'<span class="tag (\w+)">', fix)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert "修改：" in fix and "依据：" in fix


def test_self_contained():
    html = report(LUOHU)
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', html)
    assert "<link" not in html and "<script" not in html


def test_everything_from_the_form_is_escaped(tmp_path):
    evil = VALID.replace('name = "建立服务档案数量"', 'name = "<script>alert(1)</script>&\\"x\\""') \
                .replace('target = "≥420份"', 'target = "<img src=x onerror=alert(1)>"')
    p = tmp_path / "evil.toml"
    p.write_text(evil, encoding="utf-8")
    html = report(p)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_unreadable_files_are_listed_too(tmp_path):
    p = tmp_path / "broken.toml"
    p.write_text('kind = "', encoding="utf-8")
    html = report(p)
    assert "broken.toml" in html and "E001" in html


def test_a_table_of_many_projects_gives_one_section_each():
    html = report(ROOT / "tests" / "data" / "longgang-2020.tsv")
    titles = re.findall(r'<section class="form"><h2>([^<]*)</h2>', html)
    assert len(titles) == 14 and titles[1] == "民办社会福利机构"
    section = html.split('<section class="form">')[2]          # row 2
    assert "B001" in section and "108.65%" in section
    assert "108.65%" not in html.split('<section class="form">')[3]   # not on row 3


def test_a_findings_place_is_the_cell_and_its_printed_label_escaped():
    from linter.model.findings import Finding, Location
    from linter.reporters.html import _fix_item
    f = Finding(code="V001", slug="s", severity="error", message="m", fix="改<b>", path="indicators[2].target",
                location=Location("f.xlsx", sheet="表<1>", cell="E12"), indicator="<i>名</i>", basis="财预〔2020〕10号")
    item = _fix_item(f, {}, "zh")
    assert '<span class="meta place">表&lt;1&gt;!E12 年度指标值 · &lt;i&gt;名&lt;/i&gt;</span>' in item
    assert "修改：改&lt;b&gt;" in item and "依据：财预〔2020〕10号" in item
    # the sheet's own header wins over the national label
    assert "表&lt;1&gt;!E12 &lt;指标值&gt;" in _fix_item(f, {"indicators.target": "<指标值>"}, "zh")
    toml = Finding(code="V001", slug="s", severity="error", message="m", fix="", path="indicators[2].target",
                   location=Location("f.toml", line=12, column=1))
    assert '<span class="meta place">第 12 行 年度指标值</span>' in _fix_item(toml, {}, "zh")
    assert '<span class="meta place">line 12 年度指标值</span>' in _fix_item(toml, {}, "en")
