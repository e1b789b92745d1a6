"""`jxlint serve`: a small local web page for people with a workbook and no
terminal. Pick or drop a .xlsx/.csv/.tsv/.toml file, get the HTML report,
and for a workbook a button that downloads it marked up.

Built on the standard library's http.server: one request at a time (the
server is single-threaded by design), nothing to install. Limits: bound to
127.0.0.1 unless told otherwise; an upload size cap; the upload is written
under a fixed name in a fresh temporary folder (no user-controlled path)
that is deleted before the response is sent; the annotated workbook travels
inside the report as a data: link, so nothing is kept on disk. Pages carry a
Content-Security-Policy that forbids fetching anything.
"""
from __future__ import annotations

import base64
import html
import tempfile
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Optional, Tuple

MAX_UPLOAD = 10 * 1024 * 1024
ACCEPTED = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".toml")
CSP_REPORT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'"
CSP_UPLOAD = CSP_REPORT + "; script-src 'unsafe-inline'"

UPLOAD_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>jxlint 表单检查</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
       max-width: 760px; margin: 40px auto; padding: 0 16px; color: #222; }}
#drop {{ border: 2px dashed #888; border-radius: 8px; padding: 48px 16px; text-align: center;
        background: #fafafa; }}
#drop.over {{ background: #eaf2f8; border-color: #2e86c1; }}
button {{ font-size: 16px; padding: 6px 18px; margin-top: 12px; }}
.err {{ color: #c0392b; }}
</style></head><body>
<h1>预算绩效表单检查 / Check a form</h1>
<p>选择或拖入一个 Excel 工作簿（.xlsx）、表格（.csv/.tsv）或 TOML 表单，提交前先检查。
文件只在本机处理，检查完即删除。</p>
{error}
<form id="form" method="post" action="/check" enctype="multipart/form-data">
<div id="drop"><p>把文件拖到这里，或</p>
<input id="file" type="file" name="file" accept="{accept}" required></div>
<button id="submit" type="submit">检查 / Check</button>
</form>
<script>
const drop = document.getElementById("drop"), input = document.getElementById("file");
drop.addEventListener("dragover", e => {{ e.preventDefault(); drop.classList.add("over"); }});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => {{ e.preventDefault(); drop.classList.remove("over");
  input.files = e.dataTransfer.files; document.getElementById("form").submit(); }});
</script></body></html>"""

BAR = ('<div class="noprint" style="background:#eef;padding:8px 12px;margin-bottom:8px">'
       '<a href="/">检查另一个文件 / check another file</a>{download}</div>')


def upload_page(error: str = "") -> str:
    message = f'<p class="err">{html.escape(error)}</p>' if error else ""
    return UPLOAD_PAGE.format(error=message, accept=",".join(ACCEPTED))


def _parse_upload(content_type: str, body: bytes) -> Optional[Tuple[str, bytes]]:
    """(file name, bytes) of the `file` field of a multipart form."""
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    if not message.is_multipart():
        return None
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_filename() or "", part.get_payload(decode=True) or b""
    return None


def check_upload(name: str, data: bytes, lang: str = "zh") -> str:
    """The HTML report for one uploaded file (with the annotated workbook
    embedded for download when the upload is a workbook)."""
    from linter.engine.core import Engine
    from linter.model.findings import Summary
    from linter.reporters.view import views_of_file
    from linter.reporters import Context, get

    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise ValueError(f"不支持的文件类型 {suffix or name}；请上传 {'、'.join(ACCEPTED)}")
    shown = Path(name).name or f"upload{suffix}"
    with tempfile.TemporaryDirectory(prefix="jxlint-serve-") as folder:
        path = Path(folder) / f"upload{suffix}"     # never a name the user chose
        path.write_bytes(data)
        engine = Engine(lang=lang)
        report = engine.check_file(path, shown)
        summary = Summary(files=1, files_stopped=int(report.stopped))
        for f in report.findings:
            summary.add(f)
        views = views_of_file(engine, path, shown, report.findings)
        page = get("html")(report.findings, summary, Context(lang=lang, files=[shown], views=views))
        download = ""
        if suffix in (".xlsx", ".xlsm") and views:
            annotated = _annotated(path, Path(folder) / f"annotated{suffix}", report.findings, lang)
            if annotated is not None:
                b64 = base64.b64encode(annotated).decode("ascii")
                download = (f' · <a id="download" download="{html.escape(Path(shown).stem)}-jxlint{suffix}" '
                            f'href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;'
                            f'base64,{b64}">下载标注后的工作簿 / download the marked-up workbook</a>')
    return page.replace("<body>", "<body>" + BAR.format(download=download), 1)


def _annotated(src: Path, out: Path, findings, lang: str) -> Optional[bytes]:
    try:
        from linter.writers.annotate import annotate_workbook
    except ImportError:  # workbook support not installed
        return None
    annotate_workbook(src, out, findings, lang)
    return out.read_bytes()


class Handler(BaseHTTPRequestHandler):
    server_version = "jxlint"
    lang = "zh"

    def log_message(self, format, *args):  # quiet by default; the CLI prints the address
        pass

    def _send(self, status: int, body: str, csp: str = CSP_REPORT) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.split("?")[0] in ("/", "/index.html"):
            self._send(200, upload_page(), CSP_UPLOAD)
        else:
            self._send(404, upload_page("没有这个页面 / not found"), CSP_UPLOAD)

    def do_POST(self):
        if self.path != "/check":
            return self._send(404, upload_page("没有这个页面 / not found"), CSP_UPLOAD)
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_UPLOAD:
            # Drain a moderately oversized body so the browser sees the answer
            # instead of a reset; never read an absurd one.
            if 0 < length <= 4 * MAX_UPLOAD:
                while length > 0:
                    length -= len(self.rfile.read(min(length, 1 << 16)) or b"x" * length)
            self.close_connection = True
            return self._send(413, upload_page(f"文件太大（上限 {MAX_UPLOAD // 1048576} MB）"), CSP_UPLOAD)
        body = self.rfile.read(length)
        upload = _parse_upload(self.headers.get("Content-Type", ""), body)
        if not upload or not upload[1]:
            return self._send(400, upload_page("没有收到文件 / no file received"), CSP_UPLOAD)
        try:
            page = check_upload(upload[0], upload[1], self.lang)
        except ValueError as exc:
            return self._send(400, upload_page(str(exc)), CSP_UPLOAD)
        except Exception as exc:  # the error boundary of the page: never a traceback
            return self._send(500, upload_page(f"内部错误 (internal error): {type(exc).__name__}"), CSP_UPLOAD)
        self._send(200, page)


def make_server(host: str = "127.0.0.1", port: int = 8765, lang: str = "zh") -> HTTPServer:
    handler = type("BoundHandler", (Handler,), {"lang": lang})
    return HTTPServer((host, port), handler)
