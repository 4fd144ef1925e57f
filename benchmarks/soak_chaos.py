"""Chaos soak: a served drill killed and restarted again and again while teams and reviewers work.

A real `drill serve --headless` process serves a drill to team clients (`RemoteTeam`,
as `drill join` uses) that save drafts and submit at random; every few seconds the
server is SIGKILLed, and while it is down the reviewers record reviews the offline
way (`drill review SESSION --team ... --score ...`, which the session lock refuses
while the server runs); invited experts (`RemoteExpert`, as `drill join --expert`
uses) review over the network while it is up. Then the server is restarted from its
session file. At the end the session file is read back, and every acknowledged
draft, submission and review must be in it. Loopback only, bounded in time.

With `--hostile` (the default) one more seat attacks the server beside them while it is
up (issue 22): its team floods drafts without waiting for answers, holds a connection
that reads nothing (its team's drafts are copied to it), sends 1 MiB nested frames as
a hello and as requests, and opens sockets that never say hello. The honest teams'
round trips (draft or submission to its acknowledgement) are timed, and the server
process's memory sampled from /proc.

Run: .venv/bin/python benchmarks/soak_chaos.py [--teams 50] [--reviewers 2] [--experts 2] [--seconds 180] [--kill-every 5] [--no-hostile]

What counts as acknowledged: a draft when `save_draft` returned True (the server
stored it), a submission when `submit` returned, a review when `drill review`
exited 0 or the server acknowledged an expert's. The resync time of a client is
from the restarted server listening to the client holding a fresh welcome (its
reconnect back-off included).

Reviewers are objects with `when` ("down": only while the server is down, as
the offline path must; "up": an expert seat on the network) and
`review(...) -> bool`, so another kind of reviewer drops in beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import signal
import socket
import statistics
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import RUBRIC  # noqa: E402

from drill.engine import Refused  # noqa: E402
from drill.net.client import JoinRefused, RemoteTeam  # noqa: E402
from drill.net.expert_client import RemoteExpert  # noqa: E402
from drill.net import protocol as p  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed, InvalidHandshake  # noqa: E402
from drill.store import EventLog  # noqa: E402

TASKS = [f"k{n}" for n in range(6)]
FILLER = "涉事大米已封存，检测结果今晚公布。我们理解家长的担心。"


def write_scenario(folder: Path, teams: int, more: list[str] = ()) -> Path:
    """Every task open from the start and due long after the soak ends, at a clock that
    barely moves, so that every team can draft and submit throughout."""
    (folder / "soak-rubric.yaml").write_text(RUBRIC, encoding="utf-8")  # its `tone` criterion is reviewed by level
    lines = [
        "format: drill/scenario@1", "id: soak", "title: 混沌测试", "summary: Chaos soak", "language: zh-CN",
        "clock: {start: \"2026-05-12T07:30:00+08:00\", duration: 3d, speed: 1}",
        "teams:", *(f"  - {{id: t{n}, name: 第{n}组}}" for n in range(teams)), *(f"  - {{id: {team}, name: {team}}}" for team in more),
        "facts:", "  - {id: sealed, text: 大米已封存, keywords: [封存]}", "  - {id: tested, text: 检测合格, keywords: [检测]}",
        "injects:", "  - {id: post, at: 0m, channel: social, title: 帖子, body: 网传学校食堂大米发霉}",
        "tasks:", *(f"  - {{id: {task}, kind: statement, title: 任务{task}, prompt: 请起草, due: 2d, rubric: soak-rubric.yaml}}" for task in TASKS),
    ]
    path = folder / "soak.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Tally:
    drafts: dict[tuple[str, str, int], None] = field(default_factory=dict)   # (team, task, version) acknowledged
    submissions: dict[tuple[str, str], str] = field(default_factory=dict)    # (team, task) -> text
    reviews: list[tuple[str, str, str, float, str]] = field(default_factory=list)
    expert_reviews: int = 0             # of those, made by experts over the network
    lock_refusals: int = 0              # offline reviews the session lock turned away (the server or the other reviewer held it)
    not_acknowledged: int = 0           # requests that met a dead server (kept or retried, never counted)
    resyncs: list[float] = field(default_factory=list)
    restarts: int = 0
    restart_refusals: int = 0           # a restart turned away because a reviewer held the file
    round_trips: list[float] = field(default_factory=list)   # honest teams: request to acknowledgement, seconds
    submit_trips: list[float] = field(default_factory=list)  # of those, the submissions (each waits for a disk sync)
    hostile: dict[str, int] = field(default_factory=dict)    # what the hostile seat did, and how the server answered
    server_rss: list[int] = field(default_factory=list)      # the server process's resident memory, bytes, sampled


class Server:
    """The `drill serve --headless` process, killed and restarted on demand."""

    def __init__(self, scenario: Path, session: Path, port: int, codes: Path, experts: list[str]):
        self.command = [sys.executable, "-m", "drill", "serve", str(scenario), "--headless", "--start", "--port", str(port), "--lang", "en",
                        "--session", str(session), "--codes-file", str(codes),
                        "--expert-codes-file", str(codes.with_name("experts.json"))]
        for name in experts:
            self.command += ["--expert", name]
        self.process: asyncio.subprocess.Process | None = None
        self.ready_at = 0.0

    async def start(self, tally: Tally, attempts: int = 50) -> None:
        for _ in range(attempts):
            self.process = await asyncio.create_subprocess_exec(
                *self.command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            line = (await self.process.stdout.readline()).decode("utf-8", "replace")
            if line.startswith("Serving"):
                self.ready_at = time.monotonic()
                return
            error = (await self.process.stderr.read()).decode("utf-8", "replace")
            await self.process.wait()
            if "already open in another drill" not in error:
                raise RuntimeError(f"the server did not start: {line}{error}")
            tally.restart_refusals += 1
            await asyncio.sleep(0.1)
        raise RuntimeError("the server could not claim its session file")

    async def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except asyncio.TimeoutError:
                await self.kill()


class OfflineReviewer:
    """Records reviews with `drill review SESSION --team ...`: the facilitator's path when no
    console is open. The session lock refuses it while the server runs."""

    when = "down"

    def __init__(self, name: str, session: Path):
        self.name, self.session = name, session

    async def review(self, team: str, task: str, criterion: str, score: float, note: str, tally: Tally) -> bool:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "drill", "review", str(self.session), "--team", team, "--task", task,
            "--criterion", criterion, "--score", f"{score:g}", "--note", note,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, error = await process.communicate()
        if process.returncode == 0:
            return True
        if "already open in another drill" in error.decode("utf-8", "replace"):
            tally.lock_refusals += 1
            return False
        raise RuntimeError(f"review failed: {error.decode('utf-8', 'replace')}")


class LiveExpert:
    """An invited expert reviewing over the network (`drill join --expert`), while the server
    is up; a request that meets a dead server is not acknowledged and not counted."""

    when = "up"

    def __init__(self, client: RemoteExpert):
        self.client, self.name = client, client.by

    async def review(self, team: str, task: str, criterion: str, score: float, note: str, tally: Tally) -> bool:
        try:
            await asyncio.wait_for(self.client.review(team, task, criterion, score, note), 5)
            return True
        except (Refused, ConnectionError, asyncio.TimeoutError):
            tally.not_acknowledged += 1
            return False


async def team_loop(client: RemoteTeam, rng: random.Random, tally: Tally, stop: asyncio.Event) -> None:
    version, submitted = 0, set()
    while not stop.is_set():
        await asyncio.sleep(rng.uniform(0.2, 1.0))
        open_tasks = [task for task in TASKS if task not in submitted]
        if not open_tasks or not client.connected:
            continue
        task = rng.choice(open_tasks)
        asked = time.monotonic()
        try:
            if rng.random() < 0.03:
                text = f"[{client.team}/{task}/final] " + FILLER * rng.randint(1, 40)
                await client.submit(task, text, {})
                tally.round_trips.append(time.monotonic() - asked)
                tally.submit_trips.append(tally.round_trips[-1])
                tally.submissions[(client.team, task)] = text
                submitted.add(task)
            else:
                version += 1
                text = f"[{client.team}/{task}/v{version}] " + FILLER * rng.randint(1, 100)
                if await client.save_draft(task, text, {}):
                    tally.round_trips.append(time.monotonic() - asked)
                    tally.drafts[(client.team, task, version)] = None
                else:
                    tally.not_acknowledged += 1
        except Refused as refusal:
            if refusal.key == "already-submitted":  # stored before a kill swallowed the answer
                submitted.add(task)
            else:
                tally.not_acknowledged += 1


HOSTILE = "tx"   # the hostile seat's team: it holds a real code, as a participant would


def count(tally: Tally, what: str, n: int = 1) -> None:
    tally.hostile[what] = tally.hostile.get(what, 0) + n


class Attacker:
    """The hostile seat in a process of its own, so that its work (building and sending
    1 MiB frames, thousands of drafts) does not slow the honest clients' own loop here
    and the round trips measure the server alone. Stopped by SIGTERM, it prints its counts."""

    def __init__(self, url: str, code: str):
        self.command = [sys.executable, __file__, "--attack", url, code]
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(*self.command, stdout=asyncio.subprocess.PIPE)

    async def stop(self, tally: Tally) -> None:
        self.process.send_signal(signal.SIGTERM)
        out, _ = await self.process.communicate()
        for what, n in json.loads(out or b"{}").items():
            count(tally, what, n)


def attack_main(url: str, code: str) -> None:
    async def run() -> dict:
        tally, stop = Tally(), asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        seat = asyncio.create_task(hostile_seat(url, code, tally, stop))
        await stop.wait()
        seat.cancel()   # a paced send may wait long for the server: the counts so far are kept
        await asyncio.gather(seat, return_exceptions=True)
        return tally.hostile

    print(json.dumps(asyncio.run(run())))


async def hostile_seat(url: str, code: str, tally: Tally, stop: asyncio.Event) -> None:
    """One seat doing its worst while the server is up; each of its attacks reconnects after
    the server closes it or is killed, until `stop`."""
    await asyncio.gather(flood_drafts(url, code, tally, stop), read_nothing(url, code, tally, stop),
                         nested_frames(url, code, tally, stop), silent_sockets(url, tally, stop))


async def attack(url: str, stop: asyncio.Event, tally: Tally, name: str, body, **options) -> None:
    while not stop.is_set():
        try:
            async with connect(url, open_timeout=5, compression=None, **options) as ws:
                await body(ws)
        except (OSError, ConnectionClosed, asyncio.TimeoutError, InvalidHandshake) as error:
            code = getattr(getattr(error, "rcvd", None), "code", None) or getattr(getattr(error, "sent", None), "code", None)
            count(tally, f"{name} closed" + (f" {code}" if code else ""))
        await asyncio.sleep(0.2)


async def flood_drafts(url: str, code: str, tally: Tally, stop: asyncio.Event) -> None:
    """Valid drafts (three small, one of 90 KB) as fast as the socket takes them, never waiting for an answer."""
    async def body(ws):
        await ws.send(json.dumps({"type": "hello", "team": HOSTILE, "code": code}))
        reader = asyncio.create_task(drain(ws))
        try:
            for n in itertools.count():
                if stop.is_set():
                    return
                await ws.send(json.dumps({"type": "draft", "id": n, "task": TASKS[n % len(TASKS)], "text": f"flood {n} " + "洪" * (30_000 if n % 4 == 0 else 200), "fields": {}}))
                count(tally, "flood drafts sent")
        finally:
            reader.cancel()
    await attack(url, stop, tally, "flood", body, max_size=None)


async def drain(ws) -> None:
    async for _ in ws:
        pass


async def read_nothing(url: str, code: str, tally: Tally, stop: asyncio.Event) -> None:
    """A terminal of the same team that stops reading after its hello: the flood's drafts are
    copied to it, and must not pile up in the server."""
    async def body(ws):
        await ws.send(json.dumps({"type": "hello", "team": HOSTILE, "code": code}))
        # Reads nothing: its queue of one frame fills, then the socket's buffers. Having stopped
        # reading, it would not even notice the server dying: it gives up when the attack stops.
        closed, stopped = asyncio.ensure_future(ws.wait_closed()), asyncio.ensure_future(stop.wait())
        await asyncio.wait({closed, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if closed.done():
            count(tally, f"non-reader closed by the server {ws.close_code}")
        else:
            closed.cancel()
            ws.transport.abort()
        stopped.cancel()
    while not stop.is_set():  # a small receive buffer, so what it does not read backs up into the server soon
        host, port = url.removeprefix("ws://").rsplit(":", 1)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        try:
            sock.connect((host, int(port)))
            async with connect(url, sock=sock, open_timeout=5, compression=None, max_size=None, max_queue=1, ping_interval=None) as ws:
                await body(ws)
        except (OSError, ConnectionClosed, asyncio.TimeoutError, InvalidHandshake):
            count(tally, "non-reader closed")
        finally:
            sock.close()
        await asyncio.sleep(0.2)


async def nested_frames(url: str, code: str, tally: Tally, stop: asyncio.Event) -> None:
    """1 MiB nested frames: one as a hello (no code needed), then 19 after a real hello."""
    nested = "[" * (p.MAX_FRAME - 16)

    async def before_hello(ws):
        await ws.send(nested)
        await ws.recv()
        count(tally, "nested hello refused")

    async def after_hello(ws):
        await ws.send(json.dumps({"type": "hello", "team": HOSTILE, "code": code}))
        for _ in range(19):
            await ws.send(nested)
            count(tally, "nested requests sent")
        await drain(ws)

    while not stop.is_set():
        await attack_once(url, tally, "nested", before_hello)
        await attack_once(url, tally, "nested", after_hello)
        await asyncio.sleep(0.5)


async def attack_once(url: str, tally: Tally, name: str, body) -> None:
    try:
        async with connect(url, open_timeout=5, compression=None, max_size=None) as ws:
            await body(ws)
    except (OSError, ConnectionClosed, asyncio.TimeoutError, InvalidHandshake):
        count(tally, f"{name} closed")


async def silent_sockets(url: str, tally: Tally, stop: asyncio.Event, held: int = 100) -> None:
    """TCP connections that never finish the handshake, `held` at a time, renewed as the server drops them."""
    host, port = url.removeprefix("ws://").rsplit(":", 1)
    writers: list[asyncio.StreamWriter] = []
    try:
        while not stop.is_set():
            writers = [w for w in writers if not w.is_closing()]
            while len(writers) < held:
                try:
                    _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), 2)
                except (OSError, asyncio.TimeoutError):
                    break
                writers.append(writer)
                count(tally, "silent sockets opened")
            await asyncio.sleep(1)
    finally:
        for writer in writers:
            writer.close()


async def sample_memory(server: "Server", tally: Tally, stop: asyncio.Event) -> None:
    while not stop.is_set():
        process = server.process
        if process is not None and process.returncode is None:
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
                tally.server_rss.append(int(status.split("VmRSS:")[1].split()[0]) * 1024)
            except (OSError, IndexError, ValueError):
                pass
        await asyncio.sleep(0.25)


async def watch_resync(clients: list[RemoteTeam], server: Server, tally: Tally, timeout: float = 30.0) -> None:
    """Wait until every client holds a welcome from the restarted server; note how long each took."""
    pending = {client.team: client for client in clients}
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for team, client in list(pending.items()):
            if client.connected:
                tally.resyncs.append(time.monotonic() - server.ready_at)
                del pending[team]
        await asyncio.sleep(0.005)
    if pending:
        raise RuntimeError(f"{len(pending)} client(s) did not resync within {timeout:.0f} s")


async def soak(folder: Path, *, teams: int = 50, reviewers: int = 2, experts: int = 2, seconds: float = 180, kill_every: float = 5,
               seed: int = 1, hostile: bool = True) -> dict:
    rng = random.Random(seed)
    scenario = write_scenario(folder, teams, [HOSTILE] if hostile else [])
    session, codes_file, port = folder / "soak.drill", folder / "codes.json", free_port()
    tally = Tally()
    names = [f"专家{n}" for n in range(experts)]
    server = Server(scenario, session, port, codes_file, names)
    await server.start(tally)
    url = f"ws://127.0.0.1:{port}"
    codes = json.loads(codes_file.read_text(encoding="utf-8"))
    expert_codes = json.loads(codes_file.with_name("experts.json").read_text(encoding="utf-8"))
    clients = [RemoteTeam(url, f"t{n}", codes[f"t{n}"]) for n in range(teams)]
    panel = [RemoteExpert(url, name, expert_codes[name]) for name in names]
    seats = [OfflineReviewer(f"reviewer-{n}", session) for n in range(reviewers)] + [LiveExpert(client) for client in panel]
    stop = asyncio.Event()
    loops: list[asyncio.Task] = []
    started = time.monotonic()
    try:  # whatever happens, no server is left running
        await asyncio.gather(*(client.start() for client in clients + panel))
        loops = [asyncio.create_task(team_loop(client, random.Random(rng.random()), tally, stop)) for client in clients]
        loops.append(asyncio.create_task(sample_memory(server, tally, stop)))
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            up_for = kill_every * rng.uniform(0.6, 1.4)
            attacker = Attacker(url, codes[HOSTILE]) if hostile else None
            if attacker is not None:
                await attacker.start()
            await asyncio.gather(*(seat_work(seat, "up", tally, rng, up_for) for seat in seats), asyncio.sleep(up_for))
            if attacker is not None:
                await attacker.stop(tally)
            await server.kill()
            await asyncio.gather(*(seat_work(seat, "down", tally, rng, 0) for seat in seats))
            await server.start(tally)
            tally.restarts += 1
            await watch_resync(clients, server, tally)
    finally:
        stop.set()
        await asyncio.gather(*loops, return_exceptions=True)
        await asyncio.gather(*(client.close() for client in clients + panel), return_exceptions=True)
        await server.stop()
    return verify(session, tally, time.monotonic() - started, teams, reviewers, experts)


def percentile(values: list[float], share: float) -> float | None:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else None


async def seat_work(seat: OfflineReviewer | LiveExpert, phase: str, tally: Tally, rng: random.Random, within: float) -> None:
    """A reviewer's turn: one review of an acknowledged submission in its own phase (an
    offline reviewer also tries once while the server is up, to show that the lock turns
    it away); an expert reviews at a random moment of the server's life, a kill may follow."""
    if not tally.submissions:
        return
    if phase != seat.when:
        if seat.when == "down":
            await asyncio.sleep(rng.uniform(0, within / 2))
            target = rng.choice(sorted(tally.submissions))
            await seat.review(*target, "tone", 2, "must be refused", tally)
        return
    if phase == "up":
        await asyncio.sleep(rng.uniform(0, within))
    team, task = rng.choice(sorted(tally.submissions))
    score, note = rng.choice([0, 2, 4]), f"{seat.name} review {len(tally.reviews) + 1}: 语气尚可"
    if await seat.review(team, task, "tone", score, note, tally):
        tally.reviews.append((team, task, "tone", float(score), note))
        tally.expert_reviews += seat.when == "up"


def verify(session: Path, tally: Tally, elapsed: float, teams: int, reviewers: int, experts: int) -> dict:
    """Read the session file back: every acknowledged item must be in it. The file keeps each
    team's latest draft of each task (drill/store/drafts.py), so an acknowledged draft is
    kept when the stored one is it or a later version."""
    events = EventLog(session).events()
    latest: dict[tuple[str, str], int] = {}
    submissions, reviews = {}, set()
    for event in events:
        data = event.data
        if event.type == "draft" and data["team"] != HOSTILE:
            team, task, version = data["text"][1:].split("]", 1)[0].split("/")
            latest[(team, task)] = max(latest.get((team, task), 0), int(version[1:]))
        elif event.type == "submit":
            submissions[(data["team"], data["task"])] = data["text"]
        elif event.type == "review":
            reviews.add((data["team"], data["task"], data["criterion"], float(data["score"]), data["note"]))
    lost = {
        "drafts": sum(1 for team, task, version in tally.drafts if latest.get((team, task), 0) < version),
        "submissions": sum(1 for key, text in tally.submissions.items() if submissions.get(key) != text),
        "reviews": sum(1 for review in tally.reviews if review not in reviews),
    }
    resyncs = sorted(tally.resyncs)
    return {
        "teams": teams, "reviewers": reviewers, "experts": experts, "seconds": round(elapsed, 1), "kills": tally.restarts,
        "acknowledged": {"drafts": len(tally.drafts), "submissions": len(tally.submissions), "reviews": len(tally.reviews),
                         "of_which_by_experts": tally.expert_reviews},
        "lost": lost,
        "not_acknowledged": tally.not_acknowledged,
        "offline_reviews_refused_by_the_lock": tally.lock_refusals,
        "restarts_refused_while_a_review_held_the_file": tally.restart_refusals,
        "resync_s": {"median": round(statistics.median(resyncs), 3) if resyncs else None,
                     "worst": round(resyncs[-1], 3) if resyncs else None},
        "events": len(events),
        "honest_round_trip_ms": {"median": ms(percentile(tally.round_trips, 0.5)), "p99": ms(percentile(tally.round_trips, 0.99)),
                                 "worst": ms(max(tally.round_trips, default=None)), "count": len(tally.round_trips),
                                 "submissions_p99": ms(percentile(tally.submit_trips, 0.99))},
        "server_rss_mb": {"median": mb(percentile(tally.server_rss, 0.5)), "peak": mb(max(tally.server_rss, default=None))},
        "hostile": dict(sorted(tally.hostile.items())),
    }


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def mb(size: int | None) -> float | None:
    return None if size is None else round(size / 1024 / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--reviewers", type=int, default=2)
    parser.add_argument("--experts", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--kill-every", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", action=argparse.BooleanOptionalAction, default=True, help="one hostile seat beside the honest teams")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = asyncio.run(soak(Path(folder), teams=args.teams, reviewers=args.reviewers, experts=args.experts, seconds=args.seconds,
                                  kill_every=args.kill_every, seed=args.seed, hostile=args.hostile))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    acknowledged, lost = result["acknowledged"], result["lost"]
    print(textwrap.dedent(f"""\
        {result['teams']} teams, {result['reviewers']} offline reviewers, {result['experts']} experts, {result['seconds']} s, server SIGKILLed {result['kills']} times
        acknowledged: {acknowledged['drafts']} drafts, {acknowledged['submissions']} submissions, {acknowledged['reviews']} reviews ({acknowledged['of_which_by_experts']} by experts)
        lost: {lost['drafts']} drafts, {lost['submissions']} submissions, {lost['reviews']} reviews (target 0)
        resync after a restart: median {result['resync_s']['median']} s, worst {result['resync_s']['worst']} s
        honest round trips: median {result['honest_round_trip_ms']['median']} ms, p99 {result['honest_round_trip_ms']['p99']} ms (target < 50); server memory peak {result['server_rss_mb']['peak']} MB (target < 200)"""))
    if any(lost.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--attack"]:
        attack_main(*sys.argv[2:4])
        raise SystemExit(0)
    try:
        main()
    except JoinRefused as refusal:
        raise SystemExit(f"a client was not admitted: {refusal}")
