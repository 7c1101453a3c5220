"""Configuration files of other users are skipped, as git skips another user's
repository (issue 23, item 3). prep runs as uid 65534 when the tests run as root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import NOBODY, as_nobody, as_root
from prep.config import config_for
from test_cli_check import ERROR

PREP = [sys.executable, "-c", "from prep.cli import main; main()"]
LENIENT = '[severity]\nPREP = "info"\ncache-dir = "/tmp/prep-planted-cache"\n'


@pytest.fixture
def shared():
    """/tmp-like: a sticky folder everyone may write, owned by root, holding another
    user's prep.toml; below it a folder of uid 65534 with a broken model."""
    top = Path(tempfile.mkdtemp(prefix="prep-trust-"))
    top.chmod(0o1777)
    planted = top / "prep.toml"
    planted.write_text(LENIENT.replace('cache-dir = "/tmp/prep-planted-cache"\n', ""))
    os.chown(planted, 1001, 1001)
    mine = top / "work"
    mine.mkdir()
    (mine / "m.prep").write_text(ERROR, encoding="utf-8")
    for path in (mine, mine / "m.prep"):
        os.chown(path, NOBODY, NOBODY)
    yield mine
    shutil.rmtree(top)


@as_root
def test_another_users_configuration_above_is_skipped_once(shared):
    done = as_nobody(["check", "m.prep", "m.prep"], shared)
    assert done.returncode == 1, done.stderr
    warnings = [line for line in done.stderr.decode().splitlines() if "skipped" in line]
    assert warnings == [f"prep: warning: {shared.parent}/prep.toml is skipped: it belongs to another user (uid 1001)"]
    assert b"PREP101 error" in done.stdout


@as_root
def test_an_own_configuration_in_a_folder_everyone_may_write_is_skipped(tmp_path):
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)
    (folder / "prep.toml").write_text(LENIENT)
    (folder / "m.prep").write_text(ERROR, encoding="utf-8")
    done = subprocess.run([*PREP, "check", "m.prep"], cwd=folder, capture_output=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"prep: warning: {folder}/prep.toml is skipped: its folder may be written by everyone\n"
    )
    assert not Path("/tmp/prep-planted-cache").exists()


def test_a_configuration_others_may_write_is_skipped(tmp_path, capfd):
    (tmp_path / "prep.toml").write_text('[severity]\nPREP = "info"\n')
    (tmp_path / "prep.toml").chmod(0o646)
    assert config_for(tmp_path / "m.prep").path is None
    assert capfd.readouterr().err == (f"prep: warning: {tmp_path}/prep.toml is skipped: other users may write it\n")
    (tmp_path / "prep.toml").chmod(0o644)
    assert config_for(tmp_path / "m.prep").path == tmp_path / "prep.toml"
