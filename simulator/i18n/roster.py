"""Catalogue entries of rosters: shift rules, roster rows, and ``drill roster``'s output."""

ROSTER_TEXTS: dict[str, dict[str, str]] = {
    # The keys' names in messages ("unknown roster key 'form'").
    "what.roster key": {"zh": "排班表键", "en": "roster key"},
    "what.break key": {"zh": "休息键", "en": "break key"},
    "what.break rule key": {"zh": "休息规则键", "en": "break rule key"},
    "what.shift key": {"zh": "班次键", "en": "shift key"},
    "what.shifts key": {"zh": "排班规则键", "en": "shifts key"},
    "what.available key": {"zh": "人数键", "en": "available key"},
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
        "zh": "最晚开始的休息会超出 {length:g} 小时的班次",
        "en": "a break starting at the latest would run past the {length:g}-hour shift",
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
}
