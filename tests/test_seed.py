"""The seed report, modelled by hand: loads, holds the report's facts, round-trips."""

from __future__ import annotations

import runpy
from pathlib import Path

import jsonschema
import orjson
import pendulum
import pytest

import coopmodel
from coopmodel import ContextRelation, ForumKind, PartyKind, Stage, StatementKind
from helpers import SEED_JSON, deep_key

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def meeting() -> coopmodel.Meeting:
    return coopmodel.from_json(SEED_JSON.read_bytes(), coopmodel.Meeting)


def test_forum_hierarchy(meeting: coopmodel.Meeting) -> None:
    group = meeting.forum
    assert group.name == "India-Russia Working Group on Modernization and Industrial Cooperation"
    assert group.kind is ForumKind.WORKING_GROUP
    assert group.parent is not None
    assert group.parent.kind is ForumKind.INTERGOVERNMENTAL_COMMISSION
    assert group.parent.acronym == "IRIGC-TEC"
    assert group.parent.name == (
        "India-Russia Intergovernmental Commission on Trade, Economic, Scientific,"
        " Technological and Cultural Cooperation"
    )


def test_parties_and_place(meeting: coopmodel.Meeting) -> None:
    assert [(p.code, p.name, p.kind) for p in meeting.parties] == [
        ("IND", "India", PartyKind.STATE),
        ("RUS", "Russia", PartyKind.STATE),
    ]
    assert meeting.location == coopmodel.Place(locality="New Delhi", country="IND")
    assert meeting.when is None  # the report does not date the meeting itself


def test_areas_and_stages(meeting: coopmodel.Meeting) -> None:
    stages = {area.code: area.stage for area in meeting.areas}
    assert stages["minerals.rare_earths"] is Stage.EXPLORED
    assert stages["minerals.critical_minerals"] is Stage.EXPLORED
    assert stages["energy.coal_gasification"] is Stage.EXPLORED
    assert stages["industry.infrastructure"] is Stage.EXPLORED
    assert stages["aerospace.wind_tunnels"] is Stage.DISCUSSED
    assert stages["metals.aluminium"] is Stage.WELCOMED
    assert stages["agriculture.fertilizers"] is Stage.WELCOMED
    assert stages["transport.rail"] is Stage.WELCOMED
    assert len(meeting.areas) == 17
    wind = next(a for a in meeting.areas if a.code == "aerospace.wind_tunnels")
    assert wind.detail == "establishment of a modernized wind tunnel facility"
    assert not any(area.custom for area in meeting.areas)


def test_statements(meeting: coopmodel.Meeting) -> None:
    assert {s.kind for s in meeting.statements} == {StatementKind.OFFICIAL_STATEMENT}
    issuer = meeting.statements[0].issuer
    assert isinstance(issuer, coopmodel.Organization)
    assert issuer.name == "Ministry of Commerce and Industry"
    assert issuer.party == coopmodel.Party.lookup("India")
    quotes = [s for s in meeting.statements if s.verbatim]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Both sides also explored opportunities in rare earth")
    assert quotes[0].issued == coopmodel.DateSpan(pendulum.date(2025, 8, 6), raw="on Wednesday")


def test_tariff_backdrop(meeting: coopmodel.Meeting) -> None:
    (event,) = meeting.context
    assert event.kind is coopmodel.ContextKind.TARIFFS
    assert event.relation is ContextRelation.BACKDROP
    trump = event.actors[0]
    assert isinstance(trump, coopmodel.Person)
    assert (trump.name, trump.role) == ("Donald Trump", "President of the United States")
    assert trump.affiliation == coopmodel.Party.lookup("US")
    assert event.targets == (coopmodel.Party.lookup("India"),)


def test_source_with_ist_timestamps(meeting: coopmodel.Meeting) -> None:
    (source,) = meeting.sources
    assert source.publisher == "Business Standard"
    assert source.agency == "Press Trust of India"
    assert source.syndicated is True
    assert source.dateline == "New Delhi"
    assert source.title == "India, Russia to collaborate on rare earths, critical minerals mining"
    assert isinstance(source.published, pendulum.DateTime)
    assert source.published.isoformat() == "2025-08-06T21:38:00+05:30"
    assert coopmodel.zone_name(source.published) == "Asia/Kolkata"
    assert source.published.in_tz("UTC").isoformat() == "2025-08-06T16:08:00+00:00"
    assert source.language == "en"


def test_fixture_equals_the_hand_written_example(meeting: coopmodel.Meeting) -> None:
    example = runpy.run_path(str(ROOT / "examples" / "india_russia_wg.py"))["MEETING"]
    assert deep_key(example) == deep_key(meeting)
    examples_copy = ROOT / "examples" / "india-russia-wg-2025-08-06.json"
    assert examples_copy.read_bytes() == SEED_JSON.read_bytes()


def test_golden_file_round_trip(meeting: coopmodel.Meeting) -> None:
    # The fixture is a stored document of the current schema version: a change
    # to the JSON form that was not meant (and versioned) fails here.
    text = coopmodel.to_json(meeting)
    assert coopmodel.from_json(text, coopmodel.Meeting) == meeting
    assert orjson.loads(text) == orjson.loads(SEED_JSON.read_bytes())


def test_validates_against_schema() -> None:
    jsonschema.validate(
        orjson.loads(SEED_JSON.read_bytes()), coopmodel.json_schema(coopmodel.Meeting)
    )
