"""The register of drills and corrective actions (演练台账与整改跟踪): one SQLite file.

``register.sqlite`` lives beside the run directories (``results/`` by default). Every ``drill
score`` and ``drill play`` records its drill there once its run directory is in place: when and
where, the scenario and its sha256, the kind of drill, who took part, every clause's rating and
the verdict. Every clause rated M or U opens a corrective action (issue, action, owner, due
date) that stays open until ``drill actions close ID``. A later drill of the same site is shown
the actions still open, and whether the same clause failed again.

The file is opened and checked before any day is simulated: one that is not a register (a
damaged or foreign file) is reported and never touched, so nothing is lost and no run is
wasted. Each drill is written in one transaction: a failure records nothing.
"""

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.i18n import SaidError
from simulator.rundir.schema import DrillFile

REGISTER_FILE = "register.sqlite"
REGISTER_VERSION = 2
# Each older layout, and the change that brings it up to the next (one transaction).
UPGRADES = {
    # 2: a drill remembers the sha256 of its log, so the same log is recorded once.
    1: "ALTER TABLE drills ADD COLUMN log_sha256 TEXT NOT NULL DEFAULT '';",
}
DUE_DAYS = 30  # a rectification is due a month after the drill, as the brief says
FAILING = ("M", "U")
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE drills (
    id INTEGER PRIMARY KEY,
    run_dir TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL,
    date TEXT NOT NULL,
    site TEXT NOT NULL,
    scenario TEXT NOT NULL,
    scenario_file TEXT NOT NULL,
    scenario_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    participants TEXT NOT NULL,
    verdict TEXT,
    log_sha256 TEXT NOT NULL
);
CREATE TABLE ratings (
    drill_id INTEGER NOT NULL REFERENCES drills(id),
    number INTEGER NOT NULL,
    clause TEXT NOT NULL,
    name TEXT NOT NULL,
    rating TEXT,
    PRIMARY KEY (drill_id, number)
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    drill_id INTEGER NOT NULL REFERENCES drills(id),
    site TEXT NOT NULL,
    clause TEXT NOT NULL,
    issue TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due TEXT NOT NULL,
    closed_at TEXT,
    note TEXT NOT NULL DEFAULT ''
);
"""


# What each table must have, as the queries below read it.
_COLUMNS = {
    "drills": (
        "id",
        "run_dir",
        "date",
        "site",
        "scenario",
        "kind",
        "title",
        "participants",
        "verdict",
        "log_sha256",
    ),
    "ratings": ("drill_id", "number", "clause", "name", "rating"),
    "actions": (
        "id",
        "drill_id",
        "site",
        "clause",
        "issue",
        "action",
        "owner",
        "due",
        "closed_at",
        "note",
    ),
}


class RegisterError(SaidError):
    """The register file cannot be used (not a register, a newer layout, not writable).

    Given a catalogue key it is said in the reader's language; given a sentence, that one.
    """


@dataclass(frozen=True)
class Drill:
    """One drill as the register holds it."""

    id: int
    run_dir: str
    date: str
    site: str
    scenario: str
    kind: str
    title: str
    participants: dict[str, list[str]]
    verdict: str | None


@dataclass(frozen=True)
class Action:
    """A corrective action opened by a clause rated M or U."""

    id: int
    drill_id: int
    site: str
    clause: str
    issue: str
    action: str
    owner: str
    due: str
    closed_at: str | None
    note: str

    def overdue(self, today: dt.date) -> bool:
        """Return whether it is still open after its due date."""
        return self.closed_at is None and dt.date.fromisoformat(self.due) < today


@dataclass(frozen=True)
class Rectification:
    """What a clause rated M or U asks for: the issue, the action, who, in both languages."""

    clause: str
    issue: str
    action: str
    owner: str


class Register:
    """The register file, checked when opened; every change is one transaction."""

    def __init__(self, path: Path):
        self.path = path
        if path.exists():
            self._check()

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(self.path)
        except sqlite3.Error as error:
            raise RegisterError(f"{self.path}: cannot be opened ({error})") from None

    def _check(self) -> None:
        """Refuse a file that is not a register of this layout (never change it)."""
        try:
            with closing(self._connect()) as connection:
                row = connection.execute(
                    "SELECT value FROM meta WHERE key = 'register_version'"
                ).fetchone()
                tables = {
                    name
                    for (name,) in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                }
        except sqlite3.Error as error:
            raise RegisterError(
                f"{self.path}: not a drill register ({error}); it was left as it is — move it "
                "away to start a new register"
            ) from None
        if row is None or not str(row[0]).isdigit():
            raise RegisterError(f"{self.path}: not a drill register (no version); left as it is")
        if not {"drills", "ratings", "actions"} <= tables:
            raise RegisterError(
                f"{self.path}: not a drill register (tables missing); left as it is"
            )
        if int(row[0]) == REGISTER_VERSION:
            self._check_columns()
        if int(row[0]) > REGISTER_VERSION:
            raise RegisterError(
                f"{self.path}: register layout {row[0]}; this drill reads layout "
                f"{REGISTER_VERSION}. Use a newer drill."
            )
        if int(row[0]) < REGISTER_VERSION:
            self._upgrade(int(row[0]))

    def _check_columns(self) -> None:
        """Refuse a register whose tables lack what this layout reads (never change it)."""
        try:
            with closing(self._connect()) as connection:
                for table, columns in _COLUMNS.items():
                    connection.execute(f"SELECT {', '.join(columns)} FROM {table} LIMIT 0")
        except sqlite3.Error as error:
            raise RegisterError(
                f"{self.path}: not a drill register of this layout ({error}); left as it is"
            ) from None

    def _upgrade(self, version: int) -> None:
        """Bring an older register up to this layout, keeping every drill and action."""
        try:
            with closing(self._connect()) as connection:
                # sqlite3 runs ALTER TABLE outside its implicit transactions: open one ourselves,
                # and read the layout again inside it (another run may have upgraded it).
                connection.isolation_level = None
                connection.execute("BEGIN IMMEDIATE")
                try:
                    (found,) = connection.execute(
                        "SELECT value FROM meta WHERE key = 'register_version'"
                    ).fetchone()
                    for step in range(int(found), REGISTER_VERSION):
                        connection.execute(UPGRADES[step])
                    connection.execute(
                        "UPDATE meta SET value = ? WHERE key = 'register_version'",
                        (str(REGISTER_VERSION),),
                    )
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
        except sqlite3.Error as error:
            raise RegisterError(f"{self.path}: could not be upgraded ({error})") from None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection for queries; a database error is the register's, said as such."""
        try:
            with closing(self._connect()) as connection:
                yield connection
        except sqlite3.Error as error:
            raise RegisterError(f"{self.path}: could not be read ({error})") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection whose changes are all committed at the end, or none of them."""
        new = not self.path.exists()
        try:
            # The inner ``with`` commits on success and rolls back on any exception.
            with closing(self._connect()) as connection, connection:
                if new:  # the tables and the version in one script
                    version = f"INSERT INTO meta VALUES ('register_version', '{REGISTER_VERSION}');"
                    connection.executescript(_TABLES + version)
                yield connection
        except sqlite3.Error as error:
            raise RegisterError(f"{self.path}: could not be written ({error})") from None

    def same_drill(self, site: str, date: str, kind: str, log_sha256: str) -> int | None:
        """Return the id of the drill already recorded from the same log, day and site."""
        if not self.path.exists():
            return None
        with self._reading() as connection:
            row = connection.execute(
                "SELECT id FROM drills WHERE site = ? AND date = ? AND kind = ? AND log_sha256 = ?",
                (site, date, kind, log_sha256),
            ).fetchone()
        return None if row is None else int(row[0])

    def record(
        self,
        run_dir: Path,
        drill: DrillFile,
        summary: dict[str, Any],
        rectifications: list[Rectification],
        today: dt.date,
        log_sha256: str,
    ) -> tuple[int, bool]:
        """Record a drill, its ratings and the corrective actions it opens.

        Return its id and whether it is new: the same log of the same day and site scored
        again (into another run directory) is the same drill, recorded once.
        """
        scenario = summary["scenario"]
        site = str(scenario["site"]["name"] or scenario["name"])
        date = str(drill.get("date") or today.isoformat())
        known = self.same_drill(site, date, drill["kind"], log_sha256)
        if known is not None:
            return known, False
        due = (dt.date.fromisoformat(date) + dt.timedelta(days=DUE_DAYS)).isoformat()
        with self._transaction() as connection:
            # The same directory written again (deleted, then a new run there): the old
            # record keeps its ratings and actions, under a name that says it was replaced.
            connection.execute(
                "UPDATE drills SET run_dir = run_dir || ' (replaced ' || id || ')' "
                "WHERE run_dir = ?",
                (str(run_dir.resolve()),),
            )
            cursor = connection.execute(
                "INSERT INTO drills (run_dir, recorded_at, date, site, scenario, scenario_file, "
                "scenario_sha256, kind, title, participants, verdict, log_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(run_dir.resolve()),
                    today.isoformat(),
                    date,
                    site,
                    str(scenario["name"]),
                    str(scenario["file"]),
                    str(scenario["sha256"]),
                    drill["kind"],
                    drill["title"],
                    json.dumps(drill["participants"], ensure_ascii=False),
                    drill.get("verdict"),
                    log_sha256,
                ),
            )
            drill_id = int(cursor.lastrowid or 0)
            connection.executemany(
                "INSERT INTO ratings VALUES (?, ?, ?, ?, ?)",
                [
                    (drill_id, c["number"], c["id"], c["name_zh"], c["rating"])
                    for c in drill.get("clauses", [])
                ],
            )
            connection.executemany(
                "INSERT INTO actions (drill_id, site, clause, issue, action, owner, due) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (drill_id, site, r.clause, r.issue, r.action, r.owner, due)
                    for r in rectifications
                ],
            )
        return drill_id, True

    def has_run(self, run_dir: Path) -> bool:
        """Return whether the drill of ``run_dir`` is already recorded."""
        if not self.path.exists():
            return False
        with self._reading() as connection:
            row = connection.execute(
                "SELECT 1 FROM drills WHERE run_dir = ?", (str(run_dir.resolve()),)
            ).fetchone()
        return row is not None

    def drills(self) -> list[Drill]:
        """Return every recorded drill, oldest first."""
        if not self.path.exists():
            return []
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT id, run_dir, date, site, scenario, kind, title, participants, verdict "
                "FROM drills ORDER BY date, id"
            ).fetchall()
        return [
            Drill(
                id=row[0],
                run_dir=row[1],
                date=row[2],
                site=row[3],
                scenario=row[4],
                kind=row[5],
                title=row[6],
                participants=json.loads(row[7]),
                verdict=row[8],
            )
            for row in rows
        ]

    def actions(
        self, site: str | None = None, include_closed: bool = False, but: int | None = None
    ) -> list[Action]:
        """Return the open corrective actions of ``site`` (all with ``include_closed``).

        ``but``: leave out this drill's own.
        """
        if not self.path.exists():
            return []
        query = "SELECT * FROM actions WHERE (? IS NULL OR site = ?) AND drill_id IS NOT ?"
        if not include_closed:
            query += " AND closed_at IS NULL"
        with self._reading() as connection:
            rows = connection.execute(query + " ORDER BY due, id", (site, site, but)).fetchall()
        return [Action(*row) for row in rows]

    def close(self, action_id: int, note: str, today: dt.date) -> Action:
        """Close an open corrective action with ``note``; raise :class:`RegisterError` if none."""
        with self._transaction() as connection:
            updated = connection.execute(
                "UPDATE actions SET closed_at = ?, note = ? WHERE id = ? AND closed_at IS NULL",
                (today.isoformat(), note, action_id),
            )
            if updated.rowcount != 1:
                known = connection.execute(
                    "SELECT closed_at FROM actions WHERE id = ?", (action_id,)
                ).fetchone()
                if known is None:
                    raise RegisterError("register.no_such_action", id=action_id)
                raise RegisterError("register.closed_before", id=action_id, date=known[0])
            row = connection.execute("SELECT * FROM actions WHERE id = ?", (action_id,)).fetchone()
        return Action(*row)


def register_for(run_dir: Path) -> Register:
    """Return the register beside ``run_dir`` (``results/register.sqlite`` by default)."""
    return Register(run_dir.resolve().parent / REGISTER_FILE)
