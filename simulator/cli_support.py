"""What every ``drill`` command shares: the bad-input error, scenario loading, progress, notes.

Kept apart from :mod:`simulator.cli` so command modules (:mod:`simulator.cli_plan`) can use it
without importing the command group that registers them.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from simulator import api
from simulator.api import Run
from simulator.cli_language import INTERFACE, adopt, said
from simulator.i18n import render
from simulator.model import Scenario, ScenarioError, load_scenario
from simulator.model.decisions import Decision
from simulator.report.publish import Published
from simulator.rundir.staging import Claim, ClaimError, claim, claim_new
from simulator.runner import (
    EXECUTORS,
    MOST_JOBS,
    Executor,
    ExecutorUnavailable,
    RunResult,
    make_executor,
)
from simulator.runner.work import LARGE_RUN, estimate_work


class InputError(click.ClickException):
    """Bad input from the user: exit code 2, like click's own usage errors."""

    exit_code = 2

    def show(self, file=None) -> None:
        """Print the message without click's ``Error:`` prefix on every line of a list."""
        click.echo(self.format_message(), err=True)


def problems(error: ScenarioError) -> InputError:
    """Return the problems of a scenario or log file as one :class:`InputError`."""
    count = len(error.problems)
    lines = [str(problem) for problem in error.problems]
    key = "validation.footer_one" if count == 1 else "validation.footer"
    said_in = error.language or _unread_language()
    footers = [render(key, lang, count=count) for lang in ([said_in] if said_in else ["zh", "en"])]
    lines.append(" ".join(footers))
    return InputError("\n".join(lines))


@dataclass
class Context:
    """Options shared by every command (``ctx.obj``)."""

    debug: bool = False
    strict: bool = False  # --strict: a scenario with warnings is refused
    allow_large: bool = False  # --allow-large: run even what the work estimate calls large


def _context_flag(name: str, attribute: str, help_text: str) -> Callable:
    """Return a flag that sets ``attribute`` of the shared :class:`Context`, on any command."""

    def store(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        setattr(ctx.ensure_object(Context), attribute, value)

    return click.option(name, is_flag=True, expose_value=False, callback=store, help=help_text)


strict_option = _context_flag(
    "--strict",
    "strict",
    "Treat the scenario's warnings (legal values that are most likely mistakes) as errors.",
)
allow_large_option = _context_flag(
    "--allow-large",
    "allow_large",
    f"Run even above {LARGE_RUN:,} simulated customers (the size is said before it runs).",
)


def _options() -> Context | None:
    """Return the shared options of the command being run (None outside a command)."""
    context = click.get_current_context(silent=True)
    return context.find_object(Context) if context is not None else None


def check_size(scenario: Scenario, days: int, jobs: int) -> None:
    """Refuse, before any work, a run larger than :data:`LARGE_RUN` without ``--allow-large``.

    ``days`` are all the days to simulate (every plan's, at the most the command may run).
    """
    work = estimate_work(scenario, days)
    options = _options()
    if not work.large or (options is not None and options.allow_large):
        return
    raise InputError(
        render(
            "work.too_large",
            scenario.language,
            customers=f"{work.units:,.0f}",
            days=f"{days:,}",
            per_day=f"{work.customers_per_day:,.0f}",
            minutes=f"{work.minutes(jobs or os.cpu_count() or 1):,.0f}",
            most=f"{LARGE_RUN:,}",
        )
    )


def _unread_language() -> str | None:
    """Return the language of a file that cannot be read, None for both (Chinese first).

    Chinese when the interface speaks it, English only when --lang asked for it: a file with
    no language of its own is otherwise said in both, so no reader is left out.
    """
    return INTERFACE.lang if INTERFACE.chosen or INTERFACE.lang == "zh" else None


def speaks(scenario: Scenario) -> str:
    """Return the language the terminal speaks for ``scenario``: its own, unless --lang chose."""
    return INTERFACE.lang if INTERFACE.chosen else scenario.language


def load_or_fail(path: str) -> Scenario:
    """Load and validate a scenario, turning its problems into one :class:`InputError`.

    Its warnings are printed here, once, in its language; with ``--strict`` they are errors.
    """
    try:
        scenario = load_scenario(Path(path), _unread_language())
    except ScenarioError as error:
        raise problems(error) from None
    adopt(scenario.language)  # what click says from here on (a bad --out) is in its language
    warnings = scenario.warnings
    if not warnings:
        return scenario
    lang = speaks(scenario)
    lines = [warning.text(lang) for warning in warnings]
    options = _options()
    if options is not None and options.strict:
        lines.append(render("plausible.strict", lang, count=len(warnings)))
        raise InputError("\n".join(lines))
    click.echo("\n".join([*lines, render("plausible.footer", lang, count=len(warnings))]), err=True)
    return scenario


def progress(total: int) -> tuple[Callable, Callable[[], None]]:
    """Return (callback, finish) showing a progress bar on a terminal and nothing when piped."""
    if not sys.stderr.isatty():
        return (lambda _result: None), (lambda: None)
    bar = click.progressbar(
        length=total, label=said("cli.simulating"), file=sys.stderr, show_pos=True
    )
    bar.__enter__()
    return (lambda _result: bar.update(1)), (lambda: bar.__exit__(None, None, None))


def report_published(published: Published) -> None:
    """Print where the brief went, and the font notice once."""
    # The brief's language, unless --lang chose the terminal's.
    lang = INTERFACE.lang if INTERFACE.chosen else published.lang
    if published.notice:
        click.echo(render("cli.note", lang, notice=published.notice), err=True)
    briefs = [path for path in published.paths if path.name.startswith("brief.")]
    charts = len(published.paths) - len(briefs)
    paths = ", ".join(str(path) for path in briefs)
    click.echo(render("cli.brief_written", lang, paths=paths, charts=charts))


# Days per plan at the most: 100,000 days put a 95 % interval well inside any metric's
# rounding; more only takes memory (a few floats a day) and time.
MOST_DAYS = 100_000
MOST_SEED = 2**63 - 1  # what numpy's generators and run.json's readers take without trouble


def seed_option(
    help_text: str = "Root random seed; the same seed gives the same numbers.",
) -> Callable:
    """Return the ``--seed`` option of a command that takes no executor options."""
    return click.option(
        "--seed",
        default=1,
        show_default=True,
        type=click.IntRange(min=0, max=MOST_SEED),
        help=help_text,
    )


def out_option(suffix: str) -> Callable:
    """Return the ``--out`` option of a command whose run directory is named with ``suffix``."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False),
        help=f"Run directory [default: results/<scenario>{suffix}-<timestamp>].",
    )


def replications_option(default: int) -> Callable:
    """Return the ``-n/--replications`` option with ``default`` days."""
    return click.option(
        "-n",
        "--replications",
        default=default,
        show_default=True,
        type=click.IntRange(min=1, max=MOST_DAYS),
        help="Simulated days (per plan).",
    )


def common_options(function: Callable) -> Callable:
    """Add ``--seed``, ``--jobs``, ``--executor``, ``--scheduler``, ``--out`` and ``--strict``."""
    options = (
        click.option(
            "--seed",
            default=1,
            show_default=True,
            type=click.IntRange(min=0, max=MOST_SEED),
            help="Root random seed; the same seed gives the same numbers.",
        ),
        click.option(
            "--jobs",
            default=1,
            show_default=True,
            type=click.IntRange(min=0, max=MOST_JOBS),
            help="Worker processes (0 = one per CPU). Results do not depend on it.",
        ),
        click.option(
            "--executor",
            "executor_kind",
            type=click.Choice(EXECUTORS),
            default="local",
            show_default=True,
            help="Where replications run: local processes, or a Dask cluster.",
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler, e.g. tcp://10.0.0.5:8786 [default: start a LocalCluster].",
        ),
        click.option(
            "--out",
            type=click.Path(file_okay=False),
            help="Run directory [default: results/<scenario>-<timestamp>].",
        ),
        strict_option,
        allow_large_option,
    )
    for option in reversed(options):
        function = option(function)
    return function


def open_executor(jobs: int, kind: str, scheduler: str | None) -> Executor:
    """Start the executor asked for; one that cannot start is bad input (exit 2)."""
    if scheduler and kind != "dask":
        raise click.BadParameter(said("cli.scheduler_needs_dask"), param_hint="--scheduler")
    try:
        return make_executor(jobs, kind, scheduler)
    except ExecutorUnavailable as error:
        raise InputError(f"--executor {kind}: {error}") from None


def run_directory(out: str | None, file: str, suffix: str = "") -> Claim:
    """Claim the run directory: ``--out``, or a new ``results/<stem><suffix>-<timestamp>``.

    Claimed before any day is simulated, so a directory that is in the way, not writable or
    taken by another run is said at once (exit 2), not after the work.
    """
    try:
        if out:
            claimed = claim(Path(out))
        else:
            claimed = claim_new(Path("results"), Path(file).stem + suffix, datetime.now())
    except ClaimError as error:
        raise click.BadParameter(error.message.text(INTERFACE.lang), param_hint="--out") from None
    # However the command ends (an error, Ctrl-C, SIGTERM), an uncommitted claim goes.
    click.get_current_context().call_on_close(claimed.abandon)
    return claimed


def command_line() -> list[str]:
    """Return the command as the user typed it, for ``run.json``."""
    return ["drill", *sys.argv[1:]]


@contextmanager
def working(
    executor_options: tuple[int, str, str | None], total: int | None
) -> Iterator[tuple[Executor, Callable]]:
    """Open the executor asked for, with a progress bar of ``total`` days (None: no bar).

    Yields (executor, advance); the bar is finished and the executor closed however the work
    ends.
    """
    executor = open_executor(*executor_options)
    advance, finish = progress(total) if total is not None else ((lambda _r: None), lambda: None)
    try:
        yield executor, advance
    finally:
        finish()
        executor.close()


def close_run(published: list[Published], *lines: str) -> None:
    """End a command: say where the brief went (if one was written), then the ``lines``."""
    for each in published:
        report_published(each)
    for line in lines:
        click.echo(line)


def simulate_and_write(
    scenario: Scenario,
    replications: int,
    seed: int,
    executor_options: tuple[int, str, str | None],
    target: Claim,
    brief: bool,
    script: tuple[Decision, ...] | None = None,
    extra_files: Callable[[RunResult], dict[str, str]] | None = None,
) -> tuple[Run, list[Published]]:
    """Run the days (with a progress bar), rate them and write the run directory ``target``.

    ``executor_options`` are ``--jobs``, ``--executor`` and ``--scheduler``; ``extra_files``
    makes the files written beside the run from its result (a drill's record, say). With
    ``brief``, the brief is written with the run, all in place at once; what it wrote is
    returned for :func:`close_run` to report.
    """
    with working(executor_options, replications) as (executor, advance):
        run = api.run(
            scenario, replications, seed, decisions=script, executor=executor, on_done=advance
        )
    if extra_files is not None:
        run.extra_files = {**extra_files(run.result)}
    published: list[Published] = []
    run.write(target, brief=brief, command=command_line(), on_brief=published.append)
    return run, published
