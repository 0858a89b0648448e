"""Action results: carried out, partly or not, and which shortfalls count against the team."""

import pytest

from simulator.engine.events import UNABLE, ActionResult, ActionStatus, Reason


@pytest.mark.parametrize(
    ("asked", "done", "status"),
    [
        (2, 2, ActionStatus.CARRIED_OUT),
        (2, 1, ActionStatus.PARTLY),
        (2, 0, ActionStatus.NOT_CARRIED_OUT),
        (None, 5, ActionStatus.CARRIED_OUT),
        (None, 0, ActionStatus.NOT_CARRIED_OUT),
    ],
)
def test_a_result_follows_from_what_was_asked_and_done(asked, done, status):
    result = ActionResult.of(asked, done, Reason.RESERVE_EXHAUSTED)
    assert result.status is status
    assert result.carried_out is (status is not ActionStatus.NOT_CARRIED_OUT)
    assert (result.reason is None) is (status is ActionStatus.CARRIED_OUT)


def test_only_a_missing_resource_counts_as_unable():
    assert {
        Reason.RESERVE_EXHAUSTED,
        Reason.NO_FREE_COUNTER,
        Reason.NO_GUIDE,
        Reason.NO_SECURITY,
        Reason.NO_MANAGER,
        Reason.LAST_REGULAR_COUNTER,
        Reason.NEIGHBOR_DOWN,  # the refuge the plan relies on is not there
        Reason.NEIGHBOR_FULL,
    } == UNABLE
    assert {reason for reason in Reason if reason.unable} == UNABLE
    assert Reason.NO_GUIDE.unable and Reason.NO_FREE_COUNTER.unable
    assert not Reason.NOBODY_ELIGIBLE.unable and not Reason.NOBODY_WAITING.unable
    assert not Reason.NO_INCIDENT.unable  # no occasion to call, not a missing resource
    nobody = ActionResult(ActionStatus.NOT_CARRIED_OUT, Reason.NOBODY_WAITING)
    assert not nobody.carried_out and not nobody.unable
    partly = ActionResult(ActionStatus.PARTLY, Reason.NO_GUIDE, 10, 4)
    assert partly.carried_out and not partly.unable  # it did something
