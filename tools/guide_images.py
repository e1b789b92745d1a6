"""Pictures of the marked-up workbook for docs/guide.md.

Each before/after pair of the guide's "ten commonest findings" is a TOML
fragment in the guide (run by tests/test_doc_examples.py). This script puts
both into the national workbook (`jxlint convert`), checks them, marks the
"before" up with `jxlint check --annotate` (only the pair's own rule, so the
picture shows what the section is about), renders the cells of the sheet the
finding is on as an HTML table (Excel's column letters and row numbers, the
fill and the comment the marked-up copy carries) and screenshots it with the
headless Chromium the browser test uses. One PNG per pair: docs/img/guide-CODE.png.

    python tools/guide_images.py            # writes docs/img/guide-*.png
    python tools/guide_images.py --check    # only checks that every "before" fires and every "after" does not

Chromium: /usr/bin/chromium (or $JXLINT_CHROMIUM), driven by playwright
(a test dependency); a CJK font (fonts-wqy-microhei) must be installed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
OUT = ROOT / "docs" / "img"
CHROMIUM = os.environ.get("JXLINT_CHROMIUM", "/usr/bin/chromium")
MARK = re.compile(r"<!--\s*jxlint:\s*(fires|clean)\s+([A-Z]\d{3})((?:\s+\w+=[\w-]+)*)\s*-->\s*\n```toml\n(.*?)```",
                  re.S)
WORKBOOK = "自评表.xlsx"   # the name the findings carry

CSS = """
body { margin: 0; padding: 10px; background: #fff; font: 13px "WenQuanYi Micro Hei", "Noto Sans CJK SC",
       "Microsoft YaHei", sans-serif; color: #222; }
h2 { font-size: 14px; margin: 8px 0 4px; } h2.after { margin-top: 14px; }
#shot { display: inline-block; }
.wrap { display: flex; align-items: flex-start; gap: 10px; }
table { border-collapse: collapse; }
td, th { border: 1px solid #d4d4d4; padding: 2px 6px; height: 20px; min-width: 44px; max-width: 190px;
         white-space: nowrap; overflow: hidden; text-overflow: ellipsis; position: relative; }
th { background: #f3f3f3; color: #555; font-weight: normal; text-align: center; }
th.row { min-width: 24px; }
td.note::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 7px 7px 0;
                 border-color: transparent #c00000 transparent transparent; }
.comment { background: #ffffe1; border: 1px solid #999; box-shadow: 2px 2px 3px #aaa; padding: 6px 8px;
           width: 300px; white-space: pre-wrap; font-size: 12px; }
.comment b { display: block; margin-bottom: 2px; }
.ok { color: #1e7e34; font-size: 12px; margin: 4px 0 0; }
"""


def pairs():
    """(code, pack or None, before fragment, after fragment) in the guide's order."""
    found = {}
    for m in MARK.finditer(GUIDE.read_text(encoding="utf-8")):
        options = dict(o.split("=", 1) for o in m.group(3).split())
        found.setdefault(m.group(2), {"pack": options.get("pack")})[m.group(1)] = m.group(4)
    return [(code, d["pack"], d["fires"], d["clean"]) for code, d in found.items()]


def complete(fragment: str) -> str:
    """As tests/test_doc_examples.py completes a fragment: a kind and a [project]."""
    head = "" if re.search(r"(?m)^kind\s*=", fragment) else 'kind = "self-evaluation"\n'
    tail = "" if re.search(r"(?m)^\[project\]", fragment) else '\n[project]\nname = "示例项目"\n'
    return head + fragment + tail


def workbook(fragment: str, folder: Path, name: str, code: str, pack, expect_fires: bool):
    """The fragment as a national workbook, its findings of `code`, and (for a
    "before") the marked-up copy."""
    from linter.engine.core import Engine
    from linter.writers.annotate import annotate_workbook
    from linter.writers.convert import toml_to_workbook

    src = folder / f"{name}.toml"
    src.write_text(complete(fragment), encoding="utf-8")
    book = folder / f"{name}.xlsx"
    toml_to_workbook(src, book)
    findings = [f for f in Engine(packs=[pack] if pack else []).check_file(book, WORKBOOK).findings
                if f.code == code]
    if bool(findings) != expect_fires:
        raise SystemExit(f"{code}: the {'before' if expect_fires else 'after'} workbook "
                         f"{'does not fire' if expect_fires else 'fires'} {code}: {findings}")
    if not findings:
        return book, findings
    marked = folder / f"{name}-marked.xlsx"
    annotate_workbook(book, marked, findings, "zh")
    return marked, findings


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def sheet_table(path: Path, sheet: str, rows: range) -> tuple:
    """The rows of a sheet as an HTML table (merged ranges kept), and the
    comments on them as (cell, text)."""
    import openpyxl
    ws = openpyxl.load_workbook(path)[sheet]
    width = ws.max_column
    spans, hidden = {}, set()
    for rng in ws.merged_cells.ranges:
        top, bottom = max(rng.min_row, rows.start), min(rng.max_row, rows.stop - 1)
        if top > bottom:
            continue
        spans[(top, rng.min_col)] = (bottom - top + 1, rng.max_col - rng.min_col + 1)
        hidden |= {(r, c) for r in range(top, bottom + 1) for c in range(rng.min_col, rng.max_col + 1)}
        hidden.discard((top, rng.min_col))
    out = ["<table><tr><th></th>" + "".join(f"<th>{_column(c)}</th>" for c in range(1, width + 1)) + "</tr>"]
    comments = []
    for r in rows:
        out.append(f'<tr><th class="row">{r}</th>')
        for c in range(1, width + 1):
            if (r, c) in hidden:
                continue
            cell = ws.cell(row=r, column=c)
            rowspan, colspan = spans.get((r, c), (1, 1))
            style = ""
            fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
            if isinstance(fill, str) and len(fill) >= 6:
                style = f' style="background:#{fill[-6:]}"'
            note = ""
            if cell.comment is not None:
                note = ' class="note"'
                comments.append((cell.coordinate, cell.comment.text))
            span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            out.append(f"<td{span}{note}{style}>{html.escape(_text(cell.value))}</td>")
        out.append("</tr>")
    return "".join(out) + "</table>", comments


def _rows(findings, path: Path, sheet: str) -> range:
    """From the header row of the table the findings are in to their last row."""
    import openpyxl
    ws = openpyxl.load_workbook(path)[sheet]
    numbers = [int(re.sub(r"[A-Z]+", "", f.location.cell)) for f in findings]
    first, last = min(numbers), max(numbers)
    header = first
    for r in range(first - 1, 0, -1):
        texts = [c.value for c in ws[r] if isinstance(c.value, str)]
        if len(texts) >= 4:       # a row of column labels
            header = r
            break
    return range(header, max(last, header + 1) + 1)


def page(code: str, before: Path, after: Path, findings) -> str:
    sheet = findings[0].location.sheet
    rows = _rows(findings, before, sheet)
    table, comments = sheet_table(before, sheet, rows)
    notes = "".join(f'<div class="comment"><b>{html.escape(sheet)}!{html.escape(cell)}</b>{html.escape(text)}</div>'
                    for cell, text in comments)
    clean, _ = sheet_table(after, sheet, rows)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS}</style></head><body>'
            f'<div id="shot"><h2>改前：jxlint 标注后的工作簿（{html.escape(sheet)}）</h2>'
            f'<div class="wrap">{table}<div>{notes}</div></div>'
            f'<h2 class="after">改后</h2>{clean}<p class="ok">✓ 不再报 {html.escape(code)}</p></div></body></html>')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check the pairs, write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="jxlint-guide-") as tmp:
        folder = Path(tmp)
        pages = []
        for code, pack, fires, clean in pairs():
            before, findings = workbook(fires, folder, f"{code}-before", code, pack, True)
            after, _ = workbook(clean, folder, f"{code}-after", code, pack, False)
            pages.append((code, page(code, before, after, findings)))
        if args.check:
            print(f"{len(pages)} pairs: every before fires, every after is clean")
            return 0
        from playwright.sync_api import sync_playwright
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            tab = browser.new_page(viewport={"width": 1600, "height": 600})
            for code, text in pages:
                (folder / "page.html").write_text(text, encoding="utf-8")
                tab.goto((folder / "page.html").as_uri())
                target = OUT / f"guide-{code}.png"
                tab.locator("#shot").screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
