"""The drill commands: ``score``, ``play`` and ``history``.

``drill score`` replays a real drill's log, ``drill play`` runs a tabletop exercise at the
console, and ``drill history`` lists the drills recorded under ``results/``.

``score`` and ``play`` write a run directory like ``drill run`` does, with the drill's log and
``drill.json`` (participants, decisions, timings) beside it; the brief gains a decision log.
"""

import datetime as dt
import time
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from simulator import api
from simulator.cli_register import (
    earlier_actions,
    log_sha256,
    open_register,
    record_drill,
    session_sha256,
    show_earlier,
)
from simulator.cli_support import (
    InputError,
    check_size,
    close_run,
    command_line,
    common_options,
    load_or_fail,
    out_option,
    problems,
    replications_option,
    run_directory,
    seed_option,
    simulate_and_write,
    speaks,
    strict_option,
)
from simulator.i18n import render
from simulator.model import Scenario, ScenarioError
from simulator.model.drill_log import DrillLog, drill_log_yaml, read_drill_log, read_participants
from simulator.report.drill_section import outcome_metrics
from simulator.report.observed_section import clause_table, odds_table
from simulator.report.publish import Published
from simulator.report.rated import metric_name
from simulator.report.table import metric_value, run_table
from simulator.report.text import grid
from simulator.rundir.drill import drill_dict, drill_json, odds_rows
from simulator.rundir.schema import DECISIONS_FILE, DRILL_FILE, DrillFile, drill_log_file
from simulator.runner import RunResult, run_replication
from simulator.scoring.observed import failed_actions, score_observed, with_rules_as_rated
from simulator.scoring.timeline import injects_of_day
from simulator.scoring.what_if import as_drilled, longer_incidents
from simulator.tabletop.console import Console
from simulator.tabletop.plan import hall_counts
from simulator.tabletop.session import rehearse


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("log", type=click.Path(dir_okay=False))
@replications_option(100)
@common_options
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
@click.option(
    "--participants",
    "participants_file",
    type=click.Path(dir_okay=False),
    help="YAML with facilitator, players, evaluator, observers (a CSV log has no place for them).",
)
@click.option(
    "--date",
    "drill_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day the drill was held (YYYY-MM-DD), when the log does not say.",
)
@click.option(
    "--what-if",
    "what_if",
    type=click.Choice(["longer"]),
    help="Also replay the log with the scenario's own incident lengths (longer): which clauses "
    "would have come due, and how the team's timing would have fared.",
)
def score(
    file: str,
    log: str,
    replications: int,
    seed: int,
    jobs: int,
    executor_kind: str,
    scheduler: str | None,
    out: str | None,
    no_brief: bool,
    participants_file: str | None,
    drill_date: dt.datetime | None,
    what_if: str | None,
) -> None:
    """Rate a real drill's LOG (YAML or CSV) against FILE, clause by clause, from what it shows.

    The verdict comes from the log alone: what was injected, done and measured, against the
    plan's clauses. Beside it, as a labelled what-if (推演), the day is replayed on many
    simulated days with the drill's own inject times: the team's actions at their real times
    beside the automatic playbook on the same days.
    """
    scenario = load_or_fail(file)
    try:
        drill_log = read_drill_log(Path(log), scenario)
        if participants_file:
            people = read_participants(Path(participants_file))
            drill_log = replace(drill_log, participants=people)
    except ScenarioError as error:
        raise problems(error) from None
    if drill_date is not None:
        drill_log = replace(drill_log, date=drill_date.date().isoformat())
    check_size(scenario, replications, jobs)
    target = run_directory(out, file, suffix="-score")
    register = open_register(target.target)  # a damaged register stops us before any work
    site = scenario.site.name
    log_text = Path(log).read_text(encoding="utf-8-sig")
    log_key = log_sha256(log_text)  # the register's key: the same log is the same drill
    observed = score_observed(drill_log, scenario)
    drill_log = with_rules_as_rated(drill_log, observed)
    drilled = as_drilled(scenario, drill_log)  # the day as it was drilled: its inject times
    recorded: dict[str, DrillFile] = {}

    def records(result: RunResult) -> dict[str, str]:
        # The automatic playbook on the same simulated days, for the what-if beside the team.
        automatic = api.run(drilled, replications, seed, jobs=jobs).result
        outcome = {
            "team": _means(result),
            "playbook": _means(automatic),
        }
        data = drill_dict("score", drill_log, result, observed, outcome)
        if what_if == "longer":
            longer = api.run(scenario, replications, seed, jobs=jobs, decisions=script).result
            data["what_if"] = odds_rows(longer_incidents(drill_log, longer), replications)
        data["earlier_actions"] = earlier_actions(register, site, data, log_key)
        recorded["drill"] = data
        return {
            DRILL_FILE: drill_json(data),
            drill_log_file(Path(log).suffix): log_text,
        }

    script = drill_log.decisions
    done, published = simulate_and_write(
        drilled,
        replications,
        seed,
        (jobs, executor_kind, scheduler),
        target,
        brief=not no_brief,
        script=drill_log.decisions,
        extra_files=records,
    )
    lang = speaks(scenario)
    record_drill(register, target.target, recorded["drill"], done.summary, log_key)
    click.echo(clause_table(recorded["drill"], lang))
    show_earlier(recorded["drill"], lang)
    click.echo("\n" + render("observed.simulated_table", lang, days=replications))
    outcome = recorded["drill"].get("outcome")
    if outcome:
        click.echo(_outcome_table(outcome, lang, "observed.outcome_title"))
    if recorded["drill"].get("what_if"):
        click.echo("\n" + odds_table(recorded["drill"], lang))
    click.echo("")
    click.echo(run_table(done.summary, speaks(scenario)))
    close_run(published, "\n" + render("roster.results", lang, path=target.target))


def _means(result: RunResult) -> dict[str, float | None]:
    """Return each metric's mean over the days (None where undefined)."""
    return _metrics({name: result.estimate(name).mean for name in result.values})


def _metrics(values: dict[str, float]) -> dict[str, float | None]:
    return {name: None if value != value else value for name, value in values.items()}


def _outcome_table(
    outcome: dict[str, dict[str, float | None]], lang: str, title: str = "console.outcome"
) -> str:
    header = [render(f"console.col_{key}", lang) for key in ("metric", "team", "playbook")]
    rows = [
        [
            metric_name(metric, lang),
            *(metric_value(metric, outcome[side].get(metric)) for side in ("team", "playbook")),
        ]
        for metric in outcome_metrics(outcome)
    ]
    lines = [render(title, lang), *grid([header, *rows], indent="  ", gap=4)]
    return "\n".join(lines)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--decisions",
    type=click.Path(dir_okay=False),
    help="Replay this decision script (a drill log) instead of asking at the console.",
)
@click.option(
    "--participants",
    "participants_file",
    type=click.Path(dir_okay=False),
    help="YAML with facilitator, players, evaluator, observers [default: ask].",
)
@click.option(
    "--every",
    default=30,
    show_default=True,
    type=click.IntRange(min=1, max=24 * 60),
    help="Stop for decisions at least every this many minutes (and at every inject).",
)
@seed_option("Which simulated day is played (the same seed, the same day).")
@out_option("-play")
@click.option(
    "--resume",
    type=click.Path(dir_okay=False),
    help="Go on with an interrupted session (the file Ctrl-C saved) at the console.",
)
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
@strict_option
def play(
    file: str,
    decisions: str | None,
    participants_file: str | None,
    every: int,
    seed: int,
    out: str | None,
    resume: str | None,
    no_brief: bool,
) -> None:
    """Run a tabletop exercise on FILE at the console.

    The day stops at injects, at playbook calls, when a step of the plan falls due and every
    --every minutes; the team decides (u undoes the last decision; Ctrl-C saves the session
    to go on with --resume); at the end the session is rated clause by clause, and its outcome
    set beside the automatic playbook's on the same day.
    """
    scenario = load_or_fail(file)
    if decisions and resume:
        raise click.BadParameter(
            render("cli.decisions_or_resume", speaks(scenario)), param_hint="--resume"
        )
    try:
        people = read_participants(Path(participants_file)) if participants_file else None
        script_log = read_drill_log(Path(decisions), scenario) if decisions else None
        resumed = read_drill_log(Path(resume), scenario) if resume else None
    except ScenarioError as error:
        raise problems(error) from None
    target = run_directory(out, file, suffix="-play")
    register = open_register(target.target)
    started = time.perf_counter()
    console = Console(scenario, seed, every, speaks(scenario))
    if script_log is not None:
        script, steps = script_log.decisions, script_log.steps
        people = people if people is not None else script_log.participants
        title, date = script_log.title, script_log.date
    else:
        title, date = "", dt.date.today().isoformat()
        resume_at = None
        if resumed is not None:
            console.recorded = sorted(
                [*resumed.decisions, *resumed.steps], key=lambda item: item.time_min
            )
            people = people if people is not None else resumed.participants
            title, date = resumed.title, resumed.date or date
            resume_at = max((item.time_min for item in console.recorded), default=None)
        try:
            people = people if people is not None else console.ask_participants()
            console.default_who = next(iter(people.get("players", [])), "")
            script = console.play(resume_at)
            steps = console.steps
        except click.Abort:  # Ctrl-C, or the input ended (a pipe) before the day did
            # The same day and stops again: the seed and --every go into the hint.
            again = f"{file} --seed {seed} --every {every}" + (f" --out {out}" if out else "")
            _interrupted(console, scenario, again, target.target, people or {}, title, date)
    team = api.run(scenario, 1, seed, decisions=script)
    result = team.result
    # The played day is the drill's timeline: its incidents are the injects.
    injects = injects_of_day([event for _day, event in result.events])
    # And what the hall showed minute by minute (the same day, seen as the console saw it)
    # stands for what an evaluator would have counted.
    counts = hall_counts(rehearse(scenario, seed, script).moments)
    drill_log = DrillLog(
        script,
        people,
        title,
        date,
        DECISIONS_FILE,
        steps=steps,
        injects=injects,
        measurements=counts,
    )
    # What the hall could not carry out (no reserve left) was not done, whoever ordered it.
    failed = failed_actions([event for _day, event in result.events])
    observed = score_observed(drill_log, scenario, failed)
    automatic = run_replication(scenario, seed, 0)
    outcome = {
        "team": _metrics({name: values[0] for name, values in result.values.items()}),
        "playbook": _metrics(automatic.metrics),
    }
    played = drill_dict("play", drill_log, result, observed, outcome)
    # The same decisions on the same simulated day are the same session, recorded once.
    session_key = session_sha256(seed, drill_log_yaml(drill_log, scenario))
    played["earlier_actions"] = earlier_actions(register, scenario.site.name, played, session_key)
    team.extra_files = {
        DRILL_FILE: drill_json(played),
        DECISIONS_FILE: drill_log_yaml(drill_log, scenario),
    }
    team.wall_seconds = time.perf_counter() - started  # the whole session at the console
    published: list[Published] = []
    team.write(target, brief=not no_brief, command=command_line(), on_brief=published.append)
    record_drill(register, target.target, played, team.summary, session_key)
    if resume and Path(resume).name.endswith(".unfinished.yaml"):
        Path(resume).unlink(missing_ok=True)  # the session is complete: decisions.yaml has it
    click.echo("")
    click.echo(clause_table(played, speaks(scenario)))
    show_earlier(played, speaks(scenario))
    click.echo("")
    click.echo(_outcome_table(outcome, speaks(scenario)))
    close_run(
        published,
        "\n" + render("play.decisions_file", speaks(scenario), path=target.target / DECISIONS_FILE),
        render("roster.results", speaks(scenario), path=target.target),
    )


def _interrupted(
    console: Console,
    scenario: Scenario,
    command: str,
    target: Path,
    people: dict[str, list[str]],
    title: str,
    date: str,
) -> NoReturn:
    """Save an interrupted session's decisions beside where its run would go, and stop."""
    if not console.recorded:
        raise InputError(render("play.stopped_empty", speaks(scenario)))
    log = DrillLog(console.script, people, title, date, steps=console.steps)
    saved = target.with_name(target.name + ".unfinished.yaml")
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(drill_log_yaml(log, scenario), encoding="utf-8")
    click.echo("")
    message = render(
        "console.interrupted",
        speaks(scenario),
        count=len(console.recorded),
        path=saved,
        file=command,
    )
    click.echo(message, err=True)
    raise click.exceptions.Exit(130)  # as a shell reports a command stopped by Ctrl-C
