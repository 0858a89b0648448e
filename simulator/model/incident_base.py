"""What every incident has: its kind, when it starts, and the sets of kinds the engine tells apart.

The kinds themselves are in :mod:`simulator.model.outages` (system, power) and
:mod:`simulator.model.incidents` (the rest, and the discriminated union of them all).
"""

from typing import Annotated, ClassVar, Literal

from pydantic import (
    ValidationInfo,
    field_validator,
    model_validator,
)

from simulator.model.base import Clock, Model, capped, doc, facts, problem, span
from simulator.model.clock import format_clock
from simulator.model.distributions import AnyDistribution

# Incidents that always end in an evacuation (a fire only if staff cannot put it out).
EVACUATION_KINDS = frozenset({"fire", "bomb_threat", "earthquake"})
# Incidents that stop business (the systems, or the power), and those that take staff away.
OUTAGE_KINDS = frozenset({"system_outage", "power_outage"})
STAFF_KINDS = frozenset({"illness", "disorder", "siege", "fight", "group_complaint", "media"})


def within_hours(start: float, info: ValidationInfo) -> float:
    """Return ``start``, refusing a clock time outside the file's opening hours."""
    known = facts(info)
    if (
        known.open_min is not None
        and known.close_min is not None
        and not known.open_min <= start < known.close_min
    ):
        raise problem(
            "outside_hours", hours=span(known.open_min, known.close_min), got=format_clock(start)
        )
    return start


class Incident(Model):
    """Something injected into the day (see the kinds below)."""

    keys_are: ClassVar[str] = "{kind} key"
    kind: str
    start_min: float
    note: str = doc(
        "what the plan calls it, quoted in briefs", "预案中的说法，写入简报", default=""
    )
    evacuate: bool | None = doc(
        "sound the evacuation alarm when it starts", "发生时即发出疏散警报", default=None
    )

    @property
    def end_min(self) -> float | None:
        """Return when it ends, where the scenario says so (a surge); None otherwise."""
        return None

    @model_validator(mode="after")
    def _evacuation_kinds_evacuate(self) -> "Incident":
        if self.kind in EVACUATION_KINDS and self.evacuate is False:
            raise problem("always_evacuates", at=("evacuate",), kind=self.kind)
        return self


class Timed(Incident):
    """An incident that starts at a clock time, possibly a sampled while later."""

    start_min: Clock = doc("when it starts", "发生时间", alias="at", examples=["10:30"])
    start_delay_min: AnyDistribution | None = doc(
        "minutes after `at` at which it really starts, drawn per simulated day",
        "在 at 之后的随机推迟（每个模拟日抽样）",
        unit="min",
        default=None,
    )

    @field_validator("start_min")
    @classmethod
    def _within_hours(cls, start: float, info: ValidationInfo) -> float:
        return within_hours(start, info)


class Surge(Incident):
    """Customers come ``factor`` times as fast from ``from`` until ``until`` (a promotion)."""

    kind: Literal["surge"] = "surge"
    start_min: Clock = doc("when it starts", "开始时间", alias="from")
    until_min: Clock = doc("when it ends", "结束时间", alias="until")
    factor: Annotated[float, capped(1000)] = doc("arrival rate multiplied by", "到达率倍数", gt=0)
    start_delay_min: AnyDistribution | None = doc(
        "minutes after `from` at which it really starts, drawn per simulated day (it keeps its "
        "length, and ends at closing at the latest): a surge whose hour nobody knows",
        "在 from 之后的随机推迟（每个模拟日抽样；持续时长不变，最迟至营业结束）",
        unit="min",
        default=None,
    )

    @property
    def end_min(self) -> float | None:
        """Return when the surge ends."""
        return self.until_min

    @field_validator("start_min")
    @classmethod
    def _from_within_hours(cls, start: float, info: ValidationInfo) -> float:
        return within_hours(start, info)

    @model_validator(mode="after")
    def _until(self, info: ValidationInfo) -> "Surge":
        if self.until_min <= self.start_min:
            raise problem(
                "later_than_from",
                at=("until",),
                start=format_clock(self.start_min),
                got=format_clock(self.until_min),
            )
        known = facts(info)
        if (
            known.open_min is not None
            and known.close_min is not None
            and not known.open_min < self.until_min <= known.close_min
        ):
            raise problem(
                "outside_hours",
                at=("until",),
                hours=span(known.open_min, known.close_min),
                got=format_clock(self.until_min),
            )
        return self
