"""What a comparison shows: side effects, cost and every limit's verdict beside the ranking."""

from types import SimpleNamespace

import numpy as np

from simulator.analysis.compare import (
    LIMITS_THEN_COST,
    LIMITS_THEN_RSET,
    RANKABLE,
    Arm,
    Comparison,
    default_ranking,
    run_comparison,
)
from simulator.i18n import render
from simulator.metrics import metric_names
from simulator.metrics.statistics import t_test_p
from simulator.model.scenario import Limit, Reserve, Service
from simulator.model.staff import HourlyCost
from simulator.report.comparison import comparison_table
from simulator.report.plan_charts import BREAKS, comparison_chart, pareto_front
from simulator.report.plan_sections import comparison_section
from simulator.report.text import display_width
from simulator.rundir.comparison import comparison_dict
from simulator.runner import RunResult
from tests.factory import emergency, exponential, hall, rule

# A busy hall, and a variant whose customers walk out at a queue of 3: shorter waits, bought by
# turning people away, which breaks the balk_rate limit the base holds.
BASE = hall(
    per_min=2.2,
    counters=2,
    limits=(Limit("balk_rate", "balk_rate", 0.02, "max"),),
)
WALK_OUT = BASE.with_changes(demand=BASE.demand.model_copy(update={"balk_at_queue": 3}))


def compared():
    comparison = run_comparison(
        [("base", BASE), ("门口劝离", WALK_OUT)], 12, seed=2, by="wait_p90_min"
    )
    return comparison, comparison_dict(comparison)


def test_a_plan_that_wins_by_breaking_a_limit_the_base_holds_is_flagged_with_its_cost():
    comparison, data = compared()
    assert comparison.ranking()[0].name == "门口劝离"  # it "wins" on waits ...
    base, variant = data["arms"]
    assert base["breaks"] == [] and variant["breaks"] == ["balk_rate"]
    verdicts = {limit["name"]: limit["held"] for limit in variant["limits"]}
    assert verdicts == {"wait_p90_min": True, "balk_rate": False}
    table = comparison_table(data)
    assert "⚠ breaks balk_rate (the base holds it)" in table
    # ... and the walk-outs and the limit appear beside the waits.
    assert "balk_rate" in [line.split()[0] for line in table.splitlines() if line.strip()]
    assert any(line.startswith("balk_rate ≤ 0.02") and "NOT" in line for line in table.splitlines())


def test_the_brief_sets_each_plans_side_effects_and_verdicts_beside_the_base():
    _, data = compared()
    section = comparison_section(data, "zh")
    assert section is not None
    assert section["columns"] == ["基准方案", "门口劝离"]
    effects = {row["metric"]: row["cells"] for row in section["effects"]}
    base_cell, variant_cell = effects["进门即离开比例"]
    assert base_cell == "0.0%" and variant_cell.startswith(("1", "2", "3", "4", "5", "6", "7"))
    limits = {row["limit"]: row["cells"] for row in section["limits"]}
    assert limits["进门即离开比例 ≤ 2%"][0].startswith("达标")
    assert limits["进门即离开比例 ≤ 2%"][1].startswith("未达标")
    assert section["breaks"] == [
        "注意：方案“门口劝离”未能保持基准方案已达标的限值：进门即离开比例 ≤ 2%"
    ]


def test_by_default_a_plan_breaking_a_limit_the_base_holds_never_comes_first():
    comparison = run_comparison([("base", BASE), ("门口劝离", WALK_OUT)], 12, seed=2, by=None)
    assert (comparison.rule, comparison.by) == (LIMITS_THEN_COST, "staff_hours")
    assert [arm.name for arm in comparison.ranking()] == ["base", "门口劝离"]
    table = comparison_table(comparison_dict(comparison))
    assert table.splitlines()[0].startswith("ranked by limits held first, then staff_hours")


def test_a_scenario_that_evacuates_is_ranked_by_rset_after_the_limits():
    fire = BASE.with_changes(incidents=(emergency("fire", 120),))
    assert default_ranking([("base", fire)]) == (LIMITS_THEN_RSET, "evacuation_s")
    priced = BASE.with_changes(
        staff=BASE.staff.model_copy(update={"cost_per_hour": HourlyCost(counters=50)})
    )
    assert default_ranking([("base", priced)]) == (LIMITS_THEN_COST, "staff_cost")


def test_a_variant_that_cannot_act_says_why_and_what_would_help():
    # More reserve staff in a hall whose every counter position is staffed changes nothing:
    # the comparison says so instead of showing +0.00 everywhere.
    full = BASE.with_changes(
        site=BASE.site.model_copy(update={"counters": 2}),
        playbook=(rule("queue >= 5", "open_counters", count=1, cooldown_min=30),),
    )
    more_reserve = full.with_changes(
        staff=full.staff.model_copy(update={"reserve": Reserve(count=3, call_in_min=5)})
    )
    comparison = run_comparison([("base", full), ("多备用", more_reserve)], 6, seed=2, by=None)
    data = comparison_dict(comparison)
    (entry, *_) = data["arms"][1]["unable"]
    assert (entry["action"], entry["reason"]) == ("open_counters", "no_free_counter")
    assert entry["times"] >= 6
    assert "every counter position was staffed: more positions (site.counters)" in (
        comparison_table(data)
    )
    section = comparison_section(data, "zh")
    assert section is not None
    assert any(
        line.startswith("多备用：“增开台席”有")
        and "台席已全部开放，增加备用人员无济于事，需增加台席位置" in line
        for line in section["unable"]
    )


def test_the_comparison_chart_marks_in_red_a_plan_that_breaks_a_limit_the_base_holds():
    _, data = compared()
    run = SimpleNamespace(comparison=data)
    figure = comparison_chart(
        run,  # type: ignore[arg-type]
        lambda key, **args: render(key, "en", **args),
        "en",
        lambda name, _fallback: name,
    )
    assert figure is not None
    (axis,) = figure.axes
    colours = {label.get_text(): label.get_color() for label in axis.get_yticklabels()}
    assert colours == {"门口劝离": BREAKS}
    legend = [text.get_text() for text in axis.get_legend().get_texts()]
    assert "breaks a limit the base holds" in legend


def test_a_fast_lane_variant_shows_the_quick_and_the_other_waits_moving_apart():
    services = [
        Service(name="缴费", share=0.5, minutes=exponential(0.5), quick=True),
        Service(name="开户", share=0.5, minutes=exponential(1.5)),
    ]
    base = hall(per_min=2.4, counters=3, services=services)
    fast = base.with_changes(staff=base.staff.model_copy(update={"fast_lane": 1}))
    comparison = run_comparison([("base", base), ("快速窗口", fast)], 20, seed=4, by=None)
    data = comparison_dict(comparison)
    change = data["arms"][1]["differences"]
    assert change["wait_p90_min_quick"]["mean"] < 0 < change["wait_p90_min_other"]["mean"]
    assert change["wait_p90_min_quick"]["significant"]
    assert change["wait_p90_min_other"]["significant"]
    rows = [line.split()[0] for line in comparison_table(data).splitlines() if line.strip()]
    assert {"wait_p90_min_quick", "wait_p90_min_other"} <= set(rows)


def test_columns_are_as_wide_as_long_service_and_plan_names():
    long_name = "个人住房贷款提前还款与抵押登记"  # 15 characters, 30 terminal columns
    services = [
        Service(name=long_name, share=0.5, minutes=exponential(1.0)),
        Service(name="缴费", share=0.5, minutes=exponential(1.0)),
    ]
    base = hall(per_min=1.5, counters=2, services=services)
    wider = base.with_changes(staff=base.staff.model_copy(update={"fast_lane": 0}))
    plan = "午间高峰加开一个窗口的方案"  # 26 columns, past the 18 of a cell
    comparison = run_comparison([("base", base), (plan, wider)], 4, seed=1, by="wait_p90_min")
    lines = comparison_table(comparison_dict(comparison)).splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("metric"))
    block = lines[start : lines.index("", start)]
    assert any(f"wait_p90_min[{long_name}]" in line for line in block)
    # Every row's value starts in the column of the plan's name in the header: no row is pushed.
    column = display_width(block[0][: block[0].index(plan)])
    for line in block[1:]:
        _name, rest = line.split(maxsplit=1)
        assert display_width(line[: len(line) - len(rest)]) == column, line
    assert column > display_width(f"wait_p90_min[{long_name}]")


def test_the_best_buy_front_keeps_only_plans_no_other_beats_on_cost_and_effect():
    # (cost, wait): the third is dearer and slower than the first; the last ties the second.
    points = [(100.0, 12.0), (120.0, 7.0), (130.0, 13.0), (90.0, 15.0), (120.0, 7.0)]
    assert pareto_front(points) == [3, 0, 1, 4]


def arm_with(name, **columns):
    """Return an arm whose days have these metric values (the others 0)."""
    days = len(next(iter(columns.values())))
    values = {metric: [0.0] * days for metric in metric_names(BASE)}
    values.update(columns)
    return Arm(name, RunResult(BASE, 1, np.zeros(1), values, {}))


def test_a_cost_difference_that_is_not_significant_counts_as_none_and_the_wait_decides():
    cheaper_by_luck = [100.4, 99.2, 100.9, 99.1, 100.3, 99.8, 100.2, 99.6]
    comparison = Comparison(
        (
            arm_with("base", staff_hours=[100.0] * 8, wait_p90_min=[12.0] * 8),
            arm_with("luck", staff_hours=cheaper_by_luck, wait_p90_min=[14.0] * 8),
            arm_with("faster", staff_hours=[100.0] * 8, wait_p90_min=[9.0] * 8),
        ),
        "staff_hours",
        None,
        None,
        False,
        LIMITS_THEN_COST,
    )
    assert not comparison.difference(comparison.arms[1], "staff_hours").significant
    assert [arm.name for arm in comparison.ranking()] == ["faster", "base", "luck"]


def test_a_plan_that_evacuates_less_often_is_not_ranked_on_other_days_than_the_base():
    nan = float("nan")
    comparison = Comparison(
        (
            # Evacuated on half the days, RSET > ASET on one of them.
            arm_with(
                "base",
                rset_exceeds_aset=[1.0, 0.0, nan, nan],
                past_aset_day_share=[1.0, 0.0, 0.0, 0.0],
                evacuation_s=[300.0, 200.0, nan, nan],
            ),
            # Never evacuates (staff put every fire out): nobody ever left inside past ASET.
            arm_with(
                "put out",
                rset_exceeds_aset=[nan] * 4,
                past_aset_day_share=[0.0] * 4,
                evacuation_s=[nan] * 4,
            ),
        ),
        "evacuation_s",
        None,
        None,
        False,
        LIMITS_THEN_RSET,
    )
    assert [arm.name for arm in comparison.ranking()] == ["put out", "base"]


def test_holm_keeps_a_real_gain_and_clears_an_identical_plan():
    comparison = run_comparison(
        [("base", BASE), ("same", BASE), ("门口劝离", WALK_OUT)], 12, seed=2, by="wait_p90_min"
    )
    data = comparison_dict(comparison)
    same, walk_out = data["arms"][1]["differences"], data["arms"][2]["differences"]
    assert not any(entry["significant_holm"] for entry in same.values())
    assert walk_out["balk_rate"]["significant_holm"]
    # Holm never calls significant what the plain interval does not.
    for arm in data["arms"][1:]:
        for entry in arm["differences"].values():
            assert entry["significant"] or not entry["significant_holm"]
    # A plan identical to the base adds no test to the family: its differences are 0 every day.
    assert 0 < data["comparisons"] < len(RANKABLE)


def test_the_holm_star_never_contradicts_the_interval_and_spares_the_ranking_metric():
    # Left-skewed differences over 12 days: the t test's p is 0.0002, but the bootstrap-t
    # interval reaches below 0, so the difference is not significant, and Holm may not call it
    # so either.
    skewed = [1.67, 1.49, 1.88, 1.82, 1.29, -0.14, 0.2, 1.51, 1.95, 1.75, 1.6, -0.2]
    clear = [5.0 + 0.1 * day for day in range(12)]
    comparison = Comparison(
        (
            arm_with("base", wait_mean_min=[0.0] * 12, wait_p90_min=[0.0] * 12),
            arm_with("plan", wait_mean_min=skewed, wait_p90_min=clear),
        ),
        "wait_p90_min",
        None,
        None,
        False,
    )
    corrected, family = comparison.holm_family
    assert t_test_p(np.array(skewed)) < 0.001
    assert not comparison.difference(comparison.arms[1], "wait_mean_min").significant
    assert corrected[("plan", "wait_mean_min")] is False
    # The ranking metric is outside the family (judged by its own interval): m counts only the
    # other testable metrics, here wait_mean_min alone.
    assert corrected[("plan", "wait_p90_min")] is True
    assert family == 1


def test_a_variant_whose_own_rule_never_fired_is_said_to_have_done_nothing():
    never = rule("queue >= 500", "open_counters", count=1)
    often = rule("queue >= 1", "open_counters", count=1, cooldown_min=600)
    base = BASE.with_changes(playbook=(often,))
    idle = base.with_changes(playbook=(often, never))
    comparison = run_comparison([("base", base), ("五百人再加台", idle)], 6, seed=2, by=None)
    data = comparison_dict(comparison)
    assert data["arms"][0]["idle_rules"] == []
    # Only the variant's own rule: the base's, shared, fired (and is not the variant's change).
    assert data["arms"][1]["idle_rules"] == [
        {
            "rule": 2,
            "action": "open_counters",
            "when": "queue >= 500",
            "when_zh": "排队人数 ≥ 500 人",
            "when_en": "queue ≥ 500",
        }
    ]
    assert "五百人再加台: rule 2 (open counters when queue ≥ 500) never fired" in comparison_table(
        data
    )
    section = comparison_section(data, "zh")
    assert "五百人再加台：规则 2（排队人数 ≥ 500 人时增开台席）在 6 天中从未触发" in " ".join(
        section["unable"]
    )
