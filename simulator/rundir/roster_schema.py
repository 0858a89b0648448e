"""The schema of ``roster.json``, written by ``drill roster`` and read by the brief.

Like ``summary.json`` it holds only what the inputs determine: the same scenario and seed give
the same bytes. Times are clock times (``"08:30"``); shares are of simulated days.
"""

from typing_extensions import TypedDict

ROSTER_FILE, ROSTER_CSV, ROSTER_XLSX = "roster.json", "roster.csv", "roster.xlsx"
# roster.csv: one row per person.
ROSTER_COLUMNS = ("name", "role", "shift", "from", "until", "breaks", "hours", "cost")


def rostered_file(stem: str) -> str:
    """Return the name of the rostered scenario ``drill roster`` writes for ``<stem>.yaml``."""
    return f"{stem}.rostered.yaml"


class BreakEntry(TypedDict):
    """A break in a person's shift."""

    start: str
    until: str


class PersonEntry(TypedDict):
    """One row of the roster: a person, their shift, its cost."""

    name: str
    role: str  # clerk, guide, security
    shift: str  # the template's name
    start: str
    until: str
    breaks: list[BreakEntry]
    hours: float  # paid, break included
    cost: float | None  # at staff.cost_per_hour (None: unpriced)


class RosterBlock(TypedDict):
    """One block: the clerks the roster gives it against what was required, and how it held."""

    block: str  # "08:30–09:00"
    start: str
    until: str
    arrivals_per_hour: float  # everyone coming through the door (surges included)
    erlang: int  # the Erlang start
    required: int  # after the simulation's raises
    clerks: int  # clerks at counters the whole block
    short: int  # what the positions or the people could not give
    met_share: float  # on the search's days
    fresh_met_share: float  # on days the search never saw
    fresh_low: float  # its Wilson 95 % interval
    fresh_high: float


class FloorEntry(TypedDict):
    """Guides or guards: held at one headcount all day."""

    on_floor: int  # the fewest the roster has on the floor at any minute of the opening hours
    wanted: int  # the headcount the search asked for
    people: int  # people rostered (relief for breaks included)
    lacking_share: float  # fresh days an action failed for want of one
    needed_share: float  # fresh days an action that needs one was taken at all


class RoleTotal(TypedDict):
    """What one role's shifts add up to."""

    people: int
    hours: float
    cost: float | None


class RosterFile(TypedDict):
    """``roster.json``."""

    schema_version: int
    targets: list[str]
    share: float
    block_min: float
    days: int
    seed: int
    fresh_seed: int  # the verification days' seed (the run directory's days too)
    rounds: int
    converged: bool  # False: the search stopped at its most rounds
    optimal: bool  # False: the integer program's time limit came first (the best found)
    people: list[PersonEntry]
    blocks: list[RosterBlock]
    floor: dict[str, FloorEntry]
    totals: dict[str, RoleTotal]
    cost: float | None
    unmet: list[str]  # blocks that do not hold on the search's days
