"""The register commands: ``drill history`` and ``drill actions`` (演练台账、整改跟踪).

``drill score`` and ``drill play`` record each drill in ``register.sqlite`` beside the run
directories (:mod:`simulator.rundir.register`); ``drill history`` lists them (and, with
``--rebuild``, records the run directories the register does not hold yet), ``drill actions``
lists the corrective actions still open (overdue first marked) and ``drill actions close ID
--note ...`` closes one.
"""

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, cast

import click

from simulator.cli_language import INTERFACE, said
from simulator.cli_support import InputError
from simulator.i18n import CATALOG, render
from simulator.report.observed_section import earlier_section, rectifications
from simulator.report.text import grid, terminal_text
from simulator.rundir.history import past_drills
from simulator.rundir.reader import RunDirError, read_mapping
from simulator.rundir.register import REGISTER_FILE, Register, RegisterError, register_for
from simulator.rundir.schema import (
    DECISIONS_FILE,
    DRILL_FILE,
    SUMMARY_FILE,
    DrillFile,
    EarlierActionEntry,
    drill_log_file,
)

RESULTS_OPTION = click.option(
    "--results",
    "results_dir",
    default="results",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the runs and their register are.",
)


def open_register(run_dir: Path) -> Register:
    """Return the register beside ``run_dir``, checked before any work (bad file: exit 2)."""
    try:
        return register_for(run_dir)
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None


def earlier_actions(
    register: Register, site: str, drill: DrillFile, log_sha256: str
) -> list[EarlierActionEntry]:
    """Return the site's corrective actions still open, and whether this drill failed them again.

    The drill's own actions, if the same log was recorded before, are not "earlier".
    """
    failed = {c["id"] for c in drill.get("clauses", []) if c["rating"] in ("M", "U")}
    rated = {c["id"] for c in drill.get("clauses", []) if c["rating"] is not None}
    today = dt.date.today()
    date = str(drill.get("date") or today.isoformat())
    try:
        itself = register.same_drill(site, date, drill["kind"], log_sha256)
        found = register.actions(site, include_closed=True, but=itself)
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None
    # Open ones, and closed ones whose clause failed again: the fix did not hold.
    return [
        {
            "id": action.id,
            "clause": action.clause,
            "issue": action.issue,
            "due": action.due,
            "overdue": action.overdue(today),
            "failed_again": action.clause in failed,
            "closed": action.closed_at is not None,
            "exercised": action.clause in rated,
        }
        for action in found
        if action.closed_at is None or action.clause in failed
    ]


def record_drill(
    register: Register, run_dir: Path, drill: DrillFile, summary: Any, log_sha256: str
) -> None:
    """Record a written drill in the register, with the corrective actions its ratings open."""
    lang = str(summary["scenario"]["language"])
    fixes = rectifications(drill, lang)
    try:
        drill_id, new = register.record(run_dir, drill, summary, fixes, dt.date.today(), log_sha256)
    except RegisterError as error:
        raise InputError(
            render("register.failed_after_run", lang, error=error, path=run_dir)
        ) from None
    if not new:
        click.echo(render("register.already", lang, id=drill_id, path=register.path))
    elif fixes:
        click.echo(render("register.opened", lang, count=len(fixes), path=register.path))


def show_earlier(drill: DrillFile, lang: str) -> None:
    """Print the earlier drills' open corrective actions, if any."""
    rows = earlier_section(drill, lang)
    if rows:
        click.echo("")
        click.echo(render("observed.earlier_title", lang))
        for row in rows:
            click.echo(
                terminal_text(f"  #{row['id']}  {row['due']}  {row['again']}  {row['issue']}")
            )


def log_sha256(log_text: str) -> str:
    """Return the register's key of a scored drill: the sha256 of its log's text."""
    return hashlib.sha256(log_text.encode("utf-8")).hexdigest()


def session_sha256(seed: int, decisions_yaml: str) -> str:
    """Return the register's key of a tabletop: its day (seed) and its decisions."""
    return log_sha256(f"{seed}\n{decisions_yaml}")


def _log_sha256(run_dir: Path, drill: DrillFile, summary: Any) -> str:
    """Return the key ``score`` or ``play`` gave the drill of ``run_dir`` (its log, as kept)."""
    if drill["kind"] == "play" and (run_dir / DECISIONS_FILE).exists():
        decisions = (run_dir / DECISIONS_FILE).read_text(encoding="utf-8")
        return session_sha256(int(summary["seed"]), decisions)
    for suffix in (".yaml", ".yml", ".csv"):
        kept = run_dir / drill_log_file(suffix)
        if kept.exists():
            return log_sha256(kept.read_text(encoding="utf-8-sig"))
    return hashlib.sha256((run_dir / DRILL_FILE).read_bytes()).hexdigest()


def _rebuild(root: Path, register: Register) -> int:
    """Record the run directories under ``root`` the register does not hold; return how many."""
    drills, _unreadable = past_drills(root)
    added = 0
    for past in drills:
        if register.has_run(past.path):
            continue
        try:
            drill = cast(DrillFile, read_mapping(past.path / DRILL_FILE))
            summary = read_mapping(past.path / SUMMARY_FILE)
        except (OSError, ValueError, RunDirError):
            continue
        lang = str(summary.get("scenario", {}).get("language", "zh"))
        try:
            fixes = rectifications(drill, lang)
            sha = _log_sha256(past.path, drill, summary)
            _id, new = register.record(past.path, drill, summary, fixes, dt.date.today(), sha)
        except (KeyError, TypeError, AttributeError, ValueError):
            click.echo(terminal_text(said("history.skipped", path=past.path)), err=True)
            continue
        added += new
    return added


@click.command()
@RESULTS_OPTION
@click.option("--rebuild", is_flag=True, help="Record the run directories not yet in the register.")
def history(results_dir: str, rebuild: bool) -> None:
    """List the drills in the register (演练台账): date, kind, rating, scenario, people."""
    root = Path(results_dir)
    if not root.is_dir():
        raise InputError(said("history.no_directory", root=root))
    try:
        register = Register(root / REGISTER_FILE)
        if rebuild:
            added = _rebuild(root, register)
            click.echo(said("history.recorded", count=added, path=register.path))
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None
    try:
        drills = register.drills()
        open_actions = {action.drill_id for action in register.actions()}
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None
    if not drills:
        _listed_from_runs(root)
        return
    rows = []
    for drill in drills:
        names = [name for role in drill.participants.values() for name in role]
        people = "、".join(names) if names else "—"
        title = f"{drill.title}（{drill.scenario}）" if drill.title else drill.scenario
        mark = said("history.open_actions") if drill.id in open_actions else ""
        described = f"{title} — {people} — {drill.run_dir}{mark}"
        rows.append([str(drill.date), _kind(drill.kind), drill.verdict or "—", described])
    _echo_drills(rows)


def _kind(kind: str) -> str:
    key = f"history.kind.{kind}"
    return said(key) if key in CATALOG else kind


def _echo_drills(rows: list[list[str]]) -> None:
    header = [said(f"history.col_{column}") for column in ("date", "kind", "rating", "drill")]
    for line in grid([header, *rows]):
        click.echo(terminal_text(line))  # names come from files anyone may have edited


def _listed_from_runs(root: Path) -> None:
    """List the drills from their run directories (no register yet)."""
    drills, unreadable = past_drills(root)
    for problem in unreadable:
        click.echo(terminal_text(said("history.skipped", path=problem)), err=True)
    if not drills:
        click.echo(said("history.none", root=root))
        return
    _echo_drills(
        [
            [
                drill.date,
                _kind(drill.kind),
                drill.rating,
                f"{drill.scenario} — {drill.participants} — {drill.path}",
            ]
            for drill in drills
        ]
    )
    click.echo(said("history.not_registered", root=root))


@click.group(invoke_without_command=True)
@RESULTS_OPTION
@click.option("--all", "include_closed", is_flag=True, help="Closed actions too.")
@click.pass_context
def actions(ctx: click.Context, results_dir: str, include_closed: bool) -> None:
    """List the corrective actions (整改项) still open, overdue ones marked."""
    ctx.obj = ctx.obj or {}
    ctx.meta["register"] = Path(results_dir) / REGISTER_FILE
    if ctx.invoked_subcommand is not None:
        return
    try:
        found = Register(ctx.meta["register"]).actions(include_closed=include_closed)
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None
    if not found:
        click.echo(said("actions.none"))
        return
    today = dt.date.today()
    rows = []
    for action in found:
        state = said("actions.open")
        if action.closed_at:
            state = said("actions.closed_on", date=action.closed_at)
        elif action.overdue(today):
            state = said("actions.overdue")
        described = f"{action.site} — {action.issue} — {action.action}（{action.owner}）"
        rows.append(
            [
                f"#{action.id}",
                str(action.due),
                state,
                described + (f" — {action.note}" if action.note else ""),
            ]
        )
    for line in grid(rows):
        click.echo(terminal_text(line))


@actions.command("close")
@click.argument("action_id", type=click.IntRange(min=1))
@click.option("--note", required=True, help="What was done (整改情况).")
@click.pass_context
def close_action(ctx: click.Context, action_id: int, note: str) -> None:
    """Close corrective action ACTION_ID with a --note of what was done."""
    path = ctx.meta["register"]
    if not path.exists():
        raise InputError(said("actions.no_register", path=path))
    try:
        closed = Register(path).close(action_id, note, dt.date.today())
    except RegisterError as error:
        raise InputError(error.message.text(INTERFACE.lang)) from None
    click.echo(terminal_text(said("actions.closed", id=closed.id, issue=closed.issue, note=note)))
