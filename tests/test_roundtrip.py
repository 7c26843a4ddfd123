"""Round trips through dicts, JSON and JSON Lines, for every public class."""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import orjson
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import strategies as cst
from helpers import STRATEGIES, deep_key

IDS = [cls.__name__ for cls, _ in STRATEGIES]


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=IDS)
def test_json_round_trip(cls: type, strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(obj: Any) -> None:
        text = coopmodel.to_json(obj)
        back = coopmodel.from_json(text, cls)
        assert back == obj
        assert deep_key(back) == deep_key(obj)  # types and zone names too
        assert coopmodel.to_json(back) == text  # canonical bytes are stable

    check()


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=IDS)
def test_dict_round_trip(cls: type, strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(obj: Any) -> None:
        data = coopmodel.to_dict(obj)
        assert data["schema_version"] == coopmodel.SCHEMA_VERSION
        assert json.loads(json.dumps(data)) == data  # plain JSON types only
        back = coopmodel.from_dict(data, cls)
        assert deep_key(back) == deep_key(obj)

    check()


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=IDS)
def test_serialized_form_matches_json_schema(cls: type, strategy: st.SearchStrategy[Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        coopmodel.json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )

    @given(strategy)
    def check(obj: Any) -> None:
        errors = list(validator.iter_errors(orjson.loads(coopmodel.to_json(obj))))
        assert not errors, errors[0].message

    check()


@settings(max_examples=40)  # five meetings an example: enough, and CI stays quick
@given(st.lists(cst.meetings(), max_size=5))
def test_jsonl_round_trip_binary(meetings: list[coopmodel.Meeting]) -> None:
    buffer = io.BytesIO()
    assert coopmodel.write_jsonl(meetings, buffer) == len(meetings)
    assert buffer.getvalue().count(b"\n") == len(meetings)
    buffer.seek(0)
    back = list(coopmodel.read_jsonl(buffer, coopmodel.Meeting))
    assert [deep_key(m) for m in back] == [deep_key(m) for m in meetings]


@given(st.lists(cst.time_spans(), max_size=5))
def test_jsonl_round_trip_text(spans: list[coopmodel.TimeSpan]) -> None:
    buffer = io.StringIO()
    coopmodel.write_jsonl(iter(spans), buffer)
    buffer.seek(0)
    assert list(coopmodel.read_jsonl(buffer, coopmodel.TimeSpan)) == spans


@given(cst.aware_datetimes())
def test_zone_names_survive(value: pendulum.DateTime) -> None:
    span = coopmodel.TimeSpan(value)
    back = coopmodel.from_json(coopmodel.to_json(span), coopmodel.TimeSpan)
    assert coopmodel.zone_name(back.start) == coopmodel.zone_name(value)
    assert back.start.isoformat() == value.isoformat()
    assert back.start.utcoffset() == value.utcoffset()


@settings(max_examples=60)
@given(cst.meetings(), cst.meetings())
def test_canonical_bytes_iff_equal(a: coopmodel.Meeting, b: coopmodel.Meeting) -> None:
    assert (coopmodel.to_json(a) == coopmodel.to_json(b)) == (a == b)
    assert coopmodel.to_json(a) == coopmodel.to_json(
        coopmodel.from_json(coopmodel.to_json(a), coopmodel.Meeting)
    )


def test_rfc9557_form() -> None:
    span = coopmodel.TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
    data = coopmodel.to_dict(span)
    assert data == {"schema_version": 1, "start": "2025-08-06T21:38:00+05:30[Asia/Kolkata]"}
    fixed = coopmodel.TimeSpan(
        pendulum.datetime(2025, 8, 6, 21, 38, tz=pendulum.FixedTimezone(19800))
    )
    assert coopmodel.to_dict(fixed)["start"] == "2025-08-06T21:38:00+05:30"
    utc = coopmodel.from_dict(
        {"schema_version": 1, "start": "2025-08-06T16:08:00Z"}, coopmodel.TimeSpan
    )
    assert coopmodel.zone_name(utc.start) is None
    assert coopmodel.to_dict(utc)["start"] == "2025-08-06T16:08:00+00:00"
    named_utc = coopmodel.from_dict(
        {"schema_version": 1, "start": "2025-08-06T16:08:00+00:00[UTC]"}, coopmodel.TimeSpan
    )
    assert coopmodel.zone_name(named_utc.start) == "UTC"
    assert named_utc != utc


def test_historical_offsets_read_back() -> None:
    # Local mean time before zones were standardised: Kolkata was +05:53:28.
    old = pendulum.datetime(1850, 1, 1, 12, tz="Asia/Kolkata")
    text = coopmodel.to_json(coopmodel.TimeSpan(old))
    assert b"+05:53:28[Asia/Kolkata]" in text
    assert coopmodel.from_json(text, coopmodel.TimeSpan).start.isoformat() == old.isoformat()


def test_dates_stay_dates() -> None:
    span = coopmodel.from_dict({"schema_version": 1, "start": "2025-08-06"}, coopmodel.DateSpan)
    assert type(span.start) is pendulum.Date
    source = coopmodel.from_dict(
        {"schema_version": 1, "publisher": "X", "title": "Y", "published": "2025-08-06"},
        coopmodel.Source,
    )
    assert type(source.published) is pendulum.Date


def test_defaults_are_left_out() -> None:
    party = coopmodel.Party.lookup("India")
    assert coopmodel.to_dict(party) == {
        "schema_version": 1,
        "kind": "state",
        "code": "IND",
        "name": "India",
    }
