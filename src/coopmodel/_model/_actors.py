"""Organizations and people: who issues statements and sits at the table."""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

from coopmodel._model._constraints import Instance, OneOf, Text, nfc, nfc_optional, to_tuple
from coopmodel._model._identity import IDENTIFIERS, ExternalId
from coopmodel._model._party import Party

__all__ = ["Actor", "Affiliation", "Organization", "OrganizationKind", "Person"]


class OrganizationKind(enum.Enum):
    """What kind of body an :class:`Organization` is.

    .. versionadded:: 0.1.0
    """

    MINISTRY = "ministry"
    DEPARTMENT = "department"
    AGENCY = "agency"
    EMBASSY = "embassy"
    HEAD_OF_STATE_OFFICE = "head_of_state_office"
    LEGISLATURE = "legislature"
    STATE_ENTERPRISE = "state_enterprise"
    COMPANY = "company"
    BUSINESS_ASSOCIATION = "business_association"
    NEWS_AGENCY = "news_agency"
    MEDIA = "media"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    NGO = "ngo"
    THINK_TANK = "think_tank"
    UNIVERSITY = "university"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Organization:
    """A body that acts: a ministry, an agency, a company, a news agency.

    Attributes:
        name: Its name, e.g. ``"Ministry of Commerce and Industry"``.
        kind: What kind of body it is.
        party: The party it belongs to (a ministry's state), if any.
        acronym: A short form, e.g. ``"MoCI"``.
        identifiers: Identifiers in other systems.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=Text(), converter=nfc)
    kind: OrganizationKind = attrs.field(validator=OneOf(OrganizationKind))
    party: Party | None = attrs.field(default=None, validator=Instance((Party,), optional=True))
    acronym: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )


Affiliation: TypeAlias = Party | Organization
"""Whom a :class:`Person` acts for: a :class:`Party` or an :class:`Organization`."""


@attrs.frozen(kw_only=True)
class Person:
    """A person who speaks or takes part, e.g. a minister or a head of state.

    Attributes:
        name: The person's name as reported, e.g. ``"Donald Trump"``.
        role: The role or title at the time, e.g. ``"President of the United States"``.
        affiliation: The party or organization the person acts for.
        identifiers: Identifiers in other systems.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=Text(), converter=nfc)
    role: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    affiliation: Party | Organization | None = attrs.field(
        default=None, validator=Instance((Party, Organization), optional=True)
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )


Actor: TypeAlias = Party | Organization | Person
"""Anyone who acts: a :class:`Party`, an :class:`Organization` or a :class:`Person`."""

ACTOR_TYPES = (Party, Organization, Person)
