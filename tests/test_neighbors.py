"""Neighbouring halls: down too in a regional outage, full after their spare capacity, far away."""

import numpy as np
import pytest

from simulator.engine.events import ActionResult, ActionStatus, EventKind, Reason
from simulator.engine.hall import simulate_day
from simulator.engine.records import Outcome
from simulator.engine.streams import Streams
from simulator.metrics import day_metrics
from simulator.model.errors import ScenarioError
from simulator.model.load import load_scenario_text
from simulator.model.scenario import Neighbor
from tests.factory import OPEN, hall, outage, rule

NORTH = "城北支行"
TEN, ELEVEN = OPEN + 60, OPEN + 120  # the outage: 10:00 to 11:00


def redirect_day(neighbor: Neighbor, **outage_params):
    scenario = hall(
        per_min=2.0,
        counters=3,
        neighbors=(neighbor,),
        incidents=(outage(60, 60, **outage_params),),
        playbook=(rule("outage_min >= 1", "redirect", to=NORTH, share=0.5),),
    )
    return scenario, simulate_day(scenario, Streams(3, 0))


def redirect_result(record) -> ActionResult:
    (event,) = [e for e in record.events if e.kind is EventKind.ACTION and e.name == "redirect"]
    return event.result


def test_a_neighbour_down_in_the_same_regional_outage_takes_nobody_and_it_is_said():
    neighbor = Neighbor(name=NORTH, travel_min=15, accepts_share=0.5)
    _, local = redirect_day(neighbor)
    _, regional = redirect_day(neighbor, region=True)
    _, named = redirect_day(neighbor, region=(NORTH,))
    assert np.sum(local.outcome == Outcome.REDIRECTED) > 20
    for record in (regional, named):
        assert not np.any(record.outcome == Outcome.REDIRECTED)
        result = redirect_result(record)
        assert (result.status, result.reason, result.done) == (
            ActionStatus.NOT_CARRIED_OUT,
            Reason.NEIGHBOR_DOWN,
            0,
        )
        assert result.asked == redirect_result(local).done
        assert result.reason.unable  # the plan relied on a refuge that was not there


def test_a_neighbour_takes_no_more_than_its_spare_capacity_in_any_hour():
    neighbor = Neighbor(name=NORTH, travel_min=15, accepts_share=0.5, spare_per_hour=8)
    scenario = hall(
        per_min=2.0,
        counters=3,
        neighbors=(neighbor,),
        playbook=(rule("time >= 10:00 and time < 12:30", "redirect", to=NORTH, share=0.5),),
    )
    record = simulate_day(scenario, Streams(3, 0))
    sent = np.sort(record.end[record.outcome == Outcome.REDIRECTED])
    assert sent.size > 16
    # In every hour-long window, at most 8 (the window just past each one sent).
    for start in sent:
        assert np.sum((sent > start - 60) & (sent <= start)) <= 8
    result = redirect_result(record)
    assert (result.status, result.reason, result.done) == (
        ActionStatus.PARTLY,
        Reason.NEIGHBOR_FULL,
        sent.size,
    )


def test_the_customers_sent_away_pay_the_journey():
    neighbor = Neighbor(name=NORTH, travel_min=15, accepts_share=0.5)
    scenario, record = redirect_day(neighbor)
    sent = np.sum(record.outcome == Outcome.REDIRECTED)
    assert record.redirect_travel_min == 15 * sent
    assert day_metrics(scenario, record)["redirect_travel_hours"] == pytest.approx(sent / 4)


REGIONAL = """schema: 1
name: t
hours: {open: "09:00", close: "17:00"}
site:
  name: s
  floor_area_m2: 100
  exits: [{name: door, width_m: 2}]
  neighbors: [{name: 城北支行, travel_min: 15, accepts_share: 0.3}]
staff: {counters: [{from: "09:00", count: 2}]}
demand:
  arrivals: [{from: "09:00", per_hour: 60}]
  services: [{name: 开户, share: 1, minutes: {dist: exponential, mean: 2}}]
incidents:
  - {kind: system_outage, at: "10:00", duration_min: {dist: fixed, value: 30}, region: REGION}
"""


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ("[城西支行]", "t.yaml:14 incidents[0].region: 未知的邻近营业厅 '城西支行'"),
        ("all", "t.yaml:14 incidents[0].region: 应为 false、true 或邻近营业厅名称列表"),
    ],
)
def test_a_region_naming_no_neighbour_is_refused_at_its_line(region, message):
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(REGIONAL.replace("REGION", region), "t.yaml")
    assert message in str(error.value)


def test_a_redirect_to_a_hall_that_is_down_is_not_carried_out_even_with_nobody_to_send():
    # The old door judged the neighbour only per customer: with nobody in the share it said
    # "nobody it applies to came", which is not held against the plan.
    neighbor = Neighbor(name=NORTH, travel_min=15, accepts_share=0.5)
    scenario = hall(
        per_min=0.05,
        counters=3,
        neighbors=(neighbor,),
        incidents=(outage(60, 60, region=True, callback_share=0.3),),
        playbook=(rule("outage_min >= 50", "redirect", to=NORTH, share=0.5),),
    )
    for seed in range(4):
        result = redirect_result(simulate_day(scenario, Streams(seed, 0)))
        assert (result.status, result.reason) == (
            ActionStatus.NOT_CARRIED_OUT,
            Reason.NEIGHBOR_DOWN,
        )
