"""The roster as people read it: the terminal table, the brief's section, the Gantt chart.

All three read ``roster.json`` (:class:`~simulator.rundir.roster_schema.RosterFile`) and speak
the scenario's language: a block's clerks rostered against what it needs and the share of
fresh simulated days it held; who works when, with breaks; what each role costs.
"""

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from simulator.i18n import render
from simulator.model.clock import parse_clock
from simulator.report.chart_parts import Text
from simulator.report.rated import target_text
from simulator.report.text import pad_to
from simulator.rundir.reader import RunFiles
from simulator.rundir.roster_schema import RosterBlock, RosterFile

ROLES = ("clerk", "guide", "security")
ROLE_COLOURS = {"clerk": "#1f77b4", "guide": "#2ca02c", "security": "#9467bd"}


def _cost(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def totals_text(data: RosterFile, lang: str) -> str:
    """Return one line per role: people, hours, cost; and the roster's total cost."""
    parts = []
    for role in ROLES:
        total = data["totals"][role]
        if total["people"]:
            parts.append(
                render(
                    "roster.role_total",
                    lang,
                    role=render(f"roster.role_{role}", lang),
                    people=total["people"],
                    hours=total["hours"],
                    cost=_cost(total["cost"]),
                )
            )
    parts.append(render("roster.cost_total", lang, cost=_cost(data["cost"])))
    return render("brief.list_separator", lang).join(parts)


def floor_text(data: RosterFile, lang: str) -> str:
    """Return how many guides and guards are on the floor and how often one was lacking."""
    parts = []
    for role, entry in data["floor"].items():
        name = render(f"roster.role_{role}", lang)
        if entry["on_floor"] < entry["wanted"]:  # the people or the shifts fell short
            parts.append(
                render(
                    "roster.floor_short",
                    lang,
                    role=name,
                    wanted=entry["wanted"],
                    on_floor=entry["on_floor"],
                )
            )
        if not entry["needed_share"]:  # nothing was checked: say so, claim nothing
            parts.append(
                render(
                    "roster.floor_untested",
                    lang,
                    role=name,
                    on_floor=entry["on_floor"],
                    people=entry["people"],
                )
            )
            continue
        parts.append(
            render(
                "roster.floor",
                lang,
                role=name,
                on_floor=entry["on_floor"],
                people=entry["people"],
                lacking=entry["lacking_share"],
            )
        )
    return render("brief.list_separator", lang).join(parts)


def intro_text(data: RosterFile, lang: str) -> str:
    """Return what the roster was asked to hold, and on how many days it was checked."""
    targets = render("brief.list_separator", lang).join(
        target_text(target, lang) for target in data["targets"]
    )
    intro = render(
        "roster.intro",
        lang,
        targets=targets,
        share=data["share"],
        days=data["days"],
        rounds=data["rounds"],
    )
    intro += render("roster.fresh_days", lang, seed=data["fresh_seed"], days=data["days"])
    if not data["converged"]:
        intro += " " + render("roster.not_converged", lang, rounds=data["rounds"])
    if not data["optimal"]:
        intro += " " + render("roster.not_optimal", lang)
    return intro


def _short_text(data: RosterFile, lang: str) -> str | None:
    short = [block for block in data["blocks"] if block["short"]]
    unmet = data["unmet"]
    separator = render("brief.list_separator", lang)
    missed = [b["block"] for b in data["blocks"] if _missed(data, b, lang)]
    fresh = (
        render("roster.missed_fresh", lang, blocks=separator.join(missed), share=data["share"])
        if missed
        else ""
    )
    if not short and not unmet:
        return fresh or None
    gaps = separator.join(
        render("roster.short_block", lang, block=block["block"], short=block["short"])
        for block in short
    )
    said = render("roster.short", lang, gaps=gaps or "—", unmet=separator.join(unmet) or "—")
    return said + (" " + fresh if fresh else "")


def _missed(data: RosterFile, block: RosterBlock, lang: str) -> str:
    """Return the mark of a block that held on fewer verification days than the target."""
    if block["fresh_met_share"] < data["share"] - 1e-12:
        return "  " + render("roster.missed_mark", lang)
    return ""


def roster_table(data: RosterFile, lang: str) -> str:
    """Return the table ``drill roster`` prints: per block required, rostered, held."""
    headers = [render(f"roster.col_{key}", lang) for key in ("block", "required", "clerks")]
    headers.append(render("roster.col_fresh", lang))
    widths = [14, 10, 14]
    lines = [intro_text(data, lang), ""]
    lines.append("".join(pad_to(h, w) for h, w in zip(headers, widths, strict=False)) + headers[3])
    for block in data["blocks"]:
        short = render("roster.short_mark", lang, short=block["short"]) if block["short"] else ""
        interval = f"{block['fresh_low']:.0%}–{block['fresh_high']:.0%}"
        held = f"{block['fresh_met_share']:.0%} ({interval}){_missed(data, block, lang)}"
        cells = [block["block"], str(block["required"]), f"{block['clerks']}{short}"]
        lines.append("".join(pad_to(c, w) for c, w in zip(cells, widths, strict=True)) + held)
    lines += ["", totals_text(data, lang), floor_text(data, lang)]
    gaps = _short_text(data, lang)
    if gaps:
        lines.append(gaps)
    return "\n".join(line.rstrip() for line in lines)


def roster_section(data: RosterFile | None, lang: str) -> dict[str, Any] | None:
    """Return the brief's roster section (None unless ``drill roster`` wrote the run)."""
    if data is None:
        return None
    people = [
        {
            "name": person["name"],
            "role": render(f"roster.role_{person['role']}", lang),
            "shift": person["shift"],
            "hours": f"{person['start']}–{person['until']}",
            "breaks": "、".join(f"{b['start']}–{b['until']}" for b in person["breaks"]) or "—",
        }
        for person in data["people"]
    ]
    blocks = [
        {
            "block": block["block"],
            "arrivals": f"{block['arrivals_per_hour']:.0f}",
            "required": str(block["required"]),
            "clerks": str(block["clerks"]),
            "held": f"{block['fresh_met_share']:.0%}{_missed(data, block, lang)}",
        }
        for block in data["blocks"]
    ]
    return {
        "intro": intro_text(data, lang),
        "totals": totals_text(data, lang),
        "floor": floor_text(data, lang),
        "short": _short_text(data, lang),
        "people": people,
        "blocks": blocks,
    }


def roster_chart(run: RunFiles, text: Text, lang: str) -> Figure | None:
    """Draw the roster as a Gantt chart (breaks light) under the demand and the clerks rostered."""
    data = run.roster
    if not data or not data["people"]:
        return None
    blocks, people = data["blocks"], data["people"]
    edges = np.array([parse_clock(b["start"]) for b in blocks] + [parse_clock(blocks[-1]["until"])])
    height = 3.0 + min(0.16 * len(people), 9.0)
    figure = Figure(figsize=(8.3, height), layout="constrained")
    top, gantt = figure.subplots(2, 1, sharex=True, height_ratios=[1.0, max(len(people) / 12, 1.0)])
    top.bar(
        edges[:-1],
        [b["arrivals_per_hour"] for b in blocks],
        width=np.diff(edges),
        align="edge",
        color="#c6dbef",
        label=text("chart.staffing_demand"),
    )
    top.set_ylabel(text("chart.staffing_demand_axis"))
    counters = top.twinx()
    counters.stairs(
        [b["required"] for b in blocks],
        edges,
        baseline=None,
        color="#ff7f0e",
        linestyle="--",
        linewidth=2,
        label=text("chart.roster_required"),
    )
    counters.stairs(
        [b["clerks"] for b in blocks],
        edges,
        baseline=None,
        color="#1f77b4",
        linewidth=2,
        label=text("chart.roster_clerks"),
    )
    counters.set_ylabel(text("chart.staffing_counters_axis"))
    counters.set_ylim(bottom=0)
    handles = [*top.get_legend_handles_labels()[0], *counters.get_legend_handles_labels()[0]]
    labels = [*top.get_legend_handles_labels()[1], *counters.get_legend_handles_labels()[1]]
    top.legend(handles, labels, loc="upper left", fontsize=8)
    for row, person in enumerate(people):
        start, until = parse_clock(person["start"]), parse_clock(person["until"])
        colour = ROLE_COLOURS.get(person["role"], "#7f7f7f")
        gantt.barh(row, until - start, left=start, color=colour, height=0.7)
        for pause in person["breaks"]:
            begin = parse_clock(pause["start"])
            gantt.barh(
                row, parse_clock(pause["until"]) - begin, left=begin, color="#ffe699", height=0.7
            )
    gantt.set_yticks(range(len(people)), [p["name"] for p in people], fontsize=6)
    gantt.invert_yaxis()
    ticks = np.arange(60 * np.floor(edges[0] / 60), edges[-1] + 1, 60)
    gantt.set_xticks(ticks, [f"{int(t // 60):02d}:00" for t in ticks], fontsize=8)
    figure.suptitle(text("chart.roster_title"))
    return figure
