"""The messages between a team's client and the server, validated on both sides.

Every frame is one JSON object with a `type`. A client says `hello` with its team
and join code, then saves drafts and submits; the server answers `welcome` with
everything the team may see, then pushes `update`s. Requests carry an `id` that
the `ack` or `error` answering them repeats.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..engine.state import Delivery
from ..engine.views import FactView, TaskView, TeamView

MAX_FRAME = 1024 * 1024      # bytes; a 20,000-character Chinese draft is about 60 KB
MAX_TEXT = 200_000           # characters in one draft


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hello(Message):
    type: Literal["hello"]
    team: str = Field(max_length=64)
    code: str = Field(max_length=32)


class _Work(Message):
    """A team's text for one task; bounded so no message can flood the session."""

    id: int
    task: str = Field(max_length=64)
    text: str = Field(max_length=MAX_TEXT)
    fields: dict[str, Annotated[str, Field(max_length=2000)]] = Field(default_factory=dict, max_length=50)


class SaveDraft(_Work):
    type: Literal["draft"]


class Submit(_Work):
    type: Literal["submit"]


class Welcome(Message):
    """Admitted: the drill's outline and everything the team may see."""

    type: Literal["welcome"] = "welcome"
    scenario: str
    summary: str = ""
    language: str = "en"
    start: datetime
    duration: float
    view: TeamView


class Refusal(Message):
    """The server will not admit this client (wrong code, unknown team); it closes next."""

    type: Literal["refused"] = "refused"
    reason: str


class Ack(Message):
    type: Literal["ack"] = "ack"
    id: int


class Error(Message):
    """A request refused: `message` in English, and the engine's `key` and `params`
    (see drill.engine.Refused) so the team's screen can say it in its own language."""

    type: Literal["error"] = "error"
    id: int | None = None
    message: str
    key: str | None = None
    params: dict[str, str | int | float] = Field(default_factory=dict)


class Update(Message):
    """What changed for this team: always the clock and heat; new injects (newest first),
    the heat points recorded since the last update (oldest first), the facts and the task
    list when they changed. Only the new heat points travel: the curve grows all day, and
    resending it to a hundred screens on every event would cost more than the rest."""

    type: Literal["update"] = "update"
    now: float
    running: bool
    speed: float
    ended: bool
    heat: float
    team_heat: float | None = None
    deliveries: list[Delivery] = Field(default_factory=list)
    heat_points: list[tuple[float, float]] = Field(default_factory=list)
    facts: list[FactView] | None = None
    tasks: list[TaskView] | None = None
    stamp: float = Field(0.0, description="Server wall time of the newest event behind this update")


ClientMessage = TypeAdapter(Annotated[Union[Hello, SaveDraft, Submit], Field(discriminator="type")])
ServerMessage = TypeAdapter(Annotated[Union[Welcome, Refusal, Ack, Error, Update], Field(discriminator="type")])


class BadMessage(Exception):
    """A frame that is not a valid message; says why, briefly."""


def parse(adapter: TypeAdapter, frame: str | bytes):
    try:
        return adapter.validate_python(json.loads(frame))
    except (ValueError, ValidationError) as error:
        detail = error.errors()[0]["msg"] if isinstance(error, ValidationError) else "not JSON"
        raise BadMessage(f"malformed message: {detail}") from None


def encode(message: Message) -> str:
    return message.model_dump_json()
