"""The review screen: each submission beside its rubric, automatic scores with their
evidence, and an expert's levels, overrides and notes, recorded in the session log.

It is written against a `ReviewClient` (drill.client): the facilitator's screen and
`drill review` work on the session in this process, an invited expert's (`drill
join --expert`) on a replica fed by the server. Several experts may level one
criterion; each sees every expert's word and changes only its own."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..client import ReviewClient
from ..engine import Refused
from ..formats.rubric import Rubric
from ..i18n import Catalog
from ..scoring import Scores, score_session
from ..scoring.results import CriterionScore, TaskScore, TeamScore
from ..scoring.wording import band_label
from ..store import NotStored
from .draft import DraftArea
from .format import DrillInfo, clock_text, short_clock
from .modals import ScoreEntry, ScoreScreen
from .notices import NoticeBar
from .observe import ObservationScreen, PlanScreen
from .widgets import KeyBar, LocalizedScreen, StatusBar, Wrapped, on_refused_async, refusal_text, while_shown


MAX_NOTICES = 3  # new submissions announced one by one; more at once get one notice


def score_number(typed: str) -> float:
    """The number an expert typed, also as a Chinese input method writes it while on for the
    note (full-width digits ０．２, the ideographic full stop 0。2) and with the decimal comma
    of Vietnamese (0,2). ValueError if none."""
    return float(unicodedata.normalize("NFKC", typed).replace("。", ".").replace(",", ".").strip())


def points_text(criterion: CriterionScore, t: Catalog) -> str:
    """2.5/3, or 2,5/3 in a language that writes a decimal comma."""
    mark = t("format.decimal-mark")
    if criterion.points is None:
        return f"–/{criterion.max:g}".replace(".", mark)
    return f"{round(criterion.points, 2):g}/{criterion.max:g}".replace(".", mark)


def score_text(task: TaskScore, rubric: Rubric, t: Catalog) -> str:
    """The score with its rating and the rating's words from the rubric's scale: "61.1 M 完成但存在重大不足",
    with the language's decimal mark."""
    if task.score is None:
        return "–"
    score = f"{task.score:.1f}".replace(".", t("format.decimal-mark"))
    band = next((b for b in rubric.bands if b.id == task.rating), None)
    if band is None:
        return f"{score} {task.rating}"
    return f"{score} {band.id} {band_label(band, rubric.bands, t)}"


def judged_by(criterion: CriterionScore, t: Catalog) -> str:
    """Who scores it: a manual criterion is an expert's even before one has scored it."""
    expert = criterion.source == "expert" or criterion.kind == "manual"
    return t("review.source-expert") if expert else t("review.source-auto")


def rating_key(rubric: Rubric, t: Catalog) -> str:
    """What the rating letters mean, with the score each starts at: "P ≥85 完成，无挑战 · … · U 无法完成"."""
    bands = rubric.bands
    return t("review.rating-key", bands=" · ".join(
        f"{band.id} {'≥' + t.number(band.min) + ' ' if band.min else ''}{band_label(band, bands, t)}" for band in bands))


def to_review(task: TaskScore, by: str | None) -> bool:
    """Handed in and still waiting for this reviewer's word: a manual criterion this reviewer
    has not scored (or, in a rubric without one, no word from this reviewer at all)."""
    if not task.submitted:
        return False
    manual = [c for c in task.criteria if c.kind == "manual"]
    if manual:
        return any(all(word.by != by for word in c.reviews) for c in manual)
    return all(word.by != by for c in task.criteria for word in c.reviews)


class ReviewScreen(LocalizedScreen):
    AUTO_FOCUS = "#submissions"
    BINDINGS = [
        Binding("s", "score", "key.score"),
        Binding("t", "to_review", "key.to-review"),
        Binding("o", "observe", "key.observe"),
        Binding("i", "plan", "key.plan"),
        Binding("f5", "focus_list", "key.submissions", priority=True),
        Binding("f6", "focus_answer", "key.answer", priority=True),
        Binding("f7", "focus_rubric", "key.rubric", priority=True),
    ]

    def __init__(self, client: ReviewClient, catalog: Catalog, info: DrillInfo) -> None:
        super().__init__(catalog, name="review", classes="review-screen")
        self.client = client
        self.info = info
        self.scores: Scores = score_session(client)
        self.selected: tuple[str, str] | None = None
        self._seq = -1
        self._seen: set[tuple[str, str]] | None = None  # submissions already on the list
        self.only_to_review = False   # the list: everything, or what waits for this reviewer (t)

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar(id="status")
        with Horizontal(id="review"):
            with Vertical(id="review-list"):
                yield Label(t("review.submissions"), classes="pane-title", id="submissions-title")
                yield OptionList(id="submissions")
            with Vertical(id="review-main"):
                yield Static(id="review-head")
                with Horizontal(id="review-body"):
                    with Vertical(id="answer-pane"):
                        yield Label(t("review.answer"), classes="pane-title")
                        yield DraftArea("", read_only=True, soft_wrap=True, id="answer")
                    with Vertical(id="rubric-pane"):
                        yield Label(t("review.rubric"), classes="pane-title", id="rubric-title")
                        yield DataTable(id="criteria", cursor_type="row", zebra_stripes=True)
                        with VerticalScroll(id="evidence-pane"):
                            yield Static(id="evidence")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.refresh_live()

    def on_screen_resume(self) -> None:
        self.refresh_live()

    @while_shown
    def refresh_live(self) -> None:
        """Rescore when the session changed (a submission or a review came in)."""
        if not self.is_mounted:
            return
        self._show_status()
        if self.client.state.seq == self._seq:
            return
        self._seq = self.client.state.seq
        self.scores = score_session(self.client)
        self._announce_new()
        self._fill_list()
        self._show_selected()

    def _announce_new(self) -> None:
        """A notice for each submission that came in since the list was last drawn."""
        submitted = {(team.team, task.task): (team.name, task.title) for team in self.scores.teams for task in team.tasks if task.submitted}
        new = sorted(submitted.keys() - self._seen) if self._seen is not None else []
        if len(new) > MAX_NOTICES:  # back on the screen after a while: one notice, not a flood
            self.notify(self.t("review.new-submissions", n=len(new)), timeout=6)
        else:
            for key in new:
                self.notify(self.t("review.new-submission", team=submitted[key][0], task=submitted[key][1]), timeout=6)
        self._seen = set(submitted)

    def _show_status(self) -> None:
        t, state = self.t, self.client.state
        left = Text(t("review.title") + (f" · {self.client.by}" if self.client.by else ""), style="bold")
        middle = Text(self.info.title)
        right = Text(clock_text(self.info, self.client.now(), t) + ("  " + t("clock.ended") if state.ended else ""))
        self.query_one(StatusBar).show(left, middle, right, yielding="middle")

    # ----- the list of submissions -----------------------------------------------------------

    def _entry(self, team: TeamScore, task: TaskScore) -> Text | Table:
        t = self.t
        if not task.submitted:   # one dim line, cut to the list's width: nothing to read or score yet
            line = Table.grid(expand=True)
            line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            line.add_row(Text(f"{t('review.not-submitted')} · {team.name} · {task.title}", style="dim"))
            return line
        text = Text()
        text.append(team.name, style="bold")
        text.append("\n  " + task.title)
        text.append("\n  ")
        if task.submitted:
            pending = sum(1 for c in task.criteria if c.pending)
            text.append(score_text(task, self._rubric(task), t), style="green" if task.score is not None else "")
            if pending:
                text.append("  " + t("review.pending", n=pending), style="yellow")
        else:
            text.append(t("review.not-submitted"), style="dim")
        return text

    def _fill_list(self) -> None:
        options = self.query_one("#submissions", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        entries = [Option(self._entry(team, task), id=f"{team.team}/{task.task}")
                   for team in self.scores.teams for task in team.tasks
                   if not self.only_to_review or to_review(task, self.client.by)]
        options.set_options(entries or [Option(Text(self.t("review.none-to-review"), style="dim"), disabled=True)]
                            if self.only_to_review else entries)
        title = self.t("review.to-review", n=len(entries)) if self.only_to_review else self.t("review.submissions")
        self.query_one("#submissions-title", Label).update(title)
        if keep is not None:
            try:
                options.highlighted = options.get_option_index(keep)
            except Exception:  # noqa: BLE001 - gone (or filtered out)
                options.highlighted = 0 if entries else None
        elif entries:
            options.highlighted = 0
        if self.selected is None and entries:
            self.selected = tuple(entries[0].id.split("/", 1))

    @on(OptionList.OptionHighlighted, "#submissions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            selected = tuple(event.option.id.split("/", 1))
            if selected != self.selected:
                self.selected = selected
                self._show_selected(new=True)

    @on(OptionList.OptionSelected, "#submissions")
    def _selected(self) -> None:
        self.query_one("#criteria").focus()

    # ----- one submission ----------------------------------------------------------------

    def _current(self) -> tuple[TeamScore, TaskScore] | None:
        if self.selected is None:
            return None
        team_id, task_id = self.selected
        for team in self.scores.teams:
            if team.team == team_id:
                for task in team.tasks:
                    if task.task == task_id:
                        return team, task
        return None

    def _show_selected(self, new: bool = False) -> None:
        t = self.t
        found = self._current()
        head = self.query_one("#review-head", Static)
        table = self.query_one("#criteria", DataTable)
        answer = self.query_one("#answer", TextArea)
        if found is None:
            head.update(Wrapped(t("review.nothing")))
            table.clear(columns=True)
            answer.load_text("")
            return
        team, task = found
        work = self.client.state.work.get((team.team, task.task))
        line = Text()
        line.append(f"{team.name} · {task.title}\n", style="bold")
        if task.submitted:
            late = task.late_by or 0
            key = "review.submitted-late" if late > 0 else "review.submitted"
            line.append(t(key, time=short_clock(self.info, task.submitted_at), due=short_clock(self.info, task.due_at)))
        else:
            line.append(t("review.not-submitted"), style="dim")
        awaited = self._awaited(task)
        if not awaited:
            line.append("  ·  " + t("review.score", score=score_text(task, self._rubric(task), t)), style="bold green" if task.score is not None else "")
            if task.capped_by:  # a gate holds the score: say so before anything else is read
                line.append(f"\n{task.capped_by}", style="bold red")
        else:
            line.append("  ·  " + t("review.due", due=short_clock(self.info, task.due_at)), style="dim")
        line.append("\n" + rating_key(self._rubric(task), t), style="dim")
        if work is not None and work.fields:
            definition = next(k for k in self.client.scenario.tasks if k.id == task.task)
            labels = {f.id: f.label for f in definition.fields}
            for field_id, value in work.fields.items():
                line.append(f"\n{labels.get(field_id, field_id)}: {value}")
        head.update(Wrapped(line))
        text = work.draft if (work is not None and work.submitted_at is not None) else ""
        if answer.text != text:
            answer.load_text(text)
        rubric = self.client.exercise.rubric_for(task.task)
        self.query_one("#rubric-title", Label).update(t("review.rubric-title", title=rubric.title))
        row = table.cursor_row if not new else 0
        table.clear(columns=True)
        table.add_column(t("review.points"), key="points")
        table.add_column(t("review.source"), key="source")
        table.add_column(t("review.criterion"), key="criterion")
        for criterion in task.criteria:
            source = judged_by(criterion, t)
            style = "yellow" if criterion.pending else "red" if criterion.red_flag else ""
            points = points_text(replace(criterion, points=None) if awaited else criterion, t)
            table.add_row(points, source, Text(criterion.title, style=style), key=criterion.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_evidence()

    def _criterion(self) -> CriterionScore | None:
        found = self._current()
        table = self.query_one("#criteria", DataTable)
        if found is None or not table.row_count:
            return None
        return found[1].criteria[min(table.cursor_row, len(found[1].criteria) - 1)]

    def _show_evidence(self) -> None:
        t = self.t
        criterion = self._criterion()
        evidence = self.query_one("#evidence", Static)
        if criterion is None:
            evidence.update("")
            return
        text = Text()
        text.append(criterion.title + "\n", style="bold")
        text.append(t("review.kind", kind=t(f"check.{criterion.kind}")) + "\n", style="dim")
        text.append(criterion.evidence + "\n")
        if criterion.auto_points is not None:
            text.append(t("review.auto-was", points=f"{criterion.auto_points:.2f}", evidence=criterion.auto_evidence or "") + "\n", style="dim")
        if criterion.kind == "manual" and criterion.auto_evidence and not criterion.pending:
            text.append(criterion.auto_evidence + "\n", style="dim")  # the hint the experts had
        if len(criterion.reviews) > 1 or (criterion.reviews and criterion.reviews[0].by):
            for word in criterion.reviews:  # every expert's own word; the points are their mean
                who = word.by or t("review.unnamed")
                line = t("review.expert-word", by=who, level=t.number(word.level, 2)) + (f" — {word.note}" if word.note else "")
                text.append(line + "\n", style="italic bold" if word.by == self.client.by else "italic")
        elif criterion.note and criterion.note != criterion.evidence:   # an override's evidence is its note already
            text.append(t("review.note", note=criterion.note) + "\n", style="italic")
        rubric_criterion = self._rubric_criterion(criterion.id)
        if rubric_criterion is not None and rubric_criterion.manual is not None:
            for level, description in sorted(rubric_criterion.manual.levels.items(), reverse=True):
                text.append(f"{level}: {description}\n", style="dim")
        text.rstrip()
        evidence.update(text)

    def _awaited(self, task: TaskScore) -> bool:
        """Open and not handed in yet: no score to speak of, since a row of 0/2 or a 0.0 U
        would read as a verdict on work the team is still writing."""
        return not task.submitted and self.client.now() < task.due_at and not self.client.state.ended

    def _rubric(self, task: TaskScore) -> Rubric:
        return self.client.exercise.rubric_for(task.task)

    def _rubric_criterion(self, criterion_id: str):
        found = self._current()
        if found is None:
            return None
        return self.client.exercise.rubric_for(found[1].task).criterion(criterion_id)

    @on(DataTable.RowHighlighted, "#criteria")
    def _row_highlighted(self) -> None:
        self._show_evidence()

    @on(DataTable.RowSelected, "#criteria")
    def _row_selected(self) -> None:
        self.action_score()

    # ----- scoring ------------------------------------------------------------------------------

    def action_score(self) -> None:
        t = self.t
        found, criterion = self._current(), self._criterion()
        if found is None or criterion is None:
            self.notify(t("review.choose"), severity="warning")
            return
        team, task = found
        rubric_criterion = self._rubric_criterion(criterion.id)
        levels = rubric_criterion.manual.levels if rubric_criterion.manual is not None else None
        # This reviewer's own word, never the panel's mean or another expert's; the automatic
        # fraction when nobody has overridden it yet.
        mine = next((word for word in criterion.reviews if word.by == self.client.by), None)
        if mine is not None:
            current = f"{mine.level:g}" if levels is not None else f"{mine.level:.2f}"
        elif criterion.points is None or criterion.reviews:
            current = ""
        else:
            current = f"{criterion.points / criterion.max:.2f}"
        details = Text()
        details.append(f"{team.name} · {task.title}\n", style="bold")
        details.append(f"{points_text(criterion, t)}  {criterion.evidence}")

        async def record(entry: ScoreEntry) -> str | None:
            """Keep the score in the session log (here, or on the server for an invited
            expert); the reason it was refused, if it was, said inside the dialog."""
            try:
                value = score_number(entry.score)
            except ValueError:
                return t("score.number")
            try:
                await self.client.review(team.team, task.task, criterion.id, value, entry.note,
                                         entry.action or None, entry.owner or None)
            except (Refused, NotStored) as error:
                return refusal_text(error, t)
            return None

        def scored(entry: ScoreEntry | None) -> None:
            if entry is not None:
                self.notify(t("notice.scored", criterion=criterion.title), timeout=3)
            self.refresh_live()

        screen = ScoreScreen(t, t("score.title", criterion=criterion.title), details, levels, current,
                             mine.note if mine is not None else "", criterion.action or "", criterion.owner or "", record=record)
        self.app.push_screen(screen, scored)

    def action_observe(self) -> None:
        """A timestamped observation about the team (and task) on screen."""
        found = self._current()
        if found is None:
            self.notify(self.t("review.choose-submission"), severity="warning")
            return
        team, task = found

        async def written(entry) -> None:
            if entry is not None and await on_refused_async(
                    self, lambda: self.client.observe(team.team, entry.kind, entry.text, task=task.task, inject=entry.inject)):
                self.notify(self.t("notice.observed", team=team.name), timeout=3)

        received = [(d.inject, d.title) for d in reversed(self.client.state.inbox.get(team.team, []))]
        self.app.push_screen(ObservationScreen(self.t, f"{team.name} · {task.title}", received), written)

    def action_plan(self) -> None:
        """A row of the team's improvement plan, its area for improvement taken from the criterion on screen."""
        found, criterion = self._current(), self._criterion()
        if found is None:
            self.notify(self.t("review.choose-submission"), severity="warning")
            return
        team, task = found
        issue = "" if criterion is None else criterion.title + (f": {criterion.note}" if criterion.note else "")

        async def written(columns: dict[str, str] | None) -> None:
            if columns is not None and await on_refused_async(self, lambda: self.client.plan(team.team, task.task, columns)):
                self.notify(self.t("notice.planned", team=team.name), timeout=3)

        self.app.push_screen(PlanScreen(self.t, f"{team.name} · {task.title}", task.title, issue), written)

    def action_to_review(self) -> None:
        """Only what waits for this reviewer's word, or everything again."""
        self.only_to_review = not self.only_to_review
        self._fill_list()
        highlighted = self.query_one("#submissions", OptionList).highlighted_option
        if highlighted is not None and highlighted.id:
            self.selected = tuple(highlighted.id.split("/", 1))
            self._show_selected(new=True)

    def action_focus_list(self) -> None:
        self.query_one("#submissions").focus()

    def action_focus_answer(self) -> None:
        self.query_one("#answer").focus()

    def action_focus_rubric(self) -> None:
        self.query_one("#criteria").focus()
