"""`jxlint check`: the phases of one run, each a small function.

arguments -> configuration and the files to check -> findings (through the
worker pool and the cache) -> baseline -> the report, written or printed.
Usage problems end the run with exit code 2 and one line on stderr.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import click

from linter.base.problems import DataError
from linter.cli.common import UsageProblem, fail


@dataclass(frozen=True)
class CheckArgs:
    """The command line of `jxlint check`, as click parsed it."""

    paths: Tuple[str, ...]
    fmt: str = "text"
    output: Optional[str] = None
    lang: Optional[str] = None
    packs: Tuple[str, ...] = ()
    profile: Optional[str] = None
    config_file: Optional[str] = None
    isolated: bool = False
    select: Optional[str] = None
    ignore: Optional[str] = None
    fail_on: Optional[str] = None
    baseline: Optional[str] = None
    write_baseline: Optional[str] = None
    statistics: bool = False
    quiet: bool = False
    report_unused_ignores: bool = False
    jobs: Optional[int] = None
    no_cache: bool = False
    template: Optional[str] = None
    annotate: Optional[str] = None
    debug: bool = False


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")


def codes(value: Optional[str]) -> Tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


def run_check(args: CheckArgs) -> int:
    """Run the check and return its exit code."""
    try:
        return _run(args)
    except UsageProblem as problem:
        fail(str(problem))
        return 2


def _run(args: CheckArgs) -> int:
    from linter.engine.run import Options
    options = Options(packs=tuple(args.packs), profile=args.profile, lang=args.lang,
                      config=Path(args.config_file) if args.config_file else None, isolated=args.isolated,
                      report_unused_ignores=args.report_unused_ignores, debug=args.debug,
                      select=codes(args.select), ignore=codes(args.ignore),
                      read_options=(("template", args.template),) if args.template else ())
    here, checker, files, found = _setup(args, options)
    if not files and found:
        # a pre-commit run on excluded files only: nothing to check is not an error
        if not args.quiet:
            click.echo("jxlint: 所有文件都被配置排除，没有要检查的 (every file is excluded)", err=True)
        return 0
    if not files:
        raise UsageProblem("没有找到要检查的表单文件 (no form files found)")
    if args.annotate and (len(files) != 1 or files[0][0].suffix.lower() not in WORKBOOK_SUFFIXES):
        raise UsageProblem("--annotate 只用于检查单个工作簿或表格 (--annotate needs exactly one workbook or table)")
    lang = args.lang or here.lang or "zh"
    results = _check(args, options, lang, checker, files)

    from linter.model.findings import Summary
    summary = Summary(fail_on=args.fail_on or here.fail_on or "error")
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
    if args.write_baseline:
        return _write_baseline(Path(args.write_baseline), findings, summary)
    findings, stale = _apply_baseline(args, here, findings, [r.display for r in results])
    for finding in findings:
        summary.add(finding)
    _report(args, lang, checker, files, results, findings, summary, stale)
    return summary.exit_code()


def _setup(args: CheckArgs, options):
    """The configuration here, the checker, and the files to check. A broken
    pack, profile or override fails the run before any file is read."""
    from linter.engine.discover import discover
    from linter.engine.run import Checker
    from linter.policy.config import ConfigResolver
    try:
        here = ConfigResolver(options.config, args.isolated).for_file(Path.cwd() / "_")
        checker = Checker(options, args.lang or here.lang or "zh")
        found = discover(args.paths)
        files = [(path, display) for path, display in found
                 if not checker.resolver.for_file(path).excludes(path)]
        for path, _ in files:
            checker.engine_for(checker.resolver.for_file(path))
        if not files:
            checker.engine_for(here)
    except DataError as exc:
        if args.profile and any("scoring-" in p for p in exc.problems):
            from linter.policy.policy import available_profiles
            raise UsageProblem(f"计分口径 “{args.profile}” 不可用；可用：{', '.join(available_profiles())} "
                               f"(unknown profile)\n  " + "\n  ".join(exc.problems))
        raise UsageProblem("规则包或配置有误 (pack or config error):\n  " + "\n  ".join(exc.problems))
    return here, checker, files, found


def _check(args: CheckArgs, options, lang: str, checker, files):
    from linter.cli.progress import Progress
    from linter.engine.run import CACHE_DIR, check_files
    cache_dir = None if args.no_cache else Path(CACHE_DIR)
    if cache_dir is not None:
        prepare_cache(cache_dir)
    progress = Progress(len(files), enabled=False if args.quiet else None)
    try:
        return check_files(files, options, lang, jobs=args.jobs, cache_dir=cache_dir, checker=checker,
                           progress=progress.step)
    finally:
        progress.close()


def _write_baseline(path: Path, findings, summary) -> int:
    from linter.policy.baseline import write
    count = write(path, findings)
    click.echo(f"jxlint: 已把 {count} 个问题写入基线 {path} (wrote {count} findings to the baseline)", err=True)
    return 2 if summary.files_stopped else 0


def _apply_baseline(args: CheckArgs, here, findings, displays: Sequence[str]):
    baseline_path = args.baseline or (str(here.root / here.baseline) if here.baseline else None)
    if not baseline_path:
        return findings, []
    from linter.policy.baseline import Baseline, BaselineError
    try:
        return Baseline.load(Path(baseline_path)).split(findings, list(displays))
    except BaselineError as exc:
        raise UsageProblem(str(exc))


def _report(args: CheckArgs, lang: str, checker, files, results, findings, summary, stale) -> None:
    from linter.reporters import Context, get
    rules = {}
    if args.fmt == "sarif":
        from linter.packs.loader import PackLoader, available_packs
        rules = {r.code: r for r in PackLoader().ruleset(available_packs() + list(args.packs)).rules}
    ctx = Context(lang=lang, rules=rules, files=[r.display for r in results],
                  statistics=args.statistics, quiet=args.quiet, stale=stale,
                  views=_views(files, findings, checker) if args.fmt == "html" else [])
    text = get(args.fmt)(findings, summary, ctx)
    if args.annotate:
        _annotate(files[0][0], args.annotate, findings, lang)
    if args.output:
        write_report(Path(args.output), text, [p for p, _ in files])
    else:
        click.echo(text, nl=False)


def _annotate(src: Path, out: str, findings, lang: str) -> None:
    from linter.writers.annotate import annotate_workbook
    from linter.writers.outfiles import OutputError
    try:
        written = annotate_workbook(Path(src), Path(out), findings, lang)
    except OutputError as exc:
        raise UsageProblem(str(exc))
    click.echo(f"jxlint: 已写入标注后的工作簿 {written} (wrote the marked-up workbook)", err=True)


def _views(files, findings, checker) -> List:
    """What the HTML report shows, form by form."""
    from linter.reporters.view import views_of_file
    return [view for path, display in files
            for view in views_of_file(checker.engine_for(checker.resolver.for_file(path)), path, display,
                                      findings)]


def prepare_cache(directory: Path) -> None:
    """Create the cache folder with a .gitignore, as Ruff and pytest do, so it
    never ends up in a forms repository."""
    try:
        directory.mkdir(exist_ok=True)
        marker = directory / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by jxlint\n*\n", encoding="utf-8")
    except OSError:
        pass


def write_report(path: Path, text: str, inputs) -> None:
    """Write a report atomically, replacing an old report but never one of
    the checked files (the same rule every jxlint output follows)."""
    from linter.writers.outfiles import OutputError, write_new
    try:
        write_new(path, text.encode("utf-8"), inputs=inputs, force=True)
    except OutputError as exc:
        raise UsageProblem(str(exc))
