"""Problems found in a scenario file, each pinned to a file, line, column and key path."""

import re
from dataclasses import dataclass

from simulator.i18n import Message, render

# ``language: en`` at the top level, misspelt too (``languag: en``), as the loader reads it.
_ENGLISH = re.compile(r"^la\w*\s*:\s*[\"']?en[\"']?\s*(#.*)?$", re.MULTILINE)


def guess_language(text: str) -> str:
    """Return the language a file's problems are said in when it cannot be parsed.

    A file that is not YAML has no ``language`` to read, but its author most likely wrote the
    line anyway; without it the product's default, Chinese, is the best guess.
    """
    return "en" if _ENGLISH.search(text) else "zh"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file."""

    file: str
    line: int | None
    key: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where} {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass(frozen=True)
class ScenarioWarning:
    """A legal value that is most likely a mistake, pinned like a problem (see plausibility)."""

    file: str
    line: int | None
    key: str
    message: Message

    def text(self, lang: str) -> str:
        """Return ``file:line key: warning: ...`` in ``lang``."""
        said = render("plausible.warning", lang, text=self.message.text(lang))
        return str(Problem(self.file, self.line, self.key, said))


class ScenarioError(Exception):
    """A scenario file that cannot be used; carries every problem found, not just the first.

    ``language`` is the one the problems are said in; None when the file could not be read at
    all (then its language is unknown and the problems are said in both).
    """

    def __init__(self, problems: list[Problem], language: str | None = None):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems
        self.language = language
