"""One budget on a workbook before anything expands it.

A 9 KB workbook can claim a merged range of billions of cells, a million
cells sharing one 200 KB string, three million cell styles, or a sheet of
ten million numbers; openpyxl builds an object for each before any limit of
ours applies. So every workbook is scanned first, streaming its XML members
with expat (no DTDs, no entities: a DOCTYPE is refused) and counting as it
reads, and refused as soon as a count passes its cap:

- uncompressed bytes read per member (whatever the zip header claims);
- cells and rows of all sheets (rows of one sheet too), shared strings, cell formats (`<xf>`);
- the elements of a sheet outside its rows (merged ranges, column widths…),
  the rich-text runs of the shared strings, the elements of every other part;
- the area of merged ranges, and the length of one string.

The caps are far above any real form (a national self-evaluation has a few
hundred cells) and far below what hurts: the scan stops within a fraction of
a second and a few MB. What it measures is also the sheet's real extent, so
a `<dimension>` that claims less than the sheet holds cannot hide rows (the
reader resets openpyxl's dimensions and reads everything the scan counted).

A worksheet is the one member read twice if it is scanned and then read:
on a 2,000-row table the scan cost as much as reading the cells. So the
plain cell reader (xlsx_cells) counts the sheet's cells, rows, parts, merged area
and text in a `Tally` as it streams them, with the same caps and messages,
and the scan before it (`sheets=False`) holds worksheets only to their size.
Whenever that reader leaves a workbook to openpyxl, or stops at a cap, every
sheet is scanned in full before openpyxl opens one.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from typing import Dict, Optional, Tuple
from xml.parsers import expat

MAX_MEMBER_BYTES = {"sheet": 48 * 1024 * 1024, "sharedStrings": 16 * 1024 * 1024,
                    "styles": 4 * 1024 * 1024, "other": 8 * 1024 * 1024}
MAX_CELLS = 300_000          # all sheets together
MAX_ROWS = 20_000            # one sheet (the reader's own limit)
MAX_ALL_ROWS = 100_000       # all sheets: 64 sheets of 20,000 empty rows took 1.9 s and 130 MB
MAX_STRINGS = 200_000        # <si> entries
MAX_XF = 20_000              # cell formats
MAX_MERGED_AREA = 2_000_000  # cells covered by merged ranges, all sheets
MAX_TEXT = 64 * 1024         # characters in one string
# Elements of the sheets outside <sheetData> (all sheets together): merged
# ranges, column widths, links, conditional formats, validations… openpyxl
# builds an object for each (a 2.6 MB sheet of a million one-cell merges cost
# 10 s and 720 MB).
MAX_SHEET_PARTS = 100_000
# The same for the package's other parts: rich-text runs in the shared
# strings (one 31 KB string of a million runs cost 6.7 s and 495 MB), and the
# elements of styles.xml and every other part together (500,000 `<font/>` in
# 7 KB: 8 s and 294 MB). Real workbooks hold a few thousand.
MAX_RUNS = 100_000
MAX_PART_ELEMENTS = 200_000
# Inside the rows: every element but the rows and cells themselves (a
# cell's value, formula, inline string…; two per cell at the cell cap). A
# 10 KB sheet of two million empty elements in one cell cost openpyxl 4.4 s
# and 212 MB: it builds a row's elements before it reads the row.
MAX_ROW_PARTS = 600_000
# Bytes between two `<`: one tag with its attributes, or one text (which
# the text cap holds to 64 K characters). expat hands a tag's attributes over
# all at once: one tag of two million attributes (4.7 MB) cost 3 s and 507 MB.
# `<` cannot stand unescaped in a value, so the run cannot be cut by one.
MAX_MARKUP = 512 * 1024
CHUNK = 64 * 1024

_REF_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")


class OverBudget(Exception):
    def __init__(self, what: str, detail_zh: str, detail_en: str):
        super().__init__(detail_en)
        self.what, self.zh, self.en = what, detail_zh, detail_en


# What passing each cap says (its `what`, then Chinese and English), in one
# table as docs/security.md lists them; `over` fills in the figures.
_SAID = {
    "cells": ("cells", "单元格超过 {cap} 个", "more than {cap} cells"),
    "rows": ("rows", "工作表超过 {cap} 行", "a sheet has more than {cap} rows"),
    "all-rows": ("rows", "各工作表合计超过 {cap} 行", "the sheets have more than {cap} rows"),
    "parts": ("parts", "工作表中合并单元格、列宽、链接等设置超过 {cap} 项",
              "the sheets hold more than {cap} merged ranges, column widths, links and other settings"),
    "row-parts": ("row-parts", "表格行中的元素超过 {cap} 个", "the rows hold more than {cap} elements besides their cells"),
    "merged": ("merged", "合并单元格的范围大得不合常理", "merged ranges cover an implausible area"),
    "strings": ("strings", "共享字符串超过 {cap} 个", "more than {cap} shared strings"),
    "runs": ("runs", "共享字符串中的格式片段超过 {cap} 段", "the shared strings hold more than {cap} rich-text runs"),
    "styles": ("styles", "单元格格式超过 {cap} 个", "more than {cap} cell formats"),
    "elements": ("elements", "样式表等部件中的元素超过 {cap} 个（到 {member} 为止）",
                 "styles and the other parts hold more than {cap} elements (counted up to {member})"),
    "markup": ("markup", "XML 中一个标记或一段文字超过 {kb} KB", "one XML tag or text runs over {kb} KB"),
    "text": ("text", "单个单元格的文字超过 {cap} 字", "a cell holds more than {cap} characters"),
    "dtd": ("dtd", "XML 中含有 DOCTYPE（可能是实体炸弹）", "the XML declares a DOCTYPE (entity tricks)"),
    "member": ("member", "{member} 解压后超过 {mb} MB", "{member} unpacks to more than {mb} MB"),
    "declared": ("zip", "{member} 解压后比它声明的大小更大", "{member} unpacks to more than the size it declares"),
}


def over(key: str, **figures: object) -> OverBudget:
    what, zh, en = _SAID[key]
    return OverBudget(what, zh.format(**figures), en.format(**figures))


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def merged_area(ref: str) -> int:
    m = _REF_RE.match(ref.strip().upper())
    if not m:
        return 0
    c1, r1 = _col(m.group(1)), int(m.group(2))
    if not m.group(3):
        return 1
    c2, r2 = _col(m.group(3)), int(m.group(4))
    return (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)


def _kind(name: str) -> str:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return "sheet"
    if name == "xl/sharedStrings.xml":
        return "sharedStrings"
    if name == "xl/styles.xml":
        return "styles"
    return "other"


# A sheet repeats a handful of tags a hundred thousand times: each one's
# local name is worked out once. A file cannot grow this past its cap by
# inventing tags (past it, names are worked out each time).
_LOCAL: Dict[str, str] = {}
_LOCAL_CAP = 4096


def _local(tag: str) -> str:
    local = _LOCAL.get(tag)
    if local is None:
        local = tag.rsplit("}", 1)[-1]
        if len(_LOCAL) < _LOCAL_CAP:
            _LOCAL[tag] = local
    return local


class Tally:
    """What the caps count in worksheets, for whichever parser reads them:
    the scan below, or the cell reader (xlsx_cells), which counts as it reads
    so a sheet is parsed once. Cells and merged area are of all sheets
    together; rows of one sheet. It also keeps what a reader should say
    about a sheet: cells whose formula has no cached value, and hidden rows
    (member -> up to 1,000 refs each)."""

    def __init__(self) -> None:
        self.cells = 0
        self.merged = 0
        self.rows: Dict[str, int] = {}
        self.all_rows = 0
        self.parts = 0
        self.row_parts = 0
        self.formulas: Dict[str, list] = {}
        self.hidden: Dict[str, list] = {}

    def cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise over("cells", cap=MAX_CELLS)

    def row(self, member: str, attrs) -> None:
        if attrs.get("hidden") in ("1", "true"):
            hidden = self.hidden.setdefault(member, [])
            if len(hidden) < 1000:
                hidden.append(attrs.get("r", ""))
        n = self.rows.get(member, 0) + 1
        self.rows[member] = n
        if n > MAX_ROWS:
            raise over("rows", cap=MAX_ROWS)
        self.all_rows += 1
        if self.all_rows > MAX_ALL_ROWS:
            raise over("all-rows", cap=MAX_ALL_ROWS)

    def part(self) -> None:
        """An element of a sheet outside its rows."""
        self.parts += 1
        if self.parts > MAX_SHEET_PARTS:
            raise over("parts", cap=MAX_SHEET_PARTS)

    def row_part(self) -> None:
        """An element inside the rows that is neither a row nor a cell."""
        self.row_parts += 1
        if self.row_parts > MAX_ROW_PARTS:
            raise over("row-parts", cap=MAX_ROW_PARTS)

    def merge(self, ref: str) -> None:
        self.merged += merged_area(ref)
        if self.merged > MAX_MERGED_AREA:
            raise over("merged")

    def formula_without_value(self, member: str, ref: str) -> None:
        refs = self.formulas.setdefault(member, [])
        if len(refs) < 1000:
            refs.append(ref)

    def report(self, found: dict) -> None:
        found["formulas"] = {k: v for k, v in self.formulas.items() if v}
        found["hidden"] = {k: v for k, v in self.hidden.items() if v}


class Markup:
    """Fed a member's bytes chunk by chunk, refuses a run of more than
    MAX_MARKUP bytes without a `<` before expat sees it whole."""

    __slots__ = ("run",)

    def __init__(self) -> None:
        self.run = 0

    def feed(self, chunk: bytes) -> None:
        if len(chunk) > CHUNK:  # a run inside one piece of at most CHUNK bytes is short
            for at in range(0, len(chunk), CHUNK):
                self.feed(chunk[at:at + CHUNK])
            return
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
        else:
            if self.run + first > MAX_MARKUP:
                raise over("markup", kb=MAX_MARKUP // 1024)
            self.run = len(chunk) - chunk.rfind(b"<") - 1
        if self.run > MAX_MARKUP:
            raise over("markup", kb=MAX_MARKUP // 1024)


def dtd_over(*_args) -> None:
    """An expat DOCTYPE / entity handler: no DTD is ever read."""
    raise over("dtd")


def member_over(name: str, kind: str) -> OverBudget:
    return over("member", member=name, mb=MAX_MEMBER_BYTES[kind] // 1048576)


class _Counter:
    def __init__(self) -> None:
        self.tally = Tally()
        self._ref = ""
        self._formula = self._value = False
        self._in_v = False
        self.strings = 0
        self.xf = 0
        self.runs = 0
        self.kind = ""
        self.elements = 0  # of the members that are neither sheets nor shared strings
        self.sheet = ""          # the member being read
        self.in_sheet = False    # it is a worksheet
        self._rows_open = False  # inside its <sheetData>
        self.text = 0

    def begin(self, member: str, kind: str) -> None:
        """The next member to be read, and its kind (`_kind`)."""
        self.sheet, self.kind = member, kind
        self.in_sheet, self._rows_open = kind == "sheet", False

    def start(self, tag: str, attrs) -> None:
        local = _local(tag)
        if self.in_sheet:
            if not self._rows_open:
                if local == "sheetData":
                    self._rows_open = True
                else:
                    self.tally.part()
            elif local != "c" and local != "row":
                self.tally.row_part()
        elif self.kind == "sharedStrings":
            if local == "r":
                self.runs += 1
                if self.runs > MAX_RUNS:
                    raise over("runs", cap=MAX_RUNS)
        else:
            self.elements += 1
            if self.elements > MAX_PART_ELEMENTS:
                raise over("elements", cap=MAX_PART_ELEMENTS, member=self.sheet)
        if local == "c":
            self._ref, self._formula, self._value = attrs.get("r", ""), False, False
            self.tally.cell()
        elif local == "f":
            self._formula = True
        elif local == "v":
            self._in_v = True
        elif local == "row":
            self.tally.row(self.sheet, attrs)
        elif local == "si":
            self.strings += 1
            if self.strings > MAX_STRINGS:
                raise over("strings", cap=MAX_STRINGS)
        elif local == "xf":
            self.xf += 1
            if self.xf > MAX_XF:
                raise over("styles", cap=MAX_XF)
        elif local == "mergeCell":
            self.tally.merge(attrs.get("ref", ""))
        if local in ("t", "v", "f"):
            self.text = 0

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local == "sheetData":
            self._rows_open = False
        if local == "v":
            self._in_v = False
        elif local == "c" and self._formula and not self._value:
            self.tally.formula_without_value(self.sheet, self._ref)

    def chars(self, data: str) -> None:
        if self._in_v and data.strip():
            self._value = True
        self.text += len(data)
        if self.text > MAX_TEXT:
            raise over("text", cap=MAX_TEXT)


# zipfile's local file header (structFileHeader): 30 bytes, then the name and
# the extra field, whose lengths are its last two fields.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def stream_fits(fh, info: zipfile.ZipInfo) -> bool:
    """Whether a member's compressed data unpacks to no more than the size
    its header declares. zipfile stops returning bytes there, but a reader
    that asks for a whole member (`read()`, as openpyxl does for the
    workbook, styles and theme parts, and for images when it edits) has zlib
    unpack everything it is given first, up to 2 GB in one call: a 1 MB file
    can declare 300 bytes for a gigabyte of spaces. Unpacked here in bounded
    steps from the raw bytes, and stopped as soon as it passes the size.
    bzip2 and LZMA members (zipfile unpacks those without a bound; Excel and
    WPS write neither) do not fit."""
    if info.compress_type == zipfile.ZIP_STORED:
        return True  # nothing to unpack: zipfile reads the declared bytes
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        return False
    fields = _LOCAL_HEADER.unpack(header)
    fh.seek(info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1])
    inflate = zlib.decompressobj(-15)
    left, unpacked = info.compress_size, 0
    while left > 0 and not inflate.eof:
        data = fh.read(min(CHUNK, left))
        if not data:
            break
        left -= len(data)
        while data:
            unpacked += len(inflate.decompress(data, CHUNK))
            if unpacked > info.file_size:
                return False
            data = inflate.unconsumed_tail
    unpacked += len(inflate.flush())  # what zlib still holds: at most its 32 KB window
    return unpacked <= info.file_size


def scan(path, found: Optional[dict] = None, sheets: bool = True) -> Optional[Tuple[str, str, str]]:
    """None when the workbook is within budget, else (what, zh, en). `found`,
    when given, receives what the scan saw that a reader should say:
    `formulas` (member -> cells whose formula has no cached value) and
    `hidden` (member -> hidden row numbers). With `sheets=False` the
    worksheets are only held to their size: for a reader that counts their
    contents as it reads them (xlsx_cells, with a `Tally`)."""
    counter = _Counter()
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
            for info in archive.infolist():
                kind = _kind(info.filename)
                if kind == "sheet" and info.file_size > MAX_MEMBER_BYTES[kind]:
                    raise member_over(info.filename, kind)
                # a sheet too: the cell reader would read only what it
                # declares, but a file that lies about it is refused alike
                # whichever way it is read (~4 ms for a 2,000-row sheet)
                if not stream_fits(raw, info):
                    raise over("declared", member=info.filename)
                if kind == "sheet" and not sheets:
                    continue  # its contents: counted by the cell reader as it reads them
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                counter.begin(info.filename, kind)
                parser = expat.ParserCreate(namespace_separator="}")
                parser.StartElementHandler = counter.start
                parser.EndElementHandler = counter.end
                parser.CharacterDataHandler = counter.chars
                parser.StartDoctypeDeclHandler = dtd_over
                parser.EntityDeclHandler = dtd_over
                limit = MAX_MEMBER_BYTES[kind]
                read = 0
                markup = Markup()
                with archive.open(info) as member:
                    while True:
                        chunk = member.read(CHUNK)
                        if not chunk:
                            break
                        read += len(chunk)
                        if read > limit:
                            raise member_over(info.filename, kind)
                        markup.feed(chunk)
                        parser.Parse(chunk, False)
                parser.Parse(b"", True)
    except OverBudget as exc:
        return exc.what, exc.zh, exc.en
    except zlib.error as exc:
        return "zip", f"zip 文件已损坏（{exc}）", f"damaged zip ({exc})"
    except expat.ExpatError as exc:
        return "xml", f"XML 已损坏（{exc}）", f"broken XML ({exc})"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, NotImplementedError) as exc:
        return "zip", f"zip 文件已损坏（{exc}）", f"damaged zip ({exc})"
    if found is not None:
        counter.tally.report(found)
    return None
