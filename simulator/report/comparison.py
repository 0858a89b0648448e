"""A comparison of plan variants as files and as the table ``drill compare`` prints.

``comparison.json`` holds, per arm, every metric's mean and 95 % interval and (for variants) the
paired difference to the base with its interval and whether it is significant; ``comparison.csv``
is the same as flat rows for a spreadsheet. Like ``summary.json`` they hold only what the inputs
determine, so the same seed gives the same bytes whatever the executor.
"""

import csv
import io
import json
import math
import unicodedata
from typing import Any

from simulator.analysis.compare import HIGHER_IS_BETTER, Comparison
from simulator.metrics import METRIC_NAMES
from simulator.metrics.statistics import Estimate

CSV_HEADER = (
    *("arm", "rank", "metric", "mean", "ci_low", "ci_high"),
    *("difference", "difference_ci_low", "difference_ci_high", "significant"),
)
# What the terminal table shows beside the ranking metric.
TABLE_METRICS = ("wait_mean_min", "wait_p90_min", "abandon_rate", "peak_queue", "utilization")


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


def _estimate(estimate: Estimate) -> dict[str, float | None]:
    return {
        "mean": _number(estimate.mean),
        "ci_low": _number(estimate.ci_low),
        "ci_high": _number(estimate.ci_high),
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """Return ``comparison.json``'s content."""
    ranks = {arm.name: rank for rank, arm in enumerate(comparison.ranking(), start=1)}
    arms = []
    for index, arm in enumerate(comparison.arms):
        differences = None
        if index:
            differences = {}
            for metric in METRIC_NAMES:
                difference = comparison.difference(arm, metric)
                differences[metric] = {
                    **_estimate(difference.estimate),
                    "significant": difference.significant,
                }
        arms.append(
            {
                "name": arm.name,
                "rank": ranks[arm.name],
                "metrics": {m: _estimate(arm.result.estimate(m)) for m in METRIC_NAMES},
                "differences": differences,
            }
        )
    return {
        "seed": comparison.arms[0].result.seed,
        "replications": comparison.replications,
        "by": comparison.by,
        "better": "higher" if comparison.by in HIGHER_IS_BETTER else "lower",
        "precision": comparison.precision,
        "precision_met": comparison.precision_met,
        "common_random_numbers": not comparison.independent,
        "ranking": [arm.name for arm in comparison.ranking()],
        "arms": arms,
    }


def comparison_json(data: dict[str, Any]) -> str:
    """Return ``comparison.json`` as text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def comparison_csv(data: dict[str, Any]) -> str:
    """Return ``comparison.csv``: one row per arm and metric."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)

    def cell(value: float | None) -> str:
        return "" if value is None else repr(float(value))

    for arm in data["arms"]:
        for metric, estimate in arm["metrics"].items():
            row = [arm["name"], arm["rank"], metric, *map(cell, estimate.values())]
            difference = (arm["differences"] or {}).get(metric)
            if difference is None:
                row += ["", "", "", ""]
            else:
                row += [cell(difference[key]) for key in ("mean", "ci_low", "ci_high")]
                row.append(str(difference["significant"]).lower())
            writer.writerow(row)
    return buffer.getvalue()


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad_to(text: str, width: int) -> str:
    """Return ``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def _format(value: float | None, metric: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    share = metric.endswith(("_rate", "_share")) or metric == "utilization"
    sign = "+" if signed else ""
    return f"{value:{sign}.1%}" if share else f"{value:{sign}.2f}"


def comparison_table(data: dict[str, Any]) -> str:
    """Return the plain-text table: arms ranked by the chosen metric, then paired differences."""
    by = data["by"]
    arms = sorted(data["arms"], key=lambda arm: arm["rank"])
    name_width = max(display_width(arm["name"]) for arm in arms) + 2
    lines = [
        f"ranked by {by} ({data['better']} is better); {data['replications']} days per plan, "
        + ("common random numbers" if data["common_random_numbers"] else "independent seeds"),
        "",
        pad_to("rank plan", name_width + 5) + f"{'mean':>9}  {'95% CI':<17}  Δ vs base (95% CI)",
    ]
    for arm in arms:
        estimate = arm["metrics"][by]
        interval = f"{_format(estimate['ci_low'], by)} – {_format(estimate['ci_high'], by)}"
        line = f"{arm['rank']:>4} " + pad_to(arm["name"], name_width)
        line += f"{_format(estimate['mean'], by):>9}  {interval:<17}  "
        if arm["differences"] is None:
            line += "(base)"
        else:
            difference = arm["differences"][by]
            line += (
                f"{_format(difference['mean'], by, signed=True)} "
                f"({_format(difference['ci_low'], by, signed=True)} – "
                f"{_format(difference['ci_high'], by, signed=True)})"
                + ("" if difference["significant"] else "  not significant")
            )
        lines.append(line)
    variants = [arm for arm in data["arms"] if arm["differences"] is not None]
    if variants:
        lines += ["", "paired difference to the base (n.s. = not significant at 95 %)"]
        lines.append(pad_to("metric", 24) + "".join(pad_to(arm["name"], 18) for arm in variants))
        for metric in TABLE_METRICS:
            cells = []
            for arm in variants:
                difference = arm["differences"][metric]
                text = _format(difference["mean"], metric, signed=True)
                cells.append(pad_to(text + ("" if difference["significant"] else " n.s."), 18))
            lines.append(pad_to(metric, 24) + "".join(cells))
    if data["precision"] is not None:
        verdict = "reached" if data["precision_met"] else "NOT reached (replication cap)"
        lines += ["", f"precision ±{data['precision']:g} on Δ {by}: {verdict}"]
    return "\n".join(line.rstrip() for line in lines)
