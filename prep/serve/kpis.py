"""The KPI tab of the workshop view (`prep kpi FILE -f svg`, and for an AsIs/ToBe
pair `prep kpi ASIS --tobe TOBE`): made when a page asks for it, or ahead of it
right after a save of a model whose KPI tab was asked for (Models.prewarm), once
its process drawing is made. A picture is made once per content (its trees and words): a
save that leaves the trees as they were reuses it, and a page asking while it is
being made waits for that one. While a file cannot be read, the last good picture
stays, marked stale."""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future

KEEP = 16  # pictures kept by content


class Pictures:
    """Content key -> the picture made from it (a Future: made once, waited for by
    every caller asking meanwhile). Thread-safe."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._made: OrderedDict[object, Future] = OrderedDict()

    def get(self, key, make):
        """make() once per `key`; a failure is not kept (the next call tries again)."""
        with self._lock:
            future = self._made.get(key)
            mine = future is None
            if mine:
                future = self._made[key] = Future()
                while len(self._made) > self.keep:
                    self._made.popitem(last=False)
            else:
                self._made.move_to_end(key)
        if mine:
            try:
                future.set_result(make())
            except BaseException as error:
                with self._lock:
                    if self._made.get(key) is future:
                        del self._made[key]
                future.set_exception(error)
        return future.result()


def kpi_data(models, rel: str, partner: str | None) -> dict:
    """{"file", "ok", "svg", "notes", "stale", "error", "compare"}: the drawing of
    `prep kpi FILE -f svg`; while the file has errors (or Graphviz fails) the last
    good one, `stale`. `compare`, for a pair: {"asis", "tobe", "svg", "notes",
    "stale", "error"}, the drawing of `prep kpi ASIS --tobe TOBE`, kept the same way
    while either file has errors."""
    from prep.serve.pairs import is_asis

    checked = models._check(rel)
    data = {"version": 1, "file": rel, "ok": not checked.errors}
    data.update(picture(models, (rel,), [checked], rel))
    data["compare"] = None
    if partner is not None:
        other = models._check(partner)
        asis, tobe = (rel, partner) if is_asis(checked, other) else (partner, rel)
        sides = [checked, other] if asis == rel else [other, checked]
        bad = next((name for name, side in zip((asis, tobe), sides) if not side.drawable), None)
        compare = {"asis": asis, "tobe": tobe}
        compare.update(picture(models, (asis, tobe), sides, bad))
        data["compare"] = compare
    return data


def picture(models, key: tuple, sides: list, bad: str | None) -> dict:
    """One KPI drawing of the checked files `sides` (one, or AsIs and ToBe), or
    the last good drawing of `key` while one of them (`bad`) cannot be read
    (`error` says so in English, `bad` names it for the page's own words)."""
    from prep.render.run import RenderError
    from prep.serve.data import kpi_drawing

    out = {"svg": None, "notes": [], "stale": False, "error": None, "bad": None}
    if not all(side.drawable for side in sides):
        if any(side.errors for side in sides):
            out["error"], out["bad"] = f"{bad} has errors", bad
    else:
        tobe = sides[1].graphs if len(sides) > 1 else None
        try:
            out["svg"], out["notes"] = kpi_drawing(
                sides[0].graphs, models.lang, models.timeout, tobe, cache=models.pictures
            )
            models._good_kpi[key] = (out["svg"], out["notes"])
        except RenderError as error:
            out["error"] = error.message
    if out["svg"] is None and key in models._good_kpi:
        (out["svg"], out["notes"]), out["stale"] = models._good_kpi[key], True
    return out
