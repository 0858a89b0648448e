"""Scoring: how often a plan keeps its limits, and its objectives rated P/S/M/U."""

from simulator.runner.replicate import RunResult
from simulator.scoring.evacuation import (
    EvacuationSummary,
    ExitCrowding,
    evacuation_objectives,
    exit_crowding,
    summarize_evacuations,
)
from simulator.scoring.limits import LimitResult, check_limits
from simulator.scoring.objectives import Objective, Task, playbook_objectives
from simulator.scoring.ratings import Rating

__all__ = [
    "EvacuationSummary",
    "ExitCrowding",
    "LimitResult",
    "Objective",
    "Rating",
    "Task",
    "check_limits",
    "exit_crowding",
    "score_objectives",
    "summarize_evacuations",
]


def score_objectives(result: RunResult) -> list[Objective]:
    """Return every objective of the scenario: its playbook rules, then its evacuation."""
    return playbook_objectives(result) + evacuation_objectives(result)
