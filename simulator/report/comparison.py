"""The table ``drill compare`` prints, from ``comparison.json``.

It reads the file's content (:class:`~simulator.rundir.schema.ComparisonFile`), the same the
brief's comparison section is written from.
"""

from simulator.report.text import display_width, pad_to
from simulator.rundir.schema import ComparisonFile

# What the terminal table shows beside the ranking metric.
TABLE_METRICS = ("wait_mean_min", "wait_p90_min", "abandon_rate", "peak_queue", "utilization")


def _format(value: float | None, metric: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    share = metric.endswith(("_rate", "_share")) or metric == "utilization"
    sign = "+" if signed else ""
    return f"{value:{sign}.1%}" if share else f"{value:{sign}.2f}"


def comparison_table(data: ComparisonFile) -> str:
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
    variants = [
        (arm["name"], arm["differences"]) for arm in data["arms"] if arm["differences"] is not None
    ]
    if variants:
        lines += ["", "paired difference to the base (n.s. = not significant at 95 %)"]
        lines.append(pad_to("metric", 24) + "".join(pad_to(name, 18) for name, _ in variants))
        for metric in TABLE_METRICS:
            cells = []
            for _name, differences in variants:
                difference = differences[metric]
                text = _format(difference["mean"], metric, signed=True)
                cells.append(pad_to(text + ("" if difference["significant"] else " n.s."), 18))
            lines.append(pad_to(metric, 24) + "".join(cells))
    if data["precision"] is not None:
        verdict = "reached" if data["precision_met"] else "NOT reached (replication cap)"
        lines += ["", f"precision ±{data['precision']:g} on Δ {by}: {verdict}"]
    return "\n".join(line.rstrip() for line in lines)
