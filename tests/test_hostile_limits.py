"""The limits of the parsers, stated and tested at their edges.

==============================  =====================================================
Limit                           Value and behaviour
==============================  =====================================================
Document size                   ``MAX_DOCUMENT_BYTES`` = 16 MiB of UTF-8, for
                                ``from_json`` and for each line of ``read_jsonl``;
                                larger input is refused before it is parsed.
JSON nesting                    1,024 levels (orjson's own limit); deeper JSON is
                                refused as "not valid JSON" at ``$``.
Forum parent chains             ``MAX_FORUM_DEPTH`` = 16 forums, the forum itself
                                included; longer chains are refused at any length.
Python data (``from_dict``)     no nesting limit, and no ``RecursionError``: the
                                fields refuse what they cannot hold.
Session ordinal                 1 to 2**53 - 1 (the integers every JSON reader holds).
Slugs, area codes               at most 128 characters; URLs at most 2,048.
==============================  =====================================================
"""

from __future__ import annotations

import io
import sys
from typing import Any

import orjson
import pytest

import coopmodel
from coopmodel import (
    MAX_DOCUMENT_BYTES,
    MAX_FORUM_DEPTH,
    FieldError,
    Forum,
    ForumKind,
    Meeting,
    ParseError,
)
from helpers import SEED_JSON
from test_hostile import (
    ORJSON_MAX_DEPTH,
    Path,
    assert_names,
    assert_not_json,
    attempt,
    forum_chain,
    jsonpath,
    nested,
    nested_json,
    replaced,
)

MIB = 1024 * 1024


def seed_document() -> dict[str, Any]:
    return orjson.loads(SEED_JSON.read_bytes())


def seed_meeting() -> Meeting:
    return coopmodel.from_json(SEED_JSON.read_bytes(), Meeting)


def padded(text: bytes, size: int) -> bytes:
    """*text* with trailing JSON whitespace, *size* bytes in all."""
    assert len(text) <= size
    return text + b" " * (size - len(text))


def assert_too_large(outcome: object) -> None:
    error = assert_names(outcome, "$", exact=True)  # type: ignore[arg-type]
    assert len(error.errors) == 1
    assert str(MAX_DOCUMENT_BYTES) in error.errors[0].message


# --- the documented constants -------------------------------------------------


def test_the_limits_are_the_documented_ones() -> None:
    assert MAX_DOCUMENT_BYTES == 16 * MIB
    assert MAX_FORUM_DEPTH == 16
    assert coopmodel.MAX_DOCUMENT_BYTES is MAX_DOCUMENT_BYTES
    assert "MAX_DOCUMENT_BYTES" in coopmodel.__all__
    assert "MAX_FORUM_DEPTH" in coopmodel.__all__


# --- document size ------------------------------------------------------------


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview, str])
def test_a_document_of_exactly_the_limit_is_read(kind: type) -> None:
    text = padded(SEED_JSON.read_bytes(), MAX_DOCUMENT_BYTES)
    data = text.decode() if kind is str else kind(text)
    assert coopmodel.from_json(data, Meeting) == seed_meeting()


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview, str])
def test_a_document_one_byte_over_the_limit_is_refused(kind: type) -> None:
    text = padded(SEED_JSON.read_bytes(), MAX_DOCUMENT_BYTES + 1)
    data = text.decode() if kind is str else kind(text)
    assert_too_large(attempt(lambda: coopmodel.from_json(data, Meeting)))


def test_the_limit_counts_utf8_bytes_not_characters() -> None:
    # 'भ' is three bytes: this str has fewer characters than the limit, more bytes.
    document = seed_document()
    base = len(orjson.dumps(replaced(document, ("title",), "")))
    count = (MAX_DOCUMENT_BYTES - base) // 3 + 1
    text = orjson.dumps(replaced(document, ("title",), "भ" * count)).decode()
    assert len(text) < MAX_DOCUMENT_BYTES < len(text.encode())
    assert_too_large(attempt(lambda: coopmodel.from_json(text, Meeting)))


def test_size_is_checked_before_parsing() -> None:
    # Over the limit and not JSON at all: the size is what is reported.
    assert_too_large(attempt(lambda: coopmodel.from_json(b"[" * (MAX_DOCUMENT_BYTES + 1), Meeting)))


def test_json_lines_refuse_a_long_line_and_go_on() -> None:
    party = b'{"schema_version":1,"kind":"state","code":"IND","name":"India"}'
    lines = [
        party,
        padded(party, MAX_DOCUMENT_BYTES + 5),
        party,
        padded(party, MAX_DOCUMENT_BYTES - 1),
    ]
    data = b"\n".join(lines) + b"\n"
    errors: list[ParseError] = []
    read = list(coopmodel.read_jsonl(io.BytesIO(data), coopmodel.Party, on_error=errors.append))
    assert [party.code for party in read] == ["IND", "IND", "IND"]
    assert [error.line for error in errors] == [2]
    assert str(MAX_DOCUMENT_BYTES) in errors[0].errors[0].message
    # Without on_error, the objects before the long line come out, then the error.
    iterator = coopmodel.read_jsonl(io.BytesIO(data), coopmodel.Party)
    assert next(iterator).code == "IND"
    with pytest.raises(ParseError) as raised:
        next(iterator)
    assert raised.value.line == 2


def test_json_lines_refuse_a_long_line_in_text_mode_too() -> None:
    party = '{"schema_version":1,"kind":"state","code":"IND","name":"India"}'
    data = party + "\n" + party + " " * MAX_DOCUMENT_BYTES + "\n" + party + "\n"
    errors: list[ParseError] = []
    read = list(coopmodel.read_jsonl(io.StringIO(data), coopmodel.Party, on_error=errors.append))
    assert len(read) == 2
    assert [error.line for error in errors] == [2]


def test_json_lines_read_a_document_of_exactly_the_limit() -> None:
    party = b'{"schema_version":1,"kind":"state","code":"IND","name":"India"}'
    line = padded(party, MAX_DOCUMENT_BYTES)
    assert coopmodel.from_json(line, coopmodel.Party).code == "IND"
    read = list(coopmodel.read_jsonl(io.BytesIO(line + b"\n" + party + b"\n"), coopmodel.Party))
    assert len(read) == 2


# --- JSON nesting -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["array", "object"])
def test_json_as_deep_as_orjson_reads_reaches_the_fields(kind: str) -> None:
    # The root object is one level: the title holds the other 1,023.
    text = b'{"schema_version":1,"title":' + nested_json(ORJSON_MAX_DEPTH - 1, kind) + b"}"
    error = assert_names(attempt(lambda: coopmodel.from_json(text, Meeting)), "$")
    assert any(detail.path == "$.title" for detail in error.errors), error


@pytest.mark.parametrize("kind", ["array", "object"])
def test_json_deeper_than_orjson_reads_is_not_json(kind: str) -> None:
    text = b'{"schema_version":1,"title":' + nested_json(ORJSON_MAX_DEPTH, kind) + b"}"
    assert_not_json(attempt(lambda: coopmodel.from_json(text, Meeting)))


@pytest.mark.parametrize("kind", ["array", "object"])
def test_python_data_has_no_depth_limit_and_no_recursion_error(kind: str) -> None:
    depth = 100_000
    assert depth > sys.getrecursionlimit() * 50
    deep = nested(depth, kind)
    for path in [("title",), ("forum",), ("areas",), ("when",), ("sources", 0, "published")]:
        document = replaced(seed_document(), path, deep)
        outcome = attempt(lambda document=document: coopmodel.from_dict(document, Meeting))
        assert_names(outcome, jsonpath(path))


# --- forum chains ---------------------------------------------------------------


def chain_of(length: int) -> Forum:
    forum = None
    for index in range(length):
        forum = Forum(id=f"chain-{index}", name="n", kind=ForumKind.OTHER, parent=forum)
    assert forum is not None
    return forum


def test_a_chain_of_max_forum_depth_forums_is_accepted() -> None:
    forum = chain_of(MAX_FORUM_DEPTH)
    assert len(forum.ancestors) == MAX_FORUM_DEPTH - 1
    document = replaced(seed_document(), ("forum",), forum_chain(MAX_FORUM_DEPTH))
    read = coopmodel.from_dict(document, Meeting)
    assert len(read.forum.ancestors) == MAX_FORUM_DEPTH - 1
    assert coopmodel.from_json(orjson.dumps(document), Meeting) == read
    assert read.forum == forum


def test_one_forum_more_is_refused_by_the_constructor() -> None:
    with pytest.raises(FieldError) as raised:
        Forum(id="top", name="n", kind=ForumKind.OTHER, parent=chain_of(MAX_FORUM_DEPTH))
    assert raised.value.field == "parent"
    assert f"at most {MAX_FORUM_DEPTH}" in raised.value.reason


@pytest.mark.parametrize("parse", ["json", "dict"])
def test_one_forum_more_is_refused_by_the_parsers(parse: str) -> None:
    document = replaced(seed_document(), ("forum",), forum_chain(MAX_FORUM_DEPTH + 1))
    outcome = attempt(
        lambda: (
            coopmodel.from_json(orjson.dumps(document), Meeting)
            if parse == "json"
            else coopmodel.from_dict(document, Meeting)
        )
    )
    # The parsers name the forum that is one too many (the constructor, the
    # top forum's parent field).
    error = assert_names(outcome, "$.forum" + ".parent" * MAX_FORUM_DEPTH, exact=True)
    assert f"at most {MAX_FORUM_DEPTH}" in error.errors[0].message


@pytest.mark.parametrize("length", [MAX_FORUM_DEPTH + 2, 64, 65, 1_000, 100_000])
def test_any_longer_chain_is_refused_inside_the_chain(length: int) -> None:
    document = replaced(seed_document(), ("forum",), forum_chain(length))
    assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.forum.parent")


def test_a_very_long_chain_is_refused_with_the_forum_limit() -> None:
    document = replaced(seed_document(), ("forum",), forum_chain(10_000))
    error = assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.forum")
    assert any(f"at most {MAX_FORUM_DEPTH}" in detail.message for detail in error.errors), error


def test_a_forum_may_not_be_its_own_ancestor() -> None:
    cycle = {
        "id": "a",
        "name": "n",
        "kind": "other",
        "parent": {"id": "b", "name": "n", "kind": "other", "parent": forum_chain(1) | {"id": "a"}},
    }
    document = replaced(seed_document(), ("forum",), cycle)
    error = assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.forum.parent")
    assert "own id" in error.errors[0].message


# --- field limits ---------------------------------------------------------------


def _area(code: str) -> dict[str, Any]:
    return {"code": code, "label": "l", "stage": "agreed", "custom": True}


@pytest.mark.parametrize(
    ("path", "good", "bad", "where"),
    [
        (("id",), "a" * 128, "a" * 129, "$.id"),
        (("forum", "id"), "b" * 128, "b" * 129, "$.forum.id"),
        (("sources", 0, "url"), "https://x.in/" + "p" * 2035, "https://x.in/" + "p" * 2036, None),
        (("session",), 2**53 - 1, 2**53, None),
        (("session",), 1, 0, None),
        (("areas", 0), _area("c" * 128), _area("c" * 129), "$.areas[0].code"),
    ],
    ids=["slug", "forum-slug", "url", "session-max", "session-min", "area-code"],
)
def test_field_limits(path: Path, good: object, bad: object, where: str | None) -> None:
    document = seed_document()
    read = coopmodel.from_dict(replaced(document, path, good), Meeting)
    assert coopmodel.from_json(coopmodel.to_json(read), Meeting) == read
    outcome = attempt(lambda: coopmodel.from_dict(replaced(document, path, bad), Meeting))
    assert_names(outcome, where or jsonpath(path), exact=True)


def test_huge_integers_are_refused_not_crashed_on() -> None:
    # Python ints have no size limit, but repr() refuses more than 4,300 digits.
    document = replaced(seed_document(), ("session",), 10**5000)
    error = assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.session")
    assert "out of range" in error.errors[0].message
    year = {"type": "partial_date", "year": -(10**5000)}
    document = replaced(seed_document(), ("when",), year)
    assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.when.year", exact=True)


def test_ten_thousand_bad_areas_list_max_problems_and_the_message_stays_short() -> None:
    document = replaced(seed_document(), ("areas",), [{"code": 5}] * 10_000)
    error = assert_names(attempt(lambda: coopmodel.from_dict(document, Meeting)), "$.areas")
    # 30,000 problems (a bad code, a missing label and stage, each): the first
    # MAX_PROBLEMS are listed, and counting stops at ten times as many.
    assert len(error.errors) == coopmodel.MAX_PROBLEMS == 100
    assert error.errors[0].path == "$.areas[0].code"
    assert error.errors[-1].path == "$.areas[33].code"
    assert (error.more, error.counted_all) == (900, False)
    assert len(str(error)) < 5_000
    assert str(error).startswith("at least 1000 problems in the document:")
    assert "and at least 980 more" in str(error)
