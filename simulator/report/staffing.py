"""The table ``drill staff`` prints, from ``staffing.json``."""

from simulator.rundir.schema import StaffingFile, block_plans


def staffing_table(data: StaffingFile) -> str:
    """Return the plain-text table ``drill staff`` prints."""
    targets = data["targets"]
    lines = [
        f"targets {', '.join(targets)} on at least {data['share']:.0%} of {data['days']} "
        f"simulated days, per block",
        "counters per block, with the share of days on which the block kept every target:",
        "",
        f"{'block':<13}{'arrivals/h':>11}  {'now':<10}{'Erlang':<10}{'found':<10}"
        + "   ".join(f"{target} (kept)" for target in targets),
    ]
    for block in data["blocks"]:
        mark = "" if block["block"] not in data["unreachable"] else "  ✗ unreachable"
        kept = "   ".join(
            f"{'—' if block['kept'][t] is None else format(block['kept'][t], '.3g'):>{len(t) + 7}}"
            for t in targets
        )
        plans = "".join(
            f"{f'{counters} ({met:.0%})':<10}" for counters, met in block_plans(block).values()
        )
        lines.append(
            f"{block['block']:<13}{block['arrivals_per_hour']:>11.0f}  {plans}" + kept + mark
        )
    hours, reserve = data["counter_hours"], data["reserve"]
    lines += [
        "",
        f"counter-hours: now {hours['given']:g}, Erlang {hours['erlang']:g}, "
        f"found {hours['found']:g}; reserve call-ins: now {reserve['given']}, "
        f"found {reserve['found']}",
        f"{data['plans_simulated']} plans simulated",
    ]
    if data["unreachable"]:
        lines.append(
            f"not reachable with up to {data['max_counters']} counters: "
            + ", ".join(data["unreachable"])
        )
    return "\n".join(line.rstrip() for line in lines)
