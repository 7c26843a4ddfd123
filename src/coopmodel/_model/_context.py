"""Context events: what frames a meeting."""

from __future__ import annotations

import enum

import attrs

from coopmodel._model._actors import ACTOR_TYPES, Organization, Person
from coopmodel._model._constraints import Instance, Items, OneOf, Text, nfc, to_tuple
from coopmodel._model._party import Party
from coopmodel._model._time import WHEN_TYPES, DateSpan, PartialDate, TimeSpan

__all__ = ["ContextEvent", "ContextKind", "ContextRelation"]


class ContextKind(enum.Enum):
    """What kind of event a :class:`ContextEvent` is.

    .. versionadded:: 0.1.0
    """

    TARIFFS = "tariffs"
    SANCTIONS = "sanctions"
    TRADE_MEASURE = "trade_measure"
    POLICY_ANNOUNCEMENT = "policy_announcement"
    AGREEMENT = "agreement"
    VISIT = "visit"
    MEETING = "meeting"
    ELECTION = "election"
    CONFLICT = "conflict"
    CRISIS = "crisis"
    ECONOMIC = "economic"
    OTHER = "other"


class ContextRelation(enum.Enum):
    """How a :class:`ContextEvent` relates to the meeting.

    .. versionadded:: 0.1.0
    """

    BACKDROP = "backdrop"
    """It was happening at the time and frames the meeting."""
    TRIGGER = "trigger"
    """It prompted the meeting."""
    PRECEDENT = "precedent"
    """An earlier event the meeting builds on."""
    RESPONSE = "response"
    """The meeting answers it."""
    FOLLOW_UP = "follow_up"
    """It came of the meeting."""
    RELATED = "related"
    """Otherwise related."""


@attrs.frozen(kw_only=True)
class ContextEvent:
    """An event that frames a meeting, e.g. one country announcing tariffs on another.

    Attributes:
        kind: Tariffs, sanctions, an agreement, a visit...
        description: What happened, in a sentence.
        relation: How it relates to the meeting.
        actors: Who did it.
        targets: The parties it was aimed at or affects.
        when: When it happened.

    .. versionadded:: 0.1.0
    """

    kind: ContextKind = attrs.field(validator=OneOf(ContextKind))
    description: str = attrs.field(validator=Text(), converter=nfc)
    relation: ContextRelation = attrs.field(validator=OneOf(ContextRelation))
    actors: tuple[Party | Organization | Person, ...] = attrs.field(
        default=(), validator=Items(ACTOR_TYPES), converter=to_tuple
    )
    targets: tuple[Party, ...] = attrs.field(
        default=(), validator=Items((Party,)), converter=to_tuple
    )
    when: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None, validator=Instance(WHEN_TYPES, optional=True)
    )
