"""The session log: one SQLite file per session, append-only.

WAL mode keeps appends cheap while readers (a report, a resyncing client) read.
An append marked durable is committed with `synchronous=FULL`, so a
submission is on disk before the team is told it was received; draft saves
use NORMAL, which survives a killed process and costs no fsync.
Nothing outside this module speaks SQL.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..engine.events import Event

SCHEMA_VERSION = "1"


class SessionFileError(Exception):
    """The file is not a drill session (or is from an unknown version)."""


class EventLog:
    def __init__(self, path: str | Path, *, create: bool = False, wall: str | None = None):
        self.path = Path(path)
        # The real time each event is stamped with: now, unless fixed (a what-if replay is
        # stamped with the drill it replays, so the same replay writes the same bytes).
        self.wall = wall
        if create:
            if self.path.exists():
                raise SessionFileError(f"{self.path}: a session file already exists there; resume it or choose another path")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.is_file():
            raise SessionFileError(f"{self.path}: no such session file")
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._batch = False
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if create:
                self._create()
            elif self.meta("schema") != SCHEMA_VERSION:
                raise SessionFileError(f"{self.path}: not a drill session file (or from a newer version of drill)")
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise SessionFileError(f"{self.path}: not a drill session file ({error})") from None

    def _create(self) -> None:
        with self._transaction():
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute(
                "CREATE TABLE events (seq INTEGER PRIMARY KEY, at REAL NOT NULL, type TEXT NOT NULL,"
                " data TEXT NOT NULL, wall TEXT NOT NULL)"
            )
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._batch:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many appends in one transaction: for headless runs, where speed matters
        and the whole run can simply be repeated."""
        with self._transaction():
            self._batch = True
            try:
                yield
            finally:
                self._batch = False

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def append(self, event: Event, *, durable: bool = False) -> None:
        wall = self.wall or datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        if durable and not self._batch:
            self._db.execute("PRAGMA synchronous=FULL")
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT INTO events (seq, at, type, data, wall) VALUES (?, ?, ?, ?, ?)",
                    (event.seq, event.at, event.type, event.data_json(), wall),
                )
        finally:
            if durable and not self._batch:
                self._db.execute("PRAGMA synchronous=NORMAL")

    def events(self, after: int = 0) -> list[Event]:
        rows = self._db.execute("SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq", (after,))
        return [Event(kind, at if not float(at).is_integer() else int(at), json.loads(data), seq) for seq, at, kind, data in rows]

    def first_wall_time(self) -> str | None:
        row = self._db.execute("SELECT wall FROM events ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self._db.close()
