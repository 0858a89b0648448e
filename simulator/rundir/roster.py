"""A roster as files: ``roster.json``/``.csv`` and the rostered scenario, its comments kept.

``roster.json`` (:class:`~simulator.rundir.roster_schema.RosterFile`) holds only what the
inputs determine. The rostered scenario is the input file *edited*, not re-dumped: its
``staff.counters`` (and the guides' and guards' counts, which the roster now decides) are
commented out and a ``roster:`` list is added at the end of ``staff``, so every comment and
every other line of the original stays as it was. A variant that no longer fits (one that sets
``staff.counters``, which the roster decides) is commented out with a note saying so.
"""

import csv
import hashlib
import io
from pathlib import Path

import yaml

from simulator.analysis.rostering import RosterResult
from simulator.analysis.targets import block_labels
from simulator.i18n import render
from simulator.model import ScenarioError, load_scenario_text
from simulator.model.clock import format_clock
from simulator.model.roster import ROLE_POSTS, RosterEntry
from simulator.rundir.roster_schema import (
    ROSTER_COLUMNS,
    FloorEntry,
    PersonEntry,
    RoleTotal,
    RosterBlock,
    RosterFile,
)
from simulator.rundir.schema import SCHEMA_VERSION, json_text
from simulator.rundir.staffing import SourceChanged, search_header


def _rate(result: RosterResult, role: str) -> float | None:
    rates = result.scenario.staff.cost_per_hour
    return None if rates is None else float(getattr(rates, ROLE_POSTS[role]))


def _person(result: RosterResult, row: RosterEntry) -> PersonEntry:
    rate = _rate(result, row.role)
    return {
        "name": row.name,
        "role": row.role,
        "shift": row.shift,
        "start": format_clock(row.start_min),
        "until": format_clock(row.until_min),
        "breaks": [
            {"start": format_clock(b.start_min), "until": format_clock(b.until_min)}
            for b in row.breaks
        ],
        "hours": round(row.paid_hours, 6),
        "cost": None if rate is None else round(rate * row.paid_hours, 6),
    }


def roster_dict(result: RosterResult) -> RosterFile:
    """Return ``roster.json``'s content."""
    edges = result.edges
    labels = block_labels(edges)
    blocks: list[RosterBlock] = []
    for index, label in enumerate(labels):
        low, high = result.fresh_interval(index)
        blocks.append(
            {
                "block": label,
                "start": format_clock(float(edges[index])),
                "until": format_clock(float(edges[index + 1])),
                "arrivals_per_hour": round(float(result.arrivals_per_hour[index]), 6),
                "erlang": int(result.erlang[index]),
                "required": int(result.required[index]),
                "clerks": int(result.clerks.serving[index]),
                "short": int(result.clerks.short[index]),
                "met_share": float(result.search.met_share[index]),
                "fresh_met_share": float(result.fresh.met_share[index]),
                "fresh_low": round(low, 6),
                "fresh_high": round(high, 6),
            }
        )
    people = [_person(result, row) for row in result.rows]
    totals: dict[str, RoleTotal] = {}
    for role in ("clerk", "guide", "security"):
        mine = [person for person in people if person["role"] == role]
        costs = [person["cost"] for person in mine]
        totals[role] = {
            "people": len(mine),
            "hours": round(sum(person["hours"] for person in mine), 6),
            "cost": None if any(c is None for c in costs) else round(sum(c or 0 for c in costs), 6),
        }
    lacking = {"guide": result.fresh.short_guide, "security": result.fresh.short_security}
    needed = {"guide": result.fresh.needed_guide, "security": result.fresh.needed_security}
    staff = result.scenario.staff
    floor: dict[str, FloorEntry] = {
        role: {
            "on_floor": int(getattr(staff, ROLE_POSTS[role])),
            "wanted": result.floor_required[role],
            "people": cover.headcount,
            "lacking_share": lacking[role],
            "needed_share": needed[role],
        }
        for role, cover in result.floor.items()
    }
    role_costs = [total["cost"] for total in totals.values()]
    return {
        "schema_version": SCHEMA_VERSION,
        "targets": [str(target) for target in result.targets],
        "share": result.share,
        "block_min": float(edges[1] - edges[0]),
        "days": result.days,
        "seed": result.seed,
        "fresh_seed": result.fresh_seed,
        "rounds": result.rounds,
        "converged": result.converged,
        "optimal": result.clerks.optimal and all(c.optimal for c in result.floor.values()),
        "people": people,
        "blocks": blocks,
        "floor": floor,
        "totals": totals,
        "cost": None if None in role_costs else round(sum(c or 0 for c in role_costs), 6),
        "unmet": [labels[index] for index in result.unmet()],
    }


def roster_json(data: RosterFile) -> str:
    """Return ``roster.json`` as text."""
    return json_text(data)


def roster_csv(data: RosterFile) -> str:
    """Return ``roster.csv``: one row per person, breaks as ``12:00-13:00`` joined by ``;``.

    With a byte-order mark: the spreadsheet a manager opens it in reads Chinese names right.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROSTER_COLUMNS)
    for person in data["people"]:
        breaks = ";".join(f"{b['start']}-{b['until']}" for b in person["breaks"])
        cost = "" if person["cost"] is None else repr(person["cost"])
        writer.writerow(
            [
                person["name"],
                person["role"],
                person["shift"],
                person["start"],
                person["until"],
                breaks,
                repr(person["hours"]),
                cost,
            ]
        )
    return buffer.getvalue()


def _flow(value: str) -> str:
    """Return ``value`` as a YAML flow scalar that reads back as the same string."""
    return json_text(value).strip()  # JSON strings are YAML flow scalars


def _roster_lines(data: RosterFile, indent: str) -> list[str]:
    lines = [f"{indent}roster:"]
    for person in data["people"]:
        breaks = ", ".join(
            f'{{from: "{b["start"]}", until: "{b["until"]}"}}' for b in person["breaks"]
        )
        lines.append(
            f"{indent}  - {{name: {_flow(person['name'])}, role: {person['role']}, "
            f'from: "{person["start"]}", until: "{person["until"]}", '
            f"shift: {_flow(person['shift'])}" + (f", breaks: [{breaks}]" if breaks else "") + "}"
        )
    return lines


def _key_span(mapping: yaml.MappingNode, key: str, lines: list[str]) -> tuple[int, int] | None:
    """Return the 0-based first and last line of ``key`` and its value in a block mapping.

    The value ends before the next key (or the mapping's end); comment and blank lines just
    before that belong to what follows, not to this value.
    """
    pairs = mapping.value
    for position, (key_node, value_node) in enumerate(pairs):
        if key_node.value != key:
            continue
        first = key_node.start_mark.line
        if value_node.end_mark.line == first or not isinstance(
            value_node, (yaml.MappingNode, yaml.SequenceNode)
        ):
            return first, value_node.end_mark.line
        after = (
            pairs[position + 1][0].start_mark.line
            if position + 1 < len(pairs)
            else mapping.end_mark.line
        )
        last = after - 1
        while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
            last -= 1
        return first, last
    return None


def _commented(lines: list[str], span: tuple[int, int], note: str) -> None:
    first, last = span
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    for number in range(first, last + 1):
        line = lines[number]
        kept = line[len(indent) :] if line.startswith(indent) else line.lstrip()
        lines[number] = f"{indent}# {kept}" if line.strip() else ""
    lines[first] = f"{indent}# {note}\n" + lines[first]


def rostered_yaml(
    source: Path, data: RosterFile, sha256: str | None = None, lang: str = "en"
) -> str:
    """Return the scenario file ``source`` with the roster in place of its counters.

    The file is read again and must be the one the search ran (``sha256``, when given). A file
    whose ``staff`` is not a block mapping (``staff: {...}`` on one line) cannot be edited line
    by line and is refused with a message saying so.
    """
    raw = source.read_bytes()
    if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
        raise SourceChanged(f"{source}: changed since the search read it; run drill roster again")
    text = raw.decode("utf-8-sig")
    root = yaml.compose(text)
    staff = next((value for key, value in getattr(root, "value", []) if key.value == "staff"), None)
    if not isinstance(staff, yaml.MappingNode) or staff.flow_style:
        raise SourceChanged(f"{source}: staff: must be a block mapping to take a roster")
    lines = text.splitlines()
    for key in ("counters", "guides", "security"):
        span = _key_span(staff, key, lines)
        if span is not None:
            _commented(lines, span, render("roster.yaml_decided", lang, post=key))
    indent = " " * staff.value[0][0].start_mark.column
    last = staff.end_mark.line - 1 if staff.end_mark.column == 0 else staff.end_mark.line
    # Blank lines and the next section's own comments (at the margin) are not staff's.
    while last > 0 and (not lines[last].strip() or lines[last].startswith("#")):
        last -= 1
    added = _roster_lines(data, indent)
    for role, post in (("guide", "guides"), ("security", "security")):
        if not data["totals"][role]["people"]:
            added.append(f"{indent}{post}: 0")
    lines[last + 1 : last + 1] = added
    header = search_header("roster.yaml_header", lang, source, data)
    edited = header + "\n".join(lines) + "\n"
    return _without_misfits(edited, source.name, lang)


def _without_misfits(text: str, file: str, lang: str) -> str:
    """Comment out the variants that no longer load with the roster (they set counters)."""
    try:
        load_scenario_text(text, file)
        return text
    except ScenarioError as error:
        problems = error.problems
        if not problems or any(not p.key.startswith("variants.") for p in problems):
            raise
    misfits = sorted({p.key.split(".", 1)[1].split(" → ")[0] for p in problems})
    root = yaml.compose(text)
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    variants = next((value for key, value in pairs if key.value == "variants"), None)
    if not isinstance(variants, yaml.MappingNode) or variants.flow_style:
        raise SourceChanged(f"{file}: variants: must be a block mapping to leave one out")
    lines = text.splitlines()
    for name in misfits:
        span = _key_span(variants, name, lines)
        if span is not None:
            note = render("roster.yaml_misfit", lang, name=name)
            _commented(lines, span, note)
    edited = "\n".join(lines) + "\n"
    load_scenario_text(edited, file)  # what is left must load (else the error says why)
    return edited
