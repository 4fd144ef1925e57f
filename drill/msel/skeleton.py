"""What an MSEL alone says about the drill around it, for a sheet without Scenario and
Teams sheets: the teams (from the recipients), ids that are valid, titles, channels
from delivery words, and tasks from expected player actions when asked.

Other tools name a delivery method in words ("Email printout", "Verbal + artifact",
"Chat message"); the first word drill knows decides the channel. A sheet that
names none gets the fallback channel, and the import's summary says so.
"""

from __future__ import annotations

import re
import unicodedata

FALLBACK_CHANNEL = "message"
DEFAULT_TEAM = ("players", "Players")
TITLE_WORDS = 8

# Words of delivery methods, as other MSELs write them -> drill's channel.
_WORDS = {
    "email": ("email", "e-mail", "mail", "inbox", "printout", "邮件", "电子邮件", "thư điện tử"),
    "phone": ("phone", "call", "telephone", "voicemail", "hotline", "电话", "来电", "điện thoại", "cuộc gọi"),
    "social": ("social", "twitter", "tweet", "weibo", "facebook", "post", "forum", "tiktok", "douyin", "微博", "社交", "帖子",
               "mạng xã hội", "bài đăng"),
    "news": ("news", "press", "newspaper", "media", "radio", "article", "journalist", "reporter", "新闻", "报道", "记者", "báo", "tin tức"),
    "video": ("tv", "television", "video", "broadcast", "视频", "电视", "truyền hình"),
    "message": ("chat", "message", "sms", "text", "slack", "teams", "whatsapp", "telegram", "discord", "signal", "wechat", "im",
                "消息", "短信", "微信", "tin nhắn"),
    "directive": ("directive", "order", "instruction", "command", "tasking", "指示", "命令", "chỉ thị"),
    "note": ("verbal", "oral", "spoken", "in person", "face to face", "briefing", "handout", "letter", "fax", "memo", "paper",
             "artifact", "artefact", "note", "口头", "书面", "便条", "传真", "信件", "lời nói", "công văn"),
}
_BY_WORD = sorted(((word, channel) for channel, words in _WORDS.items() for word in words), key=lambda p: -len(p[0]))


def channel_in_words(text: str) -> str | None:
    """The channel of the first delivery word in `text` ("Email printout" -> email,
    "Verbal + artifact" -> note), or None when it names none drill knows."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("_", " ")
    found: list[tuple[int, str]] = []
    for word, channel in _BY_WORD:
        pattern = re.escape(word) if not word.isascii() else rf"(?<![a-z]){re.escape(word)}s?(?![a-z])"
        match = re.search(pattern, folded)
        if match:
            found.append((match.start(), channel))
    return min(found)[1] if found else None


_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def language_of(texts: list[str]) -> str:
    """The language a sheet's injects are written in, for the scenario's `language` and the
    words of the notes: Chinese when most hold Chinese characters, Vietnamese when most hold
    its letters, else English."""
    written = [text for text in texts if text]
    if not written:
        return "en"
    if sum(bool(re.search(r"[\u4e00-\u9fff]", text)) for text in written) * 2 > len(written):
        return "zh-CN"
    if sum(bool(_VIETNAMESE.search(text)) for text in written) * 2 > len(written):
        return "vi"
    return "en"


def slug(text: str, fallback: str) -> str:
    """A valid id made from `text`: `A1` -> `a1`, `Inject 3` -> `inject-3`, `PR/Comm` -> `pr-comm`;
    text with no Latin letters or digits gives `fallback`. A bare number `7` gives `{fallback}`."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    made = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:48].strip("-")
    return made or fallback


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, ... when it is taken."""
    made, n = wanted, 1
    while made in taken:
        n += 1
        made = f"{wanted}-{n}"
    taken.add(made)
    return made


def title_from(body: str) -> str:
    """A title from the first words of a body: its first line, cut at a sentence's end
    or after a few words (a few characters, in Chinese)."""
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", line, maxsplit=1)[0]
    words = sentence.split()
    if len(words) > TITLE_WORDS:
        return " ".join(words[:TITLE_WORDS]) + " …"
    if len(sentence) > 40 and len(words) <= 2:     # CJK: no spaces between words
        return sentence[:24] + "…"
    return sentence


def team_names(cells: list[str], split: re.Pattern) -> list[str]:
    """Every team a recipients column names, in order of first mention (one a line, or
    separated by `,` `;` `、`); `all` and its spellings are not a team."""
    found: dict[str, None] = {}
    for cell in cells:
        for line in cell.split("\n"):
            for part in split.split(line):
                if part.strip():
                    found.setdefault(part.strip())
    return list(found)
