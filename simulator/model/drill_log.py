"""Reading a drill's log: who took which action when, and who took part.

A log is YAML or CSV. In YAML (``.yaml``/``.yml``)::

    drill: 系统故障应急演练            # optional title
    date: 2026-11-20                  # optional
    participants:                     # optional: facilitator, players, evaluator, observers
      facilitator: 张三
      players: [李四, 王五]
    log:
      - {at: "10:41", do: escalate, to: 营业中心负责人, who: 李四}
      - {at: "10:05", do: redirect, to: kiosks, share: 0.2, until: "11:30", who: 王五}

In CSV (any other name), one action a row under the header ``time,action,params,who[,until]``,
parameters as ``key=value`` pairs separated by ``;``::

    time,action,params,who
    10:41,escalate,to=营业中心负责人,李四

Actions and parameters are those of playbook rules, checked by the same models
(:mod:`simulator.model.actions`), and every time must fall within opening hours. A CSV file is
rewritten line for line as the equivalent YAML before checking, so a problem in either names the
file, line and key. Each action is matched to the playbook rule it carries out
(:func:`~simulator.model.decisions.matching_rule`).
"""

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, ClassVar, Union

import yaml
from pydantic import BeforeValidator, Field, WithJsonSchema

from simulator.i18n import render
from simulator.model.action_aliases import english_action
from simulator.model.actions import ENTRIES
from simulator.model.base import ListOf, Model, Shown, doc, problem
from simulator.model.clock import format_clock
from simulator.model.decisions import Decision, matching_rule
from simulator.model.drill_csv import csv_as_yaml
from simulator.model.drill_record import (
    EvaluatorNote,
    Inject,
    InjectRecord,
    Measurement,
    Observation,
    Step,
    StepEntry,
    match_injects,
)
from simulator.model.errors import Problem, ScenarioError
from simulator.model.load import facts_of, language_of, read_text, validate
from simulator.model.procedures import clauses_of
from simulator.model.scenario import Scenario
from simulator.model.yaml_source import (
    NotAMapping,
    SourceList,
    SourceMap,
    parse_document,
)

ROLES = ("facilitator", "players", "evaluator", "observers")
# A line of the log: an action the engine plays, or a step of the plan it records.
_LINES = (*ENTRIES.values(), StepEntry)
AnyLine = Annotated[
    Union[_LINES],  # type: ignore[valid-type]  # noqa: UP007
    Field(discriminator="do"),
    BeforeValidator(english_action),  # do: 扑救初起火灾 is do: fight_fire
]


@dataclass(frozen=True)
class DrillLog:
    """A drill as its log records it: decisions, steps, injects, measurements, who took part.

    ``decisions`` are the actions the engine plays; ``steps`` the plan's other steps, recorded
    for rating only.
    """

    decisions: tuple[Decision, ...]
    participants: dict[str, list[str]] = field(default_factory=dict)
    title: str = ""
    date: str = ""
    source: str = ""
    steps: tuple[Step, ...] = ()
    injects: tuple[InjectRecord, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    notes: tuple[EvaluatorNote, ...] = ()
    # A log with no injects is read at the scenario's own incident times, as a facilitator who
    # logged none injected them as planned. A tabletop's day is its own timeline: its injects
    # are all there are, and an incident not yet injected has not happened.
    injects_complete: bool = False


def _names(value: Any) -> Any:
    """Read a name or a list of names."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise problem("names", got=Shown(value))
    return tuple(name.strip() for name in names)


Names = Annotated[
    tuple[str, ...],
    BeforeValidator(_names),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class Participants(Model):
    """Who took part in the drill, by role."""

    keys_are: ClassVar[str] = "role"
    facilitator: Names | None = doc("who ran it (导调)", "导调", default=None)
    players: Names | None = doc("who played (参演)", "参演人员", default=None)
    evaluator: Names | None = doc("who rated it (评估)", "评估人员", default=None)
    observers: Names | None = doc("who watched (观摩)", "观摩人员", default=None)

    def by_role(self) -> dict[str, list[str]]:
        """Return the names by role, for the roles given."""
        return {role: list(getattr(self, role)) for role in ROLES if getattr(self, role)}


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _date(value: Any) -> Any:
    """Return the date as ``YYYY-MM-DD``; 2026/11/20 and 2026年11月20日 are read too."""
    if isinstance(value, dt.date):
        return value.isoformat()
    written = _DATE.match(value) if isinstance(value, str) else None
    if written is None:
        raise problem("date", got=Shown(value))
    try:
        return dt.date(*(int(part) for part in written.groups())).isoformat()
    except ValueError:  # 2026-02-30: the right shape, but no such day
        raise problem("date", got=Shown(value)) from None


class LogFile(Model):
    """A drill log: its title, date, participants, and what was done when."""

    drill: str = doc("the drill's title", "演练名称", default="")
    date: Annotated[str, BeforeValidator(_date), WithJsonSchema({"type": "string"})] | None = doc(
        "the day it was held", "演练日期", default=None, examples=["2026-11-20"]
    )
    participants: Participants | None = doc("who took part", "参加人员", default=None)
    injects: ListOf(Inject) = doc(  # type: ignore[valid-type]
        "what the facilitator injected and when", "导调注入的情况及时间", default=()
    )
    log: ListOf(AnyLine) = doc(  # type: ignore[valid-type]
        "what was done when", "演练中采取的措施及时间"
    )
    observations: ListOf(Observation) = doc(  # type: ignore[valid-type]
        "what was measured, and the evaluator's word on clauses", "测量结果与评估意见", default=()
    )


def read_participants(path: Path) -> dict[str, list[str]]:
    """Read a participants file (``facilitator: 张三``, ``players: [...]``, ...)."""
    file = str(path)
    text, _sha = read_text(path, "participants file")
    document, duplicates = parse_document(text, file)
    lang = language_of(document)
    people, found = validate(Participants, document, file, lang)
    if duplicates or found:
        raise ScenarioError(duplicates + found, lang)
    return people.by_role()


def read_drill_log(path: Path, scenario: Scenario) -> DrillLog:
    """Read and check the log ``path`` against ``scenario``; raise :class:`ScenarioError`."""
    file = str(path)
    text, _sha = read_text(path, "drill log", scenario.language)
    if Path(path).suffix.lower() in (".yaml", ".yml"):
        return read_drill_log_text(text, file, scenario)
    text, cells, line_map = csv_as_yaml(text, file, scenario.language)

    def line(number: int | None) -> int | None:
        return line_map.get(number, number) if number is not None else None

    try:
        log = read_drill_log_text(text, file, scenario)
    except ScenarioError as error:
        moved = [replace(p, line=line(p.line)) for p in error.problems]
        found = sorted([*cells, *moved], key=lambda problem: problem.line or 0)
        raise ScenarioError(found, scenario.language) from None
    if cells:
        raise ScenarioError(cells, scenario.language)
    return replace(
        log,
        injects=tuple(replace(i, line=line(i.line)) for i in log.injects),
        measurements=tuple(replace(m, line=line(m.line)) for m in log.measurements),
        notes=tuple(replace(n, line=line(n.line)) for n in log.notes),
    )


def _entry_problems(
    log: LogFile, document: SourceMap, scenario: Scenario, file: str
) -> list[Problem]:
    """Check what each line says of the playbook: a pinned rule exists and does that action."""
    lang, rules = scenario.language, scenario.playbook
    lines = document.get("log")
    spots = lines.item_spots if isinstance(lines, SourceList) else []
    found = []
    for index, entry in enumerate(log.log):
        if entry.rule is None:
            continue
        item = lines[index] if isinstance(lines, SourceList) else None
        spot = item.key_spots.get("rule") if isinstance(item, SourceMap) else None
        line = (spot or spots[index]).line
        where = f"log[{index}].rule"
        if not rules:
            found.append(Problem(file, line, where, render("validation.no_rules", lang)))
        elif entry.rule > len(rules):
            message = render("validation.rule_range", lang, count=len(rules), got=entry.rule)
            found.append(Problem(file, line, where, message))
        elif rules[entry.rule - 1].do != entry.do:
            message = render(
                "validation.rule_other_action",
                lang,
                rule=entry.rule,
                does=rules[entry.rule - 1].do,
                action=entry.do,
            )
            found.append(Problem(file, line, where, message))
    return found


def read_drill_log_text(text: str, file: str, scenario: Scenario) -> DrillLog:
    """Check the YAML log ``text`` (``file`` names it in problems) against ``scenario``."""
    lang = scenario.language
    try:
        document, duplicates = parse_document(text, file, lang)
    except NotAMapping as error:
        message = render("validation.log_not_mapping", lang)
        raise ScenarioError([Problem(file, error.problems[0].line, "", message)], lang) from None
    facts = facts_of(_as_document(scenario))
    log, found = validate(LogFile, document, file, lang, facts)
    found = duplicates + found
    if log is not None:
        found += _entry_problems(log, document, scenario, file)
    if found or log is None:
        example = '{at: "10:30", do: escalate, to: 营业中心负责人, who: 张三}'
        found = [
            Problem(p.file, p.line, p.key, render("validation.log_missing", lang, example=example))
            if p.key == "log" and "log" not in document
            else p
            for p in found
        ]
        raise ScenarioError(sorted(found, key=lambda problem: problem.line or 0), lang)
    injects, measurements, notes = _record(log, document, scenario, file)
    lines = _lines(document, "log", len(log.log))
    decisions, steps = [], []
    for index, entry in enumerate(log.log):
        line = lines[index]
        if isinstance(entry, StepEntry):
            steps.append(Step(entry.time_min, entry.do, entry.who, entry.note, line))
            continue
        rule = entry.rule - 1 if entry.rule else matching_rule(scenario.playbook, entry)
        pinned = entry.rule is not None
        decisions.append(
            Decision(entry.time_min, entry, rule, entry.until_min, entry.who, line, pinned)
        )
    # Actions no rule foresaw get their own indices past the rules', in the order they came.
    unmatched = len(scenario.playbook)
    numbered = []
    for decision in sorted(decisions, key=lambda d: (d.time_min, d.line or 0)):
        if decision.rule < 0:
            decision = Decision(**{**decision.__dict__, "rule": unmatched})
            unmatched += 1
        numbered.append(decision)
    people = log.participants.by_role() if log.participants else {}
    return DrillLog(
        tuple(numbered),
        people,
        log.drill,
        log.date or "",
        file,
        tuple(sorted(steps, key=lambda step: (step.time_min, step.line or 0))),
        injects,
        measurements,
        notes,
    )


def _lines(document: SourceMap, key: str, count: int) -> list[int | None]:
    """Return the line of each of the ``count`` items of the list ``key`` (None if unknown)."""
    items = document.get(key)
    spots = items.item_spots if isinstance(items, SourceList) else []
    lines: list[int | None] = [spot.line for spot in spots[:count]]
    return lines + [None] * (count - len(lines))


def _record(
    log: LogFile, document: SourceMap, scenario: Scenario, file: str
) -> tuple[tuple[InjectRecord, ...], tuple[Measurement, ...], tuple[EvaluatorNote, ...]]:
    """Check the injects and the evaluator's clauses against ``scenario``; raise if wrong."""
    lang = scenario.language
    inject_lines = _lines(document, "injects", len(log.injects))
    kinds = tuple(incident.kind for incident in scenario.incidents)
    injects, wrong = match_injects(log.injects, inject_lines, kinds)
    found = [
        Problem(file, line, key, render(f"validation.{name}", lang, **args))
        for line, key, name, args in wrong
    ]
    clauses = clauses_of(scenario)
    ids = [clause.id for clause in clauses]
    observation_lines = _lines(document, "observations", len(log.observations))
    measurements, notes = [], []
    for index, observation in enumerate(log.observations):
        line = observation_lines[index]
        if observation.measure is not None and observation.value is not None:
            measurements.append(
                Measurement(observation.measure, observation.value, observation.time_min, line)
            )
            continue
        clause = observation.clause
        if isinstance(clause, str) and clause.strip().isdigit():  # "6", quoted: clause 6
            clause = int(clause)
        known = clause in ids if isinstance(clause, str) else 1 <= (clause or 0) <= len(ids)
        if not known:
            message = render(
                "validation.clause_unknown", lang, got=clause, count=len(ids), ids=", ".join(ids)
            )
            found.append(Problem(file, line, f"observations[{index}].clause", message))
            continue
        notes.append(EvaluatorNote(clause or 0, observation.rating, observation.note, line))
    if found:
        raise ScenarioError(sorted(found, key=lambda problem: problem.line or 0), lang)
    return tuple(injects), tuple(measurements), tuple(notes)


def _as_document(scenario: Scenario) -> dict[str, Any]:
    """Return what :func:`~simulator.model.load.facts_of` reads, from a loaded scenario."""
    return {
        "hours": {
            "open": format_clock(scenario.hours.open_min),
            "close": format_clock(scenario.hours.close_min),
        },
        "site": {
            "exits": [{"name": e.name} for e in scenario.site.exits],
            "neighbors": [{"name": n.name} for n in scenario.site.neighbors],
            "kiosks": scenario.site.kiosks,
        },
        "demand": {
            "services": [{"name": s.name, "quick": s.quick} for s in scenario.demand.services]
        },
    }


def read_entry(fields: dict[str, object], scenario: Scenario) -> Decision:
    """Check one decision typed at the console (``{"at": "10:30", "do": ...}``).

    Raise :class:`ScenarioError` with what is wrong, as a log line would be checked.
    """
    text = "log:\n  - " + json.dumps(fields, ensure_ascii=False) + "\n"
    [decision] = read_drill_log_text(text, "<input>", scenario).decisions
    return decision


def _plain(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def drill_log_yaml(log: DrillLog, scenario: Scenario) -> str:
    """Return ``log``'s actions and steps as YAML :func:`read_drill_log` reads (``--decisions``).

    A decision that carries out a rule names it (``rule: 3``) and leaves out what the rule
    already says beyond plain values (response-time distributions), so it replays the same.
    """
    entries: list[tuple[float, dict[str, object]]] = []
    for step in log.steps:
        line: dict[str, object] = {"at": format_clock(step.time_min), "do": step.do}
        line.update(
            {key: value for key, value in (("who", step.who), ("note", step.note)) if value}
        )
        entries.append((step.time_min, line))
    for decision in log.decisions:
        entry: dict[str, object] = {"at": format_clock(decision.time_min), "do": decision.action}
        entry.update({k: v for k, v in decision.params.items() if _plain(v)})
        if decision.until_min is not None:
            entry["until"] = format_clock(decision.until_min)
        if decision.who:
            entry["who"] = decision.who
        if decision.rule < len(scenario.playbook):
            entry["rule"] = decision.rule + 1
        entries.append((decision.time_min, entry))
    document: dict[str, object] = {}
    if log.title:
        document["drill"] = log.title
    if log.date:
        document["date"] = log.date
    if log.participants:
        document["participants"] = log.participants
    lines = [yaml.safe_dump(document, allow_unicode=True, sort_keys=False).rstrip()]
    if not document:
        lines = []
    lines.append("log:" if entries else "log: []")
    # In time order, steps and actions alike (a stable sort keeps each kind's own order).
    ordered = [entry for _time, entry in sorted(entries, key=lambda pair: pair[0])]
    lines += ["  - " + json.dumps(entry, ensure_ascii=False) for entry in ordered]
    return "\n".join(lines) + "\n"
