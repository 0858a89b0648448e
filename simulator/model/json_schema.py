"""The JSON Schema of the scenario file and the drill log, for editors and ``drill schema``.

It is generated from the same models the loader validates with, so an editor's completion and
hover text can never disagree with ``drill validate``. Three things are added to what pydantic
makes of the models:

* ``markdownDescription`` — the Chinese description, the English one, the unit and the default,
  which is what the YAML extension of VS Code and its peers show on hover (they show one text);
* a variant's schema — a variant is a *change* to the base, deep-merged onto it, so every key
  of a mapping is optional there (lists are replaced whole, so their items keep their schema);
* no titles on keys and no class docstrings: those are pydantic's and the developers', not
  words a hall manager should read.

The schema is a little looser than the loader where only the whole file can tell (a counter
block outside the opening hours, a redirect to a hall that is not listed): editors get every
check that one value can show, and ``drill validate`` the rest.
"""

import copy
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from simulator.model.drill_log import LogFile
from simulator.model.scenario import Scenario

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "scenario": (
        "drill 场景文件 · drill scenario file",
        "营业厅、营业时间、人员、客流、突发事件、预案与限值 · "
        "the hall, its hours, staff, demand, incidents, playbook and limits",
    ),
    "log": (
        "drill 演练记录 · drill log",
        "演练中实际采取的措施及时间 · what was done in a drill, and when",
    ),
}


class _Generator(GenerateJsonSchema):
    """Pydantic's generator without a title on every key."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Return False: a key's title is its name again, in title case, and only noise."""
        return False


def json_schema(of: str = "scenario") -> dict[str, Any]:
    """Return the JSON Schema of a scenario file (``of="scenario"``) or a drill log (``"log"``)."""
    model: type[BaseModel] = Scenario if of == "scenario" else LogFile
    schema = model.model_json_schema(by_alias=True, schema_generator=_Generator)
    definitions = schema.get("$defs", {})
    for definition in definitions.values():
        definition.pop("description", None)  # a class docstring
    if of == "scenario":
        definitions.update(_partial_definitions(definitions))
        schema["properties"]["variants"]["additionalProperties"] = _partial(
            {k: v for k, v in schema.items() if k != "$defs"}, definitions
        )
    _describe(schema)
    title, description = TITLES[of]
    schema.pop("description", None)
    schema.pop("title", None)
    return {"$schema": DIALECT, "title": title, "description": description, **schema}


def json_schema_text(of: str = "scenario") -> str:
    """Return the schema as the file ``drill schema`` writes (stable order, UTF-8, newline)."""
    return json.dumps(json_schema(of), ensure_ascii=False, indent=2) + "\n"


def _describe(node: Any) -> None:
    """Give every described key a ``markdownDescription`` in both languages."""
    if isinstance(node, dict):
        if "description_zh" in node and "description" in node:
            parts = [f"{node['description_zh']}  \n{node['description']}"]
            if "unit" in node:
                parts.append(f"单位 unit: `{node['unit']}`")
            if "default" in node and node["default"] not in (None, [], {}):
                shown = json.dumps(node["default"], ensure_ascii=False)
                parts.append(f"默认 default: `{shown}`")
            node["markdownDescription"] = "\n\n".join(parts)
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def _partial_name(name: str) -> str:
    return f"{name}Change"


def _partial_definitions(definitions: dict[str, Any]) -> dict[str, Any]:
    """Return a variant's version of every object definition: the same keys, none required."""
    return {
        _partial_name(name): _partial(definition, definitions)
        for name, definition in definitions.items()
        if definition.get("type") == "object" and "properties" in definition
    }


def _partial(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """Return ``schema`` as a variant may write it: mappings partial, all else as it was."""
    changed = copy.deepcopy(schema)
    changed.pop("required", None)
    changed.pop("default", None)
    properties = changed.get("properties", {})
    properties.pop("variants", None)  # a variant has no variants of its own
    for key, value in properties.items():
        properties[key] = _partial_value(value, definitions)
    return changed


def _partial_value(value: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """Return a key's schema inside a variant: a mapping is merged key by key, so partial."""
    changed = dict(value)
    changed.pop("default", None)
    reference = changed.get("$ref", "")
    name = reference.rsplit("/", 1)[-1]
    if name in definitions and definitions[name].get("type") == "object":
        changed["$ref"] = f"#/$defs/{_partial_name(name)}"
    elif "oneOf" in changed or "anyOf" in changed:
        # A union merged key by key (a distribution's mean alone) cannot be told apart: the
        # loader checks the merged value, the editor checks only that it is a mapping or value.
        kept = {k: v for k, v in changed.items() if k.startswith("description") or k == "unit"}
        changed = kept
    return changed
