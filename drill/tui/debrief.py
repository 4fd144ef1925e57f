"""The debrief presenter (`drill debrief`): the drill stepped through on a projector.

At each moment of the timeline it shows the in-world time and what happened, the
heat curve up to then, every team's progress, and for one team at a time the
injects it had seen, its submissions with their scores, evidence and the experts'
remarks, and the branching injects each submission set off. Beside a what-if
(`--whatif NEW.db`) it draws both heat curves and lists the injects that changed.

Textual cannot make the font larger, so the screen reads at the back of a room by
space, weight and colour, and by big digits for the clock and the heat.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.segment import Segment
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.filter import LineFilter
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Digits, Static

from ..engine import events as ev
from ..engine.heat import HOT, PUBLIC_KINDS, value_at
from ..engine.timeline import Timeline
from ..engine.whatif import InjectChange, inject_changes
from ..i18n import Catalog
from ..report.bidi import CONTROLS
from ..whatif import MARKS, Run
from .format import DrillInfo, clock_text, short_clock
from .modals import ChooseScreen, Choice
from .widgets import BLOCKS, Clipped, KeyBar, LocalizedScreen, StatusBar, heat_style

SPEEDS = (60, 300, 900, 1800, 3600)   # in-world seconds per real second while playing
PLAY_TICK = 0.1
EVIDENCE_LINES = 3
WORDS_LINES = 3   # of a submission's own words, above its scores


class HeatChart(Widget):
    """The heat over the whole drill on a fixed 0..100 scale, drawn up to the present moment,
    several rows tall, with the level of 60 dotted across. The row under it marks the public
    statements and replies (▲) and the branching injects that fired (◆)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: list[tuple[float, float]] = [(0.0, 0.0)]
        self.now, self.end, self.model = 0.0, 1.0, None
        self.marks: list[tuple[float, str]] = []
        self.clock = lambda seconds: ""

    def show(self, history, now: float, end: float, model, marks: list[tuple[float, str]], clock) -> None:
        self.history, self.now, self.end, self.model, self.marks, self.clock = list(history), now, max(end, 1.0), model, marks, clock
        self.refresh()

    def render(self) -> Text:
        axis = 4
        width, height = max(4, self.size.width - axis), max(1, self.size.height - 2)
        hot_row = height - 1 - int(HOT / 100 * height)
        columns = []
        for c in range(width):
            at = self.end * (c + 1) / width
            columns.append(None if at > self.now + self.end / width else value_at(self.history, min(at, self.now), self.model))
        text = Text()
        for row in range(height):
            label = {0: "100", hot_row: f"{HOT:.0f}", height - 1: "0"}.get(row, "")
            text.append(f"{label:>3}┤" if label else "   │", style="dim")
            for value in columns:
                fill = -1.0 if value is None else value / 100 * height - (height - 1 - row)
                if fill >= 1:
                    text.append("█", style=heat_style(value))
                elif fill > 0:
                    text.append(BLOCKS[min(len(BLOCKS) - 1, int(fill * len(BLOCKS)))], style=heat_style(value))
                elif row == hot_row:
                    text.append("┈", style="red dim")
                else:
                    text.append(" ")
            text.append("\n")
        marks = [" "] * width
        styles = [""] * width
        for at, symbol in self.marks:
            if at <= self.now:
                c = max(0, min(width - 1, int(at / self.end * width)))
                if marks[c] != "◆":
                    marks[c], styles[c] = symbol, "bold magenta" if symbol == "◆" else "bold cyan"
        text.append(" " * axis)
        for mark, style in zip(marks, styles):
            text.append(mark, style=style)
        text.append("\n" + " " * axis)
        text.append(self._ticks(width), style="dim")
        return text

    def _ticks(self, width: int) -> str:
        """The time axis: in-world clock times at whole hours, as many as fit."""
        hours = next((h for h in (1, 2, 3, 4, 6, 12, 24, 48) if self.end / (h * 3600) * 7 <= width), 48)
        line = [" "] * width
        at = 0.0
        while at <= self.end:
            c = int(at / self.end * width)
            label = self.clock(at)
            if c + len(label) <= width and all(ch == " " for ch in line[max(0, c - 1):c + len(label)]):
                line[c:c + len(label)] = label
            at += hours * 3600
        return "".join(line)


class DebriefScreen(LocalizedScreen):
    # Priority: the scrolling panes would otherwise take the arrows, home and end for themselves.
    BINDINGS = [
        Binding("right,n", "step(1)", "key.debrief-next", priority=True),
        Binding("left,b", "step(-1)", "key.debrief-back", priority=True),
        Binding("space,p", "play", "key.debrief-play", priority=True),
        Binding("plus,equals_sign", "speed(1)", "key.debrief-faster"),
        Binding("minus", "speed(-1)", "key.debrief-slower"),
        Binding("tab", "team(1)", "key.debrief-team", priority=True),
        Binding("shift+tab", "team(-1)", "key.debrief-team", show=False, priority=True),
        Binding("t", "jump_task", "key.debrief-task"),
        Binding("i", "jump_inject", "key.debrief-inject"),
        Binding("home", "first", "key.debrief-first", show=False, priority=True),
        Binding("end", "last", "key.debrief-last", show=False, priority=True),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(self, played: Run, catalog: Catalog, whatif: Run | None = None, against: Widget | None = None) -> None:
        super().__init__(catalog, name="debrief", classes="debrief-screen")
        self.played, self.whatif, self.against = played, whatif, against   # against: an earlier run's pane (tui/against.py)
        scenario = played.timeline.exercise.scenario
        self.scenario = scenario
        self.info = DrillInfo(scenario.title, scenario.summary, scenario.clock.start, float(scenario.clock.duration))
        self.names = {team.id: team.name for team in scenario.teams}
        self.tasks = {task.id: task for task in scenario.tasks}
        self.injects = {inject.id: inject for inject in scenario.injects}
        self.moment = 0
        self.now = 0.0
        self.speed = 2   # an index into SPEEDS
        self.playing = False
        self.team = scenario.teams[0].id
        self._follow = True   # the team shown follows the moment until the presenter picks one
        self._timer = None
        self.changes = () if whatif is None else inject_changes(played.timeline.final(), whatif.timeline.final())

    # ----- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="debrief-status")
        with Horizontal(id="debrief-top"):
            yield Digits("00:00", id="debrief-clock")
            yield Static(id="debrief-moment")
            yield Digits("0", id="debrief-heat")
        with Horizontal(id="debrief-curves"):
            with Vertical(classes="debrief-curve"):
                yield Static(classes="pane-title", id="curve-title")
                yield HeatChart(id="curve")
            if self.whatif is not None:
                with Vertical(classes="debrief-curve"):
                    yield Static(classes="pane-title", id="whatif-title")
                    yield HeatChart(id="whatif-curve")
        with Horizontal(id="debrief-body"):
            with Vertical(id="debrief-teams"):
                yield Static(self.t("debrief.teams"), classes="pane-title")
                with VerticalScroll(id="team-board-pane", classes="beside" if self.whatif is not None else ""):
                    yield Static(id="team-board")
                if self.whatif is not None:
                    yield Static(self.t("debrief.changed"), classes="pane-title")
                    with VerticalScroll(id="whatif-changes-pane"):
                        yield Static(id="whatif-changes")
                if self.against is not None:
                    yield self.against
            with Vertical(id="debrief-team"):
                yield Static(classes="pane-title", id="team-title")
                with VerticalScroll(id="team-detail-pane"):
                    yield Static(id="team-detail")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_live)

    # ----- keys -------------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        return self.played.timeline

    def go(self, moment: int) -> None:
        moments = self.timeline.moments
        if not moments:
            return
        self.moment = max(0, min(len(moments) - 1, moment))
        self.now = moments[self.moment].at
        self.refresh_live()

    def action_step(self, delta: int) -> None:
        self._stop()
        self.go(self.moment + delta)

    def action_first(self) -> None:
        self._stop()
        self.go(0)

    def action_last(self) -> None:
        self._stop()
        self.go(len(self.timeline.moments) - 1)

    def action_play(self) -> None:
        if self.playing:
            self._stop()
        else:
            if self.moment >= len(self.timeline.moments) - 1:
                self.go(0)
            self.playing = True
            self._timer = self.set_interval(PLAY_TICK, self._tick)
        self.refresh_live()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.playing = False

    def _tick(self) -> None:
        """Playing: in-world time runs at the chosen speed; each moment is shown as it comes."""
        end = self.timeline.end
        self.now = min(end, self.now + SPEEDS[self.speed] * PLAY_TICK)
        self.moment = self.timeline.moment_at(self.now)
        if self.now >= end:
            self._stop()
        self.refresh_live()

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + delta))
        self.refresh_live()

    def action_team(self, delta: int) -> None:
        ids = list(self.names)
        self.team = ids[(ids.index(self.team) + delta) % len(ids)]
        self._follow = False
        self.refresh_live()

    def action_jump_task(self) -> None:
        choices = [Choice(task.id, task.title) for task in self.scenario.tasks if self.timeline.first(ev.OPEN, task.id) is not None]
        self._stop()
        self.app.push_screen(ChooseScreen(self.t, self.t("debrief.jump-task"), choices, self.t("debrief.nothing")),
                             lambda key: key and self.go(self.timeline.first(ev.OPEN, key)))

    def action_jump_inject(self) -> None:
        fired = [m.event.data for m in self.timeline.moments if m.event.type == ev.INJECT]
        choices = [Choice(data["inject"], f"{short_clock(self.info, self._fired_at(data['inject']))}  {data['title']}") for data in fired]
        self._stop()
        self.app.push_screen(ChooseScreen(self.t, self.t("debrief.jump-inject"), choices, self.t("debrief.nothing")),
                             lambda key: key and self.go(self.timeline.first(ev.INJECT, key)))

    def _fired_at(self, inject: str) -> float:
        return self.timeline.moments[self.timeline.first(ev.INJECT, inject)].at

    # ----- drawing ----------------------------------------------------------------------

    def refresh_live(self) -> None:
        if not self.is_mounted:
            return
        t, timeline = self.t, self.timeline
        count = timeline.count_at(self.now) if self.playing else (timeline.moments[self.moment].index + 1 if timeline.moments else 0)
        state = timeline.state_until(count)
        moment = timeline.moments[self.moment] if timeline.moments else None
        concerned = self._concerned(moment) if moment is not None else None
        if concerned is not None and self._follow:
            self.team = concerned
        play = t("debrief.playing", speed=SPEEDS[self.speed]) if self.playing else t("debrief.paused", speed=SPEEDS[self.speed])
        self.query_one(StatusBar).show(
            Text(self.scenario.title, style="bold"),
            Text(t("debrief.step", n=self.moment + 1, total=len(timeline.moments))),
            Text(play, style="bold green" if self.playing else "bold"),
        )
        self.query_one("#debrief-clock", Digits).update(short_clock(self.info, self.now))
        heat = value_at(state.heat_history, self.now, self.scenario.heat)
        digits = self.query_one("#debrief-heat", Digits)
        digits.update(f"{heat:.0f}")
        digits.set_class(heat >= HOT, "hot")
        self.query_one("#debrief-moment", Static).update(self._moment_text(moment) if moment else "")
        self._curve("#curve", "#curve-title", self.played, state, t("debrief.curve") if self.whatif is None else t("debrief.curve-original"))
        if self.whatif is not None:
            other = self.whatif.timeline.state_until(self._whatif_count(count))
            self._curve("#whatif-curve", "#whatif-title", self.whatif, other, t("debrief.curve-whatif", change=self._change_text()))
            self.query_one("#whatif-changes", Static).update(self._changes_text())
        if self.against is not None:
            self.against.show(self.now)
        self.query_one("#team-board", Static).update(self._board(state, count))
        following = self._follow and concerned == self.team   # and it says why this team is on screen
        self.query_one("#team-title", Static).update(
            t("debrief.following" if following else "debrief.team", team=self.names[self.team]))
        self.query_one("#team-detail", Static).update(self._team_detail(state, count))

    def _concerned(self, moment) -> str | None:
        """The one team a moment is about, if there is one: the team that submitted, was reviewed
        or noted; the team whose submission set off an inject, or the only one it reached; the
        only team that missed a deadline."""
        data = moment.event.data
        if data.get("team") in self.names:
            return data["team"]
        if moment.kind == ev.INJECT:
            cause = next((tr.cause for tr in self.timeline.triggered if tr.inject == data["inject"] and tr.cause.kind == ev.SUBMIT), None)
            if cause is not None and cause.team in self.names:
                return cause.team
            to = data.get("to") or ()
            return to[0] if len(to) == 1 and to[0] in self.names else None
        if moment.kind == "missed" and len(data["missed"]) == 1:
            return data["missed"][0]
        return None

    def _whatif_count(self, count: int) -> int:
        """How far into the what-if's log the present moment is: as many events at this instant
        as the original has shown so far (the two logs agree up to the change), so both curves
        stand at the same point of a busy instant."""
        other = self.whatif.timeline
        into_instant = count - self.timeline.count_at(self.now, inclusive=False)
        return min(other.count_at(self.now), other.count_at(self.now, inclusive=False) + into_instant)

    def _curve(self, chart: str, title: str, played: Run, state, label: str) -> None:
        marks = [(float(e.at), "▲") for e in played.timeline.events[: played.timeline.count_at(self.now)]
                 if e.type == ev.SUBMIT and self.tasks[e.data["task"]].kind in PUBLIC_KINDS]
        branching = {tr.inject for tr in played.timeline.triggered if tr.cause.kind == ev.SUBMIT}
        marks += [(at, "◆") for inject, at in state.fired.items() if inject in branching]
        heat = value_at(state.heat_history, self.now, self.scenario.heat)
        peak = max(value for _, value in state.heat_history)
        self.query_one(title, Static).update(self.t("debrief.curve-head", label=label, heat=f"{heat:.0f}", peak=f"{peak:.0f}"))
        self.query_one(chart, HeatChart).show(state.heat_history, self.now, float(self.scenario.clock.duration),
                                              self.scenario.heat, marks, lambda s: short_clock(self.info, s))

    def _moment_text(self, moment) -> Group:
        """What happened at this moment, in large, plain words."""
        t, data, kind = self.t, moment.event.data, moment.kind
        badge = Text(f" {self._kind(kind)} ", style=_KIND_STYLE.get(kind, "bold reverse"))
        head = Text.assemble(badge, "  ", (clock_text(self.info, moment.at, t), "bold"))
        lines = [head]
        if kind == ev.INJECT:
            inject = self.injects.get(data["inject"])
            sender = data.get("from") or (inject.from_ if inject else None)
            lines.append(Text(data["title"], style="bold"))
            who = t("debrief.to", teams=self._teams(data["to"]))
            channel = t(f"channel.{data['channel']}")
            lines.append(Text(" · ".join(part for part in (channel, sender, who) if part), style="dim"))
            set_off = next((tr for tr in self.timeline.triggered if tr.inject == data["inject"] and tr.cause.kind == ev.SUBMIT), None)
            if set_off is not None:
                lines.append(Text(t("debrief.set-off-by", team=self.names.get(set_off.cause.team, set_off.cause.team),
                                    task=self.tasks[set_off.cause.task].title), style="bold magenta"))
        elif kind == ev.SUBMIT:
            task = self.tasks[data["task"]]
            lines.append(Text(t("debrief.submitted", team=self.names[data["team"]], task=task.title), style="bold"))
            score = self._auto_score(data["team"], data["task"])
            late = t("debrief.late") if data.get("late") else t("debrief.on-time")
            shown = "—" if score is None else f"{score:.0f}"
            lines.append(Text.assemble((t("debrief.auto-score", score=shown), _score_style(score)), "  ", (late, "dim")))
        elif kind in (ev.DEADLINE, "missed"):
            task = self.tasks[data["task"]]
            lines.append(Text(t("debrief.due", task=task.title), style="bold"))
            if data.get("missed"):
                lines.append(Text(t("debrief.missed-by", teams=self._teams(data["missed"])), style="bold red"))
        elif kind == ev.OPEN:
            task = self.tasks[data["task"]]
            lines.append(Text(task.title, style="bold"))
            lines.append(Text(t("debrief.opened", teams=self._teams(data["teams"]), due=short_clock(self.info, data["due_at"])), style="dim"))
        elif kind == ev.END:
            lines.append(Text(t("debrief.ended"), style="bold"))
        else:
            lines.append(self._remark_text({"type": moment.event.type, **data}))
        return Group(*lines)

    def _auto_score(self, team: str, task: str) -> float | None:
        return next((e.data["score"] for e in self.timeline.events if e.type == ev.SCORED and (e.data["team"], e.data["task"]) == (team, task)), None)

    def _remark_text(self, remark: dict) -> Text:
        """A review, a note, or any other event a helper recorded (an observation), generically:
        who said it, about which team and task, and the words."""
        t = self.t
        who = remark.get("by") or remark.get("expert") or remark.get("author")
        about = []
        if "team" in remark:
            about.append(self.names.get(remark["team"], remark["team"]))
        if "task" in remark and remark["task"] in self.tasks:
            about.append(self.tasks[remark["task"]].title)
        if "criterion" in remark:
            about.append(remark["criterion"])
        words = remark.get("note") or remark.get("text") or ""
        text = Text.assemble((self._kind(remark["type"]), "bold yellow"), (f" · {who}" if who else "", "bold"), (f" · {' / '.join(about)}" if about else "", "dim"))
        if remark["type"] == ev.REVIEW and "score" in remark:
            text.append(" · " + t("debrief.review-score", score=f"{remark['score']:g}"), style="bold")
        if words:
            text.append("\n" + words)
        return text

    def _kind(self, kind: str) -> str:
        """A moment's kind in words; a kind this version does not know, as recorded."""
        return self.t(f"debrief.kind.{kind}") if kind in _KINDS else kind

    def _teams(self, ids) -> str:
        if len(ids) == len(self.names) > 1:
            return self.t("debrief.all-teams")
        return self.t("whatif.separator").join(self.names.get(team, team) for team in ids)

    def _board(self, state, count: int) -> Table:
        """One line per team: injects seen, submissions so far, and the total up to now."""
        t = self.t
        scores = {team.team: team for team in self.timeline.scores_until(count).teams}
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_row(Text(""), Text(t("debrief.seen"), style="dim"), Text(t("debrief.done"), style="dim"), Text(t("debrief.total"), style="dim"))
        for team in self.scenario.teams:
            owed = [w for (who, _), w in state.work.items() if who == team.id]
            done = sum(1 for w in owed if w.submitted_at is not None)
            submitted = [task for task in scores[team.id].tasks if task.submitted]
            total = _mean([task.score for task in submitted])
            style = "bold reverse" if team.id == self.team else "bold"
            table.add_row(Text(team.name, style=style), Text(str(len(state.inbox[team.id]))), Text(f"{done}/{len(owed)}"),
                          Text("—" if total is None else f"{total:.0f}", style=_score_style(total)))
        return table

    def _team_detail(self, state, count: int) -> Group:
        """The team's submissions so far (the start of its words, scores, evidence, remarks, what
        each set off) and the injects it had seen, newest first."""
        t, team = self.t, self.team
        parts: list = []
        scores = next(s for s in self.timeline.scores_until(count).teams if s.team == team)
        remarks = [r for r in self.timeline.remarks(count) if r.get("team") == team]
        submitted = sorted((task for task in scores.tasks if task.submitted), key=lambda task: task.submitted_at)
        parts.append(Text(t("debrief.submissions"), style="bold underline"))
        if not submitted:
            parts.append(Text(t("debrief.none-yet"), style="dim"))
        for task in reversed(submitted):
            score = task.score
            head = Text.assemble((short_clock(self.info, task.submitted_at), "bold"), "  ", (task.title, "bold"), "  ",
                                 ("—" if score is None else f"{score:.0f}", _score_style(score)), f" {task.rating or ''}")
            if task.late_by:
                head.append(f"  {t('debrief.late')}", style="red")
            parts.append(head)
            words = " ".join(state.work[(team, task.task)].draft.split())   # its lines run on: only the start is shown
            parts.append(Padding(Clipped(Text(words, style="italic"), WORDS_LINES), (0, 0, 0, 2)))
            parts.append(self._criteria(task))
            for remark in remarks:
                if remark.get("task") == task.task:
                    parts.append(Text.assemble("  ", self._remark_text(remark)))
            for triggered in self.timeline.set_off_by(team, task.task):
                if triggered.at <= self.now:
                    title = self.injects[triggered.inject].title
                    parts.append(Text(f"  → {t('debrief.set-off', title=title, at=short_clock(self.info, triggered.fire_at))}", style="bold magenta"))
            if self.whatif is not None and self.whatif.change and (self.whatif.change.team, self.whatif.change.task) == (team, task.task):
                parts.append(self._whatif_score(task.task))
        others = [r for r in remarks if r.get("task") not in self.tasks]
        for remark in others:
            parts.append(self._remark_text(remark))
        parts.append(Text(""))
        parts.append(Text(t("debrief.seen-injects", n=len(state.inbox[team])), style="bold underline"))
        for delivery in reversed(state.inbox[team][-8:]):
            parts.append(Text.assemble((short_clock(self.info, delivery.at), "bold"), "  ",
                                       (t(f"channel.{delivery.channel}"), "dim"), "  ", delivery.title))
        return Group(*parts)

    def _criteria(self, task) -> Table:
        """Each criterion's mark, title and evidence, the evidence wrapped in its own column and cut
        to a few lines (a `facts` check that misses every fact would otherwise fill the screen)."""
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=3, justify="right")
        table.add_column(ratio=2, overflow="fold")
        table.add_column(ratio=3, overflow="fold")
        for criterion in task.criteria:
            if criterion.pending:
                mark, style = "…", "dim"
            else:
                ratio = criterion.points / criterion.max if criterion.max else 0
                mark, style = ("✓", "green") if ratio >= 0.75 else ("✗", "red") if ratio < 0.5 else ("~", "yellow")
            evidence = criterion.auto_evidence if criterion.auto_evidence is not None else criterion.evidence
            table.add_row(Text(mark, style="bold " + style), Text(criterion.title, style="bold " + style), Clipped(Text(evidence), EVIDENCE_LINES))
        return table

    def _whatif_score(self, task: str) -> Text:
        other = self.whatif.timeline
        scores = other.scores_until(len(other.events))
        mine = next(s for s in scores.teams if s.team == self.team)
        score = next((x.score for x in mine.tasks if x.task == task), None)
        shown = "—" if score is None else f"{score:.0f}"
        return Text("  ⇢ " + self.t("debrief.whatif-score", score=shown), style="bold cyan")

    def _change_text(self) -> str:
        change = self.whatif.change
        if change is None:
            return ""
        kind = "dropped" if change.drop else "changed"
        return self.t(f"debrief.change.{kind}", team=self.names.get(change.team, change.team),
                      task=self.tasks[change.task].title if change.task in self.tasks else change.task)

    def _changes_text(self) -> Group:
        """Injects that fired differently in the what-if; those whose time has come in bold."""
        lines = [Clipped(self._change_line(change), 3) for change in self.changes]   # Chinese wraps anywhere
        return Group(*lines) if lines else Group(Text(self.t("whatif.no-injects"), style="dim"))

    def _change_line(self, change: InjectChange) -> Text:
        come = min(x for x in (change.before, change.after) if x is not None) <= self.now
        symbol = MARKS[change.kind]
        style = {"fired": "green", "unfired": "red", "moved": "yellow", "retargeted": "yellow"}[change.kind]
        at = lambda s: "—" if s is None else short_clock(self.info, s)  # noqa: E731
        text = Text(f"{symbol} ", style="bold " + style)
        text.append(change.title, style="bold" if come else "dim")
        text.append(f"  {at(change.before)} → {at(change.after)}", style="" if come else "dim")
        return text


_KINDS = (ev.INJECT, ev.SUBMIT, ev.DEADLINE, "missed", ev.OPEN, ev.REVIEW, ev.NOTE, ev.END)
_KIND_STYLE = {
    ev.INJECT: "bold reverse blue", ev.SUBMIT: "bold reverse green", "missed": "bold reverse red",
    ev.DEADLINE: "bold reverse", ev.OPEN: "bold reverse cyan", ev.REVIEW: "bold reverse yellow",
    ev.NOTE: "bold reverse yellow", ev.END: "bold reverse",
}


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "bold green" if score >= 80 else "bold yellow" if score >= 50 else "bold red"


class BidiIgnored(LineFilter):
    """The presenter's lines without bidi controls. A terminal (or the browser page's
    xterm) that obeyed an override in a team's text or a scenario's title would show the
    room words reversed; the report writes each control as `[U+202E]` (drill.report.bidi),
    but a terminal line must keep its width, and the controls take no cells, so here they
    are dropped: what is shown is what was written, in its order."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(_BIDI.sub("", segment.text), segment.style, segment.control) if _BIDI.search(segment.text) else segment
                for segment in segments]


_BIDI = re.compile("[" + "".join(CONTROLS) + "]")
_BIDI_IGNORED = BidiIgnored()


class DebriefApp(App):
    CSS_PATH = "drill.tcss"

    def get_line_filters(self) -> list[LineFilter]:
        return [*super().get_line_filters(), _BIDI_IGNORED]

    def __init__(self, played: Run, language: str | None = None, whatif: Run | None = None, against: tuple | None = None) -> None:
        super().__init__()
        scenario = played.timeline.exercise.scenario
        self.t = Catalog(language or scenario.language)
        self.played, self.whatif, self.against = played, whatif, against   # against: (this run, earlier run), drill.compare.Played
        self.title, self.sub_title = "drill", scenario.title

    def on_mount(self) -> None:
        from .against import AgainstPane

        pane = AgainstPane(*self.against, self.t) if self.against else None
        self.push_screen(DebriefScreen(self.played, self.t, self.whatif, pane))
