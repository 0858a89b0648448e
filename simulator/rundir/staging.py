"""Claiming a run directory before the work, and putting it in place all at once after it.

A run is written into a hidden staging folder beside its target and renamed into place only
when every file (the brief included) is complete, so a failure, a signal or a full disk leaves
the target as it was. This module owns that folder's life:

* :func:`claim` checks the target *before* any day is simulated (not a file, not a link, not
  a non-empty folder, its parent writable) and creates the staging folder there at once. The
  folder's name is fixed by the target (``.<name>.staging``) and made with an atomic
  ``mkdir``, so two runs aimed at one target cannot both get it: the second is refused at
  once, naming the first's process, instead of finding out after hours of work.
* A process killed outright (SIGKILL, the out-of-memory killer) cannot clean up after itself;
  every claim first removes the staging folders beside it whose process has gone.
* :meth:`Claim.commit` renames the folder into place; :meth:`Claim.abandon` removes it.

The process id, the host and the process's start time are written into the folder
(``.owner``) so that a later run can tell a live claim from a dead one; what it cannot tell (no
owner file, another host) it leaves alone.
"""

import os
import shutil
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from simulator.i18n import SaidError

STAGING_SUFFIX = ".staging"
OWNER_FILE = ".owner"
# A temporary file of a dead process's id is removed only this long after it was written: ids
# are reused, and a writer on another host sharing the folder cannot be seen from here.
TEMP_STALE_AFTER_S = 3600


class ClaimError(SaidError):
    """The run directory cannot be written: it is taken, in the way, or not writable.

    Its message is a catalogue entry (``claim.<key>``), said in the reader's language.
    """

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(f"claim.{key}", **args)


class WriteError(Exception):
    """Writing the staged run failed (a full disk, a lost mount); nothing was put in place."""


def _alive(pid: int) -> bool:
    """Return whether process ``pid`` exists (and is not a zombie waiting to be reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    try:  # Linux: a killed process whose parent has not reaped it is a zombie, not alive
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _started(pid: int) -> str:
    """Return when process ``pid`` started (Linux clock ticks since boot; "" where unknown).

    With the host and the id it tells a process apart from a later one given the same id.
    """
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[19]
    except (OSError, IndexError):
        return ""


def _owner_text() -> str:
    pid = os.getpid()
    return f"{pid} {socket.gethostname()} {_started(pid)}".strip() + "\n"


def _owner(folder: Path) -> tuple[int, str, str] | None:
    """Return (process id, host, start time) from a staging ``folder``'s owner file, if any."""
    try:
        pid, host, *started = (folder / OWNER_FILE).read_text().split()
        return int(pid), host, started[0] if started else ""
    except (OSError, ValueError):
        return None


def owner_of(folder: Path) -> int | None:
    """Return the process id that owns a staging ``folder``, or None when it is unknown."""
    owner = _owner(folder)
    return owner[0] if owner else None


def is_stale(folder: Path) -> bool:
    """Return whether a staging ``folder`` was surely left by a process that has gone.

    Only a folder drill made (its owner file says so) and only by a process of this host: a
    folder without an owner file is not ours to remove, and a process on another host sharing
    ``results/`` cannot be seen from here, so its folder is left alone.
    """
    owner = _owner(folder)
    if owner is None or owner[1] != socket.gethostname():
        return False
    pid, _host, started = owner
    if not _alive(pid):
        return True
    return bool(started) and _started(pid) not in ("", started)  # the id was reused


def sweep(parent: Path) -> list[Path]:
    """Remove the staging folders in ``parent`` whose process has gone; return them."""
    removed: list[Path] = []
    try:
        candidates = [
            path
            for path in parent.iterdir()
            if path.name.startswith(".") and path.name.endswith(STAGING_SUFFIX)
        ]
    except OSError:
        return removed
    for folder in candidates:
        if folder.is_dir() and not folder.is_symlink() and is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def temp_file(target: Path) -> Path:
    """Return where ``target`` is staged before its rename: hidden, beside it, with our pid."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove the files :func:`temp_file` named in ``folder`` for processes that are gone."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        pid = path.name.rsplit(".", 2)[-2]
        try:
            old = time.time() - path.stat().st_mtime > TEMP_STALE_AFTER_S
        except OSError:
            continue
        if old and pid.isdigit() and not _alive(int(pid)) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def staging_path(target: Path) -> Path:
    """Return the staging folder of ``target``: hidden, beside it."""
    return target.with_name(f".{target.name}{STAGING_SUFFIX}")


@dataclass
class Claim:
    """A run directory reserved by this process: write into ``staging``, then commit."""

    target: Path
    staging: Path
    made: Path | None = None  # the first folder above the target the claim had to create
    committed: bool = False

    def commit(self) -> None:
        """Put the staged run in place (one rename); the target must still be absent or empty."""
        (self.staging / OWNER_FILE).unlink(missing_ok=True)
        if self.target.is_dir() and not any(self.target.iterdir()):
            self.target.rmdir()  # renaming onto an empty folder is not portable
        os.replace(self.staging, self.target)
        self.committed = True

    def abandon(self) -> None:
        """Remove the staging folder and all in it, unless committed; the target is untouched."""
        if self.committed:
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.made is None:
            return
        # The folders made for the target go too, as far as they are empty: --out as it was.
        folder = self.target.parent
        while True:
            try:
                folder.rmdir()
            except OSError:
                return
            if folder == self.made:
                return
            folder = folder.parent


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def claim(target: Path) -> Claim:
    """Reserve ``target`` for a run, or raise :class:`ClaimError` saying why it cannot be.

    Checked here, before any work: the target is no file, no symbolic link and no folder with
    anything in it; its parent is (or can be made) a writable folder; no live run has it.
    """
    written = Path(target)
    # "x/.." and "./" are named as they are normalised, so the checks see the folder meant
    # (links are not followed: a link given as --out is refused below).
    target = Path(os.path.normpath(written))
    if Path(os.path.abspath(target)) == Path.cwd() or not target.name or target.name == "..":
        raise ClaimError("current_folder", path=written)
    if target.is_symlink():
        raise ClaimError("symlink", path=target)
    if target.exists() and not target.is_dir():
        raise ClaimError("a_file", path=target)
    if target.is_dir() and any(target.iterdir()):
        raise ClaimError("not_empty", path=target)
    parent = target.parent
    made = next((p for p in reversed([parent, *parent.parents]) if not p.exists()), None)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ClaimError("a_file", path=parent) from None
    except OSError as error:
        raise ClaimError("cannot_make", path=parent, why=_reason(error)) from None
    sweep(parent)
    staging = staging_path(target)
    try:
        staging.mkdir()
    except FileExistsError:
        pid = owner_of(staging)
        raise ClaimError("taken", path=target, pid=pid or "?") from None
    except NotADirectoryError:
        raise ClaimError("a_file", path=parent) from None
    except OSError as error:
        raise ClaimError("cannot_write", path=parent, why=_reason(error)) from None
    try:
        (staging / OWNER_FILE).write_text(_owner_text())
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ClaimError("cannot_write", path=parent, why=_reason(error)) from None
    return Claim(target, staging, made)


def claim_new(root: Path, stem: str, now: datetime) -> Claim:
    """Claim ``root/<stem>-<YYYYmmdd-HHMMSS>``, or the first free ``-2``, ``-3``… after it.

    Two runs started in the same second get different names: the second finds the first's
    claim and takes the next suffix.
    """
    # A scenario named "..yaml" or ".hidden.yaml" must not give a hidden run folder.
    base = f"{stem.lstrip('.-') or 'run'}-{now:%Y%m%d-%H%M%S}"
    for suffix in range(1, 10_000):
        target = root / (base if suffix == 1 else f"{base}-{suffix}")
        if target.exists() or target.is_symlink() or staging_path(target).exists():
            continue
        try:
            return claim(target)
        except ClaimError:
            if staging_path(target).exists() or target.exists():
                continue  # taken between the look and the claim: try the next name
            raise
    raise ClaimError("no_free_name", path=root, base=base)
