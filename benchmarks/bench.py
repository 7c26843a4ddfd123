"""coopmodel side by side with pydantic v2, msgspec and the orjson floor, on the same bytes.

Run from the repository root (the ``bench`` dependency group installs the peers)::

    python benchmarks/bench.py                      # 20,000 meetings, 5 repetitions
    python benchmarks/bench.py --meetings 300 --repeat 1   # the CI smoke run
    python benchmarks/bench.py --stream-check 1000000      # JSON Lines peak memory

One process run generates a deterministic corpus (``corpus.py``), writes it
as JSON Lines with coopmodel, checks that the peers accept every document
and reject the same bad documents as coopmodel, then times each operation
for each library, repetitions interleaved, and prints the median.  See
``docs/performance.md`` for the method and the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import gc
import importlib.metadata
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

import coopmodel as cm

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The columns.  "cm/dict" is coopmodel through from_dict(orjson.loads(...))
#: and orjson.dumps(to_dict(...)): no sharing of repeated sub-objects and no
#: GC pause, i.e. coopmodel without its bulk-path tricks.
LIBRARIES = ("coopmodel", "cm/dict", "pydantic", "msgspec", "orjson")


class Library(NamedTuple):
    """How one library decodes one line, encodes one object and bulk-loads a file."""

    name: str
    decode: Callable[[bytes], Any]
    encode: Callable[[Any], Any]
    load: Callable[[Any], list[Any]]
    rejects: tuple[type[BaseException], ...]


def _libraries() -> dict[str, Library]:
    import msgspec  # noqa: PLC0415 - the peers load only when measuring against them
    import peers_msgspec  # noqa: PLC0415
    import peers_pydantic  # noqa: PLC0415
    import pydantic  # noqa: PLC0415

    meeting = cm.Meeting
    pyd_validate = peers_pydantic.Meeting.model_validate_json
    msg_decode = peers_msgspec.decoder.decode
    return {
        "coopmodel": Library(
            "coopmodel",
            lambda line: cm.from_json(line, meeting),
            cm.to_json,
            lambda fp: list(cm.read_jsonl(fp, meeting)),
            (cm.ParseError,),
        ),
        "cm/dict": Library(
            "cm/dict",
            lambda line: cm.from_dict(orjson.loads(line), meeting),
            lambda obj: orjson.dumps(cm.to_dict(obj)),
            lambda fp: [cm.from_dict(orjson.loads(line), meeting) for line in fp],
            (cm.ParseError,),
        ),
        "pydantic": Library(
            "pydantic",
            pyd_validate,
            peers_pydantic.encode,
            lambda fp: [pyd_validate(line) for line in fp],
            (pydantic.ValidationError,),
        ),
        "msgspec": Library(
            "msgspec",
            msg_decode,
            peers_msgspec.encoder.encode,
            lambda fp: [msg_decode(line) for line in fp],
            (msgspec.ValidationError, msgspec.DecodeError),
        ),
        "orjson": Library(
            "orjson",
            orjson.loads,
            orjson.dumps,
            lambda fp: [orjson.loads(line) for line in fp],
            (),
        ),
    }


# --- fairness -------------------------------------------------------------


def _bad_documents(line: bytes) -> Iterator[tuple[str, dict[str, Any]]]:
    """Valid *line* with one thing broken, in each way coopmodel checks."""
    good = orjson.loads(line)
    forum_id = good["forum"]["id"]

    def broken(why: str, change: Callable[[dict[str, Any]], object]) -> tuple[str, dict[str, Any]]:
        doc = copy.deepcopy(good)
        change(doc)
        return why, doc

    def at(*path: str | int) -> Callable[[object], Callable[[dict[str, Any]], None]]:
        def setter(value: object) -> Callable[[dict[str, Any]], None]:
            def change(doc: dict[str, Any]) -> None:
                target: Any = doc
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]] = value

            return change

        return setter

    def when(value: object) -> Callable[[dict[str, Any]], None]:
        return at("when")(value)

    def span(start: str, end: str | None = None) -> dict[str, Any]:
        value = {"type": "time_span", "start": start}
        return value if end is None else {**value, "end": end}

    yield broken("not an ISO alpha-3 code", at("forum", "parties", 0, "code")("XXX"))
    yield broken("not a slug", at("id")("Not A Slug"))
    yield broken("slug too long", at("id")("a" * 129))
    yield broken("unknown top-level key", at("colour")("red"))
    yield broken("unknown nested key", at("areas", 0, "colour")("red"))
    yield broken("area not in vocabulary", at("areas", 0, "code")("minerals.unobtainium"))
    yield broken("bad area code", at("areas", 0, "code")("Minerals..x"))
    yield broken("bad stage", at("areas", 0, "stage")("finished"))
    yield broken("number for text", at("title")(123))
    yield broken("blank text", at("title")("   "))
    yield broken("session 0", at("session")(0))
    yield broken("session as text", at("session")("5"))
    yield broken("session as bool", at("session")(True))  # noqa: FBT003
    yield broken("no sources", at("sources")([]))
    yield broken("naive datetime", when(span("2025-08-06T21:38:00")))
    yield broken("offset not the zone's", when(span("2025-08-06T21:38:00+01:00[Asia/Kolkata]")))
    yield broken("unknown zone", when(span("2025-08-06T21:38:00+05:30[Mars/Olympus]")))
    yield broken("impossible date", when(span("2025-02-30T21:38:00+05:30[Asia/Kolkata]")))
    yield broken(
        "end before start",
        when(span("2025-08-06T21:38:00+05:30[Asia/Kolkata]", "2025-08-06T20:00:00+05:30")),
    )
    yield broken(
        "date span end not after start",
        when({"type": "date_span", "start": "2025-08-06", "end": "2025-08-06"}),
    )
    yield broken("datetime for a date", when({"type": "date_span", "start": "2025-08-06T10:00Z"}))
    yield broken("unknown tag", when({"type": "fortnight", "start": "2025-08-06"}))
    yield broken("untagged union", when({"start": "2025-08-06"}))
    yield broken("month 13", when({"type": "partial_date", "year": 2025, "month": 13}))
    yield broken("year 0", when({"type": "partial_date", "year": 0}))
    yield broken(
        "latitude out of range",
        at("location")({"locality": "X", "coordinates": {"latitude": 91.0, "longitude": 0.0}}),
    )
    yield broken("empty place", at("location")({}))
    yield broken("unknown country", at("location")({"country": "ZZZ"}))
    yield broken("not an http URL", at("sources", 0, "url")("ftp://example.com/x"))
    yield broken("URL with a space", at("sources", 0, "url")("https://example.com/a b"))
    yield broken("bad language tag", at("sources", 0, "language")("English"))
    yield broken("text for bool", at("sources", 0, "syndicated")("yes"))
    yield broken("bad instant", at("sources", 0, "published")("yesterday"))
    yield broken("unknown actor tag", at("statements", 0, "issuer", "type")("robot"))
    yield broken("bad enum type", at("statements", 0, "kind")(7))
    yield broken(
        "bad wikidata id", at("forum", "identifiers")([{"scheme": "wikidata", "value": "X1"}])
    )
    yield broken("bad scheme", at("forum", "identifiers")([{"scheme": "Wiki Data", "value": "1"}]))
    yield broken(
        "bad organization code",
        at("forum", "parties", 0)({"kind": "grouping", "code": "b!", "name": "B"}),
    )
    yield broken(
        "forum is its own parent",
        at("forum", "parent")({"id": forum_id, "name": "X", "kind": "summit"}),
    )
    yield broken("schema version 2", at("schema_version")(2))
    yield broken("array for tuple expected", at("parties")("IND"))
    yield broken("missing forum", lambda doc: doc.pop("forum"))
    yield broken("missing schema version", lambda doc: doc.pop("schema_version"))


def check_fairness(libraries: dict[str, Library], lines: list[bytes]) -> int:
    """The peers accept every document of the corpus, agree on its content and reject bad ones."""
    peers = [libraries["pydantic"], libraries["msgspec"]]
    for line in lines:
        expected = orjson.loads(line)
        for peer in peers:
            written = peer.encode(peer.decode(line))
            if orjson.loads(written) != expected:
                raise AssertionError(f"{peer.name} does not round-trip the corpus: {line[:80]!r}")
    count = 0
    for why, doc in _bad_documents(lines[0]):
        bad = orjson.dumps(doc)
        for library in (libraries["coopmodel"], *peers):
            try:
                library.decode(bad)
            except library.rejects:
                continue
            raise AssertionError(f"{library.name} accepts a bad document: {why}")
        count += 1
    return count


# --- measuring ------------------------------------------------------------


@contextlib.contextmanager
def _gc(*, paused: bool) -> Iterator[None]:
    gc.collect()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _time(function: Callable[[], object], *, paused: bool) -> float:
    """CPU seconds *function* takes (``time.process_time``).

    CPU time of this process rather than wall time, so that other work on the
    machine does not count against whichever library happened to run beside
    it; on an idle machine the two agree.
    """
    with _gc(paused=paused):
        start = time.process_time()
        result = function()
        elapsed = time.process_time() - start
    del result
    gc.collect()
    return elapsed


class Bench:
    """Runs each operation for each library, repetitions interleaved, keeps the medians."""

    def __init__(self, repeat: int, count: int) -> None:
        self.repeat = repeat
        self.count = count
        self.rates: dict[str, dict[str, float]] = {}

    def run(
        self,
        operation: str,
        jobs: dict[str, Callable[..., object]],
        *,
        paused: bool,
        setup: dict[str, Callable[[], object]] | None = None,
    ) -> None:
        """Time each job; with *setup*, each job takes what its untimed setup made."""
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(self.repeat):
            for name, job in jobs.items():
                if setup is None:
                    times[name].append(_time(job, paused=paused))
                    continue
                made = setup[name]()
                times[name].append(_time(functools.partial(job, made), paused=paused))
                del made
        self.rates[operation] = {
            name: self.count / statistics.median(samples) for name, samples in times.items()
        }


def memory_per_object(name: str, path: Path, count: int) -> float:
    """Bytes held per decoded object, measured in a fresh interpreter.

    A fresh process, so that nothing decoded earlier (coopmodel's shared
    sub-objects, the peers' caches) is already in memory: everything the
    objects keep alive is counted, and what they share is counted once.
    """
    command = [sys.executable, __file__, "--measure-memory", name, str(path), str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return float(done.stdout)


def _measure_memory(name: str, path: str, count: int) -> float:
    """In the fresh process: tracemalloc around decoding *count* lines and keeping them."""
    with Path(path).open("rb") as fp:
        lines = [fp.readline() for _ in range(count + 1)]
    decode = _libraries()[name].decode
    decode(lines.pop())  # the first call builds schemas and hooks: not per meeting
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    objects = [decode(line) for line in lines]
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return (held - sys.getsizeof(objects)) / len(objects)


def _versions() -> dict[str, str]:
    names = ("coopmodel", "attrs", "cattrs", "pendulum", "orjson", "pydantic", "pydantic-core")
    found = {name: importlib.metadata.version(name) for name in (*names, "msgspec")}
    found["python"] = platform.python_version()
    return found


def _ratio(mine: float, theirs: float) -> str:
    return f"{mine / theirs:.2f}x"


def report(bench: Bench, memory: dict[str, float]) -> list[tuple[str, bool, str]]:
    """Print the table; return the targets of issue 3 with whether each is met."""
    header = f"{'operation (meetings/s)':36}" + "".join(f"{name:>11}" for name in LIBRARIES)
    print(header + f"{'vs pydantic':>13}{'vs msgspec':>12}")
    for operation, rates in bench.rates.items():
        cells = "".join(
            f"{rates[name]:>11,.0f}" if name in rates else f"{'-':>11}" for name in LIBRARIES
        )
        mine = rates["coopmodel"]
        print(
            f"{operation:36}{cells}{_ratio(mine, rates['pydantic']):>13}"
            f"{_ratio(mine, rates['msgspec']):>12}"
        )
    cells = "".join(f"{memory[name] / 1024:>11.1f}" for name in LIBRARIES)
    mine = memory["coopmodel"]
    print(
        f"{'memory per meeting (KiB, lower=better)':36}{cells}"
        f"{_ratio(mine, memory['pydantic']):>13}{_ratio(mine, memory['msgspec']):>12}"
    )
    rates = bench.rates
    bulk = rates["bulk load (read_jsonl / loop)"]
    decode = rates["decode+validate, GC paused"]
    encode = rates["encode"]
    return [
        (
            "bulk JSONL load faster than pydantic's and msgspec's loops",
            bulk["coopmodel"] > max(bulk["pydantic"], bulk["msgspec"]),
            (
                f"{_ratio(bulk['coopmodel'], bulk['pydantic'])} pydantic,"
                f" {_ratio(bulk['coopmodel'], bulk['msgspec'])} msgspec"
            ),
        ),
        (
            "decode+validate, GC paused >= 0.6x pydantic",
            decode["coopmodel"] >= 0.6 * decode["pydantic"],
            _ratio(decode["coopmodel"], decode["pydantic"]),
        ),
        (
            "encode >= 1.2x pydantic",
            encode["coopmodel"] >= 1.2 * encode["pydantic"],
            _ratio(encode["coopmodel"], encode["pydantic"]),
        ),
        (
            "memory per meeting <= 1.2x msgspec",
            memory["coopmodel"] <= 1.2 * memory["msgspec"],
            _ratio(memory["coopmodel"], memory["msgspec"]),
        ),
    ]


def compare(count: int, repeat: int, memory_sample: int, json_out: str | None) -> int:
    versions = _versions()
    print("versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}")
    libraries = _libraries()
    with tempfile.TemporaryDirectory(prefix="coopmodel-bench-") as directory:
        path = Path(directory) / "corpus.jsonl"
        with path.open("wb") as fp:
            cm.write_jsonl(corpus.meetings(count), fp)
        data = path.read_bytes()
        lines = data.splitlines()
        print(
            f"corpus: {len(lines):,} meetings, {len(data) / 1e6:.1f} MB,"
            f" {len(data) / len(lines):,.0f} bytes per meeting; median of {repeat}"
        )
        rejected = check_fairness(libraries, lines)
        print(f"fairness: the peers round-trip every meeting; all reject {rejected} bad documents")

        bench = Bench(repeat, len(lines))

        def decode_all(library: Library) -> Callable[[], object]:
            decode = library.decode
            return lambda: [decode(line) for line in lines]

        def encode_all(library: Library) -> Callable[[list[Any]], object]:
            encode = library.encode
            return lambda objects: [encode(o) for o in objects]

        def load_file(library: Library) -> Callable[[], object]:
            def job() -> object:
                with path.open("rb") as fp:
                    return library.load(fp)

            return job

        def round_trip(library: Library) -> Callable[[], object]:
            decode, encode = library.decode, library.encode
            return lambda: [encode(decode(line)) for line in lines]

        everyone = {name: libraries[name] for name in LIBRARIES}
        bench.run(
            "decode+validate, GC paused",
            {name: decode_all(lib) for name, lib in everyone.items()},
            paused=True,
        )
        bench.run(
            "decode+validate, GC running",
            {name: decode_all(lib) for name, lib in everyone.items()},
            paused=False,
        )
        bench.run(
            "encode",
            {name: encode_all(lib) for name, lib in everyone.items()},
            paused=False,
            setup={name: decode_all(lib) for name, lib in everyone.items()},
        )
        bench.run(
            "round trip (decode, encode)",
            {name: round_trip(lib) for name, lib in everyone.items()},
            paused=False,
        )
        bench.run(
            "bulk load (read_jsonl / loop)",
            {name: load_file(lib) for name, lib in everyone.items()},
            paused=False,
        )
        sample = min(memory_sample, len(lines) - 1)
        memory = {name: memory_per_object(name, path, sample) for name in everyone}
    print(f"memory: tracemalloc in a fresh process over {sample:,} meetings decoded and kept")
    print()
    targets = report(bench, memory)
    print("\ntargets (issue 3):")
    for what, met, detail in targets:
        print(f"  [{'met' if met else 'MISSED'}] {what}: {detail}")
    if json_out:
        Path(json_out).write_text(
            json.dumps(
                {
                    "versions": versions,
                    "meetings": len(lines),
                    "bytes": len(data),
                    "repeat": repeat,
                    "rates": bench.rates,
                    "memory": memory,
                    "targets": [[what, met, detail] for what, met, detail in targets],
                },
                indent=1,
            )
        )
    return 0


# --- streaming peak memory ------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def stream_check(count: int, limit_mb: float) -> int:
    """write_jsonl then read_jsonl of *count* meetings; the peak RSS of the process."""
    print(f"coopmodel {cm.__version__}, python {platform.python_version()}")
    pool = list(corpus.meetings(min(count, 2000)))
    start_mb = _peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="coopmodel-stream-") as directory:
        path = Path(directory) / "stream.jsonl"
        began = time.perf_counter()
        with path.open("wb") as fp:
            written = cm.write_jsonl((pool[i % len(pool)] for i in range(count)), fp)
        wrote_s = time.perf_counter() - began
        write_mb = _peak_rss_mb()
        size = path.stat().st_size
        began = time.perf_counter()
        read = 0
        with path.open("rb") as fp:
            for index, meeting in enumerate(cm.read_jsonl(fp, cm.Meeting)):
                if index < len(pool) and meeting != pool[index]:
                    raise AssertionError(f"meeting {index} does not read back equal")
                read += 1
        read_s = time.perf_counter() - began
        read_mb = _peak_rss_mb()
    if written != count or read != count:
        raise AssertionError(f"wrote {written}, read {read}, expected {count}")
    print(f"file: {count:,} meetings, {size / 1e9:.2f} GB")
    print(f"peak RSS before: {start_mb:.0f} MB (interpreter, coopmodel, a pool of {len(pool)})")
    print(f"write_jsonl: {wrote_s:.1f} s ({count / wrote_s:,.0f}/s), peak RSS {write_mb:.0f} MB")
    print(f"read_jsonl:  {read_s:.1f} s ({count / read_s:,.0f}/s), peak RSS {read_mb:.0f} MB")
    met = max(write_mb, read_mb) < limit_mb
    print(f"[{'met' if met else 'MISSED'}] peak memory under {limit_mb:.0f} MB")
    return 0 if met else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20_000, help="corpus size (20000)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions, median kept (5)")
    parser.add_argument(
        "--memory-sample", type=int, default=5_000, help="meetings kept for tracemalloc (5000)"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument(
        "--stream-check",
        type=int,
        metavar="N",
        help="instead: write_jsonl and read_jsonl N meetings and report the peak RSS",
    )
    parser.add_argument("--limit-mb", type=float, default=200.0, help="for --stream-check")
    parser.add_argument("--measure-memory", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_memory:
        name, path, count = args.measure_memory
        print(_measure_memory(name, path, int(count)))
        return 0
    if args.stream_check:
        return stream_check(args.stream_check, args.limit_mb)
    return compare(args.meetings, args.repeat, args.memory_sample, args.json)


if __name__ == "__main__":
    sys.exit(main())
