"""Marks a drawing puts on elements of the notation to show a change (prep kpi
--tobe, prep diff): a ＋ badge for what was added, a ～ badge with the old value for
what changed, and ghosting (grey, dashed) for what was removed. The colours are
ones no other part of the notation uses (touch relations are green, service and
intervention points red, issues orange), and every mark also has a symbol or a line
style, so greyscale print keeps it."""

from __future__ import annotations

from prep.render import labels as L

ADDED = "#6a1b9a"      # purple: the ＋ badge and the border of an added element
CHANGED = "#b26a00"    # amber: the ～ badge
GHOST = "#9e9e9e"      # grey: removed elements


def badge(kind: str, words: dict, detail: str | None = None) -> str:
    """The badge as HTML-like label markup: `＋ 追加`, `～ 変更: old`, `－ 削除`."""
    sign, colour = {"added": ("＋", ADDED), "changed": ("～", CHANGED),
                    "removed": ("－", GHOST), "new": ("＋", ADDED)}[kind]
    text = f"{sign} {words[kind]}" + (f": {detail}" if detail else "")
    return f'<FONT COLOR="{colour}" POINT-SIZE="9"><B>{L.text(text)}</B></FONT>'


def added(attrs: dict, lines: list[str], words: dict, keep_colour: bool = False,
          word: str = "new") -> None:
    """A ＋ badge under the label and (unless the element keeps a colour of its own,
    such as a service KPI's red) an ADDED border."""
    if not keep_colour:
        attrs.update(color=ADDED, penwidth="2.6")
    lines.append(badge(word, words))


def changed(attrs: dict, lines: list[str], words: dict, old: str | None = None) -> None:
    attrs.update(color=CHANGED, penwidth="2.6")
    lines.append(badge("changed", words, L.shorten(old, 40) if old else None))


def removed(attrs: dict, lines: list[str], words: dict) -> None:
    """Ghosted: grey text and border, dashed, white fill; a － badge."""
    styles = [s for s in attrs.get("style", "").split(",") if s and s not in ("bold", "solid")]
    if "dashed" not in styles:
        styles.append("dashed")
    if "filled" not in styles and attrs.get("shape") != "plaintext":
        styles.append("filled")
    attrs.update(style=",".join(styles), color=GHOST, fontcolor=GHOST, fillcolor="#ffffff",
                 penwidth="1.4")
    for n, line in enumerate(lines):
        lines[n] = f'<FONT COLOR="{GHOST}">{line}</FONT>'
    lines.append(badge("removed", words))


def ghost_edge(attrs: dict) -> None:
    attrs.update(style="dashed", color=GHOST, fontcolor=GHOST)


def added_edge(attrs: dict) -> None:
    attrs.update(color=ADDED, fontcolor=ADDED, penwidth="2.6")


def changed_edge(attrs: dict) -> None:
    attrs.update(color=CHANGED, fontcolor=CHANGED, penwidth="2.6")
