"""Loading scenario files: good files give the expected Scenario, bad ones every problem at once.

Bad input is checked the way a user meets it, through ``drill validate``: exit code 2, no
traceback, and each problem on a line that starts with ``file:line key path:``.
"""

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.model import ScenarioError, load_scenario, load_scenario_text
from simulator.model.distributions import Exponential, Fixed, Lognormal, Triangular, Uniform
from tests.canonical import canonical

MINIMAL = """\
schema: 1
name: test hall
language: en
site:
  name: hall
  floor_area_m2: 200
  exits: [{name: door, width_m: 1.8}]
  kiosks: 2
  neighbors: [{name: west, travel_min: 15, accepts_share: 0.3}]
hours: {open: "09:00", close: "17:00"}
staff:
  counters: [{from: "09:00", count: 3}, {from: "12:00", count: 2}]
demand:
  arrivals: [{from: "09:00", per_hour: 60}]
  services:
    - {name: pay, share: 0.6, minutes: {dist: exponential, mean: 3}, quick: true}
    - {name: open, share: 0.4, minutes: {dist: lognormal, mean: 8, sd: 4}}
"""  # the next line written after it is line 18


PLAYBOOK_REDIRECT = 'playbook: [{when: "queue >= 5", do: redirect, to: kiosks, share: 0.5}]\n'


def scenario(*edits: tuple[str, str], extra: str = "") -> str:
    """Return MINIMAL with each (old, new) replaced once and ``extra`` appended."""
    text = MINIMAL
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + extra


def validate(tmp_path, monkeypatch, content: str | bytes, name: str = "hall.yaml"):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return CliRunner().invoke(cli, ["validate", name])


def assert_problems(result, *expected: tuple[str, str]) -> None:
    """Each (``file:line key:``, fragment) pair is on one line of the output; exit code 2."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    for where, fragment in expected:
        assert any(line.startswith(where) and fragment in line for line in lines), (
            f"{where} ... {fragment}\n{result.output}"
        )


PLAYBOOK = 'playbook:\n  - {when: "queue >= 5", do: %s}\n'  # rule on line 19
CASES = {
    "unknown key, close match": (
        [("language: en", "languag: en")],
        "",
        [("hall.yaml:3 languag:", "did you mean 'language'?")],
    ),
    "unknown key, no match": (
        [],
        "colour: red\n",
        [("hall.yaml:18 colour:", "use one of: schema, name, language")],
    ),
    "unknown nested key": (
        [("kiosks: 2", "kiosk: 2")],
        "",
        [("hall.yaml:8 site.kiosk:", "did you mean 'kiosks'?")],
    ),
    "wrong type": (
        [("floor_area_m2: 200", "floor_area_m2: abc")],
        "",
        [("hall.yaml:6 site.floor_area_m2:", "must be a number, got 'abc'")],
    ),
    "bool is not a number": (
        [("share: 0.6", "share: true")],
        "",
        [("hall.yaml:16 demand.services[0].share:", "must be a number, got true")],
    ),
    "float is not a count": (
        [("count: 3", "count: 3.5")],
        "",
        [("hall.yaml:12 staff.counters[0].count:", "whole number, got 3.5")],
    ),
    "missing required key": (
        [("  floor_area_m2: 200\n", "")],
        "",
        [("hall.yaml:4 site.floor_area_m2:", "required")],
    ),
    "schema version": ([("schema: 1", "schema: 2")], "", [("hall.yaml:1 schema:", "schema 1")]),
    "negative rate": (
        [("per_hour: 60", "per_hour: -5")],
        "",
        [("hall.yaml:14 demand.arrivals[0].per_hour:", "at least 0, got -5")],
    ),
    "zero rates": (
        [("per_hour: 60", "per_hour: 0")],
        "",
        [("hall.yaml:14 demand.arrivals:", "nobody")],
    ),
    "shares do not sum to 1": (
        [("share: 0.4", "share: 0.3")],
        "",
        [("hall.yaml:15 demand.services:", "add up to 0.9, not 1")],
    ),
    "vip and vulnerable over 1": (
        [],
        "  vip_share: 0.6\n  vulnerable_share: 0.5\n",
        [("hall.yaml:19 demand.vulnerable_share:", "cannot exceed 1")],
    ),
    "duplicate service name": (
        [("name: open", "name: pay")],
        "",
        [("hall.yaml:17 demand.services[1].name:", "twice")],
    ),
    "narrow exit": (
        [("width_m: 1.8", "width_m: 0.3")],
        "",
        [("hall.yaml:7 site.exits[0].width_m:", "width − 0.3 m")],
    ),
    "close before open": (
        [('close: "17:00"', "close: 08:00")],
        "",
        [("hall.yaml:10 hours.close:", "later than open (09:00), got 08:00")],
    ),
    "bad clock": ([('open: "09:00"', "open: 9h")], "", [("hall.yaml:10 hours.open:", "HH:MM")]),
    # A bare number is not read as minutes (9 would be 00:09); only the problem itself shows.
    "number for a clock": (
        [('open: "09:00"', "open: 9")],
        "",
        [
            ("hall.yaml:10 hours.open:", '9 is not a clock time; write it as "HH:MM"'),
            ("1 problem found", "nothing was simulated"),
        ],
    ),
    "blocks out of order": (
        [('{from: "12:00", count: 2}', '{from: "09:00", count: 2}')],
        "",
        [("hall.yaml:12 staff.counters[1].from:", "time order")],
    ),
    "block outside hours": (
        [('{from: "12:00", count: 2}', '{from: "18:00", count: 2}')],
        "",
        [("hall.yaml:12 staff.counters[1].from:", "outside opening hours 09:00–17:00")],
    ),
    "first block after opening": (
        [('[{from: "09:00", per_hour', '[{from: "10:00", per_hour')],
        "",
        [("hall.yaml:14 demand.arrivals[0].from:", "when the hall opens (09:00)")],
    ),
    "last block without counters": (
        [("count: 2", "count: 0")],
        "",
        [("hall.yaml:12 staff.counters[1].count:", "never served")],
    ),
    "fast lane leaves no regular counter": (
        [("count: 2}]", "count: 2}]\n  fast_lane: 2")],
        "",
        [("hall.yaml:12 staff.counters[1].count:", "no regular counter")],
    ),
    "fast lane without quick services": (
        [("count: 2}]", "count: 2}]\n  fast_lane: 1"), (", quick: true", "")],
        "",
        [("hall.yaml:13 staff.fast_lane:", "no service has quick: true")],
    ),
    "unknown distribution": (
        [("dist: exponential", "dist: expo")],
        "",
        [("hall.yaml:16 demand.services[0].minutes.dist:", "did you mean 'exponential'?")],
    ),
    "missing distribution parameter": (
        [(", sd: 4", "")],
        "",
        [("hall.yaml:17 demand.services[1].minutes.sd:", "missing 'sd'")],
    ),
    "extra distribution parameter": (
        [("mean: 3}", "mean: 3, sd: 1}")],
        "",
        [("hall.yaml:16 demand.services[0].minutes.sd:", "unknown exponential parameter")],
    ),
    "bad distribution parameters": (
        [("{dist: exponential, mean: 3}", "{dist: uniform, low: 4, high: 2}")],
        "",
        [("hall.yaml:16 demand.services[0].minutes.high:", "greater than low")],
    ),
    "empty empirical": (
        [("{dist: exponential, mean: 3}", "{dist: empirical, values: [0, 0]}")],
        "",
        [("hall.yaml:16 demand.services[0].minutes.values:", "greater than 0")],
    ),
    "incident outside hours": (
        [],
        'incidents:\n  - {kind: fire, at: "18:00"}\n',
        [("hall.yaml:19 incidents[0].at:", "outside opening hours")],
    ),
    "surge ends before it starts": (
        [],
        'incidents:\n  - {kind: surge, from: "10:00", until: "09:30", factor: 2}\n',
        [("hall.yaml:19 incidents[0].until:", "later than from (10:00)")],
    ),
    "incident kind and keys": (
        [],
        'incidents:\n  - {kind: flood, at: "10:00"}\n  - {kind: surge, from: "10:00"}\n'
        '  - {kind: fire, at: "10:00", blocks_exit: dor, suppresed_prob: 1}\n'
        '  - {kind: system_outage, at: "10:00", scope: [pya],'
        "     duration_min: {dist: fixed, value: 5}}\n",
        [
            ("hall.yaml:19 incidents[0].kind:", "unknown incident kind 'flood'"),
            ("hall.yaml:20 incidents[1].until:", "required"),
            ("hall.yaml:20 incidents[1].factor:", "required"),
            ("hall.yaml:21 incidents[2].blocks_exit:", "did you mean 'door'?"),
            ("hall.yaml:21 incidents[2].suppresed_prob:", "did you mean 'suppressed_prob'?"),
            ("hall.yaml:22 incidents[3].scope:", "did you mean 'pay'?"),
        ],
    ),
    "bad when, quoted": (
        [],
        PLAYBOOK.replace("queue >= 5", "queue >> 5") % "stop_entry",
        [("hall.yaml:19:20 playbook[0].when:", "expected a number, found '>'")],
    ),
    "bad when, plain": (
        [],
        "playbook:\n  - when: queue >= 25 and\n    do: stop_entry\n",
        [("hall.yaml:19:26 playbook[0].when:", "a comparison is missing after and")],
    ),
    "unknown metric in when": (
        [],
        "playbook:\n  - {do: stop_entry, when: 'queue >= 1 or quue > 2'}\n",
        [("hall.yaml:19:43 playbook[0].when:", "unknown metric 'quue'")],
    ),
    "unknown action": (
        [],
        PLAYBOOK % "open_counter",
        [("hall.yaml:19 playbook[0].do:", "did you mean 'open_counters'?")],
    ),
    # The misspelt key is said once: not also as the required key it stands for.
    "unknown and missing action parameter": (
        [],
        PLAYBOOK % "open_counters, cnt: 2",
        [
            (
                "hall.yaml:19 playbook[0].cnt:",
                "unknown open_counters parameter 'cnt'; did you mean 'count'?",
            ),
            ("1 problem found", "nothing was simulated"),
        ],
    ),
    "action parameter values": (
        [("kiosks: 2", "kiosks: 0")],
        PLAYBOOK % "redirect, to: kiosks, share: 0" + PLAYBOOK[10:] % "call_emergency, number: 112",
        [
            ("hall.yaml:19 playbook[0].to:", "no kiosks"),
            ("hall.yaml:19 playbook[0].share:", "greater than 0"),
            ("hall.yaml:20 playbook[1].number:", "119 (fire)"),
        ],
    ),
    "redirect to an unknown neighbour": (
        [],
        PLAYBOOK % "redirect, to: wst, share: 0.2",
        [("hall.yaml:19 playbook[0].to:", "did you mean 'west'?")],
    ),
    "limits": (
        [],
        "limits:\n  abandon_rate: 2\n  wait_p99_min: 3\n",
        [
            ("hall.yaml:19 limits.abandon_rate:", "between 0 and 1, got 2"),
            ("hall.yaml:20 limits.wait_p99_min:", "did you mean 'wait_p90_min'?"),
        ],
    ),
    "broken variant": (
        [],
        "variants:\n  more: {staff: {fast_lane: -1}}\n  twice: 3\n  nested: {variants: {}}\n"
        "  bad:\n    demand:\n      services:\n"
        "        [{name: pay, share: 0.5, minutes: {dist: fixed, value: 1}}]\n",
        [
            ("hall.yaml:19 variants.more → staff.fast_lane:", "at least 0, got -1"),
            ("hall.yaml:20 variants.twice:", "must be a mapping"),
            ("hall.yaml:21 variants.nested.variants:", "cannot have variants"),
            ("hall.yaml:24 variants.bad → demand.services:", "add up to 0.5"),
        ],
    ),
    "variant setting what the base does not": (
        [],
        "variants:\n  kiosks: {demand: {kiosk_uptake: 0.6}}\n",
        [("hall.yaml:19 variants.kiosks → demand.kiosk_uptake:", "the base scenario does not set")],
    ),
    "duplicate keys": (
        [("  kiosks: 2\n", "  kiosks: 2\n  kiosks: 3\n")],
        "",
        [("hall.yaml:9 site.kiosks:", "duplicate key (first written on line 8)")],
    ),
    # Values that once crashed or hung a run (issue 15), now refused where they are written.
    "variant names that are one name": (
        [],
        'variants:\n  1: {staff: {guides: 1}}\n  "1": {staff: {guides: 2}}\n',
        [("hall.yaml:20 variants.1:", "the variant name 1 is already used at line 19")],
    ),
    "a gamma that does not vary": (
        [("{dist: lognormal, mean: 8, sd: 4}", "{dist: gamma, mean: 8, sd: 1.0e-300}")],
        "",
        [("hall.yaml:17 demand.services[1].minutes.sd:", "{dist: fixed, value: 8}")],
    ),
    "a lognormal spread a million times its mean": (
        [("{dist: lognormal, mean: 8, sd: 4}", "{dist: lognormal, mean: 1.0e-300, sd: 1.2}")],
        "",
        [("hall.yaml:17 demand.services[1].minutes.sd:", "over a million times the mean")],
    ),
    "parentheses 400 deep": (
        [],
        'playbook: [{when: "' + "(" * 400 + "queue >= 5" + ")" * 400 + '", do: escalate}]\n',
        [("hall.yaml:18:", "parentheses nest too deeply (20 at the most)")],
    ),
    "a service name with a line break": (
        [("{name: pay,", '{name: "pay\\nday",')],
        "",
        [("hall.yaml:16 demand.services[0].name:", "must be one line")],
    ),
    "a service name with a carriage return": (
        [("{name: pay,", '{name: "pay\\rday",')],
        "",
        [("hall.yaml:16 demand.services[0].name:", "must be one line")],
    ),
    "a plan name with a carriage return": (
        [],
        'variants:\n  "two\\rlines": {}\n',
        [("hall.yaml:19 variants.'two\\rlines':", "must be one line")],
    ),
    "a plan name with a line break": (
        [],
        'variants:\n  "two\\nlines": {}\n',
        [("hall.yaml:19 variants.'two\\nlines':", "must be one line")],
    ),
    "a floor of 1e-300 m²": (
        [("floor_area_m2: 200", "floor_area_m2: 1.0e-300")],
        "",
        [("hall.yaml:6 site.floor_area_m2:", "at least 1, got 1e-300")],
    ),
}


@pytest.mark.parametrize(("edits", "extra", "expected"), CASES.values(), ids=CASES.keys())
def test_validate_reports_each_problem_at_file_line_and_key(
    tmp_path, monkeypatch, edits, extra, expected
):
    assert_problems(validate(tmp_path, monkeypatch, scenario(*edits, extra=extra)), *expected)


def test_several_problems_are_reported_together(tmp_path, monkeypatch):
    text = scenario(
        ("language: en", "languag: en"),
        ("floor_area_m2: 200", "floor_area_m2: -1"),
        ("share: 0.4", "share: 0.3"),
        extra=PLAYBOOK % "open_counter",
    )
    result = validate(tmp_path, monkeypatch, text)
    assert_problems(
        result,
        ("hall.yaml:3 languag:", "did you mean"),
        ("hall.yaml:6 site.floor_area_m2:", "must be at least 1, got -1"),
        ("hall.yaml:15 demand.services:", "add up to 0.9"),
        ("hall.yaml:19 playbook[0].do:", "did you mean"),
    )
    assert "4 problems found" in result.output


def test_a_variant_does_not_repeat_the_problems_of_the_base(tmp_path, monkeypatch):
    text = scenario(("share: 0.4", "share: 0.3"), extra="variants:\n  same: {}\n")
    result = validate(tmp_path, monkeypatch, text)
    assert_problems(result, ("hall.yaml:15 demand.services:", "add up to 0.9"))
    assert "variants.same" not in result.output and "1 problem found" in result.output


@pytest.mark.parametrize(
    ("content", "expected", "footer"),
    [
        # A file that cannot be parsed is answered in the language it asks for, else Chinese.
        ("", ("hall.yaml:", "文件是空的"), "共发现 1 个问题；未进行模拟。"),
        (
            "language: en\na: [1, 2\nb: 3\n",
            ("hall.yaml:3:2:", "not valid YAML"),
            "1 problem found; nothing was simulated.",
        ),
        ("- a\n- b\n", ("hall.yaml:1:", "最外层必须是"), "共发现 1 个问题"),
        (
            "languag: en\n- b\n",  # misspelt, as the loader tolerates it
            ("hall.yaml:2:1:", "not valid YAML"),
            "1 problem found",
        ),
        # Undecodable bytes have no language to read: both are given.
        (
            b"name: \xff\xfe\n",
            ("hall.yaml:1:", "不是 UTF-8 文本（字节 0xff）；请另存为 UTF-8 编码 (is not UTF-8"),
            "共发现 1 个问题；未进行模拟。 1 problem found; nothing was simulated.",
        ),
    ],
    ids=["empty", "not YAML", "not a mapping", "misspelt language", "not UTF-8"],
)
def test_file_level_problems(tmp_path, monkeypatch, content, expected, footer):
    result = validate(tmp_path, monkeypatch, content)
    assert_problems(result, expected)
    assert result.output.splitlines()[-1] == footer or footer in result.output


def test_missing_file_and_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_problems(
        CliRunner().invoke(cli, ["validate", "nowhere.yaml"]),
        ("nowhere.yaml:", "找不到该文件 (no such file)"),
    )
    with pytest.raises(ScenarioError, match=r"是一个文件夹，不是场景文件 \(is a directory"):
        load_scenario(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would block for ever
    with pytest.raises(ScenarioError, match=r"不是普通文件（是管道或设备）"):
        load_scenario(tmp_path / "pipe.yaml")
    (tmp_path / "big.yaml").write_bytes(b"a: " + b"x" * 2_000_001)
    with pytest.raises(ScenarioError, match=r"文件过大（超过 2,000 kB）"):
        load_scenario(tmp_path / "big.yaml")


FULL = """\
schema: 1
name: 促销日 — 城东营业厅
site:
  name: 城东营业厅
  location: 城东路 12 号
  floor_area_m2: 240
  exits: [{name: 正门, width_m: 1.8}, {name: 消防通道, width_m: 1.0, distance_m: 25}]
  kiosks: 4
  neighbors: [{name: 城西营业厅, travel_min: 15, accepts_share: 0.3}]
hours: {open: 09:00, close: 17:00}
staff:
  counters: [{from: 09:00, count: 5}, {from: "12:00", count: 4}]
  fast_lane: 0
  guides: 2
  security: 1
  reserve: {count: 3, call_in_min: 40}
demand:
  arrivals: [{from: "09:00", per_hour: 60}, {from: "11:00", per_hour: 90}]
  services:
    - name: 缴费
      share: 0.55
      minutes: {dist: lognormal, mean: 3, sd: 1.5}
      kiosk: true
      quick: true
    - {name: 套餐变更, share: 0.30, minutes: {dist: gamma, mean: 8, sd: 4}}
    - {name: 新装开户, share: 0.15, minutes: {dist: triangular, low: 5, mode: 12, high: 30}}
  vip_share: 0.05
  vulnerable_share: 0.10
  patience_min: {dist: exponential, mean: 30}
  balk_at_queue: 60
incidents:
  - {kind: surge, from: "10:00", until: "17:00", factor: 2.0}
  - kind: system_outage
    at: "11:30"
    scope: [缴费]
    duration_min: {dist: lognormal, mean: 45, sd: 20}
  - {kind: power_outage, at: "14:00", duration_min: {dist: fixed, value: 20}, generator_min: 5}
  - {kind: illness, at: "13:00", duration_min: {dist: uniform, low: 10, high: 20},
     takes: {guides: 1}}
  - {kind: fire, at: "15:00", suppressed_prob: 0.6, blocks_exit: 正门, evacuate: true, note: 演练}
  - {kind: earthquake, at: "16:00", shaking_s: {dist: empirical, values: [10, 20, 30]}}
playbook:
  - {when: "queue >= 25", do: open_counters, count: 2, cooldown_min: 30, note: 增加营业台席}
  - {when: "queue >= 40 and time >= 12:00", do: redirect, to: kiosks, share: 0.2}
  - {when: "outage_min >= 30", do: escalate, to: 中心综合组, response_min: {dist: fixed, value: 10}}
  - {when: "density > 3", do: call_emergency, number: 119}
  - {when: "in_hall > 100", do: open_fast_lane}
limits:
  abandon_rate: 0.05
  density_per_m2: 2.0
  served_within_limit_share: 0.8
  target_share: 0.95
variants:
  fast_lane: {staff: {fast_lane: 1}}
  more: {staff: {counters: [{from: "09:00", count: 7}]}, demand: {patience_min: null}}
"""


def test_full_scenario_loads_into_the_expected_models(tmp_path):
    path = tmp_path / "promotion.yaml"
    path.write_text(FULL, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.source == str(path)
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert loaded.language == "zh" and loaded.site.location == "城东路 12 号"
    assert [e.distance_m for e in loaded.site.exits] == [None, 25.0]
    assert (loaded.hours.open_min, loaded.hours.close_min) == (540.0, 1020.0)
    assert [(b.start_min, b.count) for b in loaded.staff.counters] == [(540.0, 5), (720.0, 4)]
    assert (loaded.staff.reserve.count, loaded.staff.reserve.call_in_min) == (3, 40.0)
    assert [(b.start_min, b.per_hour) for b in loaded.demand.arrivals] == [(540, 60), (660, 90)]
    first, second, third = loaded.demand.services
    assert first.minutes == Lognormal(mean=3.0, sd=1.5)
    assert first.kiosk and first.quick and not second.kiosk and not second.quick
    assert third.minutes == Triangular(low=5.0, mode=12.0, high=30.0)
    assert loaded.demand.patience_min == Exponential(mean=30.0)
    assert (loaded.demand.balk_at_queue, loaded.demand.kiosk_uptake) == (60, 0.5)

    surge, outage, power, illness, fire, quake = loaded.incidents
    assert (surge.start_min, surge.end_min, surge.factor) == (600.0, 1020.0, 2.0)
    assert outage.scope == ("缴费",) and outage.end_min is None
    assert (power.duration_min, power.generator_min) == (Fixed(value=20.0), 5.0)
    assert illness.takes.counts() == {"guides": 1}
    assert (fire.suppressed_prob, fire.blocks_exit, fire.evacuate, fire.note) == (
        0.6,
        "正门",
        True,
        "演练",
    )
    assert (fire.alarm, fire.cuts_power) == ("after_suppression", True)  # the defaults
    assert quake.shaking_s.values == (10.0, 20.0, 30.0)

    rules = loaded.playbook
    assert [rule.action for rule in rules] == [
        "open_counters",
        "redirect",
        "escalate",
        "call_emergency",
        "open_fast_lane",
    ]
    assert rules[0].count == 2 and rules[0].cooldown_min == 30.0
    assert rules[0].note == "增加营业台席" and rules[1].note == ""
    assert rules[1].when == "queue >= 40 and time >= 12:00"
    assert rules[1].condition.evaluate({"queue": 50, "time": 730}) is True
    assert (rules[1].to, rules[1].share) == ("kiosks", 0.2)
    assert rules[2].response_min == Fixed(value=10.0)
    assert rules[4].count == 1  # its default

    limits = loaded.limits
    assert [(x.name, x.metric, x.threshold, x.direction) for x in limits.items] == [
        ("wait_p90_min", "wait_p90_min", 20.0, "max"),
        ("abandon_rate", "abandon_rate", 0.05, "max"),
        ("density_per_m2", "peak_density_per_m2", 2.0, "max"),
        ("served_within_limit_share", "served_within_limit_share", 0.8, "min"),
    ]
    assert (limits.target_share, limits.wait_min, limits.vulnerable_wait_min) == (0.95, 20.0, None)


def test_variants_merge_onto_the_base(tmp_path):
    loaded = load_scenario_text(FULL, "promotion.yaml")
    assert set(loaded.variants) == {"fast_lane", "more"}
    fast = loaded.variants["fast_lane"]
    assert fast.staff.fast_lane == 1 and fast.staff.guides == 2  # mappings merge
    assert fast.staff.counters == loaded.staff.counters
    more = loaded.variants["more"]
    assert [(b.start_min, b.count) for b in more.staff.counters] == [(540.0, 7)]  # lists replace
    assert more.demand.patience_min is None  # null switches an option back to its default
    assert more.variants == {} and more.source == "promotion.yaml"
    assert more.sha256 == loaded.sha256 == hashlib.sha256(FULL.encode()).hexdigest()


def test_minimal_scenario_gets_the_documented_defaults():
    loaded = load_scenario_text(MINIMAL.replace("language: en\n", ""))
    assert loaded.language == "zh" and loaded.source == "<text>"
    assert (loaded.staff.fast_lane, loaded.staff.guides, loaded.staff.security) == (0, 0, 0)
    assert (loaded.staff.reserve.count, loaded.staff.reserve.call_in_min) == (0, 0.0)
    demand = loaded.demand
    assert (demand.vip_share, demand.vulnerable_share, demand.kiosk_uptake) == (0.0, 0.0, 0.5)
    assert demand.patience_min is None and demand.balk_at_queue is None
    assert loaded.incidents == () and loaded.playbook == () and loaded.variants == {}
    assert [(x.name, x.threshold) for x in loaded.limits.items] == [("wait_p90_min", 20.0)]
    assert loaded.limits.wait_min == 20.0 and loaded.limits.target_share == 0.9


def test_limits_keep_file_order_and_wait_limit():
    text = scenario(extra="limits:\n  abandon_rate: 0.1\n  wait_p90_min: 15\n")
    loaded = load_scenario_text(text)
    assert [x.name for x in loaded.limits.items] == ["abandon_rate", "wait_p90_min"]
    assert loaded.limits.wait_min == 15.0


def test_validate_says_ok(tmp_path, monkeypatch):
    result = validate(tmp_path, monkeypatch, MINIMAL)
    assert result.exit_code == 0 and "hall.yaml: OK" in result.output


def test_problems_name_the_file_as_given(tmp_path):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "x.yaml"
    path.write_text(scenario(("schema: 1", "schema: one")), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(Path(str(path)))
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.key) == (str(path), 1, "schema")


def test_a_block_cannot_staff_more_counters_than_the_hall_has(tmp_path, monkeypatch):
    content = MINIMAL.replace("floor_area_m2:", "counters: 2\n  floor_area_m2:")
    result = validate(tmp_path, monkeypatch, content)
    assert result.exit_code == 2
    assert "the hall has only 2 counters (site.counters)" in result.output


def test_incident_start_delay_and_emergency_response_are_read():
    content = MINIMAL + (
        "incidents:\n"
        "  - {kind: system_outage, at: '10:00', duration_min: {dist: fixed, value: 30},\n"
        "     start_delay_min: {dist: uniform, low: 0, high: 45}}\n"
        "playbook:\n"
        "  - {when: 'density > 1', do: call_emergency, number: 120,\n"
        "     response_min: {dist: lognormal, mean: 12, sd: 4}}\n"
    )
    loaded = load_scenario_text(content, "hall.yaml")
    (incident,) = loaded.incidents
    assert incident.start_delay_min == Uniform(low=0.0, high=45.0)
    (call,) = loaded.playbook
    assert call.response_min == Lognormal(mean=12.0, sd=4.0)


def test_friendly_readings_and_hints_for_common_slips(tmp_path, monkeypatch):
    fullwidth = MINIMAL.replace('open: "09:00"', 'open: "０９：００"')
    assert load_scenario_text(fullwidth, "hall.yaml").hours.open_min == 540.0
    percent = validate(tmp_path, monkeypatch, MINIMAL.replace("share: 0.6", "share: 60%"))
    assert "got '60%' (write a share as a decimal: 55% is 0.55)" in percent.output
    tabs = validate(tmp_path, monkeypatch, MINIMAL.replace("  name: hall", "\tname: hall"))
    assert tabs.exit_code == 2 and "indent with spaces, not tabs" in tabs.output


@pytest.mark.parametrize(
    ("edits", "extra", "expected"),
    [
        # The Python names of the keys are not file keys: the file is told the right one.
        ([('hours: {open: "09:00"', 'hours: {open_min: "09:00"')], "", "did you mean 'open'?"),
        # YAML 1.1's yes/no/on are text here, not booleans.
        ([("quick: true", "quick: yes")], "", "must be true or false, got 'yes'"),
        ([("dist: exponential", "dist: null")], "", "minutes.dist: needs a value"),
        ([("  kiosks: 2", "  kiosks: 2\n  ~: 3")], "", "a key must be a word, got nothing"),
        ([("mean: 3}", "mean: 1e12}")], "", "must be at most 10,000, got 1e+12"),
        ([("floor_area_m2: 200", "floor_area_m2: 1e308")], "", "at most 1,000,000"),
        ([("{dist: exponential, mean: 3}", "{dist: fixed, value: 0}")], "", "more than 0 min"),
        ([("kiosks: 2", "kiosks: null")], PLAYBOOK_REDIRECT, "the site has no kiosks"),
        # Chinese for a kind, an action or a distribution finds its English name.
        ([("dist: exponential", "dist: 正态")], "", "did you mean 'normal'?"),
        ([], PLAYBOOK % "增开窗口", "did you mean 'open_counters'?"),
        # A misspelt name gets no hint about commas; a Chinese key does (it is split text).
        (
            [],
            "incidents: [{kind: 客流高峰期, from: '10:00', until: '11:00', factor: 2}]\n",
            "surge",
        ),
    ],
    ids=[
        "python name",
        "yes",
        "null dist",
        "null key",
        "huge mean",
        "huge area",
        "zero service",
        "null kiosks",
        "zh distribution",
        "zh action",
        "zh kind",
    ],
)
def test_slips_people_make_are_named_and_explained(tmp_path, monkeypatch, edits, extra, expected):
    result = validate(tmp_path, monkeypatch, scenario(*edits, extra=extra))
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output and "{...}" not in result.output


def test_a_rule_with_an_unknown_action_still_has_its_condition_checked(tmp_path, monkeypatch):
    text = scenario(extra='playbook:\n  - {when: "queue >= 20人", do: escalat, to: 行长}\n')
    result = validate(tmp_path, monkeypatch, text)
    assert_problems(
        result,
        ("hall.yaml:19 playbook[0].do:", "did you mean 'escalate'?"),
        ("hall.yaml:19:", "write the number without a unit"),
        ("2 problems found", "nothing was simulated"),
    )


def test_a_misspelt_key_is_said_once_not_also_as_a_missing_one(tmp_path, monkeypatch):
    result = validate(tmp_path, monkeypatch, scenario(("  counters:", "  counter:")))
    assert_problems(
        result,
        ("hall.yaml:12 staff.counter:", "did you mean 'counters'?"),
        ("1 problem found", "nothing was simulated"),
    )
    colon = validate(
        tmp_path, monkeypatch, scenario(('hours: {open: "09:00"', 'hours: {open： "09:00"'))
    )
    assert_problems(
        colon, ("hall.yaml:10 hours.open：", "full-width '：', '，' or space; write ':'")
    )
    assert "1 problem found" in colon.output


def test_a_variant_typo_is_said_once(tmp_path, monkeypatch):
    text = scenario(extra="variants:\n  more: {demand: {kiosk_uptak: 0.9}}\n")
    result = validate(tmp_path, monkeypatch, text)
    said = [line for line in result.output.splitlines() if "kiosk_uptak'" in line]
    assert len(said) == 1 and "did you mean 'kiosk_uptake'" in said[0]


def test_lists_nested_hundreds_deep_are_bad_input_not_a_crash(tmp_path, monkeypatch):
    deep = "[" * 600 + "]" * 600
    result = validate(tmp_path, monkeypatch, scenario(("kiosks: 2", f"kiosks: {deep}")))
    assert_problems(result, ("hall.yaml:", "nest too deeply"))


def test_a_walking_speed_that_can_be_zero_is_refused(tmp_path, monkeypatch):
    extra = "egress: {speed_mps: {dist: empirical, values: [0, 1.2]}}\n"
    result = validate(tmp_path, monkeypatch, scenario(extra=extra))
    assert_problems(result, ("hall.yaml:18 egress.speed_mps:", "its least value too"))


def test_a_comma_inside_chinese_text_gets_explained(tmp_path, monkeypatch):
    content = (
        MINIMAL
        + 'playbook: [{when: "queue >= 5", do: notify_customers, note: 安抚客户, 引导排队}]\n'
    )
    result = validate(tmp_path, monkeypatch, content)
    assert result.exit_code == 2
    assert "unknown notify_customers parameter '引导排队'" in result.output
    assert "write ， or 、 in Chinese text" in result.output


SHIPPED = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))
BEFORE = Path(__file__).parent / "golden" / "scenarios"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_scenario_loads_to_what_the_hand_written_loader_built(path):
    expected = json.loads((BEFORE / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(canonical(load_scenario(path)))) == expected


def test_the_full_scenario_loads_to_what_the_hand_written_loader_built():
    expected = json.loads((BEFORE / "test_load_full.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(canonical(load_scenario_text(FULL)))) == expected


def test_a_problem_in_the_only_exit_does_not_also_make_the_list_empty(tmp_path, monkeypatch):
    # pydantic counts the items that validated, so the list of one broken exit is "too short".
    result = validate(tmp_path, monkeypatch, scenario(("width_m: 1.8}", "width_m: wide}")))
    assert_problems(result, ("hall.yaml:7 site.exits[0].width_m:", "number"))
    assert "1 problem found" in result.output
    assert "at least one" not in result.output
    empty = validate(
        tmp_path, monkeypatch, scenario(("exits: [{name: door, width_m: 1.8}]", "exits: []"))
    )
    assert "site.exits: must list at least one entry" in empty.output
