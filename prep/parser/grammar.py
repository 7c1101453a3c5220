"""Loading `grammar/prep.lark` and building the LALR parser once.

Building the tables takes some 40 ms, so they are kept in a per-user cache file:
lark's own serialised form written as JSON (never pickle: nothing here loads code),
in a folder only the user can write (owner and mode checked, links refused). When
no such folder can be had, the tables are built every time."""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path

from prep.private_files import read_private, user_cache_folder, write_private

# Options that change how lark builds the tables; part of the cache key.
OPTIONS = {"parser": "lalr", "lexer": "basic", "maybe_placeholders": False}


def grammar_text() -> str:
    """The grammar: from the source tree when running from a checkout, else package data."""
    source = Path(__file__).resolve().parents[2] / "grammar" / "prep.lark"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return resources.files("prep.grammar").joinpath("prep.lark").read_text(encoding="utf-8")


def cache_folder() -> str | None:
    return user_cache_folder()


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
    return Lark.__new__(Lark)._load(tables, transformer=transformer, propagate_positions=False)


def _dump(parser) -> bytes:
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _LOAD_ALLOWED_OPTIONS}
    return json.dumps(_encode({"data": data, "memo": memo}), separators=(",", ":"), ensure_ascii=True).encode("ascii")


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
