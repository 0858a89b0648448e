"""The published JSON Schema: shipped files pass it, mistakes fail it, it is never stale."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.model.json_schema import json_schema, json_schema_text
from simulator.model.yaml_source import parse_document

ROOT = Path(__file__).parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
LOGS = sorted((ROOT / "scenarios" / "logs").glob("*.yaml"))
PUBLISHED = {
    "scenario": ROOT / "scenarios" / "scenario.schema.json",
    "log": ROOT / "scenarios" / "logs" / "log.schema.json",
}


def as_an_editor_reads(text: str) -> Any:
    """Return the YAML as plain JSON data (an editor sees a date as text, as our loader does)."""
    document, _duplicates = parse_document(text, "x.yaml", "en")

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(key): plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    return plain(document)


def errors(of: str, text: str) -> list[str]:
    """Return the schema's complaints about ``text``, each as 'path: message'."""
    validator = jsonschema.Draft202012Validator(json_schema(of))
    found = validator.iter_errors(as_an_editor_reads(text))
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in found]


@pytest.mark.parametrize("of", ["scenario", "log"])
def test_the_schema_is_valid_json_schema_and_the_published_copy_is_current(of):
    jsonschema.Draft202012Validator.check_schema(json_schema(of))
    # After a change to the models: drill schema -o scenarios/scenario.schema.json (and --log).
    assert PUBLISHED[of].read_text(encoding="utf-8") == json_schema_text(of)


@pytest.mark.parametrize("path", [*SCENARIOS, *LOGS], ids=lambda path: path.name)
def test_every_shipped_file_passes_the_schema_it_names_on_its_first_line(path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    named = first.removeprefix("# yaml-language-server: $schema=")
    assert named != first, f"{path.name} does not start with the schema line"
    assert (path.parent / named).resolve() in {p.resolve() for p in PUBLISHED.values()}
    assert errors("log" if path in LOGS else "scenario", text) == []


BASE = (ROOT / "scenarios" / "promotion_day.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("floor_area_m2:", "floor_aera_m2:", "'floor_aera_m2' was unexpected"),
        ("floor_area_m2: 260", "floor_area_m2: big", "'big' is not of type 'number'"),
        ('open: "08:30"', 'open: "9点"', "does not match"),
        ("do: open_counters", "do: open_counter", "open_counter"),
        ("dist: lognormal", "dist: lognormal_", "lognormal_"),
        ("kind: surge", "kind: rush", "rush"),
    ],
)
def test_the_schema_catches_what_an_editor_can_see(old, new, complaint):
    assert old in BASE, old
    found = errors("scenario", BASE.replace(old, new, 1))
    assert any(complaint in problem for problem in found), found


def test_a_variant_may_write_part_of_a_block_but_not_a_key_that_does_not_exist():
    assert errors("scenario", BASE + "\nvariants:\n  more: {staff: {guides: 3}}\n") == []
    typo = errors("scenario", BASE + "\nvariants:\n  more: {staff: {guide: 3}}\n")
    assert any("'guide' was unexpected" in problem for problem in typo), typo


def _described(node: Any, path: str = "") -> list[str]:
    """Return the paths of the keys that lack a description in either language."""
    lacking = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            if key in ("dist", "kind", "do") and "const" in value:
                continue  # the tag of a union: its value is the documentation
            if not ("description" in value and "description_zh" in value):
                lacking.append(f"{path}.{key}")
        for key, value in node.items():
            lacking += _described(value, f"{path}.{key}" if key != "properties" else path)
    elif isinstance(node, list):
        for item in node:
            lacking += _described(item, path)
    return lacking


@pytest.mark.parametrize("of", ["scenario", "log"])
def test_every_key_is_described_in_both_languages_with_a_hover_text(of):
    schema = json_schema(of)
    assert _described(schema) == []
    hover = schema["$defs"]["Hours"]["properties"]["open"] if of == "scenario" else None
    if hover is not None:
        assert hover["markdownDescription"].startswith("开门时间")


def test_drill_schema_prints_or_writes_the_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(cli, ["schema"])
    assert printed.exit_code == 0 and json.loads(printed.output)["title"].startswith("drill 场景")
    target = tmp_path / "scenario.schema.json"
    written = runner.invoke(cli, ["schema", "--log", "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == json_schema_text("log")
    refused = runner.invoke(cli, ["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")])
    assert refused.exit_code == 2 and "cannot be written" in refused.output


def _numbers_without_a_maximum(node: object, path: str = "") -> list[str]:
    if isinstance(node, list):
        return [
            p
            for i, item in enumerate(node)
            for p in _numbers_without_a_maximum(item, f"{path}[{i}]")
        ]
    if not isinstance(node, dict):
        return []
    found = []
    if node.get("type") in ("number", "integer") and not {
        "maximum",
        "exclusiveMaximum",
        "const",
    } & set(node):
        found.append(path)
    for key, value in node.items():
        if key not in ("examples", "default"):
            found += _numbers_without_a_maximum(value, f"{path}/{key}")
    return found


@pytest.mark.parametrize("of", ["scenario", "log"])
def test_every_number_has_a_documented_range_with_an_upper_end(of):
    # The version number (schema: 1) is the one number checked by value, not by range.
    unbounded = [
        path for path in _numbers_without_a_maximum(json_schema(of)) if not path.endswith("/schema")
    ]
    assert unbounded == []
