"""The ``when:`` mini-language: parsing, precedence, evaluation and column-exact errors."""

import pytest

from simulator.model.conditions import (
    AllOf,
    AnyOf,
    Compare,
    ConditionSyntaxError,
    metrics_of,
    parse_condition,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("queue >= 25", Compare("queue", ">=", 25.0)),
        ("  density>2.5 ", Compare("density", ">", 2.5)),
        ("time >= 12:00", Compare("time", ">=", 720.0)),
        ("power_out == 1", Compare("power_out", "==", 1.0)),
        (
            "queue >= 25 and in_hall > 80 or outage_min >= 30",
            AnyOf(
                (
                    AllOf((Compare("queue", ">=", 25.0), Compare("in_hall", ">", 80.0))),
                    Compare("outage_min", ">=", 30.0),
                )
            ),
        ),
        (
            "queue >= 25 and (in_hall > 80 or outage_min >= 30)",
            AllOf(
                (
                    Compare("queue", ">=", 25.0),
                    AnyOf((Compare("in_hall", ">", 80.0), Compare("outage_min", ">=", 30.0))),
                )
            ),
        ),
    ],
)
def test_conditions_parse_with_and_binding_tighter_than_or(text, expected):
    assert parse_condition(text) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"queue": 30, "in_hall": 10, "outage_min": 0}, False),
        ({"queue": 30, "in_hall": 90, "outage_min": 0}, True),
        ({"queue": 0, "in_hall": 0, "outage_min": 30}, True),
    ],
)
def test_conditions_evaluate_against_live_state(state, expected):
    condition = parse_condition("queue >= 25 and in_hall > 80 or outage_min >= 30")
    assert condition.evaluate(state) is expected


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("", 1, "empty"),
        ("queue >> 25", 8, "expected a number"),
        ("queue >= 25 and", 16, "expected a metric"),
        ("queu >= 25", 1, "unknown metric"),
        ("queue 25", 7, "expected one of"),
        ("queue >= 25 in_hall > 3", 13, "join conditions"),
        ("queue >= 2$", 11, "unexpected character"),
        ("(queue >= 2", 12, "expected ')'"),
        ("time >= 12", 9, "clock time"),
        ("time >= 25:00", 9, "not a clock time"),
    ],
)
def test_syntax_errors_name_the_column(text, column, fragment):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    assert caught.value.column == column and fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "column", "code", "hint"),
    [
        ("排队 >= 20", 1, "character", "chinese"),
        ("queue >= 20人", 12, "character", "unit"),
        ("queue >= 50%", 12, "character", "unit"),
        ("queue ≥ 20", 7, "character", "symbol"),
        ("queue = 20", 7, "character", "symbol"),
        ("queue >= 2 和 density > 1", 12, "character", "join"),  # 且 is "and"; 和 is not
        ("wait_p90 >= 25", 1, "unknown_metric_close", None),
    ],
)
def test_a_slip_gets_a_code_and_hint_the_message_can_explain(text, column, code, hint):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    error = caught.value
    assert (error.column, error.code, error.details.get("hint")) == (column, code, hint)
    if code == "unknown_metric_close":
        assert error.details["close"] == "'wait_p90_recent'"


def test_full_width_operators_digits_and_colons_read_as_typed_by_a_chinese_ime():
    assert parse_condition("outage_min ＞＝ １０") == Compare("outage_min", ">=", 10.0)
    assert parse_condition("time >= 12：00") == Compare("time", ">=", 720.0)
    with pytest.raises(ConditionSyntaxError) as caught:  # columns still count as written
        parse_condition("ｑｕｅｕｅ ＞＝ 2$")
    assert caught.value.column == 11


def test_metrics_of_lists_every_metric_a_condition_reads():
    condition = parse_condition("queue >= 5 and (time >= 12:00 or wait_p90_recent > 20)")
    assert metrics_of(condition) == {"queue", "time", "wait_p90_recent"}
