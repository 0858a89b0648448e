"""PyYAML's errors in the words of people who write scenario files, at the line to look at.

PyYAML says where its parser gave up and what it expected ("mapping values are not allowed
here"); people need the usual cause ("the indentation is off, or a text holds ': '"). And a
Chinese input method types full-width punctuation (``：`` for ``:``) that the parser never
names; when one stands where the parser stumbled, that is said instead, at its own column.
"""

import re

import yaml

from simulator.i18n import render
from simulator.model.errors import Problem

# The phrases of PyYAML's problems that people meet, and the catalogue keys (``yaml.<key>``)
# that say them with their usual cause; the first phrase found in the problem wins.
YAML_PHRASES = (
    ("mapping values are not allowed here", "colon"),
    ("could not find expected ':'", "no_colon"),
    ("found character '\\t'", "tab"),
    ("expected <block end>", "indent"),
    ("expected <block mapping start>", "indent"),
    ("expected ',' or ']'", "bracket"),
    ("expected ',' or '}'", "brace"),
    ("found unexpected end of stream", "unclosed"),
    ("found undefined alias", "alias"),
    ("unacceptable character", "control"),
    ("expected a single document", "documents"),
    ("found a key that is a list or mapping", "key_collection"),
    ("found unknown escape character", "escape"),
    ("that cannot start any token", "token"),
    ("expected alphabetic or numeric character", "anchor_name"),
)


# Full-width punctuation a Chinese input method types where YAML needs the half-width one.
FULL_WIDTH = {"：": ":", "｛": "{", "｝": "}", "［": "[", "］": "]", "，": ",", "\u3000": " "}
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def _full_width(text: str, first: int, last: int) -> tuple[int, int, str] | None:
    """Return (line, column, character) of a structural full-width character in the lines.

    Quoted text and comments are skipped (Chinese text may well hold ，and ：); a full-width
    comma counts only inside a flow collection, a full-width space only in the indentation.
    """
    lines = text.split("\n")
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        line = lines[number - 1]
        bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), line).split("#", 1)[0]
        indent = len(line) - len(line.lstrip(" \u3000"))
        for column, char in enumerate(bare, start=1):
            if char not in FULL_WIDTH:
                continue
            if char == "，" and not any(c in bare for c in "{[｛［"):
                continue
            if char == "：" and ":" in bare:  # text such as 城东：营业厅 before the real colon
                continue
            if char == "\u3000" and column > indent:
                continue
            return number, column, char
    return None


def yaml_problem(error: yaml.YAMLError, text: str, file: str, lang: str) -> Problem:
    """Turn a PyYAML error into one problem at the line where the parser gave up.

    When a full-width colon, bracket, comma or space is where the parser stumbled (from the
    start of the construct it was reading to where it gave up), that is said instead, at its
    own line and column: it is nearly always the cause, and the parser's words do not say it.
    """
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
        said = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
    else:  # a ReaderError: a character YAML does not accept, with a character position
        position = getattr(error, "position", 0) or 0
        line, column = text.count("\n", 0, position) + 1, None
        said, context = str(error).splitlines()[0], None
    first = context_mark.line + 1 if context_mark is not None else line
    culprit = _full_width(text, min(first, line) - 1, line)
    if culprit is not None:
        number, at, char = culprit
        if char == "\u3000":
            what = render("validation.full_width_space", lang)
        else:
            what = render("validation.full_width", lang, char=char, ascii=FULL_WIDTH[char])
        return Problem(file, number, "", render("validation.not_yaml", lang, what=what), at)
    # What the parser met, in our words where we know its phrase; its own English otherwise.
    whole = f"{said} {context or ''}"
    known = next((key for phrase, key in YAML_PHRASES if phrase in whole), None)
    if known is not None:
        what = render(f"yaml.{known}", lang)
    else:
        what = said if not context or lang == "zh" else f"{said} ({context})"
    if context_mark is not None and context_mark.line + 1 != line:
        what += render("validation.yaml_context_line", lang, line=context_mark.line + 1)
    if "'\\t'" in said:  # PyYAML names the tab as '\t' in "found character '\t' that cannot ..."
        what += render("validation.yaml_tab", lang)
    return Problem(file, line, "", render("validation.not_yaml", lang, what=what), column)
