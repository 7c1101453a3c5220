"""Writing output files atomically: a failed write leaves no half file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from prep.cli.common import fail


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        fail(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode(path))  # mkstemp makes 0600; give the usual mode
            handle.write(data)
        os.replace(tmp, path)
    except OSError as error:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        fail(f"cannot write {path}: {error.strerror or error}")


def _mode(path: Path) -> int:
    """The mode of the file being replaced, else what the umask allows (as `open` does)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read from /proc where possible (os.umask would change it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask
