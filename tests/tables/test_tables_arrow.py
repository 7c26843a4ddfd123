"""Arrow tables and Parquet datasets: the flat schema, and round trips to equal meetings."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path  # noqa: TC003 - pytest reads the annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from table_strategies import meetings as full_meetings
from table_strategies import unique_ids

import coopmodel as cm
from helpers import FIXTURES, deep_key

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
tables = pytest.importorskip("coopmodel.tables")


def fixtures() -> list[cm.Meeting]:
    return [cm.from_json(path.read_bytes(), cm.Meeting) for path in sorted(FIXTURES.glob("*.json"))]


def assert_same(back: list[cm.Meeting], meetings: list[cm.Meeting]) -> None:
    assert back == meetings
    # == compares instants of times; the zone names and types must survive too.
    assert [deep_key(m) for m in back] == [deep_key(m) for m in meetings]


@given(st.lists(full_meetings(), max_size=3).map(unique_ids))
def test_arrow_round_trip(meetings: list[cm.Meeting]) -> None:
    assert_same(tables.from_arrow(tables.to_arrow(meetings)), meetings)


@settings(max_examples=20)
@given(st.lists(full_meetings(), min_size=1, max_size=3).map(unique_ids))
def test_parquet_round_trip(tmp_path_factory: pytest.TempPathFactory, meetings) -> None:
    folder = tmp_path_factory.mktemp("pq")
    assert tables.write_parquet(meetings, folder / "plain") == len(meetings)
    assert_same(tables.read_parquet(folder / "plain"), meetings)
    # The partitioned dataset gives them back batch by batch, each batch year by year.
    assert tables.write_dataset(meetings, folder / "hive", batch_size=2) == len(meetings)
    expected = []
    for start in range(0, len(meetings), 2):
        batch = meetings[start : start + 2]
        expected += sorted(batch, key=tables.partition_year)
    assert_same(tables.read_parquet(folder / "hive"), expected)


def test_fixtures_round_trip_and_flat_values(tmp_path: Path) -> None:
    meetings = fixtures()
    tabled = tables.to_arrow(meetings)
    assert_same(tables.from_arrow(tabled), meetings)
    rows = {r["meeting_id"]: r for r in tabled.meetings.to_pylist()}
    india = rows["ind-rus-wg-mic-2025-08"]
    assert india["status"] == "held"  # the default, written
    assert india["forum_parent_id"] == "ind-rus-irigc-tec"
    assert india["when_type"] is None
    assert india["year"] == 2025  # undated: the year of its first source
    sco = rows["sco-wg-digital-economy-2026-04"]
    assert (sco["when_type"], sco["when_start_date"], sco["when_end_date"]) == (
        "date_span",
        dt.date(2026, 4, 20),
        dt.date(2026, 4, 21),
    )
    assert sco["when_latest"] == dt.date(2026, 4, 21)
    assert '"scheduling conflicts"' in sco["schedule_change_json"]
    assert '"SCO Secretariat"' in sco["forum_json"]
    sources = {r["meeting_id"]: r for r in tabled.sources.to_pylist()}
    published = sources["ind-rus-wg-mic-2025-08"]
    # 21:38 in Kolkata is 16:08 UTC; the zone and the offset are kept beside it.
    assert published["published_utc"] == dt.datetime(2025, 8, 6, 16, 8, tzinfo=dt.UTC)
    assert published["published_zone"] == "Asia/Kolkata"
    assert published["published_offset"] == 19800
    assert published["syndicated"] is True
    assert sources["sco-wg-digital-economy-2026-04"]["syndicated"] is False
    parties = [
        r["code"] for r in tabled.parties.to_pylist() if r["meeting_id"] == sco["meeting_id"]
    ]
    assert parties == ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "IRN"]
    areas = tabled.areas.to_pylist()
    assert [a["stage_rank"] for a in areas[:2]] == [2, 2]
    statements = tabled.statements.to_pylist()
    assert {s["issuer_party_code"] for s in statements} == {"IND"}
    assert statements[0]["issued_type"] == "date_span"


def test_schema_is_what_is_written() -> None:
    tabled = tables.to_arrow(fixtures())
    for name, table in tabled.items():
        assert table.schema == tables.SCHEMAS[name], name
    status = tabled.meetings.schema.field("status").type
    assert pa.types.is_dictionary(status)
    # The dictionary is the whole enumeration, in order, whatever the data holds.
    assert tabled.meetings.column("status").chunk(0).dictionary.to_pylist() == [
        s.value for s in cm.MeetingStatus
    ]
    assert tabled.sources.schema.field("published_utc").type == pa.timestamp("us", tz="UTC")


def test_times_keep_zone_offset_and_fold() -> None:
    # 01:30 happens twice in New York on 2025-11-02; the second (fold=1) is EST.
    second = pendulum.datetime(2025, 11, 2, 6, 30, tz="UTC").in_tz("America/New_York")
    assert (second.hour, second.fold) == (1, 1)
    fixed = pendulum.datetime(1905, 1, 1, tz=pendulum.FixedTimezone(-(3 * 3600 + 30 * 60)))
    forum = cm.Forum(id="f", name="F", kind=cm.ForumKind.OTHER)
    meeting = cm.Meeting(
        id="m",
        title="T",
        forum=forum,
        when=cm.TimeSpan(second, fixed.add(years=200)),
        sources=[cm.Source(publisher="P", title="T", published=pendulum.date(2025, 11, 2))],
    )
    row = tables.to_arrow([meeting]).meetings.to_pylist()[0]
    assert row["when_start_zone"] == "America/New_York"
    assert row["when_start_offset"] == -5 * 3600
    assert row["when_end_zone"] is None
    assert row["when_end_offset"] == -(3 * 3600 + 30 * 60)
    back = tables.from_arrow(tables.to_arrow([meeting]))[0]
    assert back.when.start.fold == 1
    assert deep_key(back) == deep_key(meeting)
    assert type(back.sources[0].published) is pendulum.Date


def test_duplicate_ids_are_refused() -> None:
    meeting = fixtures()[0]
    with pytest.raises(ValueError, match="'ind-rus-wg-mic-2025-08' is the id of two meetings"):
        tables.to_arrow([meeting, meeting])


def test_bad_values_name_table_meeting_and_column() -> None:
    tabled = tables.to_arrow(fixtures())
    areas = tabled.areas
    codes = areas.column("code").to_pylist()
    codes[0] = "not a code"
    bad = attrs.evolve(
        tabled, areas=areas.set_column(areas.column_names.index("code"), "code", pa.array(codes))
    )
    with pytest.raises(tables.TableError) as caught:
        tables.from_arrow(bad)
    error = caught.value
    assert (error.table, error.meeting_id, error.column) == (
        "areas",
        "ind-rus-wg-mic-2025-08",
        "code",
    )
    assert "'not a code'" in str(error)

    meetings = tabled.meetings
    forum = meetings.column("forum_json").to_pylist()
    forum[1] = forum[1].replace('"working_group"', '"club"', 1)
    bad = attrs.evolve(
        tabled,
        meetings=meetings.set_column(
            meetings.column_names.index("forum_json"), "forum_json", pa.array(forum)
        ),
    )
    with pytest.raises(tables.TableError, match=r"meetings\.forum_json .*'club'"):
        tables.from_arrow(bad)

    sources = tabled.sources
    offsets = sources.column("published_offset").to_pylist()
    offsets[0] = 3600
    bad = attrs.evolve(
        tabled,
        sources=sources.set_column(
            sources.column_names.index("published_offset"),
            "published_offset",
            pa.array(offsets, pa.int32()),
        ),
    )
    with pytest.raises(tables.TableError, match=r"sources\.published_offset .*is 3600 s"):
        tables.from_arrow(bad)

    with pytest.raises(tables.TableError, match="is missing from the table"):
        tables.from_arrow(attrs.evolve(tabled, parties=tabled.parties.drop_columns(["name"])))


def test_not_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(tables.TableError, match="is not a directory"):
        tables.read_parquet(tmp_path / "nothing.parquet")
    tables.write_parquet(fixtures(), tmp_path / "ds")
    for file in (tmp_path / "ds" / "areas").iterdir():
        file.unlink()
    (tmp_path / "ds" / "areas").rmdir()
    with pytest.raises(tables.TableError, match="has no areas/ directory"):
        tables.read_parquet(tmp_path / "ds")


def test_dataset_streams_by_batch(tmp_path: Path) -> None:
    base = fixtures()
    meetings = [attrs.evolve(m, id=f"{m.id}-{i}") for i in range(5) for m in base]
    counts: list[int] = []
    assert tables.write_dataset(meetings, tmp_path, batch_size=4, on_batch=counts.append) == 10
    assert counts == [4, 4, 2]
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert "meetings/year=2026/part-2.parquet" in files
    assert "areas/year=2025/part-0.parquet" in files
    # The partition key lives in the path only.
    assert "year" not in pq.read_table(tmp_path / "meetings/year=2025/part-0.parquet").column_names
    back = tables.read_parquet(tmp_path)
    assert sorted(m.id for m in back) == sorted(m.id for m in meetings)
    assert {m.id: m for m in back} == {m.id: m for m in meetings}
    with pytest.raises(ValueError, match="batch_size: 0"):
        tables.write_dataset(meetings, tmp_path / "x", batch_size=0)


def test_import_coopmodel_does_not_import_pyarrow() -> None:
    code = (
        "import sys, coopmodel; coopmodel.merge; coopmodel.query; "
        "print(sorted(m for m in ('pyarrow', 'pandas', 'polars', 'duckdb') if m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_dataset_reads_years_in_numeric_order(tmp_path: Path) -> None:
    base = fixtures()[1]
    meetings = [
        attrs.evolve(base, id=f"y{year}", when=cm.PartialDate(year)) for year in (10, 9, 2025)
    ]
    tables.write_dataset(meetings, tmp_path)
    # year=9 comes before year=10, though "year=10" sorts first as text.
    assert [m.id for m in tables.read_parquet(tmp_path)] == ["y9", "y10", "y2025"]


def test_microseconds_survive_far_from_the_epoch(tmp_path: Path) -> None:
    # pendulum's subtraction went through floats: 2242-03-16T11:47:43.000001 came back .000002.
    when = pendulum.DateTime(2242, 3, 16, 11, 47, 43, 1, tzinfo=pendulum.FixedTimezone(-4140))
    statement = cm.Statement(
        issuer=cm.Party.state("ABW"),
        kind=cm.StatementKind.OFFICIAL_STATEMENT,
        text="x",
        issued=cm.TimeSpan(when),
    )
    meeting = cm.Meeting(
        id="far",
        title="Far",
        forum=cm.Forum(id="f", name="F", kind=cm.ForumKind.OTHER),
        sources=[cm.Source(publisher="P", title="T")],
        statements=[statement],
    )
    tables.write_parquet([meeting], tmp_path / "far.parquet")
    assert tables.read_parquet(tmp_path / "far.parquet") == [meeting]
