"""Catalogue entries of the command line itself: its errors, its notices and the PDF printer's.

The help texts of the commands and options are in :mod:`.help`; what the commands print about
their results is beside the results' own entries (:mod:`.metrics`, :mod:`.roster`).
"""

INTERFACE_TEXTS: dict[str, dict[str, str]] = {
    # drill evacuate: the egress-only study (simulator.report.egress_study).
    "study.title": {
        "zh": "{name} — 疏散能力评估，随机种子 {seed}",
        "en": "{name} — egress study, seed {seed}",
    },
    "study.brief_title": {"zh": "疏散能力推演评估", "en": "Egress assessment by simulation"},
    "study.section": {"zh": "疏散", "en": "Evacuation"},
    "study.repetitions": {"zh": "推演次数", "en": "Repetitions"},
    "study.setting": {
        "zh": "厅内 {occupants} 人（其中员工 {staff} 人），疏散推演 {repetitions} 次；"
        "出口通过能力取{flow}",
        "en": "{occupants} people inside ({staff} of them staff), evacuated {repetitions} "
        "times; door flow {flow}",
    },
    "study.egress": {
        "zh": "自报警至最后一人撤出平均 {mean} 秒（95% 置信区间 {low} – {high} 秒），"
        "中位数 {p50} 秒，95% 的推演在 {p95} 秒内",
        "en": "last person out {mean} s after the alarm on average (95% CI {low} – {high} s); "
        "median {p50} s, 95% of the repetitions within {p95} s",
    },
    "study.other_flow": {
        "zh": "同样的人员和抽样若出口通过能力取{flow}，撤出时间中位数为 {other} 秒",
        "en": "the same people and draws with the door flow {flow}: median {other} s",
    },
    "study.flow_matters": {
        "zh": "两者相差超过 20%：出口通过能力的取值左右结论，宜用本厅演练秒表实测校准",
        "en": "over 20% apart: the door flow decides the result; calibrate it from the hall's "
        "own drill stopwatch",
    },
    "study.flow_close": {
        "zh": "两者相差不到 20%：最后撤出的时间主要由反应（开始撤离前）时间决定，而非出口通过能力",
        "en": "under 20% apart: how long people take to start moving, not the doors, sets the "
        "time of the last out",
    },
    "study.escorted": {
        "zh": "每次平均 {people:.1f} 人无法独自撤离，由引导员、安保（不足时由柜员）协助撤出，"
        "其中最后一位平均于报警后 {last} 秒撤出",
        "en": "{people:.1f} people a repetition could not leave alone and were helped out by "
        "guides, guards (then clerks); the last of them {last} s after the alarm on average",
    },
    "study.passage": {
        "zh": "柜台线通道（净宽 {width:g} 米）：每次平均 {people:.0f} 人经此穿过柜台线，"
        "最后一人平均于报警后 {last} 秒通过，通道前排队峰值密度 P95 为每平方米 {density} 人"
        "（Fruin {level} 级）",
        "en": "the passage through the counter line ({width:g} m clear): {people:.0f} people a "
        "repetition crossed by it, the last {last} s after the alarm on average; its queue's "
        "peak density P95 {density} persons/m² (Fruin {level})",
    },
    "study.limit_unsure": {
        "zh": "；但区间下限低于要求，宜增加推演次数（-n）再看",
        "en": "; but the interval reaches below the target: run more repetitions (-n) to be sure",
    },
    "study.passage_name": {"zh": "柜台线通道", "en": "the counter passage"},
    "study.crowd_ok_passage": {
        "zh": "各出口和柜台线通道前的排队密度均未达到每平方米 {warning} 人"
        "（Fruin E 级，人群内难以移动）",
        "en": "no queue at an exit or the counter passage reached {warning} persons/m² (Fruin E: "
        "hard to move in the crowd)",
    },
    "study.limit_kept": {
        "zh": "本场景限值“报警后 {threshold:g} 秒内全员撤出”，要求至少 {target:.0%} 的推演做到："
        "{repetitions} 次中 {held} 次做到（{share:.0%}，95% 区间 {low:.0%}–{high:.0%}）——达到",
        "en": "the scenario's limit, everyone out within {threshold:g} s of the alarm in at least "
        "{target:.0%} of repetitions: {held} of {repetitions} ({share:.0%}, 95% interval "
        "{low:.0%}–{high:.0%}), kept",
    },
    "study.limit_broken": {
        "zh": "本场景限值“报警后 {threshold:g} 秒内全员撤出”，要求至少 {target:.0%} 的推演做到："
        "{repetitions} 次中只有 {held} 次做到（{share:.0%}，95% 区间 {low:.0%}–{high:.0%}）"
        "——未达到",
        "en": "the scenario's limit, everyone out within {threshold:g} s of the alarm in at least "
        "{target:.0%} of repetitions: only {held} of {repetitions} ({share:.0%}, 95% interval "
        "{low:.0%}–{high:.0%}), broken",
    },
    "study.crowd_ok": {
        "zh": "各出口排队密度均未达到每平方米 {warning} 人（Fruin E 级，人群内难以移动）",
        "en": "no exit's queue reached {warning} persons/m² (Fruin E: hard to move in the crowd)",
    },
    "study.crowd_warning": {
        "zh": "{name}：{share} 的推演中排队密度达到每平方米 {warning} 人以上"
        "（Fruin E 级，人群内难以移动）",
        "en": "{name}: in {share} of the repetitions its queue reached {warning} persons/m² "
        "or more (Fruin E: hard to move in the crowd)",
    },
    "study.crowd_danger": {
        "zh": "{name}：{share} 的推演中排队密度达到每平方米 {danger} 人以上，有挤压受伤的危险",
        "en": "{name}: in {share} of the repetitions its queue reached {danger} persons/m² "
        "or more, where crowd pressure can injure",
    },
    "study.col_density": {"zh": "峰值密度 P95（人/m²）", "en": "Peak density P95 (persons/m²)"},
    "study.warnings": {"zh": "场景文件提示", "en": "Scenario warnings"},
    "study.col_exit": {"zh": "出口", "en": "Exit"},
    "study.col_people": {"zh": "平均人数", "en": "People"},
    "study.col_flow": {"zh": "平均流量（人/秒）", "en": "Flow (persons/s)"},
    "study.col_last": {"zh": "最后一人撤出（秒）", "en": "Last out (s)"},
    "study.hall": {"zh": "全厅（中位数）", "en": "whole hall (median)"},
    "study.x": {"zh": "报警后（秒）", "en": "seconds after the alarm"},
    "study.chart_title": {
        "zh": "厅内人数随时间变化 · {occupants} 人",
        "en": "People still inside · {occupants} people",
    },
    "study.figure": {"zh": "各出口疏散曲线", "en": "Evacuation curve by exit"},
    "study.note": {
        "zh": "本评估只推演疏散本身：报警时厅内人数为给定值，各次推演的反应时间、步速"
        "（和有平面图时的位置）各自抽样，出口均未被堵。这是推演结果，不是演练记录。",
        "en": "This assessment plays the evacuation alone: the given number of people are inside "
        "at the alarm; each repetition draws its own pre-movement, speeds (and, with a floor "
        "plan, positions); no exit is blocked. It is a simulation, not a drill record.",
    },
    "study.note_blocked": {
        "zh": "本评估只推演疏散本身：报警时厅内人数为给定值，各次推演的反应时间、步速"
        "（和有平面图时的位置）各自抽样，所列被封堵的出口每次都不可用。这是推演结果，不是演练记录。",
        "en": "This assessment plays the evacuation alone: the given number of people are inside "
        "at the alarm; each repetition draws its own pre-movement, speeds (and, with a floor "
        "plan, positions); the exits listed as blocked are out of use every time. It is a "
        "simulation, not a drill record.",
    },
    "study.blocked": {"zh": "；{exits}被封堵", "en": "; {exits} blocked"},
    "study.blocked_cell": {"zh": "被封堵", "en": "blocked"},
    "study.and": {"zh": "、", "en": ", "},
    "study.unknown_exit": {
        "zh": "营业厅没有名为 {name} 的出口；出口有：{exits}",
        "en": "the hall has no exit called {name}; its exits: {exits}",
    },
    "study.all_blocked": {
        "zh": "不能封堵全部出口：至少要留一个出口供疏散",
        "en": "every exit cannot be blocked: leave at least one to evacuate by",
    },
    "study.results": {"zh": "结果目录：{path}", "en": "Results: {path}"},
    # The command line's own sentences (simulator.cli, cli_support, cli_drill).
    "cli.simulating": {"zh": "正在模拟", "en": "Simulating"},
    "cli.written": {"zh": "已写入：{path}", "en": "Written: {path}"},
    "cli.cannot_write": {
        "zh": "{path}：无法写入：{why}",
        "en": "{path}: cannot be written: {why}",
    },
    "cli.aborted": {"zh": "已中止。", "en": "Aborted."},
    "cli.internal_error": {
        "zh": "drill：内部错误：{error}（加 --debug 重新运行可查看详情）",
        "en": "drill: internal error: {error} (rerun with --debug for details)",
    },
    "cli.bad_format": {
        "zh": "{formats} 不是报告格式；可选：{known}（以逗号分隔）。",
        "en": "{formats} is not a brief format; choose from {known} (comma-separated).",
    },
    "cli.no_format": {"zh": "没有给出格式", "en": "nothing"},
    "cli.decisions_or_resume": {
        "zh": "--decisions 与 --resume 只能给一个",
        "en": "give --decisions or --resume, not both",
    },
    "cli.scheduler_needs_dask": {
        "zh": "只有 Dask 执行器（--executor dask）才接受调度器地址。",
        "en": "only the Dask executor takes a scheduler.",
    },
    "register.no_such_action": {
        "zh": "整改项 {id}：不存在",
        "en": "corrective action {id}: no such action",
    },
    "register.closed_before": {
        "zh": "整改项 {id}：已于 {date} 关闭",
        "en": "corrective action {id}: already closed on {date}",
    },
    "register.failed_after_run": {
        "zh": "{error}；运行结果本身已写入 {path}",
        "en": "{error}; the run itself was written to {path}",
    },
    # The comments drill writes into the scenario files it edits (staffed, rostered).
    "staff.yaml_header": {
        "zh": "由 drill staff 根据 {source} 测算的台席（随机种子 {seed}，{days} 天）：\n"
        "各时段在至少 {share:.0%} 的模拟日满足 {targets}。\n原文件中的注释未保留。",
        "en": "Staffing found by `drill staff` from {source} (seed {seed}, {days} days):\n"
        "{targets} in each block on at least {share:.0%} of days.\n"
        "Comments of the original file are not carried over.",
    },
    "staff.yaml_misfits": {
        "zh": "以下备选方案与测算出的台席不相容，已去掉：{names}。",
        "en": "Variants left out, as they do not fit the counters found: {names}.",
    },
    "roster.yaml_header": {
        "zh": "由 drill roster 根据 {source} 排出的班次（随机种子 {seed}，{days} 天）："
        "各时段在至少 {share:.0%} 的模拟日满足 {targets}。",
        "en": "Roster found by `drill roster` from {source} (seed {seed}, {days} days): "
        "{targets} in each block on at least {share:.0%} of days.",
    },
    "roster.yaml_decided": {
        "zh": "{post}：由下面的排班决定（drill roster）",
        "en": "{post}: decided by the roster below (drill roster)",
    },
    "roster.yaml_misfit": {
        "zh": "备选方案 {name}：已去掉，它设定了 staff.counters，而台席现由排班决定",
        "en": "variant {name}: left out, it sets staff.counters, which the roster decides",
    },
    # A run directory that cannot be read, or its brief written (simulator.rundir.reader).
    # A sentence with no entry of its own (simulator.i18n.SaidError), shown as it is.
    "said.as_is": {"zh": "{text}", "en": "{text}"},
    "rundir.missing": {
        "zh": "{path}：不存在；这是 drill 的结果目录吗？",
        "en": "{path}: missing; is this a drill run directory?",
    },
    "rundir.not_a_directory": {"zh": "{path}：不是文件夹", "en": "{path}: not a directory"},
    "publish.a_directory": {
        "zh": "{path}：是文件夹；请移走后再运行 drill brief",
        "en": "{path}: is a directory; move it away and run drill brief again",
    },
    "publish.a_file": {
        "zh": "{path}：是文件；请移走后再运行 drill brief",
        "en": "{path}: is a file; move it away and run drill brief again",
    },
    "publish.cannot_write": {
        "zh": "{path}：无法写入（{why}）",
        "en": "{path}: cannot write ({why})",
    },
    # What the planning API cannot do (simulator.api.PlanError) ...
    "plan.too_few_days": {
        "zh": "模拟日数至少为 1，实际为 {got}",
        "en": "replications must be at least 1, got {got}",
    },
    "plan.unrankable_close": {
        "zh": "不能按 {by} 给方案排序（是否应为 {close}？）",
        "en": "plans cannot be ranked by {by} (did you mean {close}?)",
    },
    "plan.unrankable": {
        "zh": "不能按 {by} 给方案排序；可选：{known}",
        "en": "plans cannot be ranked by {by}; choose from {known}",
    },
    "plan.unpriced": {
        "zh": "没有每小时人力成本（staff.cost_per_hour）的方案不能按 staff_cost（人力成本）排序，"
        "{plans} 没有；请改按 staff_hours（人员工时）排序",
        "en": "plans cannot be ranked by staff_cost without hourly rates (staff.cost_per_hour) "
        "for every plan, and {plans} have none; rank by staff_hours instead",
    },
    "plan.no_variants": {
        "zh": "{source}：没有可比较的备选方案（variants:）；请先添加（见 README）",
        "en": "{source}: has no `variants:` to compare; add some (see README)",
    },
    "plan.no_such_variant_close": {
        "zh": "{source} 中没有备选方案 {name}（是否应为 {close}？）；现有：{known}",
        "en": "{source} has no variant {name} (did you mean {close}?); it has: {known}",
    },
    "plan.no_such_variant": {
        "zh": "{source} 中没有备选方案 {name}；现有：{known}",
        "en": "{source} has no variant {name}; it has: {known}",
    },
    "plan.cap_below": {
        "zh": "模拟日数上限 {most} 小于所要求的 {days} 天",
        "en": "max_replications {most} is below replications {days}",
    },
    # ... and the --target texts it cannot read (simulator.analysis.targets.TargetError).
    "target.form": {
        "zh": "{text} 不是“指标<=数值”的形式，例如 wait_p90_min<=20",
        "en": "{text} is not of the form metric<=value, e.g. wait_p90_min<=20",
    },
    "target.metric": {
        "zh": "不能按 {metric} 配置台席；可用 {known}",
        "en": "{metric} cannot be staffed for; use {known}",
    },
    "target.upper": {
        "zh": "{text}：目标是上限，请写成 {instead}",
        "en": "{text}: targets are upper bounds; write {instead}",
    },
    "target.rate": {
        "zh": "{text}：比例在 0 与 1 之间（或写成 5%）",
        "en": "{text}: a rate lies between 0 and 1 (or write it as 5%)",
    },
    "target.percent_wait": {
        "zh": "{text}：等候时间以分钟计，不是百分比",
        "en": "{text}: a wait is in minutes, not a percentage",
    },
    # Why a run directory (--out) cannot be written (simulator.rundir.staging.ClaimError).
    "claim.current_folder": {
        "zh": "{path}：是当前文件夹；请给出一个新文件夹存放结果",
        "en": "{path}: is the current folder; give a new folder to write the run in",
    },
    "claim.symlink": {
        "zh": "{path}：是符号链接；请给出文件夹本身",
        "en": "{path}: is a symbolic link; give the folder itself",
    },
    "claim.a_file": {"zh": "{path}：是文件，不是文件夹", "en": "{path}: is a file, not a folder"},
    "claim.not_empty": {
        "zh": "{path}：已存在且不是空文件夹；请换一个 --out，或先移走其中的内容",
        "en": "{path}: already exists and is not empty",
    },
    "claim.cannot_make": {
        "zh": "{path}：无法创建（{why}）",
        "en": "{path}: cannot be made ({why})",
    },
    "claim.taken": {
        "zh": "{path}：另一个 drill 运行（进程 {pid}）正在写入；请等它结束或换一个 --out",
        "en": "{path}: another drill run (process {pid}) is writing it; wait for it or choose "
        "another --out",
    },
    "claim.cannot_write": {
        "zh": "{path}：无法在此写入（{why}）",
        "en": "{path}: cannot write here ({why})",
    },
    "claim.no_free_name": {
        "zh": "{path}：没有可用的结果目录名（{base}）",
        "en": "{path}: no free run name for {base}",
    },
    "play.decisions_file": {
        "zh": "决策记录：{path}（可用 --decisions 重放）",
        "en": "Decisions: {path}  (replay with --decisions)",
    },
    "play.stopped_empty": {
        "zh": "推演在营业日结束前停止，且尚无任何决策；未写出任何文件。",
        "en": "The exercise was stopped before the day ended; nothing was written.",
    },
    "history.col_date": {"zh": "日期", "en": "date"},
    "history.col_kind": {"zh": "类型", "en": "kind"},
    "history.col_rating": {"zh": "评定", "en": "rating"},
    "history.col_drill": {
        "zh": "场景 — 参演人员 — 结果目录",
        "en": "scenario — participants — directory",
    },
    "history.kind.play": {"zh": "桌面推演", "en": "play"},
    "history.kind.score": {"zh": "实战演练", "en": "score"},
    "history.open_actions": {"zh": "（有未完成整改）", "en": "  (open actions)"},
    "history.no_directory": {
        "zh": "{root}：目录不存在；请先运行 drill play 或 drill score",
        "en": "{root}: no such directory; run drill play or drill score first.",
    },
    "history.recorded": {
        "zh": "已将 {count} 个结果目录记入台账 {path}",
        "en": "Recorded {count} run(s) in {path}",
    },
    "history.skipped": {"zh": "已跳过（无法读取）：{path}", "en": "Skipped (unreadable): {path}"},
    "history.none": {
        "zh": "{root} 下还没有演练记录；请运行 drill play 或 drill score。",
        "en": "No drills recorded under {root} yet; run drill play or drill score.",
    },
    "history.not_registered": {
        "zh": "（尚未记入台账：运行 drill history --results {root} --rebuild 补记）",
        "en": "(not in a register yet: drill history --results {root} --rebuild records them)",
    },
    "actions.none": {"zh": "没有未完成的整改项。", "en": "No open corrective actions."},
    "actions.open": {"zh": "未完成", "en": "open"},
    "actions.overdue": {"zh": "已逾期", "en": "OVERDUE"},
    "actions.closed_on": {"zh": "{date} 已关闭", "en": "closed {date}"},
    "actions.closed": {
        "zh": "已关闭 #{id}：{issue} — {note}",
        "en": "Closed #{id}: {issue} — {note}",
    },
    "actions.no_register": {
        "zh": "{path}：还没有台账；请先运行 drill score 或 drill play",
        "en": "{path}: no register yet; run drill score or drill play first.",
    },
    "compare.title": {
        "zh": "{name} — {variants} 个备选方案与基准方案对比，随机种子 {seed}",
        "en": "{name} — {variants} variant(s) against the base, seed {seed}",
    },
    "staff.title": {
        "zh": "{name} — 按 {block} 分钟时段测算台席，随机种子 {seed}",
        "en": "{name} — staffing per {block}-minute block, seed {seed}",
    },
    "staff.progress": {"zh": "已模拟方案：{plans} 个", "en": "plans simulated: {plans}"},
    "staff.unreachable": {
        "zh": "警告：有的时段即使开满营业厅现有台席（site.counters）也不达标，见上表。",
        "en": "Warning: some blocks cannot keep the targets with the counters the hall has "
        "(site.counters); see the table.",
    },
    "staff.staffed_file": {
        "zh": "按测算台席写出的场景：{path}（可用 drill run 运行）",
        "en": "Staffed scenario: {path}  (drill run it)",
    },
    "print.page_number": {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"},
    "pdf.no_browser": {
        "zh": "生成 PDF 需要 Chromium 或 Chrome 浏览器（无界面打印）：Debian/Ubuntu 请运行 "
        "sudo apt-get install chromium；macOS 或 Windows 请安装 Google Chrome；"
        "或用环境变量 DRILL_CHROMIUM 指明浏览器程序的位置",
        "en": "a PDF needs the Chromium or Chrome browser (it prints headless): on Debian/Ubuntu "
        "run sudo apt-get install chromium; on macOS or Windows install Google Chrome; or name "
        "the browser's program in the DRILL_CHROMIUM environment variable",
    },
    "pdf.failed": {
        "zh": "浏览器 {browser} 未能打印 PDF：{why}",
        "en": "the browser {browser} could not print the PDF: {why}",
    },
    "pdf.timeout": {
        "zh": "浏览器 {browser} 在 {seconds} 秒内未完成 PDF 打印，已停止",
        "en": "the browser {browser} did not finish printing the PDF in {seconds} s; stopped",
    },
}
