"""Meetings: the central record of coopmodel."""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from coopmodel._model import _checks
from coopmodel._model._actors import ACTOR_TYPES, Organization, Person
from coopmodel._model._areas import CooperationArea
from coopmodel._model._context import ContextEvent
from coopmodel._model._forum import Forum
from coopmodel._model._identity import ExternalId, identifiers_validator
from coopmodel._model._party import Party
from coopmodel._model._place import Place
from coopmodel._model._source import Source
from coopmodel._model._statement import Statement
from coopmodel._model._time import WHEN_TYPES, DateSpan, PartialDate, TimeSpan

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


def _sources(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_sources(inst, attribute, value)
    if not value:
        _checks.fail(attribute, value, "is empty: a meeting needs at least one source")


_check_sources = _checks.tuple_of(Source, "Source")


def _forum_parties(inst: Meeting) -> tuple[Party, ...]:
    # The default is taken before validators run: a wrong forum gets its own error.
    parties: tuple[Party, ...] = getattr(inst.forum, "parties", ())
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
        parties: The parties at the table; by default the forum's.
        participants: The people and organizations who took part.
        areas: The areas of cooperation it took up, with the stage each reached.
        statements: What was said about it.
        context: Events that frame it.
        summary: A short summary in the report's terms.
        identifiers: Identifiers in other systems.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_checks.slug)
    title: str = attrs.field(validator=_checks.text)
    forum: Forum = attrs.field(validator=_checks.instance_of(Forum, "a Forum"))
    sources: tuple[Source, ...] = attrs.field(validator=_sources)
    status: MeetingStatus = attrs.field(
        default=MeetingStatus.HELD, validator=_checks.member_of(MeetingStatus)
    )
    session: int | None = attrs.field(
        default=None, validator=_checks.optional(_checks.int_between(1, MAX_SESSION))
    )
    when: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None,
        validator=_checks.optional_instance_of(WHEN_TYPES, "a DateSpan, TimeSpan or PartialDate"),
    )
    location: Place | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(Place, "a Place")
    )
    parties: tuple[Party, ...] = attrs.field(
        default=attrs.Factory(_forum_parties, takes_self=True),
        validator=_checks.tuple_of(Party, "Party"),
    )
    participants: tuple[Party | Organization | Person, ...] = attrs.field(
        default=(), validator=_checks.tuple_of(ACTOR_TYPES, "a Party, Organization or Person")
    )
    areas: tuple[CooperationArea, ...] = attrs.field(
        default=(), validator=_checks.tuple_of(CooperationArea, "CooperationArea")
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), validator=_checks.tuple_of(Statement, "Statement")
    )
    context: tuple[ContextEvent, ...] = attrs.field(
        default=(), validator=_checks.tuple_of(ContextEvent, "ContextEvent")
    )
    summary: str | None = attrs.field(default=None, validator=_checks.optional_text)
    identifiers: tuple[ExternalId, ...] = attrs.field(default=(), validator=identifiers_validator())
