"""One day in the hall as a SimPy model: arrivals at the door, counters by time block, kiosks.

Customers are not processes. They are indices into the arrays drawn by
:mod:`simulator.engine.demand`; servers (counters, kiosks, in :mod:`simulator.engine.station`)
are the processes, pulling the next customer from priority queues. That keeps the event count
per customer at two or three (arrival, service end, and a patience timer only for those who must
wait), which is why the engine does more than a textbook SimPy loop at less cost per customer.
At the door a customer may be turned away, steered to a kiosk or a neighbouring hall, asked for
a phone number during an outage, or balk at the queue; the playbook
(:mod:`simulator.engine.control`) and incidents (:mod:`simulator.engine.incidents`) act on it.
"""

from collections import deque

import numpy as np
import simpy
from simpy.core import StopSimulation

from simulator.engine.control import Observer, Playbook
from simulator.engine.demand import VIP, Customers
from simulator.engine.emergencies import Alarm, Emergencies, EmergencyDraws
from simulator.engine.evacuation import evacuate_hall
from simulator.engine.incidents import Disruptions, Timing
from simulator.engine.policy import ScriptPolicy
from simulator.engine.records import Channel, DayRecord, Event, Outcome
from simulator.engine.station import Station
from simulator.engine.streams import Streams
from simulator.model.decisions import Decision
from simulator.model.scenario import Scenario

ISOLATED = -1  # in entry_stopped: the door is shut by an incident, not by a playbook rule
RECENT_MIN = 15.0  # the window of "recent" live metrics (wait_p90_recent, abandoned_recent)


def percentile_90(values: list[float]) -> float:
    """Return the 90th percentile (numpy's default linear interpolation); 0 for no values.

    Called once a simulated minute on a few dozen values, where numpy's overhead dominated.
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    position = 0.9 * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


class Hall:
    """One day in one hall: arrivals, counters by time block, kiosks, balking and abandonment.

    The playbook (:mod:`simulator.engine.control`) reads :meth:`live_state` and acts through
    :attr:`counters`, :attr:`redirects` and :meth:`log`.
    """

    def __init__(
        self,
        scenario: Scenario,
        customers: Customers,
        incident_timings: dict[int, Timing],
        streams: Streams,
        emergency_draws: dict[int, EmergencyDraws] | None = None,
        script: tuple[Decision, ...] | None = None,
        observer: Observer | None = None,
    ):
        """Set the day up; ``script`` replaces the playbook's rules by scripted decisions."""
        self.scenario = scenario
        self.streams = streams
        self.service_types = customers.service
        self.service = customers.service.tolist()
        self.env = simpy.Environment(initial_time=scenario.hours.open_min)
        count = customers.arrival.size
        # Plain lists: scalar access from Python is several times faster than on numpy arrays.
        self.arrival = customers.arrival.tolist()
        self.priority = customers.priority.tolist()
        self.quick = customers.quick.tolist()
        self.uses_kiosk = customers.uses_kiosk.tolist()
        self.kiosk_ok = customers.kiosk_ok.tolist()
        self.routing = customers.routing.tolist()
        self.callback = customers.callback.tolist()
        self.service_minutes = customers.service_minutes.tolist()
        self.patience = customers.patience.tolist()
        self.start = [np.nan] * count
        self.end = [np.nan] * count
        self.outcome = [Outcome.PENDING] * count
        self.channel = [Channel.NONE] * count
        self.in_queue = [False] * count
        self.queued_for_counter = [False] * count
        self.present = 0  # customers on the floor now
        self.doors_close = scenario.hours.close_min  # extend_hours may push it later
        # False for after-hours customers who found the doors closed (they never arrived).
        self.arrived = [True] * count
        self.events: list[Event] = []
        # Rule index -> (destination, share of counter-bound arrivals sent there) while in force.
        self.redirects: dict[int, tuple[str, float]] = {}
        self.entry_stopped: set[int] = set()  # rules keeping the door shut now
        self.pre_register: dict[int, float] = {}  # rule index -> service-time factor in force
        self.prep_factor = [1.0] * count  # < 1 for customers whose business was pre-processed
        # Only a playbook reads recent waits and abandonments; without one, skip the bookkeeping.
        watched = bool(scenario.playbook) or script is not None
        self.recent_waits: deque | None = deque() if watched else None
        self.recent_abandons: deque | None = deque() if watched else None

        staff = scenario.staff
        self.counters = Station(self, Channel.COUNTER, staff.fast_lane)
        self.counters.schedule(staff.counters[0].count)
        self.kiosks = Station(self, Channel.KIOSK)
        self.kiosks.schedule(scenario.site.kiosks)
        self.disruptions = Disruptions(self, incident_timings)
        # An evacuation ends the day: the alarm stops the simulation (SimPy's own mechanism
        # for ``run(until=...)``) and :meth:`run` then evacuates whoever is inside.
        self.alarm: Alarm | None = None
        self.closed = self.env.event()
        self.closed.callbacks.append(StopSimulation.callback)
        Emergencies(self, emergency_draws or {}, incident_timings)
        self.env.process(self._counter_schedule())
        self.env.process(self._arrivals())
        self._log_incidents()
        self.playbook: Playbook | None = None
        if watched:
            policy = ScriptPolicy(scenario.playbook, script) if script is not None else None
            self.playbook = Playbook(self, policy, observer)
            self.env.process(self.playbook.run())

    def log(self, kind: str, name: str, detail: str = "") -> None:
        """Record an event (an inject, a trigger, an action) at the current time."""
        self.events.append(Event(self.env.now, kind, name, detail))

    def log_at(self, time: float, kind: str, name: str, detail: str = "") -> None:
        """Record an event at ``time``: an evacuation's end is known when it is computed."""
        self.events.append(Event(time, kind, name, detail))

    def sound_alarm(self, alarm: Alarm, cuts_power: bool = False) -> None:
        """Order everyone out: the day stops here and :meth:`run` plays the evacuation."""
        if self.alarm is not None:  # a second incident at the same moment: already going
            return
        self.alarm = alarm
        if cuts_power:
            self.log("action", "power_cut", "mains switched off; emergency lighting")
        self.log("action", "evacuation_alarm", alarm.cause)
        self.closed.succeed()

    def isolate(self) -> None:
        """Cordon the hall off (a bomb threat): later arrivals never reach it (not balking)."""
        self.entry_stopped.add(ISOLATED)
        self.log("action", "isolate", "entry stopped; the area is cordoned off")

    def leave(self, customer: int) -> None:
        """Note that ``customer`` has left the floor (served, given up or sent away)."""
        self.present -= 1
        if self.recent_abandons is not None and self.outcome[customer] == Outcome.ABANDONED:
            self.recent_abandons.append(self.env.now)

    def live_state(self, needed: frozenset[str]) -> dict[str, float]:
        """Return the ``needed`` quantities a playbook condition can test, as they are now."""
        now = self.env.now
        staff = self.scenario.staff
        in_hall = self.present + staff.guides + staff.security
        state = {
            "queue": self.counters.waiting,
            "queue_vip": self.counters.waiting_by_priority[VIP],
            "in_hall": in_hall,
            "density": in_hall / self.scenario.site.floor_area_m2,
            "outage_min": self.disruptions.outage_minutes(),
            "power_out": 1.0 if self.disruptions.power_out else 0.0,
            "time": now,
        }
        if "wait_p90_recent" in needed:
            waits = self.recent_waits
            while waits and waits[0][0] < now - RECENT_MIN:
                waits.popleft()
            state["wait_p90_recent"] = percentile_90([wait for _, wait in waits])
        if "abandoned_recent" in needed:
            abandons = self.recent_abandons
            while abandons and abandons[0] < now - RECENT_MIN:
                abandons.popleft()
            state["abandoned_recent"] = len(abandons)
        return state

    def streams_for_rule(self, index: int) -> np.random.Generator:
        """Return the random stream of playbook rule ``index`` (response delays)."""
        return self.streams.generator("playbook", index)

    def resume_service(self) -> None:
        """Systems are back: idle counters and kiosks look at their queues again."""
        self.counters.wake_idle()
        self.kiosks.wake_idle()

    def is_empty_after_closing(self) -> bool:
        """Return whether the doors are closed and every customer has left."""
        return self.env.now >= self.doors_close and self.present == 0

    def _log_incidents(self) -> None:
        # Surges change the arrival rate drawn in advance; log them where they happen.
        for incident in self.scenario.incidents:
            if incident.kind == "surge":
                factor = incident.params["factor"]
                self.events.append(Event(incident.start_min, "incident", "surge", f"×{factor:g}"))
                self.events.append(Event(incident.end_min, "incident", "surge_end", ""))

    def _counter_schedule(self):
        env = self.env
        for block in self.scenario.staff.counters[1:]:
            yield env.timeout(block.start_min - env.now)
            self.counters.schedule(block.count)

    def _redirected(self, customer: int) -> str | None:
        """Return where the playbook sends this counter-bound customer, if anywhere."""
        draw = self.routing[customer]
        for destination, share in self.redirects.values():
            # Guides steer people to the kiosks; with none on the floor nobody is steered.
            steered = self.kiosk_ok[customer] and self.disruptions.guides_on_floor() > 0
            if draw < share and (destination != "kiosks" or steered):
                return destination
            draw -= share  # one uniform serves several redirects without overlap
        return None

    def _arrivals(self):
        env = self.env
        balk_at = self.scenario.demand.balk_at_queue
        counters, kiosks = self.counters, self.kiosks
        for customer, time in enumerate(self.arrival):
            yield env.timeout(time - env.now)
            if time >= self.doors_close:
                self.arrived[customer] = False
                continue
            if ISOLATED in self.entry_stopped:  # a cordon: they never reach the hall
                self.arrived[customer] = False
                continue
            self.present += 1
            if self.entry_stopped:  # door control: turned away before coming in
                self.outcome[customer] = Outcome.BALKED
                self.end[customer] = time
                self.leave(customer)
                continue
            if self.uses_kiosk[customer]:
                kiosks.join(customer)
                continue
            destination = self._redirected(customer) if self.redirects else None
            disrupted = self.disruptions.active
            if disrupted and self.callback[customer] < self.disruptions.callback_share(
                self.service[customer]
            ):
                self.outcome[customer] = Outcome.CALLBACK  # left a phone number: deferred
                self.end[customer] = time
                self.leave(customer)
            elif destination == "kiosks":
                kiosks.join(customer)
            elif destination is not None:  # sent to a neighbouring hall
                self.outcome[customer] = Outcome.REDIRECTED
                self.end[customer] = time
                self.leave(customer)
            elif balk_at is not None and counters.waiting >= balk_at:
                self.outcome[customer] = Outcome.BALKED
                self.end[customer] = time
                self.leave(customer)
            else:
                self.queued_for_counter[customer] = True
                if self.pre_register and self.disruptions.guides_on_floor() > 0:
                    self.prep_factor[customer] = min(self.pre_register.values())
                counters.join(customer)

    def run(self) -> DayRecord:
        """Play the day until the last customer has left and return the records."""
        self.env.run()
        evacuation = evacuate_hall(self) if self.alarm is not None else None
        came = np.array(self.arrived, dtype=bool)  # drop after-hours customers who never came

        def kept(values: list, dtype: type | None = None) -> np.ndarray:
            return np.array(values, dtype=dtype)[came]

        hours = self.scenario.hours
        end, start = kept(self.end), kept(self.start)
        day_end = max(hours.close_min, float(np.nanmax(end)) if end.size else hours.close_min)
        busy_until = end
        if evacuation is not None:  # counters closed at the alarm; the staff walked out
            day_end = evacuation.complete_min
            busy_until = np.minimum(end, evacuation.alarm_min)
        self.counters.close_books(evacuation.alarm_min if evacuation else day_end)
        changes = self.counters.target_changes
        if evacuation is not None:  # every counter closed at the alarm
            changes = [*changes, (evacuation.alarm_min, 0)]
        channel = kept(self.channel, np.int8)
        at_counter = (channel == Channel.COUNTER) | (channel == Channel.FAST_LANE)
        staff = self.scenario.staff
        return DayRecord(
            open_min=hours.open_min,
            close_min=hours.close_min,
            arrival=kept(self.arrival),
            service=self.service_types[came],
            priority=kept(self.priority, np.int8),
            start=start,
            end=end,
            outcome=kept(self.outcome, np.int8),
            channel=channel,
            queued_for_counter=kept(self.queued_for_counter, bool),
            counter_busy_minutes=float(np.sum(busy_until[at_counter] - start[at_counter])),
            counter_staffed_minutes=self.counters.staffed_minutes,
            floor_staff=staff.guides + staff.security,
            day_end_min=day_end,
            events=tuple(sorted(self.events, key=lambda event: event.time)),
            evacuation=evacuation,
            counter_change_min=np.array([time for time, _ in changes], dtype=float),
            counters_due=np.array([count for _, count in changes], dtype=np.int64),
            decisions=self._decisions(),
        )

    def _decisions(self) -> tuple[Decision, ...]:
        """Return what was decided: the rules' recorded decisions, or the script played."""
        if self.playbook is None:
            return ()
        policy = self.playbook.policy
        if isinstance(policy, ScriptPolicy):
            return policy.script
        return tuple(policy.decisions)
