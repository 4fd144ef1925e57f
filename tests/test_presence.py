"""Who is here: the facilitator's console under `drill serve` shows each seat connected, dropped or
never joined, and says when one joins or drops; a real server on a loopback port, real clients."""

from __future__ import annotations

import asyncio
from datetime import datetime
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
        assert text.count("未加入") == 3 and "谁在场" in str(app.screen.query_one("#join-title").render())
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
        wall = served.server.presence.seat("team", "press").dropped_wall
        assert abs((datetime.now().astimezone() - wall).total_seconds()) < 60
        assert press_line.startswith("○") and f"现实时间 {wall:%H:%M} 掉线（演练时间 07:30）" in press_line   # the clock has not started
        assert "school ·" in seats_text(app) and seats_text(app).count("未加入") == 1
        log = "\n".join(str(line.text) for line in app.screen.query_one("#activity").lines)
        assert "Press office已掉线" in log
        again = RemoteTeam(served.url, "press", served.codes["press"])   # the team comes back
        await again.start()
        await until(pilot, lambda: seats_text(app).count("在线 · 终端") == 2)
        await pilot.resize_terminal(80, 24)   # a narrow console: a short line per seat, under a key to the marks
        await until(pilot, lambda: "● 在线" in seats_text(app))
        assert f"● {served.codes['press']} press 终端" in seats_text(app) and f"· {served.codes['school']} school" in seats_text(app)
        assert "未加入" not in seats_text(app).split("\n", 2)[2]
        await again.close()
        await li.close()
        await app.action_quit()


async def test_a_dropped_seat_shows_the_real_time_it_dropped_whatever_the_drills_clock(tmp_path):
    """The drill's clock may stand still (paused, not started) or run at 60 times real speed: the
    list of seats says when a seat dropped on the wall clock, and the drill's time beside it; on
    a narrow console the real time alone, under a key that says so. Back again, no time."""
    from drill.net.presence import Presence

    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "room.drill")
    walls = iter([datetime(2026, 12, 5, 14, 32), datetime(2026, 12, 5, 15, 7)])
    presence = Presence(["press", "school"], [], lambda: 0.0, wall=lambda: next(walls))   # the drill's clock stands at its start, 07:30
    presence.joined("a", "team", "press", "terminal")
    presence.left("a")
    presence.joined("b", "team", "school", "browser")
    for language, wide, narrow_key in (("en", "dropped at 14:32 real time (07:30 in the drill)", "○ dropped (real time)"),
                                       ("vi", "mất kết nối lúc 14:32 giờ thực (07:30 trong diễn tập)", "○ mất kết nối (giờ thực)"),
                                       ("zh-CN", "现实时间 14:32 掉线（演练时间 07:30）", "○ 掉线（现实时间）")):
        app = DrillApp(session, language=language, live=False)
        async with app.run_test(size=(160, 45)) as pilot:
            app.screen.show_join("ws://127.0.0.1:8765", {"press": "7KXM3Q", "school": "CE9CFJ"}, None, {}, presence)
            await pilot.pause()
            press_line = next(line for line in seats_text(app).splitlines() if "7KXM3Q" in line)
            assert press_line.startswith("○") and press_line.endswith(wide), press_line
            await pilot.resize_terminal(80, 24)
            await until(pilot, lambda: narrow_key in seats_text(app).replace("\n", " "))
            assert "○ 7KXM3Q press 14:32" in seats_text(app) and "07:30" not in seats_text(app)
    presence.listeners.clear()   # the consoles above are closed
    presence.joined("c", "team", "press", "terminal")
    assert presence.seat("team", "press").dropped_wall is None
    presence.left("c")
    assert presence.seat("team", "press").dropped_wall == datetime(2026, 12, 5, 15, 7)


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


async def test_the_web_pages_check_of_a_code_is_no_seat_in_the_room(served):
    """The browser page proves a code with a hello of its own before it starts a workspace; the
    console saw that as the team joining (at a terminal) and dropping a moment later."""
    from drill.net.pages import TeamPages

    changes = []
    served.server.presence.listeners.append(changes.append)
    pages = TeamPages(served.url, "127.0.0.1", 0)
    arguments, refusal = await pages.admit({"kind": "team", "seat": "school", "code": served.codes["school"]})
    assert refusal == "" and arguments[:2] == ["--team", "school"]
    await asyncio.sleep(0.2)
    assert changes == [] and served.server.presence.seat("team", "school").state == "never"


def served_sheet(tmp_path: Path, sheet: str, *extra: str) -> tuple[str, dict[str, str]]:
    """`drill serve --headless --codes-sheet` as a facilitator runs it: the sheet and the codes it was written with."""
    import json
    import subprocess
    import sys
    import time

    out, codes = tmp_path / sheet, tmp_path / "codes.json"
    command = [sys.executable, "-m", "drill", "serve", *extra, "--headless", "--port", "0", "--session", str(tmp_path / "s.drill"),
               "--codes-sheet", str(out), "--codes-file", str(codes), "--expert", "李教授"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not codes.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert codes.exists(), process.stderr.read() if process.poll() is not None else "no codes file"
        return out.read_text(encoding="utf-8"), json.loads(codes.read_text(encoding="utf-8"))
    finally:
        process.terminate()
        process.wait(10)


def test_codes_sheet_has_a_slip_per_seat_in_the_drills_language(tmp_path):
    html, codes = served_sheet(tmp_path, "codes.html", "school-food-rumour")
    assert html.startswith("<!doctype html>") and '<html lang="zh-CN">' in html
    assert "接入码 · 校园食品安全" in html and html.count('class="slip"') == len(codes) + 1
    for team, code in codes.items():
        assert f"--team {team} --code {code}" in html
    assert "市委宣传部" in html and "李教授" in html and "Join" not in html


def test_codes_sheet_as_text_in_the_language_asked(tmp_path):
    text, codes = served_sheet(tmp_path, "codes.txt", "district-hot-spot", "--lang", "en")
    assert text.startswith("Join codes · ") and "UBND phường Đông Giang" in text
    assert all(f"Join code: {code}" in text for code in codes.values())


def test_serve_and_web_speak_the_drills_language_on_the_command_line(tmp_path):
    """`drill serve` of a Chinese drill announces itself in Chinese (or in --lang); `drill web ws://…
    --lang vi` says where the page is in Vietnamese."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "drill", "serve", "school-food-rumour", "--headless", "--port", "0", "--session", str(tmp_path / "zh.drill")]
    served = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = served.stdout.readline()
        assert line.startswith("正在提供 校园食品安全") and "演练记录" in line, line
    finally:
        served.terminate()
        served.communicate(timeout=10)
    port = __import__("socket").socket()
    port.bind(("127.0.0.1", 0))
    free = port.getsockname()[1]
    port.close()
    web = subprocess.Popen([sys.executable, "-m", "drill", "web", "ws://127.0.0.1:1", "--port", str(free), "--lang", "vi"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = web.stdout.readline()
        assert line.startswith(f"Các tổ trên trình duyệt: http://localhost:{free}/") and "Ctrl+C để dừng" in line, line + web.stderr.read()
    finally:
        web.terminate()
        web.communicate(timeout=10)


def test_a_codes_sheet_with_nowhere_to_go_is_refused_before_serving(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "drill", "serve", "school-food-rumour", "--headless", "--port", "0",
                             "--session", str(tmp_path / "s.drill"), "--codes-sheet", str(tmp_path / "missing" / "codes.html")],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "--codes-sheet" in result.stderr and "no folder" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "s.drill").exists()
