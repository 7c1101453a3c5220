"""Loading `grammar/prep.lark` and building the LALR parser once, with lark's cache."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path


def grammar_text() -> str:
    """The grammar: from the source tree when running from a checkout, else package data."""
    source = Path(__file__).resolve().parents[2] / "grammar" / "prep.lark"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return resources.files("prep.grammar").joinpath("prep.lark").read_text(encoding="utf-8")


def _cache_path(text: str) -> str | bool:
    """A per-user cache file for the compiled tables; lark keys it by grammar and options."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "prep")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return True  # lark's own temp-dir cache
    import hashlib

    from lark import __version__ as lark_version

    digest = hashlib.sha256(f"{lark_version}\n{text}".encode()).hexdigest()[:16]
    return os.path.join(folder, f"grammar-{digest}.lark-cache")


@functools.cache
def lark_parser():
    from lark import Lark

    from prep.parser.build import Builder

    text = grammar_text()
    return Lark(
        text,
        parser="lalr",
        lexer="basic",
        transformer=Builder(),
        propagate_positions=True,
        maybe_placeholders=False,
        cache=_cache_path(text),
    )
