"""Writing a name back as source: bare when it is an identifier that is not a
keyword, else quoted (the inverse of `build.unquote`)."""

from __future__ import annotations

import re

IDENT = re.compile(r"(?:[^\W\d]|_)[\w・]*")  # as grammar/prep.lark's IDENT
RESERVED = frozenset("process actor product milestone final intangible external subprocess "
                     "until goal kpi for under issue on".split())


def written(name: str) -> str:
    """`name` as it must be written in a model: `売上`, `"Weekly plan"`, `"product"`."""
    if IDENT.fullmatch(name) and name not in RESERVED:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
