"""A `dot` that misbehaves (issue 23, items 13 and 18): output that is not the format
asked for, an exit by a signal, helpers left running after a timeout."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app
from prep.graphviz_run import GraphvizOutputError, status, valid

ROOT = Path(__file__).resolve().parents[2]
FIGURE4 = ROOT / "tests" / "render" / "models" / "figure4.prep"


def fake_dot(tmp_path, monkeypatch, body: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "dot").write_text("#!/bin/sh\ncat >/dev/null\n" + body + "\n")
    (folder / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("prep.layout.measure._MEASURED", {})  # measured labels: ask again


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    "args, what",
    [
        (["render", FIGURE4], "that is not the JSON asked for (measuring labels)"),
        (["render", FIGURE4, "--layout", "dot"], "that is not SVG"),
        (["kpi", FIGURE4, "-f", "svg"], "printed something that is not"),
        (["kpi", FIGURE4, "-f", "pptx"], "that is not the JSON asked for (measuring labels)"),
    ],
)
def test_dot_printing_something_else_is_one_error_and_no_file(tmp_path, monkeypatch, args, what):
    fake_dot(tmp_path, monkeypatch, "echo 'not a drawing'")
    out = tmp_path / ("o.pptx" if "pptx" in args else "o.svg")
    result = run(*args, "-o", out)
    assert result.exit_code == 2, result.output
    assert what in result.stderr and "Traceback" not in result.stderr
    assert "hint: check the Graphviz installation: dot -V" in result.stderr
    assert not out.exists()


def test_dot_printing_nuls_is_refused(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "head -c 100000 /dev/zero")
    out = tmp_path / "k.svg"
    result = run("render", FIGURE4, "--layout", "dot", "-o", out)
    assert result.exit_code == 2
    assert "printed something that is not SVG (100,000 bytes starting b'\\x00" in result.stderr
    assert not out.exists()


def test_dot_killed_by_a_signal_is_worded(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "kill -9 $$")
    result = run("kpi", FIGURE4, "-f", "svg", "-o", tmp_path / "k.svg")
    assert result.exit_code == 2
    assert "failed" in result.stderr and ": was killed (signal 9, SIGKILL)\n" in result.stderr


def test_a_timeout_kills_dots_whole_process_group(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f"sleep 300 & echo $! > {pids}\nwait")
    result = run("render", FIGURE4, "--layout", "dot", "-o", tmp_path / "k.svg", "--timeout", "1")
    assert result.exit_code == 2 and "longer than 1 s" in result.stderr
    helper = int(pids.read_text())
    for _ in range(100):  # reaped by init: gone, or a zombie for a moment
        try:
            with open(f"/proc/{helper}/stat") as handle:
                if handle.read().split(") ")[1].startswith("Z"):
                    break
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("dot's helper `sleep 300` still runs")


def test_status_and_valid():
    assert status(3) == "exit status 3" and status(-9) == "was killed (signal 9, SIGKILL)"
    assert status(-200) == "was killed (signal 200)"
    valid(b'<?xml version="1.0"?>\n<svg></svg>\n', "svg")
    valid(b'{"objects": []}', "json")
    for data, fmt in [(b"", "svg"), (b"<svg>", "svg"), (b"[1]", "json"), (b"PNG", "png"), (b"%PDF-1.4 no end", "pdf")]:
        with pytest.raises(GraphvizOutputError):
            valid(data, fmt)


def test_measuring_without_a_deadline_is_bounded(tmp_path, monkeypatch):
    from prep.layout.measure import LayoutError, graphviz_measure

    fake_dot(tmp_path, monkeypatch, "exec sleep 30")
    monkeypatch.setattr("prep.layout.measure.UNBOUNDED_LIMIT", 0.5)
    with pytest.raises(LayoutError) as caught:
        graphviz_measure(["<b>x</b>"])
    assert str(caught.value) == "drawing took longer than 0.5 s, and was stopped"
    assert caught.value.hint == (
        "draw one process at a time with --process NAME, split the model, or allow more time with --timeout SECONDS"
    )


def test_japanese_without_japanese_fonts_warns_once(tmp_path, monkeypatch):
    """Issue 23, item 17: boxes instead of Japanese, exit 0, and no word of it."""
    import subprocess
    import sys

    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "fc-list").write_text("#!/bin/sh\nexit 0\n")  # no font at all
    (folder / "fc-list").chmod(0o755)
    env = {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}
    model = ROOT / "examples" / "apparel" / "asis.prep"
    done = subprocess.run(
        [sys.executable, "-m", "prep", "render", str(model), "-o", str(tmp_path / "a.svg")],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr.decode().count("no installed font has Japanese glyphs") == 1
    done = subprocess.run(
        [sys.executable, "-m", "prep", "render", str(model), "-o", str(tmp_path / "b.svg")],
        capture_output=True,
        timeout=120,
    )
    assert b"Japanese glyphs" not in done.stderr  # fonts-noto-cjk is installed


def test_graphviz_failures_speak_japanese(monkeypatch):
    """Render and layout errors come from the catalogue too (docs/architecture.md,
    "Messages and languages")."""
    from prep import i18n
    from prep.graphviz_run import status
    from prep.layout.measure import timed_out

    i18n.set_language("ja")
    assert status(-9) == "強制終了されました（シグナル 9、SIGKILL）"
    error = timed_out(2.5)
    assert error.message == "描画に 2.5 秒以上かかったため中止しました"
    assert error.hint == (
        "--process NAME でプロセスを一つずつ描くか、モデルを分けるか、--timeout SECONDS で時間を延ばしてください"
    )
    i18n.set_language("en")
    assert status(3) == "exit status 3"
