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


# What a line may break before or after: each wide character alone, a run of other letters
# (an option name, a number with its unit) as one piece, and the spaces between.
_PIECES = re.compile(
    r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\s+"
)
# Punctuation that never starts a line in Chinese typesetting, and what never ends one.
_NO_LINE_START = frozenset("，。、；：？！）》」』】,.;:?!)]")
_NO_LINE_END = ("（", "《", "「", "『", "【", "(", "[")


def wrap_to_width(text: str, width: int) -> list[str]:
    """Return ``text`` broken into lines of at most ``width`` terminal columns.

    Chinese breaks between any two characters (but not before its closing punctuation), other
    text between words, so a mixed line such as ``模拟的营业日数（--replications）`` wraps where
    a reader expects it; a word longer than the line stands alone on its own.
    """
    lines: list[str] = []
    line: list[str] = []  # the pieces of the line being filled
    for piece in _PIECES.findall(" ".join(text.split())):
        piece = " " if piece.isspace() else piece
        if display_width("".join(line) + piece) <= width or not "".join(line).strip():
            line.append(piece)
            continue
        if piece in _NO_LINE_START and len(line) <= 1:
            line.append(piece)  # after a word as long as the line: it hangs past the end
            continue
        carried = [] if piece == " " else [piece]
        # Closing punctuation never starts a line: the piece before it goes down with it; an
        # opening bracket never ends one: it goes down with what it opens.
        while carried and carried[0] in _NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        while line and line[-1] in _NO_LINE_END:
            carried.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        line = carried if carried[:1] != [" "] else carried[1:]
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines
