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
    cache_dir: str | None = None         # `prep check`'s result cache, relative to `root`

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
        return any(fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(file.name, pattern)
                   or rel.startswith(pattern.rstrip("/") + "/")
                   for pattern in self.exclude)


def _codes(path: Path, key: str, value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "expected a list of rule codes, such as [\"PREP2\", \"PREP501\"]")
    from prep.checks.select import SelectionError, expand, split_codes

    try:
        codes = tuple(split_codes(value, key))
        expand(codes, key)
    except SelectionError as error:
        raise ConfigError(path, key, str(error).split(": ", 1)[-1]) from None
    return codes


def _severity(path: Path, key: str, value) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(path, key, "expected \"error\", \"warning\" or \"info\"")
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(path, key, f"unknown severity {value!r}; use \"error\", \"warning\" "
                          "or \"info\"") from None


def parse_table(path: Path, table: dict) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(path, "tool.prep", "expected a table")
    for key in table:
        if key not in KEYS:
            raise ConfigError(path, key, "unknown key; known keys: " + ", ".join(KEYS))
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(path, "severity", "expected a table of CODE = \"error|warning|info\"")
    overrides = []
    for code, sev in severity.items():
        key = f"severity.{code}" if code.strip() else f"severity.{code!r}"
        _codes(path, key, [code])
        overrides.append((code.strip().upper(), _severity(path, key, sev)))
    exclude = table.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise ConfigError(path, "exclude", "expected a list of glob patterns")
    cache_dir = table.get("cache-dir")
    if cache_dir is not None and (not isinstance(cache_dir, str) or not cache_dir.strip()):
        raise ConfigError(path, "cache-dir", "expected a folder name, such as \".prep_cache\"")
    return Config(
        path=path,
        cache_dir=cache_dir,
        select=_codes(path, "select", table["select"]) if "select" in table else None,
        extend_select=_codes(path, "extend-select", table.get("extend-select", [])),
        ignore=_codes(path, "ignore", table.get("ignore", [])),
        fail_on=_severity(path, "fail-on", table["fail-on"]) if "fail-on" in table else None,
        severity=tuple(sorted(overrides, key=lambda item: -len(item[0]))),
        exclude=tuple(exclude),
    )


def load_file(path: Path) -> Config | None:
    """The configuration in `path`, None when it has none (a pyproject without [tool.prep])."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(path, None, f"cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, None, "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, None, f"is not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(path, None, "is nested too deeply to read") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", "expected a table ([tool.prep])")
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
        if _is_file(candidate):
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
        from prep.checks import all_rules
        from prep.checks.select import expand

        chosen = {r.code for r in all_rules() if not r.opt_in}
        for layer in (self.file, self.cli):
            if layer.select is not None:
                chosen = expand(layer.select, "select")
            chosen |= expand(layer.extend_select, "extend-select")
            chosen -= expand(layer.ignore, "ignore")
        return frozenset(chosen)

    def fail_on(self) -> Severity:
        return self.cli.fail_on or self.file.fail_on or Severity.WARNING

    def severity(self) -> tuple[tuple[str, Severity], ...]:
        return self.cli.severity + self.file.severity
