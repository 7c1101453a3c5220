"""What each box of a KPI tree picture says (Text lines with notation roles and
sizes), how big a box is around its measured label (with 10 % room beyond the
measured text, so a substitute font still fits), and the legend's entries: only
what the drawing uses. Trees are read as they are (duck-typed: nodes with
`children`, references with `node`); nothing here imports prep.kpi."""

from __future__ import annotations

from prep import notation as N
from prep.layout.content import balanced, hexagon_width
from prep.layout.positions import Text

NAME_UNITS = 20
GOAL_UNITS = 64
NOTE_UNITS = 26
SLACK = 1.1  # room beyond the measured text in every box
NAME, NOTE, TAG = 16, 13, 12
PRODUCTS = ("final", "milestone", "intangible", "product", "external")


def added(words: dict) -> Text:
    return Text(f"＋ {words['new']}", TAG, "added", True)


def removed(words: dict) -> Text:
    return Text(f"－ {words['removed']}", TAG, "removed", True)


def _marked(lines: list[Text], marks, words: dict) -> tuple[Text, ...]:
    if "removed" in marks:
        lines = [Text(t.text, t.size, "ghost", t.bold) for t in lines]
        lines.append(removed(words))
    elif "new" in marks:
        lines.append(added(words))
    return tuple(lines)


def node_lines(node, words: dict, kgis=()) -> tuple[Text, ...]:
    """The lines of a tree node (the root with its KGIs inside)."""
    marks = node.marks
    if node.kind in ("goal", "process"):
        head = f"{words['goal']}: {node.label}" if node.kind == "goal" else node.label
        lines = [Text(part, NAME, "goal", True) for part in balanced(head, GOAL_UNITS)]
        for kgi in kgis:
            lines.append(_kgi_line(kgi, words))
        return tuple(lines)
    if node.kind == "kpi":
        return kpi_lines(node, words)
    lines = [Text(part, NAME, "name", True) for part in balanced(node.label, NAME_UNITS)]
    if "service" in marks:
        lines.append(Text(words["roles"]["service"], TAG, "service", True))
    if "intervention" in marks:
        lines.append(Text(words["intervention"], TAG, "mark", True))
    return _marked(lines, marks, words)


def _kgi_line(kgi, words: dict) -> Text:
    text = f"{words['kgi']}: {N.shorten(kgi.label, 60)}"
    role = "service" if "service" in kgi.marks else "kgi"
    if "new" in kgi.marks:
        text += f"  ＋ {words['new']}"
    if "removed" in kgi.marks:
        text += f"  － {words['removed']}"
        role = "ghost"
    return Text(text, NOTE, role)


def kpi_lines(node, words: dict) -> tuple[Text, ...]:
    service = "service" in node.marks
    role = "service" if service else "note"
    lines = [Text(part, NOTE, role, service) for part in balanced(f"{words['kpi']}: {node.label}", NOTE_UNITS)]
    measures = next((m[4:] for m in node.marks if m.startswith("for:")), None)
    if measures:
        lines += [Text(part, TAG, "tag") for part in balanced(f"({measures})", NOTE_UNITS)]
    tags = [words[m] for m in ("service", "supplemented") if m in node.marks]
    if tags:
        lines.append(Text("[" + ", ".join(tags) + "]", TAG, "service" if service else "tag"))
    return _marked(lines, node.marks, words)


def issue_lines(text: str, words: dict) -> tuple[Text, ...]:
    kept = N.kept_lines(text, 90)
    kept[0] = f"{words['issue']}: {kept[0]}"
    return tuple(Text(part, NOTE, "note") for line in kept for part in balanced(line, NOTE_UNITS))


def ref_lines(label: str) -> tuple[Text, ...]:
    return tuple(Text(part, TAG, "tag") for part in balanced(f"{label} (*)", NOTE_UNITS))


def more_lines(words: dict) -> tuple[Text, ...]:
    return tuple(Text(part, TAG, "tag") for part in balanced(words["deeper"], 40))


def title_lines(tree, words: dict) -> tuple[Text, ...]:
    """The frame's title: the process, then the side (or that it is a KPI tree)."""
    first = Text(tree.process, 18, "banner", True)
    if getattr(tree, "compared", False) or getattr(tree, "pair", None) is not None:
        side = words["before"] if tree.stage == "asis" else words["after"]
        return (first, Text(side, 15, "goal", True))
    stage = "ToBe" if tree.stage == "tobe" else "AsIs"
    return (first, Text(f"{words['kpi_tree']} [{stage}]", 13, "tag"))


def box_size(kind: str, w: float, h: float, rows=None) -> tuple[float, float]:
    """The box around a label measured w x h (its lines `rows` for a hexagon)."""
    w, h = w * SLACK, h * SLACK
    if kind in ("goal", "process"):
        return round(w + 32, 2), round(h + 20, 2)
    if kind == "milestone":
        height = h + 26
        rows = [(rw * SLACK, rh * SLACK) for rw, rh in rows] if rows else None
        return round(max(w + 28, hexagon_width(w, h, height, rows) + 8), 2), round(height, 2)
    if kind == "final":
        return round(max(w + 32, 96), 2), round(max(h + 24, 44), 2)
    if kind == "external":
        height = h + 16
        return round(w + 28 + height * 0.5, 2), round(height, 2)
    if kind in ("kpi", "issue"):
        return round(w + 24, 2), round(h + 12, 2)
    if kind in ("ref", "more"):
        return round(w + 14, 2), round(h + 8, 2)
    return round(max(w + 24, 88), 2), round(max(h + 16, 40), 2)


# -- the legend ---------------------------------------------------------------------

LEGEND_ORDER = (
    "final",
    "milestone",
    "product",
    "intangible",
    "intervention",
    "external",
    "service",
    "kpi",
    "kpi-service",
    "kpi-supplemented",
    "issue",
    "ref",
    "added",
    "removed",
)


def legend_kind(node) -> list[str]:
    """The legend entries a node needs."""
    out = []
    kind, marks = node.kind, node.marks
    if kind in PRODUCTS:
        out.append("intervention" if "intervention" in marks else kind)
        if "service" in marks:
            out.append("service")
    elif kind == "kpi":
        out.append("kpi-service" if "service" in marks else "kpi-supplemented" if "supplemented" in marks else "kpi")
    elif kind in ("issue", "ref"):
        out.append(kind)
    if "new" in marks:
        out.append("added")
    if "removed" in marks:
        out.append("removed")
    return out


def legend_items(used: set[str], words: dict) -> list[tuple[str, Text]]:
    names = {
        **words["kinds"],
        "intervention": words["intervention"],
        "service": words["service_data"],
        "kpi": words["kpi"],
        "kpi-service": f"{words['kpi']} [{words['service']}]",
        "kpi-supplemented": f"{words['kpi']} [{words['supplemented']}]",
        "issue": words["issue"],
        "ref": f"(*) {words['see_above']}",
        "added": f"＋ {words['new']}",
        "removed": f"－ {words['removed']}",
    }
    roles = {"added": "added", "removed": "removed", "kpi-service": "service", "service": "service"}
    return [(kind, Text(names[kind], TAG, roles.get(kind, "legend"))) for kind in LEGEND_ORDER if kind in used]
