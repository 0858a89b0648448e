"""A playbook condition said in words, for the people who read briefs and the console.

``queue >= 30 and outage_min >= 10`` is how a scenario file writes it; a brief says
排队人数 ≥ 30 人 且 故障持续 ≥ 10 分钟 (or "queue ≥ 30 and outage lasting ≥ 10 min"). The
result is a :class:`~simulator.i18n.Message`, put into a language where it is shown, so a
summary keeps both renderings.
"""

from simulator.i18n import Message, message
from simulator.model.clock import format_clock
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    AllOf,
    AnyOf,
    Compare,
    Condition,
    ConditionSyntaxError,
    parse_condition,
)

SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠"}


def _flag(compare: Compare) -> bool | None:
    """Return what a test of a 0/1 flag asks: set (True), clear (False), or neither (None)."""
    value = compare.value
    set_ = {">=": 0 < value <= 1, ">": 0 <= value < 1, "==": value == 1, "!=": value == 0}
    clear = {"<": 0 < value <= 1, "<=": 0 <= value < 1, "==": value == 0, "!=": value == 1}
    if set_.get(compare.op, False):
        return True
    if clear.get(compare.op, False):
        return False
    return None


def _compare(compare: Compare) -> Message:
    value_text = f"{compare.value:g}"
    if compare.metric == "power_out":
        # A 0/1 flag: "power_out >= 1" is "while the power is out".
        flag = _flag(compare)
        if flag is not None:
            return message("words.power_out" if flag else "words.power_on")
        return message("words.power_out_is", op=SYMBOLS[compare.op], value=value_text)
    if compare.metric in INCIDENT_FLAGS:  # "illness_active >= 1": while a customer is ill
        kind = message(f"kind.{INCIDENT_FLAGS[compare.metric]}")
        flag = _flag(compare)
        if flag is not None:
            return message("words.incident_active" if flag else "words.incident_none", kind=kind)
        op = SYMBOLS[compare.op]
        return message("words.incident_flag_is", kind=kind, op=op, value=value_text)
    if compare.metric in INCIDENT_MINUTES:
        kind = message(f"kind.{INCIDENT_MINUTES[compare.metric]}")
        return message("words.incident_min", kind=kind, op=SYMBOLS[compare.op], value=value_text)
    value = format_clock(compare.value) if compare.metric == "time" else value_text
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
