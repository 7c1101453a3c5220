"""The language prep speaks to its user, and `_`, which says an English message in it.

prep's messages are written in English in the source, wrapped in `_()`; their
Japanese lives in one catalogue, prep/locale/ja/LC_MESSAGES/prep.po, compiled to
prep.mo (shipped with the package, read with the standard `gettext` module). The
language is `--lang ja|en`, else PREP_LANG, else the locale (the first of LC_ALL,
LC_MESSAGES, LANG that is set; Japanese when it starts with `ja`), else English.
Machine outputs keep their codes; their words follow the same choice.

    _("`{name}` is not defined", name=name)

The placeholders are filled after translating, never before (not an f-string), so
the catalogue finds the message. `scripts/catalog.py` re-extracts the
messages and says which lack a Japanese translation (docs/architecture.md)."""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("en", "ja")
DOMAIN = "prep"
LOCALE_DIR = Path(__file__).parent / "locale"

_language: str | None = None
_translations: dict[str, object] = {}


def normalize(value: str | None) -> str | None:
    """`ja`, `ja_JP.UTF-8`, `JA` -> "ja"; `en…`, `C`, `POSIX` -> "en"; else None."""
    text = (value or "").strip().lower()
    if text.startswith("ja"):
        return "ja"
    if text.startswith("en") or text in ("c", "posix") or text.startswith("c."):
        return "en"
    return None


def detect(env=None) -> str:
    """The language of the environment: PREP_LANG, else the locale, else English."""
    env = os.environ if env is None else env
    chosen = normalize(env.get("PREP_LANG"))
    if chosen:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if normalize(value) == "ja" else "en"
    return "en"


def language() -> str:
    """The language in use: the one set, else the environment's."""
    global _language
    if _language is None:
        _language = detect()
    return _language


def set_language(lang: str | None) -> str:
    """Use `lang` (`ja`, `en`) from now on; None goes back to the environment's."""
    global _language
    _language = normalize(lang) if lang else None
    return language()


def translation(lang: str | None = None):
    """The gettext translation of `lang` (default: the language in use)."""
    import gettext

    lang = lang or language()
    found = _translations.get(lang)
    if found is None:
        found = gettext.NullTranslations()
        if lang != "en":
            try:
                found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
            except OSError:
                pass
        _translations[lang] = found
    return found


def _(message: str, **fields) -> str:
    """`message` (English) in the language in use, its `{placeholders}` filled from
    `fields` (when given; without fields the text is returned as is, braces and all)."""
    if message and not (_language == "en" or (_language is None and language() == "en")):
        message = translation().gettext(message)
    return message.format(**fields) if fields else message


def _n(one: str, many: str, count: int, **fields) -> str:
    """The singular or plural message for `count` (gettext's ngettext), in the language
    in use, with `{count}` and the other `fields` filled."""
    if _language == "en" or (_language is None and language() == "en"):
        text = one if count == 1 else many
    else:
        text = translation().ngettext(one, many, count)
    return text.format(count=count, **fields)


def gettext_in(lang: str, message: str) -> str:
    """`message` in `lang`, whatever the language in use."""
    return translation(lang).gettext(message) if message else message


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it (yet)."""
    return message
