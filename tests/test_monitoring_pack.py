"""The monitoring pack applies by itself to monitoring forms (kind alone), to
no other kind, and its thresholds are parameters a configuration may change."""
import json

from support import run_cli

FORM = '''kind = "monitoring"
packs = [{packs}]

[project]
name = "社区居家养老服务"
year = 2024
as_of = 2024-06-30

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "培训人次"
target = "≥100人次"
progress = "35人次"
'''


def codes(tmp_path, text=FORM.format(packs=""), config=None):
    (tmp_path / "f.toml").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "jxlint.toml").write_text(config, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", str(tmp_path / "f.toml"))
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.output)
    return sorted(f["code"] for f in doc["findings"] if f["code"].startswith("M")), doc


def test_applies_by_kind_and_says_so(tmp_path):
    found, doc = codes(tmp_path)
    assert found == ["M001", "M003"]            # 35 % at 49.7 % of the year: yellow, unexplained
    [form] = doc["forms"]
    assert {"name": "monitoring", "why": "表单类型为绩效运行监控表"} in form["packs"]


def test_not_on_other_kinds_and_not_when_refused(tmp_path):
    assert codes(tmp_path, FORM.format(packs="").replace('"monitoring"', '"target"'))[0] == []
    assert codes(tmp_path, FORM.format(packs='"!monitoring"'))[0] == []


def test_thresholds_are_parameters(tmp_path):
    config = "[params]\nM001 = { behind = 0.6, far_behind = 0.5 }\nM003 = { behind = 0.6 }\n"
    assert codes(tmp_path, config=config)[0] == []
    config = "[params]\nM001 = { behind = 0.9, far_behind = 0.75 }\n"
    found, doc = codes(tmp_path, config=config)
    assert found == ["M001", "M003"]
    assert "红灯" in next(f["message"] for f in doc["findings"] if f["code"] == "M001")
