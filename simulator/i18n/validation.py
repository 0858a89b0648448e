"""What is wrong with a scenario file or a drill log, in the scenario's language.

Every problem a check finds is a catalogue key under ``validation.`` with its arguments;
:mod:`simulator.model.problems` fills them in. Names of keys, metrics and actions are the
file's own words and stay as written.
"""

VALIDATION_TEXTS: dict[str, dict[str, str]] = {
    # The file itself (before any key can be read).
    "validation.footer": {
        "zh": "共发现 {count} 个问题；未进行模拟。",
        "en": "{count} problems found; nothing was simulated.",
    },
    "validation.footer_one": {
        "zh": "共发现 1 个问题；未进行模拟。",
        "en": "1 problem found; nothing was simulated.",
    },
    "validation.ok": {
        "zh": "{file}：无误 — {name}：{services} 项业务、{incidents} 个突发事件、"
        "{rules} 条预案规则、{variants} 个方案变体",
        "en": "{file}: OK — {name}: {services} service(s), {incidents} incident(s), "
        "{rules} playbook rule(s), {variants} variant(s)",
    },
    # Short names of the distributions (for "did you mean" from Chinese: 正态 → normal).
    "distname.exponential": {"zh": "指数分布", "en": "exponential"},
    "distname.lognormal": {"zh": "对数正态分布", "en": "lognormal"},
    "distname.gamma": {"zh": "伽马分布", "en": "gamma"},
    "distname.normal": {"zh": "正态分布", "en": "normal"},
    "distname.uniform": {"zh": "均匀分布", "en": "uniform"},
    "distname.triangular": {"zh": "三角分布", "en": "triangular"},
    "distname.fixed": {"zh": "固定值", "en": "fixed"},
    "distname.empirical": {"zh": "经验分布 实测值", "en": "empirical"},
    "validation.key_not_text": {
        "zh": "键必须是文字，实际为 {got}",
        "en": "a key must be a word, got {got}",
    },
    "shown.nothing": {"zh": "空值", "en": "nothing"},
    "shown.mapping": {"zh": "一个映射", "en": "a mapping"},
    "shown.list": {"zh": "一个列表", "en": "a list"},
    "validation.sd_tiny": {
        "zh": "标准差不到均值的百万分之一，即不随机变化；请改用 {{dist: fixed, value: {mean}}}",
        "en": "the standard deviation is below a millionth of the mean, so it does not vary; "
        "write {{dist: fixed, value: {mean}}}",
    },
    "validation.variant_twice": {
        "zh": "方案变体名 {name} 已在第 {first} 行使用过；请换一个名称",
        "en": "the variant name {name} is already used at line {first}; give it another name",
    },
    "validation.sd_huge": {
        "zh": "标准差超过均值（{mean}）的一百万倍，不可能是实际的时间分布；请检查均值和标准差",
        "en": "the standard deviation is over a million times the mean ({mean}); no real time "
        "varies so; check the mean and the standard deviation",
    },
    # Keys and kinds.
    "validation.unknown": {
        "zh": "未知的{what} {name}；是否应为 {close}？",
        "en": "unknown {what} {name}; did you mean {close}?",
    },
    "validation.unknown_list": {
        "zh": "未知的{what} {name}；可用：{options}",
        "en": "unknown {what} {name}; use one of: {options}",
    },
    "validation.comma_hint": {
        "zh": "（在 {{...}} 中逗号会开始一个新键：中文文字里请用 ， 或 、）",
        "en": " (inside {{...}} a comma starts a new key: write ， or 、 in Chinese text)",
    },
    "what.key": {"zh": "键", "en": "key"},
    "what.limit": {"zh": "限值", "en": "limit"},
    "what.group": {"zh": "人群", "en": "group"},
    "what.egress key": {"zh": "疏散参数", "en": "egress key"},
    "what.parameter": {"zh": "“{name}”的参数", "en": "{name} parameter"},
    "what.incident key": {"zh": "“{name}”事件的键", "en": "{name} key"},
    "what.incident kind": {"zh": "事件类型", "en": "incident kind"},
    "what.distribution": {"zh": "分布", "en": "distribution"},
    "what.action": {"zh": "措施", "en": "action"},
    "what.language": {"zh": "语言", "en": "language"},
    "what.alarm": {"zh": "报警方式", "en": "alarm"},
    "what.service": {"zh": "业务", "en": "service"},
    "what.exit name": {"zh": "出口名称", "en": "exit name"},
    "what.neighbouring hall": {"zh": "邻近营业厅", "en": "neighbouring hall"},
    "what.redirect target": {"zh": "分流去向", "en": "redirect target"},
    "what.role": {"zh": "角色", "en": "role"},
    "what.value": {"zh": "取值", "en": "value"},
    "validation.required": {"zh": "缺少此项（必填）", "en": "is required but missing"},
    "validation.needs_value": {"zh": "需要一个值", "en": "needs a value"},
    "validation.missing_parameter": {
        "zh": "缺少 {name}（{dist} 分布需要 {needed}）",
        "en": "missing {name} ({dist} takes {needed})",
    },
    "validation.duplicate_key": {
        "zh": "键重复（第 {first} 行已写过）；YAML 只会保留最后一个",
        "en": "duplicate key (first written on line {first}); YAML would silently keep only "
        "the last one",
    },
    # Types.
    "validation.number": {"zh": "必须是数字，实际为 {got}", "en": "must be a number, got {got}"},
    "validation.percent_hint": {
        "zh": "（比例请写成小数：55% 写作 0.55）",
        "en": " (write a share as a decimal: 55% is 0.55)",
    },
    "validation.finite": {
        "zh": "必须是有限的数字，实际为 {got}",
        "en": "must be a finite number, got {got}",
    },
    "validation.whole": {
        "zh": "必须是整数，实际为 {got}",
        "en": "must be a whole number, got {got}",
    },
    "validation.flag": {
        "zh": "必须是 true 或 false，实际为 {got}",
        "en": "must be true or false, got {got}",
    },
    "validation.text": {
        "zh": "必须是文字，实际为 {got}（请加引号）",
        "en": "must be text, got {got} (put it in quotes)",
    },
    "validation.blank": {"zh": "不能为空", "en": "must not be empty"},
    "validation.multiline_name": {
        "zh": "名称须写在一行内，不能含换行、回车或制表符",
        "en": "a name must be one line, without line breaks, carriage returns or tabs",
    },
    "validation.variant_name": {
        "zh": "方案名称须写在一行内，不能为空，也不能含换行、回车或制表符",
        "en": "a plan's name must be one line: not empty, without line breaks, carriage returns "
        "or tabs",
    },
    "validation.mapping": {
        "zh": "必须是键值映射，实际为 {got}",
        "en": "must be a mapping of keys, got {got}",
    },
    "validation.item_mapping": {
        "zh": "必须是键值映射，实际为 {got}",
        "en": "must be a mapping, got {got}",
    },
    "validation.distribution_mapping": {
        "zh": "必须是分布，如 {{dist: exponential, mean: 3}}，实际为 {got}",
        "en": "must be a distribution like {{dist: exponential, mean: 3}}, got {got}",
    },
    "validation.list": {"zh": "必须是列表，实际为 {got}", "en": "must be a list, got {got}"},
    "validation.list_empty": {"zh": "至少要列出一项", "en": "must list at least one entry"},
    "validation.too_many": {"zh": "最多只能写 {most} 项", "en": "lists at most {most} entries"},
    "validation.too_large": {
        "zh": "不能超过 {most}，实际为 {got}",
        "en": "must be at most {most}, got {got}",
    },
    "validation.invalid": {"zh": "取值无效：{got}", "en": "is not a valid value: {got}"},
    # Ranges.
    "validation.at_least": {
        "zh": "必须至少为 {low}{hint}，实际为 {got}",
        "en": "must be at least {low}{hint}, got {got}",
    },
    "validation.greater": {
        "zh": "必须大于 {low}{hint}，实际为 {got}",
        "en": "must be greater than {low}{hint}, got {got}",
    },
    "validation.at_most": {
        "zh": "必须至多为 {high}{hint}，实际为 {got}",
        "en": "must be at most {high}{hint}, got {got}",
    },
    "validation.less": {
        "zh": "必须小于 {high}{hint}，实际为 {got}",
        "en": "must be less than {high}{hint}, got {got}",
    },
    "validation.between": {
        "zh": "必须在 {low} 与 {high} 之间{hint}，实际为 {got}",
        "en": "must be between {low} and {high}{hint}, got {got}",
    },
    "validation.range": {
        "zh": "必须{first} {low} 且{second} {high}{hint}，实际为 {got}",
        "en": "must be {first} {low} and {second} {high}{hint}, got {got}",
    },
    "range.at least": {"zh": "至少为", "en": "at least"},
    "range.greater than": {"zh": "大于", "en": "greater than"},
    "range.at most": {"zh": "至多为", "en": "at most"},
    "range.less than": {"zh": "小于", "en": "less than"},
    "validation.width_hint": {
        "zh": "（门的有效宽度为净宽减 0.3 米）",
        "en": " (a door's effective width is its width − 0.3 m)",
    },
    # Clock times.
    "validation.not_clock": {
        "zh": '{got} 不是时刻；请写成 "HH:MM"，如 "09:30"',
        "en": '{got} is not a clock time; write it as "HH:MM", e.g. "09:30"',
    },
    "validation.past_midnight": {"zh": "{got} 已过午夜", "en": "{got} is past midnight"},
    "validation.later_than_open": {
        "zh": "必须晚于开门时间（{open}），实际为 {got}",
        "en": "must be later than open ({open}), got {got}",
    },
    "validation.later_than_from": {
        "zh": "必须晚于开始时间（{start}），实际为 {got}",
        "en": "must be later than from ({start}), got {got}",
    },
    "validation.outside_hours": {
        "zh": "{got} 不在营业时间 {hours} 内",
        "en": "{got} is outside opening hours {hours}",
    },
    "validation.first_block": {
        "zh": "第一个时段必须从开门时间（{open}）开始，实际为 {got}",
        "en": "the first block must start when the hall opens ({open}), got {got}",
    },
    "validation.block_order": {
        "zh": "时段必须按时间先后排列：{got} 不在 {previous} 之后",
        "en": "blocks must be in time order: {got} does not come after {previous}",
    },
    # The hall.
    "validation.schema": {
        "zh": "本版本 drill 读取的格式为 schema {known}，实际为 {got}",
        "en": "this version of drill reads schema {known}, got {got}",
    },
    "validation.twice": {
        "zh": "{name} 重复出现（另见 {path}[{first}]）",
        "en": "{name} is used twice (also {path}[{first}])",
    },
    "validation.positions": {
        "zh": "营业厅只有 {positions} 个台席（site.counters）",
        "en": "the hall has only {positions} counters (site.counters)",
    },
    "validation.last_block_empty": {
        "zh": "最后一个时段至少要开一个台席，否则关门时仍在等候的客户无法办理",
        "en": "the last block must staff at least one counter, or customers still waiting at "
        "closing are never served",
    },
    "validation.no_regular_counter": {
        "zh": "{count} 个台席、其中 {fast_lane} 个快速窗口，就没有普通窗口了；"
        "请开放多于 fast_lane 的台席",
        "en": "{count} counter(s) with fast_lane: {fast_lane} leaves no regular counter; staff "
        "more counters than fast_lane",
    },
    "validation.no_quick_service": {
        "zh": "没有任何业务标有 quick: true，快速窗口将无人可办",
        "en": "no service has quick: true, so the fast lane would serve nobody",
    },
    "validation.nobody_arrives": {
        "zh": "所有时段的 per_hour 都为 0，不会有客户到达",
        "en": "every block has per_hour 0, so nobody would ever arrive",
    },
    "validation.shares_sum": {
        "zh": "各业务比例之和为 {total}，不是 1",
        "en": "the service shares add up to {total}, not 1",
    },
    "validation.priority_sum": {
        "zh": "vip_share 与 vulnerable_share 之和为 {total}；二者合计不能超过 1",
        "en": "vip_share + vulnerable_share is {total}; together they cannot exceed 1",
    },
    "validation.exit_without_floor": {
        "zh": "只有给出平面图（site.floor）时，出口才能写 wall 和 at_m",
        "en": "wall and at_m place an exit on site.floor, which is not given",
    },
    "validation.exit_needs_place": {
        "zh": "有平面图（site.floor）时，每个出口都须写明所在的墙（wall）和位置（at_m）",
        "en": "with site.floor, every exit needs its wall and at_m",
    },
    "validation.area_beyond_floor": {
        "zh": "公共区域面积 {area} 平方米大于平面图的面积 {plan} 平方米",
        "en": "the public floor of {area} m² is larger than the plan's {plan} m²",
    },
    "validation.distance_with_floor": {
        "zh": "有平面图（site.floor）时，到出口的距离由各人位置算出，不能再写 distance_m",
        "en": "with site.floor the distances follow from where people stand: leave distance_m out",
    },
    "validation.exit_wider_than_wall": {
        "zh": "门宽 {width} 米大于所在墙长 {length} 米",
        "en": "the door is {width} m wide, its wall only {length} m long",
    },
    "validation.area_empty": {
        "zh": "区域的起点须小于终点，实际为 {low} 到 {high}",
        "en": "an area runs from a smaller number to a larger one, got {low} to {high}",
    },
    "validation.area_off_floor": {
        "zh": "区域伸到 {high} 米，超出平面图（此方向只有 {size} 米）",
        "en": "the area reaches {high} m, beyond the plan's {size} m",
    },
    "validation.counter_line_off_floor": {
        "zh": "柜台线须在正门所在墙与对面墙之间（小于 {size} 米），实际为 {got}",
        "en": "the counter line must stand between the main door's wall and the opposite one "
        "(under {size} m), got {got}",
    },
    "validation.passage_wider_than_line": {
        "zh": "通道宽 {width} 米，大于柜台线长 {length} 米",
        "en": "the passage of {width} m is wider than the counter line of {length} m",
    },
    "validation.passage_off_line": {
        "zh": "通道中点须在 {low} 到 {high} 米之间，通道才能整个开在柜台线上，实际为 {got}",
        "en": "the passage's middle must lie between {low} and {high} m for it to fit the "
        "counter line, got {got}",
    },
    "validation.zone_behind_counter": {
        "zh": "客户区域须在柜台线前（距正门所在墙 {line} 米以内），此区域伸到柜台线之后",
        "en": "a customers' zone lies in front of the counter line (within {line} m of the "
        "main door's wall); this one reaches behind it",
    },
    "validation.exits_overlap": {
        "zh": "这扇门与 exits[{other}] 在同一面墙上重叠",
        "en": "this door overlaps exits[{other}] on the same wall",
    },
    "validation.exit_off_wall": {
        "zh": "门中点须在 {low} 到 {high} 米之间，门才能整个开在这面墙上，实际为 {got}",
        "en": "the door's middle must lie between {low} and {high} m for the door to fit its "
        "wall, got {got}",
    },
    "validation.speed_zero": {
        "zh": "步行速度必须始终大于 0 米/秒（最小值也不能为 0）",
        "en": "must always be above 0 m/s (its least value too)",
    },
    "validation.region": {
        "zh": "应为 false、true 或邻近营业厅名称列表，实际为 {got}",
        "en": "must be false, true or a list of neighbouring hall names, got {got}",
    },
    "validation.call_back_both": {
        "zh": "at（再来时刻）与 after_min（恢复后分钟数）只能写一个",
        "en": "give either at (the time they are asked to come) or after_min, not both",
    },
    "validation.preaccept_tiny": {
        "zh": "必须为 0（不能手工办理）或至少 0.01，实际为 {got}",
        "en": "must be 0 (no manual work) or at least 0.01, got {got}",
    },
    "validation.service_zero": {
        "zh": "平均办理时长必须大于 0 分钟",
        "en": "must take more than 0 minutes on average",
    },
    # Distributions.
    "validation.above_low": {
        "zh": "必须大于 low（{low}），实际为 {got}",
        "en": "must be greater than low ({low}), got {got}",
    },
    "validation.mode_between": {
        "zh": "必须在 low 与 high 之间（{low}–{high}），实际为 {got}",
        "en": "must lie between low and high ({low}–{high}), got {got}",
    },
    "validation.one_positive": {
        "zh": "至少要有一个大于 0 的值",
        "en": "needs at least one value greater than 0",
    },
    # Incidents.
    "validation.always_evacuates": {
        "zh": "{kind} 事件总会疏散；请删去此键",
        "en": "a {kind} always ends in an evacuation; leave the key out",
    },
    "validation.scope": {
        "zh": "必须是 'all' 或业务名称列表，实际为 {got}",
        "en": "must be 'all' or a list of service names, got {got}",
    },
    "validation.scope_names": {
        "zh": "必须列出业务名称，实际为 {got}",
        "en": "must list service names, got {got}",
    },
    "validation.only_exit": {
        "zh": "{name} 是唯一的出口；封堵它就无路可逃",
        "en": "{name} is the only exit; blocking it leaves nobody a way out",
    },
    # The playbook.
    "validation.no_kiosks": {
        "zh": "营业厅没有自助终端（site.kiosks 为 0），无法分流到自助终端",
        "en": "the site has no kiosks (site.kiosks is 0), so nobody can be sent there",
    },
    "validation.emergency_number": {
        "zh": "必须是 {known} 之一，实际为 {got}",
        "en": "must be one of {known}, got {got}",
    },
    "validation.condition": {"zh": "{reason}（条件 {text}）", "en": "{reason} in {text}"},
    "when.character": {
        "zh": "意外的字符 {found}{hint}",
        "en": "unexpected character {found}{hint}",
    },
    "when.hint.symbol": {"zh": "：请写成 {instead}", "en": ": write {instead}"},
    "when.hint.join": {
        "zh": "：多个条件用 且（and）或 或（or）连接",
        "en": ": join conditions with and or or",
    },
    "when.hint.unit": {
        "zh": "：数字后面不要写单位（如 20 而不是 20人，0.5 而不是 50%）",
        "en": ": write the number without a unit (20, not 20 people; 0.5, not 50%)",
    },
    "when.hint.chinese": {
        "zh": "：请用指标的名称书写，如 排队人数、厅内密度、故障持续、近15分钟P90等候"
        "（也可用英文名）；全部指标见 docs/scenario.zh.md 的“条件语言”",
        "en": ": conditions use the metrics' English names, such as queue or outage_min (all "
        "of them: docs/scenario.md, The when: language)",
    },
    "when.unknown_metric_close": {
        "zh": "未知的指标 {name}；是否应为 {close}？",
        "en": "unknown metric {name}; did you mean {close}?",
    },
    "when.paren": {"zh": "缺少 ')'", "en": "expected ')'"},
    "when.metric": {
        "zh": "应为指标（{known}，或其中文名，如 排队人数、厅内密度），实际为 {found}",
        "en": "expected a metric ({known}), found {found}",
    },
    "when.unknown_metric": {
        "zh": "未知的指标 {name}；可用：{known}，或其中文名（如 排队人数、厅内密度、故障持续，"
        "全部见 docs/scenario.zh.md 的“条件语言”）",
        "en": "unknown metric {name}; known: {known}",
    },
    "when.operator": {
        "zh": "{metric} 之后应为 {operators} 之一，实际为 {found}",
        "en": "expected one of {operators} after {metric}, found {found}",
    },
    "when.time": {
        "zh": "time 只能与时刻比较，如 12:00",
        "en": "compare time with a clock time like 12:00",
    },
    "when.clock": {"zh": "{found} 不是时刻", "en": "{found} is not a clock time"},
    "when.number": {"zh": "应为数字，实际为 {found}", "en": "expected a number, found {found}"},
    "when.empty": {"zh": "条件为空", "en": "the condition is empty"},
    "when.too_deep": {
        "zh": "括号嵌套过深（最多 20 层）",
        "en": "parentheses nest too deeply (20 at the most)",
    },
    "when.trailing": {
        "zh": "意外的 {found}；多个条件请用 且（and）或 或（or）连接",
        "en": "unexpected {found}; join conditions with 'and' or 'or'",
    },
    "when.invalid": {"zh": "条件无效", "en": "not a valid condition"},
    "the end": {"zh": "结尾", "en": "the end"},
    "when.number_end": {"zh": "比较符后面缺少数字", "en": "a number is missing at the end"},
    "when.metric_end": {
        "zh": "条件不完整：and、or 或括号后面缺少比较",
        "en": "a comparison is missing after and, or, or a parenthesis",
    },
    "when.operator_end": {
        "zh": "{metric} 后面缺少比较符（{operators} 之一）",
        "en": "{metric} needs one of {operators} after it",
    },
    # Variants.
    "validation.variant_mapping": {
        "zh": "必须是修改内容的映射，如 {{staff: {{fast_lane: 1}}}}，实际为 {got}",
        "en": "must be a mapping of changes like {{staff: {{fast_lane: 1}}}}, got {got}",
    },
    "validation.variant_variants": {
        "zh": "变体不能再有自己的变体",
        "en": "a variant cannot have variants of its own",
    },
    "validation.variant_new_key": {
        "zh": "基础场景没有设置 `{path}`；变体只能修改基础场景已设置的内容"
        "（请先在基础场景中写出，例如写默认值）",
        "en": "the base scenario does not set `{path}`; a variant can only change what the base "
        "sets (write it in the base first, e.g. with its default)",
    },
}

# The Chinese words people write for a kind, action or distribution, beside the catalogue's
# own label: "did you mean" finds power_outage from 断电 (simulator.model.problems.closest).
ZH_NAMES: dict[str, str] = {
    "surge": "客流激增 客流高峰 高峰 人多 促销",
    "system_outage": "系统故障 业务系统故障 系统宕机 宕机 死机 断网",
    "power_outage": "停电 断电 突发停电",
    "illness": "疾病 突发疾病 急病 晕倒",
    "disorder": "滋事 寻衅滋事 闹事 扰乱秩序",
    "siege": "围攻 围堵 聚集",
    "fire": "火灾 起火 着火 失火",
    "bomb_threat": "爆炸 涉爆 炸弹 涉枪",
    "earthquake": "地震",
    "kiosk_outage": "自助设备故障 自助终端故障 自助机故障",
    "fight": "斗殴 打架 争吵",
    "group_complaint": "群体性投诉 集体投诉 群访",
    "media": "媒体 媒体采访 记者 采访",
    "robbery": "抢劫 抢劫案 打劫",
    "open_counters": "增开台席 增开窗口 加开窗口 开窗口 增加台席 增调人员 加人",
    "close_counters": "撤回台席 关闭窗口 减少窗口",
    "open_fast_lane": "快速窗口 快速通道 快速受理",
    "close_fast_lane": "关闭快速窗口 撤销快速通道 关闭快速受理",
    "redirect": "分流 引导分流 引导 转移客户",
    "notify_customers": "告知 告知客户 通知客户 解释 广播",
    "extend_hours": "延时 延时服务 延长营业 延长服务时间",
    "escalate": "上报 报告 汇报 请示",
    "pre_register": "预登记 预受理 预处理",
    "take_callbacks": "留电话 留下电话 回访 回电",
    "stop_entry": "暂停进厅 限流 停止入场 关门",
    "call_emergency": "报警 拨打110 拨打119 拨打120 急救",
    "exponential": "指数",
    "lognormal": "对数正态",
    "normal": "正态",
    "uniform": "均匀",
    "triangular": "三角",
    "fixed": "固定 定值",
    "empirical": "经验 实测",
}
