"""The hall, its opening hours, its staff and its customers: the scenario's fixed parts.

Clock times are written ``"HH:MM"`` and held as minutes since midnight; durations are minutes
unless a name ends in ``_s``. Each model checks what it can alone (a closing time after the
opening time, shares that add up) and, through :class:`~simulator.model.base.Facts`, what it
needs of the rest of the file (a block's start inside opening hours).
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from simulator.model.base import Clock, ListOf, Model, capped, doc, facts, problem, span
from simulator.model.clock import format_clock
from simulator.model.distributions import AnyDistribution
from simulator.model.floor_plan import Floor

SHARE_TOLERANCE = 1e-6
# Counts stop far below what would exhaust memory: no hall has a million counters.
MANY = 10_000
# Sanity caps (see base.capped): a typo such as 1e12 must not make a day run for ever.
LONGEST_MIN = 10_000.0  # about a week
# Where the counter line stands without counter_line_m: this share of the way from the main
# door's wall to the opposite one (a typical hall keeps a fifth of its depth for the clerks).
COUNTER_SHARE = 0.8
LARGEST_M = 10_000.0
Minutes = Annotated[float, capped(LONGEST_MIN)]
Metres = Annotated[float, capped(LARGEST_M)]


# Characters that break a line or jump a column in a table row or a terminal: none in a name.
BREAKS_LINE = "\n\r\t\v\f\x85\u2028\u2029"


def one_line(text: str) -> bool:
    """Return whether ``text`` keeps to one line (no line break, carriage return or tab)."""
    return not any(char in text for char in BREAKS_LINE)


def _one_line(text: str) -> str:
    if not text.strip():
        raise problem("blank")
    # A name is shown in table cells and chart labels: a line break or tab would split the row.
    if not one_line(text):
        raise problem("multiline_name")
    return text


Text = Annotated[str, AfterValidator(_one_line)]
Share = Annotated[float, Field(ge=0, le=1)]
PositiveShare = Annotated[float, Field(gt=0, le=1)]
Count = Annotated[int, Field(ge=0), capped(MANY)]


def _unique(names: list[str], key: str) -> None:
    """Raise the first name written twice, at its entry."""
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in first:
            raise problem("twice", at=(index, key), name=repr(name), first=first[name])
        first[name] = index


Wall = Literal["north", "south", "east", "west"]


class Exit(Model):
    """A door people can leave through in an evacuation."""

    name: Text = doc("the exit's name", "出口名称", examples=["正门"])
    width_m: Metres = doc("clear width of the door", "门的净宽", unit="m", gt=0.3, examples=[1.8])
    distance_m: Annotated[float, Field(gt=0), capped(LARGEST_M)] | None = doc(
        "mean walk from the floor to it (default: from the floor area)",
        "从营业厅各处走到该出口的平均距离（默认按面积推算）",
        unit="m",
        default=None,
    )
    approach_m2: Annotated[float, Field(gt=0), capped(LARGEST_M)] | None = doc(
        "floor in front of it where a queue stands (default: a half-disc 2 m beyond the jambs)",
        "出口前可排队的面积（默认门外 2 米半圆）",
        unit="m²",
        default=None,
    )
    wall: Wall | None = doc(
        "with site.floor: the wall the door is in",
        "有平面图（site.floor）时：门所在的墙（north 北、south 南、east 东、west 西）",
        default=None,
    )
    at_m: Metres | None = doc(
        "with site.floor: the door's middle, along its wall from the west end (north and south "
        "walls) or the south end (east and west walls)",
        "有平面图时：门中点沿墙的位置，南北墙从西端量起，东西墙从南端量起",
        unit="m",
        default=None,
        ge=0,
    )


def _check_counter_line(floor: Floor, front: str | None) -> None:
    """Check the counter line, its passage and the customers' zones against the main door."""
    across = floor.depth_m if front in ("south", "north") else floor.width_m
    along = floor.width_m if front in ("south", "north") else floor.depth_m
    line = floor.counter_line_m
    if line is not None and line >= across:
        raise problem(
            "counter_line_off_floor",
            at=("floor", "counter_line_m"),
            size=f"{across:g}",
            got=f"{line:g}",
        )
    if floor.counter_passage_at_m is not None:
        if floor.counter_passage_width_m > along:
            raise problem(
                "passage_wider_than_line",
                at=("floor", "counter_passage_width_m"),
                width=f"{floor.counter_passage_width_m:g}",
                length=f"{along:g}",
            )
        half = floor.counter_passage_width_m / 2
        if not half <= floor.counter_passage_at_m <= along - half:
            raise problem(
                "passage_off_line",
                at=("floor", "counter_passage_at_m"),
                low=f"{half:g}",
                high=f"{along - half:g}",
                got=f"{floor.counter_passage_at_m:g}",
            )
    line = across * COUNTER_SHARE if line is None else line
    for key in ("waiting", "counters", "kiosks"):
        for index, area in enumerate(getattr(floor.zones, key)):
            if _depth_reach(area, front, floor) > line * (1 + SHARE_TOLERANCE):
                raise problem(
                    "zone_behind_counter", at=("floor", "zones", key, index), line=f"{line:g}"
                )


def _depth_reach(area: Any, front: str | None, floor: Floor) -> float:
    """Return how far from the main door's wall ``area`` reaches."""
    if front == "north":
        return floor.depth_m - area.y_m[0]
    if front == "east":
        return floor.width_m - area.x_m[0]
    if front == "west":
        return area.x_m[1]
    return area.y_m[1]


class Neighbor(Model):
    """A nearby hall customers can be sent to."""

    name: Text = doc("the hall's name", "邻近营业厅名称", examples=["城西营业厅"])
    travel_min: Minutes = doc("how long it takes to get there", "前往所需时间", unit="min", ge=0)
    accepts_share: PositiveShare = doc(
        "the largest share of counter customers it can take", "可接收的柜台客户最大比例"
    )
    spare_per_hour: Annotated[float, Field(gt=0), capped(100_000)] | None = doc(
        "customers an hour it can take on top of its own (a guide phones first); none: no limit",
        "每小时最多可额外接收的客户数（引导前先电话确认）；不写则不限",
        default=None,
    )


class Site(Model):
    """The physical hall."""

    name: Text = doc("the hall's name", "营业厅名称", examples=["城东营业厅"])
    location: str = doc("its address", "地址", default="")
    floor_area_m2: Annotated[float, capped(1_000_000)] = doc(
        "public floor where customers wait and move",
        "客户等候和走动的公共区域面积",
        unit="m²",
        ge=1,  # densities are per m²: a smaller floor is a typo for a real one
    )
    exits: ListOf(Exit) = doc(  # type: ignore[valid-type]
        "doors people can leave through; the first is the main door",
        "疏散出口；第一个为正门",
        min_length=1,
    )
    kiosks: Count = doc("self-service terminals", "自助终端数量", default=0)
    neighbors: ListOf(Neighbor) = doc(  # type: ignore[valid-type]
        "halls customers can be sent to", "可分流前往的邻近营业厅", default=()
    )
    floor: Floor | None = doc(
        "the floor plan, a rectangle; exits then need wall and at_m (see egress)",
        "营业厅平面图（矩形）；给出后各出口须写明 wall 和 at_m",
        default=None,
    )
    counters: Annotated[int, Field(ge=1), capped(MANY)] | None = doc(
        "counter positions (caps staffing and call-ins; default: as many as staffed)",
        "柜台台席数（限制排班和增调；默认等于在岗人数）",
        default=None,
    )

    @field_validator("exits")
    @classmethod
    def _exit_names(cls, exits: tuple[Exit, ...]) -> tuple[Exit, ...]:
        _unique([e.name for e in exits], "name")
        return exits

    @model_validator(mode="after")
    def _exits_on_the_floor(self) -> "Site":
        if self.floor is None:
            for index, exit_ in enumerate(self.exits):
                if exit_.wall is not None or exit_.at_m is not None:
                    key = "wall" if exit_.wall is not None else "at_m"
                    raise problem("exit_without_floor", at=("exits", index, key))
            return self
        floor = self.floor
        if self.floor_area_m2 > floor.width_m * floor.depth_m * (1 + SHARE_TOLERANCE):
            raise problem(
                "area_beyond_floor",
                at=("floor_area_m2",),
                area=f"{self.floor_area_m2:g}",
                plan=f"{floor.width_m * floor.depth_m:g}",
            )
        taken: dict[str, list[tuple[float, float, int]]] = {}
        for index, exit_ in enumerate(self.exits):
            if exit_.wall is None or exit_.at_m is None:
                key = "wall" if exit_.wall is None else "at_m"
                raise problem("exit_needs_place", at=("exits", index, key))
            if exit_.distance_m is not None:  # the plan decides every distance
                raise problem("distance_with_floor", at=("exits", index, "distance_m"))
            length = floor.width_m if exit_.wall in ("north", "south") else floor.depth_m
            half = exit_.width_m / 2
            if exit_.width_m > length:
                raise problem(
                    "exit_wider_than_wall",
                    at=("exits", index, "width_m"),
                    width=f"{exit_.width_m:g}",
                    length=f"{length:g}",
                )
            if not half <= exit_.at_m <= length - half:
                raise problem(
                    "exit_off_wall",
                    at=("exits", index, "at_m"),
                    low=f"{half:g}",
                    high=f"{length - half:g}",
                    got=f"{exit_.at_m:g}",
                )
            low, high = exit_.at_m - half, exit_.at_m + half
            for other_low, other_high, other in taken.get(exit_.wall, []):
                if low < other_high and other_low < high:
                    raise problem("exits_overlap", at=("exits", index, "at_m"), other=other)
            taken.setdefault(exit_.wall, []).append((low, high, index))
        _check_counter_line(floor, self.exits[0].wall)
        return self

    @field_validator("neighbors")
    @classmethod
    def _neighbor_names(cls, neighbors: tuple[Neighbor, ...]) -> tuple[Neighbor, ...]:
        _unique([n.name for n in neighbors], "name")
        return neighbors


class Hours(Model):
    """Opening hours; arrivals happen only between them, service goes on until the hall is empty."""

    open_min: Clock = doc("opening time", "开门时间", alias="open", examples=["09:00"])
    close_min: Clock = doc("closing time", "关门时间", alias="close", examples=["17:00"])

    @model_validator(mode="after")
    def _ordered(self) -> "Hours":
        if self.close_min <= self.open_min:
            raise problem(
                "later_than_open",
                at=("close",),
                open=format_clock(self.open_min),
                got=format_clock(self.close_min),
            )
        return self


def check_blocks(starts: list[float], info: ValidationInfo) -> None:
    """Blocks start at opening, then each strictly after the last and before closing."""
    known = facts(info)
    previous = None
    for index, start in enumerate(starts):
        if index == 0:
            if known.open_min is not None and start != known.open_min:
                raise problem(
                    "first_block",
                    at=(0, "from"),
                    open=format_clock(known.open_min),
                    got=format_clock(start),
                )
        elif previous is not None and start <= previous:
            raise problem(
                "block_order",
                at=(index, "from"),
                previous=format_clock(previous),
                got=format_clock(start),
            )
        elif (
            known.open_min is not None
            and known.close_min is not None
            and not known.open_min <= start < known.close_min
        ):
            raise problem(
                "outside_hours",
                at=(index, "from"),
                hours=span(known.open_min, known.close_min),
                got=format_clock(start),
            )
        previous = start


class RateBlock(Model):
    """From ``start_min`` on (until the next block), customers arrive at ``per_hour``."""

    start_min: Clock = doc("when the block starts", "时段开始时间", alias="from")
    per_hour: Annotated[float, capped(100_000)] = doc(
        "arrivals per hour", "每小时到达人数", unit="/h", ge=0
    )


class Service(Model):
    """One kind of business a customer comes for."""

    name: Text = doc("the business", "业务名称", examples=["缴费"])
    share: PositiveShare = doc("share of customers who come for it", "办理该业务的客户比例")
    minutes: AnyDistribution = doc("how long it takes at a counter", "柜台办理时长", unit="min")
    kiosk: bool = doc("a kiosk can do it", "可在自助终端办理", default=False)
    quick: bool = doc("a fast-lane counter may serve it", "可在快速受理窗口办理", default=False)

    @field_validator("minutes")
    @classmethod
    def _takes_time(cls, minutes: Any) -> Any:
        if minutes.expected() <= 0:  # a counter serving in no time would serve everyone at once
            raise problem("service_zero")
        return minutes


class Demand(Model):
    """Who comes, when, for what, and how long they are willing to wait."""

    arrivals: ListOf(RateBlock) = doc(  # type: ignore[valid-type]
        "arrival rate by time block (Poisson)", "分时段到达率（泊松）", min_length=1
    )
    services: ListOf(Service) = doc(  # type: ignore[valid-type]
        "the business mix; shares add up to 1", "业务构成；比例之和为 1", min_length=1
    )
    vip_share: Share = doc("customers served first (绿色通道)", "优先办理的贵宾比例", default=0.0)
    vulnerable_share: Share = doc(
        "elderly, disabled, pregnant: priority and a lower wait limit",
        "老弱病残孕等特殊客户比例",
        default=0.0,
    )
    patience_min: AnyDistribution | None = doc(
        "how long a customer waits before giving up (none: nobody gives up)",
        "客户放弃等候前愿意等待的时间（不写则无人放弃）",
        unit="min",
        default=None,
    )
    outside_patience_min: AnyDistribution | None = doc(
        "how long a customer waits outside while entry is held before going (default: "
        "patience_min; none of either: until closing)",
        "暂停进厅或限流时客户在门外愿意等待的时间（默认同 patience_min；都不写则等到关门）",
        unit="min",
        default=None,
    )
    balk_at_queue: Annotated[int, Field(ge=1), capped(MANY)] | None = doc(
        "arrivals who see this many waiting leave at once (none: never)",
        "到达时见到排队人数达到此数即离开（不写则不离开）",
        default=None,
    )
    kiosk_uptake: Share = doc(
        "share of kiosk-able customers who use a kiosk",
        "可自助办理的客户中使用自助终端的比例",
        default=0.5,
    )

    @field_validator("arrivals")
    @classmethod
    def _rate_blocks(cls, blocks: tuple[RateBlock, ...], info: ValidationInfo) -> Any:
        check_blocks([block.start_min for block in blocks], info)
        if not any(block.per_hour for block in blocks):
            raise problem("nobody_arrives")
        return blocks

    @field_validator("services")
    @classmethod
    def _service_mix(cls, services: tuple[Service, ...]) -> Any:
        _unique([s.name for s in services], "name")
        total = sum(service.share for service in services)
        if abs(total - 1) > SHARE_TOLERANCE:
            raise problem("shares_sum", total=f"{total:.6g}")
        return services

    @model_validator(mode="after")
    def _priorities(self) -> "Demand":
        if self.vip_share + self.vulnerable_share > 1:
            total = self.vip_share + self.vulnerable_share
            raise problem("priority_sum", at=("vulnerable_share",), total=f"{total:g}")
        return self
