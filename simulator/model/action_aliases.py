"""The Chinese names of actions and the plan's steps, accepted wherever ``do:`` names one.

A playbook rule or a drill log line may say ``do: 增开台席`` for ``do: open_counters``: the
name is the one the brief, the console and the catalogue (``action.*``) use, so a manager can
write what they read. Unknown names pass through unchanged, for the usual message.
"""

from typing import Any

from simulator.i18n import CATALOG, render


def _names() -> dict[str, str]:
    keys = [key for key in CATALOG if key.startswith("action.")]
    return {render(key, "zh"): key.split(".", 1)[1] for key in keys}


ACTIONS_ZH: dict[str, str] = _names()


def english_action(value: Any) -> Any:
    """Return a rule or log line (a mapping) with a Chinese ``do:`` put into its English name."""
    if isinstance(value, dict):
        done = value.get("do")
        if isinstance(done, str) and done.strip() in ACTIONS_ZH:
            return {**value, "do": ACTIONS_ZH[done.strip()]}
    return value
