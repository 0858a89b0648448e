"""System and power outages: who is stopped, who leaves a number, how slow manual work is."""

import numpy as np
import pytest

from simulator.engine.demand import draw_customers
from simulator.engine.events import ActionResult, ActionStatus, EventKind, Reason
from simulator.engine.hall import simulate_day
from simulator.engine.records import Channel, Outcome
from simulator.engine.streams import Streams
from simulator.metrics.day import lost_customers
from simulator.model.distributions import Lognormal, Uniform
from simulator.model.incidents import SystemOutage
from simulator.model.scenario import Service
from tests.factory import KINDS, OPEN, exponential, fixed, hall, outage, rule, staff_incident

TEN, ELEVEN = OPEN + 60, OPEN + 120
SERVICES = [
    Service(name="缴费", share=0.5, minutes=exponential(1.0), kiosk=True),
    Service(name="开户", share=0.5, minutes=exponential(1.0)),
]


def started_between(record, low, high, mask=True):
    return mask & (record.start >= low) & (record.start < high)


def test_an_outage_of_known_length_sends_exactly_the_expected_customers_to_callback():
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=SERVICES,
        kiosks=2,
        incidents=(outage(60, 60, scope=("开户",), callback_share=0.4, preaccept_speed=0.5),),
    )
    streams = Streams(5, 0)
    customers = draw_customers(scenario, streams)
    record = simulate_day(scenario, streams)
    expected = (
        (customers.arrival >= TEN)
        & (customers.arrival < ELEVEN)
        & (customers.service == 1)
        & ~customers.uses_kiosk
        & (customers.callback < 0.4)
    )
    assert expected.sum() > 10
    np.testing.assert_array_equal(record.outcome == Outcome.CALLBACK, expected)
    assert lost_customers(record) == 0


def test_manual_pre_acceptance_runs_at_the_stated_speed_and_other_business_is_untouched():
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=SERVICES,
        incidents=(outage(60, 60, scope=("开户",), preaccept_speed=0.5),),
    )
    streams = Streams(6, 0)
    drawn = draw_customers(scenario, streams).service_minutes
    record = simulate_day(scenario, streams)
    during = started_between(record, TEN, ELEVEN)
    took = record.end - record.start
    slowed = during & (record.service == 1)
    assert slowed.sum() > 10
    np.testing.assert_allclose(took[slowed], drawn[slowed] / 0.5)
    normal = ~slowed & ~np.isnan(record.start)
    np.testing.assert_allclose(took[normal], drawn[normal])


def test_without_manual_work_nothing_starts_until_the_system_is_back():
    scenario = hall(
        per_min=2.0, counters=3, services=SERVICES, kiosks=2, incidents=(outage(60, 45),)
    )
    record = simulate_day(scenario, Streams(7, 0))
    assert not np.any(started_between(record, TEN, TEN + 45))
    # Waiting customers are taken the moment the system returns, at counters and kiosks alike.
    assert np.sum(record.start == TEN + 45) >= 3
    assert np.any((record.start == TEN + 45) & (record.channel == Channel.KIOSK))
    assert lost_customers(record) == 0


def test_a_generator_restores_systems_after_its_delay_while_power_stays_out():
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=SERVICES,
        kiosks=2,
        incidents=(outage(60, 40, kind="power_outage", generator_min=5),),
        playbook=(rule("power_out >= 1", "notify_customers", message="停电, 请稍候"),),
    )
    record = simulate_day(scenario, Streams(8, 0))
    assert not np.any(started_between(record, TEN, TEN + 5))
    assert np.any(started_between(record, TEN + 5, TEN + 10))
    times = {(event.kind, event.name): event.time for event in record.events}
    assert times[EventKind.INCIDENT, "power_outage"] == TEN
    assert times[EventKind.INCIDENT_STEP, "generator_on"] == TEN + 5
    assert times[EventKind.INCIDENT_END, "power_outage"] == TEN + 40
    assert times[EventKind.ACTION, "notify_customers"] == TEN


@pytest.mark.parametrize(("minutes", "escalations"), [(45, [TEN + 30]), (20, [])])
def test_an_escalation_rule_at_30_outage_minutes_fires_on_the_minute(minutes, escalations):
    scenario = hall(
        per_min=1.0,
        incidents=(outage(60, minutes),),
        playbook=(rule("outage_min >= 30", "escalate", to="中心综合组"),),
    )
    record = simulate_day(scenario, Streams(9, 0))
    reports = [e for e in record.events if e.kind is EventKind.ACTION and e.name == "escalate"]
    assert [event.time for event in reports] == escalations


def test_a_siege_takes_a_counter_clerk_whose_counter_closes_after_its_customer():
    scenario = hall(
        per_min=2.5,
        counters=3,
        incidents=(staff_incident("siege", 60, 30, counters=2),),
    )
    record = simulate_day(scenario, Streams(10, 0))
    served = ~np.isnan(record.start)
    start, end = record.start[served], record.end[served]
    siege = (start >= TEN) & (start < TEN + 30)
    for time in start[siege]:
        busy = np.sum((start <= time) & (end > time))
        finishing = np.sum((start < TEN) & (end > time))
        assert busy <= 1 + finishing  # one counter left, plus those finishing their customer
    kinds = [event.kind for event in record.events if event.name == "siege"]
    assert kinds == [EventKind.INCIDENT, EventKind.INCIDENT_END]
    assert lost_customers(record) == 0


@pytest.mark.parametrize(
    ("takes", "detail"),
    [
        ({}, "takes 1 guides, 1 security, 1 counters for 30 min"),  # the plans' default
        ({"counters": 1}, "takes 1 counters for 30 min"),  # what is written, nobody else
    ],
)
def test_an_incident_takes_exactly_the_staff_it_names_or_its_kinds_default(takes, detail):
    scenario = hall(
        counters=3,
        guides=1,
        security=1,
        incidents=(staff_incident("siege", 60, 30, **takes),),
    )
    record = simulate_day(scenario, Streams(10, 0))
    [start] = [e for e in record.events if e.kind is EventKind.INCIDENT and e.name == "siege"]
    assert start.detail == detail


def test_a_sampled_start_delay_moves_the_outage_but_not_its_length():

    def outage_times(delay):
        delay_min = Uniform(low=0, high=60) if delay else None
        outage = SystemOutage(
            start_min=TEN, duration_min=Lognormal(mean=30, sd=10), start_delay_min=delay_min
        )
        scenario = hall(incidents=(outage,))
        times = []
        for replication in range(20):
            events = simulate_day(scenario, Streams(12, replication)).events
            start = next(e.time for e in events if e.kind is EventKind.INCIDENT)
            end = next(e.time for e in events if e.kind is EventKind.INCIDENT_END)
            times.append((start, end - start))
        return np.array(times)

    fixed, delayed = outage_times(False), outage_times(True)
    assert np.all(fixed[:, 0] == TEN)
    assert np.all((delayed[:, 0] >= TEN) & (delayed[:, 0] <= TEN + 60))
    assert len(set(delayed[:, 0])) == 20  # a different start every day
    np.testing.assert_allclose(delayed[:, 1], fixed[:, 1])  # same lengths, day by day


def test_a_partial_outage_leaves_the_kiosks_to_the_business_it_does_not_stop():
    services = [
        Service(name="缴费", share=0.5, minutes=exponential(1.0), kiosk=True),
        Service(name="查询", share=0.5, minutes=exponential(1.0), kiosk=True),
    ]
    scenario = hall(
        per_min=2.0,
        counters=2,
        services=services,
        kiosks=2,
        kiosk_uptake=1.0,
        incidents=(outage(60, 60, scope=("缴费",)),),
    )
    record = simulate_day(scenario, Streams(12, 0))
    at_kiosk = record.channel == Channel.KIOSK
    during = started_between(record, TEN, ELEVEN, at_kiosk)
    assert np.sum(during & (record.service == 1)) > 20  # 查询 goes on at the kiosks
    assert not np.any(during & (record.service == 0))  # 缴费 is stopped there too


def test_a_generator_slower_than_the_outage_waits_for_the_mains_not_longer():
    scenario = hall(
        per_min=2.0,
        counters=2,
        incidents=(outage(60, 10, kind="power_outage", generator_min=30),),
    )
    record = simulate_day(scenario, Streams(13, 0))
    assert not np.any(started_between(record, TEN, TEN + 10))
    assert np.any(started_between(record, TEN + 10, TEN + 11))  # back with the mains at 10:10
    steps = [e.name for e in record.events if e.kind is EventKind.INCIDENT_STEP]
    assert "generator_on" not in steps


def test_outage_minutes_count_from_the_oldest_outage_in_force():
    scenario = hall(
        per_min=1.0,
        incidents=(outage(60, 60), outage(80, 60, kind="power_outage")),
        playbook=(rule("outage_min >= 30", "escalate", to="中心综合组"),),
    )
    record = simulate_day(scenario, Streams(14, 0))
    reports = [e.time for e in record.events if e.kind is EventKind.ACTION]
    assert reports == [TEN + 30]  # 30 minutes into the first outage, not the second


def test_a_power_outage_takes_manual_pre_acceptance_and_call_back_numbers_like_a_system_one():
    # 停电或系统瘫痪: the plan prescribes 人工预受理 and 留下联系电话 for both.
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=SERVICES,
        kiosks=2,
        incidents=(outage(60, 60, "power_outage", callback_share=0.4, preaccept_speed=0.5),),
    )
    streams = Streams(5, 0)
    customers = draw_customers(scenario, streams)
    record = simulate_day(scenario, streams)
    left_a_number = (
        (customers.arrival >= TEN)
        & (customers.arrival < ELEVEN)
        & ~customers.uses_kiosk
        & (customers.callback < 0.4)
    )
    np.testing.assert_array_equal(record.outcome == Outcome.CALLBACK, left_a_number)
    by_hand = started_between(record, TEN, ELEVEN, record.channel == Channel.COUNTER)
    assert by_hand.sum() > 10
    took = record.end - record.start
    np.testing.assert_allclose(took[by_hand], customers.service_minutes[by_hand] / 0.5)


def test_a_kiosk_outage_stops_the_kiosks_only_and_a_redirect_steers_kiosk_customers_to_counters():
    scenario = hall(
        per_min=2.0,
        counters=3,
        services=SERVICES,
        kiosks=2,
        guides=1,
        incidents=(outage(60, 60, "kiosk_outage"),),
        playbook=(rule("kiosk_outage_active >= 1", "redirect", to="counters", share=0.8),),
    )
    streams = Streams(5, 0)
    customers = draw_customers(scenario, streams)
    record = simulate_day(scenario, streams)
    during = (record.arrival >= TEN) & (record.arrival < ELEVEN)
    kiosk_users = customers.uses_kiosk
    steered = during & kiosk_users & (customers.routing < 0.8)
    assert steered.sum() > 10
    assert np.all(record.channel[steered & ~np.isnan(record.start)] == Channel.COUNTER)
    # Counter business goes on at full speed; no kiosk serves anyone while they are down.
    at_kiosk = record.channel == Channel.KIOSK
    assert not np.any(at_kiosk & (record.start >= TEN) & (record.start < ELEVEN))
    (redirect,) = [e for e in record.events if e.kind is EventKind.ACTION and e.name == "redirect"]
    assert redirect.result.done == steered.sum()
    assert lost_customers(record) == 0


def test_a_group_complaint_grows_from_long_waits_and_more_counters_make_it_rarer():
    def days_with_complaint(counters: int) -> int:
        complaint = KINDS["group_complaint"](
            start_min=OPEN,
            duration_min=fixed(30),
            from_waits={"over_min": 20, "chance": 0.02},
        )
        scenario = hall(per_min=2.2, counters=counters, guides=1, incidents=(complaint,))
        days = 0
        for replication in range(30):
            record = simulate_day(scenario, Streams(9, replication))
            starts = [e for e in record.events if e.name == "group_complaint"]
            days += any(e.kind is EventKind.INCIDENT for e in starts)
            assert lost_customers(record) == 0
        return days

    short_staffed, well_staffed = days_with_complaint(2), days_with_complaint(4)
    assert short_staffed >= 25  # waits of an hour and more: it all but always breaks out
    assert well_staffed == 0  # nobody waits 20 minutes: it never does


def test_a_media_visit_takes_the_manager_and_no_report_goes_up_meanwhile():
    scenario = hall(
        incidents=(staff_incident("media", 60, 30),),
        playbook=(
            rule("time >= 10:10 and time < 10:11", "escalate", to="中心经理"),
            rule("time >= 10:40 and time < 10:41", "escalate", to="中心经理"),
        ),
    )
    record = simulate_day(scenario, Streams(1, 0))
    during, after = [e for e in record.events if e.kind is EventKind.ACTION]
    assert during.result == ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NO_MANAGER)
    assert after.result.carried_out
