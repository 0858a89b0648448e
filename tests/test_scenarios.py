"""Every shipped scenario validates, runs briefly, and behaves as its story says."""

import math
from pathlib import Path

import numpy as np
import pytest

from simulator.engine.demand import rate_profile
from simulator.engine.events import EventKind, Reason
from simulator.model import load_scenario
from simulator.runner import run_replications

SCENARIOS = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))
REPLICATIONS = 8


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda path: path.stem)
def shipped(request):
    scenario = load_scenario(request.param)
    return scenario, run_replications(scenario, REPLICATIONS, seed=1)


def test_the_promised_scenarios_are_shipped():
    assert {"normal_day", "promotion_day"} <= {path.stem for path in SCENARIOS}


def test_every_scenario_runs_and_conserves_customers(shipped):
    scenario, result = shipped
    assert result.values["lost_customers"] == [0.0] * REPLICATIONS
    expected = rate_profile(scenario).expected_arrivals()
    # An evacuation ends the day early: compare whole days only. Those turned away from a
    # hall a robbery shut are arrivals; call-backs coming again are second visits, not demand.
    whole_days = np.isnan(result.values["evacuation_s"])
    first_visits = np.subtract(result.values["arrivals"], result.values["callbacks_returned"])
    arrivals = first_visits[whole_days]
    if arrivals.size:
        # Poisson day totals: the mean is within 4 standard errors of the integral (plus
        # whoever came in while extended hours kept the doors open).
        tolerance = 4 * np.sqrt(expected / arrivals.size)
        assert arrivals.mean() > expected - tolerance
        if not any(rule.action == "extend_hours" for rule in scenario.playbook):
            assert arrivals.mean() < expected + tolerance
    assert 0 < result.estimate("utilization").mean <= 1
    for variant in scenario.variants.values():
        assert run_replications(variant, 1, seed=1).values["lost_customers"] == [0.0]


def test_an_ordinary_day_keeps_its_wait_limit_with_room_to_spare():
    scenario = load_scenario(Path(__file__).parent.parent / "scenarios" / "normal_day.yaml")
    result = run_replications(scenario, REPLICATIONS, seed=1)
    assert result.estimate("wait_p90_min").ci_high < scenario.limits.wait_min
    assert 0.4 < result.estimate("utilization").mean < 0.85


def test_the_promotion_day_queue_builds_during_its_surge():
    scenario = load_scenario(Path(__file__).parent.parent / "scenarios" / "promotion_day.yaml")
    (surge,) = [incident for incident in scenario.incidents if incident.kind == "surge"]
    result = run_replications(scenario, REPLICATIONS, seed=1)
    queue = result.series["queue"].mean()
    minute = result.grid
    before = queue[(minute >= surge.start_min - 60) & (minute < surge.start_min)].mean()
    late_in_surge = queue[(minute >= surge.end_min - 30) & (minute < surge.end_min)].mean()
    assert late_in_surge > 2 * before


def test_the_bank_outage_escalates_on_its_deadlines_and_takes_call_backs():
    scenario = load_scenario(Path(__file__).parent.parent / "scenarios" / "bank_system_outage.yaml")
    result = run_replications(scenario, REPLICATIONS, seed=1)
    assert result.estimate("callback_rate").ci_low > 0
    assert result.estimate("redirect_rate").ci_low > 0
    # 恢复营业后…通知留下联系电话的客户: most of them come back the same day.
    assert result.estimate("callbacks_returned").ci_low > 0
    for replication in range(REPLICATIONS):
        events = [event for index, event in result.events if index == replication]
        (start,) = [event.time for event in events if event.kind is EventKind.INCIDENT]
        (end,) = [event.time for event in events if event.kind is EventKind.INCIDENT_END]
        escalated: dict[str, list[float]] = {}
        for event in events:
            if event.kind is EventKind.ACTION and event.name == "escalate":
                escalated.setdefault(event.target, []).append(event.time)
        assert escalated["技术维护部门"] == [start + 1]
        # Conditions are checked each whole minute, so a deadline is met within the minute.
        for target, deadline in (("上级服务管理部门", 30), ("分行负责人", 60)):
            if end - start > deadline + 1:
                assert escalated[target][0] == start + deadline
            elif end - start < deadline and target == "分行负责人":
                assert target not in escalated
        # And the superior is told once business resumes, within the minute.
        assert end <= escalated["上级服务管理部门"][-1] < end + 1


def test_the_bank_fire_drill_follows_the_fire_plan_and_an_early_alarm_saves_time():
    scenario = load_scenario(Path(__file__).parent.parent / "scenarios" / "bank_fire_drill.yaml")
    days = 40
    result = run_replications(scenario, days, seed=1)
    evacuated = ~np.isnan(result.values["evacuation_s"])
    assert 10 <= evacuated.sum() <= 30  # staff put half the fires out
    plan = ["fire", "fire_detected", "fire_out_of_control", "call_emergency", "power_cut"]
    plan += ["evacuation_alarm", "evacuation_complete", "emergency_arrival"]
    for day in np.flatnonzero(evacuated):
        names = [event.name for index, event in result.events if index == day]
        assert [name for name in names if name in plan] == plan
    # Sounding the alarm at detection evacuates every day, and sooner on the same days.
    early = run_replications(scenario.variants["报警即疏散"], days, seed=1)
    early_rset = np.asarray(early.values["evacuation_s"])
    assert not np.isnan(early_rset).any()
    late_rset = np.asarray(result.values["evacuation_s"])[evacuated]
    assert np.all(early_rset[evacuated] < late_rset)


def test_the_promotion_day_fire_sends_everyone_out_by_the_side_exits():
    path = Path(__file__).parent.parent / "scenarios" / "promotion_fire_blocked_exit.yaml"
    scenario = load_scenario(path)
    result = run_replications(scenario, REPLICATIONS, seed=1)
    days = np.sum(~np.isnan(result.values["evacuation_s"]))
    assert days > 0 and len(result.exit_peak_density) == days
    for peaks in result.exit_peak_density:
        main, side, fire_exit = peaks
        assert np.isnan(main) and side > 0 and fire_exit > 0


def test_the_hall_incidents_scenario_plays_every_new_incident_kind_of_the_plans():
    scenario = load_scenario(SCENARIOS[0].parent / "hall_incidents.yaml")
    kinds = {incident.kind for incident in scenario.incidents}
    assert {"kiosk_outage", "media", "group_complaint", "fight", "robbery"} <= kinds
    result = run_replications(scenario, 20, seed=1)
    started = {event.name for _, event in result.events if event.kind is EventKind.INCIDENT}
    assert {"kiosk_outage", "media", "group_complaint", "fight", "robbery"} <= started
    # On a fight day the 110 call of the rule on fight_min is about the fight.
    fights = {
        (day, event.incident)
        for day, event in result.events
        if event.kind is EventKind.INCIDENT and event.name == "fight"
    }
    calls = {
        (day, event.incident)
        for day, event in result.events
        if event.kind is EventKind.ACTION and event.name == "call_emergency"
    }
    assert calls and calls <= fights
    assert max(result.values["lost_customers"]) == 0
    # The robbery is sheltered: the hall reopens, nobody is evacuated.
    assert all(math.isnan(value) for value in result.values["evacuation_s"])
    # Those who came while it was shut were turned away, and are counted.
    assert result.estimate("turned_away_rate").ci_low > 0


def test_the_power_outage_pre_accepts_by_hand_enters_the_work_and_calls_customers_back():
    scenario = load_scenario(SCENARIOS[0].parent / "promotion_power_outage.yaml")
    result = run_replications(scenario, REPLICATIONS, seed=1)
    assert result.estimate("entry_work_hours").ci_low > 0
    assert result.estimate("callbacks_returned").ci_low > 0
    steps = {event.name for _, event in result.events if event.kind is EventKind.INCIDENT_STEP}
    assert {"work_to_enter", "callbacks_called"} <= steps


def test_in_the_district_wide_outage_the_bank_has_no_branch_to_send_anyone_to():
    scenario = load_scenario(SCENARIOS[0].parent / "bank_system_outage.yaml")
    regional = scenario.variants["片区系统故障"]
    local = run_replications(scenario, REPLICATIONS, seed=1)
    district = run_replications(regional, REPLICATIONS, seed=1)
    assert local.estimate("redirect_rate").ci_low > 0
    assert max(district.values["redirect_rate"]) == 0
    results = [
        event.result
        for _, event in district.events
        if event.kind is EventKind.ACTION and event.name == "redirect"
    ]
    assert all(result.done == 0 and not result.carried_out for result in results)
    assert Reason.NEIGHBOR_DOWN in {result.reason for result in results}
