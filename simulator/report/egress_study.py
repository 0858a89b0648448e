"""What ``drill evacuate`` shows: its table, its chart and its brief, from the study's files.

Like every report, it reads what the study wrote (``summary.json`` and ``evacuation.csv``,
:mod:`simulator.rundir.egress_study`), never results in memory.
"""

import base64
import datetime as dt
from pathlib import Path
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from simulator._version import __version__
from simulator.i18n import render
from simulator.metrics.evacuation import DENSITY_DANGER, DENSITY_WARNING
from simulator.report.brief import render_brief
from simulator.report.chart_parts import BAND_ALPHA, chart_style, legend_outside, png_bytes
from simulator.report.fonts import ChartLanguage, chart_language
from simulator.report.pdf import PdfError, html_to_pdf, page_counter_css
from simulator.report.publish import Published, PublishError, write_all
from simulator.report.rated import (
    FLOW_DIFFERENCE,
    exit_cells,
    exit_header,
    flow_words,
    number_or_dash,
)
from simulator.report.text import grid, terminal_text
from simulator.rundir.egress_study_schema import STUDY_FILE, EgressStudyFile
from simulator.rundir.reader import StudyFiles

CHART_FILE = "charts/evacuation_exits.png"


def study_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return the study's findings: the setting, the time out at both door flows, crowding."""
    egress = data["metrics"]["egress_s"]
    lines = [
        render(
            "study.setting",
            lang,
            occupants=data["occupants"],
            staff=data["staff"],
            repetitions=data["repetitions"],
            flow=flow_words(data["flow"], lang),
        )
        + _blocked_words(data, lang),
        render(
            "study.egress",
            lang,
            mean=number_or_dash(egress["mean"], ".0f"),
            low=number_or_dash(egress["ci_low"], ".0f"),
            high=number_or_dash(egress["ci_high"], ".0f"),
            p50=number_or_dash(data["egress_p50_s"], ".0f"),
            p95=number_or_dash(data["egress_p95_s"], ".0f"),
        ),
        *_limit_lines(data, lang),
        _other_flow_line(data, lang),
        *_escorted_lines(data, lang),
        *_passage_lines(data, lang),
        *_crowding_lines(data, lang),
    ]
    return lines


def _blocked_words(data: EgressStudyFile, lang: str) -> str:
    """Return what the setting line adds for exits blocked in every repetition ("": none)."""
    if not data["blocked"]:
        return ""
    names = render("study.and", lang).join(data["blocked"])
    return render("study.blocked", lang, exits=names)


def _other_flow_line(data: EgressStudyFile, lang: str) -> str:
    """Return the median at the other door flow, and whether the doors or the starts decide."""
    other, here = data["other_flow"]["egress_p50_s"], data["egress_p50_s"]
    line = render(
        "study.other_flow",
        lang,
        flow=flow_words(data["other_flow"]["flow"], lang),
        other=number_or_dash(other, ".0f"),
    )
    if other is None or not here:
        return line
    verdict = (
        "study.flow_matters" if abs(other / here - 1) > FLOW_DIFFERENCE else "study.flow_close"
    )
    return line + render("brief.list_separator", lang) + render(verdict, lang)


def _limit_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return the verdict on each of the scenario's egress_s limits over the repetitions."""
    return [
        render(
            "study.limit_kept" if limit["kept"] else "study.limit_broken",
            lang,
            threshold=limit["threshold_s"],
            target=limit["target_share"],
            held=limit["held"],
            repetitions=data["repetitions"],
            share=limit["held"] / max(data["repetitions"], 1),
            low=limit["ci_low"],
            high=limit["ci_high"],
        )
        # Kept on the repetitions run, but too few to be sure: say so rather than pass it.
        + (
            render("study.limit_unsure", lang)
            if limit["kept"] and limit["ci_low"] < limit["target_share"]
            else ""
        )
        for limit in data["limits"]
    ]


def _escorted_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return a line on those who could not leave alone, if any did not."""
    if not data["escorted_mean"]:
        return []
    last = number_or_dash(data["escorted_last_out_mean_s"], ".0f")
    return [render("study.escorted", lang, people=data["escorted_mean"], last=last)]


def _passage_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return a line on the passage through the counter line, if the plan has one."""
    passage = data["passage"]
    if passage is None:
        return []
    last = number_or_dash(passage["last_through_mean_s"], ".0f")
    return [
        render(
            "study.passage",
            lang,
            width=passage["width_m"],
            people=passage["people_mean"],
            last=last,
            density=number_or_dash(passage["peak_density_p95_per_m2"], ".2f"),
            level=passage["fruin_level_p95"] or "—",
        )
    ]


def _crowding_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return a line per exit whose queue got crowded, or one line saying none did."""
    lines = []
    places: list[Any] = list(data["exits"])
    if data["passage"] is not None:
        places.append({**data["passage"], "name": render("study.passage_name", lang)})
    for exit_ in places:
        if exit_["danger_share"]:
            key, share = "study.crowd_danger", exit_["danger_share"]
        elif exit_["warning_share"]:
            key, share = "study.crowd_warning", exit_["warning_share"]
        else:
            continue
        lines.append(
            render(
                key,
                lang,
                name=exit_["name"],
                share=f"{share:.0%}",
                warning=DENSITY_WARNING,
                danger=DENSITY_DANGER,
            )
        )
    ok = "study.crowd_ok_passage" if data["passage"] is not None else "study.crowd_ok"
    return lines or [render(ok, lang, warning=DENSITY_WARNING)]


def _exit_rows(data: EgressStudyFile, lang: str) -> tuple[list[str], list[list[str]]]:
    rows = [
        [exit_["name"], *exit_cells(exit_, exit_["name"] in data["blocked"], lang)]
        for exit_ in data["exits"]
    ]
    return exit_header(lang), rows


def _warning_lines(data: EgressStudyFile, lang: str) -> list[str]:
    """Return the scenario's warnings in ``lang``, as its loader gave them."""
    return [warning["text_zh" if lang == "zh" else "text"] for warning in data["warnings"]]


def study_table(data: EgressStudyFile, lang: str) -> str:
    """Return what ``drill evacuate`` prints."""
    title = render("study.title", lang, name=data["scenario"]["name"], seed=data["seed"])
    header, rows = _exit_rows(data, lang)
    table = grid([header, *rows], indent="  ")
    return terminal_text("\n".join([title, *study_lines(data, lang), "", *table]))


def _names(data: EgressStudyFile, lang: str) -> tuple[str, str]:
    """Return the brief's stem and its chart's path in ``lang``.

    ``brief`` and ``charts/`` in the study's own language, ``brief.en`` and ``charts.en/`` in
    another, as a run's briefs.
    """
    if lang == data["scenario"]["language"]:
        return "brief", CHART_FILE
    folder, name = CHART_FILE.split("/")
    return f"brief.{lang}", f"{folder}.{lang}/{name}"


def study_context(
    data: EgressStudyFile, lang: str, chart: bytes, chart_file: str, date: dt.date, notice: bool
) -> dict[str, Any]:
    """Return what the study's brief templates show (``study.md.j2``, ``study.html.j2``)."""
    header, rows = _exit_rows(data, lang)
    site = data["scenario"]["site"]
    return {
        "lang": lang,
        "t": lambda key, **args: render(key, lang, **args),
        "colon": render("brief.colon", lang),
        "page_counter": page_counter_css(lang),
        "version": __version__,
        "name": data["scenario"]["name"],
        "site": render("brief.comma", lang).join(filter(None, (site["name"], site["location"]))),
        "date": date.isoformat(),
        "scenario_file": data["scenario"]["file"],
        "sha256": data["scenario"]["sha256"],
        "seed": data["seed"],
        "repetitions": data["repetitions"],
        "warnings": _warning_lines(data, lang),
        "findings": study_lines(data, lang),
        "header": header,
        "rows": rows,
        "figures": [
            {
                "number": 1,
                "caption": render("study.figure", lang),
                "file": chart_file,
                "data_uri": "data:image/png;base64," + base64.b64encode(chart).decode("ascii"),
            }
        ],
        "font_notice": render("figure.font_missing", lang) if notice else None,
        "glossary": ["glossary.p95_study", "glossary.interval_study", "glossary.fruin"],
        "note": "study.note_blocked" if data["blocked"] else "study.note",
    }


def study_files(
    data: EgressStudyFile,
    curve: dict[str, np.ndarray],
    lang: str,
    formats: tuple[str, ...],
    date: dt.date,
    work_dir: Path | None = None,
) -> dict[str, bytes]:
    """Return the study's chart and brief files by path in the study directory.

    A PDF is the HTML brief printed by a headless browser (in a folder under ``work_dir``).
    """
    language = chart_language(lang)
    chart = study_chart(curve, data, language)
    stem, chart_file = _names(data, lang)
    context = study_context(data, lang, chart, chart_file, date, bool(language.notice))
    files = {chart_file: chart}
    for fmt in ("md", "html"):
        if fmt in formats or (fmt == "html" and "pdf" in formats):
            text = render_brief(context, f"study.{fmt}.j2")
            if fmt in formats:
                files[f"{stem}.{fmt}"] = text.encode("utf-8")
            if fmt == "html" and "pdf" in formats:
                try:
                    files[f"{stem}.pdf"] = html_to_pdf(text, lang, work_dir)
                except PdfError as error:  # already said in the brief's language
                    raise PublishError(str(error)) from None
    return files


def study_brief(data: EgressStudyFile, lang: str, date: dt.date) -> str:
    """Return the study's Markdown brief in ``lang`` (its chart linked, not drawn)."""
    chart_file = _names(data, lang)[1]
    return render_brief(study_context(data, lang, b"", chart_file, date, False), "study.md.j2")


def publish_study(study: StudyFiles, lang: str, formats: tuple[str, ...]) -> Published:
    """Write the brief and chart of the study read from ``study.path`` in ``lang``, at once."""
    written = dt.date.fromtimestamp((study.path / STUDY_FILE).stat().st_mtime)
    files = study_files(study.data, study.curve, lang, formats, written, study.path)
    targets = {study.path / name: content for name, content in files.items()}
    for folder in {target.parent for target in targets}:
        if folder.exists() and not folder.is_dir():
            raise PublishError("publish.a_file", path=folder)
        folder.mkdir(exist_ok=True)
    write_all(targets)
    return Published(tuple(targets), chart_language(lang).notice, lang)


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
            if column in curve and exit_["name"] not in data["blocked"]:  # nobody: no line
                name = exit_["name"] if language.has_cjk else f"exit {exit_['name']}"
                axis.plot(seconds, curve[column], linewidth=1.1, label=name)
        axis.set_xlim(0, float(seconds[-1]) if seconds.size else 1.0)
        axis.set_ylim(bottom=0)
        axis.set_xlabel(render("study.x", lang))
        axis.set_ylabel(render("chart.evacuation_y", lang))
        legend_outside(axis)
        figure.suptitle(render("study.chart_title", lang, occupants=data["occupants"]))
        return png_bytes(figure, 120)
