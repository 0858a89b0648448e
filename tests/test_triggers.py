"""Playbook triggers: once per episode, re-armed when the condition clears, cooldowns respected."""

from simulator.playbook import Change, Trigger


def run(trigger, values):
    return [trigger.check(minute, holds) for minute, holds in enumerate(values)]


def test_a_condition_that_stays_true_fires_once():
    changes = run(Trigger(), [False, True, True, True, True])
    assert changes.count(Change.FIRE) == 1 and changes[1] == Change.FIRE


def test_the_rule_re_arms_when_the_condition_clears():
    changes = run(Trigger(), [True, True, False, False, True])
    assert changes == [Change.FIRE, Change.NONE, Change.CLEAR, Change.NONE, Change.FIRE]


def test_a_new_episode_inside_the_cooldown_fires_when_the_cooldown_ends():
    changes = run(Trigger(cooldown_min=5), [True, False, True, True, True, True, True, False])
    assert [minute for minute, change in enumerate(changes) if change == Change.FIRE] == [0, 5]
    assert changes[1] == Change.CLEAR and changes[7] == Change.CLEAR


def test_an_episode_that_ends_inside_the_cooldown_without_firing_does_not_clear():
    changes = run(Trigger(cooldown_min=10), [True, False, True, False])
    assert changes == [Change.FIRE, Change.CLEAR, Change.NONE, Change.NONE]
