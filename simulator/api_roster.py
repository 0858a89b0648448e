"""``drill roster`` as a function: a roster of the scenario's shift rules, found and written.

>>> from simulator import api_roster
>>> found = api_roster.roster("scenarios/promotion_day.yaml", replications=20)  # doctest: +SKIP
>>> found.write("results/promotion-roster")                                    # doctest: +SKIP

The roster is searched by :func:`~simulator.analysis.rostering.find_roster`; the rostered
scenario is then played on the same days as ``drill run`` would, so the run directory holds
the day's metrics, limits and brief beside ``roster.json``/``.csv``/``.xlsx`` and the
rostered scenario file.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.analysis.rostering import Judged, RosterError, RosterResult, find_roster
from simulator.analysis.shifts import ShiftsError
from simulator.analysis.targets import Target, block_edges
from simulator.api import (
    PlanError,
    Run,
    ScenarioLike,
    _at_least_one,
    _executor,
    _scenario,
    _write_beside,
    edited_source,
    staffing_targets,
)
from simulator.i18n import render
from simulator.model import Scenario
from simulator.report.rated import target_text
from simulator.rundir.roster import roster_csv, roster_dict, roster_json, rostered_yaml
from simulator.rundir.roster_schema import (
    ROSTER_CSV,
    ROSTER_FILE,
    ROSTER_XLSX,
    RosterFile,
    rostered_file,
)
from simulator.rundir.roster_xlsx import roster_xlsx
from simulator.rundir.staging import Claim
from simulator.runner import Executor
from simulator.runner import run_replications as _run_replications

if TYPE_CHECKING:  # the brief is the report's (and matplotlib's): not imported to run
    from simulator.report.publish import Published


@dataclass
class RosterRun:
    """A roster found, and the rostered scenario played: what ``drill roster`` writes."""

    roster: RosterResult
    run: Run
    source: Path | None = None  # the scenario file, for the rostered copy written beside the run

    def __repr__(self) -> str:
        return f"<RosterRun {self.scenario.name!r}: {len(self.roster.rows)} people>"

    @property
    def scenario(self) -> Scenario:
        """Return the scenario with the roster."""
        return self.roster.scenario

    @cached_property
    def summary(self) -> RosterFile:
        """Return ``roster.json``'s content."""
        return roster_dict(self.roster)

    def write(
        self,
        directory: str | Path | Claim,
        brief: bool = True,
        lang: str | None = None,
        command: Sequence[str] | None = None,
        on_brief: "Callable[[Published], None] | None" = None,
    ) -> Path:
        """Write the rostered day's run directory with the roster's files beside it."""
        data = self.summary
        language = lang or self.scenario.language
        files: dict[str, str | bytes] = {
            ROSTER_FILE: roster_json(data),
            ROSTER_CSV: roster_csv(data),
            ROSTER_XLSX: roster_xlsx(
                data,
                language,
                self.scenario.site.name,
                render("brief.list_separator", language).join(
                    target_text(target, language) for target in data["targets"]
                ),
            ),
        }
        if self.source is not None:
            source = self.source
            text = edited_source(
                lambda: rostered_yaml(
                    source, data, self.run.scenario.sha256, self.run.scenario.language
                )
            )
            files[rostered_file(source.stem)] = text
        return _write_beside(self.run, files, directory, brief, lang, command, on_brief)


def roster(
    scenario: ScenarioLike,
    targets: Sequence[str | Target] = (),
    block_min: float = 30,
    share: float | None = None,
    replications: int = 40,
    seed: int = 1,
    jobs: int = 1,
    executor: Executor | None = None,
    on_round: Callable[[int, Judged], None] | None = None,
) -> RosterRun:
    """Find the cheapest roster of the scenario's ``staff.shifts`` that keeps ``targets``.

    Targets as for :func:`simulator.api.staff`; kept on at least ``share`` of the days
    (default: ``limits.target_share``). Raises :class:`~simulator.api.PlanError` when the
    scenario has no shift rules, or they allow no shift for a role.
    """
    started = time.perf_counter()
    _at_least_one(replications)
    source = None if isinstance(scenario, Scenario) else Path(scenario)
    plan = _scenario(scenario)
    wanted = staffing_targets(plan, targets)
    share = share if share is not None else plan.limits.target_share
    language = plan.language

    given = plan.staff.shifts.names if plan.staff.shifts is not None else None

    def name(role: str, number: int) -> str:
        names = given.of(role) if given is not None else ()
        if number <= len(names):
            return names[number - 1]
        return render(f"roster.name_{role}", language, number=number)

    pool, owned = _executor(jobs, executor)
    try:
        edges = block_edges(plan, block_min)
        found = find_roster(plan, wanted, edges, share, replications, seed, name, pool, on_round)
        # The run directory plays the verification days: its metrics are out of sample too.
        result = _run_replications(found.scenario, replications, found.fresh_seed, pool)
    except RosterError as error:
        raise PlanError(error.message) from None
    except ShiftsError as error:
        raise PlanError(str(error)) from None
    finally:
        if owned:
            pool.close()
    if source is None and plan.source not in ("", "<memory>"):
        source = Path(plan.source)
    return RosterRun(found, Run.rated(result, pool.jobs, started), source)
