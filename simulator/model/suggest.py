"""Did you mean: the option a mistyped or Chinese word most likely stands for.

Keys, kinds, actions and distributions are English words; people type them with typos, in
full-width characters, by another name (``at`` for a surge's ``from``) or in Chinese (``停电``,
``正态``, ``引导员``). :func:`closest` finds the option meant; :func:`suggest` says so in the
scenario's language, or lists the options when nothing is close.
"""

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from simulator.i18n import CATALOG, render
from simulator.i18n.validation import ZH_NAMES

_CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Words people write for a key that has another name here (a surge starts "from", not "at").
SYNONYMS = {
    "at": ("from",),
    "start": ("from", "at"),
    "begin": ("from", "at"),
    "from": ("at",),
    "end": ("until",),
    "to": ("until",),
    "number": ("count",),
    "duration": ("duration_min",),
    "area": ("floor_area_m2",),
}
# Catalogue prefixes of the Chinese words for the values of each kind of name.
LABELS = {"incident kind": "kind.", "action": "action.", "distribution": "distname."}


def closest(
    word: Any, options: Sequence[str], labels: Mapping[str, str] | None = None
) -> str | None:
    """Return the option ``word`` most likely meant, or None.

    Tried in turn: the same word in half-width characters (``ｑｕｅｕｅ``); difflib's close
    match; an abbreviation (``expo``); a synonym (``at`` for ``from``); and the option whose
    Chinese words contain the word or are contained in it (``停电`` for ``power_outage``).
    """
    text = unicodedata.normalize("NFKC", str(word)).strip()
    if text in options:
        return text
    close = difflib.get_close_matches(text, options, n=1)
    if close:
        return close[0]
    # Abbreviations ("expo", "lognorm") are too short for difflib's ratio but still clear.
    prefixed = [o for o in options if len(text) >= 3 and o.startswith(text)]
    if prefixed:
        return prefixed[0]
    synonym = next((o for o in SYNONYMS.get(text.lower(), ()) if o in options), None)
    if synonym or not labels or not _CHINESE.search(text):
        return synonym
    # The best fit first: one of its words, a word it starts, a word it is part of, a word in
    # it ("正态" is the normal distribution, though "对数正态分布" contains it too).
    fits = (
        lambda words: text in words.split(),
        lambda words: any(w.startswith(text) for w in words.split()),
        lambda words: text in words,
        lambda words: any(len(w) >= 2 and w in text for w in words.split()),
    )
    for fit in fits:
        fitting = [option for option, words in labels.items() if fit(words)]
        if fitting:
            return fitting[0]
    return None


def labels_of(what: str, options: Sequence[str]) -> dict[str, str]:
    """Return the Chinese words of each option that is a catalogued name (kinds, actions...)."""
    prefix = LABELS.get(what)
    if what == "language":
        return {"zh": "中文 简体中文 汉语 普通话", "en": "英文 英语 English"}
    if prefix is None:
        return {}
    catalog = CATALOG
    return {
        o: " ".join((catalog[f"{prefix}{o}"]["zh"], ZH_NAMES.get(o, "")))
        for o in options
        if f"{prefix}{o}" in catalog
    }


def suggest(
    word: Any,
    options: Sequence[str],
    what: str,
    lang: str,
    arg: str = "",
    labels: Mapping[str, str] | None = None,
    is_key: bool = False,
) -> str:
    """Return "unknown <what> 'x'; did you mean 'y'?", or list the options if none is close."""
    options = [str(option) for option in options]
    labels = labels if labels is not None else labels_of(what, options)
    close = closest(word, options, labels)
    name = arg
    for prefix in LABELS.values():  # a Chinese reader is told "增开台席", not open_counters
        if lang == "zh" and f"{prefix}{arg}" in CATALOG:
            name = render(f"{prefix}{arg}", lang)
    noun = render(f"what.{what}", lang, name=name) if f"what.{what}" in CATALOG else what
    if close:
        return render("validation.unknown", lang, what=noun, name=repr(word), close=repr(close))
    message = render(
        "validation.unknown_list", lang, what=noun, name=repr(word), options=", ".join(options)
    )
    if is_key and isinstance(word, str) and any(char in word for char in "：，\u3000"):
        # {open： "08:30"} reads as one key: the full-width colon is not YAML's.
        return message + render("validation.full_width_key", lang)
    if is_key and isinstance(word, str) and _CHINESE.search(word):
        # Keys are English; a Chinese "key" is nearly always text split off by a comma in {...}.
        message += render("validation.comma_hint", lang)
    return message
