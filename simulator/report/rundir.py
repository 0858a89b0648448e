"""Reading a run directory back: what a brief is written from, long after the run.

``drill brief RUN_DIR`` needs nothing but the directory, so everything a brief says comes from
``summary.json``, ``run.json`` and ``events.csv``, and its charts from the CSV tables beside them.
A directory that is not a complete run is bad input, reported by :class:`RunDirError` with the
file at fault.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


class RunDirError(Exception):
    """The directory is not a complete drill run."""


@dataclass(frozen=True)
class RunEvent:
    """One row of ``events.csv``."""

    replication: int
    time_min: float
    clock: str
    kind: str
    name: str
    detail: str


@dataclass(frozen=True)
class RunFiles:
    """The parts of a run directory a brief uses."""

    path: Path
    summary: dict[str, Any]
    info: dict[str, Any]
    events: tuple[RunEvent, ...]
    comparison: dict[str, Any] | None = None  # comparison.json, when ``drill compare`` wrote it
    staffing: dict[str, Any] | None = None  # staffing.json, when ``drill staff`` wrote it
    drill: dict[str, Any] | None = None  # drill.json, when ``drill play`` or ``score`` wrote it


def _json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunDirError(f"{path}: missing; is this a drill run directory?") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RunDirError(f"{path}: not valid JSON ({error})") from None


def read_run(path: Path) -> RunFiles:
    """Read the run directory ``path``; raise :class:`RunDirError` if it is not one."""
    if not path.is_dir():
        raise RunDirError(f"{path}: not a directory")
    summary = _json(path / "summary.json")
    if "metrics" not in summary or "scenario" not in summary:
        raise RunDirError(f"{path / 'summary.json'}: not a drill summary")
    info = _json(path / "run.json")
    events_file = path / "events.csv"
    try:
        with events_file.open(encoding="utf-8", newline="") as handle:
            events = tuple(
                RunEvent(
                    int(row["replication"]),
                    float(row["time_min"]),
                    row["clock"],
                    row["kind"],
                    row["name"],
                    row["detail"],
                )
                for row in csv.DictReader(handle)
            )
    except FileNotFoundError:
        raise RunDirError(f"{events_file}: missing; is this a drill run directory?") from None
    except (KeyError, ValueError) as error:
        raise RunDirError(f"{events_file}: unreadable row ({error})") from None
    optional = {
        name: _json(path / f"{name}.json") if (path / f"{name}.json").exists() else None
        for name in ("comparison", "staffing", "drill")
    }
    return RunFiles(path, summary, info, events, **optional)


def read_columns(path: Path, required: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """Return the numeric columns of the CSV file ``path`` by header name.

    Text columns (the ``clock``) are left out; empty cells become NaN. A missing, empty or
    malformed file, or one without the ``required`` columns, is a :class:`RunDirError` naming it
    (and the line, for a bad cell).
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise RunDirError(f"{path}: missing; is this a drill run directory?") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise RunDirError(f"{path}: not a readable CSV file ({error})") from None
    if len(rows) < 2:
        raise RunDirError(f"{path}: no rows; the run directory is incomplete")
    header, body = rows[0], rows[1:]
    missing = [name for name in required if name not in header]
    if missing:
        raise RunDirError(f"{path}: no column {', '.join(missing)}; was it edited by hand?")
    columns: dict[str, np.ndarray] = {}
    for index, name in enumerate(header):
        if name == "clock":
            continue
        values = []
        for line, row in enumerate(body, start=2):
            try:
                values.append(float(row[index]) if row[index] else np.nan)
            except (IndexError, ValueError):
                cell = row[index] if index < len(row) else "nothing"
                raise RunDirError(
                    f"{path}:{line}: column {name!r} holds {cell!r}, not a number"
                ) from None
        columns[name] = np.array(values, dtype=float)
    return columns
