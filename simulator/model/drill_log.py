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

Actions and parameters are those of playbook rules, checked by the same tables
(:mod:`simulator.model.events`), and every time must fall within opening hours. A CSV file is
rewritten line for line as the equivalent YAML before checking, so a problem in either names the
file, line and key. Each action is matched to the playbook rule it carries out
(:func:`~simulator.model.decisions.matching_rule`).
"""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from simulator.model.clock import format_clock
from simulator.model.decisions import IN_FORCE, Decision, matching_rule
from simulator.model.errors import Problem, ScenarioError
from simulator.model.events import ACTIONS, Facts, read_table
from simulator.model.reader import Checker, Section, show, span
from simulator.model.scenario import Scenario
from simulator.model.yaml_source import parse_document

ROLES = ("facilitator", "players", "evaluator", "observers")
ENTRY_KEYS = ("at", "do", "who", "until", "rule")
# Customers still inside are served after closing, and a drill may still act then.
AFTER_CLOSING_MIN = 180.0
CSV_COLUMNS = {"time": "at", "action": "do", "who": "who", "until": "until"}


@dataclass(frozen=True)
class DrillLog:
    """A drill's decisions and the people who took part."""

    decisions: tuple[Decision, ...]
    participants: dict[str, list[str]] = field(default_factory=dict)
    title: str = ""
    date: str = ""
    source: str = ""


def facts_of(scenario: Scenario) -> Facts:
    """Return what a logged action may refer to in ``scenario``."""
    site = scenario.site
    return Facts(
        hours=scenario.hours,
        services=frozenset(service.name for service in scenario.demand.services),
        exits=frozenset(door.name for door in site.exits),
        neighbors=frozenset(neighbor.name for neighbor in site.neighbors),
        kiosks=site.kiosks,
    )


def _csv_as_yaml(text: str, file: str) -> str:
    """Rewrite a CSV log as YAML with every row on the same line number."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ScenarioError([Problem(file, None, "", "the file is empty")])
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in ("time", "action") if name not in header]
    unknown = [name for name in header if name not in (*CSV_COLUMNS, "params")]
    if missing or unknown:
        expected = "time,action,params,who[,until]"
        wrong = f"no column {', '.join(missing)}" if missing else f"unknown column {unknown[0]!r}"
        raise ScenarioError([Problem(file, 1, "", f"{wrong}; the header must be {expected}")])
    lines = ["log:"]
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            lines.append("")
            continue
        if len(row) > len(header):
            message = f"{len(row)} cells but the header names {len(header)} columns"
            raise ScenarioError([Problem(file, number, "", message)])
        entry: dict[str, object] = {}
        for name, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if name == "params":
                for pair in filter(None, (part.strip() for part in cell.split(";"))):
                    key, sep, value = pair.partition("=")
                    if not sep:
                        message = f"parameter {pair!r} is not key=value"
                        raise ScenarioError([Problem(file, number, "params", message)])
                    entry[key.strip()] = scalar(value.strip())
            elif cell:
                entry[CSV_COLUMNS[name]] = cell
        lines.append("  - " + json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def scalar(text: str) -> object:
    """Return a CSV parameter as YAML would read it (``2`` a number, ``kiosks`` text)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else text


def read_participants(path: Path) -> dict[str, list[str]]:
    """Read a participants file (``facilitator: 张三``, ``players: [...]``, ...)."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else "cannot be read"
        raise ScenarioError([Problem(file, None, "", reason)]) from None
    document, duplicates = parse_document(text, file)
    checker = Checker(file)
    checker.problems.extend(duplicates)
    people = _people(Section(checker, document, "", document.spot))
    if checker.problems:
        raise ScenarioError(checker.problems)
    return people


def _participants(root: Section) -> dict[str, list[str]]:
    section = root.section("participants")
    return {} if section is None else _people(section)


def _people(section: Section) -> dict[str, list[str]]:
    section.allow(ROLES, what="role")
    people = {}
    for role in ROLES:
        value = section.raw(role)
        names = [value] if isinstance(value, str) else value
        if value is None:
            continue
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            section.report(role, f"must be a name or a list of names, got {show(value)}")
            continue
        people[role] = [name.strip() for name in names]
    return people


def _decision(entry: Section, scenario: Scenario, facts: Facts) -> Decision | None:
    at = entry.clock("at", required=True)
    action = entry.choice("do", ACTIONS, what="action", required=True)
    who = entry.text("who") or ""
    until = entry.clock("until")
    rules = scenario.playbook
    pinned = entry.integer("rule", within=f"[1, {len(rules)}]" if rules else None)
    if action is None:
        return None
    entry.allow([*ENTRY_KEYS, *ACTIONS[action]], what=f"{action} parameter")
    params = read_table(entry, ACTIONS[action], facts)
    hours = scenario.hours
    last = hours.close_min + AFTER_CLOSING_MIN
    within = f"opening hours {span(hours.open_min, hours.close_min)} (or up to 3 h after closing)"
    if at is not None and not hours.open_min <= at <= last:
        entry.report("at", f"{entry.data['at']} is outside {within}")
        at = None
    if until is not None and action not in IN_FORCE:
        entry.report("until", f"only {', '.join(sorted(IN_FORCE))} stay in force until a time")
    elif until is not None and at is not None and not at < until <= last:
        entry.report("until", f"must be later than at ({entry.data['at']}) and within {within}")
    if not rules and pinned is not None:
        entry.report("rule", "the scenario has no playbook rules to refer to")
    elif pinned is not None and rules[pinned - 1].action != action:
        entry.report("rule", f"rule {pinned} does {rules[pinned - 1].action}, not {action}")
    if at is None:
        return None
    rule = pinned - 1 if pinned else matching_rule(rules, action, params)
    return Decision(at, action, params, rule, until, who, entry.spot.line)


def read_drill_log(path: Path, scenario: Scenario) -> DrillLog:
    """Read and check the log ``path`` against ``scenario``; raise :class:`ScenarioError`."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError([Problem(file, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem(file, None, "", "is a directory, not a log")]) from None
    except UnicodeDecodeError:
        raise ScenarioError(
            [Problem(file, None, "", "is not UTF-8 text; save it as UTF-8")]
        ) from None
    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        text = _csv_as_yaml(text, file)
    return read_drill_log_text(text, file, scenario)


def read_drill_log_text(text: str, file: str, scenario: Scenario) -> DrillLog:
    """Check the YAML log ``text`` (``file`` names it in problems) against ``scenario``."""
    try:
        document, duplicates = parse_document(text, file)
    except ScenarioError as error:
        if "top level must be a mapping" not in str(error):
            raise
        message = "a log is a mapping: put the actions under `log:` (see README, Drill logs)"
        raise ScenarioError([Problem(file, error.problems[0].line, "", message)]) from None
    checker = Checker(file)
    checker.problems.extend(duplicates)
    root = Section(checker, document, "", document.spot)
    root.allow(("drill", "date", "participants", "log"))
    title = root.text("drill") or ""
    date = root.raw("date")
    if date is not None and not isinstance(date, (dt.date, str)):
        root.report("date", f"must be a date like 2026-11-20, got {show(date)}")
    participants = _participants(root)
    facts = facts_of(scenario)
    example = ' like {at: "10:30", do: escalate, to: 营业中心负责人, who: 张三}'
    if "log" not in root.data:
        root.checker.report(
            root.spot.line, "log", "is required but missing; list the actions" + example
        )
    read = [_decision(entry, scenario, facts) for entry in root.items("log", example=example)]
    checker.problems.sort(key=lambda problem: problem.line or 0)
    if checker.problems:
        raise ScenarioError(checker.problems)
    decisions = [decision for decision in read if decision is not None]  # all, without problems
    # Actions no rule foresaw get their own indices past the rules', in the order they came.
    unmatched = len(scenario.playbook)
    numbered = []
    for decision in sorted(decisions, key=lambda d: (d.time_min, d.line or 0)):
        if decision.rule < 0:
            decision = Decision(**{**decision.__dict__, "rule": unmatched})
            unmatched += 1
        numbered.append(decision)
    return DrillLog(tuple(numbered), participants, title, str(date or ""), file)


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
    """Return ``log`` in the YAML format :func:`read_drill_log` reads (for ``--decisions``).

    A decision that carries out a rule names it (``rule: 3``) and leaves out what the rule
    already says beyond plain values (response-time distributions), so it replays the same.
    """
    entries = []
    for decision in log.decisions:
        entry: dict[str, object] = {"at": format_clock(decision.time_min), "do": decision.action}
        entry.update({k: v for k, v in decision.params.items() if _plain(v)})
        if decision.until_min is not None:
            entry["until"] = format_clock(decision.until_min)
        if decision.who:
            entry["who"] = decision.who
        if decision.rule < len(scenario.playbook):
            entry["rule"] = decision.rule + 1
        entries.append(entry)
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
    lines += ["  - " + json.dumps(entry, ensure_ascii=False) for entry in entries]
    return "\n".join(lines) + "\n"
