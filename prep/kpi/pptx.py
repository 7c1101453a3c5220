"""KPI trees as PowerPoint slides of editable shapes (docs/kpi.md, `prep kpi -o
kpi.pptx`): one slide per process; with --tobe the AsIs and ToBe trees side by
side (before / after, in the drawing's language), service KPIs and service data
red, what is new with a ＋ badge, what disappeared greyed (or listed).

Positions come from Graphviz (`dot -Tjson`, top-down, through the graphviz
package); shapes and connectors are drawn from them, connectors glued to both
nodes. A node reached twice (a reference) is one shape with two incoming lines.
Works with trees whose children may be references (objects with `.node`)."""

from __future__ import annotations

import json

from prep import notation as N
from prep import slides as S
from prep.layout.content import wrap
from prep.layout.model import Box, Text

TOP = 44.0                       # the slide's title and the side headings
GAP = 16.0
PRESET = {"goal": "RECTANGLE", "process": "RECTANGLE", "final": "RECTANGLE",
          "milestone": "HEXAGON", "intangible": "ROUNDED_RECTANGLE", "product": "RECTANGLE",
          "external": "PENTAGON", "kpi": "OVAL"}


def to_pptx(trees, lang: str = "auto", timeout: float = 60.0, asis=None) -> bytes:
    """The deck's bytes. `trees` as `prep kpi` has them (with --tobe, compared);
    `asis`: the AsIs trees, when the compared list holds the ToBe side only."""
    code = lang if lang in ("ja", "en") else (
        "ja" if any(N.is_japanese(_label(n)) for t in trees for n in _nodes(t)) else "en")
    words = N.WORDS[code]
    deck = S.new_deck()
    for group in _groups(trees, asis):
        _slide(deck, group, words, timeout)
    return S.save(deck, trees[0].process if trees else "")


def _groups(trees, asis=None) -> list[list]:
    if asis and not any(getattr(t, "pair", None) is not None for t in trees) \
            and not any(a is t for a in asis for t in trees):
        by_name = {a.process: a for a in reversed(asis)}
        out = []
        for tree in trees:
            before = by_name.get(tree.process) or (asis[0] if len(asis) == len(trees) == 1
                                                   else None)
            out.append([_Side(before, "asis"), _Side(tree, "tobe")] if before else [tree])
        return out
    return _pairs(trees)


class _Side:
    """A tree seen as one side of an AsIs/ToBe slide (its own stage may say otherwise)."""

    def __init__(self, tree, stage: str) -> None:
        self.tree, self.stage = tree, stage

    def __getattr__(self, name):
        return getattr(self.tree, name)


def _pairs(trees) -> list[list]:
    """Slides: [asis, tobe] pairs where the trees know their pair (or follow each
    other with the same process, AsIs first), else one tree each."""
    out, used = [], set()
    for n, tree in enumerate(trees):
        if id(tree) in used:
            continue
        pair = getattr(tree, "pair", None)
        if pair is None and n + 1 < len(trees) and trees[n + 1].process == tree.process \
                and tree.stage == "asis" and trees[n + 1].stage == "tobe":
            pair = trees[n + 1]
        if pair is not None and id(pair) not in used and any(pair is t for t in trees):
            first, second = (tree, pair) if tree.stage != "tobe" else (pair, tree)
            out.append([first, second])
            used.update({id(tree), id(pair)})
        else:
            out.append([tree])
            used.add(id(tree))
    return out


# -- reading a tree -------------------------------------------------------------------------

def _label(node) -> str:
    return str(getattr(node, "label", ""))


def _is_ref(item) -> bool:
    return hasattr(item, "node") and not hasattr(item, "children")


def _nodes(tree):
    stack = [tree.root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in reversed(node.children) if not _is_ref(c))


def _lines(node, words) -> tuple[Text, ...]:
    name = "kpi" if node.kind == "kpi" else "name"
    lines = [Text(part, 13, name if name == "name" else "note", True)
             for part in wrap(_label(node), 24)]
    tags = [words["kinds"].get(node.kind, "KPI" if node.kind == "kpi" else words["goal"])]
    for mark in node.marks:
        if mark in ("service", "supplemented", "kgi", "new", "removed"):
            tags.append(words.get(mark, mark))
        elif mark == "intervention":
            tags.append(words["intervention"])
        elif mark == "ref":
            tags.append(words["see_above"])
    role = "service" if "service" in node.marks else "tag"
    lines.append(Text(" · ".join(tags), 10, role))
    return tuple(lines)


def _look(node) -> dict:
    attrs = dict(N.KIND.get(node.kind, N.KIND["product"]))
    if node.kind in ("final", "milestone", "product"):
        attrs["fillcolor"] = N.PRODUCT_FILL
    if node.kind == "kpi" and "supplemented" in node.marks:
        attrs["style"] = attrs.get("style", "") + ",dashed"
    if "kgi" in node.marks:
        attrs["penwidth"] = "2"
    if "service" in node.marks:
        attrs.update({k: v for k, v in N.KPI_SERVICE.items() if k != "fontcolor"})
    if "intervention" in node.marks:
        attrs.update(color=N.RED, penwidth="2.4")
    if "new" in node.marks and "service" not in node.marks:      # service stays red
        attrs.update(color=N.PURPLE, penwidth="2.6")
    if "removed" in node.marks:
        attrs.update(color=N.GREY, style=attrs.get("style", "") + ",dashed")
    if "ref" in node.marks:
        attrs["style"] = attrs.get("style", "") + ",dotted"
    return S.look(attrs)


# -- positions from Graphviz ----------------------------------------------------------------

class _Placed:
    def __init__(self, tree, words, timeout: float, rankdir: str = "TB") -> None:
        import graphviz

        self.rankdir = rankdir
        self.items: dict[str, tuple] = {}          # id -> (node or issue text, lines, kind)
        self.edges: list[tuple[str, str, str]] = []  # (parent id, child id, kind)
        seen: dict[int, str] = {}
        dot = graphviz.Digraph("kpi", graph_attr={"rankdir": rankdir, "nodesep": "0.2",
                                                  "ranksep": "0.4"},
                               node_attr={"fontname": N.FONT, "shape": "box",
                                          "margin": "0.1,0.05"})
        stack = [(None, tree.root)]
        while stack:
            parent, item = stack.pop()
            node = item.node if _is_ref(item) else item
            if id(node) in seen:
                if parent is not None:
                    self.edges.append((parent, seen[id(node)], "tree"))
                continue
            ident = f"n{len(self.items) + 1}"
            seen[id(node)] = ident
            lines = _lines(node, words)
            self.items[ident] = (node, lines, node.kind)
            dot.node(ident, label=N.markup(lines))
            if parent is not None:
                self.edges.append((parent, ident, "tree"))
            for mark in node.marks:
                if mark.startswith("issue:"):
                    note = f"n{len(self.items) + 1}"
                    kept = N.kept_lines(mark[6:], 120)     # its own lines kept
                    kept[0] = f"{words['issue']}: {kept[0]}"
                    text = tuple(Text(line, 11, "note") for line in kept)
                    self.items[note] = (mark[6:], text, "issue")
                    dot.node(note, label=N.markup(text), shape="note")
                    self.edges.append((ident, note, "issue"))
            stack.extend((ident, c) for c in reversed(node.children))
        for a, b, kind in self.edges:
            dot.edge(a, b, **({"style": "dashed"} if kind == "issue" else {}))
        data = json.loads(_dot_json(dot.source, timeout))
        try:
            self._place(data)
        except (KeyError, ValueError, TypeError, AttributeError):
            raise DrawError("Graphviz `dot` printed JSON without the layout asked for",
                            "check the Graphviz installation: dot -V") from None

    def _place(self, data: dict) -> None:
        x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
        self.width, self.height = x1 - x0, y1 - y0
        self.boxes: dict[str, Box] = {}
        for obj in data.get("objects", []):
            if obj.get("name") in self.items and "pos" in obj:
                x, y = (float(v) for v in obj["pos"].split(","))
                w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
                self.boxes[obj["name"]] = Box(x - x0 - w / 2, (y1 - y) - h / 2, w, h)


class DrawError(Exception):
    """Graphviz could not lay the tree out; `hint` says what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _dot_json(source: str, timeout: float) -> str:
    """`dot -Tjson` on the source, with a time limit."""
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program is None:
        raise DrawError("Graphviz `dot` was not found on PATH",
                        "install Graphviz: sudo apt-get install graphviz")
    from prep.graphviz_run import GraphvizOutputError, run, status, valid

    try:
        done = run([program, "-Tjson"], source.encode("utf-8"), timeout)
    except subprocess.TimeoutExpired:
        raise DrawError(f"laying out the KPI tree took longer than {timeout:g} s",
                        "allow more time with --timeout SECONDS") from None
    except OSError as error:
        raise DrawError(f"cannot run Graphviz `dot`: {error.strerror or error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().split("\n")[0]
        raise DrawError("Graphviz `dot` failed: " + (detail or status(done.returncode)))
    try:
        valid(done.stdout, "json")
    except GraphvizOutputError as error:
        raise DrawError(str(error), "check the Graphviz installation: dot -V") from None
    return done.stdout.decode("utf-8")


def _slide(deck, group, words, timeout) -> None:
    slide = S.blank_slide(deck)
    room_w = (S.SLIDE_W - 2 * S.MARGIN - GAP * (len(group) - 1)) / len(group)
    room_h = S.SLIDE_H - 2 * S.MARGIN - TOP

    def fit(placed) -> float:
        return min([min(room_w / max(p.width, 1), room_h / max(p.height, 1), 1.0)
                    for p in placed] + [1.0])

    # Top-down as the paper draws them; left to right when that shows the text larger
    # (a wide, shallow tree on half a slide).
    placed = [_Placed(tree, words, timeout) for tree in group]
    scale = fit(placed)
    if scale < 1.0:
        across = [_Placed(tree, words, timeout, "LR") for tree in group]
        if fit(across) > scale * 1.15:
            placed, scale = across, fit(across)
    process = group[-1].process
    title = S.text_box(slide, S.MARGIN, S.MARGIN, S.SLIDE_W - 2 * S.MARGIN, 22,
                       f"title: {process}")
    S.put_text(title, (Text(f"{words['kpi_tree']}: {process}", 18, "title", True),), 1.0,
               "left", pad=0)
    for n, (tree, p) in enumerate(zip(group, placed)):
        left = S.MARGIN + n * (room_w + GAP)
        if len(group) > 1:
            heading = words["before"] if tree.stage != "tobe" else words["after"]
        else:
            heading = N.stage_word(tree.stage, words)
        head = S.text_box(slide, left, S.MARGIN + 22, room_w, 18, f"side: {tree.stage}")
        S.put_text(head, (Text(heading, 14, "banner", True),), 1.0, "left", pad=0)
        ox = left + (room_w - p.width * scale) / 2
        oy = S.MARGIN + TOP
        _draw(slide, tree, p, ox, oy, scale, words)


def _title(p, ident: str) -> str:
    node, _, kind = p.items[ident]
    return str(node) if kind == "issue" else _label(node)


def _draw(slide, tree, p, ox, oy, scale, words) -> None:
    shapes, boxes = {}, {}
    for ident, (node, lines, kind) in p.items.items():
        b = p.boxes[ident]
        box = Box(ox + b.x * scale, oy + b.y * scale, b.w * scale, b.h * scale)
        if kind == "issue":
            look = {"fill": N.ISSUE["fillcolor"], "line": N.ISSUE["color"], "width": 1.0,
                    "dash": False, "double": False}
            name = f"issue: {node}"
            preset = "FOLDED_CORNER"
        else:
            look, preset = _look(node), PRESET.get(kind, "RECTANGLE")
            name = f"{kind}: {_label(node)}"
        sp = S.shape(slide, preset, box.x, box.y, box.w, box.h, name, look["fill"],
                     look["line"], max(0.5, look["width"] * scale), look["dash"],
                     look["double"])
        S.put_text(sp, lines, scale, pad=2)
        shapes[ident], boxes[ident] = sp, box
        if kind != "issue" and "new" in node.marks:
            badge = S.shape(slide, "OVAL", box.right - 9 * scale, box.y - 9 * scale,
                            18 * scale, 18 * scale, f"badge added: {_label(node)}", "#ffffff",
                            N.PURPLE, 1.2)
            S.put_text(badge, (Text("＋", 11, "mark", True),), scale, pad=0)
    for a, b, kind in p.edges:
        upper, lower = boxes[a], boxes[b]
        sides = ("bottom", "top") if p.rankdir == "TB" else ("right", "left")
        begin, end = ((upper.cx, upper.bottom), (lower.cx, lower.y)) if p.rankdir == "TB" \
            else ((upper.right, upper.cy), (lower.x, lower.cy))
        name = f"{'issue link' if kind == 'issue' else 'line'}: {_title(p, a)} -> {_title(p, b)}"
        cx = S.connector(slide, "STRAIGHT", begin, end, name)
        S.attach(cx, shapes[a], sides[0], shapes[b], sides[1])
        S.set_line(cx, N.ORANGE if kind == "issue" else "#777777", max(0.5, 1.2 * scale),
                   kind == "issue")
    removed = [r for r in (getattr(tree, "removed", None) or []) if isinstance(r, str)]
    if removed and getattr(tree, "pair", None) is None and tree.stage == "tobe":
        text = f"{words['removed']}: " + ", ".join(removed)
        left = max(S.MARGIN, min(ox, S.SLIDE_W / 2))
        tb = S.text_box(slide, left, S.SLIDE_H - S.MARGIN - 30, S.SLIDE_W - S.MARGIN - left,
                        28, f"removed: {tree.process}")
        S.put_text(tb, (Text(text, 11, "mark"),), 1.0, "left", "top", pad=0, wrap=True)
