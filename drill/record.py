"""A session record anyone can verify: `drill verify` of a session file or of a bundle, and
`drill report --bundle`.

The hash chain itself is the store's (drill/store/chain.py); this module says what a
check found, in words, and packs a report with its session into one archive whose
manifest lists every file's SHA-256, so a report handed to a leading group can be
checked against the session it came from, and a changed report names itself.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from .store import EventLog, SessionFileError
from .store.chain import Verdict

BUNDLE = "bundle.zip"
MANIFEST = "manifest.json"
FORMAT = "drill/bundle@1"
_STAMP = (2000, 1, 1, 0, 0, 0)   # every entry's time in the archive: the same inputs give the same bytes


class BundleError(Exception):
    """The archive cannot be read as a bundle at all (exit 2), as opposed to one that fails its check."""


@dataclass(frozen=True)
class Check:
    """What `drill verify` found: whether it holds, and the lines that say so."""

    ok: bool
    lines: list[str]


def clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def verdict_text(verdict: Verdict) -> str:
    """One line for a chain check; a break names the event by number, in-world time, kind and real time."""
    if not verdict.chained:
        return f"not chained (recorded by a drill older than the hash chain): {verdict.events} events, nothing to verify"
    if verdict.intact:
        return f"intact: {verdict.events} events, each hashed with the one before it; final digest {verdict.final or '(no events)'}"
    if verdict.reason == "sealed":
        return "CHANGED: the scenario or rubrics recorded in it were edited after the drill began (the first event's hash no longer holds)"
    if verdict.reason == "missing":
        return f"CHANGED at event {verdict.broken_at}: it is missing (the numbers jump past it)"
    where = f"CHANGED at event {verdict.broken_at} ({verdict.kind}, {clock_text(verdict.at or 0)} after the start, recorded {verdict.wall})"
    if verdict.reason == "unhashed":
        return f"{where}: it has no hash, so it was added by hand"
    return f"{where}: it does not match its hash; it, or the hash of the event before it, was edited"


def verify_session(path: Path) -> Check:
    """Check a session file's hash chain. Raises SessionFileError for a file that is not a session."""
    log = EventLog(path)
    try:
        verdict = log.verify()
    finally:
        log.close()
    return Check(not verdict.chained or verdict.intact, [f"{path}: {verdict_text(verdict)}"])


def _digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def write_bundle(session_path: Path, reports: list[Path], out: Path) -> Path:
    """One zip at `out`: the reports, a consistent copy of the session file, and manifest.json
    with each file's SHA-256 and the session's event count and final digest."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / session_path.name
        log = EventLog(session_path)
        try:
            log.snapshot(copy)
        finally:
            log.close()
        snapshot = EventLog(copy)
        try:
            verdict = snapshot.verify()
        finally:
            snapshot.close()
        files = {path.name: path.read_bytes() for path in reports}
        files[copy.name] = copy.read_bytes()
    manifest = {
        "format": FORMAT,
        "session": {"file": session_path.name, "events": verdict.events, "chained": verdict.chained,
                    "final_digest": verdict.final, "intact": verdict.intact},
        "files": [{"name": name, "sha256": _digest(data), "bytes": len(data)} for name, data in files.items()],
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(MANIFEST, date_time=_STAMP), json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=_STAMP), data, zipfile.ZIP_DEFLATED)
    return out


def written_bundle(path: Path) -> bool | None:
    """Whether the file at `path` is a bundle as `write_bundle` wrote it: True when it is, every
    file in it as its manifest lists it; False for a drill bundle changed since (a file added,
    dropped or edited); None for anything else (no such file, not a zip, no drill manifest),
    which is not drill's to touch."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                return None
            listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
            if set(archive.namelist()) != set(listed) | {MANIFEST}:
                return False
            return all(_digest(archive.read(name)) == digest for name, digest in listed.items())
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile):
        return None


def verify_bundle(path: Path) -> Check:
    """Check every file of a bundle against its manifest, and its session file's chain against
    the event count and final digest the manifest recorded. Raises BundleError when the
    archive cannot be read or holds no manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BundleError(f"{path}: cannot read the archive: {getattr(error, 'strerror', None) or error}") from None
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            raise BundleError(f"{path}: not a drill bundle (no {MANIFEST}; make one with `drill report --bundle`)")
        try:
            manifest = json.loads(archive.read(MANIFEST))
            listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
            recorded = manifest["session"]
        except (ValueError, KeyError, TypeError):
            raise BundleError(f"{path}: {MANIFEST} is not a drill bundle manifest") from None
        lines, ok = [f"{path}: manifest SHA-256 {_digest(archive.read(MANIFEST))}"], True
        for name, digest in listed.items():
            if name not in names:
                lines.append(f"{path}: {name}: MISSING from the archive")
                ok = False
            elif _digest(archive.read(name)) != digest:
                lines.append(f"{path}: {name}: CHANGED: its SHA-256 does not match the manifest")
                ok = False
            else:
                lines.append(f"{path}: {name}: matches the manifest")
        for name in sorted(names - set(listed) - {MANIFEST}):
            lines.append(f"{path}: {name}: ADDED: not in the manifest")
            ok = False
        session = recorded.get("file")
        if session in names and session in listed:
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / Path(session).name
                copy.write_bytes(archive.read(session))
                try:
                    log = EventLog(copy)
                    try:
                        verdict = log.verify()
                    finally:
                        log.close()
                except SessionFileError:
                    lines.append(f"{path}: {session}: not a drill session file")
                    return Check(False, lines)
            lines.append(f"{path}: {session}: {verdict_text(verdict)}")
            if verdict.chained and not verdict.intact:
                ok = False
            elif (verdict.events, verdict.final) != (recorded.get("events"), recorded.get("final_digest")):
                lines.append(f"{path}: {session}: CHANGED: the manifest recorded {recorded.get('events')} events ending in {recorded.get('final_digest')}")
                ok = False
    return Check(ok, lines)
