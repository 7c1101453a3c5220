"""Regenerate the pictures of the examples (examples/img/*.svg) with `prep render`.

    python examples/render_all.py            # into examples/img/
    python examples/render_all.py OUTDIR     # elsewhere (tests/test_examples.py compares)

Each `examples/**/*.prep` becomes `img/<path with / as ->.svg`, for instance
`apparel/asis.prep` -> `img/apparel-asis.svg` (a ToBe drawn `--like` its AsIs, so
the two compare by eye); each AsIs/ToBe pair also gets its
KPI trees (`prep kpi --tobe`, `img/<pair>-kpi.svg`) and its diff picture (`prep
diff`, `img/<pair>-diff.svg`). Exit status 1 when a render fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def models() -> list[Path]:
    return sorted(HERE.rglob("*.prep"))


PAIRS = {
    "apparel": ("apparel/asis.prep", "apparel/tobe.prep"),
    "incident": ("incident/service_desk.prep", "incident/tobe/service_desk.prep"),
}


def picture_name(model: Path) -> str:
    return model.relative_to(HERE).with_suffix("").as_posix().replace("/", "-") + ".svg"


def render(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    status = 0
    like = {HERE / tobe: HERE / asis for asis, tobe in PAIRS.values()}
    for model in models():
        target = out_dir / picture_name(model)
        extra = ["--like", str(like[model])] if model in like else []  # in AsIs's order
        proc = subprocess.run(
            [sys.executable, "-m", "prep", "render", str(model), "-o", str(target), *extra],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        )
        if proc.returncode != 0:
            sys.stderr.write(f"{model.relative_to(HERE)}: {proc.stderr.strip()}\n")
            status = 1
        else:
            sys.stderr.write(f"wrote {target}\n")
    for name, (asis, tobe) in PAIRS.items():
        asis, tobe = str(HERE / asis), str(HERE / tobe)
        for command, args in (("kpi", [asis, "--tobe", tobe]), ("diff", [asis, tobe])):
            target = out_dir / f"{name}-{command}.svg"
            proc = subprocess.run(
                [sys.executable, "-m", "prep", command, *args, "-o", str(target)],
                capture_output=True,
                text=True,
                cwd=HERE.parent,
            )
            if proc.returncode not in (0, 1):
                sys.stderr.write(f"{command} {name}: {proc.stderr.strip()}\n")
                status = 1
            else:
                sys.stderr.write(f"wrote {target}\n")
    return status


if __name__ == "__main__":
    sys.exit(render(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "img"))
