"""Catalogue entries of the brief's overall evaluation (评估情况): a drill's, or a plan's.

A drill (``drill score``, ``drill play``) is judged as it happened; a plan assessment by
simulation judges only what the simulation plays and never says the plan's measures were done.
"""

VERDICT_TEXTS: dict[str, dict[str, str]] = {
    "overall.P": {
        "zh": "预案各项措施均顺利完成，服务指标全部达标。",
        "en": "Every measure of the plan was performed and every limit held.",
    },
    "overall.S": {
        "zh": "预案基本有效，但存在一些问题，需按整改措施改进。",
        "en": "The plan worked with some challenges; the rectification plan addresses them.",
    },
    "overall.M": {
        "zh": "预案执行存在重大问题，须在下次演练前完成整改。",
        "en": "The plan met major challenges; rectify before the next drill.",
    },
    "overall.U": {
        "zh": "预案未能达到目标，须立即整改并重新演练。",
        "en": "The plan failed at least one objective; rectify now and drill again.",
    },
    "overall.none": {
        "zh": "本次演练未评定任何目标。",
        "en": "No objective was rated in this drill.",
    },
    # A plan assessment judges the plan by simulation: it never says the measures were done.
    "overall_assessment.P": {
        "zh": "推演中评定的各项目标与服务指标均达标；推演只按假定的概率和用时计算、未经人员实际操作"
        "的处置步骤（如初期扑救能否成功、报警、清点人数）须经实际演练检验。",
        "en": "Every objective and limit rated in the simulation held; the plan's steps the "
        "simulation only assumes, with a given chance and time (whether first-aid fire fighting "
        "succeeds, the calls, the head count), need a drill.",
    },
    "overall_assessment.S": {
        "zh": "推演显示预案基本可行，但存在一些问题，需按整改措施改进。",
        "en": "The simulation shows the plan workable with some challenges; rectify as listed.",
    },
    "overall_assessment.M": {
        "zh": "推演显示预案存在重大问题，须在组织演练前完成整改。",
        "en": "The simulation shows major challenges; rectify before drilling the plan.",
    },
    "overall_assessment.U": {
        "zh": "推演显示预案未能达到目标，须立即修订预案。",
        "en": "The simulation shows the plan failing an objective; revise it now.",
    },
    "overall_assessment.none": {
        "zh": "本次推演未评定任何目标。",
        "en": "No objective was rated in this assessment.",
    },
    "overall.counts": {
        "zh": "（评定 {rated} 项：P {p} 项，S {s} 项，M {m} 项，U {u} 项）",
        "en": " ({rated} rated: {p} P, {s} S, {m} M, {u} U)",
    },
}
