"""The hall's floor plan: a rectangle, its counter line, and where people stand on it.

x runs west to east along the width, y south to north along the depth; exits sit on the walls
(:class:`~simulator.model.hall.Exit`). The counter line runs wall to wall parallel to the main
door's wall: the public floor in front of it, the clerks behind it. With a passage through it,
it is an obstacle (people walk round through the passage); without one, a line on the floor.
Zones say where customers stand: waiting (the queue area and the seats), at the counters and
at the kiosks; each defaults to a part of the public floor (see :mod:`simulator.engine.floor`).
"""

from typing import Annotated

from pydantic import Field, model_validator

from simulator.model.base import ListOf, Model, PairOf, capped, doc, problem

LARGEST_M = 10_000.0
Metres = Annotated[float, Field(ge=0), capped(LARGEST_M)]


class Area(Model):
    """A rectangle of the floor: from one x to another and from one y to another."""

    x_m: PairOf(Metres) = doc(  # type: ignore[valid-type]
        "west to east: from, to", "东西方向：从、到（距西墙）", unit="m", examples=[[0, 8]]
    )
    y_m: PairOf(Metres) = doc(  # type: ignore[valid-type]
        "south to north: from, to", "南北方向：从、到（距南墙）", unit="m", examples=[[0, 5]]
    )

    @model_validator(mode="after")
    def _ordered(self) -> "Area":
        for key in ("x_m", "y_m"):
            low, high = getattr(self, key)
            if not low < high:
                raise problem("area_empty", at=(key,), low=f"{low:g}", high=f"{high:g}")
        return self


class Zones(Model):
    """Where customers stand on the public floor when the alarm sounds (default: see each)."""

    waiting: ListOf(Area) = doc(  # type: ignore[valid-type]
        "the queue area and the seats, where customers wait their turn (default: the public "
        "floor but the strip in front of the counters)",
        "排队区和等候座椅，客户等候叫号之处（默认：柜台前一条以外的公共区域）",
        default=(),
    )
    counters: ListOf(Area) = doc(  # type: ignore[valid-type]
        "where customers being served stand (default: a 1.2 m strip in front of the counter line)",
        "正在办理业务的客户所站之处（默认：柜台线前 1.2 米一条）",
        default=(),
    )
    kiosks: ListOf(Area) = doc(  # type: ignore[valid-type]
        "the self-service corner (default: where customers wait)",
        "自助服务区（默认：同等候区）",
        default=(),
    )


class Floor(Model):
    """The hall's floor plan: a rectangle, x west to east along its width, y south to north.

    With it, every person inside gets a position and their distance to each exit follows from
    it (see :mod:`simulator.engine.floor`); without it, each exit's ``distance_m`` is a mean.
    """

    width_m: Annotated[float, capped(LARGEST_M)] = doc(
        "west to east", "东西方向宽度", unit="m", gt=1, examples=[20]
    )
    depth_m: Annotated[float, capped(LARGEST_M)] = doc(
        "south to north", "南北方向进深", unit="m", gt=1, examples=[12]
    )
    counter_line_m: Annotated[float, Field(gt=0), capped(LARGEST_M)] | None = doc(
        "how far the counter line stands from the main door's wall (default: 80 % of the way "
        "to the opposite wall)",
        "柜台线距正门所在墙的距离（默认：到对面墙的 80%）",
        unit="m",
        default=None,
    )
    counter_passage_at_m: Metres | None = doc(
        "the middle of the passage through the counter line, along it as exits are along a "
        "wall; given, the counter line is an obstacle people walk round through it",
        "柜台线上通道（员工进出口）中点的位置，沿柜台线量，量法同出口的 at_m；"
        "给出后柜台线即为障碍，穿过柜台线须经此通道",
        unit="m",
        default=None,
    )
    counter_passage_width_m: Annotated[float, Field(gt=0.3), capped(LARGEST_M)] = doc(
        "clear width of that passage", "该通道的净宽", unit="m", default=0.9
    )
    zones: Zones = doc("where customers stand", "客户所在区域", default_factory=Zones)

    @model_validator(mode="after")
    def _zones_on_the_floor(self) -> "Floor":
        for key in ("waiting", "counters", "kiosks"):
            for index, area in enumerate(getattr(self.zones, key)):
                for axis, size in (("x_m", self.width_m), ("y_m", self.depth_m)):
                    if getattr(area, axis)[1] > size:
                        raise problem(
                            "area_off_floor",
                            at=("zones", key, index, axis),
                            high=f"{getattr(area, axis)[1]:g}",
                            size=f"{size:g}",
                        )
        return self
