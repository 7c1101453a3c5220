"""The MkDocs plugin (docs/docs-sites.md): `plugins: [prep]` in mkdocs.yml, then a
fenced block

    ```prep
    process Store { ... }
    ```

draws its model inline as SVG, and ```` ```prep src=models/store.prep view=kpi ````
(options: src, process, view=drawing|kpi|diff, tobe, lang, legend) a model file's
drawing, KPI tree or diff. Findings at or above `fail_on` (default error) are logged
as warnings with file:line:col, so `mkdocs build --strict` fails on them; the others
as infos. Drawings are kept in prep's result cache by content, and `mkdocs serve`
watches the model files, so saving one redraws the page.

Needs the extra: pip install 'prep-models[mkdocs]'."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.prep")

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[^\s`{]*)"
    r"[ \t]*(?P<rest>[^`]*)$"
)
_WATCHED: set[str] = set()  # model files `mkdocs serve` watches, for this process
_SERVER: list = []  # the live-reload server, once `mkdocs serve` runs


class PrepConfig(Config):
    fail_on = config_options.Choice(("error", "warning", "info"), default="error")
    cache_dir = config_options.Type(str, default=".prep_cache")


class PrepPlugin(BasePlugin[PrepConfig]):
    def on_config(self, config):
        from prep.checks.cache import ResultCache

        self.root = Path(config.config_file_path or ".").resolve().parent
        self.cache = ResultCache.open(self.root / self.config.cache_dir) if self.config.cache_dir else None
        self.blocks: dict[str, str] = {}
        self.models: set[Path] = set()
        return config

    def on_page_markdown(self, markdown, page, config, files):
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else self.root
        return self.replace_blocks(markdown, source, _front_matter_lines(source, markdown))

    def replace_blocks(self, markdown: str, page: Path, skipped: int = 0) -> str:
        """The page's Markdown with each prep block swapped for a placeholder
        paragraph (filled in by on_page_content, after Markdown is done). `skipped`:
        the lines before `markdown` in the file (its front matter)."""
        lines = markdown.split("\n")
        out: list[str] = []
        n = 0
        while n < len(lines):
            match = _FENCE.match(lines[n])
            if not match:
                out.append(lines[n])
                n += 1
                continue
            end = _closing(lines, n, match)
            if match["lang"] != "prep":
                out.extend(lines[n : end + 1])
            else:
                indent = match["indent"]
                body = "\n".join(
                    line[len(indent) :] if line.startswith(indent) else line for line in lines[n + 1 : end]
                )
                out.append(indent + self.placeholder(match["rest"], body, page, skipped + n + 1, len(indent)))
            n = end + 1
        return "\n".join(out)

    def placeholder(self, options: str, body: str, page: Path, line: int, indent: int = 0) -> str:
        from prep.embed import EmbedError, block, draw, parse_options

        name = self.shown(page)
        try:
            item = block(parse_options(options), body + "\n", page.parent, name, line, self.shown, indent)
        except EmbedError as error:
            log.warning(f"{name}:{line}: prep block: {error}")
            page_html = f'<div class="prep prep-error"><p>{_escape(str(error))}</p></div>'
        else:
            self.models.update(item.files())
            page_html, findings = draw(item, self.cache)
            self.report(findings)
        token = "PREPBLOCK" + hashlib.sha256(f"{page}\0{line}".encode()).hexdigest()[:16]
        self.blocks[token] = page_html
        return token

    def shown(self, path: Path) -> str:
        """A path as messages give it: relative to the site's folder when inside it."""
        try:
            return (
                Path(os.path.relpath(path, self.root)).as_posix() if path.is_relative_to(self.root) else path.as_posix()
            )
        except ValueError:
            return path.as_posix()

    def report(self, findings) -> None:
        from prep.embed import failing

        high, low = failing(findings, self.config.fail_on)
        for finding in high:
            log.warning(str(finding))
        for finding in low:
            log.info(str(finding))

    def on_page_content(self, html, page, config, files):
        """Each placeholder paragraph becomes an empty element: the drawings go in
        only when the page is written (on_post_page), so the search plugin does not
        read through their svg."""
        if not self.blocks:
            return html
        tokens = "|".join(re.escape(t) for t in self.blocks)
        return re.sub(rf"(?:<p>)?({tokens})(?:</p>)?", lambda m: f'<div data-prep="{m.group(1)}"></div>', html)

    def on_post_page(self, output, page, config):
        if not self.blocks or "data-prep=" not in output:
            return output
        return re.sub(
            r'<div data-prep="(PREPBLOCK[0-9a-f]{16})"></div>', lambda m: self.blocks.get(m.group(1), ""), output
        )

    def on_post_build(self, config):
        if self.cache is not None:
            self.cache.maybe_prune()  # bounded as `prep check` keeps it (hourly)
        if _SERVER:
            self._watch(_SERVER[0])

    def on_serve(self, server, config, builder):
        _SERVER[:] = [server]
        self._watch(server)
        return server

    def _watch(self, server) -> None:
        for path in sorted(self.models):
            if str(path) not in _WATCHED:
                _WATCHED.add(str(path))
                server.watch(str(path))


def _closing(lines: list[str], start: int, opening: re.Match) -> int:
    """The line of the fence that closes the one opened at `start` (CommonMark: the
    same character, at least as long, nothing after it), or the page's last line."""
    fence = opening["fence"]
    close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for n in range(start + 1, len(lines)):
        if close.match(lines[n]):
            return n
    return len(lines) - 1


def _front_matter_lines(source: Path, markdown: str) -> int:
    """How many lines of the file come before `markdown` (MkDocs takes the YAML
    front matter off), so findings name the file's own line numbers."""
    try:
        raw = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    at = raw.find(markdown) if markdown.strip() else -1
    return raw[:at].count("\n") if at > 0 else 0


def _escape(text: str) -> str:
    import html

    return html.escape(text)
