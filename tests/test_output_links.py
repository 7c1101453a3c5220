"""Output paths and other users' symbolic links, FIFOs nobody reads (issue 23, item 1).
The ownership cases run prep as an unprivileged user (uid 65534) when the tests run as
root, as tests/test_hostile_inputs.py does; otherwise they are skipped."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import NOBODY, as_nobody, as_root
from prep.cli.output import OutputError, write_output

ROOT = Path(__file__).resolve().parents[1]
FIGURE4 = ROOT / "tests" / "render" / "models" / "figure4.prep"


@pytest.fixture
def shared():
    """A sticky folder everyone may write (like /tmp) owned by user 1000, holding the
    model, in a folder uid 65534 can reach (pytest's tmp_path is private to root)."""
    top = Path(tempfile.mkdtemp(prefix="prep-links-"))
    top.chmod(0o755)
    folder = top / "shared"
    folder.mkdir()
    os.chown(folder, 1000, 1000)
    folder.chmod(0o1777)
    model = folder / "m.prep"
    model.write_bytes(FIGURE4.read_bytes())
    model.chmod(0o644)
    yield folder
    shutil.rmtree(top)


@as_root
def test_another_users_link_in_a_shared_folder_is_not_followed(shared):
    victim = shared / "victim.txt"
    victim.write_text("precious")
    os.chown(victim, NOBODY, NOBODY)
    link = shared / "out.svg"
    link.symlink_to(victim)
    os.lchown(link, 1001, 1001)
    done = as_nobody(["render", "m.prep", "-f", "dot", "-o", "out.svg"], shared)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "prep: error: cannot write out.svg: it is a symbolic "
        "link owned by another user in a shared folder; "
        "not followed\n"
    )
    assert victim.read_text() == "precious" and link.is_symlink()


@as_root
def test_another_users_dangling_link_creates_nothing(shared):
    elsewhere = shared.parent / "elsewhere"
    elsewhere.mkdir(mode=0o777)
    elsewhere.chmod(0o777)
    link = shared / "out.svg"
    link.symlink_to(elsewhere / "planted.svg")
    os.lchown(link, 1001, 1001)
    done = as_nobody(["render", "m.prep", "-f", "dot", "-o", "out.svg"], shared)
    assert done.returncode == 2 and b"not followed" in done.stderr
    assert not (elsewhere / "planted.svg").exists()


@as_root
@pytest.mark.parametrize(
    "given, why",
    [
        ("link", "it is a symbolic link owned by another user"),  # root's file, a user's link
        ("victim", "it is a symbolic link to a file owned by another user"),
    ],
)
def test_root_does_not_follow_a_link_given_by_or_to_another_user(tmp_path, given, why):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.svg"
    link.symlink_to(victim)
    os.lchown(link if given == "link" else victim, 1000, 1000)
    with pytest.raises(OutputError) as caught:
        write_output(link, b"x")
    assert str(caught.value) == f"cannot write {link}: {why}; not followed"
    assert victim.read_text() == "precious"


@as_root
def test_another_users_file_in_a_shared_folder_is_not_replaced(shared):
    planted = shared / "out.svg"
    planted.write_text("theirs")
    os.chown(planted, 1001, 1001)
    done = as_nobody(["render", "m.prep", "-f", "dot", "-o", "out.svg"], shared)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "prep: error: cannot write out.svg: it belongs to another user in a shared folder; not replaced\n"
    )
    assert planted.read_text() == "theirs"


@as_root
def test_own_link_in_a_shared_folder_is_followed(shared):
    mine = shared / "mine"
    mine.mkdir()
    os.chown(mine, NOBODY, NOBODY)
    link = shared / "out.dot"
    link.symlink_to("mine/drawing.dot")
    os.lchown(link, NOBODY, NOBODY)
    done = as_nobody(["render", "m.prep", "-f", "dot", "-o", "out.dot"], shared)
    assert done.returncode == 0, done.stderr
    assert (mine / "drawing.dot").read_bytes().startswith(b"digraph")
    assert link.is_symlink()


def test_a_fifo_no_one_reads_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as caught:
        write_output(fifo, b"<svg/>")
    assert str(caught.value) == f"cannot write {fifo}: it is a FIFO no one is reading"
