"""Who works the hall: counters by time block, or a roster of named shifts; the floor staff.

``staff.counters`` gives the counters staffed per time block; ``staff.roster``
(:mod:`simulator.model.roster`) gives people's shifts instead, and the counter blocks, the
guides and the security staff follow from it. ``staff.shifts`` holds the shift rules
``drill roster`` builds a roster from.
"""

from typing import Annotated, Any, ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from simulator.model.base import Clock, ListOf, Model, capped, doc, facts, problem
from simulator.model.hall import Count, Minutes, check_blocks
from simulator.model.roster import RosterEntry, ShiftRules, change_times, on_duty


class CounterBlock(Model):
    """From ``start_min`` on (until the next block), ``count`` counters are staffed."""

    start_min: Clock = doc("when the block starts", "时段开始时间", alias="from")
    count: Count = doc("counters staffed", "开放台席数")

    @model_validator(mode="after")
    def _within_positions(self, info: ValidationInfo) -> "CounterBlock":
        positions = facts(info).positions
        if positions is not None and self.count > positions:
            raise problem("positions", at=("count",), positions=positions)
        return self


class Reserve(Model):
    """Staff who can be called in, and how long they take to arrive."""

    count: Count = doc("staff who can be called in", "可增调的备用人员", default=0)
    call_in_min: Minutes = doc(
        "how long they take to arrive", "到岗所需时间", unit="min", default=0.0, ge=0
    )


Rate = Annotated[float, Field(ge=0), capped(100_000)]


class HourlyCost(Model):
    """What an hour of each post costs (in the scenario's currency), for the cost of a plan."""

    keys_are: ClassVar[str] = "cost_per_hour key"
    counters: Rate = doc("an hour of a counter clerk", "柜员每小时成本")
    guides: Rate = doc("an hour of a lobby guide", "大堂引导员每小时成本", default=0.0)
    security: Rate = doc("an hour of a security guard", "安保人员每小时成本", default=0.0)


class Staff(Model):
    """Who works the hall."""

    counters: ListOf(CounterBlock) = doc(  # type: ignore[valid-type]
        "staffed counters by time block (or give a roster)",
        "分时段开放的台席（或给出排班表 roster）",
        default=(),
    )
    fast_lane: Count = doc(
        "of those, counters reserved for quick services", "其中快速受理窗口数", default=0
    )
    guides: Count = doc("lobby guides (引导员)", "大堂引导员", default=0)
    security: Count = doc("security staff", "安保人员", default=0)
    managers: Count = doc(
        "duty or lobby managers (值班经理, 大堂经理): they make the reports to superiors",
        "值班经理、大堂经理（负责向上级报告）",
        default=1,
    )
    reserve: Reserve = doc("staff who can be called in", "备用人员", default=Reserve())
    cost_per_hour: HourlyCost | None = doc(
        "what an hour of each post costs; gives each plan's staff cost (none: hours only)",
        "各岗位每小时成本；给出后报告每个方案的人力成本（不写则只报工时）",
        default=None,
    )
    roster: ListOf(RosterEntry) = doc(  # type: ignore[valid-type]
        "named shifts (instead of counters): the counters, guides and guards follow from it",
        "排班表（代替 counters）：台席、引导员、安保人数由此得出",
        default=(),
    )
    shifts: ShiftRules | None = doc(
        "the shift rules drill roster builds a roster from",
        "排班规则（drill roster 据此排班）",
        default=None,
    )

    @field_validator("counters")
    @classmethod
    def _blocks(cls, blocks: tuple[CounterBlock, ...], info: ValidationInfo) -> Any:
        check_blocks([block.start_min for block in blocks], info)
        if blocks and blocks[-1].count == 0:
            raise problem("last_block_empty", at=(len(blocks) - 1, "count"))
        return blocks

    @model_validator(mode="after")
    def _counters_or_roster(self, info: ValidationInfo) -> "Staff":
        if not self.roster:
            if not self.counters:
                raise problem("counters_or_roster", at=("counters",))
            return self
        if "counters" in self.model_fields_set:
            raise problem("counters_and_roster", at=("roster",))
        roles = {row.role for row in self.roster}
        for role, key in (("guide", "guides"), ("security", "security")):
            if role in roles and key in self.model_fields_set:
                raise problem("post_and_roster", at=(key,), post=key, role=role)
        if "clerk" not in roles:
            raise problem("roster_no_clerk", at=("roster",))
        known = facts(info)
        opens = known.open_min if known.open_min is not None else self.roster[0].start_min
        closes = known.close_min if known.close_min is not None else opens + 24 * 60
        blocks = rostered_counters(self.roster, opens, closes, known.positions)
        if blocks[-1].count == 0:
            raise problem("roster_empty_at_close", at=("roster",), at_min=blocks[-1].start_min)
        # The model is frozen; what follows from the roster is set once, here, as if given.
        object.__setattr__(self, "counters", blocks)
        for role, key in (("guide", "guides"), ("security", "security")):
            if role in roles:
                object.__setattr__(self, key, fewest_on_duty(self.roster, role, opens, closes))
        return self

    @model_validator(mode="after")
    def _fast_lane(self, info: ValidationInfo) -> "Staff":
        if not self.fast_lane:
            return self
        # Fast-lane counters serve only quick services; the others need a regular counter.
        for index, block in enumerate(self.counters):
            if block.count and block.count <= self.fast_lane:
                raise problem(
                    "no_regular_counter",
                    at=("counters", index, "count"),
                    count=block.count,
                    fast_lane=self.fast_lane,
                )
        if facts(info).quick_services is False:
            raise problem("no_quick_service", at=("fast_lane",))
        return self

    def rostered_hours(self, role: str) -> float | None:
        """Return the paid hours of ``role`` on the roster (None: the roster has none of them)."""
        rows = [row for row in self.roster if row.role == role]
        return sum(row.paid_hours for row in rows) if rows else None

    def counters_at(self, minute: float) -> int:
        """Return the number of counters the schedule staffs at ``minute``."""
        count = self.counters[0].count
        for block in self.counters:
            if block.start_min <= minute:
                count = block.count
        return count


def rostered_counters(
    roster: tuple[RosterEntry, ...], opens: float, closes: float, positions: int | None
) -> tuple[CounterBlock, ...]:
    """Return the counter blocks a roster's clerks staff from ``opens`` to ``closes``.

    Clerks on shift and not on break, never more than ``positions``.
    """
    blocks: list[CounterBlock] = []
    times = [opens] + [time for time in change_times(roster, "clerk") if opens < time < closes]
    for time in times:
        count = on_duty(roster, "clerk", time)
        count = min(count, positions) if positions is not None else count
        if not blocks or blocks[-1].count != count:
            blocks.append(CounterBlock.model_construct(start_min=time, count=count))
    return tuple(blocks)


def fewest_on_duty(roster: tuple[RosterEntry, ...], role: str, opens: float, closes: float) -> int:
    """Return the fewest of ``role`` at their post at any minute from ``opens`` to ``closes``."""
    times = [opens] + [time for time in change_times(roster, role) if opens < time < closes]
    return min(on_duty(roster, role, time) for time in times)
