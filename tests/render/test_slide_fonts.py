"""The font a deck names (docs/notation.md, "Exports"; prep/slide_fonts.py): every run
and the theme's font scheme name Noto Sans CJK JP with its substitution hints, or
the face `--slide-font` gives, in `prep render`, `prep kpi` and `prep diff` decks."""

from __future__ import annotations

import io
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep import notation as N
from prep.cli import app

sys.path.insert(0, str(Path(__file__).parent))
from pptx_geometry import A, slides  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APPAREL = ROOT / "examples" / "apparel"


def _theme(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ET.fromstring(z.read("ppt/theme/theme1.xml"))


def _faces(el) -> list[tuple]:
    return [
        (f.tag.split("}")[1], f.get("typeface"), f.get("panose"), f.get("pitchFamily"), f.get("charset"))
        for f in el
        if f.tag in (f"{A}latin", f"{A}ea", f"{A}cs")
    ]


def _deck(tmp_path, args) -> bytes:
    out = tmp_path / "x.pptx"
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


NOTO = [
    ("latin", N.FONT, "020B0500000000000000", "34", "0"),
    ("ea", N.FONT, "020B0500000000000000", "34", "-128"),
    ("cs", N.FONT, "020B0500000000000000", "34", "0"),
]


def test_runs_and_theme_name_noto_with_its_substitution_hints(tmp_path):
    data = _deck(tmp_path, ["render", str(APPAREL / "tobe.prep")])
    runs = [rpr for root in slides(data) for rpr in root.iter(f"{A}rPr")]
    assert len(runs) > 50
    assert all(_faces(rpr) == NOTO for rpr in runs)
    scheme = _theme(data).find(f".//{A}fontScheme")
    assert scheme.get("name") == "prep"
    for part in ("majorFont", "minorFont"):
        fonts = scheme.find(f"{A}{part}")
        assert _faces(fonts) == NOTO
        assert [(f.get("script"), f.get("typeface")) for f in fonts.findall(f"{A}font")] == [("Jpan", N.FONT)]


@pytest.mark.parametrize(
    "args, font",
    [
        (["render", str(APPAREL / "tobe.prep")], "Yu Gothic"),
        (["kpi", str(APPAREL / "tobe.prep")], "Meiryo"),
        (["diff", str(APPAREL / "asis.prep"), str(APPAREL / "tobe.prep")], "Hiragino Sans"),
    ],
)
def test_slide_font_names_the_clients_face_in_runs_and_theme(tmp_path, args, font):
    data = _deck(tmp_path, [*args, "--slide-font", font])
    named = [("latin", font, None, "34", "0"), ("ea", font, None, "34", "-128"), ("cs", font, None, "34", "0")]
    runs = [rpr for root in slides(data) for rpr in root.iter(f"{A}rPr")]
    assert runs and all(_faces(rpr) == named for rpr in runs)
    scheme = _theme(data).find(f".//{A}fontScheme")
    assert _faces(scheme.find(f"{A}minorFont")) == named
    assert _faces(scheme.find(f"{A}majorFont")) == named
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(
            N.FONT in z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.startswith("ppt/slides/slide")
        )


def test_the_same_deck_with_the_default_font_is_unchanged_by_the_option(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plain = _deck(tmp_path, ["render", str(APPAREL / "asis.prep")])
    named = _deck(tmp_path, ["render", str(APPAREL / "asis.prep"), "--slide-font", N.FONT])
    assert plain == named


@pytest.mark.parametrize("value", ["", "x" * 32, "a<b", "tab\there"])
def test_a_bad_slide_font_is_refused(tmp_path, value):
    result = CliRunner().invoke(
        app, ["render", str(APPAREL / "tobe.prep"), "-o", str(tmp_path / "x.pptx"), "--slide-font", value]
    )
    assert result.exit_code == 2
    assert (
        f'--slide-font must name a font in 1 to 31 characters without control characters or < > & ", not {value!r}'
    ) in result.output
    assert not (tmp_path / "x.pptx").exists()
