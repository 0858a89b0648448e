"""Typed, position-aware reading of a parsed scenario file: every mistake becomes a Problem.

The validator walks the document through :class:`Section` objects, one per mapping. A getter
such as :meth:`Section.number` returns the value when it is right and otherwise records a
:class:`~simulator.model.errors.Problem` (file, line, key path, message) and returns ``None``,
so validation never stops at the first mistake and the caller only has to skip cross-checks on
values that came back ``None``. An explicit ``null`` counts as "not given" (so a variant can
switch an optional setting back to its default).
"""

import difflib
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from simulator.model.clock import format_clock, parse_clock
from simulator.model.distributions import REQUIRED_PARAMETERS, Distribution
from simulator.model.errors import Problem
from simulator.model.yaml_source import Spot

T = TypeVar("T")


def given(value: T | None) -> T:
    """Return a value read for a model's field, typed as present.

    A reader returns None for a required or defaulted key only beside a problem it reported,
    and the loader raises :class:`~simulator.model.errors.ScenarioError` before a model built
    from such input is ever returned: no caller sees the None.
    """
    return cast(T, value)


_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_RANGE = re.compile(r"^(?:([\[(])(\S+), (\S+)([\])])|(>=?) (\S+))$")


def show(value: Any) -> str:
    """Return how a value from the file is quoted in messages (as the user wrote it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float):  # 2.0 stays "2.0" so "must be a whole number" makes sense
        return repr(value) if value.is_integer() else f"{value:g}"
    return str(value)


def suggest(word: str, options: Iterable[str], what: str) -> str:
    """Return "unknown <what> 'x'; did you mean 'y'?", or list the options if none is close."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1)
    # Abbreviations ("expo", "lognorm") are too short for difflib's ratio but still clear.
    close = close or [o for o in options if len(word) >= 3 and o.startswith(word)][:1]
    if close:
        return f"unknown {what} {word!r}; did you mean {close[0]!r}?"
    message = f"unknown {what} {word!r}; use one of: {', '.join(options)}"
    if isinstance(word, str) and _CHINESE.search(word):
        # Keys are English; Chinese here is nearly always text split off by a comma in {...}.
        message += " (inside {...} a comma starts a new key: write ， or 、 in Chinese text)"
    return message


def in_range(value: float, spec: str) -> str | None:
    """Return ``None`` if ``value`` is in ``spec`` ("> 0", ">= 0", "(0, 1]", ...), else why not."""
    match = _RANGE.match(spec)
    if match is None:  # a programming error in a table, not a user error
        raise ValueError(f"bad range {spec!r}")
    opening, low, high, closing, operator, bound = match.groups()
    if operator:
        limit = float(bound)
        if value > limit or (operator == ">=" and value == limit):
            return None
        return f"must be {'at least' if operator == '>=' else 'greater than'} {bound}"
    lower, upper = float(low), float(high)
    low_ok = value > lower or (opening == "[" and value == lower)
    high_ok = value < upper or (closing == "]" and value == upper)
    if low_ok and high_ok:
        return None
    if opening == "[" and closing == "]":
        return f"must be between {low} and {high}"
    first = "at least" if opening == "[" else "greater than"
    second = "at most" if closing == "]" else "less than"
    return f"must be {first} {low} and {second} {high}"


@dataclass(frozen=True)
class Param:
    """How to read one key of a table-driven entry (an incident or a playbook action).

    ``kind`` is one of the basic kinds :meth:`Section.read` knows ("number", "integer", "text",
    "flag", "clock", "distribution") or a special kind the caller handles itself.
    """

    kind: str
    required: bool = False
    within: str | None = None
    default: Any = None


class Checker:
    """Collects the problems of one scenario file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def report(self, line: int | None, key: str, message: str, column: int | None = None) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.file, line, key, message, column))


class Section:
    """One mapping of the scenario file, found at key path ``path``.

    ``spot`` is where the mapping is introduced (the line of its key, or of its list item), so
    a missing key is reported at the ``site:`` line rather than at the first key under it.
    """

    def __init__(self, checker: Checker, data: Mapping, path: str, spot: Spot):
        self.checker = checker
        self.data = data
        self.path = path
        self.spot = spot

    # --- where things are ---------------------------------------------------------------
    def path_of(self, key: Any) -> str:
        """Return the key path of ``key`` in this mapping, e.g. ``staff.reserve.count``."""
        return f"{self.path}.{key}" if self.path else str(key)

    def key_spot(self, key: Any) -> Spot:
        """Return where ``key`` is written, or where this mapping starts if it is absent."""
        spots = getattr(self.data, "key_spots", {})
        return spots.get(key, self.spot)

    def value_spot(self, key: Any) -> Spot:
        """Return where the value of ``key`` is written (its key's spot if unknown)."""
        spots = getattr(self.data, "value_spots", {})
        return spots.get(key) or self.key_spot(key)

    def report(self, key: Any, message: str, column: int | None = None) -> None:
        """Record a problem with ``key``, at the line where the key is written."""
        self.checker.report(self.key_spot(key).line, self.path_of(key), message, column)

    def report_self(self, message: str) -> None:
        """Record a problem with this whole mapping, at the line where it starts."""
        self.checker.report(self.spot.line, self.path, message)

    # --- structure -----------------------------------------------------------------------
    def allow(self, keys: Collection[str], what: str = "key") -> None:
        """Report every key of this mapping that is not in ``keys``, with a did-you-mean."""
        for key in self.data:
            if key not in keys:
                self.report(key, suggest(str(key), keys, what))

    def raw(self, key: str, required: bool = False, missing: str | None = None) -> Any:
        """Return the value of ``key``, or ``None`` (reporting it if ``required``) if not given."""
        value = self.data.get(key)
        if value is None and required:
            if key in self.data:
                self.report(key, "needs a value")
            else:
                # A missing key has no line of its own: point at the mapping that lacks it.
                self.checker.report(
                    self.spot.line, self.path_of(key), missing or "is required but missing"
                )
        return value

    def section(self, key: str, required: bool = False) -> "Section | None":
        """Return the mapping under ``key`` as a section, or ``None``."""
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.report(key, f"must be a mapping of keys, got {show(value)}")
            return None
        return Section(self.checker, value, self.path_of(key), self.key_spot(key))

    def items(self, key: str, required: bool = False, example: str = "") -> list["Section"]:
        """Return the list of mappings under ``key`` (empty if absent or wrong)."""
        value = self.raw(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(key, f"must be a list{example}, got {show(value)}")
            return []
        if not value and required:
            self.report(key, f"must list at least one entry{example}")
        spots = getattr(value, "item_spots", [])
        sections = []
        for index, item in enumerate(value):
            spot = spots[index] if index < len(spots) else self.key_spot(key)
            path = f"{self.path_of(key)}[{index}]"
            if isinstance(item, Mapping):
                sections.append(Section(self.checker, item, path, spot))
            else:
                self.checker.report(
                    spot.line, path, f"must be a mapping{example}, got {show(item)}"
                )
        return sections

    # --- typed values --------------------------------------------------------------------
    def number(
        self,
        key: str,
        *,
        required: bool = False,
        default: float | None = None,
        within: str | None = None,
        hint: str = "",
    ) -> float | None:
        """Return a number (an int is fine; a bool is not), checked against ``within``."""
        value = self.raw(key, required)
        if value is None:
            return default
        # bool is a subclass of int in Python, but "true" is never a quantity.
        if isinstance(value, bool) or not isinstance(value, int | float):
            percent = isinstance(value, str) and value.strip().endswith("%")
            advice = " (write a share as a decimal: 55% is 0.55)" if percent else ""
            self.report(key, f"must be a number, got {show(value)}{advice}")
            return None
        if not math.isfinite(value):
            self.report(key, f"must be a finite number, got {show(value)}")
            return None
        value = self._check_range(key, value, within, hint)
        return None if value is None else float(value)

    def integer(
        self,
        key: str,
        *,
        required: bool = False,
        default: int | None = None,
        within: str | None = None,
    ) -> int | None:
        """Return a whole number, checked against ``within``."""
        value = self.raw(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, f"must be a whole number, got {show(value)}")
            return None
        return self._check_range(key, value, within)

    def _check_range(self, key: str, value: Any, within: str | None, hint: str = "") -> Any:
        problem = in_range(value, within) if within else None
        if problem:
            self.report(key, f"{problem}{hint}, got {show(value)}")
            return None
        return value

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        default: str | None = None,
        empty_ok: bool = False,
    ) -> str | None:
        """Return a string, which must not be blank unless ``empty_ok``."""
        value = self.raw(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.report(key, f"must be text, got {show(value)} (put it in quotes)")
            return None
        if not value.strip() and not empty_ok:
            self.report(key, "must not be empty")
            return None
        return value

    def flag(self, key: str, *, default: bool | None = False) -> bool | None:
        """Return ``true`` or ``false``."""
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.report(key, f"must be true or false, got {show(value)}")
            return None
        return value

    def choice(
        self,
        key: str,
        options: Collection[str],
        *,
        what: str = "value",
        required: bool = False,
        default: str | None = None,
    ) -> str | None:
        """Return one of ``options``; anything else is reported with a did-you-mean."""
        value = self.raw(key, required)
        if value is None:
            return default
        if not isinstance(value, str) or value not in options:
            self.report(key, suggest(str(value), options, what))
            return None
        return value

    def clock(self, key: str, *, required: bool = False) -> float | None:
        """Return a clock time ``"HH:MM"`` as minutes since midnight."""
        value = self.raw(key, required)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError(f'{show(value)} is not a clock time; write it as "HH:MM"')
            return parse_clock(value)
        except ValueError as error:
            self.report(key, str(error))
            return None

    def distribution(self, key: str, *, required: bool = False) -> Distribution | None:
        """Return a non-negative distribution such as ``{dist: lognormal, mean: 8, sd: 4}``."""
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.report(
                key,
                f"must be a distribution like {{dist: exponential, mean: 3}}, got {show(value)}",
            )
            return None
        spec = Section(self.checker, value, self.path_of(key), self.key_spot(key))
        name = spec.choice("dist", REQUIRED_PARAMETERS, what="distribution", required=True)
        if name is None:
            return None
        needed = REQUIRED_PARAMETERS[name]
        spec.allow(("dist", *needed), what=f"{name} parameter")
        takes = f"{name} takes {', '.join(needed)}"
        present = {
            p: spec.raw(p, required=True, missing=f"missing {p!r} ({takes})") for p in needed
        }
        if any(v is None for v in present.values()):
            return None
        return _distribution_parameters(spec, name)

    def read(self, key: str, param: Param) -> Any:
        """Read ``key`` as ``param`` says, for the basic kinds."""
        match param.kind:
            case "number":
                return self.number(
                    key, required=param.required, default=param.default, within=param.within
                )
            case "integer":
                return self.integer(
                    key, required=param.required, default=param.default, within=param.within
                )
            case "text":
                return self.text(key, required=param.required, default=param.default)
            case "flag":
                return self.flag(key, default=param.default)
            case "clock":
                return self.clock(key, required=param.required)
            case "distribution":
                return self.distribution(key, required=param.required)
        raise ValueError(f"no basic reader for kind {param.kind!r}")


def _distribution_parameters(spec: Section, name: str) -> Distribution | None:
    """Check the parameters of a distribution whose keys are all present."""
    if name == "empirical":
        values = spec.data["values"]
        if not isinstance(values, list) or not values:
            spec.report("values", f"must be a non-empty list of numbers, got {show(values)}")
            return None
        if any(
            isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or v < 0
            for v in values
        ):
            spec.report("values", "must hold only numbers that are at least 0")
            return None
        if not any(v > 0 for v in values):
            spec.report("values", "needs at least one value greater than 0")
            return None
        return Distribution(name, values=tuple(float(v) for v in values))
    # mean and sd must be positive; the others only non-negative (a quantity is never negative).
    numbers = {
        key: spec.number(key, within="> 0" if key in ("mean", "sd") else ">= 0")
        for key in REQUIRED_PARAMETERS[name]
    }
    if any(v is None for v in numbers.values()):
        return None
    checked = {key: given(value) for key, value in numbers.items()}
    if name in ("uniform", "triangular") and checked["low"] >= checked["high"]:
        spec.report(
            "high", f"must be greater than low ({checked['low']:g}), got {checked['high']:g}"
        )
        return None
    if name == "triangular" and not checked["low"] <= checked["mode"] <= checked["high"]:
        spec.report(
            "mode",
            f"must lie between low and high ({checked['low']:g}–"
            f"{checked['high']:g}), got {checked['mode']:g}",
        )
        return None
    return Distribution(name, **checked)  # type: ignore[arg-type]  # the keys are its fields


def span(open_min: float, close_min: float) -> str:
    """Return opening hours as text for messages, e.g. ``09:00–17:00``."""
    return f"{format_clock(open_min)}–{format_clock(close_min)}"
