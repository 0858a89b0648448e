"""The brief's planning sections: the comparison of variants and the staffing by block.

Each turns the JSON file its command wrote beside the run (``comparison.json``,
``staffing.json``) into translated rows for the templates, or None when there is none.
"""

from typing import Any

from simulator.i18n import render
from simulator.report.comparison import shown_metrics
from simulator.report.rated import limit_label, metric_name, target_text
from simulator.rundir.schema import ArmEntry, ComparisonFile, LimitEntry, StaffingFile, block_plans

# Counts and money are shown coarser than minutes.
COARSE = {"peak_queue": ".1f", "outside_peak": ".1f", "reserve_called": ".1f", "staff_cost": ",.0f"}


def _value(value: float | None, metric: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    sign = "+" if signed else ""
    share = metric.endswith(("_rate", "_share")) or metric == "utilization"
    shape = ".1%" if share else COARSE.get(metric, ".2f")
    return f"{value:{sign}{shape}}"


def comparison_section(data: ComparisonFile | None, lang: str) -> dict[str, Any] | None:
    """Return the brief's plan-comparison section from ``comparison.json`` (None without one)."""
    if data is None:
        return None
    by = data["by"]
    rows = []
    for arm in sorted(data["arms"], key=lambda arm: arm["rank"]):
        estimate = arm["metrics"][by]
        mean = render(
            "brief.value_ci",
            lang,
            mean=_value(estimate["mean"], by),
            low=_value(estimate["ci_low"], by),
            high=_value(estimate["ci_high"], by),
        )
        difference = "—"
        if arm["differences"] is not None:
            change = arm["differences"][by]
            difference = (
                render(
                    "brief.value_ci",
                    lang,
                    mean=_value(change["mean"], by, signed=True),
                    low=_value(change["ci_low"], by, signed=True),
                    high=_value(change["ci_high"], by, signed=True),
                )
                + render("brief.comma", lang)
                + render(
                    "brief.significant" if change["significant"] else "brief.not_significant", lang
                )
            )
        name = render("brief.base_plan", lang) if arm["differences"] is None else arm["name"]
        breaks = render("brief.breaks_short", lang) if arm["breaks"] else ""
        rows.append(
            {
                "rank": arm["rank"],
                "name": name,
                "mean": mean,
                "difference": difference,
                "breaks": breaks,
            }
        )
    precision = None
    if data["precision"] is not None:
        key = "brief.precision_met" if data["precision_met"] else "brief.precision_missed"
        precision = render(key, lang, precision=data["precision"])
    intro = render(
        "brief.comparison_intro",
        lang,
        variants=len(data["arms"]) - 1,
        days=data["replications"],
        crn=render("brief.crn" if data["common_random_numbers"] else "brief.independent", lang),
        order=render(
            f"brief.order_{data['rule']}",
            lang,
            metric=metric_name(by, lang),
            better=render(f"brief.{data['better']}_better", lang),
        ),
    )
    arms = data["arms"]
    return {
        "intro": intro,
        "rows": rows,
        "precision": precision,
        "columns": [_plan_name(arm, lang) for arm in arms],
        "holm": render("brief.holm_note", lang, comparisons=data["comparisons"]),
        "effects": [
            {
                "metric": metric_name(metric, lang),
                "cells": [_effect(arm, metric, lang) for arm in arms],
            }
            for metric in shown_metrics(data)
        ],
        "limits": [
            {
                "limit": limit_label(limit, lang),
                "cells": [_verdict(arm["limits"][position], lang) for arm in arms],
            }
            for position, limit in enumerate(arms[0]["limits"])
        ],
        "breaks": [
            render(
                "brief.breaks",
                lang,
                plan=arm["name"],
                limits=render("brief.list_separator", lang).join(
                    limit_label(limit, lang)
                    for limit in arm["limits"]
                    if limit["name"] in arm["breaks"]
                ),
            )
            for arm in arms
            if arm["breaks"]
        ],
        "unable": [
            render(
                "brief.unable",
                lang,
                plan=_plan_name(arm, lang),
                action=render(f"action.{entry['action']}", lang),
                times=entry["times"],
                none=entry["none"],
                reason=render(f"reason.{entry['reason']}", lang),
                remedy=render(f"remedy.{entry['reason']}", lang),
            )
            for arm in arms
            for entry in arm["unable"]
        ]
        + [
            render(
                "brief.idle_rule",
                lang,
                plan=arm["name"],
                rule=entry["rule"],
                when=entry["when_zh"] if lang == "zh" else entry["when_en"],
                action=render(f"action.{entry['action']}", lang),
                days=data["replications"],
            )
            for arm in arms
            for entry in arm.get("idle_rules", [])
        ],
    }


def _plan_name(arm: ArmEntry, lang: str) -> str:
    return render("brief.base_plan", lang) if arm["differences"] is None else arm["name"]


def _effect(arm: ArmEntry, metric: str, lang: str) -> str:
    """Return a plan's daily mean of ``metric``; a variant's with its change (≈: n.s.)."""
    mean = _value(arm["metrics"][metric]["mean"], metric)
    if arm["differences"] is None:
        return mean
    change = arm["differences"][metric]
    marker = "" if change["significant"] else "≈"
    shown = marker + _value(change["mean"], metric, signed=True)
    if change["significant_holm"]:
        shown += "*"
    return render("brief.effect_change", lang, mean=mean, change=shown)


def _verdict(limit: LimitEntry, lang: str) -> str:
    if limit["held"] is None or limit["held_share"] is None:
        return render("brief.verdict_none", lang)
    key = "brief.verdict_held" if limit["held"] else "brief.verdict_broken"
    return render(key, lang, share=limit["held_share"])


def staffing_section(data: StaffingFile | None, lang: str) -> dict[str, Any] | None:
    """Return the brief's staffing section from ``staffing.json`` (None without one)."""
    if data is None:
        return None
    blocks = data["blocks"]
    hours, reserve = data["counter_hours"], data["reserve"]
    intro = render(
        "brief.staffing_intro",
        lang,
        block=data["block_min"],
        targets=render("brief.list_separator", lang).join(
            target_text(target, lang) for target in data["targets"]
        ),
        share=data["share"],
        days=data["days"],
        plans=data["plans_simulated"],
        given=hours["given"],
        erlang=hours["erlang"],
        found=hours["found"],
        reserve_given=reserve["given"],
        reserve_found=reserve["found"],
    )

    def counters(plan: tuple[int, float]) -> str:
        return render("brief.counters_met", lang, counters=plan[0], met=plan[1])

    rows = [
        {
            "block": block["block"],
            "arrivals": f"{block['arrivals_per_hour']:.0f}",
            **{name: counters(plan) for name, plan in block_plans(block).items()},
        }
        for block in blocks
    ]
    unreachable = None
    if data["unreachable"]:
        unreachable = render(
            "brief.staffing_unreachable",
            lang,
            most=data["max_counters"],
            blocks=render("brief.list_separator", lang).join(data["unreachable"]),
        )
    return {"intro": intro, "rows": rows, "unreachable": unreachable}
