"""`drill web` as safe as `drill serve` (issue 22 finding 2): Host and Origin checked, a
`drill join` process only after a valid code, a cap on them, and the debrief page behind
its own code. Plain HTTP from aiohttp's client, no browser needed."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest

from drill.net.pages import DebriefPages, TeamPages

from test_net_hardening import until

DATA = Path(__file__).parent / "data"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def pages(served):
    page = TeamPages(served.url, "127.0.0.1", free_port(), "Drill \u202etxt.exe", allow_hosts=("drill.venue.lan",))
    await page.start()
    yield page
    await page.stop()


async def test_foreign_hosts_and_origins_are_refused(pages):
    base = f"http://127.0.0.1:{pages.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # keeps cookies of an IP address, as browsers do
        async with http.get(base + "/") as ok:
            assert ok.status == 200 and "\u202e" not in await ok.text()   # the title's bidi control neutralised
        async with http.get(base + "/", headers={"Host": "drill.venue.lan:8000"}) as named:
            assert named.status == 200   # a name the facilitator allowed
        async with http.get(base + "/", headers={"Host": "evil.example"}) as rebound:
            assert rebound.status == 403   # DNS rebinding: another name for this machine's address
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(base + "/ws", headers={"Origin": "http://evil.example"})
        assert refused.value.status == 403
    assert pages.running == 0


async def test_no_process_starts_without_a_valid_code(pages, served):
    base = f"http://127.0.0.1:{pages.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # keeps cookies of an IP address, as browsers do
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(base + "/ws")   # no ticket: no `drill join`
        assert refused.value.status == 403
        async with http.post(base + "/", data={"kind": "team", "seat": "press", "code": "WRONG1"}) as wrong:
            assert "wrong team or join code" in await wrong.text() and "drill-ticket" not in wrong.cookies
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await http.ws_connect(base + "/ws")
        assert pages.running == 0 and not pages.tickets
        async with http.post(base + "/", data={"kind": "team", "seat": "press", "code": served.codes["press"]}) as right:
            assert right.status == 200 and "drill-ticket" in right.cookies
        (arguments, _), = pages.tickets.values()
        assert arguments == ["--team", "press", "--code", served.codes["press"]]
        terminal = await http.ws_connect(base + "/ws?width=80&height=24")   # the ticket starts one `drill join`
        assert pages.running == 1 and not pages.tickets   # and is spent
        await terminal.close()
        await until(lambda: pages.running == 0, 20)   # and stops with its tab
        await asyncio.sleep(0.5)


async def test_the_processes_a_page_runs_are_capped(pages, served):
    pages.max_pages = 0
    base = f"http://127.0.0.1:{pages.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # keeps cookies of an IP address, as browsers do
        async with http.post(base + "/", data={"kind": "team", "seat": "press", "code": served.codes["press"]}) as right:
            assert right.status == 200
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(base + "/ws")
        assert refused.value.status == 503


async def test_the_debrief_page_asks_for_its_own_code(tmp_path, served):
    served.session.sink.close()
    page = DebriefPages(served.session.sink.path, "127.0.0.1", free_port())
    await page.start()
    base = f"http://127.0.0.1:{page.port}"
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # keeps cookies of an IP address, as browsers do
            async with http.get(base + "/") as form:
                text = await form.text()
                assert 'name="code"' in text and "Mouldy rice" not in text   # nothing of the drill before the code
            async with http.post(base + "/", data={"code": served.codes["press"]}) as wrong:
                assert "drill-ticket" not in wrong.cookies
            async with http.post(base + "/", data={"code": page.code.lower()}) as right:
                assert "drill-ticket" in right.cookies
    finally:
        await page.stop()
