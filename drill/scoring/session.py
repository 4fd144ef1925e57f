"""Scores of a recorded session: the bridge from the engine's state to the pure scorer."""

from __future__ import annotations

from typing import Any

from .results import Scores
from .scorer import ExpertReview, Submission, score_exercise


def score_session(session: Any, language: str | None = None, *, with_reviews: bool = True) -> Scores:
    """Score what a session recorded: every submission, the latest expert word on each
    criterion, and the due time of every task that opened. Works on a live session or
    one replayed from its file, and always uses the rubrics the session recorded.
    The evidence is in `language` (a BCP 47 tag), by default the scenario's. Without
    the reviews, the scores are the automatic ones the experts started from. A task whose due
    time the session has not reached reads "not due yet" instead of 0 (so does every task of
    a session that never started)."""
    state = session.state
    submissions = [
        Submission(w.team, w.task, w.submitted_at, w.draft, dict(w.fields))
        for w in state.work.values()
        if w.submitted_at is not None
    ]
    reviews = [
        ExpertReview(r["team"], r["task"], r["criterion"], r["score"], r.get("note", ""), r.get("action"), r.get("owner"), r["at"], r.get("by"))
        for r in state.reviews
    ] if with_reviews else []
    due = {key: w.due_at for key, w in state.work.items()}
    # A drill that has ended owes everything it opened; one still running owes only what fell due.
    now = None if state.ended else state.now
    return score_exercise(session.exercise, submissions, reviews, due, language, now=now, fired=dict(state.fired))
