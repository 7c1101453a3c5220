"""Writing results: the one function every command calls to put bytes somewhere.

`write_output(target, data)` decides by what the target is:

- `-`: standard output.
- `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: that open file
  descriptor, written in place (its mode and position kept, as a shell would).
- a character or block device or a FIFO (`/dev/null`, a named pipe): opened and
  written directly; it is never replaced by a regular file.
- a symbolic link: followed to its final target, which is replaced (the link stays),
  only when the link and its target belong to this user or to root, and never another
  user's link in a sticky shared folder such as /tmp (see prep/cli/output_links.py).
- a FIFO is opened without waiting: when no one reads it, that is an error.
- a regular file, or nothing yet: written atomically, through a temporary file in the
  same folder renamed over the target, keeping the old file's mode. Until the rename
  SIGINT, SIGTERM, SIGHUP and SIGALRM are held back, so no signal leaves a half file
  or a `.NAME.*.tmp` behind; a failed write removes the temporary file.

`create_new(path, data)` creates a file that must not exist yet (link-then-unlink:
it appears complete or not at all, and never replaces a file made meanwhile).
`rewrite(path, data)` gives an existing model file new contents (`fmt`, `check --fix`).

Failures raise `OutputError` (a one-line message); `write_atomic` (and so
prep.cli.inputs.emit) and `rewrite_or_fail` turn it into `prep: error: …` with exit 2."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
from pathlib import Path

from prep.cli.common import display_name, fail

# Signals held back while a temporary file exists (delivered right after the rename).
HELD_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGALRM") if hasattr(signal, name)
)
_FD_ALIAS = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/thread-self/fd)/(\d+)$")


class OutputError(Exception):
    """The output could not be written; the message says where and why."""


def write_output(target: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `target` (see the module's description); raises OutputError."""
    name = os.fspath(target)
    if name == "-":
        _write_fd(sys.stdout, data, "to standard output")
        return
    fd = _fd_alias(name)
    if fd is not None:
        stream = {1: sys.stdout, 2: sys.stderr}.get(fd)
        if stream is not None:
            _write_fd(stream, data, name)
        else:
            _write_all(fd, data, name)
        return
    shown = _shown(name)
    from prep.cli.output_links import LinkRefused, follow

    try:
        real = follow(name)  # the links this user may follow, to the end
        info = os.stat(real)
    except LinkRefused as refused:
        raise OutputError(f"cannot write {shown}: {refused}") from None
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error, name)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {shown}: it is a folder")
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_in_place(real, data, shown)
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"cannot write {shown}: it is not a regular file (a socket?)")
    _replace(Path(real), data, shown, info)


def create_new(path: str | os.PathLike, data: bytes) -> None:
    """Create `path` with `data`; OutputError when it exists (it is never replaced)."""
    path = Path(path)
    shown = _shown(os.fspath(path))
    folder = path.parent
    with held_signals():
        tmp = _temporary(folder, path.name, data, 0o666 & ~_umask(), shown, sync=True)
        try:
            try:
                os.link(tmp, path)  # fails if `path` exists: never replaces
            except FileExistsError:
                raise OutputError(f"{shown} already exists") from None
            except OSError:
                _create_exclusive(path, data, shown)  # no hard links on this file system
        except OSError as error:
            raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def held_signals():
    """Hold back HELD_SIGNALS for the block: they are recorded and raised again when it
    ends. Python-level handlers, not the thread's signal mask, so a signal that the
    kernel hands to another thread is held too. Outside the main thread, nothing is held."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for signum in HELD_SIGNALS:
        previous[signum] = signal.signal(signum, lambda n, _frame: caught.append(n))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python
                signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def _create_exclusive(path: Path, data: bytes, shown: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise OutputError(f"{shown} already exists") from None
    try:
        _write_all(fd, data, shown)
    except OutputError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes, shown: str, info) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: the folder {os.path.dirname(shown) or '.'} does not exist")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    with held_signals():
        tmp = _temporary(folder, path.name, data, mode, shown)
        with _removed_on_failure(tmp, shown):
            if info is not None:
                _keep_owner(tmp, info)
            os.replace(tmp, path)


def _keep_owner(tmp: str, info) -> None:
    """Give the new file the old one's owner and group (root rewriting a user's file
    leaves it the user's); where that is not allowed, the group alone, else as is."""
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid in (info.st_uid, -1):
        try:
            os.chown(tmp, uid, info.st_gid)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))  # chown clears set-id bits
            return
        except OSError:
            continue


def _temporary(folder: Path, name: str, data: bytes, mode: int, shown: str, sync: bool = False) -> str:
    """A new temporary file `.NAME.*.tmp` in `folder` holding `data` with `mode`
    (mkstemp makes 0600; give the usual mode); its path. Removed again on failure."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
    with _removed_on_failure(tmp, shown), os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), mode)
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())
    return tmp


@contextlib.contextmanager
def _removed_on_failure(tmp: str, shown: str):
    """Remove the temporary file `tmp` when the block fails; an OSError becomes an
    OutputError naming `shown`, anything else (Ctrl-C) goes on as it was."""
    try:
        yield
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
        raise


def _write_in_place(path: str, data: bytes, shown: str) -> None:
    """A device or FIFO: open it (no create, no truncation, no waiting) and write."""
    import errno
    import fcntl

    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | os.O_NONBLOCK | os.O_NOFOLLOW
    try:
        fd = _open_waiting(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputError(f"cannot write {shown}: it is a FIFO no one is reading") from None
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
    with contextlib.suppress(OSError):  # opened: now wait for the reader as usual
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    try:
        _write_all(fd, data, shown)
    finally:
        os.close(fd)


def _open_waiting(path: str, flags: int, tries: int = 40) -> int:
    """os.open; a FIFO without a reader yet (ENXIO) is tried again for about two seconds
    (a reader started together with prep), never waited for forever."""
    import errno
    import time

    for _ in range(tries - 1):
        try:
            return os.open(path, flags)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
        time.sleep(0.05)
    return os.open(path, flags)


def _write_fd(stream, data: bytes, shown: str) -> None:
    if stream is None:
        raise OutputError(f"cannot write {shown}: it is closed")
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None


def _write_all(fd: int, data: bytes, shown: str) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None


def _fd_alias(name: str) -> int | None:
    path = os.path.abspath(name)
    if path in ("/dev/stdout", "/dev/stderr"):
        return 1 if path.endswith("out") else 2
    match = _FD_ALIAS.match(path)
    return int(match.group(1)) if match else None


def _reason(error: OSError, name: str | None = None) -> str:
    import errno

    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return error.strerror or str(error)


def _shown(name: str) -> str:
    return display_name(Path(name))


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


def rewrite(path: str | os.PathLike, data: bytes) -> None:
    """Give an existing model file (`fmt`, `check --fix`) new contents, keeping what it
    is: a read-only file (no write permission bits, or not writable by this user) is
    refused; a file with other hard links is written in place, so every name sees the
    new text; otherwise it is replaced atomically keeping its mode, owner and group."""
    name = os.fspath(path)
    shown = _shown(name)
    try:
        info = os.stat(name)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
    if not info.st_mode & 0o222 or not os.access(name, os.W_OK):
        raise OutputError(f"{shown} is read-only; left unchanged")
    if info.st_nlink > 1 and stat.S_ISREG(info.st_mode):
        _rewrite_in_place(name, data, shown)
        return
    write_output(name, data)


def _rewrite_in_place(name: str, data: bytes, shown: str) -> None:
    """Overwrite the file itself (its other names see it); on failure the old bytes are
    put back as far as possible."""
    with held_signals():
        try:
            fd = os.open(name, os.O_RDWR | os.O_NOFOLLOW)
        except OSError as error:
            raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
        try:
            with os.fdopen(os.dup(fd), "rb") as handle:
                old = handle.read()
            try:
                _write_at_start(fd, data, shown)
            except OutputError:
                with contextlib.suppress(OutputError):
                    _write_at_start(fd, old, shown)
                raise
        finally:
            os.close(fd)


def _write_at_start(fd: int, data: bytes, shown: str) -> None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        _write_all(fd, data, shown)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """write_output for the CLI: a failure is `prep: error: …`, exit 2."""
    try:
        write_output(path, data)
    except OutputError as error:
        fail(str(error))


def rewrite_or_fail(path: str | os.PathLike, data: bytes) -> None:
    """rewrite for the CLI: a failure is `prep: error: …`, exit 2."""
    try:
        rewrite(path, data)
    except OutputError as error:
        fail(str(error))
