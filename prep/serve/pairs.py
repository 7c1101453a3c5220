"""An AsIs/ToBe pair in the workshop view: the diff list of the side panel and the
diff picture of its tab (`prep diff ASIS TOBE -o diff.svg`, docs/kpi.md, "prep diff").
While either file cannot be read (a syntax error), the last good diff and picture
of the pair stay, marked stale."""

from __future__ import annotations


def is_asis(mine, other) -> bool:
    """Whether `mine` is the AsIs half of a pair (by its stage, or, while it has
    errors and so perhaps no stage, by its partner's)."""
    from prep.serve.data import stage

    if stage(mine.graphs) is not None:
        return stage(mine.graphs) == "asis"
    return stage(other.graphs) == "tobe"


def sides(models, rel: str, checked, partner: str):
    """(asis name, tobe name, asis checked, tobe checked, the name of a side that
    cannot be read or None)."""
    other = models._check(partner)
    asis, tobe = (rel, partner) if is_asis(checked, other) else (partner, rel)
    before, after = (checked, other) if asis == rel else (other, checked)
    bad = asis if not before.drawable else tobe if not after.drawable else None
    return asis, tobe, before, after, bad


def pair_of(models, rel: str, checked, partner: str) -> dict:
    """{"asis", "tobe", "diff", "error", "stale"}: the diff of the pair as `prep diff
    -f json` gives it; the last good one (stale) while a side cannot be read."""
    from prep.serve.data import diff_json

    asis, tobe, before, after, bad = sides(models, rel, checked, partner)
    pair = {"asis": asis, "tobe": tobe, "diff": None, "error": None, "stale": False}
    if bad is None:
        try:
            pair["diff"] = models._good_diff[(asis, tobe)] = diff_json(before.graphs, after.graphs)
            return pair
        except Exception:  # a model too broken to compare: keep the last
            bad = tobe
    last = models._good_diff.get((asis, tobe))
    pair["error"] = {"file": bad, "stale": last is not None}
    pair["diff"], pair["stale"] = last, last is not None
    return pair


def diff_picture(models, rel: str, partner: str | None) -> dict:
    """{"file", "asis", "tobe", "svg", "stale", "error"}: the picture of `prep diff
    ASIS TOBE -o diff.svg` (the union of both models, additions, removals and
    changes marked); the last good one while a side cannot be read."""
    from prep.render.run import RenderError

    data = {
        "version": 1,
        "file": rel,
        "asis": None,
        "tobe": None,
        "svg": None,
        "stale": False,
        "error": None,
        "bad": None,
    }
    if partner is None:
        return data
    asis, tobe, before, after, bad = sides(models, rel, models._check(rel), partner)
    data.update(asis=asis, tobe=tobe)
    key = ("picture", asis, tobe)
    if bad is None:
        try:
            data["svg"] = models._good_diff[key] = draw_diff(before.graphs, after.graphs, models.lang, models.timeout)
            return data
        except RenderError as error:
            data["error"] = error.message
    else:
        data["error"], data["bad"] = f"{bad} has errors", bad
    if key in models._good_diff:
        data["svg"], data["stale"] = models._good_diff[key], True
    return data


def draw_diff(before: list, after: list, lang: str, timeout: float) -> str:
    """The diff picture as svg text, with the classes and titles of docs/notation.md."""
    from prep.diff.draw import union_graphs
    from prep.diff.changes import diff
    from prep.render import render
    from prep.serve.svg import label

    graphs, marks = union_graphs(diff(before, after))
    svg = render(graphs, "svg", timeout=timeout, lang=lang, marks=marks).decode("utf-8")
    return label(svg, graphs)
