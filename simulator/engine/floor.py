"""Where people stand on the floor plan when the alarm sounds, and how far each is from each door.

With ``site.floor`` (a rectangle; x runs west to east along its width, y south to north along
its depth) every person gets a position, and their distance to every exit follows from it, so
distances are correlated the way they are in a room: who stands by the main door is far from
the fire exit at the back.

Each person stands at a :data:`Spot`: customers waiting (the queue area and the seats), at a
counter or at a kiosk, each spread uniformly over that zone (``floor.zones``, or its default);
the clerks behind the counter line; guides, guards and fire fighters anywhere on the public
floor. The default zones: customers at counters in a :data:`COUNTER_FRONT_M` strip in front of
the counter line, those waiting (and at kiosks) on the rest of the public floor.

A person walks in a straight line to the nearest point of a door's opening (they need not reach
its middle to pass it), so someone standing at a jamb is at the door. With a passage through the
counter line (``floor.counter_passage_at_m``) the line is an obstacle: who must cross it to
reach a door walks through the passage, the path bending at the best of a few points across
its opening (:data:`PASSAGE_POINTS`, within a few centimetres of the shortest path).
"""

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from simulator.model.floor_plan import Area, Floor
from simulator.model.hall import COUNTER_SHARE, Exit

COUNTER_FRONT_M = 1.2  # the strip in front of the counters where customers being served stand
PASSAGE_POINTS = 5  # where a path may bend in a passage: spread across its opening
BODY_M = 0.2  # a walker keeps this far from a jamb (half a shoulder width)


class Spot(IntEnum):
    """Where on the floor a person is when the alarm sounds."""

    WAITING = 0  # a customer in the queue area or the seats
    AT_COUNTER = 1  # a customer being served at a counter
    AT_KIOSK = 2  # a customer at (or waiting for) a self-service terminal
    BEHIND = 3  # a clerk behind the counter line
    ON_FLOOR = 4  # a guide, a guard or a fire fighter: anywhere on the public floor


@dataclass(frozen=True)
class Layout:
    """A floor plan made ready for placing people: each spot's rectangles, the counter line."""

    floor: Floor
    front: str  # the main door's wall
    line_m: float  # the counter line's distance from that wall
    areas: tuple[np.ndarray, ...]  # by Spot: R × 4 rectangles (x0, x1, y0, y1)
    passage: np.ndarray | None  # the passage's opening, 2 × 2; None: the line is no obstacle

    def depth(self, where: np.ndarray) -> np.ndarray:
        """Return each point's distance from the main door's wall (the last axis is x, y)."""
        x, y = where[..., 0], where[..., 1]
        return {
            "south": y,
            "north": self.floor.depth_m - y,
            "west": x,
            "east": self.floor.width_m - x,
        }[self.front]


def _across(floor: Floor, front: str) -> tuple[float, float]:
    """Return the floor's size from the main door's wall to the opposite one, and along it."""
    if front in ("south", "north"):
        return floor.depth_m, floor.width_m
    return floor.width_m, floor.depth_m


def _band(floor: Floor, front: str, near: float, far: float) -> np.ndarray:
    """Return the rectangle between ``near`` and ``far`` m from the main door's wall (1 × 4)."""
    width, depth = floor.width_m, floor.depth_m
    rectangle = {
        "south": (0.0, width, near, far),
        "north": (0.0, width, depth - far, depth - near),
        "west": (near, far, 0.0, depth),
        "east": (width - far, width - near, 0.0, depth),
    }[front]
    return np.array([rectangle])


def _given(areas: tuple[Area, ...]) -> np.ndarray:
    return np.array([[*area.x_m, *area.y_m] for area in areas])


def layout(floor: Floor, front: str) -> Layout:
    """Return the layout of ``floor`` whose main door is in the ``front`` wall."""
    across = _across(floor, front)[0]
    line = floor.counter_line_m if floor.counter_line_m is not None else COUNTER_SHARE * across
    strip = min(COUNTER_FRONT_M, line / 2)
    public = _band(floor, front, 0.0, line)
    zones = floor.zones
    waiting = _given(zones.waiting) if zones.waiting else _band(floor, front, 0.0, line - strip)
    counters = _given(zones.counters) if zones.counters else _band(floor, front, line - strip, line)
    kiosks = _given(zones.kiosks) if zones.kiosks else waiting
    behind = _band(floor, front, line, across)
    passage = None
    if floor.counter_passage_at_m is not None:
        half = floor.counter_passage_width_m / 2 - min(BODY_M, floor.counter_passage_width_m / 4)
        ends = np.array([floor.counter_passage_at_m - half, floor.counter_passage_at_m + half])
        passage = _on_line(floor, front, line, ends)
    return Layout(floor, front, line, (waiting, counters, kiosks, behind, public), passage)


def _on_line(floor: Floor, front: str, line: float, along: np.ndarray) -> np.ndarray:
    """Return the points ``along`` the counter line (measured as exits are along a wall)."""
    if front == "south":
        return np.column_stack([along, np.full(along.size, line)])
    if front == "north":
        return np.column_stack([along, np.full(along.size, floor.depth_m - line)])
    if front == "west":
        return np.column_stack([np.full(along.size, line), along])
    return np.column_stack([np.full(along.size, floor.width_m - line), along])


def door_segments(floor: Floor, exits: tuple[Exit, ...]) -> np.ndarray:
    """Return each exit's opening as a segment ``[[x0, y0], [x1, y1]]`` on its wall (E × 2 × 2)."""
    segments = np.empty((len(exits), 2, 2))
    for index, exit_ in enumerate(exits):
        assert exit_.wall is not None and exit_.at_m is not None  # the model requires both
        low, high = exit_.at_m - exit_.width_m / 2, exit_.at_m + exit_.width_m / 2
        if exit_.wall in ("south", "north"):
            y = 0.0 if exit_.wall == "south" else floor.depth_m
            segments[index] = [[low, y], [high, y]]
        else:
            x = 0.0 if exit_.wall == "west" else floor.width_m
            segments[index] = [[x, low], [x, high]]
    return segments


def positions(plan: Layout, spot: np.ndarray, uniform: np.ndarray) -> np.ndarray:
    """Return each person's (x, y): ``spot`` is P :class:`Spot`, ``uniform`` P × 2 in [0, 1).

    A person of a spot with several rectangles falls in each in proportion to its area: the
    first draw picks the rectangle and, stretched back to [0, 1), places them across it.
    """
    where = np.empty((spot.size, 2))
    for code, rectangles in enumerate(plan.areas):
        mine = spot == code
        if not mine.any():
            continue
        size = (rectangles[:, 1] - rectangles[:, 0]) * (rectangles[:, 3] - rectangles[:, 2])
        edges = np.concatenate([[0.0], np.cumsum(size) / size.sum()])
        first, second = uniform[mine, 0], uniform[mine, 1]
        which = np.minimum(np.searchsorted(edges, first, side="right") - 1, len(size) - 1)
        stretched = (first - edges[which]) / (edges[which + 1] - edges[which])
        x0, x1, y0, y1 = rectangles[which].T
        where[mine] = np.column_stack([x0 + stretched * (x1 - x0), y0 + second * (y1 - y0)])
    return where


def _to_segments(where: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Return the straight-line distance from each point to each segment (P × E)."""
    start, end = segments[:, 0, :], segments[:, 1, :]  # E × 2
    along = end - start
    length2 = np.maximum(np.sum(along**2, axis=1), 1e-12)
    # The nearest point of each segment: the projection, clipped to the opening.
    t = np.clip(((where[:, None, :] - start[None]) * along[None]).sum(axis=2) / length2, 0, 1)
    nearest = start[None] + t[..., None] * along[None]
    return np.linalg.norm(where[:, None, :] - nearest, axis=2)


@dataclass(frozen=True)
class Legs:
    """Each person's way to each door (P × E): straight, or in two legs through the passage."""

    crosses: np.ndarray  # True: the door lies beyond the counter line, through the passage
    to_passage_m: np.ndarray  # the walk to the passage (where ``crosses``; else the whole walk)
    from_passage_m: np.ndarray  # and on from it to the door (0 where not ``crosses``)

    @property
    def total_m(self) -> np.ndarray:
        """Return the whole walk to each door."""
        return self.to_passage_m + self.from_passage_m

    def with_row(self, person: int, like: int) -> "Legs":
        """Return these legs with ``person``'s ways to the doors made those of ``like``."""
        arrays = [self.crosses.copy(), self.to_passage_m.copy(), self.from_passage_m.copy()]
        for array in arrays:
            array[person] = array[like]
        return Legs(*arrays)


def legs_to_doors(plan: Layout, where: np.ndarray, segments: np.ndarray) -> Legs:
    """Return the walks from each position to each door's opening (P × E).

    Straight, unless the counter line is an obstacle and the door lies wholly on its other
    side: then to the passage and on from it, bending where the two legs are shortest.
    """
    straight = _to_segments(where, segments)
    no_bend = np.zeros_like(straight)
    if plan.passage is None:
        return Legs(np.zeros(straight.shape, dtype=bool), straight, no_bend)
    public = plan.depth(where) < plan.line_m  # P
    door_depth = plan.depth(segments)  # E × 2: each jamb's distance from the front wall
    reaches_public = door_depth.min(axis=1) < plan.line_m
    reaches_back = door_depth.max(axis=1) > plan.line_m
    crosses = np.where(public[:, None], ~reaches_public[None, :], ~reaches_back[None, :])
    if not crosses.any():
        return Legs(crosses, straight, no_bend)
    shares = np.linspace(0.0, 1.0, PASSAGE_POINTS)[:, None]
    bends = plan.passage[0] + shares * (plan.passage[1] - plan.passage[0])  # K × 2
    to_bend = np.linalg.norm(where[:, None, :] - bends[None], axis=2)  # P × K
    bend_to_door = _to_segments(bends, segments)  # K × E
    best = (to_bend[:, :, None] + bend_to_door[None]).argmin(axis=1)  # P × E: which bend
    before = np.take_along_axis(to_bend, best, axis=1)
    after = bend_to_door[best, np.arange(segments.shape[0])[None, :]]
    return Legs(crosses, np.where(crosses, before, straight), np.where(crosses, after, 0.0))


def distances_to_doors(plan: Layout, where: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Return the walk (m) from each position to each door's opening (P × E)."""
    return legs_to_doors(plan, where, segments).total_m


def door_to_door(plan: Layout, segments: np.ndarray) -> np.ndarray:
    """Return the walk (m) from each door to each other door's opening (E × E).

    From the middle of the door's opening, or, for a door that spans the counter line, from
    the middle of its part on either side, whichever is the shorter walk: someone giving up
    such a door stands on one side or the other, not on the line.
    """
    depth = plan.depth(segments)  # E × 2
    starts = []
    for index, (near, far) in enumerate(depth):
        start, end = segments[index]
        if (min(near, far) < plan.line_m < max(near, far)) and plan.passage is not None:
            cut = start + (plan.line_m - near) / (far - near) * (end - start)
            starts.append([(start + cut) / 2, (cut + end) / 2])
        else:
            starts.append([(start + end) / 2])
    return np.array(
        [distances_to_doors(plan, np.array(points), segments).min(axis=0) for points in starts]
    )
