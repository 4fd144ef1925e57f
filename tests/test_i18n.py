"""Message catalogs: English, Chinese and Vietnamese say the same things, and every refusal can be said."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from drill.engine import Refused
from drill.i18n import Catalog, language_for

ROOT = Path(__file__).parent.parent
CATALOGS = ROOT / "drill" / "i18n"


def keys(language: str, area: str) -> set[str]:
    return set(yaml.safe_load((CATALOGS / language / f"{area}.yaml").read_text(encoding="utf-8")) or {})


def messages(language: str, area: str) -> dict[str, str]:
    return yaml.safe_load((CATALOGS / language / f"{area}.yaml").read_text(encoding="utf-8")) or {}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


@pytest.mark.parametrize("language", ["zh-CN", "vi"])
def test_every_english_key_is_translated_with_the_same_placeholders(language):
    areas = sorted(p.stem for p in (CATALOGS / "en").glob("*.yaml"))
    assert areas == sorted(p.stem for p in (CATALOGS / language).glob("*.yaml"))
    for area in areas:
        english, translated = messages("en", area), messages(language, area)
        assert set(english) == set(translated), (area, set(english) ^ set(translated))
        for key, text in english.items():
            assert placeholders(str(text)) == placeholders(str(translated[key])), (language, key)
            assert str(translated[key]).strip() or key.endswith("joiner"), (language, key)


def test_vietnamese_numbers_and_dates():
    vi, en = Catalog("vi"), Catalog("en")
    assert (vi.number(12.5), en.number(12.5), vi.number(85.0), vi.number(2.25, 2)) == ("12,5", "12.5", "85", "2,25")
    moment = datetime(2024, 9, 16, 7, 5)
    assert (vi.date_time(moment), vi.day_time(moment)) == ("16/09/2024 07:05", "16/09 07:05")
    assert (en.date_time(moment), Catalog("zh-CN").date_time(moment)) == ("2024-09-16 07:05", "2024-09-16 07:05")
    assert vi("refused.already-submitted", team="ward", task="statement", time="14:30").startswith("Tổ “ward” đã nộp")


def test_every_refusal_in_the_code_has_a_message():
    used = set()
    for path in (ROOT / "drill").rglob("*.py"):
        used |= set(re.findall(r'(?:Refused|Offline)\("([a-z-]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= {key.removeprefix("refused.") for area in ("engine", "limits") for key in keys("en", area)}


def test_refusal_in_chinese():
    refusal = Refused("already-submitted", team="press", task="statement", time="09:30")
    assert str(refusal) == "Team 'press' already submitted task 'statement' at 09:30; submitting is final, once per task."
    assert refusal.text(Catalog("zh-CN")) == "小组“press”已于 09:30 提交任务“statement”；每项任务只能提交一次，提交即为最终稿。"


def test_language_tags():
    assert language_for("zh-CN") == language_for("zh-Hans") == language_for("zh") == "zh-CN"
    assert language_for("vi") == language_for("vi-VN") == "vi"
    assert language_for("en-GB") == language_for("fr") == language_for(None) == "en"


@pytest.mark.parametrize("language", ["en", "zh-CN", "vi"])
def test_one_thing_has_one_name_in_each_language(language):
    """The term list (drill/i18n/terms/LANG.yaml) names each idea once: no catalog text of the
    language calls it by another name (信息, 推送, 情况推送, 情况注入 for an inject in Chinese),
    nor uses the other kind of brackets."""
    terms = yaml.safe_load((CATALOGS / "terms" / f"{language}.yaml").read_text(encoding="utf-8"))
    texts = {f"{path.name}:{key}": str(text) for path in (CATALOGS / language).glob("*.yaml")
             for key, text in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}
    for idea, entry in terms.items():
        for banned in entry.get("not", []):
            found = {key: text for key, text in texts.items() if banned in _without(text, entry.get("except", []))}
            assert not found, (language, idea, banned, found)
    assert any(terms["inject"]["term"] in text for text in texts.values())


def _without(text: str, allowed: list[str]) -> str:
    for word in allowed:
        text = text.replace(word, "")
    return text


def test_a_screen_that_does_not_know_the_drill_yet_speaks_the_users_language(monkeypatch):
    """The join form of `drill join` without --lang follows the machine's language, and the
    web page's the browser's, before the drill's own language is known."""
    from drill.i18n import language_of_browser, language_of_environment

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language_of_environment() == "zh-CN"
    monkeypatch.setenv("LC_ALL", "vi_VN.UTF-8")
    assert language_of_environment() == "vi"
    monkeypatch.setenv("LC_ALL", "C")
    assert language_of_environment() == "zh-CN"   # C says nothing: LANG does
    assert language_of_browser("fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.5") == "zh-CN"
    assert language_of_browser("vi-VN,vi;q=0.9") == "vi"
    assert language_of_browser("de-DE") == "en" and language_of_browser(None) == "en"
