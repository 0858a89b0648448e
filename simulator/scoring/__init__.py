"""Scoring: how often a plan keeps its limits (later: objectives rated P/S/M/U)."""

from simulator.scoring.limits import LimitResult, check_limits

__all__ = ["LimitResult", "check_limits"]
