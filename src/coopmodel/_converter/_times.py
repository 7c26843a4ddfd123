"""Leaf hooks: strings, numbers, booleans, and RFC 9557 dates and times.

Every leaf hook is strict: a JSON value of the wrong type is an error, never
coerced (cattrs' defaults would turn ``123`` into ``"123"`` and ``"yes"`` into
``True``).  Times are read and written in the RFC 9557 form
``2025-08-06T21:38:00+05:30[Asia/Kolkata]``: RFC 3339 with the offset, and
the IANA zone in brackets where there is one.

Recurring date and date-time strings are parsed once, and the text of a
recurring date-time is formatted once: each in a least-recently-used cache
of :data:`TIME_CACHE_SIZE` entries (a string of at most about 100
characters and an immutable value each, so well under 1 MiB a cache).
Errors are never cached.  With sharing off (``set_sharing(False)``) the
caches are bypassed and emptied, like the sharing caches.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

import pendulum

from coopmodel._model._checks import short_repr, type_name, zone_name
from coopmodel._model._constraints import (
    DATE_PATTERN,
    DATETIME_GROUPS,
    DATETIME_PATTERN,
    wall_time_in,
    zone_names,
)

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "INSTANT",
    "TIME_CACHE_SIZE",
    "BadValue",
    "format_date",
    "format_datetime",
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_float",
    "structure_instant",
    "structure_int",
    "structure_str",
    "time_caches",
    "unstructure_instant",
    "zone_names",
]

#: Entries of each time cache (parsed dates, parsed date-times, formatted date-times).
TIME_CACHE_SIZE: Final = 4096

INSTANT: Final = pendulum.DateTime | pendulum.Date
"""The type of a field that holds a date or an aware date-time."""


class BadValue(ValueError):  # noqa: N818 - it is the value that is bad
    """A JSON value a hook cannot take; the message follows the value's path."""


def structure_str(value: object, _: object) -> str:
    if value.__class__ is str:
        return value
    raise BadValue(f"is {type_name(value)}, expected a string")


def structure_int(value: object, _: object) -> int:
    """An integer; a float with no fraction (``5.0``) is one too, as JSON Schema says."""
    if value.__class__ is int:
        return value  # type: ignore[return-value,unused-ignore]
    if isinstance(value, float) and value.__class__ is float and value.is_integer():
        return int(value)
    raise BadValue(f"is {type_name(value)}, expected an integer")


def structure_float(value: object, _: object) -> float:
    cls = value.__class__
    if cls is float:
        return value  # type: ignore[return-value]
    if cls is int:
        return float(value)  # type: ignore[arg-type]
    raise BadValue(f"is {type_name(value)}, expected a number")


def structure_bool(value: object, _: object) -> bool:
    if value.__class__ is bool:
        return value
    raise BadValue(f"is {type_name(value)}, expected true or false")


# The text forms are the model's (one source of truth with the JSON Schema):
# an offset is whole seconds, under a day, each field in range, since
# fromisoformat would read '+05:99' as '+06:39' and drop a fraction of a second.
_DATE = re.compile(DATE_PATTERN)
_DATETIME = DATETIME_GROUPS


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> pendulum.Timezone:
    if name not in zone_names():
        raise LookupError(name)
    return pendulum.timezone(name)


@functools.lru_cache(maxsize=1024)
def _fixed(seconds: int) -> pendulum.FixedTimezone:
    return pendulum.FixedTimezone(seconds)


def structure_date(value: object, _: object = None) -> pendulum.Date:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date string such as '2025-08-06'")
    return _cached_date(value) if _CACHING[0] else _parse_date(value)


def _parse_date(value: str) -> pendulum.Date:
    if _DATE.fullmatch(value) is None:
        raise BadValue(f"{short_repr(value)} is not a date in the form 'YYYY-MM-DD'")
    try:
        return pendulum.Date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError as error:
        raise BadValue(f"{short_repr(value)} is not a real date ({error})") from None


def structure_datetime(value: object, _: object = None) -> pendulum.DateTime:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date-time string")
    return _cached_datetime(value) if _CACHING[0] else _parse_datetime(value)


def _parse_datetime(value: str) -> pendulum.DateTime:
    match = _DATETIME.fullmatch(value)
    if match is None:
        raise BadValue(
            f"{short_repr(value)} is not an RFC 3339 date-time with an offset, optionally"
            " followed by an IANA zone: '2025-08-06T21:38:00+05:30[Asia/Kolkata]'"
        )
    if match["offset"] is None:
        raise BadValue(f"{short_repr(value)} has no UTC offset: naive date-times are not accepted")
    try:
        parsed = dt.datetime.fromisoformat(match["base"])
    except ValueError as error:
        raise BadValue(f"{short_repr(value)} is not a real date-time ({error})") from None
    offset = parsed.utcoffset()
    assert offset is not None  # noqa: S101 - the pattern demands an offset
    name = match["zone"]
    if name is None:
        tz: pendulum.Timezone | pendulum.FixedTimezone = _fixed(int(offset.total_seconds()))
        local = parsed
    else:
        try:
            tz = _zone(name)
        except Exception:  # noqa: BLE001 - pendulum raises several kinds for bad names
            raise BadValue(f"{short_repr(value)} names an unknown time zone {name!r}") from None
        try:
            local = parsed.astimezone(tz)
        except (OverflowError, ValueError):
            raise BadValue(f"{short_repr(value)} is out of range in {name}") from None
        if local.utcoffset() != offset:
            raise BadValue(
                f"{short_repr(value)} has offset {_offset_text(offset)}, but {name} is at"
                f" {_offset_text(local.utcoffset())} at that time"
            )
    return wall_time_in(local, tz)


def _offset_text(offset: dt.timedelta | None) -> str:
    if offset is None:  # pragma: no cover - aware values only
        return "none"
    return pendulum.FixedTimezone(int(offset.total_seconds())).name


def structure_instant(value: object, _: object) -> pendulum.DateTime | pendulum.Date:
    if value.__class__ is str and len(value) == 10:
        return structure_date(value)
    return structure_datetime(value)


def format_datetime(value: pendulum.DateTime) -> str:
    """RFC 9557 text of an aware datetime: ``2025-08-06T21:38:00+05:30[Asia/Kolkata]``."""
    if _CACHING[0]:
        # Equal datetimes of one zone differ in their text only by fold (equality
        # ignores it there), so the key holds both.
        return _cached_format(value, value.tzinfo, value.fold)
    return _format_datetime(value)


def _format_datetime(value: pendulum.DateTime) -> str:
    name = zone_name(value)
    text = value.isoformat()
    return text if name is None else f"{text}[{name}]"


def unstructure_instant(value: pendulum.DateTime | pendulum.Date) -> str:
    if value.__class__ is pendulum.DateTime:
        return format_datetime(value)
    return value.isoformat()


def format_date(value: pendulum.Date) -> str:
    """ISO 8601 text of a date: ``2025-08-06``."""
    return value.isoformat()


_CACHING: Final = [True]
_cached_date: Final = functools.lru_cache(maxsize=TIME_CACHE_SIZE)(_parse_date)
_cached_datetime: Final = functools.lru_cache(maxsize=TIME_CACHE_SIZE)(_parse_datetime)


@functools.lru_cache(maxsize=TIME_CACHE_SIZE)
def _cached_format(value: pendulum.DateTime, _tz: object, _fold: int) -> str:
    return _format_datetime(value)


def time_caches(*, enabled: bool | None = None, clear: bool = False) -> int:
    """Turn the time caches on or off, or empty them; the entries they hold now.

    :func:`~coopmodel.set_sharing` and :func:`~coopmodel.clear_caches` call it.
    """
    if enabled is not None:
        _CACHING[0] = enabled
    caches = (_cached_date, _cached_datetime, _cached_format)
    if clear or enabled is False:
        for cache in caches:
            cache.cache_clear()
    return sum(cache.cache_info().currsize for cache in caches)
