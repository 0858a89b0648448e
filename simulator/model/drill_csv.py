"""A drill log written as CSV, rewritten as the YAML the log's models check.

One row a line: ``time,action,params,who[,until]``, parameters as ``key=value`` pairs separated
by ``;``. Rows whose action is ``inject``, ``measure`` or ``rate`` are the log's injects,
measurements and evaluator's ratings. The rewrite keeps every action row on its own line
number, and says for the others which CSV line each YAML line came from, so a problem in the
CSV names its own line.
"""

import csv
import io
import json

import yaml

from simulator.i18n import render
from simulator.model.errors import Problem, ScenarioError
from simulator.model.yaml_source import SourceLoader

CSV_COLUMNS = {"time": "at", "action": "do", "who": "who", "until": "until"}


def csv_as_yaml(text: str, file: str, lang: str) -> tuple[str, list[Problem], dict[int, int]]:
    """Rewrite a CSV log as YAML with every action row on the same line number.

    Return the YAML, the problems of the rows' cells, and the CSV line of each YAML line
    that is not on its own (injects and observations, listed after the log). A row with a bad
    cell is kept with what could be read of it, so every row is still checked.
    """

    def fail(line: int | None, key: str, message: str) -> ScenarioError:
        return ScenarioError([Problem(file, line, key, message)], lang)

    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise fail(None, "", render("validation.csv_empty", lang))
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in ("time", "action") if name not in header]
    unknown = [name for name in header if name not in (*CSV_COLUMNS, "params")]
    if missing or unknown:
        wrong = (
            render("validation.csv_missing_column", lang, columns=", ".join(missing))
            if missing
            else render("validation.csv_unknown_column", lang, column=repr(unknown[0]))
        )
        raise fail(1, "", render("validation.csv_header", lang, wrong=wrong))
    lines, found = ["log:"], []
    # Injects, measurements and the evaluator's words go to their own lists after the log;
    # each keeps the CSV line it came from, to name it in problems.
    extra: dict[str, list[tuple[int, dict[str, object]]]] = {"injects": [], "observations": []}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            lines.append("")
            continue
        if len(row) > len(header):
            message = render("validation.csv_cells", lang, cells=len(row), columns=len(header))
            found.append(Problem(file, number, "", message))
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        kind = CSV_RECORDS.get(cells.get("action", "").lower())
        if kind is not None:
            lines.append("")
            record, bad = _csv_record(cells, kind, file, number, lang)
            found += bad
            extra["injects" if kind == "inject" else "observations"].append((number, record))
            continue
        entry: dict[str, object] = {}
        for name, cell in cells.items():
            if name != "params" and cell:
                entry[CSV_COLUMNS[name]] = cell
        pairs, bad = _pairs(cells, file, number, lang)
        found += bad
        for key, value in pairs:
            column = next((name for name, said in CSV_COLUMNS.items() if said == key), None)
            # The time and the action are the row's own columns, never a parameter; who and
            # until may be given here when their column is left empty, not both.
            if column in ("time", "action") or (column is not None and cells.get(column)):
                message = render("validation.csv_reserved", lang, name=key, column=column)
                found.append(Problem(file, number, f"params.{key}", message))
                continue
            entry[key] = scalar(value)
        lines.append("  - " + json.dumps(entry, ensure_ascii=False))
    line_map: dict[int, int] = {}
    for key, records in extra.items():
        if records:
            lines.append(f"{key}:")
            for number, record in records:
                lines.append("  - " + json.dumps(record, ensure_ascii=False))
                line_map[len(lines)] = number
    return "\n".join(lines) + "\n", found, line_map


# CSV rows that are not actions: ``10:30,inject,start=fire``, ``10:36,measure,egress_s=142``,
# ``,rate,clause=4; rating=S; note=...``.
CSV_RECORDS = {"inject": "inject", "measure": "measure", "rate": "rate"}


def _pairs(
    cells: dict[str, str], file: str, number: int, lang: str
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Return a row's ``key=value`` parameters, and a problem for each that is not one."""
    pairs, found = [], []
    for pair in filter(None, (part.strip() for part in cells.get("params", "").split(";"))):
        key, sep, value = (part.strip() for part in pair.partition("="))
        if not sep:
            message = render("validation.csv_pair", lang, pair=repr(pair))
            found.append(Problem(file, number, "params", message))
            continue
        pairs.append((key, value))
    return pairs, found


def _csv_record(
    cells: dict[str, str], kind: str, file: str, number: int, lang: str
) -> tuple[dict[str, object], list[Problem]]:
    """Return an inject, measurement or rating row as its YAML item, and its cells' problems."""
    record: dict[str, object] = {}
    if cells.get("time"):
        record["at"] = cells["time"]
    pairs, found = _pairs(cells, file, number, lang)
    for key, value in pairs:
        if kind == "measure" and key not in ("measure", "value"):
            record["measure"], record["value"] = key, scalar(value)  # egress_s=142
            if value.lower() in ("true", "false"):
                record["value"] = value.lower() == "true"
        else:
            record[key] = scalar(value)
    return record, found


def scalar(text: str) -> object:
    """Return a CSV parameter as a scenario's YAML reads it (``2`` a number, ``kiosks`` text).

    Our reader, not PyYAML's own: ``until=12:00`` stays the clock time "12:00" (YAML 1.1
    would make it 720, in base 60).
    """
    try:
        value = yaml.load(text, Loader=SourceLoader)  # a SafeLoader: no object is built
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else text
