"""The fast paths stay exact: generated hooks, shared sub-objects, cached JSON fragments.

from_json and read_jsonl share equal sub-objects that recur (forums, parties,
vocabulary areas...) and to_json caches their JSON text.  These tests pin
down that this changes nothing anyone can observe but speed and identity:
strictness, output bytes and customised converters are as without it.
"""

from __future__ import annotations

import gc
import io
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import strategies as cst
from coopmodel._converter._sharing import WINDOW
from helpers import SEED_JSON, count_calls, deep_key


def _seed() -> dict[str, Any]:
    return orjson.loads(SEED_JSON.read_bytes())  # type: ignore[no-any-return]


def _party(**extra: Any) -> dict[str, Any]:
    return {"kind": "state", "code": "IND", "name": "India", **extra}


def _forum(*parties: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "ind-rus-igc",
        "name": "IRIGC",
        "kind": "joint_commission",
        "parties": list(parties),
    }


def test_equal_reference_data_is_one_object() -> None:
    # Shared from its second sighting: the first only notes it.
    coopmodel.clear_caches()
    seed = _seed()
    coopmodel.from_json(orjson.dumps(seed), coopmodel.Meeting)
    first = coopmodel.from_json(orjson.dumps(seed), coopmodel.Meeting)
    second = coopmodel.from_json(orjson.dumps({**seed, "id": "another-id"}), coopmodel.Meeting)
    assert first.forum is second.forum
    assert first.forum.parties[0] is second.forum.parties[0]
    assert first.id != second.id
    assert deep_key(first.forum) == deep_key(coopmodel.from_dict(seed, coopmodel.Meeting).forum)


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ({"custom": True}, {"custom": 1}),
        ({"custom": False}, {"custom": 0}),
        ({"custom": True}, {"custom": 1.0}),
    ],
)
def test_sharing_never_mixes_json_types(good: dict[str, Any], bad: dict[str, Any]) -> None:
    area = {"schema_version": 1, "code": "trade.tariffs", "label": "Tariffs", "stage": "agreed"}
    document = {"schema_version": 1, **_forum(_party()), "id": "f"}
    assert coopmodel.from_json(orjson.dumps({**area, **good}), coopmodel.CooperationArea)
    with pytest.raises(coopmodel.ParseError) as caught:
        coopmodel.from_json(orjson.dumps({**area, **bad}), coopmodel.CooperationArea)
    assert [error.path for error in caught.value.errors] == ["$.custom"]
    assert coopmodel.from_json(orjson.dumps(document), coopmodel.Forum)


def test_a_tagged_object_is_not_accepted_untagged() -> None:
    # The same party, once in a tagged union (where "type" belongs) and once
    # in forum.parties (where it does not): the first must not excuse the second.
    seed = _seed()
    tagged = {"type": "party", **_party()}
    statement = {**seed["statements"][0], "issuer": tagged}
    assert coopmodel.from_json(
        orjson.dumps({**seed, "statements": [statement]}), coopmodel.Meeting
    ).statements[0].issuer == coopmodel.Party.lookup("India")
    damaged = {**seed, "forum": {**seed["forum"], "parties": [tagged]}}
    with pytest.raises(coopmodel.ParseError) as caught:
        coopmodel.from_json(orjson.dumps(damaged), coopmodel.Meeting)
    assert [error.path for error in caught.value.errors] == ["$.forum.parties[0].type"]


def test_a_bad_document_after_a_good_one_reports_every_problem() -> None:
    seed = _seed()
    assert coopmodel.from_json(orjson.dumps(seed), coopmodel.Meeting)
    damaged = {
        **seed,
        "forum": {**seed["forum"], "parties": [_party(code="XXX"), _party(colour="red")]},
    }
    with pytest.raises(coopmodel.ParseError) as caught:
        coopmodel.from_json(orjson.dumps(damaged), coopmodel.Meeting)
    assert sorted(error.path for error in caught.value.errors) == [
        "$.forum.parties[0].code",
        "$.forum.parties[1].colour",
    ]


def test_many_distinct_shared_objects_are_all_read() -> None:
    # More than the sharing cache holds: it forgets, and nothing goes wrong.
    lines = [
        orjson.dumps({"schema_version": 1, "scheme": "wikidata", "value": f"Q{n}"})
        for n in range(1, 10_000)
    ]
    ids = list(coopmodel.read_jsonl(io.BytesIO(b"\n".join(lines)), coopmodel.ExternalId))
    assert [i.value for i in ids] == [f"Q{n}" for n in range(1, 10_000)]


@settings(max_examples=25)
@given(st.lists(cst.meetings(), min_size=1, max_size=3))
def test_to_json_writes_exactly_to_dict(meetings: list[coopmodel.Meeting]) -> None:
    for meeting in meetings:
        expected = orjson.dumps(coopmodel.to_dict(meeting))
        assert coopmodel.to_json(meeting) == expected
        assert coopmodel.to_json(meeting) == expected  # from the fragment cache
        again = coopmodel.from_json(expected, coopmodel.Meeting)
        assert coopmodel.to_json(again) == expected
        assert orjson.dumps(coopmodel.to_dict(again)) == expected


def test_a_custom_hook_on_a_fresh_converter_reaches_nested_fields() -> None:
    custom = coopmodel.make_converter()
    custom.register_unstructure_hook(pendulum.DateTime, lambda value: "T")
    custom.register_structure_hook(str, lambda value, _: str(value).upper())
    span = coopmodel.TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
    assert custom.unstructure(span) == {"start": "T"}
    party = custom.structure({"kind": "state", "code": "ind", "name": "India"}, coopmodel.Party)
    assert party.code == "IND"


def test_a_converter_copy_reaches_nested_fields() -> None:
    custom = coopmodel.converter().copy()
    custom.register_unstructure_hook(coopmodel.Party, lambda party: party.code)
    forum = coopmodel.Forum(
        id="x",
        name="X",
        kind=coopmodel.ForumKind.SUMMIT,
        parties=(coopmodel.Party.lookup("India"), coopmodel.Party.lookup("Russia")),
    )
    assert custom.unstructure(forum)["parties"] == ["IND", "RUS"]
    assert coopmodel.to_dict(forum)["parties"][0]["code"] == "IND"


def test_a_hand_written_member_hook_still_gets_untagged_data() -> None:
    custom = coopmodel.make_converter()
    seen: list[dict[str, Any]] = []

    def party(value: dict[str, Any], _: object) -> coopmodel.Party:
        seen.append(value)
        return coopmodel.Party.lookup(value["name"])

    custom.register_structure_hook(coopmodel.Party, party)
    statement = custom.structure(
        {"issuer": {"type": "party", "name": "India"}, "kind": "remarks", "text": "Namaste."},
        coopmodel.Statement,
    )
    assert statement.issuer.code == "IND"  # type: ignore[union-attr]
    assert seen == [{"name": "India"}]


@pytest.mark.parametrize("enabled", [True, False])
def test_read_jsonl_leaves_the_collector_as_it_found_it(enabled: bool) -> None:
    line = coopmodel.to_json(coopmodel.Party.lookup("India"))
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        parties = list(coopmodel.read_jsonl(io.BytesIO((line + b"\n") * 1500), coopmodel.Party))
        assert len(parties) == 1500
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


def _renamed(value: Any, tag: str) -> Any:
    """*value* with every piece of reference data in it made its own (tagged with *tag*)."""
    if isinstance(value, tuple):
        return tuple(_renamed(item, tag) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {
        field.alias: _renamed(getattr(value, field.name), tag)
        for field in attrs.fields(type(value))
        if field.init
    }
    if isinstance(value, coopmodel.ExternalId) and value.scheme == "wikidata":
        changes["value"] = f"{value.value}{tag}"
    elif isinstance(value, (coopmodel.Party, coopmodel.Organization, coopmodel.Forum)):
        changes["name"] = f"{value.name} {tag}"
    elif isinstance(value, coopmodel.Place):
        changes["venue"] = f"Hall {tag}"
    elif isinstance(value, coopmodel.CooperationArea):
        changes["detail"] = f"Item {tag}"
    if isinstance(value, coopmodel.Forum):
        changes["id"] = f"{value.id}-{tag}"
    return type(value)(**changes)


def _fresh_meetings(count: int, start: int) -> list[coopmodel.Meeting]:
    """Meetings whose reference data (parties, forums, places...) recurs in no other meeting."""
    seed = coopmodel.from_json(SEED_JSON.read_bytes(), coopmodel.Meeting)
    return [_renamed(seed, str(number)) for number in range(start, start + count)]


def test_where_nothing_recurs_sharing_adds_no_work_per_object() -> None:
    """Reading and writing JSON cost the plain path's calls and a constant a document.

    The plain path is ``from_dict(orjson.loads(...))`` and
    ``orjson.dumps(to_dict(...))``: the same checks without sharing.  Calls
    are counted, not timed, so the test cannot be moved by a busy machine.
    """
    coopmodel.clear_caches()
    for meeting in _fresh_meetings(3 * WINDOW, 0):  # long enough to judge every class
        coopmodel.from_json(coopmodel.to_json(meeting), coopmodel.Meeting)
    lines = [coopmodel.to_json(meeting) for meeting in _fresh_meetings(50, 10**6)]
    read = [coopmodel.from_json(line, coopmodel.Meeting) for line in lines]
    plain = [coopmodel.from_dict(orjson.loads(line), coopmodel.Meeting) for line in lines]
    assert read == plain
    for _ in range(2):  # the second time, the caches of date-time text are warm for both
        shared_writing = count_calls(lambda: [coopmodel.to_json(m) for m in read])
        plain_writing = count_calls(lambda: [orjson.dumps(coopmodel.to_dict(m)) for m in plain])
        shared_reading = count_calls(
            lambda: [coopmodel.from_json(line, coopmodel.Meeting) for line in lines]
        )
        plain_reading = count_calls(
            lambda: [coopmodel.from_dict(orjson.loads(line), coopmodel.Meeting) for line in lines]
        )
    # A document's start and end, and the size check of the text.
    assert shared_reading <= plain_reading + 8 * len(lines)
    assert shared_writing <= plain_writing + 1 * len(lines)
