"""Reading a run directory back: what a brief is written from, long after the run.

``drill brief RUN_DIR`` needs nothing but the directory, so everything a brief says comes from
``summary.json``, ``run.json`` and ``events.csv``, and its charts from the CSV tables beside them,
read with the layouts of :mod:`simulator.rundir.schema`. Events come back as the very typed
:class:`~simulator.engine.events.Event` records the engine produced. A directory that is not a
complete run, or was written with another layout, is bad input, reported by
:class:`RunDirError` with the file at fault.
"""

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import numpy as np
from pydantic import TypeAdapter, ValidationError

from simulator.engine.events import Event
from simulator.i18n import LANGUAGES, SaidError
from simulator.model.clock import parse_clock
from simulator.rundir.egress_study_schema import (
    CURVE_FILE,
    STUDY_FILE,
    STUDY_KIND,
    STUDY_SCHEMA_VERSION,
    EgressStudyFile,
)
from simulator.rundir.roster_schema import ROSTER_FILE, RosterFile
from simulator.rundir.schema import (
    COMPARISON_FILE,
    DRILL_FILE,
    EVACUATION_COLUMNS,
    EVACUATION_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    METRIC_NAMES,
    REPLICATION_COLUMNS,
    REPLICATIONS_FILE,
    RUN_INFO_FILE,
    SCHEMA_VERSION,
    STAFFING_FILE,
    SUMMARY_FILE,
    TIMESERIES_COLUMNS,
    TIMESERIES_FILE,
    ComparisonFile,
    DrillFile,
    StaffingFile,
    Summary,
    event_from_row,
)


class RunDirError(SaidError):
    """The directory is not a complete drill run (or its brief cannot be written).

    Given a catalogue key (``rundir.missing``) it is said in the reader's language; given a
    sentence, that sentence (the rarer damages, in English).
    """


@dataclass(frozen=True)
class RunFiles:
    """The parts of a run directory a brief uses."""

    path: Path
    summary: Summary
    info: dict[str, Any]
    events: tuple[tuple[int, Event], ...]  # (replication, event), in the order of events.csv
    comparison: ComparisonFile | None = None  # when ``drill compare`` wrote the run
    staffing: StaffingFile | None = None  # when ``drill staff`` wrote it
    drill: DrillFile | None = None  # when ``drill play`` or ``drill score`` wrote it
    roster: RosterFile | None = None  # when ``drill roster`` wrote it


@dataclass(frozen=True)
class StudyFiles:
    """The files of an egress study's directory (``drill evacuate``) its brief uses."""

    path: Path
    data: EgressStudyFile
    curve: dict[str, np.ndarray]  # evacuation.csv by column


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")  # drill writes null, never NaN or Infinity


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_not_json)
    except FileNotFoundError:
        raise RunDirError("rundir.missing", path=path) from None
    except UnicodeDecodeError as error:
        raise RunDirError(f"{path}: not valid JSON ({error})") from None
    except ValueError as error:  # JSONDecodeError, NaN, a number of 5,000 digits
        raise RunDirError(f"{path}: not valid JSON ({str(error)[:120]})") from None
    except RecursionError:
        raise RunDirError(f"{path}: nested too deeply to be a drill file") from None
    except OSError as error:
        raise RunDirError(f"{path}: cannot be read ({error.strerror or error})") from None


def read_mapping(path: Path) -> dict[str, Any]:
    """Read a JSON file that must hold a mapping; a :class:`RunDirError` names what is wrong."""
    data = _json(path)
    if not isinstance(data, dict):
        raise RunDirError(f"{path}: holds {type(data).__name__}, not the mapping drill writes")
    return data


# What a value should have been, by pydantic's error type, for the message of a damaged file.
_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "bool": "true or false",
    "dict": "a mapping",
    "list": "a list",
    "literal": "one of the values drill writes",
}


@cache
def _adapter(schema: Any) -> TypeAdapter:
    return TypeAdapter(schema)


def _where(data: Any, location: tuple[Any, ...]) -> tuple[str, Any]:
    """Return the key path of ``location`` in ``data`` and the value found there.

    Pydantic's locations also name union members (``float``, ``EvacuationEntry``); only the
    parts that are keys or positions in the data are kept.
    """
    parts: list[str] = []
    value = data
    for position, part in enumerate(location):
        if isinstance(value, dict) and part in value:
            value = value[part]
            parts.append(f".{part}" if parts else str(part))
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
            parts.append(f"[{part}]")
        elif position == len(location) - 1 and isinstance(value, dict):  # the missing key
            parts.append(f".{part}" if parts else str(part))
            value = None
    return "".join(parts) or "(top level)", value


def _checked(data: Any, schema: Any, file: Path) -> Any:
    """Return ``data`` if it has the keys and kinds of value ``schema`` says; else a problem.

    The check is pydantic's, on the file's own TypedDict (:mod:`.schema`), so the brief and
    the charts never meet a list where a mapping belongs or text where a number does.
    """
    try:
        _adapter(schema).validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        where, value = _where(data, tuple(first["loc"]))
        if first["type"] == "missing":
            raise RunDirError(
                f"{file}: no {where}; is the file complete, or was it edited by hand?"
            ) from None
        kind = next(
            (said for name, said in _EXPECTED.items() if first["type"].startswith(name)),
            "another kind of value",
        )
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise RunDirError(
            f"{file}: {where} holds {shown}, where drill writes {kind}; was it edited by hand?"
        ) from None
    return data


def summary_version(path: Path) -> tuple[dict[str, Any], int]:
    """Return ``summary.json`` of the run directory ``path`` as read, and its layout version."""
    file = path / SUMMARY_FILE
    summary = _json(file)
    if not isinstance(summary, dict) or "metrics" not in summary or "scenario" not in summary:
        raise RunDirError(f"{file}: not a drill summary")
    version = summary.get("schema_version", 1)
    return summary, version if isinstance(version, int) else -1


def is_study(path: Path) -> bool:
    """Return whether ``path`` holds an egress study (``drill evacuate``), not a run."""
    try:
        data = json.loads((path / STUDY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False  # read_run or read_study says what is wrong with it
    return isinstance(data, dict) and data.get("kind") == STUDY_KIND


def read_study(path: Path) -> StudyFiles:
    """Read the egress study in ``path``; raise :class:`RunDirError` if it is not one."""
    file = path / STUDY_FILE
    data = _json(file)
    if not isinstance(data, dict) or data.get("kind") != STUDY_KIND:
        raise RunDirError(f"{file}: not written by drill evacuate")
    version = data.get("schema_version")
    if version != STUDY_SCHEMA_VERSION:
        raise RunDirError(
            f"{file}: written with egress-study layout {version}; this drill reads layout "
            f"{STUDY_SCHEMA_VERSION}. Run drill evacuate again."
        )
    checked = cast(EgressStudyFile, _checked(data, EgressStudyFile, file))
    curve = read_columns(path / CURVE_FILE, ("seconds_since_alarm", "inside_p50"))
    return StudyFiles(path, checked, curve)


def read_summary(path: Path) -> Summary:
    """Read ``summary.json`` of the run directory ``path``, checking its layout and keys."""
    file = path / SUMMARY_FILE
    summary, version = summary_version(path)
    if version != SCHEMA_VERSION:
        raise RunDirError(
            f"{file}: written by drill {summary.get('drill_version', '0.1')} with run-directory "
            f"layout {version}; this drill reads layout {SCHEMA_VERSION}. Run the scenario again."
        )
    checked = cast(Summary, _checked(summary, Summary, file))
    wrong = _wrong_value(checked)
    if wrong is not None:
        raise RunDirError(f"{file}: {wrong}; was it edited by hand? Run the scenario again.")
    return checked


def _wrong_value(summary: Summary) -> str | None:
    """Return what in a summary of the right shape no run could have written, if anything.

    The brief relies on these: its language's words, every metric, the opening hours.
    """
    scenario = summary["scenario"]
    if scenario.get("language", "zh") not in LANGUAGES:
        return f"scenario.language is {scenario.get('language')!r}, not one of {LANGUAGES}"
    missing = [name for name in METRIC_NAMES if name not in summary["metrics"]]
    if missing:
        return f"no metrics.{missing[0]}"
    for key in ("open", "close"):
        try:
            parse_clock(scenario["hours"][key])
        except (ValueError, TypeError):
            return f"scenario.hours.{key} is {scenario['hours'][key]!r}, not a clock time"
    if summary["replications"] < 1:
        return f"replications is {summary['replications']}"
    return None


def read_events(file: Path) -> tuple[tuple[int, Event], ...]:
    """Read ``events.csv``: (replication, event) per row."""
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            missing = [name for name in EVENT_COLUMNS if name not in (rows.fieldnames or ())]
            if missing:
                raise RunDirError(f"{file}: no column {', '.join(missing)}; was it edited by hand?")
            events = []
            for line, row in enumerate(rows, start=2):
                if None in row or None in row.values():  # more, or fewer, cells than columns
                    raise RunDirError(
                        f"{file}:{line}: {len(row) - (None in row)} cells where the header "
                        "names another number of columns; was it edited by hand?"
                    )
                try:
                    events.append(event_from_row(row))
                except KeyError as error:
                    raise RunDirError(
                        f"{file}: no column {error}; was it edited by hand?"
                    ) from None
                except (ValueError, TypeError, AttributeError, IndexError) as error:
                    raise RunDirError(f"{file}:{line}: unreadable row ({error})") from None
    except FileNotFoundError:
        raise RunDirError("rundir.missing", path=file) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise RunDirError(f"{file}: not a readable CSV file ({error})") from None
    except OSError as error:
        raise RunDirError(f"{file}: cannot be read ({error.strerror or error})") from None
    return tuple(events)


def read_run(path: Path) -> RunFiles:
    """Read the run directory ``path``; raise :class:`RunDirError` if it is not one."""
    if not path.is_dir():
        raise RunDirError("rundir.not_a_directory", path=path)
    summary = read_summary(path)
    info = read_mapping(path / RUN_INFO_FILE)
    events = read_events(path / EVENTS_FILE)

    def optional(name: str, schema: Any) -> Any:
        file = path / name
        return _checked(_json(file), schema, file) if file.exists() else None

    return RunFiles(
        path,
        summary,
        info,
        events,
        comparison=optional(COMPARISON_FILE, ComparisonFile),
        staffing=optional(STAFFING_FILE, StaffingFile),
        drill=optional(DRILL_FILE, DrillFile),
        roster=optional(ROSTER_FILE, RosterFile),
    )


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
        raise RunDirError("rundir.missing", path=path) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise RunDirError(f"{path}: not a readable CSV file ({error})") from None
    except OSError as error:
        raise RunDirError(f"{path}: cannot be read ({error.strerror or error})") from None
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


def read_timeseries(run: RunFiles) -> dict[str, np.ndarray]:
    """Return the columns of the run's ``timeseries.csv`` (every column of the schema)."""
    return read_columns(run.path / TIMESERIES_FILE, TIMESERIES_COLUMNS)


def read_replications(run: RunFiles) -> dict[str, np.ndarray]:
    """Return the columns of the run's ``replications.csv`` (one row per simulated day)."""
    return read_columns(run.path / REPLICATIONS_FILE, REPLICATION_COLUMNS)


def read_evacuation_curve(run: RunFiles) -> dict[str, np.ndarray]:
    """Return the columns of the run's ``evacuation.csv`` (people inside, second by second)."""
    return read_columns(run.path / EVACUATION_FILE, EVACUATION_COLUMNS)
