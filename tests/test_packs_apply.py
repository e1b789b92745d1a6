"""Packs that know when they apply (`[applies]` in a pack): the Luohu form
written from the spec, with no `packs` key, gets the Shenzhen community-centre
standard and says why; a Wuhan form does not; `!name` and `ignore-packs` take
a pack away."""
import json
import os
from pathlib import Path

import pytest

from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
LUOHU = (ROOT / "examples" / "luohu-dangqun-2022.toml").read_text(encoding="utf-8")
WUHAN = ROOT / "examples" / "wuhan-huashan-2020.toml"


@pytest.fixture
def luohu(tmp_path):
    """The Luohu form as the spec writes it: no packs key at all."""
    text = "\n".join(line for line in LUOHU.splitlines() if not line.startswith("packs = "))
    assert "packs" not in text.split("[project]")[0]
    path = tmp_path / "luohu.toml"
    path.write_text(text, encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    yield path
    os.chdir(old)


def _found(*args):
    result = run_cli("check", *args, "--format", "json", "--no-cache")
    return json.loads(result.output)


def test_the_shenzhen_pack_applies_to_the_luohu_form_by_itself(luohu):
    doc = _found(luohu)
    codes = [f["code"] for f in doc["findings"]]
    assert "U001" in codes and "U003" in codes
    u001 = [f for f in doc["findings"] if f["code"] == "U001"]
    assert any("服务档案" in (f["indicator"] or "") for f in u001)   # the per-centre counts
    [form] = doc["forms"]
    packs = {p["name"]: p["why"] for p in form["packs"]}
    assert "shenzhen-dangqun" in packs
    assert "深圳" in packs["shenzhen-dangqun"] and "党群服务中心" in packs["shenzhen-dangqun"]


def test_the_text_report_says_which_packs_applied_and_why(luohu):
    out = run_cli("check", luohu, "-v", "--no-cache").output
    line = next(line for line in out.splitlines() if "shenzhen-dangqun（" in line)
    assert "主管部门“深圳市罗湖区笋岗街道办事处”含“深圳”" in line
    assert " U001 [" in out and " U003 [" in out
    assert "规则包 / Packs" not in run_cli("check", luohu, "--no-cache").output   # only with -v


def test_the_html_report_shows_the_findings_and_the_pack(luohu, tmp_path):
    out = tmp_path / "report.html"
    run_cli("check", luohu, "--format", "html", "-o", out, "--no-cache")
    html = out.read_text(encoding="utf-8")
    assert "U001" in html and "U003" in html
    assert "shenzhen-dangqun（主管部门" in html


def test_sarif_carries_the_packs_per_form(luohu):
    sarif = json.loads(run_cli("check", luohu, "--format", "sarif", "--no-cache").output)
    [form] = sarif["runs"][0]["properties"]["forms"]
    assert "shenzhen-dangqun" in [p["name"] for p in form["packs"]]


def test_a_wuhan_form_does_not_get_the_shenzhen_pack():
    doc = _found(WUHAN)
    assert "shenzhen-dangqun" not in [p["name"] for f in doc["forms"] for p in f["packs"]]
    assert not [f for f in doc["findings"] if f["pack"] == "shenzhen-dangqun"]


def test_a_pack_can_be_taken_away(luohu):
    # with !name on the command line
    doc = _found(luohu, "--pack", "!shenzhen-dangqun")
    assert not [f for f in doc["findings"] if f["pack"] == "shenzhen-dangqun"]
    # in the form's own packs
    luohu.write_text('packs = ["!shenzhen-dangqun"]\n' + luohu.read_text(encoding="utf-8"), encoding="utf-8")
    assert not [f for f in _found(luohu)["findings"] if f["pack"] == "shenzhen-dangqun"]
    # and in the configuration
    luohu.write_text(luohu.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    (luohu.parent / "jxlint.toml").write_text('ignore-packs = ["shenzhen-dangqun"]\n', encoding="utf-8")
    assert not [f for f in _found(luohu)["findings"] if f["pack"] == "shenzhen-dangqun"]


def test_near_misses_of_the_shenzhen_pack():
    """Shenzhen without a community centre, a centre outside Shenzhen."""
    from linter.policy.applies import why_applies
    from linter.packs.loader import PackLoader
    from linter.readers.toml import read_toml_bytes
    applies = PackLoader().load("shenzhen-dangqun").applies

    def form(project):
        text = 'kind = "target"\n[project]\n' + "".join(f'{k} = "{v}"\n' for k, v in project.items())
        return read_toml_bytes(text.encode("utf-8"), "t.toml").forms[0]
    assert why_applies(applies, form({"name": "社区党群服务中心运营", "department": "深圳市福田区民政局"}))
    assert why_applies(applies, form({"name": "社区服务中心运营", "department": "深圳市福田区民政局"})) is None
    assert why_applies(applies, form({"name": "社区党群服务中心运营", "department": "武汉市洪山区"})) is None
    assert why_applies({}, form({"name": "社区党群服务中心运营", "department": "深圳市"})) is None


def test_a_pack_for_a_kind_of_form_applies_on_kind_alone():
    from linter.policy.applies import why_applies
    from linter.readers.toml import read_toml_bytes
    form = read_toml_bytes('kind = "self-evaluation"\n[project]\nname = "x"\n'.encode(), "t.toml").forms[0]
    assert why_applies({"kind": ["self-evaluation"]}, form) == "表单类型为绩效自评表"
    assert why_applies({"kind": ["target"]}, form) is None
    # with a region too, kind only narrows it
    assert why_applies({"kind": ["self-evaluation"], "region": ["深圳"]}, form) is None


def test_a_pack_that_does_not_apply_is_not_validated_or_built(monkeypatch, tmp_path):
    """Whether a shipped pack applies is read from its [applies] alone; its
    rules are validated and built only for a form it applies to (with no
    built pack kept from an earlier run: a fresh cache home)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    import linter.packs.loader as loader_module
    from linter.engine.core import Engine
    built = []
    real = loader_module.load_pack_file
    monkeypatch.setattr(loader_module, "load_pack_file",
                        lambda path, parsed=None: built.append(path.stem) or real(path, parsed))
    engine = Engine()
    engine.check_file(WUHAN)
    assert "monitoring" not in built and "core" in built
    monitoring = tmp_path / "monitoring.toml"
    monitoring.write_text('kind = "monitoring"\n[project]\nname = "x"\nyear = 2024\nas_of = 2024-06-30\n'
                          '[[indicators]]\nlevel1 = "产出指标"\nlevel2 = "数量指标"\nname = "培训人次"\n'
                          'target = "≥100人次"\nprogress = "35人次"\n', encoding="utf-8")
    assert "M001" in {f.code for f in engine.check_file(monitoring).findings}
    assert "monitoring" in built
    assert len(built) == len(set(built))  # each pack built once, its parse reused


def test_applies_alone_is_validated(tmp_path):
    from linter.base.problems import DataError
    from linter.packs.loader import PackLoader
    good = ('[pack]\nname = "{name}"\ntitle = {{zh = "x", en = "x"}}\nversion = "1"\n'
            '[applies]\nkind = [{kind}]\n'
            '[[rules]]\ncode = "Q001"\nslug = "q"\ncheck = "no-such-check"\n')
    (tmp_path / "ok.toml").write_text(good.format(name="ok", kind='"monitoring"'), encoding="utf-8")
    (tmp_path / "bad.toml").write_text(good.format(name="bad", kind='"nonsense"'), encoding="utf-8")
    loader = PackLoader([tmp_path])
    assert loader.applies("ok") == {"kind": ["monitoring"]}   # its broken rule is not looked at here
    with pytest.raises(DataError):
        loader.load("ok")                                     # but is when the pack is loaded
    with pytest.raises(DataError) as bad:
        loader.applies("bad")
    assert "applies" in str(bad.value.problems)
