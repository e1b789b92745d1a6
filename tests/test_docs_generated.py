"""docs/rules.md and docs/checks.md are generated from the packs and the check
registry (`python -m linter.cli.docgen`); the committed copies must match."""
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cli import docgen
from linter.checks import REGISTRY
from linter.packs.loader import PackLoader, available_packs
from linter.base.resources import builtin_packs_dir
from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def generated():
    return docgen.render_all()


@pytest.mark.parametrize("name", [docgen.RULES_FILE, docgen.CHECKS_FILE])
def test_committed_docs_are_up_to_date(generated, name):
    path = DOCS / name
    committed = path.read_bytes().decode("utf-8") if path.exists() else None
    assert committed == generated[name], docgen.STALE_MESSAGE


def test_every_rule_of_every_pack_is_documented(generated):
    text = generated[docgen.RULES_FILE]
    loader = PackLoader()
    for name in available_packs():
        for rule in loader.ruleset([name]).rules:
            assert f'<a id="{rule.code}"></a>' in text, rule.code
            assert f"### {rule.code} {rule.slug} — " in text, rule.code
            assert f"[{rule.code}](#{rule.code})" in text, rule.code  # in the index
        assert f'<a id="pack-{name}"></a>' in text, name


def test_every_check_is_documented(generated):
    text = generated[docgen.CHECKS_FILE]
    for name in list(REGISTRY) + ["input"]:
        assert f'<a id="{name}"></a>\n\n## {name}\n' in text, name
    # every rule links to a check section that exists
    for check in {r.check for r in PackLoader().ruleset(available_packs()).rules}:
        assert f"## {check}\n" in text


def test_bad_examples_report_what_the_rule_says(generated):
    from linter.engine.examples import run_example

    text = generated[docgen.RULES_FILE]
    assert "错误示例没有报告这条规则" not in text
    catalogue = docgen.collect()  # each rule as its own pack defines it
    loader = catalogue.loader
    for rule in catalogue.rule_list():
        section = text[text.index(f'<a id="{rule.code}"></a>'):]
        section = section[:section.index("**正确示例")]
        for finding in run_example(rule, "bad", loader=loader):
            if finding.code == rule.code:
                assert f"- {docgen.md_text(finding.message)}\n" in section, (rule.code, finding.message)


def test_output_is_deterministic_and_has_no_absolute_paths(generated):
    assert docgen.render_all() == generated
    for text in generated.values():
        assert str(ROOT) not in text and str(builtin_packs_dir()) not in text
        assert text.endswith("\n") and not text.endswith("\n\n")
    assert "`rules/core.toml`" in generated[docgen.RULES_FILE]


def _tmp_packs(tmp_path, edit=None, extra=None):
    """A search dir that shadows the shipped packs: core.toml edited by
    `edit`, plus `extra` packs ({name: text})."""
    core = (builtin_packs_dir() / "core.toml").read_text(encoding="utf-8")
    if edit:
        core = edit(core)
    (tmp_path / "core.toml").write_text(core, encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return PackLoader(search_dirs=[tmp_path, builtin_packs_dir()])


def test_a_changed_rule_makes_the_docs_stale(tmp_path, generated):
    def retitle(text):
        old = 'title = { zh = "年度指标值未量化"'
        assert old in text
        return text.replace(old, 'title = { zh = "年度指标值写得含糊"')

    (tmp_path / "packs").mkdir()
    loader = _tmp_packs(tmp_path / "packs", edit=retitle)
    docs = docgen.render_all(loader)
    assert docs[docgen.RULES_FILE] != generated[docgen.RULES_FILE]
    assert "### V001 target-not-quantified — 年度指标值写得含糊" in docs[docgen.RULES_FILE]
    # ...which is what the staleness test compares against
    assert docgen.stale_files(DOCS, docs) == [docgen.RULES_FILE]


def test_new_pack_overrides_and_unknown_family(tmp_path):
    core = (builtin_packs_dir() / "core.toml").read_text(encoding="utf-8")
    p001 = core[core.index('[[rules]]\ncode = "P001"'):core.index('[[rules]]\ncode = "P002"')]
    extra = ('[pack]\nname = "tmp-extra"\ntitle = { zh = "临时|规则包", en = "Temp" }\n'
             'version = "0.1.0"\nextends = ["core"]\n'
             'description = { zh = "第一行\\n第二行", en = "x" }\n\n'
             '[[overrides]]\ncode = "P001"\nseverity = "warning"\nparams = { grace_days = 10 }\n\n'
             + p001.replace('code = "P001"', 'code = "Z901"')
                   .replace('slug = "payment-late"', 'slug = "tmp-late"'))
    pack_dir = tmp_path / "packs"
    pack_dir.mkdir()
    loader = _tmp_packs(pack_dir, extra={"tmp-extra": extra})
    text = docgen.rules_markdown(loader)
    assert '<a id="pack-tmp-extra"></a>`tmp-extra` | 临时\\|规则包 / Temp | 第一行 第二行 | `core` | 1 |' in text
    assert "**其他 / Other**" in text and "### Z901 tmp-late — " in text
    # the Z rule is documented after every known family
    assert text.index("## 其他 / Other") > text.index("## P 合同与付款 / Contracts and payments")
    # P001 is documented as core defines it, with the override noted
    p001_doc = text[text.index('<a id="P001"></a>'):text.index('<a id="P002"></a>')]
    assert "| 严重程度 severity | 错误 error |" in p001_doc
    assert "**被调整 / Overridden** by [tmp-extra](#pack-tmp-extra)：severity = 警告 warning；" \
           "params.`grace_days` = `10`" in p001_doc
    assert str(tmp_path) not in text and "`tmp-extra.toml`" in text


def test_markdown_escaping():
    assert docgen.md_cell("a|b\nc") == "a\\|b c"
    assert docgen.md_text("x_y *z* <b>") == "x\\_y \\*z\\* &lt;b&gt;"
    assert docgen.md_code("a|`b`") == "`` a\\|`b` ``"
    assert docgen.fenced("```\nx\n```") == "````toml\n```\nx\n```\n````"
    # params are shown as TOML a rule author can paste (Chinese keys quoted)
    assert docgen.tomlout.value({"a": [1, "甲", True]}) == '{ a = [1, "甲", true] }'
    assert docgen.tomlout.value({"产出指标": 50}) == '{ "产出指标" = 50 }'
    assert docgen.tomlout.value({}) == "{}"


def test_main_writes_then_check_passes(tmp_path, capsys):
    out = tmp_path / "docs"
    assert docgen.main(["--check", "--out-dir", str(out)]) == 1
    assert not out.exists(), "--check writes nothing"
    assert docgen.main(["--out-dir", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [docgen.CHECKS_FILE, docgen.RULES_FILE]
    assert docgen.main(["--check", "--out-dir", str(out)]) == 0
    assert (out / docgen.RULES_FILE).read_bytes().decode("utf-8") == docgen.rules_markdown()


def test_check_lists_stale_files_and_changes_nothing(tmp_path, capsys):
    out = tmp_path / "docs"
    docgen.main(["--out-dir", str(out)])
    capsys.readouterr()
    stale = out / docgen.CHECKS_FILE
    stale.write_text("hand-edited\n", encoding="utf-8")
    assert docgen.main(["--check", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert docgen.CHECKS_FILE in err and docgen.RULES_FILE not in err
    assert docgen.STALE_MESSAGE in err
    assert stale.read_text(encoding="utf-8") == "hand-edited\n"
    assert docgen.main(["--out-dir", str(out)]) == 0
    assert docgen.main(["--check", "--out-dir", str(out)]) == 0
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_broken_pack_exits_2(tmp_path, monkeypatch, capsys):
    def broken(loader=None):
        raise docgen.DataError(["rules/core.toml:1: 规则包有误"])

    monkeypatch.setattr(docgen, "render_all", broken)
    assert docgen.main(["--check", "--out-dir", str(tmp_path)]) == 2
    assert "rules/core.toml:1" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "linter.cli.docgen", "--check",
                             "--out-dir", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1 and docgen.STALE_MESSAGE in result.stderr


def test_cli_rules_markdown(generated):
    result = run_cli("rules", "--format", "markdown")
    assert result.exit_code == 0 and result.output == generated[docgen.RULES_FILE]
    result = run_cli("rules", "--checks", "--format", "markdown")
    assert result.exit_code == 0 and result.output == generated[docgen.CHECKS_FILE]
    result = run_cli("rules", "--format", "markdown", "--pack", "shenzhen-dangqun")
    assert result.exit_code == 2
