"""A team's typing, kept on its own computer as it is typed, so a killed terminal loses none of it.

The drill server holds a draft once it has acknowledged it (every few seconds, and on
quitting); what was typed since lives only in the team's process. A terminal closed,
a browser tab dropped (`drill web` runs `drill join` on the server's machine), a
process killed: that last stretch of typing would be gone, and the rejoined editor
would put its cursor at the start. So every change of a draft, and every move of its
cursor, is written here at once (a whole file written beside and renamed over, so a
kill mid-write leaves the previous one whole; some 0.4 ms for 20,000 characters),
one file per task, in a folder per server, team and join code (a code belongs to one
session, so a new session of the same drill never meets an old session's typing).
On rejoining, the screen compares it with the draft the server holds (drill.tui.team).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_path

from ..net.codes import normalise


@dataclass(frozen=True)
class Typing:
    """A draft as it stood on this computer: its text, fields and where the cursor was."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    cursor: tuple[int, int] | None = None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:24]


class KeptTyping:
    """The drafts one team's seat typed, on this computer's disk."""

    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def for_seat(cls, url: str, team: str, code: str, root: Path | None = None) -> "KeptTyping":
        """The folder of one seat: this server, this team, this join code (hashed: the code is a key)."""
        root = root if root is not None else user_data_path("drill", appauthor=False) / "typing"
        return cls(root / _digest(url, team, normalise(code)))   # as the server reads it: "abc-123" is ABC123

    def _path(self, task: str) -> Path:
        return self.folder / f"{_digest(task)}.json"

    def write(self, task: str, typing: Typing) -> bool:
        """Keep the draft; False (and nothing changed) when the disk will not take it: the
        team still has its text on screen and the server's copy, so typing goes on."""
        path = self._path(task)
        partial = path.with_suffix(".partial")
        data = {"task": task, "text": typing.text, "fields": typing.fields,
                "cursor": list(typing.cursor) if typing.cursor is not None else None}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            return False
        return True

    def read(self, task: str) -> Typing | None:
        """The kept draft of a task, or None when there is none (or it cannot be read)."""
        try:
            data = json.loads(self._path(task).read_text(encoding="utf-8"))
            cursor = data.get("cursor")
            return Typing(str(data["text"]), {str(k): str(v) for k, v in dict(data.get("fields") or {}).items()},
                          (int(cursor[0]), int(cursor[1])) if cursor else None)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def forget(self, task: str) -> None:
        """The task was submitted: its text is the drill's now, for good."""
        try:
            self._path(task).unlink()
        except OSError:
            pass
