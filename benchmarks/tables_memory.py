"""Peak memory of streaming many meetings into a hive-partitioned Parquet dataset, and back.

    python benchmarks/tables_memory.py --meetings 1000000 --batch-size 20000

Meetings are generated lazily (a pool of 2,000 corpus meetings, cycled, each
copy with its own id), streamed through ``tables.write_dataset`` and read
back with ``tables.iter_parquet``, never held all at once.  Prints the
process's peak resident set size after each phase: it should not grow with
``--meetings``.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import shutil
import tempfile
import time
from pathlib import Path

import attrs
import corpus

from coopmodel import tables


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=tables.DEFAULT_BATCH)
    parser.add_argument("--keep", type=Path, help="write here and keep the dataset")
    args = parser.parse_args()
    pool = list(corpus.meetings(2000))
    print(f"pool of {len(pool)} meetings built: peak RSS {peak_mib():.0f} MiB")

    def stream():
        for i, meeting in enumerate(itertools.islice(itertools.cycle(pool), args.meetings)):
            yield attrs.evolve(meeting, id=f"{meeting.id}-{i}")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="tables-memory-")) / "dataset"
    try:
        start = time.process_time()
        written = tables.write_dataset(stream(), folder, batch_size=args.batch_size)
        took = time.process_time() - start
        size = sum(p.stat().st_size for p in folder.rglob("*.parquet"))
        print(
            f"wrote {written:,} meetings in {took:.0f} s CPU ({written / took:,.0f}/s,"
            f" {size / 1e6:.0f} MB): peak RSS {peak_mib():.0f} MiB"
        )
        start = time.process_time()
        read = sum(1 for _ in tables.iter_parquet(folder))
        took = time.process_time() - start
        print(
            f"read {read:,} meetings in {took:.0f} s CPU ({read / took:,.0f}/s):"
            f" peak RSS {peak_mib():.0f} MiB"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
