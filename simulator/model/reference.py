"""The scenario reference people read (docs/scenario.md, docs/scenario.zh.md), made from the schema.

It is written from the same JSON Schema editors read (:mod:`.json_schema`), so the reference,
the editor's hover text and ``drill validate`` cannot drift apart; a test fails when the
committed files are stale. Every key of every block gets its type, range, unit, default and
meaning; then every incident kind, every action with its parameters, the ``when:`` language
with every metric it knows, and every distribution.
"""

from collections.abc import Iterator
from typing import Any

from simulator.i18n import render
from simulator.model.actions import ACTIONS, ENTRY_FIELDS, RULE_KEYS
from simulator.model.base import CLOCK_PATTERN
from simulator.model.condition_aliases import METRICS_ZH
from simulator.model.conditions import INCIDENT_FLAGS, INCIDENT_MINUTES, METRICS
from simulator.model.json_schema import json_schema

# Before a link to a block's own section in a type: "see " alone, "list, each as in" in a list.
SEE_MARK = "\x00"

TAGS = ("kind", "dist", "do")  # the keys that name a member of a union: documented by section


class _Reference:
    """One language's reference, written section by section."""

    def __init__(self, lang: str):
        self.lang = lang
        self.schema = json_schema("scenario")
        self.log_schema = json_schema("log")
        self.definitions: dict[str, Any] = {**self.log_schema["$defs"], **self.schema["$defs"]}
        self.pending: list[tuple[str, str]] = []  # (path, definition) of blocks still to write
        self.paths: dict[str, str] = {}  # definition → the path its section is written under

    def say(self, key: str, **args: Any) -> str:
        return render(key, self.lang, **args)

    def described(self, node: dict[str, Any]) -> str:
        text = node.get("description_zh" if self.lang == "zh" else "description", "")
        return str(text).replace("|", "\\|")

    # Types.

    def type_of(self, node: dict[str, Any], path: str) -> str:
        """Return a key's type in words (queueing nested blocks for their own sections)."""
        return self._kind(node, path).replace(SEE_MARK, self.say("ref.see"))

    def _kind(self, node: dict[str, Any], path: str) -> str:
        """Return a key's type in words, a block's link after :data:`SEE_MARK`."""
        node = _without_null(node)
        if "$ref" in node:
            return self.referenced(node["$ref"], path)
        if "oneOf" in node and "discriminator" in node:
            return self.union(node, path)
        if "anyOf" in node:
            return " / ".join(self._kind(option, path) for option in node["anyOf"])
        kind = node.get("type")
        if kind == "array" and "prefixItems" in node:  # a pair such as x_m: [from, to]
            items = node["prefixItems"]
            return self.say("ref.pair", item=self._kind(items[0], path), count=len(items))
        if kind == "array":
            item = self._kind(node.get("items", {}), f"{path}[]")
            if item.startswith(SEE_MARK):  # a block with a section of its own
                return self.say("ref.list_of_see", see=item.removeprefix(SEE_MARK))
            return self.say("ref.list_of", item=item)
        if kind == "object":
            return (
                self.say("ref.names") if "additionalProperties" in node else self.say("ref.mapping")
            )
        if "const" in node:
            return f"`{node['const']}`"
        if "enum" in node:
            return self.say("ref.one_of", values=", ".join(f"`{v}`" for v in node["enum"]))
        if kind == "string":
            return (
                self.say("ref.clock")
                if node.get("pattern") == CLOCK_PATTERN
                else self.say("ref.text")
            )
        words = {"number": "ref.number", "integer": "ref.integer", "boolean": "ref.boolean"}
        text = self.say(words[kind]) if kind in words else "—"
        return text + _range(node) + self.unit(node)

    def unit(self, node: dict[str, Any]) -> str:
        unit = node.get("unit")
        return (
            f"（{self.say(f'unit.{unit}')}）"
            if unit and self.lang == "zh"
            else (f" ({self.say(f'unit.{unit}')})" if unit else "")
        )

    def referenced(self, reference: str, path: str) -> str:
        name = reference.rsplit("/", 1)[-1]
        if _is_distribution(self.definitions.get(name, {})):
            return self.say("ref.distribution", anchor=_anchor(self.say("ref.distributions")))
        # A block used in several places (a fire's fighters, an illness's takes) is written once.
        path = self.paths.setdefault(name, path)
        self.pending.append((path, name))
        return SEE_MARK + f"[`{path}`](#{_anchor(path)})"

    def union(self, node: dict[str, Any], path: str) -> str:
        tag = node["discriminator"]["propertyName"]
        if tag == "dist":
            return self.say("ref.distribution", anchor=_anchor(self.say("ref.distributions")))
        section = self.say("ref.incidents" if tag == "kind" else "ref.playbook")
        return SEE_MARK + f"[{section}](#{_anchor(section)})"

    # Sections.

    def table(self, definition: dict[str, Any], path: str, skip: tuple[str, ...] = ()) -> str:
        required = set(definition.get("required", ()))
        rows = [
            f"| {self.say('ref.key')} | {self.say('ref.type')} | {self.say('ref.default')} "
            f"| {self.say('ref.meaning')} |",
            "|---|---|---|---|",
        ]
        for key, node in definition.get("properties", {}).items():
            if key in skip:
                continue
            where = f"{path}.{key}" if path else key
            default = self.say("ref.required") if key in required else _default(node)
            rows.append(
                f"| `{key}` | {self.type_of(node, where)} | {default} | {self.described(node)} |"
            )
        return "\n".join(rows)

    def blocks(self) -> Iterator[str]:
        written = set()
        while self.pending:
            path, name = self.pending.pop(0)
            if path in written:
                continue
            written.add(path)
            yield f"### `{path}`\n\n{self.table(self.definitions[name], path)}\n"

    def members(
        self, union: dict[str, Any], skip: tuple[str, ...], label: str, path: str
    ) -> Iterator[str]:
        for tag, reference in sorted(union["discriminator"]["mapping"].items()):
            definition = self.definitions[reference.rsplit("/", 1)[-1]]
            title = render(f"{label}.{tag}", self.lang)
            keys = [k for k in definition.get("properties", {}) if k not in (*skip, *TAGS)]
            body = (
                self.table(definition, path, (*skip, *TAGS))
                if keys
                else self.say("ref.no_parameters")
            )
            extra = (
                f"\n\n{self.say('ref.in_force')}"
                if tag in ACTIONS and ACTIONS[tag].in_force
                else ""
            )
            yield f"### `{tag}` — {title}\n\n{body}{extra}\n"

    def document(self) -> str:
        properties = self.schema["properties"]
        parts = [
            f"# {self.say('ref.title')}\n",
            f"> {self.say('ref.generated')}\n",
            f"{self.say('ref.intro')}\n",
            f"## {self.say('ref.top')}\n\n{self.table(self.schema, '')}\n",
            f"{self.say('ref.variants')}\n",
        ]
        parts += list(self.blocks())
        incidents = properties["incidents"]["items"]
        parts.append(f"## {self.say('ref.incidents')}\n\n{self.say('ref.incidents_intro')}\n")
        parts += list(self.members(incidents, (), "kind", "incidents[]"))
        parts += list(self.blocks())
        parts.append(f"## {self.say('ref.playbook')}\n\n{self.say('ref.playbook_intro')}\n")
        any_rule = self.definitions[next(iter(_references(properties["playbook"]["items"])))]
        any_entry = self.log_schema["$defs"][
            next(iter(_references(self.log_schema["properties"]["log"]["items"])))
        ]
        parts.append(
            f"### {self.say('ref.rule_keys')}\n\n{self.table(_only(any_rule, RULE_KEYS), '')}\n"
        )
        parts.append(
            f"### {self.say('ref.log_keys')}\n\n"
            f"{self.table(_only(any_entry, ('at', 'who', 'until', 'rule')), '')}\n"
        )
        rule_keys = (*RULE_KEYS, *ENTRY_FIELDS, "at", "until")
        parts += list(self.members(properties["playbook"]["items"], rule_keys, "action", "do"))
        parts += list(self.blocks())
        parts.append(self.when_language())
        parts.append(self.distributions())
        parts.append(f"## {self.say('ref.log')}\n\n{self.table(self.log_schema, '', ('log',))}\n")
        parts += list(self.blocks())
        return "\n".join(parts)

    def when_language(self) -> str:
        header = [self.say("ref.metric"), self.say("ref.chinese_name"), self.say("ref.meaning")]
        rows = ["| " + " | ".join(header) + " |", "|---|---|---|"]
        chinese = {metric: name for name, metric in reversed(list(METRICS_ZH.items()))}
        for metric in METRICS:
            if metric in INCIDENT_FLAGS:
                kind = self.say(f"kind.{INCIDENT_FLAGS[metric]}")
                meaning = self.say("cond.incident_active", kind=kind)
            elif metric in INCIDENT_MINUTES:
                kind = self.say(f"kind.{INCIDENT_MINUTES[metric]}")
                meaning = self.say("cond.incident_min", kind=kind)
            else:
                meaning = self.say(f"cond.{metric}")
            rows.append(f"| `{metric}` | {chinese[metric]} | {meaning} |")
        table = "\n".join(rows)
        return f"## {self.say('ref.when')}\n\n{self.say('ref.when_intro')}\n\n{table}\n"

    def distributions(self) -> str:
        parts = [f"## {self.say('ref.distributions')}\n\n{self.say('ref.distributions_intro')}\n"]
        for name, definition in self.definitions.items():
            if not _is_distribution(definition) or name.endswith("Change"):
                continue
            tag = definition["properties"]["dist"]["const"]
            table = self.table(definition, "", ("dist",))
            parts.append(f"### `{tag}`\n\n{self.say(f'dist.{tag}')}\n\n{table}\n")
        return "\n".join(parts)


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    """Return an optional key's schema without its ``null`` alternative."""
    options = node.get("anyOf")
    if options and any(option.get("type") == "null" for option in options):
        rest = [option for option in options if option.get("type") != "null"]
        return (
            {**{k: v for k, v in node.items() if k != "anyOf"}, **rest[0]}
            if len(rest) == 1
            else {
                **node,
                "anyOf": rest,
            }
        )
    return node


def _bound(value: float) -> str:
    """Return a range's end as people read it: 100,000 and 0.3, not 1e+05."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _range(node: dict[str, Any]) -> str:
    bounds = (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    )
    found = [f"{sign} {_bound(node[key])}" for key, sign in bounds if key in node]
    return f" {', '.join(found)}" if found else ""


def _default(node: dict[str, Any]) -> str:
    if "default" not in node or node["default"] in (None, [], {}, ""):
        return "—"
    value = node["default"]
    if isinstance(value, dict):
        return "…"  # a block's defaults are its keys' own
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def _is_distribution(definition: dict[str, Any]) -> bool:
    return "dist" in definition.get("properties", {})


def _references(union: dict[str, Any]) -> list[str]:
    return [option["$ref"].rsplit("/", 1)[-1] for option in union.get("oneOf", [])]


def _only(definition: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    properties = definition.get("properties", {})
    return {
        "properties": {key: properties[key] for key in keys if key in properties},
        "required": [key for key in definition.get("required", ()) if key in keys],
    }


def _anchor(heading: str) -> str:
    """Return the anchor GitHub gives a heading (lower case, spaces to dashes, no punctuation)."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.strip().replace(" ", "-")


def reference_markdown(lang: str) -> str:
    """Return the scenario reference in ``lang`` as Markdown."""
    return _Reference(lang).document()
