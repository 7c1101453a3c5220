"""`prep clean`: remove the result cache of `prep check`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

from prep.cli import app
from prep.cli.common import fail, optional_argument
from prep.i18n import _


@app.command()
def clean(
    paths: List[Path] = optional_argument(
        "Folders whose project cache to remove (found as `prep check` finds it). Default: the current folder."
    ),
    no_config: bool = typer.Option(
        False,
        "--no-config",
        help="Ignore pyproject.toml and prep.toml files (look for .prep_cache in the current folder).",
    ),
) -> None:
    """Remove the result cache of `prep check`.

    The cache is .prep_cache/ at the project root (where the configuration is, else
    the current folder), or `cache-dir` of the configuration. Only a folder prep
    made is removed. There is no need to run it now and then: `prep check` drops
    entries unused for 30 days, then the least recently used beyond 64 MiB.

    Example: prep clean
    """
    from prep.checks.cache import DEFAULT_DIR, remove
    from prep.config import Config, ConfigError, config_for

    for path in paths or [Path(".")]:
        try:
            config = Config() if no_config else config_for(path)
        except ConfigError as error:
            fail(_("bad configuration: {error}", error=error))
        root = config.root or Path.cwd()
        folder = root / Path(config.cache_dir or DEFAULT_DIR).expanduser()
        shown = _shown(folder)
        if not folder.exists() and not folder.is_symlink():
            sys.stdout.write(_("no cache at {name}", name=shown) + "\n")
        elif not remove(folder):
            fail(
                _("{name} is not a cache made by prep; not removed", name=shown),
                _("remove it yourself if it is not needed"),
            )
        else:
            sys.stdout.write(_("removed {name}", name=shown) + "\n")
    sys.stdout.flush()


def _shown(folder: Path) -> str:
    try:
        return folder.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return folder.as_posix()
