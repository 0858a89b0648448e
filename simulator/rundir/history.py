"""The history of drills (``drill history``): every ``drill.json`` under ``results/``."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.rundir.reader import RunDirError, read_mapping, summary_version
from simulator.rundir.schema import DRILL_FILE, RUN_INFO_FILE, Summary

RATING_ORDER = ("P", "S", "M", "U")


@dataclass(frozen=True)
class PastDrill:
    """One line of the drill history."""

    path: Path
    date: str
    kind: str
    scenario: str
    participants: str
    rating: str


def overall_rating(summary: Summary | dict[str, Any]) -> str:
    """Return the worst rating of a run's limits and objectives ("—" if none was rated)."""
    ratings = [item.get("rating") for item in summary.get("limits", [])]
    ratings += [item.get("rating") for item in summary.get("objectives", [])]
    rated = [rating for rating in ratings if rating in RATING_ORDER]
    return max(rated, key=RATING_ORDER.index) if rated else "—"


def drill_rating(drill: dict[str, Any], summary: Summary | dict[str, Any]) -> str:
    """Return a drill's verdict: from its log, clause by clause (older records: the run's)."""
    if "clauses" in drill:
        verdict = drill.get("verdict")
        return verdict if verdict in RATING_ORDER else "—"
    return overall_rating(summary)


def past_drills(results: Path) -> tuple[list[PastDrill], list[str]]:
    """Return the drills recorded under ``results`` (oldest first) and what could not be read."""
    drills, unreadable = [], []
    for record in sorted(results.glob(f"*/{DRILL_FILE}")):
        directory = record.parent
        try:
            drill = read_mapping(record)
            # Any layout will do: a drill recorded by an older drill stays in the history.
            summary, _version = summary_version(directory)
            info = read_mapping(directory / RUN_INFO_FILE)
            if not isinstance(drill.get("kind"), str):
                raise ValueError(f"{record.name} holds no kind of drill")
            people = drill.get("participants") or {}
            names = [name for role in people.values() for name in role]
            drills.append(
                PastDrill(
                    path=directory,
                    date=str(drill.get("date") or info.get("created", "")[:10]),
                    kind=str(drill["kind"]),
                    scenario=str(summary["scenario"]["name"]),
                    participants="、".join(map(str, names)) if names else "—",
                    rating=drill_rating(drill, summary),
                )
            )
        # A damaged record is listed as skipped, never the end of the listing: any of these is
        # what a file holding the wrong kind of value (a list, a number) gives.
        except (OSError, ValueError, RunDirError) as error:
            unreadable.append(f"{directory}: {error}")
        except (KeyError, TypeError, AttributeError, RecursionError):
            unreadable.append(
                f"{directory}: {DRILL_FILE} or {RUN_INFO_FILE} holds values of the "
                "wrong kind; was it edited by hand?"
            )
    drills.sort(key=lambda drill: (drill.date, str(drill.path)))
    return drills, unreadable
