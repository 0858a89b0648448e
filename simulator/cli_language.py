"""The language the command line speaks before a scenario is read, and click speaking it.

A command that reads a scenario speaks the scenario's ``language``. Before that — a help page,
a mistyped option, a missing argument — the interface speaks ``--lang`` if given, else the
``DRILL_LANG`` or locale variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh_CN.UTF-8`` is
Chinese, anything else English).

click marks its own sentences for :mod:`gettext`, but a gettext catalogue means compiled
``.mo`` files in a locale folder for a few dozen strings; instead its modules' ``_`` and
``ngettext`` are pointed at :data:`~simulator.i18n.help.CLICK_ZH`, and the help texts of the
commands are swapped for :mod:`simulator.i18n.help`'s. Both are set again at every command
line's start (:class:`DrillGroup`), so a process that runs an English command after a Chinese
one (the tests do) speaks English again.
"""

import locale
import os
import re
import sys
from collections.abc import Mapping
from typing import Any

import click

from simulator.i18n import LANGUAGES, render
from simulator.i18n.help import (
    ARGUMENT_ZH,
    CLICK_ZH,
    COMMAND_HELP_ZH,
    METAVAR_ZH,
    PARAMETER_HELP_ZH,
)
from simulator.report.text import display_width, wrap_to_width

# click's modules that say something to a user through gettext's _ and ngettext.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")
_HELP_SENTENCE = "Show this message and exit."
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_METAVAR = re.compile(r"\b(" + "|".join(METAVAR_ZH) + r")\b")


def locale_language(environment: Mapping[str, str] | None = None) -> str:
    """Return ``zh`` or ``en``: the language the user's locale asks for.

    ``DRILL_LANG`` first; then, as gettext reads them, ``LANGUAGE`` (a list such as
    ``zh_CN:en``, ignored under the C locale) and the first set of ``LC_ALL``, ``LC_MESSAGES``
    and ``LANG``.
    """
    environment = os.environ if environment is None else environment
    if environment.get("DRILL_LANG"):
        return _language_of(environment["DRILL_LANG"])
    locale_name = next(
        (environment[name] for name in _LOCALE_VARIABLES if environment.get(name)), ""
    )
    if sys.platform == "win32" and not locale_name:
        # Windows has no LANG; its locale reads "Chinese (Simplified)_China".
        locale_name = locale.getlocale()[0] or ""
    wanted = environment.get("LANGUAGE", "")
    if wanted and locale_name.split(".")[0] not in ("", "C", "POSIX"):
        return _language_of(wanted.split(":")[0])
    return _language_of(locale_name)


def _language_of(name: str) -> str:
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


def language_in(args: list[str]) -> str | None:
    """Return the value of a ``--lang`` given before the subcommand in ``args``, if any."""
    for index, arg in enumerate(args):
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGUAGES else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
            return value if value in LANGUAGES else None
        if not arg.startswith("-"):  # the subcommand: its own --lang means something else
            return None
    return None


class _ClickWords:
    """click's sentences in one language: what its modules' ``_`` and ``ngettext`` return."""

    def __init__(self, lang: str) -> None:
        self.words = CLICK_ZH if lang == "zh" else {}

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.gettext(singular if count == 1 else plural)


def _speak_click(lang: str) -> None:
    words = _ClickWords(lang)
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        # Only where click bound gettext's own functions: a module that stopped using them in
        # a later release is left as it is (and the tests of the Chinese help say so).
        if hasattr(module, "_"):
            module._ = words.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = words.ngettext  # type: ignore[attr-defined]


class _Interface:
    """The one holder of the language the interface speaks, and whether --lang chose it."""

    lang = "en"
    chosen = False


INTERFACE = _Interface()


def _metavar(match: re.Match[str]) -> str:
    return METAVAR_ZH[match.group(1)]


def adopt(lang: str) -> None:
    """Speak a scenario's ``lang`` from now on (click's words too), unless --lang chose one."""
    if INTERFACE.chosen:
        return
    INTERFACE.lang = lang
    _speak_click(lang)
    context = click.get_current_context(silent=True)
    if context is not None:  # a usage line shown from here on names the arguments in it too
        _speak_help(context.find_root().command, lang)


class DrillFormatter(click.HelpFormatter):
    """click's help layout, with Chinese punctuation and names when the interface is Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Write the usage line, its placeholders (``[OPTIONS]``) in the interface's language."""
        if INTERFACE.lang == "zh":
            args = _METAVAR.sub(_metavar, args)
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        """Write a section heading, with a full-width colon after a Chinese one."""
        if INTERFACE.lang != "zh":
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Write the options' list, its type names translated, lined up by terminal columns.

        click measures the columns by characters; a Chinese character takes two, so in
        Chinese the list is laid out here, as click lays it out, by display width.
        """
        if INTERFACE.lang != "zh":
            super().write_dl(rows, col_max, col_spacing)
            return
        rows = [(_METAVAR.sub(_metavar, first), second) for first, second in rows]
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:  # a long option: its help starts on the next line
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_to_width(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_text(self, text: str) -> None:
        """Write a paragraph of help, wrapped by terminal columns when it is Chinese."""
        if INTERFACE.lang != "zh":
            super().write_text(text)
            return
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        paragraphs = [wrap_to_width(paragraph, width) for paragraph in text.split("\n\n")]
        self.write("\n\n".join("\n".join(indent + line for line in lines) for lines in paragraphs))
        self.write("\n")


class DrillContext(click.Context):
    """click's context with :class:`DrillFormatter` for its help pages."""

    formatter_class = DrillFormatter


# The English help of every command and parameter, as the code gives it, kept on first use so
# that switching back from Chinese restores it.
_ENGLISH: dict[tuple[int, str], Any] = {}


def _swap(owner: object, attribute: str, chinese: str | None, lang: str) -> None:
    key = (id(owner), attribute)
    if key not in _ENGLISH:
        _ENGLISH[key] = getattr(owner, attribute)
    english = _ENGLISH[key]
    setattr(owner, attribute, chinese if lang == "zh" and chinese is not None else english)


def parameter_key(path: str, parameter: click.Parameter) -> str | None:
    """Return the :data:`PARAMETER_HELP_ZH` key of ``parameter`` of command ``path``, if any."""
    own = f"{path}.{parameter.name}"
    if own in PARAMETER_HELP_ZH:
        return own
    shared = f"*.{parameter.name}"
    return shared if shared in PARAMETER_HELP_ZH else None


def commands_of(group: click.Command, path: str = "") -> list[tuple[str, click.Command]]:
    """Return every command under ``group`` (itself included) with its path (``actions close``)."""
    found = [(path, group)]
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            found += commands_of(command, f"{path} {name}".strip())
    return found


def _speak_help(group: click.Command, lang: str) -> None:
    for path, command in commands_of(group):
        command.context_class = DrillContext  # its help page is laid out by DrillFormatter
        chinese = COMMAND_HELP_ZH.get(path)
        _swap(command, "help", chinese, lang)
        # click shortens the help to 45 characters for the command list; a Chinese character
        # is two columns, so the list shows the first sentence instead.
        _swap(command, "short_help", chinese.split("。")[0] if chinese else None, lang)
        # click makes the --help option on a command's first use, in the language of that
        # moment, and keeps it (privately); it is set afresh from click's own sentence.
        help_option = getattr(command, "_help_option", None)
        if isinstance(help_option, click.Option):
            help_option.help = _ClickWords(lang).gettext(_HELP_SENTENCE)
        for parameter in command.params:
            if isinstance(parameter, click.Argument):  # named in the usage line and errors
                _swap(parameter, "metavar", ARGUMENT_ZH.get(parameter.name or ""), lang)
            if isinstance(parameter, click.Option):
                key = parameter_key(path, parameter)
                _swap(parameter, "help", PARAMETER_HELP_ZH.get(key) if key else None, lang)


def speak(group: click.Command, lang: str) -> None:
    """Make click and the help of ``group``'s commands speak ``lang`` from now on."""
    INTERFACE.lang = lang
    _speak_click(lang)
    _speak_help(group, lang)


class DrillGroup(click.Group):
    """The ``drill`` group: sets the interface language before anything is parsed or shown."""

    context_class = DrillContext

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Set the interface's language for this command line, then parse it as click does."""
        if parent is None:  # the command line's start, not a subcommand's context
            chosen = language_in(args)
            speak(self, chosen or locale_language())
            INTERFACE.chosen = chosen is not None
        return super().make_context(info_name, args, parent, **extra)


def said(key: str, **args: Any) -> str:
    """Return catalogue entry ``key`` in the interface's language (before a scenario is read)."""
    return render(key, INTERFACE.lang, **args)
