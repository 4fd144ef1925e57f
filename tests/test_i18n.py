"""Message catalogs: English and Chinese say the same things, and every refusal can be said."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from drill.engine import Refused
from drill.i18n import Catalog, language_for

ROOT = Path(__file__).parent.parent
CATALOGS = ROOT / "drill" / "i18n"


def keys(language: str, area: str) -> set[str]:
    return set(yaml.safe_load((CATALOGS / language / f"{area}.yaml").read_text(encoding="utf-8")) or {})


def test_every_area_has_the_same_keys_in_both_languages():
    areas = sorted(p.stem for p in (CATALOGS / "en").glob("*.yaml"))
    assert areas == sorted(p.stem for p in (CATALOGS / "zh-CN").glob("*.yaml"))
    for area in areas:
        assert keys("en", area) == keys("zh-CN", area), area


def test_every_refusal_in_the_code_has_a_message():
    used = set()
    for path in (ROOT / "drill").rglob("*.py"):
        used |= set(re.findall(r'(?:Refused|Offline)\("([a-z-]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= {key.removeprefix("refused.") for key in keys("en", "engine")}


def test_refusal_in_chinese():
    refusal = Refused("already-submitted", team="press", task="statement", time="09:30")
    assert str(refusal) == "Team 'press' already submitted task 'statement' at 09:30; submitting is final, once per task."
    assert refusal.text(Catalog("zh-CN")) == "小组“press”已于 09:30 提交任务“statement”；每项任务只能提交一次，提交即为最终稿。"


def test_language_tags():
    assert language_for("zh-CN") == language_for("zh-Hans") == language_for("zh") == "zh-CN"
    assert language_for("vi") == language_for("en-GB") == language_for(None) == "en"
