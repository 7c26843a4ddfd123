"""Merging reports of one meeting, and the everyday queries."""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from table_strategies import sources, statements

import coopmodel as cm
from coopmodel import strategies as cst
from helpers import FIXTURES

INDIA = cm.from_json((FIXTURES / "india-russia-wg-2025-08-06.json").read_bytes(), cm.Meeting)
SCO = cm.from_json((FIXTURES / "sco-wg-postponed-2026.json").read_bytes(), cm.Meeting)
DAY = pendulum.date(2025, 8, 6)
# Dates that all overlap 6 August 2025: every pair may be merged.
WHENS = (
    None,
    cm.DateSpan(DAY),
    cm.DateSpan(DAY.subtract(days=1), DAY.add(days=1)),
    cm.PartialDate(2025, 8),
    cm.PartialDate(2025),
    cm.TimeSpan(pendulum.datetime(2025, 8, 6, 10, tz="Asia/Kolkata")),
)


@st.composite
def reports(draw: st.DrawFn) -> cm.Meeting:
    """Reports of the India-Russia meeting: their own ids, dates, status, areas, sources..."""
    areas = draw(st.lists(cst.cooperation_areas(), max_size=4))
    areas += draw(st.lists(st.sampled_from(INDIA.areas), max_size=3))
    return attrs.evolve(
        INDIA,
        id=draw(st.sampled_from(["wire", "paper", "ministry"])),
        title=draw(st.sampled_from([INDIA.title, "India, Russia meet", "Talks"])),
        status=draw(st.sampled_from([cm.MeetingStatus.HELD, cm.MeetingStatus.SCHEDULED])),
        when=draw(st.sampled_from(WHENS)),
        session=draw(st.sampled_from([None, 3, 4])),
        sources=draw(st.lists(sources(), min_size=1, max_size=2)),
        areas=areas,
        statements=draw(st.lists(statements(), max_size=2)),
        summary=draw(st.sampled_from([None, INDIA.summary, "Short."])),
    )


def everything(result: cm.MergeResult) -> dict[str, set[object]]:
    meeting = result.meeting
    return {
        "sources": set(meeting.sources),
        "statements": set(meeting.statements),
        "areas": {(a.code, a.label, a.detail) for a in meeting.areas},
    }


@given(reports(), reports())
def test_merge_is_commutative(a: cm.Meeting, b: cm.Meeting) -> None:
    assert cm.merge(a, b) == cm.merge(b, a)


@given(reports(), reports(), reports())
def test_merge_is_associative(a: cm.Meeting, b: cm.Meeting, c: cm.Meeting) -> None:
    assert cm.merge(cm.merge(a, b), c) == cm.merge(a, cm.merge(b, c))


@given(reports())
def test_merge_is_idempotent(a: cm.Meeting) -> None:
    assert cm.merge(a, a) == cm.MergeResult(a, ())
    ab = cm.merge(a, attrs.evolve(a, id="zzz"))
    assert cm.merge(ab, ab) == ab
    assert cm.merge(ab, a) == ab


@given(reports(), reports())
def test_merge_loses_nothing(a: cm.Meeting, b: cm.Meeting) -> None:
    result = cm.merge(a, b)
    if a == b:
        # One report merged with itself is itself, as it was (duplicate areas within
        # one report included): idempotence, not the union rule below.
        assert result == cm.MergeResult(a, ())
        return
    merged = result.meeting
    assert set(a.sources) | set(b.sources) == set(merged.sources)
    assert set(a.statements) | set(b.statements) == set(merged.statements)
    for area in (*a.areas, *b.areas):
        kept = [
            m
            for m in merged.areas
            if (m.code, m.label, m.detail) == (area.code, area.label, area.detail)
        ]
        assert len(kept) == 1
        assert kept[0].stage >= area.stage
        assert kept[0].stage == max(x.stage for x in (*a.areas, *b.areas) if x.code == area.code)
    conflicts = {c.field: c.values for c in result.conflicts}
    for name in ("title", "status", "when", "session", "summary"):
        values = {getattr(a, name), getattr(b, name)} - {None}
        if len(values) > 1:
            assert set(conflicts[name]) == values, name
            assert getattr(merged, name) in values
        else:
            assert name not in conflicts
            assert getattr(merged, name) == (values.pop() if values else None)
    assert merged.id == min(a.id, b.id)
    if a.id != b.id:
        assert cm.ExternalId("coopmodel", max(a.id, b.id)) in merged.identifiers


def test_merge_of_a_wire_and_a_release() -> None:
    wire = attrs.evolve(INDIA, id="wire", when=cm.DateSpan(DAY, raw="on Wednesday"))
    release = attrs.evolve(
        INDIA,
        id="release",
        when=cm.PartialDate(2025, 8),
        status=cm.MeetingStatus.SCHEDULED,
        areas=[
            cm.CooperationArea.of("minerals.rare_earths", cm.Stage.AGREED, detail="a roadmap"),
            cm.CooperationArea.of("space", cm.Stage.PROPOSED),
        ],
        sources=[cm.Source(publisher="Ministry of Commerce", title="Press release")],
    )
    result = cm.merge(wire, release)
    assert not result.ok
    assert [c.field for c in result.conflicts] == ["status", "when"]
    assert result.conflicts[1].values == (
        cm.DateSpan(DAY, raw="on Wednesday"),
        cm.PartialDate(2025, 8),
    )
    merged = result.meeting
    assert merged.when == cm.DateSpan(DAY, raw="on Wednesday")  # the more precise
    assert merged.id == "release"
    assert merged.identifiers == (cm.ExternalId("coopmodel", "wire"),)
    rare = [(a.stage, a.detail) for a in merged.areas if a.code == "minerals.rare_earths"]
    assert sorted(rare, key=str) == [
        (cm.Stage.AGREED, "a roadmap"),
        (cm.Stage.AGREED, "rare earth extraction"),
    ]
    assert len(merged.areas) == len(INDIA.areas) + 2
    assert [s.publisher for s in merged.sources] == ["Business Standard", "Ministry of Commerce"]


def test_identity_rule_and_key() -> None:
    renamed = attrs.evolve(
        INDIA,
        forum=attrs.evolve(
            INDIA.forum,
            id="other-id",
            name="  INDIA-RUSSIA working group on modernization, and industrial cooperation. ",
        ),
    )
    assert cm.same_meeting(INDIA, renamed)
    assert cm.identity_key(INDIA) == cm.identity_key(renamed)
    assert cm.identity_key(INDIA) == (
        "india russia working group on modernization and industrial cooperation|IND+RUS"
    )
    with pytest.raises(cm.MergeError, match="different forums") as caught:
        cm.merge(INDIA, SCO)
    assert caught.value.field == "forum"
    other_parties = attrs.evolve(INDIA, parties=[cm.Party.state("IND"), cm.Party.state("CHN")])
    with pytest.raises(cm.MergeError, match=r"\['IND', 'RUS'\] and \['CHN', 'IND'\]"):
        cm.merge(INDIA, other_parties)
    later = attrs.evolve(INDIA, when=cm.DateSpan(pendulum.date(2025, 9, 1)))
    earlier = attrs.evolve(INDIA, when=cm.PartialDate(2025, 8))
    assert not cm.same_meeting(later, earlier)
    with pytest.raises(cm.MergeError, match=r"08-01\.\.2025-08-31 and 2025-09-01\.\.2025-09-01"):
        cm.merge(earlier, later)
    pickled = pickle.dumps(cm.MergeError("when", (1, 2), "do not overlap"))
    error = pickle.loads(pickled)  # noqa: S301 - our own bytes
    assert (error.field, error.values, str(error)) == ("when", (1, 2), "when: do not overlap")
    with pytest.raises(TypeError, match="expected a Meeting or a MergeResult, got dict"):
        cm.merge(INDIA, {})


def test_query() -> None:
    meetings = [INDIA, SCO]
    assert [m.id for m in cm.query(meetings, party="PAK")] == [SCO.id]
    assert [m.id for m in cm.query(meetings, party=cm.Party.lookup("Russian Federation"))] == [
        INDIA.id,
        SCO.id,
    ]
    assert [m.id for m in cm.query(meetings, area="minerals")] == [INDIA.id]
    assert list(cm.query(meetings, area="mineral")) == []  # a prefix is not a parent
    assert [m.id for m in cm.query(meetings, area="metals", stage=cm.Stage.WELCOMED)] == [INDIA.id]
    # minerals.rare_earths was explored, minerals.exploration welcomed.
    assert [m.id for m in cm.query(meetings, area="minerals", stage=cm.Stage.WELCOMED)] == [
        INDIA.id
    ]
    assert list(cm.query(meetings, area="minerals.rare_earths", stage=cm.Stage.WELCOMED)) == []
    assert list(cm.query(meetings, stage=cm.Stage.AGREED)) == []
    # INDIA is undated: date ranges leave it out.
    assert [m.id for m in cm.query(meetings, since=pendulum.date(2026, 4, 21))] == [SCO.id]
    assert list(cm.query(meetings, since=pendulum.date(2026, 4, 22))) == []
    assert [m.id for m in cm.query(meetings, until=pendulum.date(2026, 4, 20))] == [SCO.id]
    assert list(cm.query(meetings, until=pendulum.date(2026, 4, 19))) == []
    participant = attrs.evolve(
        INDIA,
        participants=[
            cm.Person(
                name="X",
                affiliation=cm.Organization(
                    name="M", kind=cm.OrganizationKind.MINISTRY, party=cm.Party.state("JPN")
                ),
            )
        ],
    )
    assert list(cm.query([participant], party="JPN")) == [participant]
    with pytest.raises(TypeError, match="stage: 'agreed' is not a Stage"):
        cm.query(meetings, stage="agreed")
    with pytest.raises(ValueError, match="until: 2025-01-01 is before since 2025-02-01"):
        cm.query(meetings, since=pendulum.date(2025, 2, 1), until=pendulum.date(2025, 1, 1))
    with pytest.raises(TypeError, match=r"since: .* is not a date"):
        cm.query(meetings, since=pendulum.datetime(2025, 2, 1))


@given(
    st.lists(reports(), max_size=4),
    st.sampled_from(["minerals", "aerospace", "energy"]),
    st.sampled_from(cm.Stage),
)
def test_query_matches_a_plain_filter(meetings, area, stage) -> None:
    found = list(cm.query(meetings, area=area, stage=stage))
    expected = [
        m
        for m in meetings
        if any(
            (a.code == area or a.code.startswith(area + ".")) and a.stage >= stage for a in m.areas
        )
    ]
    assert found == expected
