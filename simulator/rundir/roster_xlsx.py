"""The roster as a workbook a manager prints: ``roster.xlsx`` (排班表), written with openpyxl.

Sheet one is the roster: a row per person (name, role, shift, from, until, breaks, hours,
cost) and a column per half hour of the day, filled while they are at their post and marked
where they are on a break; under it the people on duty per role in each half hour and the
totals per role. Sheet two sets each block's requirement beside the clerks rostered and the
share of simulated days its targets held (on the search's days and on fresh ones).

The workbook's dates are fixed, so the same roster gives the same cells and properties.
"""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from simulator.i18n import render
from simulator.model.clock import format_clock, parse_clock
from simulator.rundir.roster_schema import PersonEntry, RosterFile

ON_DUTY = PatternFill("solid", fgColor="9BC2E6")
ON_BREAK = PatternFill("solid", fgColor="FFE699")
HEADER = Font(bold=True)
FIXED = dt.datetime(2000, 1, 1)  # the workbook's own dates: never the clock's
ROLES = ("clerk", "guide", "security")
SLOT_MIN = 30.0


def _slots(data: RosterFile) -> list[float]:
    """Return the half hours from the earliest start to the latest end of the roster."""
    starts = [parse_clock(p["start"]) for p in data["people"]]
    ends = [parse_clock(p["until"]) for p in data["people"]]
    first = min([*starts, parse_clock(data["blocks"][0]["start"])])
    last = max([*ends, parse_clock(data["blocks"][-1]["until"])])
    first = SLOT_MIN * (first // SLOT_MIN)
    count = int(-(-(last - first) // SLOT_MIN))
    return [first + SLOT_MIN * index for index in range(count)]


def _state(person: PersonEntry, slot: float) -> str:
    """Return "on", "break" or "" for ``person`` over the half hour from ``slot``."""
    start, until = parse_clock(person["start"]), parse_clock(person["until"])
    if not (start < slot + SLOT_MIN and slot < until):
        return ""
    for pause in person["breaks"]:
        if parse_clock(pause["start"]) < slot + SLOT_MIN and slot < parse_clock(pause["until"]):
            return "break"
    return "on"


def roster_xlsx(data: RosterFile, lang: str, site: str = "", targets: str = "") -> bytes:
    """Return ``roster.xlsx`` in ``lang``.

    ``site`` and ``targets`` (the targets in words, in ``lang``) head every printed page.
    """
    book = Workbook()
    book.properties.created = book.properties.modified = FIXED
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])  # the workbook's own empty first sheet
    sheet.title = render("roster.sheet_people", lang)
    slots = _slots(data)
    columns = ("name", "role", "shift", "from", "until", "breaks", "hours", "cost")
    header = [render(f"roster.col_{column}", lang) for column in columns]
    sheet.append(header + [format_clock(slot) for slot in slots])
    mark = render("roster.break_mark", lang)
    on = render("roster.on_mark", lang)  # the shift reads in black and white print too
    first_slot = len(columns) + 1
    for person in data["people"]:
        breaks = "、".join(f"{b['start']}–{b['until']}" for b in person["breaks"])
        sheet.append(
            [
                person["name"],
                render(f"roster.role_{person['role']}", lang),
                person["shift"],
                person["start"],
                person["until"],
                breaks,
                person["hours"],
                person["cost"],
            ]
        )
        row = sheet.max_row
        for offset, slot in enumerate(slots):
            state = _state(person, slot)
            cell = sheet.cell(row=row, column=first_slot + offset)
            if state == "on":
                cell.fill, cell.value = ON_DUTY, on
            elif state == "break":
                cell.fill, cell.value = ON_BREAK, mark
    sheet.append([])
    for role in ROLES:
        people = [p for p in data["people"] if p["role"] == role]
        if not people:
            continue
        name = render(f"roster.role_{role}", lang)
        counts = [sum(_state(p, slot) == "on" for p in people) for slot in slots]
        sheet.append([render("roster.on_duty", lang, role=name), *[""] * 7, *counts])
    for role in ROLES:
        total = data["totals"][role]
        if total["people"]:
            name = render(f"roster.role_{role}", lang)
            label = render("roster.total", lang, role=name)
            sheet.append([label, total["people"], "", "", "", "", total["hours"], total["cost"]])
    sheet.append([render("roster.total_all", lang), *[""] * 6, "", data["cost"]])
    for cell in sheet[1]:
        cell.font = HEADER
        cell.alignment = Alignment(horizontal="center")
    for index in range(first_slot, first_slot + len(slots)):
        sheet.column_dimensions[get_column_letter(index)].width = 6
    sheet.column_dimensions["A"].width = 14
    sheet.freeze_panes = sheet.cell(row=2, column=first_slot)
    # On paper: landscape, the whole day across one page, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = render(
        "roster.sheet_title", lang, site=site, targets=targets, share=data["share"]
    )
    sheet.oddFooter.center.text = "&P / &N"
    _blocks_sheet(book, data, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _blocks_sheet(book: Workbook, data: RosterFile, lang: str) -> None:
    sheet = book.create_sheet(render("roster.sheet_blocks", lang))
    keys = ("block", "erlang", "required", "clerks", "short", "met", "fresh", "interval")
    sheet.append([render(f"roster.col_{key}", lang) for key in keys])
    for block in data["blocks"]:
        interval = f"{block['fresh_low']:.0%}–{block['fresh_high']:.0%}"
        sheet.append(
            [
                block["block"],
                block["erlang"],
                block["required"],
                block["clerks"],
                block["short"],
                block["met_share"],
                block["fresh_met_share"],
                interval,
            ]
        )
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "0%"
    for cell in sheet[1]:
        cell.font = HEADER
    sheet.column_dimensions["A"].width = 14
