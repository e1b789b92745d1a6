"""`jxlint check`: the phases of one run, each a small function.

arguments -> configuration and the files to check -> findings (through the
worker pool and the cache) -> baseline -> the report, written or printed.
Usage problems end the run with exit code 2 and one line on stderr.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, NamedTuple, Optional, Sequence, Tuple

import click

from linter.base.problems import DataError
from linter.cli.common import UsageProblem, fail
from linter.reporters.text import safe


class CheckArgs(NamedTuple):
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
    fail_on_likely: Optional[bool] = None
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
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    force: bool = False
    exit_zero: bool = False
    show_settings: bool = False
    add_ignore: Optional[str] = None
    stdin_filename: Optional[str] = None
    stdin_copy: Optional[str] = None   # set by _from_stdin: the temporary file holding stdin
    verbose: bool = False


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
    if args.paths == ("-",):
        args = _from_stdin(args)
        assert args.stdin_copy is not None
        try:
            return _checked(args, options)
        finally:  # the private copy of stdin goes with the run
            import shutil
            shutil.rmtree(Path(args.stdin_copy).parent, ignore_errors=True)
    return _checked(args, options)


def _checked(args: CheckArgs, options) -> int:
    here, checker, files, found = _setup(args, options)
    if args.show_settings:
        from linter.cli.settings import describe
        lang = args.lang or here.lang or "zh"
        targets = [p for p, _ in found] or [Path(p) for p in args.paths]
        for path in targets[:1]:
            click.echo(describe(Path(args.stdin_filename) if args.stdin_filename else path, checker, options,
                                args.isolated, bool(args.config_file), lang), nl=False)
        return 0
    lang = args.lang or here.lang or "zh"
    if not files and found:
        # a pre-commit run on excluded files only: nothing to check is not an error
        if not args.quiet:
            click.echo("jxlint: 所有文件都被配置排除，没有要检查的" if lang == "zh"
                       else "jxlint: every file is excluded by the configuration; nothing to check", err=True)
        return 0
    if not files:
        raise UsageProblem(_nothing_found(args.paths, lang))
    if args.annotate and (len(files) != 1 or files[0][0].suffix.lower() not in WORKBOOK_SUFFIXES):
        raise UsageProblem("--annotate 只用于检查单个工作簿或表格 (--annotate needs exactly one workbook or table)")
    inputs, baseline = _inputs(args, here, found)
    _check_outputs(args, inputs, baseline)
    results = _check(args, options, lang, checker, files)

    from linter.model.findings import Summary
    likely = args.fail_on_likely if args.fail_on_likely is not None else here.fail_on_likely
    summary = Summary(fail_on=args.fail_on or here.fail_on or "error",
                      fail_on_likely=True if likely is None else likely)
    findings = []
    for result in results:
        summary.files += 1
        if result.error:
            click.echo(f"jxlint: {safe(result.error)}", err=True)  # it names the file: escaped
            summary.files_stopped += 1
            continue
        if result.stopped:
            summary.files_stopped += 1
        findings.extend(result.findings)
    if args.write_baseline:
        return _write_baseline(Path(args.write_baseline), findings, summary, inputs)
    findings, stale = _apply_baseline(args, here, findings, [r.display for r in results])
    if args.add_ignore is not None:
        from linter.cli.addignore import run as add_ignores
        return add_ignores(files, findings, args.add_ignore, checker.resolver, lang)
    if args.diff:
        from linter.cli.fix import plan_diff, targets_for
        return 1 if plan_diff(targets_for(files, None), findings, args.unsafe_fixes, lang) else 0
    if args.fix:
        files, results, findings, summary, stale = _fix(args, options, lang, checker, files, findings, summary,
                                                       here)
    for finding in findings:
        summary.add(finding)
    _report(args, lang, checker, files, results, findings, summary, stale, inputs + baseline)
    code = summary.exit_code()
    return 0 if (args.exit_zero and code == 1) else code


def _fix(args: CheckArgs, options, lang: str, checker, files, findings, summary, here):
    """Fix, re-check, and fix again what the first fixes made fixable; the
    files, results and findings of the last check, for the report."""
    from linter.cli.fix import apply_pass, report_changes, targets_for
    from linter.model.findings import Summary
    from linter.writers.fixes import fix_in_passes
    from linter.writers.outfiles import OutputError, check_target
    targets = targets_for(files, args.output if not _report_to_output(args, files) else None)
    for t in targets:
        if t.kind == "workbook":
            try:
                check_target(t.out, [t.path], force=args.force)
            except OutputError as exc:
                raise UsageProblem(str(exc))
    # after the first pass the files checked are the fixed ones: a workbook's copy
    fixed = [(t.out, t.display if t.kind != "workbook" else str(t.out)) for t in targets]
    results = []

    def apply(found, first: bool) -> int:
        return apply_pass(targets, found, args.unsafe_fixes, lang, args.force, first=first)

    def recheck():
        nonlocal results
        results = _check(args, options, lang, checker, fixed)
        return _apply_baseline(args, here, [f for r in results for f in r.findings],
                               [r.display for r in results])[0]

    findings, passes = fix_in_passes(findings, apply, recheck)
    checked = fixed if passes else files
    if not results:  # nothing was fixable: the first check stands
        results = _check(args, options, lang, checker, files)
    report_changes(targets, lang)
    fresh = Summary(fail_on=summary.fail_on, fail_on_likely=summary.fail_on_likely)
    fresh.files = len(results)
    fresh.files_stopped = sum(1 for r in results if r.stopped or r.error)
    return checked, results, findings, fresh, []


def _report_to_output(args: CheckArgs, files) -> bool:
    """With --fix, `-o` names the fixed copy of a single workbook; otherwise
    it is the report, as without --fix."""
    from linter.writers.fixes import FIXABLE_WORKBOOKS
    return not (args.fix and args.output and len(files) == 1
                and files[0][0].suffix.lower() in FIXABLE_WORKBOOKS)


def _nothing_found(paths: Sequence[str], lang: str) -> str:
    """No form in the folders named: which folders, and which file types were looked for."""
    from linter.engine.discover import folder_suffixes
    where = ("、" if lang == "zh" else ", ").join(safe(p) for p in paths)
    if lang == "zh":
        return f"在 {where} 中没有找到表单文件（{'、'.join(folder_suffixes())}）"
    return f"no form files found in {where} (looked for {', '.join(folder_suffixes())})"


def _quiet_hint(findings, lang: str) -> str:
    """Once at the end of --quiet output: where the explanation and the fix are."""
    codes = sorted({f.code for f in findings})
    if lang == "zh":
        return (f"运行 jxlint explain {codes[0]} 查看说明和修改方法" if len(codes) == 1
                else f"运行 jxlint explain 代码（如 {codes[0]}）查看说明和修改方法")
    return (f"Run jxlint explain {codes[0]} to see what it means and how to fix it." if len(codes) == 1
            else f"Run jxlint explain CODE (e.g. {codes[0]}) to see what it means and how to fix it.")


STDIN_LIMIT = 50 * 1024 * 1024  # the largest file the readers accept anyway


def _from_stdin(args: CheckArgs) -> CheckArgs:
    """`jxlint check - --stdin-filename forms/a.toml`: the bytes of stdin,
    checked as that file (its reader by suffix, its configuration, its name
    in the report), written to a private temporary file that `_run` removes
    when the run ends. Nothing is ever written next to the named file."""
    import sys
    import tempfile
    if args.fix or args.add_ignore is not None or args.annotate:
        raise UsageProblem("从标准输入读取时不能用 --fix、--add-ignore 或 --annotate "
                           "(stdin cannot be fixed or annotated in place)")
    name = args.stdin_filename or "stdin.toml"
    data = sys.stdin.buffer.read(STDIN_LIMIT + 1)
    if len(data) > STDIN_LIMIT:
        raise UsageProblem(f"标准输入超过 {STDIN_LIMIT // (1024 * 1024)} MB，拒绝读取 (stdin is too large)")
    folder = tempfile.mkdtemp(prefix="jxlint-stdin-")
    temp = Path(folder) / (Path(name).name or "stdin.toml")
    temp.write_bytes(data)
    return args._replace(paths=(str(temp),), stdin_filename=name, stdin_copy=str(temp))


def _inputs(args: CheckArgs, here, found) -> Tuple[List[Path], List[Path]]:
    """Every file this run reads: the forms found (excluded ones too), the
    configuration and pack files named, and (second) the baseline. No
    output may be one of them."""
    named = [args.config_file] + [p for p in args.packs if p.endswith(".toml")]
    baseline = args.baseline or (str(here.root / here.baseline) if here.baseline else None)
    return [path for path, _ in found] + [Path(p) for p in named if p], [Path(baseline)] if baseline else []


def _check_outputs(args: CheckArgs, inputs: Sequence[Path], baseline: Sequence[Path]) -> None:
    """Refuse a bad output path (an input, a symlink, a missing folder)
    before anything is checked, with the same guard that writes it later
    (writers/outfiles.py). A baseline is refreshed in place, so
    --write-baseline may name the baseline it replaces."""
    targets = [(args.output, list(inputs) + list(baseline), True),
               (args.annotate, list(inputs) + list(baseline), False),
               (args.write_baseline, inputs, True)]
    named = [t for t, _, _ in targets if t]
    if not named:
        return  # nothing is written: the writers' guard (and tempfile) is not needed
    from linter.writers.outfiles import OutputError, check_target
    if len(named) != len({os.path.normcase(os.path.abspath(t)) for t in named}):
        raise UsageProblem("-o、--annotate、--write-baseline 不能写到同一个文件 "
                           "(-o, --annotate and --write-baseline must be different files)")
    try:
        for target, sources, force in targets:
            if target:
                check_target(Path(target), sources, force=force)
    except OutputError as exc:
        raise UsageProblem(str(exc))


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
        as_if = {}  # the stdin copy -> the file it stands for (its name, its configuration)
        if args.stdin_copy and args.stdin_filename:
            as_if[str(args.stdin_copy)] = Path(args.stdin_filename)
            checker.resolver.stand_in(Path(args.stdin_copy), as_if[str(args.stdin_copy)])
            found = [(path, args.stdin_filename if str(path) in as_if else display) for path, display in found]
        files = [(path, display) for path, display in found
                 if not checker.resolver.for_file(path).excludes(as_if.get(str(path), path))]
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
    # the folder, its .gitignore and what may be trusted there: Cache.open
    cache_dir = None if args.no_cache else Path(CACHE_DIR)
    progress = Progress(len(files), enabled=False if args.quiet else None)
    # files named one by one (pre-commit, an editor): the cross-form rules
    # look for their projects' other years in their folders
    named = {os.path.normcase(os.path.abspath(p)) for p in args.paths if not os.path.isdir(p)}
    tree = [path for path, _ in files
            if str(path) != args.stdin_copy and os.path.normcase(os.path.abspath(path)) in named]
    try:
        return check_files(files, options, lang, jobs=args.jobs, cache_dir=cache_dir, checker=checker,
                           progress=progress.step, tree=tree)
    finally:
        progress.close()


def _write_baseline(path: Path, findings, summary, inputs) -> int:
    from linter.policy.baseline import dumps
    from linter.writers.outfiles import OutputError, write_new
    text, count = dumps(path, findings)
    try:
        write_new(path, text.encode("utf-8"), inputs=inputs, force=True)
    except OutputError as exc:
        raise UsageProblem(str(exc))
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


def _report(args: CheckArgs, lang: str, checker, files, results, findings, summary, stale,
            inputs=()) -> None:
    from linter.reporters import Context, get
    rules = {}
    fixes = {}
    if args.fmt == "sarif":
        rules = _configured_rules(args, checker, files)
        fixes = _text_fixes(files, findings)
    ctx = Context(lang=lang, rules=rules, files=[r.display for r in results],
                  statistics=args.statistics, quiet=args.quiet, stale=stale,
                  views=_views(files, findings, checker) if args.fmt == "html" else [], fixes=fixes,
                  forms=[dict(p, file=r.display) for r in results for p in r.packs], verbose=args.verbose)
    text = get(args.fmt)(findings, summary, ctx)
    if args.annotate and not any(f.code == "E001" for f in findings):  # nothing was read: nothing to mark
        _annotate(files[0][0], args.annotate, findings, lang)
    if args.output and _report_to_output(args, files):
        write_report(Path(args.output), text, list(inputs) or [p for p, _ in files])
        # on stderr: stdout stays the report's (or nothing) for scripts
        click.echo(f"jxlint: 已写入 {safe(args.output)}" if lang == "zh" else f"jxlint: wrote {safe(args.output)}",
                   err=True)
    else:
        click.echo(text, nl=False)
    if args.quiet and args.fmt == "text" and findings:
        click.echo(_quiet_hint(findings, lang), err=True)


def _configured_rules(args: CheckArgs, checker, files):
    """code -> rule, as configured for the files checked (packs named in a
    configuration, the configured severities), for SARIF's rule metadata;
    the shipped packs fill in codes no configuration names."""
    from linter.packs.loader import PackLoader, available_packs
    rules = {r.code: r for r in PackLoader().ruleset(
        available_packs() + [p for p in args.packs if not p.startswith("!")]).rules}
    for path, _ in files:
        engine = checker.engine_for(checker.resolver.for_file(path))
        rules.update({r.code: r for r in engine.configured_rules()})
    return rules


def _text_fixes(files, findings):
    """(file, code, path) -> (line, old line, new line) for the safe fixes of
    TOML forms: each edit applied alone, as the line it changes."""
    import difflib
    from linter.writers.fixes import fix_toml_text
    paths = {display: path for path, display in files if path.suffix.lower() == ".toml"}
    out = {}
    texts = {}
    for f in findings:
        if f.edit is None or not f.edit.safe or f.location.file not in paths:
            continue
        path = paths[f.location.file]
        if path not in texts:
            try:
                texts[path] = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                texts[path] = None
        before = texts[path]
        if before is None:
            continue
        after, changes = fix_toml_text(before, [(f, f.edit)])
        if not changes:
            continue
        old_lines, new_lines = before.splitlines(), after.splitlines()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_lines, b=new_lines).get_opcodes():
            if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1:
                out[(f.location.file, f.code, f.path)] = (i1 + 1, old_lines[i1], new_lines[j1])
                break
    return out


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


def write_report(path: Path, text: str, inputs) -> None:
    """Write a report atomically, replacing an old report but never one of
    the checked files (the same rule every jxlint output follows)."""
    from linter.writers.outfiles import OutputError, write_new
    try:
        write_new(path, text.encode("utf-8"), inputs=inputs, force=True)
    except OutputError as exc:
        raise UsageProblem(str(exc))
