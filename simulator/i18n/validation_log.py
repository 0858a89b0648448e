"""What is wrong with a drill log or a participants file, in the scenario's language.

The drill log's part of the validation catalogue (:mod:`.validation` holds the scenario's):
times, actions and rules of log lines, CSV rows, injects, observations, the scenario's
``procedure:`` changes.
"""

LOG_VALIDATION_TEXTS: dict[str, dict[str, str]] = {
    # Drill logs.
    "validation.log_time": {
        "zh": "{got} 不在营业时间 {hours} 内（或闭店后 3 小时内）",
        "en": "{got} is outside opening hours {hours} (or up to 3 h after closing)",
    },
    "validation.until_in_force": {
        "zh": "只有 {actions} 会持续到某一时刻",
        "en": "only {actions} stay in force until a time",
    },
    "validation.until_order": {
        "zh": "必须晚于 at（{start}），且在营业时间 {hours} 内（或闭店后 3 小时内）",
        "en": "must be later than at ({start}) and within opening hours {hours} (or up to 3 h "
        "after closing)",
    },
    "validation.inject_start_or_end": {
        "zh": "每条注入须写 start（事件开始）或 end（事件结束）之一，"
        '如 {{at: "10:30", start: fire}}',
        "en": "each inject gives either start (the incident begins) or end (it ends), e.g. "
        '{{at: "10:30", start: fire}}',
    },
    "validation.inject_no_incident": {
        "zh": "场景中没有 {kind} 类事件可对应",
        "en": "the scenario has no {kind} incident to match",
    },
    "validation.inject_other_kind": {
        "zh": "场景第 {number} 个事件是 {is}，不是 {kind}",
        "en": "the scenario's incident {number} is a {is}, not a {kind}",
    },
    "validation.inject_end_unstarted": {
        "zh": "结束的 {kind} 此前未注入开始（先写 start）",
        "en": "ends a {kind} that no earlier inject started (give its start first)",
    },
    "validation.inject_end_before_start": {
        "zh": "{kind} 的结束时间 {end} 早于其开始时间 {start}",
        "en": "the {kind} ends at {end}, before it starts at {start}",
    },
    "validation.inject_started_twice": {
        "zh": "场景第 {number} 个事件（{kind}）已开始，尚未结束；同一事件不能再次开始",
        "en": "the scenario's incident {number} ({kind}) has already started and not ended",
    },
    "validation.procedure_clause": {
        "zh": "没有内置条款 {got}{hint}",
        "en": "no built-in clause {got}{hint}",
    },
    "validation.procedure_what": {
        "zh": "每项须写 clause（修改或删除内置条款）或 id（本网点自定条款）之一",
        "en": "give either clause (to change or drop a built-in one) or id (a clause of your own)",
    },
    "validation.procedure_new": {
        "zh": "自定条款 {id} 须写 do（措施或步骤）和 when（应执行的条件）",
        "en": "the clause {id} of your own needs do (the action or step) and when (its condition)",
    },
    "validation.procedure_drop_new": {
        "zh": "drop 只用于删除内置条款",
        "en": "drop only leaves out a built-in clause",
    },
    "validation.observation_both": {
        "zh": "一条记录要么是测量（measure、value），"
        "要么是评估意见（clause、rating、note），不能兼有",
        "en": "an observation is a measurement (measure, value) or an evaluator's word (clause, "
        "rating, note), not both",
    },
    "validation.observation_value": {
        "zh": "测量项目 {measure} 缺少 value",
        "en": "the measurement {measure} needs a value",
    },
    "validation.observation_type": {
        "zh": "{measure} 的值应为 {expected}",
        "en": "{measure} takes {expected}",
    },
    "validation.observation_what": {
        "zh": "须写 measure（测量项目）或 clause（评估的条款）",
        "en": "give measure (what was measured) or clause (the clause rated)",
    },
    "validation.observation_empty": {
        "zh": "对条款的评估须写 rating（P/S/M/U）或 note（评估意见）",
        "en": "an evaluator's word on a clause gives a rating (P/S/M/U) or a note",
    },
    "validation.clause_unknown": {
        "zh": "没有条款 {got}：条款序号为 1–{count}，或编号 {ids}",
        "en": "no clause {got}: clauses are numbered 1–{count}, or by id: {ids}",
    },
    "validation.no_rules": {
        "zh": "场景没有可对应的预案规则",
        "en": "the scenario has no playbook rules to refer to",
    },
    "validation.rule_range": {
        "zh": "必须在 1 与 {count} 之间，实际为 {got}",
        "en": "must be between 1 and {count}, got {got}",
    },
    "validation.rule_other_action": {
        "zh": "第 {rule} 条规则执行的是 {does}，不是 {action}",
        "en": "rule {rule} does {does}, not {action}",
    },
    "validation.log_missing": {
        "zh": "缺少此项；请列出所做的措施，如 {example}",
        "en": "is required but missing; list the actions like {example}",
    },
    "validation.log_not_mapping": {
        "zh": "日志是一个映射：请把措施写在 `log:` 下（见 README 的 Drill logs）",
        "en": "a log is a mapping: put the actions under `log:` (see README, Drill logs)",
    },
    "validation.date": {
        "zh": "必须是日期，如 2026-11-20，实际为 {got}",
        "en": "must be a date like 2026-11-20, got {got}",
    },
    "validation.names": {
        "zh": "必须是一个姓名或姓名列表，实际为 {got}",
        "en": "must be a name or a list of names, got {got}",
    },
}
