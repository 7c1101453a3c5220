"""What the commands that read one model share (render, kpi, diff): checking the
model first, choosing the output format, writing the result."""

from __future__ import annotations

import sys
from pathlib import Path

from prep.cli.common import console, fail, fail_missing, warn


def output_format(chosen: str | None, output: str | None, suffixes: dict[str, str],
                  default: str, choices: str) -> str:
    """The format: -f if given, else from the -o suffix, else `default`."""
    if chosen is not None:
        return chosen
    if output is None or output == "-":
        return default
    suffix = Path(output).suffix.lower()
    if suffix not in suffixes:
        fail(f"cannot tell the format from `{output}`",
             "use a suffix (" + " ".join(sorted(suffixes)) + f") or {choices}")
    return suffixes[suffix]


def emit(data: bytes, output: str | None) -> None:
    """Write to standard output (no -o, or -o -) or atomically to a file."""
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from prep.cli.output import write_atomic

    write_atomic(Path(output), data)
    # Plain text, no styling: not worth loading rich for (it is on every render).
    sys.stderr.write(f"wrote {output}\n")
    sys.stderr.flush()


def layout(source: str, fmt: str, timeout: float) -> bytes:
    """Dot source laid out by Graphviz (svg, png, pdf); a clear message when it cannot."""
    from prep.render.run import RenderError, run_dot

    try:
        with busy(f"Laying out the {fmt} drawing with Graphviz", timeout):
            return run_dot(source, fmt, timeout)
    except RenderError as error:
        fail(error.message, error.hint)


def busy(what: str, timeout: float):
    """A spinner on stderr while Graphviz works, on a terminal only (a large layout
    can take a minute); nothing otherwise, so logs and pipes stay clean."""
    from contextlib import nullcontext

    if not sys.stderr.isatty():
        return nullcontext()
    return console(stderr=True).status(
        f"{what} (limit {timeout:g} s, Ctrl-C stops)", spinner="dots")


def checked_graphs(file: Path, force: bool, consequence: str) -> list:
    """The file's process graphs after checking it with its configuration (the
    selected rules that report errors; warnings are not shown). Errors are printed
    to stderr and stop here (exit 1) unless `force`."""
    from dataclasses import replace

    from prep.checks.runner import CheckOptions, CheckResult, check_paths
    from prep.checks.select import SelectionError
    from prep.config import Config, ConfigError, Layers, config_for
    from prep.diagnostics import Severity

    if not file.exists():
        fail_missing(file)
    if file.is_dir():
        fail(f"{file} is a folder; give one .prep file")
    try:
        layers = Layers(config_for(file), Config())
        # Only errors stop a drawing and only errors are shown: skip the other rules.
        options = CheckOptions(layers.selected(), layers.severity()).errors_only()
    except (ConfigError, SelectionError) as error:
        fail(f"bad configuration: {error}")
    found = check_paths([(file, file.as_posix())], lambda _path: options).files[0]
    errors = [d for d in found.diagnostics if d.severity == Severity.ERROR]
    if errors:
        from prep.report import render as report

        text = report("text", CheckResult([replace(found, diagnostics=errors)]))
        console(stderr=True).print(text, end="", markup=True)
        plural = "s" if len(errors) > 1 else ""
        if not found.ok:
            fail(f"{file} cannot be read as a model; {consequence}", code=1)
        if not force:
            fail(f"{file} has {len(errors)} error{plural}; {consequence}",
                 "fix them, or go on anyway with --force", code=1)
        warn(f"going on despite {len(errors)} error{plural} in {file} (--force)")
    return found.graphs
