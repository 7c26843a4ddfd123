"""The value classes: construction, invariants, equality, derived copies."""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest

from coopmodel import (
    MAX_FORUM_DEPTH,
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    FieldError,
    Forum,
    ForumKind,
    Meeting,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    PartyKind,
    Place,
    Source,
    Stage,
    TimeSpan,
    vocabulary,
    zone_name,
)

INDIA = Party.lookup("India")
RUSSIA = Party.lookup("Russia")


def forum(**changes: object) -> Forum:
    fields: dict[str, object] = {
        "id": "ind-rus-irigc-tec",
        "name": "India-Russia Intergovernmental Commission",
        "kind": ForumKind.INTERGOVERNMENTAL_COMMISSION,
        "parties": (INDIA, RUSSIA),
    }
    fields.update(changes)
    return Forum(**fields)  # type: ignore[arg-type]


SOURCE = Source(publisher="Business Standard", title="India, Russia to collaborate")


class TestParty:
    @pytest.mark.parametrize(
        ("name", "code"),
        [
            ("Russia", "RUS"),
            ("Russian Federation", "RUS"),
            ("india", "IND"),
            ("  India ", "IND"),
            ("US", "USA"),
            ("United States", "USA"),
            ("U.S.", "USA"),
            ("UK", "GBR"),
            ("Türkiye", "TUR"),
            ("Turkey", "TUR"),
            ("South Korea", "KOR"),
            ("IND", "IND"),
            ("de", "DEU"),
        ],
    )
    def test_lookup_states(self, name: str, code: str) -> None:
        party = Party.lookup(name)
        assert party.kind is PartyKind.STATE
        assert party.code == code

    def test_lookup_names_states_by_short_name(self) -> None:
        assert Party.lookup("Russian Federation").name == "Russia"
        assert Party.lookup("IND").name == "India"
        assert Party.lookup("usa").name == "United States"

    @pytest.mark.parametrize(
        ("name", "code", "kind"),
        [
            ("EU", "EU", PartyKind.REGIONAL_BLOC),
            ("European Union", "EU", PartyKind.REGIONAL_BLOC),
            ("BRICS", "BRICS", PartyKind.GROUPING),
            ("sco", "SCO", PartyKind.INTERNATIONAL_ORGANIZATION),
            ("Association of Southeast Asian Nations", "ASEAN", PartyKind.REGIONAL_BLOC),
        ],
    )
    def test_lookup_organizations(self, name: str, code: str, kind: PartyKind) -> None:
        party = Party.lookup(name)
        assert (party.code, party.kind) == (code, kind)
        assert party.identifiers[0].scheme == "wikidata"

    def test_lookup_unknown(self) -> None:
        with pytest.raises(LookupError, match="Atlantis"):
            Party.lookup("Atlantis")

    def test_state_by_alpha2(self) -> None:
        assert Party.state("in") == INDIA

    def test_state_unknown(self) -> None:
        with pytest.raises(LookupError, match="'XX'"):
            Party.state("XX")

    def test_rejects_unknown_country_code(self) -> None:
        with pytest.raises(FieldError) as info:
            Party(kind=PartyKind.STATE, code="XXX", name="Nowhere")
        assert info.value.field == "code"
        assert info.value.value == "XXX"
        assert str(info.value) == "code: 'XXX' is not an ISO 3166-1 alpha-3 code"

    def test_rejects_lowercase_organization_code(self) -> None:
        with pytest.raises(FieldError, match="organization code"):
            Party(kind=PartyKind.GROUPING, code="brics", name="BRICS")

    @pytest.mark.parametrize("name", ["", "   ", "\n", 3, None, "bad \ud800 surrogate"])
    def test_rejects_bad_names(self, name: object) -> None:
        with pytest.raises(FieldError) as info:
            Party(kind=PartyKind.STATE, code="IND", name=name)  # type: ignore[arg-type]
        assert info.value.field == "name"

    def test_rejects_kind_value_instead_of_member(self) -> None:
        with pytest.raises(FieldError, match="is not a PartyKind"):
            Party(kind="state", code="IND", name="India")  # type: ignore[arg-type]

    def test_identifiers_are_stored_as_a_tuple(self) -> None:
        given = [ExternalId("wikidata", "Q668")]
        party = Party(kind=PartyKind.STATE, code="IND", name="India", identifiers=given)
        assert party.identifiers == (ExternalId("wikidata", "Q668"),)
        assert party.identifiers.__class__ is tuple
        generated = Party(
            kind=PartyKind.STATE,
            code="IND",
            name="India",
            identifiers=(i for i in given),
        )
        assert generated == party
        assert hash(generated) == hash(party)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("Q668", "is a string, expected a list or tuple of ExternalId"),
            (b"Q668", "expected a list or tuple of ExternalId"),
            ({"wikidata": "Q668"}, "is an object, expected a list or tuple of ExternalId"),
            ({ExternalId("wikidata", "Q668")}, "is a set, whose order is arbitrary"),
            (5, "is an integer, expected a list or tuple of ExternalId"),
            (["Q668"], r"has a string at \[0\], expected ExternalId"),
        ],
    )
    def test_identifiers_refuse_what_is_not_a_sequence_of_items(
        self, value: object, message: str
    ) -> None:
        with pytest.raises(FieldError, match=message) as info:
            Party(kind=PartyKind.STATE, code="IND", name="India", identifiers=value)  # type: ignore[arg-type]
        assert info.value.field == "identifiers"


class TestValues:
    def test_frozen(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            INDIA.name = "Bharat"  # type: ignore[misc]

    def test_slots(self) -> None:
        assert not hasattr(INDIA, "__dict__")

    def test_equality_and_hash_by_value(self) -> None:
        again = Party(kind=PartyKind.STATE, code="IND", name="India")
        assert again == INDIA
        assert hash(again) == hash(INDIA)
        assert len({INDIA, again, RUSSIA}) == 2

    def test_evolve_validates(self) -> None:
        renamed = attrs.evolve(INDIA, name="Bharat")
        assert renamed.name == "Bharat"
        assert INDIA.name == "India"
        with pytest.raises(FieldError):
            attrs.evolve(INDIA, code="XXX")

    def test_pickle(self) -> None:
        meeting = Meeting(id="m-1", title="Meeting", forum=forum(), sources=(SOURCE,))
        assert pickle.loads(pickle.dumps(meeting)) == meeting  # noqa: S301 - our own bytes

    def test_wikidata_ids_checked(self) -> None:
        assert ExternalId("wikidata", "Q668").value == "Q668"
        with pytest.raises(FieldError, match="Wikidata"):
            ExternalId("wikidata", "India")
        assert ExternalId("geonames", "1261481").scheme == "geonames"
        with pytest.raises(FieldError, match="scheme"):
            ExternalId("WikiData", "Q668")


class TestTime:
    def test_time_span_equality_sees_the_zone(self) -> None:
        kolkata = TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
        utc = TimeSpan(pendulum.datetime(2025, 8, 6, 16, 8, tz="UTC"))
        assert kolkata.start == utc.start  # pendulum: same instant
        assert kolkata != utc  # coopmodel: different values
        assert kolkata == TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
        assert hash(kolkata) == hash(
            TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
        )

    def test_naive_rejected(self) -> None:
        with pytest.raises(FieldError, match="naive"):
            TimeSpan(pendulum.naive(2025, 8, 6, 21, 38))

    def test_aware_stdlib_datetimes_are_converted(self) -> None:
        import datetime as dt  # noqa: PLC0415
        import zoneinfo  # noqa: PLC0415

        kolkata = dt.datetime(2025, 8, 6, 21, 38, tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata"))
        span = TimeSpan(kolkata, dt.datetime(2025, 8, 6, 17, tzinfo=dt.UTC))
        assert span.start.__class__ is pendulum.DateTime
        assert span.start == pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata")
        assert zone_name(span.start) == "Asia/Kolkata"
        assert span.end is not None
        assert span.end.utcoffset() == dt.timedelta(0)
        fixed = TimeSpan(dt.datetime(2025, 8, 6, tzinfo=dt.timezone(dt.timedelta(hours=3))))
        assert fixed.start.isoformat() == "2025-08-06T00:00:00+03:00"
        assert zone_name(fixed.start) is None
        with pytest.raises(FieldError, match="naive"):
            TimeSpan(dt.datetime(2025, 8, 6, 21, 38))  # noqa: DTZ001
        with pytest.raises(FieldError, match="fraction of a second"):
            TimeSpan(dt.datetime(2025, 8, 6, tzinfo=dt.timezone(dt.timedelta(seconds=3600.5))))

    def test_stdlib_dates_are_converted(self) -> None:
        import datetime as dt  # noqa: PLC0415

        span = DateSpan(dt.date(2025, 8, 6), dt.date(2025, 8, 7))
        assert span == DateSpan(pendulum.date(2025, 8, 6), pendulum.date(2025, 8, 7))
        assert span.start.__class__ is pendulum.Date
        with pytest.raises(FieldError, match="expected a date without a time"):
            DateSpan(dt.datetime(2025, 8, 6, tzinfo=dt.UTC))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (
                pendulum.DateTime(2025, 3, 9, 2, 30, tzinfo=pendulum.timezone("America/New_York")),
                "does not exist in America/New_York",
            ),
            (
                pendulum.DateTime(2025, 8, 6, tzinfo=pendulum.timezone("posix/Asia/Kolkata")),
                "means different things on different machines",
            ),
            (
                pendulum.DateTime(2025, 8, 6, tzinfo=pendulum.timezone("right/UTC")),
                "means different things on different machines",
            ),
            (
                pendulum.DateTime(1, 1, 1, 1, tzinfo=pendulum.timezone("Asia/Kolkata")),
                "out of range",
            ),
            (
                pendulum.DateTime(9999, 12, 31, 23, tzinfo=pendulum.timezone("America/New_York")),
                "out of range",
            ),
            (
                pendulum.DateTime(
                    9999, 12, 31, 23, 59, 59, tzinfo=pendulum.FixedTimezone(-14 * 3600)
                ),
                "out of range",
            ),
        ],
    )
    def test_refuses_datetimes_it_could_not_write_and_read_back(
        self, value: pendulum.DateTime, message: str
    ) -> None:
        with pytest.raises(FieldError, match=message) as info:
            TimeSpan(value)
        assert info.value.field == "start"

    def test_end_before_start(self) -> None:
        start = pendulum.datetime(2025, 8, 6, 10, tz="Asia/Kolkata")
        with pytest.raises(FieldError, match=r"end: .* is before start"):
            TimeSpan(start, start.subtract(minutes=1))
        assert TimeSpan(start, start).end == start

    def test_date_span(self) -> None:
        span = DateSpan(pendulum.date(2025, 8, 6), pendulum.date(2025, 8, 7), raw="6-7 August")
        assert (span.earliest, span.latest) == (
            pendulum.date(2025, 8, 6),
            pendulum.date(2025, 8, 7),
        )
        with pytest.raises(FieldError, match="is before start '2025-08-06'"):
            DateSpan(pendulum.date(2025, 8, 6), pendulum.date(2025, 8, 5))
        with pytest.raises(FieldError, match=r"expected a date without a time"):
            DateSpan(pendulum.datetime(2025, 8, 6))  # type: ignore[arg-type]

    def test_one_day_span_either_way(self) -> None:
        day = pendulum.date(2025, 8, 6)
        assert DateSpan(day, day) == DateSpan(day)
        assert DateSpan(day, day).end is None
        assert hash(DateSpan(day, day)) == hash(DateSpan(day))

    def test_partial_date_keeps_precision(self) -> None:
        august = PartialDate(2025, 8, raw="in August 2025")
        assert (august.earliest, august.latest) == (
            pendulum.date(2025, 8, 1),
            pendulum.date(2025, 8, 31),
        )
        assert PartialDate(2024, 2).latest == pendulum.date(2024, 2, 29)
        assert PartialDate(2025).latest == pendulum.date(2025, 12, 31)
        with pytest.raises(FieldError, match="month"):
            PartialDate(2025, 13)
        with pytest.raises(FieldError, match="year"):
            PartialDate(True)  # type: ignore[arg-type]

    def test_zone_name(self) -> None:
        assert zone_name(pendulum.datetime(2025, 1, 1, tz="Europe/Moscow")) == "Europe/Moscow"
        assert zone_name(pendulum.datetime(2025, 1, 1, tz=pendulum.FixedTimezone(3600))) is None


class TestPlace:
    def test_coordinates_normalised(self) -> None:
        assert Coordinates(0, -0.0) == Coordinates(0.0, 0.0)
        assert str(Coordinates(-0.0, 1).latitude) == "0.0"

    @pytest.mark.parametrize(
        ("lat", "lon"), [(91.0, 0.0), (0.0, 180.5), (float("nan"), 0.0), (0.0, float("inf"))]
    )
    def test_coordinates_range(self, lat: float, lon: float) -> None:
        with pytest.raises(FieldError, match="out of range"):
            Coordinates(lat, lon)

    def test_needs_something(self) -> None:
        with pytest.raises(FieldError, match="at least"):
            Place()

    def test_country_checked(self) -> None:
        assert Place(locality="New Delhi", country="IND").country == "IND"
        with pytest.raises(FieldError, match="country: 'India'"):
            Place(locality="New Delhi", country="India")


class TestForum:
    def test_hierarchy(self) -> None:
        commission = forum()
        group = forum(id="ind-rus-wg", kind=ForumKind.WORKING_GROUP, parent=commission)
        assert group.ancestors == (commission,)

    def test_slug(self) -> None:
        with pytest.raises(FieldError, match="slug"):
            forum(id="Not A Slug")
        with pytest.raises(FieldError, match="slug"):
            forum(id="trailing-newline\n")

    def test_depth_limit(self) -> None:
        chain = forum(id="f-0")
        for level in range(1, MAX_FORUM_DEPTH):
            chain = forum(id=f"f-{level}", parent=chain)
        with pytest.raises(FieldError, match="nests too deep"):
            forum(id="one-too-many", parent=chain)

    def test_own_id_in_chain(self) -> None:
        with pytest.raises(FieldError, match="own id"):
            forum(parent=forum())


class TestAreas:
    def test_stage_order(self) -> None:
        assert list(Stage) == sorted(Stage)
        assert Stage.PROPOSED < Stage.EXPLORED < Stage.DISCUSSED < Stage.WELCOMED
        assert Stage.WELCOMED < Stage.AGREED < Stage.SIGNED < Stage.IMPLEMENTED
        assert Stage.SIGNED.rank == 5
        with pytest.raises(TypeError):
            _ = Stage.AGREED < "signed"  # type: ignore[operator]

    def test_vocabulary_covers_the_seed_and_common_areas(self) -> None:
        vocab = vocabulary()
        for code in [
            "minerals.rare_earths",
            "energy.coal_gasification",
            "aerospace.wind_tunnels",
            "trade",
            "investment",
            "energy",
            "nuclear",
            "defence",
            "space",
            "health",
            "health.pharmaceuticals",
            "digital",
            "finance.payments",
            "agriculture",
            "education",
            "culture",
            "tourism",
            "science_technology",
            "transport",
            "logistics",
            "climate",
        ]:
            assert code in vocab, code
        for code, term in vocab.items():
            assert term.parent_code is None or term.parent_code in vocab, code
            assert term.label
            assert all(s == s.casefold() for s in term.synonyms), code

    def test_find_by_synonym(self) -> None:
        assert [t.code for t in vocabulary().find("underground coal gasification")] == [
            "energy.coal_gasification"
        ]

    def test_of_fills_label(self) -> None:
        area = CooperationArea.of("aerospace.wind_tunnels", Stage.DISCUSSED)
        assert area.label == "Wind tunnels"
        with pytest.raises(LookupError):
            CooperationArea.of("no.such.area", Stage.DISCUSSED)

    def test_custom_must_be_explicit(self) -> None:
        with pytest.raises(FieldError, match="custom=True"):
            CooperationArea(code="quantum.sensing", label="Quantum sensing", stage=Stage.PROPOSED)
        custom = CooperationArea(
            code="quantum.sensing", label="Quantum sensing", stage=Stage.PROPOSED, custom=True
        )
        assert custom.custom
        # A custom code the vocabulary also has stays valid (vocabularies grow).
        assert CooperationArea(code="trade", label="Trade", stage=Stage.AGREED, custom=True).custom


class TestMeeting:
    def test_parties_default_from_forum(self) -> None:
        meeting = Meeting(id="m-1", title="Meeting", forum=forum(), sources=(SOURCE,))
        assert meeting.parties == (INDIA, RUSSIA)

    def test_needs_a_source(self) -> None:
        with pytest.raises(FieldError, match="has 0 items, expected at least 1"):
            Meeting(id="m-1", title="Meeting", forum=forum(), sources=())

    def test_session_positive(self) -> None:
        with pytest.raises(FieldError, match="session"):
            Meeting(id="m-1", title="M", forum=forum(), sources=(SOURCE,), session=0)

    def test_organization_as_participant(self) -> None:
        ministry = Organization(
            name="Ministry of Commerce and Industry", kind=OrganizationKind.MINISTRY, party=INDIA
        )
        meeting = Meeting(
            id="m-1", title="M", forum=forum(), sources=(SOURCE,), participants=(ministry,)
        )
        assert meeting.participants[0].party == INDIA  # type: ignore[union-attr]

    def test_url_checked(self) -> None:
        with pytest.raises(FieldError, match="url"):
            Source(publisher="X", title="Y", url="javascript:alert(1)")
        with pytest.raises(FieldError, match="url"):
            Source(publisher="X", title="Y", url="https://exa mple.com/")
        assert Source(publisher="X", title="Y", url="https://example.com/a?b=c").url
