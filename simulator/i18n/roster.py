"""Catalogue entries of rosters: shift rules, roster rows, and ``drill roster``'s output."""

ROSTER_TEXTS: dict[str, dict[str, str]] = {
    # The keys' names in messages ("unknown roster key 'form'").
    "what.roster key": {"zh": "排班表键", "en": "roster key"},
    "what.break key": {"zh": "休息键", "en": "break key"},
    "what.break rule key": {"zh": "休息规则键", "en": "break rule key"},
    "what.shift key": {"zh": "班次键", "en": "shift key"},
    "what.shifts key": {"zh": "排班规则键", "en": "shifts key"},
    "what.available key": {"zh": "人数键", "en": "available key"},
    "what.names key": {"zh": "姓名键", "en": "names key"},
    # Validation.
    "validation.roster_day": {
        "zh": "班次须在营业时间 {hours} 前后 {margin:g} 分钟之内",
        "en": "a shift must lie within {margin:g} minutes of opening hours {hours}",
    },
    "validation.break_inside": {
        "zh": "休息须在班次（{start}–{until}）之内，且按时间先后、互不重叠",
        "en": "breaks must lie inside the shift ({start}–{until}), in order, not overlapping",
    },
    "validation.break_window": {
        "zh": "最晚开始时间不能早于最早开始时间（earliest_h）",
        "en": "the latest start cannot come before the earliest (earliest_h)",
    },
    "validation.shift_window": {
        "zh": "最晚上班时间不能早于最早上班时间（earliest）",
        "en": "the latest start cannot come before the earliest (earliest)",
    },
    "validation.break_past_shift": {
        "zh": "最晚开始的休息会持续到 {length:g} 小时班次结束或超出班次",
        "en": "a break starting at the latest would last to the end of the {length:g}-hour "
        "shift or past it",
    },
    "validation.counters_or_roster": {
        "zh": "需要给出分时段台席（counters）或排班表（roster）",
        "en": "give the counters by time block (counters) or a roster (roster)",
    },
    "validation.counters_and_roster": {
        "zh": "已给出 counters，台席数将由排班表得出：两者只能给出其一",
        "en": "counters are given, and the roster decides them too: give one of the two",
    },
    "validation.post_and_roster": {
        "zh": "已给出 {post}，而排班表中也有 {role}：人数由排班表得出，请删去 {post}",
        "en": "{post} is given, and the roster has {role} rows that decide it: leave {post} out",
    },
    "validation.roster_no_clerk": {
        "zh": "排班表中没有柜员（role: clerk），无人受理业务",
        "en": "the roster has no clerk (role: clerk): nobody would serve",
    },
    "validation.roster_empty_at_close": {
        "zh": "按排班表，营业结束前没有柜员在岗",
        "en": "by the roster, no clerk is at a counter before closing",
    },
    # Names and roles on the roster.
    "roster.name_clerk": {"zh": "柜员 {number}", "en": "Clerk {number}"},
    "roster.name_guide": {"zh": "引导员 {number}", "en": "Guide {number}"},
    "roster.name_security": {"zh": "安保 {number}", "en": "Guard {number}"},
    "roster.role_clerk": {"zh": "柜员", "en": "clerk"},
    "roster.role_guide": {"zh": "引导员", "en": "guide"},
    "roster.role_security": {"zh": "安保人员", "en": "security"},
    # roster.xlsx.
    "roster.sheet_people": {"zh": "排班表", "en": "Roster"},
    "roster.sheet_blocks": {"zh": "时段核对", "en": "Blocks"},
    "roster.col_name": {"zh": "姓名", "en": "Name"},
    "roster.col_role": {"zh": "岗位", "en": "Role"},
    "roster.col_shift": {"zh": "班次", "en": "Shift"},
    "roster.col_from": {"zh": "上班", "en": "From"},
    "roster.col_until": {"zh": "下班", "en": "Until"},
    "roster.col_breaks": {"zh": "休息", "en": "Breaks"},
    "roster.col_hours": {"zh": "工时（小时）", "en": "Hours"},
    "roster.col_cost": {"zh": "成本（元）", "en": "Cost"},
    "roster.break_mark": {"zh": "休", "en": "B"},
    "roster.on_duty": {"zh": "{role}在岗人数", "en": "{role}s on duty"},
    "roster.total": {"zh": "{role}合计", "en": "{role} total"},
    "roster.total_all": {"zh": "合计", "en": "Total"},
    "roster.col_block": {"zh": "时段", "en": "Block"},
    "roster.col_erlang": {"zh": "理论测算（Erlang）", "en": "Erlang start"},
    "roster.col_required": {"zh": "测算台席", "en": "Estimated"},
    "roster.col_clerks": {"zh": "排班在岗柜员", "en": "Clerks rostered"},
    "roster.col_short": {"zh": "人员或台席不足的缺口", "en": "Cannot staff"},
    "roster.col_met": {"zh": "达标天数占比（排班推演）", "en": "Days held (search)"},
    "roster.col_fresh": {"zh": "达标天数占比（新模拟日验证）", "en": "Days held (fresh days)"},
    "roster.col_interval": {"zh": "95% 区间", "en": "95% interval"},
    # The table, the brief and the chart.
    "roster.intro": {
        "zh": "按排班规则排出的班次：每个时段 {targets}，要求在至少 {share:.0%} 的模拟营业日达标；"
        "先按排队论估算，再以 {days} 个模拟日逐轮核验调整（{rounds} 轮），最后在另外 {days} 个"
        "从未用于排班的模拟日上验证，下表“达标天数占比”即此验证结果。在岗柜员少于测算台席的时段，"
        "模拟核验表明仍能达标。",
        "en": "Shifts from the shift rules: in each block {targets} on at least {share:.0%} of "
        "simulated days; estimated by queueing theory, then checked and adjusted on {days} "
        "simulated days ({rounds} rounds), and verified on {days} other days the search never "
        "saw: the share of days held is that verification. Where fewer clerks are rostered "
        "than estimated, the simulation showed the block still holds.",
    },
    "roster.role_total": {
        "zh": "{role} {people} 人、{hours:g} 工时、成本 {cost}",
        "en": "{people} {role}s, {hours:g} hours, cost {cost}",
    },
    "roster.cost_total": {"zh": "合计成本 {cost}", "en": "total cost {cost}"},
    "roster.floor": {
        "zh": "{role}全天保持 {on_floor} 人在岗（共排 {people} 人，含轮休替班），"
        "验证日中因缺{role}而措施未能执行的天数占 {lacking:.0%}",
        "en": "{on_floor} {role}(s) on the floor all day ({people} rostered, breaks relieved); "
        "an action lacked one on {lacking:.0%} of the verification days",
    },
    "roster.short_block": {"zh": "{block} 缺 {short} 人", "en": "{block} short by {short}"},
    "roster.short": {
        "zh": "受台席数或可用人数所限，以下时段无法满足需要：{gaps}；未能达标的时段：{unmet}。"
        "上表为可行条件下最好的排班。",
        "en": "The positions or the people available cannot meet these blocks: {gaps}; blocks "
        "that do not hold: {unmet}. The roster above is the best there is.",
    },
    "roster.short_mark": {"zh": "（缺 {short}）", "en": " (short {short})"},
    "roster.col_people": {"zh": "人员", "en": "Person"},
    "roster.col_arrivals": {"zh": "到店客流（人/小时）", "en": "Arrivals/h"},
    "chart.roster_title": {"zh": "排班表与客流", "en": "The roster over the demand"},
    "chart.roster_required": {"zh": "测算台席", "en": "Counters estimated"},
    "chart.roster_clerks": {"zh": "排班在岗柜员", "en": "Clerks rostered"},
    "figure.roster": {
        "zh": "排班甘特图：每行一人，浅色为休息；上图为客流与各时段在岗柜员",
        "en": "The roster: a row per person, breaks light; above, the demand and the clerks "
        "at counters per block",
    },
    "brief.roster": {"zh": "九、排班方案", "en": "9. The roster"},
    # drill roster at the terminal.
    "roster.progress": {"zh": "排班核验：第 {rounds} 轮", "en": "roster rounds: {rounds}"},
    "roster.title": {
        "zh": "{name} — 按 {block} 分钟时段排班，随机种子 {seed}",
        "en": "{name} — roster by {block}-minute block, seed {seed}",
    },
    "roster.written": {"zh": "排班表：{path}", "en": "Roster: {path}"},
    "roster.rostered": {
        "zh": "按排班表修改的场景：{path}（可直接 drill run）",
        "en": "Rostered scenario: {path}  (drill run it)",
    },
    "roster.results": {"zh": "结果目录：{path}", "en": "Results: {path}"},
    "roster.no_rules": {
        "zh": "场景中没有 staff.shifts（排班规则）：请写出可排的班次模板（见 docs/scenario.zh.md）",
        "en": "staff.shifts is missing: give the shift templates to roster from "
        "(see docs/scenario.md, staff.shifts)",
    },
    "roster.uncovered": {
        "zh": "排班规则中没有任何柜员班次能覆盖 {blocks}：请调整班次的最早、最晚上班时间或班次时长",
        "en": "no clerk's shift of staff.shifts covers {blocks}: change a template's earliest "
        "or latest start, or its length",
    },
    "roster.floor_short": {
        "zh": "{role}需全天 {wanted} 人在岗，受可用人数或班次所限，部分时段仅 {on_floor} 人",
        "en": "{wanted} {role}(s) wanted on the floor all day; the people or the shifts allow "
        "only {on_floor} at times",
    },
    "roster.not_converged": {
        "zh": "已达最多 {rounds} 轮核验，部分时段可能仍需加人",
        "en": "stopped after {rounds} rounds: some blocks might still need more",
    },
    "roster.fresh_days": {
        "zh": "（验证日为随机种子 {seed} 的 {days} 个模拟日，本报告其余各项指标也基于这些模拟日）",
        "en": "(the verification days are the {days} days of seed {seed}; every other figure "
        "of this brief is from those days too)",
    },
    "roster.on_mark": {"zh": "√", "en": "•"},
    "roster.not_optimal": {
        "zh": "排班求解在时限内未证明最优，所列为已找到的最好方案",
        "en": "the shift cover was not proved optimal within its time limit: this is the best "
        "found",
    },
    "roster.missed_mark": {"zh": "✗ 未达标", "en": "✗ below target"},
    "roster.missed_fresh": {
        "zh": "以下时段在验证日上达标天数不足 {share:.0%}：{blocks}；建议在这些时段增加人手，"
        "或以更多模拟日重新排班（-n）。",
        "en": "These blocks held on fewer than {share:.0%} of the verification days: {blocks}; "
        "add staff there, or roster again on more days (-n).",
    },
    "roster.sheet_title": {
        "zh": "排班表 — {site}（按 {targets} 排定，{share:.0%} 的模拟日达标）",
        "en": "Roster — {site} (for {targets} on {share:.0%} of simulated days)",
    },
    "roster.floor_untested": {
        "zh": "{role}全天保持 {on_floor} 人在岗（共排 {people} 人，含轮休替班）；验证日中没有需要"
        "{role}的处置措施被触发，人数仅按最少在岗要求排定，未经模拟检验",
        "en": "{on_floor} {role}(s) on the floor all day ({people} rostered, breaks relieved); "
        "no action needing one was taken on the verification days, so the headcount is only the "
        "least the rules ask, untested by the simulation",
    },
}
