"""The playbook's actions: a registry of what each takes, and the rules and log lines made of them.

An action (``open_counters``, ``redirect``, ``escalate``, ...) is one model with its parameters,
their units, defaults and descriptions. From each the registry makes the two places it appears
in files: a playbook rule (``{when: "queue >= 30", do: open_counters, count: 2}``, see
:class:`Rule`) and a drill-log line (``{at: "10:34", do: escalate, to: 技术维护部门, who: 李娜}``,
see :class:`LogEntry`). The validator, the engine's handlers (:mod:`simulator.engine.actions`,
checked against :data:`ACTIONS` by a test), the console's menu and the catalogue's labels
(``action.<name>`` in :mod:`simulator.i18n.scoring`) all read this one table.
"""

from typing import Annotated, Any, ClassVar, Literal, Union, cast, get_args

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from simulator.model.action_aliases import english_action
from simulator.model.base import Clock, Model, Shown, capped, doc, facts, problem, span
from simulator.model.clock import format_clock
from simulator.model.conditions import Condition, ConditionSyntaxError, parse_condition
from simulator.model.distributions import AnyDistribution, Distribution
from simulator.model.hall import PositiveShare, Text

EMERGENCY_NUMBERS = {110: "police", 119: "fire", 120: "ambulance"}
# Customers still inside are served after closing, and a drill may still act then.
AFTER_CLOSING_MIN = 180.0


class Action(Model):
    """Something the hall does; its fields are the action's parameters."""

    keys_are: ClassVar[str] = "{do} parameter"
    in_force: ClassVar[bool] = False  # stays in force until lifted (a redirect, door control)
    do: str

    @property
    def action(self) -> str:
        """Return the action's name (``open_counters``)."""
        return self.do

    @classmethod
    def parameters(cls) -> tuple[str, ...]:
        """Return the names of the action's own parameters, in the order documented."""
        return tuple(
            name for name in cls.model_fields if name not in ("do", *RULE_KEYS, *ENTRY_FIELDS)
        )

    @classmethod
    def typed_at_a_table(cls) -> tuple[str, ...]:
        """Return the parameters a person can type at the console (not distributions)."""
        return tuple(
            name
            for name in cls.parameters()
            if not _is_distribution(cls.model_fields[name].annotation)
        )

    def stated(self) -> dict[str, Any]:
        """Return the parameters this action states itself (not left to their defaults)."""
        return {
            name: getattr(self, name) for name in self.parameters() if name in self.model_fields_set
        }


def _is_distribution(annotation: Any) -> bool:
    """Return whether a field holds a distribution (a response time is not typed at a table)."""
    if isinstance(annotation, type):
        return issubclass(annotation, Distribution)
    return any(_is_distribution(argument) for argument in get_args(annotation))


Count = Annotated[int, Field(ge=1), capped(10_000)]


class OpenCounters(Action):
    """Call staff from the reserve; they staff counters ``call_in_min`` later (增加营业台席)."""

    do: Literal["open_counters"] = "open_counters"
    count: Count = doc("reserve staff to call", "增调的备用人员数")


class CloseCounters(Action):
    """Send called-in staff back to the reserve after their customer (撤回增开台席)."""

    do: Literal["close_counters"] = "close_counters"
    count: Count = doc("called-in staff to send back", "撤回的增调人员数")


class OpenFastLane(Action):
    """Reserve more counters for quick services, keeping one regular (快速受理窗口)."""

    do: Literal["open_fast_lane"] = "open_fast_lane"
    count: Count = doc("counters to turn into fast lanes", "改为快速受理窗口的台席数", default=1)


class CloseFastLane(Action):
    """Give fast-lane counters back to all business (关闭快速受理窗口)."""

    do: Literal["close_fast_lane"] = "close_fast_lane"
    count: Count | None = doc(
        "fast lanes to close (default all)", "关闭的快速受理窗口数（默认全部）", default=None
    )


class PreRegister(Action):
    """Guides pre-process waiting customers (预登记), a few an hour each: service is shorter."""

    in_force: ClassVar[bool] = True
    do: Literal["pre_register"] = "pre_register"
    factor: PositiveShare = doc(
        "share of the service time left after pre-processing", "预处理后剩余的办理时间比例"
    )
    # A guide helping a customer fill in the form ahead (预填单) takes about two minutes.
    per_guide_per_hour: Annotated[float, capped(10_000)] = doc(
        "customers each guide on the floor pre-processes an hour",
        "每名在岗引导员每小时预处理的客户数",
        unit="/h",
        default=30.0,
        gt=0,
    )


def _redirect_target(to: str, info: ValidationInfo) -> str:
    known = facts(info)
    if to in ("kiosks", "counters"):  # counters: kiosk customers, while the kiosks are down
        if known.kiosks == 0:
            raise problem("no_kiosks")
        return to
    options = ("kiosks", "counters", *known.neighbors)
    if (known.neighbors or known.kiosks is not None) and to not in options:
        raise problem("unknown_name", what="redirect target", name=to, options=options)
    return to


class Redirect(Action):
    """Steer a share of counter customers to the kiosks or a neighbouring hall (引导分流)."""

    in_force: ClassVar[bool] = True
    do: Literal["redirect"] = "redirect"
    to: Annotated[str, AfterValidator(_redirect_target)] = doc(
        "kiosks, counters (kiosk customers, while the kiosks are down), or a neighbouring hall",
        "kiosks（自助终端）、counters（自助设备故障时引导至柜台）或邻近营业厅名称",
    )
    # An observer of a real drill cannot count the share steered away: a log line may leave
    # it out and takes the matching rule's, or this assumption when no rule matches.
    share: PositiveShare = doc(
        "share of arriving counter customers (to counters: of kiosk customers); default 0.25, "
        "an assumption: a drill log's line without it takes the matching rule's",
        "被分流的到达柜台客户比例（引导至柜台时为自助客户比例）；默认 0.25（假定值），"
        "演练记录未写时取对应预案规则的比例",
        default=0.25,
    )


class ExtendHours(Action):
    """Keep the doors open past closing (延长服务时间)."""

    do: Literal["extend_hours"] = "extend_hours"
    minutes: Annotated[float, capped(12 * 60)] = doc(
        "how long past closing", "延长时长", unit="min", gt=0
    )


class TakeCallbacks(Action):
    """Waiting customers leave a phone number and go (留下联系电话): deferred, not lost."""

    do: Literal["take_callbacks"] = "take_callbacks"
    share: PositiveShare | None = doc(
        "share of those waiting who do (default all)",
        "留下电话离开的等候客户比例（默认全部）",
        default=None,
    )


class NotifyCustomers(Action):
    """Tell the customers what is happening (告知客户)."""

    do: Literal["notify_customers"] = "notify_customers"
    message: str = doc("what is announced", "告知内容", default="")


class StopEntry(Action):
    """Hold arrivals outside while in force (暂停进厅, 限流); needs a guard at the door."""

    in_force: ClassVar[bool] = True
    do: Literal["stop_entry"] = "stop_entry"
    admit_below: Annotated[int, Field(ge=1), capped(100_000)] | None = doc(
        "entry metering: let people in, in order, while fewer customers than this are inside "
        "(none: nobody comes in while it is in force)",
        "限流：厅内客户少于此数时按先后放行（不写则暂停期间无人进厅）",
        default=None,
    )


class Escalate(Action):
    """Report to a superior (上报); the level may answer by releasing more reserve staff."""

    do: Literal["escalate"] = "escalate"
    to: Text = doc("whom the report goes to", "上报对象", examples=["中心经理"])
    response_min: AnyDistribution | None = doc(
        "how long the level takes to answer", "上级响应时间", unit="min", default=None
    )
    releases_reserve: Annotated[int, Field(ge=0), capped(10_000)] | None = doc(
        "more reserve staff its answer releases", "响应后增拨的备用人员", default=None
    )


def _emergency_number(number: int) -> int:
    if number not in EMERGENCY_NUMBERS:
        known = ", ".join(f"{n} ({what})" for n, what in EMERGENCY_NUMBERS.items())
        raise problem("emergency_number", known=known, got=Shown(number))
    return number


class CallEmergency(Action):
    """Call 110, 119 or 120 (报警求助); the service arrives after ``response_min``."""

    do: Literal["call_emergency"] = "call_emergency"
    number: Annotated[
        int,
        AfterValidator(_emergency_number),
        WithJsonSchema({"enum": list(EMERGENCY_NUMBERS)}),
    ] = doc("110 police, 119 fire, 120 ambulance", "110 报警，119 火警，120 急救")
    response_min: AnyDistribution | None = doc(
        "how long the service takes to arrive", "到场时间", unit="min", default=None
    )


class Evacuate(Action):
    """Order everyone out (组织疏散): the alarm sounds, the hall is cleared and closes for the day.

    In a played or replayed drill this is the team's order, at its own minute; the automatic
    playbook sounds a fire's alarm as the scenario's fire model says (see
    :mod:`simulator.engine.emergencies`).
    """

    do: Literal["evacuate"] = "evacuate"


ACTIONS: dict[str, type[Action]] = {
    cls.model_fields["do"].default: cls
    for cls in (
        OpenCounters,
        CloseCounters,
        OpenFastLane,
        CloseFastLane,
        Redirect,
        NotifyCustomers,
        ExtendHours,
        Escalate,
        PreRegister,
        TakeCallbacks,
        StopEntry,
        CallEmergency,
        Evacuate,
    )
}
IN_FORCE = frozenset(name for name, cls in ACTIONS.items() if cls.in_force)
RULE_KEYS = ("when", "cooldown_min", "note")
ENTRY_FIELDS = ("time_min", "who", "until_min", "rule")


def checked_condition(when: str) -> str:
    """Return ``when`` if it parses as a condition; else the problem, with its column."""
    try:
        parse_condition(when)
    except ConditionSyntaxError as error:
        raise problem(
            "condition",
            reason=str(error),
            text=repr(when),
            column=error.column,
            code=error.code,
            details=error.details,
        ) from None
    return when


class Rule(Action):
    """A playbook rule: when ``when`` becomes true, do the action (a subclass per action)."""

    when: str = doc(
        "the condition, e.g. queue >= 25 and time >= 12:00 (see the when: language)",
        "触发条件，如 queue >= 25 and time >= 12:00",
        examples=["queue >= 30"],
    )
    cooldown_min: Annotated[float, capped(24 * 60)] | None = doc(
        "the least time between two firings", "两次触发的最短间隔", unit="min", default=None, ge=0
    )
    note: str = doc("the plan's own wording, quoted in briefs", "预案原文，写入简报", default="")
    _condition: Condition | None = PrivateAttr(default=None)

    @property
    def condition(self) -> Condition | None:
        """Return the parsed condition (None: a decision people took that no rule foresaw)."""
        return self._condition

    @field_validator("when")
    @classmethod
    def _parses(cls, when: str) -> str:
        return checked_condition(when)

    @model_validator(mode="after")
    def _parse(self) -> "Rule":
        self._condition = parse_condition(self.when)
        return self

    @classmethod
    def unforeseen(cls, action: Action, when: str) -> "Rule":
        """Return a rule for a decision no rule foresaw: ``action``, under no condition."""
        rule_class = RULES[action.do]
        fields = {name: getattr(action, name) for name in action.parameters()}
        made = rule_class.model_construct(
            set(fields) & action.model_fields_set, when=when, **fields
        )
        return made


class LogEntry(Action):
    """A line of a drill log: an action taken at a clock time (a subclass per action)."""

    time_min: Clock = doc("when it was done", "执行时间", alias="at", examples=["10:34"])
    who: str = doc("who did it", "执行人", default="")
    until_min: Clock | None = doc(
        "when a redirect, pre-registration or door control was lifted",
        "分流、预处理或暂停进厅解除的时间",
        alias="until",
        default=None,
    )
    rule: Annotated[int, capped(1000)] | None = doc(
        "the playbook rule it carries out (1 = the first)", "对应的预案规则序号", default=None, ge=1
    )

    @model_validator(mode="after")
    def _in_the_day(self, info: ValidationInfo) -> "LogEntry":
        known = facts(info)
        if known.open_min is None or known.close_min is None:
            return self
        last = known.close_min + AFTER_CLOSING_MIN
        hours = span(known.open_min, known.close_min)
        if not known.open_min <= self.time_min <= last:
            raise problem("log_time", at=("at",), hours=hours, got=format_clock(self.time_min))
        if self.until_min is not None:
            if not self.in_force:
                raise problem("until_in_force", at=("until",), actions=", ".join(sorted(IN_FORCE)))
            if not self.time_min < self.until_min <= last:
                at = format_clock(self.time_min)
                raise problem("until_order", at=("until",), start=at, hours=hours)
        return self


def _combined(base: type[Model], action: type[Action], suffix: str) -> type[Model]:
    name = f"{action.__name__}{suffix}"
    return cast(
        type[Model], type(name, (action, base), {"__module__": __name__, "__doc__": action.__doc__})
    )


RULES: dict[str, type[Rule]] = {
    name: cast(type[Rule], _combined(Rule, action, "Rule")) for name, action in ACTIONS.items()
}
ENTRIES: dict[str, type[LogEntry]] = {
    name: cast(type[LogEntry], _combined(LogEntry, action, "Entry"))
    for name, action in ACTIONS.items()
}
# Pickle finds classes by module and name: worker processes receive rules and log lines.
globals().update({cls.__name__: cls for cls in (*RULES.values(), *ENTRIES.values())})
# do: 增开台席 is do: open_counters (simulator.model.action_aliases), read before the union picks.
AnyRule = Annotated[  # type: ignore[valid-type]
    Union[tuple(RULES.values())],  # noqa: UP007
    Field(discriminator="do"),
    BeforeValidator(english_action),
]
AnyEntry = Annotated[  # type: ignore[valid-type]
    Union[tuple(ENTRIES.values())],  # noqa: UP007
    Field(discriminator="do"),
    BeforeValidator(english_action),
]
