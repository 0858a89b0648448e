"""The ``drill`` command line: validate, run and brief (compare and staff are in :mod:`.cli_plan`).

Every command reports bad input as a message naming file, line and key, exits 2 and prints no
traceback; an unexpected failure exits 1 with a one-line message (``--debug`` shows the traceback).
"""

import signal
import sys
from pathlib import Path

import click

from simulator._version import __version__
from simulator.cli_drill import play, score
from simulator.cli_language import INTERFACE, DrillGroup, said
from simulator.cli_plan import compare, evacuate, roster, staff
from simulator.cli_register import actions, history
from simulator.cli_support import (
    Context,
    InputError,
    check_size,
    close_run,
    common_options,
    load_or_fail,
    replications_option,
    report_published,
    run_directory,
    simulate_and_write,
    speaks,
    strict_option,
)
from simulator.i18n import LANGUAGES, render
from simulator.model.json_schema import json_schema_text
from simulator.model.reference import reference_markdown
from simulator.report.egress_study import publish_study
from simulator.report.publish import DEFAULT_FORMATS, FORMATS, publish
from simulator.report.table import run_table
from simulator.rundir.reader import RunDirError, is_study, read_run, read_study
from simulator.rundir.staging import WriteError


@click.group(cls=DrillGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drill", message="%(prog)s %(version)s")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    expose_value=False,
    is_eager=True,  # DrillGroup read it before parsing; listed here for the help and the check
    help="Interface language: zh or en [default: the scenario's, else the locale's (LANG)].",
)
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Simulate service-hall drills: surges, outages and evacuations against a staffing plan."""
    ctx.obj = Context(debug=debug)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@strict_option
def validate(file: str) -> None:
    """Check a scenario FILE and report every problem at once."""
    scenario = load_or_fail(file)
    counts = {
        "services": len(scenario.demand.services),
        "incidents": len(scenario.incidents),
        "rules": len(scenario.playbook),
        "variants": len(scenario.variants),
    }
    click.echo(render("validation.ok", speaks(scenario), file=file, name=scenario.name, **counts))


@cli.command()
@click.option(
    "--log", "of", flag_value="log", default=False, help="The drill log's schema instead."
)
@click.option(
    "--markdown",
    type=click.Choice(LANGUAGES),
    help="The reference people read (docs/scenario.md), in this language, instead.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False),
    help="Write it to this file (e.g. scenario.schema.json beside your scenario).",
)
def schema(of: str | bool, markdown: str | None, out: str | None) -> None:
    """Print the JSON Schema of a scenario file, for editors (zh/en descriptions, units).

    A scenario's first line ``# yaml-language-server: $schema=scenario.schema.json`` lets VS
    Code's YAML extension (and others) complete keys and show what each means.
    """
    if markdown:
        text = reference_markdown(markdown)
    else:
        text = json_schema_text("log" if of == "log" else "scenario")
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(said("cli.cannot_write", path=out, why=error.strerror)) from None
    click.echo(said("cli.written", path=out))


cli.add_command(compare)
cli.add_command(staff)
cli.add_command(roster)
cli.add_command(evacuate)
cli.add_command(score)
cli.add_command(play)
cli.add_command(history)
cli.add_command(actions)


def _terminated(signum: int, _frame: object) -> None:
    # Raised, not exited on the spot: the staging folder and the worker processes are then
    # cleaned up on the way out, as for Ctrl-C.
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: run the CLI, turning unexpected errors into exit code 1."""
    debug = "--debug" in sys.argv[1:]
    for name in ("SIGTERM", "SIGHUP"):  # SIGHUP: the terminal was closed (not on Windows)
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    try:
        # Outside standalone mode click returns an Exit's code instead of exiting with it.
        code = cli.main(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo(said("cli.aborted"), err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except WriteError as error:  # the machine's, not the input's: a full disk, a lost mount
        click.echo(f"drill: {error}", err=True)
        sys.exit(1)
    except OSError as error:  # the machine's too, outside the run's writing (a closed pipe)
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"drill: {where}{error.strerror or error}", err=True)
        sys.exit(1)
    except Exception as error:  # an internal error: a bug, not bad input
        if debug:
            raise
        click.echo(said("cli.internal_error", error=repr(error)), err=True)
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@replications_option(100)
@common_options
@click.option(
    "--no-brief", is_flag=True, help="Do not write the brief and charts at the end of the run."
)
def run(
    file: str,
    replications: int,
    seed: int,
    jobs: int,
    executor_kind: str,
    scheduler: str | None,
    out: str | None,
    no_brief: bool,
) -> None:
    """Simulate a scenario FILE many times and judge it against its limits."""
    scenario = load_or_fail(file)
    check_size(scenario, replications, jobs)
    target = run_directory(out, file)
    executor_options = (jobs, executor_kind, scheduler)
    done, published = simulate_and_write(
        scenario, replications, seed, executor_options, target, brief=not no_brief
    )

    lang = speaks(scenario)
    click.echo(render("table.title", lang, name=scenario.name, days=replications, seed=seed))
    click.echo(run_table(done.summary, lang))
    close_run(published, "\n" + render("roster.results", lang, path=target.target))


def _formats(_ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """Parse ``md,html`` into a tuple, refusing unknown formats by name."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            said(
                "cli.bad_format",
                formats=", ".join(unknown) or said("cli.no_format"),
                known=", ".join(FORMATS),
            ),
            param=param,
        )
    return chosen


@cli.command()
@click.argument("run_dir", type=click.Path(file_okay=False))
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language of the brief [default: the scenario's language].",
)
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help="Brief formats to write, comma-separated: md, html, pdf (pdf needs Chromium or Chrome).",
)
def brief(run_dir: str, lang: str | None, formats: tuple[str, ...]) -> None:
    """Write the brief (brief.md, brief.html, brief.pdf) and charts of the run in RUN_DIR."""
    try:
        if is_study(Path(run_dir)):  # drill evacuate's directory: an egress study's brief
            study = read_study(Path(run_dir))
            published = publish_study(study, lang or study.data["scenario"]["language"], formats)
        else:
            run = read_run(Path(run_dir))
            scenario_lang = run.summary["scenario"].get("language", "zh")
            published = publish(run, lang or scenario_lang, formats)
    except RunDirError as error:  # before the run is read: the interface's language
        raise InputError(error.message.text(lang or INTERFACE.lang)) from None
    report_published(published)
