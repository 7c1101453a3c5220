"""How long does pruning the result cache take? (`ResultCache.prune`, run at most
once an hour after a `prep check` that wrote entries; docs/configuration.md)

Run: python benchmarks/bench_cache_prune.py [--entries N ...]

For each size, a cache of N entries of 1 KB (file times spread over 60 days) is
made in a temporary folder; the figures are the time of one prune that removes
nothing (limits above everything) and of one that drops the entries unused for 30
days (about half). Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def make(folder: Path, count: int, now: float):
    from prep.checks.cache import ResultCache

    cache = ResultCache.open(folder)
    for n in range(count):
        key = f"{n:064x}"[::-1]
        shard = folder / "v1" / key[:2]
        shard.mkdir(mode=0o700, exist_ok=True)
        path = shard / f"{key}.json"
        path.write_bytes(b"x" * 1000)
        when = now - (n % 60) * 86400 - 1
        os.utime(path, (when, when))
    return cache


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, nargs="*", default=[1000, 10000, 50000])
    args = parser.parse_args()
    now = time.time()
    for count in args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            cache = make(Path(tmp) / ".prep_cache", count, now)
            start = time.perf_counter()
            kept = cache.prune(now=now, max_age_days=1e9, max_bytes=1 << 62)
            scan = time.perf_counter() - start
            start = time.perf_counter()
            removed = cache.prune(now=now)
            drop = time.perf_counter() - start
            print(
                f"{count:6d} entries: scan {scan * 1000:7.1f} ms (removed {kept}); "
                f"30-day prune {drop * 1000:7.1f} ms (removed {removed})",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
