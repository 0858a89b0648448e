"""Catalogue entries for the charts and the brief's appendix of figures.

See :mod:`simulator.report.charts`.
"""

CHART_TEXTS: dict[str, dict[str, str]] = {
    # Shared axis and legend labels.
    "chart.time": {"zh": "时刻", "en": "time of day"},
    "chart.mean": {"zh": "均值", "en": "mean"},
    "chart.median": {"zh": "中位数", "en": "median"},
    "chart.band": {"zh": "P10–P90 区间", "en": "P10–P90 band"},
    "chart.limit": {"zh": "限值 {value:g}", "en": "limit {value:g}"},
    "chart.incident": {"zh": "{kind}（中位时段）", "en": "{kind} (median period)"},
    "chart.action": {"zh": "{action}（{count} 次）", "en": "{action} ({count}×)"},
    "chart.days_note": {"zh": "{days} 个模拟营业日", "en": "{days} simulated days"},
    # What emergencies do, marked beside playbook actions.
    "event.evacuation_alarm": {"zh": "疏散警报", "en": "evacuation alarm"},
    "event.power_cut": {"zh": "切断电源", "en": "power cut"},
    "event.evacuation_complete": {"zh": "疏散完毕", "en": "everyone out"},
    "chart.limit_off_scale": {
        "zh": "限值 {value:g}（远高于图中数据）",
        "en": "limit {value:g} (far above the data)",
    },
    "chart.waits_empty": {
        "zh": "另有 {count} 天无人办理业务",
        "en": "{count} more days with nobody served",
    },
    "chart.plan": {"zh": "方案 {number}", "en": "plan {number}"},
    "chart.base": {"zh": "基准方案", "en": "base"},
    # Queue and density over the day.
    "chart.queue_title": {"zh": "排队人数与厅内密度", "en": "Queue and in-hall density"},
    "chart.queue_axis": {"zh": "排队人数（人）", "en": "queue (people)"},
    "chart.density_axis": {"zh": "厅内密度（人/m²）", "en": "in-hall density (persons/m²)"},
    # Wait distribution.
    "chart.waits_title": {
        "zh": "每日第 90 百分位等待时间分布",
        "en": "Distribution of the day's 90th-percentile wait",
    },
    "chart.waits_axis": {"zh": "当日 P90 等待（分钟）", "en": "P90 wait of the day (min)"},
    "chart.days_axis": {"zh": "模拟日数", "en": "simulated days"},
    # Counters open.
    "chart.counters_title": {"zh": "开放柜台数", "en": "Counters open"},
    "chart.counters_axis": {"zh": "开放柜台（个）", "en": "counters open"},
    # Evacuation curve.
    "chart.evacuation_title": {"zh": "疏散曲线", "en": "Evacuation curve"},
    "chart.evacuation_x": {"zh": "事件发生后（秒）", "en": "seconds since the incident"},
    "chart.evacuation_y": {"zh": "厅内人数（人）", "en": "people inside"},
    "chart.evacuation_note": {
        "zh": "仅统计发生疏散的 {days} 天",
        "en": "over the {days} days that evacuated",
    },
    # Scorecard.
    "chart.scorecard_title": {"zh": "目标与限值评定", "en": "Objectives and limits rated"},
    "chart.scorecard_legend": {
        "zh": "P 顺利完成 · S 存在一些问题 · M 存在重大问题 · U 未能完成",
        "en": "P performed · S some challenges · M major challenges · U unable to perform",
    },
    # Plan comparison.
    "chart.comparison_title": {
        "zh": "各方案与基准方案的配对差值（95% 置信区间）",
        "en": "Paired difference of each plan to the base (95 % CI)",
    },
    "chart.comparison_axis": {"zh": "{metric}：方案 − 基准", "en": "{metric}: plan − base"},
    "chart.significant": {"zh": "显著", "en": "significant"},
    "chart.not_significant": {"zh": "不显著", "en": "not significant"},
    "chart.breaks_limit": {
        "zh": "未能保持基准方案已达标的限值",
        "en": "breaks a limit the base holds",
    },
    "figure.cost_effect": {
        "zh": "各方案的人力成本与效果（均值及 95% 置信区间）；"
        "虚线连接不被其他方案同时在成本与效果上超越的方案",
        "en": "Each plan's staff cost against its effect (means with 95 % intervals); the dashed "
        "line joins the plans no other beats on both",
    },
    "chart.pareto": {"zh": "最优方案前沿", "en": "best-buy front"},
    "chart.cost_effect_title": {"zh": "方案成本与效果", "en": "Cost and effect of the plans"},
    "figure.comparison": {
        "zh": "各方案相对基准方案的配对差值及其 95% 置信区间（共同随机数）",
        "en": "Paired difference of each plan to the base, with 95 % intervals (common random "
        "numbers)",
    },
    # Staffing.
    "chart.staffing_title": {
        "zh": "各时段台席配置（{targets}；达标天数 ≥ {share:.0%}）",
        "en": "Counters per block ({targets}; on ≥ {share:.0%} of days)",
    },
    "chart.staffing_demand": {"zh": "到店客流（人/小时）", "en": "Arrivals (per hour)"},
    "chart.staffing_demand_axis": {"zh": "到店客流（人/小时）", "en": "Arrivals per hour"},
    "chart.staffing_counters_axis": {"zh": "开放台席数", "en": "Counters open"},
    "chart.staffing_given": {"zh": "现行排班", "en": "Current rota"},
    "chart.staffing_erlang": {"zh": "Erlang 估算", "en": "Erlang estimate"},
    "chart.staffing_found": {"zh": "模拟核定", "en": "Found by simulation"},
    "chart.staffing_unreachable": {
        "zh": "台席位已满仍不达标",
        "en": "Not reachable with the counters the hall has",
    },
    "figure.staffing": {
        "zh": "各时段台席配置：现行排班、Erlang 稳态估算与模拟核定的最少台席数，背景为到店客流",
        "en": "Counters per block: the current rota, the Erlang steady-state estimate and the "
        "fewest found by simulation, over the arrivals per hour",
    },
    # Appendix captions (brief).
    "figure.appendix": {"zh": "附录：图表", "en": "Appendix: figures"},
    # The brief's glossary: each technical term it uses, said once in plain words.
    "glossary.title": {"zh": "术语说明", "en": "Terms used"},
    "glossary.p90": {
        "zh": "P90（第 90 百分位）：十位客户中有九位不超过的数值，如“90% 客户等候 9 分钟以内”；"
        "P10–P90 区间为各模拟日中间八成所在的范围",
        "en": "P90 (90th percentile): the value nine in ten stay within, as in “90 % of "
        "customers wait 9 minutes or less”; the P10–P90 band holds the middle eight in ten days",
    },
    "glossary.interval": {
        "zh": "95% 区间：按模拟日数估计的平均值或比例的可信范围，模拟日越多越窄",
        "en": "95 % interval: the range the mean or share lies in given the simulated days; "
        "more days make it narrower",
    },
    "glossary.rset": {
        "zh": "RSET（所需安全疏散时间）：从事件发生到最后一人撤出营业厅所需的时间",
        "en": "RSET (required safe egress time): from the incident until the last person is out",
    },
    "glossary.aset": {
        "zh": "ASET（可用安全疏散时间）：从事件发生到厅内条件（烟气、温度）不可承受的时间；"
        "RSET 须小于 ASET",
        "en": "ASET (available safe egress time): from the incident until conditions inside "
        "(smoke, heat) become untenable; RSET must stay below it",
    },
    "glossary.fruin": {
        "zh": "Fruin 服务水平：按单位面积人数划分的拥挤等级 A–F，E、F 级（每平方米 3.33 人以上）"
        "为拥挤推挤",
        "en": "Fruin level of service: crowding grades A–F by persons per m²; E and F (3.33 "
        "persons/m² and more) mean people pressed together",
    },
    "glossary.p95_study": {
        "zh": "P95（第 95 百分位）：二十次推演中有十九次不超过的数值",
        "en": "P95 (95th percentile): the value nineteen in twenty repetitions stay within",
    },
    "glossary.interval_study": {
        "zh": "95% 置信区间：按推演次数估计的平均值的可信范围，推演次数越多越窄",
        "en": "95 % CI: the range the mean lies in given the repetitions; more repetitions make "
        "it narrower",
    },
    "glossary.erlang": {
        "zh": "Erlang（排队论）估算：把每个时段当作稳定排队系统计算所需台席的公式，"
        "不考虑时段间的积压和突发事件，故再以模拟核验",
        "en": "Erlang estimate: the queueing formula for counters needed, block by block, as "
        "if each were a steady state; it misses carry-over and incidents, hence the simulation",
    },
    "figure.label": {"zh": "图 {number}", "en": "Figure {number}"},
    "figure.queue": {
        "zh": "排队人数与厅内密度随时间变化（均值及 P10–P90 区间，阴影为事件时段，"
        "顶部标记为处置动作）",
        "en": "Queue and in-hall density over the day (mean and P10–P90 band; shading marks "
        "incidents, markers along the top the actions taken)",
    },
    "figure.waits": {
        "zh": "每个模拟日的第 90 百分位等待时间分布及限值",
        "en": "Distribution of each simulated day's 90th-percentile wait, with the limit",
    },
    "figure.counters": {
        "zh": "开放柜台数随时间变化（均值及 P10–P90 区间）",
        "en": "Counters open over the day (mean and P10–P90 band)",
    },
    "figure.evacuation": {
        "zh": "疏散曲线：事件发生后厅内剩余人数",
        "en": "Evacuation curve: people still inside after the incident",
    },
    "figure.scorecard": {
        "zh": "各项目标与限值的评定等级",
        "en": "Ratings of every objective and limit",
    },
    "figure.drill_scorecard": {
        "zh": "演练评定：依据演练记录逐条评定的等级",
        "en": "The drill's rating, clause by clause from its log",
    },
    "figure.none": {"zh": "本次运行没有可绘制的图表。", "en": "This run has no charts to draw."},
    # Sign-off block at the end of the printed brief.
    "sign.title": {"zh": "审核签字", "en": "Sign-off"},
    "sign.director": {"zh": "演练负责人", "en": "Exercise director"},
    "sign.evaluator": {"zh": "评估人员", "en": "Evaluator"},
    "sign.approver": {"zh": "审批人", "en": "Approved by"},
    "sign.title_assessment": {"zh": "审阅", "en": "Review"},
    "sign.prepared": {"zh": "编制人", "en": "Prepared by"},
    "sign.reviewer": {"zh": "审阅人", "en": "Reviewed by"},
    "sign.signature": {"zh": "签字", "en": "Signature"},
    "sign.date": {"zh": "日期", "en": "Date"},
    "figure.font_missing": {
        "zh": "未找到中文字体，图表以英文标注。",
        "en": "No CJK font found; chart labels are in English.",
    },
}
