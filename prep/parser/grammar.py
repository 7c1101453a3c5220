"""Loading `grammar/prep.lark` and building the LALR parser once.

Building the tables takes some 40 ms, so they are kept in a per-user cache file:
lark's own serialised form written as JSON (never pickle: nothing here loads code),
in a folder only the user can write (owner and mode checked, links refused). When
no such folder can be had, the tables are built every time."""

from __future__ import annotations

import functools
import json
import os
import stat
from importlib import resources
from pathlib import Path

# Options that change how lark builds the tables; part of the cache key.
OPTIONS = {"parser": "lalr", "lexer": "basic", "maybe_placeholders": False}


def grammar_text() -> str:
    """The grammar: from the source tree when running from a checkout, else package data."""
    source = Path(__file__).resolve().parents[2] / "grammar" / "prep.lark"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return resources.files("prep.grammar").joinpath("prep.lark").read_text(encoding="utf-8")


def private_folder(folder: str, create: bool = True) -> str | None:
    """`folder` when it is a real folder (not a link) owned by this user and writable
    by no one else; created (mode 0700) when missing. None otherwise."""
    try:
        if create and not os.path.lexists(folder):
            os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() \
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
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
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() \
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or info.st_size > limit:
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


def cache_folder() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return private_folder(os.path.join(base, "prep"))


def _cache_name(text: str) -> str:
    import hashlib

    from lark import __version__ as lark_version

    key = json.dumps([lark_version, OPTIONS, text], sort_keys=True)
    return f"grammar-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


# lark's serialised tables hold tuples and dicts with int keys: JSON keeps neither,
# so they are written as {"\0t": [...]} and {"\0d": [[key, value], ...]}.
def _encode(value):
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("\0") for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"\0d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"\0t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in the grammar cache")


def _decode(value):
    if isinstance(value, dict):
        if "\0t" in value:
            return tuple(_decode(v) for v in value["\0t"])
        if "\0d" in value:
            return {_decode(k): _decode(v) for k, v in value["\0d"]}
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _build(text: str, transformer):
    from lark import Lark

    return Lark(text, transformer=transformer, propagate_positions=False, **OPTIONS)


def _load(data: bytes, transformer):
    from lark import Lark

    tables = _decode(json.loads(data))
    return Lark.__new__(Lark)._load(tables, transformer=transformer,
                                    propagate_positions=False)


def _dump(parser) -> bytes:
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items()
                       if k not in _LOAD_ALLOWED_OPTIONS}
    return json.dumps(_encode({"data": data, "memo": memo}), separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


@functools.cache
def lark_parser():
    from prep.parser.build import Builder

    text = grammar_text()
    folder = cache_folder()
    if folder is None:
        return _build(text, Builder())
    name = _cache_name(text)
    data = read_private(os.path.join(folder, name))
    if data is not None:
        try:
            return _load(data, Builder())
        except Exception:  # a damaged cache file: build the tables again and replace it
            pass
    parser = _build(text, Builder())
    try:
        write_private(folder, name, _dump(parser))
    except (TypeError, ValueError):
        pass
    return parser
