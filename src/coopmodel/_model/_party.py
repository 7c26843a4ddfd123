"""Parties: the states and international organizations that cooperate."""

from __future__ import annotations

import enum
import functools
import json
import unicodedata
from importlib import resources
from typing import Any, ClassVar, Final, Self

import attrs
import pycountry

from coopmodel._model import _checks
from coopmodel._model._constraints import Constraint, OneOf, Pattern, Text, anchored, nfc, to_tuple
from coopmodel._model._identity import IDENTIFIERS, ExternalId

__all__ = ["Party", "PartyKind", "is_country_code"]


class PartyKind(enum.Enum):
    """What kind of party a :class:`Party` is.

    .. versionadded:: 0.1.0
    """

    STATE = "state"
    """A sovereign state, identified by its ISO 3166-1 alpha-3 code."""
    INTERNATIONAL_ORGANIZATION = "international_organization"
    """A treaty-based organization of states, such as the UN, SCO or WTO."""
    REGIONAL_BLOC = "regional_bloc"
    """A regional union or bloc, such as the EU, ASEAN or AU."""
    GROUPING = "grouping"
    """An informal grouping of states, such as BRICS, the G20 or the Quad."""
    OTHER = "other"
    """Any other collective party."""


ORGANIZATION_CODE: Final = Pattern(
    "[A-Z][A-Z0-9+-]{0,15}",
    "an organization code (uppercase letters, digits, '+' or '-', at most 16 characters)",
    example="BRICS",
)


@functools.cache
def _alpha3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def is_country_code(code: str) -> bool:
    """Whether *code* is an assigned ISO 3166-1 alpha-3 code, such as ``"IND"``.

    >>> is_country_code("IND"), is_country_code("XX")
    (True, False)
    """
    return code in _alpha3_codes()


@functools.cache
def _party_data() -> dict[str, Any]:
    text = resources.files("coopmodel").joinpath("data/parties.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def country_code_problem(value: object) -> str | None:
    """What is wrong with *value* as an ISO 3166-1 alpha-3 code, or ``None``.

    The message helps with the usual slips: a :class:`Party` where its code is
    meant, an alpha-2 code where the alpha-3 one is.
    """
    if value.__class__ is str:
        if value in _alpha3_codes():
            return None
        assert isinstance(value, str)  # noqa: S101
        if len(value) == 2:
            country = pycountry.countries.get(alpha_2=value.upper())
            if country is not None:
                return (
                    "is an ISO 3166-1 alpha-2 code; coopmodel uses alpha-3 codes:"
                    f" {country.alpha_3!r}"
                )
        if len(value) == 3 and value.upper() in _alpha3_codes():
            return f"is not an ISO 3166-1 alpha-3 code (they are uppercase: {value.upper()!r})"
        return "is not an ISO 3166-1 alpha-3 code"
    if isinstance(value, Party):
        return f"is a Party, expected its country code as a string: use .code ({value.code!r})"
    return f"is {_checks.type_name(value)}, expected an ISO 3166-1 alpha-3 code such as 'IND'"


@attrs.frozen
class CountryCode(Constraint):
    """An assigned ISO 3166-1 alpha-3 code, such as ``"IND"``."""

    kind: ClassVar[str] = "country_code"

    @property
    def choices(self) -> tuple[str, ...]:
        """Every assigned code, sorted."""
        return tuple(sorted(_alpha3_codes()))

    def problem(self, value: object) -> str | None:
        return country_code_problem(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


@attrs.frozen
class PartyCode(Constraint):
    """A party's code: an ISO 3166-1 alpha-3 code for a state, an organization code otherwise.

    The JSON Schema states the rule on the whole :class:`Party`, as an
    if/then/else on ``kind``: see :meth:`class_rule`.
    """

    kind: ClassVar[str] = "party_code"

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if getattr(inst, "kind", None) is PartyKind.STATE:
            problem = country_code_problem(value)
        else:
            problem = ORGANIZATION_CODE.problem(value)
        if problem is not None:
            raise _checks.FieldError(attribute.name, value, problem)

    def problem(self, value: object) -> str | None:
        """Checks *value* as either kind of code (the kind is not known here)."""
        if country_code_problem(value) is None:
            return None
        return ORGANIZATION_CODE.problem(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}

    @staticmethod
    def class_rule() -> dict[str, Any]:
        """The rule across ``kind`` and ``code``, for the JSON Schema of :class:`Party`."""
        return {
            "if": {"properties": {"kind": {"const": PartyKind.STATE.value}}},
            "then": {"properties": {"code": {"enum": sorted(_alpha3_codes())}}},
            "else": {"properties": {"code": {"pattern": anchored(ORGANIZATION_CODE.pattern)}}},
        }


@attrs.frozen(kw_only=True)
class Party:
    """A participant in cooperation: a state, or an international organization or bloc.

    States are identified by their ISO 3166-1 alpha-3 code, checked against
    real country data (:mod:`pycountry`); organizations by an uppercase code
    such as ``EU`` or ``BRICS``.  Build one with :meth:`lookup` or
    :meth:`state` rather than by hand.

    Attributes:
        kind: State, international organization, regional bloc, grouping or other.
        code: ``"IND"`` for a state; ``"EU"``, ``"BRICS"``, ``"SCO"``... for others.
        name: The name to show, e.g. ``"India"``.
        identifiers: Identifiers in other systems (Wikidata...).

    >>> Party.lookup("Russia")
    Party(kind=<PartyKind.STATE: 'state'>, code='RUS', name='Russia', identifiers=())
    >>> Party.lookup("BRICS").kind
    <PartyKind.GROUPING: 'grouping'>

    .. versionadded:: 0.1.0
    """

    kind: PartyKind = attrs.field(validator=OneOf(PartyKind))
    code: str = attrs.field(validator=PartyCode())
    name: str = attrs.field(validator=Text(), converter=nfc)
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )

    @classmethod
    def state(cls, code: str, *, identifiers: tuple[ExternalId, ...] = ()) -> Self:
        """The state with ISO 3166-1 alpha-3 (or alpha-2) *code*, named by its short name.

        >>> Party.state("IND").name
        'India'

        Raises:
            LookupError: *code* is not an assigned ISO 3166-1 code.
        """
        country = (
            pycountry.countries.get(alpha_3=code.upper())
            if len(code) == 3
            else pycountry.countries.get(alpha_2=code.upper())
            if len(code) == 2
            else None
        )
        if country is None:
            raise LookupError(f"{code!r} is not an ISO 3166-1 alpha-3 or alpha-2 code")
        alpha3: str = country.alpha_3
        return cls(
            kind=PartyKind.STATE,
            code=alpha3,
            name=_short_name(alpha3),
            identifiers=identifiers,
        )

    @classmethod
    def lookup(cls, name: str) -> Self:
        """The party called *name*: a country name, code or common alias, or an organization.

        Matching ignores case, Unicode normalization form and surrounding
        space.  Countries are looked up in ISO 3166-1 (name, official name,
        common name, alpha-2 and alpha-3 codes) and in a table of common
        aliases ("Russia", "US", "UK", "Türkiye"...); organizations and
        groupings in the table shipped with coopmodel (EU, BRICS, SCO, ASEAN,
        UN, G20...), which also gives their Wikidata identifiers.

        One rule settles two-letter input, as in :meth:`state`: it is an ISO
        3166-1 alpha-2 code wherever ISO assigns one, so ``"AU"`` is
        Australia, not the African Union (whose own code is also ``AU``: find
        it by its name, ``"African Union"``).  Only a two-letter code that ISO
        does not assign to a country, such as ``"EU"``, is read as an
        organization's code.

        >>> Party.lookup("United States").code
        'USA'
        >>> Party.lookup("AU").name
        'Australia'
        >>> Party.lookup("EU").identifiers
        (ExternalId(scheme='wikidata', value='Q458'),)

        Raises:
            LookupError: no party is known by that name.
        """
        key = " ".join(unicodedata.normalize("NFC", name).split()).casefold()
        if len(key) == 2 and key.isascii() and key.isalpha():
            country = pycountry.countries.get(alpha_2=key.upper())
            if country is not None:
                return cls.state(country.alpha_3)
        organization = _organizations().get(key)
        if organization is not None:
            return cls(**organization)
        alias = _party_data()["country_aliases"].get(key)
        if alias is not None:
            return cls.state(alias)
        try:
            country = pycountry.countries.lookup(key)
        except LookupError:
            raise LookupError(f"no party is known as {name!r}") from None
        return cls.state(country.alpha_3)


def _short_name(alpha3: str) -> str:
    short: str | None = _party_data()["country_short_names"].get(alpha3)
    if short is not None:
        return short
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:  # pragma: no cover - callers pass assigned codes
        return alpha3
    return str(getattr(country, "common_name", None) or country.name)


@functools.cache
def _organizations() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for entry in _party_data()["organizations"]:
        identifiers = (
            (ExternalId("wikidata", entry["wikidata"]),) if entry["wikidata"] is not None else ()
        )
        fields = {
            "kind": PartyKind(entry["kind"]),
            "code": entry["code"],
            "name": entry["name"],
            "identifiers": identifiers,
        }
        for alias in (entry["code"].casefold(), *entry["aliases"]):
            table[alias] = fields
    return table
