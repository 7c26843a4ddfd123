"""Hypothesis strategies for every public coopmodel class.

For your own property-based tests::

    from hypothesis import given
    from coopmodel import strategies as cst

    @given(cst.meetings())
    def test_my_export(meeting): ...

The strategies are derived from the model itself: each field's constraint
(see ``attrs.fields(cls)``) has a builder here that draws values it accepts,
so a field added to the model gets a strategy without code.  Hand-written
strategies remain only where they add realism the constraint cannot state:
real country codes for states, vocabulary areas, chains of nested forums,
sources updated after they were published.

Every strategy yields valid objects by construction, and varied ones: text in
many scripts with format characters and line breaks (always with a visible
character), datetimes in every IANA zone and in fixed offsets (down to the
second), at both folds of a repeated wall time but never in a daylight-saving
gap, dates from year 1 to 9999, nested forums, custom and vocabulary areas.
With the ``hypothesis`` entry point (installed with coopmodel)
``st.from_type(Meeting)`` and friends work too.

This module needs Hypothesis: install ``coopmodel[testing]``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, TypeVar

import attrs
import pendulum
from hypothesis import assume
from hypothesis import strategies as st

from coopmodel import _hypothesis_plugin as _plugin
from coopmodel._model import (
    MAX_FORUM_DEPTH,
    PUBLIC_CLASSES,
    ContextEvent,
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    Forum,
    Meeting,
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
    TimeSpan,
    vocabulary,
)
from coopmodel._model._areas import AREA_CODE, AreaCode
from coopmodel._model._constraints import (
    FORBIDDEN,
    INVISIBLE,
    LANGUAGE,
    SLUG,
    Boolean,
    CalendarDate,
    Constraint,
    DateOrDateTime,
    Instance,
    Integer,
    Items,
    Number,
    OneOf,
    Pattern,
    Text,
    Url,
    ZonedDateTime,
    constraint_of,
    zone_names,
)
from coopmodel._model._forum import ParentForum
from coopmodel._model._identity import SCHEME, WIKIDATA_ID
from coopmodel._model._party import ORGANIZATION_CODE, CountryCode, PartyCode

if TYPE_CHECKING:
    from collections.abc import Callable

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
    "from_class",
    "meetings",
    "organizations",
    "partial_dates",
    "parties",
    "people",
    "places",
    "register_type_strategies",
    "schedule_changes",
    "slugs",
    "sources",
    "statements",
    "texts",
    "time_spans",
    "urls",
    "whens",
]

T = TypeVar("T")
#: One way to draw a field's value: called with the draw function of a composite.
Branch: TypeAlias = "Callable[[st.DrawFn], Any]"


@attrs.frozen
class _Drawer:
    """A branch that draws from :attr:`strategy`."""

    strategy: st.SearchStrategy[Any]

    def __call__(self, draw: st.DrawFn) -> Any:
        return draw(self.strategy)


#: A digit of a :class:`_Shape` reads enough bytes that each of its values is
#: as likely as any other to within this fraction.
_SHAPE_EVENNESS: Final = 16


def _digit_width(radix: int) -> int:
    """How many bytes a digit of *radix* reads: none for a single value."""
    width = 0
    while radix > 1 and 256**width < _SHAPE_EVENNESS * radix:
        width += 1
    return width


class _Shape:
    """Digits of the given radices, all from one draw of bytes.

    What an object is made of (which fields it has, which kind of text,
    how many items, which member of an enumeration) is a digit each, and
    all of them come from one draw: one choice for Hypothesis rather than
    one for each, which makes these strategies fast.  Hypothesis draws bytes
    evenly (integers beyond 0 to 255 it draws mostly small), so every value
    of a digit is as likely as any other, to within 1/:data:`_SHAPE_EVENNESS`.
    Each digit reads bytes of its own, high ones first, so shrinking the
    bytes towards zero shrinks every digit towards 0.
    """

    __slots__ = ("_bytes", "_layout", "radices")

    def __init__(self, *radices: int) -> None:
        self.radices = radices
        layout: list[tuple[int, int, int, int]] = []
        start = 0
        for radix in radices:
            end = start + _digit_width(radix)
            layout.append((start, end, radix, 8 * (end - start)))
            start = end
        self._layout = tuple(layout)
        self._bytes = st.binary(min_size=start, max_size=start) if start else None

    def digits(self, data: bytes) -> list[int]:
        """The digits *data* (of the drawn length) stands for."""
        return [
            int.from_bytes(data[start:end]) * radix >> bits
            for start, end, radix, bits in self._layout
        ]

    def draw(self, draw: st.DrawFn) -> list[int]:
        """One draw of the digits."""
        return self.digits(b"" if self._bytes is None else draw(self._bytes))


def _picked(branches: tuple[Branch, ...]) -> st.SearchStrategy[Any]:
    """One of *branches*, picked by one :class:`_Shape`; it shrinks to the first."""
    if len(branches) == 1 and isinstance(branches[0], _Drawer):
        return branches[0].strategy
    shape = _Shape(len(branches))

    @st.composite
    def picked(draw: st.DrawFn) -> Any:
        (pick,) = shape.draw(draw)
        return branches[pick](draw)

    return picked()


# --- text -------------------------------------------------------------------------

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
    "Sa\u0303o Paulo",  # NFD: stored as NFC
    "Press Trust of India",
    "Türkiye",
    "\u200fوزارة الخارجية\u200f",  # noqa: RUF001 - right-to-left marks around Arabic
    "Ελλάδα",
    "대한민국",
    "ประเทศไทย",
    "O'Brien\u00a0&\u00a0Co.",
    "line one\nline two\r\n\tindented",
    "👩\u200d💼 delegation",  # a zero-width joiner in an emoji sequence
)


def _ranges_text(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(chr(code) for low, high in ranges for code in range(low, high + 1))


#: Every character text may hold: no surrogates (not valid Unicode) and none of
#: the control characters the Text constraint forbids.  Format characters,
#: private use, white space of every kind and every script are in.  (Not
#: ``codec="utf-8"``: without surrogates it is the same set, and Hypothesis
#: spends seconds computing a codec's table the first time in a fresh checkout.)
_SURROGATES: Final[tuple[Literal["Cs"]]] = ("Cs",)
_TEXT_CHARACTERS: Final = st.characters(
    exclude_categories=_SURROGATES, exclude_characters=_ranges_text(FORBIDDEN)
)
_INVISIBLE_SET: Final = frozenset(_ranges_text(INVISIBLE))
_FORBIDDEN_SET: Final = frozenset(_ranges_text(FORBIDDEN))
#: Scripts and look-alikes weighted in, beside the whole of Unicode.
_SCRIPTS: Final = (
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0x0900, max_codepoint=0x097F),  # Devanagari
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),  # CJK
    # invisible (and allowed) characters, and combining marks
    st.sampled_from([*sorted(_INVISIBLE_SET - _FORBIDDEN_SET), "a", "\u0301", "\u0308", "e"]),
)


#: What is put into text that shows nothing on its own.
_VISIBLE: Final = ("x", "क", "Ж", "ع", "中", "7", "·", "É", "🙂")


def _with_visible(text: str, max_size: int) -> str:
    """*text*, with a visible character put in the middle where it shows nothing on its own."""
    if any(char not in _INVISIBLE_SET for char in text):
        return text
    visible = _VISIBLE[len(text) % len(_VISIBLE)]
    text = text[: max_size - 1]
    middle = len(text) // 2
    return text[:middle] + visible + text[middle:]


def _visible_text(body: st.SearchStrategy[str], max_size: int, draw: st.DrawFn) -> str:
    return _with_visible(draw(body), max_size)


@functools.cache
def _text_branches(max_size: int) -> tuple[Branch, ...]:
    """:func:`texts` as branches: a real name, or one kind of text each."""
    samples = tuple(name for name in _SAMPLE_NAMES if len(name) <= max_size)
    bodies = (
        st.text(_TEXT_CHARACTERS, max_size=max_size),
        st.text(_TEXT_CHARACTERS, max_size=max_size),
        *(st.text(script, min_size=1, max_size=max_size) for script in _SCRIPTS),
    )
    branches: list[Branch] = [functools.partial(_visible_text, body, max_size) for body in bodies]
    if samples:
        branches.insert(0, _Drawer(st.sampled_from(samples)))
    return tuple(branches)


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text the ``Text`` constraint of the model accepts.

    Real names in several scripts (some in NFD, with bidi marks, joiners or
    line breaks), runs of one script, and arbitrary Unicode with format
    characters and white space of every kind; always with a visible
    character and never a forbidden control character or a lone surrogate.
    """
    # A real name (one time in nine) or a kind of text, picked by one
    # shape: fewer draws than one_of and map, which makes these strategies
    # fast.  It shrinks towards the first name, "India".
    return _picked(_text_branches(max_size))


# --- patterns and URLs -----------------------------------------------------------


_LOWER_DIGITS: Final = string.ascii_lowercase + string.digits
_SEPARATORS: Final = re.compile(r"([-_.])[-_.]*")


def _slug(text: str) -> str:
    """*text* (of slug characters) made a slug: runs of separators become one, none at the ends.

    Every slug is left as it is, so the strategy reaches every slug.
    """
    return _SEPARATORS.sub(r"\1", text).strip("-_.") or "0"


def _constant(value: T, _draw: st.DrawFn) -> T:
    return value


def _constants(values: tuple[Any, ...]) -> tuple[Branch, ...]:
    """A branch for each of *values*, giving it without a draw."""
    return tuple(functools.partial(_constant, value) for value in values)


def _real_or_made(real: tuple[str, ...], made: Branch, made_shares: int = 1) -> tuple[Branch, ...]:
    """Branches giving one of the *real* values (one time in ``made_shares + 1``), or *made* ones.

    Picked by one number (see :func:`_picked`): fewer draws than
    ``one_of``, ``sampled_from`` and ``map``, so faster.  The first real
    value is the simplest.
    """
    return (*_constants(real), *(made,) * (made_shares * len(real)))


def _finished(strategy: st.SearchStrategy[str], finish: Callable[[str], str]) -> Branch:
    """A branch drawing from *strategy* and giving ``finish(value)``."""
    return lambda draw: finish(draw(strategy))


@functools.cache
def _slug_branches() -> tuple[Branch, ...]:
    any_slug = st.text(_LOWER_DIGITS + "-_.", min_size=1, max_size=64)
    return _real_or_made(
        ("ind-rus-wg-2025-08-06", "sco", "brics.summit_2025", "g20-2026"),
        _finished(any_slug, _slug),
        made_shares=2,
    )


@functools.cache
def slugs() -> st.SearchStrategy[str]:
    """Stable identifiers such as ``ind-rus-wg-2025``: any slug the ``id`` fields accept."""
    return _picked(_slug_branches())


def _language(primary: str, rest: str) -> str:
    subtags = [part[i : i + 8] for part in rest.split("-") if part for i in range(0, len(part), 8)]
    return "-".join([primary, *subtags])


@functools.cache
def _language_branches() -> tuple[Branch, ...]:
    primary = st.text(string.ascii_lowercase, min_size=2, max_size=3)
    rest = st.text(string.ascii_letters + string.digits + "-", max_size=24)
    return _real_or_made(
        ("en", "hi", "ru", "zh", "pt-BR", "ar", "fr", "zh-Hant-TW", "sr-Latn"),
        lambda draw: _language(draw(primary), draw(rest)),
    )


def _area_code(text: str) -> str:
    words = [word if word[0].isalpha() else "a" + word for word in text.split(".") if word]
    return ".".join(words) or "a"


@functools.cache
def _area_code_branches() -> tuple[Branch, ...]:
    return (_Drawer(st.text(_LOWER_DIGITS + "_.", min_size=1, max_size=60).map(_area_code)),)


def _lead_letter(text: str, letter: str, max_length: int) -> str:
    return text if text[0].isalpha() else (letter + text)[:max_length]


@functools.cache
def _scheme_branches() -> tuple[Branch, ...]:
    any_scheme = st.text(_LOWER_DIGITS + "_.-", min_size=1, max_size=64)
    return _real_or_made(
        ("wikidata", "geonames", "viaf", "iso3166", "gdelt", "acled.actor"),
        _finished(any_scheme, functools.partial(_lead_letter, letter="x", max_length=64)),
    )


@functools.cache
def _organization_code_branches() -> tuple[Branch, ...]:
    any_code = st.text(string.ascii_uppercase + string.digits + "+-", min_size=1, max_size=16)
    return _real_or_made(
        ("EU", "BRICS", "SCO", "ASEAN", "G20", "UN", "AU", "IBSA", "G7"),
        _finished(any_code, functools.partial(_lead_letter, letter="X", max_length=16)),
    )


@functools.cache
def _wikidata_id_branches() -> tuple[Branch, ...]:
    return (_Drawer(st.builds("{}{}".format, st.sampled_from("QP"), st.integers(1, 10**16 - 1))),)


#: Fast generators for the model's own patterns, as branches, each covering
#: the whole of its pattern (a test checks that they draw only matching
#: values): about a hundred times faster than ``st.from_regex``, which is the
#: fallback for any other pattern.
_FAST_PATTERNS: Final[dict[str, Callable[[], tuple[Branch, ...]]]] = {
    SLUG.pattern: _slug_branches,
    LANGUAGE.pattern: _language_branches,
    SCHEME.pattern: _scheme_branches,
    WIKIDATA_ID.pattern: _wikidata_id_branches,
    ORGANIZATION_CODE.pattern: _organization_code_branches,
    AREA_CODE.pattern: _area_code_branches,
}
#: The longest value each fast generator draws, where it is bounded.
_FAST_MAX_LENGTHS: Final[dict[str, int]] = {
    SLUG.pattern: 64,
    SCHEME.pattern: 64,
    WIKIDATA_ID.pattern: 17,
    ORGANIZATION_CODE.pattern: 16,
    AREA_CODE.pattern: 91,  # 60 characters, and an "a" before each of up to 31 words
}


def _cut_needed(pattern: str, max_length: int | None) -> bool:
    """Whether values drawn for *pattern* can be longer than *max_length*."""
    longest = _FAST_MAX_LENGTHS.get(pattern) if pattern in _FAST_PATTERNS else None
    return max_length is not None and (longest is None or longest > max_length)


def _fast_pattern(pattern: str, max_length: int | None) -> tuple[Branch, ...] | None:
    """The fast branches for *pattern*, if it has them and they need no cut at *max_length*."""
    fast = _FAST_PATTERNS.get(pattern)
    return None if fast is None or _cut_needed(pattern, max_length) else fast()


@functools.cache
def _patterned(pattern: str, max_length: int | None) -> st.SearchStrategy[str]:
    """Strings matching *pattern* whole, at most *max_length* long."""
    fast = _FAST_PATTERNS.get(pattern)
    strategy = (
        st.from_regex(pattern, fullmatch=True, alphabet=st.characters(codec="ascii"))
        if fast is None
        else _picked(fast())
    )
    if max_length is not None and _cut_needed(pattern, max_length):
        strategy = strategy.filter(lambda text: len(text) <= max_length)
    return strategy


def _url(scheme: str, user: str, host: str, port: str, path: str) -> str:
    return f"{scheme}://{user}{host}{port}{path}"


_SCHEMES: Final = ("https", "http", "HTTPS", "Http", "hTTpS")
#: From this bound on, URLs that are too long are turned down (``assume``)
#: rather than filtered: so rare that the filter's draw is not worth it.
_URL_LENGTH_WITHOUT_FILTER: Final = 1024
_REAL_HOSTS: Final = ("www.business-standard.com", "tass.ru", "mea.gov.in", "xn--p1ai")


@functools.cache
def urls(max_length: int = 2048) -> st.SearchStrategy[str]:
    """Absolute http(s) URLs the model's ``Url`` constraint accepts.

    Any scheme case, user information, host names (with a trailing dot or
    not), IPv4 and IPv6 literals, ports 0 to 65535, and paths, queries and
    fragments of any printable ASCII.
    """
    label = st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=20)
    literal = st.text("0123456789abcdefABCDEF:.", min_size=1, max_size=39)
    user = st.text(string.ascii_letters + string.digits + "._~%!$&'()*+,;=:-")
    port = st.integers(0, 65535)
    rest = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=80)
    # One shape says which parts there are: the kind of host (12 kinds, a
    # third each real, names of one to four labels, and IP literals; a name
    # with a trailing dot or not), the scheme, a user, a port, and a path,
    # query or fragment.  Fewer draws than a one_of per part, so faster; it
    # shrinks to the simplest URL, "https://www.business-standard.com".
    shape = _Shape(12, 2, len(_SCHEMES), 2, 2, 4)

    @st.composite
    def url(draw: st.DrawFn) -> str:
        host_kind, dot, scheme, has_user, has_port, rest_kind = shape.draw(draw)
        if host_kind < 4:
            host = _REAL_HOSTS[host_kind]
        elif host_kind < 8:
            names = [draw(label) for _ in range(host_kind - 3)]
            host = ".".join(names) + "." * dot
        else:
            host = f"[{draw(literal)}]"
        text = _url(
            _SCHEMES[scheme],
            f"{draw(user)}@" if has_user else "",
            host,
            f":{draw(port)}" if has_port else "",
            "/?#"[rest_kind - 1] + draw(rest) if rest_kind else "",
        )
        if turn_down:  # rare at the model's bound: no draw of a filter for them
            assume(len(text) <= max_length)
        return text

    # A tighter bound is met by filtering, which retries.
    turn_down = max_length >= _URL_LENGTH_WITHOUT_FILTER
    return url() if turn_down else url().filter(lambda text: len(text) <= max_length)


# --- time -------------------------------------------------------------------------


@functools.cache
def _zone_names() -> tuple[str, ...]:
    # Exactly the names a value may use (no 'localtime', no 'right/...').
    return tuple(sorted(zone_names()))


@functools.cache
def _timezone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(name)


def _one_of_many(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _aware(naive: dt.datetime, tz: dt.tzinfo, fold: int) -> pendulum.DateTime | None:
    """*naive* in *tz*, or ``None`` if that wall time does not exist there (a DST gap)."""
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
    try:
        back = value.astimezone(dt.UTC).astimezone(tz)
    except (OverflowError, ValueError):
        return None
    if (back.replace(tzinfo=None, fold=0), back.utcoffset()) != (naive, value.utcoffset()):
        return None
    return value


_EARLIEST: Final = dt.datetime(1, 1, 2)  # noqa: DTZ001 - naive bounds, the zone comes later
_LATEST: Final = dt.datetime(9999, 12, 30, 23, 59, 59)  # noqa: DTZ001
_ZONE_EARLIEST: Final = dt.datetime(1800, 1, 1)  # noqa: DTZ001
_ZONE_LATEST: Final = dt.datetime(2200, 12, 31)  # noqa: DTZ001
_CENTRE: Final = dt.datetime(2000, 1, 1)  # noqa: DTZ001


def _naive(seconds: int, microseconds: int) -> dt.datetime:
    return _CENTRE + dt.timedelta(seconds=seconds, microseconds=microseconds)


def _seconds_between(earliest: dt.datetime, latest: dt.datetime) -> tuple[int, int]:
    """The bounds, in seconds from 2000-01-01, of naive datetimes from *earliest* to *latest*.

    Seconds from a centre (and microseconds) are two draws rather than the
    seven of ``st.datetimes``, and shrink towards 2000.
    """
    return int((earliest - _CENTRE).total_seconds()), int((latest - _CENTRE).total_seconds())


#: Fixed offsets: every whole minute from -14:00 to +14:00, and historical
#: ones with seconds (Local Mean Time offsets such as +05:53:28).
_MINUTES: Final = 14 * 60
_DAY: Final = 24 * 3600


def _offset(number: int) -> int:
    """An offset in seconds, from one number.

    The numbers -840 to 840 are whole minutes from -14:00 to +14:00; the
    others any whole second under a day (as historical Local Mean Time
    offsets such as +05:53:28).
    """
    if number <= _MINUTES:
        return number * 60
    return number - _MINUTES - _DAY


def _zoned(naive: dt.datetime, name: str, fold: int) -> pendulum.DateTime:
    tz = _timezone(name)
    value = _aware(naive, tz, fold) or _aware(naive, tz, 0)
    if value is None:  # a wall time in a DST gap: take the instant instead
        value = pendulum.instance(naive.replace(tzinfo=dt.UTC)).in_tz(name)
    return value


def _fixed(naive: dt.datetime, offset: int) -> pendulum.DateTime:
    tz = pendulum.FixedTimezone(offset)
    return pendulum.DateTime(
        naive.year,
        naive.month,
        naive.day,
        naive.hour,
        naive.minute,
        naive.second,
        naive.microsecond,
        tzinfo=tz,
    )


@functools.cache
def aware_datetimes() -> st.SearchStrategy[pendulum.DateTime]:
    """Timezone-aware datetimes the model accepts and writes readably.

    IANA zones (names kept; 1800 to 2200, both folds of a repeated wall time,
    never a wall time in a daylight-saving gap), UTC, and fixed offsets in
    whole seconds over nearly the whole range of years 1 to 9999.
    """
    zones = _zone_names()
    # One shape for the kind (0 and 1: an IANA zone, 2: a fixed offset, 3:
    # UTC), whether there are microseconds, and the zone (every one as likely)
    # and fold; one draw each for the microseconds, the seconds and the
    # offset: few draws make a fast strategy.
    shape = _Shape(4, 2, len(zones), 2)
    microseconds = st.integers(1, 999_999)
    recent = st.integers(*_seconds_between(_ZONE_EARLIEST, _ZONE_LATEST))
    wide = st.integers(*_seconds_between(_EARLIEST, _LATEST))
    offset = st.integers(-_MINUTES, _MINUTES + 2 * _DAY - 2)

    @st.composite
    def datetimes(draw: st.DrawFn) -> pendulum.DateTime:
        which, given_micro, zone, fold = shape.draw(draw)
        micro = draw(microseconds) if given_micro else 0
        if which == 2:
            return _fixed(_naive(draw(wide), micro), _offset(draw(offset)))
        naive = _naive(draw(recent), micro)
        if which == 3:
            return pendulum.instance(naive.replace(tzinfo=dt.UTC)).in_tz("UTC")
        return _zoned(naive, zones[zone], fold)

    return datetimes()


_CENTRE_DAY: Final = dt.date(2000, 1, 1).toordinal()
_DAYS: Final = st.integers(1 - _CENTRE_DAY, dt.date.max.toordinal() - _CENTRE_DAY)


def _calendar_date(draw: st.DrawFn) -> pendulum.Date:
    """A day, drawn as days from 2000-01-01: the branch of :func:`calendar_dates`."""
    return pendulum.Date.fromordinal(_CENTRE_DAY + draw(_DAYS))


@functools.cache
def calendar_dates() -> st.SearchStrategy[pendulum.Date]:
    """Calendar days as :class:`pendulum.Date`, years 1 to 9999 (mostly recent ones)."""
    return _DAYS.map(lambda n: pendulum.Date.fromordinal(_CENTRE_DAY + n))


# --- builders per constraint -------------------------------------------------------

#: How many items a tuple field holds at most, where the default is not realistic.
_MAX_ITEMS: Final[dict[tuple[type, str], int]] = {
    (Meeting, "areas"): 6,
    (Meeting, "sources"): 3,
    (Meeting, "statements"): 2,
    (Meeting, "context"): 2,
    (ContextEvent, "actors"): 2,
    (ContextEvent, "targets"): 2,
}
_DEFAULT_MAX_ITEMS: Final = 3
_IDENTIFIERS_MAX_ITEMS: Final = 2
#: Text fields that hold sentences rather than names.
_LONG_TEXT: Final[dict[tuple[type, str], int]] = {
    (Meeting, "title"): 80,
    (Meeting, "summary"): 120,
    (Source, "title"): 80,
    (Statement, "text"): 200,
    (ContextEvent, "description"): 120,
}


def _instances(types: tuple[type, ...]) -> st.SearchStrategy[Any]:
    return st.one_of([_class_strategy(cls) for cls in types])


def _text_size(constraint: Text, where: tuple[type, str] | None) -> int:
    """The longest text drawn for *constraint* at *where*."""
    size = _LONG_TEXT.get(where, 40) if where is not None else 40
    if constraint.max_length is not None:
        size = min(size, constraint.max_length)
    return size


def _text(constraint: Text, where: tuple[type, str] | None) -> st.SearchStrategy[str]:
    return texts(_text_size(constraint, where))


def _items_bounds(constraint: Items, where: tuple[type, str] | None) -> tuple[int, int]:
    """The fewest and most items drawn for *constraint* at *where*."""
    most = _DEFAULT_MAX_ITEMS
    if where is not None:
        default = _IDENTIFIERS_MAX_ITEMS if where[1] == "identifiers" else _DEFAULT_MAX_ITEMS
        most = _MAX_ITEMS.get(where, default)
    return constraint.min_items, max(most, constraint.min_items)


def _items(constraint: Items, where: tuple[type, str] | None) -> st.SearchStrategy[Any]:
    return _tuples(_instances(constraint.types), *_items_bounds(constraint, where))


def _tuples(items: st.SearchStrategy[T], least: int, most: int) -> st.SearchStrategy[tuple[T, ...]]:
    """Tuples of *least* to *most* items: one draw for the length, then one per item.

    ``st.lists`` draws a boolean before every item; for the short tuples of
    the model, drawing the length once is fewer draws and so faster.
    """
    length = st.integers(least, most)

    @st.composite
    def tuples(draw: st.DrawFn) -> tuple[T, ...]:
        return tuple(draw(items) for _ in range(draw(length)))

    return tuples()


def _country_codes() -> st.SearchStrategy[str]:
    return _one_of_many(CountryCode().choices)


def _area_codes() -> st.SearchStrategy[str]:
    return _one_of_many(tuple(vocabulary()))


#: One builder per constraint class: from a constraint's settings (and the
#: class and field it checks, for realistic sizes), a strategy for the values
#: it accepts.  A test fails when a constraint class of the model has none.
BUILDERS: Final[dict[type[Constraint], Callable[[Any, tuple[type, str] | None], Any]]] = {
    Text: _text,
    Pattern: lambda c, _: _patterned(c.pattern, c.max_length),
    Integer: lambda c, _: st.integers(c.minimum, c.maximum),
    Number: lambda c, _: st.floats(c.minimum, c.maximum, allow_nan=False),
    Boolean: lambda _c, _w: st.booleans(),
    OneOf: lambda c, _: st.sampled_from(c.enum),
    Instance: lambda c, _: _instances(c.types),
    Items: _items,
    ZonedDateTime: lambda _c, _w: aware_datetimes(),
    CalendarDate: lambda _c, _w: calendar_dates(),
    DateOrDateTime: lambda _c, _w: st.one_of(calendar_dates(), aware_datetimes()),
    Url: lambda c, _: urls(c.max_length),
    CountryCode: lambda _c, _w: _country_codes(),
    # Either kind of code; Party's own strategy matches the code to the kind.
    PartyCode: lambda _c, _w: st.one_of(
        _country_codes(), _patterned(ORGANIZATION_CODE.pattern, None)
    ),
    # Vocabulary codes; cooperation_areas() adds custom ones with custom=True.
    AreaCode: lambda _c, _w: _area_codes(),
    ParentForum: lambda c, _: _parents(c),
}


def _parents(constraint: ParentForum) -> st.SearchStrategy[Forum]:
    # Parents of a forum drawn by itself: forums() draws whole chains, each
    # with ids of its own.
    return forums(max_depth=min(3, constraint.max_depth - 1))


def from_constraint(
    constraint: Constraint, where: tuple[type, str] | None = None, *, allow_none: bool = True
) -> st.SearchStrategy[Any]:
    """Values *constraint* accepts (``None`` too where it is optional, unless not *allow_none*).

    *where* is the class and field name the constraint checks, for realistic
    sizes of text and tuples.

    Raises:
        TypeError: no builder knows the constraint's class.
    """
    builder = BUILDERS.get(type(constraint))
    if builder is None:
        raise TypeError(f"no strategy builder for the constraint {constraint!r}")
    strategy: st.SearchStrategy[Any] = builder(constraint, where)
    return st.none() | strategy if constraint.optional and allow_none else strategy


def field_strategy(
    cls: type, field: attrs.Attribute[Any], *, allow_none: bool = True
) -> st.SearchStrategy[Any]:
    """Values for *field* of *cls*, from its constraint."""
    return from_constraint(constraint_of(field), (cls, field.name), allow_none=allow_none)


def _drawn_items(item: st.SearchStrategy[Any], length: int, draw: st.DrawFn) -> tuple[Any, ...]:
    return tuple(draw(item) for _ in range(length))


def _none(_draw: st.DrawFn) -> None:
    return None


def _item_branches(constraint: Items, where: tuple[type, str]) -> tuple[Branch, ...]:
    least, most = _items_bounds(constraint, where)
    item = _instances(constraint.types)
    return tuple(functools.partial(_drawn_items, item, n) for n in range(least, most + 1))


def _instance_branches(constraint: Instance, _where: tuple[type, str]) -> tuple[Branch, ...]:
    return tuple(_Drawer(_class_strategy(cls)) for cls in constraint.types)


#: Branch builders, by constraint class, where a strategy would first pick a
#: kind of value: a kind of text, a real or a made value of a pattern, a
#: tuple's length, a class of a union, a date or a datetime, or that has a
#: list of values (members of an enumeration, booleans, country codes).  ``None`` where
#: the constraint's settings leave nothing to pick.
_BRANCHES: Final[dict[type[Constraint], Callable[[Any, tuple[type, str]], Any]]] = {
    Text: lambda c, where: _text_branches(_text_size(c, where)),
    Pattern: lambda c, _: _fast_pattern(c.pattern, c.max_length),
    Items: _item_branches,
    Instance: _instance_branches,
    OneOf: lambda c, _: _constants(tuple(c.enum)),
    CountryCode: lambda c, _: _constants(c.choices),
    AreaCode: lambda _c, _w: _constants(tuple(vocabulary())),
    Boolean: lambda _c, _w: _constants((False, True)),
    CalendarDate: lambda _c, _w: (_calendar_date,),
    DateOrDateTime: lambda _c, _w: (_calendar_date, _Drawer(aware_datetimes())),
}


def _branches(constraint: Constraint, where: tuple[type, str]) -> tuple[Branch, ...]:
    """Ways to draw a value (never ``None``) that *constraint* accepts, for one field.

    Where a strategy would first pick a kind of value, each kind is a branch
    of its own (see :data:`_BRANCHES`), so that the shape number of
    :func:`_keyword_arguments` picks it: a draw fewer, and so faster, than a
    strategy picking it again.  Other constraints have one branch, their
    strategy.
    """
    builder = _BRANCHES.get(type(constraint))
    branches: tuple[Branch, ...] | None = None if builder is None else builder(constraint, where)
    return branches or (_Drawer(from_constraint(constraint, where, allow_none=False)),)


def _half_none(branches: tuple[Branch, ...]) -> tuple[Branch, ...]:
    """*branches* after as many giving ``None``: picked evenly, ``None`` half the time (first)."""
    return (_none,) * len(branches) + branches


def _field_branches(cls: type, field: attrs.Attribute[Any]) -> tuple[Branch, ...]:
    """The :func:`_branches` of *field* of *cls*."""
    return _branches(constraint_of(field), (cls, field.name))


@attrs.frozen
class _FieldChoice:
    """How :func:`_keyword_arguments` draws one field, from one digit of a :class:`_Shape`."""

    alias: str
    branches: tuple[Branch, ...]
    optional: bool  # left out (taking its default) when the digit says so
    radix: int = attrs.field(init=False)  # how many values the digit takes

    @radix.default
    def _radix(self) -> int:
        return len(self.branches) * (2 if self.optional else 1)


def _keyword_arguments(
    cls: type,
    *,
    exclude: tuple[str, ...] = (),
    build: Callable[[dict[str, Any], st.DrawFn], Any] | None = None,
) -> st.SearchStrategy[Any]:
    """Keyword arguments for *cls*: every field without a default, and some of the others.

    One :class:`_Shape` says, for every field, whether it is given (each
    field with a default half the time; left out, it takes the default) and
    which of its :func:`_branches` draws it: one draw for what would
    otherwise be a boolean per field and a pick per text, tuple, union and
    enumeration, which makes these strategies fast.  Shrinking leaves fields
    out and picks their first branch.  With *build*, the strategy gives
    ``build(kwargs, draw)`` instead: the object made in the same draw, one
    fewer than a ``map``.
    """
    choices: list[_FieldChoice] = []
    for field in attrs.fields(cls):
        if field.name in exclude:
            continue
        constraint = constraint_of(field)
        branches = _branches(constraint, (cls, field.name))
        optional = field.default is not attrs.NOTHING
        if not optional and constraint.optional:  # required, but may be None
            branches = (*branches, _none)
        choices.append(_FieldChoice(field.alias, branches, optional))
    shape = _Shape(*(choice.radix for choice in choices))

    @st.composite
    def keyword_arguments(draw: st.DrawFn) -> Any:
        result: dict[str, Any] = {}
        for choice, digit in zip(choices, shape.draw(draw), strict=True):
            if choice.optional:
                given, branch = divmod(digit, len(choice.branches))
                if given:
                    result[choice.alias] = choice.branches[branch](draw)
            else:
                result[choice.alias] = choice.branches[digit](draw)
        return result if build is None else build(result, draw)

    return keyword_arguments()


def _derived(cls: type[Any]) -> st.SearchStrategy[Any]:
    """*cls* built from a strategy for each field; optional fields are sometimes left out."""
    return _keyword_arguments(cls, build=lambda kwargs, _: cls(**kwargs))


# --- hand-written where they add realism or a rule across fields ---------------------


@functools.cache
def external_ids() -> st.SearchStrategy[ExternalId]:
    """Wikidata ids and identifiers of other schemes."""
    fields = attrs.fields(ExternalId)
    numbers = st.integers(1, 10**16 - 1)
    schemes = field_strategy(ExternalId, fields.scheme)
    values = _field_branches(ExternalId, fields.value)
    # One shape picks a Wikidata item, a property, or another scheme (and
    # how its value is drawn): fewer draws than one_of and builds, so
    # faster; it shrinks to Q1.
    shape = _Shape(3, len(values))

    @st.composite
    def external_id(draw: st.DrawFn) -> ExternalId:
        kind, value = shape.draw(draw)
        if kind < 2:
            return ExternalId("wikidata", f"{'QP'[kind]}{draw(numbers)}")
        scheme = draw(schemes)
        if scheme == "wikidata":  # a Wikidata value must be an id: another scheme
            scheme = "wikidata.x"
        return ExternalId(scheme, values[value](draw))

    return external_id()


def _party(kind: PartyKind, code: str, name: str, ids: tuple[ExternalId, ...]) -> Party:
    return Party(kind=kind, code=code, name=name, identifiers=ids)


_KNOWN_PARTIES: Final = ("EU", "BRICS", "SCO", "ASEAN", "G20", "UN", "African Union")
_OTHER_KINDS: Final = tuple(kind for kind in PartyKind if kind is not PartyKind.STATE)


@functools.cache
def parties() -> st.SearchStrategy[Party]:
    """States (real ISO 3166-1 codes) and international organizations."""
    fields = attrs.fields(Party)
    names, ids = _field_branches(Party, fields.name), _field_branches(Party, fields.identifiers)
    countries = CountryCode().choices
    codes = _patterned(ORGANIZATION_CODE.pattern, None)
    # One shape picks the kind of party, its country or known name, and for
    # one built field by field the kind of name and how many identifiers:
    # fewer draws than one_of and builds, so faster.  It shrinks to a state
    # by its standard name.
    shape = _Shape(4, len(countries), len(_KNOWN_PARTIES), len(_OTHER_KINDS), len(names), len(ids))

    @st.composite
    def party(draw: st.DrawFn) -> Party:
        kind, country, known, other_kind, name, identifiers = shape.draw(draw)
        if kind == 0:
            return Party.state(countries[country])
        if kind == 1:
            return Party.lookup(_KNOWN_PARTIES[known])
        if kind == 2:
            code, party_kind = countries[country], PartyKind.STATE
        else:
            code, party_kind = draw(codes), _OTHER_KINDS[other_kind]
        return _party(party_kind, code, names[name](draw), ids[identifiers](draw))

    return party()


def organizations() -> st.SearchStrategy[Organization]:
    """Ministries, agencies, companies..., with or without a party."""
    return from_class(Organization)


def people() -> st.SearchStrategy[Person]:
    """People with an optional role and affiliation."""
    return from_class(Person)


def actors() -> st.SearchStrategy[Party | Organization | Person]:
    """Any :data:`~coopmodel.Actor`."""
    return st.one_of(parties(), organizations(), people())


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points on the globe, poles and antimeridian included."""
    return from_class(Coordinates)


def _some_place(kwargs: dict[str, Any], draw: st.DrawFn) -> Place:
    if all(kwargs.get(key) is None for key in ("locality", "country", "region", "venue")):
        kwargs = {**kwargs, "country": draw(_country_codes())}
    return Place(**kwargs)


@functools.cache
def places() -> st.SearchStrategy[Place]:
    """Places with at least a venue, locality, region or country."""
    return _keyword_arguments(Place, build=_some_place)


def _chain(links: list[tuple[str, dict[str, Any]]]) -> Forum:
    forum: Forum | None = None
    for forum_id, kwargs in links:
        forum = Forum(id=forum_id, parent=forum, **kwargs)
    assert forum is not None  # noqa: S101 - at least one link
    return forum


@functools.cache
def forums(max_depth: int = 3) -> st.SearchStrategy[Forum]:
    """Forums, nested under up to *max_depth* - 1 parents (each with its own id)."""
    max_depth = max(1, min(max_depth, MAX_FORUM_DEPTH))
    links = _keyword_arguments(Forum, exclude=("parent",))
    depths = st.integers(1, max_depth)

    # One draw for the depth, then the links: fewer draws than st.lists with
    # unique_by, so faster.  An id already in the chain gets the link's
    # position appended, so every forum of a chain has an id of its own.
    @st.composite
    def chain(draw: st.DrawFn) -> Forum:
        built: list[tuple[str, dict[str, Any]]] = []
        taken: set[str] = set()
        for position in range(draw(depths)):
            kwargs = draw(links)
            forum_id = kwargs.pop("id")
            if forum_id in taken:
                forum_id = _slug(f"{forum_id[:60]}-{position}")
            taken.add(forum_id)
            built.append((forum_id, kwargs))
        return _chain(built)

    return chain()


def _one_or_more_days(start: pendulum.Date, days: int | None, raw: str | None) -> DateSpan:
    end = None
    if days is not None:
        try:
            end = start.add(days=days)
        except (OverflowError, ValueError):
            end = None
    return DateSpan(start, end, raw=raw)


@functools.cache
def date_spans() -> st.SearchStrategy[DateSpan]:
    """Single days and runs of days (an end equal to the start is one day too)."""
    raws = _half_none(_field_branches(DateSpan, attrs.fields(DateSpan).raw))
    dates, days = calendar_dates(), st.integers(0, 10)
    # One shape picks the kind of span (one day, a run of up to ten days,
    # any two days) and whether there is raw text, and which kind (half the
    # time): fewer draws than one_of and builds, so faster.  It shrinks to a
    # single day.
    shape = _Shape(3, len(raws))

    @st.composite
    def span(draw: st.DrawFn) -> DateSpan:
        kind, raw = shape.draw(draw)
        text = raws[raw](draw)
        if kind == 0:
            return _one_or_more_days(draw(dates), None, text)
        if kind == 1:
            return _one_or_more_days(draw(dates), draw(days), text)
        first, second = draw(dates), draw(dates)
        return DateSpan(min(first, second), max(first, second), raw=text)

    return span()


def _ordered_times(
    start: pendulum.DateTime, end: pendulum.DateTime | None, raw: str | None
) -> TimeSpan:
    if end is not None and end < start:
        start, end = end, start
    return TimeSpan(start, end, raw=raw)


@functools.cache
def time_spans() -> st.SearchStrategy[TimeSpan]:
    """Aware starts, with or without an end in the same or another zone."""
    raws = _half_none(_field_branches(TimeSpan, attrs.fields(TimeSpan).raw))
    times, hours = aware_datetimes(), st.integers(0, 72)
    early = times.filter(lambda d: d.year < 9999)
    # One shape picks the kind of span (a start; a start and an end
    # anywhere; an end hours later in the start's zone, half the time) and
    # whether there is raw text, and which kind.
    shape = _Shape(4, len(raws))

    @st.composite
    def span(draw: st.DrawFn) -> TimeSpan:
        kind, raw = shape.draw(draw)
        text = raws[raw](draw)
        if kind < 2:
            return _ordered_times(draw(times), None if kind == 0 else draw(times), text)
        start = draw(early)
        return _ordered_times(start, start.add(hours=draw(hours)), text)

    return span()


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Years, and years with a month."""
    return from_class(PartialDate)


def whens() -> st.SearchStrategy[DateSpan | TimeSpan | PartialDate]:
    """Any :data:`~coopmodel.When`."""
    return st.one_of(date_spans(), time_spans(), partial_dates())


def _area(code: str, label: str | None, stage: Stage, detail: str | None) -> CooperationArea:
    if label is None:  # labelled from the vocabulary
        return CooperationArea.of(code, stage, detail=detail)
    return CooperationArea(code=code, label=label, stage=stage, detail=detail)


@functools.cache
def cooperation_areas() -> st.SearchStrategy[CooperationArea]:
    """Areas from the vocabulary, and now and then a custom one."""
    fields = attrs.fields(CooperationArea)
    labels = _field_branches(CooperationArea, fields.label)
    details = _half_none(_field_branches(CooperationArea, fields.detail))
    stages = tuple(Stage)
    codes = tuple(vocabulary())
    custom_codes = (
        _patterned(AREA_CODE.pattern, 100).map("custom.{}".format),
        _patterned(AREA_CODE.pattern, AREA_CODE.max_length),
    )
    # One shape says which kind of area (half of them vocabulary areas
    # labelled from the vocabulary, a third relabelled, a sixth custom, with
    # three kinds of custom code, the third a vocabulary code marked custom),
    # its code and stage, and how its label and detail are drawn: fewer draws
    # than one_of and builds, so faster.  It shrinks to a vocabulary area
    # without detail.
    shape = _Shape(18, len(codes), len(stages), len(details), len(labels))

    @st.composite
    def area(draw: st.DrawFn) -> CooperationArea:
        kind, code, stage, detail, label = shape.draw(draw)
        text = details[detail](draw)
        if kind < 9:
            return _area(codes[code], None, stages[stage], text)
        if kind < 15:
            return _area(codes[code], labels[label](draw), stages[stage], text)
        custom_code = draw(custom_codes[kind - 15]) if kind < 17 else codes[code]
        return CooperationArea(
            code=custom_code,
            label=labels[label](draw),
            stage=stages[stage],
            detail=text,
            custom=True,
        )

    return area()


def _source(kwargs: dict[str, Any]) -> Source:
    published, updated = kwargs.get("published"), kwargs.get("updated")
    if published is not None and updated is not None:
        if isinstance(published, pendulum.DateTime) and isinstance(updated, pendulum.DateTime):
            early = updated < published
        else:  # as the model compares them: by day, each in its own zone
            early = (updated.year, updated.month, updated.day) < (
                published.year,
                published.month,
                published.day,
            )
        if early:
            kwargs = {**kwargs, "published": updated, "updated": published}
    return Source(**kwargs)


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """News reports, press releases and readouts, updated (if at all) after publication."""
    return _keyword_arguments(Source, build=lambda kwargs, _: _source(kwargs))


def statements() -> st.SearchStrategy[Statement]:
    """Statements by parties, organizations and people."""
    return from_class(Statement)


def context_events() -> st.SearchStrategy[ContextEvent]:
    """Backdrops, triggers and follow-ups."""
    return from_class(ContextEvent)


def _change(kwargs: dict[str, Any], draw: st.DrawFn) -> ScheduleChange:
    if all(value is None for value in kwargs.values()):
        reason = attrs.fields(ScheduleChange).reason
        kwargs = {
            **kwargs,
            "reason": draw(field_strategy(ScheduleChange, reason, allow_none=False)),
        }
    return ScheduleChange(**kwargs)


@functools.cache
def schedule_changes() -> st.SearchStrategy[ScheduleChange]:
    """Postponements, moves and cancellations: what was planned, why, when announced.

    .. versionadded:: 0.1.0
    """
    return _keyword_arguments(ScheduleChange, build=_change)


def meetings() -> st.SearchStrategy[Meeting]:
    """Whole meetings, from bare to fully described."""
    return from_class(Meeting)


#: The strategies that are not derived field by field from the constraints.
_HAND_WRITTEN: Final[dict[type, Callable[[], st.SearchStrategy[Any]]]] = {
    ExternalId: external_ids,
    Party: parties,
    Place: places,
    Forum: forums,
    DateSpan: date_spans,
    TimeSpan: time_spans,
    CooperationArea: cooperation_areas,
    Source: sources,
    ScheduleChange: schedule_changes,
}


_CLASS_STRATEGIES: Final[dict[type, st.SearchStrategy[Any]]] = {}


def _class_strategy(cls: type[T]) -> st.SearchStrategy[T]:
    strategy = _CLASS_STRATEGIES.get(cls)
    if strategy is None:
        hand_written = _HAND_WRITTEN.get(cls)
        strategy = hand_written() if hand_written is not None else _derived(cls)
        _CLASS_STRATEGIES[cls] = strategy
    return strategy


def from_class(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of the public class *cls*: its hand-written strategy, or derived from its fields.

    Raises:
        TypeError: *cls* is not a public coopmodel class.

    .. versionadded:: 0.1.0
    """
    if cls not in PUBLIC_CLASSES:
        raise TypeError(f"{cls!r} is not a public coopmodel class")
    return _class_strategy(cls)


def register_type_strategies() -> None:
    """Register these strategies with Hypothesis, for ``st.from_type``.

    Runs by itself through coopmodel's ``hypothesis`` entry point; call it
    yourself only where entry points are disabled.
    """
    _plugin.register()
