"""Catalogue entries for the plans' procedure: steps, clauses and how a drill's log rates them.

The Chinese wording of each built-in clause is the seed plans' own (003 part 4 for fire, 003
§4 and 001 §2 for outages, 001 §7 for illness, 001 §3 for robbery); see
:mod:`simulator.model.procedures`.
"""

STEP_LABELS = {
    "sound_alarm": ("发出警报", "sound the alarm"),
    "fight_fire": ("扑救初起火灾", "fight the fire"),
    "cut_power": ("切断电源", "cut the power"),
    "secure_cash": ("现金、凭证入库", "lock away cash and vouchers"),
    "guide_brigade": ("引导消防车", "guide the fire brigade in"),
    "head_count": ("清点人数并报告", "count heads and report"),
    "isolate_area": ("隔离现场", "isolate the area"),
    "keep_order": ("维持现场秩序", "keep order"),
    "contact_family": ("通知家属", "contact the family"),
}

_OUTAGE_CLAUSES = {
    "contact": (
        "立即告知相关部门（联系技术维护部门，了解故障情况及恢复时间）",
        "tell the departments concerned at once (call IT: what failed, when it will be back)",
    ),
    "notify": (
        "按统一对外解释口径向客户做好解释",
        "explain to the customers in the agreed wording",
    ),
    "callbacks": (
        "恢复时间不能确定时，留下客户联系电话，恢复后及时通知",
        "when the time it is back is unknown, take customers' phone numbers to call them back",
    ),
    "30": (
        "故障达到30分钟以上无法修复的，再次上报",
        "report again when it is not fixed in 30 minutes",
    ),
    "60": (
        "故障达到1小时以上无法修复的，上报中心经理",
        "report to the centre manager after an hour",
    ),
}

CLAUSE_TEXTS = {
    "fire-report": (
        "发现火情，立即报告营业厅主任",
        "on discovering the fire, report to the manager at once",
    ),
    "fire-fight": (
        "利用灭火器扑救，力争起火后3分钟之内将初燃火灾扑灭",
        "fight it with extinguishers, to put it out within 3 minutes of ignition",
    ),
    "fire-alarm": (
        "立即向营业场所人员发出紧急信号（如按下手动报警器）",
        "give the alarm to everyone in the hall (the manual call point)",
    ),
    "fire-119": (
        "火势无法控制时，立即拨打119报警",
        "when it cannot be controlled, call 119 at once",
    ),
    "fire-power": ("迅速切断营业场所所有电源", "cut all power to the hall"),
    "fire-evacuate": ("疏散客户", "evacuate the customers"),
    "fire-cash": (
        "将现金、有价证券、会计账簿、密押等迅速入大库",
        "move cash, securities, ledgers and keys to the vault",
    ),
    "fire-guide": ("安排人员引导消防车抵达火灾现场", "send someone to guide the fire engine in"),
    "fire-headcount": (
        "疏散引导组对疏散人员进行清理，并向指挥部报告",
        "count the evacuated people and report to the command",
    ),
    "illness-120": ("立即拨打120或其它急救电话", "call 120 at once"),
    "illness-order": ("维持好现场秩序", "keep order around the patient"),
    "illness-family": ("设法了解家属联系方式，及时通知客户家属", "find and tell the family"),
    "bomb_threat-110": ("立即向110报警", "call 110 at once"),
    "bomb_threat-isolate": ("隔离可疑区域，禁止人员靠近", "keep everyone away from the area"),
    "bomb_threat-evacuate": ("疏散客户和员工", "evacuate customers and staff"),
    "bomb_threat-report": ("迅速报告上级领导", "report to the superiors"),
    "robbery-cash": (
        "在确保人身安全的情况下，迅速收拢现金，锁好柜台保险柜",
        "as safety allows, gather the cash and lock the counter safes",
    ),
    "robbery-110": ("迅速向110报警", "call 110"),
    "robbery-report": ("报告中心经理", "report to the centre manager"),
    "earthquake-evacuate": ("震动停止后组织疏散", "evacuate when the shaking stops"),
    "earthquake-headcount": ("清点人数并报告", "count heads and report"),
    **{
        f"{kind}-{part}": words
        for kind in ("system_outage", "power_outage")
        for part, words in _OUTAGE_CLAUSES.items()
    },
}

PROCEDURE_TEXTS: dict[str, dict[str, str]] = {
    **{f"action.{step}": {"zh": zh, "en": en} for step, (zh, en) in STEP_LABELS.items()},
    **{f"clause.{id}": {"zh": zh, "en": en} for id, (zh, en) in CLAUSE_TEXTS.items()},
    "clause.occasion": {
        "zh": "共 {occasions} 次，以第 {occasion} 次为准（最差）：{evidence}",
        "en": "{occasions} occasions; the worst, number {occasion}: {evidence}",
    },
    "clause.own": {"zh": "{note}（{action}）", "en": "{note} ({action})"},
    "clause.expected_at_once": {
        "zh": "立即（{good:g} 分钟内为顺利，{fair:g} 分钟内为有不足）",
        "en": "at once (within {good:g} min: P; within {fair:g} min: S)",
    },
    "clause.expected_deadline": {
        "zh": "事件开始后 {minutes:g} 分钟内（{late:g} 分钟内为有不足）",
        "en": "within {minutes:g} min of the start (by {late:g} min: S)",
    },
    "clause.na_never": {
        "zh": "不适用：演练中未出现“{when}”",
        "en": "not applicable: “{when}” never held in the drill",
    },
    "clause.na_unmeasured": {
        "zh": "无法判断：日志未记录{metrics}，不知“{when}”是否出现",
        "en": "cannot tell: the log measured no {metrics}, so whether “{when}” held is unknown",
    },
    "clause.not_done": {
        "zh": "{due} 起应执行，日志中没有执行记录",
        "en": "due from {due}; the log shows it was never done",
    },
    "clause.too_late": {
        "zh": "{due} 起应执行，{done} 才执行，已超过 {cutoff:g} 分钟，不再计为完成",
        "en": "due from {due}, done only at {done}: more than {cutoff:g} min late, not counted",
    },
    "clause.done": {
        "zh": "{due} 起应执行；{done} 由{who}执行，晚 {late:.0f} 分钟",
        "en": "due from {due}; done at {done} by {who}, {late:.0f} min after",
    },
    "clause.did_nothing": {
        "zh": "{due} 起应执行；{done} 下达了该措施，但未能执行（{reason}）",
        "en": "due from {due}; ordered at {done}, but not carried out ({reason})",
    },
    "clause.not_done_other": {
        "zh": "{due} 起应执行；日志中 {done} 的是 {got}，不是本条要求的 {wanted}",
        "en": "due from {due}; what the log shows at {done} is {got}, not the {wanted} required",
    },
    "clause.done_anonymous": {
        "zh": "{due} 起应执行；{done} 执行，晚 {late:.0f} 分钟（未记录执行人）",
        "en": "due from {due}; done at {done}, {late:.0f} min after (by whom is not logged)",
    },
    "clause.done_early_anonymous": {
        "zh": "{due} 起应执行；{done} 按时执行（未记录执行人）",
        "en": "due from {due}; done at {done}, on time (by whom is not logged)",
    },
    "clause.evaluator_on_na": {
        "zh": "{evidence}；注意：评估人员对本条作出了评定，但按演练记录本条不适用，请核对条款序号",
        "en": "{evidence}; note: the evaluator rated this clause, which by the log was not "
        "applicable; check the clause number",
    },
    "clause.done_early": {
        "zh": "{due} 起应执行；{done} 由{who}按时执行",
        "en": "due from {due}; done at {done} by {who}, on time",
    },
    "clause.headcount_missing": {
        "zh": "{evidence}；清点结果：人数不全",
        "en": "{evidence}; the head count found people missing",
    },
    "clause.measure.egress_s": {
        "zh": "疏散用时（报警至最后一人撤出，秒）",
        "en": "egress (alarm to last out, s)",
    },
    "clause.measure.evacuation_s": {
        "zh": "疏散总用时（起火至最后一人撤出，秒）",
        "en": "evacuation (ignition to last out, s)",
    },
    "clause.measure.wait_p90_min": {
        "zh": "90% 客户等候时间（分钟）",
        "en": "90th-percentile wait (min)",
    },
    "clause.measure.queue": {"zh": "排队人数", "en": "queue"},
    "clause.measure.queue_vip": {"zh": "贵宾排队人数", "en": "VIP queue"},
    "clause.measure.density": {"zh": "厅内密度", "en": "density"},
    "clause.measure.wait_p90_recent": {"zh": "近 15 分钟等候时间", "en": "recent waits"},
    "clause.measure.abandoned_recent": {"zh": "近 15 分钟放弃人数", "en": "recent abandonments"},
    "clause.measure.in_hall": {"zh": "厅内人数", "en": "people in the hall"},
    "clause.measure.outside_queue": {"zh": "门外等候人数", "en": "people outside"},
    "observed.title": {
        "zh": "演练评定（依据演练记录逐条评定）",
        "en": "Drill rating (clause by clause, from the log)",
    },
    "observed.intro": {
        "zh": "以下评定依据演练记录中实际注入的情况、实际采取的措施和现场测量结果，"
        "逐条对照预案要求；"
        "模拟推演仅作参考，不影响评定。",
        "en": "Rated from what the log records was injected, done and measured, clause by clause "
        "against the plan; the simulation below is a what-if and does not change these ratings.",
    },
    "observed.verdict": {"zh": "演练评定：{verdict}", "en": "Drill rating: {verdict}"},
    "observed.col_number": {"zh": "序号", "en": "#"},
    "observed.col_clause": {"zh": "预案要求", "en": "Clause"},
    "observed.col_expected": {"zh": "时限", "en": "Promptness"},
    "observed.col_due": {"zh": "应执行", "en": "Due"},
    "observed.col_done": {"zh": "实际执行", "en": "Done"},
    "observed.col_rating": {"zh": "评定", "en": "Rating"},
    "observed.col_evidence": {"zh": "依据", "en": "Evidence"},
    "observed.col_measure": {"zh": "测量项目", "en": "Measured"},
    "observed.col_value": {"zh": "测量值", "en": "Value"},
    "observed.col_limit": {"zh": "限值", "en": "Limit"},
    "observed.not_applicable": {"zh": "不适用", "en": "n/a"},
    "observed.evaluator": {
        "zh": "{rating}（评估人员评定；按规则计算为 {computed}）",
        "en": "{rating} (the evaluator's; the rules give {computed})",
    },
    "observed.note": {"zh": "评估意见：{note}", "en": "Evaluator: {note}"},
    "observed.injects": {"zh": "导调注入：{injects}", "en": "Injects: {injects}"},
    "observed.inject_start": {"zh": "{time} {kind}开始", "en": "{time} {kind} begins"},
    "observed.inject_end": {"zh": "{time} {kind}结束", "en": "{time} {kind} ends"},
    "observed.no_injects": {
        "zh": "日志未记录导调注入，按场景设定的事件时间评定",
        "en": "the log records no injects; the scenario's incident times were taken",
    },
    "observed.simulated": {"zh": "推演：", "en": "Simulated: "},
    "observed.simulated_table": {
        "zh": "以下为推演（参考，不影响评定）：按本次演练的注入时间与实际采取的营业措施，"
        "在 {days} 个模拟营业日上回放；报警、疏散等处置步骤按场景设定发生",
        "en": "What follows is simulated (a what-if; it does not change the rating): the drill's "
        "injects and service actions at their real times, replayed on {days} simulated days; "
        "the alarm, the evacuation and the plan's other steps happen as the scenario plays them",
    },
    "observed.odds_title": {
        "zh": "推演：若事件按场景设定的时长发生（--what-if longer），"
        "各条款应执行的天数及按本次日志的评定",
        "en": "Simulated: with the scenario's own incident lengths (--what-if longer), the days "
        "each clause would have come due and how this log would have rated",
    },
    "observed.odds_due": {"zh": "{days} 天中 {due} 天应执行", "en": "due on {due} of {days} days"},
    "observed.outcome_title": {
        "zh": "推演：同一组模拟营业日上，团队实际处置与自动执行预案的结果对比",
        "en": "Simulated: the team's actions beside the automatic playbook on the same days",
    },
    "observed.issue": {
        "zh": "第 {number} 条“{name}”评定为 {rating}",
        "en": "clause {number} “{name}” rated {rating}",
    },
    "observed.earlier_title": {
        "zh": "此前演练未关闭的整改项",
        "en": "Corrective actions still open from earlier drills",
    },
    "observed.col_action_id": {"zh": "编号", "en": "No."},
    "observed.col_issue": {"zh": "问题", "en": "Issue"},
    "observed.col_action_due": {"zh": "整改期限", "en": "Due"},
    "observed.col_again": {"zh": "本次演练", "en": "This drill"},
    "observed.overdue": {"zh": "（已逾期）", "en": " (overdue)"},
    "observed.failed_again": {"zh": "同一条款再次未通过", "en": "the same clause failed again"},
    "observed.closed_failed_again": {
        "zh": "已整改关闭，但同一条款本次再次未通过",
        "en": "closed as done, yet the same clause failed again",
    },
    "observed.not_again": {"zh": "本次未再出现", "en": "not repeated"},
    "observed.not_exercised": {"zh": "本次未演练该条款", "en": "not exercised this time"},
    "register.opened": {
        "zh": "整改台账：新增 {count} 项整改（{path}）；drill actions 查看",
        "en": "Register: {count} corrective action(s) opened in {path}; see drill actions",
    },
    "register.already": {
        "zh": "整改台账：同一演练记录已登记为第 {id} 次演练（{path}），未重复登记",
        "en": "Register: this drill's log is already recorded as drill {id} in {path}; not again",
    },
}
