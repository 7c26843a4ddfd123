"""Short, readable forms of coopmodel values, for the summary.

:func:`describe` gives any value on one line: a party as ``India (IND)``, a
time as ``2025-10-02 14:00 Asia/Kolkata (UTC+05:30)``, a tuple as a list.
Classes without a form of their own fall back to their name or title.  The
text is not yet escaped: :class:`~coopmodel._cli._terminal.Output` does that.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
from typing import Final

import attrs
import pendulum

from coopmodel import (
    ContextEvent,
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    Forum,
    Organization,
    PartialDate,
    Party,
    Person,
    Place,
    Source,
    Statement,
    TimeSpan,
    zone_name,
)

__all__ = ["clip", "describe", "ordinal"]

_WIDTH: Final = 100
_SUFFIXES: Final = {1: "st", 2: "nd", 3: "rd"}


def clip(text: str, width: int = _WIDTH) -> str:
    """*text*, cut to *width* characters with ``...`` where it was cut.

    >>> clip("abcdef", 5)
    'ab...'
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def ordinal(number: int) -> str:
    """English ordinal of *number*: ``1st``, ``2nd``, ``11th``, ``23rd``.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd', '111th']
    """
    suffix = "th" if number % 100 in {11, 12, 13} else _SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix}"


@functools.singledispatch
def describe(value: object) -> str:
    """*value* on one line, in words a reader expects."""
    if attrs.has(type(value)):
        for name in ("title", "name", "id"):
            text = getattr(value, name, None)
            if isinstance(text, str):
                return text
    return str(value)


@describe.register
def _(value: tuple) -> str:  # type: ignore[type-arg]
    return ", ".join(describe(item) for item in value)


@describe.register
def _(value: bool) -> str:
    return "yes" if value else "no"


@describe.register
def _(value: enum.Enum) -> str:
    return str(value.value)


@describe.register
def _(value: dt.date) -> str:
    return value.isoformat()


@describe.register
def _(value: dt.datetime) -> str:
    return f"{_date_time(value)} {_zone(value)}"


@describe.register
def _(value: Party) -> str:
    return f"{value.name} ({value.code})"


@describe.register
def _(value: Organization) -> str:
    extra = [x for x in (value.acronym, value.party and value.party.name) if x]
    return f"{value.name} ({', '.join(extra)})" if extra else value.name


@describe.register
def _(value: Person) -> str:
    affiliation = value.affiliation
    extra = [x for x in (value.role, affiliation and affiliation.name) if x]
    return f"{value.name} ({', '.join(extra)})" if extra else value.name


@describe.register
def _(value: Forum) -> str:
    return " < ".join(forum.acronym or forum.name for forum in (value, *value.ancestors))


@describe.register
def _(value: Place) -> str:
    return ", ".join(x for x in (value.venue, value.locality, value.region, value.country) if x)


@describe.register
def _(value: Coordinates) -> str:
    return f"{value.latitude}, {value.longitude}"


@describe.register
def _(value: ExternalId) -> str:
    return f"{value.scheme}:{value.value}"


@describe.register
def _(value: CooperationArea) -> str:
    custom = ", custom" if value.custom else ""
    return f"{value.label} ({value.stage.value}{custom})"


@describe.register
def _(value: Source) -> str:
    via = f" via {value.agency}" if value.agency else ""
    when = f", {describe(value.published)}" if value.published is not None else ""
    return f"{value.publisher}{via}{when}: {value.title}"


@describe.register
def _(value: Statement) -> str:
    quote = '"' if value.verbatim else ""
    return f"{value.issuer.name}: {quote}{clip(value.text)}{quote}"


@describe.register
def _(value: ContextEvent) -> str:
    return f"{value.relation.value}: {clip(value.description)}"


@describe.register
def _(value: DateSpan) -> str:
    days = value.start.isoformat()
    if value.end is not None and value.end != value.start:
        days = f"{days} to {value.end.isoformat()}"
    return _with_raw(days, value.raw)


@describe.register
def _(value: PartialDate) -> str:
    month = "" if value.month is None else f"{calendar.month_name[value.month]} "
    text = f"{month}{value.year}"
    return _with_raw(text, value.raw)


@describe.register
def _(value: TimeSpan) -> str:
    return _with_raw(_time_span(value.start, value.end), value.raw)


def _time_span(start: pendulum.DateTime, end: pendulum.DateTime | None) -> str:
    zone = _zone(start)
    if end is None or (end == start and _zone(end) == zone):
        return f"{_date_time(start)} {zone}"
    if _zone(end) != zone:
        return f"{_date_time(start)} {zone} to {_date_time(end)} {_zone(end)}"
    if end.date() == start.date():
        return f"{_date_time(start)} to {_time(end)} {zone}"
    return f"{_date_time(start)} to {_date_time(end)} {zone}"


def _date_time(value: dt.datetime) -> str:
    return f"{value.date().isoformat()} {_time(value)}"


def _time(value: dt.datetime) -> str:
    text = f"{value.hour:02}:{value.minute:02}"
    if value.second or value.microsecond:
        text += f":{value.second:02}"
    if value.microsecond:
        text += f".{value.microsecond:06}".rstrip("0")
    return text


def _zone(value: dt.datetime) -> str:
    """``Asia/Kolkata (UTC+05:30)``, or ``UTC+05:30`` for a fixed offset."""
    offset = _offset(value.utcoffset() or dt.timedelta(0))
    name = zone_name(value) if isinstance(value, pendulum.DateTime) else None
    return f"{name} ({offset})" if name else offset


def _offset(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"UTC{sign}{hours:02}:{minutes:02}"
    return f"{text}:{seconds:02}" if seconds else text


def _with_raw(text: str, raw: str | None) -> str:
    return f'{text} ("{clip(raw, 40)}")' if raw else text
