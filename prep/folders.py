"""Which folders prep walks when it looks for models: hidden folders and tool folders
(`node_modules`, `venv`, …) are skipped unless named (docs/language.md, "Folders").
One definition for `prep check`, `prep serve` and `prep lsp`; and what a path that
is not a regular file is, in words, for the CLI's and the parser's messages."""

from __future__ import annotations

import stat

from prep.i18n import N_

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})


def walked(names) -> list[str]:
    """The sub-folders of `names` that a walk goes into, sorted (for os.walk's `dirs[:]`)."""
    return sorted(d for d in names if not d.startswith(".") and d not in SKIP_DIRS)


# Devices and sockets, which every caller names alike.
_DEVICES = (
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def not_regular(mode: int, first=()) -> str:
    """What a path of `mode` that is not a regular file is, in words to translate with
    _(): the words of the first (stat test, words) pair of `first`, then of the devices
    and sockets, whose test `mode` passes; else "not a regular file"."""
    for test, kind in (*first, *_DEVICES):
        if test(mode):
            return kind
    return N_("not a regular file")
