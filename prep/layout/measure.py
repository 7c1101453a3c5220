"""Text sizes from Graphviz: every label of a drawing in one batch call of
`dot -Kneato -n2 -Tjson0` (pinned positions, so nothing is laid out), which answers each
node's width and height for the real fonts. No guessing of CJK text widths."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

from prep import notation as N
from prep.diagnostics import HintedError
from prep.graphviz_run import not_found
from prep.i18n import N_, _


class LayoutError(HintedError):
    """The layout could not be made; `hint` says what to do."""


TIMEOUT_HINT = N_(
    "draw one process at a time with --process NAME, split the model, or allow more time with --timeout SECONDS"
)


def timed_out(seconds: float) -> LayoutError:
    return LayoutError(
        _("drawing took longer than {seconds} s, and was stopped", seconds=format(seconds, "g")), _(TIMEOUT_HINT)
    )


class Deadline:
    """The time left of a whole command (`--timeout`)."""

    def __init__(self, seconds: float | None, stated: float | None = None) -> None:
        """`seconds` left from now; `stated`: the limit as the user gave it (for
        messages; default `seconds`)."""
        self.seconds = stated if stated is not None else seconds
        self.end = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        if self.end is None:
            return None
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise timed_out(self.seconds)
        return remaining

    def check(self) -> None:
        self.left()


def graphviz_measure(markups: list[str], deadline: Deadline | None = None) -> list[tuple[float, float]]:
    """Width and height in points of each HTML-like label (as notation.markup makes
    them), measured by Graphviz in one call; equal labels are measured once, and once
    per process: a long-running caller (`prep serve`, `prep lsp`) measures on each save
    only the labels it has not seen."""
    sizes = {m: _MEASURED[m] for m in dict.fromkeys(markups) if m in _MEASURED}
    unique = [m for m in dict.fromkeys(markups) if m not in sizes]
    if not unique:
        return [sizes[m] for m in markups]
    program = shutil.which("dot")
    if program is None:
        raise LayoutError(*not_found())
    lines = [f'digraph m {{ node [shape=plain fontname="{N.FONT}" margin=0 pos="0,0"];']
    lines.extend(f"m{i} [label={label}];" for i, label in enumerate(unique))
    lines.append("}")
    left = deadline.left() if deadline else UNBOUNDED_LIMIT  # never wait forever
    from prep.graphviz_run import GraphvizOutputError, run, status, valid

    try:
        done = run([program, "-Kneato", "-n2", "-Tjson0"], "\n".join(lines).encode(), left)
    except subprocess.TimeoutExpired:
        raise timed_out(deadline.seconds if deadline else UNBOUNDED_LIMIT) from None
    except OSError as error:
        raise LayoutError(_("cannot run Graphviz `dot`: {why}", why=error.strerror or error)) from None
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(
            _(
                "Graphviz `dot` failed (measuring labels): {detail}",
                detail=detail[0] if detail else status(done.returncode),
            )
        )
    try:
        valid(done.stdout, "json0")
        for obj in json.loads(done.stdout).get("objects", []):
            index = int(obj["name"][1:])
            sizes[unique[index]] = (round(float(obj["width"]) * 72, 2), round(float(obj["height"]) * 72, 2))
    except (GraphvizOutputError, KeyError, ValueError, TypeError, IndexError, AttributeError):
        raise LayoutError(
            _("Graphviz `dot` printed something that is not the JSON asked for (measuring labels)"),
            _("check the Graphviz installation: dot -V"),
        ) from None
    missing = [m for m in unique if m not in sizes]
    if missing:
        raise LayoutError(_("Graphviz `dot` did not measure every label"), _("check the Graphviz installation: dot -V"))
    if len(_MEASURED) + len(unique) > _MEASURED_MAX:
        _MEASURED.clear()
    _MEASURED.update((m, sizes[m]) for m in unique)
    return [sizes[m] for m in markups]


# Seconds a measuring call without a deadline may take (a hung `dot` is stopped).
UNBOUNDED_LIMIT = 60.0

# Labels measured so far in this process (a label's size depends on nothing else).
_MEASURED: dict[str, tuple[float, float]] = {}
_MEASURED_MAX = 5_000
