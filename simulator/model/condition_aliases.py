"""The Chinese names a ``when:`` condition may use beside the English ones.

``排队人数 >= 30 且 时间 >= 10:00`` is ``queue >= 30 and time >= 10:00``.
Each name is the one the brief and the console use when they say a condition in words
(:mod:`.condition_words`, the catalogue's ``words.*``), without the number and unit. The
brief's symbols and units (``≥``, ``30 人``) are not part of the language: writing them gets
a message saying how (``>=``, ``30``). Spaces inside a name are optional
(``近 15 分钟 P90 等候`` and ``近15分钟P90等候`` are one name).
"""

import re
from collections.abc import Mapping

from simulator.i18n import render
from simulator.model.incidents import INCIDENT_KINDS

_FIXED = {
    "排队人数": "queue",
    "排队贵宾": "queue_vip",
    "排队贵宾人数": "queue_vip",
    "厅内人数": "in_hall",
    "厅内密度": "density",
    "近15分钟P90等候": "wait_p90_recent",
    "故障持续": "outage_min",
    "故障持续分钟": "outage_min",
    "近15分钟放弃等候": "abandoned_recent",
    "时间": "time",
    "停电标志": "power_out",
    "故障恢复后": "outage_ended_min",
    "门外等候": "outside_queue",
    "门外等候人数": "outside_queue",
}
JOINS_ZH: Mapping[str, str] = {"且": "and", "并且": "and", "或": "or", "或者": "or"}


def _incident_names() -> dict[str, str]:
    names = {}
    for kind in INCIDENT_KINDS:
        said = render(f"kind.{kind}", "zh")  # 火灾: 火灾标志 (fire_active), 火灾持续 (fire_min)
        names[f"{said}标志"] = f"{kind}_active"
        names[f"{said}持续"] = f"{kind}_min"
    return names


METRICS_ZH: Mapping[str, str] = {**_FIXED, **_incident_names()}
# The names and joins as one alternative of the condition tokenizer: longest first, so that
# 排队贵宾人数 is not read as 排队贵宾 and a stray 人数; any spaces between characters.
_NAMES = "|".join(
    r"\s*".join(re.escape(char) for char in name)
    for name in sorted([*METRICS_ZH, *JOINS_ZH], key=len, reverse=True)
)
# A name ends where the Chinese does, or where another name begins (时间 in 时间段 is no name;
# 且 in 30且时间 is one).
ALIAS_PATTERN = rf"(?:{_NAMES})(?:(?![\u4e00-\u9fff])|(?=(?:{_NAMES})))"


def canonical(alias: str) -> str:
    """Return the English name of a Chinese metric or join as written (spaces and all)."""
    name = re.sub(r"\s+", "", alias)
    return METRICS_ZH.get(name) or JOINS_ZH[name]
