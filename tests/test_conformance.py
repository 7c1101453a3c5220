"""The public conformance cases against this `prep` (they sit beside the repository,
not in it: without them the test skips; in CI it must run)."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from conftest import SHARED

RUNNER = SHARED / "conformance" / "run"

# Cases that may fail for now, by file name. Empty: every case must pass.
EXPECTED_FAILURES: set[str] = set()


@pytest.mark.skipif(not RUNNER.is_file(), reason="the conformance cases are absent (a clone alone)")
def test_conformance_cases_pass():
    command = f"{shlex.quote(sys.executable)} -m prep"
    proc = subprocess.run([sys.executable, str(RUNNER), "--prep", command], capture_output=True, text=True, timeout=600)
    lines = proc.stdout.strip().splitlines()
    assert lines, proc.stderr
    failed = {
        line.split(":", 1)[0].removeprefix("FAIL ").rsplit("/", 1)[-1] for line in lines if line.startswith("FAIL ")
    }
    unexpected = failed - EXPECTED_FAILURES
    assert not unexpected, "\n".join(lines)
    assert lines[-1].endswith(" failed"), lines[-1]
