"""Read an indicator-set TOML file into a Form with a line/column source map."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons only
    import tomli as tomllib

from linter.base.lazyre import lazy
from linter.model.form import Form
from linter.readers import InputProblem, ReadResult
from linter.base.sourcemap import SourceMap, format_path
from linter.readers.comments import scan as suppress_scan
from linter.readers.lenient import settle
from linter.base.toml_positions import lazy_positions

# A form is a few KB; anything this large is not a form and is refused before
# it is parsed, so a stray dump in a forms repository cannot stall a run.
MAX_BYTES = 8 * 1024 * 1024

_AT_RE = lazy(r"\(at line (\d+), column (\d+)\)")
_END_RE = lazy(r"\(at end of document\)")
# A key that holds non-ASCII characters but no quotes: `湖景 = 81`, `{ 湖景 = 81 }`.
# tomllib's messages, for finance staff who read Chinese. Prefix match: the
# messages with a key or character in them keep it after the translation.
_SYNTAX_ZH = (
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表头写了两次"),
    ("Cannot mutate immutable namespace", "不能给已写完的内联表或数组再加键"),
    ("Cannot redefine namespace", "表或键重复定义"),
    ("Duplicate inline table key", "内联表里有重复的键"),
    ("Expected '=' after a key in a key/value pair", "键后面缺少等号 ="),
    ("Expected ']' at the end of a table declaration", "表头缺少右方括号 ]"),
    ("Expected ']]' at the end of an array declaration", "表头缺少 ]]"),
    ("Expected newline or end of document after a statement", "值后面还有多余内容（一行只写一个“键 = 值”；日期要写成 2022-01-31）"),
    ("Invalid date or datetime", "日期格式无效，应为 2022-01-31"),
    ("Invalid initial character for a key part", "键名以无效字符开头"),
    ("Invalid statement", "这一行不是“键 = 值”或 [表头]"),
    ("Invalid value", "值无效：文本要加英文双引号，数字和日期不加"),
    ("Unclosed array", "数组缺少右方括号 ]"),
    ("Unclosed inline table", "内联表缺少右花括号 }"),
    ("Unterminated string", "字符串缺少结束引号"),
    ("Unescaped '\\' in a string", "字符串里的反斜杠 \\ 要写成 \\\\"),
    ("Illegal character", "非法字符"),
    ("Found invalid character", "无效字符"),
    ("Escaped character is not a Unicode scalar value", "转义字符无效"),
    ("Invalid hex value", "十六进制转义无效"),
    ("nesting too deep", "嵌套层数过多"),
)


def _localised(detail: str):
    for english, chinese in _SYNTAX_ZH:
        if detail.startswith(english):
            rest = detail[len(english):].strip()
            return {"zh": chinese + (f"（{rest}）" if rest else ""), "en": detail}
    return {"zh": detail, "en": detail}


_CJK_BARE_KEY_RE = lazy(r"(?:^|[{,])\s*([^\s\"'=#\[\]{},.]*[^\x00-\x7f][^\s\"'=#\[\]{},]*)\s*=")
_CJK_BARE_HEADER_RE = lazy(r"^\s*\[\[?[^\]\"']*[^\x00-\x7f]")


def read(path: Path, display: str, **_options) -> ReadResult:
    result = ReadResult(file=display)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            result.problems.append(InputProblem("E001", "too-large", {
                "size_mb": f"{size / 1048576:.1f}", "limit_mb": str(MAX_BYTES // 1048576)}))
            return result
        data = path.read_bytes()
    except OSError as exc:
        result.problems.append(InputProblem("E001", "unreadable", {"reason": exc.strerror or str(exc)}))
        return result
    return read_toml_bytes(data, display)


def read_toml_bytes(data: bytes, display: str) -> ReadResult:
    result = ReadResult(file=display)
    text, problem = _decode(data)
    if problem:
        result.problems.append(problem)
        return result
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        result.problems.append(_syntax_problem(str(exc), text))
        return result
    except RecursionError:
        result.problems.append(InputProblem("E001", "syntax", {"detail": _localised("nesting too deep")}))
        return result
    result.document = doc
    result.suppressions = suppress_scan(text)
    source_map = SourceMap(build=lambda: _positions(text))
    if not isinstance(doc, dict):
        result.problems.append(InputProblem("E002", "root", {}, ""))
        return result

    def locate(path: str):
        line_col = source_map.locate(path) or (None, None)
        return None, None, line_col[0], line_col[1]

    problems, notes = settle(doc, locate, format_path)
    result.problems.extend(problems)
    result.forms.append(Form(file=display, data=doc, source_map=source_map, printed=notes))
    return result


def _positions(text: str):
    try:
        # A plain text (most forms) is mapped path by path as findings ask.
        return lazy_positions(text)
    except RecursionError:  # nesting tomllib accepted but too deep to map
        return {"": (1, 1)}


def _decode(data: bytes) -> Tuple[str, Optional[InputProblem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # editors on Windows add a BOM; TOML does not allow one
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return "", InputProblem("E001", "encoding", {"detail": f"0x{data[exc.start]:02x}"},
                                line=line, column=column)


def _syntax_problem(message: str, text: str) -> InputProblem:
    m = _AT_RE.search(message)
    line = int(m.group(1)) if m else None
    column = int(m.group(2)) if m else None
    lines: List[str] = text.splitlines()
    if m is None and _END_RE.search(message):
        # tomllib says "at end of document" for a string or table left open
        line = max(1, len(lines))
        column = len(lines[-1]) + 1 if lines else 1
    detail = _END_RE.sub("", _AT_RE.sub("", message)).strip()
    if line is not None and 1 <= line <= len(lines):
        src = lines[line - 1]
        bare = _CJK_BARE_KEY_RE.search(src)
        if bare or _CJK_BARE_HEADER_RE.match(src):
            key = bare.group(1) if bare else src.strip()
            return InputProblem("E001", "chinese-key", {"detail": _localised(detail), "key": key},
                                line=line, column=column)
    return InputProblem("E001", "syntax", {"detail": _localised(detail)}, line=line, column=column)
