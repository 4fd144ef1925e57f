"""The session store: SQLite session logs. Nothing else in drill speaks SQL.

It knows stored events only; opening a log as a live session is drill.sessions'."""

from .log import EventLog, NotStored, SessionFileError, SessionInUse
from .places import default_path

__all__ = ["EventLog", "NotStored", "SessionFileError", "SessionInUse", "default_path"]
