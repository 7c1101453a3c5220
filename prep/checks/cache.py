"""The result cache of `prep check`, as ruff keeps one: per file, what checking it
found before the run-wide steps (its own findings, its suppression comments and the
interfaces of its processes), keyed by the file's name and content, prep's code (and
its message catalogue), the rules selected for it and the language of the messages.

Entries are JSON (nothing here can run code), written atomically (a temporary file,
then a rename), so runs at once never see half an entry. An entry is read only from
a folder and file owned by this user and writable by no one else; an entry that
cannot be read or understood is a miss and is written again. Nothing in the cache
ever stops a check: when it cannot be used, files are checked as if it were not there.

The cache is bounded (`prune`): an entry read is marked used (its time set to now);
after a run that wrote entries (at most once an hour), those not used for
MAX_AGE_DAYS are removed, then the least recently used ones until all together take
at most MAX_BYTES. Only entry files prep names (and its own temporary files left by
a crash) are removed, only regular files of this user in the cache's own folders,
never through a link."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
from pathlib import Path

from prep.diagnostics import Diagnostic, Edit, Fix, Related, Severity, Span
from prep.private_files import private_folder, read_private, user_key, write_private

FORMAT = "v1"
MAX_AGE_DAYS = 30  # entries not used for this long are removed
MAX_BYTES = 64 * 1024 * 1024  # then the least recently used, down to this size
PRUNE_EVERY = 3600  # seconds: pruning runs at most this often
PRUNED = "pruned"  # its file time: when pruning last ran
DEFAULT_DIR = ".prep_cache"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# prep's result cache (prep clean removes it)\n"
TAG_FILE = "CACHEDIR.TAG"


@functools.cache
def code_fingerprint() -> str:
    """prep's version and the size and time of each of its source files and of the
    grammar: an edited checkout never reads results of the code it replaced."""
    import prep

    digest = hashlib.sha256(f"{FORMAT}\n{prep.__version__}\n".encode())
    root = Path(prep.__file__).parent
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".py", ".mo")):  # the code and its translations
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name} {info.st_size} {info.st_mtime_ns}\n".encode())
    digest.update(_grammar_text().encode())
    return digest.hexdigest()


def _grammar_text() -> str:
    """prep.parser.grammar.grammar_text, without importing the parser (and pydantic):
    a cached rebuild of a documentation site needs neither."""
    import prep

    source = Path(prep.__file__).resolve().parents[1] / "grammar" / "prep.lark"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("prep.grammar").joinpath("prep.lark").read_text(encoding="utf-8")


def entry_key(path: str, data: bytes, selected: frozenset[str]) -> str:
    """Also keyed by the language of the messages: findings cached in English never
    come back in a Japanese run, nor the other way round."""
    from prep.i18n import language

    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(b"\0lang=" + language().encode())
    digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(",".join(sorted(selected)).encode() + b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


class ResultCache:
    """One cache folder; `get` and `put` never raise."""

    def __init__(self, folder: str, key: bytes = b""):
        self.folder = folder
        self.entries = os.path.join(folder, FORMAT)
        self.key = key  # this user's on this machine (private_files.user_key)

    @classmethod
    def open(cls, folder: Path | str) -> ResultCache | None:
        """The cache in `folder`, created when missing (with a `.gitignore` of `*`);
        None when it cannot be had or is not this user's alone."""
        folder = os.path.abspath(folder)
        if os.path.lexists(folder) and not is_cache_folder(Path(folder)):
            try:
                if os.listdir(folder):  # a folder of something else (`cache-dir = "."`):
                    return None  # never ours to fill, nor for `prep clean` to remove
            except OSError:
                return None
        if private_folder(folder) is None:
            return None
        if not is_cache_folder(Path(folder)):
            write_private(folder, ".gitignore", b"# created by prep\n*\n")
            write_private(folder, TAG_FILE, TAG.encode())
        if private_folder(os.path.join(folder, FORMAT)) is None:
            return None
        secret = user_key()
        if secret is None:  # nowhere to keep the user's key: no cache
            return None
        return cls(folder, secret)

    def _file(self, key: str) -> str:
        """An entry's file is named by an HMAC of its key under the user's key: a cache
        copied from elsewhere (or forged) has no file this user would look for."""
        import hmac

        name = hmac.new(self.key, key.encode("ascii", "replace"), hashlib.sha256).hexdigest()
        return os.path.join(self.entries, name[:2], name + ".json")

    def get(self, key: str, path: str) -> dict | None:
        data = read_private(self._file(key))
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if entry.get("key") != key:
                return None
            found = decode_entry(entry, path)
        except Exception:  # damaged or foreign: a miss, written again after checking
            return None
        _mark_used(self._file(key))
        return found

    def put(self, key: str, path: str, result) -> None:
        try:
            data = json.dumps(encode_entry(key, path, result), ensure_ascii=False, separators=(",", ":")).encode(
                "utf-8"
            )
        except (TypeError, ValueError):
            return
        file = self._file(key)
        folder = os.path.dirname(file)
        if private_folder(folder) is not None:
            write_private(folder, os.path.basename(file), data)

    def get_data(self, key: str):
        """What `put_data` kept under `key` (JSON: the drawings of the MkDocs plugin
        and the Sphinx extension), or None."""
        data = read_private(self._file(key))
        try:
            entry = json.loads(data) if data is not None else None
        except ValueError:
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or "data" not in entry:
            return None
        _mark_used(self._file(key))
        return entry["data"]

    def put_data(self, key: str, value) -> None:
        """Keep JSON `value` under `key` (an `entry_key`-like hex digest); pruned as
        the check results are."""
        data = json.dumps({"key": key, "data": value}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        file = self._file(key)
        folder = os.path.dirname(file)
        if private_folder(folder) is not None:
            write_private(folder, os.path.basename(file), data)

    def maybe_prune(self, now: float | None = None) -> int:
        """`prune`, at most once an hour (the time of the file PRUNED says when it
        last ran): a large cache is not scanned after every run."""
        import time

        now = time.time() if now is None else now
        stamp = os.path.join(self.folder, PRUNED)
        try:
            last = os.lstat(stamp).st_mtime
        except OSError:
            last = None
        if last is not None and now - PRUNE_EVERY < last <= now:
            return 0
        write_private(self.folder, PRUNED, b"")
        return self.prune(now)

    def prune(self, now: float | None = None, max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES) -> int:
        """Remove entries not used for `max_age_days`, then the least recently used
        (oldest time first, then by name) until the rest take at most `max_bytes`.
        Returns how many files were removed; never raises."""
        import time

        now = time.time() if now is None else now
        oldest = now - max_age_days * 86400
        entries = sorted(_entry_files(self.folder))
        removed = 0
        kept = []
        for mtime, _name, size, path, temporary in entries:
            if mtime < oldest or (temporary and mtime < now - 86400):
                removed += _remove(path)
            elif not temporary:
                kept.append((size, path))
        total = sum(size for size, _ in kept)
        for size, path in kept:  # least recently used first
            if total <= max_bytes:
                break
            removed += _remove(path)
            total -= size
        return removed


_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.json\..*\.tmp")
_FORMAT = re.compile(r"v[0-9]+")
_SHARD = re.compile(r"[0-9a-f]{2}")


def _entry_files(folder: str):
    """(time, name, size, path, temporary) of each entry file of every format in the
    cache `folder`: regular files of this user named as prep names them, in folders
    of this user that are not links. Anything else is not looked at."""
    if not is_cache_folder(Path(folder)) or private_folder(folder, create=False) is None:
        return
    me = os.geteuid()
    for version in _folders(folder, _FORMAT):
        for shard in _folders(version, _SHARD):
            try:
                with os.scandir(shard) as files:
                    items = list(files)
            except OSError:
                continue
            for item in items:
                entry = bool(_ENTRY.fullmatch(item.name)) and item.name[:2] == os.path.basename(shard)
                temporary = bool(_TEMPORARY.fullmatch(item.name))
                if not (entry or temporary):
                    continue
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode) and info.st_uid == me:
                    yield (info.st_mtime, item.name, info.st_size, item.path, temporary)


def _folders(parent: str, pattern: re.Pattern):
    """The folders in `parent` named by `pattern`: real folders (not links) of this
    user that no one else can write, sorted by name."""
    try:
        with os.scandir(parent) as items:
            names = sorted(i.name for i in items if pattern.fullmatch(i.name) and i.is_dir(follow_symlinks=False))
    except OSError:
        return []
    return [p for p in (os.path.join(parent, n) for n in names) if private_folder(p, create=False) is not None]


def _remove(path: str) -> int:
    try:
        os.unlink(path)  # removes the name itself, never what a link points to
    except OSError:
        return 0
    return 1


def _mark_used(path: str) -> None:
    """Set an entry's time to now: the least recently used go first when pruning."""
    try:
        if os.utime in os.supports_follow_symlinks:
            os.utime(path, follow_symlinks=False)
    except OSError:
        pass


def is_cache_folder(folder: Path) -> bool:
    """A folder prep made for its cache (it holds prep's CACHEDIR.TAG)."""
    try:
        return (folder / TAG_FILE).read_text(encoding="utf-8") == TAG
    except (OSError, UnicodeDecodeError):
        return False


def remove(folder: Path) -> bool:
    """Remove a cache folder prep made; anything else is left alone (False)."""
    import shutil

    if folder.is_symlink() or not folder.is_dir() or not is_cache_folder(folder):
        return False
    shutil.rmtree(folder)
    return True


# -- JSON shapes ------------------------------------------------------------------
def _span(span: Span, path: str):
    where = [span.line, span.column, span.end_line, span.end_column]
    return where if span.file == path else [span.file, *where]


def _unspan(data, path: str) -> Span:
    if len(data) == 5:
        file, line, column, end_line, end_column = data
        if not isinstance(file, str):
            raise ValueError("bad span")
    else:
        file = path
        line, column, end_line, end_column = data
    if not all(type(n) is int for n in (line, column, end_line, end_column)):
        raise ValueError("bad span")
    return Span(file, line, column, end_line, end_column)


def _text(value) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def encode_diagnostic(d: Diagnostic, path: str) -> dict:
    data = {"c": d.code, "s": d.severity.value, "m": d.message, "p": _span(d.span, path)}
    if d.hint is not None:
        data["h"] = d.hint
    if d.related:
        data["r"] = [[_span(r.span, path), r.message] for r in d.related]
    if d.fix is not None:
        data["f"] = {"m": d.fix.message, "safe": d.fix.safe, "e": [[_span(e.span, path), e.text] for e in d.fix.edits]}
    return data


def decode_diagnostic(data: dict, path: str) -> Diagnostic:
    hint = data.get("h")
    fix = None
    if "f" in data:
        f = data["f"]
        if not isinstance(f["safe"], bool):
            raise ValueError("bad fix")
        fix = Fix(_text(f["m"]), tuple(Edit(_unspan(s, path), _text(t)) for s, t in f["e"]), f["safe"])
    return Diagnostic(
        _text(data["c"]),
        Severity(data["s"]),
        _text(data["m"]),
        _unspan(data["p"], path),
        None if hint is None else _text(hint),
        tuple(Related(_unspan(s, path), _text(m)) for s, m in data.get("r", ())),
        fix,
    )


def encode_entry(key: str, path: str, result) -> dict:
    return {
        "key": key,
        "ok": result.ok,
        "document": result.has_document,
        "parse": [encode_diagnostic(d, path) for d in result.parse_errors],
        "found": [encode_diagnostic(d, path) for d in result.diagnostics],
        "comments": [[c.text, c.line, c.column, c.own_line] for c in result.comments],
        "interfaces": [
            {
                "name": i.name,
                "header": _span(i.header_span, path),
                "externals": sorted(i.externals),
                "sends": [[s.product, s.target, _span(s.span, path)] for s in i.sends],
            }
            for i in result.interfaces
        ],
    }


def decode_entry(entry: dict, path: str) -> dict:
    """The parts of a FileResult the entry holds (ValueError, KeyError or TypeError
    when it is not what `encode_entry` writes)."""
    from prep.checks.workspace import Interface, Send
    from prep.model import Comment

    if not isinstance(entry["ok"], bool) or not isinstance(entry["document"], bool):
        raise ValueError("bad flags")
    comments = []
    for text, line, column, own_line in entry["comments"]:
        if type(line) is not int or type(column) is not int or not isinstance(own_line, bool):
            raise ValueError("bad comment")
        comments.append(Comment(text=_text(text), line=line, column=column, own_line=own_line))
    interfaces = [
        Interface(
            _text(i["name"]),
            _unspan(i["header"], path),
            frozenset(_text(x) for x in i["externals"]),
            tuple(Send(_text(p), _text(t), _unspan(s, path)) for p, t, s in i["sends"]),
        )
        for i in entry["interfaces"]
    ]
    return {
        "ok": entry["ok"],
        "has_document": entry["document"],
        "parse_errors": [decode_diagnostic(d, path) for d in entry["parse"]],
        "diagnostics": [decode_diagnostic(d, path) for d in entry["found"]],
        "comments": tuple(comments),
        "interfaces": interfaces,
    }
