"""Teams in a browser: headless Chromium opens the page, joins as a team and gets the first inject."""

from __future__ import annotations

import asyncio
import shutil
import socket
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from drill.formats import Loader
from drill.net.serve import ServedDrill
from drill.sessions import create

playwright = pytest.importorskip("playwright.async_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="needs the system's Chromium (apt-get install chromium)"),
    # A browser and a terminal app in a subprocess on a shared, busy machine: timing, not logic.
    pytest.mark.flaky(reruns=2),
]

DATA = Path(__file__).parent / "data"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def until_painted(page, colour, what: str, clip: dict | None = None, timeout: float = 60) -> None:
    """Wait until a pixel matching `colour(r, g, b)` is drawn in the terminal canvas."""
    from io import BytesIO

    from PIL import Image

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        shot = Image.open(BytesIO(await page.screenshot(clip=clip))).convert("RGB")
        if any(colour(r, g, b) for r, g, b in shot.get_flattened_data()):
            await asyncio.sleep(0.5)
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"{what} never appeared in the page")


@asynccontextmanager
async def browser_page(url: str, outside: list[str], width: int, height: int, form: dict[str, str]):
    """A headless Chromium page at `url`, its terminal canvas up; every address it fetches
    from outside this machine goes into `outside`."""
    async with playwright.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await browser.new_page(viewport={"width": width, "height": height})
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://localhost", "ws://localhost")) else None)
        await page.goto(url)
        # The page asks for the code before it starts any process (docs/network.md).
        if "kind" in form:
            await page.check(f'input[name=kind][value={form["kind"]}]')
        for name in ("seat", "code"):
            if name in form:
                await page.fill(f"input[name={name}]", form[name])
        await page.click("button[type=submit]")
        await page.wait_for_selector(".xterm-screen", timeout=20_000)
        try:
            yield page
        finally:
            await browser.close()


async def test_browser_joins_as_a_team_and_receives_the_first_inject(tmp_path):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "web.drill")
    served = ServedDrill(session, "127.0.0.1", 0, web_port=free_port())
    await served.start()
    outside: list[str] = []
    try:
        form = {"kind": "team", "seat": "press", "code": served.codes["press"]}
        async with browser_page(served.pages.url, outside, 1000, 700, form) as page:
            for _ in range(200):
                if any(client.team == "press" for client in served.server.clients):
                    break
                await asyncio.sleep(0.1)
            assert [client.team for client in served.server.clients] == ["press"]
            session.start()  # the first inject fires and goes to the browser's team
            client = served.server.clients[0]
            for _ in range(100):
                if client.delivered >= 1:
                    break
                await asyncio.sleep(0.05)
            assert client.delivered == 1
            await asyncio.sleep(1.5)
            await page.screenshot(path=str(tmp_path / "team-in-browser.png"))
    finally:
        await served.stop()
    assert outside == [], "the page fetched something from outside this machine"


async def test_the_debrief_presenter_in_a_browser(tmp_path):
    """`drill debrief SESSION --web-port` serves the presenter: the heat curve is drawn, and
    keys pressed in the page step through the drill."""
    from drill.net.pages import DebriefPages
    from drill.simulate import simulate

    loader = Loader()
    exercise = loader.load_exercise(DATA / "mini.yaml")
    simulate(exercise, loader.load_responses(DATA / "mini-responses.yaml", exercise), tmp_path / "played.drill").sink.close()
    pages = DebriefPages(tmp_path / "played.drill", "127.0.0.1", free_port(), language="en")
    await pages.start()
    outside: list[str] = []
    try:
        async with browser_page(pages.url, outside, 1400, 800, {"code": pages.code}) as page:
            await until_painted(page, lambda r, g, b: r < 90 and g > 140 and b > 140, "the presenter")   # the cyan badge of "task opens"
            await page.mouse.click(700, 400)
            first = await page.screenshot()
            for _ in range(6):
                await page.keyboard.press("ArrowRight")
            await page.keyboard.press("End")
            await asyncio.sleep(1.5)
            last = await page.screenshot(path=str(tmp_path / "debrief-in-browser.png"))
            assert last != first   # the keys reached the presenter: another moment is shown
    finally:
        await pages.stop()
    assert outside == [], "the page fetched something from outside this machine"


async def test_browser_joins_as_an_expert_and_sees_a_submission(tmp_path):
    session = create(Loader().load_exercise(DATA / "mini.yaml"), tmp_path / "web-expert.drill")
    served = ServedDrill(session, "127.0.0.1", 0, web_port=free_port(), experts=("李教授",))
    await served.start()
    outside: list[str] = []
    try:
        form = {"kind": "expert", "seat": "李教授", "code": served.expert_codes["李教授"]}
        async with browser_page(served.pages.url, outside, 1000, 700, form) as page:
            desk = served.server.experts
            for _ in range(200):
                if desk.seats and desk.seats[0].ready:
                    break
                await asyncio.sleep(0.1)
            assert [seat.name for seat in desk.seats] == ["李教授"] and served.server.clients == []
            session.start()
            session.submit("press", "assess", "The sealed batch was never served.", {"grade": "major"})
            await asyncio.sleep(0.5)
            assert desk.seats[0].queue == []  # delivered to the browser's review screen
            await asyncio.sleep(1.5)
            await page.screenshot(path=str(tmp_path / "expert-in-browser.png"))
    finally:
        await served.stop()
    assert outside == [], "the page fetched something from outside this machine"
