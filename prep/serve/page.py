"""`prep render -f html`: the workshop view as one self-contained offline file.

The served page's own scripts and style are written inline, with the model's data
(drawing, findings, products, KPI trees and their drawing) in a `<script type="application/json">`
block that is never executed. The page's Content-Security-Policy allows exactly
those scripts and that style (by their SHA-256 hashes) and no network at all, so the file
opened from a mail attachment can neither run anything else nor load anything."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from prep.serve.app import SCRIPTS, static_text


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json_for_html(data: dict) -> str:
    """JSON that cannot end its <script> element or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def offline_page(data: dict) -> str:
    """The page for one model's view data (prep.serve.data.View.to_json())."""
    scripts = [static_text(name) for name in SCRIPTS]
    style = static_text("style.css")
    hashes = " ".join(_hash(script) for script in scripts)
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src {_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = static_text("index.html")
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="generator" content="prep render -f html">'
    )
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + head, 1)
    page = page.replace('<link rel="stylesheet" href="style.css">', f"<style>{style}</style>", 1)
    title = data.get("file") or "prep"
    page = re.sub(r"<title>[^<]*</title>", lambda _m: f"<title>{_escape(title)}</title>", page, count=1)
    tags = "\n".join(f'<script src="{name}"></script>' for name in SCRIPTS)
    inline = "\n".join(f"<script>{script}</script>" for script in scripts)
    page = page.replace(
        tags, f'<script type="application/json" id="prep-data">{_json_for_html(data)}</script>\n{inline}', 1
    )
    return page


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def model_page(path, display: str, graphs, lang: str = "auto", timeout: float = 60.0, legend: bool = True) -> bytes:
    """The offline page of the model in `path` drawing `graphs` (checked by the
    caller; perhaps one process of the file). The page names the file by its own
    name (never the machine's path, however it was given): it is checked again
    under that name. Raises prep.render.run.RenderError."""
    from pathlib import Path

    from prep.serve.data import View, check_one, draw

    display = Path(display).name
    checked = check_one(path, display)
    wanted = {pg.name for pg in graphs}
    graphs = checked.graphs = [pg for pg in checked.graphs if pg.name in wanted]
    # a --force drawing of a model with errors: show the findings, draw anyway
    view = View(display, checked, svg=draw(graphs, lang, timeout, legend) if graphs else None, lang=lang)
    data = view.to_json()
    if checked.errors and graphs:
        from prep.serve.data import kpi_trees, products, relations

        data.update(products=products(graphs), relations=relations(graphs), kpi=kpi_trees(graphs))
    data["kpi_drawing"] = _kpi_drawing(display, graphs, lang, timeout, legend)
    data["live"] = False
    return offline_page(data).encode("utf-8")


def _kpi_drawing(display: str, graphs, lang: str, timeout: float, legend: bool) -> dict:
    """The KPI tab's data (as prep.serve.files.Models.kpi_json gives it, without a
    pair): the drawing of `prep kpi -f svg`, or why there is none."""
    from prep.render.run import RenderError
    from prep.serve.data import kpi_drawing

    data = {
        "version": 1,
        "file": display,
        "ok": True,
        "svg": None,
        "notes": [],
        "stale": False,
        "error": None,
        "compare": None,
    }
    if graphs:
        try:
            data["svg"], data["notes"] = kpi_drawing(graphs, lang, timeout, legend=legend)
        except RenderError as error:
            data["error"] = error.message
    return data
