"""Message catalogs for the interface and reports: English, Chinese and Vietnamese.

Each language is a folder beside this module (`en/`, `zh-CN/`, `vi/`) of YAML files of
`key: text` pairs, one file per area (common, engine, scoring, report, tui), merged on loading;
texts may hold `{name}` placeholders. A missing key
falls back to English, so a half-translated catalog never breaks a screen.

Numbers and dates are written the catalog's way too (`format.*` keys in common.yaml):
a decimal comma and dd/mm/yyyy in Vietnamese, a decimal point elsewhere.
"""

from __future__ import annotations

import locale
import os
from datetime import datetime
from functools import cache
from importlib.resources import files

import yaml

LANGUAGES = ("en", "zh-CN", "vi")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def language_for(tag: str | None) -> str:
    """The catalog for a BCP 47 tag: any Chinese tag gets zh-CN, any Vietnamese tag vi,
    anything else English."""
    primary = tag.lower().split("-")[0] if tag else ""
    if primary == "zh":
        return "zh-CN"
    if primary == "vi":
        return "vi"
    return "en"


def language_of_environment() -> str:
    """The catalog for this machine's own language (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, then
    the locale): what a screen shows before it knows the drill's language, such as the join
    form of `drill join` given no `--lang`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "").split(":")[0].split(".")[0]
        if value and value not in ("C", "POSIX"):
            return language_for(value.replace("_", "-"))
    try:
        found = locale.getlocale()[0] or ""
    except ValueError:
        found = ""
    return language_for(found.replace("_", "-"))


def language_of_browser(accept: str | None) -> str:
    """The catalog for a browser's Accept-Language header (its first choice that drill has,
    else English): the web page's join form before the drill's language is known."""
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip()
        if tag.lower().split("-")[0] in ("en", "zh", "vi"):
            return language_for(tag)
    return "en"


@cache
def _catalog(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    folder = files(__package__) / language
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            messages.update(yaml.load(entry.read_text(encoding="utf-8"), Loader=_Loader) or {})
    return messages


class Catalog:
    """Translated texts for one language: `catalog("key", name=value)`."""

    def __init__(self, tag: str | None = "en"):
        self.language = language_for(tag)

    def __call__(self, key: str, **params: object) -> str:
        text = _catalog(self.language).get(key) or _catalog("en").get(key)
        if text is None:
            raise KeyError(f"no message {key!r} in the catalogs")
        return text.format(**params) if params else text

    def keys(self) -> set[str]:
        return set(_catalog(self.language))

    def number(self, value: float, places: int = 1) -> str:
        """A number as prose prints it: at most `places` decimals, no trailing zeros, with the
        language's decimal mark (12.5 in English and Chinese, 12,5 in Vietnamese)."""
        text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
        return text.replace(".", self("format.decimal-mark"))

    def date_time(self, moment: datetime) -> str:
        """A calendar date and a 24-hour time: 2024-04-16 07:00, 16/09/2024 07:00."""
        return moment.strftime(self("format.date-time"))

    def day_time(self, moment: datetime) -> str:
        """A time on another day of the drill, without the year: 04-17 07:00, 17/09 07:00."""
        return moment.strftime(self("format.day-time"))
