"""A bank of counters: its queue counts stay true to who is really waiting, on every path."""

import numpy as np

from simulator.engine.demand import VIP
from simulator.engine.hall import Day
from simulator.engine.records import Outcome
from simulator.engine.streams import Streams
from simulator.model.distributions import Lognormal
from tests.factory import exponential, hall, outage, rule

LOGNORMAL_40 = Lognormal(mean=40.0, sd=10.0)


def test_the_vip_queue_count_is_the_vips_really_waiting_every_minute_and_zero_at_the_end():
    # Every way out of the queue: served, served after an outage, given up, or asked to leave
    # a number (take_callbacks) — each must take the customer off the VIP count.
    # The outage ends between whole minutes.
    outage_incident = outage(90, 1).model_copy(update={"duration_min": LOGNORMAL_40})
    scenario = hall(
        per_min=2.4,
        counters=2,
        vip_share=0.3,
        patience_min=exponential(15.0),
        incidents=(outage_incident,),
        playbook=(rule("queue >= 20", "take_callbacks", share=0.3),),
    )
    snapshots = []
    day = Day(scenario, Streams(11, 0), observer=snapshots.append)
    record = day.run()
    outcome = record.outcome
    assert np.sum(outcome == Outcome.ABANDONED) > 5 and np.sum(outcome == Outcome.CALLBACK) > 5
    vip = record.queued_for_counter & (record.priority == VIP)
    # A customer waits from arrival until service starts or they leave; a call-back taken at
    # minute t is taken after that minute's snapshot.
    left = np.where(np.isnan(record.start), record.end, record.start)
    for snapshot in snapshots:
        t = snapshot.time
        leaving = np.where(outcome == Outcome.CALLBACK, left >= t, left > t)
        waiting = int(np.sum(vip & (record.arrival <= t) & leaving))
        assert snapshot.state["queue_vip"] == waiting, t
    assert day.counters.waiting == 0 and day.counters.waiting_by_priority == [0, 0, 0]
