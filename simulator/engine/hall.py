"""One day in the hall as a SimPy model, put together from its parts; :func:`simulate_day`.

Customers are not processes. They are indices into the arrays drawn by
:mod:`simulator.engine.demand`, held by one :class:`~.customers.CustomerTable`; servers
(counters, kiosks, in :mod:`simulator.engine.station`) are the processes, pulling the next
customer from priority queues. That keeps the event count per customer at two or three
(arrival, service end, and a patience timer only for those who must wait), which is why the
engine does more than a textbook SimPy loop at less cost per customer.

The parts, each owning its own state and talking to the others through small interfaces:
the :class:`~.door.Door` (arrivals and the measures in force there), the
:class:`~.posts.Posts` (guides, security and clerks at their posts), the stations, the
:class:`~.incidents.Disruptions` (outages, staff taken away), the
:class:`~.emergencies.Emergencies` (fire, bomb threat, earthquake: the alarm ends the day), the
playbook (:mod:`simulator.engine.control`) and the day's :class:`~.log.EventLog`.
"""

from collections.abc import Generator

import numpy as np
import simpy

from simulator.engine.actions import Hall, Reserve
from simulator.engine.control import Observer, Playbook
from simulator.engine.customers import CustomerTable
from simulator.engine.demand import OutsidePatience, draw_customers, surge_times
from simulator.engine.door import Door
from simulator.engine.emergencies import Emergencies, draw_emergencies
from simulator.engine.evacuation import evacuate_hall
from simulator.engine.events import EventKind
from simulator.engine.follow_through import FollowThrough
from simulator.engine.gauges import Gauges
from simulator.engine.incidents import Disruptions, Outages, draw_timings
from simulator.engine.log import EventLog
from simulator.engine.neighbors import Neighbors
from simulator.engine.policy import RulePolicy, ScriptPolicy
from simulator.engine.posts import Posts
from simulator.engine.records import Channel, DayRecord
from simulator.engine.situation import Situation
from simulator.engine.station import Station
from simulator.engine.streams import Streams
from simulator.model.decisions import Decision
from simulator.model.incidents import Surge
from simulator.model.scenario import Scenario


def simulate_day(
    scenario: Scenario,
    streams: Streams,
    script: tuple[Decision, ...] | None = None,
    observer: Observer | None = None,
    team_orders: bool | None = None,
) -> DayRecord:
    """Simulate one day of ``scenario`` with the random numbers of ``streams``.

    With a ``script``, its decisions replace the playbook's rules (which still say, in the
    shadow, what they would have done); ``observer`` is shown the hall once a simulated minute.
    ``team_orders`` (by default: whenever there is a script, people's decisions) leaves the
    evacuation of a fire, bomb threat or robbery to the script's ``evacuate`` order; False
    sounds it as the scenario's incident model does, as when the rules decide.
    """
    orders = script is not None if team_orders is None else team_orders
    return Day(scenario, streams, script, observer, orders).run()


class Day:
    """One day in one hall: the parts put together, played, and turned into a record."""

    def __init__(
        self,
        scenario: Scenario,
        streams: Streams,
        script: tuple[Decision, ...] | None = None,
        observer: Observer | None = None,
        team_orders: bool = False,
    ):
        """Draw the day and build the hall; ``script`` replaces the playbook's rules."""
        self.scenario = scenario
        timings = draw_timings(scenario, streams)
        emergency_draws = draw_emergencies(scenario, streams)
        watched = bool(scenario.playbook) or script is not None
        self.customers = CustomerTable(draw_customers(scenario, streams), watched)
        env = self.env = simpy.Environment(initial_time=scenario.hours.open_min)
        self.log = EventLog(lambda: env.now)
        staff, site = scenario.staff, scenario.site

        outages = self.outages = Outages(env)
        self.counters = Station(env, self.customers, Channel.COUNTER, outages, staff.fast_lane)
        self.counters.schedule(staff.counters[0].count)
        self.kiosks = Station(env, self.customers, Channel.KIOSK, outages)
        self.kiosks.schedule(site.kiosks)
        self.posts = Posts(staff, self.counters)
        situation = self.situation = Situation(env)
        Disruptions(
            env,
            scenario,
            timings,
            self.log,
            outages,
            self.posts,
            situation,
            self._resume,
            lambda over_min: self.counters.waits_passing(over_min, 1.0),
            lambda outage: self.follow_through.recovered(outage),
        )
        self.neighbors = Neighbors(env, site, outages)
        self.door = Door(
            env,
            self.customers,
            self.counters,
            self.kiosks,
            outages,
            self.posts,
            scenario.hours.close_min,
            scenario.demand.balk_at_queue,
            OutsidePatience(scenario, streams, self.customers.count),
            self.neighbors,
        )
        self.follow_through = FollowThrough(
            env, scenario, streams, self.log, self.counters, self.door, self.customers.service
        )
        # People who decide (a tabletop team, a drill's log) order the evacuation themselves.
        self.emergencies = Emergencies(
            env,
            scenario,
            emergency_draws,
            timings,
            self.log,
            self.posts,
            self.door,
            situation,
            team_orders=team_orders,
        )
        env.process(self._counter_schedule())
        env.process(self.door.arrivals())
        self._play_surges(streams)
        self.hall = Hall(
            env,
            scenario,
            self.log,
            self.customers,
            self.counters,
            self.door,
            self.posts,
            Reserve(staff.reserve.count, staff.reserve.call_in_min),
            situation,
            streams,
            self.emergencies,
        )
        self.streams = streams
        self.policy: RulePolicy | ScriptPolicy | None = None
        if watched:
            self.policy = (
                ScriptPolicy(scenario.playbook, script)
                if script is not None
                else RulePolicy(scenario.playbook)
            )
            gauges = Gauges(
                env,
                self.customers,
                self.counters,
                outages,
                situation,
                self.door.outside_count,
                staff.guides + staff.security,
                site.floor_area_m2,
            )
            env.process(Playbook(self.hall, gauges, self.policy, observer).run())

    def _resume(self) -> None:
        """Systems are back: idle counters and kiosks look at their queues again."""
        self.counters.wake_idle()
        self.kiosks.wake_idle()

    def _play_surges(self, streams: Streams) -> None:
        # Surges change the arrival rate drawn in advance (at the times drawn for the day);
        # log them where they happen, and tell the situation when they begin and end (a rule
        # may test surge_active).
        for index, (start, until) in surge_times(self.scenario, streams).items():
            incident = self.scenario.incidents[index]
            assert isinstance(incident, Surge)  # surge_times holds surges only
            detail = f"×{incident.factor:g}"
            self.log.record(EventKind.INCIDENT, "surge", incident=index, detail=detail, at=start)
            self.log.record(EventKind.INCIDENT_END, "surge", incident=index, at=until)
            self.env.process(self._surge(index, start, until))

    def _surge(self, index: int, start: float, until: float) -> Generator[simpy.Event, None, None]:
        env = self.env
        yield env.timeout(start - env.now)
        self.situation.begin(index, "surge")
        yield env.timeout(until - env.now)
        self.situation.end(index)

    def _counter_schedule(self) -> Generator[simpy.Event, None, None]:
        env = self.env
        for block in self.scenario.staff.counters[1:]:
            yield env.timeout(block.start_min - env.now)
            self.counters.schedule(block.count)

    def run(self) -> DayRecord:
        """Play the day until the last customer has left and return the records."""
        self.env.run()
        alarm = self.emergencies.alarm
        evacuation = None
        self.door.dismiss_outside()  # at an alarm, those waiting outside go (nobody is left)
        if alarm is not None:
            evacuation = evacuate_hall(
                alarm,
                self.env.now,
                self.customers,
                self.counters.scheduled + self.counters.extra,
                self.posts.guides_on_floor(),
                self.scenario,
                self.streams,
                self.log,
            )
        table = self.customers.arrays()  # only the customers who came
        hours = self.scenario.hours
        end, start = table["end"], table["start"]
        day_end = max(hours.close_min, float(np.nanmax(end)) if end.size else hours.close_min)
        # Entry work after an outage may keep clerks on after the last customer has gone.
        entered = np.array(self.counters.entered, dtype=float).reshape(-1, 2)
        if entered.size:
            day_end = max(day_end, float(entered[:, 1].max()))
        busy_until = end
        if evacuation is not None:  # counters closed at the alarm; the staff walked out
            day_end = evacuation.complete_min
            busy_until = np.minimum(end, evacuation.alarm_min)
            entered = entered[entered[:, 0] < evacuation.alarm_min]
            entered[:, 1] = np.minimum(entered[:, 1], evacuation.alarm_min)
        entry_minutes = float(np.sum(entered[:, 1] - entered[:, 0]))
        self.counters.close_books(evacuation.alarm_min if evacuation else day_end)
        changes = self.counters.target_changes
        if evacuation is not None:  # every counter closed at the alarm
            changes = [*changes, (evacuation.alarm_min, 0)]
        channel = table["channel"]
        at_counter = (channel == Channel.COUNTER) | (channel == Channel.FAST_LANE)
        staff = self.scenario.staff
        return DayRecord(
            open_min=hours.open_min,
            close_min=hours.close_min,
            arrival=table["arrival"],
            service=table["service"],
            priority=table["priority"],
            start=start,
            end=end,
            outcome=table["outcome"],
            channel=channel,
            queued_for_counter=np.array(self.counters.joined, dtype=bool)[table["came"]],
            counter_busy_minutes=float(np.sum(busy_until[at_counter] - start[at_counter]))
            + entry_minutes,
            counter_staffed_minutes=self.counters.staffed_minutes,
            floor_staff=staff.guides + staff.security,
            day_end_min=day_end,
            events=self.log.events(),
            evacuation=evacuation,
            counter_change_min=np.array([time for time, _ in changes], dtype=float),
            counters_due=np.array([count for _, count in changes], dtype=np.int64),
            decisions=self._decisions(),
            entered=self.customers.entered(),
            return_of=table["return_of"] if self.customers.return_of else None,
            entry_minutes=entry_minutes,
            entries_entered=len(entered),
            entries_left=len(self.counters.entries)
            + len(self.counters.entered)
            - len(entered)
            + self.follow_through.deferred,
            redirect_travel_min=self.neighbors.travel_min,
        )

    def _decisions(self) -> tuple[Decision, ...]:
        """Return what was decided: the rules' recorded decisions, or the script played."""
        if isinstance(self.policy, ScriptPolicy):
            return self.policy.script
        if isinstance(self.policy, RulePolicy):
            return tuple(self.policy.decisions)
        return ()
