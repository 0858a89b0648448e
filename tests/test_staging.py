"""Claiming a run directory: checked before the work, one run at a time, nothing left behind."""

import os
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from simulator.rundir.staging import (
    OWNER_FILE,
    ClaimError,
    claim,
    claim_new,
    is_stale,
    staging_path,
    sweep,
    sweep_temp_files,
    temp_file,
)


def owner(pid: int, host: str | None = None) -> str:
    """Return an owner file's text for process ``pid`` of ``host`` (this one by default)."""
    return f"{pid} {host or socket.gethostname()}\n"


def dead_pid() -> int:
    """Return the id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_claim_stages_beside_the_target_and_commits_in_one_rename(tmp_path):
    claimed = claim(tmp_path / "run")
    assert claimed.staging == tmp_path / ".run.staging" and claimed.staging.is_dir()
    assert (claimed.staging / OWNER_FILE).read_text().split()[:2] == [
        str(os.getpid()),
        socket.gethostname(),
    ]
    assert not (tmp_path / "run").exists()
    (claimed.staging / "summary.json").write_text("{}")
    claimed.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]
    assert [p.name for p in (tmp_path / "run").iterdir()] == ["summary.json"]  # no owner file
    claimed.abandon()  # after a commit: nothing to remove
    assert (tmp_path / "run" / "summary.json").exists()


def test_an_empty_target_folder_may_be_claimed_and_is_replaced(tmp_path):
    (tmp_path / "run").mkdir()
    claimed = claim(tmp_path / "run")
    (claimed.staging / "a").write_text("1")
    claimed.commit()
    assert (tmp_path / "run" / "a").read_text() == "1"


def test_an_abandoned_claim_leaves_the_parent_as_it_was(tmp_path):
    claimed = claim(tmp_path / "run")
    (claimed.staging / "half.csv").write_text("x")
    claimed.abandon()
    assert list(tmp_path.iterdir()) == []


def test_a_second_claim_of_the_same_target_is_refused_at_once_naming_the_first(tmp_path):
    first = claim(tmp_path / "run")
    with pytest.raises(ClaimError, match=rf"another drill run \(process {os.getpid()}\)"):
        claim(tmp_path / "run")
    first.abandon()
    claim(tmp_path / "run")  # free again


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda t: t.write_text("x"), "is a file, not a folder"),
        (lambda t: (t.mkdir(), (t / "keep").write_text("x")), "already exists and is not empty"),
        (lambda t: t.symlink_to(t.parent / "elsewhere"), "is a symbolic link"),  # dangling
        (lambda t: (t.parent / "real").mkdir() or t.symlink_to(t.parent / "real"), "symbolic"),
    ],
    ids=["a file", "a non-empty folder", "a dangling link", "a link to a folder"],
)
def test_a_target_in_the_way_is_refused_before_any_work(tmp_path, make, fragment):
    target = tmp_path / "run"
    make(target)
    with pytest.raises(ClaimError, match=fragment):
        claim(target)
    assert not staging_path(target).exists()


def test_a_target_under_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ClaimError, match="file: is a file, not a folder"):
        claim(tmp_path / "file" / "run")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_refused(tmp_path):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        with pytest.raises(ClaimError, match="cannot write here"):
            claim(parent / "run")
    finally:
        parent.chmod(0o755)


def test_a_dead_runs_staging_folder_is_removed_by_the_next_claim(tmp_path):
    left = tmp_path / ".killed-run.staging"
    left.mkdir()
    (left / OWNER_FILE).write_text(owner(dead_pid()))
    (left / "summary.json").write_text("{}")
    live = tmp_path / ".live-run.staging"
    live.mkdir()
    (live / OWNER_FILE).write_text(owner(os.getpid()))
    other = tmp_path / ".not-ours"
    other.mkdir()
    assert is_stale(left) and not is_stale(live)
    claim(tmp_path / "next")
    assert not left.exists() and live.exists() and other.exists()
    assert sweep(tmp_path) == []


def test_a_dead_runs_claim_of_the_same_target_is_taken_over(tmp_path):
    left = staging_path(tmp_path / "run")
    left.mkdir()
    (left / OWNER_FILE).write_text(owner(dead_pid()))
    assert claim(tmp_path / "run").staging == left
    assert not (left / "summary.json").exists()


def test_default_names_are_stem_and_timestamp_and_two_runs_in_one_second_differ(tmp_path):
    now = datetime(2026, 11, 22, 14, 5, 9)
    first = claim_new(tmp_path, "promotion_day", now)
    assert first.target.name == "promotion_day-20261122-140509"
    second = claim_new(tmp_path, "promotion_day", now)  # the first has not finished
    assert second.target.name == "promotion_day-20261122-140509-2"
    first.commit()
    assert claim_new(tmp_path, "promotion_day", now).target.name.endswith("-3")


def test_temp_files_of_a_killed_writer_are_swept_and_a_live_ones_kept(tmp_path):
    dead = tmp_path / f".brief.md.{dead_pid()}.tmp"
    live = temp_file(tmp_path / "brief.md")
    mine = tmp_path / ".notes.tmp"  # not a name drill gives
    recent = tmp_path / f".brief.html.{dead_pid()}.tmp"  # perhaps another host's, writing now
    for path in (dead, live, mine, recent):
        path.write_text("half")
    hour_ago = time.time() - 3700
    for path in (dead, live, mine):
        os.utime(path, (hour_ago, hour_ago))
    assert sweep_temp_files(tmp_path) == [dead]
    assert recent.exists()
    assert live.exists() and mine.exists()


@pytest.mark.parametrize(("stem", "name"), [(".", "run"), (".-score", "score"), (".hid", "hid")])
def test_a_default_name_is_never_hidden(tmp_path, stem, name):
    now = datetime(2026, 11, 22, 14, 5, 9)
    assert claim_new(tmp_path, stem, now).target.name == f"{name}-20261122-140509"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".photos.staging", None),  # not drill's: no owner file
        (".other-host.staging", owner(1, "another-host")),  # cannot be seen from here
        (".long-run.staging", owner(os.getpid())),  # alive, however long it has run
    ],
)
def test_a_staging_folder_is_removed_only_when_surely_a_dead_runs(tmp_path, name, text):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "keep").write_text("x")
    if text is not None:
        (folder / OWNER_FILE).write_text(text)
    long_ago = time.time() - 3 * 86400
    os.utime(folder, (long_ago, long_ago))
    assert not is_stale(folder)
    claim(tmp_path / "run")
    assert (folder / "keep").exists()


@pytest.mark.parametrize("written", [".", "./", "sub/.."])
def test_the_current_folder_is_refused_as_a_target(tmp_path, monkeypatch, written):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(ClaimError, match="is the current folder"):
        claim(Path(written))


def test_a_path_with_dots_is_claimed_as_the_folder_it_names(tmp_path):
    claimed = claim(tmp_path / "a" / ".." / "run")
    assert claimed.target == tmp_path / "run"


def test_folders_made_for_an_abandoned_claim_go_with_it(tmp_path):
    (tmp_path / "kept").mkdir()
    claimed = claim(tmp_path / "kept" / "new" / "deeper" / "run")
    assert (tmp_path / "kept" / "new" / "deeper").is_dir()
    claimed.abandon()
    assert list(tmp_path.iterdir()) == [tmp_path / "kept"]
    assert list((tmp_path / "kept").iterdir()) == []
