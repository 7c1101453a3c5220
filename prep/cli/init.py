"""`prep init`: a starter model and configuration in a folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from prep.cli import app
from prep.cli.common import Lang, console, fail, optional_argument, optional_option
from prep.i18n import _
from prep.i18n import language as i18n_language

MODEL_FILE = "model.prep"
CONFIG_FILE = "prep.toml"


def _language(name: str | None) -> str:
    """auto: Japanese when the process name is, or (no name) when the locale is."""
    if name is not None:
        from prep.notation import is_japanese

        return "ja" if is_japanese(name) else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


@app.command(name="init")
def init_command(
    directory: Optional[Path] = optional_argument(
        "Folder to create the files in (created if missing). Default: the current folder.",
        metavar="DIR",
        readable=False,
    ),
    name: Optional[str] = optional_option(
        "--name",
        "-n",
        help="Name of the process in the starter model (quoted in the file when it needs "
        "to be). [default: 受注 in Japanese, OrderHandling in English]",
    ),
    lang: Lang = typer.Option(
        Lang.auto,
        "--lang",
        help="Language of the starter model's names and comments: Japanese, English, or "
        "auto: Japanese when --name is, or with no --name when the locale is (LANG).",
    ),
) -> None:
    """Create a starter model (model.prep) and configuration (prep.toml) in DIR.

    The model is commented and checks clean; existing files are never overwritten.

    Example: prep init workshop/ --name 受注
    """
    from prep.cli.output import OutputError, create_new
    from prep.init_template import DEFAULT_NAME, config_text, model_text, next_steps

    folder = directory if directory is not None else Path(".")
    if name is not None and (not name.strip() or any(c in name for c in "\r\n")):
        fail(_("--name must be a non-empty name on one line"), "prep init --name 受注")
    language = lang.value if lang != Lang.auto else _language(name)
    name = name.strip() if name is not None else DEFAULT_NAME[language]
    files = {folder / MODEL_FILE: model_text(name, language), folder / CONFIG_FILE: config_text(language)}
    if folder.exists() and not folder.is_dir():
        fail(_("{folder} exists and is not a folder", folder=folder))
    for path in files:
        if path.exists() or path.is_symlink():
            fail(
                _("{path} already exists; nothing was written", path=path),
                _("choose another folder, or move the file away"),
            )
    new_folders = _missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_empty(new_folders)
        fail(_("cannot create the folder {folder}: {why}", folder=folder, why=error.strerror or error))
    made: list[Path] = []
    for path, text in files.items():
        try:
            create_new(path, text.encode("utf-8"))  # exclusive: never replaces a file
        except OutputError as error:
            for done in made:  # all or nothing
                done.unlink(missing_ok=True)
            _remove_empty(new_folders)  # no empty folder left behind
            fail(_("{error}; nothing was written", error=error), _("choose another folder, or move the file away"))
        made.append(path)

    console(stderr=True).print(
        next_steps(
            (folder / MODEL_FILE).as_posix(),
            (folder / CONFIG_FILE).as_posix(),
            (folder / "model.svg").as_posix(),
            "ja" if i18n_language() == "ja" else language,
        ),
        markup=False,
        highlight=False,
    )


def _missing_folders(folder: Path) -> list[Path]:
    """The folders that `folder.mkdir(parents=True)` would create, deepest first."""
    missing = []
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for made in folders:
        try:
            made.rmdir()  # only when empty
        except OSError:
            return
