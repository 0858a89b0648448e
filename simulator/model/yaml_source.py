"""Parse scenario YAML into dicts and lists that remember where each value was written.

The validator must name the file line (and for ``when:`` conditions the column) of every
problem, but plain PyYAML throws positions away once it has built Python objects. This module's
loader builds :class:`SourceMap` and :class:`SourceList` instead, which record the line and
column of the mapping or sequence itself, of every key and of every value.

It also fixes two YAML 1.1 traps that hit scenario files in particular:

* sexagesimal numbers: PyYAML's ``SafeLoader`` reads an unquoted ``12:00`` as the integer 720,
  so ``open: 12:00`` would silently become a number. Here it stays the string ``"12:00"``;
* duplicate keys: YAML keeps the last value without a word; here every duplicate is a problem.

And it bounds what a small file can make the machine do: the text's size, how deep its lists
and mappings nest, and how many values its aliases expand to (nine nested anchors in 1.5 KB
would otherwise become a billion values), before anything is built from it.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from simulator.i18n import render
from simulator.model.errors import Problem, ScenarioError, guess_language
from simulator.model.yaml_problems import yaml_problem

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NOT_IMPLICIT = (_INT_TAG, _FLOAT_TAG, _BOOL_TAG, _TIMESTAMP_TAG)


@dataclass(frozen=True)
class Spot:
    """Where a node starts in the file (1-based), and a scalar's quoting style.

    ``style`` is ``None`` for plain scalars, ``"'"`` or ``'"'`` for quoted ones, ``"|"`` or ``">"``
    for block scalars; ``end_line`` tells whether the node fits on its first line.
    """

    line: int
    column: int
    style: str | None = None
    end_line: int | None = None

    @property
    def quoted(self) -> bool:
        """Whether the scalar starts with a quote character (its text starts one column later)."""
        return self.style in ("'", '"')

    @property
    def single_line(self) -> bool:
        """Whether the scalar's text is on one line, so columns inside it map onto the file."""
        return self.style not in ("|", ">") and self.end_line in (None, self.line)


class SourceMap(dict):
    """A YAML mapping that also records the spot of itself, of every key and of every value."""

    def __init__(self, *args: Any, spot: Spot | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.spot = spot or Spot(1, 1)
        self.key_spots: dict[Any, Spot] = {}
        self.value_spots: dict[Any, Spot] = {}
        # (key, spot of its first writing, spot of the duplicate) for every repeated key.
        self.duplicates: list[tuple[Any, Spot, Spot]] = []


class SourceList(list):
    """A YAML sequence that also records the spot of itself and of every item."""

    def __init__(self, *args: Any, spot: Spot | None = None):
        super().__init__(*args)
        self.spot = spot or Spot(1, 1)
        self.item_spots: list[Spot] = []


def _spot(node: yaml.Node) -> Spot:
    style = node.style if isinstance(node, yaml.ScalarNode) else None
    return Spot(node.start_mark.line + 1, node.start_mark.column + 1, style, node.end_mark.line + 1)


# A scenario is a few kilobytes, nests five or six levels and has a few thousand values; these
# bounds are far above any real file and far below what would exhaust memory or the stack.
MAX_BYTES = 2_000_000
MAX_DEPTH = 50
MAX_VALUES = 200_000


class _Refused(yaml.YAMLError):
    """The file is YAML, but beyond a bound; ``key`` is its ``validation.`` message."""

    def __init__(self, key: str, mark: yaml.Mark | None, **args: Any):
        super().__init__(key)
        self.key, self.problem_mark, self.args_ = key, mark, args


class SourceLoader(yaml.SafeLoader):
    """A ``SafeLoader`` that builds :class:`SourceMap`/:class:`SourceList` and reads no base-60.

    It refuses nesting deeper than :data:`MAX_DEPTH` while composing (PyYAML's composer
    recurses, so a file 2,000 lists deep would otherwise exhaust the stack), and turns a value
    an explicit tag cannot hold (``!!int 1e5``, ``!!bool maybe``) into a YAML problem at its line.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing it beyond :data:`MAX_DEPTH` levels of nesting."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused("too_deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a value its explicit tag cannot hold is a YAML problem."""
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, MemoryError, RecursionError):
            raise
        except Exception:  # any constructor's failure on a value it cannot read
            # Only an explicit tag gets a scalar to a constructor that cannot read it: the
            # implicit resolvers above match exactly what their constructors read.
            raise _Refused(
                "bad_tag", node.start_mark, value=str(node.value)[:40], tag=_tag_name(node.tag)
            ) from None


def _tag_name(tag: str) -> str:
    return "!!" + tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag


def _check_expansion(root: yaml.Node) -> None:
    """Raise :class:`_Refused` if the node graph expands to too many values or refers to itself.

    Aliases share nodes, so the graph is small while what it stands for may be huge; counting
    each node once per path to it (memoised, without recursion) measures what every later walk
    of the data will cost.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[id(node)] > MAX_VALUES:
                raise _Refused("too_many_values", node.start_mark, most=f"{MAX_VALUES:,}")
            continue
        if id(node) in open_nodes:  # reached again before it was finished: an alias inside itself
            raise _Refused("self_alias", node.start_mark)
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


# Start from SafeLoader's resolvers minus int and float, whose YAML 1.1 patterns include base 60
# ("12:00" -> 720) and leading-zero octal ("010" -> 8), then add YAML 1.2-like ones. Setting the
# attribute on the subclass keeps SafeLoader itself untouched for other code.
# Booleans too: YAML 1.1 reads yes/no/on/off as true/false, so `message: no` would lose its
# text; only true and false are booleans here, as in YAML 1.2.
# Dates stay text too: YAML 1.1 reads 2026-11-20 as a date and fails outright on 2026-02-30;
# the fields that hold dates check them themselves, with a message at their line.
SourceLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_IMPLICIT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SourceLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# Integers are registered before floats so "12" stays an int (resolvers are tried in order).
SourceLoader.add_implicit_resolver(
    _INT_TAG,
    re.compile(r"^(?:[-+]?[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$"),
    list("-+0123456789"),
)
SourceLoader.add_implicit_resolver(
    _FLOAT_TAG,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?
            |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
        re.VERBOSE,
    ),
    list("-+0123456789."),
)


def _construct_int(loader: SourceLoader, node: yaml.ScalarNode) -> int:
    # SafeConstructor's int would read "010" as octal and "1:30" as base 60; ours is decimal
    # unless an explicit 0x/0o/0b prefix says otherwise.
    text = str(loader.construct_scalar(node)).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if len(text) > 18:  # no count in a scenario has 19 digits; 5,000 would not even convert
        raise _Refused("long_number", node.start_mark, digits=len(text))
    base = {"0x": 16, "0o": 8, "0b": 2}.get(text[:2].lower(), 10)
    return sign * int(text if base == 10 else text[2:], base)


def _construct_map(loader: SourceLoader, node: yaml.MappingNode) -> Iterator[SourceMap]:
    data = SourceMap(spot=_spot(node))
    yield data  # yielded first so anchors that refer back to this mapping resolve
    own = [pair for pair in node.value if pair[0].tag != _MERGE_TAG]
    loader.flatten_mapping(node)  # resolves "<<: *anchor" merge keys into node.value
    merged = len(node.value) - len(own)  # the leading pairs came from merged anchors
    written: dict[Any, Spot] = {}  # keys written in this mapping itself, not merged in
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "found a key that is a list or mapping",
                key_node.start_mark,
            ) from None
        spot = _spot(key_node)
        # Keys that "<<" merges bring in are meant to be overridden; only repeats written in
        # this mapping itself are mistakes.
        if index >= merged:
            if key in written:
                data.duplicates.append((key, written[key], spot))
            written[key] = spot
        data[key] = loader.construct_object(value_node)
        data.key_spots[key] = spot
        data.value_spots[key] = _spot(value_node)


def _construct_seq(loader: SourceLoader, node: yaml.SequenceNode) -> Iterator[SourceList]:
    data = SourceList(spot=_spot(node))
    yield data
    data.extend(loader.construct_object(child) for child in node.value)
    data.item_spots = [_spot(child) for child in node.value]


SourceLoader.add_constructor(_INT_TAG, _construct_int)
SourceLoader.add_constructor(_MAP_TAG, _construct_map)
SourceLoader.add_constructor(_SEQ_TAG, _construct_seq)


class NotAMapping(ScenarioError):
    """The file is YAML, but a list or a single value rather than a mapping of keys."""


def parse_document(
    text: str, file: str, lang: str | None = None
) -> tuple[SourceMap, list[Problem]]:
    """Parse a scenario file's text into a :class:`SourceMap`, and list its duplicate keys.

    Raise :class:`ScenarioError` with a single problem if the text is empty, is not YAML or is
    not a mapping at its top level; nothing else can be checked then. The problems are said in
    ``lang``, by default the language the text seems to be written for.
    """
    lang = lang or guess_language(text)

    def fail(line: int | None, message: str) -> ScenarioError:
        return ScenarioError([Problem(file, line, "", message)], lang)

    if not text.strip():
        raise fail(None, render("validation.empty", lang))
    raw = raw_control_problem(text, file, lang)
    if raw is not None:
        raise ScenarioError([raw], lang)
    if len(text) > MAX_BYTES:
        most = f"{MAX_BYTES // 1000:,} kB"
        raise fail(None, render("validation.file_too_large", lang, most=most))
    try:
        loader = SourceLoader(text)  # the reader already rejects control characters here
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_expansion(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as refused:
        mark = refused.problem_mark
        line = mark.line + 1 if mark is not None else None
        message = render(f"validation.{refused.key}", lang, **refused.args_)
        raise fail(line, message) from None
    except yaml.YAMLError as error:
        raise ScenarioError([yaml_problem(error, text, file, lang)], lang) from None
    except RecursionError:  # a last guard: the bounds above should leave no path this deep
        raise fail(None, render("validation.too_deep", lang)) from None
    if data is None:  # only comments, or a lone "---"
        raise fail(None, render("validation.only_comments", lang))
    if not isinstance(data, SourceMap):
        line = data.spot.line if isinstance(data, SourceList) else 1
        kind = (
            render("kind.a list", lang)
            if isinstance(data, list)
            else render("kind.a value", lang, value=repr(data))
        )
        problem = Problem(file, line, "", render("validation.top_not_mapping", lang, kind=kind))
        raise NotAMapping([problem], lang)
    return data, duplicate_problems(data, file, lang) + control_problems(data, file, lang)


# Characters no scenario text needs that would act on a terminal or a document: C0 and C1
# controls (ESC starts terminal sequences: a window title, a cleared screen), the bidirectional
# overrides that make text read backwards, and the line and paragraph separators that YAML
# counts as line breaks (so every later line number would be off by one).
# Tab, line feed and carriage return are left out: files are made of lines.
INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_CONTROL = re.compile(f"[{INVISIBLE}]")


def _control_problem(file: str, line: int | None, key: str, char: str, lang: str) -> Problem:
    message = render("validation.control_char", lang, code=f"U+{ord(char):04X}")
    return Problem(file, line, key, message)


def raw_control_problem(text: str, file: str, lang: str) -> Problem | None:
    """Return a problem for the first control character written as such in ``text``, if any.

    Checked before parsing, with lines counted as an editor counts them (at line feeds).
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return _control_problem(file, line, "", found.group(), lang)


def _nodes(data: Any) -> Iterator[tuple[Any, str, int | None]]:
    """Yield every value and key of ``data`` with its key path and line, each object once.

    Anchors and aliases can make the same object appear twice; it is looked at once.
    """
    seen: set[int] = set()

    def walk(node: Any, where: str, line: int | None) -> Iterator[tuple[Any, str, int | None]]:
        if id(node) in seen:
            return
        seen.add(id(node))
        yield node, where, line
        if isinstance(node, SourceMap):
            for key, value in node.items():
                spot = node.value_spots.get(key) or node.key_spots.get(key)
                here = spot.line if spot else line
                yield from walk(key, _join(where, key), here)
                yield from walk(value, _join(where, key), here)
        elif isinstance(node, list):
            spots = getattr(node, "item_spots", [])
            for index, item in enumerate(node):
                at = spots[index].line if index < len(spots) else line
                yield from walk(item, f"{where}[{index}]", at)

    yield from walk(data, "", None)


def control_problems(data: Any, file: str, lang: str) -> list[Problem]:
    """Return a problem for every key or text in ``data`` holding a control character.

    These come from escapes in double quotes (an escaped ESC or right-to-left override),
    which the raw text does not show.
    """
    problems = []
    for node, where, line in _nodes(data):
        found = _CONTROL.search(node) if isinstance(node, str) else None
        if found is not None:
            problems.append(_control_problem(file, line, where, found.group(), lang))
    return problems


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def duplicate_problems(data: Any, file: str, lang: str) -> list[Problem]:
    """Return a problem for every key written twice in the same mapping, anywhere in ``data``."""
    problems = [
        Problem(
            file,
            again.line,
            _join(where, key),
            render("validation.duplicate_key", lang, first=first.line),
        )
        for node, where, _line in _nodes(data)
        if isinstance(node, SourceMap)
        for key, first, again in node.duplicates
    ]
    return sorted(problems, key=lambda problem: problem.line or 0)


def deep_merge(base: Mapping, overlay: Mapping) -> SourceMap:
    """Return ``base`` with ``overlay`` merged in: mappings merge recursively, the rest replaces.

    Positions follow the values: a value taken from the overlay keeps the overlay's line, so a
    problem in a variant points at the line that introduced it.
    """
    merged = SourceMap(base, spot=getattr(base, "spot", None))
    merged.key_spots.update(getattr(base, "key_spots", {}))
    merged.value_spots.update(getattr(base, "value_spots", {}))
    overlay_keys = getattr(overlay, "key_spots", {})
    overlay_values = getattr(overlay, "value_spots", {})
    for key, value in overlay.items():
        if isinstance(merged.get(key), Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(merged[key], value)
            continue
        merged[key] = value
        if key in overlay_keys:
            merged.key_spots[key] = overlay_keys[key]
        if key in overlay_values:
            merged.value_spots[key] = overlay_values[key]
    return merged
