"""The scenario reference in docs/: current, and complete down to every key, kind and metric."""

from pathlib import Path

import pytest

from simulator.model.actions import ACTIONS
from simulator.model.conditions import METRICS
from simulator.model.distributions import DISTRIBUTIONS
from simulator.model.incidents import INCIDENTS
from simulator.model.json_schema import json_schema
from simulator.model.reference import reference_markdown

DOCS = Path(__file__).parent.parent / "docs"
FILES = {"en": DOCS / "scenario.md", "zh": DOCS / "scenario.zh.md"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_committed_reference_is_what_the_models_say(lang):
    # After a change to the models: drill schema --markdown en -o docs/scenario.md (and zh).
    assert FILES[lang].read_text(encoding="utf-8") == reference_markdown(lang)


def _every_key(node, found):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.add((key, value.get("description"), value.get("description_zh")))
        for value in node.values():
            _every_key(value, found)
    elif isinstance(node, list):
        for value in node:
            _every_key(value, found)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_key_kind_action_metric_and_distribution_is_in_the_reference(lang):
    text = reference_markdown(lang)
    for kind in (incident.model_fields["kind"].default for incident in INCIDENTS):
        assert f"### `{kind}` — " in text
    for action in ACTIONS:
        assert f"### `{action}` — " in text
    for dist in (model.model_fields["dist"].default for model in DISTRIBUTIONS):
        assert f"### `{dist}`\n" in text
    for metric in METRICS:
        assert f"| `{metric}` |" in text
    for key, english, chinese in _every_key(json_schema("scenario"), set()):
        if english is None:
            continue  # a union's tag (kind, dist, do): its value is the section
        assert f"| `{key}` |" in text
        assert (chinese if lang == "zh" else english).replace("|", "\\|") in text


def test_the_chinese_reference_reads_chinese_meanings():
    chinese, english = reference_markdown("zh"), reference_markdown("en")
    assert (
        "| `floor_area_m2` | 数字 ≥ 1, ≤ 1,000,000（平方米） | 必填 | "
        "客户等候和走动的公共区域面积 |" in chinese
    )
    assert "| `floor_area_m2` | number ≥ 1, ≤ 1,000,000 (m²) | required |" in english
    assert "people on the public floor" not in chinese and "厅内人数" in chinese
