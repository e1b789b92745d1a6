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
from typing import Dict, List, Tuple

from ..sourcemap import Segment, format_path

_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


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
            current: Tuple[Segment, ...] = ()
            for part in parts:
                current = current + (part,)
                if current in aot_counts:
                    current = current + (aot_counts[current] - 1,)
            return current

        while self.i < self.n:
            self.skip_ws(newlines=True)
            if self.i >= self.n:
                break
            ch = self.s[self.i]
            start = self.i
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
