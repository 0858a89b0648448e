"""What every scenario model shares: strict, frozen, documented, and our own error messages.

Every part of the scenario contract is a pydantic model derived from :class:`Model`:

- **strict**: a number is a number (``"3"`` and ``true`` are not), a count is a whole number
  (``3.5`` is not), nothing is coerced behind the user's back; unknown keys are errors;
- **frozen**: the engine receives plain data it cannot change;
- **documented**: :func:`doc` gives each field its English and Chinese description, unit and
  examples, which the JSON Schema (``drill schema``) and ``docs/scenario.md`` show;
- **our words**: a validator that finds a problem raises :func:`problem` with a catalogue key
  (``simulator/i18n/validation.py``) instead of pydantic's wording; :mod:`.problems` turns every
  error into ``file:line key: message`` in the scenario's language.

Checks that need another part of the file (opening hours for a block's start, service names for
an outage's scope) read :class:`Facts` from the validation context.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from simulator.model.clock import format_clock, parse_clock

PROBLEM = "drill"  # the pydantic error type of every problem our validators find


class Model(BaseModel):
    """A part of the scenario contract (see the module docstring)."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        populate_by_name=True,
        use_attribute_docstrings=False,
    )
    # How messages name this model's keys ("unknown <keys_are> 'x'"): key, limit, parameter...
    keys_are: ClassVar[str] = "key"

    @model_validator(mode="before")
    @classmethod
    def _null_is_not_given(cls, data: Any) -> Any:
        """Read an explicit ``null`` as "not given", so the default applies.

        A variant can switch an optional setting back to its default (``patience_min: null``);
        a required key left empty is still reported, and so is an unknown one.
        """
        if not isinstance(data, Mapping):
            return data
        optional = {
            field.alias or name
            for name, field in cls.model_fields.items()
            if not field.is_required()
        }
        if not any(value is None and key in optional for key, value in data.items()):
            return data
        return {
            key: value for key, value in data.items() if value is not None or key not in optional
        }


def problem(message: str, at: Sequence[str | int] = (), **args: Any) -> PydanticCustomError:
    """Return a validation error with catalogue message ``message`` (``validation.<message>``).

    ``at`` is where, below the validated value, the problem lies (``("high",)`` for a
    distribution whose ``high`` is below its ``low``); the message's ``args`` fill it in.
    """
    return PydanticCustomError(PROBLEM, message, {"message": message, "at": tuple(at), **args})


def doc(
    en: str,
    zh: str,
    *,
    unit: str | None = None,
    examples: Sequence[Any] | None = None,
    **field: Any,
) -> Any:
    """Return a pydantic ``Field`` with its description in English and Chinese, and its unit."""
    extra: dict[str, Any] = {"description_zh": zh}
    if unit:
        extra["unit"] = unit
    return Field(
        description=en,
        json_schema_extra=extra,
        examples=list(examples) if examples is not None else None,
        **field,
    )


def label(model: type[BaseModel], key: str, lang: str) -> str:
    """Return what a field of ``model`` is called in ``lang`` (its description), else ``key``.

    The console asks for parameters and reports their problems by these words, so a Chinese
    player never reads a key such as ``count``.
    """
    by_alias = {field.alias or name: field for name, field in model.model_fields.items()}
    field = model.model_fields.get(key) or by_alias.get(key)
    if field is None or field.description is None:
        return key
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return (
        str(extra.get("description_zh", field.description)) if lang == "zh" else field.description
    )


def _to_tuple(value: Any) -> Any:
    """YAML gives lists; the models keep tuples (immutable), so accept a list for a tuple."""
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Shown:
    """A value from the file, to be quoted in a message in the message's language (show)."""

    value: Any


def show(value: Any, lang: str = "en") -> str:
    """Return how a value from the file is quoted in messages (as the user wrote it).

    Validators pass the value itself (``got=value``); it is shown here, in the message's
    language, when the message is said (:mod:`.problems`).
    """
    from simulator.i18n import render

    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return render("shown.nothing", lang)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return render("shown.mapping", lang)
    if isinstance(value, list | tuple):
        return render("shown.list", lang)
    if isinstance(value, float):  # 2.0 stays "2.0" so "must be a whole number" makes sense
        return repr(value) if value.is_integer() else f"{value:g}"
    return str(value)


def _to_clock(value: Any, info: ValidationInfo) -> Any:
    """Read ``"HH:MM"`` (full-width colons too) as minutes since midnight."""
    if isinstance(value, bool) or not isinstance(value, str):
        # Models built in code give minutes; a file gives a clock time, and a bare number
        # there (``open: 9``) would be read as 00:09, so a file's number is refused.
        if isinstance(value, int | float) and info.context is None:
            return float(value)
        raise problem("not_clock", got=Shown(value))
    try:
        return parse_clock(value)
    except ValueError as error:
        past = "past midnight" in str(error)
        raise problem("past_midnight" if past else "not_clock", got=Shown(value)) from None


# A file writes a clock time as text; the schema says so (digits and colons full-width too).
CLOCK_PATTERN = r"^\s*[0-9０-９]{1,2}[:：][0-9０-９]{2}\s*$"
Clock = Annotated[
    float,
    BeforeValidator(_to_clock),
    WithJsonSchema({"type": "string", "pattern": CLOCK_PATTERN}),
]


@dataclass(frozen=True)
class _Cap:
    """The metadata :func:`capped` returns: a check after validation, and the schema's maximum."""

    most: float

    def _check(self, value: Any) -> Any:
        if value > self.most:
            raise problem("too_large", most=f"{self.most:,.0f}", got=Shown(value))
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: Any, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        # The editor and docs/scenario.md show the range a hall can have, cap included.
        found = handler(schema)
        found["maximum"] = int(self.most) if float(self.most).is_integer() else self.most
        return found


def capped(most: float) -> Any:
    """Return metadata refusing values above ``most``: a sanity cap, not a contract range.

    Caps keep a typo (``count: 1e6``) from exhausting the machine; the contract's own ranges
    (``share`` in [0, 1]) are pydantic constraints and worded as such. The cap is published
    as the JSON Schema's ``maximum``, so every number's documented range is the one checked.
    """
    return _Cap(most)


def ListOf(item: Any) -> Any:
    """Return the annotation of an immutable list of ``item`` read from a YAML list."""
    return Annotated[tuple[item, ...], BeforeValidator(_to_tuple)]


def PairOf(item: Any) -> Any:
    """Return the annotation of a pair of ``item`` (from, to) read from a two-item YAML list."""
    return Annotated[tuple[item, item], BeforeValidator(_to_tuple)]


def span(open_min: float, close_min: float) -> str:
    """Return opening hours as text for messages, e.g. ``09:00–17:00``."""
    return f"{format_clock(open_min)}–{format_clock(close_min)}"


@dataclass(frozen=True)
class Facts:
    """What checks in one part of the file need from the others (None: itself wrong).

    Read from the file before it is validated as a whole, so every part can be checked
    against the others in the same pass and every problem reported at once.
    """

    open_min: float | None = None
    close_min: float | None = None
    services: tuple[str, ...] = ()
    quick_services: bool | None = None  # whether any service is quick (None: unknown)
    exits: tuple[str, ...] = ()
    neighbors: tuple[str, ...] = ()
    kiosks: int | None = None
    positions: int | None = None  # site.counters


def facts(info: ValidationInfo) -> Facts:
    """Return the facts of the validation context (empty facts when validated alone)."""
    context = info.context or {}
    found = context.get("facts")
    return found if isinstance(found, Facts) else Facts()
