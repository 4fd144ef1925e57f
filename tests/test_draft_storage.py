"""Drafts are kept as the latest text per team and task (issue 22 finding 7, D8): a thousand
saves of a long draft do not grow the session file by a thousand texts, a resumed session
holds each latest draft, and a session file from before keeps its draft events readable."""

from __future__ import annotations

import json
from pathlib import Path

from drill.engine import events as ev
from drill.formats import Loader
from drill.sessions import create, open_session

DATA = Path(__file__).parent / "data"


def test_a_thousand_saves_of_a_long_draft_keep_one_text(tmp_path):
    path = tmp_path / "s.drill"
    session = create(Loader().load_exercise(DATA / "mini.yaml"), path)
    session.start()
    text = "研判：涉事大米已封存。" * 4_000   # 44,000 characters, about 130 KB as stored
    for n in range(1_000):
        session.save_draft("press", "assess", f"{n:04d} {text}", {"grade": "major"})
    session.save_draft("school", "assess", "school's own", {})
    session.sink.close()
    size = sum(f.stat().st_size for f in tmp_path.iterdir() if f.name.startswith("s.drill"))
    assert size < 20 * 1024 * 1024, size   # 1,000 texts would be 130 MB; the file's WAL may hold a few pages of each
    resumed = open_session(path)
    assert resumed.state.work[("press", "assess")].draft == f"0999 {text}"
    assert resumed.state.work[("press", "assess")].fields == {"grade": "major"}
    assert resumed.state.work[("school", "assess")].draft == "school's own"
    drafts = [e for e in resumed.sink.events() if e.type == ev.DRAFT]
    assert len(drafts) == 2   # the log reads back one draft per team and task
    assert not [e for e in resumed.sink.events(with_drafts=False) if e.type == ev.DRAFT]   # an expert's catch-up skips them
    seqs = [e.seq for e in resumed.sink.events()]
    assert seqs == sorted(seqs)


def test_a_session_file_from_before_keeps_its_draft_events(tmp_path):
    path = tmp_path / "old.drill"
    session = create(Loader().load_exercise(DATA / "mini.yaml"), path)
    session.start()
    session.save_draft("press", "assess", "kept as an event, the old way", {})
    # What a file written before the drafts table holds: the draft as an event, no drafts table.
    log = session.sink
    log._db.execute("INSERT INTO events (seq, at, type, data, wall) VALUES (?, ?, ?, ?, ?)",
                    (session.state.seq + 1, 1, ev.DRAFT, json.dumps({"team": "school", "task": "assess", "text": "old school draft", "fields": {}}), "2026-01-01T00:00:00"))
    log.close()
    resumed = open_session(path)
    assert resumed.state.work[("school", "assess")].draft == "old school draft"
    assert resumed.state.work[("press", "assess")].draft == "kept as an event, the old way"
    resumed.save_draft("press", "assess", "newer", {})   # and it takes new drafts on top
    assert resumed.state.seq == max(e.seq for e in resumed.sink.events())


def test_a_team_s_drafts_are_held_to_a_quota(tmp_path, monkeypatch):
    """Each seat's share of the session file is bounded: the team's drafts over its open tasks."""
    import pytest

    import drill.engine.session as session_module
    from drill.engine import Refused

    monkeypatch.setattr(session_module, "DRAFT_QUOTA", 1_000)
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "q.drill")
    session.start()
    session.save_draft("press", "assess", "a" * 900, {})
    session.save_draft("press", "assess", "b" * 1_000, {})   # replacing its own draft: within the quota
    session.jump_next()   # the statement opens
    with pytest.raises(Refused) as refused:
        session.save_draft("press", "statement", "c" * 10, {})
    assert refused.value.key == "draft-quota"
    session.save_draft("school", "assess", "d" * 1_000, {})   # another team's share is its own
    session.submit("press", "assess", "b" * 1_000, {})
    session.save_draft("press", "statement", "c" * 900, {})   # a submitted task's text no longer counts
