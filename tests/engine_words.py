"""The engine's own identifiers, which must never reach a Chinese reader, and a finder for them."""

import re

from simulator.engine.events import EventKind, Reason
from simulator.i18n import CATALOG
from simulator.metrics import METRIC_NAMES
from simulator.model.actions import ACTIONS
from simulator.model.conditions import METRICS

# Action, metric, reason, incident and event names: what the engine and its files call things.
ENGINE_WORDS = frozenset(
    word
    for word in {
        *ACTIONS,
        *METRICS,
        *METRIC_NAMES,
        *(reason.value for reason in Reason),
        *(kind.value for kind in EventKind),
        *(key.split(".", 1)[1] for key in CATALOG if key.startswith(("metric.", "kind."))),
    }
    # "time" is also plain English; the catalogue's other keys ("kind.a list") are not names.
    if re.fullmatch(r"[a-z][a-z0-9_]*", word) and word != "time"
)
# A path or file name a message names (results/promotion_day-…/brief.md) is the user's own.
_PATHS = re.compile(r"[\w.~-]*[/\\][\w./\\~-]*|\b[\w-]+\.(?:ya?ml|csv|json|md|html|pdf|xlsx)\b")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?")


def engine_words_in(text: str) -> list[str]:
    """Return the engine identifiers in ``text`` (paths and file names aside), in order."""
    words = [match.group(0).split("[")[0] for match in _WORD.finditer(_PATHS.sub(" ", text))]
    return [word for word in words if word in ENGINE_WORDS]
