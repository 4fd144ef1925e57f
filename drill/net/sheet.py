"""The sheet of join codes to hand out: one printable page, a slip per seat (every team, every
invited expert) with its name, its code and how to join, in the drill's language.

A trainer prints it before the room fills and cuts it into slips, so each team gets its
own code and nobody reads codes off the projector. `drill serve --codes-sheet FILE`
writes it once the server listens (the address is known then): HTML for a `.html` file,
plain text otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..i18n import Catalog


@dataclass(frozen=True)
class Slip:
    who: str        # the team's name, or the expert's
    seat: str       # what to type: the team id, or the expert's name
    code: str
    command: str    # the `drill join` line for a terminal


def slips(url: str, teams: dict[str, str], codes: dict[str, str], experts: dict[str, str]) -> list[Slip]:
    """`teams` maps ids to names, in the scenario's order."""
    found = [Slip(name, team, codes[team], f"drill join {url} --team {team} --code {codes[team]}") for team, name in teams.items() if team in codes]
    found += [Slip(name, name, code, f'drill join {url} --expert "{name}" --code {code}') for name, code in experts.items()]
    return found


def sheet_text(title: str, url: str, page: str | None, seats: list[Slip], t: Catalog) -> str:
    lines = [t("sheet.title", title=title), "", t("sheet.terminal", url=url)]
    if page:
        lines.append(t("sheet.browser", url=page))
    for slip in seats:
        lines += ["", "-" * 60, slip.who, t("sheet.seat", seat=slip.seat), t("sheet.code", code=slip.code), slip.command]
    return "\n".join(lines) + "\n"


def sheet_html(title: str, url: str, page: str | None, seats: list[Slip], t: Catalog) -> str:
    e = escape
    cards = "\n".join(
        f'<section class="slip"><h2>{e(slip.who)}</h2><p>{e(t("sheet.seat", seat=slip.seat))}</p>'
        f'<p class="code">{e(slip.code)}</p><p class="how"><code>{e(slip.command)}</code></p></section>'
        for slip in seats)
    browser = f"<p>{e(t('sheet.browser', url=page))}</p>" if page else ""
    return f"""<!doctype html>
<html lang="{e(t.language)}"><head><meta charset="utf-8"><title>{e(t("sheet.title", title=title))}</title>
<style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; margin: 0; }}
h1 {{ font-size: 15pt; margin: 0 0 4pt; }}
.slips {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0; margin-top: 8pt; }}
.slip {{ border: 1px dashed #888; padding: 6pt 9pt; break-inside: avoid; }}
.slip h2 {{ font-size: 12pt; margin: 0 0 3pt; }}
.slip p {{ margin: 2pt 0; font-size: 10pt; }}
.slip .code {{ font: bold 24pt monospace; letter-spacing: 4pt; margin: 4pt 0; }}
.how code {{ font-size: 8pt; word-break: break-all; }}
</style></head>
<body><h1>{e(t("sheet.title", title=title))}</h1>
<p>{e(t("sheet.terminal", url=url))}</p>{browser}
<div class="slips">
{cards}
</div></body></html>
"""


def sheet(path: Path, title: str, url: str, page: str | None, seats: list[Slip], t: Catalog) -> str:
    """The sheet for `path`: HTML for a .html file, plain text otherwise."""
    html = path.suffix.lower() in (".html", ".htm")
    return (sheet_html if html else sheet_text)(title, url, page, seats, t)
