"""Catalogue entries of the command line itself: its errors, its notices and the PDF printer's.

The help texts of the commands and options are in :mod:`.help`; what the commands print about
their results is beside the results' own entries (:mod:`.metrics`, :mod:`.roster`).
"""

INTERFACE_TEXTS: dict[str, dict[str, str]] = {
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
