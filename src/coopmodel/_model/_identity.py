"""External identifiers, as Popolo keeps them: a scheme and a value."""

from __future__ import annotations

from typing import Final

import attrs

from coopmodel._model import _checks
from coopmodel._model._constraints import Items, Pattern, Text, nfc

__all__ = ["ExternalId"]

SCHEME: Final = Pattern(
    "[a-z][a-z0-9_.-]{0,63}",
    "an identifier scheme (lowercase ASCII, starting with a letter: 'wikidata', 'geonames')",
    example="wikidata",
)
WIKIDATA_ID: Final = Pattern("[QP][1-9][0-9]{0,15}", "a Wikidata id", example="Q668")


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

    scheme: str = attrs.field(validator=SCHEME)
    value: str = attrs.field(validator=Text(), converter=nfc)

    def __attrs_post_init__(self) -> None:
        if self.scheme == "wikidata":
            problem = WIKIDATA_ID.problem(self.value)
            if problem is not None:
                raise _checks.FieldError("value", self.value, problem)


IDENTIFIERS: Final = Items((ExternalId,))
"""The constraint of every ``identifiers`` field: a tuple of :class:`ExternalId`."""
