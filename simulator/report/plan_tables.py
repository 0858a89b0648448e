"""The tables ``drill compare`` and ``drill staff`` print, in the scenario's language.

English keeps the terse tables of :mod:`.comparison` and :mod:`.staffing`, whose metric keys
are comparison.csv's columns; any other language prints the brief's own section
(:mod:`.plan_sections`) laid out for a terminal, so the terminal and the brief say the same
thing in the same words and no metric key reaches a Chinese reader.
"""

from simulator.i18n import render
from simulator.report.comparison import comparison_table
from simulator.report.plan_sections import comparison_section, staffing_section
from simulator.report.staffing import staffing_table
from simulator.report.text import grid, terminal_text
from simulator.rundir.schema import ComparisonFile, StaffingFile


def compare_text(data: ComparisonFile, lang: str) -> str:
    """Return what ``drill compare`` prints about ``data`` in ``lang``."""
    section = comparison_section(data, lang)
    if lang == "en" or section is None:
        return comparison_table(data)
    header = [render(f"brief.col_{key}", lang) for key in ("rank", "plan", "mean", "difference")]
    ranking = [
        [str(row["rank"]), row["name"], row["mean"], row["difference"] + _breaks(row, lang)]
        for row in section["rows"]
    ]
    columns = section["columns"]
    lines = [section["intro"], "", *grid([header, *ranking])]
    if section["precision"]:
        lines += ["", section["precision"]]
    lines += ["", render("brief.comparison_effects", lang)]
    effects = [[row["metric"], *row["cells"]] for row in section["effects"]]
    lines += grid([[render("brief.col_metric", lang), *columns], *effects], indent="  ")
    lines += [section["holm"], "", render("brief.comparison_limits", lang)]
    limits = [[row["limit"], *row["cells"]] for row in section["limits"]]
    lines += grid([[render("brief.limit", lang), *columns], *limits], indent="  ")
    lines += section["breaks"]
    if section["unable"]:
        lines += ["", render("brief.comparison_unable", lang)]
        lines += [f"  {line}" for line in section["unable"]]
    # Names come from files anyone may have edited: no control character reaches the terminal.
    return terminal_text("\n".join(lines))


def _breaks(row: dict[str, str], lang: str) -> str:
    return render("brief.comma", lang) + row["breaks"] if row["breaks"] else ""


def staff_text(data: StaffingFile, lang: str) -> str:
    """Return what ``drill staff`` prints about ``data`` in ``lang``."""
    section = staffing_section(data, lang)
    if lang == "en" or section is None:
        return staffing_table(data)
    keys = ("block", "arrivals", "given", "erlang", "found")
    header = [render(f"brief.col_{key}", lang) for key in keys]
    rows = [[str(row[key]) for key in keys] for row in section["rows"]]
    lines = [section["intro"], "", *grid([header, *rows])]
    if section["unreachable"]:
        lines += ["", section["unreachable"]]
    return terminal_text("\n".join(lines))
