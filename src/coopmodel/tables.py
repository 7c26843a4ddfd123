"""Meetings as Arrow tables and Parquet files, for DuckDB, Polars, pandas and Spark.

Needs the ``arrow`` extra (``pip install "coopmodel[arrow]"``); ``import
coopmodel`` alone never imports :mod:`pyarrow`.

A list of meetings becomes seven flat tables, keyed by ``meeting_id``:

* ``meetings``: one row per meeting;
* ``parties``, ``areas``, ``statements``, ``context``, ``sources`` and
  ``participants``: one row per item, with its ``position`` in the meeting.

Every child row also carries the meeting's ``year``, the partition key of
:func:`write_dataset`.  :data:`SCHEMAS` holds the schema of each table; the
docs page "Tables" prints it column by column.

The rules of the flat form:

* A time is three columns (``X_utc``, ``X_zone``, ``X_offset``): the UTC
  instant as ``timestamp[us, UTC]``, the IANA zone name (null for a fixed
  offset) and the original UTC offset in seconds.  A calendar date is one
  ``date32`` column (``X_date``).  Every engine reads these types, and
  nothing of the original value is lost.
* Enumerations (status, kinds, stages...) are dictionary-encoded strings
  with a fixed dictionary: every member of the enumeration, in order.
* Defaults are written: ``status``, ``syndicated``, ``verbatim``,
  ``custom`` are never null, and ``parties`` holds the effective parties
  (the forum's where the meeting gives none; ``parties_explicit`` says
  which).
* What a flat column cannot hold (a forum and its chain of parents and
  convener, a statement's issuer and source, a context event's actors,
  identifiers, a schedule change) is kept, whole, in a ``*_json`` column in
  coopmodel's own JSON form, and read back from there.  The flat columns
  beside it (``forum_id``, ``issuer_name``...) are copies for queries.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Final

import attrs
import orjson
import pendulum
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from coopmodel._converter import diagnose
from coopmodel._converter._times import _zone
from coopmodel._io import converter as _converter
from coopmodel._model import (
    ContextEvent,
    ContextKind,
    ContextRelation,
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    Organization,
    PartialDate,
    Party,
    PartyKind,
    Person,
    Place,
    ScheduleChange,
    Source,
    Stage,
    Statement,
    StatementKind,
    TimeSpan,
    zone_name,
)
from coopmodel._model._constraints import wall_time_in

if TYPE_CHECKING:
    import enum
    import os
    from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "SCHEMAS",
    "TABLE_NAMES",
    "TableError",
    "Tables",
    "from_arrow",
    "iter_parquet",
    "partition_year",
    "read_parquet",
    "to_arrow",
    "write_dataset",
    "write_parquet",
]

#: The tables, in the order they are written.
TABLE_NAMES: Final = (
    "meetings",
    "parties",
    "areas",
    "statements",
    "context",
    "sources",
    "participants",
)

#: How many meetings :func:`write_dataset` converts at a time.
DEFAULT_BATCH: Final = 10_000

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ACTOR_TAGS: Final = {Party: "party", Organization: "organization", Person: "person"}
_WHEN_TAGS: Final = {DateSpan: "date_span", TimeSpan: "time_span", PartialDate: "partial_date"}
_Actor = Party | Organization | Person


class TableError(ValueError):
    """A table that does not hold valid meetings: it names the table, the row and the column.

    Attributes:
        table: The table, e.g. ``"areas"``.
        meeting_id: The ``meeting_id`` of the row, where it could be read.
        column: The column, e.g. ``"stage"``.
        reason: What is wrong.

    .. versionadded:: 0.1.0
    """

    def __init__(self, table: str, meeting_id: str | None, column: str, reason: str) -> None:
        self.table = table
        self.meeting_id = meeting_id
        self.column = column
        self.reason = reason
        where = f"{table}.{column}" + ("" if meeting_id is None else f" (meeting {meeting_id!r})")
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.table, self.meeting_id, self.column, self.reason))


# --- the schema ----------------------------------------------------------------


def _enum_type() -> pa.DataType:
    return pa.dictionary(pa.int16(), pa.string())


def _instant_fields(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}_utc", pa.timestamp("us", tz="UTC")),
        pa.field(f"{prefix}_zone", pa.string()),
        pa.field(f"{prefix}_offset", pa.int32()),
        pa.field(f"{prefix}_date", pa.date32()),
    ]


def _when_fields(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}_type", _enum_type()),
        *_instant_fields(f"{prefix}_start"),
        *_instant_fields(f"{prefix}_end"),
        pa.field(f"{prefix}_year", pa.int16()),
        pa.field(f"{prefix}_month", pa.int8()),
        pa.field(f"{prefix}_raw", pa.string()),
        pa.field(f"{prefix}_earliest", pa.date32()),
        pa.field(f"{prefix}_latest", pa.date32()),
    ]


def _key_fields() -> list[pa.Field]:
    return [
        pa.field("meeting_id", pa.string(), nullable=False),
        pa.field("year", pa.int32(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
    ]


def _bool(name: str) -> pa.Field:
    return pa.field(name, pa.bool_(), nullable=False)


#: The Arrow schema of each table, by name.
SCHEMAS: Final[dict[str, pa.Schema]] = {
    "meetings": pa.schema(
        [
            pa.field("meeting_id", pa.string(), nullable=False),
            pa.field("year", pa.int32(), nullable=False),
            pa.field("title", pa.string(), nullable=False),
            pa.field("status", _enum_type(), nullable=False),
            pa.field("session", pa.int64()),
            pa.field("forum_id", pa.string(), nullable=False),
            pa.field("forum_name", pa.string(), nullable=False),
            pa.field("forum_kind", _enum_type(), nullable=False),
            pa.field("forum_acronym", pa.string()),
            pa.field("forum_parent_id", pa.string()),
            pa.field("forum_json", pa.string(), nullable=False),
            *_when_fields("when"),
            pa.field("location_locality", pa.string()),
            pa.field("location_region", pa.string()),
            pa.field("location_country", pa.string()),
            pa.field("location_venue", pa.string()),
            pa.field("location_latitude", pa.float64()),
            pa.field("location_longitude", pa.float64()),
            pa.field("location_identifiers_json", pa.string()),
            _bool("parties_explicit"),
            pa.field("schedule_change_json", pa.string()),
            pa.field("summary", pa.string()),
            pa.field("identifiers_json", pa.string()),
        ]
    ),
    "parties": pa.schema(
        [
            *_key_fields(),
            pa.field("kind", _enum_type(), nullable=False),
            pa.field("code", pa.string(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("identifiers_json", pa.string()),
        ]
    ),
    "areas": pa.schema(
        [
            *_key_fields(),
            pa.field("code", pa.string(), nullable=False),
            pa.field("label", pa.string(), nullable=False),
            pa.field("stage", _enum_type(), nullable=False),
            pa.field("stage_rank", pa.int8(), nullable=False),
            pa.field("detail", pa.string()),
            _bool("custom"),
        ]
    ),
    "statements": pa.schema(
        [
            *_key_fields(),
            pa.field("kind", _enum_type(), nullable=False),
            pa.field("text", pa.string(), nullable=False),
            _bool("verbatim"),
            pa.field("language", pa.string()),
            pa.field("issuer_type", _enum_type(), nullable=False),
            pa.field("issuer_name", pa.string(), nullable=False),
            pa.field("issuer_party_code", pa.string()),
            pa.field("issuer_json", pa.string(), nullable=False),
            *_when_fields("issued"),
            pa.field("source_json", pa.string()),
        ]
    ),
    "context": pa.schema(
        [
            *_key_fields(),
            pa.field("kind", _enum_type(), nullable=False),
            pa.field("relation", _enum_type(), nullable=False),
            pa.field("description", pa.string(), nullable=False),
            pa.field("actors_json", pa.string()),
            pa.field("targets_json", pa.string()),
            *_when_fields("when"),
        ]
    ),
    "sources": pa.schema(
        [
            *_key_fields(),
            pa.field("publisher", pa.string(), nullable=False),
            pa.field("title", pa.string(), nullable=False),
            pa.field("url", pa.string()),
            pa.field("agency", pa.string()),
            _bool("syndicated"),
            pa.field("byline", pa.string()),
            pa.field("dateline", pa.string()),
            *_instant_fields("published"),
            *_instant_fields("updated"),
            *_instant_fields("retrieved"),
            pa.field("language", pa.string()),
            pa.field("note", pa.string()),
        ]
    ),
    "participants": pa.schema(
        [
            *_key_fields(),
            pa.field("type", _enum_type(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("code", pa.string()),
            pa.field("role", pa.string()),
            pa.field("party_code", pa.string()),
            pa.field("actor_json", pa.string(), nullable=False),
        ]
    ),
}

#: The dictionary of each enumeration column: every member, in order.
_DICTIONARIES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("meetings", "status"): tuple(m.value for m in MeetingStatus),
    ("meetings", "forum_kind"): tuple(m.value for m in ForumKind),
    ("meetings", "when_type"): tuple(_WHEN_TAGS.values()),
    ("parties", "kind"): tuple(m.value for m in PartyKind),
    ("areas", "stage"): tuple(m.value for m in Stage),
    ("statements", "kind"): tuple(m.value for m in StatementKind),
    ("statements", "issuer_type"): tuple(_ACTOR_TAGS.values()),
    ("statements", "issued_type"): tuple(_WHEN_TAGS.values()),
    ("context", "kind"): tuple(m.value for m in ContextKind),
    ("context", "relation"): tuple(m.value for m in ContextRelation),
    ("context", "when_type"): tuple(_WHEN_TAGS.values()),
    ("participants", "type"): tuple(_ACTOR_TAGS.values()),
}


@attrs.frozen
class Tables:
    """The seven tables of a list of meetings (see :data:`SCHEMAS`).

    Attributes:
        meetings: One row per meeting.
        parties: The effective parties of each meeting.
        areas: The areas of cooperation.
        statements: The statements.
        context: The context events.
        sources: The sources.
        participants: The participants.

    .. versionadded:: 0.1.0
    """

    meetings: pa.Table
    parties: pa.Table
    areas: pa.Table
    statements: pa.Table
    context: pa.Table
    sources: pa.Table
    participants: pa.Table

    def items(self) -> Iterator[tuple[str, pa.Table]]:
        """Each table's name and table, in :data:`TABLE_NAMES` order."""
        for name in TABLE_NAMES:
            yield name, getattr(self, name)

    def __len__(self) -> int:
        """The number of meetings."""
        return int(self.meetings.num_rows)


# --- writing -------------------------------------------------------------------


def _json(value: object, type_: Any) -> str:
    return orjson.dumps(_converter().unstructure(value, type_)).decode("utf-8")


def _json_or_none(values: tuple[Any, ...], type_: Any) -> str | None:
    return _json(values, type_) if values else None


def _micros(value: dt.datetime) -> int:
    # The stdlib subtraction: pendulum's gives a Duration whose parts go through floats
    # (a microsecond off in the 23rd century).
    delta = dt.datetime.__sub__(value, _EPOCH)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _put_instant(row: dict[str, Any], prefix: str, value: dt.date | None) -> None:
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        assert offset is not None  # noqa: S101 - the model holds aware values only
        row[f"{prefix}_utc"] = _micros(value)
        row[f"{prefix}_zone"] = zone_name(value)
        row[f"{prefix}_offset"] = int(offset.total_seconds())
        row[f"{prefix}_date"] = dt.date(value.year, value.month, value.day)
    elif value is not None:
        row[f"{prefix}_date"] = dt.date(value.year, value.month, value.day)


def _put_when(
    row: dict[str, Any], prefix: str, when: DateSpan | TimeSpan | PartialDate | None
) -> None:
    if when is None:
        return
    row[f"{prefix}_type"] = _WHEN_TAGS[type(when)]
    row[f"{prefix}_raw"] = when.raw
    earliest, latest = when.earliest, when.latest
    row[f"{prefix}_earliest"] = dt.date(earliest.year, earliest.month, earliest.day)
    row[f"{prefix}_latest"] = dt.date(latest.year, latest.month, latest.day)
    if isinstance(when, PartialDate):
        row[f"{prefix}_year"] = when.year
        row[f"{prefix}_month"] = when.month
    else:
        _put_instant(row, f"{prefix}_start", when.start)
        _put_instant(row, f"{prefix}_end", when.end)


def _party_code(actor: Party | Organization | Person | None) -> str | None:
    while actor is not None:
        if isinstance(actor, Party):
            return actor.code
        actor = actor.party if isinstance(actor, Organization) else actor.affiliation
    return None


def partition_year(meeting: Meeting) -> int:
    """The ``year`` of a meeting: the partition key of :func:`write_dataset`.

    The year of :attr:`~coopmodel.Meeting.when`'s earliest day; for an undated meeting,
    the year its first dated source was published; ``0`` if neither is known.
    """
    if meeting.when is not None:
        return meeting.when.earliest.year
    for source in meeting.sources:
        if source.published is not None:
            return source.published.year
    return 0


class _Builder:
    """Rows of the seven tables, gathered column by column."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}

    def add(self, meeting: Meeting) -> None:
        mid = meeting.id
        year = partition_year(meeting)
        forum = meeting.forum
        row: dict[str, Any] = {
            "meeting_id": mid,
            "year": year,
            "title": meeting.title,
            "status": meeting.status.value,
            "session": meeting.session,
            "forum_id": forum.id,
            "forum_name": forum.name,
            "forum_kind": forum.kind.value,
            "forum_acronym": forum.acronym,
            "forum_parent_id": None if forum.parent is None else forum.parent.id,
            "forum_json": _forum_json(forum),
            "parties_explicit": meeting._parties is not None,  # noqa: SLF001
            "schedule_change_json": None
            if meeting.schedule_change is None
            else _json(meeting.schedule_change, ScheduleChange),
            "summary": meeting.summary,
            "identifiers_json": _json_or_none(meeting.identifiers, tuple[ExternalId, ...]),
        }
        _put_when(row, "when", meeting.when)
        place = meeting.location
        if place is not None:
            row["location_locality"] = place.locality
            row["location_region"] = place.region
            row["location_country"] = place.country
            row["location_venue"] = place.venue
            if place.coordinates is not None:
                row["location_latitude"] = place.coordinates.latitude
                row["location_longitude"] = place.coordinates.longitude
            row["location_identifiers_json"] = _json_or_none(
                place.identifiers, tuple[ExternalId, ...]
            )
        self.rows["meetings"].append(row)
        rows = self.rows
        for i, party in enumerate(meeting.parties):
            rows["parties"].append(
                {
                    "meeting_id": mid,
                    "year": year,
                    "position": i,
                    "kind": party.kind.value,
                    "code": party.code,
                    "name": party.name,
                    "identifiers_json": _json_or_none(party.identifiers, tuple[ExternalId, ...]),
                }
            )
        for i, area in enumerate(meeting.areas):
            rows["areas"].append(
                {
                    "meeting_id": mid,
                    "year": year,
                    "position": i,
                    "code": area.code,
                    "label": area.label,
                    "stage": area.stage.value,
                    "stage_rank": area.stage.rank,
                    "detail": area.detail,
                    "custom": area.custom,
                }
            )
        for i, statement in enumerate(meeting.statements):
            srow: dict[str, Any] = {
                "meeting_id": mid,
                "year": year,
                "position": i,
                "kind": statement.kind.value,
                "text": statement.text,
                "verbatim": statement.verbatim,
                "language": statement.language,
                "issuer_type": _ACTOR_TAGS[type(statement.issuer)],
                "issuer_name": statement.issuer.name,
                "issuer_party_code": _party_code(statement.issuer),
                "issuer_json": _json(statement.issuer, _Actor),
                "source_json": None
                if statement.source is None
                else _json(statement.source, Source),
            }
            _put_when(srow, "issued", statement.issued)
            rows["statements"].append(srow)
        for i, event in enumerate(meeting.context):
            crow: dict[str, Any] = {
                "meeting_id": mid,
                "year": year,
                "position": i,
                "kind": event.kind.value,
                "relation": event.relation.value,
                "description": event.description,
                "actors_json": _json_or_none(event.actors, tuple[_Actor, ...]),
                "targets_json": _json_or_none(event.targets, tuple[Party, ...]),
            }
            _put_when(crow, "when", event.when)
            rows["context"].append(crow)
        for i, source in enumerate(meeting.sources):
            orow: dict[str, Any] = {
                "meeting_id": mid,
                "year": year,
                "position": i,
                "publisher": source.publisher,
                "title": source.title,
                "url": source.url,
                "agency": source.agency,
                "syndicated": source.syndicated,
                "byline": source.byline,
                "dateline": source.dateline,
                "language": source.language,
                "note": source.note,
            }
            _put_instant(orow, "published", source.published)
            _put_instant(orow, "updated", source.updated)
            _put_instant(orow, "retrieved", source.retrieved)
            rows["sources"].append(orow)
        for i, actor in enumerate(meeting.participants):
            kind = actor.kind.value if not isinstance(actor, Person) else "person"
            rows["participants"].append(
                {
                    "meeting_id": mid,
                    "year": year,
                    "position": i,
                    "type": _ACTOR_TAGS[type(actor)],
                    "name": actor.name,
                    "kind": kind,
                    "code": actor.code if isinstance(actor, Party) else None,
                    "role": actor.role if isinstance(actor, Person) else None,
                    "party_code": _party_code(actor),
                    "actor_json": _json(actor, _Actor),
                }
            )

    def build(self) -> Tables:
        tables = {name: _table(name, rows) for name, rows in self.rows.items()}
        return Tables(**tables)


_FORUM_JSON: dict[Forum, str] = {}
_FORUM_JSON_MAX: Final = 4096


def _forum_json(forum: Forum) -> str:
    # Forums recur from meeting to meeting: write each one's JSON once.
    text = _FORUM_JSON.get(forum)
    if text is None:
        text = _json(forum, Forum)
        if len(_FORUM_JSON) >= _FORUM_JSON_MAX:
            _FORUM_JSON.clear()
        _FORUM_JSON[forum] = text
    return text


def _column(table: str, field: pa.Field, rows: list[dict[str, Any]]) -> pa.Array:
    name = field.name
    values = [row.get(name) for row in rows]
    if pa.types.is_dictionary(field.type):
        members = _DICTIONARIES[table, name]
        index = {member: i for i, member in enumerate(members)}
        indices = pa.array([None if v is None else index[v] for v in values], pa.int16())
        return pa.DictionaryArray.from_arrays(indices, pa.array(members, pa.string()))
    if pa.types.is_timestamp(field.type):
        return pa.array(values, pa.int64()).cast(field.type)
    return pa.array(values, field.type)


def _table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    return pa.Table.from_arrays([_column(name, f, rows) for f in schema], schema=schema)


def to_arrow(meetings: Iterable[Meeting]) -> Tables:
    """The seven :class:`Tables` of *meetings*.

    >>> import coopmodel, coopmodel.tables
    >>> forum = coopmodel.Forum(id="ind-rus", name="India-Russia talks",
    ...     kind=coopmodel.ForumKind.CONSULTATIONS,
    ...     parties=[coopmodel.Party.state("IND"), coopmodel.Party.state("RUS")])
    >>> meeting = coopmodel.Meeting(id="m1", title="Talks", forum=forum,
    ...     sources=[coopmodel.Source(publisher="P", title="T")])
    >>> tables = coopmodel.tables.to_arrow([meeting])
    >>> tables.parties.column("code").to_pylist()
    ['IND', 'RUS']
    >>> tables.meetings.column("status").to_pylist()
    ['held']

    .. versionadded:: 0.1.0
    """
    builder = _Builder()
    seen: set[str] = set()
    for meeting in meetings:
        if not isinstance(meeting, Meeting):
            raise TypeError(f"expected a Meeting, got {type(meeting).__name__}")
        if meeting.id in seen:
            raise ValueError(
                f"id: {meeting.id!r} is the id of two meetings; the tables key every row by"
                " meeting id, so ids must be unique (coopmodel.merge joins two reports of"
                " one meeting)"
            )
        seen.add(meeting.id)
        builder.add(meeting)
    return builder.build()


# --- reading -------------------------------------------------------------------


class _Reader:
    """Reads the values of one table, naming the table, row and column on failure."""

    def __init__(self, name: str, table: pa.Table) -> None:
        self.name = name
        missing = [f.name for f in SCHEMAS[name] if f.name not in table.column_names]
        if missing:
            raise TableError(name, None, missing[0], "is missing from the table")
        self.columns: dict[str, list[Any]] = {}
        for field in SCHEMAS[name]:
            column = table.column(field.name)
            if pa.types.is_timestamp(field.type):
                column = column.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64())
            elif pa.types.is_dictionary(column.type):
                column = column.cast(pa.string())
            self.columns[field.name] = column.to_pylist()
        self.length = table.num_rows

    def get(self, column: str, i: int) -> Any:
        return self.columns[column][i]

    def fail(self, i: int, column: str, reason: str) -> TableError:
        return TableError(self.name, self.columns["meeting_id"][i], column, reason)

    def member(self, column: str, i: int, cls: type[enum.Enum]) -> Any:
        value = self.columns[column][i]
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in cls)
            raise self.fail(i, column, f"{value!r} is not one of {choices}") from None

    def json(self, column: str, i: int, type_: Any) -> Any:
        text = self.columns[column][i]
        if text is None:
            return None
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise self.fail(i, column, f"is not valid JSON: {error}") from None
        try:
            return _converter().structure(data, type_)
        except Exception as error:  # noqa: BLE001 - reported with the diagnosis below
            problems = diagnose(_converter(), data, type_)
            reason = "; ".join(str(p) for p in problems) if problems else str(error)
            raise self.fail(i, column, reason) from None

    def instant(self, prefix: str, i: int) -> pendulum.DateTime | pendulum.Date | None:
        micros = self.columns[f"{prefix}_utc"][i]
        if micros is None:
            day = self.columns[f"{prefix}_date"][i]
            return None if day is None else pendulum.Date(day.year, day.month, day.day)
        name = self.columns[f"{prefix}_zone"][i]
        offset = self.columns[f"{prefix}_offset"][i]
        if offset is None:
            raise self.fail(i, f"{prefix}_offset", f"is missing, but {prefix}_utc is given")
        tz: dt.tzinfo
        if name is None:
            tz = pendulum.FixedTimezone(offset)
        else:
            try:
                tz = _zone(name)
            except Exception:  # noqa: BLE001 - pendulum raises several kinds for bad names
                raise self.fail(i, f"{prefix}_zone", f"{name!r} is not a known time zone") from None
        try:
            local = (_EPOCH + dt.timedelta(microseconds=micros)).astimezone(tz)
        except (OverflowError, ValueError):
            raise self.fail(i, f"{prefix}_utc", f"{micros} is out of range") from None
        real = local.utcoffset()
        if real is None or int(real.total_seconds()) != offset:
            raise self.fail(
                i, f"{prefix}_offset", f"is {offset} s, but the zone is at {real} at that instant"
            )
        return wall_time_in(local, tz)

    def when(self, prefix: str, i: int) -> DateSpan | TimeSpan | PartialDate | None:
        tag = self.columns[f"{prefix}_type"][i]
        if tag is None:
            return None
        raw = self.columns[f"{prefix}_raw"][i]
        if tag == "partial_date":
            return PartialDate(
                self.columns[f"{prefix}_year"][i], self.columns[f"{prefix}_month"][i], raw=raw
            )
        start = self.instant(f"{prefix}_start", i)
        end = self.instant(f"{prefix}_end", i)
        if tag == "date_span":
            return DateSpan(start, end, raw=raw)  # type: ignore[arg-type]
        if tag == "time_span":
            return TimeSpan(start, end, raw=raw)  # type: ignore[arg-type]
        raise self.fail(i, f"{prefix}_type", f"{tag!r} is not a kind of time")


def _build(reader: _Reader, i: int, column: str, build: Callable[..., Any], *args: Any) -> Any:
    """``build(*args)``, its errors turned into a :class:`TableError` for row *i*."""
    try:
        return build(*args)
    except TableError:
        raise
    except (ValueError, TypeError) as error:
        raise reader.fail(i, column, str(error)) from None


def _children(reader: _Reader) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = defaultdict(list)
    ids, positions = reader.columns["meeting_id"], reader.columns["position"]
    for i in sorted(range(reader.length), key=positions.__getitem__):
        rows[ids[i]].append(i)
    return rows


def _party(r: _Reader, i: int) -> Party:
    return Party(
        kind=r.member("kind", i, PartyKind),
        code=r.get("code", i),
        name=r.get("name", i),
        identifiers=r.json("identifiers_json", i, tuple[ExternalId, ...]) or (),
    )


def _area(r: _Reader, i: int) -> CooperationArea:
    return CooperationArea(
        code=r.get("code", i),
        label=r.get("label", i),
        stage=r.member("stage", i, Stage),
        detail=r.get("detail", i),
        custom=r.get("custom", i),
    )


def _statement(r: _Reader, i: int) -> Statement:
    return Statement(
        issuer=r.json("issuer_json", i, _Actor),
        kind=r.member("kind", i, StatementKind),
        text=r.get("text", i),
        verbatim=r.get("verbatim", i),
        issued=r.when("issued", i),
        language=r.get("language", i),
        source=r.json("source_json", i, Source),
    )


def _context(r: _Reader, i: int) -> ContextEvent:
    return ContextEvent(
        kind=r.member("kind", i, ContextKind),
        description=r.get("description", i),
        relation=r.member("relation", i, ContextRelation),
        actors=r.json("actors_json", i, tuple[_Actor, ...]) or (),
        targets=r.json("targets_json", i, tuple[Party, ...]) or (),
        when=r.when("when", i),
    )


def _source(r: _Reader, i: int) -> Source:
    return Source(
        publisher=r.get("publisher", i),
        title=r.get("title", i),
        url=r.get("url", i),
        agency=r.get("agency", i),
        syndicated=r.get("syndicated", i),
        byline=r.get("byline", i),
        dateline=r.get("dateline", i),
        published=r.instant("published", i),
        updated=r.instant("updated", i),
        retrieved=r.instant("retrieved", i),  # type: ignore[arg-type]
        language=r.get("language", i),
        note=r.get("note", i),
    )


def _participant(r: _Reader, i: int) -> Party | Organization | Person:
    actor: Party | Organization | Person = r.json("actor_json", i, _Actor)
    return actor


_CHILD_BUILDERS: Final[dict[str, tuple[str, Callable[[_Reader, int], Any]]]] = {
    "parties": ("code", _party),
    "areas": ("code", _area),
    "statements": ("text", _statement),
    "context": ("description", _context),
    "sources": ("title", _source),
    "participants": ("actor_json", _participant),
}


def _place(r: _Reader, i: int) -> Place | None:
    fields = ("locality", "region", "country", "venue", "latitude", "longitude")
    values = {name: r.get(f"location_{name}", i) for name in fields}
    identifiers = r.json("location_identifiers_json", i, tuple[ExternalId, ...]) or ()
    if all(v is None for v in values.values()) and not identifiers:
        return None
    latitude, longitude = values.pop("latitude"), values.pop("longitude")
    coordinates = None if latitude is None else Coordinates(latitude, longitude)
    return Place(**values, coordinates=coordinates, identifiers=identifiers)


def _meeting(r: _Reader, i: int, forum: Forum, items: dict[str, list[Any]]) -> Meeting:
    extra: dict[str, Any] = {}
    if r.get("parties_explicit", i):
        extra["parties"] = items["parties"]
    return Meeting(
        id=r.get("meeting_id", i),
        title=r.get("title", i),
        forum=forum,
        sources=items["sources"],
        status=r.member("status", i, MeetingStatus),
        session=r.get("session", i),
        when=r.when("when", i),
        schedule_change=r.json("schedule_change_json", i, ScheduleChange),
        location=_place(r, i),
        participants=items["participants"],
        areas=items["areas"],
        statements=items["statements"],
        context=items["context"],
        summary=r.get("summary", i),
        identifiers=r.json("identifiers_json", i, tuple[ExternalId, ...]) or (),
        **extra,
    )


def from_arrow(tables: Tables) -> list[Meeting]:
    """The meetings of *tables*, in the order of the ``meetings`` table.

    Raises:
        TableError: a value cannot be read or does not make a valid meeting;
            it names the table, the meeting and the column.

    .. versionadded:: 0.1.0
    """
    meetings = _Reader("meetings", tables.meetings)
    children: dict[str, tuple[_Reader, dict[str, list[int]]]] = {}
    for name in _CHILD_BUILDERS:
        reader = _Reader(name, getattr(tables, name))
        children[name] = (reader, _children(reader))
    forums: dict[str, Forum] = {}
    result: list[Meeting] = []
    seen: set[str] = set()
    for i in range(meetings.length):
        mid = meetings.get("meeting_id", i)
        if mid in seen:
            raise meetings.fail(i, "meeting_id", "occurs twice: every meeting id must be unique")
        seen.add(mid)
        items: dict[str, list[Any]] = {}
        for name, (reader, rows) in children.items():
            column, build = _CHILD_BUILDERS[name]
            items[name] = [_build(reader, j, column, build, reader, j) for j in rows.get(mid, ())]
        forum_text = meetings.get("forum_json", i)
        forum = forums.get(forum_text)
        if forum is None:
            forum = forums[forum_text] = meetings.json("forum_json", i, Forum)
        result.append(_build(meetings, i, "meeting_id", _meeting, meetings, i, forum, items))
    return result


# --- Parquet -------------------------------------------------------------------


def write_parquet(meetings: Iterable[Meeting], path: str | os.PathLike[str]) -> int:
    """Write *meetings* as a Parquet dataset directory: one file per table.

    The layout is ``path/<table>/part-0.parquet`` for each of
    :data:`TABLE_NAMES`, the same as :func:`write_dataset`'s without the
    ``year=`` level; :func:`read_parquet` reads both.  Returns how many
    meetings were written.

    .. versionadded:: 0.1.0
    """
    tables = to_arrow(meetings)
    root = pathlib.Path(path)
    for name, table in tables.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(table, root / name / "part-0.parquet")
    return len(tables)


def write_dataset(
    meetings: Iterable[Meeting],
    path: str | os.PathLike[str],
    *,
    batch_size: int = DEFAULT_BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Write *meetings* as a hive-partitioned Parquet dataset, streaming.

    The layout is ``path/<table>/year=<year>/part-<n>.parquet``, partitioned
    by the ``year`` column (see :func:`partition_year`).  Meetings are taken
    *batch_size* at a time, so memory stays bounded by one batch however
    long *meetings* is.  Batch *n* writes ``part-<n>`` in every table, so the
    rows of one meeting sit in files of the same name in every table.

    Args:
        meetings: Any iterable; it is consumed lazily.
        path: The dataset directory (created if missing).
        batch_size: How many meetings to convert at a time.
        on_batch: Called with the number of meetings of each batch written.

    Returns:
        How many meetings were written.

    .. versionadded:: 0.1.0
    """
    if batch_size < 1:
        raise ValueError(f"batch_size: {batch_size!r} is not a positive integer")
    root = pathlib.Path(path)
    count = 0
    for number, batch in enumerate(_batches(meetings, batch_size)):
        tables = to_arrow(batch)
        for name, table in tables.items():
            years = table.column("year")
            for year in sorted(set(years.to_pylist())):
                part = table.filter(pc.equal(years, year)).drop_columns(["year"])
                folder = root / name / f"year={year}"
                folder.mkdir(parents=True, exist_ok=True)
                pq.write_table(part, folder / f"part-{number}.parquet")
        count += len(batch)
        if on_batch is not None:
            on_batch(len(batch))
    for name in TABLE_NAMES:  # an empty input still makes a readable dataset
        (root / name).mkdir(parents=True, exist_ok=True)
    return count


def _batches(meetings: Iterable[Meeting], size: int) -> Iterator[list[Meeting]]:
    batch: list[Meeting] = []
    for meeting in meetings:
        batch.append(meeting)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_parquet(path: str | os.PathLike[str]) -> Iterator[Meeting]:
    """The meetings of a Parquet dataset, one file group at a time.

    Reads what :func:`write_parquet` or :func:`write_dataset` wrote.  The
    files of each name are read together (``part-3.parquet`` of every table
    and partition), so memory is bounded by what one batch wrote.  Meetings
    come batch by batch, and within a batch year by year.

    Raises:
        TableError: the directory is not a coopmodel dataset, or a value is bad.

    .. versionadded:: 0.1.0
    """
    root = pathlib.Path(path)
    if not root.is_dir():
        raise TableError(
            "meetings",
            None,
            "meeting_id",
            f"{str(root)!r} is not a directory: a coopmodel Parquet dataset is a directory"
            f" with one sub-directory per table ({', '.join(TABLE_NAMES)})",
        )
    groups: dict[str, dict[str, list[str]]] = {}
    for name in TABLE_NAMES:
        if not (root / name).is_dir():
            raise TableError(
                name,
                None,
                "meeting_id",
                f"the dataset {str(root)!r} has no {name}/ directory: a coopmodel Parquet"
                f" dataset has one directory per table ({', '.join(TABLE_NAMES)})",
            )
        for file in sorted((root / name).rglob("*.parquet"), key=_file_order):
            groups.setdefault(file.name, {n: [] for n in TABLE_NAMES})[name].append(str(file))
    for group in sorted(groups, key=_part_number):
        files = groups[group]
        tables = {name: _read_files(files[name], name) for name in TABLE_NAMES}
        yield from from_arrow(Tables(**tables))


def _file_order(path: pathlib.Path) -> tuple[int, str]:
    """Files in order of their year (``year=9`` before ``year=10``), then by name."""
    return _partition(path.parent.name), str(path)


def _partition(folder: str) -> int:
    key, _, value = folder.partition("=")
    try:
        return int(value) if key == "year" else 0
    except ValueError:
        return 0


def _part_number(name: str) -> tuple[int, str]:
    stem = name.removesuffix(".parquet").rpartition("-")[2]
    return (int(stem), name) if stem.isdigit() else (-1, name)


def _read_files(files: list[str], name: str) -> pa.Table:
    schema = SCHEMAS[name]
    if not files:
        return schema.empty_table()
    parts = []
    for file in files:
        table = pq.read_table(file)
        parent = pathlib.Path(file).parent.name
        if "year" not in table.column_names:
            year = _partition(parent)
            table = table.append_column("year", pa.array([year] * table.num_rows, pa.int32()))
        parts.append(table.select([c for c in schema.names if c in table.column_names]))
    return pa.concat_tables(parts, promote_options="permissive")


def read_parquet(path: str | os.PathLike[str]) -> list[Meeting]:
    """The meetings of a Parquet dataset directory (see :func:`iter_parquet`).

    .. versionadded:: 0.1.0
    """
    return list(iter_parquet(path))
