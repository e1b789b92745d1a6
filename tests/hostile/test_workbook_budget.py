"""Hostile workbooks (issue 15, items 1-5): each is built here, small, and
must be refused with E001 — or read correctly — within 2 s and 200 MB,
whatever the entry point (check, --annotate, convert, the web page's
reader). Time and peak memory are measured in a child process."""
import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from support import CONTENT_TYPES, RELS, WB_RELS

# the hand-made packages below carry no default style, which openpyxl notes
# on every load (the jxlint command keeps it off stderr: readers/xlsx.py)
pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

TIME_LIMIT = 2.0 * 3        # seconds; the 2 s with a margin for a loaded CI machine
MEMORY_LIMIT_MB = 200

WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def styles(xf_count=1):
    return (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><cellXfs count="{xf_count}">'
            + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * xf_count + '</cellXfs></styleSheet>')


def workbook(path: Path, sheet_xml, shared="", xf_count=1) -> Path:
    """A workbook whose sheet XML is `sheet_xml` (a string or a generator of
    chunks, so a million cells cost no memory here)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/styles.xml", styles(xf_count) if isinstance(xf_count, int) else xf_count)
        z.writestr("xl/sharedStrings.xml", shared or f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>x</t></si></sst>')
        with z.open("xl/worksheets/sheet1.xml", "w") as out:
            for chunk in ([sheet_xml] if isinstance(sheet_xml, str) else sheet_xml):
                out.write(chunk.encode("utf-8"))
    return path


def copies_of_the_sheet(path: Path, out: Path, sheets: int) -> Path:
    """`path` (a `workbook`) with its sheet repeated as sheets 2..`sheets`."""
    extra = range(2, sheets + 1)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", b"".join(
                    b'<sheet name="s%d" sheetId="%d" r:id="rId%d"/>' % (i, i, 10 + i) for i in extra) + b"</sheets>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b"".join(
                    b'<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (10 + i, i) for i in extra)
                    + b"</Relationships>")
            z.writestr(info.filename, data)
            if info.filename == "xl/worksheets/sheet1.xml":
                for i in extra:
                    z.writestr(f"xl/worksheets/sheet{i}.xml", data)
    return out


def sheet(rows_xml: str, extra: str = "", dimension: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{dim}<sheetData>{rows_xml}</sheetData>{extra}</worksheet>'


def measured(*args):
    """Run `jxlint ARGS` in a child; (exit code, output, seconds, peak MB)."""
    code = textwrap.dedent(f"""
        import resource, sys, time, json, io, contextlib
        from click.testing import CliRunner
        from linter.cli.main import main
        t = time.perf_counter()
        r = CliRunner().invoke(main, {list(args)!r})
        took = time.perf_counter() - t
        # VmHWM is this process's own peak (ru_maxrss keeps the parent's across exec)
        try:
            hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
            peak = int(hwm.split()[1]) / 1024
        except (OSError, IndexError):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"rc": r.exit_code, "out": r.output, "s": took, "mb": peak}}))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return data["rc"], data["out"], data["s"], data["mb"]


def assert_refused(path: Path, tmp_path: Path):
    for args in (["check", "--no-cache", "--format", "json", str(path)],
                 ["check", "--no-cache", str(path), "--annotate", str(tmp_path / "out.xlsx")],
                 ["convert", str(path), "-o", str(tmp_path / "out.toml")]):
        rc, out, seconds, mb = measured(*args)
        assert "Traceback" not in out
        assert rc == 2, out
        assert seconds < TIME_LIMIT, (args[0], seconds)
        assert mb < MEMORY_LIMIT_MB, (args[0], mb)
        if args[:2] == ["check", "--no-cache"] and "--format" in args:
            codes = {f["code"] for f in json.loads(out)["findings"]}
            assert codes == {"E001"}, out
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.toml").exists()


def test_a_merged_range_over_the_whole_sheet(tmp_path):
    path = workbook(tmp_path / "merge.xlsx", sheet('<row r="1"><c r="J1" t="inlineStr"><is><t>x</t></is></c></row>',
                                                   '<mergeCells count="1"><mergeCell ref="J1:XFD1048576"/></mergeCells>'))
    assert path.stat().st_size < 10_000
    assert_refused(path, tmp_path)


def test_one_long_shared_string_in_a_million_cells(tmp_path):
    text = " " * 100_000 + "x" * 100_000 + " " * 100
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t xml:space="preserve">{text}</t></si></sst>'

    def rows():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'
        for r in range(1, 1001):
            yield f'<row r="{r}">' + "".join('<c t="s"><v>0</v></c>' for _ in range(1000)) + "</row>"
        yield "</sheetData></worksheet>"
    path = workbook(tmp_path / "strings.xlsx", rows(), shared=shared)
    assert path.stat().st_size < 2_000_000
    assert_refused(path, tmp_path)


def test_three_million_cell_formats(tmp_path):
    xfs = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><cellXfs count="3000000">'
           + '<xf numFmtId="0"/>' * 3_000_000 + '</cellXfs></styleSheet>')
    path = workbook(tmp_path / "styles.xlsx", sheet(""), xf_count=xfs)
    assert_refused(path, tmp_path)


def test_a_million_one_cell_merges(tmp_path):
    """Each merged range is an object in openpyxl however small its area:
    a million of them (a 2.6 MB file) cost 10 s and 720 MB."""
    def rows():
        yield sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>').replace(
            "</worksheet>", '<mergeCells count="1000000">')
        for r in range(1, 1_000_001):
            yield f'<mergeCell ref="A{r}"/>'
        yield "</mergeCells></worksheet>"
    path = workbook(tmp_path / "merges.xlsx", rows())
    assert path.stat().st_size < 4_000_000
    assert_refused(path, tmp_path)


def test_the_parts_of_a_sheet_are_counted_by_both_readers(tmp_path, monkeypatch):
    """The cap on a sheet's elements outside its rows holds for the cell
    reader as it reads and for the scan: at the cap a sheet reads, past it
    the workbook is refused, whichever counted it."""
    from linter.readers import xlsx, xlsx_budget
    monkeypatch.setattr(xlsx_budget, "MAX_SHEET_PARTS", 12)
    merges = lambda n: sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                             f'<mergeCells count="{n}">' + "".join(f'<mergeCell ref="B{r}"/>' for r in range(1, n + 1))
                             + "</mergeCells>")
    # outside the rows: <worksheet>, <mergeCells> and the merges
    at_cap, past = workbook(tmp_path / "at.xlsx", merges(10)), workbook(tmp_path / "past.xlsx", merges(11))
    assert isinstance(xlsx.workbook_grids(at_cap), list)
    assert xlsx_budget.scan(at_cap) is None
    assert xlsx._plain_grids(past) is None
    assert xlsx_budget.scan(past)[0] == "parts"
    refused = xlsx.workbook_grids(past)
    assert [(p.code, p.variant) for p in refused.problems] == [("E001", "over-budget")]


def test_half_a_million_fonts(tmp_path):
    """500,000 <font/> in styles.xml, 7 KB (no <xf> to count): 8 s and 294 MB before."""
    fonts = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><fonts count="500000">' + "<font/>" * 500_000
             + '</fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>')
    path = workbook(tmp_path / "fonts.xlsx", sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), xf_count=fonts)
    assert path.stat().st_size < 100_000
    assert_refused(path, tmp_path)


def _start_tags(xml: str) -> int:
    return len(re.findall(r"<(?![/?!])", xml))


# the package's parts besides the sheet, the shared strings and the styles
_OTHER_ELEMENTS = sum(map(_start_tags, (CONTENT_TYPES, RELS, WORKBOOK, WB_RELS)))


@pytest.mark.parametrize("cap, what, build", [
    ("MAX_RUNS", "runs", lambda n: {"shared": f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si>'
                                              + "<r><t>a</t></r>" * n + "</si></sst>"}),
    # all parts but sheets and shared strings together: the styles fill what the others leave
    ("MAX_PART_ELEMENTS", "elements",
     lambda n: {"xf_count": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
                            + "<fonts/>" * (n - _OTHER_ELEMENTS - 1) + "</styleSheet>"}),
])
def test_the_parts_of_the_package_are_counted(tmp_path, monkeypatch, cap, what, build):
    """At the cap the workbook passes the scan, one past it is refused."""
    from linter.readers import xlsx_budget
    monkeypatch.setattr(xlsx_budget, cap, 40)
    body = sheet('<row r="1"><c r="A1"><v>1</v></c></row>')
    assert xlsx_budget.scan(workbook(tmp_path / "at.xlsx", body, **build(40))) is None
    assert xlsx_budget.scan(workbook(tmp_path / "past.xlsx", body, **build(41)))[0] == what


def test_the_parts_of_all_sheets_count_together(tmp_path, monkeypatch):
    """Each sheet holds 32 elements outside its rows (itself, <mergeCells>, 30
    merges): one passes a cap of 40, two together do not."""
    from linter.readers import xlsx, xlsx_budget
    monkeypatch.setattr(xlsx_budget, "MAX_SHEET_PARTS", 40)
    one = sheet('<row r="1"><c r="A1"><v>1</v></c></row>',
                '<mergeCells count="30">' + "".join(f'<mergeCell ref="B{r}"/>' for r in range(1, 31)) + "</mergeCells>")
    path = workbook(tmp_path / "two.xlsx", one)
    both = copies_of_the_sheet(path, tmp_path / "both.xlsx", 2)
    assert xlsx_budget.scan(path) is None and isinstance(xlsx.workbook_grids(path), list)
    assert xlsx_budget.scan(both)[0] == "parts"
    assert xlsx._plain_grids(both) is None


def test_two_million_empty_elements_in_one_cell(tmp_path):
    """9.9 KB; an ISO date cell sends the workbook to openpyxl, which builds
    the row's two million elements before it reads the row: 4.4 s, 212 MB."""
    def rows():
        yield (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1">'
               '<c r="A1" t="d"><v>2023-01-01</v></c><c r="B1"><v>1</v>')
        for _ in range(2000):
            yield "<x/>" * 1000
        yield "</c></row></sheetData></worksheet>"
    path = workbook(tmp_path / "junk.xlsx", rows())
    assert path.stat().st_size < 100_000
    assert_refused(path, tmp_path)


@pytest.mark.parametrize("where", ["in a cell", "between rows"])
def test_the_elements_inside_the_rows_are_counted_by_both_readers(tmp_path, monkeypatch, where):
    from linter.readers import xlsx, xlsx_budget
    monkeypatch.setattr(xlsx_budget, "MAX_ROW_PARTS", 10)
    # two cells with a value each (2 elements), then junk up to or past the cap
    def body(junk):
        cells = '<c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
        if where == "in a cell":
            return sheet(f'<row r="1">{cells}<c r="C1"><v>3</v>{"<x/>" * junk}</c></row>')
        return sheet(f'<row r="1">{cells}<c r="C1"><v>3</v></c></row>{"<x/>" * junk}')
    at_cap, past = workbook(tmp_path / "at.xlsx", body(7)), workbook(tmp_path / "past.xlsx", body(8))
    assert xlsx_budget.scan(at_cap) is None
    assert xlsx_budget.scan(past)[0] == "row-parts"
    if where == "in a cell":  # junk between rows is left to openpyxl anyway
        assert isinstance(xlsx.workbook_grids(at_cap), list) and xlsx._plain_grids(at_cap) is not None
    assert xlsx._plain_grids(past) is None
    assert [(p.code, p.variant) for p in xlsx.workbook_grids(past).problems] == [("E001", "over-budget")]


def test_one_tag_of_two_million_attributes(tmp_path):
    """A 4.7 MB <row> start tag: expat hands its attributes over all at once
    (3 s and 507 MB before)."""
    def rows():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1"'
        for i in range(0, 2_000_000, 1000):
            yield "".join(f' a{j}="1>"' for j in range(i, i + 1000))  # a `>` in a value is allowed
        yield '><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    path = workbook(tmp_path / "attrs.xlsx", rows())
    assert_refused(path, tmp_path)


def test_a_long_text_is_not_taken_for_markup(tmp_path):
    """60,000 CJK characters in one cell (180 KB between two `<`): read."""
    from linter.readers.xlsx import workbook_grids
    text = "长" * 60_000
    [grid] = workbook_grids(workbook(tmp_path / "long.xlsx", sheet(
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>')))
    assert grid.value(0, 0) == text


@pytest.mark.parametrize("sizes", [[600_000], [300_000, 300_000], [1, 524_288, 1], [65_536] * 9, [1_200_000]])
def test_markup_runs_are_counted_across_chunks(sizes):
    """A run without `<` is refused once it passes the cap, however the bytes
    are cut into chunks; at the cap it passes."""
    from linter.readers.xlsx_budget import MAX_MARKUP, Markup, OverBudget
    def feed(total):
        markup, data = Markup(), b"<a " + b"x" * total + b"/>"
        chunks, at = [], 0
        for size in sizes * 10:
            chunks.append(data[at:at + size])
            at += size
        chunks.append(data[at:])
        for chunk in chunks:
            if chunk:
                markup.feed(chunk)
    with pytest.raises(OverBudget):  # a run between two `<` inside one large chunk
        Markup().feed(b"<" + b"x" * (MAX_MARKUP + 1) + b"<")
    feed(MAX_MARKUP - 4)  # "a " + the x's + "/>": the run after `<` is the cap exactly
    with pytest.raises(OverBudget):
        feed(MAX_MARKUP - 3)


# built in the test, not passed as a parameter: a parameter's text becomes
# the test's id, which pytest puts in the environment of every child process
SHARED_ATTACKS = {
    "ten million strings": (lambda: "<si/>" * 10_000_000, 1_000_000),
    # one string of a million rich-text runs, 31 KB: 6.7 s and 495 MB before
    "one string of a million runs": (lambda: "<si>" + "<r><t>a</t></r>" * 1_000_000 + "</si>", 100_000),
}


@pytest.mark.parametrize("attack", sorted(SHARED_ATTACKS))
def test_shared_strings_past_their_caps(tmp_path, attack):
    items, size = SHARED_ATTACKS[attack]
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>{items()}</sst>'
    path = workbook(tmp_path / "sst.xlsx", sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared=shared)
    assert path.stat().st_size < size
    assert_refused(path, tmp_path)


def test_sheets_of_many_empty_rows(tmp_path):
    """Eight sheets of 15,000 empty rows, each within the sheet's limit:
    together past the workbook's (64 such sheets took 1.9 s and 130 MB)."""
    rows = "".join(f'<row r="{r}"/>' for r in range(1, 15_000)) + '<row r="15000"><c r="A15000"><v>1</v></c></row>'
    path = workbook(tmp_path / "rows.xlsx", sheet(rows))
    eight = copies_of_the_sheet(path, tmp_path / "eight.xlsx", 8)
    from linter.readers import xlsx, xlsx_budget
    assert xlsx_budget.scan(path) is None  # one such sheet is within budget
    assert xlsx._plain_grids(eight) is None
    assert xlsx_budget.scan(eight)[0] == "rows"
    assert_refused(eight, tmp_path)


def test_a_sheet_of_ten_million_numbers_inside_the_old_limits(tmp_path):
    def rows():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'
        for r in range(1, 20_001):
            yield f'<row r="{r}">' + "<c><v>1</v></c>" * 512 + "</row>"
        yield "</sheetData></worksheet>"
    path = workbook(tmp_path / "numbers.xlsx", rows())
    assert_refused(path, tmp_path)


def test_two_million_small_rows(tmp_path):
    def rows():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'
        for r in range(1, 2_000_001):
            yield f'<row r="{r}"><c t="inlineStr"><is><t>a</t></is></c></row>'
        yield "</sheetData></worksheet>"
    path = workbook(tmp_path / "rows.xlsx", rows())
    assert_refused(path, tmp_path)


def test_a_doctype_is_refused(tmp_path):
    evil = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            f'<worksheet {NS}><sheetData><row r="1"><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')
    path = workbook(tmp_path / "dtd.xlsx", evil)
    assert_refused(path, tmp_path)


def test_a_lying_dimension_hides_no_row(tmp_path):
    """<dimension ref="A1:B2"> on a sheet of 40 rows: every row is read."""
    from linter.readers.xlsx import workbook_grids
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>行{r}</t></is></c></row>' for r in range(1, 41))
    path = workbook(tmp_path / "dim.xlsx", sheet(rows, dimension="A1:B2"))
    [grid] = workbook_grids(path)
    assert grid.height == 40 and grid.value(39, 0) == "行40"


@pytest.mark.parametrize("cells", [100, 5000])
def test_a_real_sized_workbook_is_within_budget(tmp_path, cells):
    from linter.readers.xlsx_budget import scan
    rows = "".join(f'<row r="{r}">' + "<c><v>1</v></c>" * 10 + "</row>" for r in range(1, cells // 10 + 1))
    assert scan(workbook(tmp_path / "ok.xlsx", sheet(rows))) is None


def lying(path: Path, member: str, unpacked: int) -> Path:
    """A copy of a small workbook whose `member` declares its own size (and
    a CRC to match) but whose deflate stream goes on with `unpacked` bytes of
    spaces: zipfile returns only the declared bytes, yet a whole-member
    read() has zlib unpack the lot first."""
    import zlib
    source = workbook(path.with_suffix(".src.xlsx"), sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'))
    with zipfile.ZipFile(source) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    declared = parts[member] + b" " * 64
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * (1 << 20)
    stream = deflate.compress(parts[member]) + b"".join(deflate.compress(block) for _ in range(unpacked >> 20)) \
        + deflate.flush()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != member:
                z.writestr(name, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.file_size, info.compress_size = zlib.crc32(declared), len(declared), len(stream)
        info.header_offset = z.fp.tell()
        z.fp.write(info.FileHeader(False))
        z.fp.write(stream)
        z.start_dir = z.fp.tell()
        z.filelist.append(info)
        z.NameToInfo[member] = info
    return path


@pytest.mark.parametrize("member", ["[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml"])
def test_a_member_that_unpacks_past_its_declared_size(tmp_path, member):
    """300 MB of spaces behind a few hundred declared bytes, in a 300 KB
    file: refused (or read as declared) within the time and memory limits,
    by every entry point. Before, openpyxl's read() of the workbook part,
    and the cell reader's of the sheet, unpacked all of it (~2 GB peak for
    a gigabyte)."""
    path = lying(tmp_path / "lying.xlsx", member, 300 << 20)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
        assert info.file_size < 2000 and len(z.read(member)) == info.file_size
    assert path.stat().st_size < 1_000_000
    assert_refused(path, tmp_path)
    from linter.readers.xlsx import workbook_grids
    refused = workbook_grids(path)  # the same refusal, whichever reader would have read it
    assert not isinstance(refused, list)
    assert [(p.code, p.variant) for p in refused.problems] == [("E001", "not-a-workbook")]
    assert member in refused.problems[0].vars["detail"]["en"]


def test_honest_members_fit_their_declared_size(tmp_path):
    """Every member of a workbook openpyxl saved, deflated or stored, fits;
    a bzip2 member does not (zipfile unpacks it without a bound)."""
    import openpyxl
    from linter.readers.xlsx_budget import stream_fits
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "某项目"] * 50)
    saved = tmp_path / "saved.xlsx"
    wb.save(saved)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
        out.writestr("xl/extra.bin", b"x" * 10_000, compress_type=zipfile.ZIP_BZIP2)
    for path in (saved, stored):
        with zipfile.ZipFile(path) as z, open(path, "rb") as raw:
            fits = {i.filename: stream_fits(raw, i) for i in z.infolist()}
        assert fits and all(v for k, v in fits.items() if k != "xl/extra.bin"), fits
    assert fits["xl/extra.bin"] is False
    assert lying(tmp_path / "l.xlsx", "xl/styles.xml", 2 << 20)
    with zipfile.ZipFile(tmp_path / "l.xlsx") as z, open(tmp_path / "l.xlsx", "rb") as raw:
        assert not stream_fits(raw, z.getinfo("xl/styles.xml"))
        assert stream_fits(raw, z.getinfo("xl/workbook.xml"))
