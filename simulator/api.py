"""The Python API: a scenario file to a table of metrics in three lines, for notebooks.

::

    import simulator as drill
    run = drill.run(drill.load("scenarios/promotion_day.yaml"), replications=20)
    run.to_frame().describe()          # one row per simulated day (pandas)

:func:`run`, :func:`compare` and :func:`staff` do what ``drill run``, ``drill compare`` and
``drill staff`` do, and return objects with the same content as the files those commands write:
``.summary`` is ``summary.json`` (or ``comparison.json``, ``staffing.json``) as a dict,
``.to_frame()`` a pandas ``DataFrame`` (pandas is optional: without it, a clear error says how
to install it), and ``.write(directory)`` writes the run directory with its brief. The command
line uses these same objects, so a notebook and a terminal always give the same numbers for the
same seed.
"""

import datetime as dt
import difflib
import io
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.analysis.compare import BASE, Comparison, rankable_metrics, run_comparison
from simulator.analysis.staffing import StaffingResult, find_staffing
from simulator.analysis.targets import Target, block_edges, default_targets, parse_target
from simulator.i18n import SaidError
from simulator.model import Scenario, load_scenario
from simulator.model.decisions import Decision
from simulator.rundir.comparison import comparison_csv, comparison_dict, comparison_json
from simulator.rundir.schema import (
    COMPARISON_CSV,
    COMPARISON_FILE,
    STAFFING_CSV,
    STAFFING_FILE,
    ComparisonFile,
    StaffingFile,
    Summary,
    staffed_file,
)
from simulator.rundir.staffing import (
    SourceChanged,
    staffed_yaml,
    staffing_csv,
    staffing_dict,
    staffing_json,
)
from simulator.rundir.staging import Claim, claim
from simulator.rundir.writer import summary_dict, write_run
from simulator.runner import Executor, ReplicationResult, RunResult, make_executor
from simulator.runner import run_replications as _run_replications
from simulator.scoring import LimitResult, Objective, check_limits, score_objectives

if TYPE_CHECKING:  # pandas is optional, the report heavy; only the type checker needs them here
    import pandas

    from simulator.report.publish import Published

ScenarioLike = Scenario | str | Path
Progress = Callable[[ReplicationResult], None]


class PlanError(SaidError, ValueError):
    """A request the API cannot carry out: no such variant, too few days, an unknown metric.

    Its message is a catalogue entry (``plan.*``), said in the reader's language.
    """


class PandasMissing(ImportError):
    """``to_frame()`` needs pandas, which ``drill`` does not require."""

    def __init__(self) -> None:
        super().__init__(
            "to_frame() needs pandas, which drill does not install by itself: "
            "pip install pandas (then call to_frame() again)"
        )


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise PandasMissing() from None
    return pandas


def load(path: str | Path) -> Scenario:
    """Load and validate the scenario file ``path``.

    Raises :class:`~simulator.model.ScenarioError` listing every problem (file, line and key).
    """
    return load_scenario(Path(path))


def _scenario(scenario: ScenarioLike) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load(scenario)


def _at_least_one(replications: int) -> None:
    if replications < 1:
        raise PlanError("plan.too_few_days", got=replications)


def check_ranking_metric(by: str | None, arms: list[tuple[str, Scenario]]) -> None:
    """Raise :class:`PlanError` unless plans of ``arms`` can be ranked by ``by`` (None: default).

    Any metric but demand and bookkeeping can rank plans, the waits of a service every plan
    has (``wait_p90_min[开户]``) included.
    """
    if by is None:
        return
    rankable = rankable_metrics([plan for _, plan in arms])
    if by not in rankable:
        close = difflib.get_close_matches(by, rankable, n=1)
        if close:
            raise PlanError("plan.unrankable_close", by=repr(by), close=repr(close[0]))
        raise PlanError("plan.unrankable", by=repr(by), known=", ".join(rankable))
    unpriced = [name for name, plan in arms if plan.staff.cost_per_hour is None]
    if by == "staff_cost" and unpriced:
        raise PlanError("plan.unpriced", plans=", ".join(unpriced))


def comparison_arms(scenario: Scenario, variants: Sequence[str] = ()) -> list[tuple[str, Scenario]]:
    """Return the plans to compare: the base, then ``variants`` (default: all of them).

    Raises :class:`PlanError` when the scenario has no variants or not one asked for.
    """
    if not scenario.variants:
        raise PlanError("plan.no_variants", source=scenario.source)
    for name in variants:
        if name not in scenario.variants:
            close = difflib.get_close_matches(name, list(scenario.variants), n=1)
            known = ", ".join(scenario.variants)
            if close:
                raise PlanError(
                    "plan.no_such_variant_close",
                    source=scenario.source,
                    name=repr(name),
                    close=repr(close[0]),
                    known=known,
                )
            raise PlanError(
                "plan.no_such_variant", source=scenario.source, name=repr(name), known=known
            )
    chosen = list(dict.fromkeys(variants)) or list(scenario.variants)
    return [(BASE, scenario), *((name, scenario.variants[name]) for name in chosen)]


def _run_info(wall_seconds: float, jobs: int, command: Sequence[str] | None) -> dict[str, Any]:
    return {
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "command": list(command) if command is not None else ["python", "-c", "simulator.api"],
        "jobs": jobs,
        "wall_seconds": round(wall_seconds, 3),
    }


@dataclass(repr=False)
class Run:
    """A scenario played on many days, rated: what ``drill run`` writes, in memory."""

    result: RunResult
    limits: list[LimitResult]
    objectives: list[Objective]
    jobs: int = 1
    wall_seconds: float = 0.0  # simulating and rating, not the time until it is written
    # Files written beside the run (a comparison's or a drill's), by name.
    extra_files: dict[str, str | bytes] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Run {self.scenario.name!r}: {self.result.replications} days, seed "
            f"{self.result.seed}; .summary, .to_frame(), .write(dir)>"
        )

    @classmethod
    def rated(cls, result: RunResult, jobs: int = 1, started: float | None = None) -> "Run":
        """Rate ``result``'s limits and objectives (the work began at ``started``)."""
        limits, objectives = check_limits(result), score_objectives(result)
        since = time.perf_counter() - started if started is not None else 0.0
        return cls(result, limits, objectives, jobs, since)

    @property
    def scenario(self) -> Scenario:
        """Return the scenario that was run."""
        return self.result.scenario

    @cached_property
    def summary(self) -> Summary:
        """Return ``summary.json``'s content: every metric's mean and 95 % interval, ratings."""
        return summary_dict(self.result, self.limits, self.objectives)

    def to_frame(self) -> "pandas.DataFrame":
        """Return one row per simulated day, one column per metric (``replications.csv``)."""
        columns = dict(self.result.values)  # METRIC_NAMES, then the per-service waits
        frame = _pandas().DataFrame(columns)
        frame.index.name = "replication"
        return frame

    def write(
        self,
        directory: str | Path | Claim,
        brief: bool = True,
        lang: str | None = None,
        command: Sequence[str] | None = None,
        on_brief: "Callable[[Published], None] | None" = None,
    ) -> Path:
        """Write the run directory ``directory`` (and its brief and charts, unless not ``brief``).

        The directory must not exist or be empty (a :class:`Claim` made before the run has
        checked that already). Everything, the brief included, is in place or nothing is:
        ``on_brief`` is told what the brief wrote, once it is in place.
        """
        claimed = directory if isinstance(directory, Claim) else claim(Path(directory))
        info = _run_info(self.wall_seconds, self.jobs, command)
        published = []

        def add_brief(staging: Path) -> None:
            from simulator.report.publish import publish
            from simulator.rundir.reader import read_run

            published.append(publish(read_run(staging), lang or self.scenario.language))

        write_run(
            self.result,
            self.limits,
            claimed,
            info,
            self.objectives,
            self.extra_files,
            finish=add_brief if brief else None,
        )
        if published and on_brief is not None:
            on_brief(published[0].moved(claimed.staging, claimed.target))
        return claimed.target


def _write_beside(
    run: Run,
    files: Mapping[str, str | bytes],
    directory: str | Path | Claim,
    brief: bool,
    lang: str | None,
    command: Sequence[str] | None,
    on_brief: "Callable[[Published], None] | None" = None,
) -> Path:
    """Write ``run``'s directory with ``files`` (a comparison's, a staffing's) beside it."""
    run.extra_files = {**run.extra_files, **files}
    return run.write(directory, brief, lang, command, on_brief)


def edited_source(edit: Callable[[], str]) -> str:
    """Return the scenario file as ``edit`` rewrites it; a file changed meanwhile: PlanError."""
    try:
        return edit()
    except SourceChanged as error:
        raise PlanError(str(error)) from None


def _executor(jobs: int, executor: Executor | None) -> tuple[Executor, bool]:
    """Return the executor to use and whether this call owns it (and must close it)."""
    if executor is not None:
        return executor, False
    return make_executor(jobs), True


def run(
    scenario: ScenarioLike,
    replications: int = 100,
    seed: int = 1,
    jobs: int = 1,
    decisions: tuple[Decision, ...] | None = None,
    executor: Executor | None = None,
    on_done: Progress | None = None,
) -> Run:
    """Play ``scenario`` (or a scenario file) on ``replications`` days from ``seed``.

    ``jobs`` worker processes (0: one per CPU) never change the numbers. ``decisions`` (a drill
    log's, see :func:`simulator.model.drill_log.read_drill_log`) replace the playbook's rules.
    """
    started = time.perf_counter()
    _at_least_one(replications)
    plan = _scenario(scenario)
    pool, owned = _executor(jobs, executor)
    try:
        result = _run_replications(plan, replications, seed, pool, on_done, decisions)
    finally:
        if owned:
            pool.close()
    return Run.rated(result, pool.jobs, started)


@dataclass(repr=False)
class ComparisonRun:
    """The base plan and its variants on common random numbers: what ``drill compare`` writes."""

    comparison: Comparison
    base: Run

    def __repr__(self) -> str:
        plans = ", ".join(arm.name for arm in self.comparison.arms)
        return (
            f"<ComparisonRun {self.base.scenario.name!r}: {plans}; "
            f"{self.comparison.replications} days each>"
        )

    @cached_property
    def summary(self) -> ComparisonFile:
        """Return ``comparison.json``'s content: each plan's metrics and paired differences."""
        return comparison_dict(self.comparison)

    def to_frame(self) -> "pandas.DataFrame":
        """Return ``comparison.csv`` as a frame: one row per plan and metric, with differences."""
        return _pandas().read_csv(io.StringIO(comparison_csv(self.summary)))

    def write(
        self,
        directory: str | Path | Claim,
        brief: bool = True,
        lang: str | None = None,
        command: Sequence[str] | None = None,
        on_brief: "Callable[[Published], None] | None" = None,
    ) -> Path:
        """Write the base plan's run directory with ``comparison.json`` and ``.csv`` beside it."""
        data = self.summary
        files = {COMPARISON_FILE: comparison_json(data), COMPARISON_CSV: comparison_csv(data)}
        return _write_beside(self.base, files, directory, brief, lang, command, on_brief)


def compare(
    scenario: ScenarioLike,
    variants: Sequence[str] = (),
    replications: int = 30,
    seed: int = 1,
    by: str | None = None,
    precision: float | None = None,
    max_replications: int = 1000,
    jobs: int = 1,
    independent: bool = False,
    executor: Executor | None = None,
    on_done: Progress | None = None,
) -> ComparisonRun:
    """Compare the base plan of ``scenario`` with its ``variants`` (default: all of them).

    Every plan sees the same customers on day *i*; with ``precision``, days are added until the
    paired difference of ``by`` is known to ± that (95 %), up to ``max_replications``. Without
    ``by`` the plans are ranked limits first: those that hold every limit, cheapest first (staff
    cost, else staff-hours), ties by the 90th-percentile wait; for a scenario that evacuates,
    the least often RSET > ASET, then the shortest RSET.
    Raises :class:`PlanError` for a variant the scenario does not have, a metric that cannot
    rank plans, or a cap below the days asked for.
    """
    started = time.perf_counter()
    _at_least_one(replications)
    if precision is not None and max_replications < replications:
        raise PlanError("plan.cap_below", most=max_replications, days=replications)
    plan = _scenario(scenario)
    arms = comparison_arms(plan, variants)
    check_ranking_metric(by, arms)
    pool, owned = _executor(jobs, executor)
    try:
        comparison = run_comparison(
            arms,
            replications,
            seed,
            by,
            pool,
            precision=precision,
            max_replications=max_replications,
            independent=independent,
            on_done=on_done,
        )
    finally:
        if owned:
            pool.close()
    base = Run.rated(comparison.arms[0].result, pool.jobs, started)
    return ComparisonRun(comparison, base)


@dataclass(repr=False)
class StaffingRun:
    """A staffing search and the found rota played on the same days: what ``drill staff`` writes.

    ``run`` is the found rota's run; ``scenario`` the input with the found staffing.
    """

    staffing: StaffingResult
    run: Run
    source: Path | None = None  # the scenario file, for the staffed copy written beside the run

    def __repr__(self) -> str:
        return (
            f"<StaffingRun {self.staffing.scenario.name!r}: {len(self.staffing.loads)} blocks, "
            f"{self.staffing.days} days>"
        )

    @property
    def scenario(self) -> Scenario:
        """Return the scenario with the staffing found."""
        return self.staffing.scenario

    @cached_property
    def summary(self) -> StaffingFile:
        """Return ``staffing.json``'s content: per block the current, Erlang and found counters."""
        return staffing_dict(self.staffing)

    def to_frame(self) -> "pandas.DataFrame":
        """Return ``staffing.csv`` as a frame: one row per block, a column per target kept."""
        return _pandas().read_csv(io.StringIO(staffing_csv(self.summary)))

    def write(
        self,
        directory: str | Path | Claim,
        brief: bool = True,
        lang: str | None = None,
        command: Sequence[str] | None = None,
        on_brief: "Callable[[Published], None] | None" = None,
    ) -> Path:
        """Write the found rota's run directory with the staffing files beside it."""
        data = self.summary
        files = {STAFFING_FILE: staffing_json(data), STAFFING_CSV: staffing_csv(data)}
        if self.source is not None:
            source = self.source
            text = edited_source(
                lambda: staffed_yaml(
                    source, data, self.run.scenario.sha256, self.run.scenario.language
                )
            )
            files[staffed_file(source.stem)] = text
        return _write_beside(self.run, files, directory, brief, lang, command, on_brief)


def staffing_targets(
    scenario: Scenario, targets: Sequence[str | Target] = ()
) -> tuple[Target, ...]:
    """Return ``targets`` read (``"wait_p90_min<=20"``), or the scenario's own limits if none.

    Raises :class:`~simulator.analysis.targets.TargetError` for a target it cannot read.
    """
    read = tuple(parse_target(t) if isinstance(t, str) else t for t in targets)
    return read or default_targets(scenario)


def staff(
    scenario: ScenarioLike,
    targets: Sequence[str | Target] = (),
    block_min: float = 30,
    share: float | None = None,
    replications: int = 40,
    seed: int = 1,
    jobs: int = 1,
    executor: Executor | None = None,
    on_evaluated: Callable[[Any], None] | None = None,
) -> StaffingRun:
    """Find the fewest counters per block (then reserve call-ins) that keep ``targets``.

    Targets are ``"wait_p90_min<=20"``-style texts (default: the scenario's own limits), kept
    on at least ``share`` of the days (default: ``limits.target_share``).
    Raises :class:`~simulator.analysis.targets.TargetError` for a target it cannot read.
    """
    started = time.perf_counter()
    _at_least_one(replications)
    source = None if isinstance(scenario, Scenario) else Path(scenario)
    plan = _scenario(scenario)
    wanted = staffing_targets(plan, targets)
    share = share if share is not None else plan.limits.target_share
    pool, owned = _executor(jobs, executor)
    try:
        edges = block_edges(plan, block_min)
        found = find_staffing(plan, wanted, edges, share, replications, seed, pool, on_evaluated)
        result = _run_replications(found.scenario, replications, seed, pool)
    finally:
        if owned:
            pool.close()
    if source is None and plan.source not in ("", "<memory>"):
        source = Path(plan.source)
    return StaffingRun(found, Run.rated(result, pool.jobs, started), source)
