"""`jxlint serve` over real HTTP (the browser test drives it in Chromium)."""
import html
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from linter.cli.serve import MAX_UPLOAD
from support import FIXABLE, VALID, fixable_workbook, luohu_workbook, run_cli

ROOT = Path(__file__).resolve().parent.parent
LUOHU = ROOT / "examples" / "luohu-dangqun-2022.toml"


@pytest.fixture
def server(served):
    return served


def post(url, name, data, field="file"):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode("utf-8") + data + \
        f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url + "/check", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


def test_upload_page(server):
    with urllib.request.urlopen(server + "/", timeout=10) as resp:
        page = resp.read().decode("utf-8")
        assert resp.status == 200 and 'type="file"' in page
        assert "default-src 'none'" in resp.headers["Content-Security-Policy"]
        # a control named or id'd "submit" shadows form.submit(), which the drop handler calls
        assert not re.search(r'(?:id|name)="submit"', page)


def test_upload_a_toml_form_gets_the_report(server, tmp_path):
    status, headers, page = post(server, "luohu.toml", LUOHU.read_bytes())
    assert status == 200
    assert re.findall(r'class="bar short" data-site="([^"]+)"', page) == ["笋西", "笋岗"]
    assert "检查另一个文件" in page and "luohu.toml" in page
    assert "script-src" not in headers["Content-Security-Policy"]


def test_nothing_is_kept_on_disk(server, tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    post(server, "f.toml", VALID.encode("utf-8"))
    assert list(tmp_path.iterdir()) == []


def test_script_in_a_form_is_shown_as_text(server):
    evil = VALID.replace('name = "建立服务档案数量"', 'name = "<script>alert(1)</script>"')
    status, _, page = post(server, "evil.toml", evil.encode("utf-8"))
    assert status == 200 and "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_filename_is_not_a_path(server):
    status, _, page = post(server, "../../etc/passwd.toml", VALID.encode("utf-8"))
    assert status == 200 and "passwd.toml" in page and "../" not in page.split("<h2>", 1)[-1][:200]


@pytest.mark.parametrize("name,data,status", [("form.exe", b"MZ", 400), ("empty.toml", b"", 400)])
def test_refusals(server, name, data, status):
    assert post(server, name, data)[0] == status


def test_upload_size_cap(server):
    assert post(server, "big.toml", b"a" * (MAX_UPLOAD + 10))[0] == 413


def test_unknown_path(server):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server + "/etc/passwd", timeout=10)
    assert err.value.code == 404


# The start of an OLE2 compound file: what an Excel 97-2003 .xls begins with.
XLS_BYTES = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504


def test_an_xls_gets_the_readers_save_as_advice_not_unsupported_type(server, tmp_path):
    from linter.engine.core import Engine
    old = tmp_path / "旧表.xls"
    old.write_bytes(XLS_BYTES)
    [finding] = Engine().check_file(old, "旧表.xls").findings   # what `jxlint check 旧表.xls` says
    assert finding.code == "E001" and "另存为" in finding.fix
    status, _, page = post(server, "旧表.xls", XLS_BYTES)
    assert status == 200 and "不支持的文件类型" not in page
    assert html.escape(finding.message) in page and html.escape(finding.fix) in page


def test_the_picker_offers_every_suffix_the_readers_answer(server):
    from linter.readers import READERS
    with urllib.request.urlopen(server + "/", timeout=10) as resp:
        page = resp.read().decode("utf-8")
    accept = re.search(r'<input id="file" type="file" name="file" accept="([^"]*)"', page).group(1).split(",")
    assert ".xls" in accept and set(accept) == set(READERS)


def _fix_list(page):
    """(code, message, place, fix, basis) of each item of the first "fix these first" list."""
    items = re.search(r'<ol class="fix">(.*?)</ol>', page, re.S).group(1)
    out = []
    for li in re.findall(r"<li.*?</li>", items, re.S):
        def part(pattern):
            m = re.search(pattern, li, re.S)
            return html.unescape(m.group(1)) if m else ""
        out.append((part(r'data-code="([^"]*)"'), part(r"</span>(.*?)(?:<br>|</li>)"),
                    part(r'<span class="meta place">(.*?)</span>'),
                    part(r"<span class=fixline>修改：(.*?)</span>"), part(r"<span class=basis>依据：(.*?)</span>")))
    return out


def test_each_finding_shows_its_cell_label_fix_and_basis_top_to_bottom(server, tmp_path):
    from linter.engine.core import Engine
    from linter.model.findings import Finding
    workbook = luohu_workbook(tmp_path)
    status, _, page = post(server, "表1.xlsx", workbook.read_bytes())
    assert status == 200
    shown = _fix_list(page)
    # every finding of the workbook, in the findings' own order: sheet, then row, then column
    findings = sorted(Engine().check_file(workbook, "表1.xlsx").findings, key=Finding.sort_key)
    assert [(code, message) for code, message, *_ in shown] == [(f.code, f.message) for f in findings]
    places = [place for _, _, place, _, _ in shown]
    assert "绩效自评表!E14 年度指标值 · 党群服务中心建立服务档案数量" in places
    for (_, _, place, fix, basis), f in zip(shown, findings):
        assert place.startswith(f"{f.location.sheet}!{f.location.cell}")
        assert (fix, basis) == (f.fix, f.basis)
    assert any(basis for *_, basis in shown)


def test_the_downloads_are_one_list(server, tmp_path):
    """A macro workbook (.xlsm) gets its marked-up copy as .xlsx: openpyxl
    keeps no macros, and the writer refuses any other suffix."""
    workbook = luohu_workbook(tmp_path)
    status, _, page = post(server, "表1.xlsm", workbook.read_bytes())
    assert status == 200
    assert re.findall(r'<a id="([^"]+)" download="([^"]+)"', page) == [("download", "表1-jxlint.xlsx")]


def downloads(page):
    """id -> (file name, bytes) of the page's download links (data: URLs)."""
    import base64
    return {i: (name, base64.b64decode(data)) for i, name, data in
            re.findall(r'<a id="([^"]+)" download="([^"]+)" href="data:[^;"]+;base64,([^"]*)"', page)}


def comments(path):
    """Sheet!cell -> comment text of every commented cell."""
    import openpyxl
    book = openpyxl.load_workbook(path)
    return {f"{ws.title}!{c.coordinate}": c.comment.text
            for ws in book.worksheets for row in ws.iter_rows() for c in row if c.comment}


def fixed_cells(page):
    """The page's list of what the fixed copy changed: (cell, before, after, codes)."""
    box = re.search(r'<div class="noprint" id="fixed".*?</div>', page, re.S).group(0)
    return [tuple(html.unescape(g) for g in m) for m in
            re.findall(r"<li>(.*?): “(.*?)” → “(.*?)” \((.*?)\)</li>", box)]


def test_a_workbook_with_safe_fixes_offers_the_fixed_copy_too(server, tmp_path):
    """The copy is the one `jxlint check --fix` writes (the same passes: the
    fixed score changes the total again); every changed cell says so in a
    comment and in the page's list; the upload is only read."""
    import openpyxl
    workbook = fixable_workbook(tmp_path, "自评表.xlsx")
    original = workbook.read_bytes()
    status, _, page = post(server, "自评表.xlsx", original)
    assert status == 200 and workbook.read_bytes() == original
    links = downloads(page)
    assert [(i, name) for i, (name, _) in links.items()] == [("download", "自评表-jxlint.xlsx"),
                                                               ("download-fixed", "自评表.fixed.xlsx")]
    assert ">下载自动修复后的工作簿</a>" in page
    (tmp_path / "marked.xlsx").write_bytes(links["download"][1])
    (tmp_path / "fixed.xlsx").write_bytes(links["download-fixed"][1])
    marked, fixed = comments(tmp_path / "marked.xlsx"), comments(tmp_path / "fixed.xlsx")
    assert any("V003" in text for text in marked.values())
    listed = fixed_cells(page)
    assert "改了 4 个单元格" in page and len(listed) == 4
    sheet = openpyxl.load_workbook(tmp_path / "fixed.xlsx").worksheets[0]
    for where, before, after, codes in listed:
        cell = sheet[where.split("!")[1]]
        assert str(cell.value) == after and "jxlint 修改" in fixed[where]
        for code in codes.split(", "):
            assert f"jxlint 修改（{code}）" in fixed[where]
    assert ("绩效自评表!E11", "≧90%", "≥90%", "V003") in listed
    assert {where for where, text in fixed.items() if "jxlint 修改" in text} == {w for w, *_ in listed}
    # the same copy as the command line's fixes, cell for cell
    cli_copy = tmp_path / "cli.xlsx"
    run_cli("check", workbook, "--fix", "-o", cli_copy, "--no-cache")
    cli_sheet = openpyxl.load_workbook(cli_copy).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == \
        [[c.value for c in row] for row in cli_sheet.iter_rows()]


def test_a_workbook_with_nothing_to_fix_gets_no_fixed_copy(server, tmp_path):
    from linter.engine.core import Engine
    workbook = luohu_workbook(tmp_path)
    assert not [f for f in Engine().check_file(workbook, "表1.xlsx").findings if f.edit and f.edit.safe]
    status, _, page = post(server, "表1.xlsx", workbook.read_bytes())
    assert status == 200 and list(downloads(page)) == ["download"]
    assert 'id="fixed"' not in page and "自动修复后的工作簿" not in page


def test_a_toml_form_gets_no_workbook_downloads(server):
    status, _, page = post(server, "f.toml", FIXABLE.encode("utf-8"))
    assert status == 200 and downloads(page) == {} and 'id="fixed"' not in page


def test_the_fixed_cells_are_listed_escaped(server, tmp_path, monkeypatch):
    import support
    monkeypatch.setattr(support, "FIXABLE", FIXABLE.replace('"≧90%"', '"≧90%<script>alert(1)</script>"'))
    workbook = support.fixable_workbook(tmp_path)
    status, _, page = post(server, "<b>表</b>.xlsx", workbook.read_bytes())
    assert status == 200 and "<script>alert(1)" not in page and "<b>表" not in page
    assert ("绩效自评表!E11", "≧90%<script>alert(1)</script>", "≥90%<script>alert(1)</script>", "V003") \
        in fixed_cells(page)


def test_the_fixed_copy_in_english(tmp_path):
    from linter.cli.serve import check_upload
    page = check_upload("form.xlsx", fixable_workbook(tmp_path).read_bytes(), "en")
    assert ">download the automatically fixed workbook</a>" in page
    assert "The fixed workbook changes 4 cell(s)" in page and "改了" not in page
    (tmp_path / "fixed.xlsx").write_bytes(downloads(page)["download-fixed"][1])
    assert any(text.startswith("jxlint fix (V003)") for text in comments(tmp_path / "fixed.xlsx").values())


def test_a_macro_workbook_keeps_its_kind_in_the_fixed_copy(server, tmp_path):
    """The marked-up copy is a plain .xlsx; the fixed one is what --fix
    writes for a .xlsm (macros kept): a .xlsm."""
    status, _, page = post(server, "表.xlsm", fixable_workbook(tmp_path).read_bytes())
    assert status == 200
    assert re.findall(r'<a id="([^"]+)" download="([^"]+)" href="data:([^;]+)', page) == [
        ("download", "表-jxlint.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("download-fixed", "表.fixed.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12")]


def test_fixing_keeps_nothing_on_disk(server, tmp_path, tmp_path_factory, monkeypatch):
    import tempfile
    workbook = fixable_workbook(tmp_path_factory.mktemp("upload"))  # outside the watched folder
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    status, _, page = post(server, "f.xlsx", workbook.read_bytes())
    assert status == 200 and "download-fixed" in page
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def serve_cli(monkeypatch):
    """`jxlint serve ARGS` on a free port that stops at once (as after
    Ctrl+C): (exit code, stdout, stderr, the addresses a browser was asked to open)."""
    import webbrowser
    from click.testing import CliRunner
    from linter.cli import serve as serve_module
    from linter.cli.main import main

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)

    def stop(self, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(serve_module.Server, "serve_forever", stop)

    def run(*args):
        try:
            runner = CliRunner(mix_stderr=False)
        except TypeError:   # click 8.2 keeps stderr apart anyway
            runner = CliRunner()
        result = runner.invoke(main, ["serve", "--port", "0", *args])
        return result.exit_code, result.stdout, result.stderr, opened
    return run


def test_serve_opens_the_browser_and_says_where_it_listens_in_chinese(serve_cli):
    code, out, err, opened = serve_cli()
    assert code == 0 and err == ""
    [url] = opened
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url) and url != "http://127.0.0.1:0/"
    assert url in out and "检查网页已启动" in out and "Ctrl+C" in out


def test_serve_no_browser_and_english(serve_cli):
    code, out, _, opened = serve_cli("--no-browser", "--lang", "en")
    assert code == 0 and opened == []
    assert re.search(r"the checking page is at http://127\.0\.0\.1:\d+/", out)
    assert not re.search(r"[\u4e00-\u9fff]", out)


def test_serve_without_a_browser_still_prints_the_address(serve_cli, monkeypatch):
    import webbrowser
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    code, out, err, _ = serve_cli()
    assert code == 0 and "http://127.0.0.1:" in out and "没能自动打开浏览器" in err


def test_a_wildcard_bind_opens_the_loopback_address():
    from linter.cli.serve import page_url
    assert page_url("0.0.0.0", 8765) == "http://127.0.0.1:8765/"
    assert page_url("::", 8765) == "http://[::1]:8765/"
    assert page_url("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
