"""The egress model against SFPE hand calculations and NIST TN 1822 / RiMEA verification tests."""

import numpy as np
import pytest
from scipy import stats

from simulator.engine.egress import (
    CUSTOMER,
    STAFF,
    _through_doors,
    default_distance_m,
    door_headway_s,
    evacuate,
    sfpe_speed,
)
from simulator.engine.streams import Streams
from simulator.model.distributions import Fixed
from simulator.model.scenario import DEFAULT_EGRESS, Exit, Premovement

# Everyone moves at once, at one speed, from the same distance: the textbook set-up.
STANDING_START = DEFAULT_EGRESS.model_copy(
    update={
        "premovement_s": Premovement(customers=Fixed(value=0.0), staff=Fixed(value=0.0)),
        "speed_mps": Fixed(value=1.2),
        "position_spread": 0.0,
        "familiar_share": 0.0,
    }
)


def replace(egress, **changes):
    return egress.model_copy(update=changes)


def run(people, exits, egress=STANDING_START, area=10_000.0, guides=0, blocked=(), seed=1):
    group = np.full(people, CUSTOMER)
    return evacuate(
        group, np.zeros(people), guides, exits, frozenset(blocked), area, egress, Streams(seed, 0)
    )


@pytest.mark.parametrize(("people", "width"), [(10, 0.9), (50, 1.0), (200, 1.8), (120, 2.4)])
def test_n_people_through_one_door_take_the_sfpe_hand_calculation(people, width):
    # Floor large enough for density below 0.54/m²: everyone walks at the free speed.
    result = run(people, (Exit(name="door", width_m=width, distance_m=20.0),))
    flow = 1.3 * (width - 0.3)
    expected = people / flow + 20.0 / 1.2
    assert abs(result.total_s - expected) <= 1 / flow


def test_a_dense_crowd_walks_at_the_sfpe_speed_for_its_density():
    # 100 people on 50 m²: D = 2.0, S = 1.40·(1 − 0.266·2.0) = 0.6552 m/s < the free 1.2 m/s.
    result = run(100, (Exit(name="door", width_m=1.2, distance_m=10.0),), area=50.0)
    expected = 100 / (1.3 * 0.9) + 10.0 / (1.40 * (1 - 0.266 * 2.0))
    assert abs(result.total_s - expected) <= 1 / (1.3 * 0.9)


def test_sfpe_speed_is_free_below_054_linear_up_to_38_and_never_zero():
    assert np.isinf(sfpe_speed(0.5))
    assert sfpe_speed(1.0) == pytest.approx(1.40 * (1 - 0.266))
    assert sfpe_speed(3.8) > 0 and sfpe_speed(10.0) == sfpe_speed(3.8)


def test_flow_through_a_1m_exit_never_exceeds_133_persons_per_second():
    # NIST TN 1822 verification 5.2, with the default (random) pre-movement and speeds.
    result = run(
        500, (Exit(name="door", width_m=1.0, distance_m=5.0),), egress=DEFAULT_EGRESS, area=300.0
    )
    out = np.sort(result.out_s)
    assert np.min(np.diff(out)) >= 1 / 1.33
    for window in (1.0, 10.0, 60.0):
        through = np.searchsorted(out, out + window, side="left") - np.arange(out.size)
        assert through.max() <= 1.33 * window + 1


def test_one_person_walks_40_m_at_1_m_per_s_in_40_s():
    # NIST 2.1 / RiMEA 1: only walking (plus one pass through a wide door).
    egress = replace(STANDING_START, speed_mps=Fixed(value=1.0))
    result = run(1, (Exit(name="door", width_m=10.0, distance_m=40.0),), egress=egress)
    assert result.out_s[0] - door_headway_s(10.0) == pytest.approx(40.0)


@pytest.mark.parametrize(
    ("group", "distribution"),
    [
        (CUSTOMER, DEFAULT_EGRESS.premovement_s.customers),
        (STAFF, DEFAULT_EGRESS.premovement_s.staff),
    ],
)
def test_premovement_times_follow_the_input_distribution(group, distribution):
    # NIST 1.1: a Kolmogorov–Smirnov test of the sampled times against the lognormal given.
    people = 2000
    result = evacuate(
        np.full(people, group),
        np.zeros(people),
        0,
        (Exit(name="door", width_m=2.0),),
        frozenset(),
        5000.0,
        DEFAULT_EGRESS,
        Streams(3, 0),
    )
    sigma2 = np.log1p((distribution.sd / distribution.mean) ** 2)
    reference = stats.lognorm(s=np.sqrt(sigma2), scale=distribution.mean * np.exp(-sigma2 / 2))
    assert stats.kstest(result.premovement_s, reference.cdf).pvalue > 0.01


def test_guides_shorten_premovement_by_their_factor_on_the_same_draws():
    exits = (Exit(name="door", width_m=2.0),)
    unguided = run(80, exits, egress=DEFAULT_EGRESS)
    guided = run(80, exits, egress=DEFAULT_EGRESS, guides=2)  # 2 × 50 cover all 80
    np.testing.assert_allclose(
        guided.premovement_s, unguided.premovement_s * DEFAULT_EGRESS.guided_factor
    )


def test_people_heading_for_the_main_door_use_it_even_when_another_is_nearer():
    # NIST 3.1: people assigned to an exit use it.
    exits = (
        Exit(name="main", width_m=1.8, distance_m=20.0),
        Exit(name="side", width_m=1.8, distance_m=5.0),
    )
    familiar = replace(STANDING_START, familiar_share=1.0)
    assert np.all(run(60, exits, egress=familiar).exit_index == 0)
    assert np.all(run(60, exits).exit_index == 1)  # nobody familiar: the nearest


def test_nobody_uses_a_blocked_exit():
    exits = (
        Exit(name="main", width_m=1.8, distance_m=5.0),
        Exit(name="side", width_m=1.0, distance_m=30.0),
    )
    familiar = replace(STANDING_START, familiar_share=1.0)
    result = run(60, exits, egress=familiar, blocked={"main"}, guides=1)
    assert np.all(result.exit_index == 1)
    assert np.isnan(result.exit_peak_density[0])


def test_guided_people_spread_over_the_exits_by_their_queues():
    exits = (
        Exit(name="main", width_m=1.8, distance_m=10.0),
        Exit(name="side", width_m=1.8, distance_m=10.0),
    )
    familiar = replace(STANDING_START, familiar_share=1.0)  # unguided, all would take main
    result = run(100, exits, egress=familiar, guides=2)
    assert abs(np.sum(result.exit_index == 0) - 50) <= 1


def test_closing_one_of_two_equal_exits_about_doubles_the_evacuation_time():
    # RiMEA test 9: 400 people, two equal exits; then one of them closed.
    exits = (
        Exit(name="a", width_m=1.0, distance_m=10.0),
        Exit(name="b", width_m=1.0, distance_m=10.0),
    )
    spread = replace(STANDING_START, position_spread=0.5)
    both = run(400, exits, egress=spread, area=400.0)
    one = run(400, exits, egress=spread, area=400.0, blocked={"b"})
    assert 1.8 <= one.total_s / both.total_s <= 2.2


def test_the_door_recursion_matches_a_plain_fcfs_loop():
    rng = np.random.default_rng(7)
    arrive = rng.uniform(0, 60, 300)
    chosen = rng.integers(0, 3, 300)
    headway = np.array([0.5, 0.9, 1.4])
    out = _through_doors(arrive, chosen, headway)
    for door, h in enumerate(headway):
        free = 0.0
        for person in sorted(np.flatnonzero(chosen == door), key=lambda p: arrive[p]):
            free = max(arrive[person], free) + h
            assert out[person] == pytest.approx(free, abs=1e-9)


def test_exit_density_is_the_peak_queue_over_the_approach_area_capped_at_7():
    exit_ = Exit(name="door", width_m=1.0, distance_m=1.0, approach_m2=10.0)
    result = run(40, (exit_,))
    assert result.exit_peak_queue[0] == 40  # all arrive together
    assert result.exit_peak_density[0] == pytest.approx(4.0)
    assert run(200, (exit_,)).exit_peak_density[0] == 7.0


def test_the_default_distance_is_the_mean_distance_to_a_wall_midpoint():
    rng = np.random.default_rng(0)
    points = rng.uniform(size=(400_000, 2)) * 10.0  # a 10 m × 10 m floor, door at (5, 0)
    simulated = np.mean(np.hypot(points[:, 0] - 5.0, points[:, 1]))
    assert default_distance_m(100.0) == pytest.approx(simulated, rel=0.01)


def test_the_same_streams_give_the_same_evacuation():
    exits = (Exit(name="a", width_m=1.8), Exit(name="b", width_m=1.0))
    first = run(150, exits, egress=DEFAULT_EGRESS, area=200.0, guides=1)
    second = run(150, exits, egress=DEFAULT_EGRESS, area=200.0, guides=1)
    np.testing.assert_array_equal(first.out_s, second.out_s)
    different = run(150, exits, egress=DEFAULT_EGRESS, area=200.0, guides=1, seed=2)
    assert not np.array_equal(first.out_s, different.out_s)


def test_nobody_inside_means_an_empty_evacuation():
    result = run(0, (Exit(name="door", width_m=1.8),))
    assert result.total_s == 0.0 and result.out_s.size == 0


def test_people_who_start_late_walk_at_the_density_they_find_then():
    # 200 people on 100 m²; half leave at once (D = 2.0), half 500 s later, when the first half
    # is long gone (D = 1.0): the late ones walk at S(1.0), not at the density of the alarm.
    people, door = 200, Exit(name="door", width_m=1.2, distance_m=10.0)
    delay = np.where(np.arange(people) < 100, 0.0, 500.0)
    result = evacuate(
        np.full(people, CUSTOMER),
        delay,
        0,
        (door,),
        frozenset(),
        100.0,
        STANDING_START,
        Streams(1, 0),
    )
    headway = door_headway_s(1.2)
    expected = 500.0 + 10.0 / (1.40 * (1 - 0.266 * 1.0)) + 100 * headway
    assert abs(result.total_s - expected) <= headway
