"""Which symbolic links an output path may follow (the kernel's `fs.protected_symlinks`
and `fs.protected_regular` rules, applied whatever the kernel is set to).

A link is followed only when it belongs to the user running prep or to root, and so
does what it points to (when that exists). In a sticky folder that everyone may write
(`/tmp`), a link is followed only when it belongs to this user or to the folder's
owner, and an existing file there that belongs to someone else is not replaced. A
dangling link that passes creates its target, as before.

`follow(name)` gives the final path to write, or raises OutputError with one line."""

from __future__ import annotations

import errno
import os
import stat

MAX_LINKS = 40  # as the kernel's ELOOP limit


class LinkRefused(Exception):
    """The path may not be followed or written; the message says why."""


def follow(name: str) -> str:
    """The path `name` finally names after following the links this user may follow."""
    path = os.path.abspath(name)
    for _ in range(MAX_LINKS):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return path
        except OSError as error:
            if error.errno == errno.ENOTDIR:
                return path
            raise
        if not stat.S_ISLNK(info.st_mode):
            _check_foreign_file(path, info)
            return path
        _check_link(path, info)
        target = os.readlink(path)
        folder = os.path.realpath(os.path.dirname(path))
        path = os.path.normpath(os.path.join(folder, target))
    raise OSError(errno.ELOOP, "a loop of symbolic links")


def _trusted(uid: int) -> bool:
    return uid in (os.geteuid(), 0)


def _sticky_owner(path: str) -> int | None:
    """The owner of `path`'s folder when it is sticky and writable by everyone."""
    try:
        folder = os.stat(os.path.dirname(path) or ".")
    except OSError:
        return None
    if folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH:
        return folder.st_uid
    return None


def _check_link(path: str, info: os.stat_result) -> None:
    owner = _sticky_owner(path)
    if owner is not None and info.st_uid not in (os.geteuid(), owner):
        raise LinkRefused("it is a symbolic link owned by another user in a shared folder; not followed")
    if not _trusted(info.st_uid):
        raise LinkRefused("it is a symbolic link owned by another user; not followed")
    try:
        target = os.stat(path)
    except OSError:
        return  # dangling (or a loop, found on the next turn)
    if not _trusted(target.st_uid):
        raise LinkRefused("it is a symbolic link to a file owned by another user; not followed")


def _check_foreign_file(path: str, info: os.stat_result) -> None:
    owner = _sticky_owner(path)
    if owner is not None and info.st_uid not in (os.geteuid(), owner) and not stat.S_ISCHR(info.st_mode):
        raise LinkRefused("it belongs to another user in a shared folder; not replaced")
