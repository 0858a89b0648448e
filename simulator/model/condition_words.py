"""A playbook condition said in words, for the people who read briefs and the console.

``queue >= 30 and outage_min >= 10`` is how a scenario file writes it; a brief says
排队人数 ≥ 30 人 且 故障持续 ≥ 10 分钟 (or "queue ≥ 30 and outage lasting ≥ 10 min"). The
result is a :class:`~simulator.i18n.Message`, put into a language where it is shown, so a
summary keeps both renderings.
"""

from simulator.i18n import Message, message
from simulator.model.clock import format_clock
from simulator.model.conditions import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    ConditionSyntaxError,
    parse_condition,
)

SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠"}


def _compare(compare: Compare) -> Message:
    if compare.metric == "power_out":
        # A 0/1 flag: "power_out >= 1" is "while the power is out".
        out = {">=": compare.value <= 1, ">": compare.value < 1, "==": compare.value == 1}
        on = {"<": compare.value <= 1, "<=": compare.value < 1, "==": compare.value == 0}
        if out.get(compare.op, False) and compare.value > 0:
            return message("words.power_out")
        if on.get(compare.op, False):
            return message("words.power_on")
        return message("words.power_out_is", op=SYMBOLS[compare.op], value=f"{compare.value:g}")
    value = format_clock(compare.value) if compare.metric == "time" else f"{compare.value:g}"
    return message(f"words.{compare.metric}", op=SYMBOLS[compare.op], value=value)


def said(condition: Condition) -> Message:
    """Return ``condition`` in words (``and`` binds tighter, so an ``or`` inside is grouped)."""
    if isinstance(condition, Compare):
        return _compare(condition)
    joined = "words.and" if isinstance(condition, AllOf) else "words.or"
    parts = [
        message("words.group", inner=said(part))
        if isinstance(condition, AllOf) and isinstance(part, AnyOf)
        else said(part)
        for part in condition.parts
    ]
    words = parts[-1]
    for part in reversed(parts[:-1]):
        words = message(joined, left=part, right=words)
    return words


def said_when(text: str) -> Message | str:
    """Return a ``when:`` text in words; a text that is not a condition is returned as it is.

    (A decision people took that no rule foresaw has a description, not a condition.)
    """
    try:
        return said(parse_condition(text))
    except ConditionSyntaxError:
        return text
