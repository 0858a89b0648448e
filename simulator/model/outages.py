"""System and power outages: what stops, manual work meanwhile, and what follows recovery.

The plans' 业务系统故障 and 突发停电 clauses: business stops (all of it or some services), counters
may go on by hand (人工预受理) and customers leave a number (留下联系电话); once systems are back
the work done by hand is entered (录入派单) and the customers are called back (恢复营业后通知,
XX时刻再来). A regional outage (``region``) stops neighbouring halls too.
"""

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    Field,
    ValidationInfo,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)

from simulator.model.base import Clock, Model, Shown, capped, doc, facts, problem
from simulator.model.distributions import AnyDistribution
from simulator.model.hall import Share
from simulator.model.incident_base import Timed, within_hours


def _names(value: Any, known: tuple[str, ...], what: str, code: str, item_code: str) -> Any:
    """Read a non-empty list of names, each one of ``known`` (when the file's are known)."""
    if not isinstance(value, list | tuple) or not value:
        raise problem(code, got=Shown(value))
    for name in value:
        if not isinstance(name, str):
            raise problem(item_code, got=Shown(name))
        if known and name not in known:
            raise problem("unknown_name", what=what, name=name, options=known)
    return tuple(value)


def _or_names(single: dict[str, Any]) -> WithJsonSchema:
    """Return the JSON Schema of ``single`` or a non-empty list of names."""
    names = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    return WithJsonSchema({"anyOf": [single, names]})


def _scope(value: Any, info: ValidationInfo) -> Any:
    """Read ``all`` or a non-empty list of the scenario's service names."""
    if value == "all":
        return "all"
    return _names(value, facts(info).services, "service", "scope", "scope_names")


def _region(value: Any, info: ValidationInfo) -> Any:
    """Read ``false``, ``true`` or a list of the site's neighbouring halls."""
    if isinstance(value, bool):
        return value
    return _names(value, facts(info).neighbors, "neighbouring hall", "region", "region")


Scope = Annotated[
    Any,
    WrapValidator(lambda value, _handler, info: _scope(value, info)),
    _or_names({"const": "all"}),
]
Region = Annotated[
    Any,
    WrapValidator(lambda value, _handler, info: _region(value, info)),
    _or_names({"type": "boolean"}),
]


class CallBack(Model):
    """The customers who left a number, called back once systems are back (恢复营业后通知).

    The plans: 恢复营业后…通知留下联系电话的客户; 及时通知客户在XX时刻再来营业厅办理. They come
    back ``after_min`` after systems are back, or at the time ``at`` they are asked to come
    (not before systems are back), spread evenly over ``spread_min``.
    """

    keys_are: ClassVar[str] = "call_back key"
    share: Share = doc(
        "share of those who left a number who come back the same day (the rest another day)",
        "留下电话的客户中当天回来办理的比例（其余改日）",
        default=1.0,
    )
    at: Clock | None = doc(
        "the time they are asked to come back (XX时刻再来); none: after_min after recovery",
        "通知客户再来的时刻（XX时刻再来）；不写则为恢复后 after_min 分钟",
        default=None,
        examples=["15:00"],
    )
    after_min: Annotated[float, Field(ge=0), capped(24 * 60)] | None = doc(
        "how long after systems are back the first of them come (the call, the journey)",
        "系统恢复后多久开始有客户回来（通知与路程）",
        unit="min",
        default=None,
    )
    spread_min: Annotated[float, Field(ge=0), capped(24 * 60)] = doc(
        "they come spread evenly over this long",
        "回来的客户均匀分布在这段时间内",
        unit="min",
        default=60.0,
    )

    @field_validator("at")
    @classmethod
    def _at_within_hours(cls, at: float | None, info: ValidationInfo) -> float | None:
        return None if at is None else within_hours(at, info)

    @model_validator(mode="after")
    def _one_time(self) -> "CallBack":
        if self.at is not None and self.after_min is not None:
            raise problem("call_back_both", at=("after_min",))
        return self

    def first_min(self, recovered_min: float) -> float:
        """Return when the first of them come, systems having come back at ``recovered_min``."""
        if self.at is not None:
            return max(self.at, recovered_min)
        return recovered_min + (self.after_min or 0.0)


class Outage(Timed):
    """An outage: business stops, staff may go on by hand, customers may leave a number.

    The plan's 停电或系统瘫痪 clause prescribes the same for both kinds: manual
    pre-acceptance (人工预受理) and call-back numbers (留下联系电话), and afterwards (恢复营业后)
    the pre-accepted work entered in the system (录入派单, ``entry_min``) and the customers who
    left a number called back (``call_back``).
    """

    preaccept_speed: Share | None = doc(
        "share of normal speed at which counters go on by hand (人工预受理); none: not at all",
        "人工预受理相对正常速度的比例；不写则不能办理",
        default=None,
    )
    callback_share: Share | None = doc(
        "share of arrivals who leave a phone number and go (留下联系电话)",
        "留下联系电话后离开的到达客户比例",
        default=None,
    )
    entry_min: AnyDistribution | None = doc(
        "counter time to enter each piece of work pre-accepted by hand, once systems are back"
        " (录入派单); none: not modelled",
        "系统恢复后每笔人工预受理业务的录入派单用时（占用台席）；不写则不计",
        unit="min",
        default=None,
    )
    call_back: CallBack | None = doc(
        "the customers who left a number come back once systems are back; none: another day",
        "恢复营业后通知留下电话的客户回来办理；不写则视为改日办理",
        default=None,
    )
    region: Region = doc(
        "the neighbouring halls it stops too: false (this hall only), true (all of them) or"
        " a list of their names; a redirect to a hall that is down sends nobody",
        "同时受影响的邻近营业厅：false（仅本厅）、true（全部）或营业厅名称列表；"
        "分流到同样故障的营业厅无人可送",
        default=False,
    )

    def neighbors_down(self, neighbors: tuple[str, ...]) -> frozenset[str]:
        """Return which of the hall's ``neighbors`` this outage stops too."""
        if self.region is True:
            return frozenset(neighbors)
        return frozenset(self.region or ())

    @field_validator("preaccept_speed")
    @classmethod
    def _workable(cls, speed: float | None) -> float | None:
        # 1e-300 of normal speed is a service of 1e300 minutes: a day that never ends.
        if speed is not None and 0 < speed < 0.01:
            raise problem("preaccept_tiny", got=Shown(speed))
        return speed


class SystemOutage(Outage):
    """The business system fails for all or part of the services (业务系统故障)."""

    kind: Literal["system_outage"] = "system_outage"
    duration_min: AnyDistribution = doc("how long it lasts", "持续时间", unit="min")
    scope: Scope = doc(
        "the services it stops: all, or a list of service names",
        "受影响的业务：all（全部）或业务名称列表",
        default="all",
    )


class PowerOutage(Outage):
    """The power fails (突发停电): systems, lights and kiosks, until a generator starts."""

    kind: Literal["power_outage"] = "power_outage"
    duration_min: AnyDistribution = doc("how long the mains are out", "停电持续时间", unit="min")
    generator_min: Annotated[float, Field(ge=0), capped(10_000)] | None = doc(
        "a generator restores systems after this long (none: no generator)",
        "备用发电机启动所需时间（不写则无发电机）",
        unit="min",
        default=None,
    )
