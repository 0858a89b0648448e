"""Evacuation metrics and their judgement: Fruin levels, limits over evacuation days, ratings."""

import math

import numpy as np
import pytest

from simulator.engine.hall import simulate_day
from simulator.engine.streams import Streams
from simulator.metrics.evacuation import density_flag, evacuation_curve, fruin_level
from simulator.model.scenario import Exit, Limit
from simulator.runner import run_replications
from simulator.scoring import Rating, check_limits, score_objectives, summarize_evacuations
from simulator.scoring.evacuation import aset_rating
from tests.factory import emergency, fixed, hall

EXITS = (
    Exit(name="main", width_m=1.8, distance_m=12.0),
    Exit(name="fire exit", width_m=1.0, distance_m=15.0),
)


@pytest.mark.parametrize(
    ("density", "level"),
    [
        (0.0, "A"),
        (1 / 1.2, "A"),
        (1.0, "B"),
        (1 / 0.9 + 0.01, "C"),
        (1.7, "D"),
        (1 / 0.3, "D"),
        (3.34, "E"),
        (5.0, "E"),
        (5.01, "F"),
    ],
)
def test_fruin_queuing_levels_of_service(density, level):
    assert fruin_level(density) == level


def test_density_flags_at_333_and_55():
    assert [density_flag(d) for d in (3.32, 3.33, 5.49, 5.5)] == [
        "",
        "warning",
        "warning",
        "danger",
    ]


def fire_hall(per_min=2.5, exits=EXITS, limits=(), **fire_params):
    fire_params.setdefault("detection_s", fixed(60.0))
    return hall(
        per_min=per_min,
        counters=4,
        exits=exits,
        guides=2,
        security=1,
        incidents=(emergency("fire", 120, **fire_params),),
        limits=limits,
    )


def test_the_evacuation_curve_falls_from_everyone_to_nobody():
    result = run_replications(fire_hall(), 5, seed=1)
    curve = result.evacuation_curve.mean()
    assert result.evacuation_curve.count == 5
    assert curve[0] == pytest.approx(np.mean(result.values["evacuated"]))
    assert np.all(np.diff(curve) <= 0) and curve[-1] == 0


def test_a_limit_on_evacuation_time_is_judged_over_the_days_that_had_one():
    limit = Limit(
        "evacuation_s", "evacuation_s", 80_000.0, "max"
    )  # a generous limit every day keeps
    scenario = fire_hall(suppressed_prob=0.5, limits=(limit,))
    result = run_replications(scenario, 20, seed=2)
    days = np.sum(~np.isnan(result.values["evacuation_s"]))
    assert 0 < days < 20
    (_, judged) = check_limits(result)
    assert judged.held_share == 1.0 and judged.rating is Rating.P


def test_a_run_without_any_evacuation_leaves_the_objectives_unrated():
    scenario = fire_hall(suppressed_prob=1.0, suppression_s=fixed(60.0), asset_min=fixed(5.0))
    result = run_replications(scenario, 3, seed=3)
    assert summarize_evacuations(result) is None
    objectives = score_objectives(result)
    assert [o.rating for o in objectives] == [None]
    assert "none of the 3 days" in str(objectives[0].tasks[0].evidence)


def test_late_evacuations_and_untenable_conditions_are_rated_m_and_u():
    limit = Limit("evacuation_s", "evacuation_s", 60.0, "max")  # no one can make it in 60 s
    scenario = fire_hall(limits=(limit,), asset_min=fixed(1.0))
    timing, crowding = score_objectives(run_replications(scenario, 4, seed=4))
    within, before_aset = timing.tasks
    assert within.rating is Rating.M  # later than 4/3 of the limit: major challenges
    assert before_aset.rating is Rating.U  # people inside when conditions became untenable
    assert timing.rating is Rating.U and crowding.rating is Rating.P


def test_a_crowd_pressing_on_one_narrow_door_is_rated_dangerous():
    narrow = (Exit(name="door", width_m=0.9, distance_m=8.0),)
    crowded = hall(
        per_min=2.0,
        counters=1,  # twice what one counter serves: a crowd of about 200 by the fire
        exits=narrow,
        incidents=(emergency("fire", 240, detection_s=fixed(60.0)),),
    )
    result = run_replications(crowded, 3, seed=5)
    summary = summarize_evacuations(result)
    assert summary.exits[0].danger_share == 1.0 and summary.exits[0].fruin_level_p95 == "F"
    (crowding,) = [o for o in score_objectives(result) if o.kind == "evacuation_crowd"]
    assert crowding.rating is Rating.U


def test_the_summary_reports_rset_quantiles_and_blocked_exits():
    scenario = fire_hall(blocks_exit="main", asset_min=fixed(8.0))
    result = run_replications(scenario, 10, seed=6)
    summary = summarize_evacuations(result)
    rset = np.asarray(result.values["evacuation_s"])
    assert summary.days == 10
    assert summary.rset_p50_s == pytest.approx(np.percentile(rset, 50))
    assert summary.rset_p95_s == pytest.approx(np.percentile(rset, 95))
    assert summary.rset_exceeds_aset_share == np.mean(rset > 480)
    main, side = summary.exits
    assert main.blocked_share == 1.0 and math.isnan(main.peak_density_mean)
    assert side.blocked_share == 0.0 and side.peak_density_mean > 0


def test_people_inside_when_the_brigade_arrives():
    scenario = fire_hall(brigade_min=fixed(0.5))  # on site 30 s after the call: people inside
    result = run_replications(scenario, 3, seed=7)
    assert np.all(np.asarray(result.values["inside_at_responders"]) > 0)


def test_a_days_curve_counts_everyone_until_they_are_out():
    result = run_replications(fire_hall(), 1, seed=8)
    curve = result.evacuation_curve.mean()
    assert curve.max() == result.values["evacuated"][0]


def test_the_evacuation_curve_of_a_record_matches_its_exit_times():
    record = simulate_day(fire_hall(), Streams(9, 0))
    curve = evacuation_curve(record.evacuation)
    out = record.evacuation.out_s
    assert curve[0] == out.size and curve[int(np.ceil(out.max() / 5))] == 0


@pytest.mark.parametrize(
    ("exceeded", "days", "rating"),
    [(0, 75, Rating.P), (1, 75, Rating.M), (2, 75, Rating.M), (7, 75, Rating.M), (8, 75, Rating.U)],
)
def test_anyone_inside_past_aset_on_any_day_is_never_rated_without_challenges(
    exceeded, days, rating
):
    # docs/scoring.md: 2 of 75 evacuations with RSET > ASET is M, never P or S; past the 10 %
    # the target share allows it is U.
    day_ratings = [Rating.U] * exceeded + [Rating.P] * (days - exceeded)
    assert aset_rating(day_ratings, 0.9) is rating
