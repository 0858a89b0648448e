"""The planning commands: ``drill compare`` (plan variants) and ``drill staff`` (staffing).

Both write a run directory like ``drill run`` does (for the base plan), with their own tables
beside it, and the brief of that directory gains a section for them.
"""

import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from simulator import api, api_roster
from simulator.analysis.egress_study import MOST_OCCUPANTS, study_evacuation
from simulator.analysis.targets import (
    METRIC_HELP,
    Target,
    TargetError,
)
from simulator.cli_support import (
    MOST_DAYS,
    InputError,
    check_size,
    close_run,
    command_line,
    common_options,
    load_or_fail,
    out_option,
    replications_option,
    run_directory,
    seed_option,
    speaks,
    strict_option,
    working,
)
from simulator.i18n import render
from simulator.model import Scenario
from simulator.report.egress_study import study_files, study_table
from simulator.report.plan_tables import compare_text, staff_text
from simulator.report.publish import DEFAULT_FORMATS, Published
from simulator.report.roster import roster_table
from simulator.rundir.egress_study import curve_columns, curve_csv, study_dict, write_study
from simulator.rundir.roster_schema import ROSTER_XLSX, rostered_file
from simulator.rundir.schema import staffed_file


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--variant",
    "variants",
    multiple=True,
    metavar="NAME",
    help="A variant to compare with the base (repeatable) [default: all of them].",
)
@click.option(
    "--by",
    metavar="METRIC",
    default=None,
    help="Metric to rank the plans by: any of comparison.csv's, e.g. wait_p90_min, staff_cost,"
    " wait_p90_min_vulnerable, wait_p90_min[<service>] [default: the plans that hold every"
    " limit first, the"
    " cheapest of them first (staff cost, else staff-hours), ties by 90th-percentile wait; for"
    " a scenario that evacuates, RSET > ASET least often, then the shortest RSET].",
)
@replications_option(30)
@click.option(
    "--precision",
    type=click.FloatRange(min=0, min_open=True),
    help="Add days until every paired difference of the ranking metric is known to ± this"
    " (95 %), in its own unit: minutes for --by wait_p90_min.",
)
@click.option(
    "--max-replications",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1, max=MOST_DAYS),
    help="Cap on days per plan when --precision is given.",
)
@click.option(
    "--independent",
    is_flag=True,
    help="Give each plan its own seed instead of common random numbers (to see what CRN buys).",
)
@common_options
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
def compare(
    file: str,
    variants: tuple[str, ...],
    by: str | None,
    replications: int,
    precision: float | None,
    max_replications: int,
    independent: bool,
    seed: int,
    jobs: int,
    executor_kind: str,
    scheduler: str | None,
    out: str | None,
    no_brief: bool,
) -> None:
    """Compare the base plan of FILE with its variants on common random numbers."""
    scenario = load_or_fail(file)
    try:
        arms = api.comparison_arms(scenario, variants)
    except api.PlanError as error:
        if not scenario.variants:
            raise InputError(error.message.text(speaks(scenario))) from None
        raise click.BadParameter(
            error.message.text(speaks(scenario)), param_hint="--variant"
        ) from None
    try:
        api.check_ranking_metric(by, arms)
    except api.PlanError as error:
        raise click.BadParameter(error.message.text(speaks(scenario)), param_hint="--by") from None
    if precision is not None and max_replications < replications:
        raise click.BadParameter(
            render("plan.cap_below", speaks(scenario), most=max_replications, days=replications),
            param_hint="--max-replications",
        )
    most_days = max_replications if precision is not None else replications
    check_size(scenario, most_days * len(arms), jobs)
    target = run_directory(out, file, suffix="-compare")
    with working((jobs, executor_kind, scheduler), replications * len(arms)) as (
        executor,
        advance,
    ):
        compared = api.compare(
            scenario,
            [name for name, _ in arms[1:]],
            replications,
            seed,
            by,
            precision=precision,
            max_replications=max_replications,
            independent=independent,
            executor=executor,
            on_done=advance,
        )
    published: list[Published] = []
    compared.write(target, brief=not no_brief, command=command_line(), on_brief=published.append)

    lang = speaks(scenario)
    title = render("compare.title", lang, name=scenario.name, variants=len(arms) - 1, seed=seed)
    click.echo(title)
    click.echo(compare_text(compared.summary, lang))
    close_run(published, "\n" + render("roster.results", lang, path=target.target))


F = TypeVar("F", bound=Callable[..., Any])


def block_targets(least_min: int, most_min: int) -> Callable[[F], F]:
    """Return the options of a per-block search: ``--target``, ``--block`` and ``--share``."""

    def decorate(command: F) -> F:
        for option in reversed(
            (
                click.option(
                    "--target",
                    "target_texts",
                    multiple=True,
                    metavar="METRIC<=VALUE",
                    help=f"A bound per block (repeatable): {METRIC_HELP}. [default: the "
                    "scenario's own limits on these, else wait_p90_min<=limits.wait_min]",
                ),
                click.option(
                    "--block",
                    "block_min",
                    default=30,
                    show_default=True,
                    type=click.IntRange(min=least_min, max=most_min),
                    help="Length of a block in minutes.",
                ),
                click.option(
                    "--share",
                    type=click.FloatRange(min=0, max=1, min_open=True),
                    help="Share of simulated days on which every block must keep the targets "
                    "[default: the scenario's limits.target_share].",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def _targets(scenario: Scenario, texts: tuple[str, ...]) -> tuple[Target, ...]:
    try:
        return api.staffing_targets(scenario, texts)
    except TargetError as error:
        raise click.BadParameter(
            error.message.text(speaks(scenario)), param_hint="--target"
        ) from None


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@block_targets(most_min=240, least_min=5)
@replications_option(40)
@common_options
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
def staff(
    file: str,
    target_texts: tuple[str, ...],
    block_min: int,
    share: float | None,
    replications: int,
    seed: int,
    jobs: int,
    executor_kind: str,
    scheduler: str | None,
    out: str | None,
    no_brief: bool,
) -> None:
    """Find the fewest counters per time block (and reserve call-ins) that keep the targets."""
    scenario = load_or_fail(file)
    targets = _targets(scenario, target_texts)
    # The search simulates each plan it tries for -n days: about two a block, and the last.
    blocks = math.ceil((scenario.hours.close_min - scenario.hours.open_min) / block_min)
    check_size(scenario, replications * (2 * blocks + 2), jobs)
    target = run_directory(out, file, suffix="-staff")
    plans = [0]

    def evaluated(_evaluation: object) -> None:
        plans[0] += 1
        if sys.stderr.isatty():
            progress = render("staff.progress", speaks(scenario), plans=plans[0])
            click.echo(f"\r{progress}", nl=False, err=True)

    with working((jobs, executor_kind, scheduler), None) as (executor, _advance):
        staffed = api.staff(
            scenario,
            targets,
            block_min,
            share,
            replications,
            seed,
            executor=executor,
            on_evaluated=evaluated,
        )
        if sys.stderr.isatty():
            click.echo("", err=True)
    published: list[Published] = []
    try:
        staffed.write(target, brief=not no_brief, command=command_line(), on_brief=published.append)
    except api.PlanError as error:  # the scenario file was edited while the search ran
        raise InputError(error.message.text(speaks(scenario))) from None
    data = staffed.summary
    stem = Path(file).stem

    lang = speaks(scenario)
    click.echo(render("staff.title", lang, name=scenario.name, block=block_min, seed=seed))
    click.echo(staff_text(data, lang))
    if data["unreachable"]:
        click.echo(render("staff.unreachable", lang), err=True)
    close_run(
        published,
        "\n" + render("staff.staffed_file", lang, path=target.target / staffed_file(stem)),
        render("roster.results", lang, path=target.target),
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@block_targets(most_min=120, least_min=15)
@replications_option(40)
@common_options
@click.option("--no-brief", is_flag=True, help="Do not write the brief and charts.")
def roster(
    file: str,
    target_texts: tuple[str, ...],
    block_min: int,
    share: float | None,
    replications: int,
    seed: int,
    jobs: int,
    executor_kind: str,
    scheduler: str | None,
    out: str | None,
    no_brief: bool,
) -> None:
    """Plan a roster of whole shifts from the scenario's staff.shifts that keeps the targets.

    The cheapest cover of the shifts is solved as an integer program, checked by simulation
    on -n days and adjusted until every block holds, then verified on -n days it never saw.
    Writes roster.xlsx (排班表), roster.csv, roster.json and <stem>.rostered.yaml (the
    scenario with the roster, its comments kept) beside the rostered day's run.
    """
    scenario = load_or_fail(file)
    if scenario.staff.shifts is None:
        raise InputError(f"{file}: " + render("roster.no_rules", speaks(scenario)))
    targets = _targets(scenario, target_texts)
    blocks = math.ceil((scenario.hours.close_min - scenario.hours.open_min) / block_min)
    check_size(scenario, replications * (blocks + 4), jobs)
    target = run_directory(out, file, suffix="-roster")
    lang = speaks(scenario)

    def round_done(number: int, _judged: object) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{render('roster.progress', lang, rounds=number)}", nl=False, err=True)

    with working((jobs, executor_kind, scheduler), None) as (executor, _advance):
        try:
            found = api_roster.roster(
                scenario,
                targets,
                block_min,
                share,
                replications,
                seed,
                executor=executor,
                on_round=round_done,
            )
        except api.PlanError as error:
            raise InputError(f"{file}: {error.message.text(lang)}") from None
        if sys.stderr.isatty():
            click.echo("", err=True)
    published: list[Published] = []
    try:
        found.write(target, brief=not no_brief, command=command_line(), on_brief=published.append)
    except api.PlanError as error:  # the scenario file was edited while the search ran
        raise InputError(error.message.text(speaks(scenario))) from None
    click.echo(render("roster.title", lang, name=scenario.name, block=block_min, seed=seed))
    click.echo(roster_table(found.summary, lang))
    stem = Path(file).stem
    close_run(
        published,
        "\n" + render("roster.written", lang, path=target.target / ROSTER_XLSX),
        render("roster.rostered", lang, path=target.target / rostered_file(stem)),
        render("roster.results", lang, path=target.target),
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--occupants",
    type=click.IntRange(min=1, max=MOST_OCCUPANTS),
    help="People inside at the alarm [default: the design occupant load of the floor area, "
    "1 person per 2.79 m² (NFPA 101, mercantile street floor)].",
)
@click.option(
    "--blocked",
    multiple=True,
    metavar="EXIT",
    help="An exit nobody can use in any repetition (smoke, a locked door); repeat for more.",
)
@replications_option(100)
@seed_option()
@out_option("-evacuate")
@strict_option
def evacuate(
    file: str,
    occupants: int | None,
    blocked: tuple[str, ...],
    replications: int,
    seed: int,
    out: str | None,
) -> None:
    """Evacuate N people from the hall of FILE many times: an egress-only study.

    Writes summary.json (egress_s with its 95 % interval; per exit the people, mean flow and
    last out), evacuation.csv (people inside over time, the hall and by exit), a chart and a
    brief of the evacuation.
    """
    scenario = load_or_fail(file)
    lang = speaks(scenario)
    closed = _blocked_exits(scenario, blocked, lang)
    target = run_directory(out, file, suffix="-evacuate")
    study = study_evacuation(scenario, occupants, replications, seed, closed)
    data = study_dict(study)
    curve = curve_columns(curve_csv(study))
    extra = study_files(data, curve, scenario.language, DEFAULT_FORMATS, dt.date.today())
    write_study(study, target, extra)
    click.echo(study_table(data, lang))
    click.echo("\n" + render("roster.results", lang, path=target.target))


def _blocked_exits(scenario: Scenario, names: tuple[str, ...], lang: str) -> frozenset[str]:
    """Return the exits ``--blocked`` names, refusing a name the hall has not, or all of them."""
    exits = [exit_.name for exit_ in scenario.site.exits]
    for name in names:
        if name not in exits:
            known = render("study.and", lang).join(exits)
            raise click.BadParameter(
                render("study.unknown_exit", lang, name=name, exits=known), param_hint="--blocked"
            )
    if set(exits) <= set(names):
        raise click.BadParameter(render("study.all_blocked", lang), param_hint="--blocked")
    return frozenset(names)
