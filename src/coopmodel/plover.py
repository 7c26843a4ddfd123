"""PLOVER event records and CAMEO codes for meetings.

PLOVER (openeventdata/PLOVER) is the event ontology behind POLECAT.
:func:`to_plover` writes a :class:`~coopmodel.Meeting` as PLOVER event
records; :func:`from_plover` reads PLOVER records (in every field spelling
PLOVER's own gold-standard records use) back into meetings and says what
each record lacked.  :func:`cameo_codes` and :func:`area_cameo_code` give
the CAMEO event codes.  The tables behind all of them ship as data
(``coopmodel/data/event_codes.json``) and are rendered in the how-to pages.

The multilateral rule: a meeting is *one* event.  All its parties go in the
``actor`` list and no ``recipient`` is written, as PLOVER's manual prescribes
for compound and reciprocal actors, so a meeting of nine is never split into
72 dyads that each claim a bilateral meeting.  Only a bilateral meeting held
in the country of one of its two parties names a recipient: the host (mode
``visit``), with the visitor as actor.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, Final

import attrs
import pendulum

from coopmodel._codes import cameo_actor_code, country_code, plover_actor_code
from coopmodel._model import (
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    PartialDate,
    Party,
    PartyKind,
    Place,
    Source,
    Stage,
    TimeSpan,
    vocabulary,
    zone_name,
)

__all__ = [
    "EXTENSION_KEY",
    "ImportProblem",
    "PloverImport",
    "area_cameo_code",
    "area_plover_context",
    "cameo_codes",
    "event_codes",
    "from_plover",
    "party_cameo_code",
    "to_plover",
]

EXTENSION_KEY: Final = "coopmodel"
"""The named field holding what PLOVER has no field for (the manual allows extra fields)."""


@functools.cache
def event_codes() -> dict[str, Any]:
    """The shipped mapping tables (``data/event_codes.json``), as a dict."""
    text = resources.files("coopmodel").joinpath("data/event_codes.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _area_entry(code: str) -> dict[str, Any] | None:
    """The table row of *code*, or of its nearest listed ancestor (longest prefix wins)."""
    areas = event_codes()["areas"]
    while code:
        entry: dict[str, Any] | None = areas.get(code)
        if entry is not None:
            return entry
        code = code.rpartition(".")[0]
    return None


def area_plover_context(code: str) -> tuple[str, ...]:
    """The PLOVER contexts of area *code* (empty where none fits).

    >>> area_plover_context("minerals.rare_earths")
    ('natural_resource', 'economic')
    """
    entry = _area_entry(code)
    return () if entry is None else tuple(entry["plover_context"])


def area_cameo_code(area: CooperationArea) -> str:
    """The CAMEO event code of *area* at its stage.

    >>> from coopmodel import CooperationArea, Stage
    >>> area_cameo_code(CooperationArea.of("trade", Stage.AGREED))
    '0311'
    >>> area_cameo_code(CooperationArea.of("defence.exercises", Stage.IMPLEMENTED))
    '062'
    """
    entry = _area_entry(area.code)
    domain = "general" if entry is None else entry["cameo_domain"]
    codes = event_codes()["stages"][area.stage.value]["cameo"]
    code: str = codes.get(domain, codes["general"])
    return code


def party_cameo_code(party: Party) -> str:
    """The CAMEO actor code of *party* (``ROM`` for Romania, ``IGOSHA`` for the SCO).

    >>> party_cameo_code(Party.state("ROU"))
    'ROM'
    """
    return cameo_actor_code(party.code, state=party.kind is PartyKind.STATE)


def _mode(meeting: Meeting) -> tuple[str | None, Party | None]:
    """The CONSULT mode of a held meeting, and its host where the mode is ``visit``."""
    parties = meeting.parties
    host = None if meeting.location is None else meeting.location.country
    if len(parties) >= 3 or meeting.forum.kind is ForumKind.MULTILATERAL_FORUM:
        return "multilateral", None
    if len(parties) == 2 and host is not None and parties[0].code != parties[1].code:
        for party in parties:
            if party.kind is PartyKind.STATE and party.code == host:
                return "visit", party
        return "third-party", None
    return None, None


def cameo_codes(meeting: Meeting) -> tuple[str, ...]:
    """The CAMEO event codes of *meeting* itself (its areas: :func:`area_cameo_code`).

    A held bilateral meeting in one party's country is ``042`` (make a visit)
    and ``043`` (host a visit); in a third country ``044``; otherwise ``040``.
    A scheduled or postponed meeting is ``036`` (express intent to meet); a
    cancelled one has none.
    """
    row = event_codes()["meetings"][meeting.status.value]
    mode = _mode(meeting)[0] if meeting.status is MeetingStatus.HELD else None
    codes = row["cameo"].get(mode or "none", row["cameo"]["none"])
    return tuple(codes)


# ---------------------------------------------------------------- export


def _entity(party: Party) -> dict[str, Any]:
    state = party.kind is PartyKind.STATE
    entity: dict[str, Any] = {
        "code": plover_actor_code(party.code, state=state),
        "entity_text": party.name,
    }
    if state:
        entity["sector"] = "GOV"
    for identifier in party.identifiers:
        if identifier.scheme == "wikidata":
            entity["identifier_id"] = identifier.value
            entity["identifier_text"] = party.name
            break
    if not state:
        entity["coopmodel_party"] = {"kind": party.kind.value, "code": party.code}
    return entity


def _time_text(value: pendulum.DateTime) -> tuple[str, str]:
    date_part, _, time_part = value.isoformat().partition("T")
    return date_part, time_part


def _date_fields(when: DateSpan | TimeSpan | PartialDate) -> dict[str, Any]:
    if isinstance(when, DateSpan):
        fields = {"date": when.start.isoformat()}
        if when.end is not None:
            fields["enddate"] = when.end.isoformat()
        return fields
    if isinstance(when, PartialDate):
        # PLOVER dates are days: a month or year is written as its first and
        # last day, with its precision in a named field of our own.
        return {
            "date": when.earliest.isoformat(),
            "enddate": when.latest.isoformat(),
            "date_precision": "year" if when.month is None else "month",
        }
    fields = {}
    fields["date"], fields["time"] = _time_text(when.start)
    if when.end is not None:
        fields["enddate"], fields["endtime"] = _time_text(when.end)
    return fields


def _reported_when(meeting: Meeting) -> DateSpan | TimeSpan | PartialDate | None:
    for statement in meeting.statements:
        if statement.issued is not None:
            return statement.issued
    for source in meeting.sources:
        if source.published is not None:
            day = source.published
            return DateSpan(pendulum.Date(day.year, day.month, day.day))
    return None


def _location(place: Place) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    name = place.venue or place.locality or place.region
    if name is not None:
        loc["extracted_place"] = name
        loc["resolved_place"] = name
    if place.locality is not None:
        loc["city"] = place.locality
    if place.region is not None:
        loc["province"] = place.region
    if place.country is not None:
        loc["country_code"] = place.country
    if place.coordinates is not None:
        loc["lat"] = place.coordinates.latitude
        loc["lon"] = place.coordinates.longitude
    for identifier in place.identifiers:
        if identifier.scheme == "geonames" and identifier.value.isdigit():
            loc["geonameid"] = int(identifier.value)
    if place.venue is not None:
        loc["coopmodel_venue"] = place.venue
    return loc


def _cite_info(source: Source) -> dict[str, Any]:
    cite: dict[str, Any] = {"publication": source.publisher, "title": source.title}
    if source.url is not None:
        cite["url"] = source.url
    if source.language is not None:
        primary = source.language.split("-")[0]
        if len(primary) == 2:
            cite["language"] = primary.lower()
    if source.agency is not None:
        cite["corpus"] = source.agency
    return cite


def to_plover(meeting: Meeting) -> list[dict[str, Any]]:
    """*meeting* as PLOVER event records (JSON-ready dicts), in the manual's field spelling.

    A held meeting is one ``CONSULT`` record (mode ``visit``,
    ``third-party`` or ``multilateral`` where known; context ``diplomatic``
    plus the areas' contexts), followed by one record per area whose stage is
    an event of its own: ``AGREE`` (proposed, agreed), ``SUPPORT`` (welcomed,
    signed) or ``COOPERATE`` (implemented).  Areas only explored or discussed
    are carried by the ``CONSULT`` record.  A scheduled or postponed meeting
    is one ``AGREE`` record (an intent to meet); a cancelled one yields no
    record.  Every record of a meeting shares its ``link`` (the meeting id).

    Dates follow PLOVER's ``date``/``time``/``enddate``/``endtime`` fields,
    times with their UTC offset; a month or a year is written as its first
    and last day plus ``date_precision``.  A meeting without a date takes the
    date of its first dated statement or source, marked as such.  What PLOVER
    has no field for (area codes, stages, the forum, the time zone name) goes
    in the ``coopmodel`` field.  This function never raises for a valid
    meeting.

    >>> import coopmodel as cm, pendulum
    >>> forum = cm.Forum(id="can-usa", name="Canada-US dialogue", kind=cm.ForumKind.OTHER,
    ...                  parties=[cm.Party.state("CAN"), cm.Party.state("USA")])
    >>> meeting = cm.Meeting(id="m", title="Talks", forum=forum,
    ...                      sources=[cm.Source(publisher="P", title="T")],
    ...                      when=cm.DateSpan(pendulum.date(2025, 8, 6)),
    ...                      location=cm.Place(locality="Ottawa", country="CAN"))
    >>> [record] = to_plover(meeting)
    >>> record["event"], record["mode"], record["actor"][0]["code"], record["recipient"][0]["code"]
    ('CONSULT', ['visit'], 'USA', 'CAN')
    """
    codes = event_codes()
    row = codes["meetings"][meeting.status.value]
    if row["plover_event"] is None:
        return []
    held = meeting.status is MeetingStatus.HELD
    base, extension = _shared_fields(meeting)
    mode, host = _mode(meeting) if held else (None, None)
    contexts = list(row["plover_context"])
    for area in meeting.areas if held else ():
        contexts.extend(c for c in area_plover_context(area.code) if c not in contexts)
    extension["areas"] = [
        _area_extension(a, i) for i, a in enumerate(meeting.areas) if held and not _own_event(a)
    ]
    first = {
        "id": f"{meeting.id}-1",
        **base,
        "actor": [_entity(p) for p in meeting.parties if p is not host],
        "event": row["plover_event"],
        "event_text": meeting.title,
        "mode": [mode] if mode else [],
        "context": contexts,
        "quad_code": codes["plover_quad"][row["plover_event"]],
        "cameo": list(cameo_codes(meeting)),
        EXTENSION_KEY: extension,
    }
    if host is not None:
        first["recipient"] = [_entity(host)]
    if meeting.summary is not None:
        first["comment"] = meeting.summary
    return [first, *_area_records(meeting, base)] if held else [first]


def _shared_fields(meeting: Meeting) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields every record of *meeting* shares, and the ``coopmodel`` field of the first."""
    extension: dict[str, Any] = {
        "meeting": meeting.id,
        "title": meeting.title,
        "status": meeting.status.value,
        "parties": [p.code for p in meeting.parties],
        "forum": {
            "id": meeting.forum.id,
            "name": meeting.forum.name,
            "kind": meeting.forum.kind.value,
        },
    }
    when = meeting.when
    if when is None:
        when = _reported_when(meeting)
        extension["date_basis"] = "reported"
    if isinstance(when, TimeSpan):
        extension["timezone"] = zone_name(when.start)
        if when.end is not None:
            extension["endtimezone"] = zone_name(when.end)
    base: dict[str, Any] = {"link": meeting.id}
    if when is not None:
        base.update(_date_fields(when))
    if meeting.location is not None:
        base["event_loc"] = _location(meeting.location)
    base["cite_info"] = _cite_info(meeting.sources[0])
    return base, extension


def _area_records(meeting: Meeting, base: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per area whose stage is an event of its own (not CONSULT)."""
    quad = event_codes()["plover_quad"]
    everyone = [_entity(p) for p in meeting.parties]
    records: list[dict[str, Any]] = []
    for position, area in enumerate(meeting.areas):
        event = _own_event(area)
        if event is None:
            continue
        records.append(
            {
                "id": f"{meeting.id}-{len(records) + 2}",
                **base,
                "actor": everyone,
                "event": event,
                "event_text": area.detail or area.label,
                "mode": [],
                "context": list(area_plover_context(area.code)),
                "quad_code": quad[event],
                "cameo": [area_cameo_code(area)],
                EXTENSION_KEY: {"meeting": meeting.id, "area": _area_extension(area, position)},
            }
        )
    return records


def _own_event(area: CooperationArea) -> str | None:
    """The PLOVER event of *area* at its stage, or ``None`` where the CONSULT record carries it."""
    event: str = event_codes()["stages"][area.stage.value]["plover_event"]
    return None if event == "CONSULT" else event


def _area_extension(area: CooperationArea, position: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "code": area.code,
        "label": area.label,
        "stage": area.stage.value,
        "position": position,
    }
    if area.detail is not None:
        fields["detail"] = area.detail
    if area.custom:
        fields["custom"] = True
    return fields


# ---------------------------------------------------------------- import


@attrs.frozen
class ImportProblem:
    """What a PLOVER record lacked, or what was made up for it.

    Attributes:
        record: The record's ``id`` (or its position, ``"#3"``, if it has none).
        field: The PLOVER field concerned, e.g. ``"date"``.
        message: What is wrong or was assumed.
        skipped: ``True`` when the record could not become (part of) a meeting.

    .. versionadded:: 0.1.0
    """

    record: str
    field: str
    message: str
    skipped: bool = False


@attrs.frozen
class PloverImport:
    """The meetings read from PLOVER records, and what the records lacked.

    Attributes:
        meetings: One meeting per group of records sharing a ``link`` (or per record).
        problems: What each record lacked or what was assumed for it.

    .. versionadded:: 0.1.0
    """

    meetings: tuple[Meeting, ...]
    problems: tuple[ImportProblem, ...]


# Every spelling of a field seen in PLOVER's manual and its gold-standard records.
_SPELLINGS: Final[dict[str, tuple[str, ...]]] = {
    "actor": ("actor", "source"),
    "recipient": ("recipient", "target"),
    "event_text": ("event_text", "eventText"),
    "event_loc": ("event_loc", "eventLoc"),
    "cite_info": ("cite_info", "citeInfo"),
    "text_info": ("text_info", "textInfo"),
    "date": ("date", "event_date", "eventDate"),
    "enddate": ("enddate", "end_date", "endDate"),
    "time": ("time", "event_time", "eventTime"),
    "endtime": ("endtime", "end_time", "endTime"),
    "coded_date": ("coded_date", "dateCoded", "date_coded"),
}
_ENTITY_TEXT: Final = ("entity_text", "actorText", "entityText", "raw_text", "entity_name", "text")
_LOC_COUNTRY: Final = ("country_code", "country code", "countryCode")
_LOC_NAME: Final = ("city", "resolved_place", "extracted_place", "name", "placename")
_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")


def _get(record: Mapping[str, Any], field: str) -> Any:
    for spelling in _SPELLINGS.get(field, (field,)):
        if spelling in record:
            return record[spelling]
    return None


def _as_list(value: Any) -> list[Any]:
    """A PLOVER multi-valued field (a list, one value, comma-separated text, ``""``) as a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


class _Reader:
    """Reads one group of records into a meeting, noting problems."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems

    def note(self, record: str, field: str, message: str, *, skipped: bool = False) -> None:
        self.problems.append(ImportProblem(record, field, message, skipped))

    def parties(self, rid: str, record: Mapping[str, Any]) -> list[Party]:
        parties: list[Party] = []
        for field in ("actor", "recipient"):
            value = _get(record, field)
            if value is not None and not isinstance(value, list | dict) and value != "":
                self.note(rid, field, f"is {value!r}, expected a list of entities; ignored")
                continue
            entities = [value] if isinstance(value, dict) else _as_list(value)
            for entity in entities:
                party = self.party(rid, field, entity)
                if party is not None:
                    parties.append(party)
        return parties

    def party(self, rid: str, field: str, entity: Any) -> Party | None:
        if isinstance(entity, str):
            entity = {"code": entity}
        if not isinstance(entity, dict):
            self.note(rid, field, f"entity {entity!r} is not an object; ignored")
            return None
        own = entity.get("coopmodel_party")
        code = entity.get("code") or entity.get("country_code") or ""
        name = next((entity[k] for k in _ENTITY_TEXT if entity.get(k)), None)
        try:
            if isinstance(own, dict):
                return Party(
                    kind=PartyKind(own["kind"]), code=own["code"], name=name or own["code"]
                )
            if code == "UNO":
                return Party.lookup("UN")
            if code == "EUR":
                return Party.lookup("EU")
            return self.state(str(code))
        except (LookupError, ValueError, KeyError, TypeError):
            self.note(
                rid,
                field,
                f"entity code {code!r} ({name!r}) is not a country or a known organization;"
                " left out of the parties",
            )
            return None

    @staticmethod
    def state(code: str) -> Party:
        code = code.strip().upper()
        if len(code) == 3:
            try:
                return Party.state(code)
            except LookupError:
                # A CAMEO code that differs from ISO (ROM, TMP).
                return Party.state(country_code(code, source="cameo", target="iso3"))
        return Party.state(code)

    def when(
        self, rid: str, record: Mapping[str, Any], ext: Mapping[str, Any]
    ) -> DateSpan | TimeSpan | PartialDate | None:
        raw = _get(record, "date")
        if raw is None or raw == "":
            self.note(rid, "date", "is missing: PLOVER requires it; the meeting has no date")
            return None
        try:
            partial = _partial_date(str(raw).strip(), record.get("date_precision"))
            if partial is not None:
                return partial
            zones = (ext.get("timezone"), ext.get("endtimezone"))
            return self._day_or_time(rid, record, str(raw).strip(), zones)
        except (ValueError, TypeError) as error:
            self.note(rid, "date", f"{raw!r} is not a date PLOVER allows: {error}")
            return None

    def _day_or_time(
        self, rid: str, record: Mapping[str, Any], text: str, zones: tuple[object, object]
    ) -> DateSpan | TimeSpan:
        if "T" in text:
            text, _, time = text.partition("T")
        else:
            time = str(_get(record, "time") or "")
        end_raw = _get(record, "enddate")
        start_day = _parse_day(text)
        end_day = _parse_day(str(end_raw)[:10]) if end_raw else None
        if not time:
            return DateSpan(start_day, end_day)
        start = _aware(start_day, time, zones[0])
        if start is None:
            self.note(rid, "time", f"{time!r} has no UTC offset; the day is kept")
            return DateSpan(start_day, end_day)
        end_time = str(_get(record, "endtime") or "")
        end = _aware(end_day or start_day, end_time, zones[1]) if end_time else None
        return TimeSpan(start, end)

    def location(self, rid: str, record: Mapping[str, Any], *, ours: bool) -> Place | None:
        loc = _get(record, "event_loc")
        if not isinstance(loc, dict) or not loc:
            return None
        country = next((loc[k] for k in _LOC_COUNTRY if loc.get(k)), None)
        alpha3 = None
        if isinstance(country, str) and country.strip():
            try:
                alpha3 = country_code(
                    country, source="iso3" if len(country.strip()) == 3 else "iso2", target="iso3"
                )
            except ValueError:
                self.note(
                    rid, "event_loc", f"country code {country!r} is not an ISO code; left out"
                )
        # Our own records name the locality in "city" only; others anywhere.
        names = ("city",) if ours else _LOC_NAME
        locality = next((loc[k] for k in names if isinstance(loc.get(k), str) and loc[k]), None)
        coords = None
        lat, lon = loc.get("lat"), loc.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            try:
                coords = Coordinates(lat, lon)
            except ValueError:
                self.note(rid, "event_loc", f"({lat!r}, {lon!r}) are not coordinates; left out")
        identifiers: tuple[ExternalId, ...] = ()
        if isinstance(loc.get("geonameid"), int):
            identifiers = (ExternalId("geonames", str(loc["geonameid"])),)
        region = loc.get("province") if isinstance(loc.get("province"), str) else None
        venue = loc.get("coopmodel_venue") if isinstance(loc.get("coopmodel_venue"), str) else None
        if locality is None and alpha3 is None and region is None and venue is None:
            return None
        return Place(
            locality=locality,
            country=alpha3,
            region=region,
            venue=venue,
            coordinates=coords,
            identifiers=identifiers,
        )

    def source(self, rid: str, record: Mapping[str, Any]) -> Source | None:
        cite = _get(record, "cite_info")
        cite = cite if isinstance(cite, dict) else {}
        publisher = cite.get("publication") or record.get("publication") or cite.get("corpus")
        if not isinstance(publisher, str) or not publisher.strip():
            self.note(
                rid, "cite_info", "names no publication: a meeting needs a source", skipped=True
            )
            return None
        title = cite.get("title") or record.get("title")
        if not isinstance(title, str) or not title.strip():
            title = f"PLOVER record {rid}"
            self.note(rid, "cite_info", f"has no title; the source is titled {title!r}")
        url = cite.get("url")
        language = cite.get("language") or record.get("language")
        return Source(
            publisher=publisher,
            title=title,
            url=url
            if isinstance(url, str) and url[:8].lower().startswith(("http://", "https://"))
            else None,
            language=language if isinstance(language, str) and language.isalpha() else None,
            agency=cite.get("corpus") if cite.get("publication") else None,
        )


def _partial_date(text: str, precision: object) -> PartialDate | None:
    """A month or a year: ``YYYY``, ``YYYY-MM``, or a day with ``date_precision``."""
    if precision in ("year", "month"):
        day = _parse_day(text)
        return PartialDate(day.year, None if precision == "year" else day.month)
    if re.fullmatch(r"\d{4}", text):
        return PartialDate(int(text))
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return PartialDate(int(text[:4]), int(text[5:]))
    return None


def _parse_day(text: str) -> pendulum.Date:
    text = text.strip()
    if not _DAY.fullmatch(text):
        raise ValueError("expected YYYY-MM-DD or YYYYMMDD")
    if "-" not in text:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    day = dt.date.fromisoformat(text)
    return pendulum.Date(day.year, day.month, day.day)


def _aware(day: pendulum.Date, time: str, zone: Any) -> pendulum.DateTime | None:
    value = dt.datetime.fromisoformat(f"{day.isoformat()}T{time}")
    if value.tzinfo is None:
        return None
    instant = pendulum.instance(value)
    if isinstance(zone, str):
        try:
            local = instant.in_tz(zone)
        except (ValueError, LookupError):
            return instant
        if local.utcoffset() == value.utcoffset():
            return local
    return instant


def _slug(text: str) -> str:
    if _SLUG.fullmatch(text) and len(text) <= 128:
        return text
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:120].strip("-") or "plover-event"


def from_plover(records: Iterable[Any]) -> PloverImport:
    """Meetings from PLOVER event records, with what each record lacked.

    Reads every spelling PLOVER uses: ``actor``/``source``,
    ``recipient``/``target``, ``event_text``/``eventText``,
    ``event_loc``/``eventLoc``, ``cite_info``/``citeInfo``; ``event``,
    ``mode`` and ``context`` as a string, a list or a comma-separated string;
    dates as ``YYYY-MM-DD``, ``YYYYMMDD`` (string or number), ``YYYY-MM``,
    ``YYYY`` or a full ISO 8601 datetime, with ``time``/``enddate``/``endtime``.
    Records that share a ``link`` make one meeting (so :func:`to_plover`'s
    output reads back as one); the ``coopmodel`` field restores what PLOVER
    cannot carry.  A ``CONSULT`` record is a held meeting; a record of another
    event becomes a meeting only with the ``coopmodel`` field saying so (an
    agreement alone is not a meeting) and is otherwise reported and skipped.

    PLOVER has no forum: a meeting read from foreign records gets a forum made
    from its parties, and the problems say so.

    .. versionadded:: 0.1.0
    """
    problems: list[ImportProblem] = []
    reader = _Reader(problems)
    groups: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for position, record in enumerate(records):
        if not isinstance(record, Mapping):
            reader.note(f"#{position}", "", "is not a JSON object", skipped=True)
            continue
        rid = str(record.get("id") or f"#{position}")
        if str(record.get("event", "")).upper() == "DOCUMENT":
            continue  # PLOVER's documentation records
        link = record.get("link")
        key = str(link) if isinstance(link, str | int) and link != "" else f"\0{rid}"
        groups.setdefault(key, []).append((rid, record))
    meetings = [m for group in groups.values() if (m := _meeting(reader, group)) is not None]
    return PloverImport(tuple(meetings), tuple(problems))


def _events(record: Mapping[str, Any]) -> list[str]:
    return [str(e).strip().upper() for e in _as_list(record.get("event"))]


def _main_record(
    reader: _Reader, group: list[tuple[str, Mapping[str, Any]]]
) -> tuple[str, Mapping[str, Any], dict[str, Any]] | None:
    """The record that makes the meeting, and its ``coopmodel`` field (empty if none)."""
    for rid, record in group:
        ext = record.get(EXTENSION_KEY)
        if isinstance(ext, dict) and "status" in ext:
            return rid, record, ext
    for rid, record in group:
        if "CONSULT" in _events(record):
            return rid, record, {}
    for rid, record in group:
        reader.note(
            rid,
            "event",
            f"{_events(record) or 'no event'} is not a meeting (only CONSULT is); skipped",
            skipped=True,
        )
    return None


def _group_areas(
    reader: _Reader, group: list[tuple[str, Mapping[str, Any]]], main: Mapping[str, Any]
) -> list[CooperationArea]:
    ext = main.get(EXTENSION_KEY)
    found = ext.get("areas", []) if isinstance(ext, dict) else []
    areas = [_area(reader, str(main.get("id")), a) for a in found if isinstance(a, dict)]
    positions = [a.get("position") for a in found if isinstance(a, dict)]
    for rid, record in group:
        if record is main:
            continue
        other = record.get(EXTENSION_KEY)
        if isinstance(other, dict) and isinstance(other.get("area"), dict):
            areas.append(_area(reader, rid, other["area"]))
            positions.append(other["area"].get("position"))
        else:
            reader.note(rid, "event", f"{_events(record)} names no area; only its link is kept")
    if not isinstance(ext, dict):
        contexts = _as_list(main.get("context"))
        if contexts:
            reader.note(
                str(main.get("id")), "context", f"{contexts} name no area; not kept as areas"
            )
    ordered = sorted(
        zip(positions, range(len(areas)), areas, strict=True),
        key=lambda row: (row[0] if isinstance(row[0], int) else len(areas), row[1]),
    )
    return [area for _, _, area in ordered if area is not None]


def _meeting(reader: _Reader, group: list[tuple[str, Mapping[str, Any]]]) -> Meeting | None:
    main = _main_record(reader, group)
    if main is None:
        return None
    rid, record, ext = main
    parties = reader.parties(rid, record)
    order = ext.get("parties")
    if isinstance(order, list):
        parties = _reorder(parties, order)
    if not parties:
        reader.note(rid, "actor", "names no country or known organization", skipped=True)
        return None
    source = reader.source(rid, record)
    if source is None:
        return None
    when = reader.when(rid, record, ext)
    status = ext.get("status", "held")
    title = ext.get("title") or _get(record, "event_text") or f"{_events(record)[0]} meeting"
    text = record.get("comment") if ext else record.get("text")
    try:
        return Meeting(
            id=_slug(str(ext.get("meeting") or record.get("link") or rid)),
            title=" ".join(map(str, title)) if isinstance(title, list) else str(title),
            forum=_forum(reader, rid, ext.get("forum"), parties),
            sources=[source],
            status=MeetingStatus(status if status in _STATUSES else "held"),
            when=None if ext.get("date_basis") == "reported" else when,
            location=reader.location(rid, record, ours=bool(ext)),
            parties=parties,
            areas=_group_areas(reader, group, record),
            summary=text if isinstance(text, str) and text.strip() else None,
        )
    except (ValueError, TypeError) as error:
        reader.note(rid, "", f"does not make a valid meeting: {error}", skipped=True)
        return None


def _reorder(parties: list[Party], order: list[Any]) -> list[Party]:
    """*parties* in the order of the codes in *order*; the rest after them."""
    left = list(parties)
    ordered: list[Party] = []
    for code in order:
        match = next((p for p in left if p.code == code), None)
        if match is not None:
            left.remove(match)
            ordered.append(match)
    return ordered + left


_STATUSES: Final = frozenset(s.value for s in MeetingStatus)


def _forum(reader: _Reader, rid: str, value: Any, parties: list[Party]) -> Forum:
    if isinstance(value, dict):
        try:
            return Forum(
                id=value["id"],
                name=value["name"],
                kind=ForumKind(value.get("kind", "other")),
                parties=parties,
            )
        except (KeyError, ValueError, TypeError):
            reader.note(rid, EXTENSION_KEY, f"forum {value!r} is not a forum; one is made up")
    codes = "-".join(p.code.lower() for p in parties)
    reader.note(rid, "", "PLOVER has no forum: one is made from the parties")
    return Forum(
        id=_slug(f"plover-{codes}"),
        name=" - ".join(p.name for p in parties) + " consultations",
        kind=ForumKind.CONSULTATIONS,
        parties=parties,
    )


def _area(reader: _Reader, rid: str, value: Mapping[str, Any]) -> CooperationArea | None:
    try:
        code = value["code"]
        custom = bool(value.get("custom", False)) or code not in vocabulary()
        return CooperationArea(
            code=code,
            label=value.get("label") or code,
            stage=Stage(value["stage"]),
            detail=value.get("detail"),
            custom=custom,
        )
    except (KeyError, ValueError, TypeError) as error:
        reader.note(rid, EXTENSION_KEY, f"area {dict(value)!r} is not an area: {error}")
        return None


def _is_http(url: str) -> bool:
    """Whether *url* is an http(s) URL (the scheme in any case, as RFC 3986 allows)."""
    return url[:8].lower().startswith(("http://", "https://"))
