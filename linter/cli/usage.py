"""Usage errors in the user's language. click words its errors in English
("Invalid value for '--format'", "Missing argument 'PATHS...'"); the
`jxlint` group catches them and says the same in Chinese, or in English with
`--lang en`, on one line after `jxlint: `, with the way to the help. The
exit code stays click's: 2 for a usage error.

`--lang` is read from the command line before click parses it (a usage error
may come before, or instead of, the parsed value)."""
from __future__ import annotations

import re
import sys
from typing import Optional, Sequence

import click

LANGS = ("zh", "en")
_VALUE_RE = re.compile(r"^'(.*?)' is not ")
# click >= 8.2 raises this for `jxlint` alone (it prints the help); 8.1 exits 0
_HELP_ONLY = getattr(click.exceptions, "NoArgsIsHelpError", ())


def argv_lang(args: Sequence[str]) -> str:
    """The language the command line asks for: the last valid `--lang`, else zh."""
    lang = "zh"
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang="):] if arg.startswith("--lang=") else (
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None)
        if value in LANGS:
            lang = value
    return lang


def _join(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


def _hint(exc: click.exceptions.ClickException, ctx) -> str:
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        if isinstance(param, click.Option):
            hint = " / ".join(param.opts)
        else:
            hint = (param.metavar or param.name or "").upper()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return str(hint or "").strip("'\"")


def describe(exc: click.exceptions.ClickException, lang: str) -> str:
    """One line saying what is wrong with the command line, in `lang`."""
    zh = lang == "zh"
    ctx = getattr(exc, "ctx", None)
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, click.exceptions.NoSuchOption):
        text = f"没有选项 {exc.option_name}" if zh else f"no such option {exc.option_name}"
        if exc.possibilities:
            text += (f"（是否应为 {_join(sorted(exc.possibilities), lang)}？）" if zh
                     else f" (did you mean {_join(sorted(exc.possibilities), lang)}?)")
        return text
    if isinstance(exc, click.exceptions.BadOptionUsage):
        name = exc.option_name
        if "requires" in message:
            return f"选项 {name} 后面要写一个值" if zh else f"option {name} needs a value"
        if "does not take a value" in message:
            return f"选项 {name} 不接受值" if zh else f"option {name} takes no value"
        return f"选项 {name} 的用法不对（{message}）" if zh else f"option {name}: {message}"
    if isinstance(exc, click.exceptions.MissingParameter):
        hint = _hint(exc, ctx)
        kind = getattr(exc, "param_type", None) or ("option" if isinstance(exc.param, click.Option)
                                                    else "argument")
        if kind == "argument":
            return (f"缺少参数 {hint}：请给出要处理的文件或目录" if zh and "PATH" in hint
                    else f"缺少参数 {hint}" if zh else f"missing argument {hint}")
        return f"缺少选项 {hint}" if zh else f"missing option {hint}"
    if isinstance(exc, click.BadParameter):
        hint = _hint(exc, ctx)
        ptype = getattr(getattr(exc, "param", None), "type", None)
        found = _VALUE_RE.match(message)
        value = f"“{found.group(1)}”" if zh and found else f"'{found.group(1)}'" if found else ""
        if isinstance(ptype, click.Choice):
            choices = _join(ptype.choices, lang)
            return (f"{hint} 的值{value}不可用；可选：{choices}" if zh
                    else f"invalid value {value + ' ' if value else ''}for {hint}; choose from {choices}")
        if isinstance(ptype, click.types._NumberRangeBase):
            low, high = ptype.min, ptype.max
            span = (f" {low} 到 {high} 之间的整数" if zh else f"a whole number from {low} to {high}")
            return f"{hint} 应为{span}" if zh else f"{hint} must be {span}"
        if isinstance(ptype, click.types.IntParamType):
            return f"{hint} 应为一个整数" if zh else f"{hint} must be a whole number"
        if isinstance(ptype, click.Path) and "is a directory" in message:
            return f"{hint} 应为文件，不是目录" if zh else f"{hint} must be a file, not a folder"
        return f"{hint} 的值不可用（{message}）" if zh else f"invalid value for {hint}: {message}"
    if isinstance(exc, click.UsageError):
        name = getattr(exc, "command_name", None)
        found = re.match(r"No such command '(.*)'", message)
        if name or found:
            name = name or (found.group(1) if found else "")
            commands = _join(sorted(ctx.command.list_commands(ctx)), lang) if ctx is not None and \
                isinstance(ctx.command, click.Group) else ""
            return (f"没有命令 {name}；可用命令：{commands}" if zh
                    else f"no such command {name}; commands: {commands}")
        if message.startswith("Missing command"):
            return "缺少命令" if zh else "missing command"
        extra = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
        if extra:
            return f"多余的参数：{extra.group(1)}" if zh else f"unexpected extra argument(s): {extra.group(1)}"
    return message


def show(exc: click.exceptions.ClickException, lang: str, where: str = "jxlint") -> None:
    """What click's `exc.show()` prints, in `lang`: the problem, then how to
    get help (for the command in `where` when the error does not say)."""
    ctx = getattr(exc, "ctx", None)
    head = "用法错误：" if lang == "zh" else "usage error: "
    click.echo(f"jxlint: {head}{describe(exc, lang)}", err=True)
    if isinstance(exc, click.UsageError):
        where = ctx.command_path if ctx is not None else where
        flag = ctx.help_option_names[0] if ctx is not None and ctx.help_option_names else "-h"
        click.echo(f"运行 {where} {flag} 查看用法" if lang == "zh" else f"Run {where} {flag} for usage.",
                   err=True)


class Group(click.Group):
    """The `jxlint` group: click's parsing, jxlint's words for its errors."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name=None, complete_var=None,
             standalone_mode: bool = True, **extra):
        if args is None:
            args = sys.argv[1:]
        args = list(args)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        lang = argv_lang(args)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _HELP_ONLY as exc:
            exc.show()  # `jxlint` alone: the help, as click prints it
            sys.exit(exc.exit_code)
        except click.exceptions.ClickException as exc:
            command = args[0] if args and args[0] in self.commands else ""
            show(exc, lang, f"jxlint {command}".strip())
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("jxlint: 已中止" if lang == "zh" else "jxlint: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
