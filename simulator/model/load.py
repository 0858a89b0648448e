"""Load a scenario file: read it, check every section against the contract, build a Scenario.

The contract is the "Scenario file" section of DESIGN.md. Validation collects *every* problem
(unknown keys, wrong types, values out of range, times out of order or outside opening hours,
shares that do not add up, ...) before anything is simulated, each naming file, line and key
path; the :class:`~simulator.model.scenario.Scenario` is built only when there are none.
Incidents and the playbook are checked in :mod:`simulator.model.events`; the typed getters
live in :mod:`simulator.model.reader`; positions come from :mod:`simulator.model.yaml_source`.
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from simulator.model.clock import format_clock
from simulator.model.egress_keys import read_egress
from simulator.model.errors import Problem, ScenarioError
from simulator.model.events import Facts, read_incidents, read_playbook
from simulator.model.reader import Checker, Section, given, show, span
from simulator.model.scenario import (
    CounterBlock,
    Demand,
    Exit,
    Hours,
    Limit,
    Limits,
    Neighbor,
    RateBlock,
    Reserve,
    Scenario,
    Service,
    Site,
    Staff,
)
from simulator.model.yaml_source import SourceMap, deep_merge, parse_document

SCHEMA = 1
TOP_KEYS = (
    "schema",
    "name",
    "language",
    "site",
    "hours",
    "staff",
    "demand",
    "incidents",
    "playbook",
    "limits",
    "egress",
    "variants",
)
LANGUAGES = ("zh", "en")
# Threshold keys of ``limits``: key -> (metric it limits, "max" or "min", allowed range).
THRESHOLDS: dict[str, tuple[str, str, str]] = {
    "wait_p90_min": ("wait_p90_min", "max", ">= 0"),
    "wait_mean_min": ("wait_mean_min", "max", ">= 0"),
    "wait_max_min": ("wait_max_min", "max", ">= 0"),
    "abandon_rate": ("abandon_rate", "max", "[0, 1]"),
    "balk_rate": ("balk_rate", "max", "[0, 1]"),
    "redirect_rate": ("redirect_rate", "max", "[0, 1]"),
    "density_per_m2": ("peak_density_per_m2", "max", ">= 0"),
    "peak_queue": ("peak_queue", "max", ">= 0"),
    "utilization": ("utilization", "max", "[0, 1]"),
    "evacuation_s": ("evacuation_s", "max", ">= 0"),
    "egress_s": ("egress_s", "max", ">= 0"),
    "served_within_limit_share": ("served_within_limit_share", "min", "[0, 1]"),
}
DEFAULT_WAIT_LIMIT = 20.0
SHARE_TOLERANCE = 1e-6


def load_scenario(path: Path) -> Scenario:
    """Read, validate and return the scenario in ``path``; raise :class:`ScenarioError`.

    Problems name the file as ``path`` was given, so messages match what the user typed.
    """
    file = str(path)
    path = Path(path)
    if path.is_dir():  # checked first: reading a directory fails differently per platform
        raise ScenarioError([Problem(file, None, "", "is a directory, not a scenario file")])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Problem(file, None, "", "no such file")]) from None
    except OSError as error:
        problem = Problem(file, None, "", f"cannot be read: {error.strerror}")
        raise ScenarioError([problem]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ScenarioError(
            [
                Problem(
                    file,
                    line,
                    "",
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
                )
            ]
        ) from None
    return _load(text, file, hashlib.sha256(data).hexdigest())


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Validate and return the scenario written in ``text``; ``file`` names it in problems."""
    return _load(text, file, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _load(text: str, file: str, sha256: str) -> Scenario:
    document, duplicates = parse_document(text, file)
    checker = Checker(file)
    checker.problems.extend(duplicates)
    root = Section(checker, document, "", document.spot)
    scenario = _scenario(root, variants_allowed=True)
    # Sort by line so the list reads like the file; variants' problems come after the base's.
    checker.problems.sort(key=lambda problem: problem.line or 0)
    variants = _variants(root, document)
    if checker.problems:
        raise ScenarioError(checker.problems)
    variants = {
        name: replace(variant, source=file, sha256=sha256) for name, variant in variants.items()
    }
    return replace(scenario, variants=variants, source=file, sha256=sha256)


def _scenario(root: Section, variants_allowed: bool) -> Scenario:
    """Check a whole document; the result is only meaningful if no problem was reported."""
    root.allow(TOP_KEYS if variants_allowed else TOP_KEYS[:-1])
    schema = root.integer("schema", required=True)
    if schema is not None and schema != SCHEMA:
        root.report("schema", f"this version of drill reads schema {SCHEMA}, got {schema}")
    name = root.text("name", required=True)
    language = root.choice("language", LANGUAGES, what="language", default="zh")
    site = _site(root)
    hours = _hours(root)
    demand = _demand(root, hours)
    services = demand.services if demand else ()
    staff = _staff(root, hours, services, site.counters if site else None)
    facts = Facts(
        hours=hours,
        services=frozenset(s.name for s in services if s.name),
        exits=frozenset(e.name for e in site.exits if e.name) if site else frozenset(),
        neighbors=frozenset(n.name for n in site.neighbors if n.name) if site else frozenset(),
        kiosks=site.kiosks if site else None,
    )
    return Scenario(
        schema=given(schema),
        name=given(name),
        language=given(language),
        site=given(site),
        hours=given(hours),
        staff=given(staff),
        demand=given(demand),
        incidents=read_incidents(root, facts),
        playbook=read_playbook(root, facts),
        limits=_limits(root),
        egress=read_egress(root),
    )


def _unique(items: list[Section], key: str) -> None:
    """Report every entry whose ``key`` repeats an earlier entry's."""
    first: dict[Any, Section] = {}
    for item in items:
        value = item.data.get(key)
        if not isinstance(value, str):
            continue
        if value in first:
            item.report(key, f"{value!r} is used twice (also {first[value].path})")
        else:
            first[value] = item


def _site(root: Section) -> Site | None:
    site = root.section("site", required=True)
    if site is None:
        return None
    site.allow(("name", "location", "floor_area_m2", "exits", "kiosks", "neighbors", "counters"))
    exits = site.items("exits", required=True, example=" like {name: 正门, width_m: 1.8}")
    for item in exits:
        item.allow(("name", "width_m", "distance_m", "approach_m2"))
    _unique(exits, "name")
    neighbors = site.items(
        "neighbors", example=" like {name: 城西营业厅, travel_min: 15, accepts_share: 0.3}"
    )
    for item in neighbors:
        item.allow(("name", "travel_min", "accepts_share"))
    _unique(neighbors, "name")
    return Site(
        name=given(site.text("name", required=True)),
        location=given(site.text("location", default="", empty_ok=True)),
        floor_area_m2=given(site.number("floor_area_m2", required=True, within="> 0")),
        exits=tuple(
            Exit(
                given(item.text("name", required=True)),
                # Egress uses the effective width (width − 0.3 m): a narrower door lets no one out.
                given(
                    item.number(
                        "width_m",
                        required=True,
                        within="> 0.3",
                        hint=" (a door's effective width is its width − 0.3 m)",
                    )
                ),
                item.number("distance_m", within="> 0"),
                item.number("approach_m2", within="> 0"),
            )
            for item in exits
        ),
        kiosks=given(site.integer("kiosks", default=0, within=">= 0")),
        counters=site.integer("counters", within=">= 1"),
        neighbors=tuple(
            Neighbor(
                given(item.text("name", required=True)),
                given(item.number("travel_min", required=True, within=">= 0")),
                given(item.number("accepts_share", required=True, within="(0, 1]")),
            )
            for item in neighbors
        ),
    )


def _hours(root: Section) -> Hours | None:
    """Return opening hours, or ``None`` if they are wrong (later checks then skip them)."""
    hours = root.section("hours", required=True)
    if hours is None:
        return None
    hours.allow(("open", "close"))
    opening, closing = hours.clock("open", required=True), hours.clock("close", required=True)
    if opening is None or closing is None:
        return None
    if opening >= closing:
        hours.report(
            "close",
            f"must be later than open ({format_clock(opening)}), got {format_clock(closing)}",
        )
        return None
    return Hours(opening, closing)


def _blocks(
    parent: Section, key: str, amount: str, hours: Hours | None, read: Callable[[Section], Any]
) -> list[tuple[Section, float | None, Any]]:
    """Read a schedule of ``{from: "HH:MM", <amount>: ...}`` blocks and check their times.

    The first block starts at opening (before it nothing would be defined), each later one
    strictly after the previous one and before closing (a block from closing time is empty).
    """
    example = f' like {{from: "09:00", {amount}: 4}}'
    blocks = []
    for item in parent.items(key, required=True, example=example):
        item.allow(("from", amount))
        blocks.append((item, item.clock("from", required=True), read(item)))
    previous = None
    for index, (item, start, _) in enumerate(blocks):
        if start is None:
            continue
        if index == 0:
            if hours and start != hours.open_min:
                item.report(
                    "from",
                    "the first block must start when the hall opens "
                    f"({format_clock(hours.open_min)}), got {format_clock(start)}",
                )
        elif previous is not None and start <= previous:
            item.report(
                "from",
                f"blocks must be in time order: {format_clock(start)} does not "
                f"come after {format_clock(previous)}",
            )
        elif hours and not hours.open_min <= start < hours.close_min:
            item.report(
                "from",
                f"{format_clock(start)} is outside opening hours "
                f"{span(hours.open_min, hours.close_min)}",
            )
        previous = start
    return blocks


def _staff(
    root: Section, hours: Hours | None, services: tuple[Service, ...], positions: int | None
) -> Staff | None:
    staff = root.section("staff", required=True)
    if staff is None:
        return None
    staff.allow(("counters", "fast_lane", "guides", "security", "reserve"))
    blocks = _blocks(
        staff,
        "counters",
        "count",
        hours,
        lambda item: item.integer("count", required=True, within=">= 0"),
    )
    fast_lane = staff.integer("fast_lane", default=0, within=">= 0")
    for item, _, count in blocks:
        if positions is not None and count is not None and count > positions:
            item.report("count", f"the hall has only {positions} counters (site.counters)")
    if blocks and blocks[-1][2] == 0:
        blocks[-1][0].report(
            "count",
            "the last block must staff at least one counter, or "
            "customers still waiting at closing are never served",
        )
    if fast_lane:
        # Fast-lane counters serve only quick services; the others need a regular counter.
        for item, _, count in blocks:
            if count and count <= fast_lane:
                item.report(
                    "count",
                    f"{count} counter(s) with fast_lane: {fast_lane} leaves no "
                    "regular counter; staff more counters than fast_lane",
                )
        if (
            services
            and all(s.quick is not None for s in services)
            and not any(s.quick for s in services)
        ):
            staff.report(
                "fast_lane", "no service has quick: true, so the fast lane would serve nobody"
            )
    reserve = staff.section("reserve")
    if reserve is not None:
        reserve.allow(("count", "call_in_min"))
    return Staff(
        counters=tuple(CounterBlock(given(start), count) for _, start, count in blocks),
        fast_lane=given(fast_lane),
        guides=given(staff.integer("guides", default=0, within=">= 0")),
        security=given(staff.integer("security", default=0, within=">= 0")),
        reserve=Reserve(
            given(reserve.integer("count", default=0, within=">= 0")),
            given(reserve.number("call_in_min", default=0.0, within=">= 0")),
        )
        if reserve
        else Reserve(),
    )


def _services(demand: Section) -> tuple[Service, ...]:
    example = " like {name: 缴费, share: 0.5, minutes: {dist: exponential, mean: 3}}"
    items = demand.items("services", required=True, example=example)
    services = []
    for item in items:
        item.allow(("name", "share", "minutes", "kiosk", "quick"))
        services.append(
            Service(
                name=given(item.text("name", required=True)),
                share=given(item.number("share", required=True, within="(0, 1]")),
                minutes=given(item.distribution("minutes", required=True)),
                kiosk=given(item.flag("kiosk")),
                quick=given(item.flag("quick")),
            )
        )
    _unique(items, "name")
    shares = [service.share for service in services]
    if shares and None not in shares and abs(sum(shares) - 1) > SHARE_TOLERANCE:
        demand.report("services", f"the service shares add up to {sum(shares):.6g}, not 1")
    return tuple(services)


def _demand(root: Section, hours: Hours | None) -> Demand | None:
    demand = root.section("demand", required=True)
    if demand is None:
        return None
    demand.allow(
        (
            "arrivals",
            "services",
            "vip_share",
            "vulnerable_share",
            "patience_min",
            "balk_at_queue",
            "kiosk_uptake",
        )
    )
    blocks = _blocks(
        demand,
        "arrivals",
        "per_hour",
        hours,
        lambda item: item.number("per_hour", required=True, within=">= 0"),
    )
    rates = [rate for _, _, rate in blocks]
    if rates and None not in rates and not any(rates):
        demand.report("arrivals", "every block has per_hour 0, so nobody would ever arrive")
    services = _services(demand)
    vip = demand.number("vip_share", default=0.0, within="[0, 1]")
    vulnerable = demand.number("vulnerable_share", default=0.0, within="[0, 1]")
    if vip is not None and vulnerable is not None and vip + vulnerable > 1:
        demand.report(
            "vulnerable_share",
            f"vip_share + vulnerable_share is {vip + vulnerable:g}; together they cannot exceed 1",
        )
    return Demand(
        arrivals=tuple(RateBlock(given(start), rate) for _, start, rate in blocks),
        services=services,
        vip_share=given(vip),
        vulnerable_share=given(vulnerable),
        patience_min=demand.distribution("patience_min"),
        balk_at_queue=demand.integer("balk_at_queue", within=">= 1"),
        kiosk_uptake=given(demand.number("kiosk_uptake", default=0.5, within="[0, 1]")),
    )


def _limits(root: Section) -> Limits:
    """Return the limits; ``wait_p90_min`` is always one of them (default 20 minutes)."""
    default = Limit("wait_p90_min", "wait_p90_min", DEFAULT_WAIT_LIMIT, "max")
    limits = root.section("limits")
    if limits is None:
        return Limits(items=(default,), wait_min=DEFAULT_WAIT_LIMIT)
    limits.allow([*THRESHOLDS, "target_share", "vulnerable_wait_min"], what="limit")
    items = []
    for key in limits.data:  # file order, so reports list limits as the user wrote them
        if key in THRESHOLDS:
            metric, direction, within = THRESHOLDS[key]
            threshold = limits.number(key, within=within)
            if threshold is not None:
                items.append(Limit(key, metric, float(threshold), direction))
    if limits.data.get("wait_p90_min") is None:
        items.insert(0, default)
    wait = next(
        (item.threshold for item in items if item.name == "wait_p90_min"), DEFAULT_WAIT_LIMIT
    )
    return Limits(
        items=tuple(items),
        target_share=given(limits.number("target_share", default=0.9, within="(0, 1]")),
        wait_min=wait,
        vulnerable_wait_min=limits.number("vulnerable_wait_min", within="> 0"),
    )


def _only_what_the_base_sets(base: Mapping, overlay: Section) -> None:
    """Report every key of a variant's overlay that the base document does not set.

    A variant is a change to the base; a key only the variant writes is usually a typo or a
    misplaced key that would otherwise quietly compare the base against itself.
    """
    for key, value in overlay.data.items():
        if key not in base:
            overlay.report(
                key,
                f"the base scenario does not set `{overlay.path_of(key)}`; a variant can only "
                "change what the base sets (write it in the base first, e.g. with its default)",
            )
        elif isinstance(value, Mapping) and isinstance(base[key], Mapping):
            nested = Section(overlay.checker, value, overlay.path_of(key), overlay.key_spot(key))
            _only_what_the_base_sets(base[key], nested)


def _variants(root: Section, document: SourceMap) -> dict[str, Scenario]:
    """Check each variant as the base document with its overlay deep-merged in.

    A problem the base already has is not repeated for every variant; the others are reported
    under ``variants.<name> → <key path>`` at the line where the offending value is written.
    """
    section = root.section("variants")
    if section is None:
        return {}
    known = {(p.line, p.column, p.key, p.message) for p in root.checker.problems}
    base = deep_merge(document, {})
    base.pop("variants", None)
    variants = {}
    for name, overlay in section.data.items():
        if not isinstance(overlay, Mapping):
            section.report(
                name,
                "must be a mapping of changes like {staff: {fast_lane: 1}}, "
                f"got {show(overlay)}",
            )
            continue
        if "variants" in overlay:
            where = Section(root.checker, overlay, section.path_of(name), section.key_spot(name))
            where.report("variants", "a variant cannot have variants of its own")
            overlay = deep_merge(overlay, {})  # a copy that keeps the overlay's positions
            overlay.pop("variants")
        checker = Checker(root.checker.file)
        _only_what_the_base_sets(base, Section(checker, overlay, "", section.key_spot(name)))
        merged = deep_merge(base, overlay)
        scenario = _scenario(Section(checker, merged, "", merged.spot), variants_allowed=False)
        context = f"variants.{name}"
        for problem in sorted(checker.problems, key=lambda p: p.line or 0):
            if (problem.line, problem.column, problem.key, problem.message) not in known:
                root.checker.problems.append(
                    replace(problem, key=f"{context} → {problem.key}" if problem.key else context)
                )
        variants[str(name)] = scenario
    return variants
