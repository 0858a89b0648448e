"""The planning commands: ``drill compare`` (plan variants) and ``drill staff`` (staffing).

Both write a run directory like ``drill run`` does (for the base plan), with their own tables
beside it, and the brief of that directory gains a section for them.
"""

import difflib
import time

import click

from simulator.analysis.compare import BASE, RANKABLE, run_comparison
from simulator.cli_support import (
    InputError,
    common_options,
    load_or_fail,
    open_executor,
    progress,
    replications_option,
    report_published,
    run_directory,
    run_info,
)
from simulator.model import Scenario
from simulator.report.comparison import (
    comparison_csv,
    comparison_dict,
    comparison_json,
    comparison_table,
)
from simulator.report.publish import publish
from simulator.report.rundir import read_run
from simulator.results import write_run
from simulator.scoring import check_limits, score_objectives


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
    started = time.perf_counter()
    executor = open_executor(jobs, executor_kind, scheduler)
    advance, finish = progress(replications * len(arms))
    try:
        comparison = run_comparison(
            arms,
            replications,
            seed,
            by,
            executor,
            precision=precision,
            max_replications=max_replications,
            independent=independent,
            on_done=advance,
        )
    finally:
        finish()
        executor.close()
    base = comparison.arms[0].result
    limits, objectives = check_limits(base), score_objectives(base)
    data = comparison_dict(comparison)
    extra = {"comparison.json": comparison_json(data), "comparison.csv": comparison_csv(data)}
    write_run(base, limits, target, run_info(started, executor), objectives, extra_files=extra)

    click.echo(f"{scenario.name} — {len(arms) - 1} variants against the base, seed {seed}")
    click.echo(comparison_table(data))
    if not no_brief:
        report_published(publish(read_run(target), scenario.language))
    click.echo(f"\nResults: {target}")
