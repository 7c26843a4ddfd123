"""Deterministic corpora of varied, realistic meetings for the benchmark.

Seeded :mod:`random` only (no hypothesis): the same seed, size and kind give
the same bytes on every machine.  Each meeting has about a dozen areas from
the shipped vocabulary, two statements, context events, one to three sources
and timestamps in several IANA zones, and is about 4 KB of JSON.  The kinds
(:data:`KINDS`) differ in how much reference data recurs: ``repetitive`` (the
original corpus, byte for byte: a fixed pool of forums, parties, ministries
and venues), ``mix`` (parties, ministries and vocabulary areas recur, forums
grow as a news feed's do, details and venues mostly do not) and ``fresh``
(nothing recurs from one meeting to the next).  :class:`SharingCount` counts
how much does.
"""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs
import pendulum

import coopmodel as cm
from coopmodel._model._registry import REFERENCE_DATA

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

ZONES = (
    "Asia/Kolkata",
    "Europe/Moscow",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Africa/Johannesburg",
    "America/Sao_Paulo",
    "Asia/Shanghai",
    "Australia/Sydney",
    "Europe/London",
    "Asia/Dubai",
    "Asia/Jakarta",
)
STATES = (
    "IND", "RUS", "USA", "CHN", "BRA", "ZAF", "DEU", "FRA", "JPN", "GBR",
    "IDN", "ARE", "SAU", "AUS", "KOR", "TUR", "EGY", "NGA", "MEX", "ARG",
)  # fmt: skip
CAPITALS = {
    "IND": ("New Delhi", 28.6139, 77.209),
    "RUS": ("Moscow", 55.7558, 37.6173),
    "USA": ("Washington", 38.9072, -77.0369),
    "CHN": ("Beijing", 39.9042, 116.4074),
    "BRA": ("Brasilia", -15.7939, -47.8828),
    "ZAF": ("Pretoria", -25.7479, 28.2293),
    "DEU": ("Berlin", 52.52, 13.405),
    "FRA": ("Paris", 48.8566, 2.3522),
    "JPN": ("Tokyo", 35.6762, 139.6503),
    "GBR": ("London", 51.5072, -0.1276),
    "IDN": ("Jakarta", -6.2088, 106.8456),
    "ARE": ("Abu Dhabi", 24.4539, 54.3773),
    "SAU": ("Riyadh", 24.7136, 46.6753),
    "AUS": ("Canberra", -35.2809, 149.13),
    "KOR": ("Seoul", 37.5665, 126.978),
    "TUR": ("Ankara", 39.9334, 32.8597),
    "EGY": ("Cairo", 30.0444, 31.2357),
    "NGA": ("Abuja", 9.0765, 7.3986),
    "MEX": ("Mexico City", 19.4326, -99.1332),
    "ARG": ("Buenos Aires", -34.6037, -58.3816),
}
ORGANIZATIONS = ("EU", "BRICS", "SCO", "ASEAN", "G20")
PUBLISHERS = (
    ("Business Standard", "Press Trust of India", "https://www.business-standard.com"),
    ("The Hindu", "Press Trust of India", "https://www.thehindu.com"),
    ("Reuters", None, "https://www.reuters.com"),
    ("TASS", None, "https://tass.com"),
    ("Xinhua", None, "https://english.news.cn"),
    ("Agencia Brasil", None, "https://agenciabrasil.ebc.com.br"),
    ("The Economic Times", "Press Trust of India", "https://economictimes.indiatimes.com"),
    ("Kyodo News", None, "https://english.kyodonews.net"),
)
_TEXT = (
    "cooperation partnership officials discussed enhanced engagement opportunities joint"
    " development technology transfer capacity building infrastructure investment supply"
    " chains critical minerals energy security modernization industrial growth markets"
    " bilateral trade framework roadmap implementation agreement memorandum understanding"
    " delegation ministry commission review progress projects finance payments logistics"
)
WORDS = tuple(_TEXT.split())
FIRST = ("Anil", "Elena", "Sergei", "Priya", "John", "Mei", "Carlos", "Aiko", "Olu", "Fatima")
LAST = ("Sharma", "Ivanova", "Petrov", "Kumar", "Smith", "Wang", "Silva", "Tanaka", "Adeyemi")
ROLES = ("Minister of Commerce", "Deputy Minister", "Secretary", "Ambassador", "Spokesperson")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _stamp(rng: random.Random, day: pendulum.Date, zone: str) -> pendulum.DateTime:
    return pendulum.datetime(
        day.year, day.month, day.day, rng.randint(6, 22), rng.randint(0, 59), tz=zone
    )


class _Style:
    """Where a meeting's reference data comes from: the hooks :func:`_meeting` calls."""

    def __init__(self, rng: random.Random) -> None:
        self.states = {code: cm.Party.state(code) for code in STATES}
        self.organizations = {code: cm.Party.lookup(code) for code in ORGANIZATIONS}
        self.ministries = {
            code: cm.Organization(
                name=f"Ministry of {kind} of {party.name}",
                kind=cm.OrganizationKind.MINISTRY,
                party=party,
                acronym=f"M{kind[0]}{code}",
            )
            for code, party in self.states.items()
            for kind in ("Commerce", "External Affairs")
        }
        self.area_codes = [code for code in cm.vocabulary() if "." in code]
        self.rng = rng

    def forum(self, index: int) -> cm.Forum:
        raise NotImplementedError

    def _new_forum(self, parties: tuple[cm.Party, cm.Party], tag: str, parent_tag: str) -> cm.Forum:
        """A forum of *parties*, its id ending in *tag*, perhaps with a parent commission."""
        rng = self.rng
        a, b = (party.code for party in parties)
        slug = f"{a.lower()}-{b.lower()}"
        parent = cm.Forum(
            id=f"{slug}-igc{parent_tag}",
            name=f"{parties[0].name}-{parties[1].name} Intergovernmental Commission",
            kind=cm.ForumKind.INTERGOVERNMENTAL_COMMISSION,
            parties=parties,
            acronym=f"{a[0]}{b[0]}IGC",
        )
        kind = rng.choice(list(cm.ForumKind))
        return cm.Forum(
            id=f"{slug}-{kind.value.replace('_', '-')}-{tag}",
            name=f"{parties[0].name}-{parties[1].name} {kind.value.replace('_', ' ')}"
            f" on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            kind=kind,
            parties=parties,
            parent=parent if rng.random() < 0.7 else None,
            identifiers=(cm.ExternalId("wikidata", f"Q{rng.randint(1000, 99999)}"),)
            if rng.random() < 0.2
            else (),
        )

    def area(self, code: str, index: int, position: int) -> cm.CooperationArea:
        del index, position
        rng = self.rng
        return cm.CooperationArea.of(
            code,
            rng.choice(list(cm.Stage)),
            detail=_sentence(rng, 3, 7) if rng.random() < 0.15 else None,
        )

    def ministry(self, a: cm.Party, b: cm.Party, index: int) -> cm.Organization:
        del index
        return self.rng.choice([m for m in self.ministries.values() if m.party in (a, b)])

    def third_state(self, a: cm.Party, b: cm.Party, index: int) -> cm.Party:
        del index
        return self.states[self.rng.choice([s for s in STATES if s not in (a.code, b.code)])]

    def place(self, host: cm.Party, index: int) -> cm.Place:
        del index
        rng = self.rng
        city, lat, lon = CAPITALS[host.code]
        return cm.Place(
            locality=city,
            country=host.code,
            venue=rng.choice((None, "Vanijya Bhawan", "Hyderabad House", "Congress Hall")),
            coordinates=cm.Coordinates(lat, lon) if rng.random() < 0.5 else None,
        )

    def organization(self, index: int) -> cm.Party:
        del index
        return self.organizations[self.rng.choice(ORGANIZATIONS)]


class _Repetitive(_Style):
    """The original corpus: 300 forums, 20 states, 5 organizations, 40 ministries recur."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.forums: list[cm.Forum] = []
        for index in range(300):
            a, b = rng.sample(STATES, 2)
            parties = (self.states[a], self.states[b])
            self.forums.append(self._new_forum(parties, str(index), ""))

    def forum(self, index: int) -> cm.Forum:
        del index
        return self.rng.choice(self.forums)


class _Mix(_Style):
    """Parties, ministries, forums and vocabulary areas recur; details, venues do not.

    The forums are not a fixed pool: a quarter of the meetings open a new one
    (a new pair of states, or a new body of a pair already seen), the rest
    meet in one already seen, as a news feed does over the months.  A pair's
    commission recurs as the parent of its forums.  Two areas in five carry a
    detail of their own, and half the venues are named for the one meeting.
    """

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.forums: list[cm.Forum] = []

    def forum(self, index: int) -> cm.Forum:
        rng = self.rng
        if self.forums and rng.random() >= 0.25:
            return rng.choice(self.forums)
        a, b = sorted(rng.sample(STATES, 2))
        forum = self._new_forum((self.states[a], self.states[b]), str(index), "")
        self.forums.append(forum)
        return forum

    def area(self, code: str, index: int, position: int) -> cm.CooperationArea:
        del index, position
        rng = self.rng
        return cm.CooperationArea.of(
            code,
            rng.choice(list(cm.Stage)),
            detail=_sentence(rng, 3, 7) if rng.random() < 0.4 else None,
        )

    def place(self, host: cm.Party, index: int) -> cm.Place:
        rng = self.rng
        city, lat, lon = CAPITALS[host.code]
        return cm.Place(
            locality=city,
            country=host.code,
            venue=f"{rng.choice(WORDS).capitalize()} Hall, room {index}"
            if rng.random() < 0.5
            else rng.choice((None, "Vanijya Bhawan", "Hyderabad House")),
            coordinates=cm.Coordinates(lat, lon) if rng.random() < 0.5 else None,
        )


class _Fresh(_Style):
    """Nothing recurs: every party, forum, organization, place and area detail is new.

    States keep their ISO code (the model allows no other) but get a name of
    their own; organizations get new codes; forums and their parent
    commissions new ids and names; Wikidata ids are new; every area carries a
    detail of its own and every place a locality of its own.
    """

    def _state(self, code: str, tag: str) -> cm.Party:
        return cm.Party(
            kind=cm.PartyKind.STATE, code=code, name=f"{self.states[code].name} (record {tag})"
        )

    def forum(self, index: int) -> cm.Forum:
        rng = self.rng
        a, b = rng.sample(STATES, 2)
        forum = self._new_forum(
            (self._state(a, str(index)), self._state(b, str(index))), str(index), f"-{index}"
        )
        if forum.identifiers:
            forum = attrs.evolve(forum, identifiers=(cm.ExternalId("wikidata", f"Q{index + 1}"),))
        return forum

    def area(self, code: str, index: int, position: int) -> cm.CooperationArea:
        rng = self.rng
        return cm.CooperationArea.of(
            code,
            rng.choice(list(cm.Stage)),
            detail=f"{_sentence(rng, 3, 7)[:-1]} (item {index}.{position}).",
        )

    def ministry(self, a: cm.Party, b: cm.Party, index: int) -> cm.Organization:
        rng = self.rng
        party = rng.choice((a, b))
        kind = rng.choice(("Commerce", "External Affairs"))
        return cm.Organization(
            name=f"Ministry of {kind} of {party.name}",
            kind=cm.OrganizationKind.MINISTRY,
            party=party,
            acronym=f"M{kind[0]}{party.code}{index}",
        )

    def third_state(self, a: cm.Party, b: cm.Party, index: int) -> cm.Party:
        code = self.rng.choice([s for s in STATES if s not in (a.code, b.code)])
        return self._state(code, f"{index}t")

    def place(self, host: cm.Party, index: int) -> cm.Place:
        rng = self.rng
        city, lat, lon = CAPITALS[host.code]
        return cm.Place(
            locality=f"{city}, district {index}",
            country=host.code,
            venue=rng.choice((None, f"Hall {index}")),
            coordinates=cm.Coordinates(lat, lon + index % 1000 / 10_000)
            if rng.random() < 0.5
            else None,
        )

    def organization(self, index: int) -> cm.Party:
        return cm.Party(kind=cm.PartyKind.GROUPING, code=f"G{index:X}", name=f"Grouping {index}")


#: The corpora, by name: how much of the reference data recurs.
KINDS: Final[dict[str, type[_Style]]] = {
    "repetitive": _Repetitive,
    "mix": _Mix,
    "fresh": _Fresh,
}


def _when(rng: random.Random, day: pendulum.Date, zone: str) -> cm.When:
    roll = rng.random()
    if roll < 0.45:
        end = day.add(days=rng.randint(1, 2)) if rng.random() < 0.3 else None
        return cm.DateSpan(day, end, raw=rng.choice((None, "on Wednesday", "this week")))
    if roll < 0.85:
        start = _stamp(rng, day, zone)
        end = start.add(hours=rng.randint(1, 5)) if rng.random() < 0.5 else None
        return cm.TimeSpan(start, end)
    month = day.month if rng.random() < 0.7 else None
    return cm.PartialDate(day.year, month, raw="later this month" if month else None)


def _source(rng: random.Random, day: pendulum.Date, index: int, title: str) -> cm.Source:
    publisher, agency, site = rng.choice(PUBLISHERS)
    zone = rng.choice(ZONES)
    published = _stamp(rng, day, zone)
    date_only = rng.random() < 0.15
    return cm.Source(
        publisher=publisher,
        title=title,
        url=f"{site}/news/{day.isoformat()}/{index}-{rng.randint(0, 10**6)}.html",
        agency=agency,
        syndicated=agency is not None,
        byline=rng.choice(
            (None, "PTI", "Staff Reporter", f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        ),
        dateline=rng.choice((None, "New Delhi", "Moscow", "Beijing")),
        published=published.date() if date_only else published,
        updated=None
        if date_only or rng.random() < 0.5
        else published.add(minutes=rng.randint(5, 300)),
        language="en",
    )


def _meeting(rng: random.Random, style: _Style, index: int) -> cm.Meeting:
    forum = style.forum(index)
    a, b = forum.parties
    day = pendulum.date(2020, 1, 1).add(days=rng.randint(0, 2000))
    zone = rng.choice(ZONES)
    title = f"{a.name} and {b.name} {_sentence(rng, 4, 8).lower().rstrip('.')}"
    sources = tuple(_source(rng, day, index, title) for _ in range(rng.choice((1, 1, 1, 2, 3))))
    areas = tuple(
        style.area(code, index, position)
        for position, code in enumerate(rng.sample(style.area_codes, rng.randint(9, 14)))
    )
    ministry = style.ministry(a, b, index)
    person = cm.Person(
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES),
        affiliation=rng.choice((a, b, ministry)),
    )
    statements = (
        cm.Statement(
            issuer=ministry,
            kind=cm.StatementKind.OFFICIAL_STATEMENT,
            text=_sentence(rng, 8, 14),
            verbatim=False,
            issued=_when(rng, day, zone),
            language="en",
            source=sources[0] if rng.random() < 0.1 else None,
        ),
        cm.Statement(
            issuer=person,
            kind=rng.choice(list(cm.StatementKind)),
            text=_sentence(rng, 5, 10),
            verbatim=True,
            issued=cm.DateSpan(day) if rng.random() < 0.5 else None,
            language=rng.choice(("en", "hi", "ru", "pt-BR")),
        ),
    )
    third = style.third_state(a, b, index)
    context = tuple(
        cm.ContextEvent(
            kind=rng.choice(list(cm.ContextKind)),
            description=_sentence(rng, 5, 10),
            relation=rng.choice(list(cm.ContextRelation)),
            actors=(
                cm.Person(
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    role="President",
                    affiliation=third,
                ),
            )
            if rng.random() < 0.6
            else (third,),
            targets=(rng.choice((a, b)),),
            when=_when(rng, day.subtract(days=rng.randint(1, 30)), rng.choice(ZONES))
            if rng.random() < 0.7
            else None,
        )
        for _ in range(rng.choice((1, 1, 2)))
    )
    location = style.place(rng.choice((a, b)), index)
    parties = forum.parties
    if rng.random() < 0.2:
        parties = (*parties, style.organization(index))
    return cm.Meeting(
        id=f"{forum.id}-{day.isoformat()}-{index}",
        title=title,
        forum=forum,
        sources=sources,
        status=rng.choice(
            (cm.MeetingStatus.HELD,) * 6
            + (cm.MeetingStatus.SCHEDULED, cm.MeetingStatus.POSTPONED, cm.MeetingStatus.CANCELLED)
        ),
        session=rng.randint(1, 30) if rng.random() < 0.6 else None,
        when=_when(rng, day, zone),
        location=location,
        parties=parties,
        participants=(ministry, person) if rng.random() < 0.3 else (person,),
        areas=areas,
        statements=statements,
        context=context,
        summary=_sentence(rng, 8, 16) if rng.random() < 0.5 else None,
    )


def meetings(count: int, seed: int = 20250806, kind: str = "repetitive") -> Iterator[cm.Meeting]:
    """*count* varied meetings of corpus *kind* (see :data:`KINDS`); the same seed, the same."""
    rng = random.Random(seed)
    style = KINDS[kind](rng)
    for index in range(count):
        yield _meeting(rng, style, index)


class Sharing(NamedTuple):
    """How much of a corpus's reference data recurs."""

    distinct: int
    """Distinct reference-data values (equal values count once)."""
    occurrences: int
    """Reference-data values in all, counting every place one occurs."""
    recurring: int
    """Distinct values that occur in more than one meeting."""


class SharingCount:
    """Counts the reference-data values of meetings, one meeting at a time.

    The reference-data classes are coopmodel's own list (the ones its readers
    may share between documents), without the values whose extra fields make
    them unlikely to recur (an area with a detail).
    """

    def __init__(self) -> None:
        self._seen_in: dict[object, int] = {}
        self._occurrences = 0

    def add(self, meeting: cm.Meeting) -> None:
        """Count the reference-data values of *meeting*."""
        mine: set[object] = set()
        stack: list[object] = [meeting]
        while stack:
            value = stack.pop()
            if value.__class__ is tuple:
                stack.extend(value)  # type: ignore[arg-type]
                continue
            if not attrs.has(value.__class__):
                continue
            rare = REFERENCE_DATA.get(value.__class__)
            if rare is not None and all(getattr(value, name) is None for name in rare):
                self._occurrences += 1
                mine.add(value)
            stack.extend(getattr(value, field.name) for field in attrs.fields(value.__class__))
        for value in mine:
            self._seen_in[value] = self._seen_in.get(value, 0) + 1

    def result(self) -> Sharing:
        """The counts so far."""
        recurring = sum(1 for count in self._seen_in.values() if count > 1)
        return Sharing(len(self._seen_in), self._occurrences, recurring)


def shared_objects(meetings: Iterable[cm.Meeting]) -> Sharing:
    """Count the reference-data values in *meetings* (see :class:`SharingCount`)."""
    count = SharingCount()
    for meeting in meetings:
        count.add(meeting)
    return count.result()


def cycled(count: int, pool_size: int = 2000, seed: int = 20250806) -> Iterator[cm.Meeting]:
    """*count* meetings cycling through a pool of *pool_size*, for very large files."""
    pool = list(meetings(min(count, pool_size), seed))
    return itertools.islice(itertools.cycle(pool), count)
