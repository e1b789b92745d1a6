"""The `jxlint` command. Everything but click is imported inside commands, so
`jxlint --version` and a pre-commit run on one form start fast."""
from __future__ import annotations

import sys

import click

from linter import __version__
from linter.cli.common import fail as _fail
from linter.cli.usage import LANGS, Group
from linter.reporters import FORMATS


def _lang_option(func):
    return click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                        help="消息语言 / message language")(func)


def _pack_option(func):
    return click.option("--pack", "packs", multiple=True, metavar="NAME",
                        help="在 core 之外启用的规则包（名称或 .toml 路径），可重复 / extra pack, repeatable")(func)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="把报告写入文件（原子写入）/ write the report to a file")
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help="消息语言，默认取配置或 zh / message language")
@_pack_option
@click.option("--profile", metavar="NAME", default=None,
              help="计分口径（表单未写 profile 时使用），默认 national / scoring profile for forms "
                   "that name none (default national)")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="使用这个配置文件，不再逐级查找 / use this config file")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件 / ignore all config files")
@click.option("--select", default=None, metavar="CODES",
              help="只启用这些规则（代码、前缀或 slug，逗号分隔）/ enable only these rules")
@click.option("--ignore", default=None, metavar="CODES", help="停用这些规则 / disable these rules")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default=None,
              help="达到该级别即退出码 1（默认 error）/ least severity that fails the run")
@click.option("--fail-on-likely/--no-fail-on-likely", default=None,
              help="“可能”类问题（分类、粗略产出等语义判断）是否计入退出码（默认计入）/ "
                   "whether likely findings (judgments of meaning) can fail the run")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="只报告基线之外的新问题 / report only findings not in this baseline")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="把当前全部问题写入基线文件 / record current findings as the baseline")
@click.option("--statistics", is_flag=True, help="按规则统计数量 / counts per rule")
@click.option("-q", "--quiet", is_flag=True, help="每个问题一行，不输出建议和汇总，最后提示 jxlint explain / one line per finding, then "
                   "one hint to `jxlint explain`")
@click.option("--report-unused-ignores", is_flag=True,
              help="报告没有用到的忽略注释（E006）/ report unused suppressions")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="并行进程数（默认：文件多或表里项目多时用全部 CPU）/ worker processes")
@click.option("--no-cache", is_flag=True, help="不读写 .jxlint_cache / do not use the result cache")
@click.option("--template", metavar="NAME", default=None,
              help="工作簿/表格按指定版式读取，不自动识别 / read workbooks and tables with this layout")
@click.option("--annotate", type=click.Path(dir_okay=False), default=None, metavar="OUT.xlsx",
              help="另存一份标注好问题的工作簿（只检查一个工作簿或表格时）/ write a marked-up copy")
@click.option("--fix", is_flag=True,
              help="自动修复可机械修复的问题（TOML 原地修改；工作簿另存修正副本）/ apply the fixes rules declare")
@click.option("--diff", is_flag=True, help="只显示 --fix 会改什么，不写文件；有改动时退出码 1 / show what --fix would change")
@click.option("--unsafe-fixes", is_flag=True,
              help="也应用需要确认的修复（如“个”改为“人”）/ also apply fixes that need a person's check")
@click.option("--force", is_flag=True, help="允许覆盖已存在的修正副本 / overwrite an existing fixed copy")
@click.option("--exit-zero", is_flag=True, help="发现问题也以 0 退出（无法检查的文件仍为 2）/ exit 0 even with findings")
@click.option("--show-settings", is_flag=True,
              help="显示这个文件用到的配置、规则包和计分口径及其来源，不检查 / show the settings for the file")
@click.option("--add-ignore", metavar="REASON", default=None,
              help="为当前每个问题写入忽略注释（工作簿写入配置的 [[ignores]]），注明理由 / "
                   "suppress every current finding with this reason")
@click.option("--stdin-filename", metavar="NAME", default=None,
              help="PATH 为 - 时，把标准输入当作这个文件检查 / the name of the form read from stdin (PATH -)")
@click.option("-v", "--verbose", is_flag=True,
              help="先列出每张表用到的规则包及原因 / list the packs each form was checked with, and why")
@click.option("--debug", is_flag=True, hidden=True, help="show tracebacks of internal errors")
def check(**arguments):
    """检查表单（文件或目录，目录递归查找可读的表单文件）。

    退出码：0 没有达到 --fail-on 级别的问题；1 有；2 有文件无法检查或用法错误。
    """
    from linter.cli.check import CheckArgs, run_check
    sys.exit(run_check(CheckArgs(**arguments)))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只对本机开放 / address to bind (localhost only by default)")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="网页和提示的语言 / language of the page and of these messages")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器 / do not open a browser")
def serve(host, port, lang, no_browser):
    """打开一个本地网页：选择或拖入工作簿、表格或 TOML 表单，查看检查报告。

    启动后自动用默认浏览器打开这个网页；关闭这个窗口或按 Ctrl+C 即停止。
    """
    from linter.cli.serve import listening_message, make_server, open_browser
    try:
        server = make_server(host, port, lang)
    except OSError as exc:
        _fail(f"无法监听 {host}:{port} (cannot bind): {exc.strerror or exc}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("jxlint: " + ("注意：{} 不只本机可以访问" if lang == "zh" else
                                 "warning: {} is reachable beyond this machine").format(host), err=True)
    url, text = listening_message(host, server.server_address[1], lang)
    click.echo(text)
    if not no_browser and not open_browser(url):
        click.echo("jxlint: " + ("没能自动打开浏览器，请手动打开上面的地址。" if lang == "zh" else
                                 "could not open a browser; open the address above yourself."), err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="jxlint.toml",
              show_default=True)
def init(output):
    """写一份带注释的 jxlint.toml 起始配置（不覆盖已有文件）。"""
    from pathlib import Path

    from linter.policy.config import STARTER
    path = Path(output)
    if path.exists():
        _fail(f"{path}: 文件已存在，未覆盖 (exists; not overwritten)")
    try:
        with open(path, "x", encoding="utf-8") as out:
            out.write(STARTER)
    except OSError as exc:
        _fail(f"{path}: 无法写入 (cannot write): {exc.strerror or exc}")
    click.echo(f"已写入 {path} (wrote {path})")


@main.command()
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text",
              show_default=True, help="markdown: docs/rules.md（--checks 时为 docs/checks.md）")
@click.option("--checks", "show_checks", is_flag=True,
              help="列出检查函数词汇表（规则作者用）/ list the check vocabulary")
@_lang_option
@_pack_option
def rules(fmt, show_checks, lang, packs):
    """列出全部规则包中的规则。"""
    from linter.packs.loader import PackLoader, available_packs
    from linter.base.problems import DataError

    if fmt == "markdown":  # the generated docs (python -m linter.cli.docgen)
        if packs:
            _fail("--format markdown 只说明内置规则包，不接受 --pack "
                  "(--format markdown documents the built-in packs only)")
        from linter.cli import docgen
        try:
            text = docgen.checks_markdown() if show_checks else docgen.rules_markdown()
        except DataError as exc:
            _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
        click.echo(text, nl=False)
        return

    if show_checks:
        from linter.cli.explain import describe_checks
        click.echo(describe_checks(fmt))
        return

    try:
        ruleset = PackLoader().ruleset(available_packs() + list(packs))
    except DataError as exc:
        _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
    if fmt == "json":
        import json
        items = [dict(rule.to_summary(lang), basis=rule.basis) for rule in ruleset.rules]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    from linter.reporters.text import SEVERITY_LABEL, pad
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
    from linter.cli.explain import explain_rule
    from linter.packs.loader import PackLoader, available_packs
    from linter.base.problems import DataError

    ruleset_loader = PackLoader()
    try:
        ruleset = ruleset_loader.ruleset(available_packs() + list(packs))
    except DataError as exc:
        _fail("规则包有误 (pack error):\n  " + "\n  ".join(exc.problems))
    rule = ruleset.rule(code)
    if rule is None:
        _fail(f"没有规则 {code}；用 jxlint rules 查看全部规则 (no rule {code}; see `jxlint rules`)")
    click.echo(explain_rule(rule, lang, loader=ruleset_loader))


from linter.cli.workbook import convert_command, template_command  # noqa: E402 (click only)

main.add_command(convert_command)
main.add_command(template_command)


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
