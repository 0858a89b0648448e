"""The roster as people read it: a block that missed on the verification days is flagged."""

from simulator.report.roster import roster_section, roster_table


def block(label: str, fresh: float, short: int = 0) -> dict:
    start, until = label.split("–")
    return {
        "block": label,
        "start": start,
        "until": until,
        "arrivals_per_hour": 60.0,
        "erlang": 3,
        "required": 3,
        "clerks": 3 - short,
        "short": short,
        "met_share": 1.0,
        "fresh_met_share": fresh,
        "fresh_low": fresh - 0.2,
        "fresh_high": min(fresh + 0.05, 1.0),
    }


def roster(*blocks: dict) -> dict:
    floor = {"on_floor": 1, "wanted": 1, "people": 2, "lacking_share": 0.0, "needed_share": 0.5}
    total = {"people": 3, "hours": 24.0, "cost": 1080.0}
    return {
        "schema_version": 2,
        "targets": ["wait_p90_min<=20"],
        "share": 0.9,
        "block_min": 30.0,
        "days": 10,
        "seed": 1,
        "fresh_seed": 2,
        "rounds": 1,
        "converged": True,
        "optimal": True,
        "people": [],
        "blocks": list(blocks),
        "floor": {"guide": floor, "security": floor},
        "totals": {"clerk": total, "guide": total, "security": total},
        "cost": 3240.0,
        "unmet": [],
    }


def test_a_block_below_target_on_the_verification_days_is_marked_and_named():
    data = roster(block("09:00–09:30", 1.0), block("09:30–10:00", 0.8))
    table = roster_table(data, "zh")
    held, missed = (line for line in table.splitlines() if line.startswith("09:"))
    assert "未达标" not in held and missed.endswith("✗ 未达标")
    assert "以下时段在验证日上达标天数不足 90%：09:30–10:00" in table
    section = roster_section(data, "zh")
    assert [row["held"] for row in section["blocks"]] == ["100%", "80%  ✗ 未达标"]
    assert "09:30–10:00" in section["short"]


def test_a_roster_that_holds_everywhere_says_nothing_is_short():
    data = roster(block("09:00–09:30", 1.0), block("09:30–10:00", 0.9))
    assert roster_section(data, "zh")["short"] is None
    assert "未达标" not in roster_table(data, "zh")


def test_floor_staff_no_action_needed_are_not_said_to_be_verified():
    data = roster(block("09:00–09:30", 1.0))
    data["floor"]["guide"] = {**data["floor"]["guide"], "needed_share": 0.0}
    table = roster_table(data, "zh")
    assert "验证日中没有需要引导员的处置措施被触发" in table
    assert "因缺引导员而措施未能执行的天数占" not in table
    assert "因缺安保人员而措施未能执行的天数占 0%" in table  # guards were needed and checked
