"""The message catalogue: every entry in both languages, with the same fields to fill in."""

import string

import pytest

from simulator.i18n import CATALOG, LANGUAGES, message
from simulator.i18n.scoring import ACTION_LABELS
from simulator.model.actions import ACTIONS


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_entry_exists_in_both_languages_with_the_same_fields(key):
    entry = CATALOG[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert fields(entry["zh"]) == fields(entry["en"])


def test_every_playbook_action_has_a_label():
    assert set(ACTION_LABELS) == set(ACTIONS)


def test_messages_render_nested_messages_in_the_same_language():
    name = message("rule.name", note="开台", action=message("action.open_counters"), when="q")
    assert name.text("zh") == "开台（增开台席：q）"
    assert name.text("en") == str(name) == "开台 (open counters: q)"


def test_an_unknown_key_is_refused_when_the_message_is_made():
    with pytest.raises(KeyError, match="no catalogue entry"):
        message("rule.nmae")
