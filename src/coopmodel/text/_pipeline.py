"""The pipeline: page -> names -> forums and meetings -> content -> drafts.

See ``docs/explanation/extraction.md`` for what each stage reads and emits.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from coopmodel._model import (
    ContextEvent,
    CooperationArea,
    DateSpan,
    ForumKind,
    MeetingStatus,
    PartialDate,
    Party,
    Place,
    Statement,
    StatementKind,
    TimeSpan,
)
from coopmodel.text import _lexicon
from coopmodel.text._content import (
    ContextFound,
    StatementFound,
    find_areas,
    find_context,
    find_statements,
)
from coopmodel.text._dates import (
    DateMention,
    Relative,
    find_dates,
    find_relative,
    resolve_zone,
)
from coopmodel.text._drafts import (
    Extraction,
    ForumDraft,
    MeetingDraft,
    Note,
    SourceDraft,
    Span,
    forum_id,
    meeting_id,
)
from coopmodel.text._meetings import ForumMention, MeetingFound, find_forums, find_meetings
from coopmodel.text._page import Line, Page, latin_share, read_page
from coopmodel.text._spans import SpanSet

__all__ = ["extract"]

MAX_MEETINGS: int = 50
"""At most this many meetings are read from one text."""
MAX_TEXT: int = 4 * 1024 * 1024
"""Longer texts are read up to this many characters (a note says so)."""


class _Evidence:
    def __init__(self) -> None:
        self.items: list[tuple[str, tuple[Span, ...]]] = []

    def add(self, path: str, *spans: Span | Line | None) -> None:
        kept = tuple((int(s[0]), int(s[1])) for s in spans if s is not None and s[1] > s[0])
        if kept:
            self.items.append((path, kept))


@attrs.define
class _Reading:
    """What the stages read from one text, handed to the per-meeting steps."""

    text: str
    page: Page
    mentions: list[_lexicon.Mention]
    source: Any
    base: pendulum.Date | None
    home: str | None
    events: list[list[ContextFound]]
    context: SpanSet
    area_mask: SpanSet
    statements: list[StatementFound]
    notes: list[Note]
    evidence: _Evidence


def extract(
    text: str,
    *,
    published: pendulum.DateTime | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Extraction:
    """Read the meetings a news text reports, with the source's facts and their evidence.

    Args:
        text: The report, as plain text (a saved page, a press release...).
        published: When it was published, if known better than the text says.
        publisher: Who published it, if the text does not say.
        url: Where it was published.

    Returns:
        An :class:`Extraction`: meeting drafts (none, one or several), the
        source, warnings and the evidence span(s) of every value.

    .. versionadded:: 0.2.0
    """
    if not isinstance(text, str):
        raise TypeError(f"text is {type(text).__name__}, expected a str")
    notes: list[Note] = []
    if len(text) > MAX_TEXT:
        message = f"the text is longer than {MAX_TEXT} characters: the rest is not read"
        notes.append(Note(field=None, message=message))
        text = text[:MAX_TEXT]
    evidence = _Evidence()
    page = read_page(text)
    mentions = _lexicon.find_names(text)
    body = SpanSet((s.start, s.end) for s in page.sentences)
    body_mentions = [m for m in mentions if body.covers(m.start)]
    notes.extend(
        Note(
            field=None,
            message=f"{m.value!r} may name more than one party: left out",
            spans=((m.start, m.end),),
        )
        for m in body_mentions
        if m.kind == "ambiguous"
    )
    source, base, home = _source(text, page, mentions, published, publisher, url, evidence, notes)
    events = [find_context(text, s.start, s.end, body_mentions) for s in page.sentences]
    context_spans = [event.span for found in events for event in found]
    context = SpanSet(context_spans)
    forums = find_forums(text, page.sentences, body_mentions, context)
    found = find_meetings(text, page.sentences, forums)
    if len(found) > MAX_MEETINGS:
        message = f"more than {MAX_MEETINGS} meetings: the rest are left out"
        notes.append(Note(field=None, message=message))
        found = found[:MAX_MEETINGS]
    sentences = [(s.start, s.end) for s in page.sentences]
    statements = find_statements(text, sentences, home, body_mentions)
    masks = [(f.start, f.end) for f in forums] + [(m.start, m.end) for m in body_mentions]
    masks += [s.issuer_span for s in statements if s.issuer_span is not None] + context_spans
    reading = _Reading(
        text=text,
        page=page,
        mentions=body_mentions,
        source=source,
        base=base,
        home=home,
        events=events,
        context=context,
        area_mask=SpanSet(masks),
        statements=statements,
        notes=notes,
        evidence=evidence,
    )
    assignment = _assign(text, found, page)
    drafts = tuple(
        _meeting_draft(reading, number, meeting, assignment[number])
        for number, meeting in enumerate(found)
    )
    return Extraction(
        meetings=drafts,
        source=source,
        warnings=tuple(notes),
        evidence=tuple(evidence.items),
    )


def _meeting_draft(reading: _Reading, number: int, meeting: MeetingFound, owned: list[int]) -> Any:
    """The draft of one meeting, from the sentences that speak of it."""
    text, page, evidence = reading.text, reading.page, reading.evidence
    path = f"meetings[{number}]"
    forum = _forum_draft(
        text, meeting.forum, meeting.parent, reading.mentions, page, evidence, f"{path}.forum"
    )
    areas, context = _areas_and_context(reading, owned, path)
    status_sentence = page.sentences[meeting.status_sentence or 0]
    when = _when(
        text,
        status_sentence,
        meeting,
        reading.base,
        reading.notes,
        evidence,
        f"{path}.when",
        reading.home,
    )
    location = _location(
        text,
        status_sentence,
        meeting,
        page,
        reading.mentions,
        evidence,
        f"{path}.location",
        reading.context,
    )
    statements = _statements(reading, owned, forum, path)
    evidence.add(f"{path}.status", meeting.status_span)
    if meeting.session is not None:
        evidence.add(f"{path}.session", meeting.session[1])
    mid = title = None
    if forum.name is not None and forum.kind is not None:
        day = when.earliest if when is not None else None
        published = reading.source.published
        reported = published if isinstance(published, pendulum.Date) else None
        codes = tuple(p.code for p in forum.parties or ())
        mid = meeting_id(forum.name, forum.kind.value, codes, day, reported)
        summit = forum.kind is ForumKind.SUMMIT
        title = forum.name if summit else f"Meeting of the {forum.name}"
        evidence.add(f"{path}.title", (meeting.forum.start, meeting.forum.end))
    complete = not reading.source.missing()
    return MeetingDraft(
        id=mid,
        title=title,
        forum=forum,
        sources=(reading.source.build(),) if complete else None,
        status=meeting.status,
        session=meeting.session[0] if meeting.session else None,
        when=when,
        location=location,
        parties=forum.parties,
        areas=areas or None,
        statements=statements or None,
        context=context or None,
    )


def _areas_and_context(
    reading: _Reading, owned: list[int], path: str
) -> tuple[tuple[CooperationArea, ...], tuple[ContextEvent, ...]]:
    """The areas (the last mention of each wins: a lede sums up what the body details)."""
    areas: dict[str, CooperationArea] = {}
    area_spans: dict[str, tuple[Span, ...]] = {}
    context: dict[str, ContextEvent] = {}
    context_spans: list[Span] = []
    for index in owned:
        sentence = reading.page.sentences[index]
        for event in reading.events[index]:
            if event.description not in context:
                context[event.description] = ContextEvent(
                    kind=event.kind,
                    description=event.description,
                    relation=event.relation,
                    actors=event.actors,
                    targets=event.targets,
                )
                context_spans.append(event.span)
        for area in find_areas(reading.text, sentence.start, sentence.end, reading.area_mask):
            areas.pop(area.code, None)
            areas[area.code] = CooperationArea.of(area.code, area.stage, detail=area.detail)
            area_spans[area.code] = area.spans
    for i, code in enumerate(areas):
        reading.evidence.add(f"{path}.areas[{i}]", *area_spans[code])
    for i, span in enumerate(context_spans):
        reading.evidence.add(f"{path}.context[{i}]", span)
    return tuple(areas.values()), tuple(context.values())


def _statements(
    reading: _Reading, owned: list[int], forum: Any, path: str
) -> tuple[Statement, ...]:
    """The statements in the meeting's sentences, with their issuers and dates.

    A statement without its own date takes the date its issuer's other
    statement gives ("an official statement said on Wednesday"); a joint
    statement in a one-party forum (a bloc's summit) is the bloc's.
    """
    own = _statements_for(reading.statements, owned, reading.page)
    dated = {s.issuer: s.date_span for s in own if s.date_span is not None}
    built: list[Statement] = []
    for found in own:
        statement = found
        if statement.issuer is None and statement.kind is StatementKind.JOINT_STATEMENT:
            parties: tuple[Party, ...] = forum.parties or ()
            if len(parties) == 1:
                statement = statement._replace(issuer=parties[0])
        if statement.issuer is None:
            message = "a statement whose issuer the text does not name: left out"
            reading.notes.append(
                Note(field=f"{path}.statements", message=message, spans=statement.spans)
            )
            continue
        date_span = statement.date_span or dated.get(statement.issuer)
        i = len(built)
        built.append(
            Statement(
                issuer=statement.issuer,
                kind=statement.kind,
                text=statement.text,
                verbatim=statement.verbatim,
                issued=_issued(reading.text, date_span, reading.base),
                language=reading.source.language,
            )
        )
        reading.evidence.add(f"{path}.statements[{i}]", *statement.spans)
        reading.evidence.add(f"{path}.statements[{i}].issuer", statement.issuer_span)
        reading.evidence.add(f"{path}.statements[{i}].issued", date_span)
    return tuple(built)


def _source(  # noqa: C901, PLR0912, PLR0915, PLR0917 - one step per fact of the source
    text: str,
    page: Page,
    mentions: list[_lexicon.Mention],
    published: pendulum.DateTime | None,
    publisher: str | None,
    url: str | None,
    evidence: _Evidence,
    notes: list[Note],
) -> tuple[Any, pendulum.Date | None, str | None]:
    values: dict[str, Any] = {}
    countries: set[str] = set()
    if page.title is not None:
        values["title"] = " ".join(text[page.title.start : page.title.end].split())
        evidence.add("source.title", page.title)
    if publisher is not None:
        values["publisher"] = publisher
    elif page.notice_publisher is not None:
        values["publisher"] = text[page.notice_publisher.start : page.notice_publisher.end]
        evidence.add("source.publisher", page.notice_publisher)
    named = values.get("publisher", "").casefold()
    countries.update(
        m.country
        for m in mentions
        if m.kind == "publisher" and m.country and m.value.casefold() == named
    )
    if page.agency is not None:
        name, country, line = page.agency
        values["agency"] = name
        countries.add(country)
        evidence.add("source.agency", line)
    if page.notice is not None:
        values["syndicated"] = True
        values["note"] = " ".join(text[page.notice.start : page.notice.end].split())
        evidence.add("source.note", page.notice)
        evidence.add("source.syndicated", page.notice)
    if page.byline is not None:
        values["byline"] = text[page.byline.start : page.byline.end]
        evidence.add("source.byline", page.byline)
    home = None
    if page.dateline is not None:
        place, country, line = page.dateline
        values["dateline"] = place
        countries.add(country)
        home = country
        evidence.add("source.dateline", line)
    if home is None and page.agency is not None and page.agency[1]:
        home = page.agency[1]
    for mention in mentions:
        if mention.kind in {"party", "demonym"} and len(countries) == 0:
            pass
    if " the " in text and latin_share(text[:20000]) >= 0.9:
        values["language"] = "en"
    if url is not None:
        values["url"] = url
    party_countries = {m.value for m in mentions if m.kind in {"party", "demonym"}}
    evidence_countries = countries or party_countries
    for field, found in (
        ("published", page.published),
        ("updated", page.updated),
        ("retrieved", page.clock),
    ):
        if found is None:
            continue
        moment = _moment(found[0], evidence_countries, notes, f"source.{field}")
        if moment is not None:
            values[field] = moment
            evidence.add(f"source.{field}", (found[0].start, found[0].end))
    if published is not None:
        values["published"] = published
    base: pendulum.Date | None = None
    stamp = values.get("published") or values.get("updated")
    if isinstance(stamp, pendulum.DateTime):
        base = pendulum.Date(stamp.year, stamp.month, stamp.day)
    elif isinstance(stamp, pendulum.Date):
        base = stamp
    elif page.dateline_date is not None:
        notes.append(
            Note(
                field="source.published",
                message="the text gives no year: relative dates are left unset",
                spans=(page.dateline_date[1],),
            )
        )
    if (
        "retrieved" in values
        and "published" in values
        and values["retrieved"] < values["published"]
    ):
        del values["retrieved"]
    return SourceDraft(**values), base, home


def _moment(
    mention: DateMention, countries: set[str], notes: list[Note], field: str
) -> pendulum.DateTime | pendulum.Date | None:
    date = mention.date
    if mention.time is None:
        return date
    if mention.zone is None:
        notes.append(
            Note(
                field=field,
                message="a time without a zone: only the day is kept",
                spans=((mention.start, mention.end),),
            )
        )
        return date
    zone, reason = resolve_zone(mention.zone, countries)
    if zone is None:
        notes.append(
            Note(
                field=field, message=reason or "unknown zone", spans=((mention.start, mention.end),)
            )
        )
        return date
    hour, minute, second = mention.time
    return pendulum.datetime(date.year, date.month, date.day, hour, minute, second, tz=zone)


def _forum_draft(  # noqa: PLR0917
    text: str,
    forum: ForumMention,
    parent: ForumMention | None,
    mentions: list[_lexicon.Mention],
    page: Page,
    evidence: _Evidence,
    path: str,
) -> Any:
    parties = [code for code, _ in forum.parties]
    spans = [span for _, span in forum.parties]
    if not parties:
        sentence = page.sentences[forum.sentence]
        for mention in mentions:
            if (
                sentence.start <= mention.start < forum.start
                and mention.kind in {"party", "demonym"}
                and mention.value not in parties
            ):
                parties.append(mention.value)
                spans.append((mention.start, mention.end))
    unique: list[str] = []
    for code in parties:
        if code not in unique:
            unique.append(code)
    party_values = tuple(_lexicon.party(code) for code in unique)
    evidence.add(f"{path}.name", (forum.start, forum.end))
    evidence.add(f"{path}.kind", (forum.start, forum.end))
    for i, span in enumerate(spans[: len(unique)]):
        evidence.add(f"{path}.parties[{i}]", span)
    parent_draft = None
    if parent is not None:
        parent_draft = _forum_draft(text, parent, None, mentions, page, evidence, f"{path}.parent")
    acronym = forum.acronym[0] if forum.acronym else None
    if forum.acronym:
        evidence.add(f"{path}.acronym", forum.acronym[1])
    name = " ".join(forum.name.split())
    return ForumDraft(
        id=forum_id(name, forum.kind.value, tuple(unique)),
        name=name,
        kind=forum.kind,
        parties=party_values or None,
        acronym=acronym,
        parent=parent_draft,
    )


def _assign(text: str, found: list[MeetingFound], page: Page) -> list[list[int]]:
    """The sentences that speak of each meeting.

    A sentence that names a meeting's forum, or refers to it by its head
    ("At the task force, ..."), is that meeting's; any other sentence
    belongs to the meeting last spoken of, and a lede before any forum is
    named belongs to the first meeting.
    """
    owners: dict[int, list[int]] = {}
    for number, meeting in enumerate(found):
        for mention in meeting.mentions:
            owners.setdefault(mention.sentence, []).append(number)
    result: list[list[int]] = [[] for _ in found]
    current: list[int] = [0] if found else []
    for index, sentence in enumerate(page.sentences):
        here = owners.get(index)
        if not here:
            lowered = text[sentence.start : sentence.end].casefold()
            here = [
                number
                for number, meeting in enumerate(found)
                if f"the {meeting.forum.head.casefold()}" in lowered
            ]
            if len(here) != 1:
                here = []
        if here:
            current = here
        for number in dict.fromkeys(current):
            result[number].append(index)
    return result


def _statements_for(statements: list[Any], owned: list[int], page: Page) -> list[Any]:
    spans = [(page.sentences[i].start, page.sentences[i].end) for i in owned]
    owned_spans = SpanSet(spans)
    return [s for s in statements if owned_spans.covers(s.spans[0][0])]


def _issued(text: str, span: Span | None, base: pendulum.Date | None) -> DateSpan | None:
    if span is None or base is None:
        return None
    raw = text[span[0] : span[1]]
    relative = find_relative(text, span[0], span[1], base, future=False)
    if relative:
        return DateSpan(relative[0].first, raw=raw)
    dates = find_dates(text, span[0], span[1], year=base.year)
    if dates:
        return DateSpan(dates[0].date, raw=raw)
    return None


_REPORTING_BEFORE = ("said", "statement", "told", "announced", "stated", "until", "till", " to ")


def _forum_end(meeting: MeetingFound, index: int | None) -> int:
    """Where the meeting's forum is named in sentence *index* (0 if it is not)."""
    return next((m.end for m in meeting.mentions if m.sentence == index), 0)


def _when(  # noqa: PLR0917
    text: str,
    sentence: Line,
    meeting: MeetingFound,
    base: pendulum.Date | None,
    notes: list[Note],
    evidence: _Evidence,
    path: str,
    home: str | None,
) -> DateSpan | TimeSpan | PartialDate | None:
    """The meeting's date, from its status sentence; a statement's date is not the meeting's.

    The first date after the forum's name wins ("X on Tuesday, followed by Y on
    Wednesday"), then the first before it.
    """
    future = meeting.status is MeetingStatus.SCHEDULED
    year = base.year if base is not None else None
    candidates: list[tuple[int, int, DateMention | Relative]] = [
        (mention.start, mention.end, mention)
        for mention in find_dates(text, sentence.start, sentence.end, year=year)
    ]
    if base is not None:
        candidates.extend(
            (rel.start, rel.end, rel)
            for rel in find_relative(text, sentence.start, sentence.end, base, future=future)
        )
    after = _forum_end(meeting, meeting.status_sentence)
    candidates.sort(key=lambda c: (c[0] < after, c[0]))
    for start, end, value in candidates:
        before = text[max(sentence.start, start - 16) : start].casefold()
        if any(word in before for word in _REPORTING_BEFORE):
            continue
        on = text[max(0, start - 3) : start] == "on " and not text[start:end].startswith("on ")
        raw_start = start - 3 if on else start
        raw = text[raw_start:end]
        if isinstance(value, Relative):
            evidence.add(path, (raw_start, end))
            if value.month_only:
                return PartialDate(value.first.year, value.first.month, raw=raw)
            return DateSpan(value.first, value.last, raw=raw)
        if not value.year_given and base is None:
            continue
        evidence.add(path, (raw_start, end))
        if value.time is not None and value.zone is not None:
            zone, reason = resolve_zone(value.zone, {home} if home else set())
            if zone is not None:
                h, m, s = value.time
                day = value.date
                start_at = pendulum.datetime(day.year, day.month, day.day, h, m, s, tz=zone)
                return TimeSpan(start_at, raw=raw)
            notes.append(Note(field=path, message=reason or "unknown zone", spans=((start, end),)))
        elif value.time is not None:
            message = "a time without a zone: only the day is kept"
            notes.append(Note(field=path, message=message, spans=((start, end),)))
        return DateSpan(value.date, value.last, raw=raw)
    return None


def _location(  # noqa: PLR0917
    text: str,
    sentence: Line,
    meeting: MeetingFound,
    page: Page,
    mentions: list[_lexicon.Mention],
    evidence: _Evidence,
    path: str,
    masks: SpanSet,
) -> Place | None:
    """Where the meeting was: "held here" (with a dateline), "in Ottawa", "in Japan".

    A dateline alone is where the report was filed, not where the meeting was.
    """
    after = _forum_end(meeting, meeting.status_sentence)
    here = [
        m
        for m in mentions
        if sentence.start <= m.start < sentence.end and not masks.covers(m.start)
    ]
    here.sort(key=lambda m: (m.start < after, m.start))
    for mention in here:
        if mention.kind == "place":
            before = text[max(sentence.start, mention.start - 4) : mention.start]
            if before.endswith(("in ", "at ")):
                evidence.add(path, (mention.start, mention.end))
                return Place(locality=mention.value, country=mention.country)
    segment = text[sentence.start : sentence.end]
    if page.dateline is not None and any(
        f"{verb} here" in segment for verb in ("held", "met", "hosted", "convened", "place", "meet")
    ):
        name, country, line = page.dateline
        at = segment.find(" here")
        evidence.add(path, (sentence.start + at + 1, sentence.start + at + 5), line)
        return Place(locality=name, country=country)
    for mention in here:
        if mention.kind == "party" and _lexicon.is_state(mention.value):
            before = text[max(sentence.start, mention.start - 3) : mention.start]
            if before == "in ":
                evidence.add(path, (mention.start, mention.end))
                return Place(country=mention.value)
    return None
