"""The Japanese documentation (docs/ja/) keeps in step with the English: each page
listed here has its twin, with the same sections (as many headings of each level)
and the same commands (the `prep …` lines of its code blocks, in order); and every
relative link of a Japanese page leads to a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prep import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# The pages that must have a Japanese twin in docs/ja/ (README.md has a Japanese section).
TWINS = ["tutorial.md", "language.md", "workshop.md", "editors.md", "rules.md"]
FENCE = re.compile(r"^\s*```")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def outline(path: Path) -> tuple[list[int], list[str]]:
    """(heading levels, `prep …` command lines), code blocks read for commands only."""
    levels, commands, inside = [], [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
            continue
        if inside:
            command = line.strip().removeprefix("$ ")
            if command.startswith("prep "):
                commands.append(" ".join(command.split("#")[0].split()))
        elif re.match(r"#{1,6} ", line):
            levels.append(len(line) - len(line.lstrip("#")))
    return levels, commands


@pytest.mark.parametrize("name", TWINS)
def test_the_japanese_page_has_the_same_sections_and_commands(name):
    english, japanese = DOCS / name, DOCS / "ja" / name
    assert japanese.is_file(), f"docs/ja/{name} is missing"
    en_levels, en_commands = outline(english)
    ja_levels, ja_commands = outline(japanese)
    assert ja_levels == en_levels, f"docs/ja/{name}: the sections differ from docs/{name}"
    assert ja_commands == en_commands, f"docs/ja/{name}: the commands differ from docs/{name}"


@pytest.mark.parametrize("page", sorted((DOCS / "ja").glob("*.md")), ids=lambda p: p.name)
def test_the_links_of_a_japanese_page_lead_somewhere(page):
    text = page.read_text(encoding="utf-8")
    broken = [
        target
        for target in LINK.findall(text)
        if not target.startswith(("http:", "https:", "mailto:")) and not (page.parent / target).exists()
    ]
    assert broken == []


def test_every_japanese_page_is_a_listed_twin():
    assert sorted(p.name for p in (DOCS / "ja").glob("*.md")) == sorted(TWINS)


def test_the_readme_has_a_japanese_section():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\n## 日本語\n" in readme
    section = readme.split("\n## 日本語\n", 1)[1].split("\n## ", 1)[0]
    code = re.findall(r"^```\n(.*?)^```", section, re.M | re.S)
    commands = [line.split("  #")[0].strip() for block in code for line in block.splitlines()]
    assert commands == [
        f'pipx install "git+https://github.com/prep-models/prep@v{__version__}"',
        "prep init workshop --lang ja",
        "cd workshop",
        "prep check",
        "prep render model.prep -o model.svg",
    ]
    assert re.findall(r"\]\(([^)]+)\)", section) == [
        "https://pipx.pypa.io",
        "docs/ja/tutorial.md",
        "docs/ja/language.md",
        "docs/ja/rules.md",
        "docs/ja/workshop.md",
        "docs/ja/editors.md",
        "docs/index.md",
    ]
