"""The command line's help in Chinese, and click's own words (Usage, Options, errors) in Chinese.

The English help is where click users expect it, in the commands' docstrings and ``help=``
arguments; this module holds their Chinese, keyed by command (``"run"``, ``"actions close"``)
and by command and parameter (``"run.replications"``; ``"*.seed"`` for an option many commands
share). A test walks every command and parameter and fails on one without a Chinese entry here,
or on an entry no command has any more.
"""

# The group's own help is keyed "" (the empty command path).
COMMAND_HELP_ZH: dict[str, str] = {
    "": "服务大厅应急演练推演：客流高峰、系统故障、停电与疏散，对照排班与台席方案。\n\n"
    "界面语言随场景文件的 language；没有场景时随 --lang 或系统区域设置（LANG）。",
    "validate": "检查场景文件，一次列出全部问题。",
    "run": "将场景模拟多个营业日，对照限值评定，并写出预案推演评估报告。",
    "brief": "为结果目录写出报告和图表（md、html、pdf 格式）。",
    "schema": "输出场景文件的 JSON Schema，供编辑器补全和提示。\n\n"
    "场景文件第一行写 # yaml-language-server: $schema=scenario.schema.json，"
    "VS Code 的 YAML 插件等即可补全键名并显示说明。",
    "compare": "以共同随机数比较场景文件中的基准方案与各备选方案。",
    "staff": "按时段求出满足目标的最少台席数（及备用人员调用）。",
    "roster": "按场景的 staff.shifts 排出整班次的排班表，并保证各时段达到目标。\n\n"
    "先以整数规划求出最省的班次组合，再用 -n 个模拟日核验并逐段调整，直至每个时段都达标，"
    "最后在另外 -n 个从未用过的模拟日上复核。写出 roster.xlsx（排班表）、roster.csv、"
    "roster.json，以及 <文件名>.rostered.yaml（写入排班后的场景，保留原注释）。",
    "score": "依据演练记录（YAML 或 CSV）对照场景文件，逐条款评定一次实际演练。\n\n"
    "评定只依据记录本身：注入了什么、做了什么、测到了什么，对照预案条款。另附标明为推演的"
    "模拟：以演练的实际注入时间重演多个模拟日，将演练队伍的实际处置时间与预案自动处置放在"
    "同一批模拟日上对比。",
    "play": "在控制台上对场景文件进行桌面推演。\n\n"
    "模拟在情况注入、预案规则触发、预案步骤到期时以及每隔 --every 分钟暂停，由演练队伍决策"
    "（u 撤销上一步决策；Ctrl-C 保存进度，之后用 --resume 继续）；结束时逐条款评定，并与同一"
    "营业日上预案自动处置的结果对比。",
    "history": "列出演练台账中的演练：日期、类型、评定、场景、参演人员。",
    "evacuate": "只推演疏散：厅内给定人数，反复疏散，评估疏散能力。\n\n"
    "写出 summary.json（自报警至最后一人撤出的时间及其 95% 置信区间；各出口的人数、平均流量"
    "和最后一人撤出时间）、evacuation.csv（全厅和各出口的厅内人数随时间变化）、图表和报告。",
    "actions": "列出尚未完成的整改项，逾期的标出。",
    "actions close": "关闭一项整改（按整改项编号），并用 --note 写明整改情况。",
}

PARAMETER_HELP_ZH: dict[str, str] = {
    "*.version": "显示版本号并退出。",
    "*.debug": "内部错误时显示 Python 调用栈（供开发人员排查）。",
    "*.lang": "界面语言：zh（中文）或 en（英文）[默认：场景文件的语言，否则系统区域设置]。",
    "*.replications": "模拟的营业日数（每个方案）。",
    "*.seed": "随机种子；同一种子得到同样的结果。",
    "*.jobs": "并行进程数（0 表示每个 CPU 一个）；结果与此无关。",
    "*.executor_kind": "在哪里运行模拟：本机进程（local）或 Dask 集群（dask）。",
    "*.scheduler": "Dask 调度器地址，如 tcp://10.0.0.5:8786 [默认：在本机启动一个集群]。",
    "*.out": "结果目录 [默认：results/<场景名>-<时间戳>]。",
    "*.strict": "将场景的提示（合法但很可能写错的值）视为错误。",
    "*.allow_large": "模拟客户总数超过 2000 万时也运行（运行前会先说明规模）。",
    "*.no_brief": "不写报告和图表。",
    "*.results_dir": "运行结果及其台账所在的目录。",
    "*.participants_file": "写有导调、参演、评估、观摩人员的 YAML 文件 [默认：运行时询问]。",
    "*.target_texts": "每个时段的目标（可重复）：wait_pNN_min（如 wait_p90_min，"
    "90% 客户等候分钟数）、wait_mean_min（平均等候分钟数）或 abandon_rate（放弃等候比例）"
    " [默认：场景自身对这些指标的限值，否则 wait_p90_min<=limits.wait_min]。",
    "*.block_min": "每个时段的长度（分钟）。",
    "*.share": "每个时段都须达标的模拟日比例 [默认：场景的 limits.target_share]。",
    "brief.lang": "报告的语言 [默认：场景文件的语言]。",
    "brief.formats": "要写出的报告格式，以逗号分隔：md、html、pdf（pdf 需要 Chromium 或 Chrome "
    "浏览器）。",
    "schema.of": "改为输出演练记录文件的 Schema。",
    "schema.markdown": "改为输出供人阅读的参考文档（docs/scenario.md），使用所给语言。",
    "schema.out": "写入该文件（如放在场景文件旁的 scenario.schema.json）。",
    "compare.variants": "与基准方案比较的备选方案（可重复）[默认：全部]。",
    "compare.by": "排序所依据的指标：comparison.csv 中的任一列，如 wait_p90_min（90% 客户等候"
    "时间）、staff_cost（人力成本）[默认：先列全部限值达标的方案，其中人力成本最低者在前，"
    "再按 90% 客户等候时间；含疏散的场景按 RSET 超过 ASET 的次数最少、RSET 最短排序]。",
    "compare.precision": "增加模拟日，直至排序指标的每个配对差值都精确到 ± 此值（95%），"
    "单位同该指标：--by wait_p90_min 时为分钟。",
    "compare.max_replications": "给出 --precision 时每个方案模拟日数的上限。",
    "compare.independent": "各方案使用各自的随机种子，而非共同随机数（用于查看共同随机数的作用）。",
    "history.rebuild": "将尚未记入台账的结果目录补记入台账。",
    "actions.include_closed": "同时列出已关闭的整改项。",
    "actions close.note": "整改情况（做了什么）。",
    "play.decisions": "按此决策脚本（演练记录）重放，而不在控制台询问。",
    "play.every": "至少每隔这么多分钟暂停一次供决策（每次情况注入时也暂停）。",
    "play.seed": "推演哪一个模拟营业日（同一种子，同一天）。",
    "play.out": "结果目录 [默认：results/<场景名>-play-<时间戳>]。",
    "play.resume": "在控制台继续一次中断的推演（Ctrl-C 时保存的文件）。",
    "score.participants_file": "写有导调、参演、评估、观摩人员的 YAML 文件（CSV 记录无处填写）。",
    "score.drill_date": "演练日期（YYYY-MM-DD），记录中未写明时使用。",
    "score.what_if": "另按场景自身（更长）的事件持续时间重演记录：哪些条款本会到期，"
    "演练队伍的处置时机又会如何。",
    "run.no_brief": "运行结束时不写报告和图表。",
    "evacuate.occupants": "报警时厅内人数 [默认：按公共区域面积的设计人数，每 2.79 平方米 1 人"
    "（NFPA 101，商业营业厅首层）]。",
    "evacuate.replications": "疏散推演次数。",
    "evacuate.blocked": "每次推演中都不能使用的出口（烟气、门被锁）；可重复写多个。",
    "evacuate.out": "结果目录 [默认：results/<场景名>-evacuate-<时间戳>]。",
}

# The commands' arguments by name, in the usage line and in "missing argument" errors.
ARGUMENT_ZH: dict[str, str] = {
    "file": "场景文件",
    "log": "演练记录",
    "run_dir": "结果目录",
    "action_id": "整改项编号",
}

# What click writes in a help page's first column (the types' and arguments' names).
METAVAR_ZH: dict[str, str] = {
    "OPTIONS": "选项",
    "COMMAND": "命令",
    "ARGS": "参数",
    "INTEGER RANGE": "整数",
    "FLOAT RANGE": "数值",
    "INTEGER": "整数",
    "FLOAT": "数值",
    "TEXT": "文本",
    "PATH": "路径",
    "DIRECTORY": "目录",
    "ADDRESS": "地址",
    "FILE": "文件",
    "RANGE": "范围",
    "NAME": "方案名",
    "METRIC": "指标",
    "VALUE": "值",
    "EXIT": "出口",
}

# click's own sentences (its gettext message ids) and their Chinese. A test checks each id is
# still in click's source, so a click release that rewords one shows up as a failing test.
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Aborted!": "已中止。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否要用以下之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Missing command.": "缺少命令。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    # click fills in its type's English name ("integer"): the Chinese leaves it out.
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数值。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} does not match the format {format}.": "{value!r} 不是 {format} 格式的日期。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不是 {formats} 格式之一。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    # click names the path's kind in English ("Directory"), fixed when it is imported: the
    # Chinese leaves it out.
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: invalid input": "错误：输入无效",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
}
