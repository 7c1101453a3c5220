"""Regenerate the pictures of the examples (examples/img/*.svg) with `prep render`.

    python examples/render_all.py            # into examples/img/
    python examples/render_all.py OUTDIR     # elsewhere (tests/test_examples.py compares)

Each `examples/**/*.prep` becomes `img/<path with / as ->.svg`, for instance
`apparel/asis.prep` -> `img/apparel-asis.svg`. Exit status 1 when a render fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def models() -> list[Path]:
    return sorted(HERE.rglob("*.prep"))


def picture_name(model: Path) -> str:
    return model.relative_to(HERE).with_suffix("").as_posix().replace("/", "-") + ".svg"


def render(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    status = 0
    for model in models():
        target = out_dir / picture_name(model)
        proc = subprocess.run([sys.executable, "-m", "prep", "render", str(model), "-o",
                               str(target)], capture_output=True, text=True, cwd=HERE.parent)
        if proc.returncode != 0:
            sys.stderr.write(f"{model.relative_to(HERE)}: {proc.stderr.strip()}\n")
            status = 1
        else:
            sys.stderr.write(f"wrote {target}\n")
    return status


if __name__ == "__main__":
    sys.exit(render(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "img"))
