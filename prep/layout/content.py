"""What each box of a drawing says: Text lines (model text unescaped, sizes and roles
from prep.notation), long names wrapped so columns stay narrow; and how big a box is
around its measured label."""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from prep import notation as N
from prep.layout.positions import Text

NAME_UNITS = 20  # a product name wraps after ~10 wide (CJK) or ~20 narrow characters
LINE_UNITS = 28  # parameters, issue notes, tags
NOTE_UNITS = 20  # a KPI note (under its product: no wider than a column needs)
HEADER_UNITS = 16  # a lane header wraps after ~8 wide characters,
LATIN_HEADER = 14  # or ~14 narrow ones (CamelCase words between their parts)
NOTE_LIMIT = 90  # characters of a note before it is shortened
KATAKANA_WORD = 12  # … and katakana words of up to 6 (in units: マニュアル, キャンペーン)
LATIN_WORD = 14  # narrow lines (Wrap.pairs) keep Latin words of up to this many letters whole


class Wrap(NamedTuple):
    """How wide a drawing's texts may run, in units (a wide character is 2), and its
    smallest product box: PLAIN, or NARROW for a drawing too wide to stay legible at
    1920 px (docs/notation.md, "Long chains and the projector")."""

    name: int = NAME_UNITS
    line: int = LINE_UNITS
    note: int = NOTE_UNITS
    header: int = HEADER_UNITS
    latin_header: int = LATIN_HEADER
    min_w: float = 88.0
    doc: int | None = None  # a product's doc line wraps at this many units (None: kept)
    pairs: bool = False  # lines may also end where Japanese words likely meet (年間|販売)
    pad_x: float = 14.0  # room left and right of a box's text
    gap: float = 38.0  # the least gap between columns (layout/place.py)
    taller: float = 0.0  # a milestone's hexagon may be this many label heights taller


PLAIN = Wrap()
NARROW = Wrap(
    name=8,
    line=12,
    note=12,
    header=10,
    latin_header=10,
    min_w=60.0,
    doc=12,
    pairs=True,
    pad_x=10.0,
    gap=32.0,
    taller=0.5,
)


def _units(ch: str) -> int:
    return 2 if ord(ch) > 0x2E7F else 1


def wrap(value: str, limit: int = NAME_UNITS, camel: bool = False, pairs: bool = False) -> list[str]:
    """`value` (flattened) in lines of at most `limit` units (a wide character is 2):
    at spaces or after `,`/`、` where possible (`camel`: also inside CamelCase words,
    before a capital; `pairs`: also where Japanese words likely meet), else anywhere."""
    return _wrap(value, limit, camel, pairs)[0]


def _wrap(value: str, limit: int, camel: bool, pairs: bool = False) -> tuple[list[str], int]:
    """The lines, and how many of them end inside a word (not at a space, a soft
    character, a CamelCase joint or between two wide characters). With `pairs` (the
    narrow lines of NARROW) a word of Latin letters or katakana is not cut: the limit
    grows to hold the longest, up to LATIN_WORD letters or a katakana word of at most
    KATAKANA_WORD units."""
    flat = " ".join(str(value).split())
    if pairs:
        katakana = [2 * len(run) for run in re.findall(r"[\u30a1-\u30fa\u30fc]+", flat)]
        limit = max([limit] + [min(len(w), LATIN_WORD) for w in _latin_words(flat, camel)])
        limit = max([limit] + [units for units in katakana if units <= KATAKANA_WORD])
    lines: list[str] = []
    hard = 0
    while sum(_units(c) for c in flat) > limit:
        cut, soft = _cut(flat, limit, camel, pairs)
        if (
            cut != soft
            and cut < len(flat)
            and flat[cut] != " "
            and not (_units(flat[cut - 1]) == 2 and _units(flat[cut]) == 2)
        ):
            hard += 1
        lines.append(flat[:cut].rstrip())
        flat = flat[cut:].lstrip()
    if flat or not lines:
        lines.append(flat)
    return lines, hard


# Japanese line breaking (kinsoku): no line starts with these, none ends with those
NO_START = set("ーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ、。，．・：；？！）」』】〕〉》ゝゞヽヾ々),.:;!?]")
NO_END = set("（「『【〔〈《")


def _script(ch: str) -> str:
    """katakana, kanji or other: a place where one gives way to the other is a soft
    place to end a line (キャンペーン|計画)."""
    if "\u30a0" <= ch <= "\u30ff" and ch != "・":
        return "katakana"
    if "\u4e00" <= ch <= "\u9fff" or ch == "々":
        return "kanji"
    return "other"


def _soft_join(flat: str, i: int) -> bool:
    """Whether a line may end softly before flat[i]: where katakana and kanji meet, or
    inside a run of kanji two characters from its start (most kanji words are two
    characters: 年間|販売|計画)."""
    prev, ch = _script(flat[i - 1]), _script(flat[i])
    if {prev, ch} == {"katakana", "kanji"}:
        return flat[i] not in NO_START
    if prev == ch == "kanji":
        start = i
        while start > 0 and _script(flat[start - 1]) == "kanji":
            start -= 1
        return (i - start) % 2 == 0
    return False


def _latin_words(flat: str, camel: bool) -> list[str]:
    """The runs of narrow characters between spaces and soft characters (and, with
    `camel`, CamelCase joints): the words a line must not cut."""
    words = re.split(r"[\s、・/]+|[^\x00-\u2e7f]+", flat)
    if camel:
        words = [part for word in words for part in re.split(r"(?<=[a-z])(?=[A-Z])", word)]
    return [w for w in words if w]


def _cut(flat: str, limit: int, camel: bool, pairs: bool = False) -> tuple[int, int]:
    """Where the first line of `flat` ends (at least one character in), and the last
    soft place to end it within `limit` (0: none): after a space or a comma, at a
    CamelCase joint (`camel`), else (`pairs`) where Japanese words likely meet
    (_soft_join). No line starts with a character of NO_START."""
    cut, soft, weak = _places(flat, limit, camel, pairs)
    inside = pairs and 0 < cut < len(flat) and _latin(flat[cut - 1]) and _latin(flat[cut])

    def good(place: int) -> bool:
        return bool(place) and (place >= cut // 2 or camel and place >= 4 or inside)

    if not good(soft):
        soft = weak  # no place after a space, a comma or a joint: where words meet
    if good(soft):
        cut = soft
    while 1 < cut < len(flat) and (flat[cut] in NO_START or flat[cut - 1] in NO_END):
        cut -= 1  # keep ー, small kana and closing marks off a line's start
    return max(cut, 1), soft


def _places(flat: str, limit: int, camel: bool, pairs: bool) -> tuple[int, int, int]:
    """(how many characters fit in `limit`, the last soft place, the last place where
    Japanese words likely meet), for _cut."""
    used, cut, soft, weak = 0, 0, 0, 0
    for i, ch in enumerate(flat):
        used += _units(ch)
        joint = camel and i > 0 and ch.isupper() and flat[i - 1].islower()
        if used > limit:
            if joint:
                soft = i
            elif pairs and _soft_join(flat, i):
                weak = i
            break
        cut = i + 1
        if (ch in " ,、・/)" or pairs and ch == "_") and i > 0:
            soft = i + 1
        elif joint:
            soft = i
        elif pairs and i > 1 and _soft_join(flat, i):
            weak = i
    return cut, soft, weak


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def unwrap(parts) -> str:
    """Wrapped lines back in one line (no space put between two wide characters)."""
    out = ""
    for part in parts:
        if out and part and not (_units(out[-1]) == 2 and _units(part[0]) == 2):
            out += " "
        out += part
    return out


def balanced(value: str, limit: int, camel: bool = False, pairs: bool = False) -> list[str]:
    """`wrap` in as few lines, each as short as that allows without cutting more
    words: a note or header as narrow as its text needs (`需要予測が月に一度しか更新
    されない` in two lines of nine and eight characters, not fourteen and three)."""
    lines, hard = _wrap(value, limit, camel, pairs)
    if len(lines) < 2:
        return lines
    units = sum(_units(c) for c in " ".join(str(value).split()))
    for trial in range(-(-units // len(lines)), limit):
        fewer, cuts = _wrap(value, trial, camel, pairs)
        if len(fewer) == len(lines) and cuts <= hard:
            return fewer
    return lines


# Texts are drawn ZOOM times their notation size: 1, or more in a drawing of a long
# chain that shorter lines alone did not make legible (prep.layout.layout, `zoomed`)
ZOOM: ContextVar[float] = ContextVar("zoom", default=1.0)


@contextmanager
def zoomed(factor: float):
    """Texts made inside are `factor` times their notation size."""
    token = ZOOM.set(factor)
    try:
        yield
    finally:
        ZOOM.reset(token)


def size_of(role: str, zoom: float | None = None) -> float:
    """The point size of a text role in the drawing being made (or at `zoom`): whole
    points (what Graphviz writes), never under the zoomed size."""
    return math.ceil(N.SIZE[role] * (ZOOM.get() if zoom is None else zoom) - 1e-6)


def T(value: str, role: str, bold: bool = False) -> Text:
    return Text(value, size_of(role), role, bold)


def product_lines(
    name: str,
    state: str | None,
    params,
    intervention: bool,
    tag: str | None,
    doc: str | None,
    words: dict,
    fit: Wrap = PLAIN,
) -> tuple[Text, ...]:
    lines = [T(part, "name", True) for part in balanced(name, fit.name, True, fit.pairs)]
    if state:
        lines += [T(part, "state") for part in balanced(f"<{state}>", fit.line, False, fit.pairs)]
    if params:
        lines += [T(part, "params") for part in balanced("(" + ", ".join(params) + ")", fit.line, False, fit.pairs)]
    if intervention:  # ⚠ 介入点 / ⚠ intervention point
        lines += [
            T(part, "mark", True) for part in balanced(words["intervention"], max(fit.line, 12), False, fit.pairs)
        ]
    if tag:
        lines += [T(part, "tag") for part in wrap(f"[{tag}]", fit.line, False, fit.pairs)]
    if doc:  # its first 30 characters, in its own lines
        kept = N.kept_lines(doc, 30)
        if fit.doc:
            kept = [part for line in kept for part in balanced(line, fit.doc, True, fit.pairs)]
        lines += [T(part, "doc") for part in kept]
    return tuple(lines)


def external_lines(name: str, fit: Wrap = PLAIN) -> tuple[Text, ...]:
    return tuple(T(part, "name", True) for part in balanced(name, fit.name, True, fit.pairs))


def header_lines(actor: str, role: str, words: dict, fit: Wrap = PLAIN) -> tuple[Text, ...]:
    wide = any(_units(c) == 2 for c in actor)
    lines = [
        T(part, "header", True)
        for part in (balanced(actor, fit.header, False, fit.pairs) if wide else wrap(actor, fit.latin_header, True))
    ]
    tag = N.role_tag(role, words)
    if tag:
        lines.append(T(tag, "role"))
    return tuple(lines)


def band_lines(name: str) -> tuple[Text, ...]:
    return (T(name, "band", True),)


def kpi_lines(name: str, marks, words: dict, fit: Wrap = PLAIN) -> tuple[Text, ...]:
    mark = f" [{', '.join(words[m] for m in marks)}]" if marks else ""
    return tuple(
        T(part, "note")
        for part in balanced(f"{words['kpi']}: {N.shorten(name, NOTE_LIMIT)}{mark}", fit.note, True, fit.pairs)
    )


def issue_lines(text: str, words: dict, fit: Wrap = PLAIN) -> tuple[Text, ...]:
    """`課題: …` with the text's own lines (a \"\"\"…\"\"\" text), each wrapped."""
    kept = N.kept_lines(text, NOTE_LIMIT)
    kept[0] = f"{words['issue']}: {kept[0]}"
    return tuple(T(part, "note") for line in kept for part in balanced(line, fit.line, False, fit.pairs))


def edge_lines(params, touch: str | None, touched: bool, words: dict, fit: Wrap = PLAIN) -> tuple[Text, ...]:
    """`x → y` lines of a merged parameter relation, then the touch level (narrow:
    high / touch in two lines; ハイタッチ, one katakana word, in one)."""
    lines = [T(" → ".join(p for p in pair if p), "edge") for pair in params]
    if touched:
        word = N.touch_word(touch, words)
        parts = balanced(word, 6, False, True) if fit.pairs else [word]
        lines += [Text(part, size_of("edge"), "touch", True) for part in parts]
    return tuple(lines)


def banner_lines(name: str, stage: str, goals, kgis, loose, words: dict) -> tuple[Text, ...]:
    """The process's name and stage, its goals, KGIs and notes hung on nothing."""
    lines = [T(f"{name}  [{N.stage_word(stage, words)}]", "banner", True)]
    for goal in goals:
        lines.append(T(f"{words['goal']}: {' '.join(goal.split())}", "goal", True))
    for kgi in kgis:
        lines.append(T(f"{words['kgi']}: {kgi}", "kgi"))
    for text in loose:
        lines += [T(part, "kgi") for part in N.kept_lines(text, 120)]
    return tuple(lines)


PAD_X, PAD_Y = 14.0, 10.0
MIN_H = 44.0  # the smallest product box is this high and Wrap.min_w wide


def box_size(kind: str, w: float, h: float, rows=None, fit: Wrap = PLAIN) -> tuple[float, float]:
    """A node's box around its measured label; `rows`: the measured (w, h) of each
    line of a milestone's label (its hexagon fits them one by one)."""
    if kind in ("product", "milestone", "final", "intangible"):
        width, height = _box_size(kind, w, h, rows, fit.pad_x, fit.taller)
        return max(width, fit.min_w), max(height, MIN_H)
    return _box_size(kind, w, h, None, fit.pad_x)


def hexagon_width(w: float, h: float, height: float, rows=None) -> float:
    """The narrowest Graphviz hexagon of `height` holding a label of w x h inside:
    the hexagon is half as wide at its top as in its middle, so each line needs the
    more room the farther its outer edge is from the middle; with `rows` (each
    line's w, h, top to bottom) every line's corners stay inside, else the label's."""
    if not rows:
        rows = [(w, h)]
    scale = h / (sum(rh for _, rh in rows) or 1.0)
    need, top = 0.0, -h / 2
    for rw, rh in rows:
        bottom = top + rh * scale
        reach = max(abs(top), abs(bottom))  # the line's outer edge
        need = max(need, rw / (1 - reach / height))
        top = bottom
    return need


def _box_size(
    kind: str, w: float, h: float, rows=None, pad_x: float = PAD_X, taller: float = 0.0
) -> tuple[float, float]:
    if kind == "milestone":
        # wide enough that the lines' corners stay inside (and 4 pt clear), no wider;
        # `taller`: it may be up to this many label heights taller, where that makes
        # it narrower (its slanted sides then pass farther from the label)
        sizes = []
        for extra in (0.0, taller * h / 2, taller * h) if taller else (0.0,):
            height = h + 2 * PAD_Y + 10 + extra
            sizes.append((round(max(w + 2 * pad_x, hexagon_width(w, h, height, rows) + 8), 2), round(height, 2)))
        return min(sizes, key=lambda s: s[0] + s[1] / 3)
    if kind == "final":
        return round(w + 2 * pad_x + 8, 2), round(h + 2 * PAD_Y + 8, 2)
    if kind == "external":
        height = h + 2 * PAD_Y
        return round(w + 2 * pad_x + height * 0.5, 2), round(height, 2)
    if kind in ("kpi", "issue"):
        return round(w + 22, 2), round(h + 12, 2)
    return round(w + 2 * pad_x, 2), round(h + 2 * PAD_Y, 2)
