"""The schema of every file in a run directory, shared by the one writer and every reader.

A run directory (``results/<scenario>-<timestamp>/``) holds:

- ``summary.json`` (:class:`Summary`): what the inputs determine (scenario, seed, every metric's
  mean and 95 % interval, limits, objectives with stable ids, evacuation), never a clock time,
  so the same scenario and seed give the same bytes; ``schema_version`` says which layout;
- ``run.json``: the circumstances (when, the command, workers, wall time);
- ``replications.csv`` (:data:`REPLICATION_COLUMNS`, then the per-service waits of the
  scenario, ``wait_p90_min[开户]``): a row per simulated day;
- ``timeseries.csv`` (:data:`TIMESERIES_COLUMNS`): a row per minute;
- ``events.csv`` (:data:`EVENT_COLUMNS`): a row per event, typed as the engine's
  :class:`~simulator.engine.events.Event` (:func:`event_row`, :func:`event_from_row`);
- ``evacuation.csv`` (:data:`EVACUATION_COLUMNS`), on runs with an evacuation;
- beside them, by command: ``comparison.json``/``.csv`` (:class:`ComparisonFile`),
  ``staffing.json``/``.csv`` (:class:`StaffingFile`), ``drill.json`` (:class:`DrillFile`).

In the files, playbook rules and incidents are numbered from 1, as people count them (and as a
drill log's ``rule: 3`` does); in memory they are indices from 0.
"""

import json
import math
from typing import Any, NotRequired

# typing_extensions, not typing: pydantic checks TypedDicts read back on Python < 3.12 only so.
from typing_extensions import TypedDict

from simulator.engine.events import ActionResult, ActionStatus, Event, EventKind, Reason
from simulator.metrics.day import METRIC_NAMES
from simulator.model.clock import format_clock
from simulator.rundir.drill_schema import (  # noqa: F401  (part of the layout's schema)
    ClauseEntry,
    ClauseOddsEntry,
    DecisionEntry,
    DrillFile,
    EarlierActionEntry,
    InjectEntry,
    MeasuredEntry,
)

# The layout of every file here; written into each JSON file as ``schema_version``.
# 2: typed events, objective ids, the scenario's playbook in the summary; 3: cost and side-effect
# metrics, per-service waits, evacuation day shares, idle rules in comparisons.
SCHEMA_VERSION = 3

SUMMARY_FILE = "summary.json"
RUN_INFO_FILE = "run.json"
REPLICATIONS_FILE = "replications.csv"
TIMESERIES_FILE = "timeseries.csv"
EVENTS_FILE = "events.csv"
EVACUATION_FILE = "evacuation.csv"
COMPARISON_FILE, COMPARISON_CSV = "comparison.json", "comparison.csv"
STAFFING_FILE, STAFFING_CSV = "staffing.json", "staffing.csv"
DRILL_FILE = "drill.json"
DECISIONS_FILE = "decisions.yaml"  # drill play: the team's decisions, to replay with --decisions


def drill_log_file(suffix: str) -> str:
    """Return the name under which ``drill score`` keeps the drill's log (``.yaml`` or ``.csv``)."""
    return f"drill_log{suffix.lower() or '.csv'}"


def staffed_file(stem: str) -> str:
    """Return the name of the staffed scenario ``drill staff`` writes for ``<stem>.yaml``."""
    return f"{stem}.staffed.yaml"


# The columns every run has; the per-service waits (``wait_mean_min[<service>]``, see
# :func:`~simulator.metrics.day.metric_names`) follow them, named by the scenario's services.
REPLICATION_COLUMNS = ("replication", *METRIC_NAMES)
# Per quantity: its mean and its P10/P90 band across the replications, minute by minute.
TIMESERIES_QUANTITIES = (
    ("queue", ""),
    ("in_hall", ""),
    ("density", "_per_m2"),
    ("counters", ""),
    ("outside", ""),
)
UNITS = dict(TIMESERIES_QUANTITIES)


def timeseries_column(quantity: str, part: str) -> str:
    """Return the column of ``quantity``'s ``part`` (mean, p10, p90): ``density_p90_per_m2``."""
    return f"{quantity}_{part}{UNITS[quantity]}"


TIMESERIES_COLUMNS = (
    "minute",
    "clock",
    *(
        timeseries_column(quantity, part)
        for quantity, _unit in TIMESERIES_QUANTITIES
        for part in ("mean", "p10", "p90")
    ),
)
EVACUATION_COLUMNS = (
    "seconds_since_incident",
    "inside_mean",
    "inside_p10",
    "inside_p50",
    "inside_p90",
)
SECONDS_SINCE_INCIDENT, INSIDE_MEAN, INSIDE_P10, INSIDE_P50, INSIDE_P90 = EVACUATION_COLUMNS
EVENT_COLUMNS = (
    "replication",
    "time_min",
    "clock",
    "kind",
    "name",
    "rule",  # the playbook rule's number (from 1); empty: none
    "incident",  # the scenario incident's number (from 1); empty: none
    "target",
    "who",
    "status",  # carried_out, partly, not_carried_out; empty for events that are not actions
    "reason",
    "asked",
    "done",
    "detail",
)

COMPARISON_COLUMNS = (
    *("arm", "rank", "metric", "mean", "ci_low", "ci_high"),
    *("difference", "difference_ci_low", "difference_ci_high"),
    *("significant", "significant_holm"),
)
# staffing.csv: these, then a column "kept:<target>" per staffing target.
STAFFING_COLUMNS = (
    *("block", "arrivals_per_hour", "counter_arrivals_per_hour", "service_min"),
    *("given_counters", "given_met_share", "erlang_counters", "erlang_met_share"),
    *("counters", "met_share"),
)

# Objectives: "rule" and "deadline" rate a playbook rule; the others the evacuation.
OBJECTIVE_KINDS = ("rule", "deadline", "evacuation_time", "evacuation_crowd")


def objective_id(kind: str, rule: int | None) -> str:
    """Return an objective's stable id: ``rule-3`` for rule 3's, else ``evacuation-time``."""
    if kind not in OBJECTIVE_KINDS:
        raise ValueError(f"unknown objective kind {kind!r}")
    if rule is not None:
        return f"rule-{rule + 1}"
    return kind.replace("_", "-")


class EstimateEntry(TypedDict):
    """A metric's mean and 95 % confidence interval over the replications (None: undefined)."""

    mean: float | None
    ci_low: float | None
    ci_high: float | None


class LimitEntry(TypedDict):
    """One limit and how often it held."""

    name: str
    metric: str
    threshold: float
    direction: str  # "max" or "min"
    held_share: float | None
    held_share_ci_low: float | None
    held_share_ci_high: float | None
    target_share: float
    held: bool | None  # None: not exercised on any day
    rating: str | None


class TaskEntry(TypedDict):
    """A critical task with its rating and evidence, in English and Chinese."""

    name: str
    name_zh: str
    rating: str | None
    evidence: str
    evidence_zh: str


class ObjectiveEntry(TypedDict):
    """An objective: its stable id, kind, the rule it rates, and its rated tasks."""

    id: str
    kind: str  # one of OBJECTIVE_KINDS
    rule: int | None  # the playbook rule's number (from 1)
    name: str
    name_zh: str
    rating: str | None
    tasks: list[TaskEntry]


class IncidentEntry(TypedDict):
    """An incident of the scenario, as the brief names it."""

    kind: str
    at: str
    until: str | None
    note: str


class RuleEntry(TypedDict):
    """A playbook rule of the scenario."""

    rule: int  # its number (from 1)
    action: str
    when: str
    note: str


class WarningEntry(TypedDict):
    """A legal value of the scenario that is most likely a mistake (plausibility)."""

    key: str
    line: int | None
    text: str
    text_zh: str


class EgressEntry(TypedDict):
    """How the evacuation was computed: the door flow used, and whether from a floor plan."""

    flow: str | float  # "design", "measured" or persons/s per metre of clear width
    floor: bool


class ScenarioEntry(TypedDict):
    """What a brief needs to know about the scenario: the run directory stands alone."""

    name: str
    file: str
    sha256: str
    language: str
    site: dict[str, str]
    hours: dict[str, str]
    staff: dict[str, int]
    incidents: list[IncidentEntry]
    playbook: list[RuleEntry]
    warnings: NotRequired[list[WarningEntry]]  # absent from runs written before they existed
    egress: NotRequired["EgressEntry"]  # absent from runs written before it existed


class ExitEntry(TypedDict):
    """How crowded one exit got over the days with an evacuation."""

    name: str
    blocked_share: float
    peak_density_mean_per_m2: float | None
    peak_density_p95_per_m2: float | None
    fruin_level_p95: str | None
    warning_share: float
    danger_share: float
    people_mean: NotRequired[float | None]  # who left by it a day (absent before it existed)
    flow_mean_per_s: NotRequired[float | None]  # persons/s between its first and last
    last_out_mean_s: NotRequired[float | None]  # its last person out, s after the alarm


class EvacuationEntry(TypedDict):
    """The evacuations of a run."""

    days: int
    rset_p50_s: float
    rset_p95_s: float
    egress_p50_s: float
    egress_p95_s: float
    aset_days: int
    rset_exceeds_aset_share: float | None
    rset_exceeds_aset_ci_low: float | None
    rset_exceeds_aset_ci_high: float | None
    inside_at_responders_mean: float | None
    inside_at_responders_max: float | None
    exits: list[ExitEntry]
    other_flow_rset_p50_s: NotRequired[float | None]  # median RSET at the other door flow


class Summary(TypedDict):
    """``summary.json``."""

    schema_version: int
    drill_version: str
    scenario: ScenarioEntry
    seed: int
    replications: int
    metrics: dict[str, EstimateEntry]
    limits: list[LimitEntry]
    objectives: list[ObjectiveEntry]
    evacuation: EvacuationEntry | None


class DifferenceEntry(TypedDict):
    """A paired difference to the base: mean and 95 % interval, and whether it excludes 0."""

    mean: float | None
    ci_low: float | None
    ci_high: float | None
    significant: bool
    significant_holm: bool  # still significant after Holm's correction over the family


class UnableEntry(TypedDict):
    """An action a plan could not carry out for want of a resource, and how often."""

    action: str
    reason: str  # an engine Reason whose ``unable`` is true (no_free_counter, ...)
    times: int  # over all the plan's simulated days
    none: int  # of those, the times it did nothing at all (the rest: partly)


class IdleRuleEntry(TypedDict):
    """A rule of a variant's own (not the base's) that never fired on any of its days."""

    rule: int  # numbered from 1, as in the scenario's playbook
    action: str
    when: str  # the condition as the scenario writes it
    when_zh: str  # in words, for the brief
    when_en: str


class ArmEntry(TypedDict):
    """One plan of a comparison, with its paired differences to the base (None: the base)."""

    name: str
    rank: int
    metrics: dict[str, EstimateEntry]
    differences: dict[str, DifferenceEntry] | None
    limits: list[LimitEntry]  # every limit of the scenario, judged on this plan's days
    breaks: list[str]  # the limits the base holds and this plan does not (names)
    unable: list[UnableEntry]  # what the plan could not do for want of a resource
    idle_rules: list[IdleRuleEntry]  # the variant's own rules that never fired: it did nothing


class ComparisonFile(TypedDict):
    """``comparison.json``."""

    schema_version: int
    seed: int
    replications: int
    by: str
    rule: str  # "metric" (by alone), "limits_then_cost" or "limits_then_rset" (limits first)
    better: str  # "higher" or "lower"
    precision: float | None
    precision_met: bool | None
    common_random_numbers: bool
    ranking: list[str]
    # The family Holm's correction runs over: variant × rankable metric pairs that can be tested
    # (not those that are 0, or undefined, on every day).
    comparisons: int
    arms: list[ArmEntry]


# One staffing block: demand, and the current, Erlang and found counters with their shares
# ("from" is a Python keyword, hence the functional form).
StaffingBlock = TypedDict(
    "StaffingBlock",
    {
        "block": str,  # "09:00–09:30"
        "from": str,
        "until": str,
        "arrivals_per_hour": float,
        "counter_arrivals_per_hour": float,
        "service_min": float,
        "given_counters": int,
        "given_met_share": float,
        "erlang_counters": int,
        "erlang_met_share": float,
        "counters": int,
        "met_share": float,
        "kept": dict[str, float | None],  # per target: the found plan's value on share of days
    },
)


def block_plans(block: StaffingBlock) -> dict[str, tuple[int, float]]:
    """Return a block's counters and met share under each plan: given, erlang and found."""
    return {
        "given": (block["given_counters"], block["given_met_share"]),
        "erlang": (block["erlang_counters"], block["erlang_met_share"]),
        "found": (block["counters"], block["met_share"]),
    }


class StaffingFile(TypedDict):
    """``staffing.json``: per block the current, Erlang and found counters with their shares."""

    schema_version: int
    targets: list[str]
    share: float
    block_min: float
    days: int
    seed: int
    max_counters: int
    plans_simulated: int
    counter_hours: dict[str, float]
    reserve: dict[str, int]
    unreachable: list[str]
    blocks: list[StaffingBlock]


def finite_or_none(value: float) -> float | None:
    """Return ``value``, or None for NaN or ±∞ (JSON has neither; an undefined metric is null)."""
    return value if math.isfinite(value) else None


def _strict(value: Any) -> Any:
    """Return ``value`` with every non-finite float, however deep, replaced by None."""
    if isinstance(value, float):
        return finite_or_none(value)
    if isinstance(value, dict):
        return {key: _strict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(item) for item in value]
    return value


def json_text(data: Any) -> str:
    """Return ``data`` as the text of a run file: strict JSON (never NaN or Infinity), UTF-8.

    Every JSON file drill writes goes through here, so no reader, in any language, meets a
    value that is not JSON (a density over a floor area of 1e-300 m² is infinite, say).
    """
    return json.dumps(_strict(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)  # counts read as counts


def _position(index: int | None) -> str:
    return "" if index is None else str(index + 1)


# A cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, -2+3, @SUM) when the CSV
# is opened; text a user wrote (a log's who, a target, a plan's name) may start so.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Return ``text`` as a CSV cell no spreadsheet runs: a leading ``'`` before a formula start.

    A text that starts with ``'`` gets one more, so :func:`from_spreadsheet_safe` gives back
    exactly what was written.
    """
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def from_spreadsheet_safe(cell: str) -> str:
    """Return the text :func:`spreadsheet_safe` made ``cell`` from."""
    return cell[1:] if cell.startswith("'") else cell


def event_row(replication: int, event: Event) -> list[str]:
    """Return ``event`` of day ``replication`` as a row of ``events.csv``."""
    result = event.result
    return [
        str(replication),
        f"{event.time:.4f}",
        format_clock(event.time),
        event.kind.value,
        spreadsheet_safe(event.name),
        _position(event.rule),
        _position(event.incident),
        spreadsheet_safe(event.target),
        spreadsheet_safe(event.who),
        result.status.value if result else "",
        result.reason.value if result and result.reason else "",
        _number(result.asked) if result else "",
        _number(result.done) if result else "",
        spreadsheet_safe(event.detail),
    ]


def _index(cell: str) -> int | None:
    return int(cell) - 1 if cell else None


def event_from_row(row: dict[str, str]) -> tuple[int, Event]:
    """Return (replication, event) from a row of ``events.csv``.

    Raises ``KeyError`` for a missing column and ``ValueError`` for a cell that is not what
    its column holds (the reader names the line).
    """
    result = None
    if row["status"]:
        result = ActionResult(
            ActionStatus(row["status"]),
            Reason(row["reason"]) if row["reason"] else None,
            float(row["asked"]) if row["asked"] else None,
            float(row["done"]) if row["done"] else None,
        )
    event = Event(
        time=float(row["time_min"]),
        kind=EventKind(row["kind"]),
        name=from_spreadsheet_safe(row["name"]),
        rule=_index(row["rule"]),
        incident=_index(row["incident"]),
        target=from_spreadsheet_safe(row["target"]),
        who=from_spreadsheet_safe(row["who"]),
        result=result,
        detail=from_spreadsheet_safe(row["detail"]),
    )
    return int(row["replication"]), event
