"""Staffing targets: parsing, blocks, and the per-block measures of one simulated day."""

import numpy as np
import pytest

from simulator.analysis.targets import (
    Target,
    TargetError,
    block_edges,
    block_labels,
    block_values,
    default_targets,
    held,
    parse_target,
    value_in_share,
)
from simulator.engine.records import Channel, DayRecord, Outcome
from tests.factory import OPEN, hall


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("wait_p90_min<=20", Target("wait_p90_min", 20.0)),
        (" wait_p80_min <= 0.5 ", Target("wait_p80_min", 0.5)),
        ("wait_mean_min<=8", Target("wait_mean_min", 8.0)),
        ("abandon_rate<=5%", Target("abandon_rate", 0.05)),
        ("abandon_rate<=0.05", Target("abandon_rate", 0.05)),
    ],
)
def test_targets_are_read(text, target):
    assert parse_target(text) == target


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wait_p90_min=20", "targets are upper bounds; write wait_p90_min<=20"),
        ("wait_p90_min>=20", "targets are upper bounds"),
        ("peak_queue<=30", "'peak_queue' cannot be staffed for; use wait_pNN_min"),
        ("wait_p100_min<=3", "cannot be staffed for"),
        ("abandon_rate<=5", "a rate lies between 0 and 1"),
        ("wait_p90_min<=20%", "a wait is in minutes, not a percentage"),
        ("wait_p90_min", "is not of the form metric<=value"),
        ("wait_p90_min<=twenty", "is not of the form metric<=value"),
    ],
)
def test_a_bad_target_says_what_is_expected(text, message):
    with pytest.raises(TargetError, match=message):
        parse_target(text)


def test_the_quantile_is_read_from_the_name():
    assert Target("wait_p90_min", 20).quantile == 0.9
    assert Target("wait_p5_min", 20).quantile == 0.05
    assert Target("wait_mean_min", 20).quantile is None


def test_default_targets_are_the_scenarios_own_limits():
    assert default_targets(hall(wait_limit=12)) == (Target("wait_p90_min", 12.0),)


def test_blocks_cover_the_opening_hours_and_the_last_may_be_short():
    edges = block_edges(hall(hours=2.25), 30)  # 09:00–11:15
    assert edges.tolist() == [OPEN + m for m in (0, 30, 60, 90, 120, 135)]
    assert block_labels(edges)[-1] == "11:00–11:15"


def day(arrival, start, outcome, counter=None) -> DayRecord:
    arrival, start = np.array(arrival, float), np.array(start, float)
    count = arrival.size
    return DayRecord(
        open_min=OPEN,
        close_min=OPEN + 60,
        arrival=arrival,
        service=np.ones(count),
        priority=np.zeros(count, dtype=int),
        start=start,
        end=np.where(np.isnan(start), arrival + 5, start + 1),
        outcome=np.array(outcome),
        channel=np.full(count, Channel.COUNTER),
        queued_for_counter=np.array(counter if counter is not None else [True] * count),
        counter_busy_minutes=0.0,
        counter_staffed_minutes=60.0,
        floor_staff=0,
        day_end_min=OPEN + 60,
    )


def test_block_measures_count_counter_customers_by_arrival_block():
    served, gave_up = Outcome.SERVED, Outcome.ABANDONED
    record = day(
        # Block 1 (09:00–09:30): waits 0, 10, 20 and one who gave up; a kiosk user is ignored.
        # Block 2 (09:30–10:00): waits 4, and one who arrived at 09:29 is in block 1.
        arrival=[OPEN, OPEN + 1, OPEN + 2, OPEN + 3, OPEN + 4, OPEN + 29, OPEN + 30],
        start=[OPEN, OPEN + 11, OPEN + 22, np.nan, OPEN + 4, OPEN + 59, OPEN + 34],
        outcome=[served, served, served, gave_up, Outcome.SERVED_KIOSK, served, served],
        counter=[True, True, True, True, False, True, True],
    )
    targets = (
        Target("wait_p50_min", 5),
        Target("wait_mean_min", 5),
        Target("abandon_rate", 0.1),
    )
    values = block_values(record, block_edges(hall(hours=1.0), 30), targets)
    # Block 1 waits: 0, 10, 20, 30 → median 15, mean 15; 1 of 5 gave up.
    assert values.tolist() == [[15.0, 15.0, 0.2], [4.0, 4.0, 0.0]]
    assert held(values, targets).tolist() == [[False, False, False], [True, True, True]]


def test_a_block_with_nobody_served_does_not_fail_a_wait_target():
    record = day(arrival=[OPEN + 40], start=[np.nan], outcome=[Outcome.ABANDONED])
    targets = (Target("wait_p90_min", 5), Target("abandon_rate", 0.5))
    values = block_values(record, block_edges(hall(hours=1.0), 30), targets)
    assert np.isnan(values[:, 0]).all()
    assert values[:, 1].tolist() == [0.0, 1.0]  # the outage shows as those who gave up
    assert held(values, targets).tolist() == [[True, True], [True, False]]


def test_the_kept_value_agrees_with_the_met_share():
    rng = np.random.default_rng(5)
    values = rng.exponential(10, size=(40, 3, 1))
    values[:5, 1, 0] = np.nan  # days with nobody to measure count as kept
    target = (Target("wait_p90_min", 12.0),)
    met = held(values, target).all(axis=2).mean(axis=0)
    kept = value_in_share(values, 0.9)[:, 0]
    for block in range(3):
        # Kept on 90 % of days ⇔ the value kept on 90 % of days is within the bound.
        assert (met[block] >= 0.9) == (kept[block] <= 12.0)
        assert np.mean(np.nan_to_num(values[:, block, 0], nan=-1) <= kept[block]) >= 0.9
