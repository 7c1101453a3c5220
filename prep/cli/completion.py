"""`prep completion SHELL`: the shell completion script (typer's), to source."""

from __future__ import annotations

from enum import Enum

import typer

from prep.cli import app


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


@app.command()
def completion(shell: Shell = typer.Argument(..., help="The shell to complete in.")) -> None:
    """Print the shell script that completes prep's commands, options and rule names.

    Example: prep completion bash >> ~/.bashrc   (zsh: prep completion zsh > ~/.zfunc/_prep;
    fish: prep completion fish > ~/.config/fish/completions/prep.fish)
    """
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="prep", complete_var="_PREP_COMPLETE", shell=shell.value))
