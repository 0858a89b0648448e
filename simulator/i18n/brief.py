"""Catalogue entries for the drill brief (see :mod:`simulator.report.brief`)."""

_KINDS = {
    "surge": ("客流激增", "crowd surge"),
    "system_outage": ("业务系统故障", "business system outage"),
    "power_outage": ("突发停电", "power outage"),
    "illness": ("客户突发疾病", "customer taken ill"),
    "disorder": ("寻衅滋事", "disturbance"),
    "siege": ("营业厅遭到围攻", "hall besieged"),
    "fire": ("火灾", "fire"),
    "bomb_threat": ("涉枪涉爆", "bomb threat"),
    "earthquake": ("地震", "earthquake"),
    "kiosk_outage": ("自助设备故障", "kiosk outage"),
    "fight": ("客户争吵斗殴", "fight between customers"),
    "group_complaint": ("群体性投诉", "group complaint"),
    "media": ("媒体采访", "media visit"),
    "robbery": ("抢劫", "robbery"),
}
# What the plans expect of the hall when each incident strikes (the MSEL "expected action").
_EXPECTED = {
    "surge": ("增开台席、引导分流、维持秩序", "open counters, steer customers, keep order"),
    "system_outage": (
        "联系技术部门并上报；统一口径解释；留下联系电话；引导至正常网点",
        "call IT and report; explain with agreed wording; take call-back numbers; redirect",
    ),
    "power_outage": (
        "开启应急照明、安抚客户、启用发电设备",
        "emergency lighting, reassure customers, start the generator",
    ),
    "illness": ("提供帮助，视情况拨打120", "give first aid; call 120 if needed"),
    "disorder": ("安保人员到场劝导；无效时报110", "security intervenes; call 110 if that fails"),
    "siege": ("负责人和安保到场劝解；必要时报110", "manager and security talk them down; 110"),
    "fire": (
        "扑救初起火灾；无法控制时拨打119、切断电源、疏散客户、转移现金",
        "fight the fire; if it spreads call 119, cut the power, evacuate, secure the cash",
    ),
    "bomb_threat": ("报警110、隔离、疏散", "call 110, isolate the area, evacuate"),
    "earthquake": ("震后组织疏散至安全地带", "evacuate to safety once the shaking stops"),
    "kiosk_outage": (
        "引导客户至柜台办理，联系维护部门",
        "steer kiosk customers to the counters; call maintenance",
    ),
    "fight": (
        "营业厅主任出面调解，保安配合制止；事态难以控制时报110并报告中心领导",
        "the manager mediates, security steps in; if it gets out of hand call 110 and report",
    ),
    "group_complaint": (
        "负责人出面劝解疏导，统一口径解释，及时上报；必要时报110",
        "the manager talks to the group with the agreed wording and reports; 110 if needed",
    ),
    "media": (
        "营业厅主任接待，核实身份，按统一口径回复，报中心负责人",
        "the manager receives them, checks credentials, answers with the agreed wording, reports",
    ),
    "robbery": (
        "保全人身安全，触发防抢报警，锁好现金；歹徒离开后立即报110、上报，疏散客户并保护现场",
        "safety first, silent alarm, lock the cash; once they leave call 110, report, "
        "evacuate the customers and keep the scene",
    ),
}

BRIEF_TEXTS: dict[str, dict[str, str]] = {
    **{f"kind.{k}": {"zh": zh, "en": en} for k, (zh, en) in _KINDS.items()},
    **{f"expected.{k}": {"zh": zh, "en": en} for k, (zh, en) in _EXPECTED.items()},
    "rating.P": {"zh": "P 顺利完成", "en": "P performed without challenges"},
    "rating.S": {"zh": "S 基本完成，存在一些问题", "en": "S performed with some challenges"},
    "rating.M": {"zh": "M 勉强完成，存在重大问题", "en": "M performed with major challenges"},
    "rating.U": {"zh": "U 未能完成", "en": "U unable to perform"},
    "rating.none": {"zh": "未演练到", "en": "not exercised"},
    "brief.title": {"zh": "演练评估报告", "en": "Drill evaluation"},
    # A run nobody drilled is a plan assessment by simulation, never written up as a drill.
    "brief.title_assessment": {
        "zh": "预案推演评估报告",
        "en": "Plan assessment by simulation",
    },
    "brief.control_assessment": {"zh": "一、推演基本信息", "en": "1. About this assessment"},
    "brief.exercise_assessment": {"zh": "推演名称", "en": "Assessment"},
    "brief.record_assessment": {"zh": "二、推演说明", "en": "2. What was simulated"},
    "brief.record_time_assessment": {"zh": "推演方式", "en": "Method"},
    "brief.record_time_assessment_value": {
        "zh": "计算机模拟推演，未组织实际演练：模拟营业时间 {open}–{close}，共 {days} 个模拟营业日",
        "en": "a computer simulation, not a drill: simulated opening hours {open}–{close}, "
        "{days} simulated days",
    },
    "brief.record_content_assessment": {"zh": "推演内容", "en": "Content"},
    "brief.record_participants_assessment": {
        "zh": "人员配置（模拟）",
        "en": "Staffing (simulated)",
    },
    "brief.colon": {"zh": "：", "en": ": "},
    "brief.comma": {"zh": "，", "en": ", "},
    "brief.list_separator": {"zh": "；", "en": "; "},
    "brief.rated": {"zh": "{name}（{rating}）", "en": "{name} ({rating})"},
    "brief.control": {"zh": "一、演练基本信息", "en": "1. Exercise control"},
    "brief.warnings": {"zh": "场景提示", "en": "Scenario warnings"},
    "brief.warning": {"zh": "第 {line} 行：{text}", "en": "line {line}: {text}"},
    "brief.exercise": {"zh": "演练名称", "en": "Exercise"},
    "brief.site": {"zh": "网点名称、地点", "en": "Site"},
    "brief.date": {"zh": "报告日期", "en": "Date"},
    "brief.scenario_file": {"zh": "场景文件", "en": "Scenario file"},
    "brief.seed": {"zh": "随机种子", "en": "Seed"},
    "brief.replications": {"zh": "模拟天数", "en": "Simulated days"},
    "brief.version": {"zh": "软件版本", "en": "drill version"},
    "brief.item": {"zh": "项目", "en": "Item"},
    "brief.content": {"zh": "内容", "en": "Content"},
    "brief.record": {"zh": "二、演练记录", "en": "2. Drill record"},
    "brief.record_time": {"zh": "演练时间", "en": "Time"},
    "brief.record_time_value": {
        "zh": "{date}，模拟营业时间 {open}–{close}",
        "en": "{date}, simulated opening hours {open}–{close}",
    },
    "brief.record_content": {"zh": "演练内容", "en": "Content"},
    "brief.record_participants": {"zh": "参加人员", "en": "Participants"},
    "brief.participants_value": {
        "zh": "营业台席最多 {counters} 人，引导员 {guides} 人，安保人员 {security} 人，"
        "备用人员 {reserve} 人（模拟）",
        "en": "counter staff: up to {counters}; guides: {guides}; security: {security}; "
        "reserve: {reserve} (simulated)",
    },
    "brief.record_evaluation": {"zh": "评估情况", "en": "Evaluation"},
    "brief.no_incidents": {"zh": "日常营业（无突发事件）", "en": "an ordinary day (no incidents)"},
    "brief.incident_item": {"zh": "{kind}（{at}）", "en": "{kind} ({at})"},
    "brief.incident_item_noted": {"zh": "{kind}（{at}，{note}）", "en": "{kind} ({at}, {note})"},
    "brief.timeline": {"zh": "三、演练进程（情景事件与处置）", "en": "3. Scenario timeline"},
    "brief.timeline_assessment": {
        "zh": "三、推演进程（情景事件与处置）",
        "en": "3. Scenario timeline",
    },
    "brief.col_time": {"zh": "时间", "en": "Time"},
    "brief.col_inject": {"zh": "情景事件", "en": "Inject"},
    "brief.col_expected": {"zh": "预期处置", "en": "Expected action"},
    "brief.col_happened": {"zh": "实际情况", "en": "What happened"},
    "brief.col_happened_assessment": {"zh": "推演结果", "en": "Simulated outcome"},
    "brief.exit_table": {"zh": "各出口疏散情况", "en": "By exit"},
    "brief.exit_blocked_share": {
        "zh": "（{share:.0%} 的疏散中被封堵）",
        "en": " (blocked in {share:.0%} of evacuations)",
    },
    "brief.happened_incident": {
        "zh": "{days} 天中有 {occurred} 天发生",
        "en": "occurred on {occurred} of {days} days",
    },
    "brief.happened_fire": {
        "zh": "；扑灭 {suppressed} 天，疏散 {evacuated} 天",
        "en": "; put out on {suppressed} days, evacuated on {evacuated}",
    },
    "brief.happened_duration": {
        "zh": "；持续时间中位数 {minutes:.0f} 分钟",
        "en": "; median duration {minutes:.0f} min",
    },
    "brief.rule_inject": {"zh": "条件：{when}", "en": "condition: {when}"},
    "brief.never": {"zh": "—", "en": "—"},
    "brief.snapshot": {"zh": "四、突发事件报告", "en": "4. Incident report"},
    "brief.snapshot_time": {"zh": "事件发生的时间", "en": "Time"},
    "brief.snapshot_type": {"zh": "事件的种类", "en": "Type"},
    "brief.snapshot_impact": {"zh": "事件的影响和危害程度", "en": "Impact"},
    "brief.snapshot_measures": {
        "zh": "已采取的应急措施及控制程度",
        "en": "Measures taken and degree of control",
    },
    "brief.snapshot_trend": {"zh": "事态发展趋势", "en": "Trend"},
    "brief.snapshot_next": {"zh": "拟进一步采取的措施", "en": "Next steps"},
    "brief.impact_value": {
        "zh": "日均客户 {arrivals:.0f} 人；90% 客户等候 {wait_p90:.1f} 分钟以内；"
        "放弃等候 {abandon:.1%}",
        "en": "{arrivals:.0f} customers a day; 90 % waited at most {wait_p90:.1f} min; "
        "{abandon:.1%} gave up waiting",
    },
    "brief.impact_outside": {
        "zh": "；门外最多 {peak:.0f} 人等候，{left:.1%} 在门外等候后离去",
        "en": "; up to {peak:.0f} waiting outside, {left:.1%} left from outside",
    },
    "brief.impact_turned_away": {
        "zh": "；营业厅因事件封闭，{share:.1%} 的客户到门口即被劝离",
        "en": "; the hall was closed by an incident and {share:.1%} were turned away at the door",
    },
    "brief.impact_evacuation": {
        "zh": "；疏散 {people:.0f} 人，RSET 中位数 {rset:.0f} 秒，出口通过能力取{flow}",
        "en": "; {people:.0f} people evacuated, median RSET {rset:.0f} s, door flow {flow}",
    },
    "brief.other_flow": {
        "zh": "（若出口通过能力取{flow}，RSET 中位数为 {rset:.0f} 秒）",
        "en": " (with the door flow {flow}, the median RSET would be {rset:.0f} s)",
    },
    "brief.impact_exits": {"zh": "。各出口：{exits}", "en": ". By exit: {exits}"},
    "brief.exit_used": {
        "zh": "{name}平均 {people:.0f} 人，每秒 {flow:.2f} 人，最后一人于报警后 {last:.0f} 秒撤出",
        "en": "{name} {people:.0f} people, {flow:.2f} a second, the last {last:.0f} s after "
        "the alarm",
    },
    "brief.exit_blocked": {"zh": "{name}被堵", "en": "{name} blocked"},
    "flow.design": {
        "zh": "设计值（SFPE，每米有效宽度每秒 1.3 人，偏保守）",
        "en": "at SFPE's design value (1.3 persons/s per metre of effective width, conservative)",
    },
    "flow.measured": {
        "zh": "实测值（Seyfried 等 2009 年瓶颈实验，每米净宽每秒 1.6 人）",
        "en": "as measured in bottleneck experiments (Seyfried et al. 2009; 1.6 persons/s per "
        "metre of clear width)",
    },
    "flow.calibrated": {
        "zh": "本厅设定值（每米净宽每秒 {value:g} 人）",
        "en": "at the hall's own figure ({value:g} persons/s per metre of clear width)",
    },
    "brief.measures_value": {
        "zh": "{rated} 项目标中 {performed} 项顺利完成（P）",
        "en": "{performed} of {rated} rated objectives performed without challenges (P)",
    },
    "brief.trend_value": {
        "zh": "排队最多时约 {peak:.0f} 人（日均），{abandon:.1%} 的客户放弃等候，"
        "{redirect:.1%} 被引导分流",
        "en": "the queue peaked at about {peak:.0f} (daily mean); {abandon:.1%} of customers "
        "gave up waiting, {redirect:.1%} were redirected",
    },
    "brief.trend_evacuation": {
        "zh": "；{days} 个模拟日中有 {evacuated} 天以疏散告终",
        "en": "; {evacuated} of {days} simulated days ended in an evacuation",
    },
    "brief.next_value": {"zh": "见第八部分整改措施", "en": "see the rectification plan (8)"},
    "brief.objectives": {"zh": "五、目标与评定", "en": "5. Objectives and ratings"},
    "brief.task": {"zh": "关键任务", "en": "Critical task"},
    "brief.rating": {"zh": "评定", "en": "Rating"},
    "brief.evidence": {"zh": "依据", "en": "Evidence"},
    "brief.limits": {"zh": "服务指标", "en": "Service limits"},
    "brief.limit": {"zh": "指标", "en": "Limit"},
    "brief.held": {"zh": "达标天数比例（95% 置信区间）", "en": "Held on (95 % CI)"},
    "brief.held_value": {
        "zh": "{share:.0%}（{low:.0%}–{high:.0%}），要求 ≥ {target:.0%}",
        "en": "{share:.0%} ({low:.0%}–{high:.0%}), needs ≥ {target:.0%}",
    },
    "brief.held_unsure": {
        "zh": "；区间下限低于要求，宜增加模拟天数",
        "en": "; the interval reaches below the target: simulate more days",
    },
    "brief.limit_value": {
        "zh": "{metric} {sign} {threshold}",
        "en": "{metric} {sign} {threshold}",
    },
    "brief.strengths": {"zh": "六、主要优点与不足", "en": "6. Strengths and areas for improvement"},
    "brief.strengths_list": {"zh": "优点", "en": "Strengths"},
    "brief.improvements_list": {"zh": "不足", "en": "Areas for improvement"},
    "brief.none": {"zh": "无", "en": "none"},
    "brief.overall": {"zh": "七、总体评价", "en": "7. Overall evaluation"},
    "brief.rectification": {"zh": "八、整改措施", "en": "8. Rectification plan"},
    "brief.col_issue": {"zh": "问题", "en": "Issue"},
    "brief.col_action": {"zh": "整改措施", "en": "Action"},
    "brief.col_owner": {"zh": "责任人", "en": "Owner"},
    "brief.col_due": {"zh": "完成期限", "en": "Due"},
    "fix.wait": {
        "zh": "高峰时段增开台席或开设快速受理窗口，并按排班测算核定所需台席数",
        "en": "add counters or a fast lane at the peaks; size them with drill staff",
    },
    "fix.priority": {
        "zh": "落实老弱病残孕客户优先办理（绿色通道），必要时设专门窗口",
        "en": "serve elderly, disabled and pregnant customers first (a green channel), "
        "with a counter of their own if needed",
    },
    "fix.abandon": {
        "zh": "缩短等候：增开台席、预登记预受理、引导自助办理",
        "en": "shorten waits: more counters, pre-registration, self-service",
    },
    "fix.density": {
        "zh": "控制进厅人数，引导分流至自助区或其他营业厅",
        "en": "limit entry and steer customers to kiosks or another hall",
    },
    "fix.evacuation": {
        "zh": "缩短疏散准备：报警即疏散、先人后财，加强疏散引导",
        "en": "shorten pre-movement: alarm at once, people before property, more guidance",
    },
    "fix.crowd": {
        "zh": "增加疏散引导，分散至各安全出口，保持出口畅通",
        "en": "more guides to spread the crowd over the exits; keep exits clear",
    },
    "fix.clause": {
        "zh": "对照预案重新培训该项处置，明确责任人和时限，下次演练复查",
        "en": "train this step against the plan again, name who does it and by when; check it "
        "at the next drill",
    },
    "fix.clause_life": {
        "zh": "组织该项应急处置专项训练，明确岗位分工（发现人、报警人、疏散引导人），下次演练复查",
        "en": "drill this emergency step on its own, naming who notices, who calls and who "
        "guides; check it at the next drill",
    },
    "fix.rule": {
        "zh": "补足备用人员或调整触发条件，确保措施可执行",
        "en": "enlarge the reserve or adjust the trigger so the measure can be carried out",
    },
    "fix.deadline": {
        "zh": "明确上报责任人并演练上报流程，确保按时上报",
        "en": "name who reports and rehearse the escalation chain",
    },
    "fix.other": {"zh": "分析原因并修订预案", "en": "find the cause and revise the plan"},
    "owner.manager": {"zh": "营业厅主任", "en": "hall manager"},
    "owner.duty": {"zh": "值班经理", "en": "duty manager"},
    "owner.safety": {"zh": "安保主管", "en": "safety officer"},
    "brief.comparison": {"zh": "九、方案比较", "en": "9. Plan comparison"},
    "brief.comparison_intro": {
        "zh": "基准方案与 {variants} 个备选方案各模拟 {days} 天，{crn}；{order}。"
        "差值为“方案 − 基准”的逐日配对差的均值及 95% 置信区间，区间不含 0 即为显著。",
        "en": "The base and {variants} alternative plans were each simulated for {days} days "
        "with {crn}, {order}. A difference is the mean of the daily "
        "paired differences plan − base with its 95 % interval; it is significant when the "
        "interval excludes 0.",
    },
    "brief.order_metric": {
        "zh": "按“{metric}”排序（{better}）",
        "en": "ranked by {metric} ({better})",
    },
    "brief.order_limits_then_cost": {
        "zh": "先看各项限值（未能保持基准方案已达标限值的方案排在基准之后；全部达标者在前，"
        "未达标项少者次之），再按“{metric}”由低到高排序（与基准方案之差不显著的视为相同），"
        "相同时比较 90% 客户等候时间",
        "en": "ranked limits first (a plan breaking a limit the base holds never ahead of the "
        "base; plans that hold every limit ahead, then those that break fewest), then by "
        "{metric}, lowest first (a difference to the base that is not significant counting as "
        "none), then by the 90th-percentile wait",
    },
    "brief.order_limits_then_rset": {
        "zh": "先看各项限值，再比 RSET 超过 ASET 的天数比例，最后比“{metric}”"
        "（在两方案均疏散的日子逐日配对比较，差异不显著视为相同），均为低者优先",
        "en": "ranked limits first, then by how often RSET exceeded ASET, then by {metric}, "
        "lowest first",
    },
    "brief.crn": {"zh": "采用共同随机数（各方案逐日面对相同客流）", "en": "common random numbers"},
    "brief.independent": {"zh": "各方案使用独立随机数", "en": "independent random numbers"},
    "brief.lower_better": {"zh": "越低越好", "en": "lower is better"},
    "brief.higher_better": {"zh": "越高越好", "en": "higher is better"},
    "brief.col_rank": {"zh": "名次", "en": "Rank"},
    "brief.col_plan": {"zh": "方案", "en": "Plan"},
    "brief.col_mean": {"zh": "均值（95% 置信区间）", "en": "Mean (95 % CI)"},
    "brief.col_difference": {
        "zh": "与基准之差（95% 置信区间）",
        "en": "Difference to base (95 % CI)",
    },
    "brief.value_ci": {"zh": "{mean}（{low} ~ {high}）", "en": "{mean} ({low} to {high})"},
    "brief.base_plan": {"zh": "基准方案", "en": "base plan"},
    "brief.significant": {"zh": "显著", "en": "significant"},
    "brief.not_significant": {"zh": "不显著", "en": "not significant"},
    "brief.precision_met": {
        "zh": "精度要求（差值 ±{precision:g}）已达到。",
        "en": "Precision target (±{precision:g} on the difference) reached.",
    },
    "brief.precision_missed": {
        "zh": "在模拟天数上限内未达到精度要求（差值 ±{precision:g}）。",
        "en": "Precision target (±{precision:g} on the difference) not reached within the cap "
        "on simulated days.",
    },
    "brief.staffing": {"zh": "九、台席配置测算", "en": "9. Counter staffing"},
    "brief.staffing_intro": {
        "zh": "目标：每个 {block:g} 分钟时段内到店办理柜台业务的客户满足 {targets}，且在至少 "
        "{share:.0%} 的模拟日（共 {days} 天，各方案面对相同客流）中达标。起点为各时段的 "
        "Erlang C/Erlang A 稳态估算，再逐一增减台席、以模拟校正（共模拟 {plans} 套排班）。"
        "台席小时：现行 {given:g}，Erlang 估算 {erlang:g}，模拟核定 {found:g}；"
        "备用人员：现行 {reserve_given} 人，核定 {reserve_found} 人。",
        "en": "Target: the counter customers arriving in each {block:g}-minute block keep "
        "{targets} on at least {share:.0%} of the simulated days ({days} days, the same "
        "customers for every plan). The search starts from a steady-state Erlang C/Erlang A "
        "estimate per block and corrects it by simulation, a counter at a time ({plans} rotas "
        "simulated). Counter-hours: current {given:g}, Erlang {erlang:g}, found {found:g}; "
        "reserve call-ins: current {reserve_given}, found {reserve_found}.",
    },
    "brief.staffing_unreachable": {
        "zh": "以下时段即使开满 {most} 个台席仍不达标，需另行采取措施：{blocks}。",
        "en": "These blocks miss the target even with all {most} counters open and need other "
        "measures: {blocks}.",
    },
    "brief.col_block": {"zh": "时段", "en": "Block"},
    "brief.col_arrivals": {"zh": "客流（人/时）", "en": "Arrivals/h"},
    "brief.col_given": {"zh": "现行（达标率）", "en": "Current (met)"},
    "brief.col_erlang": {"zh": "Erlang（达标率）", "en": "Erlang (met)"},
    "brief.col_found": {"zh": "核定（达标率）", "en": "Found (met)"},
    "brief.counters_met": {"zh": "{counters}（{met:.0%}）", "en": "{counters} ({met:.0%})"},
    "brief.drill": {"zh": "九、演练决策记录", "en": "9. Decision log"},
    "brief.drill_intro_score": {
        "zh": "实际演练日志（{file}）共记录 {decisions} 项处置措施；"
        "演练评定见“演练评定”一节。此处将各项措施按其实际时间"
        "在 {days} 个模拟营业日上回放（推演，仅供参考）。"
        "“预案时间”为预案条件要求采取该措施的时间（各模拟日中与实际最接近一次的中位数），"
        "“偏差”为实际时间减预案时间（分钟，正值为滞后）。",
        "en": "The drill's log ({file}) records {decisions} actions; the drill is rated in the "
        'section "Drill rating". Here they are replayed at the times they really happened on '
        "{days} simulated days (a what-if, for reference). "
        '"Playbook time" is when the playbook\'s condition called for the action (median over '
        'the days of the call nearest the action); "deviation" is actual minus playbook time '
        "in minutes (positive: late).",
    },
    "brief.drill_intro_play": {
        "zh": "桌面推演中团队共作出 {decisions} 项处置决策"
        "（偏差为实际时间减预案要求时间，单位分钟）。"
        "下表将团队处置结果与自动执行预案的结果在同一模拟营业日（相同随机数）"
        "上对比。",
        "en": "The team took {decisions} decisions in the tabletop exercise (deviation: decision "
        "time minus the time the playbook called for it, in minutes). The second table sets the "
        "team's outcome beside the automatic playbook's on the same simulated day (same random "
        "numbers).",
    },
    "brief.col_measure": {"zh": "处置措施", "en": "Action"},
    "brief.col_who": {"zh": "执行人", "en": "By"},
    "brief.col_rule": {"zh": "预案条款", "en": "Playbook rule"},
    "brief.col_planned": {"zh": "预案时间", "en": "Playbook time"},
    "brief.col_deviation": {"zh": "偏差（分钟）", "en": "Deviation (min)"},
    "brief.col_metric": {"zh": "指标", "en": "Metric"},
    "brief.col_team": {"zh": "团队处置", "en": "Team"},
    "brief.comparison_effects": {
        "zh": "各方案的效果、副作用与成本（日均值；括号内为与基准方案之差，≈ 表示差异不显著）",
        "en": "Effects, side effects and cost of each plan (daily means; in brackets the "
        "difference to the base, ≈ where it is not significant)",
    },
    "brief.holm_note": {
        "zh": "* 表示在对排序指标以外全部 {comparisons} 项可检验的比较（各方案 × 各指标）作 Holm "
        "多重比较校正后仍然显著；未标 * 的显著差异可能只是多次比较中的偶然结果。排序所依据的指标"
        "是事先选定的单一指标，不计入校正，按其本身的 95% 置信区间判断是否显著。",
        "en": "* marks a difference still significant after Holm's correction over the "
        "{comparisons} testable comparisons (plans × metrics) other than the ranking's own; a "
        "significant difference without * may be chance among many comparisons. The ranking's "
        "own metric is chosen before the run, stays out of the correction and is judged by its "
        "own 95 % interval.",
    },
    "brief.breaks_short": {
        "zh": "⚠ 未能保持基准方案已达标的限值",
        "en": "⚠ breaks a limit the base holds",
    },
    "brief.comparison_limits": {
        "zh": "各方案的限值达标情况（达标天数比例）",
        "en": "Each plan's limits (share of days held)",
    },
    "brief.comparison_unable": {
        "zh": "各方案因缺少资源未能（完全）执行或未起作用的措施",
        "en": "What the plans could not (fully) do for want of a resource, or what did nothing",
    },
    "brief.idle_rule": {
        "zh": "{plan}：规则 {rule}（{when}时{action}）在 {days} 天中从未触发，这项改动没有起作用。",
        "en": "{plan}: rule {rule} ({action} when {when}) never fired in {days} days; this change"
        " did nothing.",
    },
    "brief.unable": {
        "zh": "{plan}：“{action}”有 {times} 次未能完全执行（其中 {none} 次完全未执行；{reason}）；"
        "{remedy}",
        "en": "{plan}: {action} fell short {times} times ({none} of them did nothing; {reason});"
        " {remedy}",
    },
    "remedy.reserve_exhausted": {
        "zh": "需增加备用人员",
        "en": "more reserve staff would be needed",
    },
    "remedy.no_free_counter": {
        "zh": "台席已全部开放，增加备用人员无济于事，需增加台席位置",
        "en": "every position was staffed: more reserve cannot help, more positions can",
    },
    "remedy.no_guide": {"zh": "需安排引导员在岗", "en": "a lobby guide must be on the floor"},
    "remedy.no_security": {"zh": "需安排安保人员在门口", "en": "a guard must be at the door"},
    "remedy.no_manager": {
        "zh": "需另有一名经理负责上报",
        "en": "a second manager must be free to report",
    },
    "remedy.last_regular_counter": {
        "zh": "需减少快速窗口或增加台席",
        "en": "fewer fast lanes, or more counters",
    },
    "remedy.neighbor_down": {
        "zh": "邻近营业厅同样故障，需另寻分流去处",
        "en": "the neighbouring hall was down too: another refuge is needed",
    },
    "remedy.neighbor_full": {
        "zh": "邻近营业厅接待能力已满，需另寻分流去处",
        "en": "the neighbouring hall was full: another refuge is needed",
    },
    "brief.effect_change": {"zh": "{mean}（{change}）", "en": "{mean} ({change})"},
    "brief.verdict_held": {"zh": "达标（{share:.0%}）", "en": "held ({share:.0%})"},
    "brief.verdict_broken": {"zh": "未达标（{share:.0%}）", "en": "NOT held ({share:.0%})"},
    "brief.verdict_none": {"zh": "未涉及", "en": "not exercised"},
    "brief.breaks": {
        "zh": "注意：方案“{plan}”未能保持基准方案已达标的限值：{limits}",
        "en": "Note: plan “{plan}” breaks limits the base holds: {limits}",
    },
    "brief.key_figures": {
        "zh": "主要指标（各模拟日的平均值）",
        "en": "Key figures (mean of the simulated days)",
    },
    "brief.col_daily_mean": {"zh": "日均值", "en": "Daily mean"},
    "brief.col_interval": {"zh": "95% 置信区间", "en": "95% CI"},
    "brief.interval": {"zh": "{low} – {high}", "en": "{low} – {high}"},
    "brief.col_playbook": {"zh": "自动预案", "en": "Automatic playbook"},
    "brief.rule_number": {"zh": "第 {number} 条", "en": "rule {number}"},
    "brief.until": {"zh": "至 {time}", "en": "until {time}"},
    "brief.decision_not_done": {"zh": "未能执行：{reason}", "en": "not carried out: {reason}"},
    "role.facilitator": {"zh": "导调", "en": "facilitator"},
    "role.players": {"zh": "参演", "en": "players"},
    "role.evaluator": {"zh": "评估", "en": "evaluator"},
    "role.observers": {"zh": "观摩", "en": "observers"},
    "brief.no_rectification": {"zh": "无需整改。", "en": "Nothing to rectify."},
    "brief.method_drill": {
        "zh": "说明：演练评定依据演练记录逐条评定（评定规则见 docs/scoring.md）。"
        "标有“推演”的部分由 drill 按场景文件模拟 {days} 个营业日生成，"
        "其中的报警、疏散等处置步骤按场景设定发生，不按演练记录回放；"
        "其等级为在至少 {target:.0%} 的模拟日中达到的等级，仅供参考，不影响演练评定。",
        "en": "Method: the drill is rated clause by clause from its log (the rules are in "
        "docs/scoring.md). The parts marked simulated come from {days} simulated days of the "
        "scenario, in which the alarm, the evacuation and the plan's other steps happen as the "
        "scenario plays them, not as logged; their ratings are those reached on at least "
        "{target:.0%} of the days, for reference only, and do not change the drill's rating.",
    },
    "brief.method": {
        "zh": "说明：本报告由 drill 按场景文件模拟 {days} 个营业日生成；各项评定为在至少 "
        "{target:.0%} 的模拟日中达到的等级。",
        "en": "Method: drill simulated {days} days of the scenario; each rating is the one "
        "reached on at least {target:.0%} of the simulated days.",
    },
}
