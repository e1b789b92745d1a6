"""A real browser against `jxlint serve`: Playwright drives Debian's Chromium
(/usr/bin/chromium; Playwright never downloads a browser). `.ci/run`
installs chromium and a CJK font when they are missing; where no browser can
be installed the test skips with a loud message.

The screenshots are written to test-artifacts/ (kept out of git) for a
person to look at.
"""
import base64
import os
import shutil
from pathlib import Path

import pytest

from support import fixable_workbook, luohu_workbook

ROOT = Path(__file__).resolve().parent.parent
LUOHU = ROOT / "examples" / "luohu-dangqun-2022.toml"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("JXLINT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        msg = ("\n" + "!" * 70 + "\nNO BROWSER: the browser test is SKIPPED. Install Debian's chromium "
               "(apt-get install -y chromium fonts-wqy-microhei) to run it.\n" + "!" * 70)
        print(msg)
        pytest.skip(msg)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(served):
    return served + "/"


def upload(browser, url, path, shot):
    page = browser.new_page(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
    page.goto(url)
    assert page.locator("h1").inner_text().startswith("预算绩效表单检查")
    page.set_input_files("#file", str(path))
    page.click("#check")
    page.wait_for_selector("section.form")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    return page


def test_toml_form_shows_flagged_cells_and_the_per_centre_chart(browser, server):
    page = upload(browser, server, LUOHU, "serve-luohu-toml.png")
    flagged = page.locator("table.indicators td.error")
    assert flagged.count() >= 11
    assert "70份及以上" in flagged.all_inner_texts()
    chart = page.locator('svg.sites[data-item="个案辅导"]')
    assert chart.is_visible()
    short = chart.locator("g.bar.short")
    assert sorted(short.nth(i).get_attribute("data-site") for i in range(short.count())) == ["笋岗", "笋西"]
    page.close()


DROP = """([name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const file = new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
  const data = new DataTransfer();
  data.items.add(file);
  const drop = document.getElementById("drop");
  for (const type of ["dragenter", "dragover", "drop"]) {
    drop.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
  }
}"""


def test_dropping_a_workbook_on_the_page_shows_its_report(browser, server, tmp_path):
    workbook = luohu_workbook(tmp_path)
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server)
    page.evaluate(DROP, ["罗湖 自评表.xlsx", base64.b64encode(workbook.read_bytes()).decode("ascii")])
    try:
        page.wait_for_selector("section.form", timeout=30000)
    except Exception:  # playwright's TimeoutError
        pytest.fail(f"no report after the drop; errors in the page: {errors}")
    assert errors == []
    assert "罗湖 自评表.xlsx" in page.locator("body").inner_text()
    assert page.locator("table.indicators td.error").count() >= 2
    assert page.locator("#download").count() == 1
    page.close()


def test_dropping_a_fixable_workbook_downloads_the_marked_up_and_the_fixed_copy(browser, server, tmp_path):
    """The issue's acceptance: drop a workbook with mechanical mistakes, save
    both downloads through the page's links, open them with openpyxl."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = fixable_workbook(tmp_path, "社区服务 自评表.xlsx")
    original = workbook.read_bytes()
    page = browser.new_page(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server)
    page.evaluate(DROP, [workbook.name, base64.b64encode(original).decode("ascii")])
    try:
        page.wait_for_selector("section.form", timeout=30000)
    except Exception:  # playwright's TimeoutError
        pytest.fail(f"no report after the drop; errors in the page: {errors}")
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-fixed-download.png"), full_page=True)
    assert page.locator("#download-fixed").inner_text() == "下载自动修复后的工作簿"
    listed = page.locator("#fixed li").all_inner_texts()
    assert "改了 4 个单元格" in page.locator("#fixed").inner_text() and len(listed) == 4
    assert "绩效自评表!E11: “≧90%” → “≥90%” (V003)" in listed
    saved = {}
    for link in ("download", "download-fixed"):
        with page.expect_download() as info:
            page.click(f"#{link}")
        assert info.value.suggested_filename == page.get_attribute(f"#{link}", "download")
        saved[link] = tmp_path / f"{link}.xlsx"
        info.value.save_as(saved[link])
    page.close()

    def commented(path):
        book = openpyxl.load_workbook(path)
        return book.worksheets[0], {c.coordinate: c.comment.text for row in book.worksheets[0].iter_rows()
                                    for c in row if c.comment}
    # the marked-up copy: the flagged cells carry jxlint's comments, values untouched
    sheet, notes = commented(saved["download"])
    assert "V003" in notes["E11"] and "S009" in notes["H14"] and sheet["E11"].value == "≧90%"
    # the fixed copy: the corrected values, a "jxlint 修改" comment on each changed cell
    sheet, notes = commented(saved["download-fixed"])
    assert (sheet["E11"].value, sheet["I6"].value, sheet["H14"].value, sheet["B15"].value) == ("≥90%", 9.5, 99.5, "优")
    changed = {where.split(": ")[0].split("!")[1] for where in listed}
    assert changed == {"E11", "I6", "H14", "B15"}
    assert {cell for cell, text in notes.items() if "jxlint 修改" in text} == changed
    # the upload was only read
    assert workbook.read_bytes() == original


def test_workbook_upload_and_annotated_download(browser, server, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = luohu_workbook(tmp_path)
    page = upload(browser, server, workbook, "serve-luohu-xlsx.png")
    assert page.locator("table.indicators td.error").count() >= 2
    assert page.locator("svg").count() >= 1
    with page.expect_download() as info:
        page.click("#download")
    saved = tmp_path / "annotated.xlsx"
    info.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    comments = [c.comment.text for ws in book.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert any("V001" in text for text in comments)
    page.close()


def test_script_in_a_form_renders_as_text(browser, server, tmp_path):
    from support import VALID
    evil = tmp_path / "evil.toml"
    evil.write_text(VALID.replace('name = "建立服务档案数量"', 'name = "<script>document.title=1</script>"'),
                    encoding="utf-8")
    page = upload(browser, server, evil, "serve-escaped.png")
    assert page.title() == "jxlint 检查报告"
    assert "<script>document.title=1</script>" in page.locator("body").inner_text()
    page.close()


def test_an_old_xls_gets_the_save_as_advice(browser, server, tmp_path):
    from linter.engine.core import Engine
    from test_serve import XLS_BYTES
    old = tmp_path / "旧表.xls"
    old.write_bytes(XLS_BYTES)
    [finding] = Engine().check_file(old, old.name).findings
    page = browser.new_page()
    page.goto(server)
    assert ".xls" in page.get_attribute("#file", "accept").split(",")
    page.set_input_files("#file", str(old))
    page.click("#check")
    page.wait_for_selector("section.form")
    text = page.locator("body").inner_text()
    assert finding.message in text and finding.fix in text
    page.close()
