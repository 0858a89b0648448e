"""Chinese names in when: conditions: the brief's own words for each metric, read as the English."""

import re

import pytest

from simulator.i18n import render
from simulator.model.condition_aliases import METRICS_ZH
from simulator.model.conditions import (
    INCIDENT_FLAGS,
    INCIDENT_MINUTES,
    METRICS,
    ConditionSyntaxError,
    parse_condition,
)


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("排队人数 >= 30", "queue >= 30"),
        ("排队人数>=30 且 时间 >= 10:00", "queue >= 30 and time >= 10:00"),
        ("近 15 分钟 P90 等候 >= 25 或 火灾标志 == 1", "wait_p90_recent >= 25 or fire_active == 1"),
        ("排队贵宾人数 > 3", "queue_vip > 3"),  # the longer name, not 排队贵宾 and a stray 人数
        (
            "（排队人数 >= 30 或 厅内人数 > 80）并且 故障持续 != 0",
            "(queue >= 30 or in_hall > 80) and outage_min != 0",
        ),
        ("queue >= 5 and 厅内密度 >= 2", "queue >= 5 and density >= 2"),
    ],
)
def test_a_chinese_condition_is_the_english_one(chinese, english):
    assert parse_condition(chinese) == parse_condition(english)


def test_every_metric_has_a_chinese_name_and_every_name_a_metric():
    assert set(METRICS_ZH.values()) == set(METRICS)


@pytest.mark.parametrize("metric", sorted(METRICS))
def test_each_metrics_chinese_name_is_how_the_brief_says_it(metric):
    names = [name for name, target in METRICS_ZH.items() if target == metric]
    if metric in INCIDENT_FLAGS:
        words = render(
            "words.incident_flag_is",
            "zh",
            kind=render(f"kind.{INCIDENT_FLAGS[metric]}", "zh"),
            op=">=",
            value=1,
        )
    elif metric in INCIDENT_MINUTES:
        words = render(
            "words.incident_min",
            "zh",
            kind=render(f"kind.{INCIDENT_MINUTES[metric]}", "zh"),
            op=">=",
            value=1,
        )
    else:
        words = render(
            f"words.{metric}" if metric != "power_out" else "words.power_out_is",
            "zh",
            op=">=",
            value=1,
        )
    assert any(re.sub(r"\s+", "", words).startswith(name) for name in names), (names, words)
    value = "10:00" if metric == "time" else "1"
    assert parse_condition(f"{names[0]} >= {value}") == parse_condition(f"{metric} >= {value}")


def test_a_chinese_word_that_is_no_metric_says_so_with_the_names_to_use():
    with pytest.raises(ConditionSyntaxError) as raised:
        parse_condition("排队 >= 20")
    assert (raised.value.code, raised.value.details["hint"], raised.value.column) == (
        "character",
        "chinese",
        1,
    )
    hint = render("when.hint.chinese", "zh")
    assert "排队人数、厅内密度" in hint


@pytest.mark.parametrize(
    ("text", "column", "code", "hint"),
    [
        ("时间段 >= 3", 1, "character", "chinese"),  # 时间 is a name, 时间段 is none
        ("排队人数 >= 30 人", 12, "character", "unit"),  # a unit after the number, space or not
        ("排队人数 >= 30人", 11, "character", "unit"),
    ],
)
def test_a_name_is_read_only_whole_and_a_unit_after_it_gets_its_hint(text, column, code, hint):
    with pytest.raises(ConditionSyntaxError) as raised:
        parse_condition(text)
    assert (raised.value.column, raised.value.code, raised.value.details["hint"]) == (
        column,
        code,
        hint,
    )


def test_a_join_right_after_a_number_is_read_and_messages_quote_what_was_written():
    assert parse_condition("排队人数>=30且时间>=10:00") == parse_condition(
        "queue >= 30 and time >= 10:00"
    )
    with pytest.raises(ConditionSyntaxError) as raised:
        parse_condition("排队人数 >= 3 时间 >= 4")
    assert (raised.value.code, raised.value.details["found"]) == ("trailing", "'时间'")
    with pytest.raises(ConditionSyntaxError) as raised:
        parse_condition("且 排队人数 >= 3")
    assert raised.value.details["found"] == "'且'"  # not the engine's 'and'
