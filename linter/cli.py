"""The `jxlint` command. Everything but click is imported inside commands, so
`jxlint --version` and a pre-commit run on one form start fast."""
from __future__ import annotations

import sys

import click

from . import __version__
from .reporters import FORMATS

LANGS = ("zh", "en")


def _lang_option(func):
    return click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                        help="消息语言 / message language")(func)


def _pack_option(func):
    return click.option("--pack", "packs", multiple=True, metavar="NAME",
                        help="在 core 之外启用的规则包（名称或 .toml 路径），可重复 / extra pack, repeatable")(func)


def _fail(message: str, code: int = 2):
    click.echo(f"jxlint: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jxlint")
def main():
    """jxlint：预算绩效目标表 / 自评表检查工具。

    \b
    jxlint check examples/      检查文件或目录
    jxlint rules                列出全部规则
    jxlint explain V001         查看规则说明和示例
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="输出格式 / output format")
@_lang_option
@_pack_option
@click.option("--profile", metavar="NAME", default=None,
              help="计分口径（表单未写 profile 时使用），默认 national / scoring profile for forms "
                   "that name none (default national)")
@click.option("--debug", is_flag=True, hidden=True, help="show tracebacks of internal errors")
def check(paths, fmt, lang, packs, profile, debug):
    """检查表单（文件或目录，目录递归查找 .toml）。

    退出码：0 没有错误级问题；1 有错误级问题；2 有文件无法检查或用法错误。
    """
    from .discover import discover
    from .engine import Engine, RuleCrash
    from .findings import Summary
    from .packs import PackError
    from .reporters import get

    try:
        engine = Engine(packs=list(packs), lang=lang, profile=profile)
    except PackError as exc:
        if profile:
            from .engine import available_profiles
            _fail(f"计分口径 “{profile}” 不可用；可用：{', '.join(available_profiles())} "
                  f"(unknown profile)\n  " + "\n  ".join(exc.problems))
        _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
    files = discover(paths)
    summary = Summary()
    findings = []
    for path, display in files:
        summary.files += 1
        try:
            report = engine.check_file(path, display)
        except Exception as exc:  # the error boundary: name the file, keep going
            if debug:
                raise
            where = f"规则 {exc.rule.code} " if isinstance(exc, RuleCrash) else ""
            error = exc.error if isinstance(exc, RuleCrash) else exc
            click.echo(f"jxlint: {display}: {where}内部错误 (internal error): "
                       f"{type(error).__name__}: {error}；请用 --debug 重试并报告此问题", err=True)
            summary.files_stopped += 1
            continue
        if report.stopped:
            summary.files_stopped += 1
        for finding in report.findings:
            summary.add(finding)
        findings.extend(report.findings)
    if not files:
        _fail("没有找到要检查的表单文件 (no form files found)")
    click.echo(get(fmt)(findings, summary, lang), nl=False)
    sys.exit(summary.exit_code())


@main.command()
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text",
              show_default=True, help="markdown: docs/rules.md（--checks 时为 docs/checks.md）")
@click.option("--checks", "show_checks", is_flag=True,
              help="列出检查函数词汇表（规则作者用）/ list the check vocabulary")
@_lang_option
@_pack_option
def rules(fmt, show_checks, lang, packs):
    """列出全部规则包中的规则。"""
    from .packs import PackError, PackLoader, available_packs

    if fmt == "markdown":  # the generated docs (python -m linter.docgen)
        if packs:
            _fail("--format markdown 只说明内置规则包，不接受 --pack "
                  "(--format markdown documents the built-in packs only)")
        from . import docgen
        try:
            text = docgen.checks_markdown() if show_checks else docgen.rules_markdown()
        except PackError as exc:
            _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
        click.echo(text, nl=False)
        return

    if show_checks:
        from .explain import describe_checks
        click.echo(describe_checks(fmt))
        return

    try:
        ruleset = PackLoader().ruleset(available_packs() + list(packs))
    except PackError as exc:
        _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
    if fmt == "json":
        import json
        items = [dict(rule.to_summary(lang), basis=rule.basis) for rule in ruleset.rules]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    from .reporters.text import SEVERITY_LABEL, pad
    labels = SEVERITY_LABEL[lang]
    for rule in ruleset.rules:
        click.echo(f"{rule.code}  {pad(rule.slug, 31)} {pad(labels[rule.severity], 8)} "
                   f"{pad(rule.pack, 18)} {rule.title.get(lang, '')}")


@main.command()
@click.argument("code")
@_lang_option
@_pack_option
def explain(code, lang, packs):
    """说明一条规则：检查什么、为什么、依据、错误和正确示例。"""
    from .explain import explain_rule
    from .packs import PackError, PackLoader, available_packs

    ruleset_loader = PackLoader()
    try:
        ruleset = ruleset_loader.ruleset(available_packs() + list(packs))
    except PackError as exc:
        _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
    rule = ruleset.rule(code)
    if rule is None:
        _fail(f"没有规则 {code}；用 jxlint rules 查看全部规则 (no rule {code}; see `jxlint rules`)")
    click.echo(explain_rule(rule, lang, loader=ruleset_loader))


def run():
    """Console entry point: `jxlint ... | head` must not end in a traceback."""
    try:
        main()
    except BrokenPipeError:
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    run()
