"""The facilitator's console for ``drill play``: plain prompts that work in any terminal.

At each stop (see :mod:`.session`) it shows the clock, the injects since the last stop, what the
team's actions did since then, the hall (queue, density, recent waits, counters, reserve, outage)
and where the team stands against the plan (:mod:`.plan`: what is due, what is overdue). The
team then picks from a numbered menu, numbered as the brief numbers the clauses: the playbook's
rules (with their parameters, which may be changed), the plan's own steps for the incidents of
the scenario (fight the fire, 119, cut the power, evacuate, move the cash...), another action or
step, undo the last one, continue, or end. Every choice and every parameter is checked as a log
line would be (:func:`~simulator.model.drill_log.read_entry`); anything wrong is said and asked
again, never a crash.
"""

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import click

from simulator.engine.events import EventKind
from simulator.engine.records import EvacuationRecord
from simulator.i18n import CATALOG, render
from simulator.model import ScenarioError
from simulator.model.actions import ACTIONS, ENTRIES
from simulator.model.base import label
from simulator.model.clauses import IDENTITY, STEPS, Clause
from simulator.model.clock import format_clock
from simulator.model.condition_words import said
from simulator.model.decisions import IN_FORCE, Decision
from simulator.model.drill_csv import scalar
from simulator.model.drill_log import ROLES, read_entry
from simulator.model.drill_record import Step
from simulator.model.procedures import clauses_of
from simulator.model.scenario import Scenario
from simulator.scoring.observed import clause_name
from simulator.tabletop.plan import (
    ClauseNow,
    Standing,
    clauses_now,
    due_times,
    hall_counts,
    happened,
)
from simulator.tabletop.session import Moment, next_stop, rehearse

OTHER, UNDO, CONTINUE, END = "o", "u", "c", "e"
BACK = "0"  # in the list of other actions: back to the menu
GO_BACK = ("q", "返回")  # asked again for a parameter: leave the action, back to the menu
MARKS = {Standing.DUE: "★", Standing.OVERDUE: "⚠", Standing.DONE: "✓"}
ROLE_PROMPTS = {
    "facilitator": "console.ask_facilitator",
    "players": "console.ask_players",
    "evaluator": "console.ask_evaluator",
    "observers": "console.ask_observers",
}


def _choice(options: list[str], lang: str) -> Callable[[str], str]:
    """Return a prompt check accepting only ``options`` (click asks again on a UsageError)."""

    def check(value: str) -> str:
        value = value.strip().lower()
        if value not in options:
            choices = ", ".join(options)
            raise click.UsageError(
                render("console.invalid_choice", lang, value=value, choices=choices)
            )
        return value

    return check


class Console:
    """One tabletop session at the terminal."""

    def __init__(self, scenario: Scenario, seed: int, every: float, lang: str | None = None):
        self.scenario, self.seed, self.every = scenario, seed, every
        self.lang = lang or scenario.language  # the terminal's: the scenario's unless --lang
        self.recorded: list[Decision | Step] = []  # in the order the team took them
        self.default_who = ""
        self.clauses: tuple[Clause, ...] = clauses_of(scenario)
        self.events: list[Any] = []  # the rehearsed day's events (what has happened so far)
        self.last_minute = 0.0  # the rehearsed day's last minute (the hall closed and empty)
        self.counts: tuple[Any, ...] = ()  # what the hall showed each minute (queue, people)
        self.evacuation: EvacuationRecord | None = None  # the rehearsed day's, if it had one

    @property
    def script(self) -> tuple[Decision, ...]:
        """Return the team's decisions so far (the actions the engine plays)."""
        return tuple(item for item in self.recorded if isinstance(item, Decision))

    @property
    def steps(self) -> tuple[Step, ...]:
        """Return the plan's steps the team has taken so far."""
        return tuple(item for item in self.recorded if isinstance(item, Step))

    def say(self, key: str, **args: Any) -> None:
        """Print catalogue entry ``key`` in the scenario's language."""
        click.echo(render(key, self.lang, **args))

    def ask(self, key: str, default: str = "", check: Callable | None = None, **args: Any) -> str:
        """Ask for catalogue entry ``key``; empty answers give ``default``."""
        text = render(key, self.lang, **args)
        return click.prompt(
            text,
            default=default,
            show_default=bool(default),
            value_proc=check,
            prompt_suffix=render("console.prompt_suffix", self.lang),
        )

    def ask_participants(self) -> dict[str, list[str]]:
        """Ask for each role's names (comma-separated, may be left empty)."""
        self.say("console.roles_intro")
        people = {}
        for role in ROLES:
            answer = self.ask(ROLE_PROMPTS[role])
            names = [name.strip() for name in answer.replace("，", ",").split(",") if name.strip()]
            if names:
                people[role] = names
        return people

    def play(self, resume_at: float | None = None) -> tuple[Decision, ...]:
        """Run the session to the end of the day; return the team's decisions.

        ``resume_at``: the minute an interrupted session stopped at (its last decision); the
        console stops there again first.
        """
        self.say("console.title", name=self.scenario.name, seed=self.seed)
        after: float | None = None
        also: set[float] = set()
        if resume_at is not None:
            after, also = resume_at - 0.5, {resume_at}
        while True:
            rehearsal = rehearse(self.scenario, self.seed, self.script)
            self.events = list(rehearsal.record.events)
            self.evacuation = rehearsal.record.evacuation
            self.counts = hall_counts(rehearsal.moments)
            self.last_minute = rehearsal.moments[-1].time if rehearsal.moments else 0.0
            stops = also | due_times(
                self.scenario, self.script, self.steps, self.events, self.counts
            )
            stop = next_stop(rehearsal.moments, after, self.every, stops)
            if stop is None:
                stop = self._last_word(rehearsal.moments, after)
            if stop is None:
                break
            self.show(stop, after)
            answer = self.decide(stop)
            if answer is None:
                break
            after, also = answer
        self.say("console.day_over")
        return self.script

    def _last_word(self, moments: list[Moment], after: float | None) -> Moment | None:
        """Return one stop after the day's last minute while steps of the plan are still due.

        An evacuation closes the hall and the simulated day ends minutes later; the team must
        still be able to record the head count and the report.
        """
        if not moments or (after is not None and after > moments[-1].time):
            return None
        last = moments[-1]
        # After the last thing the day did (everyone out of the hall), on a whole minute.
        ends = [event.time for event in self.events if event.kind is EventKind.PROCEDURE]
        time = max(last.time + 1, math.ceil(max(ends, default=0.0)))
        final = Moment(replace(last.snapshot, time=float(time), recommended=()))
        waiting = (Standing.DUE, Standing.OVERDUE)
        if any(now.standing in waiting for now in self.standing(final)):
            return final
        return None

    def show(self, moment: Moment, after: float | None = None) -> None:
        """Print the hall as the team sees it at ``moment`` (``after``: the last stop)."""
        click.echo("")
        self.say("console.clock", clock=format_clock(moment.time))
        ordered = {  # the alarm the team's own order sounded is said as their action
            event.time
            for event in self.events
            if event.kind is EventKind.ACTION and event.name == "evacuate"
        }
        for event in happened(self.events, after, moment.time):
            if event.name == "evacuation_alarm" and event.time in ordered:
                continue
            if event.kind is EventKind.PROCEDURE:
                self.say(
                    "console.procedure",
                    clock=format_clock(event.time),
                    what=render(f"procedure.{event.name}", self.lang),
                )
            else:
                self._show_action(event)
            if event.name == "evacuation_complete":
                self._show_evacuation()
        for event in moment.injects:
            # The engine's detail would tell the team when the incident ends: show what the
            # scenario's author wrote about it instead.
            kind = event.name
            what = render(f"kind.{kind}", self.lang) if f"kind.{kind}" in CATALOG else kind
            if event.kind is EventKind.INCIDENT_STEP:
                what = render(f"step.{event.name}", self.lang)
            elif event.kind is EventKind.INCIDENT_END:
                what = render("console.inject_end", self.lang, kind=what)
            elif event.incident is not None:
                note = self.scenario.incidents[event.incident].note
                what += f"（{note}）" if note else ""
            self.say("console.inject", what=what)
        if moment.time > self.last_minute:
            self.say("console.after_day")  # the hall is empty; only the plan's steps remain
        else:
            self._status(moment)
        standing = self.standing(moment)  # one rating of the session so far, for all below
        for now in standing:
            key = {
                Standing.DUE: "console.due",
                Standing.OVERDUE: "console.overdue",
                Standing.UPCOMING: "console.upcoming",
            }.get(now.standing)
            if key is not None:
                name = clause_name(now.rating.clause).text(self.lang)
                due = format_clock(now.rating.due_min or moment.time)
                self.say(key, number=now.rating.number, name=name, due=due)
        done = {now.rating.clause.rule for now in standing if now.rating.done_min}
        called = [index for index in moment.recommended if index not in done]
        if called:
            rules = self.scenario.playbook
            separator = render("brief.list_separator", self.lang)
            what = separator.join(f"{i + 1}. {self._rule_words(rules[i])}" for i in called)
            self.say("console.recommends", what=what)

    def _show_evacuation(self) -> None:
        """Say how the evacuation went: how many, how long, and against the safe egress time."""
        record = self.evacuation
        if record is None:
            return
        out_s = record.out_s
        args = {
            "people": int(out_s.size),
            "egress": (record.complete_min - record.alarm_min) * 60,
            "rset": record.rset_s,
        }
        if math.isnan(record.asset_s):
            self.say("console.evacuation", **args)
        else:
            late = int((out_s > record.asset_s).sum())
            self.say("console.evacuation_aset", asset=record.asset_s, late=late, **args)

    def _status(self, moment: Moment) -> None:
        """Say how the hall stands: queue, density, waits, counters, reserve, outage."""
        snapshot = moment.snapshot
        state = snapshot.state
        self.say(
            "console.status",
            queue=state["queue"],
            density=state["density"],
            wait=state.get("wait_p90_recent", 0.0),
            counters=snapshot.counters_open,
            reserve=snapshot.reserve_left,
            on_the_way=snapshot.on_the_way,
        )
        if snapshot.outages:
            self.say("console.outage", minutes=state["outage_min"])

    def _show_action(self, event: Any) -> None:
        """Say what one of the team's actions did (or why it did nothing)."""
        what = render(f"action.{event.name}", self.lang)
        result = event.result
        if result is None or result.carried_out:
            self.say("console.done", clock=format_clock(event.time), what=what)
            return
        reason = render(f"reason.{result.reason.value}", self.lang) if result.reason else ""
        self.say("console.not_done", clock=format_clock(event.time), what=what, reason=reason)

    def standing(self, moment: Moment) -> list[ClauseNow]:
        """Return where the team stands against each clause at ``moment``."""
        return clauses_now(
            self.scenario, self.script, self.steps, self.events, moment.time, self.counts
        )

    def _rule_words(self, rule: Any) -> str:
        action = render(f"action.{rule.action}", self.lang)
        when = said(rule.condition).text(self.lang) if rule.condition is not None else rule.when
        return render(
            "console.rule_words", self.lang, note=rule.note or action, action=action, when=when
        )

    def decide(self, moment: Moment) -> tuple[float | None, set[float]] | None:
        """Take the team's decisions at ``moment``.

        Return None when they end the exercise, else where the day goes on from: after this
        moment, or, after an undo, back at the undone decision's minute.
        """
        rules = self.scenario.playbook
        numbers = [str(number) for number in range(1, len(self.clauses) + 1)]
        while True:
            standing = {now.rating.number: now.standing for now in self.standing(moment)}
            options = [*numbers, OTHER, CONTINUE, END] + ([UNDO] if self.recorded else [])
            self.say("console.menu")
            for number, clause in enumerate(self.clauses, start=1):
                mark = MARKS.get(standing.get(number, Standing.NOT_YET), "")
                # The playbook's call for a rule the team has already carried out is not
                # repeated.
                index = number - 1
                if not mark and index < len(rules) and index in moment.recommended:
                    mark = render("console.recommended_mark", self.lang)
                text = self._clause_text(clause)
                click.echo(f"  {number}. {text}" + (f"  {mark}" if mark else ""))
            click.echo(f"  {OTHER}. " + render("console.other", self.lang))
            if self.recorded:
                last = self._recorded_text(self.recorded[-1])
                click.echo(f"  {UNDO}. " + render("console.undo", self.lang, what=last))
            click.echo(f"  {CONTINUE}. " + render("console.continue", self.lang))
            click.echo(f"  {END}. " + render("console.end", self.lang))
            choice = self.ask("console.choose", CONTINUE, _choice(options, self.lang))
            if choice == CONTINUE:
                return moment.time, set()
            if choice == END:
                return None
            if choice == UNDO:
                undone = self.recorded.pop()
                self.say("console.undone", what=self._recorded_text(undone))
                if undone.time_min < moment.time:  # back to the stop it was taken at
                    return undone.time_min - 0.5, {undone.time_min}
                continue
            if choice == OTHER:
                self.take(moment, None)
            else:
                self.take(moment, int(choice) - 1)

    def _clause_text(self, clause: Clause) -> str:
        if clause.rule is not None:
            return self._rule_words(self.scenario.playbook[clause.rule])
        action = render(f"action.{clause.do}", self.lang)
        return render(
            "console.step_words", self.lang, name=clause_name(clause).text(self.lang), action=action
        )

    def _recorded_text(self, item: Decision | Step) -> str:
        name = item.action if isinstance(item, Decision) else item.do
        return f"{format_clock(item.time_min)} {render(f'action.{name}', self.lang)}"

    def take(self, moment: Moment, index: int | None) -> None:
        """Ask for one clause's (or another) action or step and record it if it is right."""
        rules = self.scenario.playbook
        clause = self.clauses[index] if index is not None else None
        if clause is None:
            picked = self._pick_other()
            if picked is None:
                return  # back to the menu
            action, defaults = picked, {}
        elif clause.rule is not None:
            rule = rules[clause.rule]
            action = rule.action
            defaults = {key: getattr(rule, key) for key in rule.parameters()}
        else:
            action, defaults = clause.do, dict(clause.match)
        if action in STEPS:
            self._take_step(moment, action)
            return
        rule_index = clause.rule if clause is not None else None
        fields: dict[str, Any] = {"at": format_clock(moment.time), "do": action}
        asked: dict[str, str] = {}  # the parameters the team was asked, with their defaults
        # A response time is not typed at a table: the rule's own is used.
        for key in ACTIONS[action].typed_at_a_table():
            default = defaults.get(key)
            if not isinstance(default, (str, int, float, type(None))):
                continue
            if rule_index is not None and default is None:
                continue  # the rule does without it
            optional = not ACTIONS[action].model_fields[key].is_required()
            built_in = clause is not None and clause.rule is None
            if built_in and optional and key not in IDENTITY.get(action, ()):
                continue  # the plan's step: only what it needs (whom the report goes to)
            asked[key] = "" if default is None else str(default)
            answer = self.ask(
                "console.parameter", asked[key], name=label(ENTRIES[action], key, self.lang)
            )
            if answer.strip():
                fields[key] = scalar(answer.strip())
        if action in IN_FORCE:
            until = self.ask("console.until")
            if until.strip():
                fields["until"] = until.strip()
        who = self.ask("console.who", self.default_who)
        if who.strip():
            fields["who"] = self.default_who = who.strip()
        if rule_index is not None:
            fields["rule"] = rule_index + 1
        decision = self._checked(action, fields, asked)
        if decision is None:
            return
        self.recorded.append(decision)
        what = render(f"action.{action}", self.lang)
        self.say("console.recorded", clock=fields["at"], what=what)
        self._note_if_not_due(moment, action)

    def _checked(
        self, action: str, fields: dict[str, Any], asked: dict[str, str]
    ) -> Decision | None:
        """Return the decision ``fields`` make, asking again for any parameter that is wrong.

        None when the team goes back to the menu (``q``) or the problem is none they can type
        away (then it is said, and nothing is recorded).
        """
        while True:
            try:
                return read_entry(fields, self.scenario)
            except ScenarioError as error:
                # The key is the entry's own ("log[0].count"); the team knows it by its words.
                wrong = [problem.key.rsplit(".", 1)[-1] for problem in error.problems]
                for key, problem in zip(wrong, error.problems, strict=True):
                    name = label(ENTRIES[action], key, self.lang)
                    self.say("console.rejected", problem=f"{name}: {problem.message}")
                if not any(key in asked for key in wrong):
                    return None
                self.say("console.ask_again")
                for key in (key for key in wrong if key in asked):
                    name = label(ENTRIES[action], key, self.lang)
                    answer = self.ask("console.parameter", asked[key], name=name).strip()
                    if answer.lower() in GO_BACK:
                        self.say("console.not_recorded")
                        return None
                    if answer:
                        fields[key] = scalar(answer)
                    else:
                        fields.pop(key, None)

    def _pick_other(self) -> str | None:
        """Ask which action or step outside the menu to take; None: back to the menu.

        Listed by number in the scenario's language; the number, the name shown or the
        engine's name (``open_counters``) is accepted.
        """
        names = sorted(ACTIONS) + list(STEPS)
        shown = [render(f"action.{name}", self.lang) for name in names]
        self.say("console.other_title")
        for number, text in enumerate(shown, start=1):
            click.echo(f"  {number}. {text}")
        click.echo(f"  {BACK}. " + render("console.back", self.lang))
        by_answer = {
            **{name: name for name in names},
            **{text.lower(): name for text, name in zip(shown, names, strict=True)},
            **{str(number): name for number, name in enumerate(names, start=1)},
        }

        def check(typed: str) -> str:
            value = typed.strip().lower()
            if value in ("", BACK):
                return BACK
            if value not in by_answer:
                said = typed.strip()  # as typed, not as looked up
                raise click.UsageError(
                    render("console.invalid_action", self.lang, value=said, most=len(names))
                )
            return by_answer[value]

        answer = self.ask("console.which_action", BACK, check)
        return None if answer == BACK else answer

    def _take_step(self, moment: Moment, step: str) -> None:
        """Record a step of the plan (evacuate, cut the power): who took it."""
        who = self.ask("console.who", self.default_who)
        if who.strip():
            self.default_who = who.strip()
        self.recorded.append(Step(moment.time, step, who.strip()))
        what = render(f"action.{step}", self.lang)
        self.say("console.recorded", clock=format_clock(moment.time), what=what)
        self._note_if_not_due(moment, step)

    def _note_if_not_due(self, moment: Moment, do: str) -> None:
        """Say so when what was just taken is a step of the plan not yet due.

        Done before its clause falls due, it counts for nothing (evacuating at 09:00, before
        any fire): the team hears it now, not only from the brief.
        """
        standings = {
            now.standing
            for now in self.standing(moment)
            if now.rating.clause.do == do and now.rating.clause.rule is None
        }
        if Standing.NOT_YET in standings and Standing.DONE not in standings:
            self.say("console.not_due", what=render(f"action.{do}", self.lang))
