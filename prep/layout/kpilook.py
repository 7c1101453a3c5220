"""How the nodes of a KPI tree picture look: Graphviz attributes from the notation
(prep.notation), shared by the SVG drawer (prep.render.kpitree) and the slides
(prep.kpi.pptx, through prep.slides.look), so both show the same tree."""

from __future__ import annotations

from prep import notation as N

SERVICE = {"color": N.RED, "penwidth": "2.4", "fillcolor": "#ffebee"}
GHOST, ADDED = N.COLOUR["ghost"], N.COLOUR["added"]
GOAL = {"shape": "box", "style": "filled,bold,rounded", "fillcolor": N.GOAL_FILL, "color": "#8d6e00", "penwidth": "2"}


def look(node) -> dict:
    kind, marks = node.kind, node.marks
    if kind in ("goal", "process"):
        attrs = dict(GOAL)
    elif kind in ("kpi", "issue"):
        attrs = N.note_style(kind, marks)
    elif kind == "ref":
        attrs = {"shape": "box", "style": "dashed,rounded", "color": "#777777"}
    elif kind == "more":
        attrs = {"shape": "plaintext"}
    else:
        attrs = N.node_style(kind, "intervention" in marks)
        if "service" in marks:
            attrs.update(SERVICE)
            attrs["style"] = "filled," + attrs.get("style", "")
    if "new" in marks and "service" not in marks:
        attrs.update(color=ADDED, penwidth="2.6")
    if "removed" in marks:
        styles = [s for s in attrs.get("style", "").split(",") if s and s != "bold"]
        attrs.update(
            style=",".join(dict.fromkeys(styles + ["filled", "dashed"])),
            color=GHOST,
            fillcolor="#ffffff",
            penwidth="1.4",
        )
    attrs["label"] = N.markup(node.lines)
    attrs["tooltip"] = N.plain(node.label)
    return attrs


def sample(kind: str) -> dict:
    if kind in ("final", "milestone", "product", "intangible", "external"):
        return N.node_style(kind)
    if kind == "intervention":
        return N.node_style("intangible", True)
    if kind == "service":
        return {**N.node_style("product"), **SERVICE}
    if kind.startswith("kpi"):
        marks = kind.split("-")[1:]
        return N.note_style("kpi", marks)
    if kind == "issue":
        return N.note_style("issue", ())
    if kind == "ref":
        return {"shape": "box", "style": "dashed,rounded", "color": "#777777"}
    if kind == "added":
        return {**N.node_style("product"), "color": ADDED, "penwidth": "2.6"}
    return {**N.node_style("product"), "style": "filled,dashed", "color": GHOST}
