"""The brief's key figures: every core row, and the others only where some day had them."""

from simulator.report.key_figures import ROWS, SERVICES, key_figures


def estimate(mean, low=None, high=None):
    return {"mean": mean, "ci_low": low, "ci_high": high}


def summary(**means):
    metrics = {name: estimate(0.0, 0.0, 0.0) for name, _, _ in ROWS if name != SERVICES}
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
    services = {"wait_p90_min[缴费]": estimate(1.0, 0.5, 1.5), "wait_p90_min[开户]": estimate(2.0)}
    full = summary(
        **{name: estimate(1.0, 0.5, 1.5) for name, _, _ in ROWS if name != SERVICES}, **services
    )
    for lang in ("zh", "en"):
        rows = key_figures(full, lang)
        assert len(rows) == len(ROWS) + 1  # the place of the services holds both of them
        keys = {name for name, _, _ in ROWS} | set(services)
        assert not any(row["metric"] in keys or "_" in row["metric"] for row in rows)


def test_each_service_gets_its_row_after_the_waits_of_the_classes():
    rows = key_figures(
        summary(
            wait_p90_min_other=estimate(9.9, 6.8, 13.0),
            **{"wait_p90_min[缴费充值]": estimate(2.7, 2.0, 4.4)},
            **{"wait_p90_min[合约机办理]": estimate(14.7, 12.1, 16.8)},
            **{"wait_mean_min[合约机办理]": estimate(5.0, 4.0, 6.0)},  # the table shows P90s
        ),
        "zh",
    )
    names = [row["metric"] for row in rows]
    at = names.index("“缴费充值”业务 90% 等候时间（分钟）")
    assert names[at + 1] == "“合约机办理”业务 90% 等候时间（分钟）"
    assert rows[at + 1]["mean"] == "14.7" and rows[at + 1]["interval"] == "12.1 – 16.8"
    assert names[at - 1] == "90% 客户等候时间（分钟）" and not any("平均" in n for n in names[at:])


def test_a_single_service_gets_no_row_of_its_own():
    rows = key_figures(summary(**{"wait_p90_min[办理]": estimate(3.0)}), "en")
    assert not any("办理" in row["metric"] for row in rows)
