"""Hypothesis strategies for every public coopmodel class.

For your own property-based tests::

    from hypothesis import given
    from coopmodel import strategies as cst

    @given(cst.meetings())
    def test_my_export(meeting): ...

Every strategy yields valid objects by construction, and varied ones: names
in Latin, Devanagari, Cyrillic and other scripts, datetimes in many IANA
zones and fixed offsets, date-only and reduced-precision dates, nested forums,
custom and vocabulary areas.  With the ``hypothesis`` entry point (installed
with coopmodel) ``st.from_type(Meeting)`` and friends work too.

This module needs Hypothesis: install ``coopmodel[testing]``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from typing import Any, Final

import pendulum
import pycountry
from hypothesis import strategies as st

from coopmodel import _hypothesis_plugin as _plugin
from coopmodel._converter import zone_names
from coopmodel._model import (
    MAX_FORUM_DEPTH,
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
    vocabulary,
)

__all__ = [
    "actors",
    "aware_datetimes",
    "calendar_dates",
    "context_events",
    "cooperation_areas",
    "coordinates",
    "date_spans",
    "external_ids",
    "forums",
    "meetings",
    "organizations",
    "partial_dates",
    "parties",
    "people",
    "places",
    "register_type_strategies",
    "slugs",
    "sources",
    "statements",
    "texts",
    "time_spans",
    "whens",
]

_SAMPLE_NAMES: Final = (
    "India",
    "भारत",
    "Россия",
    "Ministry of Commerce and Industry",
    "वाणिज्य एवं उद्योग मंत्रालय",
    "Министерство промышленности и торговли",
    "中华人民共和国",
    "القاهرة",
    "São Paulo",
    "Press Trust of India",
)

_ALPHABET: Final = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank Unicode text: real names in several scripts, and arbitrary strings."""
    arbitrary = st.text(_ALPHABET, min_size=1, max_size=max_size).filter(
        lambda text: not text.isspace()
    )
    return st.one_of(st.sampled_from(_SAMPLE_NAMES), arbitrary)


def _one_of_many(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    # sampled_from() of a long tuple makes a very large repr (and a warning).
    return st.integers(0, len(values) - 1).map(values.__getitem__)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def slugs() -> st.SearchStrategy[str]:
    """Stable identifiers such as ``ind-rus-wg-2025``."""
    word = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=12)
    return st.builds(
        lambda first, rest: first + "".join(sep + part for sep, part in rest),
        word,
        st.lists(st.tuples(st.sampled_from("-_."), word), max_size=4),
    )


def external_ids() -> st.SearchStrategy[ExternalId]:
    """Wikidata ids and identifiers of other schemes."""
    wikidata = st.integers(1, 10**8).map(lambda n: ExternalId("wikidata", f"Q{n}"))
    other = st.builds(
        ExternalId,
        st.sampled_from(["geonames", "viaf", "iso3166", "gdelt", "acled.actor"]),
        texts(20),
    )
    return wikidata | other


def _identifiers() -> st.SearchStrategy[tuple[ExternalId, ...]]:
    return st.lists(external_ids(), max_size=2).map(tuple)


@functools.cache
def _country_codes() -> tuple[str, ...]:
    return tuple(sorted(country.alpha_3 for country in pycountry.countries))


def parties() -> st.SearchStrategy[Party]:
    """States (real ISO 3166-1 codes) and international organizations."""
    states = st.builds(
        lambda code, name, ids: Party(kind=PartyKind.STATE, code=code, name=name, identifiers=ids),
        _one_of_many(_country_codes()),
        texts(),
        _identifiers(),
    )
    known = st.sampled_from(["EU", "BRICS", "SCO", "ASEAN", "G20", "UN"]).map(Party.lookup)
    others = st.builds(
        lambda kind, code, name, ids: Party(kind=kind, code=code, name=name, identifiers=ids),
        st.sampled_from([kind for kind in PartyKind if kind is not PartyKind.STATE]),
        st.from_regex(r"[A-Z][A-Z0-9+-]{0,15}", fullmatch=True),
        texts(),
        _identifiers(),
    )
    return st.one_of(states, states.map(lambda p: Party.state(p.code)), known, others)


def organizations() -> st.SearchStrategy[Organization]:
    """Ministries, agencies, companies..., with or without a party."""
    return st.builds(
        Organization,
        name=texts(),
        kind=st.sampled_from(OrganizationKind),
        party=_optional(parties()),
        acronym=_optional(texts(10)),
        identifiers=_identifiers(),
    )


def people() -> st.SearchStrategy[Person]:
    """People with an optional role and affiliation."""
    return st.builds(
        Person,
        name=texts(),
        role=_optional(texts()),
        affiliation=_optional(parties() | organizations()),
        identifiers=_identifiers(),
    )


def actors() -> st.SearchStrategy[Party | Organization | Person]:
    """Any :data:`~coopmodel.Actor`."""
    return st.one_of(parties(), organizations(), people())


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points on the globe, poles and antimeridian included."""
    return st.builds(
        Coordinates,
        st.floats(-90, 90, allow_nan=False),
        st.floats(-180, 180, allow_nan=False),
    )


def places() -> st.SearchStrategy[Place]:
    """Places with at least a venue, locality, region or country."""
    return st.builds(
        Place,
        locality=texts(),
        country=_optional(_one_of_many(_country_codes())),
        region=_optional(texts()),
        venue=_optional(texts()),
        coordinates=_optional(coordinates()),
        identifiers=_identifiers(),
    ) | st.builds(Place, country=_one_of_many(_country_codes()))


@st.composite
def forums(draw: st.DrawFn, max_depth: int = 3) -> Forum:
    """Forums, nested under up to *max_depth* - 1 parents."""
    depth = draw(st.integers(1, min(max_depth, MAX_FORUM_DEPTH)))
    ids = draw(st.lists(slugs(), min_size=depth, max_size=depth, unique=True))
    forum: Forum | None = None
    for forum_id in ids:
        forum = Forum(
            id=forum_id,
            name=draw(texts()),
            kind=draw(st.sampled_from(ForumKind)),
            parties=tuple(draw(st.lists(parties(), max_size=3))),
            acronym=draw(_optional(texts(12))),
            parent=forum,
            identifiers=draw(_identifiers()),
        )
    assert forum is not None  # noqa: S101 - depth >= 1
    return forum


@functools.cache
def _zone_names() -> tuple[str, ...]:
    # Exactly the names a document may use (no 'localtime', no 'right/...').
    return tuple(sorted(zone_names()))


def _aware(naive: dt.datetime, tz: dt.tzinfo, fold: int) -> pendulum.DateTime | None:
    value = pendulum.DateTime(
        naive.year,
        naive.month,
        naive.day,
        naive.hour,
        naive.minute,
        naive.second,
        naive.microsecond,
        tzinfo=tz,
        fold=fold,
    )
    # Keep only wall times that exist in the zone (not in a DST gap), which
    # read back as themselves.
    back = value.astimezone(dt.UTC).astimezone(tz)
    if (back.replace(tzinfo=None), back.utcoffset()) != (naive, value.utcoffset()):
        return None
    return value


@st.composite
def aware_datetimes(draw: st.DrawFn) -> pendulum.DateTime:
    """Timezone-aware datetimes in IANA zones (names kept) or fixed offsets."""
    # Naive bounds and values: the zone is drawn separately.
    earliest, latest = dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)  # noqa: DTZ001
    naive = draw(st.datetimes(earliest, latest))
    if draw(st.booleans()):
        tz: pendulum.Timezone | pendulum.FixedTimezone = pendulum.timezone(
            draw(_one_of_many(_zone_names()))
        )
    else:
        tz = pendulum.FixedTimezone(draw(st.integers(-14 * 60, 14 * 60)) * 60)
    value = _aware(naive, tz, draw(st.sampled_from((0, 1)))) or _aware(naive, tz, 0)
    if value is None:  # a wall time in a DST gap: take the instant instead
        value = pendulum.instance(naive.replace(tzinfo=dt.UTC)).in_tz(tz)
    return value


def calendar_dates() -> st.SearchStrategy[pendulum.Date]:
    """Calendar days as :class:`pendulum.Date`."""
    return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(
        lambda day: pendulum.Date(day.year, day.month, day.day)
    )


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    """Single days and runs of days."""
    start = draw(calendar_dates())
    length = draw(st.none() | st.integers(1, 10))
    end = None if length is None else start.add(days=length)
    return DateSpan(start, end, raw=draw(_optional(texts())))


@st.composite
def time_spans(draw: st.DrawFn) -> TimeSpan:
    """Aware starts, with or without an end in the same or another zone."""
    start = draw(aware_datetimes())
    end = None
    if draw(st.booleans()):
        candidate = draw(aware_datetimes())
        end = candidate if candidate >= start else None
    return TimeSpan(start, end, raw=draw(_optional(texts())))


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Years, and years with a month."""
    return st.builds(
        PartialDate,
        st.integers(1, 9999),
        _optional(st.integers(1, 12)),
        raw=_optional(texts()),
    )


def whens() -> st.SearchStrategy[DateSpan | TimeSpan | PartialDate]:
    """Any :data:`~coopmodel.When`."""
    return st.one_of(date_spans(), time_spans(), partial_dates())


@st.composite
def cooperation_areas(draw: st.DrawFn) -> CooperationArea:
    """Areas from the vocabulary, and now and then a custom one."""
    stage = draw(st.sampled_from(Stage))
    detail = draw(_optional(texts()))
    if draw(st.integers(0, 9)) == 0:
        code = "custom." + draw(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True))
        return CooperationArea(
            code=code, label=draw(texts()), stage=stage, detail=detail, custom=True
        )
    code = draw(_one_of_many(tuple(vocabulary())))
    if draw(st.booleans()):
        return CooperationArea.of(code, stage, detail=detail)
    return CooperationArea(code=code, label=draw(texts()), stage=stage, detail=detail)


def _instants() -> st.SearchStrategy[pendulum.DateTime | pendulum.Date | None]:
    return st.none() | aware_datetimes() | calendar_dates()


def _languages() -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(["en", "hi", "ru", "zh", "pt-BR", "ar", "fr", "zh-Hant-TW"])


def _urls() -> st.SearchStrategy[str]:
    host = st.from_regex(r"[a-z][a-z0-9-]{0,20}\.(com|in|ru|org)", fullmatch=True)
    path = st.text(string.ascii_letters + string.digits + "-_/.%", max_size=40)
    return st.builds(lambda h, p: f"https://{h}/{p}", host, path)


def sources() -> st.SearchStrategy[Source]:
    """News reports, press releases and readouts."""
    return st.builds(
        Source,
        publisher=texts(),
        title=texts(80),
        url=_optional(_urls()),
        agency=_optional(texts()),
        syndicated=st.booleans(),
        byline=_optional(texts()),
        dateline=_optional(texts()),
        published=_instants(),
        updated=_instants(),
        retrieved=_optional(aware_datetimes()),
        language=_languages(),
        note=_optional(texts()),
    )


def statements() -> st.SearchStrategy[Statement]:
    """Statements by parties, organizations and people."""
    return st.builds(
        Statement,
        issuer=actors(),
        kind=st.sampled_from(StatementKind),
        text=texts(200),
        verbatim=st.booleans(),
        issued=_optional(whens()),
        language=_languages(),
        source=_optional(sources()),
    )


def context_events() -> st.SearchStrategy[ContextEvent]:
    """Backdrops, triggers and follow-ups."""
    return st.builds(
        ContextEvent,
        kind=st.sampled_from(ContextKind),
        description=texts(120),
        relation=st.sampled_from(ContextRelation),
        actors=st.lists(actors(), max_size=2).map(tuple),
        targets=st.lists(parties(), max_size=2).map(tuple),
        when=_optional(whens()),
    )


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    """Whole meetings, from bare to fully described."""
    forum = draw(forums())
    parties_ = draw(st.none() | st.lists(parties(), max_size=3).map(tuple))
    extra: dict[str, Any] = {} if parties_ is None else {"parties": parties_}
    return Meeting(
        id=draw(slugs()),
        title=draw(texts(80)),
        forum=forum,
        sources=tuple(draw(st.lists(sources(), min_size=1, max_size=3))),
        status=draw(st.sampled_from(MeetingStatus)),
        session=draw(_optional(st.integers(1, 500))),
        when=draw(_optional(whens())),
        location=draw(_optional(places())),
        participants=tuple(draw(st.lists(actors(), max_size=3))),
        areas=tuple(draw(st.lists(cooperation_areas(), max_size=6))),
        statements=tuple(draw(st.lists(statements(), max_size=2))),
        context=tuple(draw(st.lists(context_events(), max_size=2))),
        summary=draw(_optional(texts(120))),
        identifiers=draw(_identifiers()),
        **extra,
    )


def register_type_strategies() -> None:
    """Register these strategies with Hypothesis, for ``st.from_type``.

    Runs by itself through coopmodel's ``hypothesis`` entry point; call it
    yourself only where entry points are disabled.
    """
    _plugin.register()
