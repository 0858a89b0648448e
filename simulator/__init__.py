"""drill: a tabletop drill simulator for service halls.

The package flows one way: ``model`` (scenario data, no SimPy) feeds ``engine`` (the only
SimPy code), whose flat records feed ``metrics`` and ``scoring``; ``runner`` repeats the day
with independent random streams; ``rundir`` writes and reads run directories, ``report`` turns
them into briefs and charts, and ``cli`` ties it together (see ``docs/architecture.md``).

For notebooks, the package itself is the API (:mod:`simulator.api`)::

    import simulator as drill
    run = drill.run(drill.load("scenarios/promotion_day.yaml"), replications=20)
    run.to_frame().describe()

Importing the package loads nothing else (no numpy, no SimPy): the API is imported on first
use. (The ``drill`` command itself loads what its commands need.)
"""

from typing import TYPE_CHECKING, Any

from simulator._version import __version__

__all__ = ["ScenarioError", "__version__", "compare", "load", "run", "staff"]

if TYPE_CHECKING:
    from simulator.api import compare, load, run, staff
    from simulator.model.errors import ScenarioError


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``import simulator`` stays light."""
    if name in ("compare", "load", "run", "staff"):
        from simulator import api

        return getattr(api, name)
    if name == "ScenarioError":
        from simulator.model.errors import ScenarioError

        return ScenarioError
    raise AttributeError(f"module 'simulator' has no attribute {name!r}")
