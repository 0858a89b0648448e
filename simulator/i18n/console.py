"""What the tabletop console (``drill play``) says, in Chinese and English."""

CONSOLE_TEXTS: dict[str, dict[str, str]] = {
    "console.title": {
        "zh": "桌面推演：{name}（种子 {seed}）",
        "en": "Tabletop exercise: {name} (seed {seed})",
    },
    "console.roles_intro": {
        "zh": "请登记参加人员（多人用逗号分隔，可留空）。",
        "en": "Who takes part? (several names separated by commas; may be left empty)",
    },
    "console.ask_facilitator": {"zh": "导调", "en": "Facilitator"},
    "console.ask_players": {"zh": "参演人员", "en": "Players"},
    "console.ask_evaluator": {"zh": "评估人员", "en": "Evaluator"},
    "console.ask_observers": {"zh": "观摩人员", "en": "Observers"},
    "console.clock": {"zh": "—— {clock} ——", "en": "—— {clock} ——"},
    "console.inject": {"zh": "情况通报：{what}", "en": "Inject: {what}"},
    "console.inject_end": {"zh": "{kind}结束", "en": "{kind} ends"},
    # What happens within an incident, as the facilitator announces it.
    "step.fire_detected": {"zh": "发现火情，员工开始扑救", "en": "fire detected; staff fight it"},
    "step.fire_suppressed": {"zh": "初起火灾已扑灭", "en": "the fire is out"},
    "step.fire_out_of_control": {
        "zh": "3分钟内未能扑灭，火势失控",
        "en": "not out within three minutes: the fire is out of control",
    },
    "step.generator_on": {"zh": "备用发电机启动，系统恢复", "en": "generator on; systems back"},
    "step.robbers_left": {"zh": "歹徒已离开营业厅", "en": "the robbers have left"},
    "step.police_arrived": {"zh": "公安人员到达现场", "en": "the police are on site"},
    "step.work_to_enter": {
        "zh": "系统恢复，台席录入人工预受理的业务（录入派单）",
        "en": "systems back: counters enter the work pre-accepted by hand",
    },
    "step.work_left": {
        "zh": "营业结束后系统才恢复，人工预受理的业务改日录入",
        "en": "systems back only after closing: the pre-accepted work is entered another day",
    },
    "step.callbacks_called": {
        "zh": "系统恢复，通知留下电话的客户回来办理",
        "en": "systems back: the customers who left a number are called back",
    },
    "console.status": {
        "zh": "排队 {queue:.0f} 人 · 厅内密度 {density:.2f} 人/m² · 近 15 分钟 P90 等候 "
        "{wait:.0f} 分钟 · 开放台席 {counters} · 备用人员可调 {reserve}（在途 {on_the_way}）",
        "en": "queue {queue:.0f} · density {density:.2f}/m² · P90 wait (last 15 min) {wait:.0f} "
        "min · counters open {counters} · reserve left {reserve} ({on_the_way} on the way)",
    },
    "console.outage": {
        "zh": "故障持续中：已 {minutes:.0f} 分钟",
        "en": "Outage in progress: {minutes:.0f} minutes so far",
    },
    "console.recommends": {"zh": "预案建议：{what}", "en": "The playbook recommends: {what}"},
    "console.menu": {"zh": "可选措施：", "en": "Actions:"},
    "console.recommended_mark": {"zh": "★ 预案建议", "en": "★ recommended"},
    "console.other": {"zh": "其他措施（不在预案中）", "en": "another action (not in the playbook)"},
    "console.continue": {"zh": "继续推演", "en": "continue"},
    "console.end": {"zh": "结束决策，推演至营业结束", "en": "no more decisions; play the day out"},
    "console.choose": {"zh": "请选择", "en": "Choose"},
    "console.invalid_choice": {
        "zh": "无此选项：{value}；请输入 {choices} 之一。",
        "en": "No such choice: {value}; enter one of {choices}.",
    },
    "console.which_action": {"zh": "措施编号", "en": "Action number"},
    "console.other_title": {
        "zh": "可采取的其他措施（输入编号或名称）：",
        "en": "Other actions you can take (enter the number or the name):",
    },
    "console.back": {"zh": "返回菜单", "en": "back to the menu"},
    "console.invalid_action": {
        "zh": "无此措施：{value}；请输入 1–{most} 的编号或措施名称，或输入 0 返回菜单。",
        "en": "No such action: {value}; enter a number 1–{most} or an action's name, or 0 "
        "to go back.",
    },
    "console.prompt_suffix": {"zh": "：", "en": ": "},
    "console.rule_words": {"zh": "{note}（{action}：{when}）", "en": "{note} ({action}: {when})"},
    "console.step_words": {"zh": "{name}（{action}）", "en": "{name} ({action})"},
    "console.ask_again": {
        "zh": "请重新输入（输入 q 返回菜单，不记录这项措施）：",
        "en": "Enter it again (q: back to the menu, nothing recorded):",
    },
    "console.not_recorded": {"zh": "未记录，返回菜单。", "en": "Not recorded; back to the menu."},
    "console.parameter": {"zh": "  {name}", "en": "  {name}"},
    "console.until": {
        "zh": "  持续至（HH:MM，留空为全天）",
        "en": "  in force until (HH:MM; empty: rest of the day)",
    },
    "console.who": {"zh": "  执行人", "en": "  Taken by"},
    "console.rejected": {"zh": "未记录：{problem}", "en": "Not recorded: {problem}"},
    "console.recorded": {"zh": "已记录：{clock} {what}", "en": "Recorded: {clock} {what}"},
    "console.day_over": {"zh": "营业日结束。", "en": "The day is over."},
    "console.outcome": {
        "zh": "团队处置与自动预案在同一天（相同随机数）上的结果：",
        "en": "The team's day beside the automatic playbook's (same random numbers):",
    },
    "console.col_metric": {"zh": "指标", "en": "metric"},
    "console.col_team": {"zh": "团队", "en": "team"},
    "console.col_playbook": {"zh": "自动预案", "en": "playbook"},
    "console.due": {
        "zh": "★ 预案要求：{number}. {name}（{due} 起应执行）",
        "en": "★ due: {number}. {name} (from {due})",
    },
    "console.overdue": {
        "zh": "⚠ 已超时：{number}. {name}（{due} 起应执行，尚未执行）",
        "en": "⚠ overdue: {number}. {name} (due from {due}, not done)",
    },
    "console.upcoming": {
        "zh": "期限：{number}. {name}（应于 {due} 前完成）",
        "en": "deadline: {number}. {name} (by {due})",
    },
    "console.done": {"zh": "{clock} 已执行：{what}", "en": "{clock} carried out: {what}"},
    "console.not_done": {
        "zh": "{clock} 未能执行：{what}（{reason}）",
        "en": "{clock} not carried out: {what} ({reason})",
    },
    "console.undo": {"zh": "撤销上一项（{what}）", "en": "undo the last one ({what})"},
    "console.undone": {"zh": "已撤销：{what}", "en": "Undone: {what}"},
    "console.interrupted": {
        "zh": "推演已中断。已记录的 {count} 项决策已保存：{path}\n"
        "继续推演：drill play {file} --resume {path}",
        "en": "The exercise was interrupted. Its {count} decisions so far are saved: {path}\n"
        "Go on with: drill play {file} --resume {path}",
    },
    "console.procedure": {
        "zh": "{clock}（推演，按场景设定）{what}",
        "en": "{clock} (simulated, as the scenario plays it) {what}",
    },
    "procedure.power_cut": {"zh": "切断电源", "en": "the power is cut"},
    "procedure.evacuation_alarm": {
        "zh": "发出警报，开始疏散",
        "en": "the alarm sounds; evacuation",
    },
    "procedure.evacuation_complete": {"zh": "疏散完成，人员全部撤出", "en": "everyone is out"},
    "procedure.evacuation_by_responders": {
        "zh": "无人下达疏散指令，救援力量到场后组织清场",
        "en": "nobody ordered the evacuation; the responders clear the hall on arrival",
    },
    "console.evacuation": {
        "zh": "  疏散结果（推演）：{people} 人撤出，警报后 {egress:.0f} 秒全部撤出"
        "（自事件发生起 {rset:.0f} 秒）",
        "en": "  Evacuation (simulated): {people} people out {egress:.0f} s after the alarm "
        "({rset:.0f} s from the incident)",
    },
    "console.evacuation_aset": {
        "zh": "  疏散结果（推演）：{people} 人撤出，警报后 {egress:.0f} 秒全部撤出"
        "（自事件发生起 {rset:.0f} 秒，可用安全疏散时间 {asset:.0f} 秒）；超时仍在厅内 {late} 人",
        "en": "  Evacuation (simulated): {people} people out {egress:.0f} s after the alarm "
        "({rset:.0f} s from the incident, against {asset:.0f} s available); {late} still "
        "inside past that",
    },
    "procedure.isolate": {"zh": "隔离现场", "en": "the area is isolated"},
    "procedure.silent_alarm": {"zh": "触发无声报警", "en": "the silent alarm is raised"},
    "procedure.lockdown": {"zh": "锁闭柜台", "en": "counters locked"},
    "procedure.call_emergency": {"zh": "报警求助", "en": "the emergency services are called"},
    "console.after_day": {
        "zh": "营业厅已清空，模拟营业日已结束；请记录尚未完成的处置步骤。",
        "en": "The hall is empty and the simulated day is over; record the steps still due.",
    },
    "console.not_due": {
        "zh": "注意：{what} 尚未到预案要求的时机（其条件尚未出现），此时执行不计入评定",
        "en": "Note: {what} is not due yet (its condition has not arisen); done now, it counts "
        "for nothing in the rating",
    },
}
