"""Which page of the handout a picture goes on and how large it prints: product
names (N.SIZE["name"] in the drawing) must print at NAME_PT or more. A picture is
printed whole on a landscape page when that holds there, else whole on a portrait
page of the same paper (a tall, narrow one), else cut by width into pieces on a
landscape page when its height allows the floor there, else on a portrait page
(a tall one: the portrait page has more height). When no page can hold the floor
(a picture taller than a portrait page allows, or one that cannot be cut and is
too large), it goes where its names print largest, and the handout says so."""

from __future__ import annotations

from dataclasses import dataclass

from prep import notation as N

NAME_PT = 9.0  # product names printed no smaller than this
LEAST = NAME_PT / N.SIZE["name"]  # the smallest scale that keeps NAME_PT
PAGES = ("landscape", "portrait")  # the preferred one first


def holds(scale: float) -> bool:
    """Whether product names printed at `scale` keep NAME_PT."""
    return scale >= LEAST - 1e-9


@dataclass(frozen=True)
class Fit:
    """Where a picture goes: `page` (landscape or portrait), the `scale` its product
    names print at at least, and whether it is cut by width into pieces."""

    page: str
    scale: float
    split: bool = False

    @property
    def name_pt(self) -> float:
        return self.scale * N.SIZE["name"]

    @property
    def legible(self) -> bool:
        return holds(self.scale)


def rooms(width: float, height: float, margin: float, head: float) -> dict[str, tuple[float, float]]:
    """The room a picture has on a landscape page `width` × `height` (points) and on
    the same paper turned portrait: each page less its margins and headings."""
    return {
        "landscape": (width - 2 * margin, height - 2 * margin - head),
        "portrait": (height - 2 * margin, width - 2 * margin - head),
    }


def fit(width: float, height: float, room: dict[str, tuple[float, float]], splittable: bool = True) -> Fit:
    """Where a picture `width` × `height` (points at scale 1) goes, by the order in
    the module's doc."""
    width, height = max(width, 1.0), max(height, 1.0)

    def whole(page: str) -> float:
        w, h = room[page]
        return min(w / width, h / height, 1.0)

    def cut(page: str) -> float:
        return min(room[page][1] / height, LEAST, 1.0)

    for page in PAGES:
        if holds(whole(page)):
            return Fit(page, whole(page))
    if splittable:
        for page in PAGES:
            if holds(cut(page)):
                return Fit(page, cut(page), True)
    best = max(PAGES, key=lambda p: (max(whole(p), cut(p) if splittable else 0.0), p == "landscape"))
    split = splittable and cut(best) > whole(best) + 1e-9
    return Fit(best, cut(best) if split else whole(best), split)
