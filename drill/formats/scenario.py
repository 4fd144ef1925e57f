"""The scenario file, `format: drill/scenario@1`: teams, facts, timed injects and tasks."""

from __future__ import annotations

from functools import cached_property
from typing import Literal, get_args

from pydantic import AwareDatetime, Field, model_validator

from .duration import Duration
from .model import Model, Slug, exactly_one

FORMAT = "drill/scenario@1"
# Sizes a text may have, in characters, so that whatever a team is sent fits in a network
# frame (1 MiB; drill.net.protocol): an inject travels whole, alone in a frame if need be,
# at up to 4 bytes a character; a summary, briefing or prompt goes in the welcome with the rest.
MAX_BODY = 100_000
MAX_PROSE = 20_000
MAX_TITLE = 1_000

Channel = Literal["social", "news", "phone", "email", "message", "directive", "video", "note"]
CHANNELS: tuple[str, ...] = get_args(Channel)
TaskKind = Literal["assessment", "plan", "statement", "reply", "report"]
Recipients = Literal["all"] | list[Slug]


class Clock(Model):
    start: AwareDatetime = Field(description="In-world date-time when the drill begins, ISO 8601 with offset")
    duration: Duration = Field(description="In-world length; the drill ends then")
    speed: float = Field(60, ge=1, le=3600, description="In-world seconds per real second")

    @model_validator(mode="after")
    def _positive(self) -> "Clock":
        if self.duration <= 0:
            raise ValueError("clock.duration must be longer than zero")
        return self


class Team(Model):
    id: Slug
    name: str
    brief: str = Field("", max_length=MAX_PROSE, description="Private briefing shown only to this team")


class Fact(Model):
    id: Slug
    text: str
    keywords: list[str] = Field(default_factory=list, description="Saying any one of them states the fact")
    contradicted_by: list[str] = Field(default_factory=list, description="Saying any one of them contradicts the fact")
    phrasings: list[str] = Field(
        default_factory=list,
        description="Longer ways of saying the fact; like keywords, matched with a few of the writer's words between their parts",
    )
    half_truths: list[str] = Field(
        default_factory=list,
        description="Claims of the whole where only a part is so ('all samples passed'): saying one contradicts the fact "
        "unless the text also says one of `whole_truth`",
    )
    whole_truth: list[str] = Field(
        default_factory=list, description="The part a half-truth leaves out ('the sealed rice failed'): said anywhere, the half-truths stand"
    )
    pending: bool = Field(False, description="Not established in this drill: asserting it either way is an unverified claim")
    established_by: Slug | None = Field(None, description="An inject id: the fact is not established until that inject fires")

    @model_validator(mode="after")
    def _whole(self) -> "Fact":
        if self.half_truths and not self.whole_truth:
            raise ValueError("half_truths needs whole_truth: what a text must also say for them to stand (else list them in contradicted_by)")
        return self


class ScoreCondition(Model):
    task: Slug
    score: float = Field(allow_inf_nan=False, description="An automatic score, 0 to 100")


CONDITIONS = ("missed", "submitted", "heat_above", "manual", "scored_below", "scored_at_least")


class When(Model):
    """The condition of a conditional inject: exactly one key."""

    missed: Slug | None = Field(None, description="Holds at that task's due time if some owing team has not submitted")
    submitted: Slug | None = Field(None, description="Holds when the first team submits that task")
    heat_above: int | None = Field(None, description="Holds the first time the heat index reaches this level")
    manual: Literal[True] | None = Field(None, description="Only when the facilitator fires it")
    scored_below: ScoreCondition | None = Field(
        None, description="Holds when a team submits the task and its automatic score is below `score`; goes to that team"
    )
    scored_at_least: ScoreCondition | None = Field(
        None, description="Holds when a team submits the task and its automatic score is at least `score`; goes to that team"
    )

    @model_validator(mode="after")
    def _one(self) -> "When":
        exactly_one(self, CONDITIONS, "a 'when' condition")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in CONDITIONS if getattr(self, name) is not None)

    @property
    def task(self) -> str | None:
        """The task a condition watches, if any."""
        value = getattr(self, self.kind)
        if isinstance(value, ScoreCondition):
            return value.task
        return value if self.kind in ("missed", "submitted") else None

    @property
    def location(self) -> tuple[str, ...]:
        """Where the watched task id is written, for error positions."""
        return ("when", self.kind, "task") if self.kind.startswith("scored") else ("when", self.kind)


class Inject(Model):
    id: Slug
    at: Duration | None = Field(None, description="Fires this long after clock.start")
    when: When | None = None
    delay: Duration | None = Field(None, description="With 'when': fire this long after the condition holds")
    channel: Channel
    from_: str | None = Field(None, alias="from", description="Who it seems to come from")
    to: Recipients | None = Field(None, description="'all' or a list of team ids")
    title: str = Field(max_length=MAX_TITLE)
    body: str = Field(max_length=MAX_BODY)
    heat: int = Field(0, ge=-100, le=100, description="Added to the public-opinion heat index")
    reveals: list[Slug] = Field(default_factory=list, description="Fact ids the recipients now know")
    notes: str | None = Field(None, description="For the facilitator and experts, never shown to teams: the expected player action, evaluator notes, what the MSEL said beside the inject")

    @model_validator(mode="after")
    def _timing(self) -> "Inject":
        exactly_one(self, ("at", "when"), "an inject")
        if self.delay is not None and self.when is None:
            raise ValueError("'delay' applies only to an inject with 'when'; with 'at', change the time instead")
        return self

    @property
    def wait(self) -> int:
        return self.delay or 0


class TaskField(Model):
    id: Slug
    label: str
    aliases: list[str] = Field(default_factory=list, description="Other names a team may write the field under when it types the form "
                               "into its text (等级 for 舆情等级, 'Lead agency' for 'Lead unit')")
    choices: list[str] | None = None
    answer: str | None = Field(None, description="The expected answer, for scoring")

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> "TaskField":
        if self.choices is not None and self.answer is not None and self.answer not in self.choices:
            raise ValueError(f"answer {self.answer!r} is not one of the choices {self.choices}")
        return self


class Task(Model):
    id: Slug
    kind: TaskKind
    title: str = Field(max_length=MAX_TITLE)
    short_title: str | None = Field(None, max_length=24, description="A few words for narrow places, such as the column headers of the console's board (default: the title)")
    prompt: str = Field(max_length=MAX_PROSE)
    teams: Recipients = Field("all", description="'all' or the team ids that each owe a submission")
    opens: Duration | None = Field(None, description="Opens this long after clock.start (default 0m)")
    opens_after: Slug | None = Field(None, description="Opens when this inject fires")
    due: Duration = Field(description="Due this long after opening")
    fields: list[TaskField] = Field(default_factory=list)
    rubric: str = Field(description="A rubric file ending in .yaml, relative to the scenario, or a rubric id")

    @model_validator(mode="after")
    def _opening(self) -> "Task":
        if self.opens is not None and self.opens_after is not None:
            raise ValueError("a task takes 'opens' or 'opens_after', not both")
        return self


class StatementEffect(Model):
    """How a submitted public `statement` or `reply` moves heat, by its automatic score."""

    calm: float = Field(25, ge=0, le=100, description="Heat removed by a statement scoring 100")
    backfire: float = Field(15, ge=0, le=100, description="Heat added by a statement scoring 0")
    pivot: float = Field(60, gt=0, lt=100, description="The score at which a statement neither calms nor inflames")


class HeatModel(Model):
    """Opinion dynamics: without this block, heat changes only by the injects' `heat`."""

    start: float = Field(0, ge=0, le=100, description="Heat when the drill begins")
    half_life: Duration | None = Field(None, description="Heat halves over this in-world time when nothing feeds it")
    sample: Duration = Field(900, description="How often decay is recorded, in-world")
    statement: StatementEffect = Field(default_factory=StatementEffect)
    missed_statement: float = Field(15, ge=0, le=100, description="Heat added when a statement or reply deadline is missed")
    per_team: bool = Field(False, description="Also keep each team's own perceived heat")

    @model_validator(mode="after")
    def _positive(self) -> "HeatModel":
        if self.half_life is not None and self.half_life <= 0:
            raise ValueError("heat.half_life must be longer than zero")
        if self.sample <= 0:
            raise ValueError("heat.sample must be longer than zero")
        return self


class Scenario(Model):
    format: Literal["drill/scenario@1"]
    id: Slug
    title: str = Field(max_length=MAX_TITLE)
    summary: str = Field(max_length=MAX_PROSE)
    language: str = Field("en", description="BCP 47 tag of the content")
    clock: Clock
    heat: HeatModel | None = Field(None, description="Opinion dynamics; omit for a heat index moved by injects only")
    teams: list[Team] = Field(min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    injects: list[Inject]
    tasks: list[Task]

    def team(self, team_id: str) -> Team:
        return next(t for t in self.teams if t.id == team_id)

    @cached_property
    def _inject_index(self) -> dict[str, Inject]:
        return {inject.id: inject for inject in self.injects}

    def inject(self, inject_id: str) -> Inject:
        """The inject with this id (looked up in a drill of thousands on every delivery)."""
        return self._inject_index[inject_id]

    def recipients(self, value: Recipients | None) -> list[str]:
        """Team ids named by a `to` or `teams` value, in scenario order."""
        if value is None or value == "all":
            return [t.id for t in self.teams]
        wanted = set(value)
        return [t.id for t in self.teams if t.id in wanted]
