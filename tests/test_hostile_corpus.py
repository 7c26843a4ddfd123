"""A fixed corpus of valid meetings for the hostile-input suite, and its own checks.

The corpus is built from the model's constructors with a seeded
:class:`random.Random`, not drawn from Hypothesis: it is the same 1,000
documents on every machine, with every Hypothesis version and under every
profile, so a failure in ``test_hostile.py`` names a document that can be
rebuilt by its index.  (The property-driven half of the suite draws from
:mod:`coopmodel.strategies`.)

The meetings are realistic and varied: forums nested up to four deep, up to
a dozen areas, statements by parties, organizations and people, context
events, one to three sources, names in several scripts (with quotes,
backslashes, newlines, combining marks and astral characters), datetimes in
many IANA zones and fixed offsets, date-only and partial dates.
"""

from __future__ import annotations

import functools
import random
from typing import Any

import pendulum
import pytest

import coopmodel
from coopmodel import (
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
    OrganizationKind,
    PartialDate,
    Party,
    PartyKind,
    Person,
    Place,
    Source,
    Stage,
    Statement,
    StatementKind,
    TimeSpan,
)
from helpers import SEED_JSON

CORPUS_SIZE = 1000
CORPUS_SEED = 20250806

ZONES = (
    "Asia/Kolkata",
    "Europe/Moscow",
    "America/New_York",
    "UTC",
    "Asia/Shanghai",
    "Africa/Cairo",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Europe/London",
    "Asia/Tehran",
    "America/St_Johns",
    "Pacific/Kiritimati",
    "Asia/Calcutta",
    "America/Argentina/Buenos_Aires",
)
COUNTRIES = ("IND", "RUS", "USA", "CHN", "BRA", "ZAF", "EGY", "IRN", "NPL", "GBR", "FRA", "JPN")
ORGANIZATIONS = ("EU", "BRICS", "SCO", "ASEAN", "G20", "UN")
WORDS = (
    "India",
    "Russia",
    "भारत",
    "वाणिज्य",
    "मंत्रालय",
    "Россия",
    "Министерство",
    "промышленности",
    "中华人民共和国",
    "القاهرة",
    "São",
    "Paulo",
    "Working",
    "Group",
    "on",
    "Modernization",
    "rare",
    "earths",
    '"quoted"',
    "back\\slash",
    "line\nbreak",
    "tab\there",
    "e\u0301",  # a combining mark
    "𝒳𝒴",  # noqa: RUF001 - the astral plane, on purpose
    "🇮🇳",
    "null",
    "{}",
    "</script>",
)


def _text(rng: random.Random, words: int = 4) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, words)))


def _slug(rng: random.Random, index: int) -> str:
    parts = [
        rng.choice(("ind", "rus", "wg", "igc", "brics", "2025", "mic", "x9")) for _ in range(3)
    ]
    return f"{'-'.join(parts)}.{index}"


def _identifiers(rng: random.Random) -> tuple[ExternalId, ...]:
    roll = rng.random()
    if roll < 0.7:
        return ()
    if roll < 0.9:
        return (ExternalId("wikidata", f"Q{rng.randint(1, 10**7)}"),)
    return (ExternalId("geonames", str(rng.randint(1, 10**7))), ExternalId("acled.actor", "x"))


def _party(rng: random.Random) -> Party:
    roll = rng.random()
    if roll < 0.7:
        return Party.state(rng.choice(COUNTRIES))
    if roll < 0.9:
        return Party.lookup(rng.choice(ORGANIZATIONS))
    return Party(
        kind=PartyKind.GROUPING, code="QUAD", name=_text(rng), identifiers=_identifiers(rng)
    )


def _organization(rng: random.Random) -> Organization:
    return Organization(
        name=_text(rng),
        kind=rng.choice(list(OrganizationKind)),
        party=_party(rng) if rng.random() < 0.7 else None,
        acronym=rng.choice((None, "MoCI", "PTI")),
        identifiers=_identifiers(rng),
    )


def _person(rng: random.Random) -> Person:
    affiliation = rng.choice((None, _party(rng), _organization(rng)))
    return Person(
        name=_text(rng, 2),
        role=_text(rng) if rng.random() < 0.6 else None,
        affiliation=affiliation,
        identifiers=_identifiers(rng),
    )


def _actor(rng: random.Random) -> Party | Organization | Person:
    return rng.choice((_party, _organization, _person))(rng)


def _datetime(rng: random.Random) -> pendulum.DateTime:
    wall = (
        rng.randint(1950, 2035),
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(0, 23),
        rng.randint(0, 59),
        rng.randint(0, 59),
        rng.choice((0, 0, 123456)),
    )
    if rng.random() < 0.75:
        # pendulum moves a wall time in a DST gap forward: the result exists.
        return pendulum.datetime(*wall, tz=rng.choice(ZONES))
    minutes = rng.choice((0, 330, 345, -210, 840, -720, 525, rng.randint(-14 * 60, 14 * 60)))
    return pendulum.datetime(*wall, tz=pendulum.FixedTimezone(minutes * 60))


def _date(rng: random.Random) -> pendulum.Date:
    return pendulum.Date(rng.randint(1900, 2035), rng.randint(1, 12), rng.randint(1, 28))


def _when(rng: random.Random) -> DateSpan | TimeSpan | PartialDate:
    roll = rng.random()
    raw = rng.choice((None, "on Wednesday", "later this month"))
    if roll < 0.35:
        start = _date(rng)
        end = start.add(days=rng.randint(1, 5)) if rng.random() < 0.4 else None
        return DateSpan(start, end, raw=raw)
    if roll < 0.75:
        start_time = _datetime(rng)
        end_time = start_time.add(hours=rng.randint(0, 30)) if rng.random() < 0.5 else None
        if end_time is not None and rng.random() < 0.5:
            end_time = end_time.in_tz(rng.choice(ZONES))
        return TimeSpan(start_time, end_time, raw=raw)
    return PartialDate(rng.randint(1, 9999), rng.choice((None, rng.randint(1, 12))), raw=raw)


def _place(rng: random.Random) -> Place:
    coordinates = (
        Coordinates(rng.uniform(-90, 90), rng.uniform(-180, 180))
        if rng.random() < 0.5
        else rng.choice((None, Coordinates(90, -180), Coordinates(0, 0)))
    )
    return Place(
        locality=rng.choice((None, "New Delhi", _text(rng, 2))),
        country=rng.choice(COUNTRIES),
        region=rng.choice((None, _text(rng, 2))),
        venue=rng.choice((None, "Vanijya Bhawan")),
        coordinates=coordinates,
        identifiers=_identifiers(rng),
    )


def _forum(rng: random.Random, index: int) -> Forum:
    forum = None
    for level in range(rng.randint(1, 4)):
        forum = Forum(
            id=f"{_slug(rng, index)}-l{level}",
            name=_text(rng, 6),
            kind=rng.choice(list(ForumKind)),
            parties=tuple(_party(rng) for _ in range(rng.randint(0, 3))),
            acronym=rng.choice((None, "IRIGC-TEC", "WG")),
            parent=forum,
            identifiers=_identifiers(rng),
        )
    assert forum is not None
    return forum


def _day(value: pendulum.Date) -> tuple[int, int, int]:
    return (value.year, value.month, value.day)


def _in_order(
    published: pendulum.Date | None, updated: pendulum.Date | None
) -> tuple[pendulum.Date | None, pendulum.Date | None]:
    """The two times, swapped where updated would come before published (the model's rule)."""
    if published is None or updated is None:
        return published, updated
    if isinstance(published, pendulum.DateTime) and isinstance(updated, pendulum.DateTime):
        early = updated < published
    else:
        early = _day(updated) < _day(published)
    return (updated, published) if early else (published, updated)


def _source(rng: random.Random, *, retrieved: bool) -> Source:
    published, updated = _in_order(
        rng.choice((None, _datetime(rng), _date(rng))),
        rng.choice((None, _datetime(rng), _date(rng))),
    )
    return Source(
        publisher=_text(rng, 2),
        title=_text(rng, 8),
        url=rng.choice((None, "https://www.business-standard.com/a/b?c=1", "http://pib.gov.in/x")),
        agency=rng.choice((None, "Press Trust of India")),
        syndicated=rng.random() < 0.4,
        byline=rng.choice((None, _text(rng, 2))),
        dateline=rng.choice((None, "New Delhi", "Москва")),
        published=published,
        updated=updated,
        retrieved=_datetime(rng) if retrieved else None,
        language=rng.choice((None, "en", "hi", "ru", "pt-BR")),
        note=rng.choice((None, _text(rng, 10))),
    )


def _area(rng: random.Random) -> CooperationArea:
    stage = rng.choice(list(Stage))
    detail = rng.choice((None, _text(rng, 6)))
    if rng.random() < 0.1:
        code = f"custom.{rng.choice(('wind', 'rail', 'x'))}_{rng.randint(0, 99)}"
        return CooperationArea(code=code, label=_text(rng), stage=stage, detail=detail, custom=True)
    code = rng.choice(list(coopmodel.vocabulary()))
    if rng.random() < 0.5:
        return CooperationArea.of(code, stage, detail=detail)
    return CooperationArea(code=code, label=_text(rng), stage=stage, detail=detail)


def _meeting(rng: random.Random, index: int) -> Meeting:
    forum = _forum(rng, index)
    # The first source always has a datetime, so every document has a timestamp to spoil.
    sources = tuple(_source(rng, retrieved=n == 0) for n in range(rng.randint(1, 3)))
    extra: dict[str, Any] = {}
    if rng.random() < 0.3:
        extra["parties"] = tuple(_party(rng) for _ in range(rng.randint(0, 3)))
    return Meeting(
        id=_slug(rng, index),
        title=_text(rng, 10),
        forum=forum,
        sources=sources,
        status=rng.choice(list(MeetingStatus)),
        session=rng.choice((None, rng.randint(1, 60))),
        when=rng.choice((None, _when(rng))),
        location=rng.choice((None, _place(rng))),
        participants=tuple(_actor(rng) for _ in range(rng.randint(0, 4))),
        areas=tuple(_area(rng) for _ in range(rng.randint(0, 12))),
        statements=tuple(
            Statement(
                issuer=_actor(rng),
                kind=rng.choice(list(StatementKind)),
                text=_text(rng, 30),
                verbatim=rng.random() < 0.5,
                issued=rng.choice((None, _when(rng))),
                language=rng.choice((None, "en", "hi")),
                source=rng.choice((None, sources[0])),
            )
            for _ in range(rng.randint(0, 3))
        ),
        context=tuple(
            ContextEvent(
                kind=rng.choice(list(ContextKind)),
                description=_text(rng, 12),
                relation=rng.choice(list(ContextRelation)),
                actors=tuple(_actor(rng) for _ in range(rng.randint(0, 2))),
                targets=tuple(_party(rng) for _ in range(rng.randint(0, 2))),
                when=rng.choice((None, _when(rng))),
            )
            for _ in range(rng.randint(0, 2))
        ),
        summary=rng.choice((None, _text(rng, 20))),
        identifiers=_identifiers(rng),
        **extra,
    )


@functools.cache
def corpus_meetings() -> tuple[Meeting, ...]:
    """The corpus: the seed fixture first, then seeded random meetings."""
    rng = random.Random(CORPUS_SEED)  # noqa: S311 - test data, not secrets
    seed = coopmodel.from_json(SEED_JSON.read_bytes(), Meeting)
    return (seed, *(_meeting(rng, index) for index in range(1, CORPUS_SIZE)))


@functools.cache
def corpus_documents() -> tuple[dict[str, Any], ...]:
    """The corpus as JSON-form dicts.  Shared: never mutate them in place."""
    return tuple(coopmodel.to_dict(meeting) for meeting in corpus_meetings())


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_the_corpus_is_large_distinct_and_valid() -> None:
    meetings = corpus_meetings()
    documents = corpus_documents()
    assert len(meetings) == CORPUS_SIZE >= 1000
    assert len({meeting.id for meeting in meetings}) == CORPUS_SIZE
    # Every document reads back as its meeting: the corpus is valid input.
    for meeting, document in zip(meetings, documents, strict=True):
        assert coopmodel.from_dict(document, Meeting) == meeting


def test_the_corpus_is_deterministic() -> None:
    rng = random.Random(CORPUS_SEED)  # noqa: S311
    again = [coopmodel.to_json(_meeting(rng, index)) for index in range(1, 6)]
    assert again == [coopmodel.to_json(meeting) for meeting in corpus_meetings()[1:6]]


@pytest.mark.parametrize(
    ("needle", "minimum"),
    [
        ('"type":"person"', 100),
        ('"type":"organization"', 100),
        ('"type":"party"', 100),
        ('"type":"date_span"', 100),
        ('"type":"time_span"', 100),
        ('"type":"partial_date"', 100),
        ('"custom":true', 50),
        ('"parent":{', 500),
        ("[Asia/Kolkata]", 50),
        ("[Pacific/Chatham]", 20),
        ("+05:45", 20),  # Kathmandu, or a fixed offset
        ("वाणिज्य", 200),
        ("\\n", 200),  # an escaped newline
    ],
)
def test_the_corpus_covers(needle: str, minimum: int) -> None:
    documents = corpus_documents()
    texts = [coopmodel.to_json(meeting).decode() for meeting in corpus_meetings()]
    assert sum(needle in text for text in texts) >= minimum, needle
    assert len(documents) == len(texts)


def test_the_corpus_is_realistic_in_size() -> None:
    sizes = sorted(len(coopmodel.to_json(meeting)) for meeting in corpus_meetings())
    assert 1_000 < sizes[len(sizes) // 2] < 20_000
    assert all(
        isinstance(leaf, str | int | float | bool) for leaf in _leaves(list(corpus_documents()))
    )
