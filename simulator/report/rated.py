"""Rated items of a run, as the brief and the scorecard chart show them.

``summary.json`` keeps each limit and objective with its rating, and texts in both languages
(``name`` beside ``name_zh``); these helpers turn them into rows in one language.
"""

from collections.abc import Container, Mapping, Sequence
from typing import Any

from simulator.i18n import CATALOG, render
from simulator.metrics.day import split_service_metric
from simulator.rundir.schema import Summary

RATING_ORDER = ("P", "S", "M", "U")


def metric_name(metric: str, lang: str) -> str:
    """Return the catalogue name of ``metric``, or the metric key when it has none.

    A service's wait (``wait_p90_min[开户]``) is named with the scenario's name of the service.
    """
    per_service = split_service_metric(metric)
    if per_service is not None:
        return render(f"metric.service.{per_service[0]}", lang, service=per_service[1])
    key = f"metric.{metric}"
    return render(key, lang) if key in CATALOG else metric


# In a list of metrics to show: the place of each service's 90th-percentile wait.
SERVICES = "services"


def shown_metrics_of(
    metrics: Mapping[str, Any], order: Sequence[str], only_if_seen: Container[str]
) -> list[str]:
    """Return the metrics of a run to show, in ``order``, as the brief and the terminal do.

    :data:`SERVICES` stands for each service's wait; a metric in ``only_if_seen`` is left out
    when it is 0 or undefined on every day; "the rest of the business" is shown only beside the
    quick services; a metric the run directory does not have (written before it existed) is
    left out.
    """
    quick = metrics.get("wait_p90_min_quick")
    shown = []
    for metric in order:
        for name in service_waits(metrics) if metric == SERVICES else [metric]:
            estimate = metrics.get(name)
            if estimate is None or (name in only_if_seen and not estimate["mean"]):
                continue
            if name == "wait_p90_min_other" and not (quick and quick["mean"]):
                continue
            shown.append(name)
    return shown


def service_waits(metrics: Mapping[str, Any], metric: str = "wait_p90_min") -> list[str]:
    """Return the per-service ``metric`` of a run's metrics, in the scenario's order of services.

    Empty when the scenario has one service: its wait is the hall's, already shown.
    """
    names = [name for name in metrics if (split_service_metric(name) or ("",))[0] == metric]
    return names if len(names) > 1 else []


def target_text(target: str, lang: str) -> str:
    """Return a staffing target (``wait_p90_min<=20``) in words: ``90th-percentile wait ≤ 20``."""
    metric, _, value = target.partition("<=")
    number = float(value)
    shown = f"{number:.0%}" if metric.endswith("_rate") else f"{number:g}"
    return f"{metric_name(metric, lang)} ≤ {shown}"


def summary_text(item: Mapping[str, Any], field: str, lang: str) -> str:
    """Return a summary.json text in ``lang`` (``name_zh`` beside ``name``)."""
    return item[f"{field}_zh"] if lang == "zh" else item[field]


def rating_text(rating: str | None, lang: str) -> str:
    """Return the rating letter with its meaning, or "not exercised" for None."""
    return render(f"rating.{rating or 'none'}", lang)


def _threshold(metric: str, value: float) -> str:
    """Return a limit's threshold as a reader writes it: a share in per cent (5%, not 0.05)."""
    return f"{value * 100:g}%" if metric.endswith(("_rate", "_share")) else f"{value:g}"


def limit_label(limit: Mapping[str, Any], lang: str) -> str:
    """Return a limit as a manager states it: ``放弃等候比例 ≤ 5%``."""
    metric_key = f"metric.{limit['metric']}"
    metric = render(metric_key, lang) if metric_key in CATALOG else limit["name"]
    sign = "≤" if limit["direction"] == "max" else "≥"
    threshold = _threshold(limit["metric"], limit["threshold"])
    return render("brief.limit_value", lang, metric=metric, sign=sign, threshold=threshold)


def limit_rows(summary: Summary, lang: str) -> list[dict[str, Any]]:
    """Return each limit: its statement, share of days held, rating and its text."""
    rows = []
    for limit in summary["limits"]:
        held = "—"
        if limit["held_share"] is not None:
            held = render(
                "brief.held_value",
                lang,
                share=limit["held_share"],
                low=limit["held_share_ci_low"],
                high=limit["held_share_ci_high"],
                target=limit["target_share"],
            )
            low, target = limit["held_share_ci_low"], limit["target_share"]
            # Held on the days run, but too few of them to be sure: the reader is told.
            if limit["held_share"] >= target and low is not None and low < target:
                held += render("brief.held_unsure", lang)
        rows.append(
            {
                "name": limit_label(limit, lang),
                "metric": limit["metric"],
                "held": held,
                "rating": limit["rating"],
                "rating_text": rating_text(limit["rating"], lang),
            }
        )
    return rows


def objective_rows(summary: Summary, lang: str) -> list[dict[str, Any]]:
    """Return each objective with its rating and its rated critical tasks."""
    return [
        {
            "name": summary_text(objective, "name", lang),
            "kind": objective["kind"],
            "rating": objective["rating"],
            "rating_text": rating_text(objective["rating"], lang),
            "tasks": [
                {
                    "name": summary_text(task, "name", lang),
                    "rating": task["rating"],
                    "rating_text": rating_text(task["rating"], lang),
                    "evidence": summary_text(task, "evidence", lang),
                }
                for task in objective["tasks"]
            ],
        }
        for objective in summary["objectives"]
    ]


def flow_words(flow: str | float, lang: str) -> str:
    """Return a door flow setting (``design``, ``measured`` or persons/s per metre) in words."""
    if isinstance(flow, str):
        return render(f"flow.{flow}", lang)
    return render("flow.calibrated", lang, value=flow)


def door_flow_text(summary: Summary, lang: str) -> str:
    """Return the door flow the run's evacuations used, in words (SFPE's design value if unsaid)."""
    return flow_words(summary["scenario"].get("egress", {"flow": "design"})["flow"], lang)


def exits_text(summary: Summary, lang: str) -> str:
    """Return how the people left, exit by exit: how many, how fast, the last one out."""
    evacuation = summary.get("evacuation")
    parts: list[str] = []
    for exit_ in evacuation["exits"] if evacuation else []:
        if exit_["blocked_share"] == 1:
            parts.append(render("brief.exit_blocked", lang, name=exit_["name"]))
        elif exit_.get("people_mean") is not None:
            parts.append(
                render(
                    "brief.exit_used",
                    lang,
                    name=exit_["name"],
                    people=exit_["people_mean"],
                    flow=exit_.get("flow_mean_per_s") or 0.0,
                    last=exit_.get("last_out_mean_s") or 0.0,
                )
            )
    return render("brief.list_separator", lang).join(parts)


# The brief gives RSET at the other door flow too when the two differ by more than this.
FLOW_DIFFERENCE = 0.2


def other_flow_text(summary: Summary, lang: str) -> str:
    """Return RSET at the other door flow, when it differs from the run's by over 20 % ("")."""
    evacuation = summary.get("evacuation")
    other = evacuation.get("other_flow_rset_p50_s") if evacuation else None
    if not evacuation or other is None or not evacuation["rset_p50_s"]:
        return ""
    if abs(other / evacuation["rset_p50_s"] - 1) <= FLOW_DIFFERENCE:
        return ""
    flow = summary["scenario"].get("egress", {"flow": "design"})["flow"]
    other_flow = "measured" if flow == "design" else "design"
    return render("brief.other_flow", lang, flow=flow_words(other_flow, lang), rset=other)


def exit_table(summary: Summary, lang: str) -> dict[str, Any] | None:
    """Return the brief's table of the exits (None: no day had an evacuation).

    People, flow, last out and crowding, in the columns the egress study uses.
    """
    evacuation = summary.get("evacuation")
    if not evacuation:
        return None
    rows = []
    for exit_ in evacuation["exits"]:
        name = exit_["name"]
        if exit_["blocked_share"] and exit_["blocked_share"] < 1:
            name += render("brief.exit_blocked_share", lang, share=exit_["blocked_share"])
        rows.append([name, *exit_cells(exit_, exit_["blocked_share"] == 1, lang)])
    return {"header": exit_header(lang), "rows": rows}


def exit_header(lang: str) -> list[str]:
    """Return the header of an exit table: exit, people, flow, last out, peak density."""
    keys = ("exit", "people", "flow", "last", "density")
    return [render(f"study.col_{key}", lang) for key in keys]


def exit_cells(exit_: Mapping[str, Any], blocked: bool, lang: str) -> list[str]:
    """Return an exit's cells after its name: a run's exit or an egress study's, same keys."""
    if blocked:
        return [render("study.blocked_cell", lang), "—", "—", "—"]
    density, level = exit_.get("peak_density_p95_per_m2"), exit_.get("fruin_level_p95")
    return [
        number_or_dash(exit_.get("people_mean"), ".0f"),
        number_or_dash(exit_.get("flow_mean_per_s"), ".2f"),
        number_or_dash(exit_.get("last_out_mean_s"), ".0f"),
        "—" if density is None else f"{density:.2f} ({level})" if level else f"{density:.2f}",
    ]


def number_or_dash(value: float | None, shape: str) -> str:
    """Return ``value`` in ``shape``, or a dash where there is none."""
    return "—" if value is None else format(value, shape)
