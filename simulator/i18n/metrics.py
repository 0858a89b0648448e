"""Catalogue entries naming each metric as a reader says it (``metric.<name>``)."""

_METRICS = {
    "wait_p90_min": ("90% 客户等候时间（分钟）", "90th-percentile wait (min)"),
    "wait_mean_min": ("平均等候时间（分钟）", "mean wait (min)"),
    "wait_max_min": ("最长等候时间（分钟）", "longest wait (min)"),
    "abandon_rate": ("放弃等候比例", "share who gave up waiting"),
    "balk_rate": ("进门即离开比例", "share who walked out at the door"),
    "redirect_rate": ("分流至其他营业厅比例", "share sent to another hall"),
    "peak_density_per_m2": ("厅内峰值密度（人/m²）", "peak density in the hall (persons/m²)"),
    "peak_queue": ("最长排队人数", "longest queue"),
    "utilization": ("台席利用率", "counter utilisation"),
    "evacuation_s": ("疏散完成时间 RSET（秒，自事件发生）", "RSET (s from the incident)"),
    "egress_s": ("疏散用时（秒，自报警）", "evacuation time (s from the alarm)"),
    "evacuated": ("疏散人数（含员工）", "people evacuated (staff included)"),
    "rset_exceeds_aset": ("RSET 超过 ASET 的比例", "share with RSET > ASET"),
    "inside_at_responders": (
        "消防或警察到达时仍在厅内的人数",
        "still inside when the brigade or police arrived",
    ),
    "exit_peak_density_per_m2": ("出口处峰值密度（人/m²）", "peak density at an exit (people/m²)"),
    "escorted": ("需协助撤离的人数", "people helped out (could not leave alone)"),
    "served_within_limit_share": ("限时内办理比例", "share served within the wait limit"),
    "callback_rate": ("留电话待回访比例", "share who left a number for a call-back"),
    "left_outside_rate": ("门外等候后离去比例", "share who left while held outside"),
    "outside_peak": ("门外最多等候人数", "most people waiting outside"),
    "turned_away_rate": (
        "营业厅因事件封闭、到门口即被劝离的比例",
        "share turned away while an incident had closed the hall",
    ),
    "counter_staff_hours": ("台席在岗工时（小时）", "counter staff-hours"),
    "floor_staff_hours": ("引导员与安保人员在岗工时（小时）", "guide and security staff-hours"),
    "reserve_called": ("增调备用人员（人次）", "reserve staff called in"),
    "staff_hours": ("人员在岗总工时（小时）", "staff-hours in all"),
    "staff_cost": ("人力成本（按每小时成本计）", "staff cost (at the hourly rates)"),
    "callbacks_returned": (
        "恢复营业后回来办理的留电话客户（人）",
        "call-backs who came again (people)",
    ),
    "redirect_travel_hours": (
        "被分流客户前往邻近营业厅的路途用时（人·小时）",
        "customers' travel to the neighbouring hall (person-hours)",
    ),
    "entry_work_hours": (
        "恢复后录入预受理业务用时（台席小时）",
        "entering pre-accepted work (counter-hours)",
    ),
    "arrivals": (
        "到达客户（人次，含回访再来）",
        "customer visits (call-backs coming again included)",
    ),
    "lost_customers": ("去向不明的客户（应为 0）", "customers unaccounted for (must be 0)"),
    "evacuation_day_share": ("发生疏散的天数比例", "share of days with an evacuation"),
    "past_aset_day_share": (
        "可用安全疏散时间（ASET）用尽时仍有人未撤出的天数比例",
        "share of days with people still inside when ASET ran out",
    ),
    "wait_mean_min_vip": ("贵宾平均等候时间（分钟）", "VIP mean wait (min)"),
    "wait_p90_min_vip": ("贵宾 90% 等候时间（分钟）", "VIP 90th-percentile wait (min)"),
    "wait_mean_min_vulnerable": (
        "老弱病残孕客户平均等候时间（分钟）",
        "vulnerable customers' mean wait (min)",
    ),
    "wait_p90_min_vulnerable": (
        "老弱病残孕客户 90% 等候时间（分钟）",
        "vulnerable customers' 90th-percentile wait (min)",
    ),
    "wait_mean_min_quick": ("快速业务平均等候时间（分钟）", "quick services' mean wait (min)"),
    "wait_p90_min_quick": (
        "快速业务 90% 等候时间（分钟）",
        "quick services' 90th-percentile wait (min)",
    ),
    "wait_mean_min_other": ("其他柜台业务平均等候时间（分钟）", "other business' mean wait (min)"),
    "wait_p90_min_other": (
        "其他柜台业务 90% 等候时间（分钟）",
        "other business' 90th-percentile wait (min)",
    ),
    "wait_mean_min_regular": ("普通客户平均等候时间（分钟）", "regular customers' mean wait (min)"),
    "wait_p90_min_regular": (
        "普通客户 90% 等候时间（分钟）",
        "regular customers' 90th-percentile wait (min)",
    ),
}

METRIC_TEXTS: dict[str, dict[str, str]] = {
    **{f"metric.{k}": {"zh": zh, "en": en} for k, (zh, en) in _METRICS.items()},
    # The waits of one service, named as the scenario names it (wait_p90_min[开户]).
    "metric.service.wait_mean_min": {
        "zh": "“{service}”业务平均等候时间（分钟）",
        "en": "{service}: mean wait (min)",
    },
    "metric.service.wait_p90_min": {
        "zh": "“{service}”业务 90% 等候时间（分钟）",
        "en": "{service}: 90th-percentile wait (min)",
    },
    # The terminal table of drill run (report.table), in the scenario's language.
    "table.title": {
        "zh": "{name} — 模拟 {days} 个营业日，随机种子 {seed}",
        "en": "{name} — {days} simulated days, seed {seed}",
    },
    "table.col_metric": {"zh": "指标", "en": "metric"},
    "cli.brief_written": {
        "zh": "报告：{paths}（{charts} 张图表）",
        "en": "Brief: {paths} ({charts} charts)",
    },
    "cli.note": {"zh": "提示：{notice}", "en": "Note: {notice}"},
    "table.col_mean": {"zh": "日均值", "en": "mean"},
    "table.col_ci": {"zh": "95% 置信区间", "en": "95% CI"},
    "table.limits": {"zh": "限值达标情况：", "en": "limits:"},
    "table.objectives": {
        "zh": "目标评定（P 顺利完成 / S 基本完成，存在一些问题 / M 勉强完成，存在重大问题 / "
        "U 未能完成）：",
        "en": "objectives, rated P/S/M/U (performed / some / major challenges / unable)",
    },
    "table.evacuation": {
        "zh": "{replications} 个模拟日中 {days} 天发生疏散：自事件发生起全部撤出用时（RSET）"
        "中位数 {rset:.0f} 秒、95% 分位 {rset95:.0f} 秒；自警报起 {egress:.0f} 秒、"
        "{egress95:.0f} 秒",
        "en": "evacuation on {days} of {replications} days: RSET median {rset:.0f} s, "
        "95th percentile {rset95:.0f} s; after the alarm {egress:.0f} s, {egress95:.0f} s",
    },
    "table.evacuation_aset": {
        "zh": "  其中有人在 ASET 之后仍未撤出（RSET > ASET）的占 {share:.1%}"
        "（95% 置信区间 {low:.1%} – {high:.1%}）",
        "en": "  RSET > ASET on {share:.1%} of them (95% CI {low:.1%} – {high:.1%})",
    },
}
