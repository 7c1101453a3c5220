"""Running a Graphviz program (`dot`): the one place prep starts it. Imports nothing of
ours.

- `dot` runs in a process group of its own; on a timeout (or Ctrl-C, or any error
  while waiting) the whole group is killed, not only the child, so a `dot` that
  started helpers leaves none behind.
- An exit by a signal is worded ("was killed (signal 9, SIGKILL)"), not shown raw.
- What `dot` printed is checked against the format asked for (`valid`): a `dot`
  that exits 0 but prints something else is an error, never a file.
- `warn_missing_glyphs(source)`: once per process, a warning on standard error when
  the drawing holds Japanese text and no installed font has Japanese glyphs
  (`fc-list :lang=ja` finds none): it would be drawn as boxes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess

from prep.i18n import _


def not_found() -> tuple[str, str]:
    """The message and the hint when Graphviz `dot` is not installed."""
    return (
        _("Graphviz `dot` was not found on PATH"),
        _("install Graphviz: sudo apt-get install graphviz (macOS: brew install graphviz)"),
    )


class GraphvizOutputError(Exception):
    """`dot` exited 0 but its output is not the format asked for."""


def run(args: list[str], data: bytes, timeout: float | None) -> subprocess.CompletedProcess:
    """Run `args` with `data` on standard input; raises subprocess.TimeoutExpired after
    killing the whole process group, OSError when it cannot start."""
    process = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = process.communicate(data, timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.kill()
    except OSError:
        pass
    process.communicate()


def status(code: int) -> str:
    """An exit status in words: "exit status 3", "was killed (signal 9, SIGKILL)"."""
    if code >= 0:
        return _("exit status {code}", code=code)
    try:
        name = signal.Signals(-code).name
    except ValueError:
        return _("was killed (signal {number})", number=-code)
    return _("was killed (signal {number}, {name})", number=-code, name=name)


def valid(output: bytes, fmt: str) -> None:
    """Raise GraphvizOutputError unless `output` looks like `fmt` (svg, png, pdf, json,
    json0): the format's signature at the start and, for SVG and PDF, its end."""
    if fmt == "png":
        ok = output.startswith(b"\x89PNG\r\n\x1a\n") and output.rstrip().endswith(b"IEND\xaeB`\x82")
    elif fmt == "pdf":
        ok = output.startswith(b"%PDF-") and b"%%EOF" in output[-1024:]
    elif fmt == "svg":
        head = output[:4096].lstrip()
        ok = (
            head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE"))
            and b"<svg" in head
            and output.rstrip().endswith(b"</svg>")
            and b"\0" not in output
        )
        if ok:
            try:
                output.decode("utf-8")
            except UnicodeDecodeError:
                ok = False
    elif fmt in ("json", "json0"):
        try:
            ok = isinstance(json.loads(output), dict)
        except (ValueError, RecursionError):
            ok = False
    else:
        return
    if not ok:
        shown = (
            _("nothing")
            if not output
            else _("{count} bytes starting {start}", count=format(len(output), ","), start=repr(output[:16]))
        )
        raise GraphvizOutputError(
            _(
                "Graphviz `dot` printed something that is not {format} ({shown})",
                format=fmt.rstrip("0").upper(),
                shown=shown,
            )
        )


_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_WARNED: list[bool] = []


def warn_missing_glyphs(source: str) -> None:
    """Warn (once per process) when `source` holds Japanese and no font can show it."""
    import sys

    if _WARNED or not _JAPANESE.search(source):
        return
    _WARNED.append(True)
    if japanese_fonts() == 0:
        sys.stderr.write(
            "prep: "
            + _("warning:")
            + " "
            + _(
                "the drawing has Japanese text but no installed font has Japanese glyphs "
                "(fc-list :lang=ja finds none), so it will show as boxes; install one, e.g. "
                "sudo apt-get install fonts-noto-cjk"
            )
            + "\n"
        )
        sys.stderr.flush()


def japanese_fonts() -> int | None:
    """How many fonts fontconfig has for Japanese; None when that cannot be asked."""
    import shutil

    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        done = subprocess.run([program, ":lang=ja", "family"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return len([line for line in done.stdout.splitlines() if line.strip()])
