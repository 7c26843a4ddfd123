"""Country codes across schemes: ISO 3166-1 (alpha-3, alpha-2, numeric), CAMEO and FIPS 10-4.

ISO codes come from :mod:`pycountry`.  No well-kept library ships CAMEO or
FIPS 10-4 codes, so coopmodel ships them as data
(``coopmodel/data/country_codes.json``, with the source of each table named
in it).  Every conversion goes through the ISO alpha-3 code.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Final, Literal

import pycountry

__all__ = ["SCHEMES", "CodeScheme", "cameo_actor_code", "country_code", "plover_actor_code"]

CodeScheme = Literal["iso3", "iso2", "numeric", "cameo", "fips"]
"""The name of a country-code scheme."""

SCHEMES: Final[tuple[str, ...]] = ("iso3", "iso2", "numeric", "cameo", "fips")
"""Every scheme :func:`country_code` converts between."""


@functools.cache
def code_data() -> dict[str, Any]:
    """The shipped country-code tables (``data/country_codes.json``)."""
    text = resources.files("coopmodel").joinpath("data/country_codes.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Per scheme: alpha-3 to code, and code to alpha-3."""
    data = code_data()
    to_code: dict[str, dict[str, str]] = {"iso3": {}, "iso2": {}, "numeric": {}}
    for country in pycountry.countries:
        to_code["iso3"][country.alpha_3] = country.alpha_3
        to_code["iso2"][country.alpha_3] = country.alpha_2
        to_code["numeric"][country.alpha_3] = country.numeric
    to_code["cameo"] = dict(data["cameo"]["codes"])
    to_code["fips"] = dict(data["fips"]["codes"])
    from_code = {scheme: {v: k for k, v in table.items()} for scheme, table in to_code.items()}
    from_code["fips"].update(data["fips"]["also"])
    return to_code, from_code


def _normalize(value: object, scheme: str) -> str:
    if scheme == "numeric" and value.__class__ is int and not isinstance(value, bool):
        assert isinstance(value, int)  # noqa: S101
        return f"{value:03d}" if 0 <= value <= 999 else str(value)
    if not isinstance(value, str):
        raise TypeError(
            f"country code {value!r} is {type(value).__name__}, expected a string"
            + (" or an int" if scheme == "numeric" else "")
        )
    text = value.strip()
    return text.zfill(3) if scheme == "numeric" and text.isdigit() else text.upper()


def _check_scheme(name: str, scheme: object) -> str:
    if scheme not in SCHEMES:
        raise ValueError(
            f"{name} {scheme!r} is not a country-code scheme; expected one of {SCHEMES}"
        )
    assert isinstance(scheme, str)  # noqa: S101
    return scheme


def country_code(value: str | int, *, source: CodeScheme, target: CodeScheme) -> str:
    """The code in scheme *target* of the country whose code in scheme *source* is *value*.

    Schemes: ``"iso3"`` (ISO 3166-1 alpha-3), ``"iso2"`` (alpha-2),
    ``"numeric"`` (ISO 3166-1 numeric, three digits), ``"cameo"`` (CAMEO
    country codes) and ``"fips"`` (FIPS 10-4, as GDELT's geography uses it).
    Letters are matched without regard to case; numeric codes may be given as
    ``int``.  Mind the trap this function exists for: ``RS`` is Russia in
    FIPS 10-4 and Serbia in ISO alpha-2.

    >>> country_code("RS", source="fips", target="iso3")
    'RUS'
    >>> country_code("RS", source="iso2", target="iso3")
    'SRB'
    >>> country_code("ROU", source="iso3", target="cameo")
    'ROM'
    >>> country_code(356, source="numeric", target="iso2")
    'IN'

    Raises:
        ValueError: *source* or *target* is not a scheme, *value* is not a
            code in *source*, or the country has no code in *target*.  The
            message names the scheme and the value.
        TypeError: *value* is neither a string nor (for numeric codes) an int.

    .. versionadded:: 0.1.0
    """
    source = _check_scheme("source", source)  # type: ignore[assignment]
    target = _check_scheme("target", target)  # type: ignore[assignment]
    to_code, from_code = _tables()
    key = _normalize(value, source)
    alpha3 = from_code[source].get(key)
    if alpha3 is None:
        raise ValueError(f"{value!r} is not a country code in scheme {source!r}")
    code = to_code[target].get(alpha3)
    if code is None:
        why = code_data()["fips"]["no_code"].get(alpha3) if target == "fips" else None
        raise ValueError(
            f"{value!r} ({source}) is {alpha3!r}, which has no code in scheme {target!r}"
            + (f": {why}" if why else "")
        )
    return code


def cameo_actor_code(code: str, *, state: bool) -> str:
    """The CAMEO actor code of a party: its country code, or ``IGO`` plus its known-group code.

    >>> cameo_actor_code("ROU", state=True), cameo_actor_code("SCO", state=False)
    ('ROM', 'IGOSHA')
    >>> cameo_actor_code("BRICS", state=False)
    'IGO'
    """
    if state:
        return country_code(code, source="iso3", target="cameo")
    group = code_data()["cameo"]["organizations"]["codes"].get(code)
    return "IGO" if group is None else f"IGO{group}"


def plover_actor_code(code: str, *, state: bool) -> str:
    """The PLOVER entity code of a party: ISO alpha-3 for a state; ``UNO``, ``EUR`` or ``IGO``.

    >>> plover_actor_code("IND", state=True), plover_actor_code("EU", state=False)
    ('IND', 'EUR')
    """
    if state:
        return code
    plover = code_data()["plover"]
    organization: str = plover["organizations"].get(code, plover["default_organization"])
    return organization
