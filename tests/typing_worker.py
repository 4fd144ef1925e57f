"""A team typing into `drill join` in a separate process, killed by tests/test_kept_typing.py
mid-typing. It saves a first sentence (the server acknowledges it), moves the cursor
into it and types on one character at a time, printing `TYPED n` once the n-th key
has been handled; the test kills it with SIGKILL while it types on.
"""

import asyncio
import sys

from textual import events
from textual.keys import _character_to_key
from textual.widgets import TextArea

from drill.tui import join
from drill.tui.team import TeamScreen

SAVED = "网传江川市第三实验小学食堂使用发霉大米。"
TYPED = "（经核实：涉事大米已封存，未供应学生。）" * 5
AT = 8   # the cursor goes back here before typing on: into the middle of the saved sentence


async def main(url: str, team: str, code: str) -> None:
    join.AUTOSAVE_SECONDS = 3600   # the server holds the first sentence only: what follows is on this computer alone
    app = join.JoinApp(url, team, code)
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, TeamScreen) and app.screen.view.tasks):
            await pilot.pause(0.05)
        await pilot.press("f6", "enter")
        while not isinstance(app.focused, TextArea):
            await pilot.pause(0.05)
        area = app.focused
        area.insert(SAVED)
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        print("SAVED", flush=True)
        area.move_cursor((0, AT))
        for n, character in enumerate(TYPED, 1):
            key = events.Key(_character_to_key(character), character)   # as a terminal reports it
            key.set_sender(app)                                         # (Pilot.press drops the character of ，。)
            app._driver.send_message(key)
            await pilot.pause()
            print(f"TYPED {n}", flush=True)
        await asyncio.sleep(60)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
