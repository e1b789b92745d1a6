"""The `jxlint` command. Everything but click is imported inside commands, so
`jxlint --version` and a pre-commit run on one form start fast."""
from __future__ import annotations

import sys

import click

from linter import __version__
from linter.reporters import FORMATS

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


def _codes(value):
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


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
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="只报告基线之外的新问题 / report only findings not in this baseline")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="把当前全部问题写入基线文件 / record current findings as the baseline")
@click.option("--statistics", is_flag=True, help="按规则统计数量 / counts per rule")
@click.option("-q", "--quiet", is_flag=True, help="每个问题一行，不输出建议和汇总 / one line per finding")
@click.option("--report-unused-ignores", is_flag=True,
              help="报告没有用到的忽略注释（E006）/ report unused suppressions")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="并行进程数（默认：文件多时用全部 CPU）/ worker processes")
@click.option("--no-cache", is_flag=True, help="不读写 .jxlint_cache / do not use the result cache")
@click.option("--template", metavar="NAME", default=None,
              help="工作簿/表格按指定版式读取，不自动识别 / read workbooks and tables with this layout")
@click.option("--annotate", type=click.Path(dir_okay=False), default=None, metavar="OUT.xlsx",
              help="另存一份标注好问题的工作簿（只检查一个工作簿或表格时）/ write a marked-up copy")
@click.option("--debug", is_flag=True, hidden=True, help="show tracebacks of internal errors")
def check(paths, fmt, output, lang, packs, profile, config_file, isolated, select, ignore,
          fail_on, baseline, write_baseline, statistics, quiet, report_unused_ignores, jobs,
          no_cache, template, annotate, debug):
    """检查表单（文件或目录，目录递归查找可读的表单文件）。

    退出码：0 没有达到 --fail-on 级别的问题；1 有；2 有文件无法检查或用法错误。
    """
    from pathlib import Path

    from linter.policy.config import ConfigResolver
    from linter.base.problems import DataError
    from linter.engine.discover import discover
    from linter.model.findings import Summary
    from linter.packs.loader import PackLoader, available_packs
    from linter.reporters import Context, get
    from linter.engine.run import CACHE_DIR, Checker, Options, check_files

    options = Options(packs=tuple(packs), profile=profile, lang=lang,
                      config=Path(config_file) if config_file else None, isolated=isolated,
                      report_unused_ignores=report_unused_ignores, debug=debug,
                      select=_codes(select), ignore=_codes(ignore),
                      read_options=(("template", template),) if template else ())
    try:
        here = ConfigResolver(options.config, isolated).for_file(Path.cwd() / "_")
    except DataError as exc:
        _fail("配置有误 (config error):\n  " + "\n  ".join(exc.problems))
    lang = lang or here.lang or "zh"
    checker = Checker(options, lang)
    files = []
    try:
        found = discover(paths)
        for path, display in found:
            if not checker.resolver.for_file(path).excludes(path):
                files.append((path, display))
        for path, _ in files:  # a broken pack, profile or override fails the run up front
            checker.engine_for(checker.resolver.for_file(path))
        if not files:
            checker.engine_for(here)
    except DataError as exc:
        _fail("配置有误 (config error):\n  " + "\n  ".join(exc.problems))
    except DataError as exc:
        if profile:
            from linter.policy.policy import available_profiles
            _fail(f"计分口径 “{profile}” 不可用；可用：{', '.join(available_profiles())} "
                  f"(unknown profile)\n  " + "\n  ".join(exc.problems))
        _fail("规则包或配置有误 (pack or config error):\n  " + "\n  ".join(exc.problems))
    if not files and found:
        # a pre-commit run on excluded files only: nothing to check is not an error
        if not quiet:
            click.echo("jxlint: 所有文件都被配置排除，没有要检查的 (every file is excluded)", err=True)
        sys.exit(0)
    if not files:
        _fail("没有找到要检查的表单文件 (no form files found)")
    if annotate and (len(files) != 1 or files[0][0].suffix.lower() not in (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")):
        _fail("--annotate 只用于检查单个工作簿或表格 (--annotate needs exactly one workbook or table)")

    cache_dir = None if no_cache else Path(CACHE_DIR)
    if cache_dir is not None:
        _prepare_cache(cache_dir)
    from linter.cli.progress import Progress
    progress = Progress(len(files), enabled=False if quiet else None)
    try:
        results = check_files(files, options, lang, jobs=jobs, cache_dir=cache_dir, checker=checker,
                              progress=progress.step)
    finally:
        progress.close()
    summary = Summary(fail_on=fail_on or here.fail_on or "error")
    findings = []
    for result in results:
        summary.files += 1
        if result.error:
            click.echo(f"jxlint: {result.error}", err=True)
            summary.files_stopped += 1
            continue
        if result.stopped:
            summary.files_stopped += 1
        findings.extend(result.findings)

    if write_baseline:
        from linter.policy.baseline import write
        count = write(Path(write_baseline), findings)
        click.echo(f"jxlint: 已把 {count} 个问题写入基线 {write_baseline} "
                   f"(wrote {count} findings to the baseline)", err=True)
        sys.exit(2 if summary.files_stopped else 0)
    stale = []
    baseline_path = baseline or (str(here.root / here.baseline) if here.baseline else None)
    if baseline_path:
        from linter.policy.baseline import Baseline, BaselineError
        try:
            findings, stale = Baseline.load(Path(baseline_path)).split(findings, [r.display for r in results])
        except BaselineError as exc:
            _fail(str(exc))
    for finding in findings:
        summary.add(finding)

    rules = {}
    if fmt == "sarif":
        rules = {r.code: r for r in PackLoader().ruleset(available_packs() + list(packs)).rules}
    ctx = Context(lang=lang, rules=rules, files=[r.display for r in results],
                  statistics=statistics, quiet=quiet, stale=stale,
                  views=_views(files, findings, checker) if fmt == "html" else [])
    text = get(fmt)(findings, summary, ctx)
    if annotate:
        _annotate(files[0][0], annotate, findings, lang)
    if output:
        _write_atomic(Path(output), text, [p for p, _ in files])
    else:
        click.echo(text, nl=False)
    sys.exit(summary.exit_code())


def _annotate(src, out, findings, lang):
    from pathlib import Path

    from linter.writers.annotate import annotate_workbook
    from linter.writers.outfiles import OutputError
    try:
        written = annotate_workbook(Path(src), Path(out), findings, lang)
    except OutputError as exc:
        _fail(str(exc))
    click.echo(f"jxlint: 已写入标注后的工作簿 {written} (wrote the marked-up workbook)", err=True)


def _views(files, findings, checker):
    """What the HTML report shows, form by form."""
    from linter.reporters.view import views_of_file
    return [view for path, display in files
            for view in views_of_file(checker.engine_for(checker.resolver.for_file(path)), path, display,
                                      findings)]


def _prepare_cache(directory):
    """Create the cache folder with a .gitignore, as Ruff and pytest do, so it
    never ends up in a forms repository."""
    try:
        directory.mkdir(exist_ok=True)
        marker = directory / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by jxlint\n*\n", encoding="utf-8")
    except OSError:
        pass


def _write_atomic(path, text, inputs):
    """Write a report atomically, replacing an old report but never one of
    the checked files (the same rule every jxlint output follows)."""
    from linter.writers.outfiles import OutputError, write_new
    try:
        write_new(path, text.encode("utf-8"), inputs=inputs, force=True)
    except OutputError as exc:
        _fail(str(exc))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只对本机开放 / address to bind (localhost only by default)")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def serve(host, port, lang):
    """打开一个本地网页：选择或拖入工作簿、表格或 TOML 表单，查看检查报告。"""
    from linter.cli.serve import make_server
    try:
        server = make_server(host, port, lang)
    except OSError as exc:
        _fail(f"无法监听 {host}:{port} (cannot bind): {exc.strerror or exc}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"jxlint: 注意：{host} 不只本机可以访问 (warning: reachable beyond this machine)", err=True)
    click.echo(f"jxlint: 在浏览器中打开 http://{host}:{server.server_address[1]}/ （Ctrl+C 退出）")
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
