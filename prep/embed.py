"""Models in documentation pages (docs/docs-sites.md): what the MkDocs plugin
(prep/mkdocs.py) and the Sphinx extension (prep/sphinx.py) share. A block is a model
(inline text, or a file `src`) with options (`process`, `view`, `tobe`, `lang`,
`legend`); `draw` turns it into HTML (the svg inline, with its `g.product` titles)
and its findings, kept in prep's result cache by content: an unchanged block is
never checked or drawn again (no Graphviz)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

VIEWS = ("drawing", "kpi", "diff")
OPTIONS = ("src", "process", "view", "tobe", "lang", "legend")
LANGS = ("auto", "ja", "en")
SEVERITIES = ("info", "warning", "error")
KIND = "embed-v1"


class EmbedError(Exception):
    """A block that cannot be read (a bad option, a missing file): `message`."""


@dataclass(frozen=True)
class Block:
    """One model to show. `name` is what findings call an inline model (the page),
    `line` the page line before the model's first line (findings are moved by it)."""

    text: str | None = None
    src: Path | None = None
    name: str = "model.prep"
    line: int = 0
    indent: int = 0  # columns before the model's text in the page
    process: str | None = None
    view: str = "drawing"
    tobe: Path | None = None
    lang: str = "auto"
    legend: bool = True
    shown: dict = field(default_factory=dict, compare=False)  # file -> display name

    def files(self) -> list[Path]:
        """The model files the block reads (to watch for changes)."""
        return [p for p in (self.src, self.tobe) if p is not None]


@dataclass
class Finding:
    severity: str
    file: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"


def parse_options(text: str) -> dict[str, str]:
    """`key=value key="a value"` (as in a fence's info string) as a dict; EmbedError
    for anything else."""
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise EmbedError(f"cannot read the options `{text}`: {error}") from None
    found = {}
    for word in words:
        key, equals, value = word.partition("=")
        if not equals:
            raise EmbedError(f"expected key=value, not `{word}`")
        found[key] = value
    return found


def block(options: dict, body: str | None, base: Path, name: str, line: int = 0, shown=None, indent: int = 0) -> Block:
    """The block of `options` (OPTIONS; paths relative to `base`) and `body` (the
    inline model, when there is no `src`). EmbedError says what is wrong."""
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise EmbedError(f"unknown option `{unknown[0]}`; the options are " + ", ".join(OPTIONS))
    view = options.get("view", "drawing")
    if view not in VIEWS:
        raise EmbedError(f"view `{view}` is not one of " + ", ".join(VIEWS))
    lang = options.get("lang", "auto")
    if lang not in LANGS:
        raise EmbedError(f"lang `{lang}` is not one of " + ", ".join(LANGS))
    legend = options.get("legend", "true").lower()
    if legend not in ("true", "false", "yes", "no"):
        raise EmbedError(f"legend `{legend}` is not true or false")
    src, tobe = (_file(options.get(k), base) for k in ("src", "tobe"))
    if src is None and not (body or "").strip():
        raise EmbedError("no model: give src=FILE or the model's text")
    if view == "diff" and tobe is None:
        raise EmbedError("view=diff needs tobe=FILE (the ToBe model)")
    show = shown or (lambda p: p.as_posix())
    return Block(
        None if src else body,
        src,
        name,
        0 if src else line,
        indent,
        options.get("process"),
        view,
        tobe,
        lang,
        legend in ("true", "yes"),
        {str(p): show(p) for p in (src, tobe) if p is not None},
    )


def _file(value: str | None, base: Path) -> Path | None:
    if value is None:
        return None
    path = (base / value).resolve()
    if not path.is_file():
        raise EmbedError(f"no model file `{value}` (looked for {path})")
    return path


def key_of(item: Block) -> str:
    """The cache key: prep's code, the options, the models' names, texts and rules."""
    from prep.checks.cache import code_fingerprint

    digest = hashlib.sha256(f"{KIND}\0{code_fingerprint()}\0".encode())
    options = [
        item.name,
        item.line,
        item.indent,
        item.process,
        item.view,
        item.lang,
        item.legend,
        sorted(item.shown.items()),
    ]
    digest.update(json.dumps(options, ensure_ascii=False).encode() + b"\0")
    digest.update((item.text or "").encode("utf-8", "surrogateescape") + b"\0")
    for path in item.files():
        digest.update(path.read_bytes() + b"\0" + _rules(path).encode() + b"\0")
    return digest.hexdigest()


def _rules(path: Path) -> str:
    """What decides the rules for `path`: the prep.toml and pyproject.toml files of its
    folder and those above (their bytes; reading them as configuration would import
    pydantic, which a cached rebuild does not need)."""
    found = []
    for folder in path.parents:
        for name in ("prep.toml", "pyproject.toml"):
            try:
                data = (folder / name).read_bytes()
            except OSError:
                continue
            found.append(f"{folder / name}\0{hashlib.sha256(data).hexdigest()}")
    return "\n".join(found)


def draw(item: Block, cache=None) -> tuple[str, list[Finding]]:
    """(html, findings) of the block; from `cache` (a prep ResultCache) when it was
    drawn before with the same content."""
    key = key_of(item)
    kept = cache.get_data(key) if cache is not None else None
    if isinstance(kept, dict):
        try:
            return kept["html"], [Finding(**f) for f in kept["findings"]]
        except (KeyError, TypeError):
            pass
    page, findings = _draw(item, key[:8])
    if cache is not None:
        cache.put_data(key, {"html": page, "findings": [f.__dict__ for f in findings]})
    return page, findings


def _draw(item: Block, tag: str) -> tuple[str, list[Finding]]:
    from prep.api import PrepError, load

    asis = load(item.text, name=item.name) if item.src is None else load(item.src, name=item.shown[str(item.src)])
    models = [asis] + ([load(item.tobe, name=item.shown[str(item.tobe)])] if item.tobe else [])
    findings = [_finding(d, item) for m in models for d in m.findings]
    if any(f.severity == "error" for f in findings):
        errors = "".join(f"<li>{html.escape(str(f))}</li>" for f in findings if f.severity == "error")
        return f'<div class="prep prep-error"><ul>{errors}</ul></div>', findings
    try:
        if item.view == "kpi":
            svg = asis.kpi(models[1] if item.tobe else None).svg(item.lang, item.legend)
        elif item.view == "diff":
            svg = asis.diff(models[1]).svg(item.lang, item.legend)
        else:
            svg = asis.svg(item.process, item.lang, item.legend)
    except PrepError as error:
        findings.append(
            Finding("error", item.shown.get(str(item.src), item.name), item.line + 1, 1, "render", str(error))
        )
        return f'<div class="prep prep-error"><p>{html.escape(str(error))}</p></div>', findings
    return f'<div class="prep prep-{item.view}">{inline_svg(svg, tag)}</div>', findings


def _finding(d, item: Block) -> Finding:
    inline = item.src is None and d.span.file == item.name
    return Finding(
        d.severity.value,
        d.span.file,
        d.span.line + item.line * inline,
        d.span.column + item.indent * inline,
        d.code,
        d.message,
    )


_ID = re.compile(r'(\bid="|url\(#|href="#)')


def inline_svg(svg: str, tag: str) -> str:
    """An svg document as an element to put in a page: no XML prolog or doctype, ids
    prefixed with `tag` (several drawings on one page), scaled to the page's width."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    body = re.sub(r"<!--.*?-->\n?", "", body, flags=re.S)
    body = _ID.sub(lambda m: f"{m.group(1)}prep-{tag}-", body)
    # Graphviz's tooltips are <a> elements: the theme's link underline stays off them
    body = body.replace("<a ", '<a style="text-decoration:none;border:0" ')
    return body.strip().replace("<svg", '<svg style="max-width:100%;height:auto"', 1)


def failing(findings: list[Finding], fail_on: str) -> tuple[list[Finding], list[Finding]]:
    """(findings at or above `fail_on`, the others)."""
    level = SEVERITIES.index(fail_on)
    high = [f for f in findings if SEVERITIES.index(f.severity) >= level]
    return high, [f for f in findings if f not in high]
