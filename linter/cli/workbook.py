"""Commands for workbooks: `jxlint convert` and `jxlint template`.

Standalone click commands that `cli.py` adds to the `jxlint` group. They
import click only; the work (and openpyxl) is imported when a command runs.
A file that cannot be converted or written is a message naming the file and
exit code 2, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

import click

from linter.cli.common import fail as _fail

LANGS = ("zh", "en")


@click.command("convert")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="输出：FORM.toml、目录/（多个表单），或 FORM.xlsx（从 TOML 生成国家版式工作簿） / "
                   "output: FORM.toml, DIR/ (many forms), or FORM.xlsx (national workbook from a TOML form)")
@click.option("--template", metavar="NAME", default=None,
              help="按指定版式读取，不自动识别 / read with this layout instead of detecting it")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件（从不覆盖输入） / overwrite existing outputs "
                                            "(never the input)")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="消息语言 / message language")
def convert_command(source: Path, output: Path, template, force: bool, lang: str) -> None:
    """表格与 TOML 表单互相转换 / Convert workbooks and tables to TOML forms, and back.

    \b
    jxlint convert 自评表.xlsx -o 表单.toml
    jxlint convert longgang-2020.tsv -o forms/        # 一行一个项目 -> 每行一个文件
    jxlint convert 表单.toml -o 自评表.xlsx            # 填好的国家版式工作簿
    """
    from linter.writers.convert import convert
    from linter.writers.outfiles import OutputError

    try:
        result = convert(source, output, template=template, force=force, lang=lang)
    except OutputError as exc:
        _fail(str(exc))
        return
    for note in result.notes:
        click.echo(note, err=True)
    for path in result.written:
        click.echo(f"已写入 / wrote {path}")


@click.command("template")
@click.option("--kind", type=click.Choice(("self-evaluation", "target")), default="self-evaluation",
              show_default=True, help="自评表或绩效目标申报表 / self-evaluation or target declaration")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="输出的 .xlsx 文件 / the .xlsx file to write")
@click.option("--force", is_flag=True, help="覆盖已存在的文件 / overwrite an existing file")
def template_command(kind: str, output: Path, force: bool) -> None:
    """生成空白的国家版式工作簿 / Write a blank national-layout workbook.

    一级、二级指标列带下拉列表（指标体系见 jxlint rules）。
    The 一级/二级 columns carry drop-down lists of the indicator framework.
    """
    from linter.writers.outfiles import OutputError, workbook_bytes, write_new
    from linter.writers.workbook_template import blank_workbook

    if output.suffix.lower() != ".xlsx":
        _fail(f"{output}: 输出文件应为 .xlsx / the output must be an .xlsx file")
        return
    try:
        path = write_new(output, workbook_bytes(blank_workbook(kind)), force=force)
    except OutputError as exc:
        _fail(str(exc))
        return
    click.echo(f"已写入 / wrote {path}")
