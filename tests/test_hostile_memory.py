"""Memory stays bounded whatever the input: the sharing caches and the error reports.

The readers share recurring reference data between documents.  Hostile input
must not grow that cache past its documented bound (counted in bytes, for
all classes together), must not get a huge value into it, must not leave in
it what an invalid document built, and users can empty it or turn it off.
A document with millions of problems costs about what a good one costs: at
most :data:`~coopmodel.MAX_PROBLEMS` are listed and the rest counted, up to
a point.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import io
import pickle
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pendulum
import pytest

import coopmodel
from coopmodel import MAX_PROBLEMS, ExternalId, Forum, Meeting, ParseError
from coopmodel._converter import _make_converter, _times, document_reader, sharing_of
from coopmodel._converter import _sharing as sharing_module
from coopmodel._converter._sharing import (
    MAX_OFF_CALLS,
    OFF_CALLS,
    SEEN_MAX,
    SHARING_MAX_BYTES,
    SHARING_MAX_VALUE_BYTES,
    WINDOW,
    Sharing,
)
from coopmodel._converter._times import (
    TIME_CACHE_SIZE,
    format_datetime,
    structure_date,
    structure_datetime,
    time_caches,
)
from coopmodel._io import _JSON
from helpers import SEED_JSON, count_calls

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    coopmodel.set_sharing(True)
    coopmodel.clear_caches()
    yield
    coopmodel.set_sharing(True)
    coopmodel.clear_caches()


def _sharing() -> Sharing:
    sharing = sharing_of(_JSON)
    assert sharing is not None
    return sharing


def _forum_json(number: int, name: str = "Forum") -> bytes:
    return orjson.dumps(
        {"schema_version": 1, "id": f"forum-{number}", "name": name, "kind": "summit"}
    )


def _id_json(number: int) -> bytes:
    return orjson.dumps({"schema_version": 1, "scheme": "wikidata", "value": f"Q{number}"})


def _seed() -> dict[str, Any]:
    return orjson.loads(SEED_JSON.read_bytes())  # type: ignore[no-any-return]


# --- the sharing caches --------------------------------------------------------


def test_the_cache_bound_holds_in_bytes_for_all_classes_together() -> None:
    converter = _make_converter(share=True)
    sharing = sharing_of(converter)
    assert sharing is not None
    sharing.max_bytes = 20_000
    read_id = document_reader(converter, ExternalId, "schema_version", 1)
    read_forum = document_reader(converter, Forum, "schema_version", 1)
    highest = 0
    for number in range(1, 400):
        for _ in range(2):  # a value is kept from its second sighting
            read_id(orjson.loads(_id_json(number)))
            read_forum(orjson.loads(_forum_json(number)))
        assert sharing.bytes <= sharing.max_bytes
        if sharing.bytes < highest:  # forgotten at the bound, not before
            assert highest > sharing.max_bytes - 2_000
        highest = sharing.bytes
        assert sharing.entries == sum(len(s.cache) for s in sharing._slots.values())
    assert sharing.entries > 0


def test_the_cache_bound_holds_for_entries() -> None:
    converter = _make_converter(share=True)
    sharing = sharing_of(converter)
    assert sharing is not None
    sharing.max_entries = 10
    read = document_reader(converter, ExternalId, "schema_version", 1)
    for number in range(1, 100):
        read(orjson.loads(_id_json(number)))
        read(orjson.loads(_id_json(number)))
        assert 1 <= sharing.entries <= 10


def test_large_distinct_values_keep_no_more_than_the_documented_bound() -> None:
    # 1,200 forums of 40 KB names: 48 MB read, more than SHARING_MAX_BYTES.
    name = "x" * 40_000
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(1_200):
            text = _forum_json(number, name + str(number))
            coopmodel.from_json(text, Forum)
            coopmodel.from_json(text, Forum)  # kept from the second sighting
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert _sharing().bytes <= SHARING_MAX_BYTES
    assert kept <= SHARING_MAX_BYTES * 1.1, kept


def test_a_value_over_the_size_bound_is_never_kept() -> None:
    text = _forum_json(1, "x" * (SHARING_MAX_VALUE_BYTES + 1))
    first, second, third = (coopmodel.from_json(text, Forum) for _ in range(3))
    assert first == second == third
    assert second is not third
    assert _sharing().stats() == {"bytes": 0, "entries": 0}
    assert coopmodel.to_json(third) == coopmodel.to_json(third) == text
    assert coopmodel.to_json(third) == text
    assert _sharing().stats() == {"bytes": 0, "entries": 0}


def test_a_value_just_under_the_size_bound_is_kept() -> None:
    text = _forum_json(1, "x" * (SHARING_MAX_VALUE_BYTES - 1_000))
    first, second, third = (coopmodel.from_json(text, Forum) for _ in range(3))
    assert first is not second  # the first sighting is only noted
    assert second is third
    assert _sharing().stats()["entries"] == 1


def test_a_forum_chain_is_not_keyed_by_its_subtree_at_each_level() -> None:
    # 16 forums, the bulk (40 KB) in the deepest: kept once, not at each level.
    chain: dict[str, Any] = {"id": "f15", "name": "x" * 40_000, "kind": "summit"}
    for level in reversed(range(15)):
        chain = {"id": f"f{level}", "name": f"F{level}", "kind": "summit", "parent": chain}
    text = orjson.dumps({"schema_version": 1, **chain})
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        forum = coopmodel.from_json(text, Forum)
        assert coopmodel.from_json(text, Forum) == forum
        assert coopmodel.from_json(text, Forum) is not forum
        assert len(forum.ancestors) == 15
        del forum
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert _sharing().stats()["entries"] == 16
    assert kept < 120_000, kept
    assert _sharing().bytes < 120_000


def test_an_invalid_document_leaves_the_cache_as_it_was() -> None:
    seed = _seed()
    coopmodel.from_json(orjson.dumps(seed), Meeting)
    coopmodel.from_json(orjson.dumps(seed), Meeting)
    before = _sharing().stats()
    assert before["entries"] > 0
    kept = {cls: dict(slot.cache) for cls, slot in _sharing()._slots.items()}
    # New, valid reference data in a meeting that is not valid.
    forum = {**seed["forum"], "id": "another-forum", "name": "Another forum"}
    bad = {**seed, "forum": forum, "id": "Not A Slug"}
    for _ in range(2):  # its values seen twice: kept, but for the failure
        with pytest.raises(ParseError):
            coopmodel.from_json(orjson.dumps(bad), Meeting)
        with pytest.raises(ParseError):
            list(coopmodel.read_jsonl(io.BytesIO(orjson.dumps(bad)), Meeting))
    assert _sharing().stats() == before
    assert {cls: dict(slot.cache) for cls, slot in _sharing()._slots.items()} == kept
    # The same forum in a valid meeting is kept.
    coopmodel.from_json(orjson.dumps({**bad, "id": "good-id"}), Meeting)
    assert _sharing().stats()["entries"] > before["entries"]


def test_clear_caches_forgets_shared_objects() -> None:
    text = _forum_json(1)
    coopmodel.from_json(text, Forum)
    first = coopmodel.from_json(text, Forum)
    assert coopmodel.from_json(text, Forum) is first
    assert _sharing().stats()["entries"] == 1
    coopmodel.clear_caches()
    assert _sharing().stats() == {"bytes": 0, "entries": 0}
    again = [coopmodel.from_json(text, Forum) for _ in range(3)]
    assert again[0] == first
    assert all(forum is not first for forum in again)
    assert again[2] is again[1]


def test_sharing_can_be_turned_off_and_on() -> None:
    seed = SEED_JSON.read_bytes()
    shared = coopmodel.from_json(seed, Meeting)
    coopmodel.set_sharing(False)
    assert _sharing().stats() == {"bytes": 0, "entries": 0}
    first = coopmodel.from_json(seed, Meeting)
    second = coopmodel.from_json(seed, Meeting)
    assert first == second == shared
    assert first.forum is not second.forum
    assert coopmodel.to_json(first) == coopmodel.to_json(second) == coopmodel.to_json(shared)
    assert _sharing().stats() == {"bytes": 0, "entries": 0}
    coopmodel.set_sharing(True)
    coopmodel.from_json(seed, Meeting)
    third = coopmodel.from_json(seed, Meeting)
    assert coopmodel.from_json(seed, Meeting).forum is third.forum


def test_sharing_switches_itself_off_for_a_class_whose_values_do_not_recur() -> None:
    for number in range(2 * WINDOW + 1):  # all misses: more than a window
        coopmodel.from_json(_id_json(number + 1), ExternalId)
    entries = _sharing().stats()["entries"]
    assert entries == 0  # none seen twice
    text = _id_json(10**6)
    ids = [coopmodel.from_json(text, ExternalId) for _ in range(3)]
    assert ids[1] is not ids[2]
    assert _sharing().stats()["entries"] == entries
    # Forums still share meanwhile: the decision is per class.
    forums = [coopmodel.from_json(_forum_json(1), Forum) for _ in range(3)]
    assert forums[1] is forums[2]
    for _ in range(OFF_CALLS - 3):
        coopmodel.from_json(text, ExternalId)
    ids = [coopmodel.from_json(text, ExternalId) for _ in range(3)]
    assert ids[1] is ids[2]


def test_a_class_that_stays_cold_is_tried_again_ever_more_rarely_up_to_the_bound() -> None:
    sharing = Sharing()
    slot = sharing.slot(ExternalId, ())
    state = slot.state

    def window(hits: int) -> None:
        state[0], state[1], state[2] = 0, WINDOW, hits
        sharing._judge(state)

    pauses = []
    for _ in range(7):  # windows that fail, one after another
        window(0)
        pauses.append(state[0])
    assert pauses == [OFF_CALLS * 2**n for n in range(5)] + [MAX_OFF_CALLS] * 2
    window(WINDOW // 2)  # a window that succeeds: sharing stays on, the pause resets
    assert state[0] == 0
    window(0)
    assert state[0] == OFF_CALLS
    sharing.clear()
    window(0)
    assert state[0] == OFF_CALLS


def test_a_class_whose_values_recur_keeps_new_ones_from_their_first_sighting() -> None:
    text = _forum_json(1)
    for _ in range(WINDOW + 2):  # a window of hits
        coopmodel.from_json(text, Forum)
    assert _sharing().stats()["entries"] == 1
    new = _forum_json(2)
    first = coopmodel.from_json(new, Forum)
    assert coopmodel.from_json(new, Forum) is first
    assert _sharing().stats()["entries"] == 2


def test_a_shared_object_s_json_text_is_kept_only_for_objects_from_the_cache() -> None:
    fresh = coopmodel.Forum(id="f", name="F", kind=coopmodel.ForumKind.SUMMIT)
    assert coopmodel.to_json(fresh) == coopmodel.to_json(fresh)
    assert _sharing().stats() == {"bytes": 0, "entries": 0}
    coopmodel.from_json(coopmodel.to_json(fresh), Forum)
    read = coopmodel.from_json(coopmodel.to_json(fresh), Forum)
    before = _sharing().stats()
    assert before["entries"] == 1
    assert coopmodel.to_json(read) == coopmodel.to_json(fresh)
    assert _sharing().stats() == before  # written once: nothing kept
    assert coopmodel.to_json(read) == coopmodel.to_json(fresh)
    assert _sharing().stats()["bytes"] > before["bytes"]  # written twice: its text is kept
    kept = _sharing().stats()
    assert coopmodel.to_json(read) == coopmodel.to_json(fresh)
    assert _sharing().stats() == kept


# --- error reports ---------------------------------------------------------------


def _with_bad_areas(count: int) -> dict[str, Any]:
    return {**_seed(), "areas": [0] * count}


def test_exactly_max_problems_are_all_listed() -> None:
    with pytest.raises(ParseError) as caught:
        coopmodel.from_dict(_with_bad_areas(MAX_PROBLEMS), Meeting)
    error = caught.value
    assert len(error.errors) == MAX_PROBLEMS == 100
    assert error.more == 0
    assert error.counted_all
    assert str(error).startswith("100 problems in the document:")
    assert str(error).endswith("... and 80 more")


def test_one_problem_more_than_max_problems_is_counted_not_listed() -> None:
    with pytest.raises(ParseError) as caught:
        coopmodel.from_dict(_with_bad_areas(MAX_PROBLEMS + 1), Meeting)
    error = caught.value
    assert len(error.errors) == MAX_PROBLEMS
    assert error.errors[-1].path == f"$.areas[{MAX_PROBLEMS - 1}]"
    assert error.more == 1
    assert error.counted_all
    assert str(error).startswith("101 problems in the document:")
    assert str(error).endswith("... and 81 more")
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (back.errors, back.more, back.counted_all, str(back)) == (
        error.errors,
        error.more,
        error.counted_all,
        str(error),
    )


def test_millions_of_problems_cost_about_what_a_good_document_costs() -> None:
    # 4 MiB of [0, 0, ...]: two million bad areas.
    bad = orjson.dumps(_with_bad_areas(2 * 1024 * 1024))
    raised: list[ParseError] = []

    def parse() -> None:
        try:
            coopmodel.from_json(bad, Meeting)
        except ParseError as problem:
            raised.append(problem)

    calls = count_calls(parse)  # calls, not seconds: a busy machine cannot move them
    (error,) = raised
    assert len(error.errors) == MAX_PROBLEMS
    assert not error.counted_all
    assert MAX_PROBLEMS < MAX_PROBLEMS + error.more <= 10 * MAX_PROBLEMS
    assert f"at least {MAX_PROBLEMS + error.more} problems" in str(error)
    assert len(str(error)) < 5_000
    assert len(pickle.dumps(error)) < 50_000
    # Fewer calls than one an area: the walk stops once the count is capped
    # (it went through all two million, for minutes).
    assert calls < 2 * 1024 * 1024 // 10, calls


def test_a_long_unknown_key_is_cut_in_the_path() -> None:
    key = "k" * 1_000_000
    with pytest.raises(ParseError) as caught:
        coopmodel.from_dict({**_seed(), key: 1}, Meeting)
    assert len(str(caught.value)) < 1_000
    assert caught.value.errors[0].message == "is not a field of Meeting"
    assert caught.value.errors[0].path.startswith("$['kkk")


def test_many_unknown_keys_stop_at_the_cap() -> None:
    document = {**_seed(), **{f"extra{n}": n for n in range(100_000)}}
    with pytest.raises(ParseError) as caught:
        coopmodel.from_dict(document, Meeting)
    assert len(caught.value.errors) == MAX_PROBLEMS
    assert caught.value.errors[0].path == "$.extra0"


@pytest.mark.parametrize(
    ("where", "make"),
    [
        (("forum",), collections.OrderedDict),
        (("forum", "parties"), collections.UserList),
        (("location",), collections.OrderedDict),
        (("sources",), type("Sources", (list,), {})),
    ],
)
def test_nested_dict_and_list_subclasses_are_named_by_path(
    where: tuple[str, ...], make: Any
) -> None:
    document = _seed()
    parent = document
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = make(parent[where[-1]])
    with pytest.raises(ParseError) as caught:
        coopmodel.from_dict(document, Meeting)
    assert [error.path for error in caught.value.errors] == ["$." + ".".join(where)]
    expected = "an object" if isinstance(parent[where[-1]], dict) else "an array"
    assert caught.value.errors[0].message.endswith(f"expected {expected}")


# --- the time caches: recurring date and time strings parsed and formatted once ---


_DAY_ONE = dt.date(2100, 1, 1)


def _time_documents(count: int) -> list[bytes]:
    return [
        orjson.dumps(
            {
                "schema_version": 1,
                "publisher": "Wire",
                "title": "T",
                "published": f"2025-01-01T00:00:{n % 60:02d}.{n:06d}+05:30[Asia/Kolkata]",
                "updated": (_DAY_ONE + dt.timedelta(days=n)).isoformat(),
            }
        )
        for n in range(count)
    ]


def test_the_time_caches_hold_at_most_their_bound() -> None:
    coopmodel.clear_caches()
    assert time_caches() == 0
    sources = [
        coopmodel.from_json(d, coopmodel.Source) for d in _time_documents(TIME_CACHE_SIZE + 50)
    ]
    for source in sources:
        coopmodel.to_json(source)
    assert TIME_CACHE_SIZE < time_caches() <= 3 * TIME_CACHE_SIZE
    coopmodel.clear_caches()
    assert time_caches() == 0


def test_a_recurring_time_string_is_parsed_once_and_errors_are_not_kept() -> None:
    coopmodel.clear_caches()
    text = "2025-08-06T21:38:00+05:30[Asia/Kolkata]"
    assert structure_datetime(text) is structure_datetime(text)
    assert structure_date("2025-08-06") is structure_date("2025-08-06")
    for bad in ("2025-02-30", "2025-08-06T21:38:00+01:00[Asia/Kolkata]"):
        with pytest.raises(ValueError, match=r"is not a real date|has offset"):
            (structure_date if len(bad) == 10 else structure_datetime)(bad)
    assert time_caches() == 2
    coopmodel.set_sharing(False)
    try:
        assert time_caches() == 0
        assert structure_datetime(text) is not structure_datetime(text)
        assert structure_datetime(text) == structure_datetime(text)
        assert time_caches() == 0
    finally:
        coopmodel.set_sharing(True)


def test_the_format_cache_tells_the_two_folds_of_one_wall_time_apart() -> None:
    coopmodel.clear_caches()
    zone = pendulum.timezone("America/New_York")
    first = pendulum.datetime(2025, 11, 2, 1, 30, tz=zone).replace(fold=0)
    second = first.replace(fold=1)
    assert first == second  # equal, as Python compares datetimes of one zone...
    assert format_datetime(first) == "2025-11-02T01:30:00-04:00[America/New_York]"
    # ...but not the same instant: the text from the cache must say so.
    assert format_datetime(second) == "2025-11-02T01:30:00-05:00[America/New_York]"
    assert format_datetime(first) == "2025-11-02T01:30:00-04:00[America/New_York]"


def test_the_docs_state_the_cache_bounds_the_code_has() -> None:
    root = Path(__file__).parent.parent
    pages = [
        (root / "docs" / "reference" / "api.rst").read_text("utf-8"),
        (root / "docs" / "performance.md").read_text("utf-8"),
        sharing_module.clear_caches.__doc__ or "",
    ]
    mib = sharing_module.SHARING_MAX_BYTES // 2**20
    kib = sharing_module.SHARING_MAX_VALUE_BYTES // 2**10
    for text in pages:
        page = " ".join(text.split())
        assert f"{mib} MiB" in page
        assert f"{sharing_module.SHARING_MAX_ENTRIES:,} objects" in page
        assert f"{kib} KiB" in page
        assert f"{_times.TIME_CACHE_SIZE:,} entries" in page


def _twice_in_one_document(number: int) -> bytes:
    """A place whose one identifier (a value new to each document) is written twice."""
    identifier = {"scheme": "wikidata", "value": f"Q{number}"}
    return orjson.dumps(
        {
            "schema_version": 1,
            "locality": f"Town {number}",
            "identifiers": [identifier, identifier],
        }
    )


def test_repeats_inside_one_document_do_not_keep_sharing_on() -> None:
    for number in range(2 * WINDOW + 1):  # each value twice in its document, never again
        place = coopmodel.from_json(_twice_in_one_document(number + 1), coopmodel.Place)
        assert place.identifiers[0] == place.identifiers[1]
    slot = _sharing()._slots[ExternalId]
    assert not slot.cache  # nothing kept: no value recurred between documents
    assert slot.state[0] > 0  # and the class is read without sharing for a while
    # A value seen in two documents is kept, as before.
    coopmodel.clear_caches()
    text = _id_json(10**7)
    ids = [coopmodel.from_json(text, ExternalId) for _ in range(3)]
    assert ids[1] is ids[2]


def test_the_seen_hashes_hold_at_most_their_bound() -> None:
    coopmodel.clear_caches()
    coopmodel.from_json(_id_json(1), ExternalId)  # makes the class's slot
    sharing = _sharing()
    slot = sharing._slots[ExternalId]
    for number in range(SEEN_MAX + 10):  # each value seen once: only its hash is noted
        value = ExternalId("wikidata", f"Q{number + 2}")
        sharing.insert(slot, (value.scheme, value.value), value)
        assert len(slot.seen) <= SEEN_MAX
    assert not slot.cache
