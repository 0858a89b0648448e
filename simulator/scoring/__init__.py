"""Scoring: how often a plan keeps its limits, and its objectives rated P/S/M/U."""

from simulator.scoring.limits import LimitResult, check_limits
from simulator.scoring.objectives import Objective, Task, score_objectives
from simulator.scoring.ratings import Rating

__all__ = ["LimitResult", "Objective", "Rating", "Task", "check_limits", "score_objectives"]
