"""Headless runs: a whole drill played from scripted responses, as fast as it goes."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .engine import Clock, Refused, Session
from .formats import Exercise, Responses
from .sessions import create
from .store.lock import sidecar


class SimulationError(Exception):
    """A scripted response the drill refused; says which one and why."""


def simulate(exercise: Exercise, responses: Responses, path: Path) -> Session:
    """Play the drill from start to end with the scripted submissions, then the reviews.

    Real time stands still (the clock is moved by hand to each response), so the
    run is deterministic: the same inputs always write the same log.
    """
    clock = Clock.headless(exercise.scenario.clock.speed)
    session = create(exercise, path, clock)
    ordered = sorted(enumerate(responses.responses), key=lambda pair: (pair[1].at, pair[0]))
    with or_removed(session, path):
        _play(session, clock, ordered, responses)
    return session


@contextmanager
def or_removed(session: Session, path: Path) -> Iterator[None]:
    """A run that fails leaves no half-written session file behind, nor its lock sidecar."""
    try:
        yield
    except BaseException:
        session.sink.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), sidecar(path)):
            leftover.unlink(missing_ok=True)
        raise


def _play(session: Session, clock: Clock, ordered: list, responses: Responses) -> None:
    exercise = session.exercise
    with session.sink.batch():
        session.start()
        for number, response in ordered:
            clock.set(response.at)
            try:
                session.submit(response.team, response.task, response.text, response.fields)
            except Refused as refusal:
                raise SimulationError(f"response {number + 1} ({response.team}, {response.task}): {refusal}") from None
        clock.set(exercise.scenario.clock.duration)
        session.tick()
        for number, review in enumerate(responses.reviews):
            try:
                session.review(review.team, review.task, review.criterion, review.score, review.note, review.action, review.owner, review.by)
            except Refused as refusal:
                raise SimulationError(f"review {number + 1} ({review.team}, {review.task}, {review.criterion}): {refusal}") from None
