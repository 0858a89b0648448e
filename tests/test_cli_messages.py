"""Every sentence the command line prints comes from the message catalogue, in both languages.

A static check of the command-line modules: a call that shows text (``click.echo``, an
``InputError``, ``click.BadParameter``, ``click.UsageError``) may pass on rendered catalogue
entries, paths and numbers, but never an English sentence written in the code, which a Chinese
reader would then see as it is.
"""

import ast
import re
from pathlib import Path

import pytest

from simulator.i18n import CATALOG

PACKAGE = Path(__file__).parent.parent / "simulator"
MODULES = [*sorted(PACKAGE.glob("cli*.py")), PACKAGE / "tabletop" / "console.py"]
SHOWING = {"echo", "InputError", "BadParameter", "UsageError", "ClickException", "secho"}
# Three letters in a row: a word of a sentence (an option's name, a path's parts and the
# program's own name aside).
WORD = re.compile(r"(?<![-\w])[A-Za-z]{3,}(?![-\w])")
NOT_WORDS = re.compile(r"--[a-z][a-z-]*|^drill(?=: )")


def _called(node: ast.Call) -> str:
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _shown_text(node: ast.Call) -> ast.expr | None:
    """Return the text a call shows: a progress bar's label, else an echo's or error's first."""
    labels = [word.value for word in node.keywords if word.arg == "label"]
    if labels:
        return labels[0]
    return node.args[0] if _called(node) in SHOWING and node.args else None


def _not_sentences(shown: ast.expr) -> set[int]:
    """Return the ids of the literals in ``shown`` that are no sentence: keys, not words."""
    parts = list(ast.walk(shown))
    return (
        {  # a render(...) call's key is the catalogue's
            id(call.args[0])
            for call in parts
            if isinstance(call, ast.Call)
            and _called(call) in ("render", "said", "text")
            and call.args
        }
        | {id(part.slice) for part in parts if isinstance(part, ast.Subscript)}  # drill["kind"]
        | {  # a catalogue key handed on ("observed.outcome_title")
            id(part)
            for part in parts
            if isinstance(part, ast.Constant)
            and isinstance(part.value, str)
            and part.value in CATALOG
        }
    )


def english_sentences(path: Path) -> list[tuple[int, str]]:
    """Return (line, words) of each call in ``path`` that shows English written in the code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        shown = _shown_text(node) if isinstance(node, ast.Call) else None
        if shown is None:
            continue
        keys = _not_sentences(shown)
        words = [
            word
            for part in ast.walk(shown)
            if isinstance(part, ast.Constant)
            and isinstance(part.value, str)
            and id(part) not in keys
            for word in WORD.findall(NOT_WORDS.sub("", part.value))
        ]
        if words:
            found.append((node.lineno, " ".join(words)))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_the_command_line_shows_no_sentence_written_in_the_code(path):
    assert english_sentences(path) == []


def test_the_check_sees_a_sentence_written_in_the_code(tmp_path):
    module = tmp_path / "cli_example.py"
    module.write_text(
        "import click\n"
        "def f(path):\n"
        "    click.echo(render('roster.results', 'zh', path=path))\n"
        "    click.echo(f'Recorded {path} run(s)')\n"
        "    bar = click.progressbar(length=3, label='Simulating')\n"
    )
    assert english_sentences(module) == [(4, "Recorded run"), (5, "Simulating")]
