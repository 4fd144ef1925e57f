"""The team server against a hostile participant and a failing machine: deep frames, guessed
codes from many connections, a full disk, and a team whose drafts outgrow a frame."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
from websockets.asyncio.client import connect

import drill.net.codes as codes_module
from drill.client import LocalTeam
from drill.engine import Refused
from drill.i18n import Catalog
from drill.net import protocol as p
from drill.net.client import JoinRefused, RemoteTeam, Unstored

from test_session_files import fill_the_disk, free_the_disk


async def until(condition, timeout: float = 5.0) -> None:
    async def poll():
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


async def join(served, team: str) -> RemoteTeam:
    client = RemoteTeam(served.url, team, served.codes[team])
    await client.start()
    return client


async def test_deeply_nested_frames_are_bad_frames_not_crashes(served, caplog):
    caplog.set_level(logging.DEBUG)
    async with connect(served.url, max_size=None) as raw:
        await raw.send("[" * 1000 + "]" * 1000)  # as a hello
        refusal = json.loads(await raw.recv())
        assert refusal["type"] == "refused"
    async with connect(served.url, max_size=None) as raw:
        await raw.send(json.dumps({"type": "hello", "team": "school", "code": served.codes["school"]}))
        assert json.loads(await raw.recv())["type"] == "welcome"
        deep = '{"type": "draft", "id": 1, "task": "assess", "text": "x", "fields": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}"
        for frame in ("[" * 100_000 + "]" * 100_000, deep, "[" * 3000):
            await raw.send(frame)
            answer = json.loads(await raw.recv())
            assert answer["type"] == "error" and "nested" in answer["message"], answer
        for _ in range(p_bad_left := 20 - 3):
            await raw.send("[" * 2000)
        answers = [json.loads(await raw.recv()) for _ in range(p_bad_left)]
        assert all(a["type"] == "error" for a in answers)
        with pytest.raises(Exception):
            await raw.recv()  # closed: 20 bad frames, the deep ones counted among them
        assert raw.close_code == 1008
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage() or r.levelno >= logging.ERROR]
    press = await join(served, "press")  # the session goes on
    await press.close()


async def test_a_refusal_does_not_tell_which_teams_exist(served):
    wrong, ghost = RemoteTeam(served.url, "press", "WRONG1"), RemoteTeam(served.url, "ghost", "ABCDEF")
    with pytest.raises(JoinRefused) as for_press:
        await wrong.start()
    with pytest.raises(JoinRefused) as for_ghost:
        await ghost.start()
    assert str(for_press.value) == str(for_ghost.value) == "wrong team or join code"


async def test_wrong_codes_count_across_successes(served, monkeypatch):
    monkeypatch.setattr(codes_module, "FREE_TRIES", 1)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.6)
    with pytest.raises(JoinRefused):
        await RemoteTeam(served.url, "school", "WRONG7").start()
    right = await join(served, "press")  # knowing its own code does not wipe the count
    await right.close()
    started = time.monotonic()
    with pytest.raises(JoinRefused):
        await RemoteTeam(served.url, "school", "WRONG8").start()
    assert time.monotonic() - started >= 0.55
    assert served.server.guesses.failures  # still remembered


async def hello(served, team: str, code: str, source: str = "127.0.0.1") -> tuple[str, float]:
    started = time.monotonic()
    async with connect(served.url, local_addr=(source, 0)) as raw:
        await raw.send(json.dumps({"type": "hello", "team": team, "code": code}))
        answer = json.loads(await raw.recv())
    return answer["type"], time.monotonic() - started


async def test_parallel_connections_guess_no_faster_than_one(served, monkeypatch):
    monkeypatch.setattr(codes_module, "FREE_TRIES", 1)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.4)
    answers = await asyncio.gather(*(hello(served, "press", f"WRONG{n}") for n in range(6)))
    assert all(kind == "refused" for kind, _ in answers)
    # one free answer, then one every 0.4 s however many connections ask at once
    assert max(took for _, took in answers) >= 5 * 0.4 - 0.05


async def test_guesses_for_one_team_spread_over_addresses_buy_one_try_each(served, monkeypatch):
    monkeypatch.setattr(codes_module, "FREE_TRIES", 1)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.5)
    first = await hello(served, "press", "WRONG1", "127.0.0.2")
    second = await hello(served, "press", "WRONG2", "127.0.0.3")   # a clean address: its first try is free
    third = await hello(served, "press", "WRONG3", "127.0.0.3")    # its second waits: the team is under attack
    assert first[0] == second[0] == third[0] == "refused"
    assert first[1] < 0.4 and second[1] < 0.4 and third[1] >= 0.45
    other = await hello(served, "school", served.codes["school"], "127.0.0.4")
    assert other[0] == "welcome" and other[1] < 0.4  # another team from another address is not held up


async def test_guessing_a_team_code_does_not_lock_the_team_out(served, monkeypatch):
    monkeypatch.setattr(codes_module, "FREE_TRIES", 2)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.4)
    notices = []
    served.server.on_wrong_codes = lambda seat, count, address: notices.append((seat, count, address))
    guesses = asyncio.gather(*(hello(served, "press", f"WRONG{n}", "127.0.0.7") for n in range(8)))
    await asyncio.sleep(0.3)   # the guesser is being slowed down now
    right = await hello(served, "press", served.codes["press"], "127.0.0.8")
    assert right[0] == "welcome" and right[1] < 0.3   # the team at its own terminal gets straight in
    assert all(kind == "refused" for kind, _ in await guesses)
    again = await hello(served, "press", served.codes["press"], "127.0.0.7")   # the guesser's own address: after its wait
    assert again[0] == "welcome"
    assert notices and notices[0] == ("team press", 2, "127.0.0.7")   # the console hears of it


async def test_a_guesser_does_not_hold_up_other_teams_at_the_same_address(served, monkeypatch):
    """Every browser team joins through `drill web`'s own connection, and a room may sit behind
    one router: one person guessing press there must not keep school waiting with its right code."""
    monkeypatch.setattr(codes_module, "FREE_TRIES", 2)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.4)
    guesses = asyncio.gather(*(hello(served, "press", f"WRONG{n}", "127.0.0.9") for n in range(8)))
    await asyncio.sleep(0.3)   # the guesser is being slowed down now
    school = await hello(served, "school", served.codes["school"], "127.0.0.9")
    assert school[0] == "welcome" and school[1] < 0.3
    assert all(kind == "refused" for kind, _ in await guesses)


async def test_disk_full_keeps_the_draft_on_the_team_computer_and_says_so(served):
    press = await join(served, "press")
    served.session.start()
    await until(lambda: press.view().tasks)
    fill_the_disk(served.session.sink)
    text = "磁盘满时写下的研判：" * 8000
    with pytest.raises(Unstored) as failed:
        await press.save_draft("assess", text, {"grade": "major"})
    assert failed.value.text(Catalog("zh-CN")).startswith("演练主机磁盘已满")
    assert "out of disk space" in failed.value.text(Catalog("en"))
    assert press.unsaved == {"assess": (text, {"grade": "major"})} and press.connected  # kept, as when offline
    with pytest.raises(Unstored):
        await press.submit("assess", text, {"grade": "major"})  # not acknowledged, so not lost
    assert served.session.state.work[("press", "assess")].submitted_at is None
    free_the_disk(served.session.sink)
    assert await press.save_draft("assess", text, {"grade": "major"})
    assert served.session.state.work[("press", "assess")].draft == text and not press.unsaved
    await press.close()


async def test_disk_full_in_one_terminal_is_refused_in_the_team_language(served):
    served.session.start()
    local = LocalTeam(served.session, "press")
    fill_the_disk(served.session.sink)
    with pytest.raises(Refused) as failed:
        await local.save_draft("assess", "大" * 100_000, {})
    assert failed.value.key == "disk-full" and "磁盘已满" in failed.value.text(Catalog("zh-CN"))
    free_the_disk(served.session.sink)


async def test_a_team_with_two_200000_character_drafts_can_rejoin(served):
    session = served.session
    session.start()
    big = {"assess": "甲" * 200_000, "statement": "乙" * 199_999 + "\u0001"}  # 3 bytes a character, and an escape
    session.save_draft("press", "assess", big["assess"], {"grade": "major"})
    session.jump_next()  # 30m: the statement opens
    session.save_draft("press", "statement", big["statement"], {})
    async with connect(served.url, max_size=p.MAX_FRAME) as raw:  # the client's own limit
        await raw.send(json.dumps({"type": "hello", "team": "press", "code": served.codes["press"]}))
        welcome = json.loads(await raw.recv())
        assert welcome["type"] == "welcome" and welcome["drafts"] == 2
        sizes = [len(json.dumps(welcome).encode())]
        done = 0
        while done < 2:
            frame = await raw.recv()
            sizes.append(len(frame.encode()))
            done += not json.loads(frame)["more"]
    assert max(sizes) <= p.MAX_FRAME
    press = await join(served, "press")
    tasks = {task.id: task for task in press.view().tasks}
    assert tasks["assess"].draft == big["assess"] and tasks["assess"].draft_fields == {"grade": "major"}
    assert tasks["statement"].draft == big["statement"]
    other = await join(served, "press")  # a second terminal of the same team hears of new drafts
    await press.save_draft("statement", "丙" * 150_000, {})
    await until(lambda: {t.id: t for t in other.view().tasks}["statement"].draft == "丙" * 150_000)
    await press.close()
    await other.close()
