"""What the pydantic and msgspec peer models share: constraints, reference data, time parsing.

The peers check exactly what coopmodel checks, and read every setting from
coopmodel rather than repeating it: the patterns, lengths and bounds come
from one table, :data:`RULES`, built from coopmodel's own definitions; the
reference data is coopmodel's (its ISO 3166-1 codes, its area vocabulary);
URLs go through the same fast-path pattern and the same fallback as
coopmodel's validator.  :mod:`peers_pydantic` and :mod:`peers_msgspec` turn
each rule into their own form (``StringConstraints``/``Field``, ``Meta``).
Time zones come from the standard library's :mod:`zoneinfo`, as a pydantic
or msgspec user would write it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from typing import Final, NamedTuple
from urllib.parse import urlsplit

import coopmodel as cm
from coopmodel._model import _areas, _checks, _forum, _identity, _meeting, _party, _source, _time


class Rule(NamedTuple):
    """The settings of one constrained field, as coopmodel defines them."""

    pattern: str | None = None
    """A Python regular expression the whole value must match (no anchors)."""
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None

    def anchored(self, end: str) -> str | None:
        """:attr:`pattern` anchored for a search, with *end* as the end anchor.

        ``\\Z`` for Python's :mod:`re` (where ``$`` also matches before a final
        newline), ``$`` for the Rust and ECMA engines (where it does not).
        """
        return None if self.pattern is None else f"^(?:{self.pattern}){end}"


def _unanchored(pattern: str) -> str:
    """``^...$`` as coopmodel writes it (and matches it with ``fullmatch``) to ``...``."""
    return pattern.removeprefix("^").removesuffix("$")


def _rules() -> dict[tuple[type, str], Rule]:
    """The constrained fields of coopmodel's classes, with their settings."""
    slug = Rule(_unanchored(_checks.SLUG_PATTERN), max_length=_checks.SLUG_MAX_LENGTH)
    language = Rule(_unanchored(_checks.LANGUAGE_PATTERN))
    return {
        (cm.Meeting, "id"): slug,
        (cm.Forum, "id"): slug,
        (cm.Source, "language"): language,
        (cm.Statement, "language"): language,
        (cm.ExternalId, "scheme"): Rule(_unanchored(_identity.SCHEME_PATTERN)),
        (cm.CooperationArea, "code"): Rule(
            _unanchored(_areas.AREA_CODE_PATTERN), max_length=_areas.AREA_CODE_MAX_LENGTH
        ),
        (cm.Party, "code"): Rule(_unanchored(_party.ORGANIZATION_CODE_PATTERN)),
        (cm.Meeting, "session"): Rule(minimum=1, maximum=_meeting.MAX_SESSION),
        (cm.PartialDate, "year"): Rule(minimum=_time.MIN_YEAR, maximum=_time.MAX_YEAR),
        (cm.PartialDate, "month"): Rule(minimum=1, maximum=12),
        (cm.Coordinates, "latitude"): Rule(minimum=-90.0, maximum=90.0),
        (cm.Coordinates, "longitude"): Rule(minimum=-180.0, maximum=180.0),
        (cm.Source, "url"): Rule(max_length=_source.URL_MAX_LENGTH),
    }


#: Every constrained field of coopmodel, by ``(class, field name)``.
RULES: Final = _rules()

#: Text: at least one character that is not white space.  Searched, not
#: matched; Python's ``\S`` is exactly ``not str.isspace()``.
NOT_BLANK: Final = r"\S"
#: A Wikidata identifier, the value of an ``ExternalId`` whose scheme is ``wikidata``.
WIKIDATA: Final = re.compile(_identity._WIKIDATA.pattern)  # noqa: SLF001
#: The URLs coopmodel passes without ``urlsplit``: the same fast path for the peers.
PLAIN_URL: Final = re.compile(_source._PLAIN_URL.pattern)  # noqa: SLF001
MAX_FORUM_DEPTH: Final = _forum.MAX_FORUM_DEPTH

ALPHA3: Final = _party._alpha3_codes()  # noqa: SLF001
AREA_CODES: Final = frozenset(cm.vocabulary())
URL_MAX: Final = RULES[cm.Source, "url"].max_length or 0
_ORGANIZATION_CODE: Final = re.compile(RULES[cm.Party, "code"].anchored(r"\Z") or "")


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
    """What coopmodel's ``Source.url`` validator checks, in the same order."""
    if value is None:
        return
    if len(value) > URL_MAX:
        raise ValueError(f"{value!r} is longer than {URL_MAX} characters")
    if PLAIN_URL.fullmatch(value) is not None:
        return
    if not value.isascii() or not value.isprintable() or " " in value:
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    try:
        parts = urlsplit(value)
        _ = parts.port
    except ValueError as error:
        raise ValueError(f"{value!r} is not an absolute http(s) URL") from error
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"{value!r} is not an absolute http(s) URL")


def check_party_code(kind: str, code: str) -> None:
    if kind == "state":
        if code not in ALPHA3:
            raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 code")
    elif _ORGANIZATION_CODE.search(code) is None:
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
