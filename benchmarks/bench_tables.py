"""Throughput of coopmodel's Parquet tables, beside pandas ``json_normalize`` + ``to_parquet``.

    python benchmarks/bench_tables.py --meetings 20000

Generates the benchmark corpus (``corpus.py``), then times, in one process:

* coopmodel: ``tables.write_parquet`` (meetings to seven flat tables) and
  ``tables.read_parquet`` (back to equal meetings, validated);
* pandas: ``pd.json_normalize`` of the JSON form (``coopmodel.to_dict``) and
  ``DataFrame.to_parquet``, then ``pd.read_parquet``.  This is the plain way
  an analyst would try; it gives one wide frame whose list columns (areas,
  sources...) stay nested objects, and it does not read back to meetings.

Prints meetings per second of CPU time (``time.process_time``, all threads)
for each step, best of ``--repeat``: on a shared machine, wall-clock time
measures the neighbours.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

import corpus
import pandas as pd

import coopmodel as cm
from coopmodel import tables


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    meetings = list(corpus.meetings(args.meetings))
    n = len(meetings)
    folder = Path(tempfile.mkdtemp(prefix="bench-tables-"))
    try:
        target = folder / "coopmodel"

        def write_coopmodel() -> None:
            shutil.rmtree(target, ignore_errors=True)
            tables.write_parquet(meetings, target)

        write = best(args.repeat, write_coopmodel)
        back: list[cm.Meeting] = []

        def read_coopmodel() -> None:
            back[:] = tables.read_parquet(target)

        read = best(args.repeat, read_coopmodel)
        if back != meetings:
            raise SystemExit("the round trip lost something")

        dicts = [cm.to_dict(m) for m in meetings]
        pandas_file = folder / "pandas.parquet"

        def write_pandas() -> None:
            pd.json_normalize(dicts).to_parquet(pandas_file)

        pwrite = best(args.repeat, write_pandas)
        pread = best(args.repeat, lambda: pd.read_parquet(pandas_file))
        size = sum(p.stat().st_size for p in target.rglob("*.parquet"))
        print(f"{n} meetings (benchmark corpus), CPU time, best of {args.repeat}")
        print(f"{'':34} {'meetings/s':>12}")
        print(
            f"{'coopmodel write_parquet':34} {n / write:12,.0f}   ({size / 1e6:.1f} MB, 7 tables)"
        )
        print(f"{'coopmodel read_parquet (to Meeting)':34} {n / read:12,.0f}")
        psize = pandas_file.stat().st_size
        print(
            f"{'pandas json_normalize+to_parquet':34} {n / pwrite:12,.0f}"
            f"   ({psize / 1e6:.1f} MB, from dicts)"
        )
        print(f"{'pandas read_parquet (to DataFrame)':34} {n / pread:12,.0f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
