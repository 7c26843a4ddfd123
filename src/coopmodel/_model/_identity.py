"""External identifiers, as Popolo keeps them: a scheme and a value."""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from coopmodel._model import _checks

__all__ = ["ExternalId"]

SCHEME_PATTERN: Final = r"^[a-z][a-z0-9_.-]{0,63}$"
_SCHEME = re.compile(SCHEME_PATTERN)
_WIKIDATA = re.compile(r"^[QP][1-9][0-9]*$")


def _scheme(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value.__class__ is not str or _SCHEME.fullmatch(value) is None:
        _checks.fail(
            attribute,
            value,
            "is not an identifier scheme (lowercase ASCII, starting with a letter,"
            " e.g. 'wikidata', 'geonames', 'iso3166')",
        )


@attrs.frozen
class ExternalId:
    """An identifier of a party, organization, person, place or forum in another system.

    Attributes:
        scheme: Which system, in lowercase: ``"wikidata"``, ``"geonames"``, ``"viaf"``...
        value: The identifier in that system, e.g. ``"Q668"`` for India in Wikidata.
            Wikidata identifiers are checked (``Q`` or ``P`` and a number).

    >>> ExternalId("wikidata", "Q668")
    ExternalId(scheme='wikidata', value='Q668')

    .. versionadded:: 0.1.0
    """

    scheme: str = attrs.field(validator=_scheme)
    value: str = attrs.field(validator=_checks.text)

    def __attrs_post_init__(self) -> None:
        if self.scheme == "wikidata" and _WIKIDATA.fullmatch(self.value) is None:
            raise _checks.FieldError("value", self.value, "is not a Wikidata id (e.g. 'Q668')")


def identifiers_validator() -> Any:
    """The validator of an ``identifiers`` field: a tuple of :class:`ExternalId`."""
    return _checks.tuple_of(ExternalId, "ExternalId")
