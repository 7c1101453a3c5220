"""The result cache is bounded: entries not used for MAX_AGE_DAYS go, then the least
recently used down to MAX_BYTES; only prep's own entry files in its own folders.
Times are set on the files (never measured): `now` is passed to `prune`."""

from __future__ import annotations

import os
from pathlib import Path

from prep.checks import cache as cache_module
from prep.checks.cache import ResultCache
from test_result_cache import run

DAY = 86400
NOW = 2_000_000_000.0  # a fixed "now" (2033); file times are set relative to it
SENDER = """\
process 営業 {
  goal 受注件数
  external 顧客
  actor 営業部 {
    product 引合(品目)
    final   受注確定(品目, 数量)
  }
  顧客 -> 引合 -> 受注確定 -> 顧客
}
"""


def key(n: int) -> str:
    return f"{n:02x}" * 32


def plant(cache: ResultCache, n: int, age_days: float, size: int = 100, version: str = "v1", now: float = NOW) -> Path:
    k = key(n)
    folder = Path(cache.folder) / version / k[:2]
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{k}.json"
    path.write_bytes(b"x" * size)
    os.chmod(path, 0o600)
    os.utime(path, (now - age_days * DAY, now - age_days * DAY))
    return path


def new_cache(tmp_path: Path) -> ResultCache:
    made = ResultCache.open(tmp_path / ".prep_cache")
    assert made is not None
    return made


def names(cache: ResultCache) -> list[str]:
    return sorted(p.name[:4] for p in Path(cache.folder).rglob("*.json"))


def test_entries_not_used_for_max_age_are_removed(tmp_path):
    cache = new_cache(tmp_path)
    plant(cache, 1, 31)
    plant(cache, 2, 29)
    plant(cache, 3, 0)
    assert cache.prune(now=NOW, max_age_days=30) == 1
    assert names(cache) == ["0202", "0303"]


def test_least_recently_used_go_first_down_to_max_bytes(tmp_path):
    cache = new_cache(tmp_path)
    plant(cache, 1, 3)
    plant(cache, 2, 1)
    plant(cache, 3, 2)
    plant(cache, 4, 2)  # same time as 3: the name decides, 3 before 4
    assert cache.prune(now=NOW, max_bytes=250) == 2
    assert names(cache) == ["0202", "0404"]
    assert cache.prune(now=NOW, max_bytes=250) == 0
    assert cache.prune(now=NOW, max_bytes=0) == 2
    assert names(cache) == []


def test_defaults_are_thirty_days_and_64_mib(tmp_path):
    assert (cache_module.MAX_AGE_DAYS, cache_module.MAX_BYTES) == (30, 64 * 1024 * 1024)
    cache = new_cache(tmp_path)
    plant(cache, 1, 30.5, now=1e9)
    plant(cache, 2, 29.5, now=1e9)
    cache.prune(now=1e9)
    assert names(cache) == ["0202"]


def test_entries_of_other_formats_age_out_too(tmp_path):
    cache = new_cache(tmp_path)
    plant(cache, 1, 40, version="v0")
    plant(cache, 2, 1, version="v0")
    plant(cache, 3, 40, version="v1")
    assert cache.prune(now=NOW) == 2
    assert names(cache) == ["0202"]


def test_temporary_files_of_a_crash_go_after_a_day(tmp_path):
    cache = new_cache(tmp_path)
    entry = plant(cache, 1, 0)
    old = entry.parent / f".{entry.name}.abc123.tmp"
    young = entry.parent / f".{entry.name}.def456.tmp"
    for path, age in ((old, 2), (young, 0.5)):
        path.write_bytes(b"half")
        os.utime(path, (NOW - age * DAY, NOW - age * DAY))
    assert cache.prune(now=NOW) == 1
    assert not old.exists() and young.exists() and entry.exists()


def test_nothing_but_prep_entries_in_prep_folders_is_touched(tmp_path):
    cache = new_cache(tmp_path)
    root = Path(cache.folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / f"{key(9)}.json"  # named like an entry, outside the cache
    target.write_bytes(b"keep")
    # a link named as an entry, a link named as a shard folder, foreign names
    link = root / "v1" / key(8)[:2] / f"{key(8)}.json"
    link.parent.mkdir(mode=0o700)
    link.symlink_to(target)
    os.utime(link, (NOW - 99 * DAY,) * 2, follow_symlinks=False)
    (root / "v1" / key(9)[:2]).symlink_to(outside)
    os.utime(target, (NOW - 99 * DAY,) * 2)
    odd = plant(cache, 5, 99)
    stray = [
        odd.with_name("notes.txt"),
        odd.with_name(key(6) + ".json"),  # wrong shard
        root / f"{key(7)}.json",
        root / "v1" / f"{key(7)}.json",
        root / "other" / "07" / f"{key(7)}.json",
    ]
    for path in stray:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not ours")
        os.utime(path, (NOW - 99 * DAY,) * 2)
    assert cache.prune(now=NOW, max_bytes=0) == 1  # the real entry only
    assert not odd.exists()
    assert target.read_bytes() == b"keep" and link.is_symlink()
    assert all(path.exists() for path in stray)
    assert (root / "CACHEDIR.TAG").exists() and (root / ".gitignore").exists()


def test_folders_others_can_write_or_own_are_left_alone(tmp_path):
    cache = new_cache(tmp_path)
    entry = plant(cache, 1, 99)
    for folder in (Path(cache.folder), entry.parent.parent, entry.parent):
        os.chmod(folder, 0o777)
        assert cache.prune(now=NOW) == 0 and entry.exists()
        os.chmod(folder, 0o700)
    os.chmod(entry, 0o666)  # a file others can write is still ours to drop
    if os.geteuid() == 0:  # a file of another user is not (root can chown)
        os.chown(entry, 4242, -1)
        assert cache.prune(now=NOW) == 0 and entry.exists()
        os.chown(entry, 0, -1)
    assert cache.prune(now=NOW) == 1 and not entry.exists()


def test_a_folder_prep_did_not_make_is_never_pruned(tmp_path):
    cache = new_cache(tmp_path)
    entry = plant(cache, 1, 99)
    (Path(cache.folder) / "CACHEDIR.TAG").unlink()
    assert cache.prune(now=NOW) == 0 and entry.exists()


def test_check_marks_hits_used_and_prunes_after_writing(tmp_path):
    (tmp_path / "a.prep").write_text(SENDER, encoding="utf-8")
    assert run(["check"], tmp_path).exit_code == 0
    cache = ResultCache(str(tmp_path / ".prep_cache"))
    (entry,) = (tmp_path / ".prep_cache" / "v1").rglob("*.json")
    long_ago = 946684800  # 2000-01-01: older than MAX_AGE_DAYS whenever this runs
    os.utime(entry, (long_ago, long_ago))
    stale = plant(cache, 1, 0, now=long_ago)
    # every file found in the cache: nothing written, nothing pruned; the hit is marked used
    assert run(["check"], tmp_path).exit_code == 0
    assert entry.stat().st_mtime > long_ago and stale.exists()
    # a new file is checked and written: the stale entry goes, the used one stays
    # (pruning last ran more than an hour ago)
    pruned = tmp_path / ".prep_cache" / "pruned"
    assert pruned.exists()
    os.utime(pruned, (long_ago, long_ago))
    (tmp_path / "b.prep").write_text(SENDER.replace("営業", "販売"), encoding="utf-8")
    assert run(["check"], tmp_path).exit_code == 0
    assert not stale.exists() and entry.exists()
    assert len(list((tmp_path / ".prep_cache" / "v1").rglob("*.json"))) == 2


def test_pruning_runs_at_most_once_an_hour(tmp_path):
    cache = new_cache(tmp_path)
    stamp = Path(cache.folder) / "pruned"
    plant(cache, 1, 99)
    assert cache.maybe_prune(now=NOW) == 1  # never pruned: now
    assert os.stat(stamp).st_mode & 0o077 == 0
    for age, pruned in ((0.5, 0), (2, 1), (-1, 1)):  # hours since (-1: in the future)
        plant(cache, 1, 99)
        os.utime(stamp, (NOW - age * 3600,) * 2)
        assert cache.maybe_prune(now=NOW) == pruned, age
    assert names(cache) == []
