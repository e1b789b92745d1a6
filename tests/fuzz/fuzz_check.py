"""Long-running fuzzer for the whole check path (run on demand, not by pytest).

    python tests/fuzz/fuzz_check.py --minutes 10 [--seed N] [--workbooks]

Mutates the shipped example forms — values swapped for awkward ones, lines
deleted, duplicated, truncated or shuffled, bytes flipped — and checks each
result through the reader, every rule and every output format. A failure is
any exception, an exit code outside 0/1/2, or a second check of the same
text giving different findings; the offending input is written to
`fuzz-failures/` for replay. The property tests in tests/test_properties.py
run the same idea briefly on every test run.

`--workbooks` mutates workbooks at the XML level instead: the examples are
converted to .xlsx, then a member is changed — rows multiplied, the
`<dimension>` made to lie, merged ranges added (huge, inverted, malformed),
counts and strings inflated, cells given awkward values, XML truncated, a
DOCTYPE inserted, bytes flipped — and each result is checked and annotated.
A failure is also a check or annotation that takes longer than 5 s.
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


def mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    import io
    import zipfile
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            members[info.filename] = z.read(info)
    sheets = [n for n in members if n.startswith("xl/worksheets/")]
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(sheets + ["xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"])
        if name not in members:
            continue
        xml = members[name].decode("utf-8", "replace")
        op = rng.choice(["rows", "dimension", "merge", "count", "value", "truncate", "doctype", "bytes", "strings"])
        if op == "rows" and "<row" in xml:
            start, end = xml.find("<row"), xml.rfind("</row>") + 6
            block = xml[start:end]
            xml = xml[:end] + block * rng.choice([2, 10, 200]) + xml[end:]
        elif op == "dimension":
            ref = rng.choice(["A1", "A1:B2", "A1:XFD1048576", "Z9:A1", "!!", ""])
            xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', xml) if "<dimension" in xml \
                else xml.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)
        elif op == "merge" and "</sheetData>" in xml:
            ref = rng.choice(["A1:XFD1048576", "J1:XFD1048576", "B5:A1", "A1:A1", "A0:B2", "ZZZZ1:A1", "A1:C3"])
            xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>', 1)
        elif op == "count":
            xml = re.sub(r'count="\d+"', f'count="{rng.choice([0, 1, 10**9, -1])}"', xml)
        elif op == "value":
            new = rng.choice(AWKWARD).replace("&", "&amp;").replace("<", "&lt;")
            xml = re.sub(r"<t([^>]*)>[^<]*</t>", lambda m: f"<t{m.group(1)}>{new}</t>", xml, count=rng.randint(1, 5))
        elif op == "truncate":
            xml = xml[: rng.randint(0, len(xml))]
        elif op == "doctype":
            xml = xml.replace("?>", '?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
        elif op == "strings" and "<si>" in xml:
            xml = xml.replace("<si>", "<si><t>" + "x" * rng.choice([10, 70000]) + "</t></si><si>", 1)
        else:
            raw = bytearray(xml.encode("utf-8"))
            for _ in range(rng.randint(1, 20)):
                if raw:
                    raw[rng.randrange(len(raw))] = rng.randrange(256)
            members[name] = bytes(raw)
            continue
        members[name] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def fuzz_workbooks(minutes: float, seed: int, rng: random.Random) -> int:
    import tempfile
    from linter.writers.annotate import annotate_workbook
    from linter.writers.outfiles import OutputError
    from linter.writers.convert import convert
    work = Path(tempfile.mkdtemp(prefix="jxlint-fuzz-"))
    bases = []
    for i, source in enumerate(sorted((ROOT / "examples").rglob("*.toml"))):
        book = work / f"base-{i}.xlsx"
        try:
            convert(source, book)
            bases.append(book.read_bytes())
        except Exception:  # noqa: BLE001 - evaluation forms have no national workbook
            continue
    engine = Engine()
    deadline = time.monotonic() + minutes * 60
    tried = failures = 0
    out_dir = Path("fuzz-failures")
    while time.monotonic() < deadline:
        data = mutate_workbook(rng.choice(bases), rng)
        path = work / "case.xlsx"
        path.write_bytes(data)
        tried += 1
        try:
            started = time.monotonic()
            report = engine.check_file(path, "case.xlsx")
            summary = Summary(files=1, files_stopped=int(report.stopped))
            for f in report.findings:
                summary.add(f)
            if summary.exit_code() not in (0, 1, 2):
                raise AssertionError(f"exit {summary.exit_code()}")
            if not report.stopped:
                target = work / "annotated.xlsx"
                if target.exists():
                    target.unlink()
                try:
                    annotate_workbook(path, target, report.findings, "zh")
                except OutputError:  # a refusal said to the user (AnnotateError among them), not a crash
                    pass
            if time.monotonic() - started > 5:
                raise AssertionError(f"took {time.monotonic() - started:.1f} s")
        except Exception:
            failures += 1
            out_dir.mkdir(exist_ok=True)
            (out_dir / f"case-{seed}-{tried}.xlsx").write_bytes(data)
            (out_dir / f"case-{seed}-{tried}.txt").write_text(traceback.format_exc(), encoding="utf-8")
    print(f"fuzz (workbooks): seed {seed}, {tried} inputs in {minutes:g} min, {failures} failures")
    return 1 if failures else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workbooks", action="store_true", help="mutate workbooks at the XML level")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    if args.workbooks:
        return fuzz_workbooks(args.minutes, seed, rng)
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
