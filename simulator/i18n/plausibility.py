"""The words of plausibility warnings (:mod:`simulator.model.plausibility`), in both languages.

A value that is legal but most likely a mistake is said once, at its line, by every command;
these are those sayings, apart from the validation messages that refuse a file.
"""

PLAUSIBILITY_TEXTS: dict[str, dict[str, str]] = {
    "plausible.warning": {"zh": "提示：{text}", "en": "warning: {text}"},
    "plausible.footer": {
        "zh": "{count} 条提示：这些值合法，但很可能写错了；请核对（--strict 时视为错误）。",
        "en": "{count} warning(s): legal values that are most likely mistakes; check them "
        "(--strict makes them errors).",
    },
    "plausible.strict": {
        "zh": "共 {count} 条提示；使用了 --strict，未进行模拟。",
        "en": "{count} warning(s) with --strict; nothing was simulated.",
    },
    "plausible.long_service": {
        "zh": "平均办理时长 {mean} 分钟，超过 {most} 分钟：是否把秒写成了分钟？",
        "en": "a mean service of {mean} minutes is over {most}: seconds written as minutes?",
    },
    "plausible.torrent": {
        "zh": "{clock} 起每小时到达 {rate} 人（含客流激增倍数），超过 {most} 人：是否把全天人数"
        "写成了每小时？",
        "en": "{rate} arrivals per hour from {clock} (surges included) is over {most}: a "
        "day's visitors written as an hour's?",
    },
    "plausible.unused_without_floor": {
        "zh": "有平面图（site.floor）时不使用 {name}：各人到出口的距离由其位置算出，"
        "熟悉正门的影响由“正门熟悉加成”（familiarity_bonus_s）体现",
        "en": "{name} is not used with site.floor: distances follow from where people stand, "
        "and the main door's pull is familiarity_bonus_s",
    },
    "plausible.unused_with_floor": {
        "zh": "只有给出平面图（site.floor）时才使用 {name}；没有平面图时，无引导的客户按"
        "“走向正门的比例”（familiar_share）走向正门",
        "en": "{name} is used only with site.floor; without one, unguided customers head for "
        "the main door by familiar_share",
    },
    "plausible.crowded": {
        "zh": "按到达率与台席数估算，{clock} 前后厅内约有 {people} 人，即每平方米 {density} 人，"
        "超过 {most} 人：面积是否少写了一位，或到达率写大了？",
        "en": "arrivals against the staffed counters put about {people} people on the floor "
        "around {clock}, {density} per m², over {most}: a digit missing from the area, or "
        "an arrival rate too high?",
    },
    "plausible.never_fires": {
        "zh": "这条规则永远不会触发：{why}",
        "en": "this rule can never fire: {why}",
    },
    "plausible.holds": {
        "zh": "厅内最多容纳约 {people} 人（面积 × 每平方米 {density} 人）",
        "en": "the hall holds at most about {people} people (its area × {density} per m²)",
    },
    "plausible.no_vips": {
        "zh": "没有贵宾客户（贵宾比例为 0）",
        "en": "there are no VIP customers (vip_share is 0)",
    },
    "plausible.no_outage": {
        "zh": "场景中没有系统故障或停电事件",
        "en": "the scenario has no system or power outage",
    },
    "plausible.no_power_outage": {
        "zh": "场景中没有停电事件",
        "en": "the scenario has no power outage",
    },
    "plausible.no_incident": {
        "zh": "场景中没有“{kind}”事件",
        "en": "the scenario has no {kind} incident",
    },
    "plausible.no_stop_entry": {
        "zh": "预案中没有暂停进厅（stop_entry），门外不会有人等候",
        "en": "no rule holds entry (stop_entry), so nobody waits outside",
    },
    "plausible.no_patience": {
        "zh": "未设置客户耐心时长，不会有客户放弃等候",
        "en": "without patience_min nobody gives up waiting",
    },
    "plausible.hours": {
        "zh": "营业时间为 {open}–{close}（闭店后最多再运行 3 小时）",
        "en": "the hall is open {open}–{close} (and runs at most 3 h after closing)",
    },
    "plausible.uncalled": {
        "zh": "有 {count} 名备用人员，但没有预案规则调用他们（增开台席）；只有演练记录或"
        "桌面推演中的决策会调用",
        "en": "{count} reserve staff, but no playbook rule calls them (open_counters); only a "
        "drill's log or the console can",
    },
    "plausible.idle_clause": {
        "zh": "本场景没有条款 {id}（没有该类事件，或预案规则已涵盖该措施），此项修改不起作用",
        "en": "this scenario has no clause {id} (no incident of that kind, or a playbook rule "
        "covers it): the change does nothing",
    },
    "plausible.clause_twice": {
        "zh": "条款编号 {id} 已被使用，两条条款同名会混淆评估意见的对应",
        "en": "the clause id {id} is taken already: an evaluator's note could go to either",
    },
}
