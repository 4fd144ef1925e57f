"""Times in a sheet: offsets after the start (`+1:30`, `1h30m`) and clock times (`08:45`).

A plus sign, or units, mean time after clock.start; a bare `HH:MM` is a clock time
on the drill's clock, which is the next day when it is earlier than the start.
Spreadsheet programs may store what a person typed as a time, a date-time or a
duration rather than text; each is read for what it means.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from ..formats.duration import EXPECTED, format_duration, parse_duration

_SPAN = re.compile(r"^\+?(\d+):([0-5]\d)(?::([0-5]\d))?$")
_CLOCK = re.compile(r"^(?:(?:(\d{4})-)?(\d{1,2})-(\d{1,2})[ T])?([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
TIME_FORMS = "an offset after the start such as +1:30 or 1h30m, or a clock time such as 08:45"


def parse_at(value: object, start: datetime) -> int:
    """In-world seconds after `start` that a time cell names; ValueError says which forms are expected."""
    if isinstance(value, timedelta):
        return _seconds(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=start.tzinfo)
        return _seconds(moment - start)
    if isinstance(value, time):
        return _after(start, start.date(), value, roll=True)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        text = value.strip()
        span = _SPAN.match(text)
        if span and text.startswith("+"):
            return _span(span)
        clock = _CLOCK.match(text)
        if clock:
            year, month, day, hour, minute, second = clock.groups()
            moment = time(int(hour), int(minute), int(second or 0))
            if month is None:
                return _after(start, start.date(), moment, roll=True)
            try:
                day_ = date(int(year or start.year), int(month), int(day))
            except ValueError:
                raise ValueError(f"{value!r} is not a date: expected MM-DD HH:MM") from None
            return _after(start, day_, moment, roll=False)
        try:
            return parse_duration(text)
        except ValueError:
            pass
    raise ValueError(f"{shown(value)} is not a time: expected {TIME_FORMS}")


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


def _after(start: datetime, day: date, moment: time, *, roll: bool) -> int:
    """Seconds from `start` to `moment` on `day`; a bare clock time earlier than the start is the next day's."""
    at = datetime.combine(day, moment, tzinfo=start.tzinfo)
    if at < start and roll:
        at += timedelta(days=1)
    if at < start:
        raise ValueError(f"{at:%m-%d %H:%M} is before the drill starts ({start:%m-%d %H:%M})")
    return round((at - start).total_seconds())


def shown(value: object) -> str:
    """A value quoted in a message, cut short: a cell may hold a whole essay."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
