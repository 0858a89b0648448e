"""What ``drill evacuate`` shows: its table, its chart and its brief, from the study's files.

Like every report, it reads what the study wrote (``summary.json`` and ``evacuation.csv``,
:mod:`simulator.rundir.egress_study`), never results in memory.
"""

from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from simulator.i18n import render
from simulator.report.chart_parts import BAND_ALPHA, chart_style, legend_outside, png_bytes
from simulator.report.fonts import ChartLanguage
from simulator.report.rated import flow_words
from simulator.report.text import grid, terminal_text
from simulator.rundir.egress_study_schema import EgressStudyFile

CHART_FILE = "charts/evacuation_exits.png"


def _number(value: float | None, shape: str) -> str:
    return "—" if value is None else format(value, shape)


def study_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return the study's findings as lines: the setting, the time out, and each exit."""
    egress = data["metrics"]["egress_s"]
    lines = [
        render(
            "study.setting",
            lang,
            occupants=data["occupants"],
            staff=data["staff"],
            repetitions=data["repetitions"],
            flow=flow_words(data["flow"], lang),
        ),
        render(
            "study.egress",
            lang,
            mean=_number(egress["mean"], ".0f"),
            low=_number(egress["ci_low"], ".0f"),
            high=_number(egress["ci_high"], ".0f"),
        ),
    ]
    header, rows = _exit_rows(data, lang)
    return [*lines, "", *grid([header, *rows], indent="  ")]


def _exit_rows(data: EgressStudyFile, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [render(f"study.col_{key}", lang) for key in ("exit", "people", "flow", "last")]
    rows = [
        [
            exit_["name"],
            _number(exit_["people_mean"], ".0f"),
            _number(exit_["flow_mean_per_s"], ".2f"),
            _number(exit_["last_out_mean_s"], ".0f"),
        ]
        for exit_ in data["exits"]
    ]
    return header, rows


def study_table(data: EgressStudyFile, lang: str) -> str:
    """Return what ``drill evacuate`` prints."""
    title = render("study.title", lang, name=data["scenario"]["name"], seed=data["seed"])
    return terminal_text("\n".join([title, *study_lines(data, lang)]))


def study_brief(data: EgressStudyFile, lang: str) -> str:
    """Return the study's brief (Markdown): the evacuation section of a plan assessment."""
    lines = study_lines(data, lang)[:2]
    header, rows = _exit_rows(data, lang)
    markdown_table = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    figure = render("study.figure", lang)
    return "\n".join(
        [
            f"# {render('study.brief_title', lang)}",
            "",
            f"{data['scenario']['name']} · {data['scenario']['site']['name']}",
            "",
            f"## {render('study.section', lang)}",
            "",
            *(f"- {line}" for line in lines),
            "",
            *markdown_table,
            "",
            f"![{figure}]({CHART_FILE})",
            "",
            render("study.note", lang),
            "",
        ]
    )


def study_chart(
    curve: dict[str, np.ndarray], data: EgressStudyFile, language: ChartLanguage
) -> bytes:
    """Return the PNG of people still inside after the alarm, the hall and each exit."""
    lang = language.lang
    with mpl.rc_context(cast(Any, chart_style(language.fonts))):
        figure = Figure(figsize=(8.3, 3.8), layout="constrained")
        axis = figure.subplots()
        seconds = curve["seconds_since_alarm"]
        axis.fill_between(
            seconds,
            curve["inside_p10"],
            curve["inside_p90"],
            alpha=BAND_ALPHA,
            color="#d62728",
            linewidth=0,
            label=render("chart.band", lang),
        )
        axis.plot(seconds, curve["inside_p50"], color="#d62728", label=render("study.hall", lang))
        for exit_ in data["exits"]:
            column = f"bound_for[{exit_['name']}]"
            if column in curve:
                name = exit_["name"] if language.has_cjk else f"exit {exit_['name']}"
                axis.plot(seconds, curve[column], linewidth=1.1, label=name)
        axis.set_xlim(0, float(seconds[-1]) if seconds.size else 1.0)
        axis.set_ylim(bottom=0)
        axis.set_xlabel(render("study.x", lang))
        axis.set_ylabel(render("chart.evacuation_y", lang))
        legend_outside(axis)
        figure.suptitle(render("study.chart_title", lang, occupants=data["occupants"]))
        return png_bytes(figure, 120)
