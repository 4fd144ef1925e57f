"""Times in a sheet: offsets after the start (`+1:30`, `T+5`, `1 h 30 m`) and clock times (`08:45`).

Other tools and trainers write an inject's time in many ways; each is read for what
it means, or refused with the forms expected, never guessed at. A cell is first
read into a `Spec` (an offset, a clock time on some day, or a moment), and only
then placed against the drill's start: so a sheet without a start can still have
one chosen for it (the first inject's moment).

Two rules keep a time from being misread in silence:
- **A bare number has no unit of its own.** Its unit comes from the column's header
  (`T+min`, `Time (min)`, `hours`) or from `--unit`; otherwise the cell is refused.
  A four-digit text such as `0900` in a column without a unit is military time.
- **`00:05` means what its column says.** Under an elapsed header (Offset,
  Elapsed, Scenario time, T+...) it is five minutes after the start; under a Clock
  time header a clock time (the next day's when earlier than the start); under a
  plain `Time` header a clock time, but refused when it is earlier than the start,
  since then it may as well be an elapsed time.
Spreadsheet programs may store what a person typed as a time, a date-time or a
duration rather than text; each is read for what it means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from ..formats.duration import EXPECTED, format_duration, parse_duration

_SPAN = re.compile(r"^\+?(\d+):([0-5]\d)(?::([0-5]\d))?$")
_CLOCK = re.compile(r"^(?:(?:(\d{4})-)?(\d{1,2})-(\d{1,2})[ T])?([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
TIME_FORMS = ("an offset after the start such as +1:30, T+0:05, 1h30m, 5 min, H+2 or D+1 09:00, "
              "or a clock time such as 08:45, 9:30 AM, Monday 9:30 AM, Day 1 09:00 or 17/04/2024 08:45")

# Unit words, in the languages drill speaks, as seconds.
_UNITS = {
    **dict.fromkeys(("d", "day", "days", "天", "日", "ngày"), 86400),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "小时", "小時", "时", "giờ", "tiếng"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "分", "分钟", "分鐘", "phút"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒", "giây"), 1),
}
UNIT_WORDS = {1: "seconds", 60: "minutes", 3600: "hours", 86400: "days"}
_UNIT_NAMES = {"minute": 60, "minutes": 60, "min": 60, "hour": 3600, "hours": 3600, "h": 3600, "second": 1, "seconds": 1, "s": 1, "day": 86400, "days": 86400}
_WEEKDAYS = {name: n for n, names in enumerate((
    ("monday", "mon", "星期一", "周一", "thứ hai"), ("tuesday", "tue", "tues", "星期二", "周二", "thứ ba"),
    ("wednesday", "wed", "星期三", "周三", "thứ tư"), ("thursday", "thu", "thur", "thurs", "星期四", "周四", "thứ năm"),
    ("friday", "fri", "星期五", "周五", "thứ sáu"), ("saturday", "sat", "星期六", "周六", "thứ bảy"),
    ("sunday", "sun", "星期日", "星期天", "周日", "chủ nhật"),
)) for name in names}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s.,]+)\s*")
_TOD = r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)"
_TOD_ONLY = re.compile(rf"^(?:{_TOD})$")
_MILITARY = re.compile(r"^([01]\d|2[0-3])([0-5]\d)\s*(z|l|hrs|hours|h)?$")
_PREFIX = re.compile(r"^(t|h)?\s*\+\s*(.+)$")
_DAY_PLUS = re.compile(rf"^(?:d|j)\s*\+\s*(\d+)(?:\s+(?:{_TOD}))?$")
_DAY_N = re.compile(rf"^(?:day|ngày|第)\s*(\d+)\s*(?:天|日)?[,，]?\s*(?:{_TOD})?$")
_DMY = re.compile(rf"^(\d{{1,2}})[/.](\d{{1,2}})[/.](\d{{4}})(?:[ ,]+(?:{_TOD}))?$")
_ISO_DATE = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[ t]+(?:{_TOD}))?$")
_DEFAULT_START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)   # a Monday, 09:00 UTC: the stated fallback


@dataclass(frozen=True)
class Column:
    """How a time column's cells are read: `kind` is `elapsed`, `clock` or `either`
    (a plain "Time" header); `unit` is the seconds a bare number counts, if known."""

    kind: str = "either"
    unit: int | None = None


@dataclass(frozen=True)
class Spec:
    """What a time cell names, before it is placed against the start: an offset in
    seconds, or a time of day on a given date, day number or weekday, or a moment."""

    offset: int | None = None
    moment: datetime | None = None
    clock: time | None = None
    on: date | None = None
    day: int | None = None
    weekday: int | None = None
    month_day: tuple[int, int] | None = None      # `04-17 08:45`: that day of the start's year
    written: str = ""

    @property
    def absolute(self) -> datetime | None:
        """The moment this names without knowing the start, if it does."""
        if self.moment is not None:
            return self.moment
        if self.on is not None and self.clock is not None:
            return datetime.combine(self.on, self.clock)
        return None


def unit_of(header: object) -> int | None:
    """Seconds a bare number counts under this header: `T+min`, `Time (min)`, `minute`, `hours`, `(s)`."""
    text = unicodedata.normalize("NFKC", str(header or "")).casefold()
    text = re.sub(r"h+:mm(:ss)?|时:分|giờ:phút", " ", text)
    for word in re.findall(r"[a-zà-ỹ]+|[\u4e00-\u9fff]+", text):
        if word in ("min", "mins", "minute", "minutes", "phút", "分钟", "分鐘"):
            return 60
        if word in ("h", "hr", "hrs", "hour", "hours", "小时", "小時"):
            return 3600
        if word in ("s", "sec", "secs", "second", "seconds", "秒", "giây"):
            return 1
        if word in ("day", "days", "天数"):
            return 86400
    return None


def unit_named(word: str) -> int:
    """`--unit minutes` -> 60; ValueError names the words accepted."""
    try:
        return _UNIT_NAMES[word.strip().casefold()]
    except KeyError:
        raise ValueError(f"unknown unit {word!r}: expected seconds, minutes, hours or days") from None


def parse_time(value: object, column: Column = Column()) -> Spec:
    """What a time cell names; ValueError says which forms are expected."""
    if isinstance(value, timedelta):
        return Spec(offset=_seconds(value))
    if isinstance(value, datetime):
        return Spec(moment=value)
    if isinstance(value, time):
        return _bare_clock(value, column, value.strftime("%H:%M"))
    if isinstance(value, bool):
        raise ValueError(f"{shown(value)} is not a time: expected {TIME_FORMS}")
    if isinstance(value, (int, float)):
        return Spec(offset=_counted(value, column, value))
    if not isinstance(value, str):
        raise ValueError(f"{shown(value)} is not a time: expected {TIME_FORMS}")
    text = " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    spec = _from_text(text, column, value)
    if spec is None:
        raise ValueError(f"{shown(value)} is not a time: expected {TIME_FORMS}")
    return spec


def _from_text(text: str, column: Column, value: str) -> Spec | None:
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        military = _MILITARY.match(text)
        if military and column.unit is None and len(text) == 4 and column.kind != "elapsed":
            return Spec(clock=time(int(military[1]), int(military[2])), written=value)
        return Spec(offset=_counted(text, column, value))
    if text.startswith("-") or text.startswith("t-"):
        raise ValueError(f"{shown(value)} is before the drill starts: expected a time at or after it")
    prefixed = _PREFIX.match(text)
    if prefixed:
        letter, rest = prefixed.groups()
        return Spec(offset=_after(rest.strip(), 3600 if letter == "h" else column.unit, value))
    day_plus = _DAY_PLUS.match(text)
    if day_plus:
        clock = _tod(day_plus.groups()[1:])
        if clock is None:
            return Spec(offset=int(day_plus[1]) * 86400)
        return Spec(clock=clock, day=int(day_plus[1]), written=value)
    day_n = _DAY_N.match(text)
    if day_n:
        clock = _tod(day_n.groups()[1:])
        if clock is None:
            raise ValueError(f"{shown(value)} needs a time of day, e.g. 'Day {day_n[1]} 09:00'")
        if int(day_n[1]) < 1:
            raise ValueError(f"{shown(value)}: days are counted from Day 1, the day the drill starts")
        return Spec(clock=clock, day=int(day_n[1]) - 1, written=value)
    weekday, _, rest = text.replace(",", " ").partition(" ")
    if weekday.rstrip(".") in _WEEKDAYS or text[:4] in ("thứ ", "chủ "):
        name, rest = (weekday.rstrip("."), rest) if weekday.rstrip(".") in _WEEKDAYS else (" ".join(text.split()[:2]), " ".join(text.split()[2:]))
        clock = _TOD_ONLY.match(rest.strip())
        if name in _WEEKDAYS and clock:
            return Spec(clock=_tod(clock.groups()), weekday=_WEEKDAYS[name], written=value)
        return None
    for pattern, order in ((_DMY, (3, 2, 1)), (_ISO_DATE, (1, 2, 3))):
        dated = pattern.match(text)
        if dated:
            try:
                day = date(int(dated[order[0]]), int(dated[order[1]]), int(dated[order[2]]))
            except ValueError:
                raise ValueError(f"{shown(value)} is not a date: expected DD/MM/YYYY or YYYY-MM-DD, day first") from None
            return Spec(clock=_tod(dated.groups()[3:]) or time(0), on=day, written=value)
    try:
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None:
        return Spec(moment=moment)
    clock = _CLOCK.match(text)
    if clock and clock[2] is not None:
        year, month, day_, hour, minute, second = clock.groups()
        try:
            on = date(int(year), int(month), int(day_)) if year else None
        except ValueError:
            raise ValueError(f"{shown(value)} is not a date: expected MM-DD HH:MM") from None
        moment_of_day = time(int(hour), int(minute), int(second or 0))
        if on is None:
            if not (1 <= int(month) <= 12 and 1 <= int(day_) <= 31):
                raise ValueError(f"{shown(value)} is not a date: expected MM-DD HH:MM")
            return Spec(clock=moment_of_day, month_day=(int(month), int(day_)), written=value)
        return Spec(clock=moment_of_day, on=on, written=value)
    tod = _TOD_ONLY.match(text)
    if tod:
        parts = tod.groups()
        if parts[3] is None and parts[4] is None:     # H:MM without AM/PM: the column says what it is
            span = _SPAN.match(text.replace("h", ":"))
            if span and column.kind == "elapsed":
                return Spec(offset=_span(span))
        return _bare_clock(_tod(parts), column, value)
    military = _MILITARY.match(text)
    if military:
        return Spec(clock=time(int(military[1]), int(military[2])), written=value)
    return _words(text, value)


def _bare_clock(moment: time, column: Column, value: str) -> Spec:
    if column.kind == "elapsed":
        return Spec(offset=moment.hour * 3600 + moment.minute * 60 + moment.second)
    return Spec(clock=moment, written=value)


def _tod(parts: tuple) -> time | None:
    """A time of day from the groups of `_TOD`: `09:30`, `9h30`, `9:30 PM`, `9 AM`."""
    hour, minute, second, half, bare_hour, bare_half = (list(parts) + [None] * 6)[:6]
    if hour is None and bare_hour is None:
        return None
    hour, minute, half = (int(hour), int(minute), half) if hour is not None else (int(bare_hour), 0, bare_half)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59 or int(second or 0) > 59:
        raise ValueError(f"{hour:02d}:{minute:02d} is not a time of day")
    return time(hour, minute, int(second or 0))


def _after(rest: str, unit: int | None, value: str) -> int:
    """What follows `T+`, `H+` or `+`: h:mm(:ss), a number in the column's unit, or units written out."""
    span = _SPAN.match(rest)
    if span:
        return _span(span)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", rest):
        return _counted(rest, Column("elapsed", unit), value)
    seconds = _words(rest, value)
    if seconds is None:
        raise ValueError(f"{shown(value)} is not a time: expected {TIME_FORMS}")
    return seconds.offset


def _words(text: str, value: str) -> Spec | None:
    """`5 min`, `1 h 30 m`, `1h30m`, `90 minutes`, `2 hours`, `1.5h`: units written out."""
    parts = list(_PART.finditer(text))
    if not parts or "".join(p.group(0) for p in parts).strip() != text.strip():
        try:
            return Spec(offset=parse_duration(text))
        except ValueError:
            return None
    total = 0.0
    for part in parts:
        unit = _UNITS.get(part[2])
        if unit is None:
            return None
        total += float(part[1].replace(",", ".")) * unit
    return Spec(offset=round(total))


def _counted(number: object, column: Column, value: object) -> int:
    """A bare number, counted in the column's unit; never silently seconds."""
    if column.unit is None:
        raise ValueError(
            f"{shown(value)} is a number without a unit: name the unit in the header (T+min, Time (min), hours) "
            "or give --unit minutes (a bare number is never taken as seconds)")
    amount = float(str(number).replace(",", "."))
    if amount < 0:
        raise ValueError(f"{shown(value)} is before the drill starts: expected a time at or after it")
    return round(amount * column.unit)


def place(spec: Spec, start: datetime, column: Column = Column()) -> int:
    """Seconds after `start` that `spec` names; ValueError when it is before the start
    or (in a plain Time column) could as well be an elapsed time."""
    if spec.offset is not None:
        return spec.offset
    if spec.moment is not None:
        moment = spec.moment if spec.moment.tzinfo else spec.moment.replace(tzinfo=start.tzinfo)
        return _seconds(moment - start)
    local = start.astimezone(start.tzinfo)
    roll = False
    if spec.on is not None:
        day = spec.on
    elif spec.day is not None:
        day = local.date() + timedelta(days=spec.day)
    elif spec.weekday is not None:
        day = local.date() + timedelta(days=(spec.weekday - local.weekday()) % 7)
    elif spec.month_day is not None:
        try:
            day = date(local.year, *spec.month_day)
        except ValueError:
            raise ValueError(f"{shown(spec.written)} is not a date: expected MM-DD HH:MM") from None
    else:
        day, roll = local.date(), True
    at = datetime.combine(day, spec.clock, tzinfo=start.tzinfo)
    if at < start and roll:
        if column.kind == "either":
            raise ValueError(
                f"{shown(spec.written)} is earlier than the start ({start:%H:%M}): write +{spec.clock:%H:%M} if it is a time "
                "after the start, or head the column 'Clock time' if it is the next day's")
        at += timedelta(days=1)
    if at < start:
        raise ValueError(f"{at:%m-%d %H:%M} is before the drill starts ({start:%m-%d %H:%M})")
    return round((at - start).total_seconds())


def parse_at(value: object, start: datetime, column: Column = Column()) -> int:
    """In-world seconds after `start` that a time cell names; ValueError says which forms are expected."""
    return place(parse_time(value, column), start, column)


def first_moment(specs: list[Spec], start_given: datetime | None) -> tuple[datetime, str]:
    """The start a sheet without one gets, and how it was chosen (for the import's summary):
    the given one; else the earliest date-time the sheet names; else the earliest clock
    time, on the fallback day; else the fallback (a Monday, 09:00 UTC)."""
    if start_given is not None:
        return start_given, "given"
    moments = [s.absolute for s in specs if s.absolute is not None]
    if moments:
        first = min(m if m.tzinfo else m.replace(tzinfo=timezone.utc) for m in moments)
        return first, "first"
    clocks = [s for s in specs if s.clock is not None and s.offset is None]
    if clocks:
        midnight = _DEFAULT_START.replace(hour=0)
        earliest = min(place(s, midnight, Column("clock")) for s in clocks)
        return midnight + timedelta(seconds=earliest), "first"
    return _DEFAULT_START, "fallback"


def parse_span(value: object) -> int:
    """Seconds in a duration cell: `1h30m`, `90s`, `+1:30` or `1:30` (hours and minutes), or whole seconds."""
    if isinstance(value, timedelta):
        return _seconds(value)
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        span = _SPAN.match(value.strip())
        if span:
            return _span(span)
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return parse_duration(value)
        except ValueError:
            pass
    raise ValueError(f"{shown(value)} is not a duration: {EXPECTED}, or hours and minutes such as 1:30")


def signed_span(text: str) -> int:
    """`--shift`: a duration, with a minus sign to move earlier: `-10m`, `+1h`, `1h30m`."""
    written = text.strip()
    sign = -1 if written.startswith(("-", "−")) else 1
    return sign * parse_span(written.lstrip("+-−"))


def offset_text(seconds: int) -> str:
    """`+1:30`, with seconds only when there are some: `+1:30:15`."""
    minutes, second = divmod(int(seconds), 60)
    text = f"+{minutes // 60}:{minutes % 60:02d}"
    return text + (f":{second:02d}" if second else "")


def clock_text(start: datetime, seconds: int) -> str:
    """The clock time `seconds` after `start`: `08:30`, or `04-17 08:30` on a later day."""
    moment = start + timedelta(seconds=int(seconds))
    text = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return text if moment.date() == start.date() else moment.strftime("%m-%d ") + text


def span_text(seconds: int | None) -> str:
    return "" if seconds is None else format_duration(seconds)


def _span(match: re.Match) -> int:
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)


def _seconds(span: timedelta) -> int:
    seconds = span.total_seconds()
    if seconds < 0:
        raise ValueError("this time is before the drill starts")
    return round(seconds)


def shown(value: object) -> str:
    """A value quoted in a message, cut short: a cell may hold a whole essay."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
