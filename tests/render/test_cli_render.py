"""`prep render` as a whole: formats, outputs, errors, time limits, safety."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import as_nobody, as_root, assert_unreadable
from prep.cli import app

MODELS = Path(__file__).parent / "models"
FIGURE4 = MODELS / "figure4.prep"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

BROKEN = FIGURE4.read_text(encoding="utf-8").replace("製品 -> 出荷 -> 営業", "製品 -> 出荷 -> 営業\n  未定義 -> 出荷")


def run(*args, env=None):
    return CliRunner().invoke(app, ["render", *map(str, args)], env=env, catch_exceptions=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@needs_dot
@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".png", b"\x89PNG\r\n\x1a\n"), (".pdf", b"%PDF-")])
def test_format_from_suffix(tmp_path, suffix, magic):
    out = tmp_path / f"figure{suffix}"
    result = run(FIGURE4, "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(magic) and len(data) > 10_000
    assert leftovers(tmp_path) == []


@needs_dot
def test_svg_holds_the_names_as_text(tmp_path):
    out = tmp_path / "f.svg"
    assert run(FIGURE4, "-o", out).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    for name in ("生産計画", "調達部品", "現場ノウハウ", "介入点", "目標: 品質基準をみたす納期遵守率100%"):
        assert f">{name}" in svg or f"{name}<" in svg
    assert 'font-family="Noto Sans CJK JP"' in svg


@needs_dot
def test_svg_and_dot_are_byte_identical_across_runs(tmp_path):
    for fmt in ("svg", "dot"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        run(FIGURE4, "-o", first)
        run(FIGURE4, "-o", second)
        assert first.read_bytes() == second.read_bytes()


@needs_dot
def test_png_and_pdf_are_byte_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for fmt in ("png", "pdf"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert run(FIGURE4, "-o", first).exit_code == 0
        assert run(FIGURE4, "-o", second).exit_code == 0
        assert first.read_bytes() == second.read_bytes(), fmt
    # cairo writes the clock's time into the PDF; prep sets it, so no run differs
    assert b"/CreationDate (D:19700101000000Z)" in first.read_bytes()


def test_pdf_date_follows_source_date_epoch(monkeypatch):
    from prep.render.run import _fixed_dates

    pdf = b"<< /Creator (cairo) /CreationDate (D:20261123134158Z) >>"
    for epoch, date in (
        ("1700000000", b"20231114221320"),
        ("junk", b"19700101000000"),
        ("999999999999999", b"19700101000000"),
    ):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        fixed = _fixed_dates(pdf)
        assert fixed == pdf.replace(b"20261123134158", date) and len(fixed) == len(pdf)


def test_dot_and_mermaid_to_stdout():
    result = run(FIGURE4, "-f", "dot", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("digraph prep {")
    result = run(FIGURE4, "-o", "-", "-f", "mermaid")
    assert result.exit_code == 0 and result.stdout.startswith("flowchart LR")


def test_format_option_wins_and_default_name(tmp_path):
    model = tmp_path / "m.prep"
    shutil.copy(FIGURE4, model)
    assert run(model, "-f", "dot").exit_code == 0
    assert (tmp_path / "m.dot").read_text(encoding="utf-8").startswith("digraph")
    assert run(model, "-f", "mermaid", "-o", tmp_path / "x.txt").exit_code == 0
    assert (tmp_path / "x.txt").read_text(encoding="utf-8").startswith("flowchart LR")


def test_unknown_suffix_is_refused(tmp_path):
    result = run(FIGURE4, "-o", tmp_path / "out.xyz")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (f"prep: error: cannot tell the format from `{tmp_path / 'out.xyz'}`")


@needs_dot
def test_binary_to_a_pipe(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "prep", "render", str(FIGURE4), "-f", "png", "-o", "-"], capture_output=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.startswith(b"\x89PNG")


def test_missing_file(tmp_path):
    result = run(tmp_path / "nope.prep", "-o", tmp_path / "x.dot")
    assert result.exit_code == 2
    assert result.stderr == f"prep: error: no such file: {tmp_path / 'nope.prep'}\n"
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_unwritable_output(tmp_path):
    result = run(FIGURE4, "-o", tmp_path / "no" / "such" / "x.dot")
    assert result.exit_code == 2
    assert result.stderr == (
        f"prep: error: cannot write {tmp_path}/no/such/x.dot: the folder {tmp_path}/no/such does not exist\n"
    )
    result = run(FIGURE4, "-f", "dot", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"prep: error: cannot write {tmp_path}: it is a folder\n"
    assert list(tmp_path.iterdir()) == []


@as_root
def test_output_in_a_folder_one_may_not_write(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir()
    shutil.copy(FIGURE4, folder / "m.prep")  # root's folder, uid 65534 runs prep in it
    done = as_nobody(["render", "m.prep", "-f", "dot", "-o", "x.dot"], folder)
    assert done.returncode == 2
    assert done.stderr.decode() == "prep: error: cannot write x.dot: Permission denied\n"
    assert sorted(p.name for p in folder.iterdir()) == ["m.prep"]


def test_model_with_errors_is_not_drawn(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "m.dot"
    result = run(model, "-o", out)
    assert result.exit_code == 1
    finding = (
        f"{model}:27:3: PREP101 error: `未定義` is not defined in process `製造`\n"
        "   |\n27 |   未定義 -> 出荷\n   |   ^^^^^^\n"
        "  hint: define it as a product in an actor, or as `external 未定義`\n\n"
        "Found 1 error, 0 warnings, 0 infos in 1 file.\n"
    )
    assert result.stderr == finding + (
        f"prep: error: {model} has 1 error; nothing drawn\n  hint: fix them, or go on anyway with --force\n"
    )
    assert not out.exists() and result.stdout == ""
    result = run(model, "-o", out, "--force")
    assert result.exit_code == 0 and out.exists()
    assert result.stderr == finding + (f"prep: warning: going on despite 1 error in {model} (--force)\nwrote {out}\n")


ORPHAN = FIGURE4.read_text(encoding="utf-8").replace(
    "    product   調達計画(部品, 数量)", "    product   調達計画(部品, 数量)\n    product   孤立"
)


def test_warnings_neither_stop_nor_show(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(ORPHAN, encoding="utf-8")
    result = run(model, "-o", tmp_path / "m.dot")
    assert result.exit_code == 0 and (tmp_path / "m.dot").exists()
    assert "PREP204" not in result.stderr and result.stderr == f"wrote {tmp_path / 'm.dot'}\n"


def test_a_warning_raised_to_error_by_config_stops_the_drawing(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(ORPHAN, encoding="utf-8")
    (tmp_path / "prep.toml").write_text('[severity]\nPREP204 = "error"\n', encoding="utf-8")
    result = run(model, "-o", tmp_path / "m.dot")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{model}:9:5: PREP204 error: `孤立` takes part in no relation")
    assert not (tmp_path / "m.dot").exists()


def test_an_ignored_error_does_not_stop_the_drawing(tmp_path):
    model = tmp_path / "m.prep"
    model.write_text(BROKEN, encoding="utf-8")
    (tmp_path / "prep.toml").write_text('ignore = ["PREP101"]\n', encoding="utf-8")
    result = run(model, "-o", tmp_path / "m.dot")
    assert result.exit_code == 0 and "PREP101" not in result.stderr


def test_no_spinner_when_stderr_is_not_a_terminal(tmp_path):
    result = run(FIGURE4, "-o", tmp_path / "m.svg")
    assert result.exit_code == 0 and "Graphviz" not in result.stderr


def test_unparseable_model(tmp_path):
    model = tmp_path / "m.prep"
    assert_unreadable(
        model,
        "process 壊れた { actor A { product } ",
        lambda path: run(path, "-o", tmp_path / "m.dot", "--force"),
        [
            "1:33: PREP001 error: expected a product name after `product`, found `}`",
            "1:34: PREP001 error: the file ends before the `}` that closes process `壊れた` (line 1)",
        ],
        "nothing drawn",
    )
    assert not (tmp_path / "m.dot").exists()
    model.write_bytes(b"\xff\xfe\x00process")
    result = run(model, "-o", tmp_path / "m.dot")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{model}:1:1: PREP002 error: the file is UTF-16 text, not UTF-8 (its byte order mark on line 1)"
    )


def test_process_option():
    two = MODELS / "two_processes.prep"
    result = run(two, "-f", "dot", "-o", "-")
    assert "  p2 [" in result.stdout and 'class="process"' in result.stdout
    result = run(two, "-f", "dot", "-o", "-", "--process", "出荷")
    assert result.exit_code == 0 and "  p2 [" not in result.stdout
    assert "誤出荷ゼロ" in result.stdout and "納期遵守率" not in result.stdout
    result = run(two, "-f", "dot", "-o", "-", "--process", "返品")
    assert result.exit_code == 2
    assert result.stderr == (
        f"prep: error: no process `返品` in {two}\n  hint: processes in the file: `受注`, `出荷`\n"
    )


def test_no_legend():
    def classes(*options):
        return sorted(set(re.findall(r'class="([^"]*)"', run(FIGURE4, "-f", "dot", "-o", "-", *options).stdout)))

    drawn = [
        "canvas",
        "external",
        "goal",
        "lane",
        "lane-header",
        "process",
        "product",
        "product final",
        "product intangible intervention",
        "product milestone",
        "relation",
        "subprocess",
        "subprocess-label",
    ]
    assert classes() == sorted([*drawn, "legend", "legend-item"])
    assert classes("--no-legend") == drawn

    def clusters(*options):
        return re.findall(
            r"subgraph (\w+) \{", run(FIGURE4, "-f", "dot", "-o", "-", "--layout", "dot", *options).stdout
        )

    lanes = ["cluster_p1", "cluster_p1_a1", "cluster_p1_a2", "cluster_p1_a3"]
    assert clusters() == [*lanes, "cluster_legend"]
    assert clusters("--no-legend") == lanes


def test_missing_dot_says_how_to_install(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "f.svg"
    result = run(FIGURE4, "-o", out)
    assert result.exit_code == 2
    assert "`dot` was not found" in result.stderr and "apt-get install graphviz" in result.stderr
    assert not out.exists()
    # the cluster layout's dot text needs no Graphviz (the swimlanes' measures text)
    assert run(FIGURE4, "-f", "dot", "--layout", "dot", "-o", "-").exit_code == 0


def _fake_dot(folder: Path, body: str) -> None:
    folder.mkdir()
    script = folder / "dot"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_timeout_stops_the_layout_and_leaves_no_file(tmp_path, monkeypatch):
    _fake_dot(tmp_path / "bin", "exec sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "f.svg"
    result = run(FIGURE4, "-o", out, "--timeout", "0.5")
    assert result.exit_code == 2
    assert "longer than 0.5 s" in result.stderr and "--process" in result.stderr
    assert not out.exists() and leftovers(tmp_path) == []


def test_failing_dot_leaves_no_file(tmp_path, monkeypatch):
    _fake_dot(tmp_path / "bin", "echo 'Error: syntax error in line 1' >&2; echo half; exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "f.svg"
    out.write_text("old", encoding="utf-8")
    result = run(FIGURE4, "-o", out)
    assert result.exit_code == 2 and "Graphviz `dot` failed" in result.stderr
    assert "Error: syntax error" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"


def test_help_has_summary_and_example():
    result = CliRunner().invoke(app, ["render", "--help"])
    assert result.exit_code == 0
    assert "Example: prep render" in result.stdout


def test_file_without_processes(tmp_path):
    model = tmp_path / "empty.prep"
    model.write_text("# nothing yet\n", encoding="utf-8")
    result = run(model, "-f", "dot", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == f"prep: error: {model} defines no process to draw\n"
