"""Where each value of a TOML document sits (line, column).

`tomllib` gives values but no positions, and neither tomli nor tomlkit exposes
them. This scanner runs only on text that tomllib has already accepted, so it
can be small and tolerant: it follows table headers (counting arrays of
tables), keys, strings, arrays and inline tables, and records the position of
every value under its model path. It never decides validity itself.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Dict, Iterator, List, Optional, Tuple

from linter.base.lazyre import lazy
from linter.base.sourcemap import Segment, format_path

_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")
# The common line of a form, `key = value` with one bare key and a string
# without escapes, a number, a date or a boolean, then an optional comment:
# matched whole, so the character-level scanner below only sees the rest
# (headers, arrays, inline tables, multi-line strings, dotted or quoted keys).
_SIMPLE_LINE = lazy(
    r"([A-Za-z0-9_\-]+)[ \t]*=[ \t]*"
    r"(\"[^\"\\\n]*\"(?!\")|'[^'\n]*'(?!')|[^\s#,\[\]{}\"']+)"
    r"[ \t\r]*(?:#[^\n]*)?(?:\n|\Z)")
# White space, newlines and comments between statements.
_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def _resolve(parts: List[str], aot_counts: Dict[Tuple[Segment, ...], int]) -> Tuple[Segment, ...]:
    """A dotted header's parts as a path: each array of tables on the way is
    its latest element (`[[indicators]]` seen 4 times -> indicators[3])."""
    current: Tuple[Segment, ...] = ()
    for part in parts:
        current = current + (part,)
        if current in aot_counts:
            current = current + (aot_counts[current] - 1,)
    return current


class _Scanner:
    def __init__(self, text: str):
        self.s = text
        self.n = len(text)
        self.i = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.positions: Dict[str, Tuple[int, int]] = {}

    # -- positions --------------------------------------------------------
    def pos(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def record(self, path: Tuple[Segment, ...], offset: int) -> None:
        self.positions.setdefault(format_path(path), self.pos(offset))

    # -- lexing helpers ---------------------------------------------------
    def skip_ws(self, newlines: bool = False) -> None:
        s, n = self.s, self.n
        while self.i < n:
            ch = s[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#" and newlines:
                j = s.find("\n", self.i)
                self.i = n if j < 0 else j
            else:
                break

    def skip_line(self) -> None:
        j = self.s.find("\n", self.i)
        self.i = self.n if j < 0 else j + 1

    def read_basic(self) -> str:
        """A "..." string; self.i is on the opening quote."""
        s, out = self.s, []
        self.i += 1
        while self.i < self.n:
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                break
            if ch == "\\" and self.i + 1 < self.n:
                esc = s[self.i + 1]
                if esc in _ESCAPES:
                    out.append(_ESCAPES[esc])
                    self.i += 2
                    continue
                width = {"u": 4, "U": 8, "x": 2}.get(esc)
                if width:
                    try:
                        out.append(chr(int(s[self.i + 2:self.i + 2 + width], 16)))
                    except ValueError:
                        pass
                    self.i += 2 + width
                    continue
            out.append(ch)
            self.i += 1
        return "".join(out)

    def read_literal(self) -> str:
        j = self.s.find("'", self.i + 1)
        j = self.n if j < 0 else j
        text = self.s[self.i + 1:j]
        self.i = j + 1
        return text

    def read_key(self) -> List[str]:
        parts = []
        while self.i < self.n:
            self.skip_ws()
            ch = self.s[self.i] if self.i < self.n else ""
            if ch == '"':
                parts.append(self.read_basic())
            elif ch == "'":
                parts.append(self.read_literal())
            else:
                m = _BARE_KEY.match(self.s, self.i)
                if not m:
                    break
                parts.append(m.group(0))
                self.i = m.end()
            self.skip_ws()
            if self.i < self.n and self.s[self.i] == ".":
                self.i += 1
                continue
            break
        return parts

    def skip_multiline(self, quote: str) -> None:
        q, j = quote[0], self.i + 3
        while True:
            end = self.s.find(quote, j)
            if end < 0:
                self.i = self.n
                return
            backslashes = 0
            while q == '"' and end - backslashes - 1 >= 0 and self.s[end - backslashes - 1] == "\\":
                backslashes += 1
            if backslashes % 2:
                j = end + 1
                continue
            end += 3
            # up to two more quotes right before the closing ones are content
            extra = 0
            while end < self.n and self.s[end] == q and extra < 2:
                end += 1
                extra += 1
            self.i = end
            return

    # -- values -----------------------------------------------------------
    def value(self, path: Tuple[Segment, ...]) -> None:
        self.skip_ws()
        self.record(path, self.i)
        s = self.s
        if s.startswith('"""', self.i):
            self.skip_multiline('"""')
        elif s.startswith("'''", self.i):
            self.skip_multiline("'''")
        elif self.i < self.n and s[self.i] == '"':
            self.read_basic()
        elif self.i < self.n and s[self.i] == "'":
            self.read_literal()
        elif self.i < self.n and s[self.i] == "[":
            self.array(path)
        elif self.i < self.n and s[self.i] == "{":
            self.inline_table(path)
        else:
            while self.i < self.n and s[self.i] not in ",]}#\n":
                self.i += 1

    def array(self, path: Tuple[Segment, ...]) -> None:
        self.i += 1
        index = 0
        while self.i < self.n:
            self.skip_ws(newlines=True)
            if self.i >= self.n:
                return
            if self.s[self.i] == "]":
                self.i += 1
                return
            if self.s[self.i] == ",":
                self.i += 1
                continue
            self.value(path + (index,))
            index += 1

    def inline_table(self, path: Tuple[Segment, ...]) -> None:
        self.i += 1
        while self.i < self.n:
            self.skip_ws(newlines=True)
            if self.i >= self.n:
                return
            ch = self.s[self.i]
            if ch == "}":
                self.i += 1
                return
            if ch == ",":
                self.i += 1
                continue
            if not self.key_value(path):
                self.i += 1

    def key_value(self, base: Tuple[Segment, ...]) -> bool:
        """`a.b = value` under `base`; False when no key starts here."""
        start = self.i
        key = self.read_key()
        if not key:
            return False
        for depth in range(1, len(key)):  # dotted keys create tables too
            self.record(base + tuple(key[:depth]), start)
        self.skip_ws()
        if self.i < self.n and self.s[self.i] == "=":
            self.i += 1
        self.value(base + tuple(key))
        return True

    # -- document ---------------------------------------------------------
    def document(self) -> Dict[str, Tuple[int, int]]:
        table: Tuple[Segment, ...] = ()
        aot_counts: Dict[Tuple[Segment, ...], int] = {}

        def resolve(parts: List[str]) -> Tuple[Segment, ...]:
            return _resolve(parts, aot_counts)

        s, positions, simple, blank = self.s, self.positions, _SIMPLE_LINE.match, _BLANK.match
        prefix = ""  # format_path(table)
        while self.i < self.n:
            gap = blank(s, self.i)
            assert gap is not None  # _BLANK matches the empty string too
            self.i = gap.end()
            if self.i >= self.n:
                break
            ch = s[self.i]
            start = self.i
            if ch != "[":
                m = simple(s, self.i)
                if m is not None:
                    key = m.group(1)
                    positions.setdefault(f"{prefix}.{key}" if prefix else key, self.pos(m.start(2)))
                    self.i = m.end()
                    continue
            if ch == "[":
                is_aot = self.s.startswith("[[", self.i)
                self.i += 2 if is_aot else 1
                parts = self.read_key()
                if is_aot:
                    base = resolve(parts[:-1]) + (parts[-1],) if parts else ()
                    index = aot_counts.get(base, 0)
                    aot_counts[base] = index + 1
                    table = base + (index,)
                    self.record(base, start)
                else:
                    table = resolve(parts)
                self.record(table, start)
                prefix = format_path(table)
                self.skip_line()
                continue
            if not self.key_value(table):
                self.skip_line()
                continue
            self.skip_ws()
            if self.i < self.n and self.s[self.i] == "#":
                self.skip_line()
        return self.positions


def toml_positions(text: str) -> Dict[str, Tuple[int, int]]:
    """Map every value path in `text` (valid TOML) to its (line, column)."""
    scanner = _Scanner(text)
    positions = scanner.document()
    positions.setdefault("", (1, 1))
    return positions


# --- positions on demand ------------------------------------------------------
#
# A form with findings needs the positions of a handful of paths, not of every
# value. Most forms are "plain": every line is blank, a comment, a table
# header of bare keys, or `bare_key = value` on one line (a string without
# escapes, a number, a date, a boolean). For such a text the scanner's result
# is fixed by the headers alone plus one line per key, so `lazy_positions`
# indexes the headers and finds a key's line only when asked. Any other text
# gets the full scan. Both give the same answer for every path. Each line of
# the plain pattern can match in one way only, so a text that is not plain
# fails in linear time.

_KEY = r"[A-Za-z0-9_\-]+"
_SCALAR = r"(?:\"[^\"\\\n]*\"(?!\")|'[^'\n]*'(?!')|[^\s#,\[\]{}\"']+)"
_ARRAY = rf"\[[ \t]*(?:{_SCALAR}[ \t]*,[ \t]*)*(?:{_SCALAR}[ \t]*)?\]"
_PLAIN_VALUE = rf"(?:{_SCALAR}|{_ARRAY})"
_COMMENT = r"(?:#[^\n]*)?"
# A plain line that is not a header: blank, a comment, or `key = value`.
_BODY_LINE = rf"[ \t\r]*(?:#[^\n]*|{_KEY}[ \t]*=[ \t]*{_PLAIN_VALUE}[ \t\r]*{_COMMENT})?"
_KEY_LINES: Dict[str, "re.Pattern[str]"] = {}


# The patterns of the lazy map, each compiled on first use (base/lazyre.py):
# a run whose forms have no findings never needs them, and only a finding on
# an item of a one-line array needs the last two.
#
# The plain lines up to and including the next header (groups: the header
# line, its brackets, its dotted key, its line end), or else up to the end of
# the text: a text is plain iff it is a sequence of these, so matching them
# one after the other decides plainness and finds the headers in one pass.
# A header line cannot be a body line nor the reverse (one starts with `[`,
# the other cannot), so the split is the only one.
_RUN_RE = lazy(rf"(?:{_BODY_LINE}\n)*(?:([ \t\r]*(\[\[?)[ \t]*({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*\]\]?"
               rf"[ \t\r]*{_COMMENT})(\n|\Z)|{_BODY_LINE}\Z)")
_PATH_KEY_RE = lazy(rf"(?:^|\.)({_KEY})(?:\[(\d+)\])?\Z")
_ARRAY_RE = lazy(_ARRAY)
_SCALAR_RE = lazy(_SCALAR)


def lazy_positions(text: str) -> Mapping[str, Tuple[int, int]]:
    """`toml_positions(text)`, computed path by path when the text is plain."""
    index = _plain_index(text)
    if index is None:
        return toml_positions(text)
    return _LazyPositions(text, *index)


Bodies = Dict[str, Tuple[int, int, int]]  # table prefix -> start, end, line of its body


def _plain_index(text: str) -> Optional[Tuple[Dict[str, Tuple[int, int]], Bodies]]:
    """Header paths and table bodies, as `_Scanner.document` resolves them;
    None when the text is not plain."""
    headers: Dict[str, Tuple[int, int]] = {}
    bodies: Bodies = {}
    aot_counts: Dict[Tuple[Segment, ...], int] = {}
    base_paths: Dict[Tuple[Segment, ...], str] = {}
    match, count = _RUN_RE.match, text.count
    prefix, body_start, body_line = "", 0, 1
    while True:
        m = match(text, body_start)
        if m is None:
            return None
        header, brackets, dotted, newline = m.groups()
        if header is None:  # the last run: to the end of the text
            break
        # a run starts a line, so the header line starts where its body ends
        line_start, start = m.start(1), m.start(2)
        bodies.setdefault(prefix, (body_start, line_start, body_line))
        line = body_line + count("\n", body_start, start)
        pos = (line, start - line_start + 1)
        # a key with no dot is one bare key: nothing to split or strip
        parts = [p.strip(" \t") for p in dotted.split(".")] if "." in dotted else [dotted]
        if brackets == "[[":
            base = _resolve(parts[:-1], aot_counts) + (parts[-1],) if len(parts) > 1 else (dotted,)
            index = aot_counts.get(base, 0)
            aot_counts[base] = index + 1
            base_path = base_paths.get(base)
            if base_path is None:
                base_path = base_paths[base] = format_path(base)
            headers.setdefault(base_path, pos)
            prefix = f"{base_path}[{index}]"  # format_path(base + (index,))
        else:
            prefix = format_path(_resolve(parts, aot_counts))
        headers.setdefault(prefix, pos)
        body_start = m.end()
        body_line = line + 1 if newline else line
    bodies.setdefault(prefix, (body_start, len(text), body_line))
    return headers, bodies


class _LazyPositions(Mapping):
    def __init__(self, text: str, headers: Dict[str, Tuple[int, int]], bodies: Bodies):
        self.text = text
        self._full: Optional[Dict[str, Tuple[int, int]]] = None
        self._headers = headers
        self._bodies = bodies

    # -- the Mapping protocol: a lookup is on demand, a walk scans it all ---
    def __getitem__(self, path: str) -> Tuple[int, int]:
        pos = self.get(path)
        if pos is None:
            raise KeyError(path)
        return pos

    def __iter__(self) -> Iterator[str]:
        return iter(self._scan())

    def __len__(self) -> int:
        return len(self._scan())

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.get(path) is not None

    def get(self, path, default=None):
        if self._full is not None:
            return self._full.get(path, default)
        if not isinstance(path, str):
            return default
        if path == "":
            return (1, 1)  # toml_positions maps the root to the top
        pos = self._headers.get(path)
        if pos is not None:
            return pos
        m = _PATH_KEY_RE.search(path)
        if m is None or m.start() == 0 and path[0] == ".":
            return default
        body = self._bodies.get(path[:m.start()])
        if body is None:
            return default
        key, index = m.group(1), m.group(2)
        pattern = _KEY_LINES.get(key)
        if pattern is None:
            pattern = _KEY_LINES[key] = re.compile(rf"^[ \t\r]*{re.escape(key)}[ \t]*=[ \t]*", re.M)
        body_start, body_end, body_line = body
        line = pattern.search(self.text, body_start, body_end)
        if line is None:
            return default
        if index is None:
            return self._pos(line.end(), body_start, body_line)
        # an item of a one-line array of plain values: its n-th value
        array = _ARRAY_RE.match(self.text, line.end())
        if array is None or str(int(index)) != index:
            return default
        items = _SCALAR_RE.finditer(self.text, array.start() + 1, array.end() - 1)
        for i, item in enumerate(items):
            if i == int(index):
                return self._pos(item.start(), body_start, body_line)
        return default

    # -- internals -----------------------------------------------------------
    def _scan(self) -> Dict[str, Tuple[int, int]]:
        if self._full is None:
            self._full = toml_positions(self.text)
        return self._full

    def _pos(self, offset: int, base: int, line: int) -> Tuple[int, int]:
        """(line, column) of `offset`, counting lines from `base` (on `line`)."""
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        return line + text.count("\n", base, offset), offset - start + 1
