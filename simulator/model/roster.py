"""Shifts people can work: shift rules (``staff.shifts``) and a roster (``staff.roster``).

A **roster** is named rows, each a person with a role, a start, an end and breaks::

    roster:
      - {name: 张敏, role: clerk, from: "08:30", until: "16:30",
         breaks: [{from: "12:00", until: "12:30"}]}
      - {name: 李强, role: guide, from: "08:30", until: "12:30"}

The counters open at each minute follow from it: the clerks on shift and not on break, never
more than the hall's positions (``site.counters``); a clerk going on break leaves the counter
after the current customer, as when a block of ``staff.counters`` ends. The engine holds the
guides and security staff at one headcount through the day; a roster's guides and guards give
the fewest of them on the floor at any minute of the opening hours (relief for their breaks
is the roster's job).

**Shift rules** say which shifts may be rostered: templates of a length with a window of start
times and a break rule, how many people of each role there are, and the most part-time work
allowed (``drill roster`` builds its roster from them; every row it writes is one of them)::

    shifts:
      templates:
        - {name: 全日班, length_h: 8, earliest: "08:00", latest: "10:00",
           break: {length_min: 60, earliest_h: 3, latest_h: 5}}
        - {name: 半日班, length_h: 4, earliest: "08:30", latest: "13:00", part_time: true}
      available: {clerks: 14, guides: 3, security: 2}
      max_part_time_share: 0.4
"""

from typing import Annotated, ClassVar, Literal

from pydantic import Field, ValidationInfo, model_validator

from simulator.model.base import Clock, ListOf, Model, capped, doc, facts, problem, span
from simulator.model.clock import format_clock
from simulator.model.hall import Count, Share, Text

ROLES = ("clerk", "guide", "security")
Role = Literal[ROLES]  # type: ignore[valid-type]
# The role's name in staff.available, staff.least and staff.cost_per_hour.
ROLE_POSTS = {"clerk": "counters", "guide": "guides", "security": "security"}
# The role's name where people of it are counted or named (staff.shifts.available, names).
ROLE_PEOPLE = {"clerk": "clerks", "guide": "guides", "security": "security"}
# People start before opening to get ready and stay after closing for the last customers.
ROSTER_MARGIN_MIN = 180.0
Hours = Annotated[float, Field(gt=0), capped(16)]


class Break(Model):
    """A break in a roster row: off the counter (or the floor) from ``from`` until ``until``."""

    keys_are: ClassVar[str] = "break key"
    start_min: Clock = doc("when the break starts", "休息开始时间", alias="from")
    until_min: Clock = doc("when it ends", "休息结束时间", alias="until")

    @model_validator(mode="after")
    def _order(self) -> "Break":
        if self.until_min <= self.start_min:
            start = format_clock(self.start_min)
            raise problem(
                "later_than_from", at=("until",), start=start, got=format_clock(self.until_min)
            )
        return self


class RosterEntry(Model):
    """One person's shift on the day: role, start, end and breaks."""

    keys_are: ClassVar[str] = "roster key"
    name: Text = doc("who (a name, or Clerk 1, ...)", "姓名或编号", examples=["张敏"])
    role: Role = doc(
        "clerk (at a counter), guide or security",
        "岗位：clerk 柜员、guide 引导员、security 安保",
        default="clerk",
    )
    start_min: Clock = doc("when the shift starts", "上班时间", alias="from", examples=["08:30"])
    until_min: Clock = doc("when it ends", "下班时间", alias="until", examples=["16:30"])
    breaks: ListOf(Break) = doc("breaks and lunch", "休息、午餐", default=())  # type: ignore[valid-type]
    shift: str = doc("the shift template it follows (drill roster writes it)", "班次", default="")

    @model_validator(mode="after")
    def _inside(self, info: ValidationInfo) -> "RosterEntry":
        start, until = self.start_min, self.until_min
        if until <= start:
            raise problem(
                "later_than_from", at=("until",), start=format_clock(start), got=format_clock(until)
            )
        known = facts(info)
        if known.open_min is not None and known.close_min is not None:
            earliest, latest = (
                known.open_min - ROSTER_MARGIN_MIN,
                known.close_min + ROSTER_MARGIN_MIN,
            )
            if start < earliest or until > latest:
                hours = span(known.open_min, known.close_min)
                raise problem("roster_day", at=("from",), hours=hours, margin=ROSTER_MARGIN_MIN)
        previous = start
        for index, pause in enumerate(self.breaks):
            if pause.start_min < previous or pause.until_min > until:
                raise problem(
                    "break_inside",
                    at=("breaks", index, "from"),
                    start=format_clock(start),
                    until=format_clock(until),
                )
            previous = pause.until_min
        return self

    def on_duty(self, minute: float) -> bool:
        """Return whether the person is at their post at ``minute`` (on shift, not on break)."""
        if not self.start_min <= minute < self.until_min:
            return False
        return not any(pause.start_min <= minute < pause.until_min for pause in self.breaks)

    @property
    def paid_hours(self) -> float:
        """Return the shift's length in hours, breaks included (a rostered shift is paid)."""
        return (self.until_min - self.start_min) / 60

    def changes(self) -> list[float]:
        """Return the minutes at which this person comes to or leaves their post."""
        times = [self.start_min, self.until_min]
        for pause in self.breaks:
            times += [pause.start_min, pause.until_min]
        return times


def on_duty(roster: tuple[RosterEntry, ...], role: str, minute: float) -> int:
    """Return how many of ``role`` are at their post at ``minute``."""
    return sum(1 for row in roster if row.role == role and row.on_duty(minute))


def change_times(roster: tuple[RosterEntry, ...], role: str) -> list[float]:
    """Return the sorted minutes at which the headcount of ``role`` may change."""
    return sorted({time for row in roster if row.role == role for time in row.changes()})


class BreakRule(Model):
    """The break of a shift: how long, and how soon after the shift's start it may begin."""

    keys_are: ClassVar[str] = "break rule key"
    length_min: Annotated[float, Field(gt=0), capped(240)] = doc(
        "how long", "休息时长", unit="min", examples=[60]
    )
    earliest_h: Annotated[float, Field(ge=0), capped(16)] = doc(
        "earliest start, hours after the shift starts", "最早开始（上班后小时数）"
    )
    latest_h: Annotated[float, Field(ge=0), capped(16)] = doc(
        "latest start, hours after the shift starts", "最晚开始（上班后小时数）"
    )

    @model_validator(mode="after")
    def _window(self) -> "BreakRule":
        if self.latest_h < self.earliest_h:
            raise problem("break_window", at=("latest_h",))
        return self


class ShiftTemplate(Model):
    """A shift that may be rostered: its length, its window of start times, its break."""

    keys_are: ClassVar[str] = "shift key"
    name: Text = doc("its name on the roster", "班次名称", examples=["全日班"])
    length_h: Hours = doc("how long, break included", "班次时长（含休息）", unit="h")
    earliest: Clock = doc("the earliest start", "最早上班时间", examples=["08:00"])
    latest: Clock = doc("the latest start", "最晚上班时间", examples=["10:00"])
    every_min: Annotated[float, Field(gt=0), capped(240)] = doc(
        "starts on this grid from the earliest", "上班时间间隔", unit="min", default=30.0
    )
    part_time: bool = doc("a part-time shift (兼职、弹性)", "是否为兼职班次", default=False)
    roles: ListOf(Role) = doc(  # type: ignore[valid-type]
        "who may work it (default everyone)", "适用岗位（默认全部）", default=ROLES
    )
    break_: BreakRule | None = doc(
        "its break (none: no break)", "休息规则", alias="break", default=None
    )

    @model_validator(mode="after")
    def _fits(self, info: ValidationInfo) -> "ShiftTemplate":
        if self.latest < self.earliest:
            raise problem("shift_window", at=("latest",))
        rule = self.break_
        if rule is not None and rule.latest_h * 60 + rule.length_min >= self.length_h * 60:
            # A break that runs to the end of the shift is the end of the shift.
            raise problem("break_past_shift", at=("break", "latest_h"), length=self.length_h)
        return self

    def starts(self) -> list[float]:
        """Return every start time the template allows."""
        count = int((self.latest - self.earliest) // self.every_min + 1e-9) + 1
        return [self.earliest + index * self.every_min for index in range(count)]


class People(Model):
    """How many people of each role there are (none: as many as needed)."""

    keys_are: ClassVar[str] = "available key"
    clerks: Count | None = doc("counter clerks", "柜员", default=None)
    guides: Count | None = doc("lobby guides", "引导员", default=None)
    security: Count | None = doc("security staff", "安保人员", default=None)

    def of(self, role: str) -> int | None:
        """Return the count for ``role`` (clerk, guide, security)."""
        return getattr(self, ROLE_PEOPLE[role])


class Names(Model):
    """Who works each role, by name (``drill roster`` gives the shifts to them in order)."""

    keys_are: ClassVar[str] = "names key"
    clerks: ListOf(Text) = doc("counter clerks", "柜员", default=())  # type: ignore[valid-type]
    guides: ListOf(Text) = doc("lobby guides", "引导员", default=())  # type: ignore[valid-type]
    security: ListOf(Text) = doc("security staff", "安保人员", default=())  # type: ignore[valid-type]

    def of(self, role: str) -> tuple[str, ...]:
        """Return the names given for ``role`` (clerk, guide, security)."""
        return getattr(self, ROLE_PEOPLE[role])


class ShiftRules(Model):
    """The shifts a roster may use, the people there are, and the most part-time work."""

    keys_are: ClassVar[str] = "shifts key"
    templates: ListOf(ShiftTemplate) = doc(  # type: ignore[valid-type]
        "the shifts that may be rostered", "可排班次", min_length=1
    )
    available: People = doc("people of each role", "各岗位可用人数", default=People())
    least: People = doc(
        "the fewest guides and guards on the floor whatever the playbook needs",
        "引导员、安保人员的最少在岗人数",
        default=People(),
    )
    max_part_time_share: Share = doc(
        "the most part-time shifts, as a share of all shifts", "兼职班次最高占比", default=1.0
    )
    names: Names = doc(
        "the people's names per role, given to the shifts in order of their start "
        "(more shifts than names: numbered)",
        "各岗位人员姓名，按上班先后分配（班次多于姓名时按编号）",
        default=Names(),
    )

    def templates_for(self, role: str) -> list[ShiftTemplate]:
        """Return the templates people of ``role`` may work."""
        return [template for template in self.templates if role in template.roles]

    def matches(self, row: RosterEntry) -> bool:
        """Return whether ``row`` is one of the templates, its break inside the break window."""
        for template in self.templates_for(row.role):
            if abs(row.paid_hours - template.length_h) > 1e-9:
                continue
            if row.start_min not in template.starts():
                continue
            rule = template.break_
            if rule is None:
                if not row.breaks:
                    return True
                continue
            if len(row.breaks) != 1:
                continue
            (pause,) = row.breaks
            after_h = (pause.start_min - row.start_min) / 60
            length = pause.until_min - pause.start_min
            if (
                rule.earliest_h - 1e-9 <= after_h <= rule.latest_h + 1e-9
                and abs(length - rule.length_min) < 1e-9
            ):
                return True
        return False
