"""coopmodel side by side with pydantic v2, msgspec and the orjson floor, on the same bytes.

Run from the repository root (the ``bench`` dependency group installs the peers)::

    python benchmarks/bench.py                      # 20,000 meetings, 5 repetitions
    python benchmarks/bench.py --meetings 300 --repeat 1   # the CI smoke run
    python benchmarks/bench.py --corpus fresh --gc batch   # one corpus, one GC treatment
    python benchmarks/bench.py --flat-100k          # also load 100,000 meetings (slow)
    python benchmarks/bench.py --stream-check 1000000      # JSON Lines peak memory

One run generates three deterministic corpora (``corpus.py``): the original
one whose reference data recurs (``repetitive``), a realistic ``mix`` and one
where nothing recurs (``fresh``).  For each it writes JSON Lines with
coopmodel, checks that the peers accept every document and reject the same
bad documents as coopmodel, then times each operation for each library under
each garbage-collector treatment, the same for every library, repetitions
interleaved, and prints the median CPU time; loads are also timed in a fresh
process per library at several sizes.  It ends with the targets of issue 7,
PASS or MISS with the ratio, for every corpus.  See ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import gc
import importlib.metadata
import itertools
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
from coopmodel import _io

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

#: The columns.  "cm/dict" is coopmodel through from_dict(orjson.loads(...))
#: and orjson.dumps(to_dict(...)): no sharing of repeated sub-objects and no
#: GC pause of its own, i.e. coopmodel without its bulk-path tricks.
LIBRARIES = ("coopmodel", "cm/dict", "pydantic", "msgspec", "orjson")

#: The garbage-collector treatments, each applied to every library alike:
#: "on": the collector runs (coopmodel's own pause in read_jsonl is switched
#: off too); "off": it is off for the whole measurement; "batch": it is
#: paused while each batch of lines already read is turned into objects, and
#: runs between batches: what read_jsonl does, given to every library.
GC_MODES = ("on", "off", "batch")
GC_LABELS = {"on": "GC on", "off": "GC off", "batch": "GC batch pause"}

#: The batch size of the "batch" treatment: read_jsonl's own.
BATCH = getattr(_io, "_BATCH", 512)

#: The sizes of the fresh-process loads, the first and last also judge whether
#: the cost per meeting is flat.
SIZES = (1_000, 10_000)
FLAT_SIZE = 100_000


class Library(NamedTuple):
    """How one library decodes one line, encodes one object and bulk-loads a file."""

    name: str
    decode: Callable[[bytes], Any]
    encode: Callable[[Any], Any]
    load: Callable[[Any, str], list[Any]]
    rejects: tuple[type[BaseException], ...]


# --- the garbage-collector treatments ------------------------------------


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    """The collector off for the block, back on after it if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def each(function: Callable[[Any], Any], items: list[Any], mode: str) -> list[Any]:
    """``[function(item) for item in items]`` under GC treatment *mode*.

    Under ``"batch"`` the items go by in batches of :data:`BATCH`, the
    collector paused while each batch is built; the other treatments are set
    around the whole measurement (:func:`treatment`).
    """
    if mode != "batch":
        return [function(item) for item in items]
    made: list[Any] = []
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        with _paused():
            made.extend([function(item) for item in batch])
    return made


def load_lines(decode: Callable[[bytes], Any], fp: Iterable[bytes], mode: str) -> list[Any]:
    """A peer's bulk load: every line of *fp* decoded, under GC treatment *mode*.

    Under ``"batch"``, a batch of lines is read first and the collector paused
    only while they are decoded, never while reading.
    """
    if mode != "batch":
        return [decode(line) for line in fp]
    lines = iter(fp)
    made: list[Any] = []
    while batch := list(itertools.islice(lines, BATCH)):
        with _paused():
            made.extend([decode(line) for line in batch])
    return made


def _no_pause() -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


@contextlib.contextmanager
def treatment(mode: str, *, collect: bool = True) -> Iterator[None]:
    """Set GC treatment *mode* around a measurement, alike for every library.

    ``"off"`` turns the collector off for the whole block.  ``"on"`` leaves it
    on and also switches off the pause inside coopmodel's ``read_jsonl``, so
    that coopmodel runs under the collector as the peers do.  ``"batch"``
    leaves it on: :func:`each`, :func:`load_lines` and ``read_jsonl`` pause it
    per batch.  With *collect*, a full collection comes first, so that every
    measurement starts with no garbage left by the one before.
    """
    if collect:
        gc.collect()
    patched = mode == "on" and hasattr(_io, "gc_paused")
    original = getattr(_io, "gc_paused", None)
    if patched:
        _io.gc_paused = _no_pause  # type: ignore[assignment]
    if mode == "off":
        gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if patched:
            _io.gc_paused = original  # type: ignore[assignment]


def _loop(decode: Callable[[bytes], Any]) -> Callable[[Any, str], list[Any]]:
    return lambda fp, mode: load_lines(decode, fp, mode)


def _coopmodel() -> Library:
    meeting = cm.Meeting
    return Library(
        "coopmodel",
        lambda line: cm.from_json(line, meeting),
        cm.to_json,
        lambda fp, _mode: list(cm.read_jsonl(fp, meeting)),
        (cm.ParseError,),
    )


def _cm_dict() -> Library:
    meeting = cm.Meeting

    def decode(line: bytes) -> cm.Meeting:
        return cm.from_dict(orjson.loads(line), meeting)

    return Library(
        "cm/dict",
        decode,
        lambda obj: orjson.dumps(cm.to_dict(obj)),
        _loop(decode),
        (cm.ParseError,),
    )


def _pydantic() -> Library:
    import peers_pydantic  # noqa: PLC0415 - each peer loads only where it is measured
    import pydantic  # noqa: PLC0415

    validate = peers_pydantic.Meeting.model_validate_json
    return Library(
        "pydantic", validate, peers_pydantic.encode, _loop(validate), (pydantic.ValidationError,)
    )


def _msgspec() -> Library:
    import msgspec  # noqa: PLC0415
    import peers_msgspec  # noqa: PLC0415

    decode = peers_msgspec.decoder.decode
    return Library(
        "msgspec",
        decode,
        peers_msgspec.encoder.encode,
        _loop(decode),
        (msgspec.ValidationError, msgspec.DecodeError),
    )


def _orjson() -> Library:
    return Library("orjson", orjson.loads, orjson.dumps, _loop(orjson.loads), ())


_BUILDERS: dict[str, Callable[[], Library]] = {
    "coopmodel": _coopmodel,
    "cm/dict": _cm_dict,
    "pydantic": _pydantic,
    "msgspec": _msgspec,
    "orjson": _orjson,
}


def _libraries() -> dict[str, Library]:
    return {name: _BUILDERS[name]() for name in LIBRARIES}


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
    yield broken("slug and a newline", at("id")(good["id"] + "\n"))
    yield broken("forum id not a slug", at("forum", "id")("forum/1"))
    yield broken("slug too long", at("id")("a" * 129))
    yield broken("unknown top-level key", at("colour")("red"))
    yield broken("unknown nested key", at("areas", 0, "colour")("red"))
    yield broken("area not in vocabulary", at("areas", 0, "code")("minerals.unobtainium"))
    yield broken("bad area code", at("areas", 0, "code")("Minerals..x"))
    yield broken("area code and a newline", at("areas", 0, "code")("minerals.rare_earths\n"))
    yield broken("bad stage", at("areas", 0, "stage")("finished"))
    yield broken("number for text", at("title")(123))
    yield broken("blank text", at("title")("   "))
    yield broken("invisible text", at("title")("\u200b\u3164"))
    yield broken("text with a control character", at("title")("Talks\x07"))
    yield broken("session 0", at("session")(0))
    yield broken("session as text", at("session")("5"))
    yield broken("session as bool", at("session")(True))  # noqa: FBT003
    yield broken("session 2**53", at("session")(2**53))
    yield broken("no sources", at("sources")([]))
    yield broken("naive datetime", when(span("2025-08-06T21:38:00")))
    yield broken("offset not the zone's", when(span("2025-08-06T21:38:00+01:00[Asia/Kolkata]")))
    yield broken("unknown zone", when(span("2025-08-06T21:38:00+05:30[Mars/Olympus]")))
    yield broken("posix/ zone", when(span("2025-08-06T21:38:00+05:30[posix/Asia/Kolkata]")))
    yield broken(
        "wall time in a DST gap", when(span("2025-03-09T02:30:00-05:00[America/New_York]"))
    )
    yield broken("offset of 24 hours", when(span("2025-08-06T21:38:00+24:00")))
    yield broken("impossible date", when(span("2025-02-30T21:38:00+05:30[Asia/Kolkata]")))
    yield broken(
        "end before start",
        when(span("2025-08-06T21:38:00+05:30[Asia/Kolkata]", "2025-08-06T20:00:00+05:30")),
    )
    yield broken(
        "date span end before start",
        when({"type": "date_span", "start": "2025-08-06", "end": "2025-08-05"}),
    )
    yield broken("datetime for a date", when({"type": "date_span", "start": "2025-08-06T10:00Z"}))
    yield broken("unknown tag", when({"type": "fortnight", "start": "2025-08-06"}))
    yield broken("untagged union", when({"start": "2025-08-06"}))
    yield broken("month 13", when({"type": "partial_date", "year": 2025, "month": 13}))
    yield broken("year 0", when({"type": "partial_date", "year": 0}))
    yield broken("year 10000", when({"type": "partial_date", "year": 10_000}))
    yield broken(
        "latitude out of range",
        at("location")({"locality": "X", "coordinates": {"latitude": 91.0, "longitude": 0.0}}),
    )
    yield broken("empty place", at("location")({}))
    yield broken("unknown country", at("location")({"country": "ZZZ"}))
    yield broken("not an http URL", at("sources", 0, "url")("ftp://example.com/x"))
    yield broken("URL with a space", at("sources", 0, "url")("https://example.com/a b"))
    yield broken("URL without a host", at("sources", 0, "url")("https://"))
    yield broken("URL with port 99999", at("sources", 0, "url")("https://example.com:99999/"))
    yield broken("URL too long", at("sources", 0, "url")("https://example.com/" + "a" * 2048))
    yield broken("bad language tag", at("sources", 0, "language")("English"))
    yield broken("language and a newline", at("sources", 0, "language")("en\n"))
    yield broken("text for bool", at("sources", 0, "syndicated")("yes"))
    yield broken("bad instant", at("sources", 0, "published")("yesterday"))
    yield broken(
        "updated before published",
        lambda doc: doc["sources"][0].update(published="2025-08-06", updated="2025-08-05"),
    )
    yield broken("empty schedule change", at("schedule_change")({}))
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


def _time(function: Callable[[], object], mode: str, *, collect: bool = True) -> float:
    """CPU seconds *function* takes (``time.process_time``) under GC treatment *mode*.

    CPU time of this process rather than wall time, so that other work on the
    machine does not count against whichever library happened to run beside
    it; on an idle machine the two agree.
    """
    with treatment(mode, collect=collect):
        start = time.process_time()
        result = function()
        elapsed = time.process_time() - start
    del result
    return elapsed


class Bench:
    """Runs each operation for each library, repetitions interleaved, keeps the medians."""

    def __init__(self, repeat: int, count: int) -> None:
        self.repeat = repeat
        self.count = count
        #: Meetings per second, by row ("decode, GC on"...) and library.
        self.rates: dict[str, dict[str, float]] = {}

    def run(
        self,
        row: str,
        jobs: dict[str, Callable[..., object]],
        mode: str,
        setup: dict[str, Callable[[], object]] | None = None,
    ) -> None:
        """Time each job; with *setup*, each job takes what its untimed setup made."""
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(self.repeat):
            for name, job in jobs.items():
                if setup is None:
                    times[name].append(_time(job, mode))
                    continue
                made = setup[name]()
                times[name].append(_time(functools.partial(job, made), mode))
                del made
        self.rates[row] = {
            name: self.count / statistics.median(samples) for name, samples in times.items()
        }


def _in_fork(function: Callable[[], float]) -> float:
    """*function*'s result, run in a forked copy of this process.

    Each measurement starts from the same state: hooks built by the warm-up,
    nothing of the measured data in any cache or on the heap.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        status = 1
        try:
            os.write(write, repr(function()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise RuntimeError(f"a measurement failed in a forked process (status {status})")
    return float(data)


def _held_per_object(decode: Callable[[bytes], Any], path: Path, count: int) -> float:
    """Bytes held per object: tracemalloc around decoding *count* lines and keeping them."""
    with path.open("rb") as fp:
        lines = [fp.readline() for _ in range(count)]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    objects = [decode(line) for line in lines]
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return (held - sys.getsizeof(objects)) / len(objects)


class Fresh(NamedTuple):
    """What one library is asked about one corpus in a fresh interpreter."""

    warmup: str
    """A file of one document that is in none of the measured files."""
    memory_path: str
    memory_count: int
    """Memory per meeting over the first *memory_count* lines of *memory_path*."""
    loads: list[tuple[str, str]]
    """(GC treatment, path) pairs: each file is loaded in a forked copy."""


def measure_fresh(library: str, jobs: list[Fresh]) -> list[tuple[float, list[float]]]:
    """Memory per object and the CPU seconds of each load of *jobs*, in a fresh interpreter.

    The interpreter imports only *library* (and coopmodel, which the peer
    models read their constraints from) and decodes the warm-up document of
    each job: that builds the library's hooks and schemas, which a program
    pays once, not per meeting.  Each measurement then runs in a forked copy
    of it, so the caches of recurring objects are cold and the heap holds
    nothing of the measured data: memory held per meeting by tracemalloc,
    loads by CPU time under their GC treatment.
    """
    arguments = json.dumps([library, [job._asdict() for job in jobs]])
    command = [sys.executable, __file__, "--fresh", arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{library} in a fresh process failed:\n{done.stderr}")
    return [(memory, loads) for memory, loads in json.loads(done.stdout)]


def _fresh(library_name: str, jobs: list[Fresh]) -> list[tuple[float, list[float]]]:
    """In the fresh interpreter: see :func:`measure_fresh`."""
    library = _BUILDERS[library_name]()  # only this one: its own heap, as in a program
    for job in jobs:
        library.decode(Path(job.warmup).read_bytes())
    gc.collect()

    def load(mode: str, path: str) -> float:
        # No collection first: the forked copy starts with none to do.
        with Path(path).open("rb") as fp:
            return _time(lambda: library.load(fp, mode), mode, collect=False)

    found = []
    for job in jobs:
        memory = _in_fork(
            functools.partial(
                _held_per_object, library.decode, Path(job.memory_path), job.memory_count
            )
        )
        loads = [_in_fork(functools.partial(load, mode, path)) for mode, path in job.loads]
        found.append((memory, loads))
    return found


def _versions() -> dict[str, str]:
    names = ("coopmodel", "attrs", "cattrs", "pendulum", "orjson", "pydantic", "pydantic-core")
    found = {name: importlib.metadata.version(name) for name in (*names, "msgspec")}
    found["python"] = platform.python_version()
    return found


# --- one corpus -------------------------------------------------------------


class Result(NamedTuple):
    """Everything measured on one corpus."""

    kind: str
    meetings: int
    size: int
    sharing: corpus.Sharing
    rejected: int
    rates: dict[str, dict[str, float]]
    """Meetings per second, by row and library."""
    memory: dict[str, float]
    """Bytes held per meeting, by library."""
    loads: dict[str, dict[int, dict[str, float]]]
    """Fresh-process loads: CPU seconds per meeting by GC treatment, size and library."""


def _row(operation: str, mode: str) -> str:
    return f"{operation}, {GC_LABELS[mode]}"


def _write_corpus(kind: str, directory: Path, count: int, sizes: tuple[int, ...]) -> corpus.Sharing:
    """Write corpus *kind* as JSON Lines: all of it, each size's first lines and a warm-up line.

    ``<kind>-<N>.jsonl`` holds the first *N* lines, for *count* and each of
    *sizes*, and ``<kind>-warmup.jsonl`` the one line after the largest.
    Returns how much reference data the first *count* meetings share.
    """
    total = max(count, *sizes) + 1
    path = directory / f"{kind}.jsonl"
    sharing = corpus.SharingCount()

    def counted() -> Iterator[cm.Meeting]:
        for index, meeting in enumerate(corpus.meetings(total, kind=kind)):
            if index < count:
                sharing.add(meeting)
            yield meeting

    with path.open("wb") as fp:
        cm.write_jsonl(counted(), fp)
    with path.open("rb") as fp:
        lines = iter(fp)
        taken = 0
        prefix: list[bytes] = []
        for size in sorted({count, *sizes}):
            prefix.extend(itertools.islice(lines, size - taken))
            taken = size
            (directory / f"{kind}-{size}.jsonl").write_bytes(b"".join(prefix))
        (directory / f"{kind}-warmup.jsonl").write_bytes(next(lines))
    path.unlink()
    return sharing.result()


def measure(
    kind: str,
    directory: Path,
    count: int,
    repeat: int,
    modes: tuple[str, ...],
    sizes: tuple[int, ...],
) -> Result:
    """Measure every library on corpus *kind* of *count* meetings, in this process.

    The memory and the fresh-process loads come later, for all corpora at
    once (:func:`measure_fresh_all`).
    """
    libraries = _libraries()
    sharing = _write_corpus(kind, directory, count, sizes)
    path = directory / f"{kind}-{count}.jsonl"
    data = path.read_bytes()
    lines = data.splitlines()
    rejected = check_fairness(libraries, lines)
    # What exists now (all five libraries, their hooks, this corpus) is frozen
    # out of the collector's walks, so that no library pays, in this process,
    # for walking the others' modules; the fresh-process loads show each
    # library's cost with only its own heap.
    gc.unfreeze()
    gc.collect()
    gc.freeze()

    bench = Bench(repeat, len(lines))
    everyone = {name: libraries[name] for name in LIBRARIES}
    for mode in modes:

        def decode_all(library: Library, mode: str = mode) -> Callable[[], object]:
            return lambda: each(library.decode, lines, mode)

        def encode_all(library: Library, mode: str = mode) -> Callable[[list[Any]], object]:
            return lambda objects: each(library.encode, objects, mode)

        def setup(library: Library) -> Callable[[], object]:
            return lambda: each(library.decode, lines, "batch")

        def load_file(library: Library, mode: str = mode) -> Callable[[], object]:
            def job() -> object:
                with path.open("rb") as fp:
                    return library.load(fp, mode)

            return job

        bench.run(_row("decode", mode), {n: decode_all(lib) for n, lib in everyone.items()}, mode)
        bench.run(
            _row("encode", mode),
            {n: encode_all(lib) for n, lib in everyone.items()},
            mode,
            setup={n: setup(lib) for n, lib in everyone.items()},
        )
        bench.run(_row("bulk load", mode), {n: load_file(lib) for n, lib in everyone.items()}, mode)

    return Result(kind, len(lines), len(data), sharing, rejected, bench.rates, {}, {})


def measure_fresh_all(
    results: list[Result],
    directory: Path,
    count: int,
    modes: tuple[str, ...],
    sizes: tuple[int, ...],
    memory_sample: int,
) -> None:
    """Fill in the memory and fresh-process loads of *results*: one interpreter a library."""
    plan = [(mode, size) for mode in modes for size in sizes]
    jobs = [
        Fresh(
            str(directory / f"{result.kind}-warmup.jsonl"),
            str(directory / f"{result.kind}-{count}.jsonl"),
            min(memory_sample, count),
            [(mode, str(directory / f"{result.kind}-{size}.jsonl")) for mode, size in plan],
        )
        for result in results
    ]
    for result in results:
        result.loads.update({mode: {size: {} for size in sizes} for mode in modes})
    for name in LIBRARIES:
        for result, (memory, seconds) in zip(results, measure_fresh(name, jobs), strict=True):
            result.memory[name] = memory
            for (mode, size), spent in zip(plan, seconds, strict=True):
                result.loads[mode][size][name] = spent / size


# --- report -----------------------------------------------------------------


def _ratio(value: float) -> str:
    return f"{value:.2f}x"


def print_result(result: Result) -> None:
    """One corpus: what it is, then every row for every library."""
    sharing = result.sharing
    print(
        f"\ncorpus {result.kind!r}: {result.meetings:,} meetings, {result.size / 1e6:.1f} MB,"
        f" {result.size / result.meetings:,.0f} bytes a meeting"
    )
    again = 1 - sharing.distinct / sharing.occurrences if sharing.occurrences else 0.0
    print(
        f"  reference data: {sharing.distinct:,} distinct shared objects in"
        f" {sharing.occurrences:,} places ({again:.1%} are repeats);"
        f" {sharing.recurring:,} of them occur in more than one meeting"
    )
    print(
        f"  fairness: the peers round-trip every meeting;"
        f" all reject {result.rejected} bad documents"
    )
    print(f"{'meetings a second (CPU time)':38}" + "".join(f"{n:>11}" for n in LIBRARIES), end="")
    print(f"{'vs pydantic':>13}{'vs msgspec':>12}")

    def line(label: str, cells: dict[str, float], fmt: str, vs: Callable[[str], float]) -> None:
        text = "".join(
            format(cells[name], fmt).rjust(11) if name in cells else f"{'-':>11}"
            for name in LIBRARIES
        )
        print(f"{label:38}{text}{_ratio(vs('pydantic')):>13}{_ratio(vs('msgspec')):>12}")

    for row, rates in result.rates.items():
        line(row, rates, ",.0f", lambda peer, r=rates: r["coopmodel"] / r[peer])
    memory = {name: held / 1024 for name, held in result.memory.items()}
    line(
        "memory a meeting, KiB (lower=better)",
        memory,
        ".1f",
        lambda peer: memory["coopmodel"] / memory[peer],
    )
    print("fresh-process load, µs a meeting (lower=better; ratios: speed)")
    for mode, by_size in result.loads.items():
        for size, costs in by_size.items():
            micro = {name: cost * 1e6 for name, cost in costs.items()}
            line(
                f"  {size:,}, {GC_LABELS[mode]}",
                micro,
                ",.1f",
                lambda peer, m=micro: m[peer] / m["coopmodel"],
            )
        first, last = min(by_size), max(by_size)
        if first != last:
            growth = {
                name: 100 * (by_size[last][name] / by_size[first][name] - 1) for name in LIBRARIES
            }
            text = "".join(f"{growth[name]:>+10.0f}%" for name in LIBRARIES)
            print(f"{f'  change {first:,} -> {last:,}, {GC_LABELS[mode]}':38}{text}")


class Target(NamedTuple):
    """One of the targets of issue 7, judged on one corpus."""

    what: str
    passed: bool | None
    ratio: str


def targets(result: Result) -> list[Target]:
    """The targets of issue 7 on *result*, in the order they are printed."""
    rates = result.rates
    found: list[Target] = []
    modes = [mode for mode in GC_MODES if _row("decode", mode) in rates]
    for mode in modes:
        mine, theirs = rates[_row("decode", mode)]["coopmodel"], rates[_row("decode", mode)]
        found.append(
            Target(
                f"decode >= 1.0x pydantic, {GC_LABELS[mode]}",
                mine >= 1.0 * theirs["pydantic"],
                _ratio(mine / theirs["pydantic"]),
            )
        )
    for mode in modes:
        rate = rates[_row("encode", mode)]
        found.append(
            Target(
                f"encode >= 1.5x pydantic, {GC_LABELS[mode]}",
                rate["coopmodel"] >= 1.5 * rate["pydantic"],
                _ratio(rate["coopmodel"] / rate["pydantic"]),
            )
        )
    for mode in modes:
        rate = rates[_row("bulk load", mode)]
        found.append(
            Target(
                f"bulk read_jsonl >= 1.5x msgspec, {GC_LABELS[mode]}",
                rate["coopmodel"] >= 1.5 * rate["msgspec"],
                _ratio(rate["coopmodel"] / rate["msgspec"]),
            )
        )
    memory = result.memory
    found.append(
        Target(
            "memory a meeting <= 1.1x msgspec",
            memory["coopmodel"] <= 1.1 * memory["msgspec"],
            _ratio(memory["coopmodel"] / memory["msgspec"]),
        )
    )
    for mode in modes:
        by_size = result.loads[mode]
        first, last = min(by_size), max(by_size)
        if first == last:
            found.append(Target(f"cost a meeting flat, {GC_LABELS[mode]}", None, "one size"))
            continue
        change = by_size[last]["coopmodel"] / by_size[first]["coopmodel"]
        found.append(
            Target(
                f"cost a meeting flat within 10%, {first:,} -> {last:,}, {GC_LABELS[mode]}",
                abs(change - 1) <= 0.10,
                f"{100 * (change - 1):+.0f}%",
            )
        )
    return found


def print_targets(results: list[Result]) -> dict[str, list[Target]]:
    """The targets of issue 7 for every corpus, side by side."""
    judged = {result.kind: targets(result) for result in results}
    print("\ntargets (issue 7): coopmodel against the peers, same run, peers treated alike")
    print(f"{'':58}" + "".join(f"{kind:>14}" for kind in judged))
    rows = next(iter(judged.values()))
    for index, target in enumerate(rows):
        cells = ""
        for found in judged.values():
            mark = {True: "PASS", False: "MISS", None: "n/a"}[found[index].passed]
            cells += f"{mark + ' ' + found[index].ratio:>14}"
        print(f"{target.what:58}{cells}")
    return judged


def compare(args: argparse.Namespace) -> int:
    """The side-by-side run: every corpus, every GC treatment, then the targets."""
    versions = _versions()
    print("versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}")
    count = args.meetings
    kinds = tuple(corpus.KINDS) if "all" in args.corpus else tuple(dict.fromkeys(args.corpus))
    modes = GC_MODES if "all" in args.gc else tuple(m for m in GC_MODES if m in args.gc)
    if args.sizes:
        sizes = tuple(sorted({int(size) for size in args.sizes.split(",")}))
    elif count >= SIZES[0]:
        sizes = SIZES
    else:  # the smoke run: one small size, to stay quick (flatness is not judged)
        sizes = (count,)
    if args.flat_100k:
        sizes = (*sizes, FLAT_SIZE)
    print(
        f"median of {args.repeat} (CPU time); GC treatments: "
        + ", ".join(GC_LABELS[mode] for mode in modes)
        + f" (batches of {BATCH} lines); fresh-process loads of "
        + ", ".join(f"{size:,}" for size in sizes)
        + f" meetings; memory over {min(args.memory_sample, count):,} meetings"
    )
    if "on" in modes and not hasattr(_io, "gc_paused"):
        print("note: coopmodel's read_jsonl pause could not be switched off: 'GC on' keeps it")
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="coopmodel-bench-") as directory:
        for kind in kinds:
            print(f"measuring corpus {kind!r}...", file=sys.stderr)
            results.append(measure(kind, Path(directory), count, args.repeat, modes, sizes))
        print("measuring in fresh processes...", file=sys.stderr)
        measure_fresh_all(results, Path(directory), count, modes, sizes, args.memory_sample)
    for result in results:
        print_result(result)
    judged = print_targets(results)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "versions": versions,
                    "repeat": args.repeat,
                    "gc": modes,
                    "sizes": sizes,
                    "corpora": {
                        result.kind: {
                            "meetings": result.meetings,
                            "bytes": result.size,
                            "sharing": result.sharing._asdict(),
                            "rates": result.rates,
                            "memory": result.memory,
                            "loads": result.loads,
                            "targets": [target._asdict() for target in judged[result.kind]],
                        }
                        for result in results
                    },
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
        "--corpus",
        nargs="+",
        choices=(*corpus.KINDS, "all"),
        default=["all"],
        help="which corpora (all)",
    )
    parser.add_argument(
        "--gc", nargs="+", choices=(*GC_MODES, "all"), default=["all"], help="GC treatments (all)"
    )
    parser.add_argument(
        "--sizes",
        metavar="N,N",
        help="fresh-process load sizes (1000,10000; under 1000 meetings: --meetings)",
    )
    parser.add_argument(
        "--flat-100k", action="store_true", help="also load 100,000 meetings (slow)"
    )
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
    parser.add_argument("--fresh", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fresh:
        library, jobs = json.loads(args.fresh)
        print(json.dumps(_fresh(library, [Fresh(**job) for job in jobs])))
        return 0
    if args.stream_check:
        return stream_check(args.stream_check, args.limit_mb)
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
