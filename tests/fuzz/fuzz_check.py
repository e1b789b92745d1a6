"""Long-running fuzzer for the whole check path (run on demand, not by pytest).

    python tests/fuzz/fuzz_check.py --minutes 10 [--seed N]

Mutates the shipped example forms — values swapped for awkward ones, lines
deleted, duplicated, truncated or shuffled, bytes flipped — and checks each
result through the reader, every rule and every output format. A failure is
any exception, an exit code outside 0/1/2, or a second check of the same
text giving different findings; the offending input is written to
`fuzz-failures/` for replay. The property tests in tests/test_properties.py
run the same idea briefly on every test run.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from linter.engine.core import Engine  # noqa: E402
from linter.model.findings import Summary  # noqa: E402
from linter.reporters import FORMATS, Context, get  # noqa: E402

AWKWARD = [
    "", " ", "≧90%", "═100%", ">=", "≥", "≥≥90", "1e309", "-0", "NaN", "inf", "∞", "百分之一百二十",
    "9" * 40, "0.000000001%", "25~30~35人", "≥4次/年、其中≥2次、另≥1次", "11月底前前", "2022年13月底前",
    "不低于不高于", "以上以下", "\\u0000", "🙂🙂", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
    "{name}", "{0.__class__}", "X" * 300, "有效提高" * 200, "(a+)+$" + "a" * 500, "１２３个", "一百个",
    "万万元", "0/0", "100%/月/年", "≤-5%", "—", "n/a", "不适用", "达成年度指标",
]
_QUOTED = re.compile(r'"([^"\\\n]*)"')
_NUMBER = re.compile(r"(?<=[= ])-?\d+(?:\.\d+)?(?=\s*$)")


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        op = rng.choice(["value", "number", "delete", "duplicate", "truncate", "swap", "insert", "bytes"])
        if op == "value" and _QUOTED.search(lines[i]):
            new = rng.choice(AWKWARD).replace("\\", "\\\\").replace('"', '\\"')
            lines[i] = _QUOTED.sub(lambda m: f'"{new}"', lines[i], count=1)
        elif op == "number" and _NUMBER.search(lines[i]):
            lines[i] = _NUMBER.sub(rng.choice(["0", "-1", "1e308", "99999999999999999999", "0.5", "nan",
                                               "inf", "2022-01-31", '"十"', "true"]), lines[i], count=1)
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, rng.choice(["[[indicators]]", "[budget]", "x = 1", "[[contracts.payments]]",
                                        'level1 = "产出指标"', 'kind = "evaluation"', "[weights]",
                                        '"产出指标" = 50', "# jxlint: ignore[V001]", "]]", "{"]))
        else:
            raw = bytearray(lines[i].encode("utf-8"))
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            lines[i] = raw.decode("utf-8", "replace")
    return "\n".join(lines)


def outcome(engine: Engine, text: str):
    report = engine.check_text(text, "fuzz.toml")
    summary = Summary(files=1, files_stopped=int(report.stopped))
    for f in report.findings:
        summary.add(f)
    ctx = Context(lang=engine.lang, files=["fuzz.toml"])
    for fmt in FORMATS:
        get(fmt)(report.findings, summary, ctx)
    return summary.exit_code(), json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.toml"))]
    engines = [Engine(lang="zh"), Engine(lang="en")]
    deadline = time.monotonic() + args.minutes * 60
    tried = failures = 0
    out_dir = Path("fuzz-failures")
    while time.monotonic() < deadline:
        text = mutate(rng.choice(texts), rng)
        engine = rng.choice(engines)
        tried += 1
        try:
            first = outcome(engine, text)
            second = outcome(engine, text)
            if first[0] not in (0, 1, 2) or first != second:
                raise AssertionError(f"exit {first[0]} / nondeterministic findings")
        except Exception:
            failures += 1
            out_dir.mkdir(exist_ok=True)
            (out_dir / f"case-{seed}-{tried}.toml").write_text(text, encoding="utf-8")
            (out_dir / f"case-{seed}-{tried}.txt").write_text(traceback.format_exc(), encoding="utf-8")
    print(f"fuzz: seed {seed}, {tried} inputs in {args.minutes:g} min, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
