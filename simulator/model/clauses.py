"""The plans' clauses as data: the steps, the built-in procedure of each incident kind, changes.

A clause (:class:`Clause`) says *do this* (an action of the playbook or one of the plans'
:data:`STEPS`) *when that holds* (a condition in the ``when:`` language) and how promptly
(:class:`Urgency`). :data:`BUILT_IN` holds the seed plans' procedure per incident kind (003
part 4 and 001 §4 for fire, 003 §4 and 001 §2 for outages, 001 §7 for illness, 001 §3 and 003
for robbery and bomb threats). A scenario's ``procedure:`` entries (:class:`ClauseChange`) drop
a built-in clause that does not apply to the hall, change when one falls due or how promptly,
or add the hall's own::

    procedure:
      - {clause: fire-guide, drop: true}                  # the brigade knows the way
      - {clause: fire-alarm, when: "fire_active >= 1"}    # alarm at once, not after 3 minutes
      - {id: vault-guard, do: keep_order, when: "fire_min >= 3", urgency: life,
         note: 迅速组织警力，加强金库的武装守护}
"""

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator, model_validator

from simulator.model.actions import ACTIONS, EMERGENCY_NUMBERS, checked_condition
from simulator.model.base import Model, doc, problem
from simulator.model.conditions import Condition as ParsedCondition
from simulator.model.conditions import parse_condition

# Steps of the plans that a drill log records but the engine does not play: the fire's
# first-aid attack, the power cut and the 119 call are the scenario's own (its fire model);
# the evacuation is an action (``evacuate``), played when the team orders it. Sounding the
# alarm bell is recorded and rated; in the model it is the order to evacuate that moves people.
STEPS = (
    "sound_alarm",
    "fight_fire",
    "cut_power",
    "secure_cash",
    "guide_brigade",
    "head_count",
    "isolate_area",
    "keep_order",
    "contact_family",
)
# The parameters that say *which* action it is (an escalation to whom, which number was
# called): a log line counts for a clause only if these agree. Others (how many counters, the
# announcement's wording) do not decide whether the clause was carried out.
IDENTITY = {"escalate": ("to",), "call_emergency": ("number",), "redirect": ("to",)}
# Conditions on these metrics are about the outage in progress, whichever kind it is.
OUTAGE_METRICS = frozenset({"outage_min", "outage_ended_min", "power_out"})
DOINGS = (*ACTIONS, *STEPS)


class Urgency(Enum):
    """How promptly a clause is due once its condition holds (scales in docs/scoring.md)."""

    LIFE = "life"  # life safety, at once: P within 1 minute, S within 2
    SERVICE = "service"  # service, at once (立即、及时): P within 5 minutes, S within 10
    DEADLINE = "deadline"  # a report due D minutes into the incident: S up to D/3 late


@dataclass(frozen=True)
class Clause:
    """One thing the plan requires: ``do`` (matching ``match``) once ``when`` holds.

    ``key`` names its wording in the catalogue (``clause.fire-119``) for built-in clauses;
    a rule's clause is worded from the rule. ``cutoff_min``: later than this after it fell
    due, the step no longer counts (first-aid fire fighting after the three minutes).
    """

    id: str
    do: str
    when: str
    urgency: Urgency
    match: tuple[tuple[str, object], ...] = ()
    rule: int | None = None  # the playbook rule's index, for a rule's clause
    cutoff_min: float | None = None
    note: str = ""  # the plan's own words, as the scenario quotes them (rules)

    @property
    def condition(self) -> ParsedCondition:
        """Return the parsed ``when``."""
        return parse_condition(self.when)

    @property
    def key(self) -> str:
        """Return the catalogue key of the clause's wording (built-in clauses)."""
        return f"clause.{self.id}"


def _clause(
    id: str,
    do: str,
    when: str,
    urgency: Urgency,
    cutoff_min: float | None = None,
    **match: object,
) -> Clause:
    return Clause(id, do, when, urgency, tuple(match.items()), cutoff_min=cutoff_min)


LIFE, SERVICE, DEADLINE = Urgency.LIFE, Urgency.SERVICE, Urgency.DEADLINE


def fire_clauses(alarm_at_detection: bool) -> tuple[Clause, ...]:
    """Return the fire's clauses; the alarm is due at once if the scenario sounds it so."""
    # 起火后3分钟之内: what must happen when the first-aid attempt has not put it out.
    failed = "fire_min >= 3"
    return (
        _clause("fire-report", "escalate", "fire_active >= 1", LIFE),
        _clause("fire-fight", "fight_fire", "fire_active >= 1", LIFE, cutoff_min=3.0),
        _clause(
            "fire-alarm", "sound_alarm", "fire_active >= 1" if alarm_at_detection else failed, LIFE
        ),
        _clause("fire-119", "call_emergency", failed, LIFE, number=119),
        _clause("fire-power", "cut_power", failed, LIFE),
        _clause("fire-evacuate", "evacuate", failed, LIFE),
        _clause("fire-cash", "secure_cash", failed, LIFE),
        _clause("fire-guide", "guide_brigade", failed, SERVICE),
        _clause("fire-headcount", "head_count", failed, SERVICE),
    )


def _outage(kind: str) -> tuple[Clause, ...]:
    started = f"{kind}_active >= 1"
    return (
        _clause(f"{kind}-contact", "escalate", started, SERVICE),
        _clause(f"{kind}-notify", "notify_customers", started, SERVICE),
        _clause(f"{kind}-callbacks", "take_callbacks", started, SERVICE),
        _clause(f"{kind}-30", "escalate", "outage_min >= 30", DEADLINE),
        _clause(f"{kind}-60", "escalate", "outage_min >= 60", DEADLINE),
    )


BUILT_IN: dict[str, tuple[Clause, ...]] = {
    "system_outage": _outage("system_outage"),
    "power_outage": _outage("power_outage"),
    "illness": (
        _clause("illness-120", "call_emergency", "illness_active >= 1", LIFE, number=120),
        _clause("illness-order", "keep_order", "illness_active >= 1", SERVICE),
        _clause("illness-family", "contact_family", "illness_active >= 1", SERVICE),
    ),
    "bomb_threat": (
        _clause("bomb_threat-110", "call_emergency", "bomb_threat_active >= 1", LIFE, number=110),
        _clause("bomb_threat-isolate", "isolate_area", "bomb_threat_active >= 1", LIFE),
        _clause("bomb_threat-evacuate", "evacuate", "bomb_threat_active >= 1", LIFE),
        _clause("bomb_threat-report", "escalate", "bomb_threat_active >= 1", SERVICE),
    ),
    "robbery": (
        _clause("robbery-cash", "secure_cash", "robbery_active >= 1", LIFE),
        _clause("robbery-110", "call_emergency", "robbery_active >= 1", LIFE, number=110),
        _clause("robbery-report", "escalate", "robbery_active >= 1", SERVICE),
    ),
    "earthquake": (
        _clause("earthquake-evacuate", "evacuate", "earthquake_active >= 1", LIFE),
        _clause("earthquake-headcount", "head_count", "earthquake_active >= 1", SERVICE),
    ),
}
# Fire clauses depend on the fire's own alarm setting; the catalogue has wording for both.
BUILT_IN["fire"] = fire_clauses(alarm_at_detection=False)
CLAUSE_IDS = frozenset(
    clause.id for clauses in (*BUILT_IN.values(), fire_clauses(True)) for clause in clauses
)


Condition = Annotated[str, AfterValidator(checked_condition)]


class ClauseChange(Model):
    """A scenario's change to a built-in clause (``clause:``), or a clause of its own (``id:``)."""

    keys_are: ClassVar[str] = "procedure key"
    clause: str | None = doc(
        "the built-in clause to change or drop (fire-119, system_outage-30, ...)",
        "要修改或删除的内置条款编号",
        default=None,
    )
    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")] | None = doc(
        "the id of a clause of the hall's own (lower case, digits, - and _)",
        "本网点自定条款的编号（小写字母、数字、- 和 _）",
        default=None,
    )
    drop: bool = doc("leave the built-in clause out", "删除该内置条款", default=False)
    do: Literal[DOINGS] | None = doc(  # type: ignore[valid-type]
        "the action or step it requires", "要求的措施或步骤", default=None
    )
    when: Condition | None = doc(
        "when it falls due, in the when: language", "应执行的条件", default=None
    )
    urgency: Literal["life", "service", "deadline"] | None = doc(
        "how promptly: life (1 min), service (5 min), deadline (D minutes into the incident)",
        "时限：life（1 分钟）、service（5 分钟）、deadline（事件开始后 D 分钟）",
        default=None,
    )
    to: str | None = doc("for a report: to whom", "上报对象", default=None)
    number: (
        Annotated[
            Literal[tuple(EMERGENCY_NUMBERS)],  # type: ignore[valid-type]
            WithJsonSchema({"enum": list(EMERGENCY_NUMBERS)}),
        ]
        | None
    ) = doc("for an emergency call: 110, 119 or 120", "报警电话", default=None)
    note: str = doc("the plan's own words, its name in the brief", "预案原文", default="")

    @field_validator("clause")
    @classmethod
    def _built_in(cls, clause: str | None) -> str | None:
        if clause is not None and clause not in CLAUSE_IDS:
            close = difflib.get_close_matches(clause, sorted(CLAUSE_IDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise problem("procedure_clause", got=repr(clause), hint=hint)
        return clause

    @model_validator(mode="after")
    def _what(self) -> "ClauseChange":
        if (self.clause is None) == (self.id is None):
            raise problem("procedure_what")
        if self.id is not None and (self.do is None or self.when is None):
            raise problem("procedure_new", id=self.id)
        if self.drop and self.id is not None:
            raise problem("procedure_drop_new", at=("drop",))
        return self

    def urgency_of(self) -> "Urgency | None":
        """Return the urgency asked for (None: keep the built-in's)."""
        return Urgency(self.urgency) if self.urgency else None

    def match(self) -> tuple[tuple[str, object], ...]:
        """Return the identity parameters it states (``to``, ``number``)."""
        return tuple((key, getattr(self, key)) for key in ("to", "number") if getattr(self, key))
