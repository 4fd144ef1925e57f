"""The sheets and columns of an MSEL workbook, and how a person's headers are recognised.

Headers are written in the scenario's language from the message catalogs; on
reading, a header matches in either language, or by one of the names other MSEL
tools and trainers use ("Event #", "Delivery method", "事件描述", ...). Case,
surrounding space and a trailing note in brackets ("Offset (+h:mm)") do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import LANGUAGES, Catalog


@dataclass(frozen=True)
class Column:
    key: str
    label: str                      # catalog key of the header
    aliases: tuple[str, ...] = ()
    width: int = 14                 # in characters, for printing
    written: bool = True            # a column `drill msel export` writes (the others are only read)

    def names(self) -> set[str]:
        return {header_key(Catalog(lang)(self.label)) for lang in LANGUAGES} | {header_key(a) for a in self.aliases} | {header_key(self.key)}


@dataclass(frozen=True)
class Sheet:
    kind: str
    label: str                      # catalog key of the sheet's name
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {normal(Catalog(lang)(self.label)) for lang in LANGUAGES} | {normal(a) for a in self.aliases} | {normal(self.kind)}

    @property
    def written(self) -> tuple[Column, ...]:
        """The columns `drill msel export` writes, in order."""
        return tuple(column for column in self.columns if column.written)


def normal(header: object) -> str:
    """A header as compared: lower case, single spaces, without a bracketed note or a colon."""
    text = re.split(r"[(（\[【]", str(header), maxsplit=1)[0]
    return " ".join(text.casefold().split()).strip(":： ")


def header_key(header: object) -> str:
    """A header as matched: `normal`, then without spaces and punctuation, so that
    `Inject#`, `inject #`, `INJECT_#` and `Inject-#` are one header, as are
    `inject_type` and `Inject Type`. `#` and `+` are kept (`#`, `T+min`)."""
    return re.sub(r"[^\w#+]|_", "", normal(header)) or normal(header)


# Headers of an offset column that may hold clock times as well: "Time", "时间", "Thời gian". A bare
# H:MM under any other offset header (Offset, Elapsed, Scenario time, T+min, ...) is time after the start.
EITHER_HEADERS = {header_key(h) for h in ("time", "时间", "thời gian", "timing")}

INJECTS = Sheet("injects", "msel.sheet.injects", (
    Column("number", "msel.column.number", ("no", "no.", "event #", "msel #", "inject #", "inject no", "event no", "number", "#", "serial", "stt", "序号"), 6),
    Column("id", "msel.column.id", ("inject id", "event id", "事件编号", "mã tình huống"), 16),
    Column("offset", "msel.column.offset", ("offset", "time", "scenario time", "elapsed time", "elapsed", "exercise time", "msel time", "t+", "t+min",
                                            "minute", "minutes", "timing", "演练时间", "时间", "相对时间", "thời gian", "thời gian kịch bản"), 10),
    Column("clock", "msel.column.clock", ("clock", "local time", "in-world time", "time of day", "date", "date time", "datetime", "scenario date",
                                          "inject time", "时钟时间", "模拟时刻", "日期", "ngày giờ"), 11),
    Column("channel", "msel.column.channel", ("delivery method", "method", "medium", "delivery", "mode", "inject type", "inject_type", "type",
                                              "event type", "方式", "发布渠道", "类型", "phương thức", "hình thức"), 11),
    Column("from", "msel.column.from", ("sender", "source", "来源", "发件人", "người gửi"), 16),
    Column("to", "msel.column.to", ("recipient", "recipients", "player", "players", "intended player", "intended players", "audience",
                                    "接收对象", "收件人", "người nhận", "đối tượng"), 16),
    Column("title", "msel.column.title", ("subject", "event", "event title", "event synopsis", "synopsis", "inject title", "name", "headline",
                                          "事件", "主题", "事件概要", "tiêu đề tình huống"), 28),
    Column("body", "msel.column.body", ("description", "event description", "message", "details", "content", "text", "script", "inject",
                                        "inject text", "inject description", "详情", "事件描述", "脚本", "mô tả"), 60),
    Column("expected", "msel.column.expected", ("expected action", "expected actions", "expected player action", "expected player actions",
                                                "expected response", "expected outcome", "expected outcomes", "预期行动", "预期响应", "预期处置",
                                                "hành động mong đợi", "phản ứng mong đợi"), 40, written=False),
    Column("evaluator", "msel.column.evaluator", ("evaluator notes", "evaluation notes", "evaluation notes/hints", "evaluator guidance",
                                                  "hints", "answer key", "评估要点", "评估说明", "ghi chú đánh giá"), 40, written=False),
    Column("when", "msel.column.when", ("condition", "when", "条件"), 18),
    Column("delay", "msel.column.delay", ("延时",), 8),
    Column("heat", "msel.column.heat", (), 7),
    Column("reveals", "msel.column.reveals", ("reveals", "facts", "事实"), 16),
    Column("opens", "msel.column.opens", ("opens", "tasks", "任务"), 16),
    Column("notes", "msel.column.notes", ("note", "remarks", "comments", "facilitator notes", "controller notes", "备注", "说明", "ghi chú"), 40),
), ("injects", "events", "msel", "事件", "事件清单"))

SCENARIO = Sheet("scenario", "msel.sheet.scenario", (
    Column("field", "msel.column.field", ("key",), 20),
    Column("value", "msel.column.value", (), 90),
), ("drill", "演练"))

TEAMS = Sheet("teams", "msel.sheet.teams", (
    Column("id", "msel.column.id", ("team id", "小组编号"), 16),
    Column("name", "msel.column.name", ("team", "小组", "名字"), 28),
    Column("brief", "msel.column.brief", ("briefing", "简介", "任务简报"), 90),
), ("players", "参演小组"))

TASKS = Sheet("tasks", "msel.sheet.tasks", (
    Column("id", "msel.column.id", ("task id", "任务编号"), 16),
    Column("kind", "msel.column.kind", ("type",), 11),
    Column("title", "msel.column.title", ("task", "标题", "任务"), 26),
    Column("short_title", "msel.column.short_title", ("short title", "简称", "tên ngắn"), 14),
    Column("prompt", "msel.column.prompt", ("要求",), 60),
    Column("teams", "msel.column.teams", ("owed by", "小组"), 18),
    Column("opens", "msel.column.opens_at", ("opens",), 10),
    Column("opens_after", "msel.column.opens_after", ("opens after",), 16),
    Column("due", "msel.column.due", ("due", "时限"), 10),
    Column("rubric", "msel.column.rubric", (), 22),
    Column("fields", "msel.column.fields", ("fields", "填写项"), 40),
), ("任务清单",))

FACTS = Sheet("facts", "msel.sheet.facts", (
    Column("id", "msel.column.id", ("fact id", "事实编号"), 18),
    Column("text", "msel.column.text", ("fact", "内容"), 60),
    Column("keywords", "msel.column.keywords", (), 30),
    Column("contradicted_by", "msel.column.contradicted_by", ("contradicted by", "contradictions", "矛盾说法"), 30),
    Column("phrasings", "msel.column.phrasings", ("phrasings", "其他说法", "cách nói"), 30),
    Column("pending", "msel.column.pending", ("pending", "unverified", "not established", "待证实", "chưa xác lập"), 10),
    Column("established_by", "msel.column.established_by", ("established by", "established after", "由事件确证", "xác lập bởi"), 16),
    Column("half_truths", "msel.column.half_truths", ("half truths", "half-truths", "片面说法", "nửa sự thật"), 30),
    Column("whole_truth", "msel.column.whole_truth", ("whole truth", "完整说法", "phần còn lại"), 30),
), ("ground truth", "事实清单"))

SHEETS = (INJECTS, SCENARIO, TEAMS, TASKS, FACTS)

# Rows of the scenario sheet: the key in the scenario file, and the catalog key of its label.
SCENARIO_FIELDS = (
    ("id", "msel.field.id"), ("title", "msel.field.title"), ("summary", "msel.field.summary"),
    ("language", "msel.field.language"), ("start", "msel.field.start"), ("duration", "msel.field.duration"),
    ("speed", "msel.field.speed"), ("heat", "msel.field.heat"),
)

CONDITION_WORDS = ("missed", "submitted", "heat_above", "manual", "scored_below", "scored_at_least")


def words(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """Every spelling of each key (its id, and its catalog text in each language) -> the key."""
    found: dict[str, str] = {}
    for key in keys:
        found[normal(key)] = key
        found[normal(key.replace("_", " "))] = key
        for lang in LANGUAGES:
            found[normal(Catalog(lang)(f"{prefix}.{key}"))] = key
    return found
