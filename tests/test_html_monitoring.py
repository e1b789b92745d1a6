"""The HTML report of a monitoring form: a progress bar per figure against
the pro-rata line, coloured by the pace rules' thresholds, everything escaped."""
import re

from support import run_cli

FORM = '''kind = "monitoring"

[project]
name = "社区<b>居家</b>养老服务"
year = 2024
as_of = 2024-06-30

[budget]
adjusted = 200
actual = 96

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "上门<script>alert(1)</script>人次"
target = "≥1200人次"
progress = "300人次"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "培训人次"
target = "≥100人次"
progress = "35人次"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "文艺演出场次"
target = "≥10场"
progress = "9场"

[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "服务对象满意度"
target = "≥90%"
progress = "92%"
'''


def report(tmp_path, text=FORM):
    path = tmp_path / "监控.toml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "html", str(path))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_a_bar_per_cumulative_figure_against_the_pro_rata_line(tmp_path):
    html = report(tmp_path)
    chart = re.search(r'<svg class="progress".*?</svg>', html, re.S).group(0)
    bars = re.findall(r'<g class="bar ([\w-]+)" data-path="([^"]+)" data-done="([\d.]+)" data-codes="([^"]*)"', chart)
    assert bars == [("red", "indicators[0]", "25.0", "M001 M003"),
                    ("yellow", "indicators[1]", "35.0", "M001 M003"),
                    ("ahead", "indicators[2]", "90.0", "M002"),
                    ("on-track", "budget", "48.0", "")]          # the survey has no bar
    assert re.search(r'<line class="pro-rata" data-share="49.7"', chart) and "时间进度 49.7%" in chart
    assert "截至监控时点完成值" in html and "监控时点" in html


def test_everything_from_the_form_is_escaped(tmp_path):
    html = report(tmp_path)
    assert "<script>alert(1)" not in html and "<b>居家" not in html
    assert "上门&lt;script&gt;" in html and "社区&lt;b&gt;居家&lt;/b&gt;养老服务" in html


def test_no_bars_on_other_forms_or_without_as_of(tmp_path):
    assert 'class="progress"' not in report(tmp_path, FORM.replace("as_of = 2024-06-30\n", ""))
    other = FORM.replace('kind = "monitoring"', 'kind = "target"').replace("progress", "explanation")
    assert 'class="progress"' not in report(tmp_path, other)
