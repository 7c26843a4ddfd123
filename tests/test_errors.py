"""Bad input: one documented error, every problem listed with its path, nothing coerced."""

from __future__ import annotations

import copy
import io
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopmodel
from coopmodel import ParseError
from coopmodel import strategies as cst
from helpers import SEED_JSON


def seed() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(SEED_JSON.read_bytes())
    return data


def problems(data: object, cls: type = coopmodel.Meeting) -> dict[str, str]:
    with pytest.raises(ParseError) as info:
        coopmodel.from_dict(data, cls)
    assert info.value.errors, "a ParseError lists at least one problem"
    return {error.path: error.message for error in info.value.errors}


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(ParseError, ValueError)


def test_every_problem_listed_with_its_path() -> None:
    data = seed()
    data["forum"]["parties"][1]["code"] = "XX"
    data["areas"][3]["stage"] = "finished"
    data["sources"][0]["published"] = "2025-08-06T21:38:00"
    data["statements"][0]["issuer"]["type"] = "robot"
    del data["title"]
    data["colour"] = "blue"
    found = problems(data)
    assert found == {
        "$.title": "is missing",
        "$.forum.parties[1].code": "'XX' is not an ISO 3166-1 alpha-3 code",
        "$.areas[3].stage": "'finished' is not one of 'proposed', 'explored', 'discussed',"
        " 'welcomed', 'agreed', 'signed', 'implemented'",
        "$.sources[0].published": "'2025-08-06T21:38:00' has no UTC offset: naive date-times"
        " are not accepted",
        "$.statements[0].issuer.type": "is 'robot', expected one of 'party', 'organization',"
        " 'person'",
        "$.colour": "is not a field of Meeting",
    }


def test_message_lists_problems() -> None:
    data = seed()
    data["forum"]["parties"][1]["code"] = "XX"
    with pytest.raises(ParseError, match=r"\$\.forum\.parties\[1\]\.code: 'XX' is not an ISO"):
        coopmodel.from_dict(data, coopmodel.Meeting)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("title",), 123, "is an integer, expected a string"),
        (("sources", 0, "syndicated"), "yes", "is a string, expected true or false"),
        (("sources", 0, "syndicated"), 1, "is an integer, expected true or false"),
        (("session",), "5", "is a string, expected an integer"),
        (("session",), 5.0, "is a number, expected an integer"),
        (("session",), True, "is a boolean, expected an integer"),
        (("areas",), {"0": "trade"}, "is an object, expected an array"),
        (("areas",), "trade", "is a string, expected an array"),
        (("location", "coordinates"), [28.6, 77.2], "is an array, expected an object"),
        (("location", "coordinates", "latitude"), "28.6", "is a string, expected a number"),
        (("forum", "kind"), "WORKING_GROUP", "'WORKING_GROUP' is not one of"),
        (("forum", "id"), "Working Group", "'Working Group' is not a slug"),
        (("sources", 0, "url"), "ftp://example.com/x", "is not an absolute http(s) URL"),
        (("statements", 0, "language"), "English", "is not a BCP 47 language tag"),
    ],
)
def test_nothing_is_coerced(path: tuple[Any, ...], value: object, message: str) -> None:
    data = seed()
    target: Any = data
    for key in path[:-1]:
        if key not in target if isinstance(target, dict) else False:
            target[key] = {"locality": "New Delhi"} if key == "location" else {}
        target = target[key]
    if path[-2:] == ("location", "coordinates") or path[-1] == "latitude":
        target.setdefault("longitude", 77.2) if isinstance(target, dict) else None
    target[path[-1]] = value
    found = problems(data)
    where = "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)
    assert where in found, found
    assert message in found[where]


def test_schema_version_required_and_checked() -> None:
    data = seed()
    del data["schema_version"]
    assert problems(data) == {"$.schema_version": "is missing"}
    data["schema_version"] = 2
    assert problems(data) == {"$.schema_version": "is 2, but this release reads version 1"}
    data["schema_version"] = "1"
    assert "$.schema_version" in problems(data)


@pytest.mark.parametrize("document", [None, [], "meeting", 3, 1.5, True])
def test_top_level_must_be_an_object(document: object) -> None:
    assert problems(document) == {"$": document_message(document)}


def document_message(document: object) -> str:
    names = {type(None): "null", list: "an array", str: "a string", int: "an integer"}
    names |= {float: "a number", bool: "a boolean"}
    return f"is {names[type(document)]}, expected an object"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (b"", "is not valid JSON"),
        (b"{", "is not valid JSON"),
        (b'{"schema_version": NaN}', "is not valid JSON"),
        (b'{"schema_version": Infinity}', "is not valid JSON"),
        (b'{"a": "\xff"}', "is not valid JSON"),
        (b"[" * 2000 + b"]" * 2000, "is not valid JSON"),
    ],
)
def test_bad_json(text: bytes, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        coopmodel.from_json(text, coopmodel.Meeting)
    assert info.value.errors[0].path == "$"
    assert fragment in info.value.errors[0].message


def test_wrong_zone_and_impossible_offset() -> None:
    data = seed()
    data["sources"][0]["published"] = "2025-08-06T21:38:00+05:30[Asia/Nowhere]"
    data["sources"][0]["updated"] = "2025-08-06T21:38:00+03:00[Asia/Kolkata]"
    data["sources"][0]["retrieved"] = "2025-08-06T21:38:00+25:00"
    found = problems(data)
    assert "unknown time zone 'Asia/Nowhere'" in found["$.sources[0].published"]
    assert "Asia/Kolkata is at +05:30" in found["$.sources[0].updated"]
    assert "$.sources[0].retrieved" in found


def test_invalid_dates() -> None:
    data = seed()
    data["statements"][0]["issued"]["start"] = "2025-02-30"
    data["statements"][1]["issued"]["start"] = "06/08/2025"
    found = problems(data)
    assert "is not a real date" in found["$.statements[0].issued.start"]
    assert "not a date in the form 'YYYY-MM-DD'" in found["$.statements[1].issued.start"]


def test_cross_field_rule_has_a_path() -> None:
    found = problems(
        {"schema_version": 1, "start": "2025-08-07", "end": "2025-08-06"}, coopmodel.DateSpan
    )
    # JSON text in a JSON document's error, not Python reprs.
    assert found == {"$.end": "'2025-08-06' is before start '2025-08-07'"}


def test_no_half_built_object() -> None:
    data = seed()
    data["areas"][-1]["code"] = "not in vocabulary"
    result = None
    with pytest.raises(ParseError):
        result = coopmodel.from_dict(data, coopmodel.Meeting)
    assert result is None


def test_jsonl_errors_name_the_line_and_can_be_skipped() -> None:
    good = coopmodel.to_json(coopmodel.Party.lookup("India"))
    stream = io.BytesIO(b"\n".join([good, b"", b'{"schema_version": 1}', b"not json", good]))
    with pytest.raises(ParseError) as info:
        list(coopmodel.read_jsonl(stream, coopmodel.Party))
    assert info.value.line == 3
    assert str(info.value).startswith("3 problems in line 3:")

    stream.seek(0)
    skipped: list[ParseError] = []
    parties = list(coopmodel.read_jsonl(stream, coopmodel.Party, on_error=skipped.append))
    assert parties == [coopmodel.Party.lookup("India")] * 2
    assert [error.line for error in skipped] == [3, 4]


def test_read_jsonl_is_lazy() -> None:
    good = coopmodel.to_json(coopmodel.Party.lookup("India")) + b"\n"

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[: len(good)] = good
            return len(good)

    reader = coopmodel.read_jsonl(io.BufferedReader(Endless()), coopmodel.Party)
    assert [next(reader) for _ in range(3)] == [coopmodel.Party.lookup("India")] * 3


def test_wrong_class_argument() -> None:
    with pytest.raises(TypeError):
        coopmodel.from_json(b"{}", dict)
    with pytest.raises(TypeError):
        coopmodel.to_json({"a": 1})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(JSON)
def test_arbitrary_json_parses_or_raises_parse_error(document: Any) -> None:
    for cls in (coopmodel.Meeting, coopmodel.Party, coopmodel.TimeSpan):
        for candidate in (
            document,
            {"schema_version": 1, **document} if isinstance(document, dict) else document,
        ):
            try:
                coopmodel.from_dict(candidate, cls)
            except ParseError as error:
                assert error.errors
                assert all(e.path.startswith("$") for e in error.errors)


WRONG_VALUES = [None, True, 0, 1.5, "x", "", [], {}, [1], {"a": 1}]


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@given(cst.meetings(), st.data())
def test_one_field_mutated_parses_or_names_the_path(
    meeting: coopmodel.Meeting, data: st.DataObject
) -> None:
    document = coopmodel.to_dict(meeting)
    paths = [p for p in _paths(document) if p != ("schema_version",)]
    path = data.draw(st.sampled_from(paths))
    mutated = copy.deepcopy(document)
    parent = mutated
    for key in path[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["replace", "delete", "add_key"]))
    if action == "replace":
        parent[path[-1]] = data.draw(st.sampled_from(WRONG_VALUES))
    elif action == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]]["unexpected_key"] = 1
    parent_path = "$" + "".join(
        f"[{key}]" if isinstance(key, int) else f".{key}" for key in path[:-1]
    )
    try:
        coopmodel.from_dict(mutated, coopmodel.Meeting)
    except ParseError as error:
        # The problem is reported at the mutated place, or inside it.
        assert any(e.path.startswith(parent_path) for e in error.errors), (parent_path, error)


@pytest.mark.parametrize("zone", ["localtime", "Factory", "right/Asia/Kolkata", "posix/UTC"])
def test_machine_dependent_zones_refused(zone: str) -> None:
    found = problems(
        {"schema_version": 1, "start": f"2025-08-06T21:38:00+05:30[{zone}]"}, coopmodel.TimeSpan
    )
    assert found == {
        "$.start": f"'2025-08-06T21:38:00+05:30[{zone}]' names an unknown time zone {zone!r}"
    }


def test_text_mode_jsonl_that_is_not_utf8() -> None:
    good = coopmodel.to_json(coopmodel.Party.lookup("India")) + b"\n"
    data = good * 300 + b'{"name": "\xff"}\n' + good
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    read: list[coopmodel.Party] = []
    with pytest.raises(ParseError) as info:
        read.extend(coopmodel.read_jsonl(stream, coopmodel.Party))
    # The text layer decodes in chunks: what came before the bad chunk is kept.
    assert 0 < len(read) <= 300
    assert set(read) == {coopmodel.Party.lookup("India")}
    assert info.value.line == len(read) + 1
    assert "is not valid UTF-8 text" in info.value.errors[0].message
