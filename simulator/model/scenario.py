"""The scenario: one hall, its staffing, its demand, incidents, playbook, limits and egress.

:class:`Scenario` is the whole contract of a scenario file (``schema: 1``), as typed, frozen,
validated data: the only thing the engine, metrics and reports know about a scenario. The
parts live in :mod:`.hall` (site, hours, staff, demand), :mod:`.incidents`, :mod:`.actions`
(the playbook) and :mod:`.distributions`; limits and egress are here. Loading a file and
turning every problem into a message is :mod:`simulator.model.load`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, WithJsonSchema, field_validator, model_validator

from simulator.model.actions import AnyRule, Rule
from simulator.model.base import ListOf, Model, Shown, capped, doc, problem
from simulator.model.clauses import ClauseChange
from simulator.model.distributions import AnyDistribution, Lognormal, Normal, Uniform
from simulator.model.errors import ScenarioWarning
from simulator.model.hall import (
    Demand,
    Exit,
    Hours,
    Neighbor,
    RateBlock,
    Service,
    Share,
    Site,
    Text,
)
from simulator.model.incidents import AnyIncident, Incident
from simulator.model.staff import CounterBlock, Reserve, Staff

SCHEMA = 1
LANGUAGES = ("zh", "en")
DEFAULT_WAIT_LIMIT = 20.0
# Threshold keys of ``limits``: key -> (metric it limits, "max" or "min").
THRESHOLDS: dict[str, tuple[str, str]] = {
    "wait_p90_min": ("wait_p90_min", "max"),
    "wait_mean_min": ("wait_mean_min", "max"),
    "wait_max_min": ("wait_max_min", "max"),
    "abandon_rate": ("abandon_rate", "max"),
    "balk_rate": ("balk_rate", "max"),
    "redirect_rate": ("redirect_rate", "max"),
    "density_per_m2": ("peak_density_per_m2", "max"),
    "peak_queue": ("peak_queue", "max"),
    "utilization": ("utilization", "max"),
    "evacuation_s": ("evacuation_s", "max"),
    "egress_s": ("egress_s", "max"),
    "served_within_limit_share": ("served_within_limit_share", "min"),
    # Nine in ten elderly, disabled and pregnant customers served within their own limit.
    "vulnerable_wait_min": ("wait_p90_min_vulnerable", "max"),
}


@dataclass(frozen=True)
class Limit:
    """A threshold on one metric: ``max`` limits must not be exceeded, ``min`` must be reached."""

    name: str
    metric: str
    threshold: float
    direction: str  # "max" or "min"

    def held_by(self, value: float) -> bool:
        """Return whether one replication's metric value keeps this limit (NaN never does)."""
        if value != value:  # NaN: the metric was undefined, e.g. nobody was served
            return False
        return value <= self.threshold if self.direction == "max" else value >= self.threshold


# A limit's range: a day at the most (no wait limit, evacuation or gap is longer), a density up
# to the crush level and beyond, a queue up to what any hall could hold.
DAY_MIN = 24 * 60
Minutes = Annotated[float, Field(ge=0), capped(DAY_MIN)]
Seconds = Annotated[float, Field(ge=0), capped(DAY_MIN * 60)]


class Limits(Model):
    """The limits a plan must keep, and in what share of simulated days it must keep them."""

    keys_are: ClassVar[str] = "limit"
    wait_p90_min: Minutes | None = doc(
        "90th-percentile wait (default 20)",
        "第 90 百分位等候时间（默认 20）",
        unit="min",
        default=None,
    )
    wait_mean_min: Minutes | None = doc("mean wait", "平均等候时间", unit="min", default=None)
    wait_max_min: Minutes | None = doc("longest wait", "最长等候时间", unit="min", default=None)
    abandon_rate: Share | None = doc("share who give up waiting", "放弃等候比例", default=None)
    balk_rate: Share | None = doc("share who walk out at the door", "见队离开比例", default=None)
    redirect_rate: Share | None = doc("share sent to another hall", "分流至他厅比例", default=None)
    density_per_m2: Annotated[float, capped(10)] | None = doc(
        "peak people per m² on the floor", "营业厅峰值人员密度", unit="/m²", default=None, ge=0
    )
    peak_queue: Annotated[float, capped(100_000)] | None = doc(
        "longest queue", "最长排队人数", default=None, ge=0
    )
    utilization: Share | None = doc("counter utilisation", "台席利用率", default=None)
    evacuation_s: Seconds | None = doc(
        "everyone out, from the incident (RSET)",
        "自事发至全部撤离（RSET）",
        unit="s",
        default=None,
    )
    egress_s: Seconds | None = doc(
        "everyone out, from the alarm", "自警报至全部撤离", unit="s", default=None
    )
    served_within_limit_share: Share | None = doc(
        "least share served within the wait limit (a minimum)",
        "在等候时限内得到服务的最低比例",
        default=None,
    )
    target_share: float = doc(
        "share of simulated days on which a limit must hold",
        "限值须满足的模拟日比例",
        default=0.9,
        gt=0,
        le=1,
    )
    vulnerable_wait_min: Annotated[float, capped(DAY_MIN)] | None = doc(
        "a lower wait limit for elderly, disabled and pregnant customers: their 90th-percentile"
        " wait is rated against it, and served_within_limit_share counts them against it",
        "老弱病残孕客户的等候时限：其 90% 等候时间按此评定，限时内办理比例亦按此计",
        unit="min",
        default=None,
        gt=0,
    )
    _written: tuple[str, ...] = PrivateAttr(default=())  # thresholds in the file's order

    @model_validator(mode="wrap")
    @classmethod
    def _remember_order(cls, data: Any, handler: Any) -> "Limits":
        limits = handler(data)
        if isinstance(data, dict):
            limits._written = tuple(str(key) for key in data if key in THRESHOLDS)
        return limits

    @property
    def items(self) -> tuple[Limit, ...]:
        """Return every limit in the order written; ``wait_p90_min`` (default 20) always first."""
        written = [key for key in self._written if getattr(self, key) is not None]
        written += [
            key for key in THRESHOLDS if key not in written and getattr(self, key) is not None
        ]
        items = [Limit(key, *_metric(key, float(getattr(self, key)))) for key in written]
        if self.wait_p90_min is None:
            items.insert(0, Limit("wait_p90_min", "wait_p90_min", DEFAULT_WAIT_LIMIT, "max"))
        return tuple(items)

    @property
    def wait_min(self) -> float:
        """Return the wait limit served_within_limit_share counts against."""
        return self.wait_p90_min if self.wait_p90_min is not None else DEFAULT_WAIT_LIMIT

    @classmethod
    def of(
        cls,
        items: Iterable[Limit],
        target_share: float = 0.9,
        vulnerable_wait_min: float | None = None,
    ) -> "Limits":
        """Return limits made in code from ``items`` (each named by its ``limits:`` key)."""
        items = list(items)
        values: dict[str, Any] = {item.name: item.threshold for item in items}
        limits = cls.model_validate(
            {
                **values,
                "target_share": target_share,
                "vulnerable_wait_min": values.get("vulnerable_wait_min", vulnerable_wait_min),
            }
        )
        limits._written = tuple(item.name for item in items)
        return limits


def _metric(key: str, threshold: float) -> tuple[str, float, str]:
    metric, direction = THRESHOLDS[key]
    return metric, threshold, direction


class Premovement(Model):
    """Time from the alarm until people start to move, per group (PD 7974-6 / SFPE)."""

    keys_are: ClassVar[str] = "group"
    customers: AnyDistribution = doc(
        "customers: awake, unfamiliar, with a voice alarm (default lognormal 60 s, sd 30)",
        "客户（默认对数正态 均值 60 秒 标准差 30）",
        unit="s",
        default=Lognormal(mean=60.0, sd=30.0),
    )
    staff: AnyDistribution = doc(
        "staff: awake, familiar, trained (default lognormal 30 s, sd 10)",
        "员工（默认对数正态 均值 30 秒 标准差 10）",
        unit="s",
        default=Lognormal(mean=30.0, sd=10.0),
    )


class Egress(Model):
    """How people leave the hall in an evacuation (see :mod:`simulator.engine.egress`).

    Every key has a default, so a scenario needs no ``egress:`` section; the defaults are
    assumptions a safety officer should replace with what their own drills measured.
    """

    keys_are: ClassVar[str] = "egress key"
    premovement_s: Premovement = doc(
        "alarm to starting to move", "警报到开始移动的时间", default=Premovement()
    )
    guided_factor: float = doc(
        "customers' pre-movement × this when a guide directs them",
        "有引导员引导时客户反应时间的倍数",
        default=0.5,
        gt=0,
        le=1,
    )
    people_per_guide: Annotated[int, capped(10_000)] = doc(
        "customers one guide can direct", "每名引导员可引导的客户数", default=50, ge=1
    )
    speed_mps: AnyDistribution = doc(
        "free walking speed (default normal 1.34 m/s, sd 0.26, clipped at 2 sd)",
        "自由步行速度（默认正态 1.34 米/秒 标准差 0.26）",
        unit="m/s",
        default=Normal(mean=1.34, sd=0.26),
    )
    familiar_share: Share = doc(
        "unguided customers who head for the main door (the first exit)",
        "无引导时走向正门（第一个出口）的客户比例",
        default=0.5,
    )
    position_spread: float = doc(
        "a person's distance to an exit is distance_m × U(1 − spread, 1 + spread)",
        "个人到出口距离的离散程度",
        default=0.5,
        ge=0,
        lt=1,
    )
    flow: Literal["design", "measured"] | Annotated[float, Field(gt=0, le=10)] = doc(
        "door flow: design (SFPE 1.3 persons/s per m of effective width, conservative), "
        "measured (1.6 persons/s per m of clear width, Seyfried et al. 2009 bottleneck "
        "experiments), or the hall's own figure from a drill stopwatch: people through a door "
        "÷ seconds from its first to its last ÷ its clear width in m",
        "出口通过能力：design（SFPE 设计值，每米有效宽度每秒 1.3 人，偏保守）、measured"
        "（Seyfried 等 2009 年瓶颈实验实测值，每米净宽每秒 1.6 人），或本厅演练秒表实测值："
        "经某门撤出的人数 ÷ 第一人到最后一人通过该门的秒数 ÷ 该门净宽（米）",
        default="design",
    )
    reroute_wait_s: Annotated[float, Field(ge=0), capped(3600)] = doc(
        "with site.floor: a person who reaches a door whose queue will hold them longer than "
        "this walks on to another exit if that gets them out sooner",
        "有平面图时：到达出口发现排队等候将超过此秒数的人，若改走其他出口能更早出去，就改道",
        unit="s",
        default=30.0,
    )
    vulnerable_speed_factor: float = doc(
        "elderly, disabled and pregnant customers walk at this share of the drawn speed "
        "(about 0.8 m/s against 1.34: Boyce, Shields & Silcock 1999, mobility-impaired people "
        "on the level)",
        "老弱病残孕客户的步速为抽样步速的这一倍数（约 0.8 米/秒，对 1.34 米/秒）",
        default=0.6,
        gt=0,
        le=1,
    )
    needs_help_share: Share = doc(
        "of the vulnerable customers, those who cannot leave alone (a wheelchair user, someone "
        "frail): a guide, guard or clerk goes to each and leaves with them at their pace",
        "老弱病残孕客户中无法独自撤离者的比例（如轮椅使用者、体弱者）：由引导员、安保或柜员"
        "前往协助，并以其步速一同撤离",
        default=0.0,
    )
    help_s: AnyDistribution = doc(
        "time for a helper to ready someone who cannot leave alone (default uniform 15–45 s)",
        "协助者让无法独自撤离者做好撤离准备所需的时间（默认 15–45 秒均匀分布）",
        unit="s",
        default=Uniform(low=15.0, high=45.0),
    )
    familiarity_bonus_s: Annotated[float, Field(ge=0), capped(3600)] = doc(
        "with site.floor: seconds an unguided customer would give up to leave by the main door "
        "they came in by",
        "有平面图时：无引导的客户为走熟悉的正门而愿多花的秒数",
        unit="s",
        default=10.0,
    )
    secure_cash_s: AnyDistribution = doc(
        "clerks lock cash and vouchers away before leaving (default uniform 30–90 s)",
        "柜员撤离前收好现金凭证的时间（默认 30–90 秒均匀分布）",
        unit="s",
        default=Uniform(low=30.0, high=90.0),
    )

    @field_validator("speed_mps")
    @classmethod
    def _moves(cls, speed: Any) -> Any:
        # A walking speed of 0 never gets anyone out: no draw may be 0, not only the mean.
        if speed.expected() <= 0 or speed.can_be_zero():
            raise problem("speed_zero")
        return speed


DEFAULT_EGRESS = Egress()

VARIANTS_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "description": "changes to the base scenario, deep-merged onto it (lists replaced whole)",
    },
}


class Scenario(Model):
    """A validated scenario file."""

    schema_version: int = doc(
        "the version of this contract", "本格式的版本", alias="schema", examples=[SCHEMA]
    )
    name: Text = doc("what the scenario is", "场景名称", examples=["促销日 — 城东营业厅"])
    language: Literal["zh", "en"] = doc(
        "language of briefs and charts", "简报和图表的语言", default="zh"
    )
    site: Site = doc("the hall", "营业厅")
    hours: Hours = doc("opening hours", "营业时间")
    staff: Staff = doc("who works the hall", "人员配置")
    demand: Demand = doc("who comes, when, for what", "客流与业务")
    incidents: ListOf(AnyIncident) = doc(  # type: ignore[valid-type]
        "what is injected into the day", "注入的突发事件", default=()
    )
    playbook: ListOf(AnyRule) = doc(  # type: ignore[valid-type]
        "rules: when a condition becomes true, do an action",
        "预案规则：条件满足时执行的措施",
        default=(),
    )
    procedure: ListOf(ClauseChange) = doc(  # type: ignore[valid-type]
        "changes to the plan's built-in clauses, and the hall's own (see docs/scoring.md)",
        "对内置预案条款的修改及本网点自定条款",
        default=(),
    )
    limits: Limits = doc("what the plan must keep", "须满足的限值", default=Limits())
    egress: Egress = doc("how people leave in an evacuation", "疏散参数", default=DEFAULT_EGRESS)
    # Read from the file as changes to the base; each held as the whole scenario it makes.
    variants: Annotated[dict[str, "Scenario"], WithJsonSchema(VARIANTS_SCHEMA)] = doc(
        "named plans for drill compare, each a change to this scenario",
        "用于方案比较的变体，每个是对本场景的修改",
        default_factory=dict,
    )
    _source: str = PrivateAttr(default="<memory>")
    _sha256: str = PrivateAttr(default="")
    _warnings: tuple[ScenarioWarning, ...] = PrivateAttr(default=())

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, version: int) -> int:
        if version != SCHEMA:
            raise problem("schema", known=SCHEMA, got=Shown(version))
        return version

    @property
    def source(self) -> str:
        """Return the file the scenario was read from (``<memory>`` when built in code)."""
        return self._source

    @property
    def sha256(self) -> str:
        """Return the SHA-256 of the file's bytes ("" when built in code)."""
        return self._sha256

    def located(
        self,
        source: str,
        sha256: str,
        variants: dict[str, "Scenario"] | None = None,
        warnings: tuple[ScenarioWarning, ...] = (),
    ) -> "Scenario":
        """Return this scenario as read from ``source`` (its hash, variants and warnings)."""
        update = {}
        if variants is not None:
            update["variants"] = {name: v.located(source, sha256) for name, v in variants.items()}
        copy = self.model_copy(update=update)
        copy._source, copy._sha256, copy._warnings = source, sha256, warnings
        return copy

    @property
    def warnings(self) -> tuple[ScenarioWarning, ...]:
        """Return the legal values of the file that are most likely mistakes (plausibility)."""
        return self._warnings

    def with_changes(self, **changes: Any) -> "Scenario":
        """Return a copy with ``changes`` to its fields (a staffing plan, say), still located.

        The changes are trusted (they come from code, not a file); variants are dropped, since
        they were changes to the scenario as it was.
        """
        return self.model_copy(update={"variants": {}, **changes})


__all__ = [
    "DEFAULT_EGRESS",
    "CounterBlock",
    "Demand",
    "Egress",
    "Exit",
    "Hours",
    "Incident",
    "Limit",
    "Limits",
    "Neighbor",
    "Premovement",
    "RateBlock",
    "Reserve",
    "Rule",
    "Scenario",
    "Service",
    "Site",
    "Staff",
]
