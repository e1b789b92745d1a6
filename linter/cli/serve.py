"""`jxlint serve`: a small local web page for people with a workbook and no
terminal. Pick or drop any file `jxlint check` reads (.xlsx/.csv/.tsv/.toml;
an .xls gets the reader's save-as advice), get the HTML report,
and for a workbook a link that downloads it marked up and, when some of its
findings have safe fixes, one that downloads the fixed copy `jxlint check
--fix` would write (the same passes: `linter.writers.fixes.fix_in_passes`),
with the cells it changed listed on the page.

Built on the standard library's http.server, nothing to install. Limits:
bound to 127.0.0.1 unless told otherwise; an upload size cap; the upload is
written under a fixed name in a fresh temporary folder (no user-controlled
path) that is deleted before the response is sent; the annotated and the
fixed workbook are made in that folder and travel inside the report as data:
links, so nothing is kept on disk and nothing is written anywhere else. Pages
carry a Content-Security-Policy that forbids fetching anything.

A local server is still reachable by every web page the user opens and by
every program on the machine, so it defends itself (docs/security.md):

* one thread per connection, at most `MAX_CONNECTIONS` at once (more get a
  503 at once) and at most `MAX_CHECKS` checks running: an idle or slow
  client holds one thread, never the server;
* a socket timeout (`TIMEOUT`) on every read and a deadline (`READ_DEADLINE`)
  on reading the whole request, so a client that trickles bytes is cut off;
* caps on the header block (`MAX_HEADER_BYTES`) and on multipart parts
  (`MAX_PARTS`), checked before anything is parsed; nested multipart bodies
  are never parsed;
* `Host` must name this server (a DNS-rebinding page names its own domain)
  and a POST's `Origin`/`Referer`, when present, must be this server too (a
  form on another site posting a file here gets 403).
"""
from __future__ import annotations

import base64
import html
import http.client
import io
import socket
import sys
import tempfile
import threading
from email.parser import HeaderParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from dataclasses import dataclass
from typing import List, Optional, Set, Tuple, cast
from urllib.parse import urlsplit

from linter.readers import READERS

MAX_UPLOAD = 10 * 1024 * 1024
MAX_PARTS = 10                 # a form posts one file; a few more fields at most
MAX_HEADER_BYTES = 32 * 1024   # request line excluded (http.server caps it at 64 KB)
MAX_CONNECTIONS = 16           # threads; a connection beyond them gets 503
MAX_CHECKS = 2                 # checks running at once (CPU and memory); others wait
TIMEOUT = 10                   # seconds a read may wait for the next bytes
READ_DEADLINE = 60             # seconds to receive a whole request, however it trickles
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
# Every suffix a reader answers, as `jxlint check` does: an .xls gets the
# legacy reader's E001 (save it as .xlsx), not "unsupported type".
ACCEPTED = tuple(READERS)
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
<button id="check" type="submit">检查 / Check</button>
</form>
<script>
// No form control may be named or id'd "submit": it would shadow form.submit().
// The prototype's submit is called anyway, so a later control cannot break the drop.
const form = document.getElementById("form"), drop = document.getElementById("drop"),
      input = document.getElementById("file");
drop.addEventListener("dragover", e => {{ e.preventDefault(); drop.classList.add("over"); }});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => {{ e.preventDefault(); drop.classList.remove("over");
  if (!e.dataTransfer || !e.dataTransfer.files.length) return;
  input.files = e.dataTransfer.files; HTMLFormElement.prototype.submit.call(form); }});
</script></body></html>"""

BAR = ('<div class="noprint" style="background:#eef;padding:8px 12px;margin-bottom:8px">'
       '<a href="/">检查另一个文件 / check another file</a>{downloads}</div>')
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
FIXED_LABEL = {"zh": "下载自动修复后的工作簿", "en": "download the automatically fixed workbook"}
FIXED_HEAD = {"zh": "自动修复后的工作簿改了 {n} 个单元格，每个都加了“jxlint 修改”批注，写明原值和原因：",
              "en": "The fixed workbook changes {n} cell(s), each with a “jxlint fix” comment saying "
                    "what it was and why:"}
FIXED_LEFT = {"zh": "修复后重新检查，还有 {n} 个问题需要人工修改（见下面的报告）。",
              "en": "Checked again after fixing, {n} finding(s) are left to correct by hand (see the report below)."}
FIXED_BOX = ('<div class="noprint" id="fixed" style="background:#effaf0;padding:8px 12px;margin-bottom:8px">'
             '<p style="margin:0">{head}</p><ul style="margin:4px 0">{items}</ul>{left}</div>')


@dataclass(frozen=True)
class Download:
    """A file the report page offers, carried inside the page as a data: link."""
    id: str          # the link's id (tests and scripts find it by this)
    name: str        # the file name the browser saves it under
    label: str       # the link's text
    data: bytes
    mime: str = XLSX


def download_links(downloads: List[Download]) -> str:
    return "".join(f' · <a id="{html.escape(d.id)}" download="{html.escape(d.name)}" '
                   f'href="data:{html.escape(d.mime)};base64,{base64.b64encode(d.data).decode("ascii")}">'
                   f'{html.escape(d.label)}</a>' for d in downloads)


def fixed_box(changes, left: int, lang: str = "zh") -> str:
    """What the fixed workbook changed, one cell a line (cell: before → after,
    codes), escaped."""
    from linter.writers.fixes import describe, net_changes
    cells = net_changes(changes)
    key = "en" if lang == "en" else "zh"
    items = "".join(f"<li>{html.escape(describe(c))}</li>" for c in cells)
    rest = f'<p style="margin:0">{html.escape(FIXED_LEFT[key].format(n=left))}</p>' if left else ""
    return FIXED_BOX.format(head=html.escape(FIXED_HEAD[key].format(n=len(cells))), items=items, left=rest)


def upload_page(error: str = "") -> str:
    message = f'<p class="err">{html.escape(error)}</p>' if error else ""
    return UPLOAD_PAGE.format(error=message, accept=",".join(ACCEPTED))


class TooManyParts(ValueError):
    """A multipart body with more than MAX_PARTS parts."""


def _parse_upload(content_type: str, body: bytes) -> Optional[Tuple[str, bytes]]:
    """(file name, bytes) of the `file` field of a multipart form.

    Split by hand, one level deep: the parts are counted before any is parsed
    (100,000 parts cost the email parser 15 s), a part's own headers are the
    only thing parsed, and a part that is itself multipart stays bytes. Form
    posts send payloads raw (RFC 7578), so no transfer decoding is needed."""
    header = HeaderParser(policy=HTTP).parsestr(f"Content-Type: {content_type}\r\n\r\n")
    boundary = header.get_boundary() if header.get_content_type() == "multipart/form-data" else None
    if not boundary or len(boundary) > 200:
        return None
    delimiter = b"\r\n--" + boundary.encode("latin-1", "replace")
    if body.count(delimiter[2:]) > MAX_PARTS + 1:
        raise TooManyParts(f"表单字段太多（上限 {MAX_PARTS} 个）(too many parts)")
    for piece in (b"\r\n" + body).split(delimiter)[1:]:
        if piece.startswith(b"--"):          # the closing delimiter
            break
        head, sep, payload = piece.partition(b"\r\n\r\n")
        if not sep:
            continue
        head = head.split(b"\r\n", 1)[1] if b"\r\n" in head else b""   # after the boundary line
        part = HeaderParser(policy=HTTP).parsestr(head.decode("utf-8", "replace") + "\r\n\r\n")
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_filename() or "", payload
    return None


def check_upload(name: str, data: bytes, lang: str = "zh") -> str:
    """The HTML report for one uploaded file (with the annotated workbook
    embedded for download when the upload is a workbook)."""
    from linter.engine.core import Engine
    from linter.model.findings import Finding, Summary
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
        for view in views:
            # in the order a person works through the sheet: top to bottom
            view.findings.sort(key=Finding.sort_key)
        page = get("html")(report.findings, summary, Context(lang=lang, files=[shown], views=views))
        downloads: List[Download] = []
        box = ""
        if suffix in (".xlsx", ".xlsm") and views:
            # the copy is a plain .xlsx whatever came in (openpyxl drops macros)
            annotated = _annotated(path, Path(folder) / "annotated.xlsx", report.findings, lang)
            if annotated is not None:
                downloads.append(Download("download", f"{Path(shown).stem}-jxlint.xlsx",
                                          "下载标注后的工作簿 / download the marked-up workbook", annotated))
            fixed = _fixed(engine, path, Path(folder) / f"fixed{suffix}", shown, report.findings, lang)
            if fixed is not None:
                data, changes, left = fixed
                # as `jxlint check --fix` names it; a .xlsm keeps its macros (keep_vba)
                downloads.append(Download("download-fixed", f"{Path(shown).stem}.fixed{suffix}",
                                          FIXED_LABEL["en" if lang == "en" else "zh"], data,
                                          XLSM if suffix == ".xlsm" else XLSX))
                box = fixed_box(changes, left, lang)
    return page.replace("<body>", "<body>" + BAR.format(downloads=download_links(downloads)) + box, 1)


def _annotated(src: Path, out: Path, findings, lang: str) -> Optional[bytes]:
    try:
        from linter.writers.annotate import annotate_workbook
    except ImportError:  # workbook support not installed
        return None
    annotate_workbook(src, out, findings, lang)
    return out.read_bytes()


def _fixed(engine, src: Path, out: Path, shown: str, findings, lang: str):
    """(the fixed copy's bytes, the changes, the findings left) for a workbook
    with safe fixes, made in `out` (the private folder) with the passes
    `jxlint check --fix` runs; None when nothing is fixable."""
    from linter.writers.fixes import fix_workbook_in_passes, one_per_field
    from linter.writers.outfiles import OutputError
    if any(f.code == "E001" for f in findings) or not one_per_field(findings):
        return None
    try:
        result = fix_workbook_in_passes(src, out, findings, lambda p: engine.check_file(p, shown).findings, lang)
    except (ImportError, OutputError):  # workbook support not installed; a file openpyxl cannot save
        return None
    if not result.changes:
        return None
    return out.read_bytes(), result.changes, len(result.findings)


class _HeaderBudget:
    """The request's file object while its headers are read: more than
    `limit` bytes of headers raise LineTooLong, which http.server answers
    with 431 (its own caps allow 100 lines of 64 KB each)."""

    def __init__(self, raw, limit: int):
        self.raw, self.left = raw, limit

    def readline(self, size: int = -1) -> bytes:
        cap = self.left + 1 if size < 0 else min(size, self.left + 1)
        line = self.raw.readline(cap)
        self.left -= len(line)
        if self.left < 0:
            raise http.client.LineTooLong("headers")
        return line

    def __getattr__(self, name):
        return getattr(self.raw, name)


class Handler(BaseHTTPRequestHandler):
    server: Server  # the handler is only ever served by a Server (below)
    server_version = "jxlint"
    lang = "zh"
    timeout = TIMEOUT  # StreamRequestHandler puts it on the socket

    def log_message(self, format, *args):  # quiet by default; the CLI prints the address
        pass

    def setup(self):
        super().setup()
        # The socket timeout bounds each read; this bounds the whole request.
        self._deadline = threading.Timer(READ_DEADLINE, self._cut)
        self._deadline.daemon = True
        self._deadline.start()

    def _cut(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def finish(self):
        self._deadline.cancel()
        try:
            super().finish()
        except OSError:  # the client went away
            pass

    def parse_request(self) -> bool:
        # _HeaderBudget stands in for the file (readline; the rest it hands on)
        raw, self.rfile = self.rfile, cast(io.BufferedIOBase, _HeaderBudget(self.rfile, MAX_HEADER_BYTES))
        try:
            return super().parse_request()
        finally:
            self.rfile = raw

    # -- who may ask ----------------------------------------------------------
    def _hosts(self) -> Set[str]:
        """`host:port` names of this server: the loopback names, the bound
        address and, for a wildcard bind, the address this client reached."""
        port = self.server.server_address[1]
        bound = self.server.server_address[0]
        assert isinstance(bound, str)  # an AF_INET or AF_INET6 address: (host, port, …)
        names = set(LOOPBACK) | {_host_name(self.server.bound_host), _host_name(bound)}
        if self.server.bound_host in ("", "0.0.0.0", "::"):
            names.add(_host_name(self.connection.getsockname()[0]))
        hosts = {f"{n.lower()}:{port}" for n in names}
        return hosts | ({n.lower() for n in names} if port == 80 else set())

    def _refused(self) -> Optional[str]:
        """Why this request may not be served, or None. A wrong Host is a
        DNS-rebinding page; a foreign Origin or Referer (or Origin: null, what
        a page that hides its referrer sends) is another site's form."""
        hosts = self._hosts()
        if (self.headers.get("Host") or "").strip().lower() not in hosts:
            return "Host"
        if self.command == "POST":
            for name in ("Origin", "Referer"):
                value = self.headers.get(name)
                if value is not None and not _same_origin(value, hosts):
                    return name
        return None

    def _send(self, status: int, body: str, csp: str = CSP_REPORT) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: with no-referrer the page's own form
        # post would carry `Origin: null`, which is refused below.
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _forbid(self, what: str) -> None:
        self.close_connection = True
        self._send(403, upload_page(f"拒绝：{what} 不是本机的 jxlint 页面 (forbidden: foreign {what})"),
                   CSP_UPLOAD)

    def do_GET(self):
        refused = self._refused()
        if refused:
            return self._forbid(refused)
        if self.path.split("?")[0] in ("/", "/index.html"):
            self._send(200, upload_page(), CSP_UPLOAD)
        else:
            self._send(404, upload_page("没有这个页面 / not found"), CSP_UPLOAD)

    def do_POST(self):
        refused = self._refused()
        if refused:
            return self._forbid(refused)
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
        try:
            body = self.rfile.read(length)
        except OSError:  # timed out or cut off at the deadline: nobody to answer
            self.close_connection = True
            return None
        self._deadline.cancel()  # the request is in; the check may take its time
        if len(body) < length:
            self.close_connection = True
            return None
        try:
            upload = _parse_upload(self.headers.get("Content-Type", ""), body)
        except TooManyParts as exc:
            return self._send(400, upload_page(str(exc)), CSP_UPLOAD)
        if not upload or not upload[1]:
            return self._send(400, upload_page("没有收到文件 / no file received"), CSP_UPLOAD)
        try:
            with self.server.checks:
                page = check_upload(upload[0], upload[1], self.lang)
        except ValueError as exc:
            return self._send(400, upload_page(str(exc)), CSP_UPLOAD)
        except Exception as exc:  # the error boundary of the page: never a traceback
            return self._send(500, upload_page(f"内部错误 (internal error): {type(exc).__name__}"), CSP_UPLOAD)
        self._send(200, page)


def _host_name(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def _same_origin(url: str, hosts: Set[str]) -> bool:
    try:
        parts = urlsplit(url.strip())
        return parts.scheme == "http" and parts.netloc.lower() in hosts
    except ValueError:
        return False


class Server(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS of them; the next
    one is told 503 without being read. Idle connections never hold up
    shutdown (daemon threads, no join on close)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address, handler, connections: int = MAX_CONNECTIONS, checks: int = MAX_CHECKS):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.bound_host = address[0]
        self.slots = threading.BoundedSemaphore(connections)
        self.checks = threading.BoundedSemaphore(checks)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            self._busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    @staticmethod
    def _busy(request) -> None:
        body = "jxlint 正忙，请稍后再试 (busy, try again)\n".encode("utf-8")
        try:
            request.settimeout(1)
            request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            b"Retry-After: 5\r\nConnection: close\r\nContent-Length: "
                            + str(len(body)).encode() + b"\r\n\r\n" + body)
        except OSError:
            pass

    def handle_error(self, request, client_address):
        """A connection that broke (timeout, reset) is the client's business;
        anything else is one line on stderr, never a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            print(f"jxlint serve: 内部错误 (internal error): {type(error).__name__}: {error}", file=sys.stderr)


def page_url(host: str, port: int) -> str:
    """The address a browser on this machine opens: a wildcard bind is
    reached through 127.0.0.1."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{_host_name(host)}:{port}/"


LISTENING = {"zh": "jxlint: 检查网页已启动，地址是 {url} （浏览器没有自动打开时，把这个地址复制到浏览器）。"
                   "用完关闭这个窗口或按 Ctrl+C 停止。",
             "en": "jxlint: the checking page is at {url} (paste it into a browser if none opened). "
                   "Close this window or press Ctrl+C to stop."}


def listening_message(host: str, port: int, lang: str = "zh") -> Tuple[str, str]:
    """(the page's address, the line that tells the user where it listens)."""
    url = page_url(host, port)
    return url, LISTENING.get(lang, LISTENING["zh"]).format(url=url)


def open_browser(url: str) -> bool:
    """Open the page in the user's default browser (stdlib `webbrowser`);
    False when there is none (a server without a desktop)."""
    import webbrowser
    try:
        return bool(webbrowser.open(url))
    except Exception:  # webbrowser.Error, OSError: the address is printed anyway
        return False


def make_server(host: str = "127.0.0.1", port: int = 8765, lang: str = "zh") -> Server:
    handler = type("BoundHandler", (Handler,), {"lang": lang})
    return Server((host, port), handler)
