"""Catalogue entries for objectives, tasks and their evidence (see :mod:`simulator.scoring`)."""

ACTION_LABELS = {
    "open_counters": ("增开台席", "open counters"),
    "close_counters": ("撤回增开台席", "close counters"),
    "open_fast_lane": ("开设快速受理窗口", "open a fast lane"),
    "close_fast_lane": ("关闭快速受理窗口", "close the fast lane"),
    "pre_register": ("预登记预受理", "pre-register"),
    "redirect": ("引导分流", "redirect customers"),
    "extend_hours": ("延长服务时间", "extend hours"),
    "take_callbacks": ("留下联系电话", "take call-back numbers"),
    "notify_customers": ("告知客户", "notify customers"),
    "escalate": ("上报", "escalate"),
    "call_emergency": ("报警求助", "call the emergency services"),
    "evacuate": ("组织疏散", "evacuate"),
    "stop_entry": ("暂停进厅", "stop entry"),
}

SCORING_TEXTS: dict[str, dict[str, str]] = {
    **{f"action.{action}": {"zh": zh, "en": en} for action, (zh, en) in ACTION_LABELS.items()},
    # Playbook rules.
    "rule.name": {"zh": "{note}（{action}：{when}）", "en": "{note} ({action}: {when})"},
    "rule.name_plain": {"zh": "{action}（{when}）", "en": "{action} when {when}"},
    "rule.task": {"zh": "执行该措施", "en": "carry out the action"},
    "rule.not_exercised": {
        "zh": "未触发：条件“{when}”始终未出现",
        "en": "not exercised: “{when}” never held",
    },
    "rule.evidence_responded": {
        "zh": "预案 {days} 天中有 {days_called} 天要求执行，共 {called} 次；其中 {responded} 次在 "
        "{window:g} 分钟内执行到位",
        "en": "called for {called} times on {days_called} of {days} days; carried out within "
        "{window:g} minutes {responded} times",
    },
    "rule.evidence_unprompted": {
        "zh": "条件“{when}”未出现，演练中仍主动执行 {fired} 次，执行到位 {done} 次",
        "en": "“{when}” never held, yet the team acted {fired} times; carried out {done}",
    },
    "rule.evidence": {
        "zh": "{days} 天中有 {days_fired} 天触发，共 {fired} 次；执行 {done} 次",
        "en": "fired {fired} times on {days_fired} of {days} days; carried out {done} of {fired}",
    },
    "rule.evidence_short": {
        "zh": "{days} 天中有 {days_fired} 天触发，共 {fired} 次；执行 {done} 次"
        "{partly}{unable}{idle}",
        "en": "fired {fired} times on {days_fired} of {days} days; carried out {done} of {fired}"
        "{partly}{unable}{idle}",
    },
    "rule.part_partly": {
        "zh": "（其中 {count} 次仅部分执行：{reasons}）",
        "en": " ({count} of them only partly: {reasons})",
    },
    "rule.part_unable": {
        "zh": "；{count} 次无法执行：{reasons}",
        "en": "; could not be carried out {count} times: {reasons}",
    },
    "rule.part_idle": {
        "zh": "；{count} 次无可执行：{reasons}",
        "en": "; {count} times there was nothing to act on: {reasons}",
    },
    "rule.evidence_idle": {
        "zh": "{days} 天中有 {days_fired} 天触发，共 {fired} 次，但每次都无可执行：{reasons}",
        "en": (
            "fired {fired} times on {days_fired} of {days} days, but there was never anything"
            " to act on: {reasons}"
        ),
    },
    "reason.count": {"zh": "{reason} {count} 次", "en": "{reason} ({count})"},
    # Why an action was not carried out (engine reasons, as a duty manager reads them).
    "reason.reserve_exhausted": {"zh": "备用人员已用完", "en": "no reserve staff left"},
    "reason.no_free_counter": {
        "zh": "台席已全部开放，无空闲台席",
        "en": "every counter position already staffed",
    },
    "reason.no_guide": {"zh": "大堂引导员不在岗", "en": "no lobby guide on the floor"},
    "reason.no_security": {"zh": "无安保人员在门口", "en": "no security guard at the door"},
    "reason.no_manager": {
        "zh": "值班经理被其他事件占用，无人上报",
        "en": "the duty manager was taken up elsewhere; nobody to report",
    },
    "reason.last_regular_counter": {
        "zh": "只剩一个普通窗口，不能再改为快速窗口",
        "en": "only one regular counter left",
    },
    "reason.nothing_to_close": {
        "zh": "没有增调的柜员可撤回",
        "en": "no called-in clerk to send back",
    },
    "reason.nobody_waiting": {"zh": "无客户等候", "en": "nobody waiting"},
    "reason.nobody_agreed": {
        "zh": "等候客户均未留下联系电话",
        "en": "no waiting customer left a number",
    },
    "reason.nobody_eligible": {
        "zh": "措施生效期间无适用的客户到达",
        "en": "nobody it applies to came while it was in force",
    },
    "reason.already_in_force": {"zh": "已在执行中", "en": "already in force"},
    "reason.neighbor_down": {
        "zh": "邻近营业厅同样故障，无法分流",
        "en": "the neighbouring hall was down too",
    },
    "reason.neighbor_full": {
        "zh": "邻近营业厅已满，无法再接收",
        "en": "the neighbouring hall could take no more",
    },
    "reason.no_incident": {"zh": "当时没有需要报警求助的事件", "en": "no incident to call about"},
    "reason.not_safe_yet": {
        "zh": "此时不能疏散：地震晃动尚未停止，或歹徒仍在厅内（先就地避险）",
        "en": "not safe to evacuate yet: the shaking goes on or the robbers are inside",
    },
    "reason.nothing_to_evacuate": {
        "zh": "当时没有任何事件，无需疏散",
        "en": "no incident in progress to evacuate for",
    },
    # Escalation deadlines.
    "deadline.name": {
        "zh": "故障发生 {deadline:g} 分钟内上报{to}",
        "en": "escalate to {to} within {deadline:g} min of an outage",
    },
    "deadline.name_noted": {"zh": "{note}（{name}）", "en": "{note} ({name})"},
    "deadline.task": {"zh": "按时上报", "en": "report on time"},
    "deadline.not_exercised": {
        "zh": "未触发：没有故障持续超过 {deadline:g} 分钟",
        "en": "not exercised: no outage outlasted {deadline:g} min",
    },
    "deadline.evidence": {
        "zh": "{outages} 次故障超过时限；按时上报 {on_time} 次，迟报 {late} 次，未报 {never} 次",
        "en": (
            "{outages} outages outlasted the deadline; reported on time in {on_time}, "
            "late in {late}, never in {never}"
        ),
    },
    "deadline.evidence_median": {
        "zh": "{outages} 次故障超过时限；按时上报 {on_time} 次，迟报 {late} 次，未报 {never} 次；"
        "上报用时中位数 {median:.0f} 分钟",
        "en": (
            "{outages} outages outlasted the deadline; reported on time in {on_time}, "
            "late in {late}, never in {never}; median delay {median:.0f} min"
        ),
    },
    # Evacuations.
    "evac.not_exercised": {
        "zh": "未触发：{days} 天中没有一天需要疏散",
        "en": "not exercised: none of the {days} days ended in an evacuation",
    },
    "evac.objective_time": {"zh": "全员按时疏散", "en": "evacuate everyone in time"},
    "evac.task_rset": {
        "zh": "限时内全员撤离（自起火起）",
        "en": "everyone out within the limit (RSET)",
    },
    "evac.task_egress": {
        "zh": "限时内全员撤离（自报警起）",
        "en": "everyone out within the limit after the alarm",
    },
    "evac.since_incident": {"zh": "事件发生", "en": "the incident"},
    "evac.since_alarm": {"zh": "报警", "en": "the alarm"},
    "evac.evidence_time": {
        "zh": "{days} 次疏散中有 {within} 次在{since}后 {limit:g} 秒内全员撤离；"
        "中位数 {median:.0f} 秒，最慢 {slowest:.0f} 秒",
        "en": (
            "everyone out within {limit:g} s of {since} on {within} of {days} evacuations; "
            "median {median:.0f} s, slowest {slowest:.0f} s"
        ),
    },
    "evac.task_aset": {"zh": "在可用安全疏散时间（ASET）内撤离", "en": "everyone out before ASET"},
    "evac.evidence_aset": {
        "zh": "{days} 次疏散中有 {exceeded} 次在现场条件已不可承受时（RSET > ASET）仍有人未撤出",
        "en": (
            "people still inside when conditions became untenable (RSET > ASET) on "
            "{exceeded} of {days} evacuations"
        ),
    },
    "evac.objective_crowd": {"zh": "出口处无危险拥挤", "en": "no dangerous crowding at the exits"},
    "evac.task_crowd": {
        "zh": "出口人群密度低于危险值",
        "en": "exit crowds below the danger density",
    },
    "evac.evidence_crowd": {
        "zh": "{days} 次疏散中出口峰值密度 ≥ {warning} 人/m² 的 {warned} 次、≥ {danger} 人/m² 的 "
        "{dangerous} 次；最高 {highest:.1f} 人/m²",
        "en": (
            "peak density at an exit ≥ {warning} persons/m² on {warned} and ≥ {danger} on "
            "{dangerous} of {days} evacuations; highest {highest:.1f}"
        ),
    },
}
