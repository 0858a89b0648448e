"""Catalogue entries for reading a file at all: missing, not UTF-8, not YAML, beyond a bound.

What a reader meets before any key is checked (see :mod:`simulator.model.yaml_source`,
:mod:`simulator.model.yaml_problems` and :func:`simulator.model.load.read_text`), the CSV
log's own layout, and the size of a run (:mod:`simulator.runner.work`).
"""

READING_TEXTS: dict[str, dict[str, str]] = {
    "validation.no_file": {"zh": "找不到该文件", "en": "no such file"},
    "validation.is_directory": {
        "zh": "是一个文件夹，不是{what}",
        "en": "is a directory, not a {what}",
    },
    "validation.not_a_file": {
        "zh": "不是普通文件（是管道或设备），不是{what}",
        "en": "is not a regular file (a pipe or a device), not a {what}",
    },
    "validation.unreadable": {"zh": "无法读取：{reason}", "en": "cannot be read: {reason}"},
    "validation.not_utf8": {
        "zh": "不是 UTF-8 文本（字节 0x{byte}）；请另存为 UTF-8 编码",
        "en": "is not UTF-8 text (byte 0x{byte}); save it as UTF-8",
    },
    "file.scenario file": {"zh": "场景文件", "en": "scenario file"},
    "file.drill log": {"zh": "演练记录", "en": "drill log"},
    "file.participants file": {"zh": "参加人员文件", "en": "participants file"},
    "validation.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "validation.too_deep": {
        "zh": "列表或映射嵌套过深，不是一个场景文件",
        "en": "lists or mappings nest too deeply for a scenario file",
    },
    "validation.file_too_large": {
        "zh": "文件过大（超过 {most}），不是一个场景文件",
        "en": "the file is too large for a scenario file (over {most})",
    },
    "validation.too_many_values": {
        "zh": "锚点与引用（&/*）展开后超过 {most} 个值，不是一个场景文件",
        "en": "its anchors and aliases (&/*) expand to more than {most} values, "
        "too many for a scenario file",
    },
    "validation.self_alias": {
        "zh": "引用（*名称）指向包含它自身的内容",
        "en": "an alias (*name) refers to what contains it",
    },
    "validation.control_char": {
        "zh": "含有不可见的控制字符 {code}（常见于从网页或聊天软件复制的文字）；请删掉后重新输入",
        "en": "holds an invisible control character {code} (often pasted from a web page or a "
        "chat); delete it and retype the text",
    },
    "work.too_large": {
        "zh": "这次运行要模拟约 {customers} 名客户（{days} 天 × 每天约 {per_day} 人），"
        "约需 {minutes} 分钟，超过了 {most} 的上限；确需如此请加 --allow-large，"
        "或减少天数（-n）",
        "en": "this run would simulate about {customers} customers ({days} days × about "
        "{per_day} a day), some {minutes} minutes of work, above the limit of {most}; add "
        "--allow-large if that is meant, or ask for fewer days (-n)",
    },
    "validation.long_number": {
        "zh": "这个数有 {digits} 位，超出任何场景取值的范围",
        "en": "a number of {digits} digits, beyond any value a scenario can hold",
    },
    "validation.bad_tag": {
        "zh": "“{value}” 不能按标签 {tag} 读取；请删掉标签 {tag}",
        "en": "'{value}' cannot be read as {tag}; remove the {tag} tag",
    },
    "validation.only_comments": {
        "zh": "文件是空的（只有注释）",
        "en": "the file is empty (it has only comments)",
    },
    "validation.not_yaml": {"zh": "不是有效的 YAML：{what}", "en": "not valid YAML: {what}"},
    "validation.yaml_tab": {
        "zh": "；请用空格缩进，不要用 Tab 键",
        "en": "; indent with spaces, not tabs",
    },
    "validation.full_width": {
        "zh": "这里是全角的“{char}”（中文输入法），请改成半角的“{ascii}”",
        "en": "a full-width '{char}' (typed by a Chinese input method); write '{ascii}'",
    },
    "validation.full_width_space": {
        "zh": "缩进里有全角空格（中文输入法），请改用半角空格缩进",
        "en": "the indentation holds a full-width space (typed by a Chinese input method); "
        "indent with ordinary spaces",
    },
    "validation.full_width_key": {
        "zh": "（其中有全角的“：”“，”或全角空格：请改成半角的“:”“,”或空格）",
        "en": " (it holds a full-width '：', '，' or space; write ':', ',' or a space)",
    },
    "validation.yaml_context_line": {
        "zh": "（该段从第 {line} 行开始）",
        "en": " (in what starts at line {line})",
    },
    # PyYAML's problems as people meet them (see yaml_problems.YAML_PHRASES).
    "yaml.colon": {
        "zh": "此处不能写 “键: 值”；常见原因是缩进不对，或文字中有英文冒号（请给文字加引号）",
        "en": "a 'key: value' is not allowed here; usually the indentation is off, or a text "
        "contains ': ' (put the text in quotes)",
    },
    "yaml.no_colon": {
        "zh": "找不到应有的冒号 “:”；常见原因是缩进不对或漏写了冒号",
        "en": "a ':' was expected; usually the indentation is off or a colon is missing",
    },
    "yaml.tab": {"zh": "出现了 Tab 字符", "en": "a tab character"},
    "yaml.indent": {
        "zh": "缩进不一致：同一层的键要左对齐，列表项 - 要对齐",
        "en": "the indentation is inconsistent: keys of one level, and the - of list items, "
        "must line up",
    },
    "yaml.bracket": {
        "zh": "方括号 [...] 没有正确闭合（或其中少了逗号）",
        "en": "a [...] list is not closed (or lacks a comma)",
    },
    "yaml.brace": {
        "zh": "花括号 {{...}} 没有正确闭合（或其中少了逗号）",
        "en": "a {{...}} mapping is not closed (or lacks a comma)",
    },
    "yaml.unclosed": {
        "zh": "文件在引号或括号闭合之前就结束了",
        "en": "the file ends before a quote or bracket is closed",
    },
    "yaml.alias": {
        "zh": "引用了未定义的锚点（*名称 之前需要有 &名称）",
        "en": "an alias (*name) refers to no anchor (&name)",
    },
    "yaml.control": {
        "zh": "含有不允许的控制字符（常见于从网页或 Word 复制的文字）；请删掉后重新输入",
        "en": "an unacceptable character (often pasted from a web page or Word); retype it",
    },
    "yaml.documents": {
        "zh": "文件中只能有一个 YAML 文档；请删掉多余的 ---",
        "en": "the file holds more than one YAML document; remove the extra ---",
    },
    "yaml.key_collection": {
        "zh": "键不能是列表或映射",
        "en": "a key cannot be a list or mapping",
    },
    "yaml.escape": {
        "zh": "双引号中的 \\ 后面是无法识别的转义；请改用单引号或写成 \\\\",
        "en": "an unknown escape after \\ in double quotes; use single quotes or write \\\\",
    },
    "yaml.token": {
        "zh": "这个字符不能出现在值的开头（如 @ ` % *）；请给这段文字加引号",
        "en": "a value cannot start with this character (such as @ ` % *); put it in quotes",
    },
    "yaml.anchor_name": {
        "zh": "& 或 * 后面需要一个名称；文字以 & 或 * 开头时请加引号",
        "en": "& or * must be followed by a name; put a text starting with & or * in quotes",
    },
    "validation.top_not_mapping": {
        "zh": "最外层必须是 “键: 值” 的映射（如 schema: 1），实际为{kind}",
        "en": "the top level must be a mapping of keys like 'schema: 1', got {kind}",
    },
    "kind.a list": {"zh": "一个列表", "en": "a list"},
    "kind.a value": {"zh": "单个值 {value}", "en": "the single value {value}"},
    "validation.csv_empty": {"zh": "文件是空的", "en": "the file is empty"},
    "validation.csv_header": {
        "zh": "{wrong}；表头必须是 time,action,params,who[,until]",
        "en": "{wrong}; the header must be time,action,params,who[,until]",
    },
    "validation.csv_missing_column": {"zh": "缺少列 {columns}", "en": "no column {columns}"},
    "validation.csv_unknown_column": {"zh": "未知的列 {column}", "en": "unknown column {column}"},
    "validation.csv_cells": {
        "zh": "本行有 {cells} 个单元格，但表头只有 {columns} 列",
        "en": "{cells} cells but the header names {columns} columns",
    },
    "validation.csv_reserved": {
        "zh": "{name} 应写在 {column} 列中，不能写在 params 里",
        "en": "{name} belongs in the {column} column, not in params",
    },
    "validation.csv_pair": {
        "zh": "参数 {pair} 不是 键=值 的形式（多个参数用 ; 分隔）",
        "en": "parameter {pair} is not key=value",
    },
}
