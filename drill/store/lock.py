"""Who holds a session file: one process records into it at a time.

Two processes appending to one log would both write event number N, and the
live one would die on it. So a process that records into a session first takes
an OS lock on a sidecar file, `SESSION.lock`, and writes into it who it is
(pid, host, command) for the refusal the next one gets. The lock is the
operating system's (flock on POSIX, LockFileEx through msvcrt on Windows), so it
goes with the process however that ends, SIGKILL and power cuts included; the
text in the file is only ever read while the lock is held, so it never goes
stale in a way that matters. The sidecar is left in place on release: deleting
a lock file races with the next process opening it.

The lock belongs to the process: opening the same session twice in one process
(a review screen over a drill just run) shares it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _LOCKED_BYTE = 1 << 30   # far past the holder's text: a Windows lock also bars reading its bytes

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class Busy(Exception):
    """Another process holds the lock; `holder` says who, as well as the sidecar knows."""

    def __init__(self, holder: str):
        self.holder = holder
        super().__init__(holder)


_held: dict[Path, tuple[int, int]] = {}   # resolved sidecar -> (fd, users in this process)


def sidecar(session: Path) -> Path:
    return session.with_name(session.name + ".lock")


def acquire(session: Path) -> Path:
    """Hold the session for this process; returns the key to `release` it with.
    Raises Busy when another process holds it, OSError when the sidecar cannot be
    written (a read-only disk or folder)."""
    path = sidecar(Path(session).resolve())   # the file itself, however it is named (a symlink, a relative path)
    if path in _held:
        fd, users = _held[path]
        _held[path] = (fd, users + 1)
        return path
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            raise Busy(_holder_text(fd))
        _write_holder(fd)
    except BaseException:
        os.close(fd)
        raise
    _held[path] = (fd, 1)
    return path


def release(key: Path) -> None:
    fd, users = _held[key]
    if users > 1:
        _held[key] = (fd, users - 1)
        return
    del _held[key]
    os.close(fd)   # closing the descriptor drops the OS lock


def _write_holder(fd: int) -> None:
    name = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else "python"
    command = " ".join(["python -m drill" if name == "__main__" else name, *sys.argv[1:]])
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
              "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8") + b"\n")


def _holder_text(fd: int) -> str:
    """Who holds the lock, in words; the holder may not have written its name yet."""
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        holder = json.loads(os.read(fd, 4096).decode("utf-8"))
        return f"pid {holder['pid']} on {holder['host']}, `{holder['command']}`, since {holder['since']}"
    except (ValueError, KeyError, TypeError, OSError):
        return "another process"
