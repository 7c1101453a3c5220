"""What the MkDocs plugin and the Sphinx extension share (prep/embed.py): options,
their mistakes, inline svg, the cache by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from prep.checks.cache import ResultCache
from prep.embed import EmbedError, block, draw, inline_svg, parse_options

MODEL = (
    "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  X -> F -> X\n}\n"
    "process Q {\n  goal H\n  external Y\n  actor B {\n    final E\n  }\n  Y -> E -> Y\n}\n"
)


def test_options_are_key_value_pairs_with_quotes():
    assert parse_options('src=a.prep process="Order handling" legend=false') == {
        "src": "a.prep",
        "process": "Order handling",
        "legend": "false",
    }
    with pytest.raises(EmbedError, match="^expected key=value, not `kpi`$"):
        parse_options("view=drawing kpi")


@pytest.mark.parametrize(
    "options, message",
    [
        ({"colour": "red"}, "unknown option `colour`; the options are src, process, view, tobe, lang, legend"),
        ({"view": "tree"}, "view `tree` is not one of drawing, kpi, diff"),
        ({"lang": "fr"}, "lang `fr` is not one of auto, ja, en"),
        ({"legend": "maybe"}, "legend `maybe` is not true or false"),
        ({"view": "diff"}, "view=diff needs tobe=FILE (the ToBe model)"),
        ({}, "no model: give src=FILE or the model's text"),
    ],
)
def test_mistakes_in_options_are_said(tmp_path, options, message):
    body = MODEL if options else ""
    with pytest.raises(EmbedError) as raised:
        block(options, body, tmp_path, "page.md")
    assert str(raised.value) == message


def test_one_process_of_a_file_is_drawn(tmp_path):
    (tmp_path / "two.prep").write_text(MODEL, encoding="utf-8")
    page, findings = draw(block({"src": "two.prep", "process": "Q"}, None, tmp_path, "p.md"))
    assert findings == []
    assert "<title>E</title>" in page and "<title>F</title>" not in page
    page, findings = draw(block({"src": "two.prep", "process": "R"}, None, tmp_path, "p.md"))
    assert [str(f) for f in findings] == [
        f"{(tmp_path / 'two.prep').as_posix()}:1:1: error render no process `R` in "
        f"{(tmp_path / 'two.prep').as_posix()} (hint: processes: `P`, `Q`)"
    ]


def test_inline_svg_has_no_prolog_and_its_own_ids():
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made -->\n<svg width="1pt">'
        '<g id="a"><path clip-path="url(#c)"/><use href="#a"/><a xlink:title="t">x</a>'
        "</g></svg>\n"
    )
    assert inline_svg(svg, "ab12") == (
        '<svg style="max-width:100%;height:auto" width="1pt"><g id="prep-ab12-a"><path '
        'clip-path="url(#prep-ab12-c)"/><use href="#prep-ab12-a"/><a style="text-decoration:'
        'none;border:0" xlink:title="t">x</a></g></svg>'
    )


def test_a_block_drawn_before_comes_from_the_cache_without_graphviz(tmp_path, monkeypatch):
    cache = ResultCache.open(tmp_path / ".prep_cache")
    item = block({}, MODEL, tmp_path, "page.md", line=4)
    first = draw(item, cache)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))  # no Graphviz from here on
    assert draw(item, cache) == first
    changed = block({}, MODEL.replace("final E", "final D").replace("-> E ->", "-> D ->"), tmp_path, "page.md", line=4)
    page, findings = draw(changed, cache)
    assert findings[0].code == "render" and "Graphviz `dot` was not found" in findings[0].message
    assert 'class="prep prep-error"' in page


def test_inline_findings_name_the_page_line_and_column(tmp_path):
    item = block({}, "process P {\n  goal G\n  X -> Y\n}\n", tmp_path, "docs/a.md", line=10, indent=3)
    _, findings = draw(item)
    assert [str(f) for f in findings] == [
        "docs/a.md:11:4: error PREP201 process `P` has no final product",
        "docs/a.md:13:6: error PREP101 `X` is not defined in process `P`",
        "docs/a.md:13:11: error PREP101 `Y` is not defined in process `P`",
    ]


def test_a_missing_file_is_said(tmp_path):
    with pytest.raises(EmbedError, match=r"^no model file `gone.prep` \(looked for "):
        block({"src": "gone.prep"}, None, Path(tmp_path), "p.md")
