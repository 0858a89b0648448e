"""Clock times: files say ``"HH:MM"``; the model and engine count minutes since midnight."""

import re
import unicodedata

_CLOCK = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def parse_clock(text: str) -> float:
    """Return minutes since midnight for ``"HH:MM"``; raise ``ValueError`` otherwise.

    ``"24:00"`` is accepted (a hall open until midnight); ``"24:30"`` is not.
    """
    # A Chinese input method types "09：00" with full-width characters; read it as "09:00".
    match = _CLOCK.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        raise ValueError(f'{text!r} is not a clock time; write it as "HH:MM", e.g. "09:30"')
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        raise ValueError(f"{text!r} is past midnight")
    return float(hours * 60 + minutes)


def format_clock(minutes: float) -> str:
    """Return ``"HH:MM"`` for minutes since midnight (rounded down to the minute)."""
    whole = int(minutes // 1)
    return f"{whole // 60:02d}:{whole % 60:02d}"
