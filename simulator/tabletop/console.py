"""The facilitator's console for ``drill play``: plain prompts that work in any terminal.

At each stop (see :mod:`.session`) it shows the clock, the injects since the last stop, the hall
(queue, density, recent waits, counters, reserve, outage) and what the playbook recommends; the
team then picks actions from a numbered menu: the playbook's rules (with their parameters, which
may be changed), another action, continue, or end. Every choice and every parameter is checked as
a log line would be (:func:`~simulator.model.drill_log.read_entry`); anything wrong is said and
asked again, never a crash.
"""

from collections.abc import Callable
from typing import Any

import click

from simulator.engine.events import EventKind
from simulator.i18n import CATALOG, render
from simulator.model import ScenarioError
from simulator.model.actions import ACTIONS, ENTRIES
from simulator.model.base import label
from simulator.model.clock import format_clock
from simulator.model.condition_words import said
from simulator.model.decisions import IN_FORCE, Decision
from simulator.model.drill_log import ROLES, read_entry, scalar
from simulator.model.scenario import Scenario
from simulator.tabletop.session import Moment, next_stop, rehearse

OTHER, CONTINUE, END = "o", "c", "e"
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

    def __init__(self, scenario: Scenario, seed: int, every: float):
        self.scenario, self.seed, self.every = scenario, seed, every
        self.lang = scenario.language
        self.script: list[Decision] = []
        self.default_who = ""

    def say(self, key: str, **args: Any) -> None:
        """Print catalogue entry ``key`` in the scenario's language."""
        click.echo(render(key, self.lang, **args))

    def ask(self, key: str, default: str = "", check: Callable | None = None, **args: Any) -> str:
        """Ask for catalogue entry ``key``; empty answers give ``default``."""
        text = render(key, self.lang, **args)
        return click.prompt(text, default=default, show_default=bool(default), value_proc=check)

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

    def play(self) -> tuple[Decision, ...]:
        """Run the session to the end of the day; return the team's decisions."""
        self.say("console.title", name=self.scenario.name, seed=self.seed)
        after = None
        while True:
            rehearsal = rehearse(self.scenario, self.seed, tuple(self.script))
            stop = next_stop(rehearsal.moments, after, self.every)
            if stop is None:
                break
            self.show(stop)
            if not self.decide(stop):
                break
            after = stop.time
        self.say("console.day_over")
        return tuple(self.script)

    def show(self, moment: Moment) -> None:
        """Print the hall as the team sees it at ``moment``."""
        click.echo("")
        self.say("console.clock", clock=format_clock(moment.time))
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
        if moment.recommended:
            rules = self.scenario.playbook
            what = "; ".join(self._rule_text(rules[index], index) for index in moment.recommended)
            self.say("console.recommends", what=what)

    def _rule_text(self, rule: Any, index: int) -> str:
        action = render(f"action.{rule.action}", self.lang)
        when = said(rule.condition).text(self.lang) if rule.condition is not None else rule.when
        return f"{index + 1}. {rule.note or action} ({action}: {when})"

    def decide(self, moment: Moment) -> bool:
        """Take the team's decisions at ``moment``; return False when they end the exercise."""
        rules = self.scenario.playbook
        options = [str(number) for number in range(1, len(rules) + 1)] + [OTHER, CONTINUE, END]
        while True:
            self.say("console.menu")
            for index, rule in enumerate(rules):
                mark = "  " + render("console.recommended_mark", self.lang)
                click.echo(
                    "  "
                    + self._rule_text(rule, index)
                    + (mark if index in moment.recommended else "")
                )
            click.echo(f"  {OTHER}. " + render("console.other", self.lang))
            click.echo(f"  {CONTINUE}. " + render("console.continue", self.lang))
            click.echo(f"  {END}. " + render("console.end", self.lang))
            choice = self.ask("console.choose", CONTINUE, _choice(options, self.lang))
            if choice == CONTINUE:
                return True
            if choice == END:
                return False
            self.take(moment, int(choice) - 1 if choice != OTHER else None)

    def take(self, moment: Moment, index: int | None) -> None:
        """Ask for one action's parameters and record it if they are right."""
        rules = self.scenario.playbook
        if index is None:
            actions = sorted(ACTIONS)
            action = self.ask(
                "console.which_action", "", _choice(actions, self.lang), actions=", ".join(actions)
            )
            defaults: dict[str, Any] = {}
        else:
            rule = rules[index]
            action = rule.action
            defaults = {key: getattr(rule, key) for key in rule.parameters()}
        fields: dict[str, Any] = {"at": format_clock(moment.time), "do": action}
        # A response time is not typed at a table: the rule's own is used.
        for key in ACTIONS[action].typed_at_a_table():
            default = defaults.get(key)
            if not isinstance(default, (str, int, float, type(None))):
                continue
            if index is not None and default is None:
                continue  # the rule does without it
            answer = self.ask(
                "console.parameter",
                "" if default is None else str(default),
                name=label(ENTRIES[action], key, self.lang),
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
        if index is not None:
            fields["rule"] = index + 1
        try:
            decision = read_entry(fields, self.scenario)
        except ScenarioError as error:
            for problem in error.problems:
                # The key is the entry's own ("log[0].count"); the player knows it by its words.
                key = problem.key.rsplit(".", 1)[-1]
                name = label(ENTRIES[action], key, self.lang)
                self.say("console.rejected", problem=f"{name}: {problem.message}")
            return
        self.script.append(decision)
        what = render(f"action.{action}", self.lang)
        self.say("console.recorded", clock=fields["at"], what=what)
