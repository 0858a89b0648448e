"""The day's event log: time order, an action right after its trigger, results filled in later."""

from simulator.engine.events import DONE, ActionResult, ActionStatus, EventKind, Reason
from simulator.engine.log import EventLog


def test_events_come_out_in_time_order_and_a_later_result_keeps_its_place():
    now = [600.0]
    log = EventLog(lambda: now[0])
    log.record(EventKind.TRIGGER, "redirect", rule=0)
    pending = log.open("redirect", 0, lambda: (DONE, "never asked"))
    log.record(EventKind.TRIGGER, "escalate", rule=1)
    log.record(EventKind.ACTION, "escalate", rule=1, result=DONE)
    log.record(EventKind.INCIDENT_END, "surge", incident=0, at=590.0)  # known in advance
    now[0] = 630.0
    result = ActionResult(ActionStatus.CARRIED_OUT, done=12)
    pending.close(result, "12 sent")
    pending.close(DONE, "a second close changes nothing")
    events = log.events()
    assert [(e.time, e.kind, e.name) for e in events] == [
        (590.0, EventKind.INCIDENT_END, "surge"),
        (600.0, EventKind.TRIGGER, "redirect"),
        (600.0, EventKind.ACTION, "redirect"),  # where it was opened, not where it closed
        (600.0, EventKind.TRIGGER, "escalate"),
        (600.0, EventKind.ACTION, "escalate"),
    ]
    assert events[2].result == result and events[2].detail == "12 sent"


def test_an_action_still_in_force_at_the_end_of_the_day_takes_its_result_so_far():
    log = EventLog(lambda: 700.0)
    short = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NOBODY_ELIGIBLE, done=0)
    log.open("stop_entry", 2, lambda: (short, "in force at closing"))
    (event,) = log.events()
    assert event.rule == 2 and event.result == short and event.detail == "in force at closing"
