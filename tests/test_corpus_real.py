"""The real-form corpus (bench/corpus/forms) as a floor: recall against the
reviewers' labels may not drop, and unexpected warnings/errors and forms
stopped by an input error may not rise, from the recorded figures
(bench/corpus/ratchet.toml). A change that moves them records the new
figures on purpose: `python -m bench.corpus --update-ratchet`. No timing."""
import importlib.util
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"


def _scorer():
    spec = importlib.util.spec_from_file_location("jxlint_corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


score = _scorer()
FILES = score.corpus_files()


def test_the_corpus_is_what_the_issue_asks_for():
    labels = [score.load_labels(p) for _, _, p in FILES]
    assert len(FILES) >= 40
    assert len({l["source"]["province"] for l in labels}) >= 12
    assert sum(l["source"].get("care") == "careful" for l in labels) >= 3
    assert {l["source"]["form"] for l in labels} >= {"self-evaluation", "target"}


@pytest.mark.parametrize("form_id,form,labels", FILES, ids=[f[0] for f in FILES])
def test_labels_are_well_formed(form_id, form, labels):
    data = score.load_labels(labels)
    source = data["source"]
    assert source["reserved_check"] == "free"
    assert source.get("url") is not None and source.get("printed")
    text = form.read_text(encoding="utf-8")
    assert text.startswith("# source:"), "provenance first: # source: URL"
    doc = tomllib.loads(text)
    names = {i.get("name") for i in doc.get("indicators") or []}
    for entry in data.get("defect", []) + data.get("fine", []):
        assert re.fullmatch(r"[A-Z]\d{3}", entry["code"]), entry
        assert entry["indicator"] in names or entry["indicator"] in score.AREAS + ("weights",), entry
        assert entry.get("why"), entry


def test_the_ratchet_holds():
    t = score.totals(score.score_corpus())
    recorded = score.read_ratchet()
    hint = "run `python -m bench.corpus --update-ratchet` if the change is meant"
    assert t.defects == recorded["defects"], f"labels changed: {t.defects} vs {recorded['defects']}; {hint}"
    assert t.matched >= recorded["matched"], f"recall dropped: {t.line()}"
    assert t.unexpected <= recorded["unexpected"], f"more unexpected findings: {t.line()}"
    assert t.stopped <= recorded["stopped"], f"more forms stopped: {t.line()}"
    assert (t.matched, t.unexpected, t.stopped) == (recorded["matched"], recorded["unexpected"],
                                                    recorded["stopped"]), f"better: record it; {hint}"


def test_docs_corpus_page_is_current():
    assert (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8") == score.markdown(score.score_corpus()), \
        "run python -m bench.corpus --markdown"
