"""The coopmodel Meeting written as msgspec Structs, for the benchmark.

What a careful msgspec user would write for the same JSON form:
``frozen=True``, ``forbid_unknown_fields=True``, ``omit_defaults=True``; the
same patterns and ranges through ``Meta``, the same cross-field checks in
``__post_init__``; unions tagged by ``"type"``.  msgspec parses RFC 3339 but
not the RFC 9557 ``[Zone]`` suffix, so zoned times are custom types read by a
``dec_hook`` and written by an ``enc_hook`` (stdlib :mod:`zoneinfo`).

Every pattern, length and bound comes from coopmodel's constraint objects
through :data:`peers_common.RULES`.  ``status`` and ``parties``, which
coopmodel writes even at their default, are ``UNSET`` when a document leaves
them out, so that ``omit_defaults`` writes back what was read.

One difference in the peers' favour: a meeting without ``parties`` keeps
nothing here, where coopmodel falls back to the forum's parties.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
import peers_common as common
from msgspec import Meta, Struct

import coopmodel as cm


def constrained(base: type, cls: type, name: str) -> Any:
    """*base* with the constraints of coopmodel's ``cls.name``, as msgspec writes them.

    msgspec searches patterns with Python's :mod:`re`, where ``$`` also
    matches before a final newline: the pattern ends in ``\\Z`` instead.
    """
    rule = common.RULES[cls, name]
    return Annotated[
        base,
        Meta(
            pattern=rule.anchored(r"\Z"),
            min_length=rule.min_length,
            max_length=rule.max_length,
            ge=rule.minimum,
            le=rule.maximum,
        ),
    ]


Text = Annotated[str, Meta(pattern=common.TEXT_PYTHON)]
Url = constrained(str, cm.Source, "url")
MeetingId = constrained(str, cm.Meeting, "id")
ForumId = constrained(str, cm.Forum, "id")
SourceLanguage = constrained(str, cm.Source, "language")
StatementLanguage = constrained(str, cm.Statement, "language")
AreaCode = constrained(str, cm.CooperationArea, "code")
Scheme = constrained(str, cm.ExternalId, "scheme")
Session = constrained(int, cm.Meeting, "session")
Year = constrained(int, cm.PartialDate, "year")
Month = constrained(int, cm.PartialDate, "month")
Latitude = constrained(float, cm.Coordinates, "latitude")
Longitude = constrained(float, cm.Coordinates, "longitude")


class Instant:
    """A date, or an aware datetime with its zone: what Source.published holds."""

    __slots__ = ()


class ZonedDateTime(dt.datetime, Instant):
    """An aware datetime written with its IANA zone name."""

    __slots__ = ()


class Day(dt.date, Instant):
    """A calendar date inside an :class:`Instant` field."""

    __slots__ = ()


def dec_hook(type_: type, value: Any) -> Any:
    if type_ is ZonedDateTime:
        return common.parse_datetime(value, ZonedDateTime)
    if type_ is Instant:
        if type(value) is str and len(value) == 10:
            return common.parse_date(value, Day)
        return common.parse_datetime(value, ZonedDateTime)
    raise NotImplementedError(type_)


def enc_hook(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return common.format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise NotImplementedError(type(value))


class Model(Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    pass


class Tagged(Model, frozen=True, tag_field="type"):
    pass


class ExternalId(Model, frozen=True):
    scheme: Scheme
    value: Text

    def __post_init__(self) -> None:
        if self.scheme == "wikidata" and common.WIKIDATA.fullmatch(self.value) is None:
            raise ValueError(f"{self.value!r} is not a Wikidata id")


class Party(Model, frozen=True):
    kind: cm.PartyKind
    code: str
    name: Text
    identifiers: tuple[ExternalId, ...] = ()

    def __post_init__(self) -> None:
        common.check_party_code(self.kind.value, self.code)


class TaggedParty(Party, frozen=True, tag_field="type", tag="party"):
    pass


class Organization(Tagged, frozen=True, tag="organization"):
    name: Text
    kind: cm.OrganizationKind
    party: Party | None = None
    acronym: Text | None = None
    identifiers: tuple[ExternalId, ...] = ()


class Person(Tagged, frozen=True, tag="person"):
    name: Text
    role: Text | None = None
    affiliation: TaggedParty | Organization | None = None
    identifiers: tuple[ExternalId, ...] = ()


Actor = TaggedParty | Organization | Person


class DateSpan(Tagged, frozen=True, tag="date_span"):
    start: dt.date
    end: dt.date | None = None
    raw: Text | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")


class TimeSpan(Tagged, frozen=True, tag="time_span"):
    start: ZonedDateTime
    end: ZonedDateTime | None = None
    raw: Text | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")


class PartialDate(Tagged, frozen=True, tag="partial_date"):
    year: Year
    month: Month | None = None
    raw: Text | None = None


When = DateSpan | TimeSpan | PartialDate


class Coordinates(Model, frozen=True):
    latitude: Latitude
    longitude: Longitude


class Place(Model, frozen=True):
    locality: Text | None = None
    country: str | None = None
    region: Text | None = None
    venue: Text | None = None
    coordinates: Coordinates | None = None
    identifiers: tuple[ExternalId, ...] = ()

    def __post_init__(self) -> None:
        if self.country is not None and self.country not in common.ALPHA3:
            raise ValueError(f"{self.country!r} is not an ISO 3166-1 alpha-3 code")
        if (
            self.locality is None
            and self.country is None
            and self.region is None
            and (self.venue is None)
        ):
            raise ValueError("a place needs a venue, locality, region or country")


class Forum(Model, frozen=True):
    id: ForumId
    name: Text
    kind: cm.ForumKind
    parties: tuple[Party, ...] = ()
    acronym: Text | None = None
    parent: Forum | None = None
    convener: TaggedParty | Organization | None = None
    identifiers: tuple[ExternalId, ...] = ()

    def __post_init__(self) -> None:
        common.check_forum_parent(self.id, self.parent)


class CooperationArea(Model, frozen=True):
    code: AreaCode
    label: Text
    stage: cm.Stage
    detail: Text | None = None
    custom: bool = False

    def __post_init__(self) -> None:
        common.check_area(self.code, self.custom)


class Source(Model, frozen=True):
    publisher: Text
    title: Text
    url: Url | None = None
    agency: Text | None = None
    syndicated: bool = False
    byline: Text | None = None
    dateline: Text | None = None
    published: Instant | None = None
    updated: Instant | None = None
    retrieved: ZonedDateTime | None = None
    language: SourceLanguage | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        common.check_updated(self.published, self.updated)


class Statement(Model, frozen=True):
    issuer: Actor
    kind: cm.StatementKind
    text: Text
    verbatim: bool = False
    issued: When | None = None
    language: StatementLanguage | None = None
    source: Source | None = None


class ContextEvent(Model, frozen=True):
    kind: cm.ContextKind
    description: Text
    relation: cm.ContextRelation
    actors: tuple[Actor, ...] = ()
    targets: tuple[Party, ...] = ()
    when: When | None = None


class ScheduleChange(Model, frozen=True):
    planned: When | None = None
    reason: Text | None = None
    announced: When | None = None

    def __post_init__(self) -> None:
        if self.planned is None and self.reason is None and self.announced is None:
            raise ValueError("a schedule change needs a planned date, a reason or an announcement")


class Meeting(Model, frozen=True):
    schema_version: Literal[1]
    id: MeetingId
    title: Text
    forum: Forum
    sources: Annotated[tuple[Source, ...], Meta(min_length=1)]
    # Written always, as coopmodel writes them: UNSET (not the default) when
    # the document leaves them out, so that omit_defaults keeps what was read.
    status: cm.MeetingStatus | msgspec.UnsetType = msgspec.UNSET
    session: Session | None = None
    when: When | None = None
    schedule_change: ScheduleChange | None = None
    location: Place | None = None
    parties: tuple[Party, ...] | msgspec.UnsetType = msgspec.UNSET
    participants: tuple[Actor, ...] = ()
    areas: tuple[CooperationArea, ...] = ()
    statements: tuple[Statement, ...] = ()
    context: tuple[ContextEvent, ...] = ()
    summary: Text | None = None
    identifiers: tuple[ExternalId, ...] = ()


decoder = msgspec.json.Decoder(Meeting, dec_hook=dec_hook)
encoder = msgspec.json.Encoder(enc_hook=enc_hook)


def decode(data: bytes) -> Meeting:
    return decoder.decode(data)


def encode(meeting: Meeting) -> bytes:
    return encoder.encode(meeting)
