"""Running Graphviz `dot` on dot source: with a time limit, no shell, output in memory
(the caller writes it atomically, so a failed layout leaves no file)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

from prep.diagnostics import HintedError
from prep.graphviz_run import not_found
from prep.i18n import _

LAYOUT_FORMATS = ("svg", "png", "pdf")


class RenderError(HintedError):
    """Rendering could not be done; `hint` says what to do."""


def find_dot() -> str:
    path = shutil.which("dot")
    if path is None:
        raise RenderError(*not_found())
    return path


def run_dot(
    source: str,
    fmt: str,
    timeout: float = 60.0,
    dot: str | None = None,
    pinned: bool = False,
    stated: float | None = None,
) -> bytes:
    """`dot -T<fmt>` on `source` (`neato -n2` when every position is `pinned`); the
    output bytes. Raises RenderError when Graphviz is missing, fails, or takes longer
    than `timeout` seconds (its process group is killed; the message names `stated`,
    the whole command's limit, when given), or prints something not in `fmt`."""
    if fmt not in LAYOUT_FORMATS:
        raise ValueError(f"not a layout format: {fmt}")
    program = dot or find_dot()
    args = [program, f"-T{fmt}"]
    if pinned:
        args = [program, "-Kneato", "-n2", f"-T{fmt}"]
    from prep.graphviz_run import GraphvizOutputError, run, status, valid, warn_missing_glyphs

    warn_missing_glyphs(source)
    try:
        done = run(args, source.encode("utf-8"), timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(
            _("drawing took longer than {seconds} s, and Graphviz was stopped", seconds=format(stated or timeout, "g")),
            _(
                "draw one process at a time with --process NAME, split the model, "
                "or allow more time with --timeout SECONDS"
            ),
        ) from None
    except FileNotFoundError:
        raise RenderError(*not_found()) from None
    except OSError as error:
        raise RenderError(_("cannot run Graphviz `dot`: {why}", why=error.strerror or error)) from None
    if done.returncode != 0 or not done.stdout:
        detail = _first_line(done.stderr) or status(done.returncode)
        raise RenderError(_("Graphviz `dot` failed: {detail}", detail=detail))
    try:
        valid(done.stdout, fmt)
    except GraphvizOutputError as error:
        raise RenderError(str(error), _("check the Graphviz installation: dot -V")) from None
    return _fixed_dates(done.stdout) if fmt == "pdf" else done.stdout


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}Z\)")


def _fixed_dates(pdf: bytes) -> bytes:
    """The PDF with its creation time (cairo writes the clock's) set to
    SOURCE_DATE_EPOCH, or 1970-01-01 without it: the same model gives the same bytes.
    The date keeps its length, so the PDF's byte offsets stay valid."""
    try:
        when = time.strftime("%Y%m%d%H%M%S", time.gmtime(max(0, int(os.environ.get("SOURCE_DATE_EPOCH", "0"))))).encode(
            "ascii"
        )
    except (ValueError, OverflowError, OSError):
        when = b""
    if len(when) != 14:  # unreadable, or past the year 9999
        when = b"19700101000000"
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + when + b"Z)", pdf)


def _first_line(data: bytes) -> str:
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line and not line.lower().startswith("warning"):
            return line
    return ""
