"""Catalogue entries for the drill brief and its charts (see :mod:`simulator.report`)."""

BRIEF_TEXTS: dict[str, dict[str, str]] = {
    "rating.P": {"zh": "P 顺利完成", "en": "P performed without challenges"},
    "rating.S": {"zh": "S 基本完成，存在一些问题", "en": "S performed with some challenges"},
    "rating.M": {"zh": "M 勉强完成，存在重大问题", "en": "M performed with major challenges"},
    "rating.U": {"zh": "U 未能完成", "en": "U unable to perform"},
    "rating.none": {"zh": "未演练到", "en": "not exercised"},
}
