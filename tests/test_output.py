"""Where results go (prep.cli.output): devices, FIFOs, symbolic links, full disks,
signals, exclusive creation; and the CLI around them (issue 11, items 2, 3, 4, 8)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.cli import app
from prep.cli.output import OutputError, create_new, write_output

ROOT = Path(__file__).resolve().parents[1]
FIGURE4 = ROOT / "tests" / "render" / "models" / "figure4.prep"
PREP = [sys.executable, "-c", "from prep.cli import main; main()"]


def cli(*args, cwd=None, env=None, **kw):
    return subprocess.run(
        [*PREP, *map(str, args)], capture_output=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=120, **kw
    )


def dotfiles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- item 2: devices, FIFOs, symbolic links --------------------------------------------


def test_a_regular_file_is_replaced_atomically_keeping_its_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_output(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert dotfiles(tmp_path) == []


def test_dev_null_is_written_into_not_replaced():
    before = os.stat("/dev/null")
    write_output("/dev/null", b"data")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_full_device_is_one_error():
    with pytest.raises(OutputError) as caught:
        write_output("/dev/full", b"data")
    assert str(caught.value) == "cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_into(tmp_path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there first
    try:
        write_output(fifo, b"<svg/>")
        assert os.read(reader, 100) == b"<svg/>"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert dotfiles(tmp_path) == []


def test_a_symbolic_link_is_followed_and_its_target_replaced(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "drawing.svg"
    target.write_bytes(b"old")
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    chain = tmp_path / "chain.svg"
    chain.symlink_to(link)
    write_output(chain, b"new")
    assert chain.is_symlink() and link.is_symlink()
    assert os.readlink(chain) == str(link)
    assert target.read_bytes() == b"new"
    assert dotfiles(tmp_path) == [] and dotfiles(tmp_path / "real") == []


def test_a_dangling_link_creates_its_target(tmp_path):
    link = tmp_path / "link.svg"
    link.symlink_to(tmp_path / "new.svg")
    write_output(link, b"x")
    assert link.is_symlink() and (tmp_path / "new.svg").read_bytes() == b"x"


def test_a_link_loop_and_a_folder_are_errors(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "a", b"x")
    assert str(caught.value) == f"cannot write {tmp_path}/a: a loop of symbolic links"
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path, b"x")
    assert str(caught.value) == f"cannot write {tmp_path}: it is a folder"


def test_dev_stdout_writes_to_standard_output(tmp_path):
    done = cli("render", FIGURE4, "-f", "dot", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"digraph")
    assert done.stderr.decode() == "wrote /dev/stdout\n"


def test_render_to_dev_stdout_redirected_to_a_file_appends_in_place(tmp_path):
    out = tmp_path / "out.dot"
    with open(out, "wb") as handle:
        handle.write(b"# before\n")
        handle.flush()
        done = subprocess.run(
            [*PREP, "render", str(FIGURE4), "-f", "dot", "-o", "/dev/stdout"],
            stdout=handle,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"# before\ndigraph")


# -- item 8: a full standard output ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["rule", "--all"],
        ["check", str(FIGURE4), "-f", "json"],
        ["render", str(FIGURE4), "-f", "dot", "-o", "-"],
        ["kpi", str(FIGURE4)],
    ],
)
def test_standard_output_full_is_one_line_exit_2(args):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*PREP, *args], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode() == ("prep: error: cannot write to standard output: No space left on device\n")


def test_output_file_on_a_full_device_is_one_line_exit_2():
    done = cli("render", FIGURE4, "-f", "dot", "-o", "/dev/full")
    assert done.returncode == 2
    assert done.stderr.decode() == ("prep: error: cannot write /dev/full: No space left on device\n")


# -- item 4: signals ---------------------------------------------------------------------


@pytest.mark.parametrize("other_thread", [False, True])
def test_a_signal_while_the_temporary_file_exists_waits_for_the_rename(tmp_path, monkeypatch, other_thread):
    """Also with another thread alive, to which the kernel may hand the signal."""
    import threading

    done = threading.Event()
    if other_thread:
        threading.Thread(target=done.wait, daemon=True).start()
    _signal_during_rename(tmp_path, monkeypatch)
    done.set()


def _signal_during_rename(tmp_path, monkeypatch):
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")
    real_replace = os.replace

    def replace_after_a_signal(src, dst):
        os.kill(os.getpid(), signal.SIGTERM)  # held back until the rename is done
        real_replace(src, dst)

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    monkeypatch.setattr(os, "replace", replace_after_a_signal)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_output(target, b"new")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert target.read_bytes() == b"new"
    assert dotfiles(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_during_render_stop_dot_and_leave_nothing(tmp_path, signum):
    """A `dot` that never finishes: the signal stops prep, which kills it."""
    fake = tmp_path / "bin"
    fake.mkdir()
    pid_file = tmp_path / "dot.pid"
    (fake / "dot").write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 300\n")
    (fake / "dot").chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    proc = subprocess.Popen(
        [*PREP, "render", str(FIGURE4), "-o", str(out / "f.svg")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.05)
    dot_pid = int(pid_file.read_text())
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert err.decode() == f"prep: stopped by {signal.Signals(signum).name}\n"
    with pytest.raises(ProcessLookupError):
        os.kill(dot_pid, 0)
    assert list(out.iterdir()) == []


def test_timeout_bounds_the_whole_command(tmp_path, monkeypatch):
    """--timeout stops a slow check as well as a slow Graphviz."""
    from prep.checks import runner

    original = runner.check_paths

    def slow(*args, **kwargs):
        time.sleep(30)
        return original(*args, **kwargs)

    monkeypatch.setattr(runner, "check_paths", slow)
    start = time.monotonic()
    result = CliRunner().invoke(
        app, ["render", str(FIGURE4), "-f", "dot", "-o", str(tmp_path / "x.dot"), "--timeout", "0.5"]
    )
    assert time.monotonic() - start < 25
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == ("prep: error: prep render took longer than 0.5 s, and was stopped")
    assert not (tmp_path / "x.dot").exists()


@pytest.mark.parametrize("value", ["inf", "1e10", "nan", "-1", "0"])
def test_timeout_out_of_range_is_one_line(value):
    result = CliRunner().invoke(app, ["render", str(FIGURE4), "-f", "dot", "--timeout", value])
    assert result.exit_code == 2
    assert result.stderr == (
        f"prep: error: --timeout must be a number of seconds from 0.1 to 1000000, not {float(value)}\n"
    )


# -- item 3: prep init creates, never replaces -------------------------------------------


def test_create_new_never_replaces(tmp_path):
    path = tmp_path / "model.prep"
    create_new(path, b"first")
    with pytest.raises(OutputError) as caught:
        create_new(path, b"second")
    assert str(caught.value) == f"{path} already exists"
    assert path.read_bytes() == b"first"
    assert dotfiles(tmp_path) == []


def test_init_loses_a_race_without_overwriting(tmp_path, monkeypatch):
    """prep.toml appears between init's check and its creation: init fails, takes
    back the model it made, and leaves the other file alone."""
    import prep.cli.output as output

    real = output.create_new

    def racing(path, data):
        if Path(path).name == "prep.toml":
            Path(path).write_text("# theirs\n", encoding="utf-8")
        real(path, data)

    monkeypatch.setattr(output, "create_new", racing)
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (f"prep: error: {tmp_path}/prep.toml already exists; nothing was written")
    assert (tmp_path / "prep.toml").read_text(encoding="utf-8") == "# theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prep.toml"]


def test_two_concurrent_inits_one_wins(tmp_path):
    procs = [
        subprocess.Popen([*PREP, "init", str(tmp_path), "--name", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for name in ("First", "Second")
    ]
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 2]
    text = (tmp_path / "model.prep").read_text(encoding="utf-8")
    assert ("process First" in text) != ("process Second" in text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.prep", "prep.toml"]
