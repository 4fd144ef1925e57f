"""The messages between a team's client and the server, validated on both sides.

Every frame is one JSON object with a `type`. A client says `hello` with its team
and join code, then saves drafts and submits; the server answers `welcome` with
everything the team may see, then pushes `update`s. Requests carry an `id` that
the `ack` or `error` answering them repeats.

No frame grows with a team's drafts: the welcome and the updates carry the task
list with the draft texts left out, and each draft travels on its own in
`stored-draft` frames, cut into pieces that fit a frame, so a team with several
long drafts can always rejoin. Nor does the welcome grow with the drill: it carries
the newest injects that fit half a frame, and older ones follow in `earlier-injects`
frames, so a team deep into a long drill with hundreds of long injects can rejoin.

An invited expert says `expert-hello` with its name and code instead; the server
answers `expert-welcome` (the scenario and rubric texts), then the session's
events, drafts left out, in `events` frames: the expert's screen keeps its own
replica of the session and scores it with the same scorer. An expert sends
`review`, `observe` and `plan`; a team cannot, and an expert cannot draft or submit.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..engine import Refused
from ..engine.state import Delivery
from ..engine.views import FactView, TaskView, TeamView

MAX_FRAME = 1024 * 1024      # bytes; a 20,000-character Chinese draft is about 60 KB
MAX_TEXT = 200_000           # characters in one draft
MAX_DEPTH = 32               # nesting of a frame's JSON; a real message needs 3
DRAFT_PIECE = 100_000        # characters of a draft per `stored-draft` frame: 600 KB at worst once JSON-escaped


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hello(Message):
    type: Literal["hello"]
    team: str = Field(max_length=64)
    code: str = Field(max_length=32)
    # For the console's list of who is here; "check" is the browser page proving a code before
    # it starts a workspace, and is no seat in the room.
    via: Literal["terminal", "browser", "check"] = "terminal"


class ExpertHello(Message):
    type: Literal["expert-hello"]
    expert: str = Field(min_length=1, max_length=64)
    code: str = Field(max_length=32)
    via: Literal["terminal", "browser", "check"] = "terminal"


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


_Slug = Annotated[str, Field(max_length=64)]
_Note = Annotated[str, Field(max_length=20_000)]


class ReviewRequest(Message):
    """An expert's level (or override fraction) for one criterion; `by` is the admitted expert."""

    type: Literal["review"]
    id: int
    team: _Slug
    task: _Slug
    criterion: _Slug
    score: float = Field(allow_inf_nan=False)   # JSON as Python reads it allows NaN and Infinity
    note: _Note = ""
    action: _Note | None = None
    owner: Annotated[str, Field(max_length=500)] | None = None


class ObserveRequest(Message):
    type: Literal["observe"]
    id: int
    team: _Slug
    kind: _Slug
    text: _Note
    task: _Slug | None = None
    inject: _Slug | None = None


class PlanRequest(Message):
    """A row of a team's improvement plan, in HSEEP's columns (drill.engine PLAN_COLUMNS)."""

    type: Literal["plan"]
    id: int
    team: _Slug
    task: _Slug | None = None
    columns: dict[_Slug, Annotated[str, Field(max_length=5000)]] = Field(default_factory=dict, max_length=16)


class Welcome(Message):
    """Admitted: the drill's outline and everything the team may see."""

    type: Literal["welcome"] = "welcome"
    scenario: str
    summary: str = ""
    language: str = "en"
    start: datetime
    duration: float
    view: TeamView
    drafts: int = Field(0, description="How many of the team's drafts follow in `stored-draft` frames; "
                                       "the view's tasks carry none of their text")
    earlier: int = Field(0, description="How many `earlier-injects` frames follow with the injects "
                                        "older than the view's, which carries the newest that fit")


class EarlierInjects(Message):
    """Injects the team received before those of the welcome's view, newest first."""

    type: Literal["earlier-injects"] = "earlier-injects"
    injects: list[Delivery]


class StoredDraft(Message):
    """What the drill holds as the draft (or the submitted text) of one of the team's tasks,
    in pieces: the text of all pieces joined, the fields with the last (`more` false)."""

    type: Literal["stored-draft"] = "stored-draft"
    task: str
    text: str
    fields: dict[str, str] = Field(default_factory=dict)
    more: bool = False


class Refusal(Message):
    """The server will not admit this client (wrong code, unknown team); it closes next.
    `reason` is English; `key` and `params` let the join screen say it in its own language."""

    type: Literal["refused"] = "refused"
    reason: str
    key: str | None = None
    params: dict[str, str | int | float] = Field(default_factory=dict)


class ExpertWelcome(Message):
    """An expert admitted: the texts the session recorded, to rebuild its exercise from.
    The session's events follow in `events` frames."""

    type: Literal["expert-welcome"] = "expert-welcome"
    expert: str
    scenario_text: str
    rubric_texts: dict[str, str]


class LoggedEvent(Message):
    type: str
    at: float
    data: dict[str, Any]
    seq: int


class Events(Message):
    """Events for an expert's replica, oldest first. After a welcome they come in several
    frames (each under MAX_FRAME); `done` marks the frame that completes the catch-up, and
    every live frame after it. `now`, `running` and `speed` set the expert's clock."""

    type: Literal["events"] = "events"
    events: list[LoggedEvent] = Field(default_factory=list)
    done: bool = True
    now: float
    running: bool
    speed: float
    stamp: float = Field(0.0, description="Server wall time of the newest event in this frame")


def _params(refusal: Refused) -> dict[str, str | int | float]:
    return {name: value if isinstance(value, (int, float)) else str(value) for name, value in refusal.params.items()}


def refusal_error(request_id: int | None, refusal: Refused) -> "Error":
    """An engine `Refused` as an `error` answer: English, and the key for the client's language."""
    return Error(id=request_id, message=str(refusal), key=refusal.key, params=_params(refusal))


def refusal(reason: str | Refused) -> "Refusal":
    """Not admitted: a sentence, or a `Refused` that the join screen can say in its own language."""
    if isinstance(reason, Refused):
        return Refusal(reason=str(reason), key=reason.key, params=_params(reason))
    return Refusal(reason=reason)


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


ClientMessage = TypeAdapter(Annotated[Union[Hello, SaveDraft, Submit, ExpertHello, ReviewRequest, ObserveRequest, PlanRequest],
                                        Field(discriminator="type")])
ServerMessage = TypeAdapter(Annotated[Union[Welcome, Refusal, Ack, Error, Update, StoredDraft, EarlierInjects, ExpertWelcome, Events],
                                        Field(discriminator="type")])


class BadMessage(Exception):
    """A frame that is not a valid message; says why, briefly. `request_id` is the request's
    `id` where it could be read, so the error answer reaches the request it refuses (an
    oversized draft, say) on a client waiting for it."""

    def __init__(self, reason: str, request_id: int | None = None):
        super().__init__(reason)
        self.request_id = request_id


def parse(adapter: TypeAdapter, frame: str | bytes):
    """The message in a frame, or BadMessage saying briefly what is wrong with it."""
    problem = _shape_problem(frame, adapter is ClientMessage)
    if problem is not None:
        raise BadMessage(f"malformed message: {problem}")
    try:
        data = json.loads(frame)
    except ValueError:
        raise BadMessage("malformed message: not JSON") from None
    except RecursionError:  # pragma: no cover - _shape_problem stops these first
        raise BadMessage("malformed message: nested too deeply") from None
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        raise BadMessage(f"malformed message: {error.errors()[0]['msg']}", _request_id(data)) from None


def _request_id(data: Any) -> int | None:
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, int) and not isinstance(found, bool) else None


_NOT_BRACKETS = bytes(n for n in range(256) if n not in b"[]{}")
_AS_PARENS = bytes.maketrans(b"[]{}", b"()()")
# What a request can hold: no client message has a list, and its mappings (a draft's 50
# fields, a plan's 16 columns) need about a hundred strings and a handful of brackets.
MAX_REQUEST_STRINGS = 256
MAX_REQUEST_BRACKETS = 64


def _shape_problem(frame: str | bytes, request: bool) -> str | None:
    """What is wrong with the frame's shape, checked before parsing, or None: Python's JSON
    parser recurses, and a frame far under the size limit can nest thousands deep.

    Linear in the frame, at C speed, so a 1 MiB frame of any shape costs milliseconds:
    escaped backslashes and quotes are dropped (`bytes.replace`), what lies between
    quotes cut out (`split`), every byte but a bracket dropped (`translate`), and the
    innermost pairs removed one level a pass, at most MAX_DEPTH passes. A `request`
    (a client's frame) is first held to what any request can hold, so a flood of strings
    or brackets is turned away before the passes. A frame with few brackets is not
    looked at."""
    raw = frame.encode("utf-8", "surrogatepass") if isinstance(frame, str) else frame
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return None
    plain = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    too_many = f"nested deeper than {MAX_DEPTH} levels, or more brackets or strings than a request holds"
    if request and plain.count(b'"') > 2 * MAX_REQUEST_STRINGS:
        return too_many
    rest = b"".join(plain.split(b'"')[0::2]).translate(_AS_PARENS, _NOT_BRACKETS)
    if request and len(rest) > MAX_REQUEST_BRACKETS:
        return too_many
    for _ in range(MAX_DEPTH):
        shorter = rest.replace(b"()", b"")
        if len(shorter) == len(rest):
            break
        rest = shorter
    return f"nested deeper than {MAX_DEPTH} levels" if b"(" in rest else None


def draft_frames(task: str, text: str, fields: dict[str, str]) -> list[str]:
    """A stored draft as frames that each fit in MAX_FRAME: the text in pieces, the fields
    with the last piece, or after it when the two together would not fit."""
    pieces = [text[start:start + DRAFT_PIECE] for start in range(0, len(text), DRAFT_PIECE)] or [""]
    frames = [encode(StoredDraft(task=task, text=piece, more=True)) for piece in pieces[:-1]]
    last = encode(StoredDraft(task=task, text=pieces[-1], fields=fields))
    if len(last.encode("utf-8")) <= MAX_FRAME:
        return [*frames, last]
    return [*frames, encode(StoredDraft(task=task, text=pieces[-1], more=True)), encode(StoredDraft(task=task, text="", fields=fields))]


INJECT_BUDGET = MAX_FRAME // 2  # bytes of injects in the welcome or in one `earlier-injects` frame
_DELIVERY = TypeAdapter(Delivery)


def inject_frames(injects: tuple[Delivery, ...], budget: int = INJECT_BUDGET) -> tuple[tuple[Delivery, ...], list[str]]:
    """A team's injects (newest first) as the newest that fit in the welcome and the rest
    in `earlier-injects` frames of about `budget` bytes each. One inject bigger than the
    budget still travels, alone in its frame (the scenario format keeps a body well
    under MAX_FRAME)."""
    groups = delivery_groups(injects, budget)
    return tuple(groups[0]), [encode(EarlierInjects(injects=group)) for group in groups[1:]]


def delivery_groups(injects, budget: int = INJECT_BUDGET) -> list[list[Delivery]]:
    """Injects in runs (in the order given) of about `budget` bytes each, at least one run:
    so a welcome, or an update after a burst of hundreds of injects, fits in frames."""
    groups: list[list[Delivery]] = [[]]
    used = 0
    for delivery in injects:
        size = len(_DELIVERY.dump_json(delivery))
        if used + size > budget and groups[-1]:
            groups.append([])
            used = 0
        groups[-1].append(delivery)
        used += size
    return groups


def encode(message: Message) -> str:
    return message.model_dump_json()
