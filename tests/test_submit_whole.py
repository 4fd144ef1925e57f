"""A submission is recorded whole or not at all (issue 22 finding 10): the disk filling up
between the submission and its score leaves nothing of it in the log or the state, the
team is told, and its retry goes through with its score, heat and branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.formats import Loader
from drill.sessions import create, open_session
from drill.store import EventLog, NotStored

DATA = Path(__file__).parent / "data"


def failing_on(kind: str, monkeypatch) -> list[str]:
    """The disk fills up just when an event of `kind` is written; returns the kinds written."""
    written, real = [], EventLog.append

    def append(log, event, *, durable=False):
        if event.type == kind:
            raise NotStored(log.path, "full", "the disk is full")
        written.append(event.type)
        real(log, event, durable=durable)

    monkeypatch.setattr(EventLog, "append", append)
    return written


def test_a_disk_full_between_submission_and_score_records_neither(tmp_path, monkeypatch):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill")
    session.start()
    heard = []
    session.listeners.append(lambda event: heard.append(event.type))
    failing_on("scored", monkeypatch)
    with pytest.raises(NotStored):
        session.submit("press", "assess", "Major incident: sealed rice.", {"grade": "major"})
    monkeypatch.undo()
    assert session.state.work[("press", "assess")].submitted_at is None   # not in the state
    assert not [e for e in session.sink.events() if e.type in ("submit", "scored")]   # nor in the log
    assert "submit" not in heard   # no screen was told of it
    session.submit("press", "assess", "Major incident: sealed rice.", {"grade": "major"})   # the retry is not "already submitted"
    kinds = [e.type for e in session.sink.events()]
    assert kinds.count("submit") == 1 and kinds.count("scored") == 1
    session.sink.close()
    resumed = open_session(tmp_path / "s.drill")
    assert resumed.state.work[("press", "assess")].submitted_at is not None
    assert resumed.state.scores[("press", "assess")] is not None
