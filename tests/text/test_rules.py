"""Single rules of the extractor, each on a short text written for it."""

from __future__ import annotations

import pytest

from coopmodel import ForumKind, OrganizationKind

text = pytest.importorskip("coopmodel.text")


def only_meeting(report: str) -> text.MeetingDraft:
    [meeting] = text.extract(report).meetings
    return meeting


@pytest.mark.parametrize(
    ("issuer", "name", "country"),
    [
        ("the Department for Business and Trade", "Department for Business and Trade", "GBR"),
        ("the Department of Foreign Affairs", "Department of Foreign Affairs", "GBR"),
        ("Britain's Foreign Office", "Foreign Office", "GBR"),
    ],
)
def test_departments_and_offices_are_ministries(issuer: str, name: str, country: str) -> None:
    report = (
        "LONDON, June 2 (Reuters) - The UK-India Joint Economic and Trade Committee met in"
        f" London on Monday and discussed critical minerals, {issuer} said."
    )
    meeting = only_meeting(report)
    assert meeting.statements is not None
    [statement] = meeting.statements
    assert statement.issuer is not None
    assert statement.issuer.name == name
    assert statement.issuer.kind is OrganizationKind.MINISTRY
    assert statement.issuer.party is not None
    assert statement.issuer.party.code == country


@pytest.mark.parametrize(
    ("cue", "event"),
    [
        ("on the sidelines of the", "Russian Energy Week"),
        ("on the margins of the", "UN General Assembly"),
        ("on the sidelines of the", "Munich Security Conference"),
    ],
)
def test_an_event_after_a_parent_cue_is_the_parent(cue: str, event: str) -> None:
    report = (
        "MOSCOW, Oct 14 (TASS) - The 12th meeting of the Russian-Chinese Intergovernmental"
        f" Commission on Energy Cooperation took place on Tuesday {cue} {event}."
    )
    meeting = only_meeting(report)
    assert meeting.forum is not None
    assert (
        meeting.forum.name == "Russian-Chinese Intergovernmental Commission on Energy Cooperation"
    )
    assert meeting.forum.parent is not None
    assert meeting.forum.parent.name == event
    assert meeting.forum.parent.kind is ForumKind.OTHER


def test_an_event_without_a_cue_is_no_forum() -> None:
    report = (
        "MUNICH, Feb 15 (Reuters) - The Munich Security Conference opened on Friday, and"
        " the Russian Energy Week will follow in October."
    )
    assert text.extract(report).meetings == ()


def test_a_parent_cue_reaches_over_the_parent_s_session() -> None:
    report = (
        "KUWAIT CITY, June 1 (ONA) - Oman and Bahrain held the third meeting of the"
        " Bahrain-Oman Joint Committee in Kuwait City on Sunday, on the sidelines of the"
        " 164th session of the GCC Ministerial Council."
    )
    meeting = only_meeting(report)  # the council is the parent, not a second meeting
    assert meeting.forum is not None
    assert meeting.forum.name == "Bahrain-Oman Joint Committee"
    assert meeting.forum.parent is not None
    assert meeting.forum.parent.name == "GCC Ministerial Council"
    assert meeting.session == 3


def test_a_name_keeps_an_elided_article() -> None:
    report = (
        "ACCRA, Feb 24 (GNA) - Ghana and Côte d'Ivoire will hold the eighth session of the"
        " Ghana-Côte d'Ivoire Permanent Joint Commission for Cooperation in Abidjan from"
        " March 12 to 14."
    )
    meeting = only_meeting(report)
    assert meeting.forum is not None
    assert meeting.forum.name == "Ghana-Côte d'Ivoire Permanent Joint Commission for Cooperation"
    assert [p.code for p in meeting.forum.parties or ()] == ["GHA", "CIV"]
    assert meeting.session == 8


def test_cities_of_geonames_are_places() -> None:
    # Abidjan is not in the hand-written list of places; GeoNames has it.
    report = (
        "ACCRA, Feb 24 (GNA) - The Ghana-Togo Joint Commission met in Abidjan on Monday"
        " and discussed trade."
    )
    meeting = only_meeting(report)
    assert meeting.location is not None
    assert (meeting.location.locality, meeting.location.country) == ("Abidjan", "CIV")


def test_a_place_name_that_is_also_a_word_needs_its_capital() -> None:
    report = (
        "PRAGUE, May 5 (CTK) - The Czech-Slovak Joint Commission met on Monday and in most"
        " areas agreed to deepen cooperation in energy."
    )
    meeting = only_meeting(report)
    assert meeting.location is None  # "in most" is not Most, the Czech city


def test_binational_cabinets_are_forums() -> None:
    report = (
        "SANTIAGO, Nov 21 (EFE) - Chile and Peru have postponed the sixth Chile-Peru"
        " Binational Cabinet, which was to be held in Lima on November 27. The meeting had"
        " been expected to review cooperation on mining, electricity and border security."
    )
    meeting = only_meeting(report)
    assert meeting.forum is not None
    assert meeting.forum.name == "Chile-Peru Binational Cabinet"
    assert meeting.status is not None
    assert meeting.status.value == "postponed"
    assert {a.code for a in meeting.areas or ()} == {"minerals", "energy.power", "security.border"}


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the launch of more direct flights", "transport.aviation"),
        ("satellite launch services", "space.launch"),
        ("nuclear non-proliferation", "security.non_proliferation"),
        ("the migration of fish stocks", None),
        ("labour migration", "labour_mobility"),
    ],
)
def test_ambiguous_words_are_not_areas_on_their_own(phrase: str, code: str | None) -> None:
    report = (
        "ASTANA, Oct 31 (Kazinform) - The Kazakhstan-US Strategic Partnership Dialogue met"
        f" in Astana on Friday and discussed {phrase}."
    )
    meeting = only_meeting(report)
    codes = [a.code for a in meeting.areas or ()]
    assert codes == ([] if code is None else [code])


def test_the_docs_state_the_gazetteer_s_bound() -> None:
    from pathlib import Path  # noqa: PLC0415

    from coopmodel.text._lexicon import GAZETTEER_MIN_POPULATION  # noqa: PLC0415

    page = Path(__file__).parents[2] / "docs" / "explanation" / "extraction.md"
    text = " ".join(page.read_text("utf-8").split())
    assert f"every city of {GAZETTEER_MIN_POPULATION:,} people or more" in text


def test_a_round_of_a_forum_is_a_meeting_of_it_not_a_parent() -> None:
    report = (
        "WASHINGTON, May 3 (Reuters) - India and the United States held talks as part of the"
        " fifth round of the India-US Strategic Dialogue in Washington on Monday."
    )
    meeting = only_meeting(report)
    assert meeting.forum is not None
    assert meeting.forum.name == "India-US Strategic Dialogue"
    assert meeting.forum.parent is None
    assert meeting.session == 5
