"""How a change looks in the drawings that do not use prep's layout (`--layout dot`,
Mermaid, the KPI tree's Mermaid): the marks of prep diff (prep.layout.badges.mark_of)
and prep kpi --tobe as Graphviz attributes and label rows, or Mermaid classes: a ＋
badge for what was added, a ～ badge with the old value for what changed, and
ghosting (grey, dashed) for what was removed. The colours are ones no other part of
the notation uses (touch relations are green, service and intervention points red,
issues orange), and every mark also has a symbol or a line style, so greyscale print
keeps it."""

from __future__ import annotations

from prep import notation as N

ADDED = N.COLOUR["added"]  # purple: the ＋ badge and the border of an added element
CHANGED = N.COLOUR["changed"]  # amber: the ～ badge
GHOST = N.COLOUR["ghost"]  # grey: removed elements
TOUCH_GREEN = N.TOUCH["color"]  # touch lines keep their colour when marked


def badge(kind: str, words: dict, detail: str | None = None) -> str:
    """The badge as HTML-like label markup: `＋ 追加`, `～ 変更: old`, `－ 削除`."""
    sign, colour = {"added": ("＋", ADDED), "changed": ("～", CHANGED), "removed": ("－", GHOST), "new": ("＋", ADDED)}[
        kind
    ]
    text = f"{sign} {words[kind]}" + (f": {detail}" if detail else "")
    return f'<FONT COLOR="{colour}" POINT-SIZE="11"><B>{N.text(text)}</B></FONT>'


def added(attrs: dict, lines: list[str], words: dict, keep_colour: bool = False, word: str = "new") -> None:
    """A ＋ badge under the label and (unless the element keeps a colour of its own,
    such as a service KPI's red) an ADDED border."""
    if not keep_colour:
        attrs.update(color=ADDED, penwidth="2.6")
    lines.append(badge(word, words))


def changed(attrs: dict, lines: list[str], words: dict, old: str | None = None) -> None:
    attrs.update(color=CHANGED, penwidth="2.6")
    lines.append(badge("changed", words, N.shorten(N.was(old, words), 40) if old else None))


def removed(attrs: dict, lines: list[str], words: dict) -> None:
    """Ghosted: grey text and border, dashed, white fill; a － badge."""
    styles = [s for s in attrs.get("style", "").split(",") if s and s not in ("bold", "solid")]
    if "dashed" not in styles:
        styles.append("dashed")
    if "filled" not in styles and attrs.get("shape") != "plaintext":
        styles.append("filled")
    attrs.update(style=",".join(styles), color=GHOST, fontcolor=GHOST, fillcolor="#ffffff", penwidth="1.4")
    for n, line in enumerate(lines):
        lines[n] = f'<FONT COLOR="{GHOST}">{line}</FONT>'
    lines.append(badge("removed", words))


def ghost_edge(attrs: dict) -> None:
    attrs.update(style="dashed", color=GHOST, fontcolor=GHOST)


def added_edge(attrs: dict) -> None:
    attrs.update(color=ADDED, fontcolor=ADDED, penwidth="2.6")


def changed_edge(attrs: dict) -> None:
    attrs.update(color=CHANGED, fontcolor=CHANGED, penwidth="2.6")


def apply(mark: tuple[str, str | None] | None, attrs: dict, lines: list[str], words: dict) -> None:
    """Decorate a node (its attributes and label lines) with a mark, if any."""
    if mark is None:
        return
    kind, old = mark
    if kind == "added":
        added(attrs, lines, words, word="added")
    elif kind == "removed":
        removed(attrs, lines, words)
    elif kind == "changed":
        changed(attrs, lines, words, old)


def label(mark: tuple[str, str | None] | None, attrs: dict, lines: list[str], words: dict) -> str:
    """A note's label: as it was without a mark, stacked rows with its badge with one."""
    if mark is None:
        return N.html_label(*lines)
    apply(mark, attrs, lines, words)
    return N.stacked(*lines)


def apply_edge(mark: tuple[str, str | None] | None, attrs: dict, words: dict) -> None:
    """Decorate a relation: colour and a badge in its label."""
    if mark is None:
        return
    kind, old = mark
    if kind == "removed" or attrs.get("color") != TOUCH_GREEN:
        {"added": added_edge, "removed": ghost_edge, "changed": changed_edge}[kind](attrs)
    else:  # a touch line keeps its green; the badge says it
        attrs["penwidth"] = "3"
    label = attrs.get("xlabel")
    inner = label[1:-1] if label else ""
    tag = badge(kind, words, N.shorten(N.was(old, words), 40) if old else None)
    attrs["xlabel"] = "<" + (inner + "<BR/>" if inner else "") + tag + ">"


def apply_lane(mark: tuple[str, str | None] | None, attrs: dict, title: str, words: dict) -> str:
    """Decorate a lane (cluster attributes); the lane title with a badge."""
    if mark is None:
        return title
    kind, old = mark
    if kind == "added":
        attrs.update(color=ADDED, penwidth="2.6")
    elif kind == "removed":
        styles = [s for s in attrs.get("style", "").split(",") if s and s != "bold"]
        attrs.update(style=",".join(dict.fromkeys(styles + ["dashed"])), color=GHOST, fontcolor=GHOST)
    else:
        attrs.update(color=CHANGED, penwidth="2.6")
    return title + " " + badge(kind, words, N.shorten(N.was(old, words), 40) if old else None)


def legend_samples(words: dict) -> list[tuple[dict, list[str]]]:
    """Legend entries for the marks: (node attributes, label lines)."""
    out = []
    for kind in ("added", "changed", "removed"):
        attrs = {"shape": "box", "style": "filled", "fillcolor": "#ffffff", "color": "#222222"}
        lines = [N.text(words["kinds"]["product"])]
        apply((kind, "…" if kind == "changed" else None), attrs, lines, words)
        out.append((attrs, lines))
    return out


MERMAID_CLASSES = (
    f"classDef added stroke:{ADDED},stroke-width:3px",
    f"classDef changed stroke:{CHANGED},stroke-width:3px",
    f"classDef removed fill:#ffffff,stroke:{GHOST},color:{GHOST},stroke-dasharray:4 4",
)
MERMAID_LINK = {
    "added": f"stroke:{ADDED},stroke-width:3px,color:{ADDED}",
    "changed": f"stroke:{CHANGED},stroke-width:3px,color:{CHANGED}",
    "removed": f"stroke:{GHOST},stroke-dasharray:4 4,color:{GHOST}",
}


def mermaid(mark: tuple[str, str | None] | None, label: str, css: str, words: dict) -> tuple[str, str]:
    """A Mermaid label with its badge in front (`＋ 追加 · name`), and the CSS class."""
    if mark is None:
        return label, css
    kind, old = mark
    sign = {"added": "＋", "changed": "～", "removed": "－"}[kind]
    badge = f"{sign} {words[kind]}" + (f" ({shorten_plain(N.was(old, words))})" if old else "")
    return (f"{badge} · {label}" if label else badge), kind


def shorten_plain(value: str, limit: int = 40) -> str:
    return N.shorten(value, limit)
