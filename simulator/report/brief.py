"""The drill brief: what a hall manager prints, signs and files, written from a run directory.

Its structure merges the seeds' drill record (演练时间、演练内容、参加人员、评估情况) and incident
report (site, time, type, impact, measures and degree of control, trend, next steps) with an
after-action report: control block, scenario timeline (inject, expected action, what happened),
objectives with rated critical tasks and their evidence, strengths and areas for improvement,
overall evaluation and a rectification table. :func:`brief_context` turns the run into plain,
already-translated values; the layout is a jinja2 template (``templates/brief.md.j2`` and
``brief.html.j2``, filled from the same context). :mod:`.publish` adds the charts and writes it.
"""

import datetime as dt
import re
import statistics
from collections import defaultdict
from typing import Any

import jinja2
import markupsafe

from simulator.engine.events import Event, EventKind
from simulator.i18n import Message, render
from simulator.model.clock import format_clock
from simulator.model.condition_words import said_when
from simulator.report.drill_section import drill_section, participants_text
from simulator.report.key_figures import key_figures
from simulator.report.observed_section import (
    earlier_section,
    observed_ratings,
    observed_section,
    odds_section,
)
from simulator.report.pdf import page_counter_css
from simulator.report.plan_sections import comparison_section, staffing_section
from simulator.report.rated import (
    RATING_ORDER,
    door_flow_text,
    exit_table,
    exits_text,
    limit_rows,
    objective_rows,
    other_flow_text,
    summary_text,
)
from simulator.report.roster import roster_section
from simulator.rundir.reader import RunFiles
from simulator.rundir.schema import SUMMARY_FILE

DUE_DAYS = 30  # rectifications are due a month after the drill
# Which rectification and owner a failing limit calls for, by metric.
LIMIT_FIXES = {
    "wait_p90_min": ("fix.wait", "owner.manager"),
    "wait_mean_min": ("fix.wait", "owner.manager"),
    "wait_max_min": ("fix.wait", "owner.manager"),
    "served_within_limit_share": ("fix.wait", "owner.manager"),
    "wait_p90_min_vulnerable": ("fix.priority", "owner.manager"),
    "abandon_rate": ("fix.abandon", "owner.manager"),
    "balk_rate": ("fix.abandon", "owner.manager"),
    "peak_density_per_m2": ("fix.density", "owner.safety"),
    "evacuation_s": ("fix.evacuation", "owner.safety"),
    "egress_s": ("fix.evacuation", "owner.safety"),
}
OBJECTIVE_FIXES = {
    "rule": ("fix.rule", "owner.duty"),
    "deadline": ("fix.deadline", "owner.duty"),
    "evacuation_time": ("fix.evacuation", "owner.safety"),
    "evacuation_crowd": ("fix.crowd", "owner.safety"),
    "clause": ("fix.clause", "owner.duty"),
    "clause_life": ("fix.clause_life", "owner.safety"),
    "measured": ("fix.evacuation", "owner.safety"),
}


def _in_words(when: str, lang: str) -> str:
    """Return a rule's ``when:`` text as the brief says it (排队人数 ≥ 30 人)."""
    words = said_when(when)
    return words.text(lang) if isinstance(words, Message) else words


def _code_spans(text: str) -> markupsafe.Markup:
    """Escape ``text`` for HTML and turn its Markdown `code` spans into <code> elements."""
    escaped = str(markupsafe.escape(text))
    return markupsafe.Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


# Markdown that text written by users (a scenario's name, a rule's note, a log's who) must not
# make: a "|" that splits a table cell, a line break that ends a table, raw HTML such as
# <script>, links or images ([x](javascript:...)), and a backslash that would undo one of
# these escapes. Inside a code span (the scenario file) only | and ` matter: see _code_text.
_MARKDOWN_ESCAPES = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "<": "&lt;", "[": "\\[", "]": "\\]", "\n": " ", "\r": " "}
)


def _code_text(value: Any) -> markupsafe.Markup:
    """Return ``value`` for a Markdown code span: no backtick to end it, no | to split a cell."""
    text = str(value).replace("`", "'").replace("|", "\\|").replace("\n", " ")
    return markupsafe.Markup(text)


def markdown_text(value: Any) -> Any:
    """Return ``value`` as literal Markdown text (what :data:`_MARKDOWN_ESCAPES` escapes).

    Every ``{{ value }}`` of the Markdown brief goes through here (jinja's ``finalize``); what
    the template itself marks up is :class:`markupsafe.Markup` and is left alone.
    """
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return value.translate(_MARKDOWN_ESCAPES)
    return value


def _joined_lines(values: list[Any]) -> markupsafe.Markup:
    """Join ``values`` as lines of one Markdown table cell, each escaped."""
    return markupsafe.Markup("<br>".join(str(markdown_text(value)) for value in values))


def _environment(markdown: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("simulator.report", "templates"),
        undefined=jinja2.StrictUndefined,  # a misspelt field fails loudly, never prints blank
        # HTML escapes every value (a rule note may hold "<" or "&"); Markdown escapes what
        # would change the document's structure.
        autoescape=not markdown,
        finalize=markdown_text if markdown else None,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["code"] = _code_spans
    environment.filters["lines"] = _joined_lines
    environment.filters["code_text"] = _code_text
    return environment


def _drill_date(run: RunFiles) -> dt.date:
    # A real drill's log gives the day it was held.
    if run.drill and run.drill.get("date"):
        try:
            return dt.date.fromisoformat(str(run.drill["date"]))
        except ValueError:
            pass
    created = run.info.get("created", "")
    try:
        return dt.datetime.fromisoformat(created).date()
    except ValueError:
        return dt.date.fromtimestamp((run.path / SUMMARY_FILE).stat().st_mtime)


Day = list[Event]


def _by_day(events: tuple[tuple[int, Event], ...]) -> dict[int, Day]:
    days: dict[int, Day] = defaultdict(list)
    for replication, event in events:
        days[replication].append(event)
    return days


def _median_clock(minutes: list[float]) -> str:
    return format_clock(statistics.median(minutes)) if minutes else "—"


def _days_with(by_day: dict[int, Day], kind: EventKind, name: str, incident: int) -> int:
    """Return on how many days incident ``incident`` had an event ``name`` of ``kind``."""
    return sum(
        any(e.kind is kind and e.name == name and e.incident == incident for e in events)
        for events in by_day.values()
    )


def _incident_times(events: Day, kind: EventKind, incident: int) -> list[float]:
    return [e.time for e in events if e.kind is kind and e.incident == incident]


def _timeline(run: RunFiles, lang: str) -> list[dict[str, str]]:
    """Return the MSEL rows: each inject, then each playbook rule, in time order."""
    summary = run.summary
    days = summary["replications"]
    by_day = _by_day(run.events)
    rows = []
    for index, incident in enumerate(summary["scenario"]["incidents"]):
        kind = incident["kind"]
        occurred = [
            min(starts)
            for events in by_day.values()
            if (starts := _incident_times(events, EventKind.INCIDENT, index))
        ]
        happened = render("brief.happened_incident", lang, occurred=len(occurred), days=days)
        if kind == "fire":
            happened += render(
                "brief.happened_fire",
                lang,
                suppressed=_days_with(by_day, EventKind.INCIDENT_STEP, "fire_suppressed", index),
                evacuated=_days_with(by_day, EventKind.PROCEDURE, "evacuation_alarm", index),
            )
        durations = _durations(by_day, index)
        if durations:
            happened += render(
                "brief.happened_duration", lang, minutes=statistics.median(durations)
            )
        inject = render(f"kind.{kind}", lang)
        if incident["note"] and incident["note"] != inject:  # not 突发停电：突发停电
            inject += render("brief.colon", lang) + incident["note"]
        rows.append(
            {
                "time": incident["at"],
                "inject": inject,
                "expected": render(f"expected.{kind}", lang),
                "happened": happened,
            }
        )
    rules = {entry["rule"]: entry for entry in summary["scenario"]["playbook"]}
    for objective in summary["objectives"]:
        if objective["rule"] is None:
            continue
        index = objective["rule"] - 1
        firsts = [
            min(times)
            for events in by_day.values()
            if (
                times := [e.time for e in events if e.kind is EventKind.TRIGGER and e.rule == index]
            )
        ]
        # The rule's condition, where it came into play: when it fired (or, when people
        # decided, when the playbook in the shadow would have fired).
        kinds = (
            (EventKind.RECOMMENDATION,)
            if run.drill
            else (EventKind.TRIGGER, EventKind.RECOMMENDATION)
        )
        called = any(e.kind in kinds and e.rule == index for _day, e in run.events)
        when = rules[objective["rule"]]["when"] if called else ""
        task = objective["tasks"][0]
        rows.append(
            {
                "time": _median_clock(firsts),
                "inject": render("brief.rule_inject", lang, when=_in_words(when, lang))
                if when
                else "—",
                "expected": summary_text(objective, "name", lang),
                "happened": summary_text(task, "evidence", lang),
            }
        )
    return sorted(rows, key=lambda row: (row["time"] == "—", row["time"]))


def _durations(by_day: dict[int, Day], incident: int) -> list[float]:
    """Return how long incident ``incident`` lasted, on each day it ended."""
    durations = []
    for events in by_day.values():
        starts = _incident_times(events, EventKind.INCIDENT, incident)
        ends = _incident_times(events, EventKind.INCIDENT_END, incident)
        if starts and ends:
            durations.append(min(ends) - min(starts))
    return durations


def _overall(ratings: list[str], lang: str, assessment: bool = False) -> str:
    prefix = "overall_assessment" if assessment else "overall"
    if not ratings:
        return render(f"{prefix}.none", lang)
    worst = max(ratings, key=RATING_ORDER.index)
    counts = {letter.lower(): ratings.count(letter) for letter in RATING_ORDER}
    return render(f"{prefix}.{worst}", lang) + render(
        "overall.counts", lang, rated=len(ratings), **counts
    )


def _rectifications(
    limits: list[dict[str, Any]], objectives: list[dict[str, Any]], due: dt.date, lang: str
) -> list[dict[str, str]]:
    rows = []
    for limit in limits:
        if limit["rating"] in (None, "P"):
            continue
        fix, owner = LIMIT_FIXES.get(limit["metric"], ("fix.other", "owner.manager"))
        rows.append((limit["name"], limit["rating"], fix, owner))
    for objective in objectives:
        if objective["rating"] in (None, "P"):
            continue
        fix, owner = OBJECTIVE_FIXES.get(objective["kind"], ("fix.other", "owner.manager"))
        rows.append((objective["name"], objective["rating"], fix, owner))
    return [
        {
            "issue": render("brief.rated", lang, name=name, rating=rating),
            "action": render(fix, lang),
            "owner": render(owner, lang),
            "due": due.isoformat(),
        }
        for name, rating, fix, owner in rows
    ]


def brief_context(run: RunFiles, lang: str) -> dict[str, Any]:
    """Return every value the brief templates show, translated into ``lang``."""
    summary = run.summary
    scenario = summary["scenario"]
    date = _drill_date(run)
    metrics = summary["metrics"]
    limits = limit_rows(summary, lang)
    objectives = objective_rows(summary, lang)
    ratings = [item["rating"] for item in [*limits, *objectives] if item["rating"]]
    incidents = []
    for incident in scenario["incidents"]:
        kind = render(f"kind.{incident['kind']}", lang)
        noted = incident["note"] and incident["note"] != kind  # a note that says more
        incidents.append(
            render(
                "brief.incident_item_noted" if noted else "brief.incident_item",
                lang,
                kind=kind,
                at=incident["at"],
                note=incident["note"],
            )
        )
    impact = render(
        "brief.impact_value",
        lang,
        arrivals=metrics["arrivals"]["mean"] or 0.0,
        wait_p90=metrics["wait_p90_min"]["mean"] or 0.0,
        abandon=metrics["abandon_rate"]["mean"] or 0.0,
    )
    outside_peak = metrics["outside_peak"]["mean"] if "outside_peak" in metrics else None
    if outside_peak:
        left = metrics["left_outside_rate"]["mean"] or 0.0
        impact += render("brief.impact_outside", lang, peak=outside_peak, left=left)
    turned_away = metrics["turned_away_rate"]["mean"] if "turned_away_rate" in metrics else None
    if turned_away:
        impact += render("brief.impact_turned_away", lang, share=turned_away)
    evacuation = summary.get("evacuation")
    if evacuation:
        impact += render(
            "brief.impact_evacuation",
            lang,
            people=metrics["evacuated"]["mean"],
            rset=evacuation["rset_p50_s"],
            flow=door_flow_text(summary, lang),
        )
        impact += other_flow_text(summary, lang)
        exits = exits_text(summary, lang)
        impact += render("brief.impact_exits", lang, exits=exits) if exits else ""
    colon = render("brief.colon", lang)
    rated_items = [*limits, *objectives]
    strengths = [
        item["name"] + colon + item["rating_text"] for item in rated_items if item["rating"] == "P"
    ]
    improvements = [
        item["name"] + colon + item["rating_text"]
        for item in rated_items
        if item["rating"] in ("S", "M", "U")
    ]
    site = scenario["site"]
    observed = observed_section(run.drill, lang)
    rectifications = _rectifications(limits, objectives, date + dt.timedelta(days=DUE_DAYS), lang)
    if observed is not None:
        # A drill is rated from its log, clause by clause; the simulation only adds what-ifs.
        ratings = observed_ratings(run.drill)
        rated_items = observed["rated"]
        strengths = [
            item["name"] + colon + item["rating_text"]
            for item in rated_items
            if item["rating"] == "P"
        ]
        improvements = [
            item["name"] + colon + item["rating_text"]
            for item in rated_items
            if item["rating"] in ("S", "M", "U")
        ]
        rectifications = _rectifications([], rated_items, date + dt.timedelta(days=DUE_DAYS), lang)
    overall = _overall(ratings, lang, assessment=run.drill is None)
    # The simulated snapshot (推演) counts the simulation's own ratings, never the log's.
    simulated_ratings = [item["rating"] for item in [*limits, *objectives] if item["rating"]]
    performed = sum(rating == "P" for rating in simulated_ratings)
    return {
        "t": lambda key, **args: render(key, lang, **args),
        "page_counter": page_counter_css(lang),
        "lang": lang,
        "name": scenario["name"],
        "site": render("brief.comma", lang).join(filter(None, (site["name"], site["location"]))),
        "colon": colon,
        "separator": render("brief.list_separator", lang),
        "date": date.isoformat(),
        "scenario_file": scenario["file"],
        "sha256": scenario["sha256"],
        "warnings": [
            render("brief.warning", lang, line=w["line"], text=summary_text(w, "text", lang))
            for w in scenario.get("warnings", [])
        ],
        "seed": summary["seed"],
        "replications": summary["replications"],
        "version": summary["drill_version"],
        "hours": scenario["hours"],
        "staff": scenario["staff"],
        "incidents": incidents,
        "timeline": _timeline(run, lang),
        "impact": impact,
        "key_figures": key_figures(summary, lang),
        "measures": render(
            "brief.measures_value", lang, rated=len(simulated_ratings), performed=performed
        ),
        "trend": _trend(metrics, summary, lang),
        "glossary": _glossary(summary, run, lang),
        # Which document: a drill's evaluation (a log or a tabletop), or a plan assessment.
        "doc": _document_keys(run.drill is not None),
        "limits": limits,
        "objectives": objectives,
        "exit_table": exit_table(summary, lang),
        "strengths": strengths,
        "improvements": improvements,
        "overall": overall,
        "rectifications": rectifications,
        "observed": observed,
        "odds": odds_section(run.drill, lang),
        "earlier": earlier_section(run.drill, lang),
        "simulated": render("observed.simulated", lang) if observed else "",
        "target_share": summary["limits"][0]["target_share"] if summary["limits"] else 0.9,
        "comparison": comparison_section(run.comparison, lang),
        "staffing": staffing_section(run.staffing, lang),
        "roster": roster_section(run.roster, lang),
        "drill": drill_section(run.drill, summary["replications"], lang),
        "participants": participants_text(run.drill, lang),
        # The log's title, unless the scenario's name already says it (营业厅消防演练 twice).
        "drill_title": run.drill["title"]
        if run.drill and run.drill["title"] not in scenario["name"]
        else "",
    }


def _glossary(summary: Any, run: RunFiles, lang: str) -> list[str]:
    """Return the technical terms the brief uses, each said in plain words."""
    terms = ["glossary.p90", "glossary.interval"]
    if summary.get("evacuation") or any(
        limit["metric"] in ("evacuation_s", "egress_s") for limit in summary["limits"]
    ):
        terms += ["glossary.rset", "glossary.aset", "glossary.fruin"]
    if run.staffing is not None or run.roster is not None:
        terms.append("glossary.erlang")
    return [render(term, lang) for term in terms]


def _trend(metrics: dict[str, Any], summary: Any, lang: str) -> str:
    """Return how the day developed (事态发展趋势): the queue, who gave up, evacuations."""

    def mean(name: str) -> float:
        return float((metrics.get(name) or {}).get("mean") or 0.0)

    text = render(
        "brief.trend_value",
        lang,
        peak=mean("peak_queue"),
        abandon=mean("abandon_rate"),
        redirect=mean("redirect_rate"),
    )
    evacuation = summary.get("evacuation")
    if evacuation:
        text += render(
            "brief.trend_evacuation",
            lang,
            days=summary["replications"],
            evacuated=evacuation["days"],
        )
    return text


# The document's own headings: a drill's key, or the same key + "_assessment" for a plan
# assessment (预案推演评估报告: no drill date, no participants, a review).
HEADINGS = {
    "title": "brief.title",
    "control": "brief.control",
    "exercise": "brief.exercise",
    "record": "brief.record",
    "record_time": "brief.record_time",
    "record_content": "brief.record_content",
    "record_participants": "brief.record_participants",
    "timeline": "brief.timeline",
    "sign_title": "sign.title",
    "happened": "brief.col_happened",
}


def _document_keys(drilled: bool) -> dict[str, Any]:
    """Return the catalogue keys of the document's own headings and sign-off rows.

    A drill (``drill score``, ``drill play``) is written up as 演练评估报告 with the drill's
    sign-off; a run nobody drilled as 预案推演评估报告 with a review.
    """
    suffix = "" if drilled else "_assessment"
    rows = ["sign.director", "sign.evaluator", "sign.approver"] if drilled else None
    return {
        "assessment": not drilled,
        **{name: key + suffix for name, key in HEADINGS.items()},
        "sign_rows": rows or ["sign.prepared", "sign.reviewer"],
    }


def render_brief(context: dict[str, Any], template: str) -> str:
    """Return ``template`` (``brief.md.j2`` or ``brief.html.j2``) filled with ``context``."""
    return _environment(template.endswith(".md.j2")).get_template(template).render(context)
