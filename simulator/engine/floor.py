"""Where people stand on the floor plan when the alarm sounds, and how far each is from each door.

With ``site.floor`` (a rectangle; x runs west to east along its width, y south to north along
its depth) every person gets a position, and their distance to every exit follows from it, so
distances are correlated the way they are in a room: who stands by the main door is far from
the fire exit at the back. Customers stand on the public floor, between the main door's wall
and the counter line (:data:`COUNTER_LINE`); the staff behind it, towards the opposite wall.
Guides and guards stand on the public floor with the customers. Everyone is spread uniformly
over their part of the floor; a queue area, seats and kiosk corner are not told apart.

A person walks in a straight line to the nearest point of a door's opening (they need not reach
its middle to pass it), so someone standing at a jamb is at the door.
"""

import numpy as np

from simulator.model.hall import Exit, Floor

# Share of the depth, from the main door's wall, where the counter line stands: the public floor in
# front of it, the counters and the staff behind it (a typical hall keeps a fifth for them).
COUNTER_LINE = 0.8


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


def positions(
    floor: Floor, staff: np.ndarray, uniform: np.ndarray, front: str = "south"
) -> np.ndarray:
    """Return each person's (x, y): ``uniform`` is P × 2 draws in [0, 1), ``staff`` a P mask.

    The public floor lies on the ``front`` side (the main door's wall): customers stand
    between it and the counter line, staff behind the line, towards the opposite wall.
    """
    across, along = uniform[:, 1], uniform[:, 0]
    # Depth from the front wall: customers in the first COUNTER_LINE of it, staff beyond.
    depth_share = np.where(staff, COUNTER_LINE + across * (1 - COUNTER_LINE), across * COUNTER_LINE)
    if front in ("south", "north"):
        y = depth_share * floor.depth_m
        return np.column_stack(
            [along * floor.width_m, y if front == "south" else floor.depth_m - y]
        )
    x = depth_share * floor.width_m
    return np.column_stack([x if front == "west" else floor.width_m - x, along * floor.depth_m])


def distances_to_doors(where: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Return the straight-line distance (m) from each position to each door's opening (P × E)."""
    start, end = segments[:, 0, :], segments[:, 1, :]  # E × 2
    along = end - start
    length2 = np.maximum(np.sum(along**2, axis=1), 1e-12)
    # The nearest point of each segment: the projection, clipped to the opening.
    t = np.clip(((where[:, None, :] - start[None]) * along[None]).sum(axis=2) / length2, 0, 1)
    nearest = start[None] + t[..., None] * along[None]
    return np.linalg.norm(where[:, None, :] - nearest, axis=2)
