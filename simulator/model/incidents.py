"""The incidents a scenario injects: one model per kind, a discriminated union on ``kind``.

Surges raise the arrival rate; system and power outages stop business (manual pre-acceptance,
call-backs, a generator), a kiosk outage the kiosks; illness, disorder, siege, fight, group
complaint and a media visit take staff off their posts (a fight or a complaint may grow from
long waits); fire, bomb threat and earthquake end in an evacuation, a robbery in one or in
sheltering. What each does in the engine is described in
:mod:`simulator.engine.incidents` and :mod:`simulator.engine.emergencies`.
"""

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    Field,
    ValidationInfo,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)

from simulator.model.base import Clock, Model, Shown, capped, doc, facts, problem, span
from simulator.model.clock import format_clock
from simulator.model.distributions import AnyDistribution, Lognormal, Uniform
from simulator.model.hall import Count, Share

# Incidents that always end in an evacuation (a fire only if staff cannot put it out).
EVACUATION_KINDS = frozenset({"fire", "bomb_threat", "earthquake"})
# Incidents that stop business (the systems, or the power), and those that take staff away.
OUTAGE_KINDS = frozenset({"system_outage", "power_outage"})
STAFF_KINDS = frozenset({"illness", "disorder", "siege", "fight", "group_complaint", "media"})


def _at_in_hours(start: float, info: ValidationInfo) -> float:
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
        return _at_in_hours(start, info)


class Surge(Incident):
    """Customers come ``factor`` times as fast from ``from`` until ``until`` (a promotion)."""

    kind: Literal["surge"] = "surge"
    start_min: Clock = doc("when it starts", "开始时间", alias="from")
    until_min: Clock = doc("when it ends", "结束时间", alias="until")
    factor: Annotated[float, capped(1000)] = doc("arrival rate multiplied by", "到达率倍数", gt=0)

    @property
    def end_min(self) -> float | None:
        """Return when the surge ends."""
        return self.until_min

    @field_validator("start_min")
    @classmethod
    def _from_within_hours(cls, start: float, info: ValidationInfo) -> float:
        return _at_in_hours(start, info)

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
        return None if at is None else _at_in_hours(at, info)

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


POSTS = ("guides", "security", "counters", "managers")
SUPPRESSION_WINDOW_S = 180.0  # the plans' three minutes of first-aid fire fighting


class Takes(Model):
    """Staff an incident takes off their posts (or the fire fighters it needs): exactly these."""

    guides: Count = doc("lobby guides", "大堂引导员", default=0)
    security: Count = doc("security staff", "安保人员", default=0)
    counters: Count = doc("counter clerks", "柜员", default=0)
    managers: Count = doc("duty or lobby managers", "值班经理或大堂经理", default=0)

    def counts(self, order: tuple[str, ...] = POSTS) -> dict[str, int]:
        """Return the posts it takes someone from, with how many, in ``order``."""
        return {post: getattr(self, post) for post in order if getattr(self, post)}


class StaffIncident(Timed):
    """An incident that takes staff off their posts for its duration."""

    duration_min: AnyDistribution = doc("how long it lasts", "持续时间", unit="min")
    # Each kind sets its own default (whom the plans send); this is only the common type.
    takes: Takes = doc("staff it takes off their posts", "占用的人员", default=Takes())


class Illness(StaffIncident):
    """A customer taken ill (突发疾病): a guide looks after them."""

    kind: Literal["illness"] = "illness"
    takes: Takes = doc(
        "staff it takes off their posts (default a guide)",
        "占用的人员（默认一名引导员）",
        default=Takes(guides=1),
    )


class Disorder(StaffIncident):
    """A disturbance (寻衅滋事): a guard deals with it."""

    kind: Literal["disorder"] = "disorder"
    takes: Takes = doc(
        "staff it takes off their posts (default a guard)",
        "占用的人员（默认一名保安）",
        default=Takes(security=1),
    )


class Siege(StaffIncident):
    """A crowd besieging the hall (围攻): the manager's guide, a guard and a clerk deal with it."""

    kind: Literal["siege"] = "siege"
    takes: Takes = doc(
        "staff it takes off their posts (default a guide, a guard and a clerk)",
        "占用的人员（默认引导员、保安、柜员各一名）",
        default=Takes(guides=1, security=1, counters=1),
    )


class FromWaits(Model):
    """How long waits set an incident off: each customer whose wait passes ``over_min`` may."""

    keys_are: ClassVar[str] = "from_waits key"
    over_min: Annotated[float, Field(gt=0), capped(24 * 60)] = doc(
        "the wait past which a customer may start it", "等候超过此时长的客户可能引发", unit="min"
    )
    chance: Share = doc(
        "chance that one customer whose wait passes over_min starts it",
        "每名等候超过时长的客户引发该事件的概率",
    )


class Fight(StaffIncident):
    """A quarrel or fight between customers (斗殴): a guard and a guide step in."""

    kind: Literal["fight"] = "fight"
    # The manager mediates too (出面进行调解) but stays the one who reports: a manager
    # taken by the incident would block the very escalation its plan asks for.
    takes: Takes = doc(
        "staff it takes off their posts (default a guard and a guide)",
        "占用的人员（默认保安和引导员各一名）",
        default=Takes(security=1, guides=1),
    )
    from_waits: FromWaits | None = doc(
        "it may grow from long waits instead of striking at `at` (then `at` is the earliest)",
        "由长时间等候引发（此时 at 为最早可能发生的时间）",
        default=None,
    )


class GroupComplaint(StaffIncident):
    """A group complaint (群体性投诉): a guide and a guard keep order while the manager reports."""

    kind: Literal["group_complaint"] = "group_complaint"
    takes: Takes = doc(
        "staff it takes off their posts (default a guide and a guard; the manager reports)",
        "占用的人员（默认引导员和保安各一名；负责人负责上报）",
        default=Takes(guides=1, security=1),
    )
    from_waits: FromWaits | None = doc(
        "it may grow from long waits instead of striking at `at` (then `at` is the earliest)",
        "由长时间等候引发（此时 at 为最早可能发生的时间）",
        default=None,
    )


class Media(StaffIncident):
    """Reporters at the door (媒体采访): the hall's manager receives them (营业厅主任负责接待)."""

    kind: Literal["media"] = "media"
    takes: Takes = doc(
        "staff it takes off their posts (default the manager)",
        "占用的人员（默认值班经理一名）",
        default=Takes(managers=1),
    )


class KioskOutage(Timed):
    """The self-service kiosks fail (自助设备故障); counters work on."""

    kind: Literal["kiosk_outage"] = "kiosk_outage"
    duration_min: AnyDistribution = doc("how long it lasts", "持续时间", unit="min")


def _known_exit(name: str | None, info: ValidationInfo) -> str | None:
    exits = facts(info).exits
    if name is None or not exits:
        return name
    if name not in exits:
        raise problem("unknown_name", what="exit name", name=name, options=exits)
    if len(exits) == 1:
        raise problem("only_exit", name=repr(name))
    return name


class Evacuation(Timed):
    """An incident that ends in an evacuation."""

    asset_min: AnyDistribution | None = doc(
        "available safe egress time (ASET) from the incident",
        "可用安全疏散时间（自事发起）",
        unit="min",
        default=None,
    )
    blocks_exit: str | None = doc("an exit it makes unusable", "因事故无法使用的出口", default=None)

    @field_validator("blocks_exit")
    @classmethod
    def _blocks_a_known_exit(cls, name: str | None, info: ValidationInfo) -> str | None:
        return _known_exit(name, info)


class Fire(Evacuation):
    """A fire (火灾): fought until three minutes after ignition, then 119, power off, evacuate."""

    kind: Literal["fire"] = "fire"
    detection_s: AnyDistribution = doc(
        "ignition to detection", "起火到发现", unit="s", default=Uniform(low=30.0, high=120.0)
    )
    suppressed_prob: Share = doc(
        "chance the staff's attack with extinguishers works, given time",
        "员工用灭火器扑救奏效的概率（时间足够时）",
        default=0.0,
    )
    suppression_s: AnyDistribution = doc(
        "time the attack takes when it works; the fire is out only if that ends within the "
        "plans' 180 s from ignition",
        "扑救奏效所需时间；须在起火后 180 秒内扑灭，否则报警疏散",
        unit="s",
        default=Uniform(low=20.0, high=SUPPRESSION_WINDOW_S),
    )
    fighters: Takes = doc(
        "who fights it (those at their posts, up to these)",
        "参与扑救的人员（以在岗人员为限）",
        default=Takes(counters=1, security=1),
    )
    alarm: Literal["after_suppression", "detection"] = doc(
        "when the alarm sounds: after the attempt to put it out, or at detection",
        "何时报警：扑救失败后，或发现时",
        default="after_suppression",
    )
    # Urban fire stations aim to reach their area within 5 min of dispatch; add the call.
    brigade_min: AnyDistribution = doc(
        "the fire brigade arrives this long after the 119 call",
        "拨打 119 后消防队到达时间",
        unit="min",
        default=Lognormal(mean=8.0, sd=3.0),
    )
    cuts_power: bool = doc("the power is cut at the alarm", "报警时切断电源", default=True)


class BombThreat(Evacuation):
    """A bomb threat (涉枪涉爆): 110 and the door shut at once, evacuation on the decision."""

    kind: Literal["bomb_threat"] = "bomb_threat"
    decision_min: AnyDistribution = doc(
        "threat to the order to evacuate",
        "接警到下达疏散命令",
        unit="min",
        default=Uniform(low=1.0, high=5.0),
    )
    police_min: AnyDistribution = doc(
        "the police arrive this long after the call",
        "报警后警察到达时间",
        unit="min",
        default=Lognormal(mean=10.0, sd=4.0),
    )


class Earthquake(Evacuation):
    """An earthquake: evacuation when the shaking stops."""

    kind: Literal["earthquake"] = "earthquake"
    shaking_s: AnyDistribution = doc(
        "how long the shaking lasts", "震动持续时间", unit="s", default=Uniform(low=10.0, high=40.0)
    )


class Robbery(Evacuation):
    """A robbery (抢劫): silent alarm, counters locked, 110 once the robbers leave.

    Then, as the plans say (匪徒离开后，将无关的人员、客户疏散离场), customers are evacuated;
    with ``evacuate: false`` they are sheltered instead and the hall stays shut, the scene
    kept, until the police have come and ``closed_min`` more have passed.
    """

    kind: Literal["robbery"] = "robbery"
    robbers_min: AnyDistribution = doc(
        "how long the robbers are in the hall",
        "歹徒在厅内停留时间",
        unit="min",
        default=Uniform(low=2.0, high=6.0),
    )
    police_min: AnyDistribution = doc(
        "the police arrive this long after the 110 call",
        "报警后警察到达时间",
        unit="min",
        default=Lognormal(mean=10.0, sd=4.0),
    )
    closed_min: AnyDistribution = doc(
        "sheltering: the hall stays shut this long after the police arrive",
        "不疏散时：警察到达后营业厅继续关闭的时间（保护现场）",
        unit="min",
        default=Uniform(low=20.0, high=60.0),
    )


INCIDENTS: tuple[type[Incident], ...] = (
    Surge,
    SystemOutage,
    PowerOutage,
    KioskOutage,
    Illness,
    Disorder,
    Siege,
    Fight,
    GroupComplaint,
    Media,
    Fire,
    BombThreat,
    Earthquake,
    Robbery,
)
INCIDENT_KINDS: tuple[str, ...] = tuple(cls.model_fields["kind"].default for cls in INCIDENTS)
AnyIncident = Annotated[
    Union[  # noqa: UP007
        Surge,
        SystemOutage,
        PowerOutage,
        KioskOutage,
        Illness,
        Disorder,
        Siege,
        Fight,
        GroupComplaint,
        Media,
        Fire,
        BombThreat,
        Earthquake,
        Robbery,
    ],
    Field(discriminator="kind"),
]
