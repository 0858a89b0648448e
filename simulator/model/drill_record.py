"""What a drill log records beside the team's actions: injects, procedure steps, measurements.

- ``injects:`` what the facilitator injected and when (``{at: "10:30", start: fire}``,
  ``{at: "11:05", end: system_outage}``), matched to the scenario's incident of that kind, or the
  one numbered ``incident: N``.
- procedure steps in ``log:`` beside the actions (``{at: "10:33", do: evacuate, who: 李娜}``):
  the plans' steps the engine does not play (:data:`~simulator.model.procedures.STEPS`).
- ``observations:`` what was measured (``{measure: egress_s, value: 142}``) and the evaluator's
  word on a clause (``{clause: 3, rating: S, note: ...}``), which overrides the computed rating.

The models check each line alone; :func:`record_problems` checks them against the scenario
(an inject of a kind the scenario has no incident of, a clause that does not exist).
"""

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field, ValidationInfo, model_validator

from simulator.model.actions import AFTER_CLOSING_MIN, LogEntry
from simulator.model.base import Clock, Model, capped, doc, facts, problem, span
from simulator.model.clauses import STEPS
from simulator.model.clock import format_clock
from simulator.model.incidents import INCIDENT_KINDS

IncidentKind = Literal[INCIDENT_KINDS]  # type: ignore[valid-type]
StepName = Literal[STEPS]  # type: ignore[valid-type]
# What an evaluator measures, with the unit it is written in; booleans are yes/no findings.
MEASURES: dict[str, str] = {
    "egress_s": "s",  # stopwatch: from the alarm until the last person is out
    "evacuation_s": "s",  # from ignition (the inject) until the last person is out
    "fire_out_s": "s",  # from ignition until the fire was out
    "headcount_complete": "",  # the head count after the evacuation found everyone
    "queue": "",  # customers waiting, counted at a time
    "in_hall": "",  # people on the public floor, counted at a time
    "outside_queue": "",  # people held outside the door, counted at a time
    "wait_p90_min": "min",  # 90th-percentile wait, from the queuing system
}
MeasureName = Literal[tuple(MEASURES)]  # type: ignore[valid-type]
RatingLetter = Literal["P", "S", "M", "U"]


def _in_opening(time_min: float, info: ValidationInfo, at: str = "at") -> None:
    known = facts(info)
    if known.open_min is None or known.close_min is None:
        return
    if not known.open_min <= time_min <= known.close_min + AFTER_CLOSING_MIN:
        hours = span(known.open_min, known.close_min)
        raise problem("log_time", at=(at,), hours=hours, got=format_clock(time_min))


class StepEntry(LogEntry):
    """A step of the plan the team carried out (疏散、切断电源、清点人数...): recorded, rated."""

    keys_are: ClassVar[str] = "step key"
    do: StepName = doc("the step: " + ", ".join(STEPS), "措施步骤")
    note: str = doc("what was seen or said", "备注", default="")


class Inject(Model):
    """What the facilitator injected (导调注入): an incident starting or ending, at a time."""

    keys_are: ClassVar[str] = "inject key"
    time_min: Clock = doc("when", "注入时间", alias="at", examples=["10:30"])
    start: IncidentKind | None = doc("the incident that begins", "开始的事件", default=None)
    end: IncidentKind | None = doc(
        "the incident that ends (fire: put out)", "结束的事件", default=None
    )
    incident: Annotated[int, Field(ge=1), capped(1000)] | None = doc(
        "which of the scenario's incidents (1 = the first; default: the first of that kind)",
        "对应场景中的第几个事件（默认该类第一个）",
        default=None,
    )

    @model_validator(mode="after")
    def _one_of(self, info: ValidationInfo) -> "Inject":
        if (self.start is None) == (self.end is None):
            raise problem("inject_start_or_end")
        _in_opening(self.time_min, info)
        return self

    @property
    def kind(self) -> str:
        """Return the kind of incident injected."""
        return self.start or self.end or ""


class Observation(Model):
    """A measurement (``measure``, ``value``, ``at``) or an evaluator's word on a clause."""

    keys_are: ClassVar[str] = "observation key"
    measure: MeasureName | None = doc(  # type: ignore[valid-type]
        "what was measured: " + ", ".join(MEASURES), "测量项目", default=None
    )
    value: bool | Annotated[float, Field(ge=0), capped(1e6)] | None = doc(
        "the measured value (seconds, people; true/false for headcount_complete)",
        "测量值（秒、人数；headcount_complete 为 true/false）",
        default=None,
    )
    time_min: Clock | None = doc("when it was measured", "测量时间", alias="at", default=None)
    clause: Annotated[int, Field(ge=1), capped(1000)] | str | None = doc(
        "the clause an evaluator rates (its number in the brief, or its id such as fire-119)",
        "评估的条款（报告中的序号，或编号如 fire-119）",
        default=None,
    )
    rating: RatingLetter | None = doc(
        "the evaluator's rating, overriding the computed one", "评估人员评定等级", default=None
    )
    note: str = doc("the evaluator's note", "评估意见", default="")

    @model_validator(mode="after")
    def _measure_or_clause(self, info: ValidationInfo) -> "Observation":
        if self.measure is not None:
            if self.clause is not None or self.rating is not None:
                raise problem("observation_both")
            if self.value is None:
                raise problem("observation_value", at=("value",), measure=self.measure)
            yes_no = self.measure == "headcount_complete"
            if yes_no != isinstance(self.value, bool):
                expected = "true/false" if yes_no else "a number"
                raise problem(
                    "observation_type", at=("value",), measure=self.measure, expected=expected
                )
        elif self.clause is None:
            raise problem("observation_what")
        elif self.rating is None and not self.note:
            raise problem("observation_empty", at=("clause",))
        if self.time_min is not None:
            _in_opening(self.time_min, info)
        return self


@dataclass(frozen=True)
class Step:
    """A procedure step the team carried out, as read from the log."""

    time_min: float
    do: str
    who: str = ""
    note: str = ""
    line: int | None = None


@dataclass(frozen=True)
class InjectRecord:
    """An inject matched to the scenario's incident (``incident`` is its index from 0)."""

    time_min: float
    kind: str
    starts: bool
    incident: int
    line: int | None = None


@dataclass(frozen=True)
class Measurement:
    """A measured value, as read from the log."""

    measure: str
    value: float | bool
    time_min: float | None = None
    line: int | None = None


@dataclass(frozen=True)
class EvaluatorNote:
    """An evaluator's rating or note on a clause (``clause``: its number or id, as written)."""

    clause: int | str
    rating: str | None
    note: str
    line: int | None = None


def match_injects(
    injects: tuple[Inject, ...], lines: list[int | None], incidents: tuple[str, ...]
) -> tuple[list[InjectRecord], list[tuple[int | None, str, str, dict[str, object]]]]:
    """Match each inject to the scenario's incident (``incidents``: their kinds, in order).

    Return the matched injects in time order and the problems found, each as (line, key,
    catalogue message, its arguments): a kind the scenario has no incident of, an incident
    number of another kind, an end of an incident that never started.
    """
    found: list[tuple[int | None, str, str, dict[str, object]]] = []
    records: list[InjectRecord] = []
    started: set[int] = set()
    order = sorted(range(len(injects)), key=lambda i: (injects[i].time_min, not injects[i].start))
    for index in order:
        inject, line = injects[index], lines[index]
        where = f"injects[{index}]"
        if inject.incident is not None:
            number = inject.incident
            if number > len(incidents):
                found.append(
                    (
                        line,
                        f"{where}.incident",
                        "rule_range",
                        {"count": len(incidents), "got": number},
                    )
                )
                continue
            if incidents[number - 1] != inject.kind:
                args = {"number": number, "is": incidents[number - 1], "kind": inject.kind}
                found.append((line, f"{where}.incident", "inject_other_kind", args))
                continue
            target = number - 1
        else:
            of_kind = [i for i, kind in enumerate(incidents) if kind == inject.kind]
            if not of_kind:
                key = f"{where}.{'start' if inject.start else 'end'}"
                found.append((line, key, "inject_no_incident", {"kind": inject.kind}))
                continue
            # A start takes the first incident of the kind not yet started; an end the one
            # started last.
            if inject.start:
                free = [i for i in of_kind if i not in started]
                target = free[0] if free else of_kind[-1]
            else:
                running = [i for i in of_kind if i in started]
                target = running[-1] if running else of_kind[0]
        if inject.end and target not in started:
            later = [
                i.time_min
                for i in injects
                if i.start == inject.kind and i.time_min > inject.time_min
            ]
            if later:
                args = {"kind": inject.kind, "end": format_clock(inject.time_min)}
                args["start"] = format_clock(min(later))
                found.append((line, f"{where}.at", "inject_end_before_start", args))
            else:
                found.append((line, f"{where}.end", "inject_end_unstarted", {"kind": inject.kind}))
            continue
        if inject.start and target in started:
            args = {"kind": inject.kind, "number": target + 1}
            found.append((line, f"{where}.start", "inject_started_twice", args))
            continue
        if inject.start:
            started.add(target)
        else:
            started.discard(target)
        records.append(InjectRecord(inject.time_min, inject.kind, bool(inject.start), target, line))
    return records, found
