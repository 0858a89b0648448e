"""Catalogue entries of the command line itself: its errors, its notices and the PDF printer's.

The help texts of the commands and options are in :mod:`.help`; what the commands print about
their results is beside the results' own entries (:mod:`.metrics`, :mod:`.roster`).
"""

INTERFACE_TEXTS: dict[str, dict[str, str]] = {
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
