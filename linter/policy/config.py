"""Project configuration: `jxlint.toml`, `.jxlint.toml` or `[tool.jxlint]`.

A forms repository keeps its settings beside its forms, as with Ruff or
yamllint. For each checked file the nearest configuration up the directory
tree applies (`--config FILE` overrides the search, `--isolated` ignores
every file). Relative paths and globs in a configuration are relative to
the directory it lives in.

The file is data validated against `SCHEMA` (cerberus dialect, fast path
first, like forms and packs); a misspelt key is refused with the nearest
known key, and every problem names the file and line.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.base.digest import hexdigest
from linter.base.problems import DataError
from linter.base.toml_positions import toml_positions
from linter.model.findings import SEVERITIES
from linter.base.sourcemap import SourceMap, format_path
from linter.base.validate import describe, explain, is_valid

CONFIG_FILES = ("jxlint.toml", ".jxlint.toml", "pyproject.toml")

_CODES = {"type": "list", "schema": {"type": "string", "maxlength": 60}}
SCHEMA = {
    "packs": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
    # packs not to use even where their [applies] match (`!name` in packs does the same)
    "ignore-packs": {"type": "list", "schema": {"type": "string", "maxlength": 200}},
    "profile": {"type": "string", "maxlength": 60},
    "select": _CODES,
    "extend-select": _CODES,
    "ignore": _CODES,
    "severity": {"type": "dict", "keysrules": {"type": "string"},
                 "valuesrules": {"type": "string", "allowed": list(SEVERITIES)}},
    "params": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "dict"}},
    "per-file-ignores": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _CODES},
    "ignores": {"type": "list", "schema": {"type": "dict", "schema": {
        "file": {"type": "string", "required": True},
        "code": {"type": "string", "required": True},
        "indicator": {"type": "string"},
        "path": {"type": "string"},
        "reason": {"type": "string", "required": True, "minlength": 1},
    }}},
    "exclude": {"type": "list", "schema": {"type": "string", "maxlength": 500}},
    "lang": {"type": "string", "allowed": ["zh", "en"]},
    "fail-on": {"type": "string", "allowed": list(SEVERITIES)},
    "fail-on-likely": {"type": "boolean"},
    "baseline": {"type": "string", "maxlength": 500},
}

@dataclass(frozen=True)
class Config:
    """Settings for the files under `root`. Empty fields mean "not set"."""

    path: Optional[Path] = None
    root: Path = field(default_factory=Path.cwd)
    packs: Tuple[str, ...] = ()
    ignore_packs: Tuple[str, ...] = ()
    profile: Optional[str] = None
    select: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    ignores: Tuple[Mapping[str, str], ...] = ()
    exclude: Tuple[str, ...] = ()
    lang: Optional[str] = None
    fail_on: Optional[str] = None
    fail_on_likely: Optional[bool] = None
    baseline: Optional[str] = None
    digest: str = ""  # of the file's bytes: part of the cache key
    # Where each key was written (built only when a message needs a line).
    source_map: SourceMap = field(default_factory=SourceMap, compare=False, repr=False)
    key_prefix: Tuple[str, ...] = ()   # ("tool", "jxlint") in a pyproject.toml

    def where(self, *segments) -> str:
        """`file:line` of a key of this configuration, for a problem with it."""
        if self.path is None:
            return "config"
        pos = self.source_map.locate(format_path(self.key_prefix + tuple(segments)))
        return f"{self.path}:{pos[0] if pos else 1}"

    # -- which rules ---------------------------------------------------------
    def selects(self, code: str, slug: str = "") -> bool:
        """Ruff-style selection: `select` (default: every rule) plus
        `extend-select`, minus `ignore`; entries are codes, code prefixes
        (V, V00) or slugs, and ALL."""
        chosen = (not self.select or _matches(self.select, code, slug)
                  or _matches(self.extend_select, code, slug))
        return chosen and not _matches(self.ignore, code, slug)

    def ignored_for(self, file: Path, code: str, slug: str = "") -> bool:
        """`per-file-ignores`: glob (relative to the config) -> codes."""
        if not self.per_file_ignores:
            return False
        rel = self.relative(file)
        if rel is None:
            return False
        return any(_glob(rel, pattern) and _matches(codes, code, slug)
                   for pattern, codes in self.per_file_ignores)

    def excludes(self, file: Path) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(file)
        return rel is not None and any(_glob(rel, pattern) for pattern in self.exclude)

    def relative(self, file: Path) -> Optional[str]:
        try:
            return PurePosixPath(Path(os.path.abspath(file)).relative_to(os.path.abspath(self.root))).as_posix()
        except ValueError:
            return None

    @property
    def has_rule_changes(self) -> bool:
        return bool(self.select or self.extend_select or self.ignore or self.severity or self.params)


def _matches(entries: Sequence[str], code: str, slug: str) -> bool:
    for entry in entries:
        e = entry.strip()
        if e.upper() == "ALL" or (e and code.startswith(e.upper())) or (slug and e.lower() == slug):
            return True
    return False


def _glob(rel: str, pattern: str) -> bool:
    """fnmatch on the path relative to the config; a pattern without a slash
    also matches the file name anywhere (like .gitignore)."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*"):
        return True
    if "/" not in pattern:
        return fnmatch.fnmatchcase(PurePosixPath(rel).name, pattern) or any(
            fnmatch.fnmatchcase(part, pattern) for part in PurePosixPath(rel).parts[:-1])
    return False


# what `--show-settings` uses to say which entries match a file
glob_matches = _glob


def load_config(path: Path) -> Optional[Config]:
    """Read one configuration file; None for a pyproject.toml without
    [tool.jxlint]. Raises DataError for anything unusable."""
    display = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except OSError as exc:
        raise DataError([f"{display}: 无法读取配置文件 (cannot read config): {exc.strerror or exc}"])
    except UnicodeDecodeError:
        raise DataError([f"{display}: 配置文件不是 UTF-8 编码 (config is not UTF-8)"])
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"{display}: TOML 语法错误 (TOML syntax error): {exc}"])
    prefix: Tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        section = (data.get("tool") or {}).get("jxlint")
        if section is None:
            return None
        data = section
        prefix = ("tool", "jxlint")
    source_map = SourceMap(build=partial(toml_positions, text))
    if not is_valid(data, SCHEMA):
        problems = []
        for p in explain(data, SCHEMA):
            pos = source_map.locate(format_path(prefix + tuple(p.path)))
            text_ = describe(p, "未知配置项")
            problems.append(f"{display}:{pos[0] if pos else 1}: {format_path(p.path) or '配置'}: {text_}")
        raise DataError(problems)
    outside = [ref for ref in data.get("packs") or () if ref.endswith(".toml")
               and not _inside(_pack_ref(ref, path.parent), path.parent)]
    if outside:
        # a configuration that came with a checkout must not make jxlint read
        # (and echo the keys of) any .toml on the machine
        pos = source_map.locate(format_path(prefix + ("packs",)))
        raise DataError([f"{display}:{pos[0] if pos else 1}: packs: 规则包路径 “{ref}” 在配置所在目录之外，"
                         f"不予读取 (a pack path outside the configuration's folder is refused)" for ref in outside])
    return Config(
        path=path, root=path.parent,
        packs=tuple(_pack_ref(p, path.parent) for p in data.get("packs") or ()),
        ignore_packs=tuple(data.get("ignore-packs") or ()),
        profile=data.get("profile"),
        select=tuple(data.get("select") or ()),
        extend_select=tuple(data.get("extend-select") or ()),
        ignore=tuple(data.get("ignore") or ()),
        severity={k.upper(): v for k, v in (data.get("severity") or {}).items()},
        params={k.upper(): dict(v) for k, v in (data.get("params") or {}).items()},
        per_file_ignores=tuple((k, tuple(v)) for k, v in (data.get("per-file-ignores") or {}).items()),
        ignores=tuple(dict(i) for i in data.get("ignores") or ()),
        exclude=tuple(data.get("exclude") or ()),
        lang=data.get("lang"),
        fail_on=data.get("fail-on"),
        fail_on_likely=data.get("fail-on-likely"),
        baseline=data.get("baseline"),
        digest=hexdigest(raw),
        source_map=source_map, key_prefix=prefix,
    )


def _inside(target: str, root: Path) -> bool:
    real, top = os.path.realpath(target), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _pack_ref(ref: str, base: Path) -> str:
    """A pack named by path is relative to the config file."""
    return os.path.abspath(base / ref) if ref.endswith(".toml") else ref


def find_config_file(directory: Path) -> Optional[Path]:
    """The nearest configuration file at or above `directory`."""
    for folder in [directory] + list(directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and b"[tool.jxlint" not in _head(candidate):
                    continue
                return candidate
    return None


def _head(path: Path) -> bytes:
    try:
        return path.read_bytes()[:1_000_000]
    except OSError:
        return b""


class ConfigResolver:
    """Which configuration applies to a file: `--config`, `--isolated`, or
    the nearest file up the tree (cached per directory)."""

    def __init__(self, explicit: Optional[Path] = None, isolated: bool = False):
        self.isolated = isolated
        self._explicit: Optional[Config] = None
        if explicit is not None:
            loaded = load_config(explicit)
            if loaded is None:
                raise DataError([f"{explicit}: 没有 [tool.jxlint] 配置 (no [tool.jxlint] table)"])
            self._explicit = loaded
        self._by_dir: Dict[Path, Config] = {}
        self._by_file: Dict[Path, Config] = {}
        self._by_path: Dict[str, Config] = {}   # a run asks about each file several times

    def for_file(self, file: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        if self.isolated:
            return DEFAULT
        known = self._by_path.get(str(file))
        if known is not None:
            return known
        # the path as given (abspath, not resolve): a symlink loop must not raise,
        # and a linked form takes the configuration of where it is linked
        directory = Path(os.path.abspath(file)).parent
        cached = self._by_dir.get(directory)
        if cached is None:
            found = find_config_file(directory)
            cached = self._load(found) if found else DEFAULT
            self._by_dir[directory] = cached
        self._by_path[str(file)] = cached
        return cached

    def stand_in(self, file: Path, as_if: Path) -> None:
        """`file` (stdin's bytes in a temporary file) takes the configuration
        of `as_if` (its --stdin-filename)."""
        self._by_path[str(file)] = self.for_file(as_if)

    def _load(self, path: Path) -> Config:
        cached = self._by_file.get(path)
        if cached is None:
            cached = load_config(path) or DEFAULT
            self._by_file[path] = cached
        return cached


DEFAULT = Config()

STARTER = '''# jxlint 配置 / jxlint configuration
# 放在表单仓库根目录；每个文件使用离它最近的配置。路径和通配符相对于本文件。
# Put this at the root of a forms repository; each file uses the nearest config.

# 地方标准规则包与计分口径 / local packs and the scoring profile
# packs = ["shenzhen-dangqun"]
# profile = "national"          # national | wuhan-2020 | indicators-90 | indicators-80

# 规则选择：代码、代码前缀或 slug / rule selection: codes, prefixes or slugs
# select = ["ALL"]
# ignore = ["V010"]
# extend-select = []

# 调整严重程度和参数 / change severities and parameters
# [severity]
# V004 = "error"
# [params]
# U008 = { ratio = 1.2 }        # 河北口径：超过目标 120% 须说明

# 按文件忽略（相对于本文件的通配符）/ per-file ignores
# [per-file-ignores]
# "archive/2019/*.toml" = ["S", "X002"]

# 工作簿里的个别问题（必须写理由）/ single findings in workbooks (reason required)
# [[ignores]]
# file = "forms/2022.xlsx"
# indicator = "社区党群服务中心运转达标率"
# code = "V007"
# reason = "口径经财政局确认"

# exclude = ["drafts/"]
# lang = "zh"
# fail-on = "error"             # error | warning | info：达到该级别时退出码为 1
# baseline = ".jxlint-baseline.json"
'''
