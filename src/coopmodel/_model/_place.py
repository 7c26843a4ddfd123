"""Where a meeting took place."""

from __future__ import annotations

from typing import Any

import attrs

from coopmodel._model import _checks
from coopmodel._model._identity import ExternalId, identifiers_validator
from coopmodel._model._party import is_country_code

__all__ = ["Coordinates", "Place"]


def _degrees(limit: float) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not float:
            _checks.fail(attribute, value, f"is {_checks.type_name(value)}, expected a number")
        if not -limit <= value <= limit:
            # NaN fails this comparison too.
            _checks.fail(attribute, value, f"is out of range: expected -{limit} to {limit} degrees")

    return check


def _to_degrees(value: object) -> object:
    # ints become floats and -0.0 becomes 0.0, so that equal coordinates are
    # also identical (and serialize to identical bytes); NaN fails the range check.
    if value.__class__ is int:
        return float(value)
    if value.__class__ is float:
        return value + 0.0
    return value


@attrs.frozen
class Coordinates:
    """A point in WGS 84 degrees.

    Attributes:
        latitude: -90 to 90.
        longitude: -180 to 180.

    >>> Coordinates(28.6139, 77.209)
    Coordinates(latitude=28.6139, longitude=77.209)

    .. versionadded:: 0.1.0
    """

    latitude: float = attrs.field(converter=_to_degrees, validator=_degrees(90.0))
    longitude: float = attrs.field(converter=_to_degrees, validator=_degrees(180.0))


def _country(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (value.__class__ is not str or not is_country_code(value)):
        _checks.fail(attribute, value, "is not an ISO 3166-1 alpha-3 code")


@attrs.frozen(kw_only=True)
class Place:
    """A place: a venue, a city or locality, a region, a country.

    At least one of *venue*, *locality*, *region* and *country* is given.

    Attributes:
        locality: The city, town or locality, e.g. ``"New Delhi"``.
        country: The ISO 3166-1 alpha-3 code of the country, e.g. ``"IND"``.
        region: A state, province or region within the country.
        venue: A building or site, e.g. ``"Vanijya Bhawan"``.
        coordinates: Where it is on the map.
        identifiers: Identifiers in other systems (GeoNames, Wikidata...).

    >>> Place(locality="New Delhi", country="IND").country
    'IND'

    .. versionadded:: 0.1.0
    """

    locality: str | None = attrs.field(default=None, validator=_checks.optional_text)
    country: str | None = attrs.field(default=None, validator=_country)
    region: str | None = attrs.field(default=None, validator=_checks.optional_text)
    venue: str | None = attrs.field(default=None, validator=_checks.optional_text)
    coordinates: Coordinates | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(Coordinates, "Coordinates")
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(default=(), validator=identifiers_validator())

    def __attrs_post_init__(self) -> None:
        if (
            self.locality is None
            and self.country is None
            and self.region is None
            and (self.venue is None)
        ):
            raise _checks.FieldError(
                "locality", None, "is missing: give at least a venue, locality, region or country"
            )
