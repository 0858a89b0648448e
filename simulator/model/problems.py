"""Turning validation errors into problems people can fix: ``file:line key: message``.

pydantic reports each error with a location (``("demand", "services", 0, "share")``), a type
(``float_type``, ``extra_forbidden``, ...) and its input. Here the location is walked through the
parsed YAML (which remembers where every key and value was written) and through the models
(which know their keys), and the error becomes one of our own sentences from the catalogue, in
the scenario's language, with a did-you-mean where a close word exists. No pydantic wording
reaches the user.
"""

import math
import re
import types
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel

from simulator.i18n import CATALOG, render
from simulator.model.base import PROBLEM, Model, Shown, show
from simulator.model.errors import Problem
from simulator.model.suggest import closest, suggest
from simulator.model.yaml_source import SourceList, SourceMap, Spot

DISCRIMINATORS = {"kind": "incident kind", "dist": "distribution", "do": "action"}


def _unwrap(annotation: Any) -> Any:
    """Return the type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _member(annotation: Any, data: Any) -> Any:
    """Return the model a (discriminated) union means for ``data``, or the annotation itself."""
    annotation = _unwrap(annotation)
    if get_origin(annotation) in (Union, types.UnionType) and isinstance(data, Mapping):
        for member in get_args(annotation):
            member = _unwrap(member)
            if not (isinstance(member, type) and issubclass(member, BaseModel)):
                continue
            for key in DISCRIMINATORS:
                field = member.model_fields.get(key)
                if field is not None and data.get(key) == field.default:
                    return member
    return annotation


def _field(model: type[BaseModel], key: Any) -> tuple[str, Any] | None:
    """Return (name, field) of ``model`` written as ``key`` in the file (its alias or name)."""
    for name, field in model.model_fields.items():
        if key in (field.alias, name):
            return name, field
    return None


def keys_of(model: type[BaseModel]) -> list[str]:
    """Return the keys a file may write for ``model``, in the order documented."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _key_words(model: type[BaseModel]) -> dict[str, str]:
    """Return each key's Chinese description (``引导员`` finds ``guides``)."""
    words = {}
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if "description_zh" in extra:
            words[field.alias or name] = str(extra["description_zh"])
    return words


def _what(model: type[BaseModel], data: Any) -> tuple[str, str]:
    """Return (catalogue noun, its argument) naming ``model``'s keys ("fire key", "limit")."""
    keys_are = getattr(model, "keys_are", "key")
    for key in DISCRIMINATORS:
        placeholder = "{" + key + "}"
        if placeholder in keys_are:
            tag = data.get(key, "") if isinstance(data, Mapping) else ""
            noun = keys_are.replace(placeholder, "").strip()
            return ("incident key" if noun == "key" else noun), str(tag)
    return keys_are, ""


@dataclass
class Place:
    """Where a validation error's location points in the file."""

    path: str  # the key path, e.g. "demand.services[0].share"
    spot: Spot  # where to report it (the key, or the mapping lacking it)
    value_spot: Spot | None  # where its value is written, if it is
    written: bool  # the last key is in the file
    value: Any  # what is written there (None if nothing)
    parent: Any  # the mapping or list holding it
    model: type[BaseModel] | None  # the model whose key (or item) it is
    annotation: Any  # the annotation of the value there


def locate(loc: Sequence[str | int], document: SourceMap, root: type[BaseModel]) -> Place:
    """Walk ``loc`` through the parsed file and the models from ``root``."""
    data: Any = document
    annotation: Any = root
    intro: Spot = document.spot
    value_spot: Spot | None = document.spot
    path = ""
    parent: Any = None
    model: type[BaseModel] | None = None
    written = True
    for element in loc:
        member = _member(annotation, data)
        if isinstance(member, type) and issubclass(member, BaseModel) and isinstance(data, Mapping):
            if element not in data and any(data.get(k) == element for k in DISCRIMINATORS):
                continue  # the tag of a discriminated union, not a key of the file
            found = _field(member, element)
            model, parent = member, data
            annotation = found[1].annotation if found else Any
            if element in data:
                intro = data.key_spots.get(element, intro) if isinstance(data, SourceMap) else intro
                value_spot = data.value_spots.get(element) if isinstance(data, SourceMap) else None
                data = data[element]
            else:
                written, value_spot, data = False, None, None
            path = f"{path}.{element}" if path else str(element)
        elif isinstance(element, int) and isinstance(data, list):
            inner = _unwrap(member)
            args = get_args(inner)
            annotation = args[0] if args else Any
            parent, model = data, None
            if isinstance(data, SourceList) and element < len(data.item_spots):
                intro = value_spot = data.item_spots[element]
            data = data[element] if element < len(data) else None
            path = f"{path}[{element}]"
        elif isinstance(data, Mapping) and element in data:  # a mapping of names (variants)
            parent = data
            if isinstance(data, SourceMap):
                intro = data.key_spots.get(element, intro)
                value_spot = data.value_spots.get(element)
            data = data[element]
            args = get_args(_unwrap(member))
            annotation = args[1] if len(args) == 2 else Any
            path = f"{path}.{element}" if path else str(element)
        else:  # pydantic's own step (a validator's name): not part of the file
            continue
    if not written and isinstance(parent, SourceMap):
        # A missing key has no line of its own: point at the mapping that lacks it.
        owner = parent
        intro = _intro_of(owner, document) or intro
    return Place(path, intro, value_spot, written, data, parent, model, annotation)


def _intro_of(mapping: SourceMap, document: SourceMap) -> Spot | None:
    """Return where ``mapping`` is introduced: its key's line, or its list item's line."""
    if mapping is document:
        return document.spot
    found: Spot | None = None

    def walk(node: Any) -> None:
        nonlocal found
        if found is not None:
            return
        if isinstance(node, SourceMap):
            for key, value in node.items():
                if value is mapping:
                    found = node.key_spots.get(key)
                    return
                walk(value)
        elif isinstance(node, SourceList):
            for index, value in enumerate(node):
                if value is mapping:
                    found = node.item_spots[index] if index < len(node.item_spots) else node.spot
                    return
                walk(value)

    walk(document)
    return found


def _bounds(place: Place) -> dict[str, float]:
    """Return the ge/gt/le/lt bounds of the field at ``place``."""
    bounds: dict[str, float] = {}
    if place.model is None:
        return bounds
    key = place.path.rsplit(".", 1)[-1]
    found = _field(place.model, key)
    if found is None:
        return bounds
    metadata = list(found[1].metadata)
    annotation = found[1].annotation
    while get_origin(annotation) is Annotated or get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        if get_origin(annotation) is Annotated:
            metadata += list(args[1:])
            annotation = args[0]
        else:
            annotation = next((a for a in args if a is not type(None)), Any)
    expanded = []
    for item in metadata:
        expanded += list(getattr(item, "metadata", [item])) if hasattr(item, "metadata") else [item]
    for item in expanded:
        for kind in (Ge, Gt, Le, Lt):
            if isinstance(item, kind):
                name = kind.__name__.lower()
                bounds[name] = float(getattr(item, name))
    return bounds


def _number(value: float) -> str:
    return f"{value:g}"


def range_message(bounds: Mapping[str, float], got: Any, lang: str, hint: str = "") -> str:
    """Say what range a number must lie in, as ``"must be between 0 and 1, got 2"``."""
    shown = show(got, lang)
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    if low is not None and high is not None:
        if "ge" in bounds and "le" in bounds:
            return render(
                "validation.between",
                lang,
                low=_number(low),
                high=_number(high),
                got=shown,
                hint=hint,
            )
        first = render("range.at least" if "ge" in bounds else "range.greater than", lang)
        second = render("range.at most" if "le" in bounds else "range.less than", lang)
        return render(
            "validation.range",
            lang,
            first=first,
            second=second,
            low=_number(low),
            high=_number(high),
            got=shown,
            hint=hint,
        )
    if low is not None:
        key = "validation.at_least" if "ge" in bounds else "validation.greater"
        return render(key, lang, low=_number(low), got=shown, hint=hint)
    if high is not None:
        key = "validation.at_most" if "le" in bounds else "validation.less"
        return render(key, lang, high=_number(high), got=shown, hint=hint)
    return render("validation.invalid", lang, got=shown)


def _is_distribution(annotation: Any) -> bool:
    from simulator.model.distributions import Distribution

    inner = _unwrap(annotation)
    if isinstance(inner, type):
        return issubclass(inner, Distribution)
    return any(_is_distribution(arg) for arg in get_args(inner))


def message(error: Mapping[str, Any], place: Place, lang: str) -> tuple[str, str]:
    """Return (key path, message) for one pydantic error at ``place``."""
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    path = place.path
    if kind == "extra_forbidden" and place.model is not None:
        noun, arg = _what(place.model, place.parent)
        key = path.rsplit(".", 1)[-1]
        words = {k: v for k, v in _key_words(place.model).items()}
        return path, suggest(key, keys_of(place.model), noun, lang, arg, words, is_key=True)
    if kind == "missing":
        if place.parent is not None and path.rsplit(".", 1)[-1] in place.parent:
            return path, render("validation.needs_value", lang)
        from simulator.model.distributions import Distribution

        if place.model is not None and issubclass(place.model, Distribution):
            key = path.rsplit(".", 1)[-1]
            needed = [k for k in keys_of(place.model) if k != "dist"]
            dist = place.parent.get("dist", "") if isinstance(place.parent, Mapping) else ""
            return path, render(
                "validation.missing_parameter",
                lang,
                name=repr(key),
                dist=dist,
                needed=", ".join(needed),
            )
        return path, render("validation.required", lang)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key = str(ctx.get("discriminator", "")).strip("'") or "kind"
        path = f"{path}.{key}" if path else key
        if kind == "union_tag_not_found":
            return path, render("validation.required", lang)
        if isinstance(place.value, Mapping) and place.value.get(key, "") is None:
            return path, render("validation.needs_value", lang)  # dist: (nothing)
        options = [o.strip().strip("'") for o in str(ctx.get("expected_tags", "")).split(",")]
        return path, suggest(ctx.get("tag"), options, DISCRIMINATORS.get(key, key), lang)
    if kind == "invalid_key":  # ~: 6 or 6: 6 — YAML reads the key as nothing, or a number
        key = loc_key(error)
        shown = show(None if key == "None" else key, lang)  # pydantic names the null key None
        return path, render("validation.key_not_text", lang, got=shown)
    if kind == PROBLEM:
        args = {k: v for k, v in ctx.items() if k not in ("message", "at", "column")}
        args.setdefault("path", _list_path(path))
        if isinstance(args.get("got"), Shown):
            got = args["got"].value
            # A cap speaks of magnitudes: 100000, not the float 100000.0 pydantic made of it.
            number = ctx["message"] == "too_large" and isinstance(got, int | float)
            args["got"] = _number(got) if number else show(got, lang)
        if ctx["message"] == "unknown_name":
            return path, suggest(args["name"], args["options"], args["what"], lang)
        if ctx["message"] == "condition":
            args["reason"] = _condition_reason(ctx, lang)
        return path, render(f"validation.{ctx['message']}", lang, **args)
    if value is None and place.written:
        return path, render("validation.needs_value", lang)
    if kind == "too_long":
        return path, render("validation.too_many", lang, most=ctx.get("max_length", "?"))
    return path, _type_message(kind, value, place, lang, ctx)


def loc_key(error: Mapping[str, Any]) -> Any:
    """Return the key an error's location ends in."""
    return error["loc"][-1] if error.get("loc") else None


def _list_path(path: str) -> str:
    """Return the path of the list an item's key belongs to: ``demand.services``."""
    return re.sub(r"\[\d+\](\.[^.\[]+)?$", "", path)


def _condition_reason(ctx: Mapping[str, Any], lang: str) -> str:
    code, details = ctx.get("code", "invalid"), dict(ctx.get("details") or {})
    if details.get("found") == "the end":
        if f"when.{code}_end" in CATALOG:
            code = f"{code}_end"
        details["found"] = render("the end", lang)
    if "hint" in details:
        hint = details["hint"]
        details["hint"] = render(f"when.hint.{hint}", lang, **details) if hint != "none" else ""
    key = f"when.{code}"
    return render(key, lang, **details) if key in CATALOG else str(ctx.get("reason", ""))


def _type_message(
    kind: str, value: Any, place: Place, lang: str, ctx: Mapping[str, Any] | None = None
) -> str:
    got = show(value, lang)
    if kind in ("float_type", "float_parsing"):
        percent = isinstance(value, str) and value.strip().endswith("%")
        hint = render("validation.percent_hint", lang) if percent else ""
        return render("validation.number", lang, got=got) + hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return render("validation.whole", lang, got=got)
    if kind in ("bool_type", "bool_parsing"):
        return render("validation.flag", lang, got=got)
    if kind == "string_type":
        return render("validation.text", lang, got=got)
    if kind in ("finite_number",) or (isinstance(value, float) and not math.isfinite(value)):
        return render("validation.finite", lang, got=got)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        width = place.path.endswith("width_m")  # egress counts width − 0.3 m
        hint = render("validation.width_hint", lang) if width else ""
        # An item of a pair (x_m: [from, to]) has no field of its own: pydantic gives its bound.
        given = {k: float(v) for k, v in (ctx or {}).items() if k in ("ge", "gt", "le", "lt")}
        return range_message(_bounds(place) or given, value, lang, hint)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if _is_distribution(place.annotation):
            return render("validation.distribution_mapping", lang, got=got)
        item = isinstance(place.parent, list)
        return render("validation.item_mapping" if item else "validation.mapping", lang, got=got)
    if kind in ("tuple_type", "list_type"):
        return render("validation.list", lang, got=got)
    if kind in ("too_short",):
        return render("validation.list_empty", lang)
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(place_expected(place)))
        what = place.path.rsplit(".", 1)[-1]
        return suggest(value, expected, what if f"what.{what}" in CATALOG else "value", lang)
    return render("validation.invalid", lang, got=got)


def place_expected(place: Place) -> Any:
    """Return the choices of a literal field at ``place`` (for did-you-mean)."""
    inner = _unwrap(place.annotation)
    return get_args(inner)


def _meant_keys(
    errors: Sequence[Mapping[str, Any]], document: SourceMap, root: type[Model]
) -> set[tuple[Any, ...]]:
    """Return the locations of missing keys that an unknown key beside them stands for."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    meant = set()
    for error in errors:
        if error["type"] != "extra_forbidden" or not error["loc"]:
            continue
        *parent, key = error["loc"]
        place = locate(list(error["loc"]), document, root)
        if place.model is None:
            continue
        options = keys_of(place.model)
        written = unicodedata.normalize("NFKC", str(key)).split(":")[0].strip()
        close = written if written in options else closest(key, options)
        if close is not None and (*parent, close) in missing:
            meant.add((*parent, close))
    return meant


def problems(
    errors: Sequence[Mapping[str, Any]],
    document: SourceMap,
    root: type[Model],
    file: str,
    lang: str,
) -> list[Problem]:
    """Return every error as a :class:`Problem`, in file order.

    A key reported missing because it was misspelt (``counter:`` for ``counters:``) is said
    once, as the unknown key with its did-you-mean.
    """
    found = []
    meant = _meant_keys(errors, document, root)
    for error in errors:
        if error["type"] == "missing" and tuple(error["loc"]) in meant:
            continue
        loc = list(error["loc"])
        ctx = error.get("ctx") or {}
        if error["type"] == PROBLEM:
            loc += list(ctx.get("at", ()))
        place = locate(loc, document, root)
        path, text = message(error, place, lang)
        column = None
        if error["type"] == PROBLEM and ctx.get("column") and place.value_spot is not None:
            spot = place.value_spot
            # The parser counts from the start of the text; the text starts one column after
            # an opening quote. Folded or multi-line text does not map onto columns.
            if spot.single_line:
                column = spot.column + int(ctx["column"]) - 1 + (1 if spot.quoted else 0)
        line = place.spot.line
        if error["type"] in ("union_tag_invalid",) and isinstance(place.value, SourceMap):
            key = path.rsplit(".", 1)[-1]
            line = place.value.key_spots.get(key, place.spot).line
        found.append(Problem(file, line, path, text, column))
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda problem: problem.line or 0)
