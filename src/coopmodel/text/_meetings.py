"""Stage 3: forums, their parents, and the meetings held in them (status, session, date, place).

A meeting is a forum mention with a status cue in its sentence ("was held",
"will meet", "was postponed"), or a later "the meeting was held" that
refers back to it.  A forum that only frames another ("under the framework
of ...") is a parent, not a meeting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from coopmodel._model import ForumKind, MeetingStatus

if TYPE_CHECKING:
    from coopmodel.text._lexicon import Mention
    from coopmodel.text._page import Line
    from coopmodel.text._spans import SpanSet

__all__ = ["ForumMention", "MeetingFound", "find_forums", "find_meetings"]

_HEAD: Final = re.compile(
    r"(?<![\w-])(?P<head>joint working group|working group|sub-?group"
    r"|inter-?governmental commission|joint (?:economic |trade |ministerial )?commission"
    r"|dialogue|summit|ministers'? meeting|ministerial meeting"
    r"|(?:foreign office |bilateral |political )?consultations"
    r"|bi-?national cabinet|joint cabinet meeting"
    r"|task force|committee|council|forum|commission)(?![\w-])",
    re.IGNORECASE,
)
#: Heads of events that host meetings without being a forum of their own:
#: read only as the parent named after a cue ("on the sidelines of the
#: Russian Energy Week", "on the margins of the UN General Assembly").
_EVENT_HEAD: Final = re.compile(
    r"(?<![\w-])(?P<head>Week|Conference|General Assembly|Assembly|Congress|Expo|Exhibition"
    r"|Annual Meetings|Spring Meetings|Economic Forum|Games)(?![\w-])"
)
_KINDS: Final = (
    ("sub", ForumKind.SUB_GROUP),
    ("working group", ForumKind.WORKING_GROUP),
    ("governmental commission", ForumKind.INTERGOVERNMENTAL_COMMISSION),
    ("commission", ForumKind.JOINT_COMMISSION),
    ("dialogue", ForumKind.STRATEGIC_DIALOGUE),
    ("summit", ForumKind.SUMMIT),
    ("minister", ForumKind.MINISTERIAL_MEETING),
    ("consultations", ForumKind.CONSULTATIONS),
)
# Heads that name a forum only with a party or "Joint" in the name ("India-UAE Joint
# Task Force", not "the European Commission" or "the Security Council").
_WEAK_HEADS: Final = frozenset({"task force", "committee", "council", "forum", "commission"})
_GENERIC_MODIFIERS: Final = frozenset(
    {
        "strategic",
        "economic",
        "trade",
        "security",
        "defence",
        "defense",
        "energy",
        "maritime",
        "political",
        "2+2",
        "two-plus-two",
        "annual",
        "bilateral",
        "trilateral",
        "ministerial",
        "foreign",
        "joint",
        "intergovernmental",
        "inter-governmental",
        "commerce",
    }
)
_PARENT_CUE: Final = re.compile(
    r"(?:under the (?:framework|aegis|auspices|umbrella) of|(?:a|the) sub-?group of|part of|under)"
    r"\s(?:the\s)?$"
    # "on the sidelines of the 164th session of the GCC Ministerial Council": a meeting
    # beside another one (while "as part of the fifth round of X" is a round of X).
    r"|on the (?:sidelines|margins) of\s(?:the\s)?"
    r"(?:(?:\d{1,4}(?:st|nd|rd|th)|[a-z]+)\s(?:session|meeting|edition|round|summit)\sof\s(?:the\s)?)?$",
    re.IGNORECASE,
)
_CANCELLED: Final = re.compile(
    r"\b(?:cancell?ed|called off|scrapped|calls off|cancels)\b", re.IGNORECASE
)
_POSTPONED: Final = re.compile(
    r"\b(?:postponed|deferred|put off|pushed back|postpones|postponing|rescheduled)\b",
    re.IGNORECASE,
)
_SCHEDULED: Final = re.compile(
    r"\b(?:will (?:hold|host|meet|convene|be held|take place|be convened|begin|start)"
    r"|(?:is|are) (?:set|scheduled|slated|due|expected|likely) to"
    r" (?:meet|be held|hold|take place|convene|begin)"
    r"|(?:is|are) to (?:meet|be held|hold)|to be held|scheduled for|slated for|(?:is|are) scheduled"
    r"|will be hosted)\b",
    re.IGNORECASE,
)
_HELD: Final = re.compile(
    r"\b(?:was held|were held|held|met|convened|took place|concluded|co-chaired|was hosted"
    r"|hosted|wrapped up|ended|opened|kicked off)\b",
    re.IGNORECASE,
)
_MODAL: Final = re.compile(
    r"\b(?:should|could|would|might|must|may|ought to)\s(?:not\s)?(?:be\s)?"
    r"(?:held|hold|meet|convene)\b"
    r"|\bif\b|\bwhether\b|\bunless\b",
    re.IGNORECASE,
)
_REFERENCE: Final = re.compile(
    r"\b(?:the|this|that|its|their)\s(?:meeting|talks|session|dialogue|summit|consultations"
    r"|round|discussions|deliberations)\b",
    re.IGNORECASE,
)
_ORDINAL_WORDS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "inaugural": 1,
}
_ORDINAL: Final = re.compile(
    r"(?:(?P<n>\d{1,4})(?:st|nd|rd|th)|(?P<w>[A-Za-z]+))\s(?:(?:meeting|session|round|edition)\s(?:of\s(?:the\s)?)?)?$"
)
_SESSION_AFTER: Final = re.compile(
    r"\b(?:its|their|the)\s(?:(?P<n>\d{1,4})(?:st|nd|rd|th)|(?P<w>[a-z]+))\s(?:meeting|session|round)\b",
    re.IGNORECASE,
)
_NAME_WORD: Final = re.compile(r"[A-Z0-9][\w'\u2019+&.-]*")
_CONNECTOR: Final = frozenset({"of", "and", "the", "&"})
_NAME_STOP: Final = frozenset(
    {"The", "A", "An", "This", "That", "Its", "Their", "On", "In", "At", "During", "Under", "After"}
)


@attrs.frozen
class ForumMention:
    """A forum named in the text."""

    start: int
    end: int
    name: str
    kind: ForumKind
    generic: bool
    parties: tuple[tuple[str, tuple[int, int]], ...]
    acronym: tuple[str, tuple[int, int]] | None
    sentence: int
    parent_cue: bool
    head: str
    """The head as written ("Working Group"): "the working group" refers back to it."""


@attrs.define
class MeetingFound:
    """A meeting, as the later stages fill it in."""

    forum: ForumMention
    mentions: list[ForumMention]
    status: MeetingStatus | None = None
    status_span: tuple[int, int] | None = None
    status_sentence: int | None = None
    session: tuple[int, tuple[int, int]] | None = None
    parent: ForumMention | None = None
    sentences: list[int] = attrs.Factory(list)
    reason: tuple[int, int] | None = None


def _kind(head: str) -> ForumKind:
    lowered = head.casefold()
    for needle, kind in _KINDS:
        if needle in lowered:
            return kind
    return ForumKind.OTHER


def _extend_left(text: str, start: int, floor: int, *, named: bool) -> int:
    """Where a forum's name begins: capitalized words and party pairs before its head.

    "and", "of" and "&" join capitalized words ("EU-India Trade and Technology Council").
    """
    position = start
    for _ in range(10):
        if position - 1 <= floor or text[position - 1] != " ":
            break
        space = text.rfind(" ", floor, position - 1)
        word_start = space + 1 if space != -1 else floor
        word = text[word_start : position - 1]
        if not word or word[-1] in ",.;:)\"'\u201d" or word in _NAME_STOP:
            break
        if word[0].isdigit() and word[:-2].isdigit() and word.endswith(("st", "nd", "rd", "th")):
            break  # an ordinal: the session, not the name
        if named and word in _LEFT_JOINS and position != start:
            before = text.rfind(" ", floor, word_start - 1)
            previous = text[before + 1 : word_start - 1]
            if previous[:1].isupper() and previous not in _NAME_STOP:
                position = word_start
                continue
            break
        if not (word[0].isupper() or word[0].isdigit() or _ELIDED.match(word)) and (
            named or word.casefold() not in _GENERIC_MODIFIERS
        ):
            break
        position = word_start
    return position


#: A capitalized word after an elided article: "Côte d'Ivoire", "l'Union".
_ELIDED: Final = re.compile(r"[dlDL]['\u2019][A-Z]")


_LEFT_JOINS: Final = frozenset({"and", "of", "&"})


def _extend_right(text: str, end: int, ceiling: int) -> int:
    """Where a forum's name ends: "on Trade, Economic ... and Cultural Cooperation"."""
    if not text.startswith((" on ", " for ", " of "), end):
        return end
    first = text[end + 4 : end + 14].split(" ", 1)[0].strip(",.").casefold()
    if first in _NOT_TOPICS or first.isdigit():
        return end  # "the Joint Commission on Tuesday"
    last_good = end
    cursor = end
    for _ in range(40):
        while cursor < ceiling and text[cursor] == " ":
            cursor += 1
        if cursor >= ceiling:
            break
        word_end = text.find(" ", cursor, ceiling)
        word_end = ceiling if word_end == -1 else word_end
        word = text[cursor:word_end]
        bare = word.rstrip(",.;:)\"'\u201d")
        if (bare.casefold() in _CONNECTOR or cursor == end + 1) and bare == word:
            cursor = word_end
            continue
        if bare and (bare[0].isupper() or bare[0].isdigit()) and _NAME_WORD.fullmatch(bare):
            last_good = cursor + len(bare)
            cursor = word_end
            if word != bare and not word.endswith(","):
                break
            continue
        break
    return last_good


_NOT_TOPICS: Final = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "its",
        "an",
        "behalf",
        "their",
        "a",
    }
)


def find_forums(
    text: str, sentences: tuple[Line, ...], names: list[Mention], masked: SpanSet
) -> list[ForumMention]:
    """Every forum named in the body, in order."""
    forums: list[ForumMention] = []
    for index, sentence in enumerate(sentences):
        for match in _HEAD.finditer(text, sentence.start, sentence.end):
            head = match["head"]
            named = head[0].isupper()
            if masked.covers(match.start()):
                continue
            start = _name_start(text, match.start(), sentence.start, named=named)
            end = _extend_right(text, match.end(), sentence.end) if named else match.end()
            inside = [
                m
                for m in names
                if start <= m.start and m.end <= end and m.kind in {"party", "demonym", "combining"}
            ]
            if head.casefold() in _WEAK_HEADS and (
                not named or not (inside or "Joint" in text[start:end])
            ):
                continue
            modifiers = text[start : match.start()].split()
            generic = not named and not inside and not any(w[:1].isupper() for w in modifiers)
            if generic and not any(w.casefold() in _GENERIC_MODIFIERS for w in modifiers):
                continue  # "the summit": a reference, not a forum of its own
            acronym = None
            after = text[end : end + 20]
            if after.startswith(" ("):
                close = after.find(")")
                candidate = after[2:close] if close > 2 else ""
                if (
                    candidate
                    and candidate.replace("-", "").isalnum()
                    and candidate.upper() == candidate
                ):
                    acronym = (candidate, (end + 2, end + 2 + len(candidate)))
            parties = tuple((m.value, (m.start, m.end)) for m in inside)
            forums.append(
                ForumMention(
                    start=start,
                    end=end,
                    name=text[start:end],
                    kind=_kind(head),
                    generic=not named,
                    parties=parties,
                    acronym=acronym,
                    sentence=index,
                    parent_cue=_cued(text, sentence, start),
                    head=head,
                )
            )
    forums.extend(_cued_events(text, sentences, masked, forums))
    forums.sort(key=lambda forum: forum.start)
    # "the Ministerial Meeting of the X Council": the meeting's forum is the Council.
    kept: list[ForumMention] = []
    for forum in forums:
        if kept and kept[-1].sentence == forum.sentence and forum.start < kept[-1].end:
            kept[-1] = forum
        else:
            kept.append(forum)
    return kept


def _name_start(text: str, head: int, floor: int, *, named: bool) -> int:
    """Where the name of a forum or event whose head starts at *head* begins, without "the"."""
    start = _extend_left(text, head, floor, named=named)
    while start < head and text[start : start + 4] in {"the ", "The "}:
        start += 4
    return start


def _cued(text: str, sentence: Line, start: int) -> bool:
    """Whether a parent cue ("on the sidelines of the") ends right at *start*."""
    return _PARENT_CUE.search(text, max(sentence.start, start - 80), start) is not None


def _cued_events(
    text: str, sentences: tuple[Line, ...], masked: SpanSet, forums: list[ForumMention]
) -> list[ForumMention]:
    """Named events right after a parent cue, not already found as forums."""
    found: list[ForumMention] = []
    for index, sentence in enumerate(sentences):
        for match in _EVENT_HEAD.finditer(text, sentence.start, sentence.end):
            if masked.covers(match.start()) or any(
                f.start <= match.start() < f.end for f in forums
            ):
                continue
            start = _name_start(text, match.start(), sentence.start, named=True)
            if not _cued(text, sentence, start):
                continue
            found.append(
                ForumMention(
                    start=start,
                    end=match.end(),
                    name=text[start : match.end()],
                    kind=ForumKind.OTHER,
                    generic=False,
                    parties=(),
                    acronym=None,
                    sentence=index,
                    parent_cue=True,
                    head=match["head"],
                )
            )
    return found


_STATUS: Final = re.compile(
    # A word start whose letter can begin a cue, then the alternatives: the engine
    # tries them only there.
    r"\b(?=[acdehikmoprstw])(?:"
    + "|".join(
        f"(?P<{status.name}>{pattern.pattern})"
        for status, pattern in (
            (MeetingStatus.CANCELLED, _CANCELLED),
            (MeetingStatus.POSTPONED, _POSTPONED),
            (MeetingStatus.SCHEDULED, _SCHEDULED),
            (MeetingStatus.HELD, _HELD),
        )
    )
    + ")",
    re.IGNORECASE,
)
"""The four status cues in one pass; the strongest found wins (cancelled over held)."""


def _status(text: str, sentence: Line) -> tuple[MeetingStatus, tuple[int, int]] | None:
    if _MODAL.search(text, sentence.start, sentence.end):
        return None
    best: tuple[MeetingStatus, tuple[int, int]] | None = None
    for found in _STATUS.finditer(text, sentence.start, sentence.end):
        status = MeetingStatus[found.lastgroup or "HELD"]
        if best is None or _PRIORITY[status] > _PRIORITY[best[0]]:
            best = (status, (found.start(), found.end()))
    return best


def _session(text: str, forum: ForumMention, sentence: Line) -> tuple[int, tuple[int, int]] | None:
    before = text[max(sentence.start, forum.start - 40) : forum.start]
    match = _ORDINAL.search(before)
    offset = max(sentence.start, forum.start - 40)
    if match is not None and not match["n"] and match["w"].casefold() not in _ORDINAL_WORDS:
        match = None
    if match is None:
        match = _SESSION_AFTER.search(text, forum.end, sentence.end)
        offset = 0
    if match is None:
        return None
    if match["n"]:
        number = int(match["n"])
        span = (offset + match.start("n"), offset + match.end("n") + 2)
    else:
        word = match["w"].casefold()
        if word not in _ORDINAL_WORDS:
            return None
        number = _ORDINAL_WORDS[word]
        span = (offset + match.start("w"), offset + match.end("w"))
    return (number, span) if number >= 1 else None


_PRIORITY: Final = {
    MeetingStatus.HELD: 0,
    MeetingStatus.SCHEDULED: 1,
    MeetingStatus.POSTPONED: 2,
    MeetingStatus.CANCELLED: 3,
}


def _same(a: ForumMention, b: ForumMention) -> bool:
    if a.name.casefold() == b.name.casefold():
        return True
    return (
        a.kind is b.kind
        and (a.generic or b.generic)
        and (
            not a.parties or not b.parties or {p for p, _ in a.parties} == {p for p, _ in b.parties}
        )
    )


def find_meetings(  # noqa: C901 - merging mentions and references
    text: str, sentences: tuple[Line, ...], forums: list[ForumMention]
) -> list[MeetingFound]:
    """The meetings: forums with a status cue, merged when the text names one forum twice."""
    meetings: list[MeetingFound] = []
    by_sentence: dict[int, list[ForumMention]] = {}
    for forum in forums:
        by_sentence.setdefault(forum.sentence, []).append(forum)
    last: MeetingFound | None = None
    for index, sentence in enumerate(sentences):
        here = by_sentence.get(index, [])
        status = _status(text, sentence)
        own = [f for f in here if not f.parent_cue]
        parents = [f for f in here if f.parent_cue]
        for forum in own:
            existing = next((m for m in meetings if _same(m.forum, forum)), None)
            if existing is None and status is None:
                continue
            if existing is None:
                existing = MeetingFound(forum=forum, mentions=[forum])
                meetings.append(existing)
            else:
                existing.mentions.append(forum)
                if existing.forum.generic and not forum.generic:
                    existing.forum = forum
            if status is not None and (
                existing.status is None or _PRIORITY[status[0]] > _PRIORITY[existing.status]
            ):
                existing.status, existing.status_span = status
                existing.status_sentence = index
            if existing.session is None:
                existing.session = _session(text, forum, sentence)
            if parents and existing.parent is None:
                existing.parent = next((p for p in parents if p.start > forum.start), parents[0])
            existing.sentences.append(index)
            last = existing
        if not own and last is not None and _REFERENCE.search(text, sentence.start, sentence.end):
            last.sentences.append(index)
            if status is not None and (
                last.status is None or _PRIORITY[status[0]] > _PRIORITY[last.status]
            ):
                last.status, last.status_span = status
                last.status_sentence = index
    return [m for m in meetings if m.status is not None]
