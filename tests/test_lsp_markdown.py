"""The hover's Markdown (issue 23, item 5): names, `doc=`, issue texts and findings
can bring no link, image, raw HTML or code-span break-out into the editor."""

from __future__ import annotations

import pytest
from lsprotocol import types as t
from markdown_it import MarkdownIt

from prep.lsp.analysis import analyse
from prep.lsp.hover import hover
from prep.lsp.markdown import code, message, text

NASTY = [
    "![x](http://evil.example/p.png)",
    "[click](http://evil.example)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "a`b``c",
    "`",
    "# heading",
    "- item",
    "<http://evil.example>",
    "x\n\n# h2",
    "**bold**",
]


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


@pytest.mark.parametrize("value", NASTY)
def test_text_and_code_render_literally(value):
    for html in (rendered(text(value)), rendered(code(value))):
        assert "<img" not in html and "<a " not in html and "<script" not in html
        assert "<h1" not in html and "<li" not in html and "<strong" not in html
    inside = rendered("x " + code(value) + " y")
    assert inside.count("<code>") == 1


def test_message_keeps_quoted_names_as_code():
    assert message("`出荷支持` is not defined") == "`出荷支持` is not defined"
    html = rendered(message("`<img src=x>` is not defined: see [here](http://x)"))
    assert "<img" not in html and "<a " not in html and "<code>&lt;img src=x&gt;</code>" in html


def test_hover_escapes_the_models_texts():
    model = (
        "process P {\n  goal G\n  external X\n  actor A {\n"
        '    final "![i](http://evil/p.png)" [doc="<img src=x onerror=alert(1)> [a](http://e)"]\n'
        '  }\n  "![i](http://evil/p.png)" -> X\n'
        '  issue "<script>x</script>" on "![i](http://evil/p.png)"\n}\n'
    )
    a = analyse("file:///m.prep", "/m.prep", model)
    got = hover(a, t.Position(line=6, character=4), "utf-16")
    html = rendered(got.contents.value)
    assert "<img" not in html and "<a " not in html and "<script" not in html
    assert html == (
        "<p><strong>final</strong> <code>![i](http://evil/p.png)</code> in actor "
        "<code>A</code></p>\n<p>issues: &lt;script&gt;x&lt;/script&gt;</p>\n"
        "<p>&lt;img src=x onerror=alert(1)&gt; [a](http://e)</p>\n"
    )
