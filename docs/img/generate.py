"""Regenerate the pictures of docs/notation.md from notation.prep (needs Graphviz).

Run from the repository root: python docs/img/generate.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    model = HERE / "notation.prep"
    for suffix in (".svg", ".png", ".mmd"):
        out = HERE / f"notation{suffix}"
        done = subprocess.run([sys.executable, "-m", "prep", "render", str(model), "-o", str(out)], check=False)
        if done.returncode != 0:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
