"""`fmt` and `check --fix` keep what a model file is: owner, group, mode, hard links;
a read-only file is refused (issue 23, item 8)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from prep.cli.output import OutputError, rewrite

MESSY = "process P {\n goal G\n external X\n actor A { final F }\n F->X\n}\n"
TYPO = "process P {\n  goal G\n  external X\n  actor A {\n    fnal F\n  }\n  F -> X\n}\n"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give files away")


def run(args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "prep", *args],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


@as_root
@pytest.mark.parametrize("args, text", [(["fmt", "m.prep"], MESSY), (["check", "m.prep", "--fix"], TYPO)])
def test_root_rewriting_a_users_file_keeps_owner_and_mode(tmp_path, args, text):
    model = tmp_path / "m.prep"
    model.write_text(text)
    os.chown(model, 1000, 1001)
    model.chmod(0o640)
    proc = run(args, tmp_path)
    assert proc.returncode == 0, proc.stderr
    info = os.stat(model)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1000, 1001, 0o640)
    assert model.read_text() != text


@pytest.mark.parametrize("args, text", [(["fmt", "m.prep"], MESSY), (["check", "m.prep", "--fix"], TYPO)])
def test_a_read_only_file_is_refused(tmp_path, args, text):
    model = tmp_path / "m.prep"
    model.write_text(text)
    model.chmod(0o444)
    proc = run(args, tmp_path)
    assert proc.returncode == 2
    assert "prep: error: m.prep is read-only; left unchanged\n" in proc.stderr.decode()
    assert model.read_text() == text and stat.S_IMODE(model.stat().st_mode) == 0o444


@pytest.mark.parametrize("args, text", [(["fmt", "m.prep"], MESSY), (["check", "m.prep", "--fix"], TYPO)])
def test_a_hard_linked_file_is_written_in_place(tmp_path, args, text):
    model = tmp_path / "m.prep"
    model.write_text(text)
    os.link(model, tmp_path / "copy.prep")
    inode = model.stat().st_ino
    proc = run(args, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert model.stat().st_ino == inode
    assert (tmp_path / "copy.prep").read_text() == model.read_text() != text
    assert not list(tmp_path.glob("*.tmp"))


def test_rewrite_in_place_restores_the_old_text_when_the_disk_is_full(tmp_path, monkeypatch):
    import prep.cli.output as output

    model = tmp_path / "m.prep"
    model.write_bytes(b"old text")
    os.link(model, tmp_path / "b.prep")
    calls = []

    def full(fd, data, shown):
        calls.append(bytes(data))
        if len(calls) == 1:
            os.write(fd, bytes(data)[:3])
            raise OutputError(f"cannot write {shown}: No space left on device")
        os.write(fd, data)

    monkeypatch.setattr(output, "_write_all", full)
    with pytest.raises(OutputError):
        rewrite(model, b"new text, longer")
    assert model.read_bytes() == b"old text"
