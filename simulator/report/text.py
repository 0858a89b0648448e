"""Laying text out on a terminal, where a Chinese character takes two columns."""

import re
import unicodedata

# What must not reach a terminal from a file: C0/C1 controls (ESC starts sequences that set
# the window title or clear the screen) and the bidirectional overrides.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """Return ``text`` without the characters that would act on a terminal (see above)."""
    return _CONTROLS.sub("", text)


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad_to(text: str, width: int) -> str:
    """Return ``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))
