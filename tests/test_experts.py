"""Invited experts over the network: a real server on a loopback port, with real clients."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from drill.engine import Refused
from drill.net.client import JoinRefused, RemoteTeam
from drill.net.expert_client import RemoteExpert
from drill.net.serve import ServedDrill
from drill.scoring import score_session
from drill.sessions import open_session

DATA = Path(__file__).parent / "data"
EXPERTS = ("李教授", "Dr. Tran")


async def until(condition, timeout: float = 5.0) -> None:
    async def poll():
        while not condition():
            await asyncio.sleep(0.005)

    await asyncio.wait_for(poll(), timeout)


async def expert(served: ServedDrill, name: str) -> RemoteExpert:
    client = RemoteExpert(served.url, name, served.expert_codes[name])
    await client.start()
    return client


async def team(served: ServedDrill, name: str) -> RemoteTeam:
    client = RemoteTeam(served.url, name, served.codes[name])
    await client.start()
    return client


async def press_at_work(served: ServedDrill) -> RemoteTeam:
    """The press office joined, with the clock started and its first task open on its screen."""
    press = await team(served, "press")
    served.session.start()
    await until(lambda: press.view().tasks)
    return press


@asynccontextmanager
async def raw_expert(panel: ServedDrill, name: str = "李教授"):
    """An expert's connection without the client: said hello, welcomed, the events to follow."""
    async with connect(panel.url) as raw:
        await raw.send(json.dumps({"type": "expert-hello", "expert": name, "code": panel.expert_codes[name]}))
        assert json.loads(await raw.recv())["type"] == "expert-welcome"
        yield raw


def tone(scores) -> object:
    return next(c for c in scores.teams[0].tasks[0].criteria if c.id == "tone")


async def test_two_experts_on_one_criterion_are_both_kept_and_the_mean_is_scored(panel):
    li, tran = await expert(panel, "李教授"), await expert(panel, "Dr. Tran")
    press = await press_at_work(panel)
    await press.submit("assess", "The sealed batch was never served.", {"grade": "major"})
    await until(lambda: li.state.work[("press", "assess")].submitted_at is not None)
    await li.review("press", "assess", "tone", 4, "语气诚恳，信息清楚")
    await tran.review("press", "assess", "tone", 0, "too cold")
    await tran.review("press", "assess", "tone", 2, "on a second reading, adequate")  # replaces only her own
    criterion = tone(score_session(panel.session))
    assert [(r.by, r.level, r.note) for r in criterion.reviews] == [("李教授", 4, "语气诚恳，信息清楚"), ("Dr. Tran", 2, "on a second reading, adequate")]
    assert criterion.points == pytest.approx(3 / 4)  # the mean of 4 and 2, of a top level of 4
    # both experts' screens score the very same thing from their replicas
    await until(lambda: len(li.state.reviews) == 3 and len(tran.state.reviews) == 3)
    assert tone(score_session(li)) == tone(score_session(tran)) == criterion
    for client in (li, tran, press):
        await client.close()


async def test_a_review_the_disk_cannot_take_is_refused_and_recorded_once_freed(panel):
    from test_session_files import fill_the_disk, free_the_disk

    from drill.i18n import Catalog

    li = await expert(panel, "李教授")
    press = await press_at_work(panel)
    await press.submit("assess", "The sealed batch was never served.", {"grade": "major"})
    await until(lambda: li.state.work[("press", "assess")].submitted_at is not None)
    fill_the_disk(panel.session.sink)
    note = "磁盘满时写下的点评。" * 1900  # more than the room left in the file's last pages
    with pytest.raises(Refused) as failed:
        await li.review("press", "assess", "tone", 2, note)
    assert failed.value.key == "unrecorded" and "未被记录" in failed.value.text(Catalog("zh-CN"))
    assert not panel.session.state.reviews  # refused, so never acknowledged
    free_the_disk(panel.session.sink)
    await li.review("press", "assess", "tone", 2, note)
    assert [r.note for r in tone(score_session(panel.session)).reviews] == [note]
    with pytest.raises(Refused) as long:  # more than a request may carry: refused on the expert's side
        await li.review("press", "assess", "tone", 2, note * 2)
    assert long.value.key == "too-long" and "note" in str(long.value)
    for client in (li, press):
        await client.close()


async def test_an_expert_sees_a_submission_within_a_second(panel):
    li = await expert(panel, "李教授")
    press = await press_at_work(panel)
    submitted = time.monotonic()
    await press.submit("assess", "已封存，从未供应。" * 200, {"grade": "major"})
    await until(lambda: li.state.work[("press", "assess")].submitted_at is not None, timeout=1.0)
    assert time.monotonic() - submitted < 1.0
    assert li.state.work[("press", "assess")].draft == "已封存，从未供应。" * 200
    await li.close()
    await press.close()


async def test_expert_codes_never_admit_a_team_and_team_codes_never_admit_an_expert(panel):
    as_team = RemoteTeam(panel.url, "press", panel.expert_codes["李教授"])
    with pytest.raises(JoinRefused, match="invited expert's join code"):
        await as_team.start()
    assert as_team.refusal.key == "join.expert-code"
    as_expert = RemoteExpert(panel.url, "李教授", panel.codes["press"])
    with pytest.raises(JoinRefused, match="a team's join code"):
        await as_expert.start()
    wrong = RemoteExpert(panel.url, "Dr. Tran", panel.expert_codes["李教授"])  # another expert's code
    with pytest.raises(JoinRefused, match="wrong expert name or join code"):
        await wrong.start()
    typed = RemoteExpert(panel.url, "  dr.  TRAN ", panel.expert_codes["Dr. Tran"])  # the name as typed in a hurry
    await typed.start()
    assert [seat.name for seat in panel.server.experts.seats] == ["Dr. Tran"]  # recorded as the facilitator wrote it
    await typed.close()
    stranger = RemoteExpert(panel.url, "Prof. X", "ABCDEF")
    with pytest.raises(JoinRefused, match="wrong expert name or join code"):  # the same words: no list of names leaks
        await stranger.start()
    assert "专家" in stranger.refusal.text(__import__("drill.i18n", fromlist=["Catalog"]).Catalog("zh-CN"))
    assert not set(panel.codes.values()) & set(panel.expert_codes.values())


async def test_experts_cannot_write_for_teams_and_teams_cannot_review_or_see_reviews(panel):
    press = await press_at_work(panel)
    await press.submit("assess", "sealed", {"grade": "major"})
    async with raw_expert(panel) as raw:
        while not json.loads(await raw.recv())["done"]:
            pass
        await raw.send(json.dumps({"type": "submit", "id": 7, "task": "assess", "text": "an expert's words", "fields": {}}))
        answer = json.loads(await raw.recv())
        while answer["type"] == "events":
            answer = json.loads(await raw.recv())
        assert (answer["type"], answer["id"], answer["key"]) == ("error", 7, "teams-only")
        await raw.send(json.dumps({"type": "start", "id": 8}))  # no clock control in the protocol at all
        assert "malformed message" in json.loads(await raw.recv())["message"]
    async with connect(panel.url) as raw:
        await raw.send(json.dumps({"type": "hello", "team": "school", "code": panel.codes["school"]}))
        welcome = json.loads(await raw.recv())
        assert welcome["type"] == "welcome" and "reviews" not in json.dumps(welcome)
        await raw.send(json.dumps({"type": "review", "id": 3, "team": "press", "task": "assess", "criterion": "tone", "score": 0}))
        assert json.loads(await raw.recv())["key"] == "experts-only"
        await raw.send(json.dumps({"type": "observe", "id": 4, "team": "press", "kind": "strength", "text": "x"}))
        assert json.loads(await raw.recv())["key"] == "experts-only"
    assert panel.session.state.reviews == [] and panel.session.state.observations == []
    frames_before = press.received_at
    panel.session.review("press", "assess", "tone", 2, "seen by experts only", by="李教授")
    panel.session.observe("press", "improvement", "slow to confirm", by="李教授")
    await asyncio.sleep(0.3)
    assert press.received_at == frames_before  # not even an update tells the team
    assert [d.inject for d in press.view().injects] == ["post"]
    await press.close()


async def test_an_expert_killed_and_rejoined_sees_every_review_and_observation_it_made(panel):
    press = await press_at_work(panel)
    await press.submit("assess", "sealed, never served", {"grade": "major"})
    li = await expert(panel, "李教授")
    await li.review("press", "assess", "tone", 4, "好")
    await li.review("press", "assess", "facts", 0.5, "half stated")
    await li.observe("press", "strength", "第一时间核实并封存", task="assess")
    await li.plan("press", "assess", {"issue": "statement late", "action": "rehearse sign-off", "element": "training",
                                       "organization": "宣传部", "contact": "王科长", "start": "2026-06-01", "end": "2026-06-30"})
    with pytest.raises(Refused) as refused:
        await li.observe("press", "opinion", "x")
    assert refused.value.key == "observation-kind"
    await li.close()  # killed: the connection is gone with everything the client held
    again = await expert(panel, "李教授")
    mine = [(r["criterion"], r["score"], r["note"]) for r in again.state.reviews if r.get("by") == "李教授"]
    assert mine == [("tone", 4, "好"), ("facts", 0.5, "half stated")]
    assert [(o["kind"], o["text"], o["by"]) for o in again.state.observations] == [("strength", "第一时间核实并封存", "李教授")]
    assert again.state.plan[0]["organization"] == "宣传部" and again.state.plan[0]["by"] == "李教授"
    assert ("press", "assess") in again.state.work and not any(e for e in again.state.work.values() if e.team == "school" and e.draft)
    await again.close()
    await press.close()


async def test_events_bigger_than_a_frame_come_in_several(panel):
    li = await expert(panel, "李教授")
    await press_at_work(panel)
    long = "网传大米发霉，经核实为已封存批次，从未供应学生。" * 7600  # 190,000 characters, about 570 KB each
    panel.session.submit("press", "assess", long, {"grade": "major"})  # both in one burst: 1.1 MB for one flush
    panel.session.submit("school", "assess", long[::-1], {"grade": "major"})
    await until(lambda: li.state.work[("school", "assess")].submitted_at is not None)
    tran = await expert(panel, "Dr. Tran")  # and in the catch-up after a welcome
    for client in (li, tran):
        assert client.state.work[("press", "assess")].draft == long and client.state.work[("school", "assess")].draft == long[::-1]
        await client.close()


async def test_drafts_never_reach_experts(panel):
    li = await expert(panel, "李教授")
    press = await press_at_work(panel)
    await press.save_draft("assess", "私人草稿", {})
    await until(lambda: li.state.work.get(("press", "assess")) is not None)
    await asyncio.sleep(0.2)
    assert li.state.work[("press", "assess")].draft == ""
    late = await expert(panel, "Dr. Tran")  # nor in the catch-up after a welcome
    assert late.state.work[("press", "assess")].draft == ""
    for client in (press, li, late):
        await client.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(session: Path, port: int, codes: Path, expert_codes: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "drill", "serve", str(DATA / "mini.yaml"), "--headless", "--start", "--port", str(port),
               "--session", str(session), "--codes-file", str(codes), "--expert-codes-file", str(expert_codes),
               *(arg for name in EXPERTS for arg in ("--expert", name))]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = process.stdout.readline()
    assert line.startswith("Serving"), line + process.stderr.read()
    return process


async def test_server_killed_and_resumed_loses_no_acknowledged_review_or_observation(tmp_path):
    session, codes_file, experts_file, port = tmp_path / "live.drill", tmp_path / "codes.json", tmp_path / "experts.json", free_port()
    server = start_server(session, port, codes_file, experts_file)
    url = f"ws://127.0.0.1:{port}"
    try:
        codes, expert_codes = (json.loads(path.read_text(encoding="utf-8")) for path in (codes_file, experts_file))
        assert set(codes) == {"press", "school"} and set(expert_codes) == set(EXPERTS)  # --codes-file: team ids only
        press = RemoteTeam(url, "press", codes["press"])
        li, tran = RemoteExpert(url, "李教授", expert_codes["李教授"]), RemoteExpert(url, "Dr. Tran", expert_codes["Dr. Tran"])
        for client in (press, li, tran):
            await client.start()
        await until(lambda: press.view().tasks)
        await press.submit("assess", "sealed, never served", {"grade": "major"})
        await until(lambda: ("press", "assess") in li.state.work and li.state.work[("press", "assess")].submitted_at is not None)
        await li.review("press", "assess", "tone", 4, "清楚")
        await tran.review("press", "assess", "tone", 2, "fine")
        await li.observe("press", "strength", "快速核实")
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        await until(lambda: not li.connected)
        server = start_server(session, port, codes_file, experts_file)
        assert json.loads(experts_file.read_text(encoding="utf-8")) == expert_codes  # same codes after a restart
        await until(lambda: li.connected and tran.connected, timeout=10)
        assert [(r["by"], r["score"]) for r in li.state.reviews] == [("李教授", 4), ("Dr. Tran", 2)]
        await tran.observe("press", "improvement", "声明偏晚", task="assess")
        for client in (press, li, tran):
            await client.close()
    finally:
        server.kill()
        server.wait()
    resumed = open_session(session)
    assert [(r["by"], r["score"], r["note"]) for r in resumed.state.reviews] == [("李教授", 4, "清楚"), ("Dr. Tran", 2, "fine")]
    assert [(o["by"], o["text"]) for o in resumed.state.observations] == [("李教授", "快速核实"), ("Dr. Tran", "声明偏晚")]
    assert tone(score_session(resumed)).points == pytest.approx(3 / 4)
