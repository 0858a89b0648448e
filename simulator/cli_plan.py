"""The planning commands: ``drill compare`` (plan variants) and ``drill staff`` (staffing).

Both write a run directory like ``drill run`` does (for the base plan), with their own tables
beside it, and the brief of that directory gains a section for them.
"""

import difflib
import sys
from pathlib import Path

import click

from simulator import api
from simulator.analysis.compare import BASE, RANKABLE
from simulator.analysis.targets import (
    METRIC_HELP,
    Target,
    TargetError,
    default_targets,
    parse_target,
)
from simulator.cli_support import (
    InputError,
    command_line,
    common_options,
    load_or_fail,
    open_executor,
    progress,
    replications_option,
    report_published,
    run_directory,
)
from simulator.model import Scenario
from simulator.report.comparison import comparison_table
from simulator.report.publish import publish
from simulator.report.staffing import staffing_table
from simulator.rundir.reader import read_run
from simulator.rundir.schema import staffed_file


def _arms(scenario: Scenario, file: str, names: tuple[str, ...]) -> list[tuple[str, Scenario]]:
    """Return the base and the variants asked for (all of them when none is named)."""
    if not scenario.variants:
        raise InputError(f"{file}: has no `variants:` to compare; add some (see README).")
    for name in names:
        if name not in scenario.variants:
            close = difflib.get_close_matches(name, scenario.variants, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise click.BadParameter(
                f"{file} has no variant {name!r}{hint}; it has: {', '.join(scenario.variants)}.",
                param_hint="--variant",
            )
    chosen = list(dict.fromkeys(names)) or list(scenario.variants)
    return [(BASE, scenario), *((name, scenario.variants[name]) for name in chosen)]


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
    type=click.Choice(RANKABLE),
    default="wait_p90_min",
    show_default=True,
    help="Metric to rank the plans by.",
)
@replications_option(30)
@click.option(
    "--precision",
    type=click.FloatRange(min=0, min_open=True),
    help="Add days until every paired difference of --by is known to ± this (95 %).",
)
@click.option(
    "--max-replications",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
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
    by: str,
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
    arms = _arms(scenario, file, variants)
    if precision is not None and max_replications < replications:
        raise click.BadParameter(
            f"{max_replications} is below -n {replications}.", param_hint="--max-replications"
        )
    target = run_directory(out, file, suffix="-compare")
    executor = open_executor(jobs, executor_kind, scheduler)
    advance, finish = progress(replications * len(arms))
    try:
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
    finally:
        finish()
        executor.close()
    compared.write(target, brief=False, command=command_line())

    click.echo(f"{scenario.name} — {len(arms) - 1} variants against the base, seed {seed}")
    click.echo(comparison_table(compared.summary))
    if not no_brief:
        report_published(publish(read_run(target), scenario.language))
    click.echo(f"\nResults: {target}")


def _targets(scenario: Scenario, texts: tuple[str, ...]) -> tuple[Target, ...]:
    if not texts:
        return default_targets(scenario)
    try:
        return tuple(parse_target(text) for text in texts)
    except TargetError as error:
        raise click.BadParameter(str(error), param_hint="--target") from None


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--target",
    "target_texts",
    multiple=True,
    metavar="METRIC<=VALUE",
    help=f"A bound per block (repeatable): {METRIC_HELP}. "
    "[default: the scenario's own limits on these, else wait_p90_min<=limits.wait_min]",
)
@click.option(
    "--block",
    "block_min",
    default=30,
    show_default=True,
    type=click.IntRange(min=5, max=240),
    help="Length of a staffing block in minutes.",
)
@click.option(
    "--share",
    type=click.FloatRange(min=0, max=1, min_open=True),
    help="Share of simulated days on which every block must keep the targets "
    "[default: the scenario's limits.target_share].",
)
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
    target = run_directory(out, file, suffix="-staff")
    executor = open_executor(jobs, executor_kind, scheduler)
    plans = [0]

    def evaluated(_evaluation: object) -> None:
        plans[0] += 1
        if sys.stderr.isatty():
            click.echo(f"\rplans simulated: {plans[0]}", nl=False, err=True)

    try:
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
    finally:
        executor.close()
    staffed.source = Path(file)
    staffed.write(target, brief=False, command=command_line())
    data = staffed.summary
    stem = Path(file).stem

    click.echo(f"{scenario.name} — staffing per {block_min}-minute block, seed {seed}")
    click.echo(staffing_table(data))
    if data["unreachable"]:
        click.echo(
            "Warning: some blocks cannot keep the targets with the counters the hall has "
            "(site.counters); see the table.",
            err=True,
        )
    if not no_brief:
        report_published(publish(read_run(target), scenario.language))
    click.echo(f"\nStaffed scenario: {target / staffed_file(stem)}  (drill run it)")
    click.echo(f"Results: {target}")
