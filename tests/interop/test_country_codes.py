"""coopmodel.country_code: ISO 3166-1, CAMEO and FIPS 10-4, and the tables behind them."""

from __future__ import annotations

import itertools
import re

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopmodel
from coopmodel._codes import SCHEMES, cameo_actor_code, code_data, plover_actor_code

# One sample row per country: iso3, iso2, numeric, cameo, fips.
SAMPLE = [
    ("RUS", "RU", "643", "RUS", "RS"),
    ("SRB", "RS", "688", "SRB", "RI"),
    ("IND", "IN", "356", "IND", "IN"),
    ("ROU", "RO", "642", "ROM", "RO"),
    ("TLS", "TL", "626", "TMP", "TT"),
    ("DEU", "DE", "276", "DEU", "GM"),
    ("GBR", "GB", "826", "GBR", "UK"),
    ("CHN", "CN", "156", "CHN", "CH"),
    ("CHE", "CH", "756", "CHE", "SZ"),
    ("AUS", "AU", "036", "AUS", "AS"),
    ("AUT", "AT", "040", "AUT", "AU"),
    ("KGZ", "KG", "417", "KGZ", "KG"),
]


def test_the_rs_trap() -> None:
    # GDELT's geography uses FIPS 10-4: RS is Russia there, and RI is Serbia.
    assert coopmodel.country_code("RS", source="fips", target="iso3") == "RUS"
    assert coopmodel.country_code("RI", source="fips", target="iso3") == "SRB"
    # In ISO 3166-1 alpha-2, RS is Serbia.
    assert coopmodel.country_code("RS", source="iso2", target="iso3") == "SRB"
    assert coopmodel.country_code("RS", source="iso2", target="fips") == "RI"
    assert coopmodel.country_code("RS", source="fips", target="iso2") == "RU"
    assert coopmodel.country_code("SRB", source="iso3", target="fips") == "RI"
    assert coopmodel.country_code("RUS", source="iso3", target="fips") == "RS"


@pytest.mark.parametrize("row", SAMPLE, ids=[row[0] for row in SAMPLE])
@pytest.mark.parametrize(
    ("source", "target"), list(itertools.permutations(range(5), 2)), ids=lambda i: SCHEMES[i]
)
def test_every_direction_on_a_sample(row: tuple[str, ...], source: int, target: int) -> None:
    got = coopmodel.country_code(row[source], source=SCHEMES[source], target=SCHEMES[target])  # type: ignore[arg-type]
    assert got == row[target]


def test_input_forms() -> None:
    assert coopmodel.country_code("rs", source="fips", target="iso3") == "RUS"
    assert coopmodel.country_code(" ind ", source="iso3", target="iso2") == "IN"
    assert coopmodel.country_code(36, source="numeric", target="iso3") == "AUS"
    assert coopmodel.country_code("36", source="numeric", target="iso3") == "AUS"
    assert coopmodel.country_code("GZ", source="fips", target="iso3") == "PSE"
    assert coopmodel.country_code("WE", source="fips", target="iso3") == "PSE"


@pytest.mark.parametrize(
    ("value", "source", "target", "message"),
    [
        ("XX", "iso2", "iso3", "'XX' is not a country code in scheme 'iso2'"),
        ("ROU", "cameo", "iso3", "'ROU' is not a country code in scheme 'cameo'"),
        ("RUS", "fips", "iso3", "'RUS' is not a country code in scheme 'fips'"),
        ("999", "numeric", "iso3", "'999' is not a country code in scheme 'numeric'"),
        ("", "iso3", "iso2", "'' is not a country code in scheme 'iso3'"),
        ("IND", "iso", "iso2", "source 'iso' is not a country-code scheme"),
        ("IND", "iso3", "gdelt", "target 'gdelt' is not a country-code scheme"),
        ("PSE", "iso3", "fips", "'PSE' (iso3) is 'PSE', which has no code in scheme 'fips'"),
        ("AX", "iso2", "fips", "FIPS 10-4 has no code for the Aland Islands"),
    ],
)
def test_clear_errors(value: str, source: str, target: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        coopmodel.country_code(value, source=source, target=target)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, 3.0, b"IND", ["IND"], True])
def test_wrong_types(value: object) -> None:
    with pytest.raises(TypeError, match="expected a string"):
        coopmodel.country_code(value, source="iso3", target="iso2")  # type: ignore[arg-type]


def test_fips_table_covers_pycountry() -> None:
    fips = code_data()["fips"]
    iso3 = {country.alpha_3 for country in pycountry.countries}
    listed = set(fips["codes"])
    explained = set(fips["no_code"])
    assert listed <= iso3, listed - iso3
    assert listed | explained == iso3, sorted(iso3 - listed - explained)
    assert not listed & explained
    codes = list(fips["codes"].values())
    assert len(codes) == len(set(codes)), "a FIPS code names two countries"
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert fips["source"]


def test_cameo_table_covers_pycountry() -> None:
    cameo = code_data()["cameo"]
    iso3 = {country.alpha_3 for country in pycountry.countries}
    assert set(cameo["codes"]) == iso3
    differ = {k: v for k, v in cameo["codes"].items() if k != v}
    assert differ == {"ROU": "ROM", "TLS": "TMP"}
    assert len(set(cameo["codes"].values())) == len(cameo["codes"])
    assert cameo["source"]
    assert cameo["organizations"]["source"]


@given(st.sampled_from(sorted(c.alpha_3 for c in pycountry.countries)), st.sampled_from(SCHEMES))
def test_round_trip_through_every_scheme(alpha3: str, scheme: str) -> None:
    try:
        code = coopmodel.country_code(alpha3, source="iso3", target=scheme)  # type: ignore[arg-type]
    except ValueError:
        assert scheme == "fips"
        assert alpha3 in code_data()["fips"]["no_code"]
        return
    assert coopmodel.country_code(code, source=scheme, target="iso3") == alpha3  # type: ignore[arg-type]


def test_actor_codes() -> None:
    assert cameo_actor_code("ROU", state=True) == "ROM"
    assert cameo_actor_code("IND", state=True) == "IND"
    assert cameo_actor_code("UN", state=False) == "IGOUNO"
    assert cameo_actor_code("SCO", state=False) == "IGOSHA"
    assert cameo_actor_code("BRICS", state=False) == "IGO"
    assert plover_actor_code("UN", state=False) == "UNO"
    assert plover_actor_code("EU", state=False) == "EUR"
    assert plover_actor_code("SCO", state=False) == "IGO"
    assert plover_actor_code("IND", state=True) == "IND"


def test_country_code_is_public() -> None:
    assert "country_code" in coopmodel.__all__
    assert coopmodel.country_code.__module__ == "coopmodel._codes"
