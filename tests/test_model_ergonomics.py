"""What a new user tripped over (#8, items 1-8): each case as it should behave now."""

from __future__ import annotations

import datetime as dt
import runpy
import unicodedata
import zoneinfo
from pathlib import Path

import attrs
import pendulum
import pytest

import coopmodel
from coopmodel import (
    CooperationArea,
    DateSpan,
    FieldError,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Party,
    Person,
    Place,
    ScheduleChange,
    Source,
    Stage,
    TimeSpan,
)

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "sco-wg-postponed-2026.json"
USA, CANADA = Party.state("USA"), Party.state("CAN")
TURKEY, RUSSIA = Party.state("TUR"), Party.state("RUS")
SOURCE = Source(publisher="CBC", title="Talks")


def north_american() -> Forum:
    return Forum(
        id="usa-can", name="US-Canada dialogue", kind=ForumKind.OTHER, parties=[USA, CANADA]
    )


def turkish_russian() -> Forum:
    return Forum(
        id="tur-rus",
        name="Turkey-Russia commission",
        kind=ForumKind.OTHER,
        parties=(TURKEY, RUSSIA),
    )


class TestIterables:
    def test_lists_and_generators_become_tuples(self) -> None:
        forum = north_american()
        assert forum.parties == (USA, CANADA)
        assert forum.parties.__class__ is tuple
        meeting = Meeting(
            id="m",
            title="Talks",
            forum=forum,
            sources=[SOURCE],
            areas=(CooperationArea.of(code, Stage.DISCUSSED) for code in ("energy", "trade")),
        )
        assert [area.code for area in meeting.areas] == ["energy", "trade"]
        assert meeting == attrs.evolve(meeting, sources=(SOURCE,))

    def test_json_stays_strict(self) -> None:
        document = coopmodel.to_dict(north_american())
        document["parties"] = {"0": document["parties"][0]}
        with pytest.raises(
            coopmodel.ParseError, match=r"\$\.parties: is an object, expected an array"
        ):
            coopmodel.from_dict(document, Forum)


class TestStdlibTime:
    def test_zoneinfo_keeps_its_name_through_json(self) -> None:
        start = dt.datetime(2025, 8, 6, 21, 38, tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata"))
        span = TimeSpan(start)
        text = coopmodel.to_json(span)
        assert b'"2025-08-06T21:38:00+05:30[Asia/Kolkata]"' in text
        assert coopmodel.from_json(text, TimeSpan) == span

    def test_source_takes_stdlib_values(self) -> None:
        source = Source(
            publisher="P",
            title="T",
            published=dt.date(2025, 8, 6),
            retrieved=dt.datetime(2025, 8, 7, tzinfo=dt.UTC),
        )
        assert source.published.__class__ is pendulum.Date
        assert source.retrieved.__class__ is pendulum.DateTime


class TestEvolveKeepsTheRule:
    def test_evolve_with_another_forum_brings_its_parties(self) -> None:
        meeting = Meeting(id="m", title="Talks", forum=north_american(), sources=(SOURCE,))
        moved = attrs.evolve(meeting, forum=turkish_russian())
        assert moved.parties == (TURKEY, RUSSIA)
        assert not moved.involves("USA")

    def test_explicit_parties_survive_evolve(self) -> None:
        meeting = Meeting(
            id="m", title="Talks", forum=north_american(), sources=(SOURCE,), parties=[USA]
        )
        assert attrs.evolve(meeting, forum=turkish_russian()).parties == (USA,)

    def test_parties_equal_to_the_forums_are_the_default(self) -> None:
        forum = north_american()
        given = Meeting(id="m", title="T", forum=forum, sources=(SOURCE,), parties=[USA, CANADA])
        default = Meeting(id="m", title="T", forum=forum, sources=(SOURCE,))
        assert given == default
        assert hash(given) == hash(default)
        assert coopmodel.to_json(given) == coopmodel.to_json(default)

    def test_status_and_parties_are_always_written(self) -> None:
        meeting = Meeting(id="m", title="T", forum=north_american(), sources=(SOURCE,))
        document = coopmodel.to_dict(meeting)
        assert document["status"] == "held"
        assert [party["code"] for party in document["parties"]] == ["USA", "CAN"]
        assert coopmodel.from_dict(document, Meeting) == meeting


class TestSpansAndSources:
    def test_one_day_either_way_in_json(self) -> None:
        day = pendulum.date(2025, 8, 6)
        assert coopmodel.to_json(DateSpan(day, day)) == coopmodel.to_json(DateSpan(day))
        document = {"schema_version": 1, "start": "2025-08-06", "end": "2025-08-06"}
        assert coopmodel.from_dict(document, DateSpan) == DateSpan(day)

    def test_updated_before_published_is_refused(self) -> None:
        with pytest.raises(FieldError, match=r"updated: .* is before published") as info:
            Source(
                publisher="P",
                title="T",
                published=pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"),
                updated=pendulum.datetime(2025, 8, 6, 16, 0, tz="UTC"),
            )
        assert info.value.field == "updated"
        # The same instant in another zone is not earlier.
        Source(
            publisher="P",
            title="T",
            published=pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"),
            updated=pendulum.datetime(2025, 8, 6, 16, 8, tz="UTC"),
        )
        with pytest.raises(FieldError, match="is before published '2025-08-06'"):
            Source(
                publisher="P",
                title="T",
                published=pendulum.date(2025, 8, 6),
                updated=pendulum.datetime(2025, 8, 5, 23, tz="UTC"),
            )


class TestMessages:
    def test_party_where_a_code_belongs(self) -> None:
        with pytest.raises(
            FieldError, match=r"is a Party, expected its country code .*use \.code \('IND'\)"
        ):
            Place(country=Party.lookup("India"))  # type: ignore[arg-type]

    def test_alpha_2_suggests_alpha_3(self) -> None:
        with pytest.raises(FieldError, match="alpha-2 code; coopmodel uses alpha-3 codes: 'IND'"):
            Place(country="IN")
        with pytest.raises(FieldError, match="alpha-2 code; coopmodel uses alpha-3 codes: 'DEU'"):
            Party(kind=coopmodel.PartyKind.STATE, code="DE", name="Germany")

    def test_json_errors_show_json_text(self) -> None:
        document = {"schema_version": 1, "start": "2026-03-18", "end": "2026-03-17"}
        with pytest.raises(coopmodel.ParseError) as info:
            coopmodel.from_dict(document, DateSpan)
        assert str(info.value) == "the document: $.end: '2026-03-17' is before start '2026-03-18'"
        assert "Date(" not in str(info.value)

    def test_area_of_a_label_suggests_codes(self) -> None:
        with pytest.raises(LookupError, match=r"did you mean 'minerals\.critical_minerals'"):
            CooperationArea.of("Critical minerals", Stage.AGREED)

    def test_unknown_area_code_suggests_codes(self) -> None:
        with pytest.raises(FieldError, match="did you mean"):
            CooperationArea(code="rare_earths", label="Rare earths", stage=Stage.AGREED)


class TestLookupRule:
    @pytest.mark.parametrize(
        ("text", "code"), [("AU", "AUS"), ("au", "AUS"), ("IN", "IND"), ("EU", "EU")]
    )
    def test_two_letters_are_a_country_code_where_iso_assigns_one(
        self, text: str, code: str
    ) -> None:
        assert Party.lookup(text).code == code
        if code != "EU":
            assert Party.state(text) == Party.lookup(text)

    def test_organizations_by_name(self) -> None:
        assert Party.lookup("African Union").code == "AU"
        assert Party.lookup("African Union").kind is coopmodel.PartyKind.REGIONAL_BLOC

    def test_any_normal_form(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Türkiye")
        assert decomposed != "Türkiye"
        assert Party.lookup(decomposed).code == "TUR"


class TestInvolves:
    def test_by_code_whatever_the_name(self) -> None:
        meeting = Meeting(id="m", title="T", forum=north_american(), sources=(SOURCE,))
        renamed = attrs.evolve(CANADA, name="Canada (CA)")
        assert renamed not in meeting.parties
        assert meeting.involves(renamed)
        assert meeting.involves("CAN")
        assert not meeting.involves("MEX")

    def test_through_participants(self) -> None:
        mexico = Party.state("MEX")
        ministry = Organization(name="SRE", kind=OrganizationKind.MINISTRY, party=mexico)
        envoy = Person(
            name="An envoy",
            affiliation=Organization(
                name="EU EEAS", kind=OrganizationKind.AGENCY, party=Party.lookup("EU")
            ),
        )
        meeting = Meeting(
            id="m",
            title="T",
            forum=north_american(),
            sources=(SOURCE,),
            participants=[ministry, envoy],
        )
        assert meeting.involves("MEX")
        assert meeting.involves("EU")
        assert not meeting.involves("BRA")


class TestScheduleChangesAndConveners:
    def test_the_fixture_reads_back_equal_to_the_example(self) -> None:
        example = runpy.run_path(str(ROOT / "examples" / "postponed_sco_meeting.py"))["MEETING"]
        meeting = coopmodel.from_json(FIXTURE.read_bytes(), Meeting)
        assert meeting == example
        assert meeting.status is MeetingStatus.POSTPONED
        change = meeting.schedule_change
        assert change is not None
        assert change.planned == DateSpan(pendulum.date(2026, 3, 12), raw="March 12")
        assert change.reason == "scheduling conflicts"
        assert meeting.when == DateSpan(
            pendulum.date(2026, 4, 20), pendulum.date(2026, 4, 21), raw="April 20-21"
        )
        assert meeting.forum.convener == Organization(
            name="SCO Secretariat",
            kind=OrganizationKind.INTERNATIONAL_ORGANIZATION,
            party=Party.lookup("SCO"),
        )
        assert meeting.forum.parent is not None
        assert meeting.forum.parent.convener == Party.lookup("SCO")
        assert coopmodel.to_json(meeting) == coopmodel.to_json(example)

    def test_a_schedule_change_says_something(self) -> None:
        with pytest.raises(FieldError, match="give at least the planned date"):
            ScheduleChange()

    def test_convener_is_a_party_or_organization(self) -> None:
        with pytest.raises(FieldError, match="expected a Party or Organization"):
            Forum(id="f", name="F", kind=ForumKind.OTHER, convener=Person(name="Someone"))  # type: ignore[arg-type]


class TestText:
    @pytest.mark.parametrize(
        "blank", ["", " ", "\u200b", "\u3164", "\u202e", "\ufeff", "\u2800 \u200d"]
    )
    def test_invisible_text_is_blank(self, blank: str) -> None:
        with pytest.raises(FieldError, match="blank"):
            Party(kind=coopmodel.PartyKind.STATE, code="IND", name=blank)

    @pytest.mark.parametrize("bad", ["India\x00", "\x1b[31mIndia", "India\x85", "\x7f"])
    def test_control_characters_are_refused(self, bad: str) -> None:
        with pytest.raises(FieldError, match="control character"):
            Party(kind=coopmodel.PartyKind.STATE, code="IND", name=bad)

    def test_nfc_and_nfd_are_one_value(self) -> None:
        composed = Party(kind=coopmodel.PartyKind.STATE, code="TUR", name="Türkiye")
        decomposed = Party(
            kind=coopmodel.PartyKind.STATE, code="TUR", name=unicodedata.normalize("NFD", "Türkiye")
        )
        assert composed == decomposed
        assert coopmodel.to_json(composed) == coopmodel.to_json(decomposed)

    def test_line_breaks_and_tabs_are_text(self) -> None:
        assert (
            Party(kind=coopmodel.PartyKind.STATE, code="IND", name="India\n\tभारत").name
            == "India\n\tभारत"
        )
