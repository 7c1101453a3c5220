"""The result cache of `prep check` (.prep_cache/): same bytes with and without it,
damaged or foreign caches ignored and rebuilt, PREP220 right from cached interfaces,
`--no-cache`, `cache-dir`, `prep clean`, and `--jobs` keeping the order."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SHARED, needs_conformance
from rulecase import RECEIVER, SALES
from prep.cli import app

EXAMPLES = sorted((ROOT / "examples").rglob("*.prep"))
CASES = sorted((SHARED / "conformance" / "cases").glob("*.prep"))

SENDER = SALES.text()


def run(args, cwd: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def outputs(args, cwd: Path) -> tuple[int, str, str]:
    result = run(args, cwd)
    return result.exit_code, result.stdout, result.stderr


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "v1").rglob("*.json")) if (folder / "v1").is_dir() else []


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return tmp_path


def three_ways(args, cwd: Path, cache: Path) -> list[tuple[int, str, str]]:
    """Without the cache, with an empty one (it is filled), with a full one."""
    shutil.rmtree(cache, ignore_errors=True)
    runs = [outputs([*args, "--no-cache"], cwd)]
    assert not cache.exists()
    runs.append(outputs(args, cwd))
    runs.append(outputs(args, cwd))
    return runs


@needs_conformance
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_cached_output_is_byte_identical_on_every_example_and_case(tmp_path, fmt):
    sources = [(p, "examples/" + p.relative_to(ROOT / "examples").as_posix()) for p in EXAMPLES] + [
        (p, "cases/" + p.name) for p in CASES
    ]
    assert len(sources) > 50
    for source, name in sources:
        shutil.copyfile(source, project(tmp_path, {name: b""}) / name)
    cache = tmp_path / ".prep_cache"
    for _source, name in sources if fmt in ("text", "json") else ():
        plain, cold, warm = three_ways(["check", "-f", fmt, name], tmp_path, cache)
        assert plain == cold == warm, name
        assert plain[0] in (0, 1), (name, plain)
    # and all of them in one run (PREP220 over cached interfaces), in workers too
    plain, cold, warm = three_ways(["check", "-f", fmt, "examples", "cases"], tmp_path, cache)
    assert plain == cold == warm
    assert outputs(["check", "-f", fmt, "examples", "cases", "-j", "2"], tmp_path) == plain
    assert outputs(["check", "-f", fmt, "examples", "cases", "-j", "2", "--no-cache"], tmp_path) == plain


def test_cache_is_json_with_a_gitignore_of_everything(tmp_path):
    project(tmp_path, {"a.prep": SENDER, "b.prep": RECEIVER % ("営業", "営業")})
    assert run(["check"], tmp_path).exit_code == 0
    cache = tmp_path / ".prep_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")
    found = entries(cache)
    assert len(found) == 2
    for entry in found:
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert {"key", "ok", "found", "interfaces", "comments"} <= set(data)
        assert entry.stat().st_mode & 0o077 == 0


def test_no_cache_writes_nothing(tmp_path):
    project(tmp_path, {"a.prep": SENDER})
    run(["check", "--no-cache"], tmp_path)
    assert not (tmp_path / ".prep_cache").exists()


def test_interface_mismatch_follows_the_changed_receiver(tmp_path):
    """PREP220 is reported in the sender's file, whose entry is cached: it must still
    come and go with the receiver's declarations."""
    project(tmp_path, {"a.prep": SENDER, "b.prep": RECEIVER % ("販売部", "販売部")})
    first = run(["check"], tmp_path)
    assert "PREP220" in first.stdout and first.exit_code == 1
    project(tmp_path, {"b.prep": RECEIVER % ("営業", "営業")})
    second = run(["check"], tmp_path)
    assert "PREP220" not in second.stdout and second.exit_code == 0
    project(tmp_path, {"b.prep": RECEIVER % ("販売部", "販売部")})
    assert run(["check"], tmp_path).stdout == first.stdout


def test_edits_and_options_are_part_of_the_key(tmp_path):
    project(tmp_path, {"a.prep": SENDER})
    assert run(["check", "a.prep"], tmp_path).exit_code == 0
    project(tmp_path, {"a.prep": SENDER.replace("引合 -> 受注確定", "引合x -> 受注確定")})
    assert "PREP101" in run(["check", "a.prep"], tmp_path).stdout
    assert "PREP101" not in run(["check", "a.prep", "--ignore", "PREP101"], tmp_path).stdout
    assert "PREP101" in run(["check", "a.prep"], tmp_path).stdout
    assert run(["check", "a.prep", "--select", "PREP2"], tmp_path).exit_code == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # truncated
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"\x80\x04\x95not json"),  # a pickle
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "found": [{"c": 1}]})),
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "ok": "yes"})),
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "key": "other"})),
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "interfaces": [{}]})),
        lambda p: p.write_text(json.dumps([1, 2])),
    ],
)
def test_damaged_entries_are_ignored_and_rebuilt(tmp_path, damage):
    bad = SENDER.replace("引合 -> 受注確定", "引合x -> 受注確定")
    project(tmp_path, {"a.prep": bad, "b.prep": RECEIVER % ("販売部", "販売部")})
    expected = outputs(["check", "--no-cache"], tmp_path)
    assert outputs(["check"], tmp_path) == expected
    cache = tmp_path / ".prep_cache"
    for entry in entries(cache):
        damage(entry)
    assert outputs(["check"], tmp_path) == expected
    for entry in entries(cache):  # written again, whole
        assert json.loads(entry.read_text())["found"] is not None
    assert outputs(["check"], tmp_path) == expected


def test_unusable_cache_folders_are_ignored(tmp_path):
    project(tmp_path, {"a.prep": SENDER, "b.prep": RECEIVER % ("販売部", "販売部")})
    expected = outputs(["check", "--no-cache"], tmp_path)
    cache = tmp_path / ".prep_cache"
    cache.write_text("a file where the folder should be")
    assert outputs(["check"], tmp_path) == expected
    cache.unlink()
    cache.mkdir()
    (cache / "v1").write_text("a file where the entries should be")
    assert outputs(["check"], tmp_path) == expected
    shutil.rmtree(cache)
    os.symlink(tmp_path / "elsewhere", cache)  # a link: refused, not followed
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    assert outputs(["check"], tmp_path) == expected
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_entries_in_a_folder_others_can_write_are_never_loaded(tmp_path, monkeypatch):
    project(tmp_path, {"a.prep": SENDER})
    expected = outputs(["check", "--no-cache"], tmp_path)
    run(["check"], tmp_path)
    cache = tmp_path / ".prep_cache"
    (entry,) = entries(cache)
    planted = json.loads(entry.read_text())
    planted["found"] = [{"c": "PREP999", "s": "error", "m": "planted", "p": [1, 1, 1, 2]}]
    entry.write_text(json.dumps(planted))
    for folder in (cache, cache / "v1", entry.parent):
        os.chmod(folder, 0o777)
        assert outputs(["check"], tmp_path) == expected
        os.chmod(folder, 0o700)
    os.chmod(entry, 0o666)
    assert outputs(["check"], tmp_path) == expected
    os.chmod(entry, 0o600)
    # an entry of another user
    real = os.geteuid
    calls = {"n": 0}

    def other():
        calls["n"] += 1
        return real() + 4242

    from prep import private_files

    monkeypatch.setattr(private_files.os, "geteuid", other)
    assert outputs(["check"], tmp_path) == expected
    assert calls["n"] > 0


def test_cache_dir_from_the_configuration(tmp_path):
    project(tmp_path, {"prep.toml": 'cache-dir = "build/prep-cache"\n', "sub/a.prep": SENDER})
    assert run(["check", "."], tmp_path / "sub").exit_code == 0
    assert entries(tmp_path / "build" / "prep-cache")
    assert not (tmp_path / ".prep_cache").exists() and not (tmp_path / "sub/.prep_cache").exists()


@pytest.mark.parametrize("where", [".", "models"])
def test_a_folder_of_something_else_is_never_used_as_the_cache(tmp_path, where):
    project(tmp_path, {"prep.toml": f'cache-dir = "{where}"\n', "models/a.prep": SENDER})
    expected = outputs(["check", "--no-cache", "models"], tmp_path)
    assert outputs(["check", "models"], tmp_path) == expected
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.prep", "models", "prep.toml"]
    result = run(["clean"], tmp_path)
    assert result.exit_code == 2 and (tmp_path / "models/a.prep").exists()


def test_an_empty_folder_may_become_the_cache(tmp_path):
    project(tmp_path, {"prep.toml": 'cache-dir = "cache"\n', "a.prep": SENDER})
    (tmp_path / "cache").mkdir()
    run(["check"], tmp_path)
    assert (tmp_path / "cache" / "CACHEDIR.TAG").exists() and entries(tmp_path / "cache")


def test_bad_cache_dir_is_a_configuration_error(tmp_path):
    project(tmp_path, {"prep.toml": "cache-dir = 3\n", "a.prep": SENDER})
    result = run(["check"], tmp_path)
    assert result.exit_code == 2
    assert "`cache-dir`: expected a folder name" in result.stderr


def test_clean_removes_the_cache_and_nothing_else(tmp_path):
    project(tmp_path, {"a.prep": SENDER})
    run(["check"], tmp_path)
    assert (tmp_path / ".prep_cache").is_dir()
    result = run(["clean"], tmp_path)
    assert (result.exit_code, result.stdout) == (0, "removed .prep_cache\n")
    assert not (tmp_path / ".prep_cache").exists() and (tmp_path / "a.prep").exists()
    assert run(["clean"], tmp_path).stdout == "no cache at .prep_cache\n"
    # a folder prep did not make is never removed (cache-dir = "." must not wipe a project)
    project(tmp_path, {"prep.toml": 'cache-dir = "."\n'})
    result = run(["clean"], tmp_path)
    assert result.exit_code == 2 and "is not a cache made by prep" in result.stderr
    assert (tmp_path / "a.prep").exists()


def test_concurrent_runs_do_not_corrupt_the_cache(tmp_path):
    files = {f"m{n:02d}.prep": SENDER.replace("営業", f"営業{n}") for n in range(12)}
    files["b.prep"] = RECEIVER % ("販売部", "販売部")
    project(tmp_path, files)
    expected = outputs(["check", "--no-cache"], tmp_path)[1]
    for _ in range(3):
        shutil.rmtree(tmp_path / ".prep_cache", ignore_errors=True)
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "prep", "check"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(4)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert err == b"" and out.decode() == expected
    for entry in entries(tmp_path / ".prep_cache"):
        json.loads(entry.read_text(encoding="utf-8"))
    assert not [p for p in (tmp_path / ".prep_cache").rglob("*.tmp")]
    assert outputs(["check"], tmp_path)[1] == expected


def test_jobs_keep_the_order_of_the_report(tmp_path):
    files = {}
    for n in range(9):
        files[f"d{n % 3}/m{n}.prep"] = SENDER.replace("営業", f"営業{n}").replace(
            "引合 -> 受注確定", f"引合{n} -> 受注確定"
        )  # PREP101 in each
    project(tmp_path, files)
    one = outputs(["check", "-f", "json", "-j", "1", "--no-cache"], tmp_path)
    names = [d["file"] for d in json.loads(one[1])["diagnostics"]]
    assert names == sorted(names) and len(set(names)) == 9
    for args in (["-j", "2", "--no-cache"], ["-j", "3", "--no-cache"], ["-j", "2"], ["-j", "2"], ["-j", "0"], []):
        assert outputs(["check", "-f", "json", *args], tmp_path) == one, args


def test_worker_count():
    from prep.checks.runner import worker_count

    cpus = worker_count(0, 1)
    assert cpus >= 1
    assert worker_count(None, cpus) == 1
    assert worker_count(None, cpus + 1) == cpus
    assert worker_count(3, 1) == 3 and worker_count(1, 500) == 1


def test_a_cache_from_elsewhere_is_a_miss(tmp_path, monkeypatch):
    """Issue 23, item 4: entries are bound to this user on this machine (a key in the
    user's private cache folder), so a forged `.prep_cache` that arrives with a project
    cannot make a broken model pass."""
    from test_cli_check import ERROR

    root = project(tmp_path / "p", {"m.prep": ERROR})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    assert run(["check", "m.prep"], root).exit_code == 1
    forged = entries(root / ".prep_cache")
    assert forged
    for entry in forged:  # made on the attacker's machine
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["found"] = []
        entry.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "victim"))
    result = run(["check", "m.prep"], root)
    assert result.exit_code == 1 and "PREP101" in result.stdout
    key = tmp_path / "victim" / "prep" / "result-cache-key"
    assert key.stat().st_size == 32 and (key.stat().st_mode & 0o777) == 0o600
    assert (tmp_path / "attacker" / "prep" / "result-cache-key").read_bytes() != key.read_bytes()


def test_no_private_folder_for_the_key_means_no_cache(tmp_path, monkeypatch):
    from test_cli_check import CLEAN

    root = project(tmp_path / "p", {"m.prep": CLEAN})
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    assert run(["check", "m.prep"], root).exit_code == 0
    assert entries(root / ".prep_cache") == []
