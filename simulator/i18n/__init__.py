"""Every sentence drill shows people, in Chinese and English, as one message catalogue.

Code never writes user-facing text with ``if lang == ...``: it builds a :class:`Message` (a
catalogue key and its arguments) and renders it in a language when it is shown. Scoring, for
instance, returns its evidence as messages; ``summary.json`` keeps both renderings, and the brief
picks the one it is written in. The catalogue is split by subject (:mod:`.scoring`,
:mod:`.brief`, :mod:`.metrics`, :mod:`.charts`, :mod:`.console`); a test checks that every entry
exists in both languages with the same fields.
"""

from dataclasses import dataclass
from typing import Any

from simulator.i18n.brief import BRIEF_TEXTS
from simulator.i18n.charts import CHART_TEXTS
from simulator.i18n.console import CONSOLE_TEXTS
from simulator.i18n.interface import INTERFACE_TEXTS
from simulator.i18n.metrics import METRIC_TEXTS
from simulator.i18n.plausibility import PLAUSIBILITY_TEXTS
from simulator.i18n.procedure import PROCEDURE_TEXTS
from simulator.i18n.reading import READING_TEXTS
from simulator.i18n.reference import REFERENCE_TEXTS
from simulator.i18n.roster import ROSTER_TEXTS
from simulator.i18n.scoring import SCORING_TEXTS
from simulator.i18n.validation import VALIDATION_TEXTS
from simulator.i18n.validation_log import LOG_VALIDATION_TEXTS
from simulator.i18n.verdicts import VERDICT_TEXTS

LANGUAGES = ("zh", "en")
CATALOG: dict[str, dict[str, str]] = {
    **SCORING_TEXTS,
    **BRIEF_TEXTS,
    **METRIC_TEXTS,
    **CHART_TEXTS,
    **CONSOLE_TEXTS,
    **VALIDATION_TEXTS,
    **LOG_VALIDATION_TEXTS,
    **PLAUSIBILITY_TEXTS,
    **PROCEDURE_TEXTS,
    **READING_TEXTS,
    **REFERENCE_TEXTS,
    **ROSTER_TEXTS,
    **VERDICT_TEXTS,
    **INTERFACE_TEXTS,
}


def render(key: str, lang: str, **args: Any) -> str:
    """Return catalogue entry ``key`` in ``lang`` with ``args`` filled in."""
    return CATALOG[key][lang].format(**args)


@dataclass(frozen=True)
class Message:
    """A sentence to show, before it is put into a language."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        """Return the message in ``lang``; arguments that are messages are rendered too."""
        args = {name: _shown(value, lang) for name, value in self.args}
        return render(self.key, lang, **args)

    def __str__(self) -> str:
        return self.text("en")


LIST_SEPARATORS = {"zh": "，", "en": ", "}


def _shown(value: Any, lang: str) -> Any:
    """Render a message argument: a message in ``lang``, a tuple of messages as a list."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return LIST_SEPARATORS[lang].join(v.text(lang) for v in value)
    return value


def message(key: str, **args: Any) -> Message:
    """Return the message ``key`` with ``args`` (checked against the catalogue at once)."""
    if key not in CATALOG:
        raise KeyError(f"no catalogue entry {key!r}")
    return Message(key, tuple(args.items()))


class SaidError(Exception):
    """An error whose message is a catalogue entry, to be said in the reader's language.

    ``said`` is a message, a catalogue key (with its ``args``), or a sentence that has no entry
    (a rarer damage worded where it is found), which is then shown as it is in any language.
    ``str()`` is its English (for logs and tracebacks); a command line shows
    ``error.message.text(lang)``.
    """

    def __init__(self, said: "Message | str", **args: Any) -> None:
        if isinstance(said, Message):
            self.message = said
        elif said in CATALOG:
            self.message = message(said, **args)
        else:
            self.message = Message("said.as_is", (("text", said),))
        super().__init__(self.message.text("en"))
