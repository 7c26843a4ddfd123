"""Meetings per second to PLOVER records and to JSON-LD documents.

Run from the repository root::

    python benchmarks/bench_interop.py                 # the seed, copied 2,000 times
    python benchmarks/bench_interop.py --meetings 200 --generated  # from coopmodel.strategies

The seed meeting (17 areas, 4 statements) is the default: every run measures
the same thing.  ``--generated`` draws varied meetings from
``coopmodel.strategies`` instead (needs Hypothesis).  Each conversion runs
``--repeat`` times; the median is printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import attrs

import coopmodel
from coopmodel import jsonld, plover

SEED = Path(__file__).parent.parent / "tests" / "fixtures" / "india-russia-wg-2025-08-06.json"


def seed_meetings(count: int) -> list[coopmodel.Meeting]:
    seed = coopmodel.from_json(SEED.read_bytes(), coopmodel.Meeting)
    return [attrs.evolve(seed, id=f"{seed.id}-{i}") for i in range(count)]


def generated_meetings(count: int) -> list[coopmodel.Meeting]:
    from hypothesis import HealthCheck, Phase, given, reject, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    from coopmodel import strategies as cst  # noqa: PLC0415

    found: list[coopmodel.Meeting] = []

    @st.composite
    def meetings(draw: st.DrawFn) -> coopmodel.Meeting:
        # cst.sources() may draw `updated` before `published`, which Source refuses.
        try:
            return draw(cst.meetings())
        except coopmodel.FieldError:
            reject()

    @settings(
        max_examples=count * 3,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(meetings())
    def collect(meeting: coopmodel.Meeting) -> None:
        if len(found) < count:
            found.append(meeting)

    collect()
    return found


def rate(convert, meetings: list[coopmodel.Meeting], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for meeting in meetings:
            convert(meeting)
        times.append(time.perf_counter() - start)
    return len(meetings) / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generated", action="store_true", help="use coopmodel.strategies")
    args = parser.parse_args()
    meetings = (generated_meetings if args.generated else seed_meetings)(args.meetings)
    kind = "generated" if args.generated else "seed"
    print(f"{len(meetings)} {kind} meetings, median of {args.repeat}")
    print(f"to PLOVER:  {rate(plover.to_plover, meetings, args.repeat):10,.0f} meetings/s")
    print(f"to JSON-LD: {rate(jsonld.to_jsonld, meetings, args.repeat):10,.0f} meetings/s")


if __name__ == "__main__":
    main()
