"""The ``when:`` mini-language of playbook rules, parsed into a small syntax tree.

Grammar (``and`` binds tighter than ``or``; parentheses group)::

    expression := conjunction ("or" conjunction)*
    conjunction := comparison ("and" comparison)*
    comparison := METRIC OP VALUE | "(" expression ")"
    METRIC     := an English name of METRICS, or its Chinese name (condition_aliases)
    OP         := ">=" | "<=" | ">" | "<" | "==" | "!="
    VALUE      := number | clock time "HH:MM" (only for ``time``)

It is parsed here, never ``eval``-ed, so a scenario file cannot run code; a syntax error names
the 1-based column where it was found.
"""

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from simulator.model.clock import parse_clock
from simulator.model.condition_aliases import ALIAS_PATTERN, canonical
from simulator.model.incidents import INCIDENT_KINDS

# The state of each kind of incident a rule may react to: "illness_active >= 1" (a flag) and
# "siege_min >= 10" (how long the one in progress has lasted), by metric name -> kind.
INCIDENT_FLAGS: Mapping[str, str] = {f"{kind}_active": kind for kind in INCIDENT_KINDS}
INCIDENT_MINUTES: Mapping[str, str] = {f"{kind}_min": kind for kind in INCIDENT_KINDS}

# Live quantities a condition may test, with what they mean (also used in error messages).
METRICS: Mapping[str, str] = {
    "queue": "customers waiting for a counter",
    "queue_vip": "VIP customers waiting",
    "in_hall": "people on the public floor",
    "density": "people per m² of public floor",
    "wait_p90_recent": "90th-percentile wait of customers served in the last 15 minutes",
    "outage_min": "minutes the current system or power outage has lasted",
    "power_out": "1 while the power is out, else 0",
    "time": 'clock time, compared with "HH:MM"',
    "abandoned_recent": "customers who gave up waiting in the last 15 minutes",
    "outage_ended_min": (
        "minutes since the last outage ended (no comparison holds while one is on or before)"
    ),
    "outside_queue": "people waiting outside the door while entry is held",
    **{
        name: f"1 while a {kind} is in progress (from when it is noticed), else 0"
        for name, kind in INCIDENT_FLAGS.items()
    },
    **{
        name: f"minutes since the {kind} in progress was noticed (0: none)"
        for name, kind in INCIDENT_MINUTES.items()
    },
}

OPERATORS = (">=", "<=", "==", "!=", ">", "<")

_TOKEN = re.compile(
    r"\s*(?:(?P<clock>\d{1,2}:\d{2})|(?P<number>\d+(?:\.\d*)?|\.\d+)"
    rf"|(?P<op>>=|<=|==|!=|>|<)|(?P<paren>[()])|(?P<alias>{ALIAS_PATTERN})"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<bad>\S))"
)


class ConditionSyntaxError(ValueError):
    """A ``when:`` text that is not a valid condition; ``column`` is 1-based.

    ``code`` and ``details`` name the problem for the message catalogue
    (``validation.when_<code>``), so it can be said in the scenario's language.
    """

    def __init__(self, message: str, column: int, code: str = "invalid", **details: str):
        self.code, self.details = code, details
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Compare:
    """``metric op value``."""

    metric: str
    op: str
    value: float

    def evaluate(self, state: Mapping[str, float]) -> bool:
        """Return the comparison's truth for the live ``state``."""
        left = state[self.metric]
        if left != left:  # NaN (no outage has ended yet): no comparison holds, != neither
            return False
        match self.op:
            case ">=":
                return left >= self.value
            case "<=":
                return left <= self.value
            case ">":
                return left > self.value
            case "<":
                return left < self.value
            case "==":
                return left == self.value
        return left != self.value


@dataclass(frozen=True)
class AllOf:
    """Every part holds (``and``)."""

    parts: tuple["Condition", ...]

    def evaluate(self, state: Mapping[str, float]) -> bool:
        """Return whether every part holds."""
        return all(part.evaluate(state) for part in self.parts)


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds (``or``)."""

    parts: tuple["Condition", ...]

    def evaluate(self, state: Mapping[str, float]) -> bool:
        """Return whether any part holds."""
        return any(part.evaluate(state) for part in self.parts)


Condition = Compare | AllOf | AnyOf


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str  # what the parser reads: a Chinese name is its English one
    column: int
    written: str = ""  # what the user wrote, when it differs (排队人数), for the messages

    def shown(self) -> str:
        """Return the token as written, quoted, or "the end" for the end of the text."""
        return repr(self.written or self.text) if self.text else "the end"


# What a character the language does not have most likely means (a hint to the message).
_LOOKALIKES = {"≥": ">=", "≤": "<=", "≠": "!=", "=": "=="}
# The first character of a unit written after a number (人, 分钟, 秒, 小时, %, 个).
_UNITS = frozenset("人分秒小时%个次")


def _hint(text: str, position: int, tokens: list["_Token"]) -> str:
    """Return the catalogue hint for an unexpected character at ``position`` of ``text``."""
    char = text[position]
    if char in _LOOKALIKES and not (char == "=" and text[position : position + 2] == "=="):
        return "symbol"
    if char in "且并和或":
        return "join"  # 且 / 或 for and / or
    after_number = bool(tokens) and tokens[-1].kind in ("number", "clock")
    if after_number and (char in _UNITS or not text[position - 1].isspace()):
        return "unit"  # 20人, 30 分钟, 50%
    if "\u4e00" <= char <= "\u9fff":
        return "chinese"  # 排队 >= 20: the metrics have English names
    return "none"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # only trailing white space is left
            break
        kind = match.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        column = match.start(kind) + 1
        if kind == "bad":
            char = repr(match.group(kind))
            hint = _hint(text, match.start(kind), tokens)
            instead = _LOOKALIKES.get(match.group(kind), "")
            raise ConditionSyntaxError(
                f"unexpected character {char}",
                column,
                "character",
                found=char,
                hint=hint,
                instead=instead,
            )
        if kind == "alias":  # 排队人数, 且: read as the English name they stand for
            written = match.group(kind)
            tokens.append(_Token("word", canonical(written), column, written))
        else:
            tokens.append(_Token(kind, match.group(kind), column))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


# Parentheses inside parentheses at the most: a playbook condition needs two or three.
MOST_PARENTHESES = 20


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expression(self) -> Condition:
        parts = [self.conjunction()]
        while self.peek().kind == "word" and self.peek().text == "or":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def conjunction(self) -> Condition:
        parts = [self.comparison()]
        while self.peek().kind == "word" and self.peek().text == "and":
            self.take()
            parts.append(self.comparison())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def comparison(self) -> Condition:
        token = self.take()
        if token.kind == "paren" and token.text == "(":
            self.depth += 1
            if self.depth > MOST_PARENTHESES:  # the parser recurses: bound it, as YAML's nesting
                raise ConditionSyntaxError("parentheses nest too deeply", token.column, "too_deep")
            inner = self.expression()
            self.depth -= 1
            closing = self.take()
            if closing.text != ")":
                raise ConditionSyntaxError("expected ')'", closing.column, "paren")
            return inner
        if token.kind != "word" or token.text in ("and", "or"):
            found = token.shown()
            known = ", ".join(METRICS)
            raise ConditionSyntaxError(
                f"expected a metric ({known}), found {found}",
                token.column,
                "metric",
                known=known,
                found=found,
            )
        if token.text not in METRICS:
            known = ", ".join(METRICS)
            close = difflib.get_close_matches(token.text, list(METRICS), n=1)
            if close:
                raise ConditionSyntaxError(
                    f"unknown metric {token.text!r}; did you mean {close[0]!r}?",
                    token.column,
                    "unknown_metric_close",
                    name=repr(token.text),
                    close=repr(close[0]),
                )
            raise ConditionSyntaxError(
                f"unknown metric {token.text!r}; known: {known}",
                token.column,
                "unknown_metric",
                name=repr(token.text),
                known=known,
            )
        operator = self.take()
        if operator.kind != "op":
            found = operator.shown()
            operators = " ".join(OPERATORS)
            raise ConditionSyntaxError(
                f"expected one of {operators} after {token.shown()}, found {found}",
                operator.column,
                "operator",
                operators=operators,
                metric=token.shown(),
                found=found,
            )
        value = self.take()
        if token.text == "time":
            if value.kind != "clock":
                raise ConditionSyntaxError(
                    "compare time with a clock time like 12:00", value.column, "time"
                )
            try:
                number = parse_clock(value.text)
            except ValueError as error:
                raise ConditionSyntaxError(
                    str(error), value.column, "clock", found=repr(value.text)
                ) from None
        elif value.kind == "number":
            number = float(value.text)
        else:
            found = value.shown()
            raise ConditionSyntaxError(
                f"expected a number, found {found}", value.column, "number", found=found
            )
        return Compare(token.text, operator.text, number)


def comparisons_of(condition: Condition) -> list[Compare]:
    """Return every comparison in ``condition``, left to right."""
    if isinstance(condition, Compare):
        return [condition]
    return [compare for part in condition.parts for compare in comparisons_of(part)]


def metrics_of(condition: Condition) -> frozenset[str]:
    """Return the metrics a condition reads (so only those need computing)."""
    return frozenset(compare.metric for compare in comparisons_of(condition))


def parse_condition(text: str) -> Condition:
    """Parse a ``when:`` text; raise :class:`ConditionSyntaxError` with a column on error.

    Full-width characters a Chinese input method types (``＞＝``, ``１２：００``) are read as
    their half-width selves, one for one, so columns still point into the text as written.
    """
    text = "".join(
        unicodedata.normalize("NFKC", char)
        if len(unicodedata.normalize("NFKC", char)) == 1
        else char
        for char in text
    )
    if not text.strip():
        raise ConditionSyntaxError("the condition is empty", 1, "empty")
    parser = _Parser(text)
    condition = parser.expression()
    trailing = parser.peek()
    if trailing.kind != "end":
        raise ConditionSyntaxError(
            f"unexpected {trailing.shown()}; join conditions with 'and' or 'or'",
            trailing.column,
            "trailing",
            found=trailing.shown(),
        )
    return condition
