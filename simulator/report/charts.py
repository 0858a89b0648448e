"""The brief's charts, drawn from a run directory with matplotlib's Agg renderer.

Each chart is a function from the run's files to a :class:`~matplotlib.figure.Figure`. Figures
are built directly, never through ``pyplot``: pyplot keeps global figure state and picks a GUI
backend, while a bare ``Figure`` renders with Agg on a machine without a screen and leaves
nothing behind. Charts come back as PNG bytes, so the caller can write them and the brief
together, or not at all. Labels come from the message catalogue in the language
:func:`~simulator.report.fonts.chart_language` settled on.
"""

from dataclasses import dataclass
from typing import Any, cast

import matplotlib as mpl

from simulator.i18n import render
from simulator.report.chart_parts import chart_style, latin_only, png_bytes
from simulator.report.day_charts import counters_chart, evacuation_chart, queue_chart, waits_chart
from simulator.report.fonts import ChartLanguage
from simulator.report.plan_charts import (
    comparison_chart,
    cost_effect_chart,
    drill_scorecard_chart,
    scorecard_chart,
    staffing_chart,
)
from simulator.report.roster import roster_chart
from simulator.rundir.reader import RunFiles

DPI = 150


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its file stem, the catalogue key of its caption, and the PNG."""

    name: str
    caption_key: str
    png: bytes


def draw_charts(run: RunFiles, language: ChartLanguage) -> list[Chart]:
    """Return the run's charts as PNG bytes, labelled in ``language``.

    The evacuation curve is left out when nobody evacuated, the scorecard when nothing was rated,
    the comparison unless ``drill compare`` wrote the run, the staffing unless ``drill staff``
    did.
    """
    lang = language.lang

    def text(key: str, **args: Any) -> str:
        return render(key, lang, **args)

    def author(name: str, fallback: str) -> str:
        # What scenario authors wrote (rule notes, variant names) is often Chinese; without a
        # CJK font it would draw as boxes, so keep only what the Latin font can draw.
        return name if language.has_cjk else latin_only(name, fallback)

    # Text objects take their font when they are made, so the whole drawing runs inside the
    # context; rc_context restores matplotlib's settings afterwards, whatever happens.
    style = chart_style(language.fonts)
    makers = (
        ("queue", lambda: queue_chart(run, text)),
        ("waits", lambda: waits_chart(run, text)),
        ("counters", lambda: counters_chart(run, text)),
        ("evacuation", lambda: evacuation_chart(run, text)),
        ("scorecard", lambda: scorecard_chart(run, text, lang, author)),
        ("drill_scorecard", lambda: drill_scorecard_chart(run, text, lang, author)),
        ("comparison", lambda: comparison_chart(run, text, lang, author)),
        ("cost_effect", lambda: cost_effect_chart(run, text, lang, author)),
        ("staffing", lambda: staffing_chart(run, text, lang)),
        ("roster", lambda: roster_chart(run, text, lang)),
    )
    charts = []
    # matplotlib types rc keys as a Literal of every rcParam name; these are all such names.
    with mpl.rc_context(cast(Any, style)):
        for name, make in makers:
            figure = make()
            if figure is None:
                continue
            charts.append(Chart(name, f"figure.{name}", png_bytes(figure, DPI)))
    return charts
