"""The schema of an egress-only study's ``summary.json`` (``drill evacuate``), for all its users.

Apart from its writer (:mod:`.egress_study`) so that the report can read the file without
importing the study's computation.
"""

from typing import Any, TypedDict

from simulator.rundir.schema import EstimateEntry

STUDY_SCHEMA_VERSION = 1
STUDY_FILE = "summary.json"
CURVE_FILE = "evacuation.csv"


class StudyExitEntry(TypedDict):
    """How one exit did over the repetitions."""

    name: str
    people_mean: float | None
    flow_mean_per_s: float | None
    last_out_mean_s: float | None
    peak_density_mean_per_m2: float | None


class EgressStudyFile(TypedDict):
    """``summary.json`` of ``drill evacuate``."""

    schema_version: int
    kind: str  # "evacuate": what wrote the directory
    scenario: dict[str, Any]  # name, file, sha256, language, site
    seed: int
    repetitions: int
    occupants: int
    staff: int
    flow: str | float
    floor: bool
    metrics: dict[str, EstimateEntry]
    exits: list[StudyExitEntry]
