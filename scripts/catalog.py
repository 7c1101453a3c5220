"""The message catalogue: extract prep's English messages, merge them into the
Japanese catalogue, say what lacks a translation, compile it.

    python scripts/catalog.py update    # re-extract; add new messages (empty) to
                                        # prep/locale/ja/LC_MESSAGES/prep.po, drop gone
                                        # ones; list what lacks a translation
    python scripts/catalog.py compile   # prep.po -> prep.mo (shipped with the package)
    python scripts/catalog.py check     # exit 1 on a missing or stale translation,
                                        # differing placeholders, or a stale prep.mo

Messages are: every `_("…")` and `N_("…")` in prep/ (babel's extractor); the help of
every command, argument and option (read from the command tree, as docs/gen_cli.py
does); and each rule's documentation (its title and the sections What it does, Why,
How to fix; the Example / Use instead models are the same in both languages).
Needs babel (the dev extra). tests/test_i18n.py runs `problems()`.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "prep" / "locale" / "ja" / "LC_MESSAGES" / "prep.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")
PROSE_SECTIONS = ("Title", "What it does", "Why", "How to fix")  # prep.checks.base.PROSE


def source_messages() -> dict:
    """Every message of the source: text (or (singular, plural)) -> where it is first
    found."""
    from babel.messages.extract import extract_from_dir

    found: dict = {}
    for name, line, text, _comments, _context in extract_from_dir(
        str(ROOT / "prep"), method_map=[("**.py", "python")], keywords={"_": None, "N_": None, "_n": (1, 2)}
    ):
        if isinstance(text, tuple):
            text = tuple(text[:2]) if all(text[:2]) else None
        if text:
            found.setdefault(text, f"prep/{name}:{line}")
    for text, where in [*help_messages(), *rule_messages()]:
        if text:
            found.setdefault(text, where)
    return found


def help_messages():
    """The help of every command, argument and option, as the command tree has it."""
    import typer.main

    from prep.cli import app

    def walk(command, path):
        for attr in ("help", "short_help"):
            text = getattr(command, attr, None)
            if isinstance(text, str):
                yield text, f"help: {path}"
        for param in getattr(command, "params", []):
            text = getattr(param, "help", None)
            if isinstance(text, str):
                yield text, f"help: {path} {param.name}"
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, f"{path} {name}")

    yield from walk(typer.main.get_command(app), "prep")


def rule_messages():
    from prep.checks import all_rules

    for rule in all_rules():
        sections = rule.sections
        for title in PROSE_SECTIONS:
            if sections.get(title):
                yield sections[title], f"rule {rule.code}: {title}"


FIXED_DATE = "2026-01-01 00:00+0000"  # in the header: the same bytes for the same text


def read_catalogue(path: Path = PO):
    from datetime import datetime

    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        catalogue = read_po(f, locale="ja", domain="prep")
    fixed = datetime.strptime(FIXED_DATE, "%Y-%m-%d %H:%M%z")
    catalogue.creation_date = catalogue.revision_date = fixed
    return catalogue


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems() -> list[str]:
    """What is wrong with the catalogue, one line each; empty when all is well."""
    from prep.i18n import set_language

    set_language("en")
    wanted = source_messages()
    catalogue = read_catalogue()
    out = []
    for text, where in wanted.items():
        entry = catalogue.get(text[0] if isinstance(text, tuple) else text)
        strings = _strings(entry)
        if entry is None or not all(strings):
            out.append(f"missing: {where}: {text!r}")
        elif entry.fuzzy:
            out.append(f"fuzzy (check the translation): {where}: {text!r}")
        else:
            want = placeholders(text[-1] if isinstance(text, tuple) else text)
            for string in strings:
                if placeholders(string) != want:
                    out.append(f"placeholders differ: {where}: {want} != {placeholders(string)}")
    if MO.exists() and compiled(catalogue) != MO.read_bytes():
        out.append("stale: prep.mo; run `python scripts/catalog.py compile`")
    elif not MO.exists():
        out.append("missing: prep.mo; run `python scripts/catalog.py compile`")
    return out


def _strings(entry) -> tuple:
    if entry is None:
        return ("",)
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


def update() -> list[str]:
    """Merge the source's messages into prep.po: keep translations, add new messages
    with an empty one, drop messages no longer in the source."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from prep.i18n import set_language

    set_language("en")
    old = read_catalogue() if PO.exists() else Catalog(locale="ja", domain="prep")
    new = Catalog(
        locale="ja",
        domain="prep",
        project="prep",
        copyright_holder="prep contributors",
        fuzzy=False,
        creation_date=old.creation_date,
        revision_date=old.revision_date,
    )
    missing = []
    for text, where in source_messages().items():
        entry = old.get(text[0] if isinstance(text, tuple) else text)
        string = entry.string if entry is not None else ""
        if isinstance(text, tuple) and not isinstance(string, tuple):
            string = (string,)
        elif not isinstance(text, tuple) and isinstance(string, tuple):
            string = string[0]
        flags = [f for f in (entry.flags if entry else ()) if f != "python-format"]
        if not any(_strings(entry)):
            string, flags = _close_translation(old, text, string, flags)
        new.add(text, string, auto_comments=[where.split(":")[0]], flags=flags)
        made = new.get(text[0] if isinstance(text, tuple) else text)
        if not all(_strings(made)) or made.fuzzy:
            missing.append(
                f"{where}: {text!r}"
                + (" (fuzzy: a similar message's translation, to be checked)" if made.fuzzy else "")
            )
    out = io.BytesIO()
    write_po(out, new, width=0, omit_header=False, sort_output=True, no_location=True, ignore_obsolete=True)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(_stable_header(out.getvalue()))
    return missing


def _close_translation(old, text, string, flags):
    """For a new or changed message, the translation of the most similar old one,
    marked fuzzy (`check` fails until someone reads it and removes the flag)."""
    import difflib

    singular = text[0] if isinstance(text, tuple) else text
    olds = {m.id if isinstance(m.id, str) else m.id[0]: m for m in old if m.id and m.string}
    close = difflib.get_close_matches(singular, list(olds), n=1, cutoff=0.8)
    if not close:
        return string, flags
    found = olds[close[0]].string
    if isinstance(text, tuple) != isinstance(found, tuple):
        found = (found,) if isinstance(text, tuple) else found[0]
    return found, [*flags, "fuzzy"]


def _stable_header(data: bytes) -> bytes:
    """The header without dates, so an unchanged catalogue writes the same bytes."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", data)


def compiled(catalogue) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def compile_mo() -> None:
    MO.write_bytes(compiled(read_catalogue()))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from prep.i18n import set_language

    set_language("en")  # the messages as the source writes them
    command = argv[0] if argv else "check"
    if command == "update":
        missing = update()
        compile_mo()
        for line in missing:
            print(f"missing: {line}")
        print(f"{len(read_catalogue())} messages, {len(missing)} without a translation")
        return 0
    if command == "compile":
        compile_mo()
        return 0
    if command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
