"""Teams over the network: a real server on a loopback port, with real clients."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from drill.engine import Refused
from drill.net.client import JoinRefused, RemoteTeam
from drill.net.serve import ServedDrill
from drill.sessions import open_session

DATA = Path(__file__).parent / "data"


async def until(condition, timeout: float = 5.0) -> None:
    async def poll():
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


async def join(served: ServedDrill, team: str) -> RemoteTeam:
    client = RemoteTeam(served.url, team, served.codes[team])
    await client.start()
    return client


async def test_inject_reaches_every_client_and_drafts_stay_private(served):
    press, school = await join(served, "press"), await join(served, "school")
    served.session.start()  # the 0m inject fires
    await until(lambda: press.view().injects and school.view().injects)
    assert press.view().injects[0].title == "Mouldy rice?" and school.view().injects[0].inject == "post"
    await press.save_draft("assess", "只有宣传部能看到的草稿", {"grade": "major"})
    assert served.session.state.work[("press", "assess")].draft == "只有宣传部能看到的草稿"
    await until(lambda: press.view().tasks and press.view().tasks[0].draft == "只有宣传部能看到的草稿")
    await asyncio.sleep(0.1)
    assert school.view().tasks[0].draft == ""
    await press.submit("assess", "final", {"grade": "major"})
    with pytest.raises(Refused, match="submitting is final"):
        await press.submit("assess", "again", {})
    await press.close()
    await school.close()


async def test_wrong_code_refused(served):
    wrong = RemoteTeam(served.url, "press", "WRONG1")
    with pytest.raises(JoinRefused, match="wrong team or join code"):
        await wrong.start()
    ghost = RemoteTeam(served.url, "ghost", "ABCDEF")
    with pytest.raises(JoinRefused, match="wrong team or join code"):  # the same words: no team list leaks
        await ghost.start()


async def test_codes_are_short_unambiguous_and_case_insensitive(served):
    codes = served.codes
    assert len(set(codes.values())) == len(codes)
    assert all(len(code) == 6 and not set(code) & set("01OILSZ5B8UV2") for code in codes.values())
    client = RemoteTeam(served.url, "school", codes["school"].lower()[:3] + "-" + codes["school"].lower()[3:])
    await client.start()
    assert client.connected
    await client.close()


async def test_malformed_and_oversized_frames_are_refused_and_the_session_goes_on(served):
    press = await join(served, "press")
    async with connect(served.url, max_size=None) as raw:
        await raw.send(json.dumps({"type": "hello", "team": "school", "code": served.codes["school"]}))
        assert json.loads(await raw.recv())["type"] == "welcome"
        await raw.send("{not json")
        assert json.loads(await raw.recv()) == {"type": "error", "id": None, "message": "malformed message: not JSON", "key": None, "params": {}}
        await raw.send(json.dumps({"type": "submit", "id": 1, "task": "assess", "text": 5}))
        assert "malformed message" in json.loads(await raw.recv())["message"]
        await raw.send(json.dumps({"type": "draft", "id": 2, "task": "assess", "text": "x", "team": "press"}))
        assert "malformed message" in json.loads(await raw.recv())["message"]  # no way to speak for another team
        await raw.send("x" * (2 * 1024 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            await raw.recv()
        assert closed.value.rcvd.code == 1009  # message too big
    served.session.start()
    await until(lambda: press.view().injects)
    await press.save_draft("assess", "still fine", {})
    assert served.session.state.work[("press", "assess")].draft == "still fine"
    await press.close()


async def test_client_reconnects_resyncs_and_keeps_its_draft(served):
    press = await join(served, "press")
    served.session.start()
    await until(lambda: press.view().injects)
    for client in list(served.server.clients):  # the network drops
        await client.ws.close()
    await until(lambda: not press.connected)
    await press.save_draft("assess", "typed while offline 离线时输入", {})
    assert "assess" in press.unsaved
    served.session.adhoc(channel="phone", title="记者来电", body="?", to=["press"])
    await until(lambda: press.connected, timeout=10)
    await until(lambda: not press.unsaved)
    assert served.session.state.work[("press", "assess")].draft == "typed while offline 离线时输入"
    assert press.view().injects[0].title == "记者来电"  # caught up on what it missed
    restarted = await join(served, "press")  # a client killed and started again
    assert [d.inject for d in restarted.view().injects] == [d.inject for d in press.view().injects]
    await press.close()
    await restarted.close()


async def test_each_team_receives_its_own_heat_curve_point_by_point(tmp_path):
    from drill.formats import Loader
    from drill.sessions import create

    session = create(Loader().load_exercise(DATA / "heat.yaml"), tmp_path / "heat.drill")
    drill = ServedDrill(session, "127.0.0.1", 0)
    await drill.start()
    try:
        press, school = await join(drill, "press"), await join(drill, "school")
        session.start()
        session.submit("press", "statement", "无可奉告。据说大米已供应给学生。", {})  # backfires on press alone

        def caught_up() -> bool:
            return all(client.view().heat_history == session.team_view(client.team).heat_history
                       for client in (press, school))

        await until(caught_up)
        assert press.view().heat_history != school.view().heat_history
        assert press.view().heat_history[-1][1] == press.view().team_heat
        late = await join(drill, "press")  # a new client gets the whole curve in its welcome
        assert late.view().heat_history == press.view().heat_history
        for client in (press, school, late):
            await client.close()
    finally:
        await drill.stop()


async def test_finished_drill_says_so(served):
    served.session.start()
    served.session.end()
    late = await join(served, "press")
    assert late.view().ended
    with pytest.raises(Refused, match="ended"):
        await late.submit("assess", "too late", {})
    await late.close()


def start_server(scenario: Path, session: Path, port: int, codes: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "drill", "serve", str(scenario), "--headless", "--start", "--port", str(port),
               "--session", str(session), "--codes-file", str(codes)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = process.stdout.readline()
    assert line.startswith("Serving"), line + process.stderr.read()
    return process


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_server_killed_and_restarted_loses_no_acknowledged_submission(tmp_path):
    session, codes_file, port = tmp_path / "live.drill", tmp_path / "codes.json", free_port()
    server = start_server(DATA / "mini.yaml", session, port, codes_file)
    try:
        codes = json.loads(codes_file.read_text(encoding="utf-8"))
        press = RemoteTeam(f"ws://127.0.0.1:{port}", "press", codes["press"])
        school = RemoteTeam(f"ws://127.0.0.1:{port}", "school", codes["school"])
        await press.start()
        await school.start()
        await until(lambda: press.view().tasks)
        await press.submit("assess", "宣传部的研判：重大或较大", {"grade": "major"})
        await school.save_draft("assess", "school draft", {})
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        await until(lambda: not press.connected)
        server = start_server(DATA / "mini.yaml", session, port, codes_file)
        assert json.loads(codes_file.read_text(encoding="utf-8")) == codes  # same codes after a restart
        await until(lambda: press.connected and school.connected, timeout=10)
        assert press.view().tasks[0].status in ("on-time", "late")
        await school.submit("assess", "school final", {})
        await press.close()
        await school.close()
    finally:
        server.kill()
        server.wait()
    resumed = open_session(session)
    assert resumed.state.work[("press", "assess")].draft == "宣传部的研判：重大或较大"
    assert resumed.state.work[("school", "assess")].submitted_at is not None


async def test_unreachable_server_is_a_clear_refusal():
    client = RemoteTeam(f"ws://127.0.0.1:{free_port()}", "press", "ABCDEF")
    with pytest.raises(JoinRefused, match="cannot reach a drill server"):
        await client.start(timeout=1.0)


async def test_repeated_wrong_codes_are_slowed_down(served, monkeypatch):
    import time

    import drill.net.codes as codes_module

    monkeypatch.setattr(codes_module, "FREE_TRIES", 1)
    timings = []
    for _ in range(2):
        started = time.monotonic()
        with pytest.raises(JoinRefused):
            await RemoteTeam(served.url, "press", "WRONG7").start()
        timings.append(time.monotonic() - started)
    assert timings[0] < 1.0 and timings[1] >= 1.95  # the second wrong code waits 2 s
    client = RemoteTeam(served.url, "press", served.codes["press"])
    await client.start()  # the right code still gets in (in its turn), and the count is kept
    assert served.server.guesses.failures
    await client.close()


async def test_a_team_deep_into_a_long_drill_rejoins_with_every_inject(served):
    """The welcome carries the newest injects that fit half a frame; older ones follow in
    `earlier-injects` frames, so a history past the 1 MiB frame limit still arrives whole."""
    session = served.session
    session.start()
    for n in range(150):  # about 2.2 MB of Chinese text for the press office
        session.adhoc(channel="note", title=f"第{n}条通报", body=f"第{n}条：" + "情况说明" * 1250, to=["press"])
    press = await join(served, "press")
    try:
        assert press.welcome.earlier >= 3
        titles = [d.title for d in press.view().injects]
        assert titles == [d.title for d in session.team_view("press").injects]  # all of them, newest first
        assert titles[0] == "第149条通报" and "Mouldy rice?" in titles
        session.adhoc(channel="note", title="新通报", body="又一条", to=["press"])
        await until(lambda: press.view().injects[0].title == "新通报")  # updates go on as before
    finally:
        await press.close()
