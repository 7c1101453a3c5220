"""The legend of a draw.io page (prep.render.drawio): under the process, its
samples drawn with the same styles as the cells they explain."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from prep import notation as N
from prep.layout.positions import Box
from prep.render.drawio_look import BASE, SHAPE, label, style_of


def draw_legend(page, legend, shift: float, number: int) -> None:
    def moved(b: Box) -> Box:
        return Box(b.x, b.y + shift, b.w, b.h)

    base = f"p{number}legend"
    page.cell(
        base,
        "legend",
        legend.title.text,
        "",
        {"rounded": "1", "arcSize": "10", "fillColor": "none", "strokeColor": "#aaaaaa"},
        moved(legend.box),
    )
    first = legend.items[0].text_box if legend.items else legend.box
    page.cell(
        f"{base}0",
        "legend text",
        legend.title.text,
        label((legend.title,)),
        {"text": None, **BASE, "align": "left", "strokeColor": "none", "fillColor": "none"},
        moved(Box(legend.box.x + 8, first.y, 40, first.h)),
    )
    for n, item in enumerate(legend.items, 1):
        ident = f"{base}{n}"
        sample = moved(item.sample)
        if item.kind in ("input", "sync", "touch"):
            attrs = {**N.EDGE, **(N.SYNC if item.kind == "sync" else N.INPUT)}
            if item.kind == "touch":
                attrs.update(N.TOUCH)
            look = style_of({"penwidth": "1", **attrs})
            look.pop("fillColor", None)
            ends = {"endArrow": "block", "endFill": "1"}
            if item.kind == "sync":
                ends.update(startArrow="block", startFill="1")
            geo = page.cell(
                f"{ident}s", f"legend {item.kind}", item.text.text, "", {"edgeStyle": "none", **look, **ends}, edge={}
            )
            ET.SubElement(geo, "mxPoint", {**page.point(sample.x, sample.cy), "as": "sourcePoint"})
            ET.SubElement(geo, "mxPoint", {**page.point(sample.right, sample.cy), "as": "targetPoint"})
        else:
            page.cell(
                f"{ident}s",
                f"legend {item.kind}",
                item.text.text,
                "",
                _sample(item.kind, BASE, SHAPE, style_of),
                sample,
            )
        page.cell(
            ident,
            "legend text",
            item.text.text,
            label((item.text,)),
            {"text": None, **BASE, "align": "left", "strokeColor": "none", "fillColor": "none"},
            moved(item.text_box),
        )


def _sample(kind: str, base: dict, shapes: dict, look) -> dict:
    if kind in shapes:
        attrs = dict(N.KIND[kind])
        if kind not in ("intangible", "external"):
            attrs["fillcolor"] = N.PRODUCT_FILL
        return {**base, **shapes[kind], **look(attrs)}
    if kind == "intervention":
        return {**base, **shapes["intangible"], **style_of({**N.KIND["intangible"], **N.INTERVENTION})}
    if kind in ("kpi", "issue"):
        return {**base, "shape": "note", "size": "6", **style_of(N.KPI if kind == "kpi" else N.ISSUE)}
    return {**base, **style_of({**N.BAND_LABEL, "style": "dashed"})}
