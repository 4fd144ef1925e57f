"""Message catalogs for the interface and reports: English and Chinese.

Each language is a folder beside this module (`en/`, `zh-CN/`) of YAML files of
`key: text` pairs, one file per area (common, engine, scoring, report, tui), merged on loading;
texts may hold `{name}` placeholders. A missing key
falls back to English, so a half-translated catalog never breaks a screen.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

LANGUAGES = ("en", "zh-CN")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def language_for(tag: str | None) -> str:
    """The catalog for a BCP 47 tag: any Chinese tag gets zh-CN, anything else English."""
    if tag and tag.lower().split("-")[0] == "zh":
        return "zh-CN"
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
