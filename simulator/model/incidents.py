"""The incidents a scenario injects: one model per kind, a discriminated union on ``kind``.

Surges raise the arrival rate; system and power outages stop business (manual pre-acceptance,
call-backs, a generator), a kiosk outage the kiosks; illness, disorder, siege, fight, group
complaint and a media visit take staff off their posts (a fight or a complaint may grow from
long waits); fire, bomb threat and earthquake end in an evacuation, a robbery in one or in
sheltering. What each does in the engine is described in
:mod:`simulator.engine.incidents` and :mod:`simulator.engine.emergencies`.
"""

from typing import Annotated, ClassVar, Literal, Union

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
)

from simulator.model.base import Model, capped, doc, facts, problem
from simulator.model.distributions import AnyDistribution, Lognormal, Uniform
from simulator.model.hall import Count, Share
from simulator.model.incident_base import (
    EVACUATION_KINDS,
    OUTAGE_KINDS,
    STAFF_KINDS,
    Incident,
    Surge,
    Timed,
)
from simulator.model.outages import CallBack, Outage, PowerOutage, Scope, SystemOutage

__all__ = [
    "EVACUATION_KINDS",
    "OUTAGE_KINDS",
    "STAFF_KINDS",
    "CallBack",
    "Incident",
    "Outage",
    "PowerOutage",
    "Scope",
    "Surge",
    "SystemOutage",
    "Timed",
]

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
