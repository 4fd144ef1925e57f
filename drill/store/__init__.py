"""The session store: SQLite session logs. Nothing else in drill speaks SQL."""

from .log import EventLog, SessionFileError
from .sessions import create, default_path, open_session, recorded_exercise, save_checkpoint

__all__ = ["EventLog", "SessionFileError", "create", "default_path", "open_session", "recorded_exercise", "save_checkpoint"]
