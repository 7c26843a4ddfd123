"""Where a meeting took place."""

from __future__ import annotations

import attrs

from coopmodel._model import _checks
from coopmodel._model._constraints import Instance, Number, Text, nfc_optional, to_float, to_tuple
from coopmodel._model._identity import IDENTIFIERS, ExternalId
from coopmodel._model._party import CountryCode

__all__ = ["Coordinates", "Place"]


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

    latitude: float = attrs.field(converter=to_float, validator=Number(-90.0, 90.0, "degrees"))
    longitude: float = attrs.field(converter=to_float, validator=Number(-180.0, 180.0, "degrees"))


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

    locality: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    country: str | None = attrs.field(default=None, validator=CountryCode(optional=True))
    region: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    venue: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    coordinates: Coordinates | None = attrs.field(
        default=None, validator=Instance((Coordinates,), optional=True)
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )

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
