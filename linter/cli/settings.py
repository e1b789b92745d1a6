"""`jxlint check --show-settings FILE`: what applies to one file, and why.

Ruff's `--show-settings`, in the user's terms: which configuration was found
(or none), the rule packs the file is checked with and where each comes from,
the scoring profile, rule selection and adjustments, per-file ignores that
match it, and what fails the run.
"""
from __future__ import annotations

from pathlib import Path
from typing import List

from linter.reporters.text import safe


def describe(path: Path, checker, options, isolated: bool, explicit: bool, lang: str) -> str:
    from linter.engine.discover import folder_suffixes
    from linter.readers import read_file
    zh = lang != "en"
    cfg = checker.resolver.for_file(path)
    engine = checker.engine_for(cfg)
    lines: List[str] = []

    def row(label_zh: str, label_en: str, value: str) -> None:
        lines.append(f"{label_zh if zh else label_en}：{value}" if zh else f"{label_en}: {value}")

    row("文件", "file", safe(path))
    if isolated:
        where = "无（--isolated：忽略所有配置文件）" if zh else "none (--isolated)"
    elif cfg.path is None:
        where = "无（没有找到 jxlint.toml 或 [tool.jxlint]，使用默认设置）" if zh else "none found (defaults)"
    else:
        how = ("--config 指定" if explicit else "从文件所在目录向上查找到") if zh else \
            ("given with --config" if explicit else "found up the tree")
        where = f"{safe(cfg.path)}（{how}）" if zh else f"{safe(cfg.path)} ({how})"
    row("配置", "configuration", where)
    form = None
    if path.suffix.lower() in folder_suffixes() or path.suffix.lower() == ".toml":
        try:
            result = read_file(path, str(path), **dict(options.read_options))
            form = result.forms[0] if result.forms else None
        except Exception:  # noqa: BLE001 - a file that cannot be read is shown without its own packs
            form = None
    policy = engine.policy
    lines.append("规则包：" if zh else "packs:")
    lines.append(f"  core（{'基础规则，总是启用' if zh else 'the base rules, always on'}）")
    for name, why in policy.pack_reasons(form, lang):
        lines.append(f"  {safe(name)}（{safe(why)}）")
    select = list(options.select) or list(cfg.select)
    ignore = list(options.ignore) or list(cfg.ignore)
    chosen = []
    if select:
        chosen.append(f"select = {', '.join(select)}" + ("（命令行）" if options.select and zh else ""))
    if cfg.extend_select:
        chosen.append(f"extend-select = {', '.join(cfg.extend_select)}")
    if ignore:
        chosen.append(f"ignore = {', '.join(ignore)}" + ("（命令行）" if options.ignore and zh else ""))
    row("规则选择", "rule selection", "；".join(chosen) if chosen else ("全部规则" if zh else "every rule"))
    if cfg.severity:
        row("级别调整", "severity", ", ".join(f"{k} = {v}" for k, v in sorted(cfg.severity.items())))
    if cfg.params:
        row("参数调整", "params", ", ".join(f"{k}: {dict(v)}" for k, v in sorted(cfg.params.items())))
    from linter.policy.config import glob_matches
    rel = cfg.relative(path)
    matching = [f"{pattern} → {', '.join(codes)}" for pattern, codes in cfg.per_file_ignores
                if rel is not None and glob_matches(rel, pattern)]
    if matching:
        row("按文件忽略", "per-file ignores", "；".join(matching))
    recorded = [e for e in cfg.ignores if rel is not None and glob_matches(rel, e.get("file", ""))]
    if recorded:
        row("记录的忽略", "recorded ignores", "；".join(f"{e['code']}（{e.get('reason', '')}）" for e in recorded))
    fail_on = cfg.fail_on or "error"
    likely = cfg.fail_on_likely if cfg.fail_on_likely is not None else True
    row("退出码", "exit code", f"fail-on = {fail_on}，fail-on-likely = {'true' if likely else 'false'}" if zh
        else f"fail-on = {fail_on}, fail-on-likely = {'true' if likely else 'false'}")
    row("语言", "language", cfg.lang or "zh")
    excluded = cfg.excludes(path)
    row("排除", "excluded", ("是（配置 exclude）" if excluded else "否") if zh else ("yes" if excluded else "no"))
    return "\n".join(lines) + "\n"
