"""The door: arrivals, and what the measures in force there do (and fail to do)."""

import dataclasses

import numpy as np
import pytest
import simpy

from simulator.engine.customers import CustomerTable
from simulator.engine.demand import Customers, draw_customers
from simulator.engine.door import PRE_REGISTER, REDIRECT, Door, Measure
from simulator.engine.events import ActionStatus, EventKind, Reason
from simulator.engine.hall import simulate_day
from simulator.engine.incidents import Outages
from simulator.engine.log import EventLog
from simulator.engine.records import Channel, Outcome
from simulator.engine.station import Station
from simulator.engine.streams import Streams
from simulator.model.scenario import Neighbor, Service
from tests.factory import OPEN, exponential, hall, rule, staff_incident


class NoGuides:
    def guides_on_floor(self) -> int:
        return 0


class OneGuide:
    def guides_on_floor(self) -> int:
        return 1


def customers(count: int, kiosk_ok: bool, routing: np.ndarray) -> Customers:
    """Return ``count`` counter customers arriving a minute apart from opening."""
    return Customers(
        arrival=OPEN + np.arange(count, dtype=float),
        service=np.zeros(count, dtype=np.int64),
        priority=np.full(count, 2, dtype=np.int8),
        uses_kiosk=np.zeros(count, dtype=bool),
        quick=np.zeros(count, dtype=bool),
        service_minutes=np.full(count, 1.0),
        patience=np.full(count, np.inf),
        kiosk_ok=np.full(count, kiosk_ok),
        routing=routing,
        callback=np.ones(count),
    )


def door_alone(table: CustomerTable, guides) -> tuple[simpy.Environment, Door]:
    """Return a door with real stations and no outage, and the environment to run it in."""
    env = simpy.Environment(initial_time=OPEN)
    env.log = EventLog(lambda: env.now)
    outages = Outages(env)
    counters = Station(env, table, Channel.COUNTER, outages)
    kiosks = Station(env, table, Channel.KIOSK, outages)
    counters.schedule(1)
    kiosks.schedule(1)
    return env, Door(env, table, counters, kiosks, outages, guides, OPEN + 600, None)


def put(env, door: Door, measure: Measure) -> None:
    """Put ``measure`` in force at ``door``, its event in the environment's log."""
    event = env.log.open(measure.kind, measure.rule, lambda: (measure.result(), ""))
    door.put(measure, event)


def test_a_kiosk_redirect_without_a_guide_steers_nobody_and_says_whom_it_missed():
    routing = np.linspace(0.0, 0.99, 100)  # a quarter of the draws fall below 0.25
    table = CustomerTable(customers(100, kiosk_ok=True, routing=routing), watched=False)
    env, door = door_alone(table, NoGuides())
    measure = Measure(REDIRECT, 0, destination="kiosks", share=0.25, needs_guide=True)
    put(env, door, measure)
    env.process(door.arrivals())
    env.run(until=OPEN + 200)
    assert door.kiosks.joined == [False] * 100
    assert (measure.applied, measure.missed) == (0, 25)
    result = measure.result()
    assert result.status is ActionStatus.NOT_CARRIED_OUT and result.reason is Reason.NO_GUIDE


def test_the_weakest_pre_registration_never_wins_and_an_absent_guide_pre_processes_nobody():
    routing = np.ones(10)
    drawn = dataclasses.replace(
        customers(10, kiosk_ok=False, routing=routing), service_minutes=np.full(10, 100.0)
    )
    table = CustomerTable(drawn, watched=False)  # the first is served; the others wait
    env, door = door_alone(table, OneGuide())
    weak = Measure(PRE_REGISTER, 0, factor=0.9, needs_guide=True, per_guide_per_hour=600)
    strong = Measure(PRE_REGISTER, 1, factor=0.7, needs_guide=True, per_guide_per_hour=600)
    for measure in (weak, strong):
        put(env, door, measure)
        env.process(door.pre_registering(measure))
    env.process(door.arrivals())
    env.run(until=OPEN + 4.5)  # the guide gets to each a minute after they came
    assert table.prep_factor[:4] == [1.0] + [0.7] * 3  # the stronger of the two in force
    door.guides = NoGuides()
    env.run(until=OPEN + 10)
    assert table.prep_factor[4:] == [1.0] * 6  # nobody to pre-process them
    assert strong.applied == 3 and strong.missed == 5 and weak.applied == 0


@pytest.mark.parametrize("guides", [1, 0])
def test_stacked_redirects_each_take_at_most_their_share(guides):
    # A kiosk redirect fired before a neighbour redirect: customers the kiosks cannot take
    # (counter business, or nobody to steer them) stay; they never spill into the neighbour's
    # share, which must not exceed what the neighbour accepts.
    services = [
        Service(name="缴费", share=0.5, minutes=exponential(1.0), kiosk=True),
        Service(name="开户", share=0.5, minutes=exponential(1.0)),
    ]
    scenario = hall(
        per_min=3.0,
        counters=1,
        services=services,
        kiosks=2,
        kiosk_uptake=0.0,
        guides=guides,
        neighbors=(Neighbor(name="城西营业厅", travel_min=15, accepts_share=0.15),),
        playbook=(
            rule("time >= 09:00", "redirect", to="kiosks", share=0.5),
            rule("time >= 09:00", "redirect", to="城西营业厅", share=0.15),
        ),
    )
    record = simulate_day(scenario, Streams(3, 0))
    sent = record.outcome == Outcome.REDIRECTED
    for service in (0, 1):
        share = sent[record.service == service].mean()
        assert share == pytest.approx(0.15, abs=0.04), (service, share)


def test_a_redirect_counts_exactly_the_customers_it_sent():
    scenario = hall(
        per_min=2.0,
        counters=1,
        neighbors=(Neighbor(name="城西营业厅", travel_min=15, accepts_share=0.4),),
        playbook=(rule("queue >= 5", "redirect", to="城西营业厅", share=0.4),),
    )
    streams = Streams(8, 0)
    record = simulate_day(scenario, streams)
    redirects = [e for e in record.events if e.kind is EventKind.ACTION and e.name == "redirect"]
    sent = int(np.sum(record.outcome == Outcome.REDIRECTED))
    assert sent > 10 and sum(e.result.done for e in redirects) == sent
    assert all(e.result.status is ActionStatus.CARRIED_OUT for e in redirects)
    # Those sent are exactly the counter customers whose draw fell below the share.
    routing = draw_customers(scenario, streams).routing
    assert np.all(routing[record.outcome == Outcome.REDIRECTED] < 0.4)


def test_pre_registration_with_the_only_guide_away_leaves_service_times_alone():
    scenario = hall(
        per_min=2.5,
        counters=2,
        guides=1,
        incidents=(staff_incident("siege", 60, 60, guides=1, security=0, counters=0),),
        playbook=(rule("time >= 09:30", "pre_register", factor=0.5),),
    )
    streams = Streams(4, 0)
    record = simulate_day(scenario, streams)
    drawn = draw_customers(scenario, streams).service_minutes
    away = (record.arrival >= OPEN + 60) & (record.arrival < OPEN + 120) & ~np.isnan(record.start)
    # Arrivals while the guide was away keep their drawn service time.
    late = away & (record.arrival > OPEN + 61) & (record.start < OPEN + 120)
    assert late.sum() > 10
    np.testing.assert_allclose((record.end - record.start)[late], drawn[late])


def test_a_measure_put_in_force_again_keeps_its_place_and_closes_the_earlier_one():
    table = CustomerTable(customers(1, kiosk_ok=True, routing=np.zeros(1)), watched=False)
    env, door = door_alone(table, OneGuide())
    first = Measure(REDIRECT, 0, destination="kiosks", share=0.3, needs_guide=True)
    put(env, door, first)
    put(env, door, Measure(REDIRECT, 1, destination="west", share=0.3))
    again = Measure(REDIRECT, 0, destination="kiosks", share=0.3, needs_guide=True)
    put(env, door, again)
    assert [m.rule for m in door.measures.values()] == [0, 1]  # rule 0 still takes draws first
    assert first.event.closed and not again.event.closed
    (event,) = env.log.events()[:1]
    assert event.result.reason is Reason.NOBODY_ELIGIBLE  # the first acted on nobody


def test_a_kiosk_redirect_put_in_force_with_no_guide_reports_the_missing_guide():
    table = CustomerTable(customers(1, kiosk_ok=False, routing=np.zeros(1)), watched=False)
    env, door = door_alone(table, NoGuides())
    measure = Measure(REDIRECT, 0, destination="kiosks", share=0.3, needs_guide=True)
    put(env, door, measure)
    result = measure.result()  # nobody it could have steered came either
    assert result.status is ActionStatus.NOT_CARRIED_OUT and result.reason is Reason.NO_GUIDE
    assert result.unable
