"""Configuration: `[tool.prep]` in `pyproject.toml`, or `prep.toml` (top-level keys).

The nearest file walking up from each checked path wins (`prep.toml` before
`pyproject.toml` in the same folder; a `pyproject.toml` without `[tool.prep]` is
passed over). Command-line options are applied on top."""

from __future__ import annotations

import fnmatch
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from prep.diagnostics import Severity
from prep.i18n import N_, _

KEYS = ("select", "ignore", "extend-select", "fail-on", "severity", "exclude", "cache-dir")


class ConfigError(Exception):
    """A bad configuration file: its path, the key and what is wrong."""

    def __init__(self, path: Path, key: str | None, problem: str):
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}" + (f": `{key}`" if key else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Config:
    """One configuration layer (a file, or the command line)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    cache_dir: str | None = None  # `prep check`'s result cache, relative to `root`

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def excludes(self, file: Path) -> bool:
        if not self.exclude or self.root is None:
            return False
        try:
            rel = file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = file.as_posix()
        return any(
            fnmatch.fnmatch(rel, pattern)
            or fnmatch.fnmatch(file.name, pattern)
            or rel.startswith(pattern.rstrip("/") + "/")
            for pattern in self.exclude
        )


# What each key must look like, said when it does not.
SHAPES = {
    "select": N_('expected a list of rule codes, such as ["PREP2", "PREP501"]'),
    "extend-select": N_('expected a list of rule codes, such as ["PREP2", "PREP501"]'),
    "ignore": N_('expected a list of rule codes, such as ["PREP2", "PREP501"]'),
    "fail-on": N_('expected "error", "warning" or "info"'),
    "severity": N_('expected a table of CODE = "error|warning|info"'),
    "exclude": N_("expected a list of glob patterns"),
    "cache-dir": N_('expected a folder name, such as ".prep_cache"'),
}


def _table_model():
    """The shape of `[tool.prep]` / prep.toml as a pydantic model (built on first use):
    the keys, and the type of each value. What the values mean (codes that name rules,
    severities) is checked after it."""
    from typing import Optional, Union

    from pydantic import BaseModel, ConfigDict, Field

    Strings = Union[str, list[str]]

    class Table(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

        select: Optional[Strings] = None
        extend_select: Strings = Field(default=(), alias="extend-select")
        ignore: Strings = ()
        fail_on: Optional[str] = Field(default=None, alias="fail-on")
        severity: dict[str, str] = Field(default_factory=dict)
        exclude: Strings = ()
        cache_dir: Optional[str] = Field(default=None, alias="cache-dir")

    return Table


_TABLE = None


def _shape(path: Path, table: dict):
    """`table` validated by the pydantic model, or the first problem as a ConfigError."""
    global _TABLE
    from pydantic import ValidationError

    if _TABLE is None:
        _TABLE = _table_model()
    try:
        return _TABLE.model_validate(table)
    except ValidationError as error:
        problem = error.errors()[0]
        loc = [str(part) for part in problem["loc"]]
        key = loc[0] if loc else "tool.prep"
        if problem["type"] == "extra_forbidden":
            raise ConfigError(path, key, _("unknown key; known keys: {keys}", keys=", ".join(KEYS))) from None
        if key == "severity" and len(loc) > 1:
            raise ConfigError(path, f"severity.{loc[1]}", _(SHAPES["fail-on"])) from None
        raise ConfigError(path, key, _(SHAPES.get(key, N_("expected a table")))) from None


def _codes(path: Path, key: str, value) -> tuple[str, ...]:
    from prep.checks.select import SelectionError, expand, split_codes

    try:
        codes = tuple(split_codes([value] if isinstance(value, str) else value, key))
        expand(codes, key)
    except SelectionError as error:
        raise ConfigError(path, key, str(error).split(": ", 1)[-1]) from None
    return codes


def _severity(path: Path, key: str, value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(
            path, key, _('unknown severity {value!r}; use "error", "warning" or "info"', value=value)
        ) from None


def parse_table(path: Path, table: dict) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(path, "tool.prep", _("expected a table"))
    shape = _shape(path, table)
    overrides = []
    for code, sev in shape.severity.items():
        key = f"severity.{code}" if code.strip() else f"severity.{code!r}"
        _codes(path, key, [code])
        overrides.append((code.strip().upper(), _severity(path, key, sev)))
    if shape.cache_dir is not None and not shape.cache_dir.strip():
        raise ConfigError(path, "cache-dir", _(SHAPES["cache-dir"]))
    exclude = [shape.exclude] if isinstance(shape.exclude, str) else list(shape.exclude)
    return Config(
        path=path,
        cache_dir=shape.cache_dir,
        select=_codes(path, "select", shape.select) if shape.select is not None else None,
        extend_select=_codes(path, "extend-select", shape.extend_select),
        ignore=_codes(path, "ignore", shape.ignore),
        fail_on=_severity(path, "fail-on", shape.fail_on) if shape.fail_on is not None else None,
        severity=tuple(sorted(overrides, key=lambda item: -len(item[0]))),
        exclude=tuple(exclude),
    )


def load_file(path: Path) -> Config | None:
    """The configuration in `path`, None when it has none (a pyproject without [tool.prep])."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(path, None, _("cannot be read: {why}", why=error.strerror or error)) from None
    except UnicodeDecodeError:
        raise ConfigError(path, None, _("is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, None, _("is not valid TOML: {error}", error=error)) from None
    except RecursionError:
        raise ConfigError(path, None, _("is nested too deeply to read")) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", _("expected a table ([tool.prep])"))
        table = tool.get("prep")
        return None if table is None else parse_table(path, table)
    return parse_table(path, data)


def config_for_dir(folder: Path, cache: dict | None = None) -> Config:
    """The configuration that applies in `folder` (an absolute path). `cache` (a dict
    kept for one run) saves reading the same files again; files are read anew in
    each run."""
    if cache is not None and folder in cache:
        return cache[folder]
    found = None
    for candidate in (folder / "prep.toml", folder / "pyproject.toml"):
        if _is_file(candidate) and _trusted(candidate):
            found = load_file(candidate)
            if found is not None:
                break
    if found is None:
        found = Config() if folder.parent == folder else config_for_dir(folder.parent, cache)
    if cache is not None:
        cache[folder] = found
    return found


def config_for(path: Path, cache: dict | None = None) -> Config:
    path = Path(path).absolute()
    return config_for_dir(path if _is_dir(path) else path.parent, cache)


_SKIPPED: set[str] = set()  # configuration files already reported as skipped (this run)


def _trusted(path: Path) -> bool:
    """Whether the configuration file `path` may be used: it and its folder belong to
    the user running prep or to root, no one else may write the file, and the folder is
    not one everyone may write (unless sticky, as /tmp). Otherwise it is skipped, with
    one line on standard error, as git skips a repository of another user."""
    import sys

    why = _distrust(path)
    if why is None:
        return True
    if str(path) not in _SKIPPED:
        _SKIPPED.add(str(path))
        from prep.diagnostics import printable

        sys.stderr.write(
            "prep: " + _("warning:") + " " + _("{path} is skipped: {why}", path=printable(str(path)), why=why) + "\n"
        )
    return False


def _distrust(path: Path) -> str | None:
    """Why `path` is not to be trusted, or None."""
    me = os.geteuid()
    try:
        info, folder = os.stat(path), os.stat(path.parent)
    except OSError:
        return None  # unreadable: load_file reports it
    if info.st_uid not in (me, 0):
        return _("it belongs to another user (uid {uid})", uid=info.st_uid)
    if info.st_mode & stat.S_IWOTH or (info.st_mode & stat.S_IWGRP and not _own_group(info.st_uid, info.st_gid)):
        return _("other users may write it")
    if folder.st_uid not in (me, 0):
        return _("its folder belongs to another user (uid {uid})", uid=folder.st_uid)
    if folder.st_mode & stat.S_IWOTH and not folder.st_mode & stat.S_ISVTX:
        return _("its folder may be written by everyone")
    return None


def _own_group(uid: int, gid: int) -> bool:
    """Whether `gid` is the primary group of `uid` (a user's private group, as umask
    002 systems give every file: writable by that group is writable by the user only)."""
    import pwd

    try:
        return pwd.getpwuid(uid).pw_gid == gid
    except (KeyError, OSError):
        return False


def _is_file(path: Path) -> bool:
    """Whether `path` is a file. A folder prep may not search hides its files: its
    models cannot be read either (they are reported as PREP002), so its configuration
    is taken as absent rather than stopping the run."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


@dataclass(frozen=True)
class Layers:
    """The file's configuration with the command line on top."""

    file: Config
    cli: Config = field(default_factory=Config)

    def selected(self) -> frozenset[str]:
        from prep.checks.select import chosen_codes

        return frozenset(
            chosen_codes((layer.select, layer.extend_select, layer.ignore) for layer in (self.file, self.cli))
        )

    def fail_on(self) -> Severity:
        return self.cli.fail_on or self.file.fail_on or Severity.WARNING

    def severity(self) -> tuple[tuple[str, Severity], ...]:
        return self.cli.severity + self.file.severity


def options_for(path: Path | str | None, overrides: Config | None = None, cache: dict | None = None):
    """The check options (prep.checks.runner.CheckOptions) for the model at `path`: the
    configuration that applies to it, with `overrides` (the command line's) on top;
    `path` None takes no file's. The one way every command, the server, the editor
    and the API choose rules. Raises ConfigError or prep.checks.select.SelectionError."""
    from prep.checks.runner import CheckOptions

    file = config_for(Path(path), cache) if path is not None else Config()
    layers = Layers(file, overrides or Config())
    return CheckOptions(layers.selected(), layers.severity())
