"""The brief's record of a drill people ran: who took part, what they decided and when.

Read from ``drill.json`` (written by ``drill play`` and ``drill score``): participants by role
for the drill record, and a section listing each decision beside the time the playbook would
have acted, plus, for a tabletop, the team's outcome beside the automatic playbook's.
"""

from typing import Any

from simulator.i18n import render
from simulator.model.actions import ENTRIES
from simulator.model.base import label
from simulator.report.rated import metric_name
from simulator.rundir.schema import DecisionEntry, DrillFile

ROLES = ("facilitator", "players", "evaluator", "observers")
# The metrics set side by side for a tabletop: the team's day against the playbook's.
OUTCOME_METRICS = (
    "wait_mean_min",
    "wait_p90_min",
    "served_within_limit_share",
    "abandon_rate",
    "redirect_rate",
    "callback_rate",
    "peak_queue",
    "peak_density_per_m2",
)
# And, when either day evacuated, what the team's timing cost in getting everyone out.
EVACUATION_OUTCOME = (
    "evacuation_s",
    "egress_s",
    "past_aset_day_share",
    "inside_at_responders",
)


def outcome_metrics(outcome: dict[str, dict[str, float | None]]) -> tuple[str, ...]:
    """Return the metrics to set side by side: the evacuation's too when either side had one."""
    evacuated = any(outcome[side].get("evacuation_s") is not None for side in outcome)
    return OUTCOME_METRICS + (EVACUATION_OUTCOME if evacuated else ())


def participants_text(data: DrillFile | None, lang: str) -> str | None:
    """Return ``导调：张三；参演：李四、王五`` from drill.json, or None without participants."""
    people = data["participants"] if data else {}
    parts = [
        render(f"role.{role}", lang) + render("brief.colon", lang) + "、".join(people[role])
        for role in ROLES
        if people.get(role)
    ]
    return render("brief.list_separator", lang).join(parts) if parts else None


def _measure(row: DecisionEntry, lang: str) -> str:
    text = render(f"action.{row['action']}", lang)
    entry = ENTRIES.get(row["action"])
    colon = render("brief.colon", lang)
    details = [
        f"{label(entry, key, lang) if entry else key}{colon}{value}"
        for key, value in row["params"].items()
    ]
    if row["until"]:
        details.append(render("brief.until", lang, time=row["until"]))
    if "not_done" in row:  # a played decision that did nothing is never shown as done
        reason = render(f"reason.{row['not_done']}", lang)
        details.append(render("brief.decision_not_done", lang, reason=reason))
    return text + (f" ({', '.join(details)})" if details else "")


def _deviation(minutes: float | None) -> str:
    if minutes is None:
        return "—"
    return "0" if minutes == 0 else f"{minutes:+.0f}"


def _value(value: float | None, metric: str) -> str:
    if value is None:
        return "—"
    share = metric.endswith(("_rate", "_share"))
    return f"{value:.1%}" if share else f"{value:.2f}" if "density" in metric else f"{value:.1f}"


def drill_section(data: DrillFile | None, days: int, lang: str) -> dict[str, Any] | None:
    """Return the brief's drill section from ``drill.json`` (None for other runs)."""
    if data is None:
        return None
    rows = [
        {
            "time": row["time"],
            "measure": _measure(row, lang),
            "who": row["who"] or "—",
            "rule": render("brief.rule_number", lang, number=row["rule"]) if row["rule"] else "—",
            "planned": row["planned"] or "—",
            "deviation": _deviation(row["deviation_min"]),
        }
        for row in data["decisions"]
    ]
    if data["kind"] == "play":
        intro = render("brief.drill_intro_play", lang, decisions=len(rows))
    else:
        intro = render(
            "brief.drill_intro_score", lang, decisions=len(rows), file=data["log_file"], days=days
        )
    outcome = None
    recorded = data.get("outcome")
    if recorded:
        team, playbook = recorded["team"], recorded["playbook"]
        outcome = [
            {
                "metric": metric_name(metric, lang),
                "team": _value(team.get(metric), metric),
                "playbook": _value(playbook.get(metric), metric),
            }
            for metric in outcome_metrics(recorded)
        ]
    title = render("observed.outcome_title" if data["kind"] == "score" else "console.outcome", lang)
    return {"intro": intro, "rows": rows, "outcome": outcome, "outcome_title": title}
