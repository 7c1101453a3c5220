"""`prep diff … -o diff.html`: one self-contained offline page holding the picture of
the union (the SVG of `-f svg`, as an image, so nothing in it can run) and the text
of the differences. No script at all; its Content-Security-Policy allows only its own
style and `data:` images, so the file opened from a mail loads nothing."""

from __future__ import annotations

import base64
import hashlib
import html

STYLE = (
    "body{font-family:'Noto Sans CJK JP',sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.3em}img{max-width:100%;height:auto;border:1px solid #ddd}"
    "pre{background:#f6f6f6;padding:1em;overflow:auto;white-space:pre-wrap}"
)


def diff_page(title: str, svg: bytes | None, text: str) -> bytes:
    """The page: `title` (escaped), the drawing `svg` if any, the text diff."""
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    picture = ""
    if svg is not None:
        data = base64.b64encode(svg).decode("ascii")
        picture = f'<p><img alt="{html.escape(title, quote=True)}" src="data:image/svg+xml;base64,{data}"></p>\n'
    page = (
        '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="generator" content="prep diff -f html">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n{picture}"
        f"<pre>{html.escape(text)}</pre>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
