"""Session files as live sessions: create one for a drill, or open one to resume, review or report.

This is the layer that composes the engine and the store: the store keeps events
and knows nothing of how they fold into a session; the engine folds events and
knows nothing of files. A session file records the scenario's and rubrics' text
as they were when the drill ran, so it stays readable after the files change on disk.
"""

from __future__ import annotations

import json
from pathlib import Path

from .engine import Clock, Session
from .formats import Exercise, exercise_from_texts
from .store import EventLog, SessionFileError


def create(exercise: Exercise, path: Path, clock: Clock | None = None, wall: str | None = None) -> Session:
    """A new session file and a session recording into it; the clock stays paused.
    The file is held by this process from the start (see EventLog.hold); `wall` fixes
    the real time its events are stamped with (see EventLog)."""
    log = EventLog(path, create=True, wall=wall)
    log.set_meta("scenario", exercise.scenario_text)
    log.set_meta("rubrics", json.dumps(exercise.rubric_texts, ensure_ascii=False, sort_keys=True))
    log.set_meta("scenario_path", str(exercise.path))
    session = Session(exercise, log, clock)
    session.begin()
    return session


def open_session(path: Path, clock: Clock | None = None, *, hold: bool = False) -> Session:
    """Replay a session file into a live session, paused where it stopped.

    `hold` claims the file for this process at once, for a command that will record
    into it (run, serve, review): a second such command is refused before it starts
    rather than when it first writes. A report or a score only reads, and may run
    beside a live drill."""
    log = EventLog(path)
    if hold:
        log.hold()
    exercise = recorded_exercise(log)
    session = Session(exercise, log, clock)
    checkpoint = log.meta("checkpoint")
    session.replay(log.events(), float(checkpoint) if checkpoint else None)
    return session


def is_session_file(path: Path) -> bool:
    """A session file is SQLite; scenarios and other drill files are YAML text."""
    try:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def recorded_exercise(log: EventLog) -> Exercise:
    text, rubrics = log.meta("scenario"), log.meta("rubrics")
    if text is None or rubrics is None:
        raise SessionFileError(f"{log.path}: the session file has no recorded scenario")
    exercise = exercise_from_texts(text, json.loads(rubrics), name=f"{log.path}#scenario")
    exercise.path = log.meta("scenario_path") or ""
    return exercise


def save_checkpoint(session: Session) -> None:
    """Remember where the clock is, so a crashed live session resumes at that moment."""
    if isinstance(session.sink, EventLog):
        session.sink.set_meta("checkpoint", f"{session.now():.3f}")
