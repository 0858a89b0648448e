"""The drill's timeline: the state the when: language reads, from injects and counts."""

import math
from pathlib import Path

from simulator.model import load_scenario
from simulator.model.drill_log import read_drill_log_text
from simulator.model.drill_record import Measurement
from simulator.scoring.timeline import Period, Timeline, day_counts, periods_of

OUTAGE = load_scenario(Path(__file__).parent.parent / "scenarios" / "bank_system_outage.yaml")


def test_the_state_follows_the_outage_and_the_last_count_before_the_time():
    outage = Period("system_outage", 0, 630.0, 665.0)
    counts = (Measurement("queue", 23, 645.0), Measurement("queue", 9, 700.0))
    timeline = Timeline((outage,), counts)
    during, after = timeline.state(650.0), timeline.state(680.0)
    assert (during["outage_min"], during["system_outage_active"], during["queue"]) == (20, 1, 23)
    assert math.isnan(during["outage_ended_min"])  # no comparison holds while one is on
    assert (after["outage_min"], after["outage_ended_min"], after["queue"]) == (0, 15, 23)
    assert math.isnan(timeline.state(640.0)["queue"])  # nothing counted yet
    assert timeline.state(700.0)["queue"] == 9


def test_an_outage_injected_without_its_end_runs_to_the_end_of_the_day():
    log = read_drill_log_text(
        'injects:\n  - {at: "10:30", start: system_outage}\nlog: []\n', "l", OUTAGE
    )
    [period] = periods_of(log, OUTAGE)
    assert (period.start, period.end, period.assumed) == (630.0, None, False)


def test_a_days_counts_keep_only_the_changes():
    found = day_counts({"queue": [0, 0, 3, 3, 1]}, [540.0, 541.0, 542.0, 543.0, 544.0])
    assert [(m.time_min, m.value) for m in found] == [(540.0, 0), (542.0, 3), (544.0, 1)]
