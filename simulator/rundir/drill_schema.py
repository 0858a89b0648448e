"""The schema of ``drill.json``: a drill people ran (``play``) or a real one (``score``).

Its writer (:mod:`simulator.rundir.drill`) and its readers (the brief, the register, ``drill
history``) share these types; :mod:`simulator.rundir.schema` re-exports them with the rest of
the run directory's layout.
"""

from typing import NotRequired

# typing_extensions, not typing: pydantic checks TypedDicts read back on Python < 3.12 only so.
from typing_extensions import TypedDict


class DecisionEntry(TypedDict):
    """One decision of a drill, beside when the playbook would have taken it."""

    time: str
    action: str
    params: dict[str, str | int | float]
    until: str | None
    who: str
    rule: int | None  # the playbook rule's number (from 1) it carries out
    planned: str | None
    deviation_min: float | None
    not_done: NotRequired[str]  # a played decision the hall could not carry out: the reason


class InjectEntry(TypedDict):
    """An inject of the drill: an incident starting or ending (``incident`` from 1)."""

    time: str
    kind: str
    starts: bool
    incident: int


class ClauseEntry(TypedDict):
    """A clause of the plan rated from the drill's log (the verdict, not a simulation).

    ``computed`` is the rating the written rules give, ``evaluator`` the evaluator's own where
    the log gives one, ``rating`` the one that counts; ``None`` everywhere: not applicable.
    """

    number: int
    id: str
    rule: int | None  # the playbook rule's number (from 1), for a rule's clause
    urgency: str  # "life", "service" or "deadline" (see docs/scoring.md)
    name: str
    name_zh: str
    expected: str
    expected_zh: str
    due: str | None
    done: str | None
    who: str
    deviation_min: float | None
    computed: str | None
    evaluator: str | None
    evaluator_note: str
    rating: str | None
    evidence: str
    evidence_zh: str


class MeasuredEntry(TypedDict):
    """A measured outcome of the drill against the scenario's limit."""

    measure: str
    value: float
    limit: float
    rating: str


class ClauseOddsEntry(TypedDict):
    """A what-if (推演): how a clause would have fared with the scenario's incident lengths."""

    number: int
    id: str
    days: int  # simulated days
    due_days: int  # of which it fell due
    ratings: dict[str, int]  # of those, how many the team's log rates P, S, M, U


class EarlierActionEntry(TypedDict):
    """A corrective action still open from an earlier drill of the same site."""

    id: int
    clause: str
    issue: str
    due: str
    overdue: bool
    failed_again: bool  # the same clause is rated M or U again in this drill
    closed: NotRequired[bool]  # closed as done, yet the clause failed again
    exercised: NotRequired[bool]  # the clause fell due in this drill (absent: files before it)


class DrillFile(TypedDict):
    """``drill.json``: the record of a drill people ran (``play``) or a real one (``score``)."""

    schema_version: int
    kind: str  # "play" or "score"
    title: str
    date: str | None
    participants: dict[str, list[str]]
    log_file: str | None
    decisions: list[DecisionEntry]
    outcome: NotRequired[dict[str, dict[str, float | None]] | None]
    injects: NotRequired[list[InjectEntry]]
    clauses: NotRequired[list[ClauseEntry]]
    measured: NotRequired[list[MeasuredEntry]]
    verdict: NotRequired[str | None]  # the worst of the clauses' and measured ratings
    what_if: NotRequired[list[ClauseOddsEntry]]  # drill score --what-if longer
    earlier_actions: NotRequired[list[EarlierActionEntry]]  # from the register, at the run
