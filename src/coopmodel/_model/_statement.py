"""Statements issued about a meeting."""

from __future__ import annotations

import enum

import attrs

from coopmodel._model._actors import ACTOR_TYPES, Organization, Person
from coopmodel._model._constraints import LANGUAGE, Boolean, Instance, OneOf, Text, nfc
from coopmodel._model._party import Party
from coopmodel._model._source import Source
from coopmodel._model._time import WHEN_TYPES, DateSpan, PartialDate, TimeSpan

__all__ = ["Statement", "StatementKind"]


class StatementKind(enum.Enum):
    """What kind of statement a :class:`Statement` is.

    .. versionadded:: 0.1.0
    """

    OFFICIAL_STATEMENT = "official_statement"
    JOINT_STATEMENT = "joint_statement"
    PRESS_RELEASE = "press_release"
    READOUT = "readout"
    COMMUNIQUE = "communique"
    DECLARATION = "declaration"
    REMARKS = "remarks"
    INTERVIEW = "interview"
    SOCIAL_MEDIA_POST = "social_media_post"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Statement:
    """Something said about a meeting, by a party, an organization or a person.

    Attributes:
        issuer: Who said it.
        kind: Official statement, joint statement, press release, remarks...
        text: What was said: the quoted words, or the report's paraphrase.
        verbatim: ``True`` for the issuer's own words, ``False`` for a paraphrase.
        issued: When it was issued.
        language: The BCP 47 language tag of :attr:`text`, e.g. ``"en"``.
        source: The report the statement is known from.

    .. versionadded:: 0.1.0
    """

    issuer: Party | Organization | Person = attrs.field(validator=Instance(ACTOR_TYPES))
    kind: StatementKind = attrs.field(validator=OneOf(StatementKind))
    text: str = attrs.field(validator=Text(), converter=nfc)
    verbatim: bool = attrs.field(default=False, validator=Boolean())
    issued: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None, validator=Instance(WHEN_TYPES, optional=True)
    )
    language: str | None = attrs.field(default=None, validator=LANGUAGE)
    source: Source | None = attrs.field(default=None, validator=Instance((Source,), optional=True))
