"""The ToBe model drawn with its changes: added elements green and bold, changed
ones orange, touch relations labelled, removed elements listed in a note. A small
dot of its own (lanes per actor, left to right); every label escaped."""

from __future__ import annotations

from prep import notation as N
from prep.diff.model import relation_label
from prep.notation import FONT
from prep.notation import text as _t

GREEN, ORANGE, RED = N.GREEN, N.ORANGE, N.RED
SHAPE = N.KIND


def _mark(attrs: dict, status: str | None, tags: list[str]) -> None:
    if status == "added":
        style = [s for s in attrs.get("style", "").split(",") if s] + ["filled"]
        attrs.update(color=GREEN, penwidth="2.5", fillcolor="#e8f5e9", style=",".join(style))
        tags.append("added")
    elif status == "changed":
        attrs.update(color=ORANGE, penwidth="2.5")
        tags.append("changed")


def to_dot(result) -> str:
    import graphviz

    dot = graphviz.Digraph("diff", graph_attr={"rankdir": "LR", "fontname": FONT,
                                               "newrank": "true"},
                           node_attr={"fontname": FONT, "fontsize": "11"},
                           edge_attr={"fontname": FONT, "fontsize": "9"})
    count = 0
    for n, p in enumerate(result.processes, 1):
        pg = p.graph
        ids: dict[str, str] = {}
        with dot.subgraph(name=f"cluster_p{n}") as frame:
            frame.attr(label=f"<<B>{_t(p.name)}</B> — changes since AsIs>", labeljust="l",
                       style="rounded", color="#999999")
            removed = [f"{cat}: {e}" for cat, items in p.removed.items() for e in items]
            if pg is not None:
                added = {c: set(p.added[c]) for c in p.added}
                changed = {c: {e["name"] for e in p.changed[c]} for c in p.changed}
                for a, actor in enumerate(pg.process.actors, 1):
                    with frame.subgraph(name=f"cluster_p{n}_a{a}") as lane:
                        tag = "" if actor.role == "customer" else f" [{_t(actor.role)}]"
                        lane.attr(label=f"<<B>{_t(actor.name)}</B>{tag}>", style="filled",
                                  fillcolor="#f7f7f7" if actor.name not in added["actors"]
                                  else "#e8f5e9", color="#bbbbbb")
                        for product in actor.products:
                            key = product.key
                            if pg.products.get(key) is not product or key in ids:
                                continue
                            count += 1
                            ids[key] = f"n{count}"
                            status = ("added" if key in added["products"] else
                                      "changed" if key in changed["products"] else None)
                            lane.node(ids[key], **_node(key, product.kind, status))
                for name in sorted(pg.externals):
                    count += 1
                    ids[name] = f"n{count}"
                    status = ("added" if name in added["externals"] else
                              "changed" if name in changed["externals"] else None)
                    frame.node(ids[name], **_node(name, "external", status))
                touches = {e.split(" [touch")[0] for e in added["touches"]} | changed["touches"]
                for edge in pg.edges:
                    label = relation_label(edge)
                    attrs = {"style": "dashed", "dir": "both"} if edge.kind == "sync" else {}
                    if label in added["relations"]:
                        attrs.update(color=GREEN, penwidth="2.5")
                    elif label in changed["relations"]:
                        attrs.update(color=ORANGE, penwidth="2.5")
                    if edge.relation.has_attr("touch"):
                        level = edge.relation.attr("touch")
                        attrs["label"] = f"<touch={_t(level if level is not None else '')}>"
                        attrs["fontcolor"] = GREEN
                        if label in touches:
                            attrs.update(color=GREEN, penwidth="3")
                    frame.edge(ids[edge.source], ids[edge.target], **attrs)
            if removed:
                count += 1
                lines = "<BR ALIGN=\"LEFT\"/>".join(_t(r) for r in removed)
                frame.node(f"n{count}", label=f"<<B>removed</B><BR/>{lines}<BR ALIGN=\"LEFT\"/>>",
                           shape="note", style="filled", fillcolor="#ffebee", color=RED,
                           fontsize="9")
    return dot.source


def _node(name: str, kind: str, status: str | None) -> dict:
    attrs = dict(SHAPE.get(kind, SHAPE["product"]))
    tags = [kind]
    _mark(attrs, status, tags)
    attrs["label"] = (f"<{_t(name)}<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">"
                      f"{_t(' · '.join(tags))}</FONT>>")
    return attrs
