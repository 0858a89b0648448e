"""The P/S/M/U rules, pinned."""

import pytest

from simulator.scoring.ratings import (
    Rating,
    rate_deadline,
    rate_limit,
    rate_share,
    reached_on_share,
    worst,
)


@pytest.mark.parametrize(
    ("delay", "rating"),
    [
        (29, Rating.P),
        (30, Rating.P),
        (35, Rating.S),
        (40, Rating.S),
        (45, Rating.M),
        (200, Rating.M),
    ],
)
def test_a_30_minute_escalation_deadline(delay, rating):
    assert rate_deadline(delay, 30) == rating


def test_an_escalation_never_made_is_unable_and_a_late_one_never_is():
    assert rate_deadline(None, 30) == Rating.U
    assert all(rate_deadline(delay, 30) != Rating.U for delay in range(0, 1000, 7))


@pytest.mark.parametrize(
    ("held", "rating"),
    [
        (1.0, Rating.P),
        (0.9, Rating.P),
        (0.85, Rating.S),
        (0.8, Rating.S),
        (0.79, Rating.M),
        (0.5, Rating.M),
        (0.49, Rating.U),
    ],
)
def test_limits_are_rated_by_the_share_of_days_they_held(held, rating):
    assert rate_limit(held, 0.9) == rating


def test_task_success_shares():
    assert [rate_share(s, 10) for s in (10, 9, 5, 4)] == [Rating.P, Rating.S, Rating.M, Rating.U]


def test_the_worst_task_rules_and_the_target_share_of_days_decides():
    assert worst([Rating.P, Rating.M, Rating.S]) == Rating.M
    days = [Rating.P] * 85 + [Rating.M] * 15
    assert reached_on_share(days, 0.9) == Rating.M
    assert reached_on_share(days, 0.85) == Rating.P
    assert reached_on_share([Rating.S] * 9 + [Rating.U], 0.9) == Rating.S


def test_the_target_share_of_days_is_never_rounded_down():
    # 5 of 6 days is 83 %: below 90 %, so the rating must cover all six days.
    assert reached_on_share([Rating.P] * 5 + [Rating.M], 0.9) == Rating.M
    assert reached_on_share([Rating.P] * 9 + [Rating.M], 0.9) == Rating.P
