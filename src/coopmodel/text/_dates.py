"""Dates, times and zones as news pages write them.

Every pattern here is linear-time: no quantifier is nested inside another
over overlapping characters, and every run of spaces is bounded.  Zone
abbreviations map to IANA zones through :data:`ZONES`; an abbreviation with
several readings (IST, CST, BST, AST) is read only with evidence from the
text (see :func:`resolve_zone`).
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

import pendulum

__all__ = ["ZONES", "DateMention", "find_dates", "find_relative", "resolve_zone"]

ZONES: Final[dict[str, tuple[tuple[str, str | None], ...]]] = {
    "IST": (("Asia/Kolkata", "IND"), ("Europe/Dublin", "IRL"), ("Asia/Jerusalem", "ISR")),
    "CST": (("America/Chicago", "USA"), ("Asia/Shanghai", "CHN"), ("America/Havana", "CUB")),
    "BST": (("Europe/London", "GBR"), ("Asia/Dhaka", "BGD")),
    "AST": (("Asia/Riyadh", "SAU"), ("America/Halifax", "CAN")),
    "MSK": (("Europe/Moscow", "RUS"),),
    "GMT": (("UTC", None),),
    "UTC": (("UTC", None),),
    "EST": (("America/New_York", "USA"),),
    "EDT": (("America/New_York", "USA"),),
    "PST": (("America/Los_Angeles", "USA"),),
    "PDT": (("America/Los_Angeles", "USA"),),
    "CET": (("Europe/Brussels", None),),
    "CEST": (("Europe/Brussels", None),),
    "EET": (("Europe/Athens", None),),
    "JST": (("Asia/Tokyo", "JPN"),),
    "KST": (("Asia/Seoul", "KOR"),),
    "PKT": (("Asia/Karachi", "PAK"),),
    "NPT": (("Asia/Kathmandu", "NPL"),),
    "SGT": (("Asia/Singapore", "SGP"),),
    "HKT": (("Asia/Hong_Kong", "CHN"),),
    "ICT": (("Asia/Bangkok", "THA"),),
    "WIB": (("Asia/Jakarta", "IDN"),),
    "PHT": (("Asia/Manila", "PHL"),),
    "AEST": (("Australia/Sydney", "AUS"),),
    "AEDT": (("Australia/Sydney", "AUS"),),
    "NZST": (("Pacific/Auckland", "NZL"),),
    "GST": (("Asia/Dubai", "ARE"),),
    "EAT": (("Africa/Nairobi", "KEN"),),
    "SAST": (("Africa/Johannesburg", "ZAF"),),
    "WAT": (("Africa/Lagos", "NGA"),),
    "BRT": (("America/Sao_Paulo", "BRA"),),
    "TRT": (("Europe/Istanbul", "TUR"),),
}
"""Zone abbreviations: the IANA zone of each reading, and the country it is read for."""

_MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])"
)
_WEEKDAY: Final = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ORD: Final = r"(?:st|nd|rd|th)?"
_DATE: Final = re.compile(
    r"(?P<iso>(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"(?:[T ](?P<ih>\d{2}):(?P<imin>\d{2})(?::(?P<isec>\d{2}))?(?:\.\d{1,9})?"
    r"(?P<ioff>Z|[+-]\d{2}:?\d{2})?)?)"
    rf"|(?P<mdy>(?:{_WEEKDAY},?\s{{1,3}})?(?P<m1>{_MONTH})\.?\s{{1,3}}(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:\s?[-\u2013]\s?(?P<d1b>\d{{1,2}}){_ORD})?(?!\d)(?:,?\s{{1,3}}(?P<y1>\d{{4}})(?!\d))?)"
    rf"|(?P<dmy>(?<!\d)(?P<d2>\d{{1,2}}){_ORD}(?:\s?[-\u2013]\s?(?P<d2b>\d{{1,2}}){_ORD})?"
    rf"\s{{1,3}}(?:of\s)?(?P<m2>{_MONTH})\.?,?(?:\s{{1,3}}(?P<y2>\d{{4}})(?!\d))?)"
    r"|(?P<dot>(?<![\d.])(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})(?!\d))"
)
_TIME: Final = re.compile(
    r"\s{0,3}(?:[|,\u2013\u2014-]|at)?\s{0,3}(?P<h>\d{1,2})[:.](?P<min>\d{2})(?::(?P<s>\d{2}))?"
    r"\s{0,2}(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s{0,2}\(?(?P<zone>(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5})(?![A-Za-z])\)?)?"
)
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan",),
            ("feb",),
            ("mar",),
            ("apr",),
            ("may",),
            ("jun",),
            ("jul",),
            ("aug",),
            ("sep",),
            ("oct",),
            ("nov",),
            ("dec",),
        ),
        start=1,
    )
    for name in names
}
_DIGIT: Final = re.compile(r"\d")
_OFFSET: Final = re.compile(r"(?:GMT|UTC)\s?(?P<sign>[+-])\s?(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")


class DateMention(NamedTuple):
    """A date (and maybe a time) written in the text."""

    start: int
    end: int
    date: pendulum.Date
    last: pendulum.Date | None
    """The last day of a range ("12-13 September"), else ``None``."""
    time: tuple[int, int, int] | None
    zone: str | None
    """A zone abbreviation ("IST"), an offset ("GMT+5:30", "+05:30") or "Z"; ``None`` if none."""
    year_given: bool


def _month(name: str) -> int:
    return _MONTHS[name[:3].casefold()]


def find_dates(  # noqa: C901, PLR0912 - one branch per date layout
    text: str, start: int = 0, end: int | None = None, *, year: int | None = None
) -> list[DateMention]:
    """Every date in ``text[start:end]``; *year* completes dates written without one."""
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    if _DIGIT.search(text, start, stop) is None:
        return found
    for match in _DATE.finditer(text, start, stop):
        groups = match.groupdict()
        last_day: int | None = None
        time: tuple[int, int, int] | None = None
        zone: str | None = None
        if groups["iso"]:
            y, m, d = int(groups["iy"]), int(groups["im"]), int(groups["id"])
            if groups["ih"]:
                time = (int(groups["ih"]), int(groups["imin"]), int(groups["isec"] or 0))
                zone = groups["ioff"]
            given = True
        elif groups["mdy"]:
            m, d = _month(groups["m1"]), int(groups["d1"])
            last_day = int(groups["d1b"]) if groups["d1b"] else None
            given = groups["y1"] is not None
            y = int(groups["y1"]) if given else (year or 0)
        elif groups["dmy"]:
            m, d = _month(groups["m2"]), int(groups["d2"])
            last_day = int(groups["d2b"]) if groups["d2b"] else None
            given = groups["y2"] is not None
            y = int(groups["y2"]) if given else (year or 0)
        else:
            y, m, d = int(groups["y3"]), int(groups["m3"]), int(groups["d3"])
            given = True
        if y == 0:
            continue
        try:
            date = pendulum.Date(y, m, d)
            last = pendulum.Date(y, m, last_day) if last_day and last_day > d else None
        except ValueError:
            continue
        mention_end = match.end()
        if time is None:
            timed = _TIME.match(text, mention_end, stop)
            if timed is not None and _valid_time(timed):
                hour = int(timed["h"]) % 12 + (
                    12 if timed["ampm"] and timed["ampm"][0] in "Pp" else 0
                )
                if not timed["ampm"]:
                    hour = int(timed["h"])
                time = (hour, int(timed["min"]), int(timed["s"] or 0))
                zone = timed["zone"]
                mention_end = timed.end()
                if zone is not None and zone not in ZONES and not zone.startswith(("GMT", "UTC")):
                    zone = None
                    mention_end = timed.start("zone")
        found.append(DateMention(match.start(), mention_end, date, last, time, zone, given))
    return found


def _valid_time(match: re.Match[str]) -> bool:
    hour, minute = int(match["h"]), int(match["min"])
    if match["ampm"]:
        return 1 <= hour <= 12 and minute < 60
    return hour < 24 and minute < 60


@functools.cache
def _zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(name)


def _shift(day: pendulum.Date, days: int) -> pendulum.Date:
    """*day* moved by *days* (pendulum's own ``add`` costs more than the rest of the stage)."""
    return pendulum.Date.fromordinal(day.toordinal() + days)


def resolve_zone(  # noqa: PLR0911 - one return per kind of zone
    zone: str, countries: set[str]
) -> tuple[pendulum.Timezone | pendulum.FixedTimezone | None, str | None]:
    """The zone *zone* stands for, given the *countries* the text is about.

    Returns the zone and ``None``, or ``None`` and the reason it was left unread.
    """
    if zone == "Z":
        return _zone("UTC"), None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        seconds = (int(digits[:2]) * 60 + int(digits[2:4])) * 60
        return pendulum.FixedTimezone(seconds if zone[0] == "+" else -seconds), None
    offset = _OFFSET.fullmatch(zone)
    if offset is not None:
        # GMT+5:30 is five and a half hours ahead of UTC (not the POSIX sign).
        seconds = (int(offset["h"]) * 60 + int(offset["m"] or 0)) * 60
        if seconds > 14 * 3600:
            return None, f"{zone!r} is not a UTC offset"
        return pendulum.FixedTimezone(seconds if offset["sign"] == "+" else -seconds), None
    readings = ZONES.get(zone, ())
    if len(readings) == 1:
        return _zone(readings[0][0]), None
    fitting = [name for name, country in readings if country in countries]
    if len(fitting) == 1:
        return _zone(fitting[0]), None
    places = ", ".join(country or "?" for _, country in readings)
    return None, f"{zone} may be read for {places}; the text does not say which: left unset"


_RELATIVE: Final = re.compile(
    rf"(?P<raw>(?:(?P<prep>on|last|next|this|coming|this coming)\s)?(?P<wd>{_WEEKDAY})"
    r"|(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow|(?:[Ll]ast|[Nn]ext|[Tt]his) week"
    r"|(?:[Ll]ater|[Ee]arlier) this (?:month|year)|(?:[Nn]ext|[Tt]his|[Ll]ast) (?:month|year)))"
    r"(?![A-Za-z])"
)
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Relative(NamedTuple):
    """A day or period written relative to the publication date."""

    start: int
    end: int
    first: pendulum.Date
    last: pendulum.Date | None
    month_only: bool


def find_relative(
    text: str, start: int, end: int, base: pendulum.Date, *, future: bool
) -> list[Relative]:
    """Relative days in ``text[start:end]`` ("on Wednesday", "yesterday") resolved on *base*.

    A bare weekday means the last such day on or before *base* in a past
    clause, the next one on or after it when *future*.
    """
    found: list[Relative] = []
    for match in _RELATIVE.finditer(text, start, end):
        if match["wd"]:
            target = _WEEKDAYS.index(match["wd"].casefold())
            delta = (target - base.weekday()) % 7
            prep = (match["prep"] or "").casefold()
            if prep == "last" or (not future and prep not in {"next", "coming", "this coming"}):
                delta = -((base.weekday() - target) % 7)
            day = _shift(base, delta)
            found.append(Relative(match.start(), match.end(), day, None, month_only=False))
            continue
        word = match["word"].casefold()
        if word == "today":
            found.append(Relative(match.start(), match.end(), base, None, month_only=False))
        elif word == "yesterday":
            found.append(
                Relative(match.start(), match.end(), _shift(base, -1), None, month_only=False)
            )
        elif word == "tomorrow":
            found.append(
                Relative(match.start(), match.end(), _shift(base, 1), None, month_only=False)
            )
        elif word.endswith("week"):
            monday = _shift(base, -base.weekday())
            shift = {"last": -7, "next": 7}.get(word.split()[0], 0)
            first = _shift(monday, shift)
            found.append(
                Relative(match.start(), match.end(), first, _shift(first, 6), month_only=False)
            )
        elif word.endswith("month"):
            shift = {"last": -1, "next": 1}.get(word.split()[0], 0)
            first = base.replace(day=1).add(months=shift)
            found.append(Relative(match.start(), match.end(), first, None, month_only=True))
    return found
