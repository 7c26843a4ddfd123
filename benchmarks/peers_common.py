"""What the pydantic and msgspec peer models share: patterns, reference data, time parsing.

The peers check exactly what coopmodel checks, with the same patterns and the
same reference data (pycountry's ISO 3166-1 codes, coopmodel's public area
vocabulary), so that the benchmark compares equal work.  Time zones come from
the standard library's :mod:`zoneinfo`, as a pydantic or msgspec user would
write it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from urllib.parse import urlsplit

import pycountry

import coopmodel

SLUG = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
SLUG_MAX = 128
LANGUAGE = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
SCHEME = r"^[a-z][a-z0-9_.-]{0,63}$"
WIKIDATA = re.compile(r"^[QP][1-9][0-9]*$")
AREA_CODE = r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$"
AREA_CODE_MAX = 128
ORGANIZATION_CODE = re.compile(r"^[A-Z][A-Z0-9+-]{0,15}$")
NOT_BLANK = r"\S"  # searched, not matched: "contains a non-space character"
URL_MAX = 2048
MAX_FORUM_DEPTH = 16

ALPHA3 = frozenset(country.alpha_3 for country in pycountry.countries)
AREA_CODES = frozenset(coopmodel.vocabulary())

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"(?P<base>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?)"
    r"(?:\[(?P<zone>[A-Za-z0-9_+./-]{1,64})\])?"
)


@functools.lru_cache(maxsize=1024)
def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def parse_date(value: object, cls: type[dt.date] = dt.date) -> dt.date:
    if type(value) is not str or _DATE.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a date in the form 'YYYY-MM-DD'")
    return cls(int(value[:4]), int(value[5:7]), int(value[8:]))


def parse_datetime(value: object, cls: type[dt.datetime] = dt.datetime) -> dt.datetime:
    """RFC 9557 text (``...+05:30[Asia/Kolkata]``) to an aware datetime in that zone."""
    if type(value) is not str:
        raise TypeError(f"{value!r} is not a string")
    match = _DATETIME.fullmatch(value)
    if match is None or match["offset"] is None:
        raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
    parsed = dt.datetime.fromisoformat(match["base"])
    name = match["zone"]
    if name is None:
        local = parsed
    else:
        try:
            local = parsed.astimezone(zone(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError) as error:
            raise ValueError(f"{value!r}: bad time zone {name!r}") from error
        if local.utcoffset() != parsed.utcoffset():
            raise ValueError(f"{value!r}: the offset does not match {name}")
    if cls is dt.datetime:
        return local
    return cls(
        local.year, local.month, local.day, local.hour, local.minute, local.second,
        local.microsecond, tzinfo=local.tzinfo, fold=local.fold,
    )  # fmt: skip


def format_datetime(value: dt.datetime) -> str:
    key = getattr(value.tzinfo, "key", None)
    text = value.isoformat()
    return text if key is None else f"{text}[{key}]"


def check_url(value: str | None) -> None:
    if value is None:
        return
    if len(value) > URL_MAX or not value.isascii() or not value.isprintable() or " " in value:
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    parts = urlsplit(value)
    _ = parts.port
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"{value!r} is not an absolute http(s) URL")


def check_party_code(kind: str, code: str) -> None:
    if kind == "state":
        if code not in ALPHA3:
            raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 code")
    elif ORGANIZATION_CODE.fullmatch(code) is None:
        raise ValueError(f"{code!r} is not an organization code")


def check_area(code: str, custom: bool) -> None:
    if not custom and code not in AREA_CODES:
        raise ValueError(f"{code!r} is not in the vocabulary")


def check_forum_parent(forum_id: str, parent: object) -> None:
    depth = 1
    while parent is not None:
        depth += 1
        if depth > MAX_FORUM_DEPTH:
            raise ValueError("forum parents nest too deep")
        if parent.id == forum_id:  # type: ignore[attr-defined]
            raise ValueError("a forum cannot be its own ancestor")
        parent = parent.parent  # type: ignore[attr-defined]
