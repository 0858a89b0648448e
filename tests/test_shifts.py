"""The shift cover: patterns of the templates, and the integer program against brute force."""

import itertools

import numpy as np
import pytest

from simulator.analysis.shifts import patterns, solve_cover
from simulator.model.roster import ShiftRules

HOUR = 60.0


def rules(*templates: dict, **extra) -> ShiftRules:
    return ShiftRules.model_validate({"templates": list(templates), **extra}, by_alias=True)


def grid(open_min: float, blocks: int, step: float = 30.0) -> np.ndarray:
    return open_min + step * np.arange(blocks + 1)


def test_a_pattern_covers_only_whole_blocks_at_the_post_and_never_its_break():
    eight = {
        "name": "day",
        "length_h": 8,
        "earliest": "08:00",
        "latest": "08:00",
        "break": {"length_min": 60, "earliest_h": 3, "latest_h": 4},
    }
    found = patterns(rules(eight), "clerk", grid(8 * HOUR, 16))
    assert [p.break_min for p in found] == [11 * HOUR, 11.5 * HOUR, 12 * HOUR]
    first = found[0]
    assert first.cover.tolist() == [1] * 6 + [0, 0] + [1] * 8


def test_the_integer_program_finds_the_brute_force_minimum_cost():
    # Three starts of a one-hour shift over four half-hour blocks; every requirement up to 2.
    hour = {"name": "h", "length_h": 1, "earliest": "09:00", "latest": "10:00"}
    candidates = patterns(rules(hour), "clerk", grid(9 * HOUR, 4))
    assert len(candidates) == 3
    cover = np.array([p.cover for p in candidates]).T
    for required in itertools.product(range(3), repeat=4):
        wanted = np.array(required)
        best = min(
            sum(people)
            for people in itertools.product(range(5), repeat=3)
            if np.all(cover @ np.array(people) >= wanted)
        )
        solved = solve_cover(candidates, wanted, hourly=0.0)
        assert solved.short.sum() == 0 and solved.cost == pytest.approx(best), required


def test_what_the_positions_or_the_people_cannot_cover_is_said_as_a_shortfall():
    hour = {"name": "h", "length_h": 2, "earliest": "09:00", "latest": "09:00"}
    candidates = patterns(rules(hour), "clerk", grid(9 * HOUR, 4))
    solved = solve_cover(candidates, np.array([3, 5, 5, 3]), hourly=45.0, positions=4)
    assert solved.cover.tolist() == [4, 4, 4, 4] and solved.short.tolist() == [0, 1, 1, 0]
    few = solve_cover(candidates, np.array([3, 5, 5, 3]), hourly=45.0, available=2)
    assert few.headcount == 2 and few.short.tolist() == [1, 3, 3, 1]


def test_the_part_time_share_is_never_exceeded():
    full = {"name": "f", "length_h": 4, "earliest": "09:00", "latest": "09:00"}
    part = {"name": "p", "length_h": 2, "earliest": "09:00", "latest": "10:00", "part_time": True}
    candidates = patterns(rules(full, part), "clerk", grid(9 * HOUR, 8))
    required = np.array([2, 2, 4, 4, 4, 4, 2, 2])
    solved = solve_cover(candidates, required, hourly=40.0, part_time_share=0.25)
    part_time = sum(n for p, n in zip(candidates, solved.people, strict=True) if p.part_time)
    assert solved.short.sum() == 0 and part_time <= 0.25 * solved.headcount
