"""Session files under hostile conditions: a second process, a full disk, a read-only disk."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drill.formats import Loader
from drill.sessions import create, open_session
from drill.store import EventLog, NotStored

DATA = Path(__file__).parent / "data"


def drill(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def start_serving(session: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "drill", "serve", str(DATA / "mini.yaml"), "--headless", "--start", "--port", "0", "--session", str(session)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = process.stdout.readline()
    assert line.startswith("Serving"), line + process.stderr.read()
    return process


def test_a_second_drill_on_a_live_session_is_refused_naming_the_holder_and_the_first_goes_on(tmp_path):
    session = tmp_path / "live.drill"
    first = start_serving(session)
    try:
        for second in (
            ["serve", str(DATA / "mini.yaml"), "--headless", "--port", "0", "--session", str(session)],
            ["run", str(DATA / "mini.yaml"), "--session", str(session)],
            ["review", str(session), "--team", "press", "--task", "assess", "--criterion", "x", "--score", "1"],
        ):
            result = drill(*second, timeout=20)
            assert result.returncode == 1, result.stderr
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "already open in another drill" in lines[0], result.stderr
            assert f"pid {first.pid}" in lines[0] and "drill serve" in lines[0]
        assert first.poll() is None  # the first goes on, and still records
        reader = open_session(session)  # reading beside a live drill is fine
        assert reader.state.started
        reader.sink.close()
        assert drill("log", str(session)).returncode == 0
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=10)
    assert first.returncode == 0, first.stderr.read()


def test_the_lock_goes_with_a_killed_process(tmp_path):
    session = tmp_path / "live.drill"
    first = start_serving(session)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    resumed = open_session(session, hold=True)  # no stale lock left behind
    assert resumed.state.seq >= 1
    resumed.sink.close()


def test_one_process_may_open_its_own_session_twice(tmp_path):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill")
    again = open_session(tmp_path / "s.drill", hold=True)
    again.sink.close()
    session.start()  # the first still holds the file
    code = f"from drill.sessions import open_session; open_session({str(tmp_path / 's.drill')!r}, hold=True)"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert other.returncode != 0 and "SessionInUse" in other.stderr
    session.sink.close()


def fill_the_disk(log: EventLog) -> None:
    """What a full disk looks like to SQLite: no page may be added to the file, and the
    room left in the last pages is used up."""
    pages = log._db.execute("PRAGMA page_count").fetchone()[0]
    log._db.execute(f"PRAGMA max_page_count={pages}")
    for n in range(10_000):
        try:
            log._db.execute("INSERT INTO meta VALUES (?, ?)", (f"filler-{n}", "x" * 64))
        except sqlite3.OperationalError:
            return


def free_the_disk(log: EventLog) -> None:
    log._db.execute("PRAGMA max_page_count=1073741823")


def test_a_full_disk_stores_nothing_and_says_so(tmp_path):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill")
    session.start()
    before = session.state.seq
    fill_the_disk(session.sink)
    with pytest.raises(NotStored, match="the disk is full"):
        session.save_draft("press", "assess", "大" * 50_000, {})
    assert session.state.seq == before and session.state.work[("press", "assess")].draft == ""
    with pytest.raises(NotStored):
        session.submit("press", "assess", "终稿" * 50_000, {})
    assert session.state.work[("press", "assess")].submitted_at is None
    free_the_disk(session.sink)  # space freed: the log goes on
    session.save_draft("press", "assess", "after", {})
    session.sink.close()
    assert open_session(tmp_path / "s.drill").state.work[("press", "assess")].draft == "after"


class FullDisk:
    """The log's connection as a full disk leaves it: every write fails as SQLite says it
    (a small event may still fit in a page's free room, so the page limit alone cannot show it)."""

    def __init__(self, log: EventLog):
        self.db, self.full = log._db, True
        log._db = self

    def execute(self, sql: str, *args):
        if self.full and sql.startswith(("INSERT", "UPDATE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.db, name)


def can_mount() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    return subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_mount(), reason="needs a private mount namespace (unshare -m) to make a read-only disk")
def test_a_session_on_a_read_only_disk_gets_its_own_message(tmp_path):
    session = tmp_path / "s.drill"
    result = drill("simulate", str(DATA / "mini.yaml"), "--responses", str(DATA / "mini-responses.yaml"), "--session", str(session))
    assert result.returncode == 0, result.stderr
    disk = tmp_path / "disk"
    disk.mkdir()
    script = textwrap.dedent(f"""\
        mount -t tmpfs tmpfs {disk} && cp {session} {disk}/s.drill && mount -o remount,ro {disk} || exit 99
        {sys.executable} -m drill serve {DATA / 'mini.yaml'} --headless --port 0 --session {disk}/s.drill; echo "serve=$?"
        {sys.executable} -m drill review {disk}/s.drill --team press --task assess --criterion grade --score 1; echo "review=$?"
        {sys.executable} -m drill score {disk}/s.drill; echo "score=$?"
        """)
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert "serve=1" in result.stdout and "review=1" in result.stdout and "score=1" in result.stdout, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all("read-only disk" in line for line in lines), result.stderr
    assert "not a drill session file" not in result.stderr


async def test_the_live_loop_goes_on_through_a_full_disk_and_records_what_was_due_after(tmp_path):
    import asyncio

    from drill.engine import Clock
    from drill.live import drive

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "s.drill", Clock(60))
    session.start()
    session.tick()
    disk = FullDisk(session.sink)
    told = []
    stop = asyncio.Event()
    loop = asyncio.create_task(drive(session, stop, told.append))
    session.clock.set(1799)  # the lab results (30m) fall due while nothing can be written
    await asyncio.sleep(0.6)
    assert "lab" not in session.state.fired and len(told) == 1 and told[0].kind == "full"
    disk.full = False
    await asyncio.sleep(0.6)
    stop.set()
    await loop
    assert "lab" in session.state.fired  # recorded once the disk took writes again
    session.sink.close()
    assert "lab" in open_session(tmp_path / "s.drill").state.fired


def test_a_session_opened_through_a_symlink_is_held_like_the_file(tmp_path):
    """Issue 22 finding 11: the lock is keyed on the file itself, so a second drill through a
    symlink is refused cleanly instead of writing into the live one's log."""
    from drill.formats import Loader
    from drill.sessions import create

    session = create(Loader().load_exercise(Path(__file__).parent / "data" / "mini.yaml"), tmp_path / "real.drill")
    (tmp_path / "link.drill").symlink_to(tmp_path / "real.drill")
    second = subprocess.run([sys.executable, "-m", "drill", "review", str(tmp_path / "link.drill"), "--team", "press",
                             "--task", "assess", "--criterion", "tone", "--score", "1"], capture_output=True, text=True)
    assert second.returncode == 1 and "already open in another drill" in second.stderr, second.stderr
    session.sink.close()


def test_a_file_name_too_long_for_the_file_system_is_a_clean_error(tmp_path):
    """Issue 22 finding 11: `drill validate` on a 300-character name says it cannot read it (exit 2), no traceback."""
    result = subprocess.run([sys.executable, "-m", "drill", "validate", str(tmp_path / ("a" * 300 + ".yaml"))], capture_output=True, text=True)
    assert result.returncode == 2 and "File name too long" in result.stderr and "internal error" not in result.stderr, result.stderr


def test_a_session_this_user_cannot_write_is_refused_before_serving(tmp_path, monkeypatch):
    """Issue 22 finding 12: a non-owner could serve a read-only session and hand out codes
    that could never record a draft; now it is refused at the start, saying why."""
    from drill.formats import Loader
    from drill.sessions import create, open_session
    from drill.store import SessionFileError

    path = tmp_path / "theirs.drill"
    create(Loader().load_exercise(Path(__file__).parent / "data" / "mini.yaml"), path).sink.close()
    real = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: False if Path(target) == path and mode == os.W_OK else real(target, mode, **kw))
    with pytest.raises(SessionFileError) as refused:
        open_session(path, hold=True)   # as `drill serve --session`, `drill run` and `drill review` open it
    assert "read-only" in str(refused.value) and "copy it" in str(refused.value)
    assert open_session(path).state is not None   # a report or a score still reads it


def test_a_codes_file_that_cannot_be_written_is_said_before_serving(tmp_path):
    """Issue 22 finding 11: a codes file name too long read 'cannot listen on 127.0.0.1:0'."""
    result = subprocess.run([sys.executable, "-m", "drill", "serve", str(Path(__file__).parent / "data" / "mini.yaml"), "--headless",
                             "--port", "0", "--session", str(tmp_path / "s.drill"), "--codes-file", str(tmp_path / ("c" * 300 + ".json"))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "cannot write there: File name too long" in result.stderr, result.stderr
    assert "listen" not in result.stderr and not (tmp_path / "s.drill").exists()
