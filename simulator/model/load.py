"""Load a scenario file: read it, validate it against the typed models, report every problem.

The contract is :class:`~simulator.model.scenario.Scenario` (the "Scenario file" section of
DESIGN.md). The file is parsed keeping every key's line (:mod:`.yaml_source`); what one part
needs of the others (opening hours, service and exit names) is read first as
:class:`~simulator.model.base.Facts`, so the whole file is then validated in one pass and
*every* problem is reported at once, each as ``file:line key: message`` in the scenario's
language (:mod:`.problems`). Nothing is built from a file with a problem: the loader raises
:class:`~simulator.model.errors.ScenarioError` instead.

Variants are checked as the base with their changes deep-merged in; a problem the base already
has is not repeated, the others are reported under ``variants.<name> → <key>``.
"""

import difflib
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.i18n import CATALOG, render
from simulator.model.actions import LogEntry, Rule
from simulator.model.base import Facts, Model, show
from simulator.model.errors import Problem, ScenarioError, ScenarioWarning, guess_language
from simulator.model.hall import Demand, Hours, one_line
from simulator.model.plausibility import doubts
from simulator.model.problems import keys_of, locate, problems
from simulator.model.scenario import LANGUAGES, Scenario
from simulator.model.yaml_source import (
    MAX_BYTES,
    SourceMap,
    deep_merge,
    duplicate_problems,
    parse_document,
)

# The keys every member of a list's union has, checked even when its tag is unknown.
COMMON: dict[str, type[BaseModel]] = {"playbook": Rule, "log": LogEntry}


def read_text(path: Path, what: str = "scenario file", lang: str | None = None) -> tuple[str, str]:
    """Return the text of ``path`` and its SHA-256; raise :class:`ScenarioError` if unreadable.

    Problems name the file as ``path`` was given, so messages match what the user typed; they
    are said in ``lang`` (a log's is its scenario's), in both languages when it is None.
    """
    file = str(path)
    path = Path(path)

    def fail(line: int | None, key: str, **args: Any) -> ScenarioError:
        # A file that cannot be read has no language of its own: its caller's, else both.
        message = _said(f"validation.{key}", lang, **args)
        return ScenarioError([Problem(file, line, "", message)], lang)

    if path.is_dir():  # checked first: reading a directory fails differently per platform
        raise fail(None, "is_directory", what=f"file.{what}")
    if path.exists() and not path.is_file():  # a pipe would block, /dev/zero never end
        raise fail(None, "not_a_file", what=f"file.{what}")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # enough to know it is too large, no more
    except FileNotFoundError:
        raise fail(None, "no_file") from None
    except OSError as error:
        raise fail(None, "unreadable", reason=error.strerror) from None
    if len(data) > MAX_BYTES:
        raise fail(None, "file_too_large", most=f"{MAX_BYTES // 1000:,} kB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise fail(line, "not_utf8", byte=f"{data[error.start]:02x}") from None
    return text, hashlib.sha256(data).hexdigest()


def _said(key: str, lang: str | None, **args: Any) -> str:
    """Return the message ``key`` in ``lang``, or in Chinese and English when it is unknown.

    An argument that is itself a catalogue key (``file.scenario file``) is said in the same
    language as the message.
    """

    def said(language: str) -> str:
        words = {
            name: render(value, language) if isinstance(value, str) and value in CATALOG else value
            for name, value in args.items()
        }
        return render(key, language, **words)

    return said(lang) if lang is not None else f"{said('zh')} ({said('en')})"


def load_scenario(path: Path, lang: str | None = None) -> Scenario:
    """Read, validate and return the scenario in ``path``; raise :class:`ScenarioError`.

    ``lang``: the language to say a file that cannot be read at all in (it has none of its
    own yet); None says it in both.
    """
    text, sha256 = read_text(path, lang=lang)
    return _load(text, str(path), sha256)


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Validate and return the scenario written in ``text``; ``file`` names it in problems."""
    return _load(text, file, hashlib.sha256(text.encode("utf-8")).hexdigest())


def language_of(document: Mapping[str, Any]) -> str:
    """Return the language the file asks for (its messages are said in it), zh by default.

    A misspelt key (``languag: en``) still says which language its author reads.
    """
    language = document.get("language")
    if language is None:
        close = difflib.get_close_matches("language", [str(k) for k in document], n=1)
        language = document.get(close[0]) if close else None
    return language if language in LANGUAGES else "zh"


def _quietly(model: type[BaseModel], data: Any) -> Any:
    """Return ``data`` validated as ``model``, or None if it is not (its problems come later)."""
    try:
        return model.model_validate(data, context={"facts": Facts()}, by_name=False)
    except ValidationError:
        return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def facts_of(document: Mapping[str, Any]) -> Facts:
    """Read what parts of the file need of the others, from whatever is right in it."""
    hours = _quietly(Hours, document.get("hours"))
    site = _mapping(document.get("site"))
    demand = _mapping(document.get("demand"))
    services = [s for s in _list(demand.get("services")) if isinstance(s, Mapping)]
    # A null is the default (as the models read it): no quick service, no kiosks.
    quick = [False if s.get("quick") is None else s["quick"] for s in services]
    named = [str(s["name"]) for s in services if isinstance(s.get("name"), str)]

    def names(key: str) -> tuple[str, ...]:
        items = _list(site.get(key))
        return tuple(
            i["name"] for i in items if isinstance(i, Mapping) and isinstance(i.get("name"), str)
        )

    kiosks = 0 if site.get("kiosks") is None else site["kiosks"]
    positions = site.get("counters")
    return Facts(
        open_min=hours.open_min if hours else None,
        close_min=hours.close_min if hours else None,
        services=tuple(named),
        quick_services=any(q is True for q in quick)
        if all(isinstance(q, bool) for q in quick) and quick
        else None,
        exits=names("exits"),
        neighbors=names("neighbors"),
        kiosks=kiosks if isinstance(kiosks, int) and not isinstance(kiosks, bool) else None,
        positions=positions
        if isinstance(positions, int) and not isinstance(positions, bool)
        else None,
    )


def validate(
    model: type[Model], document: SourceMap, file: str, lang: str, facts: Facts | None = None
) -> tuple[Any, list[Problem]]:
    """Validate ``document`` as ``model``; return (the model or None, its problems)."""
    context = {"facts": facts or facts_of(document)}
    try:
        # A file writes the keys' own names (open, from, at); the Python names the models
        # also accept (open_min) are for code, so a file using them is told the right key.
        return model.model_validate(document, context=context, by_alias=True, by_name=False), []
    except ValidationError as error:
        errors = [*error.errors(), *_common_keys(error.errors(), document, context)]
        return None, problems(_without_echoes(errors), document, model, file, lang)


def _without_echoes(errors: list[Any]) -> list[Any]:
    """Drop "too short" for a list whose items have problems of their own.

    pydantic counts only the items that validated, so one exit with a wrong wall also makes
    the list of exits "empty": a second, false problem the user cannot fix by adding one.
    """
    broken = {  # every list that holds an item with a problem
        tuple(error["loc"][:index])
        for error in errors
        for index, part in enumerate(error["loc"])
        if isinstance(part, int)
    }
    return [
        error
        for error in errors
        if not (error["type"] == "too_short" and tuple(error["loc"]) in broken)
    ]


def _common_keys(errors: list[Any], document: SourceMap, context: dict[str, Any]) -> list[Any]:
    """Check the keys every rule (or log line) has, where an unknown ``do:`` hid them.

    A rule whose action is misspelt is not checked any further by its model, which is not
    known; its ``when:`` (or a log line's ``at:``) can still be, so that every problem is
    reported at once.
    """
    found = []
    for error in errors:
        loc = error["loc"]
        if error["type"] != "union_tag_invalid" or len(loc) != 2 or loc[0] not in COMMON:
            continue
        items = document.get(loc[0])
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        if not isinstance(item, Mapping):
            continue
        base = COMMON[loc[0]]
        keys = {alias for alias in keys_of(base) if alias in item and alias != "do"}
        try:
            base.model_validate(
                {"do": "?", **{key: item[key] for key in keys}},
                context=context,
                by_alias=True,
                by_name=False,
            )
        except ValidationError as more:
            found += [
                {**inner, "loc": (*loc, *inner["loc"])}
                for inner in more.errors()
                if inner["type"] != "missing"  # only what is written; the model is unknown
            ]
    return found


def _load(text: str, file: str, sha256: str) -> Scenario:
    document, duplicates = parse_document(text, file)
    lang = language_of(document)
    if lang != guess_language(text):  # the parser guessed from the text; the file says better
        duplicates = duplicate_problems(document, file, lang)
    base = deep_merge(document, {})
    overlays = base.pop("variants", None)
    scenario, found = validate(Scenario, base, file, lang)
    found = duplicates + found
    variants: dict[str, Scenario] = {}
    documents: dict[str, SourceMap] = {}
    if "variants" in document:
        variants, documents, variant_problems = _variants(
            document, base, overlays, found, file, lang
        )
        found += variant_problems
    if found or scenario is None:
        raise ScenarioError(sorted(found, key=lambda problem: problem.line or 0) or found, lang)
    warnings = _warnings(scenario, base, file)
    said = {(warning.key, warning.message) for warning in warnings}
    for name, variant in variants.items():
        for warning in _warnings(variant, documents[name], file):
            if (warning.key, warning.message) not in said:  # the base's are not repeated
                key = f"variants.{name} → {warning.key}"
                warnings.append(ScenarioWarning(file, warning.line, key, warning.message))
    return scenario.located(file, sha256, variants, tuple(warnings))


def _warnings(scenario: Scenario, document: SourceMap, file: str) -> list[ScenarioWarning]:
    """Return the scenario's implausible values, each at its line in ``document``."""
    found = []
    for doubt in doubts(scenario):
        place = locate(doubt.at, document, Scenario)
        found.append(ScenarioWarning(file, place.spot.line, place.path, doubt.why))
    return found


def _only_what_the_base_sets(
    base: Mapping[str, Any], overlay: Any, path: str, file: str, lang: str
) -> list[Problem]:
    """Return a problem for every key of a variant's overlay that the base does not set.

    A variant is a change to the base; a key only the variant writes is usually a typo or a
    misplaced key that would otherwise quietly compare the base against itself.
    """
    found = []
    for key, value in overlay.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base:
            spot = overlay.key_spots.get(key) if isinstance(overlay, SourceMap) else None
            line = spot.line if spot else None
            message = render("validation.variant_new_key", lang, path=where)
            found.append(Problem(file, line, where, message))
        elif isinstance(value, Mapping) and isinstance(base[key], Mapping):
            found += _only_what_the_base_sets(base[key], value, where, file, lang)
    return found


def _variants(
    document: SourceMap,
    base: SourceMap,
    overlays: Any,
    known: list[Problem],
    file: str,
    lang: str,
) -> tuple[dict[str, Scenario], dict[str, SourceMap], list[Problem]]:
    """Check each variant as the base with its overlay deep-merged in.

    Return the valid variants, the merged document each was read from, and the problems.
    """
    line = document.key_spots["variants"].line
    if not isinstance(overlays, SourceMap):
        if overlays is None:
            return {}, {}, []
        message = render("validation.mapping", lang, got=show(overlays, lang))
        return {}, {}, [Problem(file, line, "variants", message)]
    seen = {(p.line, p.column, p.key, p.message) for p in known}
    variants: dict[str, Scenario] = {}
    found: list[Problem] = []
    documents: dict[str, SourceMap] = {}
    named: dict[str, int] = {}  # variant name as text → the line it was first written on
    for name, overlay in overlays.items():
        spot = overlays.key_spots.get(name)
        here = spot.line if spot else line
        # 1 and "1" are two YAML keys but one plan name: the second would replace the first.
        if str(name) in named:
            message = render(
                "validation.variant_twice", lang, name=str(name), first=named[str(name)]
            )
            found.append(Problem(file, here, f"variants.{name}", message))
            continue
        named[str(name)] = here
        if not one_line(str(name)) or not str(name).strip():
            message = render("validation.variant_name", lang)
            found.append(Problem(file, here, f"variants.{name!r}", message))
            continue
        if not isinstance(overlay, Mapping):
            message = render("validation.variant_mapping", lang, got=show(overlay, lang))
            found.append(Problem(file, here, f"variants.{name}", message))
            continue
        if "variants" in overlay:
            message = render("validation.variant_variants", lang)
            spot = overlay.key_spots.get("variants") if isinstance(overlay, SourceMap) else None
            found.append(
                Problem(file, spot.line if spot else here, f"variants.{name}.variants", message)
            )
            overlay = deep_merge(overlay, {})  # a copy that keeps the overlay's positions
            overlay.pop("variants")
        context = f"variants.{name}"
        own = _only_what_the_base_sets(base, overlay, "", file, lang)
        merged = deep_merge(base, overlay)
        scenario, problems_found = validate(Scenario, merged, file, lang)
        # A key the models do not know is said once, as unknown (with its did-you-mean),
        # not also as a key the base does not set.
        unknown = {(p.line, p.key) for p in problems_found}
        own = [p for p in own if (p.line, p.key) not in unknown]
        for problem in sorted(own + problems_found, key=lambda p: p.line or 0):
            if (problem.line, problem.column, problem.key, problem.message) not in seen:
                key = f"{context} → {problem.key}" if problem.key else context
                found.append(Problem(file, problem.line, key, problem.message, problem.column))
        if scenario is not None:
            variants[str(name)] = scenario
            documents[str(name)] = merged
    return variants, documents, found


__all__ = ["Demand", "load_scenario", "load_scenario_text", "read_text"]
