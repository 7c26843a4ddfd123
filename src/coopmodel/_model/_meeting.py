"""Meetings: the central record of coopmodel."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from coopmodel._model._actors import ACTOR_TYPES, Organization, Person
from coopmodel._model._areas import CooperationArea
from coopmodel._model._constraints import (
    SLUG,
    Instance,
    Integer,
    Items,
    OneOf,
    Text,
    nfc,
    nfc_optional,
    to_tuple,
)
from coopmodel._model._context import ContextEvent
from coopmodel._model._forum import Forum
from coopmodel._model._identity import IDENTIFIERS, ExternalId
from coopmodel._model._party import Party
from coopmodel._model._place import Place
from coopmodel._model._schedule import ScheduleChange
from coopmodel._model._source import Source
from coopmodel._model._statement import Statement
from coopmodel._model._time import WHEN_TYPES, DateSpan, PartialDate, TimeSpan

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_SESSION", "Meeting", "MeetingStatus"]

MAX_SESSION: Final = 2**53 - 1
"""The largest :attr:`Meeting.session`: the largest integer every JSON reader
holds exactly (RFC 7493, I-JSON).  Without a bound, ``from_dict`` would accept
``2**64``, which no JSON encoder can write."""


class MeetingStatus(enum.Enum):
    """Whether a :class:`Meeting` took place.

    .. versionadded:: 0.1.0
    """

    HELD = "held"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


def _explicit_parties(value: Iterable[Party] | None, meeting: Any) -> tuple[Party, ...] | None:
    """The parties given, or ``None`` where they are the forum's (which is the default)."""
    if value is None:
        return None
    parties = to_tuple(value)
    if parties == getattr(meeting.forum, "parties", None):
        return None
    return parties


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting of parties in a forum: what it took up, what was said, what framed it.

    Attributes:
        id: A stable slug, e.g. ``"ind-rus-wg-mic-2025-08-06"``.
        title: What to call it.
        forum: The forum it was held in.
        sources: The reports it is known from: at least one.
        status: Held, scheduled, postponed or cancelled.
        session: The ordinal where reports give one ("the 5th meeting"): 5.
        when: When it was (or is to be) held.
        location: Where.
        parties: The parties at the table; by default (and whenever they are
            given equal to them) the forum's.
        schedule_change: What was planned before a postponement, a move or
            a cancellation, and why.
        participants: The people and organizations who took part.
        areas: The areas of cooperation it took up, with the stage each reached.
        statements: What was said about it.
        context: Events that frame it.
        summary: A short summary in the report's terms.
        identifiers: Identifiers in other systems.

    Only parties that differ from the forum's are kept as a fact of their
    own, so ``attrs.evolve(meeting, forum=other)`` brings the other forum's
    parties along; :meth:`involves` tests membership by code.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=SLUG)
    title: str = attrs.field(validator=Text(), converter=nfc)
    forum: Forum = attrs.field(validator=Instance((Forum,)))
    sources: tuple[Source, ...] = attrs.field(
        validator=Items((Source,), min_items=1), converter=to_tuple
    )
    status: MeetingStatus = attrs.field(default=MeetingStatus.HELD, validator=OneOf(MeetingStatus))
    session: int | None = attrs.field(
        default=None, validator=Integer(1, MAX_SESSION, optional=True)
    )
    when: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None, validator=Instance(WHEN_TYPES, optional=True)
    )
    schedule_change: ScheduleChange | None = attrs.field(
        default=None, validator=Instance((ScheduleChange,), optional=True)
    )
    location: Place | None = attrs.field(default=None, validator=Instance((Place,), optional=True))
    _parties: tuple[Party, ...] | None = attrs.field(
        default=None,
        alias="parties",
        validator=Items((Party,), optional=True),
        converter=attrs.Converter(_explicit_parties, takes_self=True),  # type: ignore[misc]
    )
    participants: tuple[Party | Organization | Person, ...] = attrs.field(
        default=(), validator=Items(ACTOR_TYPES), converter=to_tuple
    )
    areas: tuple[CooperationArea, ...] = attrs.field(
        default=(), validator=Items((CooperationArea,)), converter=to_tuple
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), validator=Items((Statement,)), converter=to_tuple
    )
    context: tuple[ContextEvent, ...] = attrs.field(
        default=(), validator=Items((ContextEvent,)), converter=to_tuple
    )
    summary: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties at the table (those given, or else the forum's)."""
        parties = self._parties
        return self.forum.parties if parties is None else parties

    def involves(self, party: str | Party) -> bool:
        """Whether *party* (a code such as ``"CAN"``, or a :class:`Party`) takes part.

        Parties are compared by :attr:`Party.code` alone, so name variants and
        extra identifiers do not matter.  A party takes part when it is one
        of :attr:`parties`, or one of :attr:`participants`, or the party of
        an organization or person among them.

        >>> import coopmodel as cm
        >>> forum = cm.Forum(id="can-usa", name="Canada-US dialogue", kind=cm.ForumKind.OTHER,
        ...                  parties=[cm.Party.state("CAN"), cm.Party.state("USA")])
        >>> meeting = cm.Meeting(id="m", title="Talks", forum=forum,
        ...                      sources=[cm.Source(publisher="P", title="T")])
        >>> meeting.involves("CAN"), meeting.involves(cm.Party.lookup("Canada"))
        (True, True)
        >>> meeting.involves("MEX")
        False
        """
        code = party.code if isinstance(party, Party) else party
        if any(p.code == code for p in self.parties):
            return True
        return any(_party_of(actor) == code for actor in self.participants)


def _party_of(actor: Party | Organization | Person | None) -> str | None:
    """The code of the party *actor* is or acts for, if any."""
    if actor is None or isinstance(actor, Party):
        return None if actor is None else actor.code
    if isinstance(actor, Organization):
        return None if actor.party is None else actor.party.code
    return _party_of(actor.affiliation)
