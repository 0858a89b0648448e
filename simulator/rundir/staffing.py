"""A staffing search as files: ``staffing.json``/``.csv`` and the staffed scenario.

Like ``summary.json``, ``staffing.json`` (:class:`~simulator.rundir.schema.StaffingFile`) holds
only what the inputs determine, so the same seed gives the same bytes whatever the executor. The
staffed scenario is the input file with only ``staff.counters`` (and the reserve count) replaced,
ready for ``drill run``.
"""

import csv
import hashlib
import io
import itertools
import math
import re
from pathlib import Path
from typing import Any, cast

import yaml

from simulator.analysis.staffing import Evaluation, StaffingResult
from simulator.analysis.targets import block_labels
from simulator.i18n import render
from simulator.model import ScenarioError, load_scenario_text
from simulator.model.clock import format_clock
from simulator.model.yaml_source import SourceLoader
from simulator.rundir.schema import (
    SCHEMA_VERSION,
    STAFFING_COLUMNS,
    StaffingBlock,
    StaffingFile,
    json_text,
)


def _hours(evaluation: Evaluation, edges: list[float]) -> float:
    widths = [(end - start) / 60 for start, end in itertools.pairwise(edges)]
    return round(sum(c * w for c, w in zip(evaluation.counters, widths, strict=True)), 6)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 6)


def staffing_dict(result: StaffingResult) -> StaffingFile:
    """Return ``staffing.json``'s content."""
    edges = [float(edge) for edge in result.edges]
    labels = block_labels(result.edges)
    kept = result.kept_values()
    blocks: list[StaffingBlock] = []
    for index, load in enumerate(result.loads):
        blocks.append(
            {
                "block": labels[index],
                "from": format_clock(edges[index]),
                "until": format_clock(edges[index + 1]),
                "arrivals_per_hour": round(load.arrivals_per_hour, 6),
                "counter_arrivals_per_hour": round(load.counter_per_min * 60, 6),
                "service_min": round(load.service_min, 6),
                "given_counters": result.given.counters[index],
                "given_met_share": float(result.given.met_share[index]),
                "erlang_counters": result.erlang.counters[index],
                "erlang_met_share": float(result.erlang.met_share[index]),
                "counters": result.found.counters[index],
                "met_share": float(result.found.met_share[index]),
                "kept": {
                    str(target): _number(kept[index, column])
                    for column, target in enumerate(result.targets)
                },
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "targets": [str(target) for target in result.targets],
        "share": result.share,
        "block_min": float(result.edges[1] - result.edges[0]),
        "days": result.days,
        "seed": result.seed,
        "max_counters": result.max_counters,
        "plans_simulated": result.evaluations,
        "counter_hours": {
            "given": _hours(result.given, edges),
            "erlang": _hours(result.erlang, edges),
            "found": _hours(result.found, edges),
        },
        "reserve": {"given": result.given.reserve, "found": result.found.reserve},
        "unreachable": [labels[index] for index in result.unreachable()],
        "blocks": blocks,
    }


def staffing_json(data: StaffingFile) -> str:
    """Return ``staffing.json`` as text."""
    return json_text(data)


def staffing_csv(data: StaffingFile) -> str:
    """Return ``staffing.csv``: one row per block, plus one column per target's kept value."""
    targets = data["targets"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*STAFFING_COLUMNS, *(f"kept:{target}" for target in targets)])
    for block in data["blocks"]:
        kept = ["" if block["kept"][t] is None else repr(block["kept"][t]) for t in targets]
        cells = cast(dict[str, Any], block)  # a row of the schema's columns, in its order
        writer.writerow([*(cells[column] for column in STAFFING_COLUMNS), *kept])
    return buffer.getvalue()


class SourceChanged(Exception):
    """The scenario file is no longer the one the search ran (edited during the search)."""


def search_header(key: str, lang: str, source: Path, data: Any) -> str:
    """Return the comment lines that head a file a search wrote: whence, seed, days, targets."""
    said = render(
        key,
        lang,
        source=source.name,
        seed=data["seed"],
        days=data["days"],
        targets=", ".join(data["targets"]),
        share=data["share"],
    )
    return "".join(f"# {line}\n" for line in said.splitlines())


def staffed_yaml(
    source: Path, data: StaffingFile, sha256: str | None = None, lang: str = "en"
) -> str:
    """Return the scenario file ``source`` with the found counters and reserve, as YAML.

    The file is read again and must be the one the search ran (``sha256``, when given); it is
    rewritten from its parsed content, so its comments are not kept; a header says
    where it came from and how it was found. A variant that no longer fits the found counters
    (a fast lane of two where a block now has two counters) is left out, and the header says
    so: the file must be one ``drill run`` accepts.
    """
    raw = source.read_bytes()
    if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
        raise SourceChanged(f"{source}: changed since the search read it; run drill staff again")
    document = _plain(yaml.load(raw.decode("utf-8-sig"), Loader=SourceLoader))
    blocks, counters = [], None
    for block in data["blocks"]:
        if block["counters"] != counters:
            counters = block["counters"]
            blocks.append({"from": block["from"], "count": counters})
    document["staff"]["counters"] = blocks
    if isinstance(document["staff"].get("reserve"), dict):
        document["staff"]["reserve"]["count"] = data["reserve"]["found"]
    header = search_header("staff.yaml_header", lang, source, data)
    left_out = _misfits(document, source.name)
    if left_out:
        for name in left_out:
            document["variants"].pop(name)
        if not document["variants"]:
            document.pop("variants")
        header += "# " + render("staff.yaml_misfits", lang, names=", ".join(left_out)) + "\n"
    return header + _dump(document)


def _dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_ClockDumper, allow_unicode=True, sort_keys=False, width=100)


def _plain(value: Any) -> Any:
    """Return the parsed YAML as plain dicts and lists, which the safe dumper writes."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _misfits(document: dict[str, Any], file: str) -> list[str]:
    """Return the names of the variants that make ``document`` invalid."""
    variants = document.get("variants")
    if not isinstance(variants, dict) or not variants:
        return []
    try:
        load_scenario_text(_dump(document), file)
    except ScenarioError as error:
        keys = [problem.key for problem in error.problems]
        return [
            name
            for name in variants
            if any(key == f"variants.{name}" or key.startswith(f"variants.{name} ") for key in keys)
        ]
    return []


class _ClockDumper(yaml.SafeDumper):
    """A safe dumper that quotes clock times, so "08:30" reads as a clock time anywhere."""


def _quoted(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    # YAML 1.1 readers take an unquoted 10:30 for the sexagesimal number 630.
    style = '"' if re.fullmatch(r"\d{1,2}[:：]\d{2}", text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ClockDumper.add_representer(str, _quoted)
