"""Which folders prep walks when it looks for models: hidden folders and tool folders
(`node_modules`, `venv`, …) are skipped unless named (docs/language.md, "Folders").
One definition for `prep check`, `prep serve` and `prep lsp`. Imports nothing of ours."""

from __future__ import annotations

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})


def walked(names) -> list[str]:
    """The sub-folders of `names` that a walk goes into, sorted (for os.walk's `dirs[:]`)."""
    return sorted(d for d in names if not d.startswith(".") and d not in SKIP_DIRS)
