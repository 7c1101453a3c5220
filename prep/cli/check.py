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
    paths: List[Path] = typer.Argument(
        None,
        readable=False,
        help="Files and folders to check "
        "(folders: every *.prep below them; `-`: standard input). "
        "Default: the current folder.",
        show_default=False,
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    select: Optional[List[str]] = typer.Option(
        None,
        "--select",
        help="Check only these codes or prefixes (comma-separated; ALL for every rule). Replaces the default set.",
    ),
    extend_select: Optional[List[str]] = typer.Option(
        None, "--extend-select", help="Add codes to the set (e.g. the opt-in PREP501,PREP603)."
    ),
    ignore: Optional[List[str]] = typer.Option(
        None, "--ignore", help="Do not report these codes or prefixes (comma-separated)."
    ),
    fail_on: Optional[Level] = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 when a finding has this severity or worse. [default: warning]",
        show_default=False,
    ),
    show_suppressed: bool = typer.Option(
        False, "--show-suppressed", help="Also list findings silenced by `# prep: ignore`."
    ),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per code instead of the findings."),
    fix: bool = typer.Option(
        False, "--fix", help="Apply the safe fixes that findings carry, then report what remains."
    ),
    unsafe_fixes: bool = typer.Option(
        False,
        "--unsafe-fixes",
        help="With --fix or --diff, apply unsafe fixes too (a did-you-mean name, a missing `external`).",
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Print the fixes as a unified diff instead of writing them; exit 1 when there are any."
    ),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", help="The name of the model read from `-` (for messages and the configuration)."
    ),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="Exit 0 even when findings are reported (2 still means prep could not run)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the findings only: no summary line, no warnings."),
    output_file: Optional[Path] = typer.Option(
        None, "--output-file", "-o", help="Write the report to this file instead of standard output."
    ),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore pyproject.toml and prep.toml files."),
    jobs: Optional[int] = typer.Option(
        None,
        "--jobs",
        "-j",
        min=0,
        help="Check files in "
        "this many processes (0: one per CPU). [default: one "
        "per CPU when more files than CPUs need checking]",
        show_default=False,
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Neither read nor write the result cache (.prep_cache/ at the project root)."
    ),
) -> None:
    """Check models for mistakes: syntax, references, structure, method rules.

    Exit status: 0 when nothing at or above --fail-on was found, 1 when something
    was, 2 when prep could not do its job (missing path, bad option or config).

    With --fix, findings that carry a safe fix are mended in place (written
    atomically) and the rest are reported; `prep check - --fix` writes the fixed
    model to standard output and the report to standard error.

    Example: prep check models/ --format json --select PREP2 --ignore PREP204
    """
    from prep.checks.runner import check_paths

    settings = _Settings(_command_line(select, extend_select, ignore, fail_on), no_config)
    named = bool(paths)
    paths = list(paths or [Path(".")])
    stdin = _read_stdin(paths, stdin_filename)
    if stdin is not None:
        paths = []
    files = collect_files(paths, settings.excluded, named=named and stdin is None)
    texts: dict[str, str] = {}
    if stdin is not None:
        name, text = stdin
        files, texts = [(Path(name), name)], {name: text}
    if not files and not quiet:
        warn(_("no .prep files found in {paths}", paths=", ".join(str(p) for p in paths)))
    outcome = None
    if fix or diff:
        outcome = _fixes(files, texts, settings, unsafe_fixes, diff, exit_zero)
        texts = outcome.texts
    first = Path(stdin[0]) if stdin is not None else paths[0]
    cache = None if no_cache else _cache(first, settings.layers_for)
    progress = _progress() if format == Format.text else None
    result = check_paths(files, settings.options_for, progress, jobs=jobs, cache=cache, keep_models=False, texts=texts)
    # With --fix on standard input the fixed model goes to stdout, the report to stderr.
    fixed_model = texts[stdin[0]] if fix and stdin is not None else None
    _report(
        result,
        format.value,
        output_file,
        fixed_model,
        show_suppressed=show_suppressed,
        statistics=statistics,
        quiet=quiet,
    )
    if outcome is not None and not quiet and format == Format.text:
        outcome.say()
    failed = any(f.fails(settings.fail_on(path)) for (path, _shown), f in zip(files, result.files))
    raise typer.Exit(1 if failed and not exit_zero else 0)


def _command_line(select, extend_select, ignore, fail_on):
    """The options given on the command line, as a configuration layer; exit 2 on a
    bad code."""
    from prep.checks.select import SelectionError, split_codes
    from prep.config import Config, Layers
    from prep.diagnostics import Severity

    try:
        cli = Config(
            select=tuple(split_codes(select)) if select is not None else None,
            extend_select=tuple(split_codes(extend_select, "--extend-select")),
            ignore=tuple(split_codes(ignore, "--ignore")),
            fail_on=Severity(fail_on.value) if fail_on else None,
        )
        Layers(Config(), cli).selected()
    except SelectionError as error:
        fail(str(error))
    return cli


class _Settings:
    """Each file's configuration (that of its folder, unless --no-config) with the
    command line on top: which files are excluded, the check options and the fail
    level. Read once per folder; a bad configuration exits 2."""

    def __init__(self, cli, no_config: bool) -> None:
        self.cli, self.no_config = cli, no_config
        self.configs: dict = {}
        self.folders: dict[Path, tuple] = {}  # folder -> (CheckOptions, fail level)

    def layers_for(self, path):
        from prep.config import Config, ConfigError, Layers, config_for

        try:
            file = Config() if self.no_config else config_for(Path(path), self.configs)
        except ConfigError as error:
            fail(_("bad configuration: {error}", error=error))
        return Layers(file, self.cli)

    def excluded(self, path: Path) -> bool:
        # The configuration of the folder that holds `path` decides (for a folder,
        # its parent's, not its own).
        return self.layers_for(path.parent if path.is_dir() else path).file.excludes(path)

    def options_for(self, path):
        from prep.checks.runner import CheckOptions
        from prep.checks.select import SelectionError

        folder = Path(path).absolute().parent
        if folder not in self.folders:
            layers = self.layers_for(path)
            try:
                opts = CheckOptions(layers.selected(), layers.severity())
            except SelectionError as error:
                where = f"{layers.file.path}: {error}"
                fail(_("bad configuration: {error}", error=where))
            self.folders[folder] = (opts, layers.fail_on())
        return self.folders[folder][0]

    def fail_on(self, path):
        self.options_for(path)
        return self.folders[Path(path).absolute().parent][1]


def _fixes(files, texts, settings: _Settings, unsafe_fixes: bool, diff: bool, exit_zero: bool):
    """Apply (or, with --diff, print and exit) the fixes; the outcome with the texts."""
    from prep.cli.fixing import fix_files

    outcome = fix_files(files, texts, settings.options_for, unsafe_fixes, diff)
    if diff:
        sys.stdout.write(outcome.diff)
        sys.stdout.flush()
        raise typer.Exit(1 if outcome.diff and not exit_zero else 0)
    return outcome


def _report(result, format: str, output_file, fixed_model: str | None, **how) -> None:
    """The report: rich markup only for a terminal, else the same text, plain."""
    from prep.report import render

    out = sys.stderr if fixed_model is not None else sys.stdout
    styled = format == "text" and output_file is None and out.isatty()
    text = render(format, result, markup=styled, **how)
    if fixed_model is not None:
        sys.stdout.write(fixed_model)
        sys.stdout.flush()
        _write(text, None, rich=styled, stderr=True)
    else:
        _write(text, output_file, rich=styled)


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
