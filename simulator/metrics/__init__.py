"""Metrics: pure functions from a replication's records to numbers, and their aggregation."""

from simulator.metrics.day import METRIC_NAMES, day_metrics
from simulator.metrics.timeseries import minute_grid, minute_series

__all__ = ["METRIC_NAMES", "day_metrics", "minute_grid", "minute_series"]
