"""Writing a run's brief and charts into its directory, all or nothing.

Everything is rendered in memory first (charts as PNG bytes, then the Markdown and HTML briefs
around them), then staged as temporary files, and only then renamed into place. A failure while
drawing, rendering or writing therefore leaves the directory as it was, and a reader never sees
half a file. The HTML brief embeds its charts as ``data:`` URIs so it can be mailed or
archived alone; the Markdown brief links to ``charts/*.png`` beside it. The PDF, on request,
is that HTML printed by a headless browser (:mod:`.pdf`) before anything is written.
"""

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from simulator.i18n import render
from simulator.report.brief import brief_context, render_brief
from simulator.report.charts import Chart, draw_charts
from simulator.report.fonts import ChartLanguage, chart_language
from simulator.report.pdf import PdfError, html_to_pdf
from simulator.rundir.reader import RunDirError, RunFiles
from simulator.rundir.staging import sweep_temp_files, temp_file

FORMATS = ("md", "html", "pdf")
DEFAULT_FORMATS = ("md", "html")  # a PDF needs a browser installed, so it is asked for
CHARTS_DIR = "charts"


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote, and a notice to show the user once (or None)."""

    paths: tuple[Path, ...]
    notice: str | None
    lang: str = "en"  # the brief's language, which the lines about it are said in

    def moved(self, old: Path, new: Path) -> "Published":
        """Return this with the paths it names moved from folder ``old`` to ``new``."""
        paths = tuple(new / path.relative_to(old) for path in self.paths)
        return Published(paths, self.notice, self.lang)


def names_for(run: RunFiles, lang: str) -> tuple[str, str]:
    """Return the brief's file stem and its charts' folder for a brief in ``lang``.

    The scenario's own language writes ``brief.md`` and ``charts/``; another writes beside
    them, ``brief.en.md`` and ``charts.en/``, so a second language never overwrites the first
    (a brief and its charts always speak the same language).
    """
    if lang == run.summary["scenario"].get("language", lang):
        return "brief", CHARTS_DIR
    return f"brief.{lang}", f"{CHARTS_DIR}.{lang}"


def brief_documents(
    run: RunFiles, lang: str, formats: tuple[str, ...], language: ChartLanguage
) -> tuple[list[Chart], dict[str, str]]:
    """Return the charts and the brief texts by file name (``brief.md``, ``brief.en.html``)."""
    stem, chart_folder = names_for(run, lang)
    charts = draw_charts(run, language)
    context = brief_context(run, lang)
    context["font_notice"] = render("figure.font_missing", lang) if language.notice else None
    context["figures"] = [
        {
            "number": number,
            "caption": render(chart.caption_key, lang),
            "file": f"{chart_folder}/{chart.name}.png",
            "data_uri": "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii"),
        }
        for number, chart in enumerate(charts, start=1)
    ]
    texts = {
        f"{stem}.{fmt}": render_brief(context, f"brief.{fmt}.j2") for fmt in formats if fmt != "pdf"
    }
    return charts, texts


def brief_files(
    run: RunFiles, lang: str, formats: tuple[str, ...], language: ChartLanguage
) -> tuple[list[Chart], dict[str, bytes]]:
    """Return the charts and every brief file's bytes by name, the PDF printed from the HTML."""
    html_formats = tuple(dict.fromkeys([*formats, "html"])) if "pdf" in formats else formats
    charts, texts = brief_documents(run, lang, html_formats, language)
    stem = names_for(run, lang)[0]
    files = {
        name: text.encode("utf-8")
        for name, text in texts.items()
        if name.rsplit(".", 1)[1] in formats
    }
    if "pdf" in formats:
        try:
            files[f"{stem}.pdf"] = html_to_pdf(texts[f"{stem}.html"], lang, run.path)
        except PdfError as error:  # already said in the brief's language
            raise PublishError(str(error)) from None
    return charts, files


class PublishError(RunDirError):
    """The brief cannot be written where it belongs (a directory in the way, no permission)."""


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: stage each beside its target, then rename them all.

    Renames within a directory are atomic and practically cannot fail once staging worked, so
    a full disk or a missing permission leaves the old brief and charts as they were.
    """
    for target in files:
        if target.is_dir():
            raise PublishError("publish.a_directory", path=target)
    for folder in {target.parent for target in files}:  # what a killed brief left
        sweep_temp_files(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            # A plain open (not mkstemp, which makes files private) so the brief gets the
            # user's usual permissions; the process id keeps two writers apart.
            staging = temp_file(target)
            staged.append((staging, target))
            staging.write_bytes(data)
    except OSError as error:
        for staging, _target in staged:
            staging.unlink(missing_ok=True)
        raise PublishError(
            "publish.cannot_write", path=error.filename or target, why=error.strerror
        ) from None
    for staging, target in staged:
        os.replace(staging, target)


def publish(
    run: RunFiles,
    lang: str,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    cjk_font: str | None = None,
) -> Published:
    """Draw the charts and write the brief of ``run`` in ``lang`` in each of ``formats``.

    ``cjk_font`` overrides the font search (see :func:`~simulator.report.fonts.chart_language`).
    Charts of an earlier brief that this one no longer draws are removed.
    """
    language = chart_language(lang, cjk_font)
    charts, briefs = brief_files(run, lang, formats, language)
    chart_dir = run.path / names_for(run, lang)[1]
    if chart_dir.exists() and not chart_dir.is_dir():
        raise PublishError("publish.a_file", path=chart_dir)
    chart_dir.mkdir(exist_ok=True)
    files = {chart_dir / f"{chart.name}.png": chart.png for chart in charts}
    files.update({run.path / name: data for name, data in briefs.items()})
    write_all(files)
    for stale in set(chart_dir.glob("*.png")) - set(files):
        stale.unlink()
    return Published(tuple(files), language.notice, lang)
