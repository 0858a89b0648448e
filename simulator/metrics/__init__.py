"""Metrics: pure functions from a replication's records to numbers, and their aggregation."""

from simulator.metrics.day import METRIC_NAMES, day_metrics, metric_names
from simulator.metrics.timeseries import minute_grid, minute_series

__all__ = ["METRIC_NAMES", "day_metrics", "metric_names", "minute_grid", "minute_series"]
