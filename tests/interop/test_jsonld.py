"""coopmodel.jsonld: schema.org/Popolo JSON-LD, expanded and compacted with pyld offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import coopmodel
from coopmodel import jsonld
from coopmodel import strategies as cst

pyld = pytest.importorskip("pyld.jsonld")

FIXTURES = Path(__file__).parent.parent / "fixtures"
SCHEMA = "http://schema.org/"
CM = "https://coopmodel.readthedocs.io/vocab#"
OPTIONS = {"documentLoader": jsonld.document_loader}


def seed() -> coopmodel.Meeting:
    text = (FIXTURES / "india-russia-wg-2025-08-06.json").read_bytes()
    return coopmodel.from_json(text, coopmodel.Meeting)


def postponed() -> coopmodel.Meeting:
    text = (FIXTURES / "sco-wg-postponed-2026.json").read_bytes()
    return coopmodel.from_json(text, coopmodel.Meeting)


def values(node: dict[str, Any], prop: str) -> list[Any]:
    """The @value or @id of each object of *prop* in an expanded node."""
    return [v.get("@value", v.get("@id", v)) for v in node.get(prop, [])]


def expand(meeting: coopmodel.Meeting) -> dict[str, Any]:
    [node] = pyld.expand(jsonld.to_jsonld(meeting, inline_context=False), OPTIONS)
    return node


def test_seed_expands_with_every_fact() -> None:
    meeting = seed()
    node = expand(meeting)
    assert node["@id"] == "urn:coopmodel:meeting:ind-rus-wg-mic-2025-08"
    assert node["@type"] == [SCHEMA + "Event"]
    assert values(node, SCHEMA + "name") == [meeting.title]
    assert values(node, SCHEMA + "eventStatus") == [SCHEMA + "EventScheduled"]
    assert values(node, CM + "status") == ["held"]
    # The forum chain: working group, then the intergovernmental commission.
    [forum] = node[SCHEMA + "superEvent"]
    assert forum["@id"] == "urn:coopmodel:forum:ind-rus-wg-modernization-industrial-cooperation"
    assert forum["@type"] == [SCHEMA + "EventSeries"]
    [parent] = forum[SCHEMA + "superEvent"]
    assert parent["@id"] == "urn:coopmodel:forum:ind-rus-irigc-tec"
    assert values(parent, SCHEMA + "alternateName") == ["IRIGC-TEC"]
    # Parties as attendees.
    attendees = node[SCHEMA + "attendee"]
    assert [a["@id"] for a in attendees] == ["urn:coopmodel:party:IND", "urn:coopmodel:party:RUS"]
    assert attendees[0]["@type"] == [SCHEMA + "Country"]
    # Location.
    [place] = node[SCHEMA + "location"]
    [address] = place[SCHEMA + "address"]
    assert values(address, SCHEMA + "addressLocality") == ["New Delhi"]
    assert values(address, SCHEMA + "addressCountry") == ["IND"]
    # Areas as `about`, each with its stage.
    about = node[SCHEMA + "about"]
    found = [(values(a, SCHEMA + "termCode")[0], values(a, CM + "stage")[0]) for a in about]
    assert found == [(a.code, a.stage.value) for a in meeting.areas]
    assert len(found) == 17
    # Statements as Quotation / Popolo Speech.
    quotes = node[SCHEMA + "subjectOf"]
    assert [values(q, SCHEMA + "text")[0] for q in quotes] == [s.text for s in meeting.statements]
    assert set(quotes[0]["@type"]) == {SCHEMA + "Quotation", "http://www.w3.org/ns/popolo#Speech"}
    assert values(quotes[0], SCHEMA + "dateCreated") == ["2025-08-06"]
    [issuer] = quotes[0][SCHEMA + "creator"]
    assert values(issuer, SCHEMA + "name") == ["Ministry of Commerce and Industry"]
    # Sources as citations, times with their offsets.
    [source] = node[SCHEMA + "citation"]
    assert values(source, SCHEMA + "headline") == [meeting.sources[0].title]
    assert values(source, SCHEMA + "datePublished") == ["2025-08-06T21:38:00+05:30"]
    [publisher] = source[SCHEMA + "publisher"]
    assert values(publisher, SCHEMA + "name") == ["Business Standard"]
    [backdrop] = node[CM + "contextEvent"]
    assert values(backdrop, CM + "relation") == ["backdrop"]
    assert values(node, SCHEMA + "description") == [meeting.summary]


def test_compacts_back_to_the_same_facts() -> None:
    meeting = seed()
    document = jsonld.to_jsonld(meeting, inline_context=False)
    expanded = pyld.expand(document, OPTIONS)
    compacted = pyld.compact(expanded, jsonld.CONTEXT_URL, OPTIONS)
    assert compacted["@context"] == jsonld.CONTEXT_URL
    assert compacted["name"] == meeting.title
    assert compacted["superEvent"]["superEvent"]["id"] == "urn:coopmodel:forum:ind-rus-irigc-tec"
    assert [a["termCode"] for a in compacted["about"]] == [a.code for a in meeting.areas]
    assert [a["stage"] for a in compacted["about"]] == [a.stage.value for a in meeting.areas]
    assert compacted["citation"]["headline"] == meeting.sources[0].title
    # Expanding the compacted form again gives the same graph.
    assert pyld.expand(compacted, OPTIONS) == expanded


def test_inline_context_needs_no_loader() -> None:
    document = jsonld.to_jsonld(seed())
    assert document["@context"] == jsonld.context()["@context"]

    def refuse(url: str, options: object = None) -> dict[str, Any]:
        raise AssertionError(f"fetched {url}")

    [node] = pyld.expand(document, {"documentLoader": refuse})
    assert values(node, SCHEMA + "name") == [seed().title]


def test_loader_refuses_other_urls() -> None:
    with pytest.raises(LookupError, match="serves only"):
        jsonld.document_loader("https://schema.org/")
    document = jsonld.to_jsonld(seed(), inline_context=False)
    document["@context"] = "https://example.org/other-context.jsonld"
    with pytest.raises(pyld.JsonLdError):
        pyld.expand(document, OPTIONS)


def test_postponed_meeting_and_convener() -> None:
    meeting = postponed()
    node = expand(meeting)
    assert values(node, SCHEMA + "eventStatus") == [SCHEMA + "EventPostponed"]
    assert values(node, SCHEMA + "startDate") == ["2026-04-20"]
    assert values(node, SCHEMA + "endDate") == ["2026-04-21"]
    assert values(node, SCHEMA + "previousStartDate") == ["2026-03-12"]
    [organizer] = node[SCHEMA + "organizer"]
    assert values(organizer, SCHEMA + "name") == ["SCO Secretariat"]
    assert len(node[SCHEMA + "attendee"]) == 9


def test_times_geo_and_partial_dates() -> None:
    start = pendulum.datetime(2025, 8, 6, 10, 0, tz="Asia/Kolkata")
    place = coopmodel.Place(
        locality="New Delhi", country="IND", coordinates=coopmodel.Coordinates(28.6139, 77.209)
    )
    meeting = attrs.evolve(
        seed(), when=coopmodel.TimeSpan(start, start.add(hours=2)), location=place
    )
    node = expand(meeting)
    assert values(node, SCHEMA + "startDate") == ["2025-08-06T10:00:00+05:30"]
    assert values(node, SCHEMA + "endDate") == ["2025-08-06T12:00:00+05:30"]
    [geo] = node[SCHEMA + "location"][0][SCHEMA + "geo"]
    assert values(geo, SCHEMA + "latitude") == [28.6139]
    assert values(geo, SCHEMA + "longitude") == [77.209]
    month = expand(attrs.evolve(seed(), when=coopmodel.PartialDate(2025, 8)))
    assert values(month, SCHEMA + "startDate") == ["2025-08"]
    assert values(month, CM + "precision") == ["month"]


@st.composite
def meetings(draw: st.DrawFn) -> coopmodel.Meeting:
    """cst.meetings(), less the rare invalid source it draws (see test_plover)."""
    try:
        return draw(cst.meetings())
    except coopmodel.FieldError as error:
        if error.field != "updated":
            raise
        reject()


@given(meetings())
def test_every_meeting_is_valid_json_ld(meeting: coopmodel.Meeting) -> None:
    document = jsonld.to_jsonld(meeting, inline_context=False)
    assert orjson.loads(orjson.dumps(document)) == document
    [node] = pyld.expand(document, OPTIONS)
    assert values(node, SCHEMA + "identifier")[0] == meeting.id
    assert values(node, SCHEMA + "name") == [meeting.title]
    assert len(node.get(SCHEMA + "about", [])) == len(meeting.areas)
    assert len(node.get(SCHEMA + "citation", [])) == len(meeting.sources)
    assert len(node.get(SCHEMA + "subjectOf", [])) == len(meeting.statements)
    compacted = pyld.compact([node], jsonld.CONTEXT_URL, OPTIONS)
    assert compacted["name"] == meeting.title


def test_import_coopmodel_does_not_import_pyld() -> None:
    code = (
        "import sys, coopmodel, coopmodel.jsonld, coopmodel.plover\n"
        "coopmodel.jsonld.to_jsonld\n"
        "assert 'pyld' not in sys.modules, sorted(m for m in sys.modules if 'pyld' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
