"""Writing a run's brief and charts into its directory, all or nothing.

Everything is rendered in memory first (charts as PNG bytes, then the Markdown and HTML briefs
around them), and only then written, each file through a temporary file and an atomic rename. A
failure while drawing or rendering therefore leaves the directory as it was, and a reader never
sees half a file. The HTML brief embeds its charts as ``data:`` URIs so it can be mailed or
archived alone; the Markdown brief links to ``charts/*.png`` beside it.
"""

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from simulator.i18n import render
from simulator.report.brief import brief_context, render_brief
from simulator.report.charts import Chart, draw_charts
from simulator.report.fonts import ChartLanguage, chart_language
from simulator.report.rundir import RunFiles

FORMATS = ("md", "html")
CHARTS_DIR = "charts"


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote, and a notice to show the user once (or None)."""

    paths: tuple[Path, ...]
    notice: str | None


def brief_documents(
    run: RunFiles, lang: str, formats: tuple[str, ...], language: ChartLanguage
) -> tuple[list[Chart], dict[str, str]]:
    """Return the charts and the brief texts by file name (``brief.md``, ``brief.html``)."""
    charts = draw_charts(run, language)
    context = brief_context(run, lang)
    context["font_notice"] = render("figure.font_missing", lang) if language.notice else None
    context["figures"] = [
        {
            "number": number,
            "caption": render(chart.caption_key, lang),
            "file": f"{CHARTS_DIR}/{chart.name}.png",
            "data_uri": "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii"),
        }
        for number, chart in enumerate(charts, start=1)
    ]
    texts = {f"brief.{fmt}": render_brief(context, f"brief.{fmt}.j2") for fmt in formats}
    return charts, texts


def _write_atomically(target: Path, data: bytes) -> None:
    # A plain open (not mkstemp, which makes files private) so the brief gets the user's usual
    # permissions and a colleague can read it; the process id keeps two writers apart.
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        staging.write_bytes(data)
        os.replace(staging, target)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def publish(
    run: RunFiles, lang: str, formats: tuple[str, ...] = FORMATS, cjk_font: str | None = None
) -> Published:
    """Draw the charts and write the brief of ``run`` in ``lang`` in each of ``formats``.

    ``cjk_font`` overrides the font search (see :func:`~simulator.report.fonts.chart_language`).
    Charts of an earlier brief that this one no longer draws are removed.
    """
    language = chart_language(lang, cjk_font)
    charts, texts = brief_documents(run, lang, formats, language)
    chart_dir = run.path / CHARTS_DIR
    chart_dir.mkdir(exist_ok=True)
    written = []
    for chart in charts:
        target = chart_dir / f"{chart.name}.png"
        _write_atomically(target, chart.png)
        written.append(target)
    for stale in set(chart_dir.glob("*.png")) - set(written):
        stale.unlink()
    for name, text in texts.items():
        target = run.path / name
        _write_atomically(target, text.encode("utf-8"))
        written.append(target)
    return Published(tuple(written), language.notice)
