"""Exit choice on its own: what each chooser can know, and helpers who stay with their person."""

import numpy as np

from simulator.engine.exit_choice import choose_exits, rerouted

HEADWAY = np.array([1.0, 1.0])
USABLE = np.array([True, True])


def choose(premovement, walk, sees_all, follows=None):
    people = len(premovement)
    return choose_exits(
        np.array(premovement, dtype=float),
        np.array(walk, dtype=float),
        HEADWAY,
        USABLE,
        np.ones(people, dtype=bool),
        np.zeros(people, dtype=bool),
        np.zeros((people, 2)),
        np.array(sees_all),
        np.full(people, -1) if follows is None else np.array(follows),
    )


def test_a_chooser_who_sees_everyone_on_the_way_avoids_a_door_others_are_walking_to():
    # Ten people set off at 0 s for door 0 (5 s away); the last sets off at 1 s, door 0 still
    # 5 s away, door 1 8 s away. Nobody stands at door 0 yet when they set off.
    walk = [[5.0, 30.0]] * 10 + [[5.0, 8.0]]
    premovement = [0.0] * 10 + [1.0]
    informed = choose(premovement, walk, [True] * 11)
    unguided = choose(premovement, walk, [True] * 10 + [False])
    assert informed[-1] == 1  # door 0 will be busy until 15 s: door 1 (out at 10 s) is sooner
    assert unguided[-1] == 0  # sees an empty door and the shorter walk


def test_a_helper_takes_the_door_of_the_person_they_help():
    walk = [[20.0, 4.0], [3.0, 30.0]]  # the person near door 1, the helper near door 0
    chosen = choose([10.0, 10.0], walk, [True, True], follows=[-1, 0])
    assert chosen.tolist() == [1, 1]


def test_a_helper_stays_behind_the_person_they_help_when_that_person_reroutes():
    arrive = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0])
    chosen = np.zeros(7, dtype=int)  # everyone at door 0; the last two a person and helper
    walks = np.full((7, 2, 2), 2.0)
    follows = np.array([-1, -1, -1, -1, -1, -1, 5])
    new_chosen, _arrive, out = rerouted(arrive, chosen, HEADWAY, USABLE, walks, 1.0, follows)
    assert new_chosen[5] == 1 and new_chosen[6] == 1  # the queue at door 0: both go on
    assert out[6] == out[5] + 1.0  # right behind, one headway later
