"""Nothing Graphviz reads exceeds its 16,384-character string limit (docs/notation.md:
a model of any size draws): a long edge's spline is passed in pieces joined by `+`."""

from __future__ import annotations

import re

from prep.graph import build_document
from prep.parser import parse_text
from prep.render import render
from prep.render.pinned import CHUNK, quoted as _q


def _chain(n: int) -> str:
    out = ["process 長い {", "  goal 納期", "  external 入力", "  external 出力"]
    for a in range(2):
        out.append(f"  actor 担当{a} {{")
        out += [f"    product p{i}" for i in range(a, n - 1, 2)]
        if a == 1:
            out.append(f"    final p{n - 1}")
        out.append("  }")
    out.append("  入力 -> p0")
    out += [f"  p{i} -> p{i + 1}" for i in range(n - 1)]
    out += [f"  p0 -> p{n - 1}", f"  p{n - 1} -> 出力", "}"]
    return "\n".join(out) + "\n"


def test_a_long_string_is_split_into_pieces_under_the_limit():
    value = " ".join(f"{x},{x}" for x in range(4000))
    quoted = _q(value)
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', quoted)
    assert len(pieces) > 1 and all(len(p) <= CHUNK for p in pieces)
    assert "".join(pieces) == value
    assert _q('a"b\\c') == '"a\\"b\\\\c"'


def test_an_edge_across_hundreds_of_columns_renders():
    parsed = parse_text(_chain(400), "m.prep")
    assert parsed.ok, parsed.diagnostics
    graphs = build_document(parsed.document)[0]
    source = render(graphs, "dot").decode("utf-8")
    assert '" + "' in source  # p0 -> p399's spline, in pieces
    longest = max(len(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', source))
    assert longest <= CHUNK + 2
    svg = render(graphs, "svg")
    assert svg.count(b'class="edge relation"') == 401 + 1
