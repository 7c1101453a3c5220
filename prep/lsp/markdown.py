"""Text from the model (names, `doc=`, issue texts) and from findings, made safe for
the editor's Markdown hover: nothing in it can become a link, an image, raw HTML, a
heading or a list, nor leave its code span."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:\"'=$%^@])")
_RUNS = re.compile(r"`+")


def text(value: str) -> str:
    """`value` shown literally: every ASCII punctuation character that Markdown reads
    backslash-escaped (CommonMark), line breaks kept as hard breaks, no raw HTML."""
    escaped = _PUNCTUATION.sub(r"\\\1", value)
    return "  \n".join(line.strip() for line in escaped.splitlines()) if "\n" in escaped else escaped


def code(value: str) -> str:
    """`value` as an inline code span that no backtick in it can close: fenced with
    more backticks than its longest run, padded with spaces when needed; a line
    break (which a code span cannot hold) shown as a space."""
    value = " ".join(value.splitlines()) if "\n" in value or "\r" in value else value
    longest = max((len(m.group()) for m in _RUNS.finditer(value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


_QUOTED = re.compile(r"`([^`\n]*)`")


def message(value: str) -> str:
    """A finding's message or hint: its `quoted` parts as code spans (code), the rest
    as text; whatever a name in it holds, it stays inside."""
    out, at = [], 0
    for match in _QUOTED.finditer(value):
        out.append(text(value[at : match.start()]))
        out.append(code(match.group(1)))
        at = match.end()
    out.append(text(value[at:]))
    return "".join(out)
