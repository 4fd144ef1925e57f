"""Who is here: the facilitator's console under `drill serve` shows each seat connected, dropped or
never joined, and says when one joins or drops; a real server on a loopback port, real clients."""

from __future__ import annotations

import asyncio
from pathlib import Path

from drill.formats import Loader
from drill.net.client import RemoteTeam
from drill.net.expert_client import RemoteExpert
from drill.net.serve import ServedDrill
from drill.sessions import create
from drill.tui.app import DrillApp

DATA = Path(__file__).parent / "data"


async def until(pilot, condition, timeout: float = 5.0) -> None:
    async def poll():
        while not condition():
            await pilot.pause(0.02)

    await asyncio.wait_for(poll(), timeout)


def seats_text(app) -> str:
    return str(app.screen.query_one("#join").render())


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_console_shows_who_is_here_and_says_when_a_seat_joins_or_drops(tmp_path):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "room.drill")
    served = ServedDrill(session, "127.0.0.1", 0, experts=("李教授",))
    app = DrillApp(session, language="zh-CN", mode="serve", served=served, live=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: served.listening is not None and "未加入" in seats_text(app))
        text = seats_text(app)
        assert text.count("未加入") == 3 and "在场情况" in str(app.screen.query_one("#join-title").render())
        press = RemoteTeam(served.url, "press", served.codes["press"])
        await press.start()
        li = RemoteExpert(served.url, "李教授", served.expert_codes["李教授"])
        await li.start()
        await until(pilot, lambda: seats_text(app).count("在线 · 终端") == 2)
        assert "Press office已加入（终端）" in notices(app) and "专家 · 李教授已加入（终端）" in notices(app)
        press_line = next(line for line in seats_text(app).splitlines() if "press ·" in line)
        assert "● " in press_line and served.codes["press"] in press_line
        await press.close()
        await until(pilot, lambda: "Press office已掉线（终端）" in notices(app))
        press_line = next(line for line in seats_text(app).splitlines() if "press ·" in line)
        assert press_line.startswith("○") and "07:30 掉线" in press_line   # the in-world time it dropped (the clock has not started)
        assert "school ·" in seats_text(app) and seats_text(app).count("未加入") == 1
        log = "\n".join(str(line.text) for line in app.screen.query_one("#activity").lines)
        assert "Press office已掉线" in log
        again = RemoteTeam(served.url, "press", served.codes["press"])   # the team comes back
        await again.start()
        await until(pilot, lambda: seats_text(app).count("在线 · 终端") == 2)
        await again.close()
        await li.close()
        await app.action_quit()


async def test_a_seat_with_two_connections_stays_here_until_both_close(served):
    presence = served.server.presence
    first = RemoteTeam(served.url, "press", served.codes["press"])
    second = RemoteTeam(served.url, "press", served.codes["press"])
    await first.start()
    await second.start()
    assert presence.seat("team", "press").state == "connected"
    assert presence.seat("team", "school").state == "never"
    await first.close()
    await asyncio.sleep(0.2)
    assert presence.seat("team", "press").state == "connected"
    await second.close()
    for _ in range(100):
        if presence.seat("team", "press").state == "dropped":
            break
        await asyncio.sleep(0.02)
    assert presence.seat("team", "press").state == "dropped"


async def test_a_browser_tab_is_told_apart_from_a_terminal(served, monkeypatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")   # as textual-serve runs `drill join`
    tab = RemoteTeam(served.url, "school", served.codes["school"])
    await tab.start()
    assert served.server.presence.seat("team", "school").ways == ["browser"]
    await tab.close()
