"""Laying text out on a terminal, where a Chinese character takes two columns."""

import re
import unicodedata

from simulator.model.yaml_source import INVISIBLE

# What must not reach a terminal from a file: what a scenario may not hold (controls such as
# ESC, which starts the sequences that set a window title; bidi overrides), and a carriage
# return, which would let a line overwrite itself.
_CONTROLS = re.compile(f"[{INVISIBLE}\r]")


def terminal_text(text: str) -> str:
    """Return ``text`` without the characters that would act on a terminal (see above)."""
    return _CONTROLS.sub("", text)


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad_to(text: str, width: int) -> str:
    """Return ``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def grid(rows: list[list[str]], indent: str = "", gap: int = 2) -> list[str]:
    """Return ``rows`` as lines of columns lined up by terminal width (the first is the header)."""
    widths = [
        max(display_width(row[column]) for row in rows if column < len(row))
        for column in range(max(len(row) for row in rows))
    ]
    return [
        (
            indent + "".join(pad_to(cell, widths[column] + gap) for column, cell in enumerate(row))
        ).rstrip()
        for row in rows
    ]
