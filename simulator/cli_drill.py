"""The drill commands: ``score``, ``play`` and ``history``.

``drill score`` replays a real drill's log, ``drill play`` runs a tabletop exercise at the
console, and ``drill history`` lists the drills recorded under ``results/``.

``score`` and ``play`` write a run directory like ``drill run`` does, with the drill's log and
``drill.json`` (participants, decisions, timings) beside it; the brief gains a decision log.
"""

import time
from pathlib import Path

import click

from simulator.cli_support import (
    InputError,
    common_options,
    load_or_fail,
    open_executor,
    problems,
    progress,
    replications_option,
    report_published,
    run_directory,
    run_info,
)
from simulator.model import ScenarioError
from simulator.model.drill_log import read_drill_log
from simulator.report.publish import publish
from simulator.report.rundir import read_run
from simulator.report.table import run_table
from simulator.results import write_run
from simulator.runner import run_replications
from simulator.scoring import check_limits, score_objectives
from simulator.tabletop.records import DRILL_FILE, drill_dict, drill_json, past_drills


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("log", type=click.Path(dir_okay=False))
@replications_option(100)
@common_options
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
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
) -> None:
    """Replay a real drill's LOG (YAML or CSV) against FILE and rate it objective by objective.

    Each logged action happens at the time it really happened, on every simulated day; the
    playbook's rules only say, in the shadow, when they would have acted.
    """
    scenario = load_or_fail(file)
    try:
        drill_log = read_drill_log(Path(log), scenario)
    except ScenarioError as error:
        raise problems(error) from None
    target = run_directory(out, file, suffix="-score")
    started = time.perf_counter()
    executor = open_executor(jobs, executor_kind, scheduler)
    advance, finish = progress(replications)
    try:
        result = run_replications(
            scenario, replications, seed, executor, advance, script=drill_log.decisions
        )
    finally:
        finish()
        executor.close()
    limits, objectives = check_limits(result), score_objectives(result)
    extra = {
        DRILL_FILE: drill_json(drill_dict("score", drill_log, result)),
        f"drill_log{Path(log).suffix.lower() or '.csv'}": Path(log).read_text(encoding="utf-8-sig"),
    }
    write_run(result, limits, target, run_info(started, executor), objectives, extra_files=extra)
    click.echo(run_table(result, limits, objectives))
    if not no_brief:
        report_published(publish(read_run(target), scenario.language))
    click.echo(f"\nResults: {target}")


@click.command()
@click.option(
    "--results",
    "results_dir",
    default="results",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the runs are.",
)
def history(results_dir: str) -> None:
    """List the drills recorded under results/ (演练记录): date, kind, scenario, people, rating."""
    root = Path(results_dir)
    if not root.is_dir():
        raise InputError(f"{root}: no such directory; run drill play or drill score first.")
    drills, unreadable = past_drills(root)
    for problem in unreadable:
        click.echo(f"Skipped (unreadable): {problem}", err=True)
    if not drills:
        click.echo(f"No drills recorded under {root} yet; run drill play or drill score.")
        return
    click.echo(f"{'date':<11} {'kind':<6} {'rating':<7} scenario — participants — directory")
    for drill in drills:
        click.echo(
            f"{drill.date:<11} {drill.kind:<6} {drill.rating:<7} {drill.scenario} — "
            f"{drill.participants} — {drill.path}"
        )
