"""Faults from outside: a killed run, a terminated run, a full disk leave nothing half-done.

Each test runs ``drill`` as a real process (signals and file-size limits act on processes)
and then looks at what is left: the ``--out`` folder, hidden staging folders, worker processes.
"""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.rundir.staging import STAGING_SUFFIX

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]
SCENARIO = Path(__file__).parent.parent / "scenarios" / "promotion_day.yaml"


def drill(*arguments: str, **options) -> subprocess.Popen:
    command = [sys.executable, "-m", "simulator", *arguments]
    # A shell starts background jobs with Ctrl-C ignored; give drill the default, as a terminal.
    options.setdefault("preexec_fn", lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    )


def children(pid: int) -> list[int]:
    """Return the live processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def start_parallel_run(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """Start a long two-worker run into tmp_path/out; return it once its workers are busy."""
    run = drill(
        "run",
        str(SCENARIO),
        "-n",
        "3000",
        "--jobs",
        "2",
        "--no-brief",
        "--out",
        str(tmp_path / "out"),
    )
    assert wait_for(lambda: len(children(run.pid)) >= 2, 30), run.communicate()
    assert (tmp_path / f".out{STAGING_SUFFIX}").is_dir()  # claimed before the work
    return run, children(run.pid)


def visible(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))


def test_a_killed_parallel_run_leaves_no_worker_and_no_visible_folder(tmp_path):
    run, workers = start_parallel_run(tmp_path)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 5), "workers outlived it"
    assert visible(tmp_path) == []
    # The hidden staging folder it could not remove goes with the next run beside it.
    again = drill("run", str(SCENARIO), "-n", "1", "--no-brief", "--out", str(tmp_path / "next"))
    assert again.wait(60) == 0, again.communicate()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["next"]


@pytest.mark.parametrize(
    ("stop", "code"),
    [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 1)],
    ids=["TERM", "INT"],
)
def test_a_terminated_or_interrupted_run_cleans_up_after_itself(tmp_path, stop, code):
    run, workers = start_parallel_run(tmp_path)
    run.send_signal(stop)  # SIGINT: what Ctrl-C sends
    _out, err = run.communicate(timeout=30)
    assert run.returncode == code and "Traceback" not in err, err
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 5)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_out_as_it_was_and_the_same_out_can_be_run_again(tmp_path):
    def small_disk() -> None:  # like a disk with 40 kB free: summary.json fits, not the rest
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    out = tmp_path / "out"
    out.mkdir()  # an empty folder given as --out stays as it was: there, and empty
    full = drill("run", str(SCENARIO), "-n", "3", "--out", str(out), preexec_fn=small_disk)
    _stdout, err = full.communicate(timeout=120)
    assert full.returncode == 1, err
    assert f"{out}: the results could not be written (File too large); nothing was put" in err
    assert "Traceback" not in err and "internal error" not in err
    assert list(tmp_path.iterdir()) == [out] and list(out.iterdir()) == []
    again = drill("run", str(SCENARIO), "-n", "3", "--out", str(out))
    _stdout, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert {"summary.json", "brief.md", "brief.html", "charts"} <= set(visible(out))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_results_folder_is_said_before_any_day_is_simulated(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        started = time.monotonic()
        run = drill("run", str(SCENARIO), "-n", "100000", "--out", str(folder / "out"))
        _stdout, err = run.communicate(timeout=60)
    finally:
        folder.chmod(0o755)
    assert run.returncode == 2 and "cannot write here" in err
    assert time.monotonic() - started < 20  # not after 100,000 days
