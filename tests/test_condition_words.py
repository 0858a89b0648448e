"""Playbook conditions said in words: every metric, both languages, and/or as parsed."""

from pathlib import Path

import pytest

from simulator.i18n import CATALOG
from simulator.model.condition_words import said, said_when
from simulator.model.conditions import INCIDENT_FLAGS, INCIDENT_MINUTES, METRICS, parse_condition

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("when", "zh", "en"),
    [
        ("queue >= 30", "排队人数 ≥ 30 人", "queue ≥ 30"),
        ("outage_min >= 10", "故障持续 ≥ 10 分钟", "outage lasting ≥ 10 min"),
        ("density > 2.5", "厅内密度 > 2.5 人/m²", "density > 2.5 per m²"),
        ("time >= 12:00", "时间 ≥ 12:00", "time ≥ 12:00"),
        ("power_out >= 1", "停电期间", "power out"),
        ("power_out == 0", "未停电", "power on"),
        (
            "queue >= 30 and time >= 12:00",
            "排队人数 ≥ 30 人 且 时间 ≥ 12:00",
            "queue ≥ 30 and time ≥ 12:00",
        ),
        (
            "(queue >= 30 or in_hall > 80) and outage_min != 0",
            "（排队人数 ≥ 30 人 或 厅内人数 > 80 人） 且 故障持续 ≠ 0 分钟",
            "(queue ≥ 30 or people in the hall > 80) and outage lasting ≠ 0 min",
        ),
    ],
)
def test_a_condition_reads_as_words_in_both_languages(when, zh, en):
    words = said(parse_condition(when))
    assert (words.text("zh"), words.text("en")) == (zh, en)


def test_every_metric_has_words_and_none_shows_its_identifier_in_chinese():
    for metric in METRICS:
        generic = metric in INCIDENT_FLAGS or metric in INCIDENT_MINUTES  # words.incident_*
        if metric != "power_out" and not generic:
            assert f"words.{metric}" in CATALOG, metric
        chinese = said(parse_condition(f"{metric} >= {'12:00' if metric == 'time' else 1}"))
        assert metric not in chinese.text("zh"), metric


def test_a_text_that_is_no_condition_is_kept_as_it_is():
    assert said_when("decision at 10:40") == "decision at 10:40"


def test_the_chinese_scored_brief_shows_no_condition_identifiers():
    brief = (GOLDEN / "bank_system_outage.scored.brief.zh.md").read_text(encoding="utf-8")
    assert "outage_min" not in brief and ">=" not in brief
    assert "条件：故障持续 ≥ 30 分钟" in brief


@pytest.mark.parametrize(
    ("when", "zh", "en"),
    [
        ("illness_active >= 1", "客户突发疾病期间", "while customer taken ill"),
        ("siege_active == 0", "无营业厅遭到围攻", "no hall besieged"),
        ("siege_min >= 10", "营业厅遭到围攻持续 ≥ 10 分钟", "hall besieged lasting ≥ 10 min"),
        ("outage_ended_min <= 5", "故障恢复后 ≤ 5 分钟", "≤ 5 min since the outage ended"),
        ("outside_queue >= 20", "门外等候 ≥ 20 人", "waiting outside ≥ 20"),
    ],
)
def test_conditions_on_incidents_are_said_in_words(when, zh, en):
    words = said(parse_condition(when))
    assert (words.text("zh"), words.text("en")) == (zh, en)
