"""The session log: one SQLite file per session, append-only.

WAL mode keeps appends cheap while readers (a report, a resyncing client) read.
An append marked durable is committed with `synchronous=FULL`, so a
submission is on disk before the team is told it was received; draft saves
use NORMAL, which survives a killed process and costs no fsync.
Nothing outside this module speaks SQL.

Only one process records into a log at a time (see lock.py): the first append
claims the file, and a command that will record claims it when it opens it.
A write the disk cannot take (full, read-only, failing) raises NotStored with
nothing half-written: the event is not in the log, and the caller says so.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..engine.events import DRAFT, Event
from . import chain, drafts, lock

SCHEMA_VERSION = "2"   # 2: every event carries its hash (chain.py); 1: before, still read, "not chained"
READABLE = ("1", SCHEMA_VERSION)


class SessionFileError(Exception):
    """The file is not a drill session (or is from an unknown version), or cannot be used."""


class SessionInUse(SessionFileError):
    """Another process is recording into this session file."""


class NotStored(SessionFileError):
    """The session file could not take a write (disk full, read-only, I/O error);
    `reason` says which, in a few words. Nothing of the write was kept."""

    def __init__(self, path: Path, kind: str, reason: str):
        self.kind, self.reason = kind, reason   # kind: full, read-only or failed
        super().__init__(f"{path}: could not write to the session file: {reason}")


def _read_only(path: Path) -> bool:
    """Whether the session file, or the folder that must hold its journal, cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    return not os.access(path, os.W_OK) or not os.access(folder, os.W_OK) or _read_only_mount(folder)


def _read_only_mount(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: os.access above is what it knows
        return False
    try:
        return bool(statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError:
        return False


def read_only_message(path: Path) -> str:
    return (f"{path}: the session file is on a read-only disk or in a folder drill may not write to"
            " (drill keeps a journal beside it); copy it to a writable folder and open the copy")


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
        self._held: Path | None = None
        if create:
            self.hold()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            self.close()
            raise SessionFileError(read_only_message(self.path) if _read_only(self.path) else f"{self.path}: cannot open the session file ({error})") from None
        self._batch = False
        self._last: str | None = None   # the newest event's hash, within one transaction (see _chain_tip)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            if create:
                self._create()
            elif self.meta("schema") not in READABLE:
                raise SessionFileError(f"{self.path}: not a drill session file (or from a newer version of drill)")
            # Whether this file keeps a hash chain (chain.py): files of drill before it do not.
            self.chained = self.meta("schema") != "1"
        except sqlite3.DatabaseError as error:
            self.close()
            if _read_only(self.path):
                raise SessionFileError(read_only_message(self.path)) from None
            raise SessionFileError(f"{self.path}: not a drill session file ({error})") from None
        except SessionFileError:
            self.close()
            raise

    def hold(self) -> None:
        """Claim the file for this process, so no other drill records into it meanwhile.
        Raises SessionInUse naming the holder, or SessionFileError on a read-only disk."""
        if self._held is not None:
            return
        if self.path.exists() and _read_only(self.path):
            # Someone else's file, or a read-only disk: refused now, before a server hands out
            # codes that could never record a draft (issue 22, finding 12).
            raise SessionFileError(read_only_message(self.path))
        try:
            self._held = lock.acquire(self.path)
        except lock.Busy as busy:
            raise SessionInUse(
                f"{self.path}: this session is already open in another drill ({busy.holder});"
                " stop that one first, or give another --session file") from None
        except OSError as error:
            if _read_only(self.path) or error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise SessionFileError(read_only_message(self.path)) from None
            raise SessionFileError(f"{self.path}: cannot claim the session file: {error.strerror or error}") from None

    def _create(self) -> None:
        with self._transaction():
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute(
                "CREATE TABLE events (seq INTEGER PRIMARY KEY, at REAL NOT NULL, type TEXT NOT NULL,"
                " data TEXT NOT NULL, wall TEXT NOT NULL, hash TEXT)"
            )
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._batch:
            yield
            return
        self.hold()
        self._last = None   # another connection (this process may open its session twice) may have appended since
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back already (a full disk)
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as error:
            raise NotStored(self.path, *_why(self.path, error)) from None

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

    @contextmanager
    def together(self) -> Iterator[None]:
        """Several appends as one durable transaction (synchronous=FULL): all of them are on
        disk when this returns, or none is (a submission and its score, say)."""
        if self._batch:
            yield
            return
        self._db.execute("PRAGMA synchronous=FULL")
        try:
            with self.batch():
                yield
        finally:
            self._db.execute("PRAGMA synchronous=NORMAL")

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
                if event.type == DRAFT:  # the latest per team and task only, not chained: see drafts.py
                    drafts.keep(self._db, event, wall)
                else:
                    data = event.data_json()
                    if self.chained:
                        digest = chain.link(self._chain_tip(), event.seq, event.at, event.type, data, wall)
                        self._db.execute("INSERT INTO events (seq, at, type, data, wall, hash) VALUES (?, ?, ?, ?, ?, ?)",
                                         (event.seq, event.at, event.type, data, wall, digest))
                        self._last = digest
                    else:
                        self._db.execute("INSERT INTO events (seq, at, type, data, wall) VALUES (?, ?, ?, ?, ?)",
                                         (event.seq, event.at, event.type, data, wall))
        finally:
            if durable and not self._batch:
                self._db.execute("PRAGMA synchronous=NORMAL")

    def _chain_tip(self) -> str:
        """The hash the next event links to, read inside the appending transaction and kept for
        the rest of it (a batch appends thousands); the first event links to the genesis
        digest of the recorded scenario and rubrics, which is kept beside it."""
        if self._last is None:
            row = self._db.execute("SELECT hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            if row is None:
                self._last = chain.genesis({key: self.meta(key) for key in chain.SEALED})
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('chain_genesis', ?)", (self._last,))
            else:
                self._last = row[0]
        return self._last

    def verify(self) -> chain.Verdict:
        """Check the hash chain from the first event to the last (chain.py says what it proves)."""
        count = self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        if not self.chained:
            return chain.Verdict(False, count)
        rows = self._db.execute("SELECT seq, at, type, data, wall, hash FROM events ORDER BY seq")
        verdict = chain.check(rows, chain.genesis({key: self.meta(key) for key in chain.SEALED}), self.meta("chain_genesis"))
        return replace(verdict, events=count)

    def final_digest(self) -> str | None:
        """The newest event's hash, as stored (None when not chained or empty): what reports print."""
        if not self.chained:
            return None
        row = self._db.execute("SELECT hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def snapshot(self, path: Path) -> None:
        """A consistent copy of the whole session in one file (the WAL folded in), for a bundle."""
        target = sqlite3.connect(path)
        try:
            self._db.backup(target)
        finally:
            target.close()

    def events(self, after: int = 0, *, with_drafts: bool = True) -> list[Event]:
        """The session's events in order, with each team's latest draft of each task among them
        (`with_drafts`: an expert's catch-up has no use for drafts, and skips reading them)."""
        rows = self._db.execute("SELECT seq, at, type, data FROM events WHERE seq > ? ORDER BY seq", (after,))
        events = [Event(kind, at if not float(at).is_integer() else int(at), json.loads(data), seq) for seq, at, kind, data in rows]
        return drafts.merged(events, drafts.latest(self._db, after)) if with_drafts else events

    def first_wall_time(self) -> str | None:
        row = self._db.execute("SELECT wall FROM events ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else None

    def close(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        if self._held is not None:
            lock.release(self._held)
            self._held = None


def _why(path: Path, error: sqlite3.OperationalError) -> tuple[str, str]:
    """A failed write as a kind and a few words a facilitator can act on."""
    text = str(error)
    if "full" in text:
        return "full", "the disk is full"
    if "readonly" in text or "read-only" in text or _read_only(path):
        return "read-only", "the disk or folder is read-only"
    return "failed", text
