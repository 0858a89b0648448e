"""A comparison of plan variants as files: ``comparison.json`` and ``comparison.csv``.

``comparison.json`` (:class:`~simulator.rundir.schema.ComparisonFile`) holds, per arm, every
metric's mean and 95 % interval, every limit's verdict on that plan's days and the limits it breaks
that the base holds, and (for variants) the paired difference to the base with its interval,
whether it is significant, and whether it still is after Holm's correction over every variant and
rankable metric (``comparisons``); ``comparison.csv`` is the same as flat rows for a spreadsheet.
Like ``summary.json`` they hold only what the inputs determine, so the same seed gives the same
bytes whatever the executor.
"""

import csv
import io

from simulator.analysis.compare import HIGHER_IS_BETTER, Comparison
from simulator.engine.events import EventKind
from simulator.model.condition_words import said_when
from simulator.rundir.schema import (
    COMPARISON_COLUMNS,
    SCHEMA_VERSION,
    ArmEntry,
    ComparisonFile,
    DifferenceEntry,
    IdleRuleEntry,
    UnableEntry,
    json_text,
    spreadsheet_safe,
)
from simulator.rundir.writer import estimate_entry, limit_entry
from simulator.runner import RunResult


def _unable(result: RunResult) -> list[UnableEntry]:
    """Return what the plan's actions could not do for want of a resource, most often first.

    (Not carried out, or only partly: two counters asked, one free position.)
    """
    counts: dict[tuple[str, str], list[int]] = {}
    for _, event in result.events:
        outcome = event.result
        if event.kind is not EventKind.ACTION or outcome is None or outcome.reason is None:
            continue
        if outcome.reason.unable:
            tally = counts.setdefault((event.name, outcome.reason.value), [0, 0])
            tally[0] += 1
            tally[1] += not outcome.carried_out
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    return [
        {"action": action, "reason": reason, "times": times, "none": none}
        for (action, reason), (times, none) in ordered
    ]


def _idle_rules(result: RunResult, base: RunResult) -> list[IdleRuleEntry]:
    """Return the rules of ``result``'s playbook the base lacks that never fired on any day.

    A variant whose only change is such a rule is the base under another name: the comparison
    must say so rather than show a row of +0.00.
    """
    if result is base:
        return []
    fired = {event.rule for _, event in result.events if event.kind is EventKind.ACTION}
    idle: list[IdleRuleEntry] = []
    for index, rule in enumerate(result.scenario.playbook):
        if index in fired or rule in base.scenario.playbook:
            continue
        words = said_when(rule.when)
        idle.append(
            {
                "rule": index + 1,
                "action": rule.action,
                "when": rule.when,
                "when_zh": words if isinstance(words, str) else words.text("zh"),
                "when_en": words if isinstance(words, str) else words.text("en"),
            }
        )
    return idle


def comparison_dict(comparison: Comparison) -> ComparisonFile:
    """Return ``comparison.json``'s content."""
    ranking = comparison.ranking()
    ranks = {arm.name: rank for rank, arm in enumerate(ranking, start=1)}
    corrected, family = comparison.holm_family
    judged = comparison.limits
    held_by_base = {limit.limit.name for limit in judged[0] if limit.held}
    arms: list[ArmEntry] = []
    for index, arm in enumerate(comparison.arms):
        differences: dict[str, DifferenceEntry] | None = None
        if index:
            differences = {}
            for metric in comparison.metrics:
                difference = comparison.difference(arm, metric)
                estimate = estimate_entry(difference.estimate)
                differences[metric] = {
                    "mean": estimate["mean"],
                    "ci_low": estimate["ci_low"],
                    "ci_high": estimate["ci_high"],
                    "significant": difference.significant,
                    "significant_holm": corrected.get((arm.name, metric), False),
                }
        arms.append(
            {
                "name": arm.name,
                "rank": ranks[arm.name],
                "metrics": {m: estimate_entry(arm.result.estimate(m)) for m in comparison.metrics},
                "differences": differences,
                "limits": [limit_entry(limit) for limit in judged[index]],
                "breaks": [
                    limit.limit.name
                    for limit in judged[index]
                    if limit.held is False and limit.limit.name in held_by_base
                ],
                "unable": _unable(arm.result),
                "idle_rules": _idle_rules(arm.result, comparison.arms[0].result),
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "seed": comparison.arms[0].result.seed,
        "replications": comparison.replications,
        "by": comparison.by,
        "rule": comparison.rule,
        "better": "higher" if comparison.by in HIGHER_IS_BETTER else "lower",
        "precision": comparison.precision,
        "precision_met": comparison.precision_met,
        "common_random_numbers": not comparison.independent,
        "ranking": [arm.name for arm in ranking],
        "comparisons": family,
        "arms": arms,
    }


def comparison_json(data: ComparisonFile) -> str:
    """Return ``comparison.json`` as text."""
    return json_text(data)


def comparison_csv(data: ComparisonFile) -> str:
    """Return ``comparison.csv``: one row per arm and metric."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COMPARISON_COLUMNS)

    def cell(value: object) -> str:
        return "" if value is None else repr(float(value))  # type: ignore[arg-type]

    for arm in data["arms"]:
        for metric, estimate in arm["metrics"].items():
            row = [spreadsheet_safe(arm["name"]), arm["rank"], spreadsheet_safe(metric)]
            row += map(cell, estimate.values())
            difference = (arm["differences"] or {}).get(metric)
            if difference is None:
                row += ["", "", "", "", ""]
            else:
                row += [cell(difference[key]) for key in ("mean", "ci_low", "ci_high")]
                row.append(str(difference["significant"]).lower())
                row.append(str(difference["significant_holm"]).lower())
            writer.writerow(row)
    return buffer.getvalue()
