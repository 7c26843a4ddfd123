"""What the pydantic and msgspec peer models share: constraints, reference data, time parsing.

The peers check exactly what coopmodel checks, and read every setting from
coopmodel rather than repeating it: :data:`RULES` holds the settings of every
field of every public class (pattern, lengths, bounds, choices), read from
the constraint object that is the field's validator (``attrs.fields(cls)``);
the reference data is coopmodel's (its ISO 3166-1 codes, its area
vocabulary, its zone names); URLs and text are checked with coopmodel's own
patterns.  :mod:`peers_pydantic` and :mod:`peers_msgspec` turn each rule into
their own form (``StringConstraints``/``Field``, ``Meta``).  Time zones come
from the standard library's :mod:`zoneinfo`, as a pydantic or msgspec user
would write it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from typing import Final, NamedTuple

import attrs

import coopmodel as cm
from coopmodel._model import _constraints, _forum, _identity, _party
from coopmodel._model._registry import PUBLIC_CLASSES


class Rule(NamedTuple):
    """The settings of one field, as its coopmodel constraint holds them."""

    kind: str
    """The constraint's kind: ``"text"``, ``"pattern"``, ``"integer"``, ``"url"``..."""
    optional: bool
    pattern: str | None = None
    """A Python regular expression the whole value must match (no anchors)."""
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: frozenset[object] | None = None

    def anchored(self, end: str) -> str | None:
        r""":attr:`pattern` anchored for a search, with *end* as the end anchor.

        ``\Z`` for Python's :mod:`re` (where ``$`` also matches before a final
        newline), ``$`` for the Rust engine of pydantic (where it does not).
        coopmodel's own JSON Schema form, ``(?![\s\S])``, is a look-ahead,
        which the Rust engine does not support.
        """
        return None if self.pattern is None else f"^(?:{self.pattern}){end}"


def _rule(constraint: _constraints.Constraint) -> Rule:
    if isinstance(constraint, _party.PartyCode):
        # A state's code is a country code, any other party's an organization code.
        pattern: str | None = _party.ORGANIZATION_CODE.pattern
        choices: tuple[object, ...] | None = _party.CountryCode().choices
    else:
        pattern = getattr(constraint, "pattern", None)
        choices = getattr(constraint, "choices", None)
    return Rule(
        kind=constraint.kind,
        optional=constraint.optional,
        pattern=pattern,
        min_length=getattr(constraint, "min_items", None) or None,
        max_length=getattr(constraint, "max_length", None),
        minimum=getattr(constraint, "minimum", None),
        maximum=getattr(constraint, "maximum", None),
        choices=None if choices is None else frozenset(choices),
    )


def _rules() -> dict[tuple[type, str], Rule]:
    return {
        (cls, field.alias): _rule(_constraints.constraint_of(field))
        for cls in PUBLIC_CLASSES
        for field in attrs.fields(cls)
    }


#: The settings of every field of coopmodel's public classes, by ``(class,
#: JSON key)``: ``RULES[cm.Meeting, "session"].maximum`` is ``2**53 - 1``.
RULES: Final = _rules()


def _ranges(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        f"\\u{low:04X}" if low == high else f"\\u{low:04X}-\\u{high:04X}" for low, high in ranges
    )


_FORBIDDEN: Final = _ranges(_constraints.FORBIDDEN)
_INVISIBLE: Final = _ranges(_constraints.INVISIBLE)
#: coopmodel's text, for Python's :mod:`re` (msgspec): its JSON Schema pattern,
#: a visible character and no control character.
TEXT_PYTHON: Final = _constraints.TEXT_PATTERN
#: The same for pydantic's Rust engine, without the look-ahead it does not
#: support: no control character, and one that is neither a control nor invisible.
TEXT_RUST: Final = f"^[^{_FORBIDDEN}]*[^{_INVISIBLE}{_FORBIDDEN}][^{_FORBIDDEN}]*$"
#: A Wikidata identifier, the value of an ``ExternalId`` whose scheme is ``wikidata``.
WIKIDATA: Final = re.compile(f"(?:{_identity.WIKIDATA_ID.pattern})\\Z")
MAX_FORUM_DEPTH: Final = _forum.MAX_FORUM_DEPTH

ALPHA3: Final = RULES[cm.Place, "country"].choices or frozenset()
AREA_CODES: Final = frozenset(cm.vocabulary())
ZONES: Final = _constraints.zone_names()
_ORGANIZATION_CODE: Final = re.compile(RULES[cm.Party, "code"].anchored(r"\Z") or "")


_DATE: Final = re.compile(_constraints.DATE_PATTERN)
_DATETIME: Final = _constraints.DATETIME_GROUPS


@functools.lru_cache(maxsize=1024)
def zone(name: str) -> zoneinfo.ZoneInfo:
    if name not in ZONES:
        raise zoneinfo.ZoneInfoNotFoundError(name)
    return zoneinfo.ZoneInfo(name)


def parse_date(value: object, cls: type[dt.date] = dt.date) -> dt.date:
    if type(value) is not str or _DATE.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a date in the form 'YYYY-MM-DD'")
    return cls(int(value[:4]), int(value[5:7]), int(value[8:]))


def parse_datetime(value: object, cls: type[dt.datetime] = dt.datetime) -> dt.datetime:
    """RFC 9557 text (``...+05:30[Asia/Kolkata]``) to an aware datetime in that zone.

    What coopmodel checks: its pattern, an offset, a zone of its list whose
    offset at that instant is the one written, an instant within the years 1
    to 9999.
    """
    if type(value) is not str:
        raise TypeError(f"{value!r} is not a string")
    match = _DATETIME.fullmatch(value)
    if match is None or match["offset"] is None:
        raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
    parsed = dt.datetime.fromisoformat(match["base"])
    name = match["zone"]
    try:
        utc = parsed.astimezone(dt.UTC)
        local = parsed if name is None else utc.astimezone(zone(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError) as error:
        raise ValueError(f"{value!r}: bad time zone or out of range") from error
    if name is not None and local.utcoffset() != parsed.utcoffset():
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


def check_updated(published: dt.date | None, updated: dt.date | None) -> None:
    """A source's ``updated`` is not before its ``published`` (days compared if either is one)."""
    if published is None or updated is None:
        return
    if isinstance(published, dt.datetime) and isinstance(updated, dt.datetime):
        early = updated < published
    else:
        early = _day(updated) < _day(published)
    if early:
        raise ValueError(f"updated {updated} is before published {published}")


def _day(value: dt.date) -> dt.date:
    return dt.date(value.year, value.month, value.day)


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
