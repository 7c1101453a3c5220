"""`prep check`: verify models against the rule catalogue."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from prep.cli import app
from prep.cli.common import choices, collect_files, console, fail, warn
from prep.report import FORMATS as REPORT_FORMATS
from prep.i18n import _


Format = choices("Format", REPORT_FORMATS)


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command()
def check(
    paths: List[Path] = typer.Argument(None, readable=False, help="Files and folders to check "
                                       "(folders: every *.prep below them; `-`: standard input). "
                                       "Default: the current folder.", show_default=False),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Check only these codes "
                                               "or prefixes (comma-separated; ALL for every "
                                               "rule). Replaces the default set."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select",
                                                      help="Add codes to the set (e.g. the "
                                                      "opt-in PREP501,PREP603)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Do not report these "
                                               "codes or prefixes (comma-separated)."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="Exit 1 when a finding "
                                            "has this severity or worse. [default: warning]",
                                            show_default=False),
    show_suppressed: bool = typer.Option(False, "--show-suppressed",
                                         help="Also list findings silenced by `# prep: ignore`."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per code "
                                    "instead of the findings."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes that findings carry, "
                             "then report what remains."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, "
                                      "apply unsafe fixes too (a did-you-mean name, a missing "
                                      "`external`)."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff "
                              "instead of writing them; exit 1 when there are any."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="The name of "
                                                 "the model read from `-` (for messages and "
                                                 "the configuration)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when findings "
                                   "are reported (2 still means prep could not run)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the findings only: no "
                               "summary line, no warnings."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o",
                                               help="Write the report to this file instead "
                                               "of standard output."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore pyproject.toml and "
                                   "prep.toml files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=0, help="Check files in "
                                       "this many processes (0: one per CPU). [default: one "
                                       "per CPU when more files than CPUs need checking]",
                                       show_default=False),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the "
                                  "result cache (.prep_cache/ at the project root)."),
) -> None:
    """Check models for mistakes: syntax, references, structure, method rules.

    Exit status: 0 when nothing at or above --fail-on was found, 1 when something
    was, 2 when prep could not do its job (missing path, bad option or config).

    With --fix, findings that carry a safe fix are mended in place (written
    atomically) and the rest are reported; `prep check - --fix` writes the fixed
    model to standard output and the report to standard error.

    Example: prep check models/ --format json --select PREP2 --ignore PREP204
    """
    from prep.checks.runner import CheckOptions, check_paths
    from prep.checks.select import SelectionError, split_codes
    from prep.config import Config, ConfigError, Layers, config_for
    from prep.diagnostics import Severity

    try:
        cli = Config(
            select=tuple(split_codes(select)) if select is not None else None,
            extend_select=tuple(split_codes(extend_select, "--extend-select")),
            ignore=tuple(split_codes(ignore, "--ignore")),
            fail_on=Severity(fail_on.value) if fail_on else None,
        )
    except SelectionError as error:
        fail(str(error))
    named = bool(paths)
    paths = list(paths or [Path(".")])
    stdin = _read_stdin(paths, stdin_filename)
    if stdin is not None:
        paths = []
    config_cache: dict = {}

    def layers_for(path) -> Layers:
        try:
            file = Config() if no_config else config_for(Path(path), config_cache)
        except ConfigError as error:
            fail(_("bad configuration: {error}", error=error))
        return Layers(file, cli)

    def excluded(path: Path) -> bool:
        # The configuration of the folder that holds `path` decides (for a folder,
        # its parent's, not its own).
        return layers_for(path.parent if path.is_dir() else path).file.excludes(path)

    try:
        Layers(Config(), cli).selected()
    except SelectionError as error:
        fail(str(error))
    files = collect_files(paths, excluded, named=named and stdin is None)
    texts: dict[str, str] = {}
    if stdin is not None:
        name, text = stdin
        files, texts = [(Path(name), name)], {name: text}
    if not files and not quiet:
        warn(_("no .prep files found in {paths}", paths=", ".join(str(p) for p in paths)))
    option_cache: dict[Path, tuple[CheckOptions, Severity]] = {}

    def options_for(path) -> CheckOptions:
        folder = Path(path).absolute().parent
        if folder not in option_cache:
            layers = layers_for(path)
            try:
                opts = CheckOptions(layers.selected(), layers.severity())
            except SelectionError as error:
                where = f"{layers.file.path}: {error}"
                fail(_("bad configuration: {error}", error=where))
            option_cache[folder] = (opts, layers.fail_on())
        return option_cache[folder][0]

    progress = _progress() if format == Format.text else None
    if fix or diff:
        from prep.cli.fixing import fix_files

        outcome = fix_files(files, texts, options_for, unsafe_fixes, diff)
        if diff:
            sys.stdout.write(outcome.diff)
            sys.stdout.flush()
            raise typer.Exit(1 if outcome.diff and not exit_zero else 0)
        texts = outcome.texts
    first = Path(stdin[0]) if stdin is not None else paths[0]
    cache = None if no_cache else _cache(first, layers_for)
    result = check_paths(files, options_for, progress, jobs=jobs, cache=cache,
                         keep_models=False, texts=texts)
    fail_level = {f.path: option_cache[Path(p).absolute().parent][1] for p, f in
                  zip((p for p, _shown in files), result.files)}

    from prep.report import render

    # Rich markup only for a terminal; otherwise the same text, plain, without rich.
    to_stderr = fix and stdin is not None    # the fixed model goes to stdout
    out = sys.stderr if to_stderr else sys.stdout
    styled = format == Format.text and output_file is None and out.isatty()
    text = render(format.value, result, show_suppressed=show_suppressed, statistics=statistics,
                  markup=styled, quiet=quiet)
    if to_stderr:
        sys.stdout.write(texts[stdin[0]])
        sys.stdout.flush()
        _write(text, None, rich=styled, stderr=True)
    else:
        _write(text, output_file, rich=styled)
    if fix and not quiet and format == Format.text:
        outcome.say()
    failed = any(d.severity.rank >= fail_level[f.path].rank for f in result.files
                 for d in f.diagnostics)
    raise typer.Exit(1 if failed and not exit_zero else 0)


def _read_stdin(paths: list[Path], name: Optional[str]) -> Optional[tuple[str, str]]:
    """(name, text) when the model comes from standard input (`-`), else None."""
    if not any(str(p) == "-" for p in paths):
        if name is not None:
            fail(_("--stdin-filename needs `-` among the paths"))
        return None
    if len(paths) > 1:
        fail(_("`-` (standard input) cannot be mixed with other paths"))
    from prep.parser import decode

    display = name or "-"
    text = decode(sys.stdin.buffer.read(), display)
    if not isinstance(text, str):
        fail(f"{display}: {text.diagnostics[0].message}")
    return display, text


def _cache(first: Path, layers_for):
    """The result cache of the project: `cache-dir` of the configuration that applies
    to the first path (relative to that file's folder), else `.prep_cache` beside it,
    else in the current folder. None when it cannot be used (then nothing is cached)."""
    from prep.checks.cache import DEFAULT_DIR, ResultCache

    config = layers_for(first).file
    root = config.root or Path.cwd()
    folder = root / Path(config.cache_dir or DEFAULT_DIR).expanduser()
    return ResultCache.open(folder)


def _write(text: str, output_file: Optional[Path], rich: bool, stderr: bool = False) -> None:
    if output_file is not None:
        from prep.cli.output import write_atomic

        write_atomic(output_file, text.encode("utf-8"))
        return
    if rich:
        console(stderr=stderr).print(text, end="", markup=True)
        return
    out = sys.stderr if stderr else sys.stdout
    out.write(text)
    out.flush()


def _progress():
    """A progress line on stderr for long runs on a terminal (after one second)."""
    if not sys.stderr.isatty():
        return None
    import time

    start = time.monotonic()
    err = console(stderr=True)
    state = {"shown": False}

    def update(done: int, total: int) -> None:
        if time.monotonic() - start < 1.0 and not state["shown"]:
            return
        state["shown"] = True
        end = "\n" if done == total else ""
        err.file.write(f"\rchecking {done}/{total} files" + end)
        err.file.flush()

    return update
