"""Texts written `\"\"\"…\"\"\"` keep their lines (docs/language.md) in every drawing that
shows them: issue notes and product docs in `prep render` (lanes and the cluster
layout), tooltips, the banner, and the KPI tree of `prep kpi`."""

from __future__ import annotations

import re

import textwrap
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from prep import notation as N
from prep.cli import app
from prep.graph import build_document
from prep.layout import layout
from prep.parser import parse_text
from prep.render import render

MODEL = textwrap.dedent('''\
    process P {
      goal G
      external Z
      actor A {
        product X [doc="""
          first line of the doc
          second
          """]
        final Y
      }
      X -> Y -> Z
      issue """
        The forecast is updated once a month.

        Nobody owns it.
        """ on X
      kpi K for Y
    }
    ''')
SVG = "{http://www.w3.org/2000/svg}"


def graphs():
    parsed = parse_text(MODEL, "m.prep")
    assert parsed.ok, parsed.diagnostics
    return build_document(parsed.document)[0]


def test_kept_lines_drop_blank_lines_and_cut_at_the_limit():
    assert N.kept_lines("one\n\n  two  words \nthree", 48) == ["one", "two words", "three"]
    assert N.kept_lines("abc\ndefgh", 6) == ["abc", "de…"]
    assert N.kept_lines("abc\ndef\nmore", 6) == ["abc", "de…"]
    assert N.kept_lines("one line", 48) == ["one line"]


def test_issue_note_and_doc_keep_their_lines_in_the_layout():
    process = layout(graphs(), measure=None).processes[0]
    note = process.notes[0] if process.notes[0].kind == "issue" else process.notes[1]
    assert [t.text for t in note.lines] == ["Issue: The forecast is", "updated once a month.", "Nobody owns it."]
    x = next(n for n in process.nodes if n.key == "X")
    assert [t.text for t in x.lines if t.role == "doc"] == ["first line of the doc", "second"]


def test_svg_draws_each_kept_line_and_tooltips_keep_them():
    svg = render(graphs(), "svg").decode("utf-8")
    root = ET.fromstring(svg)
    issue = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "node issue")
    texts = ["".join(t.itertext()) for t in issue.iter(f"{SVG}text")]
    assert texts == ["Issue: The forecast is", "updated once a month.", "Nobody owns it."]
    # the hover text of a doc keeps its lines too (an SVG title with a line break)
    assert "first line of the doc&#10;second" in svg
    cluster = render(graphs(), "dot", layout="dot").decode("utf-8")
    assert "Issue: The forecast is updated once a month.<BR/>Nobody owns it." in cluster


def test_kpi_tree_keeps_an_issue_text_s_lines(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(MODEL.replace("kpi K for Y", "kpi K for X"), encoding="utf-8")
    out = tmp_path / "t.dot"
    done = CliRunner().invoke(app, ["kpi", str(model), "-o", str(out)], catch_exceptions=False)
    assert done.exit_code in (0, 1), done.output
    text = out.read_text(encoding="utf-8")
    # an issue is a note beside its product: its own lines kept, each wrapped narrow
    label = re.search(r'tooltip="The forecast[^"]*"[^\n]*|label=<[^\n]*Issue: The forecast[^\n]*', text)
    assert label is not None
    rows = re.findall(r">([^<>]+)</FONT>", label.group(0))
    assert " ".join(rows).startswith("Issue: The forecast is updated once a month. Nobody")
    assert rows[-1] == "Nobody owns it."
