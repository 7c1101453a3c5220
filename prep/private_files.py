"""Files only this user can write: the caches (compiled grammar, check results) are
read only from a folder and a file owned by the user, writable by no one else and
not symbolic links, and written atomically. Imports nothing of ours."""

from __future__ import annotations

import os
import stat


def private_folder(folder: str, create: bool = True) -> str | None:
    """`folder` when it is a real folder (not a link) owned by this user and writable
    by no one else; created (mode 0700) when missing. None otherwise."""
    try:
        if create and not os.path.lexists(folder):
            os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def read_private(path: str, limit: int = 16 * 1024 * 1024) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link) owned by this user and
    writable by no one else; None otherwise (missing, foreign, too large)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            or info.st_size > limit
        ):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_private(folder: str, name: str, data: bytes) -> None:
    """Write `folder/name` atomically (a temporary file, then rename), mode 0600.
    Failures are silent: a cache that cannot be written is simply not kept."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, os.path.join(folder, name))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


KEY_FILE = "result-cache-key"


def user_cache_folder() -> str | None:
    """The user's private cache folder ($XDG_CACHE_HOME/prep or ~/.cache/prep), made
    when missing; None when it cannot be had or is not this user's alone."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return private_folder(os.path.join(base, "prep"))


def user_key() -> bytes | None:
    """A random key of this user on this machine, kept in the user's private cache
    folder (made once, mode 0600). Project caches bind their entries to it, so a cache
    that arrives with a project (an archive, a repository) is only ever a miss. None
    when there is no private folder to keep it in."""
    folder = user_cache_folder()
    if folder is None:
        return None
    path = os.path.join(folder, KEY_FILE)
    key = read_private(path, limit=64)
    if key is None or len(key) != 32:
        write_private(folder, KEY_FILE, os.urandom(32))
        key = read_private(path, limit=64)  # whichever of two runs at once won
    return key if key is not None and len(key) == 32 else None
