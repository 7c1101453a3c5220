"""The models under the served folder: listing them, resolving a requested name to
a file only when it lies under the folder, and the view of each (cached by the
file's size and time, keeping the last good drawing of each file). The KPI tree
drawings are made apart (kpi_json), only when the page asks for them: the page
does when its KPI tab is open, so a save repaints the swimlanes as fast as before."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote

from prep.folders import walked
from prep.serve.pairs import diff_picture, is_asis as _is_asis, pair_of

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile("[\x00-\x1f\x7f]")  # no URL route matches a line break: not served
_UNSERVED: set[str] = set()  # names already reported as not served
CONFIG_FILES = ("prep.toml", "pyproject.toml")


class Refused(Exception):
    """A requested name that does not lead to a model under the folder."""


def resolve(root: Path, name: str) -> Path:
    """The model file `name` (a relative path with `/`) under `root`, or Refused: no
    empty, `.` or `..` parts (also percent-encoded, once or more), no absolute or
    drive paths (also read with `\\` as a separator), no control characters, no hidden
    parts, only `.prep` files, and no symbolic link that leads out of `root`."""
    if not name or _CONTROL.search(name):
        raise Refused(name)
    # The name is taken literally (a file may be called `100%.prep` or `a\\b.prep`), but
    # refused when it would lead elsewhere read with `\\` as a separator or decoded
    # once more (`..\\x`, `%2e%2e/x`).
    decoded = unquote(name)
    for form in {name, decoded, name.replace("\\", "/"), decoded.replace("\\", "/")}:
        if form.startswith("/") or _DRIVE.match(form):
            raise Refused(name)
        if any(p in ("", ".", "..") or p.startswith(".") for p in form.split("/")):
            raise Refused(name)
    if not name.endswith(".prep"):
        raise Refused(name)
    base = root.resolve()
    try:
        real = (base / name).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused(name) from None
    if not real.is_relative_to(base) or not real.is_file():
        raise Refused(name)
    return real


def listing(root: Path) -> list[str]:
    """Relative names of the `.prep` files under root, sorted; hidden folders and
    tool folders skipped, symbolic links followed only when they stay under root."""
    base = root.resolve()
    found = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = walked(dirs)
        for file in files:
            if not file.endswith(".prep") or file.startswith("."):
                continue
            rel = Path(folder, file).relative_to(base).as_posix()
            try:
                resolve(base, rel)
            except Refused:
                _say_unserved(rel)
                continue
            found.append(rel)
    return sorted(found)


def _say_unserved(rel: str) -> None:
    """One line on stderr, once per name, for a model the page cannot show."""
    import sys

    if rel in _UNSERVED or not _CONTROL.search(rel):
        return  # hidden parts and links out of the folder: by design
    _UNSERVED.add(rel)
    from prep.diagnostics import printable

    sys.stderr.write(f"prep: warning: {printable(rel)} is not served: its name holds a control character; rename it\n")


def _too_large(path: Path, rel: str):
    """A model over MAX_MODEL_BYTES: one finding instead of its parse (None when not)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= MAX_MODEL_BYTES:
        return None
    from prep.diagnostics import Diagnostic, Severity, Span
    from prep.serve.data import Checked

    limit = MAX_MODEL_BYTES // (1024 * 1024)
    found = Diagnostic.at(
        Span.point(rel),
        "PREP002",
        Severity.ERROR,
        f"the file is {size / (1024 * 1024):.1f} MiB, larger than the {limit} MiB prep serve shows",
        "check and draw it on the command line: prep check, prep render",
    )
    return Checked(rel, [found], [])


def _signature(path: Path) -> tuple:
    try:
        s = path.stat()
    except OSError:
        return ()
    return (s.st_mtime_ns, s.st_size, s.st_ino)


# What one model may cost the server (issue 23): a larger file is one finding, never
# parsed; the listing checks models for at most LISTING_SECONDS (the rest are listed by
# name, their stage and errors filled in as they are opened); at most KEEP_CHECKED
# checked models (their graphs) are kept in memory.
MAX_MODEL_BYTES = 4 * 1024 * 1024
LISTING_SECONDS = 2.0
KEEP_CHECKED = 64


class Models:
    """The models under `root` and their views. Thread-safe: each model has its own
    lock, so a slow model never holds up the others."""

    def __init__(self, root: Path, lang: str = "auto", timeout: float = 30.0) -> None:
        self.root = Path(root).resolve()
        self.lang = lang
        self.timeout = timeout
        self._lock = threading.Lock()  # only to hand out the models' locks
        self._locks: dict[str, threading.RLock] = {}
        self._summaries: dict[str, tuple[tuple, dict]] = {}
        self._views: dict[str, tuple[tuple, bytes]] = {}
        from collections import OrderedDict

        self._checked: OrderedDict[str, tuple[tuple, object]] = OrderedDict()
        self._good: dict[str, tuple[str, list]] = {}  # the last good drawing and graphs
        self._hint: dict[str, object] = {}  # its layout/hint.Hint: the next one's
        self._kpis: dict[str, tuple[tuple, bytes]] = {}
        self._good_kpi: dict[tuple, tuple[str, list]] = {}  # the last good KPI drawings
        from prep.serve.kpis import Pictures

        self.pictures = Pictures()  # KPI drawings by content
        self._partners: dict[str, str] = {}  # the last partner found
        self._good_trees: dict[str, list] = {}  # the last good KPI trees
        self._good_diff: dict[tuple, dict] = {}  # the last good diff of a pair
        self._diffs: dict[str, tuple[tuple, bytes]] = {}

    # -- listing -------------------------------------------------------------------
    def models(self) -> list[dict]:
        """Every model's name; its stage, processes and error count when known or
        found within LISTING_SECONDS (a folder of 10,000 models lists at once)."""
        import time

        from prep.serve.data import stage

        end = time.monotonic() + LISTING_SECONDS
        out = []
        for rel in listing(self.root):
            path = self.root / rel
            signature = (_signature(path), self._config_signature(path))
            known = self._summaries.get(rel)
            if known is not None and known[0] == signature:
                out.append(known[1])
                continue
            cached = self._checked.get(rel)
            if time.monotonic() > end and (cached is None or cached[0] != signature):
                out.append({"path": rel, "stage": None, "processes": None, "errors": None})
                continue
            with self.lock(rel):
                checked = self._check(rel)
            summary = {
                "path": rel,
                "stage": stage(checked.graphs),
                "processes": [pg.name for pg in checked.graphs],
                "errors": len(checked.errors),
            }
            self._summaries[rel] = (signature, summary)
            out.append(summary)
        return out

    def lock(self, rel: str) -> threading.RLock:
        """Model `rel`'s own lock."""
        with self._lock:
            return self._locks.setdefault(rel, threading.RLock())

    # -- one model -----------------------------------------------------------------
    def view_json(self, rel: str) -> bytes:
        """The JSON of the page for model `rel` (resolve it first). Cached until the
        file, its pair partner or the configuration changes."""
        return self._cached(self._views, rel, lambda partner: self._view(rel, partner).to_json())

    def kpi_json(self, rel: str) -> bytes:
        """The JSON of model `rel`'s KPI tree drawing and, when its AsIs/ToBe partner
        is known, of the two trees side by side (see _kpi). Cached as view_json."""
        from prep.serve.kpis import kpi_data

        return self._cached(self._kpis, rel, lambda partner: kpi_data(self, rel, partner))

    def _cached(self, cache: dict, rel: str, make) -> bytes:
        """`make(partner)` as compact JSON, kept in `cache` until model `rel`, its pair
        partner or the configuration changes."""
        import json

        with self.lock(rel):
            path = resolve(self.root, rel)
            partner = self._partner(rel)
            signature = (_signature(path), partner and _signature(self.root / partner), self._config_signature(path))
            cached = cache.get(rel)
            if cached is not None and cached[0] == signature:
                return cached[1]
            text = json.dumps(make(partner), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            cache[rel] = (signature, text)
            return text

    def diff_json(self, rel: str) -> bytes:
        """The JSON of the diff picture of model `rel` and its AsIs/ToBe partner
        (prep.serve.pairs.diff_picture). Cached as view_json."""
        return self._cached(self._diffs, rel, lambda partner: diff_picture(self, rel, partner))

    def prewarm(self, changed: list[str]) -> None:
        """Make, as soon as a save is seen, the view of each changed model that was
        shown (and of its pair partner): the pages' requests then find it made or
        being made (under the model's lock). Then, without that lock, the KPI
        drawings of a changed model whose KPI tab was asked for (serve/kpis.py: the
        page's request finds them made or being made). Not beside the view: on a
        busy machine the two threads slowed the process drawing more than they won."""
        changed_set = set(changed)
        with self._lock:
            views = [rel for rel in self._views if rel in changed_set or self._partners.get(rel) in changed_set]
            asked = [rel for rel in self._kpis if rel in changed_set or self._partners.get(rel) in changed_set]
        for rel in views:
            try:
                self.view_json(rel)
            except Exception:  # gone, refused, unreadable: the page will say so
                continue
        for rel in asked:
            self._kpi_ahead(rel)

    def _kpi_ahead(self, rel: str) -> None:
        from prep.serve.kpis import kpi_data

        try:
            kpi_data(self, rel, self._partners.get(rel))
        except Exception:  # the page's own request will say why
            pass

    def forget(self, rel: str) -> None:
        with self.lock(rel):
            self._summaries.pop(rel, None)
            self._views.pop(rel, None)
            self._diffs.pop(rel, None)
            self._good_trees.pop(rel, None)
            self._checked.pop(rel, None)
            self._good.pop(rel, None)
            self._hint.pop(rel, None)
            self._kpis.pop(rel, None)
            for key in [k for k in self._good_kpi if rel in k]:
                del self._good_kpi[key]
            for key in [k for k in self._good_diff if rel in k]:
                del self._good_diff[key]
            for key in [k for k, v in self._partners.items() if rel in (k, v)]:
                del self._partners[key]

    def _config_signature(self, path: Path) -> tuple:
        folder, sig = path.parent, []
        while True:
            sig.extend(_signature(folder / name) for name in CONFIG_FILES)
            if folder == self.root or folder.parent == folder:
                return tuple(sig)
            folder = folder.parent

    def _check(self, rel: str):
        from prep.serve.data import check_one

        path = resolve(self.root, rel)
        signature = (_signature(path), self._config_signature(path))
        cached = self._checked.get(rel)
        if cached is not None and cached[0] == signature:
            try:
                self._checked.move_to_end(rel)  # the most recently used is kept
            except KeyError:
                pass
            return cached[1]
        checked = _too_large(path, rel) or check_one(path, rel)
        self._checked[rel] = (signature, checked)
        while len(self._checked) > KEEP_CHECKED:
            try:
                self._checked.popitem(last=False)
            except KeyError:
                break
        return checked

    def _view(self, rel: str, partner: str | None):
        """The page's data of `rel`. A model that cannot be read (a syntax error)
        keeps its last good drawing and KPI trees; one with other errors is drawn."""
        from prep.render.run import RenderError
        from prep.serve.data import View, draw, kpi_trees

        checked = self._check(rel)
        view = View(rel, checked, lang=self.lang)
        if checked.drawable:
            hints: list = []
            try:
                view.svg = draw(
                    checked.graphs, self.lang, self.timeout, like=self._like(rel, checked, partner), hints=hints
                )
                self._good[rel] = (view.svg, checked.graphs)
                self._hint[rel] = hints[0] if hints else None
            except RenderError as error:
                view.render_error = error.message
            try:
                view.kpi = self._good_trees[rel] = kpi_trees(checked.graphs)
            except Exception:  # a model too broken for a tree: keep the last
                view.kpi, view.kpi_stale = self._good_trees.get(rel, []), True
        else:
            view.kpi, view.kpi_stale = self._good_trees.get(rel, []), rel in self._good_trees
        if view.svg is None and rel in self._good:
            # the last good drawing, with what it shows: hovering keeps working
            (view.svg, view.drawn), view.stale = self._good[rel], True
        if partner is not None:
            view.pair = pair_of(self, rel, checked, partner)
        return view

    def _like(self, rel: str, checked, partner: str | None):
        """The hint for this file's next drawing: its last drawing, a quick redraw
        (layout/hint.py); the first drawing of a ToBe follows its AsIs partner's (the
        pair compares by eye)."""
        from prep.layout.hint import quick

        if self._hint.get(rel) is not None:
            return quick(self._hint[rel])
        if partner is None:
            return None
        other = self._check(partner)
        if _is_asis(checked, other) or other.errors or not other.graphs:
            return None
        return self._hint.get(partner) or other.graphs

    def _partner(self, rel: str) -> str | None:
        """The other half of an AsIs/ToBe pair (see _find_partner); while this file or
        its last partner has errors (and so perhaps no stage to go by), the last one."""
        found = self._find_partner(rel)
        if found is not None:
            self._partners[rel] = found
            self._partners.setdefault(found, rel)
            return found
        last = self._partners.get(rel)
        if last is None:
            return None
        try:
            if self._check(rel).errors or self._check(last).errors:
                return last
        except Refused:
            pass
        del self._partners[rel]
        return None

    def _find_partner(self, rel: str) -> str | None:
        """A file in the same folder whose processes say the other stage than this
        one's and share a process name with it (the first by file name); failing
        that, the other file when the folder holds exactly one of each stage."""
        from prep.serve.data import stage

        mine = self._check(rel)
        my_stage = stage(mine.graphs)
        if my_stage is None:
            return None
        names = {pg.name for pg in mine.graphs}
        folder = rel.rpartition("/")[0]
        others, same_stage = [], 0
        for other in listing(self.root):
            if other == rel or other.rpartition("/")[0] != folder:
                continue
            try:
                graphs = self._check(other).graphs
            except Refused:
                continue
            if stage(graphs) == my_stage:
                same_stage += 1
            elif stage(graphs) is not None:
                if names & {pg.name for pg in graphs}:
                    return other
                others.append(other)
        return others[0] if len(others) == 1 and same_stage == 0 else None
