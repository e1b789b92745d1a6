"""python -m bench.corpus [-v] [--update-ratchet] [--markdown] [--first-pass] [FORM_ID...]

Runs jxlint over the real-form corpus and prints recall against the labels,
unexpected findings per family and per form, and a summary line."""
from __future__ import annotations

import sys

from pathlib import Path

from bench.corpus.score import family_table, markdown, score_corpus, totals, write_ratchet

DOC = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"


def main(argv) -> int:
    verbose = "-v" in argv
    update = "--update-ratchet" in argv
    only = [a for a in argv if not a.startswith("-")]
    scores = score_corpus(first_pass="--first-pass" in argv)
    if "--markdown" in argv:
        DOC.write_text(markdown(scores), encoding="utf-8")
        print(f"wrote {DOC}")
        return 0
    if only:
        scores = [s for s in scores if s.id in only]
    print("| form | province | care | stopped | labelled | found | unexpected |")
    print("|---|---|---|---|---|---|---|")
    for s in scores:
        print(f"| {s.id} | {s.province} | {s.care} | {'yes' if s.stopped else ''} | "
              f"{len(s.defects)} | {len(s.matched)} | {len(s.unexpected)} |")
    if verbose:
        for s in scores:
            for d in s.missed:
                print(f"  missed      {s.id}: {d.code} {d.target} — {d.why}")
            for code, target, message in s.unexpected:
                print(f"  unexpected  {s.id}: {code} {target} — {message}")
    print()
    print(family_table(scores))
    print()
    t = totals(scores)
    print(t.line())
    if update and not only and "--first-pass" not in argv:
        write_ratchet(t)
        print("ratchet updated: bench/corpus/ratchet.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
