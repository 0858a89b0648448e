"""The schema of an egress-only study's ``summary.json`` (``drill evacuate``), for all its users.

Apart from its writer (:mod:`.egress_study`) so that the report can read the file without
importing the study's computation.
"""

from typing import Any

# typing_extensions, not typing: pydantic checks TypedDicts read back on Python < 3.12 only so.
from typing_extensions import TypedDict

from simulator.rundir.schema import EstimateEntry, WarningEntry

STUDY_SCHEMA_VERSION = 3
STUDY_FILE = "summary.json"
CURVE_FILE = "evacuation.csv"
STUDY_KIND = "evacuate"  # summary.json's "kind": what wrote the directory


class StudyExitEntry(TypedDict):
    """How one exit did over the repetitions."""

    name: str
    people_mean: float | None
    flow_mean_per_s: float | None
    last_out_mean_s: float | None
    peak_density_mean_per_m2: float | None
    peak_density_p95_per_m2: float | None
    fruin_level_p95: str | None
    warning_share: float  # of the repetitions: the queue reached Fruin E (3.33 persons/m²)
    danger_share: float  # and crush density (5.5 persons/m²)


class OtherFlowEntry(TypedDict):
    """The same evacuations at the other door flow (design ↔ measured)."""

    flow: str
    egress_p50_s: float | None


class PassageEntry(TypedDict):
    """Who went through the passage in the counter line, over the repetitions."""

    width_m: float
    people_mean: float
    last_through_mean_s: float | None
    peak_density_p95_per_m2: float | None  # its queue, over a half-disc 2 m beyond its jambs
    fruin_level_p95: str | None
    warning_share: float
    danger_share: float


class LimitEntry(TypedDict):
    """The scenario's egress_s limit, judged over the repetitions."""

    threshold_s: float
    target_share: float
    held: int  # repetitions with everyone out within the threshold
    ci_low: float
    ci_high: float
    kept: bool  # held in at least target_share of the repetitions


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
    blocked: list[str]  # exits out of use in every repetition, in the file's order
    metrics: dict[str, EstimateEntry]
    egress_p50_s: float | None
    egress_p95_s: float | None
    other_flow: OtherFlowEntry
    escorted_mean: float  # people who could not leave alone, helped out by staff, a repetition
    escorted_last_out_mean_s: float | None  # the last of them out, s after the alarm
    passage: PassageEntry | None  # with a passage through the counter line
    limits: list[LimitEntry]  # the scenario's egress_s limits
    exits: list[StudyExitEntry]
    warnings: list[WarningEntry]  # the scenario's, as its loader gave them
