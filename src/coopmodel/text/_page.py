"""Stage 1: the page.  Lines, page furniture, the source's facts, the body's sentences.

A scraped news page is a headline, a standfirst, captions, navigation,
date-lines, a byline, the story and a syndication notice.  This stage sorts
the lines into furniture and body, reads the source's facts from the
furniture (before anything is dropped), and splits the body into sentences.
Every later stage reads only the body.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from coopmodel.text import _lexicon
from coopmodel.text._dates import DateMention, find_dates

__all__ = ["Line", "Page", "read_page"]


class Line(NamedTuple):
    """A line of the input, without its surrounding space."""

    start: int
    end: int


class Page(NamedTuple):
    """The page, sorted."""

    title: Line | None
    body: tuple[Line, ...]
    sentences: tuple[Line, ...]
    published: tuple[DateMention, Line] | None
    updated: tuple[DateMention, Line] | None
    clock: tuple[DateMention, Line] | None
    """An unlabelled date and time above the headline: the page's clock when it was saved."""
    notice: Line | None
    """The syndication notice, without its brackets."""
    notice_publisher: Line | None
    byline: Line | None
    agency: tuple[str, str, Line] | None
    dateline: tuple[str, str, Line] | None
    """(place name, country code, where)."""
    dateline_date: tuple[DateMention, Line] | None


_PUBLISHED: Final = re.compile(
    r"(?:First Published|Published(?: on| at)?|Posted(?: on)?|Released(?: on)?)\s{0,3}:?",
    re.IGNORECASE,
)
_UPDATED: Final = re.compile(
    r"(?:Last Updated|Updated(?: on| at)?|Modified(?: on)?)\s{0,3}:?", re.IGNORECASE
)
_NOTICE: Final = re.compile(
    r"syndicated feed|auto-generated from|wire agency feed|has not been edited by"
    r"|published from a syndicated|is published from|from a syndicated|via syndicated",
    re.IGNORECASE,
)
_NOTICE_PUBLISHER: Final = re.compile(r"\bby (?:the )?(?P<name>(?:[A-Z][\w&'.-]*\s){1,5})staff")
_FURNITURE: Final = re.compile(
    r"^(?:listen to (?:this|the) (?:article|story)|also read|read more|read also|advertisement"
    r"|subscribe|follow us|share (?:this|on)|click here|download the|sign up|edited by"
    r"|written by|recommended|trending|topics?:|tags?:|catch all the|get the latest|more news"
    r"|photo:|image:|file photo|representational (?:image|photo)|watch:|video:|sponsored"
    r"|(?:\(?photo|\(?image|\(?picture)\s?(?:credit|courtesy)?\s?:)",
    re.IGNORECASE,
)
_CAPTION: Final = re.compile(
    r"\|\s{0,3}(?:Photo|Image|Picture|Video)\s{0,3}:|\((?:Photo|Image)\s{0,3}:", re.IGNORECASE
)
_BY: Final = re.compile(
    r"^(?:By|Written by|Reported by)\s(?P<name>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,4})"
)
_END_PUNCTUATION: Final = frozenset(".!?\"\u201d\u2019'):;")
_DATELINE: Final = re.compile(
    r"^(?P<city>[A-Z][A-Za-z.'\u2019-]{1,20}(?:\s[A-Z][A-Za-z.'\u2019-]{1,20}){0,3})"
    r"(?:,\s{1,2}(?P<date>[^()\n]{3,40}?))?"
    r"\s{0,2}(?:\((?P<agency>[A-Za-z][A-Za-z .-]{1,30})\))?\s{0,2}(?P<sep>[:\u2013\u2014-]{1,2})\s"
)
_AGENCY_DATE: Final = re.compile(
    r"^(?P<date>[A-Z][a-z]{2,8}\.?\s\d{1,2})\s{1,2}\((?P<agency>[A-Za-z][A-Za-z .-]{1,30})\)"
    r"\s{0,2}[:\u2013\u2014-]{1,2}\s"
)
_SENTENCE_END: Final = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]{0,3}\s{1,5}(?=[\"'\u201c\u2018(]?[A-Z0-9])"
)
_AGENCY_FIRST_WORDS: Final = frozenset(name.split(" ", 1)[0] for name in _lexicon.AGENCIES)
_TEASER_LINES: Final = 40
"""Teasers (a paragraph cut short) sit near the top: only so many lines are compared."""
_ABBREVIATIONS: Final = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "lt",
        "col",
        "no",
        "vs",
        "u.s",
        "u.k",
        "jan",
        "feb",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "prof",
        "gov",
        "sen",
        "rep",
        "e.g",
        "i.e",
        "approx",
        "govt",
        "hon",
        "capt",
        "maj",
        "adm",
    }
)


def _lines(text: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped[0])
            lines.append(Line(start, start + len(stripped)))
        position += len(raw)
    return lines


def latin_share(text: str) -> float:
    """The share of *text*'s letters that are ASCII (1.0 for a text without letters)."""
    if text.isascii():
        return 1.0
    other = len(_OTHER_LETTER.findall(text))
    if not other:
        return 1.0
    latin = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    return latin / (latin + other)


def _letters_latin(line: str) -> bool:
    return any(c.isalpha() for c in line) and latin_share(line) >= 0.8


_ASCII_NON_LETTERS: Final = bytes(b for b in range(128) if not chr(b).isalpha())
_OTHER_LETTER: Final = re.compile(r"[^\W\d_\x00-\x7f]")


def read_page(text: str, *, max_line: int = 20_000) -> Page:  # noqa: C901, PLR0912, PLR0915
    """Sort the lines of *text* and read the source's facts from them."""
    lines = _lines(text)
    title: Line | None = None
    body: list[Line] = []
    published = updated = clock = dateline_date = None
    notice = notice_publisher = byline = None
    agency: tuple[str, str, Line] | None = None
    dateline: tuple[str, str, Line] | None = None
    seen: set[str] = set()
    dated_line: tuple[DateMention, Line] | None = None
    contents = [text[line.start : line.end] for line in lines]
    for index, line in enumerate(lines):
        content = contents[index]
        if len(content) > max_line:
            # An overlong line is read as body text, in full, without furniture rules.
            body.append(line)
            continue
        key = " ".join(content.split()).casefold()
        repeated = key in seen
        seen.add(key)
        label = _PUBLISHED.match(content) or _UPDATED.match(content)
        dates = find_dates(text, line.start, line.end) if len(content) < 200 else []
        if label is not None and dates:
            pair = (dates[0], line)
            if _PUBLISHED.match(content):
                published = published or pair
            else:
                updated = updated or pair
            continue
        if _NOTICE.search(content):
            inner = Line(line.start + (content[0] in "(["), line.end - (content[-1] in ")]"))
            notice = inner
            named = _NOTICE_PUBLISHER.search(content)
            if named is not None:
                notice_publisher = Line(
                    line.start + named.start("name"), line.start + named.end("name") - 1
                )
            continue
        if dates and title is None and any(d.time is not None for d in dates):
            clock = clock or (next(d for d in dates if d.time is not None), line)
            continue
        if dates and _mostly_date(content, dates):
            if title is not None and dated_line is None:
                # A date under the headline, maybe after a place: "Qingdao, June 26 2025".
                dated_line = (dates[0], line)
                head = content.split(",", 1)[0]
                found_place = _lexicon.place(head) if head != content else None
                if found_place is not None and dateline is None:
                    dateline = (*found_place, Line(line.start, line.start + len(head)))
            continue
        if _FURNITURE.match(content) or _CAPTION.search(content) or not _letters_latin(content):
            continue
        if agency is None or byline is None:
            found = _agency_line(text, line)
            if found is not None:
                name, country, place = found
                agency = agency or (name, country, line)
                byline = byline or Line(line.start, line.start + _agency_end(text, line))
                if place is not None and dateline is None:
                    dateline = place
                continue
        by = _BY.match(content)
        if by is not None and len(content) < 80:
            byline = byline or Line(line.start + by.start("name"), line.start + by.end("name"))
            continue
        if title is None and not body:
            if len(content.split()) >= 3 and content[-1] != ".":
                title = line
                continue
            if content[-1] not in _END_PUNCTUATION:
                continue  # navigation above the headline
        if repeated or content[-1] not in _END_PUNCTUATION:
            continue  # repeated headline, caption, navigation, tags
        if index < _TEASER_LINES and any(
            later.startswith(content[: max(40, len(content) - 1)]) and later != content
            for later in contents[index + 1 : index + _TEASER_LINES]
        ):
            continue  # a teaser cut from a later paragraph
        body.append(line)
    if body:
        opening, dateline_date, agency, body[0] = _dateline(text, body[0], agency, dateline_date)
        dateline = dateline or opening
    if published is None:
        published = dated_line or (
            dateline_date if dateline_date and dateline_date[0].year_given else None
        )
    sentences = tuple(sentence for line in body for sentence in _sentences(text, line))
    return Page(
        title=title,
        body=tuple(body),
        sentences=sentences,
        published=published,
        updated=updated,
        clock=clock,
        notice=notice,
        notice_publisher=notice_publisher,
        byline=byline,
        agency=agency,
        dateline=dateline,
        dateline_date=dateline_date,
    )


def _mostly_date(content: str, dates: list[DateMention]) -> bool:
    covered = sum(d.end - d.start for d in dates)
    return covered >= 0.5 * len(content) or len(content.split()) <= 6


def _agency_line(text: str, line: Line) -> tuple[str, str, tuple[str, str, Line] | None] | None:
    """An agency's name, alone or followed by a place: "Press Trust of India New Delhi"."""
    content = text[line.start : line.end]
    if len(content) > 80 or content.split(" ", 1)[0].casefold() not in _AGENCY_FIRST_WORDS:
        return None
    mentions = [m for m in _lexicon.find_names(content) if m.kind in {"agency", "place"}]
    if not mentions or mentions[0].kind != "agency" or mentions[0].start != 0:
        return None
    first = mentions[0]
    rest = content[first.end :].strip(" ,|-\u2013\u2014")
    place = None
    if rest:
        found = _lexicon.place(rest)
        if found is None:
            return None
        where = line.start + content.index(rest)
        place = (found[0], found[1], Line(where, where + len(rest)))
    return first.value, first.country or "", place


def _agency_end(text: str, line: Line) -> int:
    content = text[line.start : line.end]
    mentions = _lexicon.find_names(content)
    return mentions[0].end if mentions else len(content)


def _dateline(
    text: str,
    line: Line,
    agency: tuple[str, str, Line] | None,
    dateline_date: tuple[DateMention, Line] | None,
) -> tuple[
    tuple[str, str, Line] | None,
    tuple[DateMention, Line] | None,
    tuple[str, str, Line] | None,
    Line,
]:
    """A dateline opening the story: "NEW DELHI, Aug 6 (PTI) -" or "August 6 (Reuters) -"."""
    content = text[line.start : line.end]
    match = _DATELINE.match(content) or _AGENCY_DATE.match(content)
    if match is None:
        return None, dateline_date, agency, line
    dateline = None
    groups = match.groupdict()
    if groups.get("city"):
        found = _lexicon.place(groups["city"])
        if found is None:
            return None, dateline_date, agency, line
        span = Line(line.start + match.start("city"), line.start + match.end("city"))
        dateline = (found[0], found[1], span)
    if groups.get("agency"):
        named = _lexicon.AGENCIES.get(groups["agency"].strip().casefold())
        if named is not None and agency is None:
            span = Line(line.start + match.start("agency"), line.start + match.end("agency"))
            agency = (named[0], named[1], span)
    if groups.get("date"):
        dates = find_dates(text, line.start + match.start("date"), line.start + match.end("date"))
        if dates:
            dateline_date = (dates[0], Line(dates[0].start, dates[0].end))
    return dateline, dateline_date, agency, Line(line.start + match.end(), line.end)


def _sentences(text: str, line: Line) -> list[Line]:
    sentences: list[Line] = []
    start = line.start
    for match in _SENTENCE_END.finditer(text, line.start, line.end):
        word_start = text.rfind(" ", start, match.start()) + 1
        word = text[max(word_start, start) : match.start()].casefold().lstrip("(\"'")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        cut = match.start() + 1
        while cut < match.end() and not text[cut].isspace():
            cut += 1
        sentences.append(Line(start, cut))
        start = match.end()
    if start < line.end:
        sentences.append(Line(start, line.end))
    return sentences
