"""`drill whatif`: a recorded session replayed into a new file with one submission changed,
and what changed, in words.

The replay itself is the engine's (drill.engine.whatif); this module joins it to the
session files and says the outcome in the catalog's language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .engine.whatif import Change, InjectChange, Outcome, Replay, replay
from .engine import Clock
from .engine.timeline import Timeline
from .i18n import Catalog
from .simulate import or_removed
from .sessions import create, recorded_exercise, save_checkpoint
from .store import EventLog

META, META_SOURCE = "whatif", "whatif_of"
# How a changed inject is marked in a list: now fires, no longer fires, fires otherwise.
MARKS = {"fired": "+", "unfired": "−", "moved": "~", "retargeted": "~"}


def run_whatif(source: Path, change: Change, path: Path) -> Replay:
    """Replay the session at `source` into a new session file at `path`, with `change` made.

    The source is only read. The new file records the same scenario and rubrics, is
    stamped with the source's real start time (so the same what-if always writes the
    same bytes), and remembers the change (meta `whatif`). Raises `Refused` when the
    change cannot be made; then no file is left at `path`."""
    log = EventLog(source)
    try:
        exercise = recorded_exercise(log)
        events, checkpoint, wall = log.events(), log.meta("checkpoint"), log.first_wall_time()
    finally:
        log.close()
    session = create(exercise, path, Clock.headless(exercise.scenario.clock.speed), wall=wall)
    with or_removed(session, path):
        with session.sink.batch():
            result = replay(session, events, change, float(checkpoint) if checkpoint else None)
        session.sink.set_meta(META, change.to_json())
        session.sink.set_meta(META_SOURCE, str(source))
        if not session.state.ended:
            save_checkpoint(session)
    session.sink.close()
    return result


@dataclass(frozen=True)
class Run:
    """One recorded run of a drill, to look back on: its timeline, and for a what-if what it changed."""

    timeline: Timeline
    change: Change | None = None


def read_run(path: Path) -> Run:
    """A session file's run, read once; the file stays as it was."""
    log = EventLog(path)
    try:
        return Run(Timeline(recorded_exercise(log), log.events()), recorded_change(log))
    finally:
        log.close()


def recorded_change(log: EventLog) -> Change | None:
    """The change a what-if session file was made with; None for a session as it was played."""
    text = log.meta(META)
    return Change.from_json(text) if text else None


def summary(outcome: Outcome, replay: Replay, t: Catalog) -> str:
    """What a what-if changed, as `drill whatif` prints it."""
    scenario = replay.session.scenario
    team = scenario.team(outcome.team).name
    task = next(x.title for x in scenario.tasks if x.id == outcome.task)

    def at(seconds: float | None) -> str:
        return "—" if seconds is None else (scenario.clock.start + timedelta(seconds=int(seconds))).strftime("%H:%M")

    lines = [t(f"whatif.head.{replay.kind}", team=team, task=task, at=at(replay.at))]
    rows = outcome_rows(outcome, scenario, t, span)
    width = max(display_width(label) for label, _, _ in rows) + 2
    lines.append(" " * width + pad(t("whatif.before"), 8, right=True) + "    " + t("whatif.after"))
    for label, before, after in rows:
        mark = " " if before == after else "*"
        lines.append(f"{mark} {pad(label, width - 2)}{before:>8}  → {after}")
    lines.append(t("whatif.injects") if outcome.injects else t("whatif.no-injects"))
    names = {team.id: team.name for team in scenario.teams}
    for change in outcome.injects:
        lines.append(f"  {MARKS[change.kind]} " + inject_line(change, at, names, t))
    if replay.reviews_left_out:
        lines.append(t("whatif.reviews-left-out", n=replay.reviews_left_out))
    for skipped in replay.skipped:
        lines.append(t("whatif.skipped", at=at(skipped.event.at), type=skipped.event.type, why=skipped.refusal.text(t)))
    return "\n".join(lines)


def outcome_rows(outcome: Outcome, scenario, t: Catalog, duration) -> list[tuple[str, str, str]]:
    """(what, as it was, what if) for the task's score, the team's total and the heat curves;
    `duration` spells the time spent at 60 or above."""
    team = scenario.team(outcome.team).name
    task = next(x.title for x in scenario.tasks if x.id == outcome.task)
    rows = [
        (t("whatif.score", task=task), number(outcome.score[0]), number(outcome.score[1])),
        (t("whatif.auto", task=task), number(outcome.auto[0]), number(outcome.auto[1])),
        (t("whatif.total", team=team), number(outcome.total[0]), number(outcome.total[1])),
    ]
    heats = [(t("whatif.heat-public"), outcome.heat)]
    if outcome.team_heat is not None:
        heats.append((t("whatif.heat-team", team=team), outcome.team_heat))
    for label, (a, b) in heats:
        rows += [
            (f"{label}{t('whatif.colon')}{t('whatif.peak')}", number(a.peak, 0), number(b.peak, 0)),
            (f"{label}{t('whatif.colon')}{t('whatif.above')}", duration(a.above), duration(b.above)),
            (f"{label}{t('whatif.colon')}{t('whatif.final')}", number(a.final, 0), number(b.final, 0)),
        ]
    return rows


def inject_line(change: InjectChange, at, names: dict[str, str], t: Catalog) -> str:
    """"title: fires at 15:00", "title: no longer fires (fired at 14:30)", "title: fires at 15:40 instead of 14:30"."""
    def teams(ids) -> str:
        return t("whatif.separator").join(names.get(team, team) for team in ids)

    return t(f"whatif.inject.{change.kind}", title=change.title, before=at(change.before), after=at(change.after),
             to_before=teams(change.to_before), to_after=teams(change.to_after))


def number(value: float | None, places: int = 1) -> str:
    """A score or heat as printed; a dash when there is none (a pending score)."""
    if value is None:
        return "—"
    return f"{value:.{places}f}"


def span(seconds: float) -> str:
    """In-world time as h:mm."""
    minutes = int(round(seconds / 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal cells (a Chinese character takes two), on the left when `right`."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
