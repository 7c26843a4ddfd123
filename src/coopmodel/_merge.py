"""Merging several reports of one meeting into one :class:`Meeting`.

The identity rule (:func:`same_meeting`): two reports are of the same
meeting when

1. their forums are the same: equal :attr:`Forum.id`, or names equal once
   case, accents, punctuation and spacing are set aside;
2. their parties are the same, compared by code (so name variants do not
   matter);
3. their dates overlap: the days from :attr:`~DateSpan.earliest` to
   :attr:`~DateSpan.latest` of each share at least one day.  An undated
   report overlaps any date.

:func:`identity_key` is a stable text key of the first two: the reports of
one meeting share it (meetings of one forum with one set of parties share it
too; the dates tell them apart).

:func:`merge` keeps everything: the union of areas (each code at the
furthest stage any report gives, with every distinct detail), statements,
sources, participants, context events and identifiers.  Where the reports
give different values of one field (a date, a status, a title...), the
result holds one of them, chosen by a fixed rule, and a :class:`Conflict`
lists them all: nothing is chosen silently.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, Final

import attrs

from coopmodel._io import to_json
from coopmodel._model import (
    CooperationArea,
    DateSpan,
    ExternalId,
    Forum,
    Meeting,
    PartialDate,
    TimeSpan,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Conflict", "MergeError", "MergeResult", "identity_key", "merge", "same_meeting"]

#: The scheme of the identifiers that keep the ids of the merged reports.
MERGED_ID_SCHEME: Final = "coopmodel"


class MergeError(ValueError):
    """Two reports that the identity rule says are not of the same meeting.

    Attributes:
        field: The rule that failed: ``"forum"``, ``"parties"`` or ``"when"``.
        values: The two values that differ.

    .. versionadded:: 0.1.0
    """

    def __init__(self, field: str, values: tuple[object, object], reason: str) -> None:
        self.field = field
        self.values = values
        super().__init__(f"{field}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_error, (self.field, self.values, str(self)))


def _rebuild_error(field: str, values: tuple[object, object], message: str) -> MergeError:
    return MergeError(field, values, message.partition(": ")[2])


@attrs.frozen
class Conflict:
    """Reports that disagree on one field of a meeting.

    Attributes:
        field: The field of :class:`Meeting`, e.g. ``"when"`` or ``"status"``.
        values: Every value the reports gave, in a fixed order (by their
            JSON text); :attr:`MergeResult.meeting` holds one of them.

    .. versionadded:: 0.1.0
    """

    field: str
    values: tuple[Any, ...]


@attrs.frozen
class MergeResult:
    """What :func:`merge` returns: the merged meeting, and where the reports disagree.

    Attributes:
        meeting: The merged meeting.
        conflicts: One :class:`Conflict` per field on which the reports
            disagree, in field order; empty when they agree.

    A :class:`MergeResult` can be merged again, with a meeting or another
    result: the conflicts carry over.

    .. versionadded:: 0.1.0
    """

    meeting: Meeting
    conflicts: tuple[Conflict, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the reports agree on every field."""
        return not self.conflicts


def _fold(text: str) -> str:
    """*text* without case, accents, punctuation and extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def _same_forum(a: Forum, b: Forum) -> bool:
    return a.id == b.id or _fold(a.name) == _fold(b.name)


def _codes(meeting: Meeting) -> tuple[str, ...]:
    return tuple(sorted({party.code for party in meeting.parties}))


def identity_key(meeting: Meeting) -> str:
    """A stable key of the forum and the parties: the reports of one meeting share it.

    The forum's folded name (not its id, which outlets choose differently)
    and the sorted party codes:

    >>> import coopmodel as cm
    >>> forum = cm.Forum(id="ind-rus-wg", name="India-Russia Working Group.",
    ...                  kind=cm.ForumKind.WORKING_GROUP,
    ...                  parties=[cm.Party.state("RUS"), cm.Party.state("IND")])
    >>> cm.identity_key(cm.Meeting(id="m", title="T", forum=forum,
    ...                            sources=[cm.Source(publisher="P", title="T")]))
    'india russia working group|IND+RUS'

    .. versionadded:: 0.1.0
    """
    return f"{_fold(meeting.forum.name)}|{'+'.join(_codes(meeting))}"


def _overlap(
    a: DateSpan | TimeSpan | PartialDate | None, b: DateSpan | TimeSpan | PartialDate | None
) -> bool:
    if a is None or b is None:
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def _check_same(a: Meeting, b: Meeting) -> None:
    if not _same_forum(a.forum, b.forum):
        raise MergeError(
            "forum",
            (a.forum.id, b.forum.id),
            f"{a.forum.id!r} ({a.forum.name!r}) and {b.forum.id!r} ({b.forum.name!r}) are"
            " different forums: neither the ids nor the names match",
        )
    if _codes(a) != _codes(b):
        raise MergeError(
            "parties",
            (_codes(a), _codes(b)),
            f"{list(_codes(a))} and {list(_codes(b))} are different parties",
        )
    if not _overlap(a.when, b.when):
        assert a.when is not None  # noqa: S101 - _overlap is True for None
        assert b.when is not None  # noqa: S101
        raise MergeError(
            "when",
            (a.when, b.when),
            f"{a.when.earliest}..{a.when.latest} and {b.when.earliest}..{b.when.latest}"
            " do not overlap",
        )


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """Whether *a* and *b* report the same meeting, by the identity rule of :func:`merge`.

    Same forum (id or folded name), same party codes, overlapping dates (an
    undated report overlaps any date).

    .. versionadded:: 0.1.0
    """
    try:
        _check_same(a, b)
    except MergeError:
        return False
    return True


def _text(value: object) -> bytes:
    """The sort key of a value: its canonical JSON (for model objects) or its repr."""
    if attrs.has(type(value)):
        return to_json(value)
    if isinstance(value, tuple):
        return b"[" + b",".join(_text(v) for v in value) + b"]"
    if hasattr(value, "value"):  # an enumeration member
        return repr(value.value).encode()
    return repr(value).encode()


def _union(*groups: tuple[Any, ...]) -> tuple[Any, ...]:
    """Every distinct item of *groups*, in a fixed order (by JSON text)."""
    seen: dict[bytes, Any] = {}
    for group in groups:
        for item in group:
            seen.setdefault(_text(item), item)
    return tuple(seen[key] for key in sorted(seen))


_PRECISION: Final = {TimeSpan: 0, DateSpan: 1, PartialDate: 2}


def _when_order(value: object) -> tuple[int, bytes]:
    # The most precise date first: a time span, then days, then a month or year.
    return (_PRECISION.get(type(value), 3), _text(value))


def _title_order(value: object) -> tuple[int, bytes]:
    # The longest title first: agency copy tends to cut it.
    return (-len(str(value)), _text(value))


#: The single-valued fields of a meeting, with the order that picks the value
#: kept when the reports disagree (the first in that order).
_SINGLE: Final[dict[str, Callable[[object], Any]]] = {
    "title": _title_order,
    "status": _text,
    "session": _text,
    "when": _when_order,
    "schedule_change": _text,
    "location": _text,
    "summary": _title_order,
    "forum": _text,
    "parties": _text,
}


def _areas(*groups: tuple[CooperationArea, ...]) -> tuple[CooperationArea, ...]:
    furthest: dict[str, Any] = {}
    for group in groups:
        for area in group:
            stage = furthest.get(area.code)
            if stage is None or area.stage > stage:
                furthest[area.code] = area.stage
    raised = tuple(
        attrs.evolve(area, stage=furthest[area.code]) for group in groups for area in group
    )
    return _union(raised)


def _as_result(value: Meeting | MergeResult) -> MergeResult:
    if isinstance(value, MergeResult):
        return value
    if isinstance(value, Meeting):
        return MergeResult(value)
    raise TypeError(f"expected a Meeting or a MergeResult, got {type(value).__name__}")


def _field(meeting: Meeting, name: str) -> Any:
    # A meeting's explicit parties, not the effective ones: None means the forum's.
    return meeting._parties if name == "parties" else getattr(meeting, name)  # noqa: SLF001


def merge(a: Meeting | MergeResult, b: Meeting | MergeResult) -> MergeResult:
    """One meeting from two reports of it, and the fields on which they disagree.

    *a* and *b* must be the same meeting by the identity rule
    (:func:`same_meeting`).  The result holds

    * the union of the areas, every area at the furthest stage any report
      gives for its code, and every distinct detail and label kept;
    * the union of statements, sources, participants, context events and
      identifiers, in a fixed order; the ids of the reports but the one kept
      become identifiers with scheme ``"coopmodel"``;
    * for every single-valued field (title, status, session, when, schedule
      change, location, summary, forum, explicit parties), the one value
      where the reports agree or only one gives it, else the first in a
      fixed order (the longest title and summary, the most precise date, else
      by JSON text) and a :class:`Conflict` listing every value.

    The rule does not depend on the order of the reports: ``merge`` is
    commutative and associative (a :class:`MergeResult` carries its conflicts
    into the next merge), and ``merge(a, a)`` is ``a`` with no conflict.

    >>> import coopmodel as cm, pendulum
    >>> forum = cm.Forum(id="ind-rus", name="India-Russia talks", kind=cm.ForumKind.CONSULTATIONS,
    ...                  parties=[cm.Party.state("IND"), cm.Party.state("RUS")])
    >>> wire = cm.Meeting(id="wire", title="Talks", forum=forum,
    ...     when=cm.DateSpan(pendulum.date(2025, 8, 6)),
    ...     sources=[cm.Source(publisher="PTI", title="India, Russia talk")],
    ...     areas=[cm.CooperationArea.of("minerals.rare_earths", cm.Stage.DISCUSSED)])
    >>> release = cm.Meeting(id="release", title="Talks", forum=forum,
    ...     when=cm.PartialDate(2025, 8), status=cm.MeetingStatus.SCHEDULED,
    ...     sources=[cm.Source(publisher="Ministry", title="Release")],
    ...     areas=[cm.CooperationArea.of("minerals.rare_earths", cm.Stage.AGREED)])
    >>> result = cm.merge(wire, release)
    >>> [(a.code, a.stage.value) for a in result.meeting.areas]
    [('minerals.rare_earths', 'agreed')]
    >>> [s.publisher for s in result.meeting.sources]
    ['Ministry', 'PTI']
    >>> [(c.field, [getattr(v, "value", v) for v in c.values]) for c in result.conflicts][0]
    ('status', ['held', 'scheduled'])
    >>> result.meeting.when
    DateSpan(start=Date(2025, 8, 6), end=None, raw=None)

    Raises:
        MergeError: the reports are not of the same meeting.

    .. versionadded:: 0.1.0
    """
    left, right = _as_result(a), _as_result(b)
    if left == right:
        return left
    first, second = left.meeting, right.meeting
    _check_same(first, second)
    previous: dict[str, tuple[Any, ...]] = {}
    for conflict in (*left.conflicts, *right.conflicts):
        previous[conflict.field] = _union(previous.get(conflict.field, ()), conflict.values)
    fields: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name, order in _SINGLE.items():
        values = _union(
            previous.get(name, ()),
            tuple(v for v in (_field(first, name), _field(second, name)) if v is not None),
        )
        # The values None stands out of: a missing value is no disagreement.
        values = tuple(sorted(values, key=order))
        fields[name] = values[0] if values else None
        if len(values) > 1:
            conflicts.append(Conflict(name, values))
    ids = sorted({first.id, second.id})
    merged_ids = tuple(ExternalId(MERGED_ID_SCHEME, other) for other in ids[1:])
    forum = fields.pop("forum")
    parties = fields.pop("parties")
    extra = {} if parties is None else {"parties": parties}
    meeting = Meeting(
        id=ids[0],
        forum=forum,
        sources=_union(first.sources, second.sources),
        participants=_union(first.participants, second.participants),
        areas=_areas(first.areas, second.areas),
        statements=_union(first.statements, second.statements),
        context=_union(first.context, second.context),
        identifiers=_union(first.identifiers, second.identifiers, merged_ids),
        **fields,
        **extra,
    )
    return MergeResult(meeting, tuple(conflicts))
