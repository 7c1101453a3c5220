"""docs/cli.md is generated from the typer app by docs/gen_cli.py and must be current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import typer.main

from conftest import load_script
from prep.cli import app

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT / "docs" / "gen_cli.py"


def _generator():
    return load_script(GEN)


def test_cli_md_is_current():
    expected = _generator().render()
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == expected, "docs/cli.md is stale: run `python docs/gen_cli.py`"


def test_every_command_and_option_is_documented():
    text = _generator().render()
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        assert f"## `prep {name}`" in text
        for param in command.params:
            if param.param_type_name == "option" and not param.hidden:
                assert any(opt in text for opt in param.opts), (name, param.opts)


def test_generator_output_is_deterministic_and_clean_markdown():
    gen = _generator()
    first, second = gen.render(), gen.render()
    assert first == second
    assert first.count("```") % 2 == 0
    # types are inside code spans, so no renderer takes `<list[str]>` for an HTML tag
    outside = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", first, flags=re.S))
    assert not re.search(r"<[a-z][^>\n]*>", outside.replace("<!--", ""))


def test_check_mode_reports_staleness(tmp_path):
    proc = subprocess.run([sys.executable, str(GEN), "--check"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
