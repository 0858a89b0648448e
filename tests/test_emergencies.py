"""Fire, bomb threat and earthquake timelines, and the evacuation of everyone inside."""

import numpy as np
import pytest

from simulator.engine.emergencies import SUPPRESSION_WINDOW_S
from simulator.engine.events import EventKind, Reason
from simulator.engine.hall import simulate_day
from simulator.engine.records import Outcome
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.metrics.day import lost_customers
from simulator.model.actions import ACTIONS
from simulator.model.decisions import Decision
from simulator.model.scenario import Exit, Reserve
from tests.factory import OPEN, emergency, fixed, hall, outage, rule, staff_incident

EXITS = (
    Exit(name="main", width_m=1.8, distance_m=12.0),
    Exit(name="fire exit", width_m=1.0, distance_m=15.0),
)


def busy_hall(*incidents, **options):
    """Return a busy hall: 2.5 customers a minute for 4 counters of 1 min on average."""
    options.setdefault("guides", 2)
    options.setdefault("security", 1)
    return hall(per_min=2.5, counters=4, exits=EXITS, incidents=tuple(incidents), **options)


def events_named(record, name):
    return [event for event in record.events if event.name == name]


def fire(**params):
    params.setdefault("detection_s", fixed(60.0))
    return emergency("fire", 120, **params)


def test_an_unsuppressed_fire_is_reported_and_evacuated_three_minutes_after_ignition():
    # 起火后3分钟之内: found a minute after ignition, fought for the two minutes left.
    record = simulate_day(busy_hall(fire(brigade_min=fixed(8.0))), Streams(1, 0))
    alarm = OPEN + 120 + SUPPRESSION_WINDOW_S / 60
    evacuation = record.evacuation
    assert evacuation.incident_min == OPEN + 120 and evacuation.alarm_min == pytest.approx(alarm)
    for name in ("fire_out_of_control", "call_emergency", "power_cut", "evacuation_alarm"):
        (event,) = events_named(record, name)
        assert event.time == pytest.approx(alarm)
    metrics = day_metrics(busy_hall(fire()), record)
    assert metrics["evacuation_s"] == pytest.approx(evacuation.out_s.max())
    assert metrics["egress_s"] == pytest.approx(evacuation.out_s.max() - 180.0)
    (arrival,) = events_named(record, "emergency_arrival")
    assert arrival.time == pytest.approx(alarm + 8.0)
    assert evacuation.responders_s == pytest.approx((alarm + 8.0 - OPEN - 120) * 60)


def test_everyone_inside_at_the_alarm_is_evacuated_exactly_once():
    record = simulate_day(busy_hall(fire()), Streams(2, 0))
    evacuation = record.evacuation
    evacuated = record.outcome == Outcome.EVACUATED
    customers_out = np.sum(evacuation.group == 0)
    assert evacuated.sum() == customers_out > 0
    # Staff: 4 clerks, 2 guides, 1 guard.
    assert np.sum(evacuation.group == 1) == 7
    assert lost_customers(record) == 0
    # Nobody came in after the alarm: everyone due until closing found the hall shut and went
    # (counted, not dropped); everyone evacuated was inside at the alarm.
    after = record.arrival > evacuation.alarm_min
    assert after.sum() > 100 and record.arrival.max() < record.close_min
    np.testing.assert_array_equal(record.outcome[after], Outcome.TURNED_AWAY)
    assert np.all(record.end[evacuated] > evacuation.alarm_min)
    # An evacuated customer's exit time is one of the evacuation's, each used once.
    since_incident = (record.end[evacuated] - evacuation.incident_min) * 60
    customer_times = np.sort(evacuation.out_s[evacuation.group == 0])
    np.testing.assert_allclose(np.sort(since_incident), customer_times)
    # Customers in service at the alarm leave with the others: their service is cut short.
    assert np.any(evacuated & ~np.isnan(record.start))


def test_a_suppressed_fire_returns_the_fighters_and_the_day_goes_on():
    scenario = busy_hall(fire(suppressed_prob=1.0, suppression_s=fixed(90.0)))
    record = simulate_day(scenario, Streams(3, 0))
    assert record.evacuation is None
    (out,) = events_named(record, "fire_suppressed")
    assert out.time == pytest.approx(OPEN + 121 + 1.5)
    assert np.all(record.outcome != Outcome.EVACUATED)
    assert np.isnan(day_metrics(scenario, record)["evacuation_s"])
    assert record.arrival.max() > OPEN + 400  # customers kept coming all day


def test_with_the_alarm_at_detection_the_fighters_leave_last():
    scenario = busy_hall(fire(alarm="detection", fighters={"security": 1, "guides": 1}))
    record = simulate_day(scenario, Streams(4, 0))
    evacuation = record.evacuation
    assert evacuation.alarm_min == pytest.approx(OPEN + 121)
    staff_out = evacuation.out_s[evacuation.group == 1]
    # The two fighters go on until three minutes after ignition (the fire is not put out).
    fighters_out = np.sort(staff_out)[-2:]
    assert np.all(fighters_out >= SUPPRESSION_WINDOW_S)
    assert events_named(record, "call_emergency")[0].time == pytest.approx(OPEN + 121)


@pytest.mark.parametrize(
    "fighters", [{"counters": 1, "security": 1}, {"guides": 2}, {"counters": 2, "guides": 1}]
)
def test_fire_fighters_are_counted_once_among_the_staff(fighters):
    scenario = busy_hall(fire(alarm="detection", fighters=fighters))
    evacuation = simulate_day(scenario, Streams(12, 0)).evacuation
    assert np.sum(evacuation.group == 1) == 7  # 4 clerks, 2 guides, 1 guard, wherever they are


def test_a_bomb_threat_isolates_the_hall_then_evacuates_on_the_decision():
    threat = emergency("bomb_threat", 120, decision_min=fixed(4.0), police_min=fixed(12.0))
    record = simulate_day(busy_hall(threat), Streams(5, 0))
    (call,) = events_named(record, "call_emergency")
    assert (call.target, call.incident) == ("110", 0)
    (isolated,) = events_named(record, "isolate")
    assert isolated.time == OPEN + 120
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 124)
    # Those who come to the cordoned hall before the alarm are turned away (not balking);
    # after the alarm the day is over.
    cordoned = record.arrival > OPEN + 120
    assert cordoned.any()
    np.testing.assert_array_equal(record.outcome[cordoned], Outcome.TURNED_AWAY)
    assert np.all(record.outcome != Outcome.BALKED) and lost_customers(record) == 0
    assert record.evacuation.responders_s == pytest.approx(12 * 60)


def test_an_earthquake_evacuates_when_the_shaking_stops():
    quake = emergency("earthquake", 120, shaking_s=fixed(30.0))
    record = simulate_day(busy_hall(quake), Streams(6, 0))
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 120.5)
    assert np.isnan(record.evacuation.responders_s) and np.isnan(record.evacuation.asset_s)


def test_an_incident_flagged_evacuate_sounds_the_alarm_when_it_starts():
    illness = staff_incident("illness", 90, 10)
    illness = illness.model_copy(update={"evacuate": True})
    record = simulate_day(busy_hall(illness), Streams(7, 0))
    assert record.evacuation.cause == "illness"
    assert record.evacuation.alarm_min == OPEN + 90


def test_only_the_first_evacuation_of_a_day_happens():
    record = simulate_day(
        busy_hall(emergency("earthquake", 200, shaking_s=fixed(10.0)), fire()), Streams(8, 0)
    )
    assert record.evacuation.cause == "fire"
    assert events_named(record, "earthquake") == []  # the hall was empty by then


def test_a_blocked_exit_is_used_by_nobody():
    record = simulate_day(busy_hall(fire(blocks_exit="main")), Streams(9, 0))
    assert np.all(record.evacuation.exit_index == 1)
    assert record.evacuation.blocked == ("main",)


def test_nobody_to_fight_the_fire_means_the_alarm_at_once_and_no_suppression():
    scenario = busy_hall(fire(suppressed_prob=1.0, fighters={"counters": 0, "security": 0}))
    record = simulate_day(scenario, Streams(13, 0))
    assert record.evacuation is not None and record.evacuation.alarm_min == pytest.approx(
        OPEN + 121
    )


def test_the_fire_crew_is_only_the_staff_there_and_fighting_guides_guide_nobody():
    # Two guides asked for, one guide and no guard in the hall: the crew is that one guide.
    scenario = busy_hall(fire(alarm="detection", fighters={"guides": 2}), guides=1, security=0)
    record = simulate_day(scenario, Streams(14, 0))
    assert np.sum(record.evacuation.group == 1) == 5  # 4 clerks and the guide
    (detected,) = events_named(record, "fire_detected")
    assert "1 guides fight it" in detected.detail


def test_giving_one_fire_quantity_leaves_the_others_unchanged():
    base = busy_hall(emergency("fire", 120))
    more = busy_hall(emergency("fire", 120, detection_s=fixed(45.0), asset_min=fixed(9.0)))
    for replication in range(4):
        first = simulate_day(base, Streams(15, replication))
        second = simulate_day(more, Streams(15, replication))
        assert (first.evacuation is None) == (second.evacuation is None)  # same suppression
        if first.evacuation is not None:  # the same brigade response time after the call

            def brigade(evacuation):
                return evacuation.responders_s / 60 - (
                    evacuation.alarm_min - evacuation.incident_min
                )

            assert brigade(first.evacuation) == pytest.approx(brigade(second.evacuation))


def test_a_plan_variant_does_not_change_when_the_fire_starts_or_how_it_goes():
    fire_incident = emergency("fire", 120, asset_min=fixed(6.0))  # random detection
    base = busy_hall(fire_incident)
    variant = busy_hall(fire_incident, reserve=Reserve(count=2, call_in_min=10))
    for replication in range(3):
        first = simulate_day(base, Streams(10, replication)).evacuation
        second = simulate_day(variant, Streams(10, replication)).evacuation
        assert first.alarm_min == second.alarm_min and first.asset_s == second.asset_s


def test_the_same_seed_gives_the_same_evacuation():
    scenario = busy_hall(fire(asset_min=fixed(6.0)))
    first = simulate_day(scenario, Streams(11, 0)).evacuation
    second = simulate_day(scenario, Streams(11, 0)).evacuation
    np.testing.assert_array_equal(first.out_s, second.out_s)


@pytest.mark.parametrize(
    ("detection_s", "suppression_s", "put_out"),
    [(60.0, 110.0, True), (60.0, 130.0, False), (170.0, 20.0, False), (200.0, 5.0, False)],
)
def test_a_fire_is_out_only_within_three_minutes_of_ignition_not_of_detection(
    detection_s, suppression_s, put_out
):
    # The old engine counted the three minutes from detection: found at 60 s, an attack of
    # 130 s put the fire "out" at 190 s after ignition, and the alarm of a fire found at 200 s
    # waited until 380 s.
    scenario = busy_hall(
        fire(
            detection_s=fixed(detection_s),
            suppressed_prob=1.0,
            suppression_s=fixed(suppression_s),
        )
    )
    record = simulate_day(scenario, Streams(3, 0))
    ignition = OPEN + 120
    if put_out:
        (out,) = events_named(record, "fire_suppressed")
        assert out.time == pytest.approx(ignition + (detection_s + suppression_s) / 60)
        assert record.evacuation is None
    else:
        assert not events_named(record, "fire_suppressed")
        alarm = ignition + max(SUPPRESSION_WINDOW_S, detection_s) / 60
        assert record.evacuation.alarm_min == pytest.approx(alarm)


def test_clerks_an_incident_has_taken_away_do_not_fight_the_fire():
    # A siege has every clerk (and there is no guard): nobody is there to fight, so the alarm
    # sounds at detection instead of after three minutes of fighting.
    siege = staff_incident("siege", 100, 60, counters=4, guides=0, security=0)
    scenario = busy_hall(fire(), siege, guides=0, security=0)
    record = simulate_day(scenario, Streams(6, 0))
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 121)


def test_fighters_under_an_alarm_at_detection_leave_when_the_fire_is_out():
    def fighter_out(suppression_s: float) -> float:
        scenario = busy_hall(
            fire(
                alarm="detection",
                suppressed_prob=1.0,
                suppression_s=fixed(suppression_s),
                fighters={"security": 1, "counters": 0},
            )
        )
        evacuation = simulate_day(scenario, Streams(4, 0)).evacuation
        return float(evacuation.out_s[-1])  # the fighter is the last of the staff

    assert fighter_out(110.0) - fighter_out(60.0) == pytest.approx(50.0, abs=1.0)


def test_a_robbery_locks_the_counters_calls_110_when_the_robbers_leave_then_evacuates():
    robbery = emergency("robbery", 120, robbers_min=fixed(4.0), police_min=fixed(9.0))
    record = simulate_day(busy_hall(robbery), Streams(3, 0))
    start = OPEN + 120
    (alarm,) = events_named(record, "silent_alarm")
    (lockdown,) = events_named(record, "lockdown")
    (call,) = events_named(record, "call_emergency")
    assert alarm.time == lockdown.time == start
    assert (call.time, call.target) == (start + 4, "110")
    evacuation = record.evacuation
    assert evacuation.cause == "robbery" and evacuation.alarm_min == pytest.approx(start + 4)
    assert evacuation.responders_s == pytest.approx(13 * 60)
    # Locked counters start nobody new; nobody came in after the robbers did.
    assert not np.any((record.start > start) & (record.start <= start + 4))
    assert np.all(record.outcome[record.arrival > start] == Outcome.TURNED_AWAY)
    assert lost_customers(record) == 0


def test_a_sheltering_hall_stays_shut_until_the_police_and_the_scene_are_done_then_reopens():
    robbery = emergency(
        "robbery",
        120,
        evacuate=False,
        robbers_min=fixed(4.0),
        police_min=fixed(9.0),
        closed_min=fixed(30.0),
    )
    record = simulate_day(busy_hall(robbery), Streams(3, 0))
    start, reopened = OPEN + 120, OPEN + 120 + 4 + 9 + 30
    assert record.evacuation is None
    (end,) = [e for e in events_named(record, "robbery") if e.kind.name == "INCIDENT_END"]
    assert end.time == pytest.approx(reopened)
    assert not np.any((record.start > start) & (record.start < reopened))
    assert record.start[record.start >= reopened].size > 100  # business as usual after
    # Those who came while it was shut were turned away at the door, and are counted: the old
    # engine dropped them from the day (41 a day in hall_incidents), "nobody lost".
    shut = (record.arrival > start) & (record.arrival < reopened)
    assert shut.sum() > 50
    np.testing.assert_array_equal(record.outcome[shut], Outcome.TURNED_AWAY)
    np.testing.assert_array_equal(record.end[shut], record.arrival[shut])
    assert np.all(np.isnan(record.entered_at[shut]))
    metrics = day_metrics(busy_hall(robbery), record)
    assert metrics["turned_away_rate"] == pytest.approx(shut.mean())
    assert lost_customers(record) == 0


def test_rules_react_to_a_fire_once_it_is_detected_not_at_ignition():
    # The old situation began the fire at ignition: fire_active held before anyone knew.
    scenario = busy_hall(
        fire(detection_s=fixed(120.0), suppressed_prob=1.0, suppression_s=fixed(30.0)),
        playbook=(rule("fire_active >= 1", "notify_customers", message="x"),),
    )
    record = simulate_day(scenario, Streams(1, 0))
    (fired,) = [event.time for event in record.events if event.kind is EventKind.TRIGGER]
    assert fired == pytest.approx(OPEN + 122)


# When people decide (a tabletop team, a drill's log), the evacuation is theirs to order.


def ordered(*minutes: float) -> tuple[Decision, ...]:
    """Return a script that orders the evacuation at each of ``minutes`` after opening."""
    return tuple(Decision(OPEN + minute, ACTIONS["evacuate"]()) for minute in minutes)


def out_of_control_fire(**params):
    return fire(suppressed_prob=0.0, brigade_min=fixed(8.0), **params)


def test_a_team_that_never_orders_the_evacuation_is_cleared_out_by_the_brigade():
    scenario = busy_hall(out_of_control_fire())
    automatic = simulate_day(scenario, Streams(7, 0)).evacuation
    record = simulate_day(scenario, Streams(7, 0), script=ordered())
    # Out of control three minutes after ignition; the brigade, called then, arrives 8 later.
    (cleared,) = events_named(record, "evacuation_by_responders")
    assert cleared.time == pytest.approx(OPEN + 131) == record.evacuation.alarm_min
    assert automatic.alarm_min == pytest.approx(OPEN + 123)
    # Eight minutes of hesitation are eight minutes more before the last person is out.
    assert record.evacuation.rset_s > automatic.rset_s + 7 * 60


def test_the_teams_order_sounds_the_alarm_at_its_own_minute():
    record = simulate_day(busy_hall(out_of_control_fire()), Streams(7, 0), script=ordered(125))
    (order,) = [event for event in record.events if event.kind is EventKind.ACTION]
    assert order.name == "evacuate" and order.result.carried_out and order.incident == 0
    assert record.evacuation.alarm_min == OPEN + 125
    assert record.evacuation.incident_min == OPEN + 120  # RSET still runs from ignition
    assert not events_named(record, "evacuation_by_responders")


def test_ordered_out_while_the_fire_is_fought_the_fighters_fight_on_and_leave_last():
    scenario = busy_hall(out_of_control_fire(fighters={"security": 1, "guides": 1}))
    record = simulate_day(scenario, Streams(8, 0), script=ordered(122))
    evacuation = record.evacuation
    assert evacuation.alarm_min == OPEN + 122  # found at 121, fought until 123
    fighters_out = np.sort(evacuation.out_s[evacuation.group == 1])[-2:]
    # They fight the minute left of the three, then walk out (well within a minute).
    assert np.all(fighters_out >= SUPPRESSION_WINDOW_S)
    assert np.all(fighters_out <= SUPPRESSION_WINDOW_S + 60)
    assert np.sum(evacuation.group == 1) == 7
    # The brigade is reckoned as the plan's call at the three minutes would have brought it.
    assert evacuation.responders_s == pytest.approx(SUPPRESSION_WINDOW_S + 8 * 60)


def orders_of(record):
    return [event for event in record.events if event.kind is EventKind.ACTION]


def test_an_order_after_the_fire_is_out_is_not_carried_out():
    put_out = fire(suppressed_prob=1.0, suppression_s=fixed(30.0))
    record = simulate_day(busy_hall(put_out), Streams(9, 0), script=ordered(125, 125))
    assert record.evacuation is None
    assert [order.result.reason for order in orders_of(record)] == [Reason.NOTHING_TO_EVACUATE] * 2


def test_a_second_order_in_the_same_minute_is_already_in_force():
    record = simulate_day(busy_hall(out_of_control_fire()), Streams(9, 0), script=ordered(125, 125))
    first, second = orders_of(record)
    assert first.result.carried_out and second.result.reason is Reason.ALREADY_IN_FORCE


def test_the_teams_own_119_call_brings_the_brigade_that_clears_the_hall():
    call = ACTIONS["call_emergency"](number=119, response_min=fixed(3.0))
    record = simulate_day(
        busy_hall(out_of_control_fire()), Streams(7, 0), script=(Decision(OPEN + 122, call),)
    )
    # Called at 10:02 with the fire found, on site at 10:05; the brigade of the plan's own
    # call would have come at 10:11.
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 125)
    (cleared,) = events_named(record, "evacuation_by_responders")
    assert cleared.time == pytest.approx(OPEN + 125)


def test_an_order_clears_the_hall_for_the_fire_due_not_the_threat_that_came_later():
    threat = emergency("bomb_threat", 130, decision_min=fixed(4.0), police_min=fixed(12.0))
    burning = out_of_control_fire(blocks_exit="main", asset_min=fixed(6.0))
    scenario = busy_hall(threat, burning)
    evacuation = simulate_day(scenario, Streams(7, 0), script=ordered(131)).evacuation
    assert (evacuation.cause, evacuation.incident_min) == ("fire", OPEN + 120)
    assert evacuation.blocked == ("main",) and evacuation.asset_s == 360.0


def test_no_order_moves_people_while_the_robbers_are_inside_then_one_does():
    robbery = emergency("robbery", 120, robbers_min=fixed(5.0), police_min=fixed(10.0))
    record = simulate_day(busy_hall(robbery), Streams(11, 0), script=ordered(122, 126))
    early, late = orders_of(record)
    assert early.result.reason is Reason.NOT_SAFE_YET and late.result.carried_out
    assert record.evacuation.alarm_min == OPEN + 126
    # The police, called when the robbers left at 10:05, arrive at 10:15.
    assert record.evacuation.responders_s == pytest.approx(15 * 60)


def test_a_robbery_nobody_orders_out_is_cleared_when_the_police_arrive():
    robbery = emergency("robbery", 120, robbers_min=fixed(5.0), police_min=fixed(10.0))
    record = simulate_day(busy_hall(robbery), Streams(11, 0), script=ordered())
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 135)


def test_an_order_with_no_incident_in_progress_is_not_carried_out():
    record = simulate_day(busy_hall(out_of_control_fire()), Streams(9, 0), script=ordered(60))
    (order,) = [event for event in record.events if event.kind is EventKind.ACTION]
    assert not order.result.carried_out
    assert order.result.reason is Reason.NOTHING_TO_EVACUATE
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 131)  # the brigade, later


def test_a_team_may_clear_the_hall_during_an_outage():
    scenario = busy_hall(outage(60, 90, kind="power_outage"))
    record = simulate_day(scenario, Streams(10, 0), script=ordered(100))
    evacuation = record.evacuation
    assert (evacuation.cause, evacuation.alarm_min) == ("power_outage", OPEN + 100)
    assert evacuation.incident_min == OPEN + 100 and np.isnan(evacuation.asset_s)


def test_a_bomb_threat_nobody_orders_out_is_cleared_when_the_police_arrive():
    threat = emergency("bomb_threat", 120, decision_min=fixed(4.0), police_min=fixed(12.0))
    record = simulate_day(busy_hall(threat), Streams(5, 0), script=ordered())
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 132)


def test_people_leave_a_shaking_building_without_waiting_for_an_order():
    quake = emergency("earthquake", 120, shaking_s=fixed(30.0))
    record = simulate_day(busy_hall(quake), Streams(6, 0), script=ordered())
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 120.5)


def test_an_order_while_it_shakes_is_not_safe_yet():
    quake = emergency("earthquake", 120, shaking_s=fixed(90.0))
    record = simulate_day(busy_hall(quake), Streams(6, 0), script=ordered(121))
    (order,) = orders_of(record)
    assert order.result.reason is Reason.NOT_SAFE_YET
    assert record.evacuation.alarm_min == pytest.approx(OPEN + 121.5)  # when it stopped
