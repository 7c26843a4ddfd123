"""The coopmodel Meeting written as a pydantic v2 model, for the benchmark.

What a careful pydantic user would write for the same JSON form: frozen,
``extra="forbid"``, ``strict=True``; the same patterns, ranges, enums and
cross-field checks as coopmodel; unions tagged by ``"type"``; time with the
RFC 9557 ``[Zone]`` suffix read and written by plain validators and
serializers (stdlib :mod:`zoneinfo`).  Decode with ``Meeting.model_validate_json``,
encode with :func:`encode`.

Every pattern, length and bound comes from coopmodel's constraint objects
through :data:`peers_common.RULES`.  Encoding leaves out the fields the
document did not give (``exclude_unset``), which writes coopmodel's JSON form:
defaults left out, ``status`` and ``parties`` written as read.

One difference in the peers' favour: a meeting without ``parties`` keeps an
empty tuple here, where coopmodel falls back to the forum's parties.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

import peers_common as common
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    model_validator,
)

import coopmodel as cm


def constrained(base: type, cls: type, name: str) -> Any:
    """*base* with the constraints of coopmodel's ``cls.name``, as pydantic writes them.

    pydantic matches patterns with the Rust engine, where ``$`` is the end of
    the text: the anchored pattern means what coopmodel's ``fullmatch`` does.
    """
    rule = common.RULES[cls, name]
    if base is str:
        constraints = StringConstraints(
            pattern=rule.anchored("$"), min_length=rule.min_length, max_length=rule.max_length
        )
        return Annotated[str, constraints]
    return Annotated[base, Field(ge=rule.minimum, le=rule.maximum)]


Text = Annotated[str, StringConstraints(pattern=common.TEXT_RUST)]
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


def _instant(value: object) -> dt.date:
    if type(value) is str and len(value) == 10:
        return common.parse_date(value)
    return common.parse_datetime(value)


def _format_instant(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return common.format_datetime(value)
    return value.isoformat()


ZonedDateTime = Annotated[
    dt.datetime,
    PlainValidator(common.parse_datetime),
    PlainSerializer(common.format_datetime, return_type=str),
]
Instant = Annotated[
    dt.date, PlainValidator(_instant), PlainSerializer(_format_instant, return_type=str)
]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class ExternalId(Model):
    scheme: Scheme
    value: Text

    @model_validator(mode="after")
    def _wikidata(self) -> Self:
        if self.scheme == "wikidata" and common.WIKIDATA.fullmatch(self.value) is None:
            raise ValueError(f"{self.value!r} is not a Wikidata id")
        return self


class Party(Model):
    kind: cm.PartyKind
    code: str
    name: Text
    identifiers: tuple[ExternalId, ...] = ()

    @model_validator(mode="after")
    def _code(self) -> Self:
        common.check_party_code(self.kind.value, self.code)
        return self


class TaggedParty(Party):
    type: Literal["party"]


class Organization(Model):
    type: Literal["organization"]
    name: Text
    kind: cm.OrganizationKind
    party: Party | None = None
    acronym: Text | None = None
    identifiers: tuple[ExternalId, ...] = ()


Affiliation = Annotated[TaggedParty | Organization, Field(discriminator="type")]


class Person(Model):
    type: Literal["person"]
    name: Text
    role: Text | None = None
    affiliation: Affiliation | None = None
    identifiers: tuple[ExternalId, ...] = ()


Actor = Annotated[TaggedParty | Organization | Person, Field(discriminator="type")]


class DateSpan(Model):
    type: Literal["date_span"]
    start: dt.date
    end: dt.date | None = None
    raw: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class TimeSpan(Model):
    type: Literal["time_span"]
    start: ZonedDateTime
    end: ZonedDateTime | None = None
    raw: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class PartialDate(Model):
    type: Literal["partial_date"]
    year: Year
    month: Month | None = None
    raw: Text | None = None


When = Annotated[DateSpan | TimeSpan | PartialDate, Field(discriminator="type")]


class Coordinates(Model):
    latitude: Latitude
    longitude: Longitude


class Place(Model):
    locality: Text | None = None
    country: str | None = None
    region: Text | None = None
    venue: Text | None = None
    coordinates: Coordinates | None = None
    identifiers: tuple[ExternalId, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.country is not None and self.country not in common.ALPHA3:
            raise ValueError(f"{self.country!r} is not an ISO 3166-1 alpha-3 code")
        if (
            self.locality is None
            and self.country is None
            and self.region is None
            and (self.venue is None)
        ):
            raise ValueError("a place needs a venue, locality, region or country")
        return self


class Forum(Model):
    id: ForumId
    name: Text
    kind: cm.ForumKind
    parties: tuple[Party, ...] = ()
    acronym: Text | None = None
    parent: Forum | None = None
    convener: Affiliation | None = None
    identifiers: tuple[ExternalId, ...] = ()

    @model_validator(mode="after")
    def _parent(self) -> Self:
        common.check_forum_parent(self.id, self.parent)
        return self


class CooperationArea(Model):
    code: AreaCode
    label: Text
    stage: cm.Stage
    detail: Text | None = None
    custom: bool = False

    @model_validator(mode="after")
    def _known(self) -> Self:
        common.check_area(self.code, self.custom)
        return self


class Source(Model):
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

    @model_validator(mode="after")
    def _updated(self) -> Self:
        common.check_updated(self.published, self.updated)
        return self


class Statement(Model):
    issuer: Actor
    kind: cm.StatementKind
    text: Text
    verbatim: bool = False
    issued: When | None = None
    language: StatementLanguage | None = None
    source: Source | None = None


class ContextEvent(Model):
    kind: cm.ContextKind
    description: Text
    relation: cm.ContextRelation
    actors: tuple[Actor, ...] = ()
    targets: tuple[Party, ...] = ()
    when: When | None = None


class ScheduleChange(Model):
    planned: When | None = None
    reason: Text | None = None
    announced: When | None = None

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.planned is None and self.reason is None and self.announced is None:
            raise ValueError("a schedule change needs a planned date, a reason or an announcement")
        return self


class Meeting(Model):
    schema_version: Literal[1]
    id: MeetingId
    title: Text
    forum: Forum
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    status: cm.MeetingStatus = cm.MeetingStatus.HELD
    session: Session | None = None
    when: When | None = None
    schedule_change: ScheduleChange | None = None
    location: Place | None = None
    parties: tuple[Party, ...] = ()
    participants: tuple[Actor, ...] = ()
    areas: tuple[CooperationArea, ...] = ()
    statements: tuple[Statement, ...] = ()
    context: tuple[ContextEvent, ...] = ()
    summary: Text | None = None
    identifiers: tuple[ExternalId, ...] = ()


def decode(data: bytes) -> Meeting:
    return Meeting.model_validate_json(data)


def encode(meeting: Meeting) -> bytes:
    return meeting.model_dump_json(exclude_unset=True).encode()
