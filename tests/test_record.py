"""A session record that shows tampering: the hash chain, `drill verify` and `drill report --bundle`."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drill.engine.events import Event
from drill.sessions import open_session
from drill.store import EventLog
from drill.store.chain import link

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "examples"


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> Path:
    """The bundled Chinese drill played with the good rehearsal (its teams write Chinese)."""
    session = tmp_path_factory.mktemp("record") / "good.drill"
    result = drill("simulate", "school-food-rumour", "--responses", str(EXAMPLES / "school-food-rumour-good.yaml"), "--session", str(session))
    assert result.returncode == 0, result.stderr
    return session


def copy_of(played: Path, folder: Path, name: str = "copy.drill") -> Path:
    target = folder / name
    target.write_bytes(played.read_bytes())
    return target


def edit(session: Path, sql: str, *params) -> None:
    """Change a session file behind drill's back, as anyone with the sqlite3 module can."""
    db = sqlite3.connect(session)
    db.execute(sql, params)
    db.commit()
    db.close()


def test_an_untouched_session_verifies(played):
    result = drill("verify", str(played))
    assert result.returncode == 0, result.stderr
    log = EventLog(played)
    final, count = log.final_digest(), len(log.events())
    log.close()
    assert f"intact: {count} events" in result.stdout and final in result.stdout and len(final) == 64


def test_a_submission_edited_with_sqlite_fails_at_that_event(played, tmp_path):
    session = copy_of(played, tmp_path)
    db = sqlite3.connect(session)
    seq, at = db.execute("SELECT seq, at FROM events WHERE type = 'submit' ORDER BY seq LIMIT 1 OFFSET 2").fetchone()
    data = json.loads(db.execute("SELECT data FROM events WHERE seq = ?", (seq,)).fetchone()[0])
    data["text"] = data["text"].replace("学校", "学院", 1) + "（已核实）"
    db.execute("UPDATE events SET data = ? WHERE seq = ?", (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), seq))
    db.commit()
    db.close()
    result = drill("verify", str(session))
    assert result.returncode == 1
    hours, minutes = int(at) // 3600, int(at) % 3600 // 60
    assert f"CHANGED at event {seq} (submit, {hours}:{minutes:02d}:00 after the start" in result.stdout


def test_a_recomputed_hash_still_breaks_at_the_next_event_and_a_deleted_row_is_missing(played, tmp_path):
    session = copy_of(played, tmp_path)
    db = sqlite3.connect(session)
    prev = db.execute("SELECT hash FROM events WHERE seq = 39").fetchone()[0]
    seq, at, kind, data, wall = db.execute("SELECT seq, at, type, data, wall FROM events WHERE seq = 40").fetchone()
    data = data.replace('"value":', '"value":1', 1) if '"value":' in data else data[:-1] + ',"x":1}'
    db.execute("UPDATE events SET data = ?, hash = ? WHERE seq = 40", (data, link(prev, seq, at, kind, data, wall)))
    db.commit()
    db.close()
    assert "CHANGED at event 41 " in drill("verify", str(session)).stdout
    other = copy_of(played, tmp_path, "gap.drill")
    edit(other, "DELETE FROM events WHERE seq = 12")
    result = drill("verify", str(other))
    assert result.returncode == 1 and "CHANGED at event 12: it is missing" in result.stdout


def test_an_edited_rubric_breaks_the_chain_before_the_first_event(played, tmp_path):
    session = copy_of(played, tmp_path)
    edit(session, "UPDATE meta SET value = replace(value, 'weight: 2', 'weight: 9') WHERE key = 'rubrics'")
    result = drill("verify", str(session))
    assert result.returncode == 1 and "scenario or rubrics recorded in it were edited" in result.stdout


def test_appending_after_reopening_continues_the_chain(played, tmp_path):
    session = copy_of(played, tmp_path)
    result = drill("observe", str(session), "--team", "propaganda", "--kind", "strength", "--text", "Phát ngôn kịp thời, 口径统一")
    assert result.returncode == 0, result.stderr
    assert drill("verify", str(session)).returncode == 0


def test_two_logs_of_one_session_in_one_process_keep_one_chain(played, tmp_path):
    """The review screen opens the session a drill just ran in the same process: both append."""
    session = copy_of(played, tmp_path)
    first, second = EventLog(session), EventLog(session)
    last = first.events()[-1]
    for n, log in enumerate((first, second, first, second)):
        log.append(Event("note", last.at, {"text": f"ghi chú {n} 备注"}, last.seq + n + 1), durable=n % 2 == 0)
    assert first.verify().intact and second.verify().events == last.seq + 4
    first.close()
    second.close()


def older_session(played: Path, folder: Path) -> Path:
    """A session file as drill wrote them before the chain: schema 1, no hash column."""
    target = folder / "old.drill"
    source = sqlite3.connect(played)
    db = sqlite3.connect(target)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, at REAL NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, wall TEXT NOT NULL)")
    for key, value in source.execute("SELECT key, value FROM meta WHERE key != 'chain_genesis'"):
        db.execute("INSERT INTO meta VALUES (?, ?)", (key, "1" if key == "schema" else value))
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", source.execute("SELECT seq, at, type, data, wall FROM events"))
    db.commit()
    db.close()
    source.close()
    return target


def test_an_older_session_reads_as_before_and_is_reported_not_chained(played, tmp_path):
    old = older_session(played, tmp_path)
    result = drill("verify", str(old))
    assert result.returncode == 0 and "not chained" in result.stdout
    assert drill("score", str(old), "--json").stdout == drill("score", str(played), "--json").stdout
    session = open_session(old)
    session.observe("propaganda", "improvement", "回应偏慢", by="专家")
    session.sink.close()
    log = EventLog(old)
    assert log.events()[-1].data["text"] == "回应偏慢" and not log.chained and log.final_digest() is None
    log.close()


def test_a_failed_append_leaves_the_chain_whole(tmp_path, played):
    session = copy_of(played, tmp_path)
    log = EventLog(session)
    last = log.events()[-1]
    with pytest.raises(Exception):
        with log.batch():
            log.append(Event("note", last.at, {"text": "không giữ lại"}, last.seq + 1))
            raise RuntimeError("the run failed")
    log.append(Event("note", last.at, {"text": "giữ lại"}, last.seq + 1))
    assert log.verify().intact
    log.close()


@pytest.fixture(scope="module")
def bundled(played, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    result = drill("report", str(played), "--out", str(out), "--format", "html", "--format", "md", "--bundle")
    assert result.returncode == 0, result.stderr
    return out / "bundle.zip"


def test_a_bundle_holds_the_reports_the_session_and_their_digests(bundled, played):
    with zipfile.ZipFile(bundled) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        html = archive.read("report.html").decode("utf-8")
    assert names == {"manifest.json", "report.html", "report.md", "good.drill"}
    log = EventLog(played)
    assert manifest["session"]["final_digest"] == log.final_digest() and manifest["session"]["events"] == len(log.events())
    log.close()
    assert manifest["session"]["final_digest"] in html   # the report prints the digest it was made from
    result = drill("verify", str(bundled))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "report.html: matches the manifest" in result.stdout and "good.drill: intact" in result.stdout


def rewrite(bundle: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                out.writestr(name, data)
    return target


def test_a_bundle_with_a_changed_report_fails_naming_the_file(bundled, tmp_path):
    changed = rewrite(bundled, tmp_path / "changed.zip",
                      lambda name, data: data.replace("市委宣传部".encode(), "市政府办公室".encode(), 1) if name == "report.md" else data)
    result = drill("verify", str(changed))
    assert result.returncode == 1
    assert "report.md: CHANGED" in result.stdout and "report.html: matches the manifest" in result.stdout
    dropped = rewrite(bundled, tmp_path / "dropped.zip", lambda name, data: None if name == "report.html" else data)
    assert "report.html: MISSING" in drill("verify", str(dropped)).stdout


def test_a_bundle_whose_session_was_edited_and_relisted_still_fails(bundled, tmp_path):
    """Someone edits the session inside the bundle and writes its new SHA-256 into the manifest:
    the chain still breaks."""
    folder = tmp_path / "x"
    folder.mkdir()
    with zipfile.ZipFile(bundled) as archive:
        session = folder / "good.drill"
        session.write_bytes(archive.read("good.drill"))
        manifest = json.loads(archive.read("manifest.json"))
    edit(session, "UPDATE events SET data = replace(data, '学校', '学院') WHERE seq = (SELECT MIN(seq) FROM events WHERE type = 'submit')")
    import hashlib

    data = session.read_bytes()
    for entry in manifest["files"]:
        if entry["name"] == "good.drill":
            entry["sha256"] = hashlib.sha256(data).hexdigest()
    forged = rewrite(bundled, tmp_path / "forged.zip",
                     lambda name, old: json.dumps(manifest).encode() if name == "manifest.json" else data if name == "good.drill" else old)
    result = drill("verify", str(forged))
    assert result.returncode == 1 and "good.drill: CHANGED at event" in result.stdout


def test_a_report_rewritten_without_bundle_removes_drills_earlier_bundle_and_nothing_else(bundled, played, tmp_path):
    """A bundle.zip left from an earlier `--bundle` no longer matches the new reports: drill
    removes the one it wrote, saying so in a line; a bundle.zip drill did not write, or one
    changed since, stays as it is."""
    out = tmp_path / "report"
    out.mkdir()
    (out / "bundle.zip").write_bytes(bundled.read_bytes())
    again = ("report", str(played), "--out", str(out), "--format", "md", "--lang", "en")
    result = drill(*again)
    assert result.returncode == 0, result.stderr
    assert not (out / "bundle.zip").exists()
    said = [line for line in result.stderr.splitlines() if "bundle.zip" in line]
    assert said == [f"{out / 'bundle.zip'} removed: it held an earlier report, which these reports replace (--bundle writes a new one)"]
    assert "bundle.zip" not in drill(*again).stderr   # nothing there now, nothing said

    changed = rewrite(bundled, out / "bundle.zip", lambda name, data: data + b"\n" if name == "report.md" else data)
    result = drill(*again)
    assert result.returncode == 0 and changed.read_bytes() == (out / "bundle.zip").read_bytes()
    assert "left as it is" in result.stderr and "changed after drill wrote it" in result.stderr

    for other in (b"not a zip at all", _zip({"report.md": b"my own notes"}), _zip({"manifest.json": b'{"files": []}'})):
        (out / "bundle.zip").write_bytes(other)
        result = drill(*again)
        assert result.returncode == 0 and (out / "bundle.zip").read_bytes() == other
        assert "bundle.zip" not in result.stderr

    result = drill("report", str(played), "--out", str(out), "--format", "md", "--bundle")   # --bundle writes it anew
    assert result.returncode == 0 and drill("verify", str(out / "bundle.zip")).returncode == 0


def _zip(files: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_verify_refuses_what_is_not_a_session_or_bundle(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("không phải phiên diễn tập", encoding="utf-8")
    result = drill("verify", str(text))
    assert result.returncode == 2 and "cannot read the archive" in result.stderr and "Traceback" not in result.stderr
    assert drill("verify", str(tmp_path / "missing.drill")).returncode == 2


def test_a_session_killed_mid_drill_and_resumed_still_verifies(tmp_path):
    """SIGKILL in the middle of a drill's appends, then the drill resumed to the end: one whole chain."""
    import os
    import signal

    from test_crash import write_scenario

    scenario, session = write_scenario(tmp_path), tmp_path / "live.drill"
    worker = [sys.executable, str(Path(__file__).parent / "crash_worker.py"), str(scenario), str(session)]
    process = subprocess.Popen(worker, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    for n, _ in enumerate(process.stdout):
        if n == 12:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert drill("verify", str(session)).returncode == 0
    assert subprocess.run(worker, capture_output=True, text=True, timeout=120).returncode == 0
    result = drill("verify", str(session))
    assert result.returncode == 0 and "intact" in result.stdout
