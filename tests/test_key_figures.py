"""The brief's key figures: every core row, and the others only where some day had them."""

from simulator.report.key_figures import ROWS, key_figures


def estimate(mean, low=None, high=None):
    return {"mean": mean, "ci_low": low, "ci_high": high}


def summary(**means):
    metrics = {name: estimate(0.0, 0.0, 0.0) for name, _, _ in ROWS}
    metrics.update(means)
    return {"metrics": metrics}


def test_rows_that_were_zero_or_unknown_on_every_day_are_left_out_and_the_core_kept():
    rows = key_figures(
        summary(
            wait_p90_min_vip=estimate(None),  # no VIP served on any day
            turned_away_rate=estimate(0.034, 0.02, 0.048),
            counter_staff_hours=estimate(39.44, 39.1, 39.7),
        ),
        "zh",
    )
    shown = {row["metric"]: (row["mean"], row["interval"]) for row in rows}
    assert shown["营业厅因事件封闭、到门口即被劝离的比例"] == ("3.4%", "2.0% – 4.8%")
    assert shown["台席在岗工时（小时）"] == ("39.4", "39.1 – 39.7")
    assert shown["去向不明的客户（应为 0）"] == ("0", "0 – 0")  # core: shown though zero
    assert not any("贵宾" in name or "门外" in name for name in shown)
    assert len(rows) == sum(not only_if_seen for _, _, only_if_seen in ROWS) + 1


def test_every_row_has_a_name_in_both_languages_not_an_engine_key():
    full = summary(**{name: estimate(1.0, 0.5, 1.5) for name, _, _ in ROWS})
    for lang in ("zh", "en"):
        rows = key_figures(full, lang)
        assert len(rows) == len(ROWS)
        keys = {name for name, _, _ in ROWS}
        assert not any(row["metric"] in keys or "_" in row["metric"] for row in rows)
