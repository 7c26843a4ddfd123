"""Threads and processes: the same answers from many threads at once, and objects that travel.

* Every public function, and the shared converter, called from a thread pool
  with all threads released at once (and the interpreter switching threads
  as often as it can) gives exactly what serial calls give: the same
  objects, bytes, errors and line numbers.
* ``read_jsonl`` pauses the garbage collector while it builds a batch: after
  any mix of concurrent, abandoned and failing reads it is back as it was.
* Every object pickles and unpickles equal (zone names included), and so do
  :class:`~coopmodel.ParseError`, :class:`~coopmodel.FieldError` and
  :class:`~coopmodel.ErrorDetail`; they all survive a round trip through a
  ``ProcessPoolExecutor`` (spawned workers, as on macOS and Windows).
"""

from __future__ import annotations

import copy
import gc
import io
import multiprocessing
import pickle
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import ErrorDetail, FieldError, Meeting, ParseError, Party, PartyKind
from helpers import STRATEGIES, deep_key
from test_hostile_corpus import corpus_documents, corpus_meetings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")

THREADS = 8
SAMPLE = 60  # corpus meetings per concurrency test


@pytest.fixture
def eager_switching() -> Iterator[None]:
    """Make the interpreter switch threads as often as it can, to shake out races."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def run_together(tasks: list[Callable[[], T]]) -> list[T]:
    """Run *tasks* in a thread pool, all released at the same moment; their results in order."""
    barrier = threading.Barrier(len(tasks))

    def released(task: Callable[[], T]) -> T:
        barrier.wait()
        return task()

    with ThreadPoolExecutor(len(tasks)) as pool:
        futures = [pool.submit(released, task) for task in tasks]
        return [future.result() for future in futures]


def outcome(call: Callable[[], Any]) -> Any:
    """What a call gives, in a form that compares by value: a ParseError is its data."""
    try:
        result = call()
    except ParseError as error:
        return ("ParseError", error.errors, error.line)
    return ("result", deep_key(result) if not isinstance(result, bytes | dict) else result)


def sample() -> tuple[Meeting, ...]:
    return corpus_meetings()[:SAMPLE]


def bad_documents() -> list[bytes]:
    """Documents that fail in different places, with different numbers of problems."""
    bad = []
    for index, document in enumerate(corpus_documents()[:SAMPLE]):
        damaged = dict(document)
        match index % 4:
            case 0:
                damaged["title"] = 5
            case 1:
                damaged["forum"] = {**damaged["forum"], "kind": "bazaar", "extra": 1}
            case 2:
                damaged["sources"] = [{"publisher": "p"}] * (index % 7 + 1)
            case _:
                damaged["when"] = {
                    "type": "time_span",
                    "start": "2025-08-06T21:38:00+05:31[Asia/Kolkata]",
                }
        bad.append(orjson.dumps(damaged))
    return bad


def jsonl(meetings: tuple[Meeting, ...], bad: list[bytes]) -> bytes:
    """A JSON Lines file: good and bad lines interleaved, a blank line or two."""
    lines = []
    for index, meeting in enumerate(meetings):
        lines.append(coopmodel.to_json(meeting))
        if index % 10 == 3:
            lines.append(bad[index])
        if index % 25 == 0:
            lines.append(b"")
    return b"\n".join(lines) + b"\n"


def read_all(data: bytes) -> tuple[list[Any], list[tuple[Any, ...]]]:
    errors: list[ParseError] = []
    objects = list(coopmodel.read_jsonl(io.BytesIO(data), Meeting, on_error=errors.append))
    return [deep_key(obj) for obj in objects], [(e.errors, e.line) for e in errors]


def write_all(meetings: tuple[Meeting, ...]) -> bytes:
    buffer = io.BytesIO()
    assert coopmodel.write_jsonl(meetings, buffer) == len(meetings)
    return buffer.getvalue()


def calls() -> list[tuple[str, Callable[[], Any]]]:
    """One call of every public function, on many different inputs."""
    meetings = sample()
    bad = bad_documents()
    texts = [coopmodel.to_json(meeting) for meeting in meetings]
    documents = [coopmodel.to_dict(meeting) for meeting in meetings]
    body = [{k: v for k, v in d.items() if k != "schema_version"} for d in documents]
    shared = coopmodel.converter()
    file = jsonl(meetings, bad)
    result: list[tuple[str, Callable[[], Any]]] = []
    for index, meeting in enumerate(meetings):
        result += [
            ("to_json", lambda m=meeting: coopmodel.to_json(m)),
            ("to_dict", lambda m=meeting: coopmodel.to_dict(m)),
            ("from_json", lambda t=texts[index]: coopmodel.from_json(t, Meeting)),
            ("from_json str", lambda t=texts[index]: coopmodel.from_json(t.decode(), Meeting)),
            ("from_json bad", lambda t=bad[index]: coopmodel.from_json(t, Meeting)),
            ("from_dict", lambda d=documents[index]: coopmodel.from_dict(d, Meeting)),
            ("from_dict bad", lambda t=bad[index]: coopmodel.from_dict(orjson.loads(t), Meeting)),
            ("structure", lambda b=body[index]: shared.structure(b, Meeting)),
            ("unstructure", lambda m=meeting: shared.unstructure(m)),
        ]
    for cls, _ in STRATEGIES:
        result.append(("json_schema", lambda cls=cls: coopmodel.json_schema(cls)))
    for name in ("India", "Russian Federation", "US", "EU", "BRICS", "Türkiye", "nowhere"):
        result.append(("Party.lookup", lambda name=name: _lookup(name)))
    result += [
        ("read_jsonl", lambda: read_all(file)),
        ("write_jsonl", lambda: write_all(meetings)),
        ("vocabulary", lambda: tuple(coopmodel.vocabulary())),
    ]
    return result


def _lookup(name: str) -> Party | str:
    try:
        return Party.lookup(name)
    except LookupError as error:
        return f"LookupError: {error}"


@pytest.mark.usefixtures("eager_switching")
def test_public_functions_from_many_threads_agree_with_serial_calls() -> None:
    todo = calls()
    serial = [outcome(call) for _, call in todo]
    assert any(result[0] == "ParseError" for result in serial)
    # Each thread makes every call, in its own order, all threads at once.
    orders = [todo[offset:] + todo[:offset] for offset in range(0, len(todo), len(todo) // THREADS)]
    threaded = run_together(
        [lambda order=order: [outcome(call) for _, call in order] for order in orders[:THREADS]]
    )
    for offset, results in zip(range(0, len(todo), len(todo) // THREADS), threaded, strict=False):
        expected = serial[offset:] + serial[:offset]
        for (name, _), got, want in zip(
            todo[offset:] + todo[:offset], results, expected, strict=True
        ):
            assert got == want, name


@pytest.mark.usefixtures("eager_switching")
def test_the_same_object_from_many_threads() -> None:
    """Many threads serialize and parse the very same objects at once."""
    meetings = sample()[:20]
    texts = [coopmodel.to_json(meeting) for meeting in meetings]

    def work() -> list[bytes]:
        return [coopmodel.to_json(coopmodel.from_json(text, Meeting)) for text in texts]

    assert run_together([work] * THREADS) == [texts] * THREADS


@pytest.mark.parametrize("enabled", [True, False])
def test_concurrent_bulk_loads_restore_the_garbage_collector(enabled: bool) -> None:
    meetings = sample()
    data = jsonl(meetings, bad_documents())
    strict = b"\n".join(coopmodel.to_json(m) for m in meetings[:40]) + b"\n{}\n"

    def full() -> int:
        return len(read_all(data)[0])

    def abandoned() -> int:
        reader = coopmodel.read_jsonl(io.BytesIO(data), Meeting, on_error=lambda _: None)
        first = next(reader)
        reader.close()
        return 1 if first else 0

    def failing() -> int:
        with pytest.raises(ParseError) as raised:
            list(coopmodel.read_jsonl(io.BytesIO(strict), Meeting))
        assert raised.value.line == 41
        return 0

    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        for _ in range(3):
            run_together([full, abandoned, failing, full, abandoned, failing])
            assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


def test_the_collector_is_on_between_items() -> None:
    """The pause covers building a batch, not the caller's code between items."""
    data = b"".join(coopmodel.to_json(m) + b"\n" for m in sample()[:5])
    for _ in coopmodel.read_jsonl(io.BytesIO(data), Meeting):
        assert gc.isenabled()


@pytest.mark.usefixtures("eager_switching")
def test_a_fresh_converter_from_many_threads_at_once() -> None:
    """The first uses of a converter, all at once: its lazily built hooks must not race.

    (Union hooks fill their table of members on first use; a table seen half
    filled by another thread once made valid tags look unknown.)
    """
    meeting = corpus_meetings()[0]  # the seed: organizations, parties, a time span...
    body = {k: v for k, v in coopmodel.to_dict(meeting).items() if k != "schema_version"}
    for _ in range(20):
        fresh = coopmodel.make_converter()
        results = run_together([lambda fresh=fresh: fresh.structure(body, Meeting)] * THREADS)
        assert results == [meeting] * THREADS


# --- pickle ---------------------------------------------------------------------


def assert_pickles(obj: Any) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, protocol))  # noqa: S301 - our own bytes
        assert back == obj
        assert deep_key(back) == deep_key(obj)
        assert hash(back) == hash(obj)
    assert deep_key(copy.copy(obj)) == deep_key(obj)
    assert deep_key(copy.deepcopy(obj)) == deep_key(obj)


def test_the_corpus_pickles() -> None:
    for meeting in corpus_meetings():
        back = pickle.loads(pickle.dumps(meeting))  # noqa: S301
        assert back == meeting
        assert deep_key(back) == deep_key(meeting)
        assert coopmodel.to_json(back) == coopmodel.to_json(meeting)


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=[c.__name__ for c, _ in STRATEGIES])
def test_every_class_pickles(cls: type, strategy: st.SearchStrategy[Any]) -> None:
    # Whole meetings are costly to draw, and the corpus test pickles 1,000 of them.
    examples = settings.default.max_examples // (4 if cls is Meeting else 1)

    @settings(max_examples=max(10, examples))
    @given(strategy)
    def check(obj: Any) -> None:
        assert type(obj) is cls
        assert_pickles(obj)

    check()


def real_errors() -> list[ParseError]:
    errors = []
    for text in bad_documents()[:8]:
        with pytest.raises(ParseError) as raised:
            coopmodel.from_json(text, Meeting)
        errors.append(raised.value)
    with pytest.raises(ParseError) as raised:
        list(coopmodel.read_jsonl(io.BytesIO(b"\n\n[1]\n"), Meeting))
    errors.append(raised.value)
    many = ParseError(tuple(ErrorDetail(f"$.areas[{n}]", "is bad") for n in range(30)), line=7)
    return [*errors, many]


def assert_same_error(back: Any, error: ParseError) -> None:
    assert type(back) is ParseError
    assert back.errors == error.errors
    assert back.line == error.line
    assert str(back) == str(error)
    assert back.args == error.args


def test_parse_errors_pickle() -> None:
    errors = real_errors()
    assert errors[-2].line == 3
    for error in errors:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert_same_error(pickle.loads(pickle.dumps(error, protocol)), error)  # noqa: S301
        assert_same_error(copy.deepcopy(error), error)
        for detail in error.errors:
            assert pickle.loads(pickle.dumps(detail)) == detail  # noqa: S301


def field_errors() -> list[FieldError]:
    errors = []
    for build in (
        lambda: Party(kind=PartyKind.STATE, code="XX", name="Nowhere"),
        lambda: Party(kind=PartyKind.STATE, code="IND", name="  "),
        lambda: coopmodel.Coordinates(91, 0),
        lambda: coopmodel.PartialDate(2025, 13),
        lambda: coopmodel.DateSpan(pendulum.date(2025, 8, 6), pendulum.date(2025, 8, 5)),
        lambda: coopmodel.TimeSpan(
            pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"), raw=""
        ),
    ):
        with pytest.raises(FieldError) as raised:
            build()
        errors.append(raised.value)
    return errors


def test_field_errors_pickle() -> None:
    for error in field_errors():
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(error, protocol))  # noqa: S301
            assert type(back) is FieldError
            assert (back.field, back.value, back.reason) == (error.field, error.value, error.reason)
            assert str(back) == str(error)


# --- processes ------------------------------------------------------------------


@pytest.fixture(scope="module")
def workers() -> Iterator[ProcessPoolExecutor]:
    # Spawned, not forked: as on macOS and Windows, everything crosses by pickle.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


def test_objects_survive_a_process_pool(workers: ProcessPoolExecutor) -> None:
    meetings = corpus_meetings()[:60]
    # Objects go out and their JSON comes back: the worker sees what we see.
    texts = list(workers.map(coopmodel.to_json, meetings, chunksize=10))
    assert texts == [coopmodel.to_json(meeting) for meeting in meetings]
    # Objects go out and come back.
    back = list(workers.map(copy.deepcopy, meetings, chunksize=10))
    assert back == list(meetings)
    assert [deep_key(m) for m in back] == [deep_key(m) for m in meetings]
    # JSON goes out and objects come back, built in the worker.
    built = [workers.submit(coopmodel.from_json, text, Meeting) for text in texts]
    assert [future.result() for future in built] == list(meetings)


def test_errors_survive_a_process_pool(workers: ProcessPoolExecutor) -> None:
    for text in bad_documents()[:8]:
        with pytest.raises(ParseError) as here:
            coopmodel.from_json(text, Meeting)
        there = workers.submit(coopmodel.from_json, text, Meeting).exception()
        assert_same_error(there, here.value)
    failure = workers.submit(Party, kind=PartyKind.STATE, code="XX", name="Nowhere").exception()
    assert type(failure) is FieldError
    assert (failure.field, failure.value) == ("code", "XX")
    assert workers.submit(copy.deepcopy, real_errors()[-1]).result().line == 7
