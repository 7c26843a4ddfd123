"""The same two questions, answered by DuckDB, Polars and Spark on the same Parquet files.

1. How many meetings had each pair of parties, each year?
2. Which areas were most often agreed (agreed, signed or implemented)?

Each engine's answer is checked against the answer worked out from the
meetings themselves in Python.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import random
import shutil
from collections import Counter
from typing import TYPE_CHECKING

import attrs
import pendulum
import pytest

import coopmodel as cm
from helpers import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

tables = pytest.importorskip("coopmodel.tables")

STATES = ("IND", "RUS", "CHN", "BRA", "ZAF")
AREAS = ("minerals.rare_earths", "energy.coal_gasification", "transport.rail", "metals.aluminium")

PAIRS_SQL = """
SELECT a.code AS party_a, b.code AS party_b, m.year AS year,
       count(DISTINCT m.meeting_id) AS meetings
FROM meetings m
JOIN parties a ON a.meeting_id = m.meeting_id AND a.year = m.year
JOIN parties b ON b.meeting_id = m.meeting_id AND b.year = m.year AND a.code < b.code
GROUP BY a.code, b.code, m.year
ORDER BY year, party_a, party_b
"""

AGREED_SQL = """
SELECT code, count(DISTINCT meeting_id) AS meetings
FROM areas
WHERE stage_rank >= {rank}
GROUP BY code
ORDER BY meetings DESC, code
"""


def corpus() -> list[cm.Meeting]:
    """Forty meetings over three years, between two to four of five states."""
    base = cm.from_json((FIXTURES / "india-russia-wg-2025-08-06.json").read_bytes(), cm.Meeting)
    rng = random.Random(10)  # noqa: S311 - test data, not secrets
    meetings = []
    for i in range(40):
        parties = [cm.Party.state(code) for code in rng.sample(STATES, rng.randint(2, 4))]
        areas = [
            cm.CooperationArea.of(code, rng.choice(list(cm.Stage)))
            for code in rng.sample(AREAS, rng.randint(0, 3))
        ]
        day = pendulum.date(2024 + i % 3, rng.randint(1, 12), rng.randint(1, 28))
        meetings.append(
            attrs.evolve(
                base,
                id=f"m{i}",
                parties=parties,
                areas=areas,
                when=cm.DateSpan(day),
                statements=(),
            )
        )
    return meetings


def expected_pairs(meetings: list[cm.Meeting]) -> list[tuple[str, str, int, int]]:
    counts: Counter[tuple[str, str, int]] = Counter()
    for meeting in meetings:
        codes = sorted({p.code for p in meeting.parties})
        for a, b in itertools.combinations(codes, 2):
            counts[a, b, meeting.when.earliest.year] += 1
    return sorted(
        ((a, b, y, n) for (a, b, y), n in counts.items()), key=lambda r: (r[2], r[0], r[1])
    )


def expected_agreed(meetings: list[cm.Meeting]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for meeting in meetings:
        counts.update({a.code for a in meeting.areas if a.stage >= cm.Stage.AGREED})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[cm.Meeting]]:
    meetings = corpus()
    path = tmp_path_factory.mktemp("engines") / "meetings.parquet"
    tables.write_dataset(meetings, path, batch_size=16)
    return path, meetings


def test_expectations_are_not_trivial(dataset) -> None:
    _, meetings = dataset
    pairs = expected_pairs(meetings)
    assert len(pairs) > 20
    assert max(n for *_, n in pairs) > 1
    assert len(expected_agreed(meetings)) == len(AREAS)


def test_duckdb(dataset) -> None:
    duckdb = pytest.importorskip("duckdb")
    path, meetings = dataset
    con = duckdb.connect()
    for name in ("meetings", "parties", "areas", "sources"):
        # The same as: read_parquet('<path>/<name>/**/*.parquet', hive_partitioning = true)
        con.read_parquet(f"{path}/{name}/**/*.parquet", hive_partitioning=True).create_view(name)
    pairs = con.execute(PAIRS_SQL).fetchall()
    assert [tuple(row) for row in pairs] == expected_pairs(meetings)
    agreed = con.execute(AGREED_SQL.format(rank=cm.Stage.AGREED.rank)).fetchall()
    assert [tuple(row) for row in agreed] == expected_agreed(meetings)
    # The times read as UTC instants, with the zone beside them.
    row = con.execute("SELECT published_utc, published_zone FROM sources LIMIT 1").fetchone()
    assert row[1] == "Asia/Kolkata"
    assert row[0].astimezone(pendulum.UTC).isoformat() == "2025-08-06T16:08:00+00:00"


def test_polars(dataset) -> None:
    pl = pytest.importorskip("polars")
    path, meetings = dataset

    def scan(name: str):
        return pl.scan_parquet(f"{path}/{name}/**/*.parquet", hive_partitioning=True)

    m, p = scan("meetings"), scan("parties")
    pairs = (
        m.select("meeting_id", "year")
        .join(p.select("meeting_id", a="code"), on="meeting_id")
        .join(p.select("meeting_id", b="code"), on="meeting_id")
        .filter(pl.col("a") < pl.col("b"))
        .group_by("a", "b", "year")
        .agg(pl.col("meeting_id").n_unique().alias("meetings"))
        .sort("year", "a", "b")
        .collect()
    )
    assert [tuple(r) for r in pairs.select("a", "b", "year", "meetings").iter_rows()] == (
        expected_pairs(meetings)
    )
    agreed = (
        scan("areas")
        .filter(pl.col("stage_rank") >= cm.Stage.AGREED.rank)
        .group_by("code")
        .agg(pl.col("meeting_id").n_unique().alias("meetings"))
        .sort(["meetings", "code"], descending=[True, False])
        .collect()
    )
    assert list(agreed.iter_rows()) == expected_agreed(meetings)
    # Enumerations arrive as categorical-like strings, with every value spelled out.
    stages = scan("areas").select(pl.col("stage").cast(pl.String)).unique().collect()
    assert set(stages["stage"]) <= {s.value for s in cm.Stage}


def _spark_or_skip():
    """pyspark and Java, or a skip; under CI (``CI`` set) a missing one is a failure."""
    missing = None
    if importlib.util.find_spec("pyspark") is None:
        missing = "pyspark is not installed (it is in the 'tables' dependency group)"
    elif shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing = "Java (17 or later) is not installed"
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the Spark test must run under CI: {missing}")
        pytest.skip(missing)
    from pyspark.sql import SparkSession  # noqa: PLC0415 - optional, and slow to import

    return (
        SparkSession.builder.master("local[1]")
        .appName("coopmodel-tables-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


@pytest.mark.spark
def test_spark(dataset) -> None:
    path, meetings = dataset
    spark = _spark_or_skip()
    try:
        for name in ("meetings", "parties", "areas"):
            # Spark finds the year=... partitions by itself.
            spark.read.parquet(f"{path}/{name}").createOrReplaceTempView(name)
        pairs = spark.sql(PAIRS_SQL).collect()
        assert [tuple(row) for row in pairs] == expected_pairs(meetings)
        agreed = spark.sql(AGREED_SQL.format(rank=cm.Stage.AGREED.rank)).collect()
        assert [tuple(row) for row in agreed] == expected_agreed(meetings)
    finally:
        spark.stop()
