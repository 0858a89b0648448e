"""The run directory's one schema: events survive the CSV unchanged; objective ids are stable."""

import csv
import io

import pytest

from simulator.engine.events import (
    DONE,
    ActionResult,
    ActionStatus,
    Event,
    EventKind,
    Reason,
)
from simulator.model.scenario import Limit
from simulator.rundir.schema import (
    EVENT_COLUMNS,
    OBJECTIVE_KINDS,
    event_from_row,
    event_row,
    objective_id,
)
from simulator.runner import run_replications
from simulator.scoring import score_objectives
from tests.factory import emergency, hall, rule

EVENTS = [
    Event(600.0, EventKind.INCIDENT, "system_outage", incident=0, detail="all business stopped"),
    Event(630.0, EventKind.TRIGGER, "escalate", rule=2, who="李娜", detail="李娜 → escalate"),
    Event(630.0, EventKind.ACTION, "escalate", rule=2, target="中心经理", result=DONE),
    Event(
        631.5,
        EventKind.ACTION,
        "open_counters",
        rule=0,
        result=ActionResult(ActionStatus.PARTLY, Reason.RESERVE_EXHAUSTED, 2, 1),
        detail='called 1 of 2, "due" 11:12',
    ),
    Event(700.25, EventKind.PROCEDURE, "call_emergency", incident=3, target="119"),
    # What a log's who or to may hold, and a spreadsheet would run when the CSV is opened.
    Event(701.0, EventKind.ACTION, "escalate", who='=HYPERLINK("http://x","y")', target="+1-2"),
    Event(702.0, EventKind.ACTION, "escalate", who="@SUM(A1)", target="'=quoted", detail="-3"),
]


def test_every_event_survives_events_csv_unchanged():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EVENT_COLUMNS)
    for day, event in enumerate(EVENTS):
        writer.writerow(event_row(day, event))
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [event_from_row(row) for row in rows] == list(enumerate(EVENTS))
    assert rows[1]["rule"] == "3" and rows[0]["incident"] == "1"  # numbered from 1 in files
    text_cells = [row[name] for row in rows for name in ("name", "target", "who", "detail")]
    assert not [cell for cell in text_cells if cell.startswith(("=", "+", "-", "@"))]
    assert (rows[5]["who"], rows[6]["target"]) == ('\'=HYPERLINK("http://x","y")', "''=quoted")


def test_a_cell_that_is_not_what_its_column_holds_is_an_error():
    row = dict(zip(EVENT_COLUMNS, event_row(0, EVENTS[3]), strict=True))
    with pytest.raises(ValueError):
        event_from_row({**row, "status": "maybe"})


def test_objective_ids_are_stable_and_every_kind_scoring_makes_is_in_the_schema():
    assert objective_id("rule", 2) == objective_id("deadline", 2) == "rule-3"
    assert objective_id("evacuation_crowd", None) == "evacuation-crowd"
    with pytest.raises(ValueError):
        objective_id("party", None)
    scenario = hall(
        incidents=(emergency("fire", 60),),
        limits=(Limit("evacuation_s", "evacuation_s", 600.0, "max"),),
        playbook=(
            rule("queue >= 5", "notify_customers"),
            rule("outage_min >= 30", "escalate", to="x"),
        ),
    )
    kinds = {objective.kind for objective in score_objectives(run_replications(scenario, 2, 1))}
    assert kinds == set(OBJECTIVE_KINDS)
