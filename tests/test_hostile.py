"""Hostile input: a mutated document parses to a whole object or raises ParseError at the damage.

Each of the 1,000 valid documents of the corpus (``test_hostile_corpus.py``)
is damaged in every way below, and so is every meeting Hypothesis draws from
:mod:`coopmodel.strategies`:

* a key removed;
* a value replaced by every JSON type it does not have;
* an unknown key added;
* a string replaced by one of 1 MiB;
* a value replaced by arrays or objects nested 10,000 levels deep (and by
  ones just shallow enough for the JSON parser to read);
* invalid UTF-8 in a string;
* ``NaN``, ``Infinity`` and numbers too large for a double;
* a key given twice;
* a forum parent chain 10,000 deep (and one just over the limit);
* a timestamp with a bogus zone or an impossible offset.

Every attempt must end in one of two ways: a :class:`~coopmodel.Meeting`
that is whole (its validators pass, it round-trips, it says what the damaged
document says), or a :class:`~coopmodel.ParseError` whose every path points
at or into the damaged location (``$`` when the bytes are not JSON at all).
Anything else (another exception, a ``RecursionError``, a hang) fails the
test: nothing here catches more than :class:`~coopmodel.ParseError`.
``from_json`` and ``from_dict`` must agree wherever both can be asked.
"""

from __future__ import annotations

import collections
import datetime as dt
import faulthandler
import functools
import importlib.util
import io
import math
import pathlib
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import MAX_FORUM_DEPTH, ErrorDetail, Meeting, ParseError
from coopmodel import strategies as cst
from helpers import deep_key
from test_hostile_corpus import CORPUS_SEED, CORPUS_SIZE, corpus_documents, corpus_meetings

Path = tuple[str | int, ...]

#: orjson reads JSON nested at most this deep, and refuses deeper documents.
ORJSON_MAX_DEPTH = 1024
#: One parse may take at most this long: more is a hang.
HANG_SECONDS = 10.0
#: The whole suite gives up (dumping every thread's stack) after this long.
WATCHDOG_SECONDS = 600

PLACEHOLDER = "@@hostile@@"
PLACEHOLDER_JSON = orjson.dumps(PLACEHOLDER)

#: One value of every JSON type.
JSON_TYPES: dict[str, Any] = {
    "null": None,
    "boolean": True,
    "integer": 7,
    "number": 2.5,
    "string": "wrong",
    "array": [],
    "object": {},
}
UNKNOWN_KEYS = ("zz_unknown", "", "ключ", "__class__", "type", "schema_version", "a b", "🙂")
BAD_UTF8 = (
    b"\xff",  # never valid
    b"\x80",  # a lone continuation byte
    b"\xc0\xaf",  # an overlong encoding of '/'
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xe0\xa4",  # a truncated sequence
    b"\\ud800",  # an escaped lone surrogate
)
NON_FINITE_JSON = (b"NaN", b"Infinity", b"-Infinity", b"1e999", b"-1e400", b"nan", b"inf")
NON_FINITE = (math.nan, math.inf, -math.inf)
BOGUS_ZONES = (
    "Mars/Olympus",
    "../../etc/passwd",
    "/etc/localtime",
    "asia/kolkata",
    "Asia/Kolkata/",
    "Etc/GMT+99",
    "A" * 64,
)
IMPOSSIBLE_OFFSETS = ("+24:00", "-24:00", "+99:99", "-25:00", "+23:60", "+5:30", "+0530", "+05:3")
#: Offsets with 60 or more minutes or seconds, which datetime.fromisoformat would normalise.
OVERFLOWING_OFFSETS = ("+05:60", "+05:99", "-00:60", "+05:30:60", "+00:00:99")
FIXED_BOGUS_TIMESTAMPS = (
    "2025-08-06T21:38:00+05:31[Asia/Kolkata]",  # Kolkata is at +05:30
    "2025-08-06T21:38:00Z[Asia/Kolkata]",
    "2025-08-06T21:38:00+05:30[UTC]",
    "2025-03-09T02:30:00-05:00[America/New_York]",  # in the DST gap
    "9999-12-31T23:59:59-05:00[America/New_York]",  # past year 9999 in UTC
    "0001-01-01T00:00:00+05:30[Asia/Kolkata]",  # before year 1 in UTC
    "2025-02-30T10:00:00+00:00",
    "2025-08-06T21:38:00",  # naive
    "2025-08-06T21:38:00+05:30[Asia/Kolkata",
    "2025-08-06T21:38:00+05:30[]",
)
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_SPLIT_TIMESTAMP = re.compile(
    r"^(?P<wall>[^+Z\[]*?)(?P<offset>Z|[+-][0-9:.]+)?(?:\[(?P<zone>.*)\])?$"
)

#: Damage to one key that an invariant of the object reports on another of its
#: fields: {removed or spoiled key: the sibling whose check fails}.
CROSS_FIELD = {
    "custom": ("code",),  # without custom=true a custom code is not in the vocabulary
    "kind": ("code",),  # a state's code is ISO 3166, an organization's is not
    "country": ("locality",),  # a place needs one of locality, country, region, venue
    "region": ("locality",),
    "venue": ("locality",),
    "start": ("end",),  # the end of a span is not before its start
    "scheme": ("value",),  # a Wikidata value is a Q or P number
}


@pytest.fixture(autouse=True, scope="module")
def _watchdog() -> Iterator[None]:
    """Dump every stack and exit if the module hangs, rather than hang CI."""
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


# --- paths and documents ----------------------------------------------------


def jsonpath(path: Path) -> str:
    """The JSONPath coopmodel writes for *path*: ``$.forum.parties[1].code``."""
    text = "$"
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.isidentifier():
            text += f".{step}"
        else:
            text += f"[{step!r}]"
    return text


def within(path: str, location: str) -> bool:
    """Whether *path* is *location* or a path inside it."""
    return path == location or path.startswith((f"{location}.", f"{location}["))


def get(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


def replaced(document: Any, path: Path, value: Any) -> Any:
    """A copy of *document* with *value* at *path*; only the containers on the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = list(document) if isinstance(document, list) else dict(document)
    copy[head] = replaced(document[head], rest, value) if rest else value  # type: ignore[index]
    return copy


def removed(document: dict[str, Any], path: Path) -> dict[str, Any]:
    parent = dict(get(document, path[:-1]))
    del parent[path[-1]]
    return replaced(document, path[:-1], parent) if path[:-1] else parent


def locations(document: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value below the root, with its path, parents before children."""
    items = document.items() if isinstance(document, dict) else enumerate(document)
    for key, value in items:
        yield (*path, key), value
        if isinstance(value, dict | list):
            yield from locations(value, (*path, key))


def key_paths(document: dict[str, Any]) -> list[Path]:
    return [path for path, _ in locations(document) if isinstance(path[-1], str)]


def value_paths(document: dict[str, Any]) -> list[Path]:
    return [path for path, _ in locations(document)]


def object_paths(document: dict[str, Any]) -> list[Path]:
    return [(), *(path for path, value in locations(document) if isinstance(value, dict))]


def string_paths(document: dict[str, Any]) -> list[Path]:
    return [path for path, value in locations(document) if isinstance(value, str)]


def timestamp_paths(document: dict[str, Any]) -> list[Path]:
    return [
        path
        for path, value in locations(document)
        if isinstance(value, str) and _TIMESTAMP.match(value)
    ]


def forum_tip(document: dict[str, Any]) -> Path:
    """The path of the last forum in the meeting's parent chain."""
    path: Path = ("forum",)
    while "parent" in get(document, path):
        path = (*path, "parent")
    return path


def template(path: Path) -> str:
    """*path* with its indices blanked: ``$.areas[].code``, for coverage counts."""
    return jsonpath(tuple(-1 if isinstance(step, int) else step for step in path)).replace(
        "[-1]", "[]"
    )


def json_type(value: Any) -> str:
    for name, example in JSON_TYPES.items():
        if type(value) is type(example) or (value is None and example is None):
            return name
    raise AssertionError(value)


def with_raw(document: dict[str, Any], path: Path, raw: bytes) -> bytes:
    """The JSON of *document* with the bytes *raw* as the value at *path*."""
    text = orjson.dumps(replaced(document, path, PLACEHOLDER))
    assert text.count(PLACEHOLDER_JSON) == 1
    return text.replace(PLACEHOLDER_JSON, raw)


def object_with_pairs(pairs: Sequence[tuple[str, Any]]) -> bytes:
    """A JSON object written pair by pair, so that a key may appear twice."""
    return b"{" + b",".join(orjson.dumps(key) + b":" + orjson.dumps(v) for key, v in pairs) + b"}"


@functools.cache
def nested(depth: int, kind: str) -> Any:
    """Arrays (or objects) nested *depth* levels deep, built without recursion.

    Cached and shared: the parsers must not change their input.
    """
    value: Any = [] if kind == "array" else {}
    for _ in range(depth - 1):
        value = [value] if kind == "array" else {"a": value}
    return value


@functools.cache
def nested_json(depth: int, kind: str) -> bytes:
    if kind == "array":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * (depth - 1) + b"{}" + b"}" * (depth - 1)


@functools.cache
def forum_chain(length: int) -> dict[str, Any]:
    """A parent chain of *length* forums, built without recursion (cached and shared)."""
    forum: dict[str, Any] = {"id": "chain-0", "name": "n", "kind": "other"}
    for index in range(1, length):
        forum = {"id": f"chain-{index}", "name": "n", "kind": "other", "parent": forum}
    return forum


@functools.cache
def forum_chain_json(length: int) -> bytes:
    opening = b"".join(
        b'{"id":"chain-%d","name":"n","kind":"other","parent":' % index
        for index in range(length - 1, 0, -1)
    )
    return opening + b'{"id":"chain-0","name":"n","kind":"other"}' + b"}" * (length - 1)


@functools.cache
def megabyte_string() -> str:
    """A string of 1 MiB of UTF-8: several scripts, quotes, backslashes, newlines."""
    unit = 'भारत "Россия" \\ 中国\n🇮🇳 text '
    text = unit * (2**20 // len(unit.encode()) + 1)
    while len(text.encode()) > 2**20:
        text = text[:-1]
    return text


def normalized(document: dict[str, Any]) -> dict[str, Any]:
    """A meeting document with every default left out, as ``to_dict`` writes it."""
    document = dict(document)
    forum = document.get("forum")
    if document.get("parties") is None:  # missing, or null: the forum's parties
        document["parties"] = forum.get("parties", []) if isinstance(forum, dict) else []
    if document.get("status") == "held":
        del document["status"]
    return {
        key: _without_defaults(value)
        for key, value in document.items()
        if key == "parties" or not _is_default(value)
    }


def _is_default(value: Any) -> bool:
    # Every optional field defaults to None, every tuple to (), every boolean to False.
    return value is None or value == [] or value is False


def _without_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_defaults(v) for k, v in value.items() if not _is_default(v)}
    if isinstance(value, list):
        return [_without_defaults(item) for item in value]
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return _timestamp_key(value)
    return value


def _timestamp_key(text: str) -> Any:
    """What a timestamp says, however it is written: wall time, offset and zone.

    ``Z`` and ``+00:00``, ``21:38`` and ``21:38:00``, ``.5`` and ``.500000`` say
    the same; a different offset or zone does not.
    """
    base, _, zone = text.partition("[")
    try:
        moment = dt.datetime.fromisoformat(base)
    except ValueError:
        return text
    return (moment.replace(tzinfo=None), moment.utcoffset(), zone)


# --- outcomes ---------------------------------------------------------------


def attempt(parse: Callable[[], Meeting]) -> Meeting | ParseError:
    """Run one parse: a Meeting or a ParseError; anything else propagates and fails."""
    start = time.perf_counter()
    try:
        outcome: Meeting | ParseError = parse()
    except ParseError as error:
        outcome = error
    elapsed = time.perf_counter() - start
    assert elapsed < HANG_SECONDS, f"one parse took {elapsed:.1f} s"
    return outcome


def assert_names(
    error: Meeting | ParseError,
    location: str,
    *,
    exact: bool = False,
    also: Sequence[str] = (),
) -> ParseError:
    """*error* is a ParseError and every path in it is at or inside *location* (or in *also*)."""
    assert isinstance(error, ParseError), f"parsed, but should fail at {location}"
    assert type(error) is ParseError
    assert isinstance(error, ValueError)
    assert error.line is None
    assert error.errors, "a ParseError without problems"
    for detail in error.errors:
        assert type(detail) is ErrorDetail
        assert isinstance(detail.path, str)
        assert isinstance(detail.message, str)
        assert detail.message
        assert detail.path.startswith("$")
        assert within(detail.path, location) or any(within(detail.path, p) for p in also), (
            f"{detail} is not at {location}"
        )
    if exact:
        assert any(detail.path == location for detail in error.errors), error
    assert str(error.errors[0]) in str(error)
    return error


def assert_not_json(error: Meeting | ParseError) -> None:
    """The bytes were refused before any field was looked at."""
    error = assert_names(error, "$", exact=True)
    assert len(error.errors) == 1
    assert "not valid JSON" in error.errors[0].message


def assert_whole(meeting: Meeting | ParseError, document: dict[str, Any]) -> None:
    """*meeting* is fully built, valid, round-trips, and says what *document* says."""
    assert not isinstance(meeting, ParseError), meeting
    assert type(meeting) is Meeting
    _revalidate(meeting)
    text = coopmodel.to_json(meeting)
    back = coopmodel.from_json(text, Meeting)
    assert back == meeting
    assert deep_key(back) == deep_key(meeting)
    assert normalized(coopmodel.to_dict(meeting)) == normalized(document)


def _revalidate(value: Any) -> None:
    """Run every validator and invariant of *value* and of everything inside it again."""
    if attrs.has(type(value)):
        attrs.validate(value)
        assert attrs.evolve(value) == value  # __init__ again: invariants across fields too
        for field in attrs.fields(type(value)):
            _revalidate(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            _revalidate(item)


def assert_same(first: Meeting | ParseError, second: Meeting | ParseError) -> None:
    """Two ways of reading the same document agree."""
    assert type(first) is type(second), (first, second)
    if isinstance(first, ParseError):
        assert isinstance(second, ParseError)
        assert first.errors == second.errors
    else:
        assert first == second
        assert deep_key(first) == deep_key(second)


def read(document: dict[str, Any], both: bool) -> Meeting | ParseError:
    """Read *document* with from_json and, if *both*, from_dict too: they must agree."""
    from_json = attempt(lambda: coopmodel.from_json(orjson.dumps(document), Meeting))
    if both:
        assert_same(from_json, attempt(lambda: coopmodel.from_dict(document, Meeting)))
    return from_json


def check_parsed_or_named(
    outcome: Meeting | ParseError, document: dict[str, Any], path: Path, *, also: Sequence[str] = ()
) -> str:
    if isinstance(outcome, ParseError):
        assert_names(outcome, jsonpath(path), also=also)
        return "error"
    assert_whole(outcome, document)
    return "parsed"


def cross_field(path: Path) -> tuple[str, ...]:
    """The sibling paths an invariant may name when the key at *path* is damaged."""
    key = path[-1] if path else None
    siblings = CROSS_FIELD.get(key, ()) if isinstance(key, str) else ()
    return tuple(jsonpath((*path[:-1], sibling)) for sibling in siblings)


# --- the mutations ------------------------------------------------------------
#
# Each takes the original document and meeting, a path and a variant, parses
# the damaged document every way it can, checks each outcome, and returns the
# outcomes seen ("parsed" or "error") for the statistics.


def remove_key(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    damaged = removed(document, path)
    outcome = read(damaged, both)
    if isinstance(outcome, ParseError) and not cross_field(path):
        assert_names(outcome, jsonpath(path), exact=True)
    return [check_parsed_or_named(outcome, damaged, path, also=cross_field(path))]


def wrong_types(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    seen = []
    original = json_type(get(document, path))
    for name, value in JSON_TYPES.items():
        if name == original:
            continue
        damaged = replaced(document, path, value)
        outcome = read(damaged, both)
        seen.append(check_parsed_or_named(outcome, damaged, path, also=cross_field(path)))
    return seen


def unknown_key(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    keys = [key for key in UNKNOWN_KEYS if key not in get(document, path)]
    key = keys[variant % len(keys)]
    damaged = replaced(document, (*path, key), "surprise")
    outcome = read(damaged, both)
    assert_names(outcome, jsonpath((*path, key)), exact=True)
    # The other problems, if any, are inside the same object.
    assert_names(outcome, jsonpath(path))
    return ["error"]


def huge_string(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    damaged = replaced(document, path, megabyte_string())
    outcome = read(damaged, both)
    return [check_parsed_or_named(outcome, damaged, path)]


def deep_nesting(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    kind = ("array", "object")[variant % 2]
    # 10,000 levels: too deep for the JSON parser, which refuses the bytes.
    assert_not_json(
        attempt(
            lambda: coopmodel.from_json(
                with_raw(document, path, nested_json(10_000, kind)), Meeting
            )
        )
    )
    # 10,000 levels of Python dicts or lists: nothing refuses them before the fields do.
    deep = attempt(
        lambda: coopmodel.from_dict(replaced(document, path, nested(10_000, kind)), Meeting)
    )
    assert_names(deep, jsonpath(path))
    # As deep as the JSON parser goes: the document is read, and the field refuses it.
    depth = ORJSON_MAX_DEPTH - len(path)
    deepest = attempt(
        lambda: coopmodel.from_json(with_raw(document, path, nested_json(depth, kind)), Meeting)
    )
    assert_names(deepest, jsonpath(path))
    return ["error"] * 3


def invalid_utf8(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    bad = BAD_UTF8[variant % len(BAD_UTF8)]
    original = orjson.dumps(get(document, path))[1:-1]
    for raw in (b'"' + bad + b'"', b'"' + original + bad + original + b'"'):
        assert_not_json(
            attempt(lambda raw=raw: coopmodel.from_json(with_raw(document, path, raw), Meeting))
        )
    # The same text as a Python str: a lone surrogate, which is not Unicode text.
    text = orjson.dumps(replaced(document, path, PLACEHOLDER)).decode()
    surrogate = text.replace(PLACEHOLDER, "a\ud800b")
    assert_not_json(attempt(lambda: coopmodel.from_json(surrogate, Meeting)))
    # And in a dict, where no JSON parser stands guard: the field refuses it.
    lone = attempt(lambda: coopmodel.from_dict(replaced(document, path, "a\ud800b"), Meeting))
    assert_names(lone, jsonpath(path), exact=True)
    return ["error"] * 4


def non_finite(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    raw = NON_FINITE_JSON[variant % len(NON_FINITE_JSON)]
    assert_not_json(attempt(lambda: coopmodel.from_json(with_raw(document, path, raw), Meeting)))
    number = NON_FINITE[variant % len(NON_FINITE)]
    outcome = attempt(lambda: coopmodel.from_dict(replaced(document, path, number), Meeting))
    assert_names(outcome, jsonpath(path))
    return ["error", "error"]


def duplicate_key(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    parent, key = path[:-1], path[-1]
    assert isinstance(key, str)
    original = get(document, path)
    other = list(JSON_TYPES.values())[variant % len(JSON_TYPES)]
    pairs = list(get(document, parent).items())
    # The last value wins: the original last gives the original meeting, exactly.
    first_other = object_with_pairs([(key, other), *pairs])
    outcome = attempt(lambda: coopmodel.from_json(with_raw(document, parent, first_other), Meeting))
    assert not isinstance(outcome, ParseError), outcome
    assert outcome == meeting
    assert deep_key(outcome) == deep_key(meeting)
    # The other value last: the same as a document holding only the other value.
    last_other = object_with_pairs([*pairs, (key, other)])
    damaged = with_raw(document, parent, last_other)
    twice = [attempt(lambda: coopmodel.from_json(damaged, Meeting)) for _ in range(2)]
    assert_same(twice[0], twice[1])  # deterministic
    alone = replaced(document, path, other)
    assert_same(twice[0], read(alone, both))
    seen = "parsed" if original == other else check_parsed_or_named(twice[0], alone, path)
    return ["parsed", seen]


def long_forum_chain(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    at = (*path, "parent")
    # 10,000 forums deep is 10,000 objects deep: the JSON parser refuses it.
    assert_not_json(
        attempt(
            lambda: coopmodel.from_json(with_raw(document, at, forum_chain_json(10_000)), Meeting)
        )
    )
    # As dicts, the chain is refused at the parent link, however long it is.
    outcome = attempt(
        lambda: coopmodel.from_dict(replaced(document, at, forum_chain(10_000)), Meeting)
    )
    assert_names(outcome, jsonpath(at))
    # One forum over the limit: refused, with the limit in the message.
    over = MAX_FORUM_DEPTH + 1 - (len(path))  # the chain already holds len(path) forums
    damaged = replaced(document, at, forum_chain(over))
    outcome = read(damaged, both)
    error = assert_names(outcome, "$.forum")
    assert any(f"at most {MAX_FORUM_DEPTH}" in detail.message for detail in error.errors), error
    return ["error"] * 3


def bad_timestamp(
    document: dict[str, Any], meeting: Meeting, path: Path, variant: Any, both: bool
) -> list[str]:
    original = get(document, path)
    parts = _SPLIT_TIMESTAMP.match(original)
    assert parts is not None, original
    wall, offset = parts["wall"], parts["offset"] or "+00:00"
    spoiled = [
        f"{wall}{offset}[{BOGUS_ZONES[variant % len(BOGUS_ZONES)]}]",
        f"{wall}{IMPOSSIBLE_OFFSETS[variant % len(IMPOSSIBLE_OFFSETS)]}",
        FIXED_BOGUS_TIMESTAMPS[variant % len(FIXED_BOGUS_TIMESTAMPS)],
    ]
    for text in spoiled:
        outcome = read(replaced(document, path, text), both)
        error = assert_names(outcome, jsonpath(path), exact=True)
        assert len(error.errors) == 1, error
        assert repr(text)[:40] in error.errors[0].message or "expected" in error.errors[0].message
    return ["error"] * len(spoiled)


Mutation = Callable[[dict[str, Any], Meeting, Path, Any, bool], list[str]]

#: Each mutation with the places it can strike.
MUTATIONS: dict[str, tuple[Mutation, Callable[[dict[str, Any]], list[Path]]]] = {
    "remove_key": (remove_key, key_paths),
    "wrong_types": (wrong_types, value_paths),
    "unknown_key": (unknown_key, object_paths),
    "huge_string": (huge_string, string_paths),
    "deep_nesting": (deep_nesting, value_paths),
    "invalid_utf8": (invalid_utf8, string_paths),
    "non_finite": (non_finite, value_paths),
    "duplicate_key": (duplicate_key, key_paths),
    "long_forum_chain": (long_forum_chain, lambda document: [forum_tip(document)]),
    "bad_timestamp": (bad_timestamp, timestamp_paths),
}


# --- the corpus ---------------------------------------------------------------


@functools.cache
def corpus_plan() -> tuple[tuple[tuple[str, Path, int], ...], ...]:
    """For each corpus document, where each mutation strikes, chosen once, deterministically.

    Each mutation strikes the place (by template, indices blanked) it has
    struck least so far, so the plan covers every field of every class.
    """
    rng = random.Random(CORPUS_SEED + 1)  # noqa: S311 - test data, not secrets
    struck: collections.Counter[tuple[str, str]] = collections.Counter()
    plan = []
    for document in corpus_documents():
        entries = []
        for name, (_, candidates) in MUTATIONS.items():
            paths = candidates(document)
            assert paths, (name, document["id"])
            fewest = min(struck[name, template(path)] for path in paths)
            path = rng.choice([p for p in paths if struck[name, template(p)] == fewest])
            struck[name, template(path)] += 1
            entries.append((name, path, rng.randrange(1_000)))
        plan.append(tuple(entries))
    return tuple(plan)


CHUNKS = 10
#: Every this many documents, from_dict reads each damaged document too, and must agree.
AGREEMENT_EVERY = 4


# The first tenth of the corpus runs by default; the rest is deep (``pytest -m deep``).
@pytest.mark.parametrize(
    "chunk", [0, *(pytest.param(chunk, marks=pytest.mark.deep) for chunk in range(1, CHUNKS))]
)
def test_corpus_mutations(chunk: int) -> None:
    """Every corpus document, damaged every way, parses whole or names the damage."""
    meetings = corpus_meetings()
    documents = corpus_documents()
    plan = corpus_plan()
    size = CORPUS_SIZE // CHUNKS
    seen: collections.Counter[str] = collections.Counter()
    for index in range(chunk * size, (chunk + 1) * size):
        for name, path, variant in plan[index]:
            mutation = MUTATIONS[name][0]
            try:
                both = index % AGREEMENT_EVERY == 0
                seen.update(mutation(documents[index], meetings[index], path, variant, both))
            except AssertionError as failure:
                failure.add_note(f"corpus document {index}, {name} at {jsonpath(path)}")
                raise
    # Both endings happen: the suite is not vacuous.
    assert seen["error"] > size * 10
    assert seen["parsed"] > size // 2


def test_corpus_plan_covers_every_field() -> None:
    """Every field name of the corpus is removed, retyped and duplicated somewhere."""
    documents = corpus_documents()
    plan = corpus_plan()
    assert len(plan) == len(documents) >= 1000
    fields = {path[-1] for document in documents for path in key_paths(document)}
    for mutation in ("remove_key", "wrong_types", "duplicate_key"):
        struck = {path[-1] for entries in plan for name, path, _ in entries if name == mutation}
        assert fields <= struck, (mutation, fields - struck)
    every = {name for entries in plan for name, _, _ in entries}
    assert every == set(MUTATIONS)


# --- properties -----------------------------------------------------------------

# Whole meetings are costly to draw: a quarter of the profile's examples (the corpus
# does the bulk of the work).
HOSTILE_SETTINGS = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@HOSTILE_SETTINGS
@given(meeting=cst.meetings(), data=st.data())
def test_mutated_meetings(meeting: Meeting, data: st.DataObject) -> None:
    """Any meeting, damaged any of the ways above, parses whole or names the damage."""
    document = coopmodel.to_dict(meeting)
    name = data.draw(st.sampled_from(sorted(MUTATIONS)), label="mutation")
    mutation, candidates = MUTATIONS[name]
    paths = candidates(document)
    if not paths:  # e.g. no timestamp in this meeting
        return
    path = data.draw(st.sampled_from(paths), label="path")
    mutation(document, meeting, path, data.draw(st.integers(0, 999), label="variant"), True)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@HOSTILE_SETTINGS
@given(meeting=cst.meetings(), data=st.data(), value=json_values)
def test_any_json_anywhere(meeting: Meeting, data: st.DataObject, value: Any) -> None:
    """Any JSON value at any place of a meeting parses whole or is named there."""
    document = coopmodel.to_dict(meeting)
    path = data.draw(st.sampled_from(value_paths(document)), label="path")
    damaged = replaced(document, path, value)
    try:
        text = orjson.dumps(damaged)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits: not JSON orjson writes
        outcome = attempt(lambda: coopmodel.from_dict(damaged, Meeting))
    else:
        outcome = attempt(lambda: coopmodel.from_json(text, Meeting))
        assert_same(outcome, attempt(lambda: coopmodel.from_dict(damaged, Meeting)))
    check_parsed_or_named(outcome, damaged, path, also=cross_field(path))


PUBLIC_CLASSES = list(coopmodel._model.PUBLIC_CLASSES)  # the registry


@HOSTILE_SETTINGS
@given(value=json_values, cls=st.sampled_from(PUBLIC_CLASSES))
def test_any_json_document(value: Any, cls: type) -> None:
    """Arbitrary JSON, as any public class: a whole object or a ParseError."""
    document = {"schema_version": 1, **value} if isinstance(value, dict) else value
    for data in (value, document):
        outcome = _parse_any(lambda data=data: coopmodel.from_dict(data, cls))
        if not isinstance(outcome, ParseError):
            assert type(outcome) is cls
            _revalidate(outcome)
            assert coopmodel.from_json(coopmodel.to_json(outcome), cls) == outcome


@HOSTILE_SETTINGS
@given(data=st.binary(max_size=512), cls=st.sampled_from(PUBLIC_CLASSES))
def test_any_bytes(data: bytes, cls: type) -> None:
    outcome = _parse_any(lambda: coopmodel.from_json(data, cls))
    if not isinstance(outcome, ParseError):
        assert type(outcome) is cls


@HOSTILE_SETTINGS
@given(index=st.integers(0, CORPUS_SIZE - 1), data=st.data())
def test_spliced_bytes(index: int, data: st.DataObject) -> None:
    """Valid JSON with a few bytes overwritten, inserted or cut."""
    text = coopmodel.to_json(corpus_meetings()[index])
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, min(len(text), start + 8)), label="end")
    patch = data.draw(st.binary(max_size=8), label="patch")
    spliced = text[:start] + patch + text[end:]
    outcome = _parse_any(lambda: coopmodel.from_json(spliced, Meeting))
    if not isinstance(outcome, ParseError):
        assert_whole(outcome, orjson.loads(spliced))


def _parse_any(parse: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    try:
        outcome = parse()
    except ParseError as error:
        assert error.errors
        assert all(detail.path.startswith("$") for detail in error.errors)
        outcome = error
    assert time.perf_counter() - start < HANG_SECONDS
    return outcome


def test_duplicate_keys_the_last_wins() -> None:
    """A key given twice means its last value, as orjson reads it: deterministically."""
    document, meeting = corpus_documents()[0], corpus_meetings()[0]
    pairs = list(document.items())
    last = object_with_pairs([*pairs, ("title", "Second")])
    assert coopmodel.from_json(last, Meeting) == attrs.evolve(meeting, title="Second")
    first = object_with_pairs([("title", "First"), *pairs])
    assert coopmodel.from_json(first, Meeting) == meeting
    # The version too: the last one is the one checked.
    assert (
        coopmodel.from_json(object_with_pairs([("schema_version", 99), *pairs]), Meeting) == meeting
    )
    late = object_with_pairs([*pairs, ("schema_version", 99)])
    assert_names(
        attempt(lambda: coopmodel.from_json(late, Meeting)), "$.schema_version", exact=True
    )
    # A union's tag: the object is read as the last tag says.
    when = {"type": "partial_date", "year": 2025}
    tagged = object_with_pairs([("type", "date_span"), *when.items()])
    text = with_raw(document, ("when",), tagged)
    read = [coopmodel.from_json(text, Meeting) for _ in range(3)]
    assert read[0].when == coopmodel.PartialDate(2025)
    assert read[0] == read[1] == read[2]


# --- bugs found by this suite, fixed: kept as regression tests ------------------


def test_deeply_nested_schema_version_is_a_parse_error() -> None:
    text = b'{"schema_version":' + nested_json(1000, "array") + b"}"
    error = attempt(lambda: coopmodel.from_json(text, Meeting))
    assert_names(error, "$.schema_version", exact=True)


def test_huge_integer_schema_version_is_a_parse_error() -> None:
    error = attempt(lambda: coopmodel.from_dict({"schema_version": 10**5000}, Meeting))
    assert_names(error, "$.schema_version", exact=True)


@pytest.mark.parametrize("offset", ["+05:30:00.5", "-23:59:59.999999"])
def test_sub_second_offsets_are_kept_or_refused(offset: str) -> None:
    document = dict(corpus_documents()[0])
    path: Path = ("sources", 0, "published")
    stamp = f"2025-08-06T21:38:00{offset}"
    damaged = replaced(document, path, stamp)
    outcome = attempt(lambda: coopmodel.from_dict(damaged, Meeting))
    if isinstance(outcome, ParseError):
        assert_names(outcome, jsonpath(path), exact=True)
    else:
        assert get(coopmodel.to_dict(outcome), path) == stamp


@pytest.mark.parametrize("offset", OVERFLOWING_OFFSETS)
def test_offsets_with_overflowing_fields_are_refused(offset: str) -> None:
    path: Path = ("sources", 0, "published")
    damaged = replaced(corpus_documents()[0], path, f"2025-08-06T21:38:00{offset}")
    outcome = read(damaged, both=True)
    assert_names(outcome, jsonpath(path), exact=True)


# --- the fuzz target ----------------------------------------------------------------

FUZZ_TARGET = pathlib.Path(__file__).resolve().parent.parent / "fuzz" / "fuzz_from_json.py"


@pytest.fixture(scope="module")
def fuzz_target() -> Any:
    if not FUZZ_TARGET.is_file():  # e.g. tests run from an sdist, which has no fuzz/
        pytest.skip("fuzz/fuzz_from_json.py is not here")
    spec = importlib.util.spec_from_file_location("fuzz_from_json", FUZZ_TARGET)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fuzz_target_runs(fuzz_target: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The fuzz target's pure-Python mode, briefly, so the target cannot rot."""
    seeds = fuzz_target.seed_inputs()
    classes = {fuzz_target.split(seed)[0] for seed in seeds}
    assert classes == set(fuzz_target.CLASSES)
    assert [fuzz_target.test_one_input(seed) for seed in seeds] == ["parsed"] * len(seeds)
    assert fuzz_target.fallback(runs=400, seed=CORPUS_SEED, files=[]) == 0
    assert "parsed" in capsys.readouterr().out


def test_the_fuzz_target_sees_a_crash(
    fuzz_target: Any, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target that can fail: an exception other than ParseError is a crash, written down."""

    def broken(data: bytes, cls: type) -> Any:
        raise KeyError(data)

    monkeypatch.setattr(fuzz_target.coopmodel, "from_json", broken)
    monkeypatch.chdir(tmp_path)
    crash = tmp_path / "input.bin"
    crash.write_bytes(b"\x00{}")
    assert fuzz_target.fallback(runs=0, seed=0, files=[crash]) == 1
    assert [path.read_bytes() for path in tmp_path.glob("crash-*")] == [b"\x00{}"]


# --- JSON Lines -----------------------------------------------------------------------


#: Ways to write a document as one line: intact, or damaged at a path.
LINE_DAMAGE: tuple[Callable[[dict[str, Any], Path], bytes], ...] = (
    lambda document, path: orjson.dumps(document),
    lambda document, path: orjson.dumps(replaced(document, path, {})),
    lambda document, path: with_raw(document, path, b'"\xff"'),
    lambda document, path: with_raw(document, path, b"NaN"),
    lambda document, path: with_raw(document, path, nested_json(10_000, "array")),
    lambda document, path: b"  " + orjson.dumps(document) + b"\r",  # CRLF and spaces
    lambda document, path: with_raw(document, path, b"1e999"),
    lambda document, path: orjson.dumps(replaced(document, ("forum", "parent"), forum_chain(40))),
    lambda document, path: b"[" + orjson.dumps(document) + b"]",
    lambda document, path: orjson.dumps(replaced(document, path, megabyte_string())),
)


def damaged_lines() -> list[bytes]:
    """One line per corpus document: intact, or damaged in one of many ways."""
    lines = []
    for index, document in enumerate(corpus_documents()[:300]):
        paths = value_paths(document)
        path = paths[index * 7919 % len(paths)]
        lines.append(LINE_DAMAGE[index % len(LINE_DAMAGE)](document, path))
    return lines


def test_json_lines_of_damaged_documents() -> None:
    """read_jsonl gives, line for line, what from_json gives, with the line numbers."""
    lines = damaged_lines()
    data = b"\n".join([lines[0], b"", b"   ", *lines[1:]]) + b"\n"
    numbers = [1, *range(4, len(lines) + 3)]  # two blank lines after the first
    errors: list[ParseError] = []
    read = list(coopmodel.read_jsonl(io.BytesIO(data), Meeting, on_error=errors.append))
    expected_objects, expected_errors = [], []
    for number, line in zip(numbers, lines, strict=True):
        outcome = attempt(lambda line=line: coopmodel.from_json(line, Meeting))
        if isinstance(outcome, ParseError):
            expected_errors.append((number, outcome.errors))
        else:
            expected_objects.append(outcome)
    assert [deep_key(m) for m in read] == [deep_key(m) for m in expected_objects]
    assert [(error.line, error.errors) for error in errors] == expected_errors
    assert len(read) > 50
    assert len(errors) > 150
    for error in errors:
        assert f"line {error.line}" in str(error)
