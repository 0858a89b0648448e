"""People who cannot leave alone: a helper of the staff takes each out, trip after trip."""

import numpy as np
import pytest

from simulator.engine.assistance import plan_escorts
from simulator.engine.egress import CUSTOMER, STAFF, door_headway_s, evacuate
from simulator.engine.floor import Spot
from simulator.engine.streams import Streams
from simulator.model.distributions import Fixed
from simulator.model.scenario import DEFAULT_EGRESS, Exit, Premovement

DOOR = (Exit(name="door", width_m=1.2, distance_m=10.0),)
HELPED = DEFAULT_EGRESS.model_copy(
    update={
        "needs_help_share": 1.0,
        "help_s": Fixed(value=20.0),
        "position_spread": 0.0,  # everyone 10 m from the door
        "premovement_s": Premovement(customers=Fixed(value=5.0), staff=Fixed(value=5.0)),
        "speed_mps": Fixed(value=1.0),
    }
)


def run(customers: int, staff: int, egress=HELPED):
    group = np.array([CUSTOMER] * customers + [STAFF] * staff)
    slow = np.array([True] * customers + [False] * staff)
    return evacuate(
        group,
        np.zeros(group.size),
        0,
        DOOR,
        frozenset(),
        240.0,
        egress,
        Streams(1, 0),
        None,
        slow,
    )


def test_one_helper_takes_three_people_out_one_after_the_other():
    result = run(3, 1)
    assert result.escorted.tolist() == [True, True, True, False]
    out, start = result.out_s, result.premovement_s
    slow_walk = 10.0 / 0.6  # the vulnerable pace: 0.6 of 1 m/s
    # First trip: both ready at 5 s, 20 s to ready the person, then 10 m at their pace.
    assert start[0] == pytest.approx(25.0)
    assert out[0] == pytest.approx(25.0 + slow_walk + door_headway_s(1.2))
    # The helper comes back (10 m at 1 m/s) for the next, and so on.
    for first, then in ((0, 1), (1, 2)):
        assert start[then] == pytest.approx(out[first] + door_headway_s(1.2) + 10.0 + 20.0)
    # The helper leaves last, right behind the last person they helped.
    assert out[3] == pytest.approx(out[2] + door_headway_s(1.2))


def test_more_helpers_make_fewer_trips_and_the_last_out_sooner():
    alone, two = run(4, 1), run(4, 2)
    assert two.total_s < alone.total_s - 60  # two trips each instead of four
    assert run(4, 4).total_s < two.total_s


def test_with_nobody_of_the_staff_inside_they_go_on_their_own():
    result = run(3, 0)
    assert not result.escorted.any()
    assert result.total_s == pytest.approx(5.0 + 10.0 / 0.6 + 3 * door_headway_s(1.2), rel=0.05)


def test_guides_and_guards_help_before_the_clerks_the_earliest_free_first():
    is_staff = np.array([False, False, True, True, True])
    spot = np.array([Spot.WAITING, Spot.WAITING, Spot.BEHIND, Spot.ON_FLOOR, Spot.ON_FLOOR])
    premovement = np.array([0.0, 0.0, 1.0, 9.0, 3.0])
    escorts = plan_escorts(
        np.array([True, True, False, False, False]), is_staff, premovement, spot, np.zeros(5)
    )
    assert escorts.helper.tolist() == [4, 3] and escorts.trip.tolist() == [0, 0]


def test_nobody_needs_help_by_default():
    result = run(3, 1, DEFAULT_EGRESS)
    assert not result.escorted.any()
