"""Session files: create one for a drill, or open one to resume, review or report.

A session file records the scenario's and rubrics' text as they were when the
drill ran, so it stays readable after the files change on disk.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path

from ..engine import Clock, Session
from ..formats import Exercise, exercise_from_texts
from .log import EventLog, SessionFileError

SUFFIX = ".drill"


def default_folder() -> Path:
    """Where sessions live unless the user names a path: the platform's user data folder."""
    return user_data_path("drill", appauthor=False) / "sessions"


def default_path(scenario_id: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return default_folder() / f"{scenario_id}-{stamp}{SUFFIX}"


def create(exercise: Exercise, path: Path, clock: Clock | None = None, wall: str | None = None) -> Session:
    """A new session file and a session recording into it; the clock stays paused.
    `wall` fixes the real time its events are stamped with (see EventLog)."""
    log = EventLog(path, create=True, wall=wall)
    log.set_meta("scenario", exercise.scenario_text)
    log.set_meta("rubrics", json.dumps(exercise.rubric_texts, ensure_ascii=False, sort_keys=True))
    log.set_meta("scenario_path", str(exercise.path))
    session = Session(exercise, log, clock)
    session.begin()
    return session


def open_session(path: Path, clock: Clock | None = None) -> Session:
    """Replay a session file into a live session, paused where it stopped."""
    log = EventLog(path)
    exercise = recorded_exercise(log)
    session = Session(exercise, log, clock)
    checkpoint = log.meta("checkpoint")
    session.replay(log.events(), float(checkpoint) if checkpoint else None)
    return session


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
