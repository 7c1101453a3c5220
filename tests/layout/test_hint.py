"""Stable drawings (docs/language.md, `prep render` "Stable across edits"): a hint
from another drawing keeps the products shared with it in its order; `--like`,
the diff picture and `prep serve` use it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app
from prep.graph import build_document
from prep.layout import layout
from prep.layout.hint import Hint, hint_of
from prep.layout.rank import columns as rank_columns
from prep.parser import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from paper_models import paper_model  # noqa: E402
from stability import EDITS, columns, edit, kept  # noqa: E402

APPAREL = ROOT / "examples" / "apparel"


def _doc(path: Path):
    return parse_file(path, path.name).document


def test_columns_keep_the_hinted_order_where_the_relations_allow():
    keys = ["a", "b", "c", "d"]
    inputs = [("a", "d")]
    assert rank_columns(keys, inputs, [], [], []) == {"a": 0, "b": 0, "c": 0, "d": 1}
    hint = {"c": 0, "b": 1, "a": 2, "d": 3}
    got = rank_columns(keys, inputs, [], [], [], hint)
    assert got["c"] < got["b"] < got["a"] < got["d"]
    # a hint against the relations gives way: d stays right of a
    got = rank_columns(keys, inputs, [], [], [], {"d": 0, "a": 1})
    assert got["a"] < got["d"]


def test_products_sharing_a_hinted_column_share_one_again():
    # the AsIs had a and b in column 0, c and d in column 1; the ToBe puts a new x
    # before a: a moves right, and b, c, d move with it instead of staying behind
    keys = ["a", "b", "c", "d", "x"]
    inputs = [("a", "c"), ("b", "d"), ("x", "a")]
    hint = {"a": 0, "b": 0, "c": 1, "d": 1}
    assert rank_columns(keys, inputs, [], [], [], hint) == {"x": 0, "a": 1, "b": 1, "c": 2, "d": 2}
    # where the relations put them apart, they stay apart: b now feeds a
    got = rank_columns(keys, inputs + [("b", "a")], [], [], [], hint)
    assert got["b"] < got["a"] < got["c"]


@pytest.mark.parametrize(
    "path",
    [ROOT / "examples" / "manufacturing.prep", APPAREL / "asis.prep", APPAREL / "tobe.prep"],
    ids=lambda p: p.name,
)
def test_a_drawing_hinted_by_itself_keeps_its_columns(path):
    graphs = build_document(_doc(path))[0]
    plain = layout(graphs, legend=False)
    again = layout(graphs, legend=False, like=hint_of(plain))
    assert columns(again) == columns(plain)


@pytest.mark.parametrize("seed", [3, 8])
@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_keeps_the_order_of_untouched_products_with_a_hint(seed, kind):
    doc = parse_text(paper_model(seed), "m.prep").document
    before = layout(build_document(doc)[0], legend=False)
    new, key = edit(doc, kind, 1)
    after = layout(build_document(new)[0], legend=False, like=hint_of(before))
    untouched = {k for k in columns(before) if not k.endswith(f"/{key}")}
    pairs, lanes, _ = kept(columns(before), columns(after), untouched)
    assert pairs >= 0.97 and lanes == 1.0


def test_like_takes_another_models_graphs_and_one_process_matches_any_name():
    asis = build_document(_doc(APPAREL / "asis.prep"))[0]
    tobe = build_document(_doc(APPAREL / "tobe.prep"))[0]
    aligned = layout(tobe, legend=False, like=asis)
    pairs, _, count = kept(columns(layout(asis, legend=False)), columns(aligned))
    assert count > 30 and pairs == 1.0
    hint = Hint({"other name": {"x": (1, 2.0)}})
    assert hint.for_process("P", 1) == {"x": (1, 2.0)}
    assert hint.for_process("P", 2) == {}


def test_render_like_on_the_command_line(tmp_path):
    out = tmp_path / "tobe.svg"
    result = CliRunner().invoke(
        app, ["render", str(APPAREL / "tobe.prep"), "--like", str(APPAREL / "asis.prep"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")
    missing = CliRunner().invoke(
        app, ["render", str(APPAREL / "tobe.prep"), "--like", str(tmp_path / "none.prep"), "-o", str(out)]
    )
    assert missing.exit_code == 2
    bad = tmp_path / "bad.prep"
    bad.write_text("process {\n", encoding="utf-8")
    unreadable = CliRunner().invoke(app, ["render", str(APPAREL / "tobe.prep"), "--like", str(bad), "-o", str(out)])
    assert unreadable.exit_code == 1
    assert "cannot be read as a model" in unreadable.output


def test_serve_draws_with_the_last_drawing_as_hint():
    from prep.serve.data import draw

    graphs = build_document(_doc(APPAREL / "tobe.prep"))[0]
    hints: list = []
    first = draw(graphs, hints=hints)
    assert len(hints) == 1 and isinstance(hints[0], Hint)
    assert draw(graphs, like=hints[0]) == first


@pytest.mark.parametrize("seed", [3, 8])
def test_a_quick_redraw_starts_from_the_last_choices_and_tries_few(seed, monkeypatch):
    """prep serve's redraw (layout/hint.py `quick`): the search starts from the
    hinted drawing's choices and tries at most QUICK_BUDGET layouts more; an edit
    drawn so crosses no more than the full search's drawing of it."""
    import prep.layout.search as search
    from prep.layout.hint import QUICK_BUDGET, quick
    from tests.layout.test_search import drawn_crossings

    doc = parse_text(paper_model(seed), "m.prep").document
    graphs = build_document(doc)[0]
    plain = layout(graphs, legend=False)
    hint = hint_of(plain)
    assert hint.budget is None and hint.start_for(graphs[0].name, 1) is None
    assert quick(hint).start_for(graphs[0].name, 1) == plain.choices[0]
    assert any(plain.choices[0].values())  # something was chosen to carry
    tried = []
    evaluate = search._evaluate
    monkeypatch.setattr(search, "_evaluate", lambda *a: tried.append(1) or evaluate(*a))
    again = layout(graphs, legend=False, like=quick(hint))
    # + the first, the start, the last, and the same choices once more with narrower
    # lines when the drawing is too wide for 1920 px (docs/notation.md)
    assert len(tried) <= QUICK_BUDGET + 4
    assert again.choices == plain.choices and columns(again) == columns(plain)
    new, _ = edit(doc, "rename", 1)
    edited = build_document(new)[0]
    fast = layout(edited, legend=False, like=quick(hint))
    full = layout(edited, legend=False, like=hint)
    assert sum(len(drawn_crossings(p)) for p in fast.processes) <= sum(len(drawn_crossings(p)) for p in full.processes)
