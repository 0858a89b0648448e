"""Mutated scenario files and logs: every one is accepted or refused cleanly, never a crash.

The seeded campaign of :mod:`tests.fuzz_campaign` (no hypothesis: the cases are the same on
every machine and run) runs in a child process under a 3 GB address-space limit, each case
under a 30-second limit: no mutant may crash, hang or exhaust the machine. Set
``DRILL_FUZZ_CASES`` for a larger campaign.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CASES = int(os.environ.get("DRILL_FUZZ_CASES", "300"))
LOG_CASES = max(60, CASES // 5)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="address-space limits and SIGALRM are POSIX")
def test_mutated_scenarios_and_logs_are_accepted_or_refused_cleanly(tmp_path):
    command = [
        sys.executable,
        "-m",
        "tests.fuzz_campaign",
        *("--cases", str(CASES), "--log-cases", str(LOG_CASES), "--memory-mb", "3000"),
        *("--folder", str(tmp_path)),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["failures"] == [], json.dumps(result["failures"][:10], ensure_ascii=False)
    # The loop is worth its time only if it exercises both sides.
    assert CASES * 0.3 < result["refused"] < CASES * 0.99, result
    assert 12 <= result["runs"] <= 40, result  # every mutant that validates, up to 40
    assert LOG_CASES * 0.2 < result["logs_refused"] < LOG_CASES, result
