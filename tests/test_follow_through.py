"""After an outage: call-backs come again as new visits, pre-accepted work takes counter time."""

import numpy as np
import pytest

from simulator.engine.events import EventKind
from simulator.engine.hall import simulate_day
from simulator.engine.records import Channel, Outcome
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.metrics.day import lost_customers
from simulator.model.clock import parse_clock
from simulator.model.errors import ScenarioError
from simulator.model.load import load_scenario_text
from simulator.model.scenario import Service
from tests.factory import OPEN, exponential, fixed, hall, outage, rule

TEN, ELEVEN = OPEN + 60, OPEN + 120  # the outage: 10:00 to 11:00


def outage_day(seed: int = 4, **params):
    params.setdefault("callback_share", 0.5)
    scenario = hall(per_min=2.0, counters=3, incidents=(outage(60, 60, **params),))
    return scenario, simulate_day(scenario, Streams(seed, 0))


def steps(record, name):
    return [e for e in record.events if e.kind is EventKind.INCIDENT_STEP and e.name == name]


def test_every_customer_who_left_a_number_comes_again_after_recovery_as_a_new_visit():
    scenario, record = outage_day(call_back={"after_min": 10, "spread_min": 30})
    returns = record.return_of
    assert returns is not None
    again = returns >= 0
    first = returns[again]
    # Each came again once, from a visit on which they left a number during the outage.
    assert again.sum() > 20 and np.unique(first).size == first.size
    assert np.all(record.outcome[first] == Outcome.CALLBACK)
    np.testing.assert_array_equal(
        np.sort(first), np.flatnonzero(record.outcome == Outcome.CALLBACK)
    )
    # For the same business, with the same priority, between 10 and 40 minutes after recovery.
    np.testing.assert_array_equal(record.service[again], record.service[first])
    np.testing.assert_array_equal(record.priority[again], record.priority[first])
    assert np.all((record.arrival[again] >= ELEVEN + 10) & (record.arrival[again] < ELEVEN + 40))
    # Every visit, the first and the return, ends in exactly one outcome.
    assert lost_customers(record) == 0
    assert not np.any(record.outcome == Outcome.PENDING)
    metrics = day_metrics(scenario, record)
    assert metrics["callbacks_returned"] == again.sum()
    (called,) = steps(record, "callbacks_called")
    assert called.time == ELEVEN and called.detail.startswith(f"{again.sum()} of {again.sum()} ")


def test_at_a_stated_time_only_the_share_who_come_that_day_come():
    _, record = outage_day(call_back={"at": parse_clock("15:00"), "share": 0.5, "spread_min": 20})
    again = record.return_of >= 0
    numbers = np.sum(record.outcome == Outcome.CALLBACK)
    assert 0.3 * numbers < again.sum() < 0.7 * numbers
    fifteen = parse_clock("15:00")
    assert np.all((record.arrival[again] >= fifteen) & (record.arrival[again] < fifteen + 20))


def test_those_who_would_come_after_closing_come_another_day():
    close = OPEN + 8 * 60
    _, record = outage_day(call_back={"at": close - 10, "spread_min": 40})
    again = record.return_of >= 0
    assert np.all(record.arrival[again] < close)
    numbers = np.sum(record.outcome == Outcome.CALLBACK)
    assert 0 < again.sum() < numbers  # a quarter of the spread lies before closing
    (called,) = steps(record, "callbacks_called")
    assert f"{numbers - again.sum()} would come after closing: another day" in called.detail


def test_without_call_back_nobody_comes_again_and_the_day_is_unchanged():
    _, plain = outage_day()
    _, called = outage_day(call_back={"share": 0.0})
    assert plain.return_of is None and called.return_of is None
    np.testing.assert_array_equal(plain.outcome, called.outcome)


def test_customers_who_took_a_call_back_during_the_outage_are_called_back_too():
    scenario = hall(
        per_min=3.0,
        counters=2,
        incidents=(outage(60, 60, call_back={"after_min": 0, "spread_min": 10}),),
        playbook=(rule("outage_min >= 20", "take_callbacks", cooldown_min=1000),),
    )
    record = simulate_day(scenario, Streams(6, 0))
    numbers = np.flatnonzero(record.outcome == Outcome.CALLBACK)
    assert numbers.size > 5
    np.testing.assert_array_equal(np.sort(record.return_of[record.return_of >= 0]), numbers)


def test_work_pre_accepted_by_hand_is_entered_afterwards_and_takes_counter_time():
    kwargs = {"callback_share": 0.0, "preaccept_speed": 0.5}
    scenario, record = outage_day(entry_min=fixed(4.0), **kwargs)
    _, without = outage_day(**kwargs)  # the same customers: common random numbers
    at_counter = (record.channel == Channel.COUNTER) | (record.channel == Channel.FAST_LANE)
    by_hand = at_counter & (record.start >= TEN) & (record.start < ELEVEN)
    assert by_hand.sum() > 20
    # Every piece is entered, or still waiting at the end of the day: none is lost.
    assert record.entries_entered + record.entries_left == by_hand.sum()
    assert record.entries_left == 0
    assert record.entry_minutes == pytest.approx(4.0 * record.entries_entered)
    assert record.counter_busy_minutes == pytest.approx(
        without.counter_busy_minutes + record.entry_minutes, rel=0.02
    )
    # It is done first (立即为您办理): those who come just after recovery wait for it.
    after = (record.arrival >= ELEVEN) & (record.arrival < ELEVEN + 30)
    waits = record.start[after] - record.arrival[after]
    waits_without = without.start[after] - without.arrival[after]
    assert np.nansum(waits) > np.nansum(waits_without) + 60
    metrics = day_metrics(scenario, record)
    assert metrics["entry_work_hours"] == pytest.approx(record.entry_minutes / 60)
    (queued,) = steps(record, "work_to_enter")
    assert queued.time == ELEVEN and queued.detail.startswith(f"{by_hand.sum()} pre-accepted")


def test_conservation_with_the_outside_queue_returning_call_backs_and_the_backlog():
    scenario = hall(
        per_min=3.0,
        counters=3,
        security=1,
        incidents=(
            outage(
                60,
                60,
                callback_share=0.4,
                preaccept_speed=0.5,
                entry_min=fixed(3.0),
                call_back={"after_min": 5, "spread_min": 60},
            ),
        ),
        playbook=(rule("queue >= 15", "stop_entry", admit_below=25),),
    )
    for seed in range(5):
        record = simulate_day(scenario, Streams(seed, 0))
        assert lost_customers(record) == 0
        assert not np.any(record.outcome == Outcome.PENDING)
        assert np.any(record.return_of >= 0) and np.any(record.entered_at > record.arrival)
        assert record.entries_left == 0


BASE = """schema: 1
name: t
hours: {open: "09:00", close: "17:00"}
site: {name: s, floor_area_m2: 100, exits: [{name: door, width_m: 2}]}
staff: {counters: [{from: "09:00", count: 2}]}
demand:
  arrivals: [{from: "09:00", per_hour: 60}]
  services: [{name: 开户, share: 1, minutes: {dist: exponential, mean: 2}}]
incidents:
  - kind: system_outage
    at: "10:00"
    duration_min: {dist: fixed, value: 30}
    call_back: CALL_BACK
"""


@pytest.mark.parametrize(
    ("call_back", "message"),
    [
        (
            '{at: "15:00", after_min: 10}',
            "t.yaml:13 incidents[0].call_back.after_min: at（再来时刻）与 after_min",
        ),
        ('{at: "18:30"}', "t.yaml:13 incidents[0].call_back.at: 18:30 不在营业时间 09:00–17:00 内"),
        ("{share: 1.5}", "t.yaml:13 incidents[0].call_back.share:"),
    ],
)
def test_a_call_back_that_cannot_be_is_refused_with_its_key(call_back, message):
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(BASE.replace("CALL_BACK", call_back), "t.yaml")
    assert message in str(error.value)


def test_a_call_back_who_leaves_a_number_again_and_is_held_outside_keeps_their_patience():
    # The third visit of a customer who left a number twice looked up an outside patience
    # past the day's draws (IndexError).
    scenario = hall(
        per_min=3.0,
        counters=2,
        security=1,
        outside_patience_min=fixed(10.0),
        incidents=(
            outage(60, 60, callback_share=0.5, call_back={"after_min": 0, "spread_min": 20}),
            outage(140, 60, call_back={"after_min": 0, "spread_min": 20}),
        ),
        playbook=(
            rule("outage_min >= 5", "take_callbacks", cooldown_min=1),
            rule("time >= 12:20", "stop_entry", admit_below=10),
        ),
    )
    for seed in range(3):
        record = simulate_day(scenario, Streams(seed, 0))
        returns = record.return_of
        again = returns[returns >= 0]
        assert np.any(returns[again] >= 0)  # someone came a third time
        assert lost_customers(record) == 0


def test_entry_work_waits_only_for_an_outage_that_stops_its_own_business():
    services = [
        Service(name="a", share=0.5, minutes=exponential(1.0)),
        Service(name="b", share=0.5, minutes=exponential(1.0)),
    ]
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=services,
        kiosks=2,
        incidents=(
            outage(60, 60, preaccept_speed=0.5, entry_min=fixed(3.0)),
            outage(125, 300, kind="kiosk_outage"),
            outage(125, 300, scope=("b",), preaccept_speed=1.0),
        ),
    )
    record = simulate_day(scenario, Streams(1, 0))
    # Service a's pieces are entered at once (the kiosks and service b being down does not
    # stop it); service b's wait for b's system, back at 14:25.
    a_pieces = np.sum((record.service == 0) & (record.start >= TEN) & (record.start < ELEVEN))
    assert a_pieces > 10
    assert record.entries_left == 0
    assert record.day_end_min < OPEN + 8 * 60 + 30


def test_systems_back_after_closing_leave_the_entry_work_for_another_day():
    with_entry = hall(
        per_min=1.0,
        counters=3,
        incidents=(outage(420, 300, preaccept_speed=0.5, entry_min=fixed(2.0)),),
    )
    without = with_entry.with_changes(incidents=(outage(420, 300, preaccept_speed=0.5),))
    record = simulate_day(with_entry, Streams(1, 0))
    plain = simulate_day(without, Streams(1, 0))
    assert record.entries_entered == 0 and record.entries_left > 10
    # Nobody is kept on the books until the systems come back at 21:00.
    assert record.counter_staffed_minutes == plain.counter_staffed_minutes
    (left,) = steps(record, "work_left")
    assert left.detail == f"systems back after closing: {record.entries_left} left to enter"
