"""Rated items as the brief shows them: limits said in words a manager writes."""

import pytest

from simulator.report.rated import limit_rows


@pytest.mark.parametrize(
    ("metric", "threshold", "shown"),
    [
        ("abandon_rate", 0.025, "放弃等候比例 ≤ 2.5%"),
        ("served_within_limit_share", 0.9, "限时内办理比例 ≥ 90%"),
        ("wait_p90_min", 20.0, "90% 客户等候时间（分钟） ≤ 20"),
    ],
)
def test_a_limit_is_stated_with_shares_in_per_cent(metric, threshold, shown):
    limit = {
        "metric": metric,
        "name": metric,
        "direction": "min" if metric.endswith("_share") else "max",
        "threshold": threshold,
        "held_share": None,
        "rating": None,
    }
    (row,) = limit_rows({"limits": [limit]}, "zh")
    assert row["name"] == shown
