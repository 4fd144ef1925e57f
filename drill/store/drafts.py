"""Drafts in a session file: the latest text per team and task, in a table of their own.

A team's screen saves its draft every few seconds, whole; kept as events, a long drill
grew the file by the whole text on every save (1,000 saves of 800 KB: 804 MB), and a
restart or an expert's join read all of it back. Only the latest draft of each task
matters (a draft is not a result: the submission is, and it is an event), so a draft
replaces the one before it, and the file holds at most one per team and task: each
seat's share of the file is bounded by its tasks times the longest draft a request
may carry. The table is made on the first draft, so session files from before it
open as they are, their draft events read like any other.

Each row keeps the event's number, time and data, so a session folds it in order
with the events (`merged`). Used by log.py only: nothing else speaks SQL.
"""

from __future__ import annotations

import json
import sqlite3

from ..engine.events import DRAFT, Event

_CREATE = ("CREATE TABLE IF NOT EXISTS drafts (team TEXT NOT NULL, task TEXT NOT NULL, seq INTEGER NOT NULL,"
           " at REAL NOT NULL, data TEXT NOT NULL, wall TEXT NOT NULL, PRIMARY KEY (team, task))")


def keep(db: sqlite3.Connection, event: Event, wall: str) -> None:
    """Store a draft event as its team's latest for the task (inside the caller's transaction)."""
    db.execute(_CREATE)
    db.execute("INSERT OR REPLACE INTO drafts (team, task, seq, at, data, wall) VALUES (?, ?, ?, ?, ?, ?)",
               (event.data["team"], event.data["task"], event.seq, event.at, event.data_json(), wall))


def latest(db: sqlite3.Connection, after: int = 0) -> list[Event]:
    """The latest draft of each team and task numbered after `after`, oldest first."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'").fetchone() is None:
        return []
    rows = db.execute("SELECT seq, at, data FROM drafts WHERE seq > ? ORDER BY seq", (after,))
    return [Event(DRAFT, at if not float(at).is_integer() else int(at), json.loads(data), seq) for seq, at, data in rows]


def merged(events: list[Event], drafts: list[Event]) -> list[Event]:
    """Events and drafts as one run in the order they happened (their numbers)."""
    if not drafts:
        return events
    return sorted(events + drafts, key=lambda event: event.seq)
