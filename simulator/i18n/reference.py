"""The words of the scenario reference (docs/scenario*.md) and of conditions said in words.

The reference itself is generated from the models (:mod:`simulator.model.reference`); here
are its headings and explanations, the meaning of every ``when:`` metric and of every
distribution, in both languages.
"""

REFERENCE_TEXTS: dict[str, dict[str, str]] = {
    # The when: metrics (simulator.model.conditions.METRICS): meaning, and unit in words.
    "cond.queue": {"zh": "排队等候台席的人数", "en": "customers waiting for a counter"},
    "cond.queue_vip": {"zh": "排队等候的贵宾人数", "en": "VIP customers waiting"},
    "cond.in_hall": {"zh": "厅内人数", "en": "people on the public floor"},
    "cond.density": {"zh": "厅内密度（人/平方米）", "en": "people per m² of public floor"},
    "cond.wait_p90_recent": {
        "zh": "近 15 分钟办结客户的 P90 等候时间（分钟）",
        "en": "90th-percentile wait of customers served in the last 15 minutes (min)",
    },
    "cond.outage_min": {
        "zh": "当前系统故障或停电已持续的分钟数",
        "en": "minutes the current system or power outage has lasted",
    },
    "cond.power_out": {"zh": "停电中为 1，否则为 0", "en": "1 while the power is out, else 0"},
    "cond.time": {"zh": '时刻，与 "HH:MM" 比较', "en": 'clock time, compared with "HH:MM"'},
    "cond.abandoned_recent": {
        "zh": "近 15 分钟放弃等候的客户数",
        "en": "customers who gave up waiting in the last 15 minutes",
    },
    "cond.outage_ended_min": {
        "zh": "最后一次系统故障或停电恢复后经过的分钟数（仍有故障或尚未恢复时任何比较都不成立）",
        "en": "minutes since the last outage ended (no comparison holds while one is on or before)",
    },
    "cond.outside_queue": {
        "zh": "暂停进厅或限流时在门外等候的人数",
        "en": "people waiting outside the door while entry is held",
    },
    "cond.incident_active": {
        "zh": "{kind}进行中（自发现起）为 1，否则为 0",
        "en": "1 while a {kind} is in progress (from when it is noticed), else 0",
    },
    "cond.incident_min": {
        "zh": "当前{kind}自发现起已持续的分钟数（无则为 0）",
        "en": "minutes since the {kind} in progress was noticed (0: none)",
    },
    # Conditions said in words (simulator.model.condition_words).
    "words.outage_ended_min": {
        "zh": "故障恢复后 {op} {value} 分钟",
        "en": "{op} {value} min since the outage ended",
    },
    "words.outside_queue": {"zh": "门外等候 {op} {value} 人", "en": "waiting outside {op} {value}"},
    "words.incident_active": {"zh": "{kind}期间", "en": "while {kind}"},
    "words.incident_none": {"zh": "无{kind}", "en": "no {kind}"},
    "words.incident_flag_is": {
        "zh": "{kind}标志 {op} {value}",
        "en": "{kind} flag {op} {value}",
    },
    "words.incident_min": {
        "zh": "{kind}持续 {op} {value} 分钟",
        "en": "{kind} lasting {op} {value} min",
    },
    "words.queue": {"zh": "排队人数 {op} {value} 人", "en": "queue {op} {value}"},
    "words.queue_vip": {"zh": "排队贵宾 {op} {value} 人", "en": "VIPs waiting {op} {value}"},
    "words.in_hall": {"zh": "厅内人数 {op} {value} 人", "en": "people in the hall {op} {value}"},
    "words.density": {"zh": "厅内密度 {op} {value} 人/m²", "en": "density {op} {value} per m²"},
    "words.wait_p90_recent": {
        "zh": "近 15 分钟 P90 等候 {op} {value} 分钟",
        "en": "recent P90 wait {op} {value} min",
    },
    "words.outage_min": {
        "zh": "故障持续 {op} {value} 分钟",
        "en": "outage lasting {op} {value} min",
    },
    "words.abandoned_recent": {
        "zh": "近 15 分钟放弃等候 {op} {value} 人",
        "en": "give-ups in the last 15 min {op} {value}",
    },
    "words.time": {"zh": "时间 {op} {value}", "en": "time {op} {value}"},
    "words.power_out_is": {"zh": "停电标志 {op} {value}", "en": "power-out flag {op} {value}"},
    "words.power_on": {"zh": "未停电", "en": "power on"},
    "words.power_out": {"zh": "停电期间", "en": "power out"},
    "words.and": {"zh": "{left} 且 {right}", "en": "{left} and {right}"},
    "words.or": {"zh": "{left} 或 {right}", "en": "{left} or {right}"},
    "words.group": {"zh": "（{inner}）", "en": "({inner})"},
    "words.unforeseen": {"zh": "（预案未规定）", "en": "(not in the playbook)"},
    # Distributions.
    "dist.exponential": {
        "zh": "指数分布：多数短、少数长，无记忆（如等候耐心）",
        "en": "memoryless: most values short, a few long (patience, say)",
    },
    "dist.lognormal": {
        "zh": "对数正态分布：右偏、不为负，秒表实测的办理时长多为此形",
        "en": "right-skewed, never negative: service times as stopwatches measure them",
    },
    "dist.gamma": {"zh": "伽马分布：右偏，尾部比对数正态轻", "en": "right-skewed, lighter tail"},
    "dist.normal": {
        "zh": "正态分布：对称，截断在均值两侧两个标准差（且不小于 0）",
        "en": "symmetric, clipped two standard deviations either side of the mean (and at 0)",
    },
    "dist.uniform": {
        "zh": "均匀分布：low 与 high 之间等可能",
        "en": "every value between low and high equally likely",
    },
    "dist.triangular": {
        "zh": "三角分布：最小、最可能、最大值——管理者能估计的三个数",
        "en": "least, most likely and greatest value: the three a manager can estimate",
    },
    "dist.fixed": {
        "zh": "固定值（按固定时间线的演练）",
        "en": "always the same value (a set timeline)",
    },
    "dist.empirical": {
        "zh": "经验分布：从厅内实测值中有放回抽取",
        "en": "values measured in the hall, drawn with replacement",
    },
    # Units, as the models write them.
    "unit.min": {"zh": "分钟", "en": "min"},
    "unit.h": {"zh": "小时", "en": "h"},
    "unit.s": {"zh": "秒", "en": "s"},
    "unit.m": {"zh": "米", "en": "m"},
    "unit.m²": {"zh": "平方米", "en": "m²"},
    "unit./h": {"zh": "每小时", "en": "per hour"},
    "unit./m²": {"zh": "每平方米", "en": "per m²"},
    "unit.m/s": {"zh": "米/秒", "en": "m/s"},
    # The reference's own words.
    "ref.title": {"zh": "场景文件参考", "en": "Scenario file reference"},
    "ref.generated": {
        "zh": "本文件由模型自动生成（`drill schema --markdown zh -o docs/scenario.zh.md`），"
        "请勿手改；与 `drill validate` 检查的内容完全一致。English: [scenario.md](scenario.md)。",
        "en": "Generated from the models (`drill schema --markdown en -o docs/scenario.md`); do "
        "not edit. It is exactly what `drill validate` checks. 中文版："
        "[scenario.zh.md](scenario.zh.md).",
    },
    "ref.intro": {
        "zh": '场景文件是 YAML。时刻写成带引号的 "HH:MM"（如 "09:30"）；比例写成 0 到 1 的'
        "小数（55% 写作 0.55）；随机量写成分布（见“分布”）。在编辑器中，文件首行 "
        "`# yaml-language-server: $schema=scenario.schema.json` 可提供键的补全和说明"
        "（`drill schema -o scenario.schema.json` 生成该文件）。",
        "en": 'A scenario file is YAML. Clock times are quoted "HH:MM" ("09:30"); shares are '
        "decimals from 0 to 1 (55% is 0.55); random quantities are distributions (see "
        "Distributions). In an editor, the first line "
        "`# yaml-language-server: $schema=scenario.schema.json` completes keys and shows "
        "what each means (`drill schema -o scenario.schema.json` writes the file).",
    },
    "ref.top": {"zh": "顶层键", "en": "Top-level keys"},
    "ref.key": {"zh": "键", "en": "Key"},
    "ref.type": {"zh": "类型", "en": "Type"},
    "ref.default": {"zh": "默认", "en": "Default"},
    "ref.meaning": {"zh": "含义", "en": "Meaning"},
    "ref.required": {"zh": "必填", "en": "required"},
    "ref.list_of": {"zh": "{item} 的列表", "en": "list of {item}"},
    "ref.pair": {"zh": "[从, 到]：{count} 个{item}", "en": "[from, to]: {count} of {item}"},
    "ref.one_of": {"zh": "取值之一：{values}", "en": "one of {values}"},
    "ref.number": {"zh": "数字", "en": "number"},
    "ref.integer": {"zh": "整数", "en": "integer"},
    "ref.text": {"zh": "文字", "en": "text"},
    "ref.boolean": {"zh": "true 或 false", "en": "true or false"},
    "ref.clock": {"zh": '时刻 "HH:MM"', "en": 'clock time "HH:MM"'},
    "ref.mapping": {"zh": "映射", "en": "mapping"},
    "ref.distribution": {"zh": "[分布](#{anchor})", "en": "[distribution](#{anchor})"},
    "ref.names": {"zh": "名称 → 修改", "en": "name → changes"},
    "ref.see": {"zh": "见 ", "en": "see "},
    "ref.list_of_see": {"zh": "列表，每项见 {see}", "en": "list, each as in {see}"},
    "ref.section": {"zh": "`{path}`", "en": "`{path}`"},
    "ref.incidents": {"zh": "突发事件（incidents）", "en": "Incidents"},
    "ref.incidents_intro": {
        "zh": "`incidents:` 是事件的列表，每个以 `kind:` 说明类型。",
        "en": "`incidents:` is a list of events, each saying its `kind:`.",
    },
    "ref.playbook": {"zh": "预案规则与措施（playbook）", "en": "Playbook rules and actions"},
    "ref.playbook_intro": {
        "zh": "`playbook:` 是规则的列表：`when:` 条件成立时执行 `do:` 措施。每条规则都可写 "
        "`when`、`cooldown_min`、`note`；各措施另有自己的参数。演练记录（`log:`）中的每一行"
        "也是这些措施之一，另写 `at`、`who`、`until`、`rule`。",
        "en": "`playbook:` is a list of rules: when `when:` becomes true, do the `do:` action. "
        "Every rule may write `when`, `cooldown_min`, `note`; each action has its own "
        "parameters. Every line of a drill log (`log:`) is one of these actions too, with "
        "`at`, `who`, `until` and `rule`.",
    },
    "ref.rule_keys": {"zh": "每条规则都有的键", "en": "Keys of every rule"},
    "ref.log_keys": {"zh": "演练记录每行都有的键", "en": "Keys of every log line"},
    "ref.no_parameters": {"zh": "无参数。", "en": "No parameters."},
    "ref.in_force": {
        "zh": "持续有效，直到 `until:` 解除。",
        "en": "Stays in force until lifted (`until:`).",
    },
    "ref.when": {"zh": "条件语言（when:）", "en": "The when: language"},
    "ref.when_intro": {
        "zh": "条件由“指标 比较符 数值”组成，可用 `且`（`and`）、`或`（`or`）连接，用括号分组"
        "（`且` 先于 `或`）。指标可写中文名或英文名。比较符：`>=` `<=` `>` `<` `==` `!=`。数值是"
        "数字（不写单位），`时间`（`time`）与带冒号的时刻比较。例如：`排队人数 >= 30 且 时间 >= "
        "12:00`，`故障持续 >= 10 或 厅内密度 > 2`，与 `queue >= 30 and time >= 12:00` 相同写法。",
        "en": "A condition is 'metric operator value', joined with `and` and `or` and grouped "
        "with parentheses (`and` binds tighter). Operators: `>=` `<=` `>` `<` `==` `!=`. The "
        "value is a number (no unit); `time` compares with a clock time. For example: "
        "`queue >= 30 and time >= 12:00`, `outage_min >= 10 or density > 2`. Each metric also "
        "has a Chinese name (排队人数 >= 30 且 时间 >= 12:00), the one the Chinese brief uses.",
    },
    "ref.chinese_name": {"zh": "中文名", "en": "Chinese name"},
    "ref.metric": {"zh": "指标", "en": "Metric"},
    "ref.distributions": {"zh": "分布", "en": "Distributions"},
    "ref.distributions_intro": {
        "zh": "随机量写成带 `dist:` 的映射，如 `{{dist: lognormal, mean: 6, sd: 3}}`。",
        "en": "A random quantity is a mapping with `dist:`, such as "
        "`{{dist: lognormal, mean: 6, sd: 3}}`.",
    },
    "ref.parameters": {"zh": "参数", "en": "Parameters"},
    "ref.variants": {
        "zh": "`variants:` 中每个方案是对本场景的修改：映射逐键合并，列表整体替换；只能修改本场景"
        "已写出的键。",
        "en": "Each plan under `variants:` is a change to the scenario: mappings merge key by "
        "key, lists are replaced whole; only keys the scenario writes can be changed.",
    },
    "ref.log": {"zh": "演练记录文件", "en": "Drill log file"},
}
